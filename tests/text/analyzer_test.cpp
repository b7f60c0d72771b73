#include "text/analyzer.hpp"

#include <gtest/gtest.h>

namespace cite::text {
namespace {

struct AnalysisCase {
  std::string input;
  std::string tokens;  // describe(): term[|alternative]@[begin,end)
};

class DocumentAnalysis : public ::testing::TestWithParam<AnalysisCase> {};

TEST_P(DocumentAnalysis, MatchesTable) {
  const Analyzer analyzer(AnalysisMode::kDocument);
  EXPECT_EQ(describe(analyzer.analyze(GetParam().input)), GetParam().tokens) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DocumentAnalysis,
    ::testing::Values(
        AnalysisCase{"Russia deported", "russia@[0,6) deported@[7,15)"},
        // Diacritics fold away, offsets stay in bytes of the original (ü is two bytes).
        AnalysisCase{"T\xC3\xBCrkiye rose", "turkiye@[0,8) rose@[9,13)"},
        AnalysisCase{"Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                     "e",
                     "creme@[0,6) brulee@[7,15)"},
        // Cyrillic keeps its letters: й is not и with a mark.
        AnalysisCase{"\xD0\x99\xD0\xBE\xD1\x88\xD0\xBA\xD0\xB0\xD1\x80",
                     "\xD0\xB9\xD0\xBE\xD1\x88\xD0\xBA\xD0\xB0\xD1\x80@[0,12)"},
        // Typographic apostrophes and quotes.
        AnalysisCase{"Moscow\xE2\x80\x99s", "moscow's@[0,10)"},
        AnalysisCase{"\xE2\x80\x9C"
                     "controlled\xE2\x80\x9D",
                     "controlled@[3,13)"},
        // Compatibility forms: the fi ligature.
        AnalysisCase{"\xEF\xAC\x81nance", "finance@[0,8)"},
        // Numbers are canonical, so grouping does not matter.
        AnalysisCase{"80,000 or 80000", "80000@[0,6) or@[7,9) 80000@[10,15)"},
        AnalysisCase{"5.70 million", "5.7@[0,4) million@[5,12)"},
        AnalysisCase{"(\\$394)", "394@[3,6)"},
        // Markdown markup is not indexed.
        AnalysisCase{"[reported](#) **bold**", "reported@[1,9) bold@[16,20)"},
        // Words hyphenated across a line break are joined, even with trailing spaces.
        AnalysisCase{"Compa-\ntriots", "compatriots@[0,13)"},
        AnalysisCase{"need-   \r\ned more", "needed@[0,12) more@[13,17)"},
        // ...but not a capitalised continuation, a same-line hyphen or a blank line.
        AnalysisCase{"ex-\nSoviet", "ex@[0,2) soviet@[4,10)"},
        AnalysisCase{"Lvova-Belova", "lvova@[0,5) belova@[6,12)"},
        AnalysisCase{"end-\n\nstart", "end@[0,3) start@[6,11)"},
        // A footnote number glued to a year at the end of a sentence also reads as the year.
        AnalysisCase{"since 1945.1 The", "since@[0,5) 1945.1|1945@[6,12) the@[13,16)"},
        AnalysisCase{"to 5,500 in 202591 Regions",
                     "to@[0,2) 5500@[3,8) in@[9,11) 202591|2025@[12,18) regions@[19,26)"},
        AnalysisCase{"in 1945.1 million", "in@[0,2) 1945.1@[3,9) million@[10,17)"},
        AnalysisCase{"", ""}, AnalysisCase{" \n\t ", ""}));

TEST(QueryAnalysis, HasNoFootnoteReadings) {
  const Analyzer analyzer(AnalysisMode::kQuery);
  EXPECT_EQ(describe(analyzer.analyze("1945.1 The")), "1945.1@[0,6) the@[7,10)");
}

TEST(QueryAnalysis, FoldsLikeDocuments) {
  const Analyzer document(AnalysisMode::kDocument);
  const Analyzer query(AnalysisMode::kQuery);
  const std::string text = "T\xC3\xBCrkiye\xE2\x80\x99s 80,000 \xEF\xAC\x81nance";
  const auto from_document = document.analyze(text);
  const auto from_query = query.analyze(text);
  ASSERT_EQ(from_document.size(), from_query.size());
  for (std::size_t i = 0; i < from_query.size(); ++i) {
    EXPECT_EQ(from_document[i].term, from_query[i].term);
    EXPECT_EQ(from_document[i].stem, from_query[i].stem);
  }
}

TEST(Stem, UsesEnglishSnowball) {
  EXPECT_EQ(stem("deported"), "deport");
  EXPECT_EQ(stem("deportation"), "deport");
  EXPECT_EQ(stem("compatriots"), "compatriot");
  EXPECT_EQ(stem("moscow's"), "moscow");
  EXPECT_EQ(stem("80000"), "80000");
}

TEST(Fold, IsWhatAnalyzeUsesForWords) {
  EXPECT_EQ(fold("T\xC3\xBCrkiye"), "turkiye");
  EXPECT_EQ(fold("MIGRA"), "migra");
  EXPECT_EQ(fold("Stra\xC3\x9F"
                 "e"),
            "strasse");
}

TEST(Analyze, DropsTermsTooLongForXapian) {
  const Analyzer analyzer(AnalysisMode::kDocument);
  const std::string long_word(kMaxTermBytes + 1, 'a');
  EXPECT_EQ(describe(analyzer.analyze(long_word + " ok")),
            "ok@[" + std::to_string(long_word.size() + 1) + "," +
                std::to_string(long_word.size() + 3) + ")");
}

TEST(Analyze, OffsetsSliceTheOriginalText) {
  const Analyzer analyzer(AnalysisMode::kDocument);
  const std::string text =
      "\xE2\x80\x9CT\xC3\xBCrkiye\xE2\x80\x9D \xE2\x80\x94 caf\xC3\xA9s, 80,000.";
  for (const Token& token : analyzer.analyze(text)) {
    const std::string slice = text.substr(token.begin, token.end - token.begin);
    EXPECT_EQ(Analyzer(AnalysisMode::kQuery).analyze(slice).front().term, token.term);
  }
}

}  // namespace
}  // namespace cite::text
