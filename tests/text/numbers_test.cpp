#include "text/numbers.hpp"

#include <gtest/gtest.h>

namespace cite::text {
namespace {

struct NumberCase {
  std::string input;
  std::string canonical;
};

class CanonicalNumber : public ::testing::TestWithParam<NumberCase> {};

TEST_P(CanonicalNumber, MatchesTable) {
  EXPECT_EQ(canonical_number(GetParam().input), GetParam().canonical) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CanonicalNumber,
    ::testing::Values(NumberCase{"80,000", "80000"}, NumberCase{"80000", "80000"},
                      NumberCase{"1,234,567", "1234567"}, NumberCase{"44,200", "44200"},
                      NumberCase{"1,063.50", "1063.5"}, NumberCase{"5.70", "5.7"},
                      NumberCase{"2.0", "2"}, NumberCase{"138.1", "138.1"},
                      NumberCase{"1.063", "1.063"}, NumberCase{"2024", "2024"},
                      // Not valid thousands grouping: left alone rather than guessed.
                      NumberCase{"1,5", "1,5"}, NumberCase{"12,34", "12,34"},
                      NumberCase{"1234,567", "1234,567"}, NumberCase{"1.2.3", "1.2.3"}));

}  // namespace
}  // namespace cite::text
