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
        QuantityCase{"from 180 to 90 days", "180 <180>; 90 <90>"},
        QuantityCase{"rose 2 to 4 percent", "2-4 percent <2 to 4 percent>"},
        QuantityCase{"from 150,000 to 1.8 million", "150000 <150,000>; 1800000 <1.8 million>"},
        QuantityCase{"a September 10 deadline", "10 day of month <10>"},
        QuantityCase{"On 22 March 2024", "22 day of month <22>; year 2024 <2024>"},
        QuantityCase{"around thirty laws", "30 <thirty>"},
        QuantityCase{"twenty five years", "25 <twenty five>"},
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
