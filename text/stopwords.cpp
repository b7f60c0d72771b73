#include "text/stopwords.hpp"

#include <algorithm>
#include <array>

namespace cite::text {

bool is_stopword(std::string_view term) {
  static constexpr std::array<std::string_view, 78> kStopwords = {
      "a",     "about", "all",   "also",  "an",   "and",   "any",   "are",   "as",   "at",
      "be",    "been",  "but",   "by",    "can",  "could", "did",   "do",    "does", "each",
      "for",   "from",  "had",   "has",   "have", "he",    "her",   "his",   "i",    "if",
      "in",    "into",  "is",    "it",    "its",  "just",  "more",  "most",  "of",   "on",
      "only",  "or",    "other", "our",   "out",  "over",  "she",   "so",    "some", "such",
      "than",  "that",  "the",   "their", "them", "then",  "there", "these", "they", "this",
      "those", "to",    "up",    "very",  "was",  "we",    "were",  "what",  "when", "where",
      "which", "while", "who",   "will",  "with", "would", "you",   "your"};
  static_assert(std::is_sorted(kStopwords.begin(), kStopwords.end()));
  return std::binary_search(kStopwords.begin(), kStopwords.end(), term);
}

}  // namespace cite::text
