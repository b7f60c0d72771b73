#include "text/variants.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace cite::text {
namespace {

bool has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

TEST(SpellingVariants, BritishAndAmericanBothWays) {
  EXPECT_EQ(spelling_variants("roubles").front(), "roubles");
  EXPECT_TRUE(has(spelling_variants("roubles"), "rubles"));
  EXPECT_TRUE(has(spelling_variants("rubles"), "roubles"));
  EXPECT_TRUE(has(spelling_variants("gray"), "grey"));
  EXPECT_TRUE(has(spelling_variants("legalized"), "legalised"));
  EXPECT_TRUE(has(spelling_variants("legalised"), "legalized"));
  EXPECT_TRUE(has(spelling_variants("labor"), "labour"));
  EXPECT_TRUE(has(spelling_variants("labour"), "labor"));
  EXPECT_TRUE(has(spelling_variants("centre"), "center"));
  EXPECT_EQ(spelling_variants("or"), (std::vector<std::string>{"or"})) << "too short to rewrite";
}

TEST(RelatedWords, NewsParaphrasesWordNetLacks) {
  EXPECT_TRUE(has(related_words("foreigners"), "migrants"));
  EXPECT_TRUE(has(related_words("quota"), "cap"));
  EXPECT_TRUE(has(related_words("fled"), "emigrated"));
  EXPECT_FALSE(has(related_words("quota"), "quota"));
  EXPECT_TRUE(related_words("migration").empty());
  EXPECT_TRUE(has(related_words("quotas"), "limit")) << "groups match every inflection";
}

// What WordNet knows left the table: `kids`/`children`, `citizens`/`nationals` are WordNet's.
TEST(RelatedWords, LeaveWordNetsPairsToWordNet) {
  EXPECT_TRUE(related_words("kids").empty());
  EXPECT_TRUE(related_words("citizens").empty());
  EXPECT_TRUE(has(related_words("deported"), "expelled")) << "WordNet's deport is to behave";
}

TEST(SpellingVariants, NamesWordNetSpellsTheOldWay) {
  EXPECT_TRUE(has(spelling_variants("kyrgyz"), "kirghiz"));
}

}  // namespace
}  // namespace cite::text
