#include "text/sentences.hpp"

#include <gtest/gtest.h>

namespace cite::text {
namespace {

std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [begin, end] : sentence_spans(text))
    out.push_back(text.substr(begin, end - begin));
  return out;
}

TEST(Sentences, SplitsOnSentenceEndsAndTrims) {
  EXPECT_EQ(sentences_of("  One here. Two there!  Three? "),
            (std::vector<std::string>{"One here.", "Two there!", "Three?"}));
}

TEST(Sentences, HardWrappedLinesDoNotEndASentence) {
  EXPECT_EQ(
      sentences_of("In November-December 2023, over \n1,000 migrants claimed asylum. The Finns "
                   "\nclosed it."),
      (std::vector<std::string>{"In November-December 2023, over \n1,000 migrants claimed asylum.",
                                "The Finns \nclosed it."}));
}

TEST(Sentences, SpansAreBytesOfMultibyteText) {
  const std::string text = "\xE2\x80\x9CT\xC3\xBCrkiye rose.\xE2\x80\x9D Next one.";
  const auto spans = sentence_spans(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].first, 0u);
  EXPECT_EQ(text.substr(spans[1].first, spans[1].second - spans[1].first), "Next one.");
}

TEST(Sentences, FootnoteMarkAfterASentenceEndStaysInThatSentence) {
  EXPECT_EQ(sentences_of("just outside of Moscow.76 The attack killed 145 people \nand injured "
                         "hundreds.77 The next day"),
            (std::vector<std::string>{"just outside of Moscow.76",
                                      "The attack killed 145 people \nand injured hundreds.77",
                                      "The next day"}));
  // A decimal number is not a footnote mark.
  EXPECT_EQ(sentences_of("It rose to 6.8 percent. Then fell."),
            (std::vector<std::string>{"It rose to 6.8 percent.", "Then fell."}));
}

TEST(Sentences, EmptyTextHasNone) { EXPECT_TRUE(sentence_spans(" \n ").empty()); }

}  // namespace
}  // namespace cite::text
