#include "query/positional.hpp"

#include <gtest/gtest.h>

#include "store/schema.hpp"

namespace cite::query {
namespace {

const text::Analyzer& query_analyzer() {
  static const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  return analyzer;
}

std::vector<text::Token> words_of(const std::string& passage) {
  static const text::Analyzer analyzer(text::AnalysisMode::kDocument);
  return analyzer.analyze(passage);
}

// The fingerprints the indexer keeps for `passage` (indexer/document.cpp).
std::string fingerprints_of(const std::string& passage) {
  std::string marks;
  for (const text::Token& token : words_of(passage)) {
    marks += static_cast<char>(token.alternative.empty() ? store::word_fingerprint(token.term)
                                                         : store::kAnyWord);
  }
  return marks;
}

struct PositionalCase {
  std::string query;
  std::string passage;  // a passage holding every word of the query, so Xapian finds it
  bool matches;
};

class Positional : public ::testing::TestWithParam<PositionalCase> {};

// The exact check decides; the fingerprint check may only rule out what the exact one does.
TEST_P(Positional, MatchesTable) {
  const PositionalCase& c = GetParam();
  const ParsedQuery parsed = parse_query(c.query, query_analyzer());
  ASSERT_TRUE(parsed.positional) << c.query;
  EXPECT_EQ(matches(*parsed.positional, words_of(c.passage)), c.matches)
      << c.query << " in " << c.passage;
  if (c.matches) {
    EXPECT_TRUE(may_match(*parsed.positional, fingerprints_of(c.passage)))
        << c.query << " in " << c.passage;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, Positional,
    ::testing::Values(PositionalCase{"\"mass raids\"", "Police carried out mass raids.", true},
                      PositionalCase{"\"mass raids\"", "Raids were mass events.", false},
                      PositionalCase{"\"mass raids\"", "mass arrests and raids", false},
                      // Case, diacritics and numbers are folded as at index time.
                      PositionalCase{"\"138.1 million\"", "It was 138.1\nmillion people.", true},
                      PositionalCase{"\"T\xC3\xBCrkiye said\"", "TURKIYE SAID so", true},
                      PositionalCase{"Lvova-Belova", "Maria Lvova Belova", true},
                      PositionalCase{"Lvova-Belova", "Belova and Lvova", false},
                      // A year with a glued footnote number is read both ways at one position.
                      PositionalCase{"\"since 1945\"", "It has held since 1945.1 The rest", true},
                      // NEAR/n: each word at its own position, positions at most n apart, in any
                      // order, as Xapian's OP_NEAR (checked with python3-xapian on positions).
                      PositionalCase{"raids NEAR/1 police", "police raids", true},
                      PositionalCase{"raids NEAR/1 police", "raids by police", false},
                      PositionalCase{"raids NEAR/2 police", "raids by police", true},
                      PositionalCase{"raids NEAR police", "raids a b c d e f g h i police", true},
                      PositionalCase{"raids NEAR police", "raids a b c d e f g h i j police",
                                     false},
                      PositionalCase{"raids NEAR raids", "raids by police", false},
                      PositionalCase{"raids NEAR raids", "raids and raids", true},
                      // Around a phrase, the query's structure decides.
                      PositionalCase{"\"mass raids\" OR police", "raids by police, mass", true},
                      PositionalCase{"\"mass raids\" AND police", "mass police raids", false},
                      PositionalCase{"police NOT \"mass raids\"", "police and raids, mass", true},
                      PositionalCase{"police NOT \"mass raids\"", "police mass raids", false},
                      PositionalCase{"police NOT (\"mass raids\" OR arrests)",
                                     "police raids arrests mass", false}));

TEST(Positional, QueriesWithoutPhrasesAreLeftToXapian) {
  for (const std::string query :
       {"deported 2024", "\"needed\"", "migra*", "a AND b NOT c", "section:\"x y\" z"}) {
    EXPECT_FALSE(parse_query(query, query_analyzer()).positional) << query;
  }
}

// Xapian cannot tell a phrase from its words anywhere in a passage: excluding those passages
// would lose passages that hold the words but not the phrase.
TEST(Positional, AnExcludedPhraseIsNotExcludedByXapian) {
  const ParsedQuery parsed = parse_query("police NOT \"mass raids\"", query_analyzer());
  EXPECT_EQ(parsed.query.get_description(), "Query(Zpolic)");
  ASSERT_TRUE(parsed.positional);
  EXPECT_EQ(parse_query("police NOT raids", query_analyzer()).query.get_description(),
            "Query((Zpolic AND_NOT Zraid))");
}

TEST(Positional, FingerprintsRuleOutWordsOutOfOrder) {
  const ParsedQuery parsed = parse_query("\"mass raids\"", query_analyzer());
  ASSERT_TRUE(parsed.positional);
  EXPECT_FALSE(may_match(*parsed.positional, fingerprints_of("raids were mass events")));
  EXPECT_FALSE(may_match(*parsed.positional, ""));
  // A position with two readings stands for any word.
  const std::string any(1, static_cast<char>(store::kAnyWord));
  EXPECT_TRUE(may_match(*parsed.positional, fingerprints_of("mass") + any));
}

// Regression: NEAR gave each word the first free position it fits, so a position standing for
// any word, taken by the first word, was not left to the second, whose only place it was.
TEST(Positional, APositionThatFitsSeveralWordsGoesToTheWordThatNeedsIt) {
  const ParsedQuery parsed = parse_query("raids NEAR/1 police", query_analyzer());
  ASSERT_TRUE(parsed.positional);
  const std::string any(1, static_cast<char>(store::kAnyWord));
  EXPECT_TRUE(may_match(*parsed.positional, any + fingerprints_of("raids")));
  EXPECT_FALSE(may_match(*parsed.positional, any + fingerprints_of("arrests")));
}

TEST(Positional, FingerprintsAreBytesOtherThanAnyWord) {
  for (const std::string term : {"", "a", "the", "raids", "80000", "\xD0\xBA\xD0\xBD\xD0\xB8"}) {
    EXPECT_NE(store::word_fingerprint(term), store::kAnyWord) << term;
  }
  EXPECT_NE(store::word_fingerprint("mass"), store::word_fingerprint("raids"));
}

}  // namespace
}  // namespace cite::query
