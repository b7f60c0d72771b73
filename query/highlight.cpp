#include "query/highlight.hpp"

namespace cite::query {

std::vector<ByteRange> highlight(const std::vector<text::Token>& tokens, std::size_t offset,
                                 const MatchedWords& words) {
  std::vector<ByteRange> ranges;
  for (const text::Token& token : tokens) {
    if (words.matches(token)) ranges.emplace_back(offset + token.begin, offset + token.end);
  }
  return ranges;
}

}  // namespace cite::query
