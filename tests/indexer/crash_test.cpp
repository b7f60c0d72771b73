#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <random>
#include <thread>

#include "store/record.hpp"
#include "store/schema.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Two states of a corpus that takes several committed batches to index: B changes a quarter of
// A's files, deletes a tenth and adds a hundred.
constexpr int kFiles = 800;
constexpr int kAdded = 100;

std::string file_text(int file, int paragraphs, const std::string& edition) {
  std::string text;
  for (int p = 1; p <= paragraphs; ++p) {
    text += "Paragraph " + std::to_string(p) + " of file " + std::to_string(file) + " (" + edition +
            ") mentions migrants, quotas and 80,000 deportations in 2024.\n\n";
  }
  return text;
}

fs::path file_path(const fs::path& root, int file) {
  return root / ("dir" + std::to_string(file % 10)) / (std::to_string(file) + ".txt");
}

void write_state_a(const fs::path& root) {
  for (int f = 0; f < kFiles; ++f)
    cite::testing::write_file(file_path(root, f), file_text(f, 8, "a"));
  for (int f = kFiles; f < kFiles + kAdded; ++f) fs::remove(file_path(root, f));
}

void write_state_b(const fs::path& root) {
  for (int f = 0; f < kFiles; ++f) {
    if (f % 10 == 1) {
      fs::remove(file_path(root, f));
    } else if (f % 4 == 0) {
      cite::testing::write_file(file_path(root, f), file_text(f, 6, "b"));
    }
  }
  for (int f = kFiles; f < kFiles + kAdded; ++f) {
    cite::testing::write_file(file_path(root, f), file_text(f, 5, "new"));
  }
}

// Every passage of the index, as stored, in a fixed order: two indexes of the same files are
// identical when these are.
std::vector<std::string> passages(const fs::path& index) {
  Xapian::Database db(index.string());
  std::vector<std::string> all;
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    all.push_back(db.get_document(*id).get_data());
  }
  std::sort(all.begin(), all.end());
  return all;
}

// Every file the index knows has all of its passages and no others: no half-indexed file.
void expect_whole_files(const fs::path& index) {
  if (!fs::exists(index / "iamglass")) return;  // killed before the first commit
  Xapian::Database db(index.string());
  const std::string prefix(store::kFileKeyPrefix);
  Xapian::doccount recorded = 0;
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    const store::FileRecord record = store::decode_file_record(db.get_metadata(*key));
    EXPECT_EQ(db.get_termfreq(store::path_term(record.path)),
              static_cast<Xapian::doccount>(record.passages))
        << record.path;
    recorded += static_cast<Xapian::doccount>(record.passages);
  }
  EXPECT_EQ(db.get_doccount(), recorded) << "passages of files the index has no record of";
}

void expect_xapian_check_passes(const fs::path& index) {
  if (!fs::exists(index / "iamglass")) return;
  const auto check = cite::testing::run_shell("xapian-check " +
                                              cite::testing::shell_quote(index.string()) + " 2>&1");
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

// Runs `cite index ARGS`, and SIGKILLs it after `delay` unless it has finished; true if killed.
bool run_and_kill(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  const pid_t child = cite::testing::spawn_cite(args);
  std::this_thread::sleep_for(delay);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

std::vector<std::string> index_args(const fs::path& index, const fs::path& corpus, bool rebuild) {
  std::vector<std::string> args{"index", "--quiet", "--index", index.string(), corpus.string()};
  if (rebuild) args.insert(args.begin() + 2, "--rebuild");
  return args;
}

// The kill loop: SIGKILL at random moments of builds, updates and rebuilds. After each,
// xapian-check passes, no file is half-indexed, and a re-run gives exactly the passages of an
// uninterrupted build.
TEST(CrashDuringIndexing, ThirtyKillsAtRandomMomentsNeverLeaveADamagedOrDifferentIndex) {
  // A SIGKILL loses no written page, so memory-backed files test the same thing, without the
  // seconds each commit's fsync takes on a busy disk.
  if (access("/dev/shm", W_OK) == 0) setenv("TMPDIR", "/dev/shm", 1);
  cite::testing::TempDir scratch;
  const fs::path corpus = scratch / "corpus";
  const fs::path index = scratch / "index";

  const auto timed_build = [&](const fs::path& dir) {
    const Clock::time_point start = Clock::now();
    const auto built = cite::testing::run_cite(index_args(dir, corpus, false));
    EXPECT_EQ(built.exit_code, 0) << built.err;
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  };
  write_state_a(corpus);
  const std::chrono::microseconds build_time = timed_build(scratch / "reference-a");
  const std::vector<std::string> reference_a = passages(scratch / "reference-a");
  write_state_b(corpus);
  timed_build(scratch / "reference-b");
  const std::vector<std::string> reference_b = passages(scratch / "reference-b");
  ASSERT_EQ(reference_a.size(), std::size_t{kFiles * 8});
  ASSERT_NE(reference_a, reference_b);

  const unsigned seed = std::random_device()();
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::int64_t> moment(0, build_time.count());
  SCOPED_TRACE("seed " + std::to_string(seed) + ", uninterrupted build " +
               std::to_string(build_time.count() / 1000) + " ms");
  int kills = 0;
  for (int round = 0; kills < 30 && round < 120; ++round) {
    const std::chrono::microseconds delay(moment(random));
    bool killed = false;
    const std::vector<std::string>* expected = nullptr;
    std::string what;
    switch (round % 3) {
      case 0:  // a first build, of state A
        write_state_a(corpus);
        fs::remove_all(index);
        killed = run_and_kill(index_args(index, corpus, false), delay);
        expected = &reference_a;
        what = "build";
        break;
      case 1:  // an update of the complete index of A to state B
        ASSERT_EQ(passages(index), reference_a);
        write_state_b(corpus);
        killed = run_and_kill(index_args(index, corpus, false), delay);
        expected = &reference_b;
        what = "update";
        break;
      default:  // a rebuild of the complete index of B: the old index stays whole throughout
        ASSERT_EQ(passages(index), reference_b);
        killed = run_and_kill(index_args(index, corpus, true), delay);
        EXPECT_EQ(passages(index), reference_b) << "a killed rebuild must leave the index whole";
        expected = &reference_b;
        what = "rebuild";
        break;
    }
    SCOPED_TRACE(what + " killed after " + std::to_string(delay.count() / 1000) + " ms");
    kills += killed ? 1 : 0;
    expect_xapian_check_passes(index);
    expect_whole_files(index);
    const auto rerun = cite::testing::run_cite(index_args(index, corpus, round % 3 == 2));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    expect_xapian_check_passes(index);
    ASSERT_EQ(passages(index), *expected) << "the re-run differs from an uninterrupted build";
  }
  std::cout << "[ kills   ] " << kills << " SIGKILLs (seed " << seed << "), each followed by "
            << "xapian-check and a re-run identical to an uninterrupted build\n";
  EXPECT_GE(kills, 30);
}

}  // namespace
}  // namespace cite
