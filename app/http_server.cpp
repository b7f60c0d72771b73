#include "app/http_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace cite::app {
namespace {

using Clock = std::chrono::steady_clock;

// Each connection holds a thread from accept to close; most of them sleep in poll().
constexpr unsigned kMinThreads = 32;
// While other connections wait for a thread, an idle keep-alive connection keeps its own for
// this long, and a request being read (on loopback it arrives within a millisecond) for this
// long from its first byte: stalled clients then free the threads within a second.
constexpr auto kIdleWhileOthersWait = std::chrono::milliseconds(50);
constexpr auto kRequestWhileOthersWait = std::chrono::milliseconds(500);
constexpr auto kPressureCheck = std::chrono::milliseconds(50);
// Closing a connection whose client may still be sending (a refused body): what it sends for
// this long is read and dropped first, so that the close does not reset the connection before
// the client has read the answer.
constexpr auto kLinger = std::chrono::milliseconds(500);
constexpr std::size_t kLingerMaxBytes = 256 * 1024;

// What the handlers httplib calls learn about the connection the current thread serves.
thread_local bool t_refuse_connection = false;   // set while accept() runs a job over capacity
thread_local bool t_timed_out = false;           // the request did not arrive in time
thread_local bool t_close_after_answer = false;  // its body, if any, is left unread
thread_local Clock::time_point t_accepted_at;    // when the connection was accepted

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The host name of a Host header value ("localhost:8080" -> "localhost", "[::1]:80" -> "::1").
std::string host_name(const std::string& host) {
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    return close == std::string::npos ? host : host.substr(1, close - 1);
  }
  return host.substr(0, host.rfind(':'));
}

bool is_ip_literal(const std::string& name) {
  std::array<unsigned char, sizeof(in6_addr)> address{};
  return inet_pton(AF_INET, name.c_str(), address.data()) == 1 ||
         inet_pton(AF_INET6, name.c_str(), address.data()) == 1;
}

// DNS rebinding points a name the attacker owns at 127.0.0.1: a name that is neither an address,
// nor `localhost` (which browsers never ask DNS for), nor the one given to --listen is refused.
bool is_own_host(const std::string& host, const std::string& listen_host) {
  std::string name = lower(host_name(host));
  if (!name.empty() && name.back() == '.') name.pop_back();
  const std::string suffix = ".localhost";
  return is_ip_literal(name) || name == "localhost" ||
         (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) ||
         name == lower(listen_host);
}

// A link followed from another site (or a bookmark) opens a page in the browser, where only the
// user sees it: that is allowed, but not another site's scripts and forms.
bool following_link(const httplib::Request& request) {
  return (request.method == "GET" || request.method == "HEAD") &&
         request.get_header_value("Sec-Fetch-Mode") == "navigate";
}

}  // namespace

// httplib's ThreadPool, with a count of the connections waiting for a thread, and a cap.
class HttpServer::Workers : public httplib::TaskQueue {
 public:
  Workers(HttpServer& server, unsigned threads) : server_(server) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  }

  void enqueue(std::function<void()> job) override {
    if (server_.open_ >= kMaxConnections) {
      t_refuse_connection = true;  // answered 503 and closed here, without waiting
      job();
      t_refuse_connection = false;
      return;
    }
    ++server_.open_;
    ++server_.waiting_;
    {
      const std::lock_guard lock(mutex_);
      jobs_.push_back({std::move(job), Clock::now()});
    }
    ready_.notify_one();
  }

  void shutdown() override {
    {
      const std::lock_guard lock(mutex_);
      shutdown_ = true;
    }
    ready_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }

 private:
  void work() {
    while (true) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      --server_.waiting_;
      t_accepted_at = job.accepted_at;
      job.run();
    }
  }

  HttpServer& server_;
  std::vector<std::thread> threads_;
  struct Job {
    std::function<void()> run;
    Clock::time_point accepted_at;
  };
  std::deque<Job> jobs_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool shutdown_ = false;
};

// One client connection as httplib's Stream. It outlives the requests, so bytes read past the
// end of one request (the next, pipelined) stay buffered for it; every wait is bounded by the
// request's deadline and ends when the server stops.
class HttpServer::Connection : public httplib::Stream {
 public:
  Connection(socket_t sock, int stop_fd, const std::atomic<std::size_t>& waiting)
      : sock_(sock), stop_fd_(stop_fd), waiting_(waiting) {}

  using httplib::Stream::write;

  // Waits for the first byte of another request (or the end of the stream), counting from
  // `idle_since`: a connection that sent nothing while it waited for a thread gives it up at once
  // if others wait too.
  bool wait_for_request(Clock::time_point idle_since) {
    return begin_ < end_ || wait(POLLIN, idle_since + std::chrono::seconds(kKeepAliveSeconds),
                                 idle_since + kIdleWhileOthersWait);
  }

