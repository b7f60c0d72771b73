#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <thread>

#include "store/record.hpp"
#include "store/schema.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

namespace fs = std::filesystem;

// A corpus large enough to take several committed batches to index.
void write_corpus(const fs::path& root, int files) {
  for (int f = 0; f < files; ++f) {
    std::string text;
    for (int p = 1; p <= 12; ++p) {
      text += "Paragraph " + std::to_string(p) + " of file " + std::to_string(f) +
              " mentions migrants, quotas and 80,000 deportations in 2024.\n\n";
    }
    cite::testing::write_file(
        root / ("dir" + std::to_string(f % 10)) / (std::to_string(f) + ".txt"), text);
  }
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

TEST(CrashDuringIndexing, KillNineNeverLeavesAHalfIndexedFile) {
  cite::testing::TempDir scratch;
  write_corpus(scratch / "corpus", 1500);
  const fs::path index = scratch / "index";
  for (const int after_ms : {150, 400, 800, 1500}) {
    fs::remove_all(index);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const std::string dir = index.string();
      const std::string corpus = (scratch / "corpus").string();
      execl(CITE_BINARY, CITE_BINARY, "index", "--quiet", "--index", dir.c_str(), corpus.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(after_ms));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    SCOPED_TRACE("killed after " + std::to_string(after_ms) + " ms");
    expect_whole_files(index);
    // A re-run finishes the job from where the killed one stopped.
    const auto rerun = cite::testing::run_cite(
        {"index", "--json", "--index", index.string(), (scratch / "corpus").string()});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_NE(rerun.out.find("\"passages_total\":18000"), std::string::npos) << rerun.out;
    expect_whole_files(index);
  }
}

}  // namespace
}  // namespace cite
