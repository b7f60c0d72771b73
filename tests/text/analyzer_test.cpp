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
        // groff's U+2010 HYPHEN at a line end (`groff -man -Tutf8`) joins like `-`...
        AnalysisCase{"pat\u2010\n       tern.", "pattern@[0,18)"},
        AnalysisCase{"VER\u2010\nSION", "ver@[0,3) sion@[7,11)"},
        // ...and a soft hyphen always joins: it only marks where the word may break. Inside a
        // line it is invisible.
        AnalysisCase{"hy\u00AD\nphen", "hyphen@[0,9)"},
        AnalysisCase{"Mac\u00AD\nDonald", "macdonald@[0,12)"},
        AnalysisCase{"hy\u00ADphen", "hyphen@[0,8)"},
        AnalysisCase{"hy\u00AD\n\nphen", "hy@[0,4) phen@[6,10)"},
        // A non-breaking hyphen is not a line-end hyphenation.
        AnalysisCase{"ex\u2011\nsoviet", "ex@[0,2) soviet@[6,12)"},
        // ё is written е; й keeps its breve.
        AnalysisCase{"\u0401\u043B\u043A\u0430 \u0451\u0436",
                     "\u0435\u043B\u043A\u0430@[0,8) \u0435\u0436@[9,13)"},
        AnalysisCase{"\u0435\u0308\u0436", "\u0435\u0436@[0,6)"},
        // A footnote number glued to a year at the end of a sentence also reads as the year.
        AnalysisCase{"since 1945.1 The", "since@[0,5) 1945.1|1945@[6,12) the@[13,16)"},
        AnalysisCase{"to 5,500 in 202591 Regions",
                     "to@[0,2) 5500@[3,8) in@[9,11) 202591|2025@[12,18) regions@[19,26)"},
        AnalysisCase{"in 1945.1 million", "in@[0,2) 1945.1@[3,9) million@[10,17)"},
        AnalysisCase{"", ""}, AnalysisCase{" \n\t ", ""}));

// What is indexed besides the word (term>stem~key): the stem in the language of the word's
// script, and in a document the transliteration key of a capitalised word only.
struct TermsCase {
  std::string input;
  std::string document;
  std::string query;
};

class Terms : public ::testing::TestWithParam<TermsCase> {};

TEST_P(Terms, MatchTable) {
  EXPECT_EQ(describe_terms(Analyzer(AnalysisMode::kDocument).analyze(GetParam().input)),
            GetParam().document)
      << GetParam().input;
  EXPECT_EQ(describe_terms(Analyzer(AnalysisMode::kQuery).analyze(GetParam().input)),
            GetParam().query)
      << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Terms,
    ::testing::Values(
        // Russian words by the Russian Snowball stemmer, English ones by the English one.
        TermsCase{"книгами книга deported", "книгами>книг книга>книг deported>deport",
                  "книгами>книг~knig книга>книг~knig deported>deport~deported"},
        TermsCase{"Учёный учёные", "ученый>учен~uqen ученые>учен",
                  "ученый>учен~uqen ученые>учен~uqen"},
        // A capitalised word of either script is keyed in a document: names meet.
        TermsCase{"Боконтаев Bokontayev",
                  "боконтаев>боконта~bokontaev bokontayev>bokontayev~bokontaev",
                  "боконтаев>боконта~bokontaev bokontayev>bokontayev~bokontaev"},
        TermsCase{"Kyrgyzstan’s Кыргызстана",
                  "kyrgyzstan's>kyrgyzstan~kirgizstan кыргызстана>кыргызста~kirgizstan",
                  "kyrgyzstan's>kyrgyzstan~kirgizstan кыргызстана>кыргызста~kirgizstan"},
        // Numbers, mixed scripts and words too short for a key have none.
        TermsCase{"2024 Mоscow Ян", "2024>2024 mоscow>mоscow ян>ян",
                  "2024>2024 mоscow>mоscow ян>ян"},
        // Kyrgyz letters that no ICU romanisation covers give no key either.
        TermsCase{"Өмүрбек", "өмүрбек>өмүрбек", "өмүрбек>өмүрбек"}));

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

TEST(Stem, UsesTheSnowballStemmerOfTheWordsScript) {
  EXPECT_EQ(stem("\u043A\u043D\u0438\u0433\u0430\u043C\u0438"), "\u043A\u043D\u0438\u0433");
  EXPECT_EQ(stem("deported"), "deport");
  EXPECT_EQ(stem("deportation"), "deport");
  EXPECT_EQ(stem("compatriots"), "compatriot");
  EXPECT_EQ(stem("moscow's"), "moscow");
  EXPECT_EQ(stem("80000"), "80000");
}

TEST(Fold, IsWhatAnalyzeUsesForWords) {
  EXPECT_EQ(fold("T\xC3\xBCrkiye"), "turkiye");
  EXPECT_EQ(fold("MIGRA"), "migra");
  EXPECT_EQ(fold("\u0401\u0416"), "\u0435\u0436");
  EXPECT_EQ(fold("\u0419"), "\u0439");
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
