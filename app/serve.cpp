#include "app/serve.hpp"

#include <httplib.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "app/http_server.hpp"
#include "app/options.hpp"
#include "app/web/pages.hpp"
#include "cite/cite.hpp"

// `cite serve`: the JSON of `--json` over HTTP (docs/http.md). The routes only translate HTTP to
// the public API and back; every result body is cite::to_json's, so a client sees the CLI's bytes.
namespace cite::app {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t kMaxBodyBytes = 64 * 1024;
constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxParagraph = 999'999'999;  // nine digits always fit an int
// A body nested deeper than this is refused before nlohmann's recursive functions see it: a
// 64 KiB body of `[` overflowed the stack in the error message's dump().
constexpr int kMaxJsonDepth = 32;
constexpr const char* kJsonType = "application/json";

struct Endpoint {
  std::string_view method;
  std::string_view path;
};
constexpr std::array<Endpoint, 4> kEndpoints{{
    {"GET", "/search"},
    {"POST", "/check"},
    {"GET", "/passage"},
    {"GET", "/health"},
}};

[[noreturn]] void bad_request(const std::string& message) {
  throw Error(ErrorKind::kInvalidArgument, message);
}

// Error messages quote what the client sent, which need not be UTF-8.
std::string dump(const ordered_json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void reply(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body + '\n', kJsonType);  // the line `--json` prints, newline included
}

std::string error_body(const std::string& message) { return dump({{"error", message}}) + '\n'; }

void reply_error(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(error_body(message), kJsonType);
}

// A count the client gave (`what`, as it wrote it: `given`), checked to be in [1, max].
std::size_t count_in_range(const std::string& what, std::optional<std::size_t> value,
                           const std::string& given, std::size_t max) {
  if (!value || *value < 1 || *value > max) {
    bad_request(what + " must be a whole number from 1 to " + std::to_string(max) + ", got " +
                given);
  }
  return *value;
}

// A misspelt parameter (`limt=5`) is refused rather than silently ignored.
void expect_only(const httplib::Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.params) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string names;
    for (const std::string_view name_known : known) {
      names += (names.empty() ? "" : ", ") + std::string(name_known);
    }
    bad_request("unknown query parameter '" + name + "'; " + request.path + " takes " +
                (names.empty() ? "none" : names));
  }
}

std::string required(const httplib::Request& request, const std::string& name,
                     const std::string& meaning) {
  if (!request.has_param(name)) {
    bad_request("missing query parameter '" + name + "' (" + meaning + ")");
  }
  return request.get_param_value(name);
}

// cite::Index refuses text that is not UTF-8 too, but can only call it "the query": this names
// the HTTP parameter the client must fix.
void require_utf8(const std::string& what, const std::string& text) {
  try {
    static_cast<void>(json(text).dump());
  } catch (const json::type_error&) {
    bad_request(what + " is not valid UTF-8");
  }
}

std::string search(const Index& index, const httplib::Request& request) {
  expect_only(request, {"q", "limit"});
  const std::string query = required(request, "q", "the search query");
  require_utf8("query parameter 'q'", query);
  SearchOptions options;
  if (request.has_param("limit")) {
    const std::string limit = request.get_param_value("limit");
    options.limit = count_in_range("query parameter 'limit'", parse_whole_number(limit),
                                   "'" + limit + "'", kMaxLimit);
  }
  return to_json(index.search(query, options));
}

std::string check(const Index& index, const httplib::Request& request) {
  // No expect_only: httplib parses a form-encoded body (curl -d's default type) into the
  // parameters too, and the body is read as JSON whatever its declared type.
  const std::string usage = R"(; send a JSON object such as {"claim": "...", "limit": 3})";
  json body;
  const json::parser_callback_t bounded = [&usage](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) {
      bad_request("the request body nests deeper than " + std::to_string(kMaxJsonDepth) +
                  " levels" + usage);
    }
    return true;
  };
  try {
    body = json::parse(request.body, bounded);
  } catch (const json::parse_error& e) {
    bad_request("the request body is not valid JSON (" + std::string(e.what()) + ")" + usage);
  }
  if (!body.is_object()) {
    bad_request("the request body is a JSON " + std::string(body.type_name()) + usage);
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "claim" && key != "limit") {
      bad_request("unknown field \"" + key + "\" in the request body" + usage);
    }
  }
  if (!body.contains("claim")) bad_request("the request body has no \"claim\" field" + usage);
  const json& claim = body["claim"];
  if (!claim.is_string()) {
    bad_request("field \"claim\" must be a string, got " + dump(claim) + usage);
  }
  CheckOptions options;
  if (body.contains("limit")) {
    const json& limit = body["limit"];
    options.max_evidence = count_in_range(
        "field \"limit\"",
        limit.is_number_unsigned() ? std::optional(limit.get<std::size_t>()) : std::nullopt,
        dump(limit), kMaxLimit);
  }
  return to_json(index.check(claim.get<std::string>(), options));
}

