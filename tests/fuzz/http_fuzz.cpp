// Fuzzes the HTTP request path of `cite serve`: the fuzzed bytes are what a client sent on one
// connection, fed to httplib's request processing (the function its socket loop calls for each
// request of a keep-alive connection) with the routes `cite serve` configures over corpus/.
// Every answer must be a client error or a success with a JSON body, never a 500 or a crash.
#include <httplib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/serve.hpp"
#include "fuzz_index.hpp"
#include "fuzz_support.hpp"
#include "text/utf8.hpp"

namespace {

using cite::fuzz::require;

// A client connection held in memory: reads come from the fuzzed bytes, writes are counted.
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view input) : input_(input) {}

  bool has_more() const { return read_ < input_.size(); }

  bool is_readable() const override { return has_more(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, input_.size() - read_);
    std::memcpy(ptr, input_.data() + read_, n);
    read_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* /*ptr*/, std::size_t size) override {
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 50000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  std::string_view input_;
  std::size_t read_ = 0;
};

// `cite serve`'s server, driven one connection at a time without a socket.
class FuzzServer : public httplib::Server {
 public:
  explicit FuzzServer(const cite::Index& index) {
    cite::app::configure_server(*this, index);
    // Called with the final answer to every request, httplib's own refusals included.
    set_logger([](const httplib::Request& request, const httplib::Response& response) {
      check_answer(request, response);
    });
  }

  // What httplib's keep-alive loop does with a connection's requests (at most this many).
  void serve_connection(std::string_view bytes) {
    MemoryStream stream(bytes);
    constexpr int kMaxRequests = 8;
    for (int count = kMaxRequests; count > 0 && stream.has_more(); --count) {
      bool connection_closed = false;
      if (!process_request(stream, count == 1, connection_closed, nullptr) || connection_closed) {
        break;
      }
    }
  }

 private:
  static void check_answer(const httplib::Request& request, const httplib::Response& response) {
    const std::string what = request.method + " " + request.path + " -> " +
                             std::to_string(response.status) + " " + response.body;
    require(response.status != 500, "no request makes the server fail", what);
    require(response.status >= 200 && response.status < 500, "an HTTP status", what);
    // httplib answers a Range request with the asked bytes of the JSON (multipart for several),
    // and compresses the body for a client that accepts gzip or brotli.
    if (request.method == "HEAD" || request.has_header("Range") ||
        response.has_header("Content-Encoding")) {
      return;
    }
    require(cite::text::is_valid_utf8(response.body), "the answer is UTF-8", what);
    // The browser pages (app/web) answer in HTML, CSS or JavaScript; everything else in JSON.
    const std::string type = response.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
      require(type.rfind("text/", 0) == 0, "a JSON or text answer", what);
      return;
    }
    require(nlohmann::json::accept(response.body), "the answer is JSON", what);
  }
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  static_cast<void>(cite::fuzz::CorpusIndex::get());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static FuzzServer server(cite::fuzz::CorpusIndex::get().index());
  server.serve_connection(cite::fuzz::as_text(data, size));
  return 0;
}
