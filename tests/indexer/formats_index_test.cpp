// The real `cite` binary over a documentation tree of every format: what a user pointing cite at
// such a tree gets back, parsed from its JSON.
#include <gtest/gtest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

namespace cite {
namespace {

namespace fs = std::filesystem;
using cite::testing::run_cite;
using nlohmann::json;

class FormatsIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new cite::testing::TempDir();
    fs::copy(cite::testing::source_dir() / "tests/data/formats", corpus());
    build_ = new cite::testing::CommandResult(
        run_cite({"index", "--json", "-v", "--index", index(), corpus().string()}));
  }
  static void TearDownTestSuite() {
    delete build_;
    delete scratch_;
  }

  static fs::path corpus() { return *scratch_ / "docs"; }
  static std::string index() { return (*scratch_ / "index").string(); }

  static json query(const std::string& words) {
    const auto result = run_cite({"query", "--json", "--index", index(), words});
    EXPECT_LE(result.exit_code, 1) << result.err;
    return json::parse(result.out)["hits"];
  }

  static json hit_in(const json& hits, const std::string& path) {
    for (const json& hit : hits) {
      if (hit["path"] == path) return hit;
    }
    ADD_FAILURE() << "no hit in " << path << ": " << hits.dump();
    return json::object();
  }

  static cite::testing::TempDir* scratch_;
  static cite::testing::CommandResult* build_;
};

cite::testing::TempDir* FormatsIndex::scratch_ = nullptr;
cite::testing::CommandResult* FormatsIndex::build_ = nullptr;

TEST_F(FormatsIndex, EveryFileIsAccountedFor) {
  ASSERT_EQ(build_->exit_code, 0) << build_->err;
  const json report = json::parse(build_->out);
  EXPECT_EQ(report["files_added"], 7) << report.dump();  // md, html, pdf, rst, README, 2 .txt
  EXPECT_EQ(report["files_skipped"], 1) << "scanned.pdf has no text layer";
  EXPECT_EQ(report["files_skipped_by_type"], 2) << "the two groff sources";
  EXPECT_EQ(report["files_transcoded"], 2) << "latin1.txt and utf16.txt";
  EXPECT_NE(build_->err.find("scanned.pdf"), std::string::npos) << build_->err;
  EXPECT_NE(build_->err.find("'manual.ms'"), std::string::npos) << "-v names skipped types";
  EXPECT_NE(build_->err.find("'utf16.txt' as UTF-16LE"), std::string::npos) << build_->err;
}