std::string passage(const Index& index, const httplib::Request& request) {
  expect_only(request, {"path", "paragraph"});
  const std::string path = required(request, "path", "the file, relative to the corpus root");
  require_utf8("query parameter 'path'", path);
  const std::string paragraph = required(request, "paragraph", "the paragraph number, from 1");
  const std::size_t number =
      count_in_range("query parameter 'paragraph'", parse_whole_number(paragraph),
                     "'" + paragraph + "'", kMaxParagraph);
  return passage_to_json(index.root(), index.passage(path, static_cast<int>(number)));
}

std::string health(const Index& index, const httplib::Request& request) {
  expect_only(request, {});
  return dump({{"status", "ok"}, {"passages", index.passage_count()}, {"root", index.root()}});
}

// A route answering with `respond`'s JSON, or with the error it throws: the caller's mistakes
// (cite::Error's invalid argument) are 400, anything else is the server's, 500.
httplib::Server::Handler route(const Index& index,
                               std::string (*respond)(const Index&, const httplib::Request&)) {
  return [&index, respond](const httplib::Request& request, httplib::Response& response) {
    try {
      reply(response, 200, respond(index, request));
    } catch (const Error& e) {
      const bool client = e.kind() == ErrorKind::kInvalidArgument;
      if (!client) std::cerr << "cite: error: " + std::string(e.what()) + '\n';
      reply_error(response, client ? 400 : 500, e.what());
    } catch (const std::exception& e) {
      std::cerr << "cite: internal error: " + std::string(e.what()) + '\n';
      reply_error(response, 500, std::string("internal error: ") + e.what());
    }
  };
}

// What httplib refuses before any route runs (no route, a wrong method, too large a body, a
// malformed request) gets a JSON error too. Routes' own errors already have their body.
httplib::Server::HandlerResponse explain_refusal(const httplib::Request& request,
                                                 httplib::Response& response) {
  if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  std::string endpoints;
  std::string_view allowed;
  for (const Endpoint& endpoint : kEndpoints) {
    endpoints += (endpoints.empty() ? "" : ", ") + std::string(endpoint.method) + " " +
                 std::string(endpoint.path);
    if (endpoint.path == request.path) allowed = endpoint.method;
  }
  // httplib answers a method it has no route for with 404, or 400 when it expected a body.
  if (!allowed.empty() && request.method != allowed) {
    response.set_header("Allow", std::string(allowed));
    reply_error(
        response, 405,
        request.method + " is not allowed on " + request.path + "; use " + std::string(allowed));
  } else if (response.status == 404) {
    reply_error(response, 404, "no endpoint " + request.path + "; the endpoints are " + endpoints);
  } else if (response.status == 413) {
    reply_error(response, 413,
                "the request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
  } else if (response.status == 400 && HttpServer::request_timed_out()) {
    reply_error(response, 408,
                "the request did not arrive within " + std::to_string(HttpServer::kRequestSeconds) +
                    " s of its first byte");
    response.set_header("Connection", "close");
  } else if (response.status == 414) {
    reply_error(response, 414,
                "the request line is longer than " +
                    std::to_string(CPPHTTPLIB_REQUEST_URI_MAX_LENGTH) + " bytes");
  } else {
    reply_error(
        response, response.status,
        "the request could not be served (HTTP status " + std::to_string(response.status) + ")");
  }
  return httplib::Server::HandlerResponse::Handled;
}

void configure(httplib::Server& server, const Index& index) {
  // httplib's default options add SO_REUSEPORT, with which a second server shares a port in use
  // instead of failing to bind it.
  server.set_socket_options([](socket_t socket) {
    const int on = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  });
  // httplib writes the headers and the body separately: with Nagle's algorithm the body then
  // waits for the client's delayed ACK, some 40 ms on every keep-alive request.
  server.set_tcp_nodelay(true);
  server.Get("/search", route(index, search));
  server.Post("/check", route(index, check));
  server.Get("/passage", route(index, passage));
  server.Get("/health", route(index, health));
  web::register_pages(server, index);  // the HTML pages for a browser
  server.set_error_handler(httplib::Server::HandlerWithResponse(explain_refusal));
}

struct ListenAddress {
  std::string host;   // as getaddrinfo takes it: "127.0.0.1", "localhost", "::1"
  std::string shown;  // as a URL writes it: "127.0.0.1", "localhost", "[::1]"
  int port = 0;
};

ListenAddress parse_listen_address(const std::string& text) {
  const std::string usage =
      "--listen expects HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080 (port 0 picks a free "
      "port), got '" +
      text + "'";
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw Error(ErrorKind::kInvalidArgument, usage);
  ListenAddress address;
  address.shown = text.substr(0, colon);
  address.host = address.shown;
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);
  } else if (address.host.find(':') != std::string::npos) {
    throw Error(ErrorKind::kInvalidArgument, usage);  // an IPv6 address needs its brackets
  }
  const std::optional<std::size_t> port = parse_whole_number(text.substr(colon + 1));
  if (!port || *port > 65535) throw Error(ErrorKind::kInvalidArgument, usage);
  address.port = static_cast<int>(*port);
  return address;
}

