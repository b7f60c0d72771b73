#include "query/parser.hpp"

#include <gtest/gtest.h>

namespace cite::query {
namespace {

struct ParseCase {
  std::string input;
  std::string description;  // Xapian::Query::get_description()
};

std::string describe_query(const std::string& input) {
  static const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  return parse_query(input, analyzer).query.get_description();
}

class QuerySyntax : public ::testing::TestWithParam<ParseCase> {};

TEST_P(QuerySyntax, MatchesTable) {
  EXPECT_EQ(describe_query(GetParam().input), GetParam().description) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuerySyntax,
    ::testing::Values(
        ParseCase{"deported", "Query(Zdeport)"},
        ParseCase{"deported 2024", "Query((Zdeport OR Z2024))"},
        // A pasted claim: stopwords go, numbers are canonical, words are stemmed.
        ParseCase{"Russia deported more than 80,000 foreigners in 2024",
                  "Query((Zrussia OR Zdeport OR Z80000 OR Zforeign OR Z2024))"},
        ParseCase{"\"138.1 million\"", "Query((138.1 AND million))"},
        ParseCase{"\u201Ccontrolled persons registry\u201D",
                  "Query((controlled AND persons AND registry))"},
        ParseCase{"\"needed\"", "Query(needed)"},
        ParseCase{"Lvova-Belova", "Query((lvova AND belova))"},
        ParseCase{"T\xC3\xBCrkiye", "Query(Zturkiy)"}, ParseCase{"a AND b", "Query((Za AND Zb))"},
        ParseCase{"deported AND 2024 OR expelled", "Query(((Zdeport AND Z2024) OR Zexpel))"},
        ParseCase{"deported NOT 2023", "Query((Zdeport AND_NOT Z2023))"},
        ParseCase{"deported AND NOT 2023", "Query((Zdeport AND_NOT Z2023))"},
        ParseCase{"(deported OR expelled) AND 2024", "Query(((Zdeport OR Zexpel) AND Z2024))"},
        ParseCase{"russia NEAR deported", "Query((russia AND deported))"},
        ParseCase{"russia NEAR/3 deported", "Query((russia AND deported))"},
        ParseCase{"migra*", "Query(WILDCARD SYNONYM migra)"},
        ParseCase{"MIGRA*", "Query(WILDCARD SYNONYM migra)"},
        ParseCase{"file:004_fad1a6b6ca469459.txt deported",
                  "Query((Zdeport FILTER P004_fad1a6b6ca469459.txt))"},
        ParseCase{
            "file:004* file:000*",
            "Query((<alldocuments> FILTER (WILDCARD SYNONYM P004 OR WILDCARD SYNONYM P000)))"},
        ParseCase{"section:\"executive summary\" russia",
                  "Query((Zrussia FILTER (Sexecutive AND Ssummary)))"},
        ParseCase{"the", "Query(Zthe)"},  // only stopwords: kept
        ParseCase{"", "Query()"}, ParseCase{"!!! ---", "Query()"},
        // Not valid syntax: searched as plain words, never an error.
        ParseCase{"(deported", "Query(Zdeport)"}, ParseCase{"deported AND", "Query(Zdeport)"},
        ParseCase{"AND OR NOT", "Query(Znot)"},
        ParseCase{"NEAR deported", "Query((Znear OR Zdeport))"},
        ParseCase{"\"unterminated phrase", "Query((unterminated AND phrase))"},
        // Groups nest 32 deep; deeper input is searched as its plain words.
        ParseCase{
            std::string(32, '(') + "deported OR expelled" + std::string(32, ')') + " AND 2024",
            "Query(((Zdeport OR Zexpel) AND Z2024))"},
        ParseCase{
            std::string(33, '(') + "deported OR expelled" + std::string(33, ')') + " AND 2024",
            "Query((Zdeport OR Zexpel OR Z2024))"}));

TEST(MatchedWords, ExcludedWordsAreNotHighlighted) {
  const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  const ParsedQuery parsed =
      parse_query("deported NOT (2023 OR expelled) \"in 2024\" migra*", analyzer);
  EXPECT_EQ(parsed.words.stems, (std::set<std::string>{"deport"}));
  EXPECT_EQ(parsed.words.terms, (std::set<std::string>{"in", "2024"}));
  EXPECT_EQ(parsed.words.prefixes, (std::vector<std::string>{"migra"}));
  EXPECT_FALSE(parsed.fell_back);
}

// Regression: stopwords dropped from the query were still highlighted in every hit.
TEST(MatchedWords, DroppedStopwordsAreNotHighlighted) {
  const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  EXPECT_EQ(parse_query("the deported", analyzer).words.stems, (std::set<std::string>{"deport"}));
  EXPECT_EQ(parse_query("the AND deported", analyzer).words.stems,
            (std::set<std::string>{"the", "deport"}));
  EXPECT_EQ(parse_query("the", analyzer).words.stems, (std::set<std::string>{"the"}));
}

// Regression: each `(` recursed through the parser, and some 3,000 of them overflowed the stack.
TEST(QueryNesting, HundredThousandParenthesesAreSearchedAsPlainWords) {
  const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  for (const std::string& input : {std::string(100000, '(') + "deported",
                                   std::string(100000, '(') + "deported" + std::string(100000, ')'),
                                   "deported" + std::string(100000, ')')}) {
    const ParsedQuery parsed = parse_query(input, analyzer);
    EXPECT_EQ(parsed.query.get_description(), "Query(Zdeport)");
    EXPECT_TRUE(parsed.fell_back);
  }
}

// Regression: Xapian's matcher is quadratic in an OR's subqueries: 20,000 words took 45 s.
TEST(QueryLength, PastAThousandWordsTheFirstThousandAreSearchedAsPlainWords) {
  const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  std::string words;  // 999 of them, and `deported` makes 1,000
  for (int i = 0; i < 999; ++i) words += "w" + std::to_string(i) + " ";
  const ParsedQuery at_limit = parse_query("(" + words + ") AND deported", analyzer);
  EXPECT_FALSE(at_limit.fell_back);
  EXPECT_EQ(at_limit.query.get_type(), Xapian::Query::OP_AND);

  const ParsedQuery long_query = parse_query("(" + words + "x) AND deported", analyzer);
  EXPECT_TRUE(long_query.fell_back);
  EXPECT_EQ(long_query.query.get_num_subqueries(), 1000u);
  EXPECT_EQ(long_query.words.stems.count("deport"), 0u);

  std::string repeated;
  for (int i = 0; i < 20000; ++i) repeated += "x ";
  const ParsedQuery huge = parse_query(repeated + "\"" + repeated + "\"", analyzer);
  EXPECT_TRUE(huge.fell_back);
  EXPECT_EQ(huge.query.get_num_subqueries(), 1000u);
}

TEST(MatchedWords, FallbackIsReported) {
  const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  EXPECT_TRUE(parse_query("(deported", analyzer).fell_back);
}

}  // namespace
}  // namespace cite::query
