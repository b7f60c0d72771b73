#include "indexer/readers/spans.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <tuple>

#include "text/utf8.hpp"

namespace cite::indexer::readers {

bool has_alphanumeric(std::string_view s) {
  const auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, length, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

std::pair<std::size_t, std::size_t> trimmed(std::string_view text, std::size_t begin,
                                            std::size_t end) {
  while (begin < end) {
    const std::size_t n = text::whitespace_length(text, begin);
    if (n == 0 || begin + n > end) break;
    begin += n;
  }
  while (end > begin) {
    const std::size_t n = text::whitespace_length_before(text, end);
    if (n == 0 || end - n < begin) break;
    end -= n;
  }
  return {begin, end};
}

void add_passage(std::vector<Passage>& passages, std::string_view text, const LineIndex& lines,
                 std::size_t begin, std::size_t end, PassageKind kind, const std::string& section,
                 std::optional<std::string> words, int page) {
  std::tie(begin, end) = trimmed(text, begin, end);
  if (begin >= end) return;
  if (!has_alphanumeric(words ? std::string_view(*words) : text.substr(begin, end - begin))) {
    return;
  }
  Passage passage;
  passage.span.paragraph = static_cast<int>(passages.size()) + 1;
  passage.span.byte_start = begin;
  passage.span.byte_end = end;
  passage.span.line_start = lines.line_of(begin);
  passage.span.line_end = lines.line_of(end - 1);
  passage.span.section = section;
  passage.span.kind = kind;
  passage.words = std::move(words);
  passage.page = page;
  passages.push_back(std::move(passage));
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = text::whitespace_length(text, i);
    if (n > 0) {
      space = true;
      i += n;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i++];
  }
  return out;
}

}  // namespace cite::indexer::readers
