// `cite index` against hostile corpora and faults (issue 9): each test runs the real binary and
// is named for what broke.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "store/schema.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

namespace fs = std::filesystem;
using cite::testing::CommandResult;
using cite::testing::run_cite;
using cite::testing::run_shell;
using cite::testing::shell_quote;
using cite::testing::spawn_cite;
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
  if (!prefix)
    GTEST_SKIP() << "running as root without setpriv: cannot make a directory unreadable";
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
  const CommandResult refused = run_cite({"index", "--index", index_.string(), bad_root.string()});
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
      for (int w = 0; w < 40; ++w)
        text += "w" + std::to_string((f * 7919 + p * 104729 + w) % 20011) + " ";
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
  EXPECT_EQ(
      run_shell("xapian-check " + shell_quote(small_index.string()) + " >/dev/null").exit_code, 0);
  ASSERT_TRUE(disk.resize("64m"));
  const CommandResult rerun =
      run_cite({"index", "--json", "--index", small_index.string(), corpus_.string()});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(parse_report(rerun)["passages_total"], 700 * 8);
}

// A corpus of `files` files of `paragraphs` passages, each file naming `word`.
void write_corpus(const fs::path& root, const std::string& word, int files, int paragraphs) {
  for (int f = 0; f < files; ++f) {
    std::string text;
    for (int p = 1; p <= paragraphs; ++p) {
      text += "Paragraph " + std::to_string(p) + " of " + word + " file " + std::to_string(f) +
              " mentions migrants and 80,000 deportations.\n\n";
    }
    write_file(root / ("d" + std::to_string(f % 7)) / (std::to_string(f) + ".txt"), text);
  }
}

