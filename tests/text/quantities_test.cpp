#include "text/quantities.hpp"

#include <gtest/gtest.h>

namespace cite::text {
namespace {

std::string quantities_in(const std::string& text, AnalysisMode mode = AnalysisMode::kQuery) {
  const Analyzer analyzer(mode);
  std::string out;
  for (const Quantity& q : extract_quantities(text, analyzer.analyze(text))) {
    if (!out.empty()) out += "; ";
    out += describe(q) + " <" + text.substr(q.begin, q.end - q.begin) + ">";
  }
  return out;
}

struct QuantityCase {
  std::string text;
  std::string quantities;  // describe() <as written>; ...
};

class Quantities : public ::testing::TestWithParam<QuantityCase> {};

TEST_P(Quantities, MatchTable) {
  EXPECT_EQ(quantities_in(GetParam().text), GetParam().quantities) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Quantities,
    ::testing::Values(
        QuantityCase{"80,000 people", "80000 <80,000>"},
        QuantityCase{"80000 people", "80000 <80000>"},
        QuantityCase{"eighty thousand people", "80000 <eighty thousand>"},
        QuantityCase{"5.7 million", "5700000 <5.7 million>"},
        QuantityCase{"1.063 million", "1063000 <1.063 million>"},
        QuantityCase{"down 10%", "10 percent <10%>"},
        QuantityCase{"down 10 percent", "10 percent <10 percent>"},
        QuantityCase{"down 10 per cent", "10 percent <10 per cent>"},
        QuantityCase{"$11.5 billion", "11500000000 dollar <$11.5 billion>"},
        QuantityCase{"11.5 billion dollars", "11500000000 dollar <11.5 billion dollars>"},
        QuantityCase{"rose 2\u20134 percent", "2-4 percent <2\u20134 percent>"},
        QuantityCase{"cost 20,000-25,000 roubles", "20000-25000 rouble <20,000-25,000 roubles>"},
        QuantityCase{"between 2 and 5 million workers", "2000000-5000000 <2 and 5 million>"},
        QuantityCase{"(\u20AC2,040)", "2040 euro <\u20AC2,040>"},
        QuantityCase{"30,000 rubles (\\$394) per month",
                     "30000 rouble <30,000 rubles>; 394 dollar <$394>"},
        QuantityCase{"a 10,000-rouble payment", "10000 rouble <10,000-rouble>"},
        QuantityCase{"In 2024, Russia", "year 2024 <2024>"},
        QuantityCase{"from 180 to 90 days", "180 <180>; 90 day <90 days>"},
        QuantityCase{"rose 2 to 4 percent", "2-4 percent <2 to 4 percent>"},
        QuantityCase{"from 150,000 to 1.8 million", "150000 <150,000>; 1800000 <1.8 million>"},
        QuantityCase{"a September 10 deadline", "10 day of month <10>"},
        QuantityCase{"On 22 March 2024", "22 day of month <22>; year 2024 <2024>"},
        QuantityCase{"around thirty laws", "about 30 <thirty>"},
        QuantityCase{"twenty five laws", "25 <twenty five>"},
        // Abbreviated scales.
        QuantityCase{"some 352k Kyrgyz", "about 352000 <352k>"},
        QuantityCase{"5.7m foreigners", "5700000 <5.7m>"},
        QuantityCase{"a $15bn fund", "15000000000 dollar <$15bn>"},
        QuantityCase{"6k roubles", "6000 rouble <6k roubles>"},
        // Fractions and ratios, as percentages.
        QuantityCase{"a quarter of migrants", "25 percent <a quarter>"},
        QuantityCase{"two-thirds of migrants", "66.666667 percent <two-thirds>"},
        QuantityCase{"three in ten workers", "30 percent <three in ten>"},
        QuantityCase{"one in three applications", "33.333333 percent <one in three>"},
        QuantityCase{"nineteen out of every twenty people",
                     "95 percent <nineteen out of every twenty>"},
        QuantityCase{"a third country", ""},  // no `of`: an ordinal
        QuantityCase{"5 in 2024", "5 <5>; year 2024 <2024>"},
        // Multiples.
        QuantityCase{"the number doubled", "2 times <doubled>"},
        QuantityCase{"it was halved", "0.5 times <halved>"},
        QuantityCase{"a fivefold rise", "5 times <fivefold>"},
        QuantityCase{"a tenfold rise", "10 times <tenfold>"},
        QuantityCase{"49 times the level", "49 times <49 times>"},
        QuantityCase{"49% more in 2023", "1.49 times <49% more>; year 2023 <2023>"},
        QuantityCase{"20% lower", "0.8 times <20% lower>"},
        // Durations, in days, and frequencies, per day.
        QuantityCase{"a two-year requirement", "730.5 day <two-year>"},
        QuantityCase{"after one year of service", "365.25 day <one year>"},
        QuantityCase{"more than a decade", "at least 3652.5 day <a decade>"},
        QuantityCase{"more than a thousand towns", "at least 1000 <a thousand>"},
        QuantityCase{"a million people", "1000000 <a million>"},
        QuantityCase{"every six months", "0.005476 per day <every six months>"},
        QuantityCase{"twice a year", "0.005476 per day <twice a year>"},
        QuantityCase{"every six hours", "4 per day <every six hours>"},
        QuantityCase{"four times a day", "4 per day <four times a day>"},
        // Approximations and bounds.
        QuantityCase{"roughly 6,000", "about 6000 <6,000>"},
        QuantityCase{"nearly 40", "about 40 <40>"},
        QuantityCase{"more than 40 camps", "at least 40 <40>"},
        QuantityCase{"upwards of 40 camps", "at least 40 <40>"},
        QuantityCase{"up to 40 pages", "at most 40 <40>"},
        QuantityCase{"one of them", ""},                     // a pronoun, not a figure
        QuantityCase{"shortage in Russia.102 Even so", ""},  // a PDF footnote mark
        QuantityCase{"no figures here", ""}));

TEST(Quantities, GluedFootnoteYearReadsAsTheYearInDocuments) {
  EXPECT_EQ(quantities_in("quota to 5,500 in 202591 Regions", AnalysisMode::kDocument),
            "5500 <5,500>; year 2025 <202591>");
  EXPECT_EQ(quantities_in("lowest since 1945.1 The", AnalysisMode::kDocument),
            "year 1945 <1945.1>");
}

TEST(Quantities, SameValueHoweverWritten) {
  const Analyzer analyzer(AnalysisMode::kQuery);
  auto only = [&](const std::string& text) {
    const std::vector<Quantity> found = extract_quantities(text, analyzer.analyze(text));
    EXPECT_EQ(found.size(), 1u) << text;
    return found.empty() ? Quantity{} : found.front();
  };
  EXPECT_TRUE(only("80,000").same_value(only("eighty thousand")));
  EXPECT_TRUE(only("10%").same_value(only("10 percent")));
  EXPECT_TRUE(only("$11.5 billion").same_value(only("11.5 billion dollars")));
  EXPECT_TRUE(only("1.063 million").same_value(only("1,063,000")));
  EXPECT_FALSE(only("10%").same_value(only("10 dollars")));
  EXPECT_FALSE(only("2024").same_value(only("2,024")));  // a year is not a count
  EXPECT_FALSE(only("100,000").same_value(only("80,000")));
  EXPECT_TRUE(only("100,000").same_kind(only("80,000")));
}

// A claim's figure agrees with a source's within the tolerance its wording states.
TEST(Quantities, AgreeWithinTheirTolerance) {
  const Analyzer analyzer(AnalysisMode::kQuery);
  auto only = [&](const std::string& text) {
    const std::vector<Quantity> found = extract_quantities(text, analyzer.analyze(text));
    EXPECT_EQ(found.size(), 1u) << text;
    return found.empty() ? Quantity{} : found.front();
  };
  EXPECT_TRUE(only("roughly 6k roubles").agrees_with(only("6,000 roubles")));
  EXPECT_TRUE(only("about 6,000").agrees_with(only("5,500")));
  EXPECT_FALSE(only("about 6,000").agrees_with(only("5,000")));
  EXPECT_TRUE(only("more than 40").agrees_with(only("over 40")));
  EXPECT_TRUE(only("more than 40").agrees_with(only("45")));
  EXPECT_FALSE(only("more than 40").agrees_with(only("35")));
  EXPECT_FALSE(only("more than 40").agrees_with(only("400")));
  EXPECT_TRUE(only("up to 40").agrees_with(only("40")));
  EXPECT_FALSE(only("up to 40").agrees_with(only("45")));
  EXPECT_TRUE(only("one in three").agrees_with(only("33%")));
  EXPECT_FALSE(only("one in three").agrees_with(only("39%")));
  EXPECT_TRUE(only("nineteen in twenty").agrees_with(only("95%")));
  EXPECT_TRUE(only("every six months").agrees_with(only("twice a year")));
  EXPECT_TRUE(only("every six hours").agrees_with(only("four times a day")));
  EXPECT_FALSE(only("every six hours").agrees_with(only("twice a day")));
  EXPECT_TRUE(only("more than a decade").agrees_with(only("11 years")));
  EXPECT_FALSE(only("49 times").agrees_with(only("49% more")));
  EXPECT_TRUE(only("halved").agrees_with(only("50% less")));
  EXPECT_EQ(describe_tolerance(only("about 6,000")), "within 10%");
  EXPECT_EQ(describe_tolerance(only("more than 40")), "40 to 50");
  EXPECT_EQ(describe_tolerance(only("up to 40")), "30 to 40");
  EXPECT_EQ(describe_tolerance(only("one in three")), "within 3%");
  EXPECT_EQ(describe_tolerance(only("80,000")), "");
}

// Found by tests/fuzz/quantities_fuzz.cpp: `per cent` after a currency amount was refused as
// the unit, but the quantity had already taken `per` as its last token.
TEST(Quantities, RefusedPerCentIsNotPartOfTheQuantity) {
  const Analyzer analyzer(AnalysisMode::kQuery);
  const std::string text = "$4 per cent";
  const std::vector<Token> tokens = analyzer.analyze(text);
  const std::vector<Quantity> found = extract_quantities(text, tokens);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(describe(found.front()), "4 dollar");
  EXPECT_EQ(text.substr(found.front().begin, found.front().end - found.front().begin), "$4");
  EXPECT_EQ(tokens[found.front().last_token].term, "4");
}

}  // namespace
}  // namespace cite::text