// Poppler is a module loaded on the first PDF: without it, PDFs are skipped with the reason and
// every other file is indexed.
TEST_F(FormatsIndex, PdfModuleThatCannotBeLoadedSkipsPdfsWithTheReason) {
  const auto result =
      run_cite({"index", "--json", "--index", index() + "-nopdf", corpus().string()},
               "CITE_PDF_MODULE=/nonexistent/cite-pdf.so");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json report = json::parse(result.out);
  EXPECT_EQ(report["files_added"], 6) << report.dump();
  EXPECT_EQ(report["files_skipped"], 2) << report.dump();
  EXPECT_NE(result.err.find("'manual.pdf'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("PDF module cite-pdf.so could not be loaded"), std::string::npos)
      << result.err;
}

// Regression: every run of cite loaded poppler and its two dozen libraries, half of its start-up.
TEST_F(FormatsIndex, QueriesDoNotLoadPoppler) {
  const auto result = run_cite({"query", "--index", index(), "Bokontayev"}, "LD_DEBUG=files");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("libxapian"), std::string::npos) << "LD_DEBUG shows loaded libraries";
  EXPECT_EQ(result.err.find("libpoppler"), std::string::npos);
}

TEST_F(FormatsIndex, WithoutVerboseSkippedTypesAreCountedNotNamed) {
  const auto result = run_cite({"index", "--index", index() + "-quiet", corpus().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("manual.ms"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("2 not of a type cite reads (-v names them)"), std::string::npos)
      << result.out;
}

TEST_F(FormatsIndex, PdfHitNamesItsPageAndQuotesTheExtractedText) {
  const json hit = hit_in(query("Bokontayev"), "manual.pdf");
  EXPECT_EQ(hit["page"], 1);
  const std::string extracted = Xapian::Database(index()).get_metadata("cite.text:manual.pdf");
  ASSERT_FALSE(extracted.empty());
  const auto start = hit["byte_start"].get<std::size_t>();
  const auto end = hit["byte_end"].get<std::size_t>();
  EXPECT_EQ(hit["text"], extracted.substr(start, end - start));
  const auto shown = run_cite({"show", "--json", "--index", index(),
                               "manual.pdf:" + std::to_string(hit["paragraph"].get<int>())});
  EXPECT_EQ(json::parse(shown.out)["passage"]["text"], hit["text"]);
  EXPECT_EQ(json::parse(shown.out)["passage"]["page"], 1);
}

// Regression: the text output's citation header left a PDF's page out.
TEST_F(FormatsIndex, PdfHitShowsItsPageOnTheTerminal) {
  const auto shown = run_cite({"query", "--index", index(), "--color", "never", "Bokontayev"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find(" p.1"), std::string::npos) << shown.out;
}

TEST_F(FormatsIndex, PdfWordHyphenatedAcrossALineIsFound) {
  const json hit = hit_in(query("\"files it applies to\""), "manual.pdf");
  EXPECT_EQ(hit["page"], 2);
  EXPECT_NE(hit["text"].get<std::string>().find("ap-\nplies"), std::string::npos);
}

TEST_F(FormatsIndex, HtmlHitsRawBytesHoldTheCitedWordsInOrder) {
  const json hit = hit_in(query("\"wildcard pattern\""), "page.html");
  const std::string file = cite::testing::read_file(corpus() / "page.html");
  const auto start = hit["byte_start"].get<std::size_t>();
  const auto end = hit["byte_end"].get<std::size_t>();
  const std::string raw = file.substr(start, end - start);
  EXPECT_EQ(hit["text"], raw);
  const std::size_t wildcard = raw.find("wildcard");
  ASSERT_NE(wildcard, std::string::npos) << raw;
  EXPECT_NE(raw.find("pattern", wildcard), std::string::npos) << raw;
  EXPECT_FALSE(hit.contains("page"));
}

TEST_F(FormatsIndex, MarkdownCodeBlockIsOnePassageAndSetextHeadingASection) {
  const json code = hit_in(query("configure prefix"), "readme.md");
  EXPECT_EQ(code["line_start"], 22);
  EXPECT_EQ(code["line_end"], 24);
  EXPECT_EQ(code["section"], "Installing");
  const json install = hit_in(query("section:Installing nested"), "readme.md");
  EXPECT_EQ(install["section"], "Installing");
  EXPECT_TRUE(query("file:readme.md https").empty()) << "link targets are not indexed";
}

// The index has no positions: a phrase is checked against the words the reader indexed, which
// the record keeps when markup between them (here a link target) makes the cited bytes differ.
TEST_F(FormatsIndex, PhraseAcrossAMarkdownLinkIsFound) {
  const json hit = hit_in(query("\"install notes for details\""), "readme.md");
  EXPECT_NE(hit["text"].get<std::string>().find("](docs/INSTALL.md) for"), std::string::npos);
}

TEST_F(FormatsIndex, TranscodedHitSaysSo) {
  const json hit = hit_in(query("resume"), "latin1.txt");
  EXPECT_EQ(hit["transcoded"], true);
  EXPECT_EQ(hit["byte_end"].get<std::size_t>() - hit["byte_start"].get<std::size_t>(),
            std::string("Second paragraph: r\xe9sum\xe9 of the d\xe9j\xe0 vu.").size());
  const json utf16 = hit_in(query("ete"), "utf16.txt");
  EXPECT_EQ(utf16["transcoded"], true);
}

}  // namespace
}  // namespace cite
