#include "query/highlight.hpp"

#include "text/utf8.hpp"

namespace cite::query {

std::string_view highlighted_part(std::string_view text) {
  if (text.size() <= kMaxHighlightBytes) return text;
  std::size_t end = kMaxHighlightBytes;
  for (std::size_t at = end; at > 0; --at) {
    if (text::whitespace_length_before(text, at) > 0) return text.substr(0, at);
  }
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::vector<ByteRange> highlight(const std::vector<text::Token>& tokens, std::size_t offset,
                                 const MatchedWords& words) {
  std::vector<ByteRange> ranges;
  for (const text::Token& token : tokens) {
    if (words.matches(token)) ranges.emplace_back(offset + token.begin, offset + token.end);
  }
  return ranges;
}

}  // namespace cite::query
