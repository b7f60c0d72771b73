#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cite/cite.hpp"

// Shared by the tests: the shipped corpus, scratch directories, and running the real binary.
namespace cite::testing {

inline std::filesystem::path source_dir() { return CITE_SOURCE_DIR; }
inline std::filesystem::path corpus_dir() { return source_dir() / "corpus"; }

inline std::vector<std::string> corpus_files() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& contents) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

// A scratch directory removed when the test ends.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("cite-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A copy of the shipped corpus that a test may change.
inline void copy_corpus(const std::filesystem::path& to) {
  std::filesystem::create_directories(to);
  for (const std::string& name : corpus_files()) {
    std::filesystem::copy_file(corpus_dir() / name, to / name);
  }
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// Runs a shell command line, capturing stdout and stderr.
inline CommandResult run_shell(const std::string& command_line) {
  TempDir scratch;
  const std::string err_path = (scratch / "stderr").string();
  const std::string full = command_line + " 2>" + shell_quote(err_path);
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  CommandResult result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err_path);
  return result;
}

// An index of the shipped corpus, built once per test program and shared by the tests that
// only read it.
inline const cite::Index& corpus_index() {
  struct Built {
    TempDir dir;
    cite::Index index = (cite::Index::update((dir / "index").string(), corpus_dir().string()),
                         cite::Index::open((dir / "index").string()));
  };
  static const Built built;
  return built.index;
}

// Runs the real `cite` binary with `args`.
inline CommandResult run_cite(const std::vector<std::string>& args, const std::string& env = "") {
  std::string line = env.empty() ? "" : env + " ";
  line += shell_quote(CITE_BINARY);
  for (const std::string& arg : args) line += " " + shell_quote(arg);
  return run_shell(line);
}

// An index of the shipped corpus built by the real binary, once per test program, with a scratch
// directory beside it; `built` is what `cite index` printed and returned.
struct CliCorpusIndex {
  TempDir scratch;
  std::string dir = (scratch / "index").string();
  CommandResult built = run_cite({"index", "--index", dir, corpus_dir().string()});
};

inline const CliCorpusIndex& cli_corpus_index() {
  static const CliCorpusIndex index;
  return index;
}

// Base of the suites that run the real binary over that index.
class CliCorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(cli_corpus_index().built.exit_code, 0) << cli_corpus_index().built.err;
  }
  static const std::string& index_dir() { return cli_corpus_index().dir; }
  static const TempDir& scratch() { return cli_corpus_index().scratch; }

  // `cite COMMAND --index INDEX ARGS...`
  static CommandResult cite(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--index", index_dir()});
    return run_cite(args);
  }
};

// Starts the real `cite` binary with `args` in a child process and returns its pid, for tests
// that signal it or run something beside it.
inline pid_t spawn_cite(const std::vector<std::string>& args) {
  const pid_t child = fork();
  if (child == 0) {
    std::vector<char*> argv{const_cast<char*>(CITE_BINARY)};
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(CITE_BINARY, argv.data());
    _exit(127);
  }
  return child;
}

// True when one of `hits` (`cite query --json`'s) covers a dev claim's evidence span.
inline bool hits_cite_evidence(const nlohmann::json& hits, const nlohmann::json& evidence) {
  return std::any_of(hits.begin(), hits.end(), [&](const nlohmann::json& hit) {
    return hit["path"] == evidence["file"] && hit["byte_start"] <= evidence["byte_start"] &&
           evidence["byte_end"] <= hit["byte_end"];
  });
}

}  // namespace cite::testing
