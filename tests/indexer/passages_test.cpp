#include "indexer/passages.hpp"

#include <gtest/gtest.h>

#include "support/support.hpp"
#include "text/utf8.hpp"

namespace cite::indexer {
namespace {

using cite::testing::corpus_dir;
using cite::testing::read_file;

std::string passage_text(const std::string& file, const PassageSpan& p) {
  return file.substr(p.byte_start, p.byte_end - p.byte_start);
}

int count_lines(const std::string& file) {
  int lines = 0;
  for (char c : file) lines += c == '\n';
  return lines + (!file.empty() && file.back() != '\n');
}

// Structural guarantees that hold for every passage of every corpus file.
class CorpusFile : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusFile, PassagesAreOrderedTrimmedAndLineExact) {
  const std::string file = read_file(corpus_dir() / GetParam());
  const std::vector<PassageSpan> passages = cut_passages(file);
  ASSERT_FALSE(passages.empty());
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const PassageSpan& p = passages[i];
    SCOPED_TRACE(GetParam() + " paragraph " + std::to_string(p.paragraph));
    EXPECT_EQ(p.paragraph, static_cast<int>(i) + 1);
    EXPECT_GE(p.byte_start, previous_end);
    EXPECT_LT(p.byte_start, p.byte_end);
    EXPECT_LE(p.byte_end, file.size());
    const std::string text = passage_text(file, p);
    EXPECT_EQ(text::trim(text), text) << "passages never start or end with whitespace";
    EXPECT_EQ(text.find("\n\n"), std::string::npos) << "passages never span a blank line";
    const int newlines_before = static_cast<int>(
        std::count(file.begin(), file.begin() + static_cast<long>(p.byte_start), '\n'));
    const int newlines_inside = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_EQ(p.line_start, newlines_before + 1);
    EXPECT_EQ(p.line_end, p.line_start + newlines_inside);
    previous_end = p.byte_end;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusFile, ::testing::ValuesIn(cite::testing::corpus_files()));

// What a reader sees in each shipped document: how many passages, and which are headings.
struct Shape {
  std::string file;
  std::size_t passages;
  std::vector<int> headings;
};

class CorpusShape : public ::testing::TestWithParam<Shape> {};

TEST_P(CorpusShape, MatchesWhatAReaderSees) {
  const std::string file = read_file(corpus_dir() / GetParam().file);
  const std::vector<PassageSpan> passages = cut_passages(file);
  EXPECT_EQ(passages.size(), GetParam().passages) << describe(file, passages);
  std::vector<int> headings;
  for (const PassageSpan& p : passages) {
    if (p.kind == PassageKind::kHeading) headings.push_back(p.paragraph);
  }
  EXPECT_EQ(headings, GetParam().headings) << describe(file, passages);
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, CorpusShape,
    ::testing::Values(Shape{"000_18f228960f1cda46.txt", 15, {1}},
                      Shape{"001_8b7595b235d65fb7.txt", 33, {1, 4, 12, 21, 31, 32}},
                      Shape{"002_ca56329877b14360.txt", 24, {}},
                      Shape{"003_f3679c42c656c1ed.txt", 58, {1, 4, 16, 22, 29, 32, 41, 46, 52}},
                      Shape{"004_fad1a6b6ca469459.txt", 54, {1, 6, 9, 12, 20, 27, 31, 40, 47}}));

TEST(MarkdownShape, HeadingIsItsOwnPassageAndNamesTheSection) {
  const std::string file = read_file(corpus_dir() / "000_18f228960f1cda46.txt");
  const std::vector<PassageSpan> passages = cut_passages(file);
  EXPECT_EQ(passage_text(file, passages[0]),
            "# Migrant Crackdown Leads to 10% Drop in Foreigners Residing in Russia");
  EXPECT_EQ(passages[12].section,
            "Migrant Crackdown Leads to 10% Drop in Foreigners Residing in Russia");
  EXPECT_EQ(passage_text(file, passages[12]),
            "In 2024, Russia [deported](#) more than 80,000 foreigners, nearly double the 44,200 "
            "people deported in 2023.");
  EXPECT_EQ(passages[12].line_start, 29);
  EXPECT_EQ(passage_text(file, passages[14]).rfind("<https://www.themoscowtimes.com/", 0), 0u);
}

TEST(LinePerParagraphShape, EveryLineIsAPassage) {
  const std::string file = read_file(corpus_dir() / "002_ca56329877b14360.txt");
  const std::vector<PassageSpan> passages = cut_passages(file);
  ASSERT_EQ(static_cast<int>(passages.size()), count_lines(file));
  for (const PassageSpan& p : passages) {
    EXPECT_EQ(p.line_start, p.paragraph);
    EXPECT_EQ(p.line_end, p.paragraph);
  }
}

TEST(TitleLineShape, ShortTitleLinesAreHeadings) {
  const std::string file = read_file(corpus_dir() / "001_8b7595b235d65fb7.txt");
  const std::vector<PassageSpan> passages = cut_passages(file);
  EXPECT_EQ(passage_text(file, passages[3]), "Needed but Not Desired");
  EXPECT_EQ(passages[4].section, "Needed but Not Desired");
  EXPECT_EQ(passages[17].kind, PassageKind::kParagraph)
      << "'The pace could be quickening.' is a sentence";
}

TEST(PdfShape, HardWrappedLinesFormOnePassage) {
  const std::string file = read_file(corpus_dir() / "004_fad1a6b6ca469459.txt");
  const std::vector<PassageSpan> passages = cut_passages(file);
  EXPECT_EQ(passage_text(file, passages[0]), "EXECUTIVE SUMMARY")
      << "the stray leading space is not cited";
  EXPECT_EQ(passages[1].line_start, 2);
  EXPECT_EQ(passages[1].line_end, 16);
  EXPECT_EQ(passages[1].section, "EXECUTIVE SUMMARY");
  // Rosstat's paragraph: 17 wrapped lines, ending in a footnote after a closing quote.
  EXPECT_EQ(passages[9].line_start, 50);
  EXPECT_EQ(passages[9].line_end, 66);
  EXPECT_EQ(passages[9].section, "THE BACKDROP: AN INTENSIFIED DEMOGRAPHIC DECLINE");
  // An indented line after a finished sentence starts a paragraph with no blank line before it.
  EXPECT_EQ(passage_text(file, passages[42]).rfind("The attack reignited debates", 0), 0u);
  EXPECT_EQ(passages[42].line_start, 305);
  // ...but an indented continuation of an unfinished sentence does not.
  EXPECT_EQ(passages[23].line_start, 166);
  EXPECT_EQ(passages[23].line_end, 172);
  // Bullets start passages.
  for (int i = 48; i < 54; ++i)
    EXPECT_EQ(passage_text(file, passages[i]).rfind("\xE2\x80\xA2", 0), 0u);
}

struct SyntheticCase {
  std::string name;
  std::string file;
  std::string expected;  // describe()
};

class Synthetic : public ::testing::TestWithParam<SyntheticCase> {};

TEST_P(Synthetic, MatchesTable) {
  EXPECT_EQ(describe(GetParam().file, cut_passages(GetParam().file)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Synthetic,
    ::testing::Values(
        SyntheticCase{"Empty", "", ""}, SyntheticCase{"WhitespaceOnly", " \n\t\n   \n", ""},
        SyntheticCase{
            "RuleIsNoPassage", "one.\n\n---\n\n* * *\n\ntwo.",
            "\u00B61 lines 1-1 paragraph []: one.\n\u00B62 lines 7-7 paragraph []: two.\n"},
        SyntheticCase{"CrLfAndTrailingSpace", "first line.  \r\n\r\nsecond.\r\n",
                      "\u00B61 lines 1-1 paragraph []: first line.\n"
                      "\u00B62 lines 3-3 paragraph []: second.\n"},
        SyntheticCase{"ByteOrderMark", "\xEF\xBB\xBFHello there.",
                      "\u00B61 lines 1-1 paragraph []: Hello there.\n"},
        SyntheticCase{"MarkdownHeadingSection", "## Results\nThe numbers rose.",
                      "\u00B61 lines 1-1 heading [Results]: ## Results\n"
                      "\u00B62 lines 2-2 paragraph [Results]: The numbers rose.\n"},
        SyntheticCase{"MarkdownList", "Intro:\n- one item\n- two item",
                      "\u00B61 lines 1-1 paragraph []: Intro:\n"
                      "\u00B62 lines 2-2 item []: - one item\n"
                      "\u00B63 lines 3-3 item []: - two item\n"},
        SyntheticCase{"DateIsNotATitle", "January 29, 2026\n\nText.",
                      "\u00B61 lines 1-1 paragraph []: January 29, 2026\n"
                      "\u00B62 lines 3-3 paragraph []: Text.\n"}),
    [](const ::testing::TestParamInfo<SyntheticCase>& param_info) {
      return param_info.param.name;
    });

}  // namespace
}  // namespace cite::indexer
