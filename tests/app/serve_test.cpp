#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <thread>

#include "support/support.hpp"

namespace cite {
namespace {

using cite::testing::run_cite;
using nlohmann::json;

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(7);  // a request's 5 s timeouts, and slack

// `cite serve --listen 127.0.0.1:0`, the real binary, as a child process that is killed when
// this is destroyed (and by the kernel if the test program dies first).
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& index) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    const std::vector<std::string> args{CITE_BINARY, "serve",    "--index",
                                        index,       "--listen", "127.0.0.1:0"};
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {  // only async-signal-safe calls until exec
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
    if (pid_ < 0) throw std::runtime_error("fork failed");
    first_line_ = read_line(kStartTimeout);
    std::smatch match;
    if (std::regex_match(first_line_, match,
                         std::regex(R"(listening on http://127\.0\.0\.1:(\d+))"))) {
      port_ = std::stoi(match[1]);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }  // 0 if the server did not say it was listening
  const std::string& first_line() const { return first_line_; }

  // Sends `signal`; the wait status if the process ends within `timeout`.
  std::optional<int> stop(int signal, std::chrono::milliseconds timeout) {
    kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }

 private:
  std::string read_line(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string line;
    char c = 0;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd ready{out_, POLLIN, 0};
      if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) != 1) break;
      if (read(out_, &c, 1) != 1 || c == '\n') break;
      line += c;
    }
    return line;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
  std::string first_line_;
};

// One server over an index of the shipped corpus, shared by the tests that only query it.
class Serve : public cite::testing::CliCorpusTest {
 protected:
  static void SetUpTestSuite() {
    CliCorpusTest::SetUpTestSuite();
    if (::testing::Test::HasFatalFailure()) return;
    const std::string& out = cite::testing::cli_corpus_index().built.out;
    passages_ = std::stoul(out.substr(out.rfind("written, ") + std::string("written, ").size()));
    server_ = new ServeProcess(index_dir());
    ASSERT_NE(server_->port(), 0) << "first line: " << server_->first_line();
  }
  static void TearDownTestSuite() { delete server_; }

  static httplib::Client client() {
    httplib::Client http("127.0.0.1", server_->port());
    http.set_read_timeout(30, 0);
    return http;
  }

  // What `cite ARGS --index INDEX` prints on stdout; the exit code must be 0 or 1.
  static std::string cli(std::vector<std::string> args) {
    const auto result = cite(std::move(args));
    EXPECT_LE(result.exit_code, 1) << result.err;
    return result.out;
  }

  static std::size_t passages_;
  static ServeProcess* server_;
};

std::size_t Serve::passages_ = 0;
ServeProcess* Serve::server_ = nullptr;

// The body must be what the CLI prints, byte for byte, and parse to the same JSON.
void expect_same_json(const httplib::Result& result, const std::string& cli_out) {
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(result->body), json::parse(cli_out));
  EXPECT_EQ(result->body, cli_out);
}

TEST_F(Serve, HealthReportsThePassagesAndTheRoot) {
  auto http = client();
  const auto result = http.Get("/health");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const json health = json::parse(result->body);
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["passages"], passages_);
  EXPECT_EQ(health["root"], std::filesystem::canonical(cite::testing::corpus_dir()).string());
}

TEST_F(Serve, SearchAnswersWhatCiteQueryJsonPrints) {
  const std::vector<std::pair<std::string, int>> rows{
      {"deported 2024", 3},
      {"\"138.1 million\"", 1},
      {"Crocus AND attack", 10},
      {"migra*", 1000},
      {"zzyzx", 10},  // no hits
      {"Россия & 10% «quoted»", 5},
  };
  auto http = client();
  for (const auto& [query, limit] : rows) {
    SCOPED_TRACE(query);
    const httplib::Params params{{"q", query}, {"limit", std::to_string(limit)}};
    expect_same_json(http.Get("/search", params, httplib::Headers{}),
                     cli({"query", "--json", "--limit", std::to_string(limit), query}));
  }
  expect_same_json(http.Get("/search?q=deported"), cli({"query", "--json", "deported"}));
}

