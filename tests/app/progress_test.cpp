#include "app/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "support/support.hpp"

namespace cite {
namespace {

using cite::testing::run_shell;
using cite::testing::shell_quote;

TEST(Progress, DescribesFilesMegabytesRateAndTimeLeft) {
  struct Row {
    UpdateProgress progress;
    double elapsed;
    const char* expected;
  };
  const Row rows[] = {
      {{0, 18852, 0, 131'500'000}, 0.0, "0/18852 files, 0.0/131.5 MB"},
      {{100, 18852, 2'000'000, 131'500'000}, 0.2, "100/18852 files, 2.0/131.5 MB"},
      {{1234, 18852, 45'200'000, 131'500'000},
       10.0,
       "1234/18852 files, 45.2/131.5 MB, 4.5 MB/s, 0:19 left"},
      {{5, 10, 1'000'000, 121'000'000}, 1.0, "5/10 files, 1.0/121.0 MB, 1.0 MB/s, 2:00 left"},
      {{10, 10, 121'000'000, 121'000'000},
       30.0,
       "10/10 files, 121.0/121.0 MB, 4.0 MB/s, 0:00 left"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(app::describe_progress(row.progress, row.elapsed), row.expected);
  }
}

TEST(Progress, DrawsInPlaceOnlyWhenEnabledAndErasesItself) {
  std::ostringstream shown;
  {
    app::ProgressLine line(shown, true);
    line.update({0, 2, 0, 2'000'000});
    line.update({2, 2, 2'000'000, 2'000'000});
  }
  EXPECT_EQ(shown.str(),
            "\rindexing: 0/2 files, 0.0/2.0 MB\x1b[K"
            "\rindexing: 2/2 files, 2.0/2.0 MB\x1b[K\r\x1b[K");
  std::ostringstream hidden;
  {
    app::ProgressLine line(hidden, false);
    line.update({2, 2, 2'000'000, 2'000'000});
  }
  EXPECT_EQ(hidden.str(), "");
}

// `cite index` under a pseudo-terminal (script(1)), and into a pipe.
class ProgressCli : public ::testing::Test {
 protected:
  std::string index_command(const std::string& extra) {
    return shell_quote(CITE_BINARY) + " index " + extra + " --rebuild --index " +
           shell_quote((scratch_ / "index").string()) + " " +
           shell_quote((std::filesystem::path(CITE_SOURCE_DIR) / "corpus").string());
  }
  std::string on_terminal(const std::string& extra) {
    const auto result =
        run_shell("script -qec " + shell_quote(index_command(extra)) + " /dev/null");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
  cite::testing::TempDir scratch_;
};

TEST_F(ProgressCli, ShownOnATerminalThenTheSummary) {
  const std::string out = on_terminal("");
  EXPECT_NE(out.find("\rindexing: 5/5 files, "), std::string::npos) << out;
  EXPECT_NE(out.find("\r\x1b[Kindexed "), std::string::npos) << "erased before the summary";
}

TEST_F(ProgressCli, QuietOnATerminalPrintsNothing) { EXPECT_EQ(on_terminal("-q"), ""); }

TEST_F(ProgressCli, NothingInAPipe) {
  const auto result = run_shell(index_command("") + " 2>&1 | cat");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.find("indexing:"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("\x1b"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("indexed "), std::string::npos) << result.out;
}

}  // namespace
}  // namespace cite
