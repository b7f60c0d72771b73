// `cite index` against hostile corpora and faults (issue 9): each test runs the real binary and
// is named for what broke.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "store/schema.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

namespace fs = std::filesystem;
using cite::testing::CommandResult;
using cite::testing::run_cite;
using cite::testing::run_shell;
using cite::testing::shell_quote;
using cite::testing::TempDir;
using cite::testing::write_file;
using nlohmann::json;

// Root reads every directory whatever its mode, so a test of an unreadable directory runs the
// binary as `nobody` when it is root. Empty when that is impossible here.
std::optional<std::string> unprivileged_prefix() {
  if (geteuid() != 0) return std::string();
  if (run_shell("command -v setpriv >/dev/null").exit_code != 0) return std::nullopt;
  return std::string("setpriv --reuid=65534 --regid=65534 --clear-groups");
}

CommandResult run_cite_as(const std::string& prefix, const std::vector<std::string>& args) {
  std::string line = prefix + " " + shell_quote(CITE_BINARY);
  for (const std::string& arg : args) line += " " + shell_quote(arg);
  return run_shell(line);
}

json parse_report(const CommandResult& result) {
  const json report = json::parse(result.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << result.out << result.err;
  return report;
}

class HostileCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    // Open to everyone: the unprivileged runs write the index here.
    fs::permissions(scratch_.path(), fs::perms::all);
    fs::create_directories(corpus_);
  }

  CommandResult index(std::vector<std::string> extra = {}, const std::string& prefix = "") {
    std::vector<std::string> args{"index", "--json", "--index", index_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(corpus_.string());
    return run_cite_as(prefix, args);
  }

  CommandResult query(const std::string& words) {
    return run_cite({"query", "--json", "--limit", "100", "--index", index_.string(), words});
  }

  TempDir scratch_;
  fs::path corpus_ = scratch_ / "corpus";
  fs::path index_ = scratch_ / "index";
};

// Regression: a directory that could not be read ended the walk, and every file not yet seen
// was removed from the index ("9 removed", exit 0).
TEST_F(HostileCorpus, UnreadableDirectoryNeverRemovesFiles) {
  const std::optional<std::string> prefix = unprivileged_prefix();
  if (!prefix) GTEST_SKIP() << "running as root without setpriv: cannot make a directory unreadable";
  for (const std::string dir : {"a", "b", "c"}) {
    for (const std::string file : {"1", "2", "3"}) {
      write_file(corpus_ / dir / (file + ".txt"), "Walrus " + dir + file + " paragraph.\n");
    }
  }
  ASSERT_EQ(index({}, *prefix).exit_code, 0);
  fs::permissions(corpus_ / "b", fs::perms::none);
  const CommandResult denied = index({}, *prefix);
  fs::permissions(corpus_ / "b", fs::perms::owner_all | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read |
                                     fs::perms::others_exec);
  EXPECT_EQ(denied.exit_code, 2) << "the update is incomplete: " << denied.err;
  EXPECT_NE(denied.err.find("cannot read directory 'b'"), std::string::npos) << denied.err;
  const json report = parse_report(denied);
  EXPECT_EQ(report["files_removed"], 0);
  EXPECT_EQ(report["directories_unreadable"], 1);
  EXPECT_EQ(report["passages_total"], 9);

  // The whole root unreadable: nothing is removed either.
  fs::permissions(corpus_, fs::perms::none);
  const CommandResult root_denied = index({}, *prefix);
  fs::permissions(corpus_, fs::perms::all);
  EXPECT_EQ(root_denied.exit_code, 2);
  EXPECT_EQ(parse_report(root_denied)["passages_total"], 9) << root_denied.err;

  // Once readable again, a file really deleted is removed, and only it.
  fs::remove(corpus_ / "b" / "2.txt");
  const CommandResult fixed = index({}, *prefix);
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(parse_report(fixed)["files_removed"], 1);
}

// Regression: recursive_directory_iterator holds one descriptor per level, so a deep tree under
// a low open-file limit ended the walk and the files below were removed.
TEST_F(HostileCorpus, DeepTreeUnderALowOpenFileLimitLosesNothing) {
  if (run_shell("command -v prlimit >/dev/null").exit_code != 0) GTEST_SKIP() << "no prlimit";
  fs::path dir = corpus_;
  for (int depth = 1; depth <= 60; ++depth) {
    dir /= "d" + std::to_string(depth);
    write_file(dir / "p.txt", "Deep walrus paragraph " + std::to_string(depth) + ".\n");
  }
  ASSERT_EQ(index().exit_code, 0);
  const CommandResult limited = index({}, "prlimit --nofile=40");
  EXPECT_EQ(limited.exit_code, 0) << limited.err;
  const json report = parse_report(limited);
  EXPECT_EQ(report["files_removed"], 0);
  EXPECT_EQ(report["files_unchanged"], 60);
}