int wait_exit_code(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Regression: while --rebuild ran, readers saw no hits, partial totals or "not a cite index",
// and a killed rebuild left a partial index that answered with exit 0.
TEST_F(HostileCorpus, RebuildIsSwappedInWholeAndAKilledOneLeavesTheOldIndex) {
  write_corpus(corpus_, "alpha", 10, 3);
  ASSERT_EQ(index().exit_code, 0);
  const fs::path big = scratch_ / "big";
  write_corpus(big, "beta", 1200, 10);
  const auto rebuild_args = std::vector<std::string>{"index",   "--quiet",       "--rebuild",
                                                     "--index", index_.string(), big.string()};

  // Killed part way, as soon as its new index exists beside the old one (a fixed delay could
  // outlast a whole rebuild on a fast machine): the old index answers as before.
  const pid_t killed = spawn_cite(rebuild_args);
  const fs::path staging = scratch_ / "index.rebuilding";
  for (int waited = 0; !fs::exists(staging) && waited < 10'000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(killed, SIGKILL);
  ASSERT_EQ(wait_exit_code(killed), -1) << "the rebuild ended before it could be killed";
  const CommandResult after_kill = query("alpha");
  EXPECT_EQ(after_kill.exit_code, 0) << after_kill.err;
  EXPECT_EQ(json::parse(after_kill.out)["total"], 30);

  // A reader open all along sees the old index whole, then the new one whole.
  const Index reader = Index::open(index_.string());
  const pid_t rebuild = spawn_cite(rebuild_args);
  int polls = 0;
  for (; waitpid(rebuild, nullptr, WNOHANG) == 0; ++polls) {
    const std::size_t count = reader.passage_count();
    ASSERT_TRUE(count == 30 || count == 12000) << count << " passages: a partial index";
    const CommandResult fresh = query("paragraph");
    ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
    const int total = json::parse(fresh.out)["total"];
    ASSERT_TRUE(total == 30 || total == 12000) << total;
  }
  EXPECT_GT(polls, 0);
  EXPECT_EQ(reader.passage_count(), 12000u);
  EXPECT_EQ(reader.root(), fs::canonical(big).string());
  EXPECT_FALSE(fs::exists(scratch_ / "index.rebuilding"));
}

// Regression: after `rm -rf INDEX && cite index ...`, an open Index (cite serve's) kept
// answering from the deleted database.
TEST_F(HostileCorpus, OpenIndexSeesADeletedAndRebuiltIndex) {
  write_corpus(corpus_, "alpha", 3, 2);
  Index::update(index_.string(), corpus_.string());
  const Index reader = Index::open(index_.string());
  ASSERT_EQ(reader.search("alpha").total, 6u);
  // Replaced between two calls, by a build of the same shape (so at the same revision).
  fs::remove_all(index_);
  const fs::path other = scratch_ / "other";
  write_corpus(other, "beta", 3, 2);
  Index::update(index_.string(), other.string());
  EXPECT_EQ(reader.search("alpha").total, 0u);
  EXPECT_EQ(reader.search("beta").total, 6u);
  EXPECT_EQ(reader.root(), fs::canonical(other).string());
  // Deleted: an error, not answers from the deleted files.
  fs::remove_all(index_);
  EXPECT_THROW(reader.search("beta"), Error);
}

// --rebuild replaces a directory wholesale: never one that holds someone else's files.
TEST_F(HostileCorpus, RebuildRefusesADirectoryThatIsNotACiteIndex) {
  write_corpus(corpus_, "alpha", 2, 2);
  write_file(index_ / "notes.txt", "my notes\n");
  const CommandResult refused = index({"--rebuild"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("notes.txt"), std::string::npos) << refused.err;
  EXPECT_TRUE(fs::exists(index_ / "notes.txt"));
}

// Regression: another program's Xapian database got the advice to --rebuild, which destroys it.
TEST_F(HostileCorpus, AnotherProgramsXapianDatabaseIsNeverReplaced) {
  write_corpus(corpus_, "alpha", 2, 2);
  {
    Xapian::WritableDatabase theirs(index_.string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document doc;
    doc.add_term("theirs");
    theirs.add_document(doc);
    theirs.commit();
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"query", "--index", index_.string(), "alpha"},
        std::vector<std::string>{"index", "--index", index_.string(), corpus_.string()},
        std::vector<std::string>{"index", "--rebuild", "--index", index_.string(),
                                 corpus_.string()}}) {
    const CommandResult result = run_cite(args);
    EXPECT_EQ(result.exit_code, 2) << args[0];
    EXPECT_NE(result.err.find("not a cite index"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("--rebuild"), std::string::npos) << result.err;
  }
  EXPECT_EQ(Xapian::Database(index_.string()).get_termfreq("theirs"), 1u);
}

// Regression: a damaged index (a table deleted) was reported as "no cite index".
TEST_F(HostileCorpus, DamagedIndexSaysDamagedAndRebuildRepairsIt) {
  write_corpus(corpus_, "alpha", 2, 2);
  ASSERT_EQ(index().exit_code, 0);
  fs::remove(index_ / "postlist.glass");
  const CommandResult damaged = query("alpha");
  EXPECT_EQ(damaged.exit_code, 2);
  EXPECT_NE(damaged.err.find("damaged"), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.err.find("--rebuild"), std::string::npos) << damaged.err;
  EXPECT_EQ(damaged.err.find("no cite index"), std::string::npos) << damaged.err;
  const CommandResult rebuilt = index({"--rebuild"});
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
  EXPECT_EQ(query("alpha").exit_code, 0);
}

// Regression (found by the sanitizer suite's slower kill loop): a first `cite index` killed
// after Xapian created its empty tables but before its first commit made every later run fail
// with "no cite index".
TEST_F(HostileCorpus, FirstBuildKilledBeforeItsFirstCommitIsStartedAfresh) {
  write_corpus(corpus_, "alpha", 2, 2);
  fs::create_directories(index_);
  write_file(index_ / "flintlock", "");
  write_file(index_ / "postlist.glass", "");
  const CommandResult built = index();
  EXPECT_EQ(built.exit_code, 0) << built.err;
  EXPECT_EQ(query("alpha").exit_code, 0);
}

// Regression: an index the user may not write was "being updated by another process".
TEST_F(HostileCorpus, ReadOnlyIndexSaysReadOnly) {
  const std::optional<std::string> prefix = unprivileged_prefix();
  if (!prefix) GTEST_SKIP() << "running as root without setpriv: cannot make a directory read-only";
  write_corpus(corpus_, "alpha", 2, 2);
  ASSERT_EQ(index().exit_code, 0);
  fs::permissions(index_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  write_file(corpus_ / "new.txt", "A new alpha paragraph.\n");
  const CommandResult result = index({}, prefix->empty() ? "" : *prefix);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("read-only"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("another process"), std::string::npos) << result.err;
}

// Regression: a 1 GB file was read in full just to be skipped, and bigger ones ended the run
// with std::bad_alloc.
TEST_F(HostileCorpus, FilesOverTheSizeCapAreSkippedUnread) {
  write_file(corpus_ / "small.txt", "A walrus paragraph.\n");
  write_file(corpus_ / "medium.txt", std::string(5000, 'w') + "\n");
  write_file(corpus_ / "huge.txt", "");
  fs::resize_file(corpus_ / "huge.txt", 1ULL << 30);  // sparse: no disk used
  const CommandResult result = index();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("skipped 'huge.txt': it is larger than the limit of 16777216 bytes"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(parse_report(result)["files_added"], 2);
  const CommandResult capped = index({"--rebuild", "--max-file-size", "1000"});
  ASSERT_EQ(capped.exit_code, 0) << capped.err;
  EXPECT_NE(capped.err.find("'medium.txt': it is larger than the limit of 1000 bytes"),
            std::string::npos)
      << capped.err;
  EXPECT_EQ(parse_report(capped)["files_skipped"], 2);
}

// Regression: one 50 MB line was one passage (1.7 GB to index, 1.3 GB to highlight), and a long
// heading was copied into every passage under it.
TEST_F(HostileCorpus, LongLinesAreSplitAndLongHeadingsCapped) {
  std::string line;
  for (int i = 0; line.size() < 300000; ++i) line += "walrus" + std::to_string(i) + " ";
  line += "narwhal\n";
  write_file(corpus_ / "line.txt", line);
  std::string heading = "# ";
  for (int i = 0; i < 5000; ++i) heading += "Heading ";
  write_file(corpus_ / "heading.md", heading + "\n\nFirst beluga.\n\nSecond beluga.\n");
  ASSERT_EQ(index().exit_code, 0);
  const json last = json::parse(query("narwhal").out)["hits"][0];
  EXPECT_LE(last["text"].get<std::string>().size(), 64u << 10);
  EXPECT_GE(last["paragraph"].get<int>(), 5);
  EXPECT_EQ(line.substr(last["byte_start"], last["byte_end"].get<std::size_t>() -
                                                last["byte_start"].get<std::size_t>()),
            last["text"]);
  const json beluga = json::parse(query("beluga").out)["hits"];
  ASSERT_EQ(beluga.size(), 2u);
  for (const json& hit : beluga) {
    EXPECT_LE(hit["section"].get<std::string>().size(), 200u);
    EXPECT_EQ(hit["section"].get<std::string>().rfind("Heading Heading", 0), 0u);
  }
}

}  // namespace
}  // namespace cite
