#include "store/shards.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "support/support.hpp"

// `cite index --shards N` and searching several databases as one, local and remote
// (docs/shards.md): the answers must be those of one unsharded index, hit for hit.
namespace cite {
namespace {

namespace fs = std::filesystem;
using cite::testing::run_cite;
using cite::testing::run_shell;
using nlohmann::json;

bool have_tcpsrv() { return run_shell("command -v xapian-tcpsrv").exit_code == 0; }

// A loopback port that nothing listens on now.
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// xapian-tcpsrv serving one database on a loopback port, killed when the object goes (and by
// the kernel if the test process dies first).
class TcpServer {
 public:
  explicit TcpServer(const fs::path& database, const std::string& idle_timeout_ms = "60000") {
    for (int attempt = 0; attempt < 5 && port_ < 0; ++attempt) {
      const int port = free_port();
      pid_ = fork();
      if (pid_ == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        const std::string port_text = std::to_string(port);
        execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
               port_text.c_str(), "--idle-timeout", idle_timeout_ms.c_str(), database.c_str(),
               static_cast<char*>(nullptr));
        _exit(127);
      }
      for (int wait = 0; wait < 100; ++wait) {
        if (accepts(port)) {
          port_ = port;
          break;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {  // the port was taken meanwhile
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (port_ < 0) stop();
    }
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  int port() const { return port_; }

 private:
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  pid_t pid_ = -1;
  int port_ = -1;
};

// Queries without wildcards: Xapian 1.4 weighs a synonym (a wildcard's expansion) in each
// database with an estimate of its frequency made from the terms that database holds, so a
// wildcard's scores differ between shards (docs/shards.md).
const std::vector<std::string> kQueries = {
    "deported",     "the",  "Russia migrants", "\"foreign citizens\"",          "migrants NOT law",
    "2024 OR 2023", "Volk", "section:russia",  "file:000_18f228960f1cda46.txt",
};

// The documented assignment (docs/shards.md): FNV-1a-64 of the path's bytes, mod N. The values
// were computed by the Python function there, independently of cite.
TEST(ShardOf, IsTheFnv1a64HashOfThePathModuloTheShardCount) {
  struct Row {
    const char* path;
    std::size_t of3;
    std::size_t of7;
  };
  const Row rows[] = {
      {"000_18f228960f1cda46.txt", 0, 6}, {"001_8b7595b235d65fb7.txt", 1, 2},
      {"003_f3679c42c656c1ed.txt", 2, 6}, {"004_fad1a6b6ca469459.txt", 1, 0},
      {"docs/Привет.md", 0, 3},           {"", 2, 2},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(store::shard_of(row.path, 3), row.of3) << row.path;
    EXPECT_EQ(store::shard_of(row.path, 7), row.of7) << row.path;
    EXPECT_EQ(store::shard_of(row.path, 1), 0u) << row.path;
  }
}

class Shards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new cite::testing::TempDir;
    cite::testing::copy_corpus(corpus());
    one_ = run_cite({"index", "--index", unsharded(), corpus().string()});
    three_ = run_cite({"index", "--shards", "3", "--index", sharded(), corpus().string()});
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(one_.exit_code, 0) << one_.err;
    ASSERT_EQ(three_.exit_code, 0) << three_.err;
  }

  static fs::path corpus() { return *dir_ / "corpus"; }
  static std::string unsharded() { return (*dir_ / "one").string(); }
  static std::string sharded() { return (*dir_ / "three").string(); }

  static std::string cite_out(const std::vector<std::string>& args) {
    const auto result = run_cite(args);
    EXPECT_LE(result.exit_code, 1) << result.err;
    return result.out;
  }

  // A copy of the corpus in `dir`/corpus, indexed with 3 shards into `dir`/index (returned; empty
  // if indexing failed), for tests that change them.
  static std::string sharded_copy(const cite::testing::TempDir& dir) {
    cite::testing::copy_corpus(dir / "corpus");
    const std::string index = (dir / "index").string();
    const auto built =
        run_cite({"index", "--shards", "3", "--index", index, (dir / "corpus").string()});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    return built.exit_code == 0 ? index : "";
  }

  // `cite check --json` lines without the evidence's scores.
  static std::vector<json> checks(const std::string& lines) {
    std::vector<json> results;
    std::istringstream in(lines);
    for (std::string line; std::getline(in, line);) {
      json result = json::parse(line);
      for (json& evidence : result["evidence"]) evidence.erase("score");
      results.push_back(std::move(result));
    }
    return results;
  }

  // Every query and every dev claim gives the same JSON from both locations.
  static void expect_same_answers(const std::string& location) {
    for (const std::string& query : kQueries) {
      const std::string expected =
          cite_out({"query", "--json", "--limit", "12", "--index", unsharded(), query});
      EXPECT_FALSE(json::parse(expected)["hits"].empty()) << query;
      EXPECT_EQ(cite_out({"query", "--json", "--limit", "12", "--index", location, query}),
                expected)
          << query;
    }
    const std::string claims =
        (cite::testing::source_dir() / "tests/data/claims-dev.jsonl").string();
    // The same verdicts and evidence, cited alike, in the same order; only the BM25 score of the
    // retrieval, whose query holds synonyms, may differ.
    const std::vector<json> expected =
        checks(cite_out({"check", "--json", "--claims", claims, "--index", unsharded()}));
    EXPECT_EQ(expected.size(), 15u);
    EXPECT_EQ(checks(cite_out({"check", "--json", "--claims", claims, "--index", location})),
              expected);
    for (const char* citation : {"000_18f228960f1cda46.txt:3", "004_fad1a6b6ca469459.txt:13",
                                 "002_ca56329877b14360.txt:1"}) {
      EXPECT_EQ(cite_out({"show", "--json", "--index", location, citation}),
                cite_out({"show", "--json", "--index", unsharded(), citation}))
          << citation;
    }
  }

  static inline cite::testing::TempDir* dir_ = nullptr;
  static inline cite::testing::CommandResult one_;
  static inline cite::testing::CommandResult three_;
};

TEST_F(Shards, IndexWritesAStubFileThatListsItsShards) {
  EXPECT_EQ(cite::testing::read_file(fs::path(sharded()) / "XAPIANDB"),
            "auto shard0\nauto shard1\nauto shard2\n");
  // Each file is in the shard its path hashes to, and nowhere else.
  std::size_t files = 0;
  for (int i = 0; i < 3; ++i) {
    const auto delve = run_shell(
        "(xapian-delve -1 -a " +
        cite::testing::shell_quote((fs::path(sharded()) / ("shard" + std::to_string(i))).string()) +
        " | grep -c '^P'; true)");
    files += std::stoul(delve.out);
  }
  EXPECT_EQ(files, cite::testing::corpus_files().size());
}

TEST_F(Shards, ShardedIndexAnswersLikeTheUnshardedOne) { expect_same_answers(sharded()); }

TEST_F(Shards, LocalAndRemoteShardsTogetherAnswerLikeTheUnshardedIndex) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv is not installed (Debian's xapian-tools)";
  const TcpServer server(fs::path(sharded()) / "shard1");
  ASSERT_GT(server.port(), 0) << "xapian-tcpsrv did not start";
  const fs::path stub = *dir_ / "mixed.stub";
  cite::testing::write_file(stub, "# two local shards and one served by xapian-tcpsrv\nauto " +
                                      sharded() + "/shard0\nremote 127.0.0.1:" +
                                      std::to_string(server.port()) + "\nauto three/shard2\n");
  expect_same_answers(stub.string());
  // The remote shard holds passages that the queries found.
  const auto delve = run_shell("xapian-delve -1 -a " +
                               cite::testing::shell_quote(sharded() + "/shard1") + " | grep '^P'");
  ASSERT_FALSE(delve.out.empty());
}

TEST_F(Shards, RemoteShardWhoseFileIsNotReachableIsNamedInTheError) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv is not installed (Debian's xapian-tools)";
  // A copy of the sharded index over a corpus copy that then loses a file of shard 1.
  const cite::testing::TempDir other;
  const std::string index = sharded_copy(other);
  ASSERT_FALSE(index.empty());
  const auto listed =
      run_shell("xapian-delve -1 -a " + cite::testing::shell_quote(index + "/shard1") +
                " | grep '^P' | head -1");
  ASSERT_FALSE(listed.out.empty());
  const std::string file = listed.out.substr(1, listed.out.find('\n') - 1);
  fs::remove(other / "corpus" / file);
  const TcpServer server(fs::path(index) / "shard1");
  ASSERT_GT(server.port(), 0);
  cite::testing::write_file(other / "remote.stub",
                            "remote 127.0.0.1:" + std::to_string(server.port()) + "\n");
  const auto shown = run_cite({"show", "--index", (other / "remote.stub").string(), file + ":1"});
  EXPECT_EQ(shown.exit_code, 2);
  EXPECT_NE(shown.err.find((fs::canonical(other / "corpus") / file).string()), std::string::npos)
      << shown.err;
  EXPECT_NE(shown.err.find("must be readable on this machine"), std::string::npos) << shown.err;
}

// Two indexes of two corpora searched together: each hit is cited from its own corpus, and one
// that is not under the first index's root says which root its path is relative to.
TEST_F(Shards, IndexesOfDifferentCorporaCiteEachHitFromItsOwnRoot) {
  const cite::testing::TempDir other;
  const std::vector<std::string> files = cite::testing::corpus_files();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path to = other / (i < 3 ? "a" : "b") / files[i];
    fs::create_directories(to.parent_path());
    fs::copy_file(cite::testing::corpus_dir() / files[i], to);
  }
  for (const char* name : {"a", "b"}) {
    ASSERT_EQ(run_cite({"index", "--index", (other / (std::string(name) + ".cite")).string(),
                        (other / name).string()})
                  .exit_code,
              0);
  }
  cite::testing::write_file(other / "both.stub", "auto a.cite\nauto b.cite\n");
  const std::string stub = (other / "both.stub").string();
  const json result =
      json::parse(cite_out({"query", "--json", "--limit", "20", "--index", stub, "deported"}));
  const std::string a = fs::canonical(other / "a").string();
  const std::string b = fs::canonical(other / "b").string();
  EXPECT_EQ(result["root"], a);
  std::set<std::string> roots;
  for (const json& hit : result["hits"]) {
    const std::string root = hit.value("root", result["root"].get<std::string>());
    roots.insert(root);
    EXPECT_EQ(hit.contains("root"), root != a);
    const std::string file =
        cite::testing::read_file(fs::path(root) / hit["path"].get<std::string>());
    const auto start = hit["byte_start"].get<std::size_t>();
    EXPECT_EQ(hit["text"], file.substr(start, hit["byte_end"].get<std::size_t>() - start));
  }
  EXPECT_EQ(roots, (std::set<std::string>{a, b}));
  const json shown =
      json::parse(cite_out({"show", "--json", "--index", stub, files.back() + ":1"}));
  EXPECT_EQ(shown["root"], b);
  const auto text = run_cite({"show", "--index", stub, files.back() + ":1"});
  EXPECT_EQ(text.out.rfind(b + "/" + files.back() + ":", 0), 0u) << text.out;
}

// A long-lived Index (cite serve's) whose remote connection the server closed when it was idle
// connects again instead of failing the next search.
TEST_F(Shards, IndexReconnectsToARemoteShardThatClosedAnIdleConnection) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv is not installed (Debian's xapian-tools)";
  const TcpServer server(fs::path(sharded()) / "shard1", "200");
  ASSERT_GT(server.port(), 0);
  const cite::testing::TempDir other;
  cite::testing::write_file(other / "stub", "auto " + sharded() + "/shard0\nremote 127.0.0.1:" +
                                                std::to_string(server.port()) + "\nauto " +
                                                sharded() + "/shard2\n");
  const Index index = Index::open((other / "stub").string());
  const std::size_t before = index.search("migrants").hits.size();
  ASSERT_GT(before, 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(index.search("migrants").hits.size(), before);
}

TEST_F(Shards, UnreachableRemoteShardIsAClearError) {
  const int port = free_port();
  const cite::testing::TempDir other;
  cite::testing::write_file(other / "stub", "remote 127.0.0.1:" + std::to_string(port) + "\n");
  const auto result = run_cite({"query", "--index", (other / "stub").string(), "deported"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot reach the remote index 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << result.err;
}

// An update re-reads a changed file into its own shard and leaves the other shards untouched.
TEST_F(Shards, UpdateTouchesOnlyTheShardOfTheChangedFile) {
  const cite::testing::TempDir other;
  const std::string index = sharded_copy(other);
  ASSERT_FALSE(index.empty());
  auto stamps = [&] {
    std::vector<std::int64_t> found;
    for (int i = 0; i < 3; ++i) {
      struct stat info {};
      stat((index + "/shard" + std::to_string(i) + "/iamglass").c_str(), &info);
      found.push_back(static_cast<std::int64_t>(info.st_ino) * 1000000007 + info.st_mtim.tv_nsec);
    }
    return found;
  };
  const std::vector<std::int64_t> before = stamps();
  const std::string name = "004_fad1a6b6ca469459.txt";
  std::ofstream(other / "corpus" / name, std::ios::app) << "\nAn added paragraph about walruses.\n";
  const auto updated = run_cite({"index", "--json", "--index", index, (other / "corpus").string()});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(json::parse(updated.out)["files_updated"], 1);
  EXPECT_EQ(json::parse(updated.out)["files_unchanged"], 4);
  const std::vector<std::int64_t> after = stamps();
  int changed = 0;
  for (int i = 0; i < 3; ++i) changed += before[i] != after[i] ? 1 : 0;
  EXPECT_EQ(changed, 1);
  const auto found = run_cite({"query", "--json", "--index", index, "walruses"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(json::parse(found.out)["hits"][0]["path"], name);
}

// A shard copied to the machine that serves it is updated there on its own: only its files are
// read, and the files of the other shards stay out of it.
TEST_F(Shards, LoneShardIsUpdatedWithItsOwnFilesOnly) {
  const cite::testing::TempDir other;
  const std::string index = sharded_copy(other);
  ASSERT_FALSE(index.empty());
  const fs::path lone = other / "served" / "shard1";
  fs::create_directories(lone.parent_path());
  fs::copy(fs::path(index) / "shard1", lone);
  // 001 and 004 are in shard 1 (see ShardOf), 000 in shard 0.
  for (const char* name : {"001_8b7595b235d65fb7.txt", "000_18f228960f1cda46.txt"}) {
    std::ofstream(other / "corpus" / name, std::ios::app) << "\nA paragraph about narwhals.\n";
  }
  const auto updated =
      run_cite({"index", "--json", "--index", lone.string(), (other / "corpus").string()});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  const json report = json::parse(updated.out);
  EXPECT_EQ(report["files_updated"], 1);
  EXPECT_EQ(report["files_added"], 0);
  EXPECT_EQ(report["files_unchanged"], 2);
  const auto found = run_cite({"query", "--json", "--index", lone.string(), "narwhals"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(json::parse(found.out)["hits"].size(), 1u);
  EXPECT_EQ(json::parse(found.out)["hits"][0]["path"], "001_8b7595b235d65fb7.txt");
  const auto rebuilt =
      run_cite({"index", "--rebuild", "--index", lone.string(), (other / "corpus").string()});
  EXPECT_EQ(rebuilt.exit_code, 2);
  EXPECT_NE(rebuilt.err.find("is shard 1 of 3"), std::string::npos) << rebuilt.err;
}

TEST_F(Shards, AnotherShardCountNeedsRebuild) {
  const cite::testing::TempDir other;
  cite::testing::copy_corpus(other / "corpus");
  const std::string index = (other / "index").string();
  const std::string corpus_dir = (other / "corpus").string();
  ASSERT_EQ(run_cite({"index", "--index", index, corpus_dir}).exit_code, 0);
  const auto refused = run_cite({"index", "--shards", "2", "--index", index, corpus_dir});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--rebuild"), std::string::npos) << refused.err;
  // --rebuild changes the layout, and then the index keeps it.
  ASSERT_EQ(
      run_cite({"index", "--rebuild", "--shards", "2", "--index", index, corpus_dir}).exit_code, 0);
  EXPECT_TRUE(fs::exists(fs::path(index) / "XAPIANDB"));
  EXPECT_EQ(run_cite({"index", "--index", index, corpus_dir}).exit_code, 0);
  const auto three = run_cite({"index", "--shards", "3", "--index", index, corpus_dir});
  EXPECT_EQ(three.exit_code, 2);
  EXPECT_NE(three.err.find("has 2 shards"), std::string::npos) << three.err;
  // A rebuild without --shards keeps the 2 shards; back to one database with --shards 1.
  ASSERT_EQ(run_cite({"index", "--rebuild", "--index", index, corpus_dir}).exit_code, 0);
  EXPECT_TRUE(fs::exists(fs::path(index) / "shard1"));
  ASSERT_EQ(
      run_cite({"index", "--rebuild", "--shards", "1", "--index", index, corpus_dir}).exit_code, 0);
  EXPECT_FALSE(fs::exists(fs::path(index) / "XAPIANDB"));
  EXPECT_EQ(run_cite({"query", "--index", index, "deported"}).exit_code, 0);
}

}  // namespace
}  // namespace cite
