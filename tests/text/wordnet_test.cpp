#include "text/wordnet.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

namespace cite::text {
namespace {

std::optional<LexicalRelation> relation(std::string_view from, std::string_view to) {
  for (const RelatedWord& r : WordNet::instance().related(from)) {
    if (r.word == to) return r.relation;
  }
  return std::nullopt;
}

const WordNet& wordnet() { return WordNet::instance(); }

TEST(WordNet, IsEmbedded) {
  ASSERT_TRUE(wordnet().available()) << "built without /usr/share/wordnet (wordnet-base)?";
  EXPECT_GT(wordnet().lemma_count(), 140000u);
}

TEST(WordNet, BaseFormsFollowMorphy) {
  using V = std::vector<std::string>;
  EXPECT_EQ(wordnet().base_forms("shrank"), V{"shrink"});
  auto has = [](const V& v, const std::string& w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  EXPECT_TRUE(has(wordnet().base_forms("children"), "child"));
  EXPECT_TRUE(has(wordnet().base_forms("deported"), "deport"));
  EXPECT_TRUE(has(wordnet().base_forms("kids"), "kid"));
  EXPECT_TRUE(wordnet().base_forms("xqzzy").empty());
  EXPECT_EQ(wordnet().irregular_bases("children"), V{"child"});
  EXPECT_TRUE(wordnet().irregular_bases("deported").empty()) << "only the exception lists";
}

// One row per relation: the claim's word, a source's word, how they relate.
struct Row {
  const char* from;
  const char* to;
  LexicalRelation expected;
};

class Relations : public ::testing::TestWithParam<Row> {};

TEST_P(Relations, AreFound) {
  const Row& row = GetParam();
  const std::optional<LexicalRelation> got = relation(row.from, row.to);
  ASSERT_TRUE(got.has_value()) << row.from << " -> " << row.to;
  EXPECT_EQ(to_string(*got), std::string(to_string(row.expected))) << row.from << " -> " << row.to;
}

INSTANTIATE_TEST_SUITE_P(WordNet, Relations,
                         ::testing::Values(Row{"kids", "child", LexicalRelation::kSynonym},
                                           Row{"bolster", "reinforce", LexicalRelation::kHypernym},
                                           Row{"expelled", "deport", LexicalRelation::kHypernym},
                                           Row{"shrank", "decrease", LexicalRelation::kHypernym},
                                           Row{"tajik", "tajikistan", LexicalRelation::kSynonym},
                                           Row{"deport", "deportation", LexicalRelation::kDerived},
                                           Row{"residence", "reside", LexicalRelation::kDerived},
                                           Row{"massacre", "carnage", LexicalRelation::kSynonym},
                                           Row{"massacre", "murder", LexicalRelation::kHypernym},
                                           Row{"rising", "fall", LexicalRelation::kAntonym},
                                           Row{"above", "below", LexicalRelation::kAntonym},
                                           // A capital names its country.
                                           Row{"washington", "us", LexicalRelation::kPart},
                                           Row{"moscow", "russia", LexicalRelation::kPart},
                                           Row{"bishkek", "kyrgyzstan", LexicalRelation::kPart},
                                           // A collocation is one lemma.
                                           Row{"crack_down", "crackdown",
                                               LexicalRelation::kDerived},
                                           Row{"go_down", "decline", LexicalRelation::kDerived}));

TEST(WordNet, OnlyACapitalNamesItsCountry) {
  EXPECT_FALSE(relation("kazakhstan", "asia")) << "a country is part of a continent, not its name";
}

// Regression: `the State` (Russia's class) was a rival name of the same kind as `Russia`.
TEST(WordNet, AClassIsNoRivalName) {
  EXPECT_FALSE(wordnet().same_kind("russia", "state"));
  EXPECT_FALSE(wordnet().same_kind("state", "russia"));
  EXPECT_TRUE(wordnet().same_kind("russia", "germany"));
}

TEST(WordNet, OppositesOfTheGeneralVerb) {
  auto has = [](const std::vector<std::string>& v, const std::string& w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  EXPECT_TRUE(has(wordnet().general_opposites("raising"), "decrease")) << "to raise is to increase";
  EXPECT_TRUE(has(wordnet().generalisations("reducing"), "decrease"));
  EXPECT_FALSE(has(wordnet().general_opposites("said"), "same")) << "verbs only";
}

TEST(WordNet, NamesFirst) {
  EXPECT_TRUE(wordnet().names_first("japan")) << "though `japan` is also a lacquer";
  EXPECT_FALSE(wordnet().is_proper_name("japan"));
  EXPECT_FALSE(wordnet().names_first("interior"));
  EXPECT_FALSE(wordnet().names_first("state"));
}

TEST(WordNet, DirectionsNotOtherNounOpposites) {
  EXPECT_FALSE(relation("citizens", "foreigner")) << "opposite nouns are not directions";
  EXPECT_EQ(relation("increase", "decrease"), LexicalRelation::kAntonym) << "a change is";
}

TEST(WordNet, SynonymsShareTheOthersMainSense) {
  EXPECT_NE(relation("tajikistan", "tajik"), LexicalRelation::kSynonym)
      << "`Tajik` lists the country, but a Tajik is a person";
}

TEST(WordNet, UnrelatedWordsAreNot) {
  EXPECT_FALSE(relation("kids", "deportation"));
  EXPECT_FALSE(relation("germany", "netherlands"));
  EXPECT_TRUE(wordnet().related("xqzzy").empty());
}

TEST(WordNet, SameKindOfName) {
  EXPECT_TRUE(wordnet().same_kind("netherlands", "germany"));
  EXPECT_TRUE(wordnet().same_kind("tajik", "kirghiz"));
  EXPECT_FALSE(wordnet().same_kind("germany", "deutschland")) << "synonyms";
  EXPECT_FALSE(wordnet().same_kind("tajik", "doctor")) << "only `person` in common";
  EXPECT_FALSE(wordnet().same_kind("washington", "us")) << "a capital names its country";
}

TEST(WordNet, ProperNames) {
  EXPECT_TRUE(wordnet().is_proper_name("germany"));
  EXPECT_FALSE(wordnet().is_proper_name("children"));
}

}  // namespace
}  // namespace cite::text