// Regression: a file name that is not UTF-8 aborted every run with json type_error 316.
TEST_F(HostileCorpus, FileNameThatIsNotUtf8IsSkippedAndNamed) {
  write_file(corpus_ / "good.txt", "A walrus paragraph.\n");
  write_file(corpus_ / "caf\xE9.txt", "Another walrus paragraph.\n");
  write_file(corpus_ / "dir\xFF" / "inner.txt", "A third walrus paragraph.\n");
  const CommandResult result = index();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json report = parse_report(result);
  EXPECT_EQ(report["files_added"], 1);
  EXPECT_EQ(report["files_skipped"], 1);
  EXPECT_NE(result.err.find("'caf\\xE9.txt': its name is not valid UTF-8"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("'dir\\xFF'"), std::string::npos) << result.err;
  const CommandResult hits = query("walrus");
  EXPECT_EQ(hits.exit_code, 0) << hits.err;
  EXPECT_EQ(json::parse(hits.out)["hits"].size(), 1u);
}

// Regression: a corpus root whose path is not UTF-8 broke every JSON answer.
TEST_F(HostileCorpus, CorpusRootThatIsNotUtf8IsRefusedAndJsonNeverThrows) {
  const fs::path bad_root = scratch_ / "corp\xFF";
  write_file(bad_root / "a.txt", "A walrus paragraph.\n");
  const CommandResult refused =
      run_cite({"index", "--index", index_.string(), bad_root.string()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("corp\\xFF' has a path that is not valid UTF-8"), std::string::npos)
      << refused.err;
  EXPECT_EQ(refused.err.find("internal"), std::string::npos) << refused.err;

  // An index that records such a root (as cite wrote them before) still answers in JSON.
  write_file(corpus_ / "a.txt", "A walrus paragraph.\n");
  ASSERT_EQ(index().exit_code, 0);
  {
    Xapian::WritableDatabase db(index_.string());
    db.set_metadata(std::string(store::kRootKey), bad_root.string());
    db.commit();
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"query", "--json", "walrus"},
        std::vector<std::string>{"show", "--json", "a.txt:1"}}) {
    std::vector<std::string> full = args;
    full.insert(full.begin() + 1, {"--index", index_.string()});
    const CommandResult result = run_cite(full);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const json answer = json::parse(result.out, nullptr, false);
    ASSERT_FALSE(answer.is_discarded()) << result.out;
    EXPECT_EQ(answer["root"], (scratch_ / "corp\xEF\xBF\xBD").string());
  }
}

// Regression: a file symlink to /etc/passwd was indexed and served.
TEST_F(HostileCorpus, FileLinksLeavingTheRootAreFollowedOnlyWhenAsked) {
  write_file(scratch_ / "outside" / "secret.txt", "A secret walrus.\n");
  write_file(corpus_ / "sub" / "real.txt", "A public walrus.\n");
  fs::create_symlink(scratch_ / "outside" / "secret.txt", corpus_ / "passwd.txt");
  fs::create_symlink(corpus_ / "sub" / "real.txt", corpus_ / "alias.txt");
  const CommandResult result = index();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json report = parse_report(result);
  EXPECT_EQ(report["files_added"], 2) << "sub/real.txt and the link to it inside the corpus";
  EXPECT_EQ(report["files_skipped"], 1);
  EXPECT_NE(result.err.find("'passwd.txt': it is a link to"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--follow-links"), std::string::npos) << result.err;
  EXPECT_EQ(query("secret").exit_code, 1);

  const CommandResult followed = index({"--follow-links"});
  ASSERT_EQ(followed.exit_code, 0) << followed.err;
  EXPECT_EQ(parse_report(followed)["files_added"], 1);
  EXPECT_EQ(query("secret").exit_code, 0);
}

// A tmpfs of a few MiB mounted for the duration of a test (root only).
class SmallDisk {
 public:
  SmallDisk(const fs::path& dir, const std::string& size) : dir_(dir) {
    fs::create_directories(dir);
    mounted_ = run_shell("mount -t tmpfs -o size=" + size + " tmpfs " + shell_quote(dir.string()) +
                         " 2>&1")
                   .exit_code == 0;
  }
  ~SmallDisk() {
    if (mounted_) run_shell("umount " + shell_quote(dir_.string()));
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  bool resize(const std::string& size) {
    return run_shell("mount -o remount,size=" + size + " " + shell_quote(dir_.string()))
               .exit_code == 0;
  }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

// Regression: a full disk ended `cite index` with SIGABRT or "Cannot cancel transaction".
TEST_F(HostileCorpus, FullDiskSaysNoSpaceLeftAndKeepsTheIndexConsistent) {
  SmallDisk disk(scratch_ / "disk", "2m");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (it needs root)";
  // Several batches of files, more than 2 MiB of index in all.
  for (int f = 0; f < 700; ++f) {
    std::string text;
    for (int p = 0; p < 8; ++p) {
      for (int w = 0; w < 40; ++w) text += "w" + std::to_string((f * 7919 + p * 104729 + w) % 20011) + " ";
      text += "\n\n";
    }
    write_file(corpus_ / ("f" + std::to_string(f) + ".txt"), text);
  }
  const fs::path small_index = scratch_ / "disk" / "index";
  const CommandResult full =
      run_cite({"index", "--quiet", "--index", small_index.string(), corpus_.string()});
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("No space left on device"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find(small_index.string()), std::string::npos) << full.err;
  EXPECT_EQ(full.err.find("Cannot cancel"), std::string::npos) << full.err;
  EXPECT_EQ(run_shell("xapian-check " + shell_quote(small_index.string()) + " >/dev/null")
                .exit_code,
            0);
  ASSERT_TRUE(disk.resize("64m"));
  const CommandResult rerun =
      run_cite({"index", "--json", "--index", small_index.string(), corpus_.string()});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(parse_report(rerun)["passages_total"], 700 * 8);
}

}  // namespace
}  // namespace cite
