#include "text/stopwords.hpp"

#include <algorithm>
#include <array>

namespace cite::text {

bool is_stopword(std::string_view term) {
  static constexpr std::array<std::string_view, 48> kStopwords = {
      "a",    "about", "an",    "and",  "are",  "as",   "at",   "be",   "been", "but",
      "by",   "can",   "could", "did",  "do",   "does", "for",  "from", "had",  "has",
      "have", "he",    "her",   "his",  "i",    "if",   "in",   "into", "is",   "it",
      "its",  "of",    "on",    "or",   "she",  "so",   "than", "that", "the",  "their",
      "them", "they",  "this",  "to",   "was",  "were", "with", "would"};
  static_assert(std::is_sorted(kStopwords.begin(), kStopwords.end()));
  return std::binary_search(kStopwords.begin(), kStopwords.end(), term);
}

}  // namespace cite::text