// Returns the port bound, the free one picked for port 0 too.
int bind_port(HttpServer& server, const ListenAddress& address) {
  errno = 0;
  const int port = server.bind(address.host, address.port);
  if (port <= 0) {
    const std::string reason = errno != 0 ? std::string(": ") + std::strerror(errno) : "";
    throw Error(ErrorKind::kIo, "cannot listen on " + address.shown + ":" +
                                    std::to_string(address.port) + reason +
                                    "; give another --listen HOST:PORT (port 0 picks a free one)");
  }
  return port;
}

// Posted by the signal handler, which may do nothing else: sem_post is async-signal-safe,
// httplib's stop() is not.
sem_t g_stop_requested;

extern "C" void on_stop_signal(int /*signal*/) {
  const int saved = errno;
  sem_post(&g_stop_requested);
  errno = saved;
}

// Stops `server` from a thread of its own on SIGINT or SIGTERM, for as long as it lives; the
// previous handlers are restored when it is destroyed.
class StopOnSignal {
 public:
  explicit StopOnSignal(HttpServer& server) {
    sem_init(&g_stop_requested, 0, 0);
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    action.sa_flags = SA_RESTART;  // the other threads' reads and writes go on undisturbed
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
      sigaction(kSignals[i], &action, &previous_[i]);
    }
    watcher_ = std::thread([this, &server] { stop_when_asked(server); });
  }
  ~StopOnSignal() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
      sigaction(kSignals[i], &previous_[i], nullptr);
    }
    released_ = true;
    sem_post(&g_stop_requested);
    watcher_.join();
    sem_destroy(&g_stop_requested);
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

 private:
  void stop_when_asked(HttpServer& server) {
    while (sem_wait(&g_stop_requested) != 0) {
    }
    // stop() does nothing until listen_after_bind has started, and a signal may come first.
    while (!released_) {
      if (server.is_running()) {
        server.shut_down();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  static constexpr std::array<int, 2> kSignals{SIGINT, SIGTERM};
  std::array<struct sigaction, kSignals.size()> previous_{};
  std::atomic<bool> released_{false};
  std::thread watcher_;
};

}  // namespace

int run(const ServeCommand& command) {
  const ListenAddress address = parse_listen_address(command.listen);
  const Index index = Index::open(command.location.dir);
  HttpServer server(address.host, kMaxBodyBytes, error_body);
  configure(server, index);
  const int port = bind_port(server, address);
  const StopOnSignal stop_on_signal(server);
  // Flushed at once: scripts and tests wait for this line to learn the port.
  std::cout << "listening on http://" << address.shown << ':' << port << std::endl;
  if (!server.listen_after_bind()) {
    throw Error(ErrorKind::kIo, "stopped accepting connections on " + address.shown + ":" +
                                    std::to_string(port) + ": " + std::strerror(errno));
  }
  return kExitFound;
}

void configure_server(httplib::Server& server, const Index& index) { configure(server, index); }

}  // namespace cite::app
