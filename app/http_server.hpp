#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

// The connection layer of `cite serve`: httplib's request parsing and routing, over connections
// this class reads and writes itself, because httplib's own (0.11, Debian 12) let one client hold
// a worker indefinitely, did not see a stop while a client stalled, lost pipelined requests and
// dropped the answer to a client that had shut down its sending side.
//
// What it guarantees (docs/http.md, "Limits"):
// - a request (line, headers and body) must arrive within kRequestSeconds of its first byte, and
//   its answer be taken within kWriteSeconds, or the connection is closed;
// - at most kMaxConnections connections are open or waiting for a thread; more are answered 503;
// - an idle keep-alive connection gives its thread up at once when other connections wait;
// - shut_down() ends every connection promptly, whatever its client is doing;
// - Range headers are ignored (the JSON answers are small; 2,600 ranges made a multi-GB answer);
// - requests whose Host is not this machine, or whose Origin is another site, are refused (403):
//   a web page must not read the index through DNS rebinding or cross-origin requests;
// - a body must come with a Content-Length of at most the limit (411 and 413 otherwise), so a
//   chunked body cannot grow past it.
namespace cite::app {

class HttpServer : public httplib::Server {
 public:
  static constexpr int kRequestSeconds = 5;
  static constexpr int kWriteSeconds = 5;
  static constexpr int kKeepAliveSeconds = 1;
  static constexpr std::size_t kKeepAliveMaxCount = 100;
  static constexpr std::size_t kMaxConnections = 512;
  static constexpr std::size_t kMaxHeaderBytes = 64 * 1024;  // request line and headers
  static constexpr int kListenBacklog = 512;

  // `listen_host` is the --listen host (also accepted as a Host name); `error_body` turns an
  // error message into the body of an error answer (JSON, as every other answer).
  HttpServer(std::string listen_host, std::size_t max_body_bytes,
             std::function<std::string(const std::string&)> error_body);
  ~HttpServer() override;
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `host`:`port` (0: a free port) as bind_to_port does, with a listen queue of
  // kListenBacklog rather than httplib's 5, past which a burst of connections (idle clients'
  // ones too) made the others' connection attempts wait for SYN retries, a second and more.
  // Returns the port, or -1 with errno set.
  int bind(const std::string& host, int port);

  // Stops accepting and ends every connection, idle or not, within a poll's wake-up; requests
  // being routed finish and their answers are written if the client takes them at once.
  // Callable from any thread but not from a signal handler.
  void shut_down();

  // Whether the request now being refused on this thread was cut off by kRequestSeconds.
  static bool request_timed_out();

 private:
  bool process_and_close_socket(socket_t sock) override;
  HandlerResponse refuse_if_hostile(const httplib::Request& request, httplib::Response& response);
  void refuse(httplib::Response& response, int status, const std::string& message) const;

  class Workers;
  class Connection;

  std::string listen_host_;
  std::size_t max_body_bytes_;
  std::function<std::string(const std::string&)> error_body_;
  int stop_pipe_[2] = {-1, -1};  // written once by shut_down(): every poll wakes up
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> open_{0};     // connections accepted and not yet closed
  std::atomic<std::size_t> waiting_{0};  // of which waiting for a thread
};

}  // namespace cite::app