TEST_F(Serve, CheckAnswersWhatCiteCheckJsonPrints) {
  const std::vector<std::pair<std::string, int>> rows{
      {"Russia deported 100,000 foreigners in 2024", 3},
      {"The Crocus City Hall attack killed 145 people", 1},
      {"Xylophone orchestras rehearse chromodynamics", 3},
  };
  auto http = client();
  for (const auto& [claim, limit] : rows) {
    SCOPED_TRACE(claim);
    const json body{{"claim", claim}, {"limit", limit}};
    expect_same_json(http.Post("/check", body.dump(), "application/json"),
                     cli({"check", "--json", "--limit", std::to_string(limit), claim}));
  }
  expect_same_json(
      http.Post("/check", R"({"claim": "Russia deported 80,000 foreigners"})", "application/json"),
      cli({"check", "--json", "Russia deported 80,000 foreigners"}));
}

TEST_F(Serve, PassageAnswersWhatCiteShowJsonPrints) {
  auto http = client();
  for (const std::string citation :
       {"000_18f228960f1cda46.txt:13", "004_fad1a6b6ca469459.txt:12"}) {
    SCOPED_TRACE(citation);
    const std::size_t colon = citation.rfind(':');
    const httplib::Params params{{"path", citation.substr(0, colon)},
                                 {"paragraph", citation.substr(colon + 1)}};
    expect_same_json(http.Get("/passage", params, httplib::Headers{}),
                     cli({"show", "--json", citation}));
  }
}

struct BadRequest {
  std::string method;
  std::string target;  // path and query, already percent-encoded
  std::string body;
  int status;
  std::string error_names;  // a part of the error message
};

TEST_F(Serve, BadRequestsGetAJsonErrorNamingTheProblem) {
  const std::vector<BadRequest> rows{
      {"GET", "/search", "", 400, "missing query parameter 'q'"},
      {"GET", "/search?q=x&limit=abc", "", 400, "'limit' must be a whole number from 1 to 1000"},
      {"GET", "/search?q=x&limit=0", "", 400, "'limit' must be a whole number from 1 to 1000"},
      {"GET", "/search?q=x&limit=1001", "", 400, "got '1001'"},
      {"GET", "/search?q=x&limit=-1", "", 400, "got '-1'"},
      {"GET", "/search?q=x&limt=5", "", 400, "unknown query parameter 'limt'"},
      {"GET", "/search?q=%FF", "", 400, "'q' is not valid UTF-8"},
      {"POST", "/check", "{not json", 400, "not valid JSON"},
      {"POST", "/check", "", 400, "not valid JSON"},
      {"POST", "/check", "[\"claim\"]", 400, "is a JSON array"},
      {"POST", "/check", R"({"limit": 2})", 400, "no \"claim\" field"},
      {"POST", "/check", R"({"claim": 42})", 400, "\"claim\" must be a string, got 42"},
      {"POST", "/check", R"({"claim": "x", "limit": "3"})", 400, "\"limit\" must be a whole"},
      {"POST", "/check", R"({"claim": "x", "limit": 0})", 400, "\"limit\" must be a whole"},
      {"POST", "/check", R"({"claim": "x", "evidence": 3})", 400, "unknown field \"evidence\""},
      {"GET", "/passage?path=000_18f228960f1cda46.txt&paragraph=999", "", 400, "paragraph 999"},
      {"GET", "/passage?path=000_18f228960f1cda46.txt&paragraph=x", "", 400, "'paragraph'"},
      {"GET", "/passage?path=000_18f228960f1cda46.txt", "", 400,
       "missing query parameter 'paragraph'"},
      {"GET", "/passage?path=nope.txt&paragraph=1", "", 400, "nope.txt"},
      {"GET", "/nope", "", 404, "no endpoint /nope"},
      {"POST", "/search?q=x", "{}", 405, "POST is not allowed on /search; use GET"},
      {"GET", "/check", "", 405, "GET is not allowed on /check; use POST"},
      {"GET", "/search?q=" + std::string(9000, 'a'), "", 414, "longer than 8192 bytes"},
  };
  auto http = client();
  for (const BadRequest& row : rows) {
    SCOPED_TRACE(row.method + " " + row.target.substr(0, 80) + " " + row.body);
    const auto result = row.method == "GET" ? http.Get(row.target)
                                            : http.Post(row.target, row.body, "application/json");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, row.status) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    const json error = json::parse(result->body, nullptr, false);
    ASSERT_TRUE(error.is_object() && error.contains("error") && error["error"].is_string())
        << result->body;
    EXPECT_NE(error["error"].get<std::string>().find(row.error_names), std::string::npos)
        << result->body;
  }
  // The server is still serving.
  EXPECT_EQ(http.Get("/health")->status, 200);
}