  // The request line and headers have been read: the body may have up to `max_body_bytes`.
  void begin_body(std::size_t max_body_bytes) {
    max_request_bytes_ = request_bytes_ + max_body_bytes;
  }

  // Whether a read failed: what is left of the stream is not a request.
  bool broken() const { return broken_; }

  void begin_request() {
    request_start_ = Clock::now();
    read_deadline_ = request_start_ + std::chrono::seconds(kRequestSeconds);
    write_deadline_.reset();
    request_bytes_ = 0;
    max_request_bytes_ = kMaxHeaderBytes;
    t_timed_out = false;
  }

  bool is_readable() const override {
    return begin_ < end_ || wait(POLLIN, read_deadline_, request_start_ + kRequestWhileOthersWait);
  }

  bool is_writable() const override {
    pollfd ready{sock_, POLLOUT, 0};
    return poll(&ready, 1, 0) == 1 && (ready.revents & POLLOUT) != 0;
  }

  ssize_t read(char* ptr, std::size_t size) override {
    while (begin_ == end_) {
      if (!wait(POLLIN, read_deadline_, request_start_ + kRequestWhileOthersWait)) {
        t_timed_out = timed_out_;
        broken_ = true;
        return -1;
      }
      const ssize_t n = recv(sock_, buffer_.data(), buffer_.size(), MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
      if (n <= 0) {
        broken_ = true;
        return n;
      }
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    // httplib takes any number of 8 KiB header lines.
    size = std::min({size, end_ - begin_, max_request_bytes_ - request_bytes_});
    if (size == 0) {
      broken_ = true;
      return -1;
    }
    std::copy_n(buffer_.data() + begin_, size, ptr);
    begin_ += size;
    request_bytes_ += size;
    return static_cast<ssize_t>(size);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (!write_deadline_) write_deadline_ = Clock::now() + std::chrono::seconds(kWriteSeconds);
    std::size_t written = 0;
    while (written < size) {
      if (!wait(POLLOUT, *write_deadline_)) return -1;
      const ssize_t n = send(sock_, ptr + written, size - written, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
      if (n > 0) written += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address(getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address(getsockname, ip, port);
  }
  socket_t socket() const override { return sock_; }

  // Closes the connection; `drain` first reads and drops what the client may still be sending.
  void close_connection(bool drain) {
    if (drain) {
      shutdown(sock_, SHUT_WR);
      const auto until = Clock::now() + kLinger;
      std::array<char, 4096> sink{};
      std::size_t dropped = 0;
      while (dropped < kLingerMaxBytes && wait(POLLIN, until)) {
        const ssize_t n = recv(sock_, sink.data(), sink.size(), MSG_DONTWAIT);
        if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR))) break;
        if (n > 0) dropped += static_cast<std::size_t>(n);
      }
    }
    shutdown(sock_, SHUT_RDWR);
    close(sock_);
  }

 private:
  // Whether the socket became ready for `events` (or failed) before `deadline`, or before
  // `deadline_under_pressure` if other connections wait for a thread meanwhile. Once the server
  // stops, only a socket ready at once is used.
  bool wait(short events, Clock::time_point deadline,
            std::optional<Clock::time_point> deadline_under_pressure = std::nullopt) const {
    timed_out_ = false;
    while (true) {
      const bool pressed = deadline_under_pressure && waiting_ > 0;
      const auto until = pressed ? std::min(deadline, *deadline_under_pressure) : deadline;
      auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now());
      if (deadline_under_pressure && !pressed)
        left = std::min<decltype(left)>(left, kPressureCheck);
      std::array<pollfd, 2> fds{{{sock_, events, 0}, {stop_fd_, POLLIN, 0}}};
      const int n = poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(left.count(), 0)));
      if (n < 0 && errno != EINTR) return false;
      if (n > 0 && fds[0].revents != 0) return true;
      if (n > 0 && fds[1].revents != 0) return false;
      if (Clock::now() >= until) {
        timed_out_ = true;
        return false;
      }
    }
  }

  void address(int (*get)(int, sockaddr*, socklen_t*), std::string& ip, int& port) const {
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    std::array<char, NI_MAXHOST> host{};
    std::array<char, NI_MAXSERV> service{};
    ip.clear();
    port = 0;
    if (get(sock_, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return;
    if (getnameinfo(reinterpret_cast<sockaddr*>(&storage), length, host.data(), host.size(),
                    service.data(), service.size(), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host.data();
      port = std::atoi(service.data());
    }
  }

  socket_t sock_;
  int stop_fd_;
  const std::atomic<std::size_t>& waiting_;          // connections waiting for a thread
  std::size_t max_request_bytes_ = kMaxHeaderBytes;  // what this request may still read
  std::array<char, 16 * 1024> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t request_bytes_ = 0;  // what it has read
  Clock::time_point request_start_ = Clock::now();
  Clock::time_point read_deadline_ = request_start_ + std::chrono::seconds(kRequestSeconds);
  mutable bool timed_out_ = false;  // the last wait ended at its deadline
  bool broken_ = false;
  std::optional<Clock::time_point> write_deadline_;
};

HttpServer::HttpServer(std::string listen_host, std::size_t max_body_bytes,
                       std::function<std::string(const std::string&)> error_body)
    : listen_host_(std::move(listen_host)),
      max_body_bytes_(max_body_bytes),
      error_body_(std::move(error_body)) {
  if (pipe2(stop_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  new_task_queue = [this] {
    return new Workers(*this, std::max(kMinThreads, std::thread::hardware_concurrency()));
  };
  set_payload_max_length(max_body_bytes_);
  set_keep_alive_timeout(kKeepAliveSeconds);  // what the Keep-Alive header announces
  set_keep_alive_max_count(kKeepAliveMaxCount);
  set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
    return refuse_if_hostile(request, response);
  });
  // A client that waits for `100 Continue` before sending its body learns of a refusal first.
  set_expect_100_continue_handler([this](const httplib::Request& request,
                                         httplib::Response& response) {
    return refuse_if_hostile(request, response) == HandlerResponse::Handled ? response.status : 100;
  });
}

HttpServer::~HttpServer() {
  close(stop_pipe_[0]);
  close(stop_pipe_[1]);
}

int HttpServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? bind_to_any_port(host) : bind_to_port(host, port) ? port : -1;
  if (bound > 0 && ::listen(svr_sock_, kListenBacklog) != 0) return -1;
  return bound;
}

void HttpServer::shut_down() {
  if (!stopping_.exchange(true)) {
    const char byte = 0;
    static_cast<void>(::write(stop_pipe_[1], &byte, 1));
  }
  stop();
}

bool HttpServer::request_timed_out() { return t_timed_out; }

void HttpServer::refuse(httplib::Response& response, int status, const std::string& message) const {
  response.status = status;
  response.set_content(error_body_(message), "application/json");
}

httplib::Server::HandlerResponse HttpServer::refuse_if_hostile(const httplib::Request& request,
                                                               httplib::Response& response) {
  const std::string host = request.get_header_value("Host");
  const std::string origin = request.get_header_value("Origin");
  const std::string fetch_site = request.get_header_value("Sec-Fetch-Site");
  if (request.has_header("Host") && !is_own_host(host, listen_host_)) {
    refuse(response, 403,
           "the Host header names '" + host +
               "', not this machine; cite serve answers requests for localhost, an IP address "
               "or the --listen host only");
  } else if (request.has_header("Origin") && lower(origin) != "http://" + lower(host)) {
    refuse(response, 403,
           "requests from another origin (" + origin +
               ") are refused; cite serve answers "
               "pages it serves itself and programs that send no Origin");
  } else if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none" &&
             !following_link(request)) {
    refuse(response, 403,
           "requests from another site (Sec-Fetch-Site: " + fetch_site + ") are refused");
  } else if (request.has_header("Transfer-Encoding")) {
    refuse(response, 411,
           "send the request body with a Content-Length header; chunked bodies are not taken");
  } else if (request.get_header_value<uint64_t>("Content-Length") > max_body_bytes_) {
    refuse(response, 413,
           "the request body is larger than " + std::to_string(max_body_bytes_) + " bytes");
  } else {
    return HandlerResponse::Unhandled;
  }
  t_close_after_answer = true;  // the body was not read: what follows is not a request
  response.set_header("Connection", "close");
  return HandlerResponse::Handled;
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  Connection connection(sock, stop_pipe_[0], waiting_);
  if (t_refuse_connection) {
    const std::string body = error_body_("the server is busy: " + std::to_string(kMaxConnections) +
                                         " connections are open; try again");
    const std::string answer =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body;
    static_cast<void>(send(sock, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL));
    connection.close_connection(false);
    return true;
  }
  bool drain = false;
  Clock::time_point idle_since = t_accepted_at;
  for (std::size_t count = 0; count < kKeepAliveMaxCount && !stopping_; ++count) {
    if (!connection.wait_for_request(idle_since)) break;
    connection.begin_request();
    t_close_after_answer = false;
    bool client_closes = false;
    const bool last = count + 1 == kKeepAliveMaxCount;
    const bool answered =
        process_request(connection, last, client_closes, [&](httplib::Request& r) {
          connection.begin_body(max_body_bytes_);
          // The answers are small JSON: ranges only let one request multiply its answer.
          r.ranges.clear();
          // RFC 9112: a request with neither header has no body; httplib would read to the end.
          if (!r.has_header("Content-Length") && !r.has_header("Transfer-Encoding")) {
            r.set_header("Content-Length", "0");
          }
        });
    if (!answered || client_closes || t_close_after_answer || connection.broken()) {
      drain = t_close_after_answer;
      break;
    }
    idle_since = Clock::now();
  }
  connection.close_connection(drain);
  --open_;
  return true;
}

}  // namespace cite::app
