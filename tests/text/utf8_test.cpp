#include "text/utf8.hpp"

#include <gtest/gtest.h>

namespace cite::text {
namespace {

struct Utf8Case {
  std::string input;
  bool valid;
};

class ValidUtf8 : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(ValidUtf8, ClassifiesInput) {
  EXPECT_EQ(is_valid_utf8(GetParam().input), GetParam().valid) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ValidUtf8,
    ::testing::Values(Utf8Case{"plain ascii", true}, Utf8Case{"T\xC3\xBCrkiye", true},
                      Utf8Case{"\xE2\x80\x9Cquoted\xE2\x80\x9D", true},
                      Utf8Case{"\xF0\x9F\x98\x80 emoji", true},
                      Utf8Case{"latin-1 caf\xE9", false},         // ISO-8859-1 é
                      Utf8Case{"truncated \xE2\x80", false},      // sequence cut short
                      Utf8Case{"overlong \xC0\xAF", false},       // overlong '/'
                      Utf8Case{"surrogate \xED\xA0\x80", false},  // UTF-16 surrogate
                      Utf8Case{"too big \xF4\x90\x80\x80", false}));

TEST(Trim, RemovesAsciiAndUnicodeSpaceAtBothEnds) {
  EXPECT_EQ(trim("  \t text \r"), "text");
  EXPECT_EQ(trim("\xEF\xBB\xBF"
                 "bom"),
            "bom");
  EXPECT_EQ(trim("case.\xE2\x80\x9D"
                 "6\xC2\xA0"),
            "case.\xE2\x80\x9D"
            "6");  // trailing NBSP
  EXPECT_EQ(trim(" \xE2\x80\xAF "), "");
  EXPECT_EQ(trim("inner  space"), "inner  space");
}

TEST(CodePointCount, CountsCharactersNotBytes) {
  EXPECT_EQ(code_point_count("abc"), 3u);
  EXPECT_EQ(code_point_count("T\xC3\xBCrkiye"), 7u);
  EXPECT_EQ(code_point_count("\xE2\x80\x94"), 1u);
}

}  // namespace
}  // namespace cite::text