TEST_F(Serve, BodiesOverTheLimitGet413) {
  auto http = client();
  const std::string limit_body = R"({"claim": ")" + std::string(64 * 1024 - 13, 'a') + "\"}";
  ASSERT_EQ(limit_body.size(), 64u * 1024u);
  const auto at_limit = http.Post("/check", limit_body, "application/json");
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(at_limit->status, 200) << "64 KiB is allowed";

  const auto over = http.Post("/check", limit_body + " ", "application/json");
  ASSERT_TRUE(over) << httplib::to_string(over.error());
  EXPECT_EQ(over->status, 413);
  EXPECT_NE(json::parse(over->body)["error"].get<std::string>().find("65536 bytes"),
            std::string::npos)
      << over->body;
}

TEST_F(Serve, ConcurrentRequestsAllGetTheirOwnAnswer) {
  constexpr int kThreads = 8;
  constexpr int kRequests = 50;
  const std::vector<std::string> queries{"deported", "migra*", "Crocus AND attack",
                                         "\"controlled persons registry\"", "zzyzx"};
  std::vector<std::string> expected;
  for (const std::string& query : queries) expected.push_back(cli({"query", "--json", query}));
  const std::string passage = cli({"show", "--json", "000_18f228960f1cda46.txt:13"});

  std::atomic<int> right{0};
  std::mutex mutex;
  std::string first_wrong;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto http = client();
      for (int i = 0; i < kRequests; ++i) {
        const std::size_t q = (t + i) % (queries.size() + 1);
        const bool is_passage = q == queries.size();
        const auto result =
            is_passage
                ? http.Get("/passage?path=000_18f228960f1cda46.txt&paragraph=13")
                : http.Get("/search", httplib::Params{{"q", queries[q]}}, httplib::Headers{});
        if (result && result->status == 200 &&
            result->body == (is_passage ? passage : expected[q])) {
          ++right;
        } else {
          const std::lock_guard lock(mutex);
          if (first_wrong.empty()) {
            first_wrong = result ? std::to_string(result->status) + " " + result->body
                                 : httplib::to_string(result.error());
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(right, kThreads * kRequests) << first_wrong;
}

TEST_F(Serve, SigtermAndSigintStopItWithExitCodeZero) {
  for (const int signal : {SIGTERM, SIGINT}) {
    SCOPED_TRACE(strsignal(signal));
    ServeProcess server(index_dir());
    ASSERT_NE(server.port(), 0) << server.first_line();
    httplib::Client http("127.0.0.1", server.port());
    http.set_keep_alive(true);  // left open and idle while the server stops
    ASSERT_EQ(http.Get("/health")->status, 200);
    const auto start = std::chrono::steady_clock::now();
    const std::optional<int> status = server.stop(signal, kStopTimeout);
    ASSERT_TRUE(status.has_value()) << "still running after the signal";
    EXPECT_TRUE(WIFEXITED(*status)) << "killed by the signal instead of stopping";
    EXPECT_EQ(WEXITSTATUS(*status), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3))
        << "an idle keep-alive connection must not hold up the shutdown";
  }
}

TEST_F(Serve, ListenFailuresExitTwoAndSayWhy) {
  const std::string in_use = "127.0.0.1:" + std::to_string(server_->port());
  const auto busy = run_cite({"serve", "--index", index_dir(), "--listen", in_use});
  EXPECT_EQ(busy.exit_code, 2);
  EXPECT_NE(busy.err.find("cannot listen on " + in_use), std::string::npos) << busy.err;
  EXPECT_TRUE(busy.out.empty()) << busy.out;

  for (const std::string listen : {"8080", "127.0.0.1:", "127.0.0.1:65536", "::1:80", "x:y"}) {
    const auto bad = run_cite({"serve", "--index", index_dir(), "--listen", listen});
    EXPECT_EQ(bad.exit_code, 2) << listen;
    EXPECT_NE(bad.err.find("HOST:PORT"), std::string::npos) << bad.err;
  }
  const auto missing =
      run_cite({"serve", "--index", (scratch() / "nope").string(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope"), std::string::npos) << missing.err;
}

TEST_F(Serve, HelpListsTheEndpointsAndExitCodes) {
  const auto help = run_cite({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* part : {"--index", "--listen", "GET  /search", "POST /check", "GET  /passage",
                           "GET  /health", "400", "404", "405", "413", "Exit codes"}) {
    EXPECT_NE(help.out.find(part), std::string::npos) << part;
  }
}

// A TCP connection to the server written byte for byte, for what httplib::Client cannot send:
// stalls, pipelining, half-closing, hostile headers.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // False once the server has closed the connection.
  bool send_all(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  void stop_sending() { shutdown(fd_, SHUT_WR); }

  // What the server sends until it closes the connection or `timeout` passes; `closed` says which.
  std::string read_all(std::chrono::milliseconds timeout, bool* closed = nullptr) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string received;
    std::array<char, 65536> buffer{};
    if (closed != nullptr) *closed = false;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd ready{fd_, POLLIN, 0};
      if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) != 1) break;
      const ssize_t n = recv(fd_, buffer.data(), buffer.size(), 0);
      if (n <= 0) {
        if (closed != nullptr) *closed = true;
        break;
      }
      received.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return received;
  }

 private:
  int fd_;
  bool connected_ = false;
};

int count_of(const std::string& text, const std::string& part) {
  int count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

constexpr auto kAnswerTimeout = std::chrono::seconds(10);

// Regression: some 3,000 nested `(` in one GET overflowed the parser's stack and killed the server.
TEST_F(Serve, DeeplyNestedParenthesesAreSearchedAsPlainWords) {
  auto http = client();
  const auto nested = http.Get("/search?q=" + std::string(8000, '(') + "deported");
  ASSERT_TRUE(nested) << httplib::to_string(nested.error());
  EXPECT_EQ(nested->status, 200) << nested->body.substr(0, 200);
  EXPECT_EQ(json::parse(nested->body)["hits"],
            json::parse(cli({"query", "--json", "deported"}))["hits"]);
  EXPECT_EQ(http.Get("/health")->status, 200);
}

// Regression: a body nested 64 KiB deep overflowed the stack in the error message's dump().
TEST_F(Serve, DeeplyNestedJsonBodiesAreRefused) {
  auto http = client();
  for (const std::string field : {"claim", "limit"}) {
    SCOPED_TRACE(field);
    const std::string body =
        R"({")" + field + R"(": )" + std::string(30000, '[') + std::string(30000, ']') + "}";
    const auto result = http.Post("/check", body, "application/json");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 400);
    EXPECT_NE(result->body.find("nests deeper than 32 levels"), std::string::npos)
        << result->body.substr(0, 200);
  }
  EXPECT_EQ(http.Get("/health")->status, 200);
}

// Regression: a chunked body bypassed the 64 KiB limit: 300 MB were read.
TEST_F(Serve, ChunkedBodiesAreRefusedWithoutReadingThem) {
  RawConnection raw(server_->port());
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(
      raw.send_all("POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n"));
  // A valid claim padded past the limit: read in full, it would be answered 200.
  const std::string claim = R"({"claim": "Russia deported 80,000 foreigners")";
  std::string body = claim;
  for (int i = 0; i < 100; ++i) body += "\r\n" + std::string(1022, ' ');
  body += "}";
  std::string chunked;
  for (std::size_t at = 0; at < body.size(); at += 4096) {
    const std::string chunk = body.substr(at, 4096);
    std::ostringstream size;
    size << std::hex << chunk.size();
    chunked += size.str() + "\r\n" + chunk + "\r\n";
  }
  raw.send_all(chunked + "0\r\n\r\n");
  const std::string answer = raw.read_all(kAnswerTimeout);
  EXPECT_EQ(answer.rfind("HTTP/1.1 411 ", 0), 0u) << answer.substr(0, 300);
  EXPECT_NE(answer.find("Content-Length header"), std::string::npos) << answer;
}

// Regression: httplib read any number of 8 KiB header lines.
TEST_F(Serve, HeadersOver64KiBAreRefused) {
  RawConnection raw(server_->port());
  ASSERT_TRUE(raw.connected());
  std::string request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 100; ++i) request += "X-Padding: " + std::string(1000, 'x') + "\r\n";
  raw.send_all(request + "\r\n");
  bool closed = false;
  const std::string answer = raw.read_all(kAnswerTimeout, &closed);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << answer.substr(0, 300);
  EXPECT_TRUE(closed);
}

// Regression: a Range header of 2,600 ranges made one request answer gigabytes.
TEST_F(Serve, RangeHeadersAreIgnored) {
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 100; ++i) ranges += ",0-";
  auto http = client();
  const auto result = http.Get("/search?q=migra*&limit=1000", httplib::Headers{{"Range", ranges}});
  expect_same_json(result, cli({"query", "--json", "--limit", "1000", "migra*"}));
}

struct HostileHeaders {
  std::string headers;
  int status;
};

// Regression: no Host or Origin check, so a web page could read the index through DNS
// rebinding, or send it requests from another site.
TEST_F(Serve, RequestsForAnotherHostOrFromAnotherOriginAreRefused) {
  const std::string port = std::to_string(server_->port());
  const std::vector<HostileHeaders> rows{
      {"Host: 127.0.0.1:" + port, 200},
      {"Host: localhost:" + port, 200},
      {"Host: LOCALHOST", 200},
      {"Host: [::1]:" + port, 200},
      {"Host: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port, 200},
      {"Host: rebound.example.com:" + port, 403},
      {"Host: 127.0.0.1.example.com", 403},
      {"Host: 127.0.0.1:" + port + "\r\nOrigin: http://evil.example", 403},
      {"Host: 127.0.0.1:" + port + "\r\nOrigin: null", 403},
      {"Host: 127.0.0.1:" + port + "\r\nOrigin: http://localhost:" + port, 403},
      {"Host: 127.0.0.1:" + port + "\r\nSec-Fetch-Site: cross-site", 403},
      {"Host: 127.0.0.1:" + port + "\r\nSec-Fetch-Site: same-origin", 200},
      {"Host: 127.0.0.1:" + port + "\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate",
       200},
      {"Host: 127.0.0.1:" + port + "\r\nSec-Fetch-Site: same-site\r\nSec-Fetch-Mode: cors", 403},
  };
  for (const HostileHeaders& row : rows) {
    SCOPED_TRACE(row.headers);
    RawConnection raw(server_->port());
    ASSERT_TRUE(raw.connected());
    raw.send_all("GET /search?q=deported HTTP/1.1\r\n" + row.headers +
                 "\r\nConnection: close\r\n\r\n");
    const std::string answer = raw.read_all(kAnswerTimeout);
    EXPECT_EQ(answer.substr(0, 13), "HTTP/1.1 " + std::to_string(row.status) + " ") << answer;
    if (row.status == 403) {
      EXPECT_NE(answer.find("{\"error\":"), std::string::npos) << answer;
    }
  }
}

// Regression: the second of two requests sent together got no answer.
TEST_F(Serve, PipelinedRequestsAreAllAnswered) {
  RawConnection raw(server_->port());
  ASSERT_TRUE(raw.connected());
  raw.send_all(
      "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
      "GET /search?q=deported HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
      "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  bool closed = false;
  const std::string answers = raw.read_all(kAnswerTimeout, &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(count_of(answers, "HTTP/1.1 200 OK\r\n"), 3) << answers;
  EXPECT_EQ(count_of(answers, "\"status\":\"ok\""), 2) << answers;
  EXPECT_NE(answers.find(cli({"query", "--json", "deported"})), std::string::npos);
}

// Regression: a client that shut down its sending side after its request got no answer.
TEST_F(Serve, HalfClosedClientsGetTheirAnswer) {
  RawConnection raw(server_->port());
  ASSERT_TRUE(raw.connected());
  raw.send_all("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  raw.stop_sending();
  bool closed = false;
  const std::string answer = raw.read_all(kAnswerTimeout, &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"status\":\"ok\""), std::string::npos) << answer;
}

// Regression: a client sending one header byte every few seconds held a thread for as long as
// it liked (the timeout was per read).
TEST_F(Serve, ARequestMustArriveWithinFiveSeconds) {
  RawConnection raw(server_->port());
  ASSERT_TRUE(raw.connected());
  raw.send_all("GET /health HTTP/1.1\r\n");
  const auto start = std::chrono::steady_clock::now();
  std::string answer;
  bool closed = false;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(9) && !closed &&
         answer.empty() && raw.send_all("X")) {
    answer = raw.read_all(std::chrono::milliseconds(500), &closed);
  }
  answer += raw.read_all(kAnswerTimeout, &closed);
  EXPECT_TRUE(closed) << "a request trickling in for 9 s was still being read";
  EXPECT_EQ(answer.rfind("HTTP/1.1 408 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("did not arrive within 5 s"), std::string::npos) << answer;
}

// Regression: stalled and idle connections held every thread: other clients waited 20-30 s
// and SIGTERM did not stop the server.
TEST_F(Serve, StalledAndIdleClientsHoldUpNeitherOthersNorTheStop) {
  ServeProcess server(index_dir());
  ASSERT_NE(server.port(), 0) << server.first_line();
  std::vector<std::unique_ptr<RawConnection>> hostile;
  for (int i = 0; i < 64; ++i) {  // more than the threads, each stalled inside a request
    hostile.push_back(std::make_unique<RawConnection>(server.port()));
    hostile.back()->send_all("GET /health HTTP/1.1\r\nHo");
  }
  for (int i = 0; i < 256; ++i) {  // idle: connected, sending nothing
    hostile.push_back(std::make_unique<RawConnection>(server.port()));
  }
  httplib::Client http("127.0.0.1", server.port());
  http.set_connection_timeout(5, 0);
  http.set_read_timeout(5, 0);
  const auto answered = http.Get("/health");
  ASSERT_TRUE(answered) << httplib::to_string(answered.error());
  EXPECT_EQ(answered->status, 200);

  for (auto& connection : hostile) connection->send_all("st: x\r\n");  // still stalled
  const auto start = std::chrono::steady_clock::now();
  const std::optional<int> status = server.stop(SIGTERM, kStopTimeout);
  ASSERT_TRUE(status.has_value()) << "still running after SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3))
      << "stalled clients must not hold up the stop";
}

}  // namespace
}  // namespace cite
