#include "indexer/passage_limit.hpp"

#include <algorithm>

#include "indexer/plaintext/lines.hpp"
#include "text/utf8.hpp"

namespace cite::indexer {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the piece starting at `begin` ends: after the last whitespace in its second half, else
// at the last code point boundary within `max_bytes`.
std::size_t piece_end(std::string_view file, std::size_t begin, std::size_t end,
                      std::size_t max_bytes) {
  if (end - begin <= max_bytes) return end;
  const std::size_t limit = begin + max_bytes;
  for (std::size_t pos = limit; pos > begin + max_bytes / 2; --pos) {
    if (is_ascii_space(file[pos])) return pos;
  }
  std::size_t pos = limit;
  while (pos > begin + 1 && is_continuation_byte(file[pos])) --pos;
  return pos;
}

// Line ends in [from, to), by the cutter's own definition of a line (`\r` alone counts too).
int count_lines(std::string_view file, std::size_t from, std::size_t to) {
  int lines = 0;
  for (std::size_t pos = from;;) {
    const plaintext::LineEnd line = plaintext::next_line_end(file, pos);
    if (line.next > to || line.next == line.end) return lines;
    ++lines;
    pos = line.next;
  }
}

}  // namespace

std::string cap_section(std::string_view section) {
  if (section.size() <= kMaxSectionBytes) return std::string(section);
  std::size_t end = kMaxSectionBytes;
  while (end > 0 && is_continuation_byte(section[end])) --end;
  return std::string(text::trim(section.substr(0, end)));
}

std::vector<PassageSpan> limit_passages(std::string_view file, std::vector<PassageSpan> passages,
                                        std::size_t max_bytes) {
  std::vector<PassageSpan> limited;
  limited.reserve(passages.size());
  for (PassageSpan& passage : passages) {
    passage.section = cap_section(passage.section);
    if (passage.byte_end - passage.byte_start <= max_bytes) {
      passage.paragraph = static_cast<int>(limited.size()) + 1;
      limited.push_back(std::move(passage));
      continue;
    }
    std::size_t begin = passage.byte_start;
    int line = passage.line_start;
    while (begin < passage.byte_end) {
      std::size_t end = piece_end(file, begin, passage.byte_end, max_bytes);
      std::size_t next = end;
      while (next < passage.byte_end) {
        const std::size_t length = text::whitespace_length(file, next);
        if (length == 0) break;
        next += length;
      }
      while (end > begin) {
        const std::size_t length = text::whitespace_length_before(file, end);
        if (length == 0) break;
        end -= length;
      }
      PassageSpan piece = passage;
      piece.paragraph = static_cast<int>(limited.size()) + 1;
      piece.byte_start = begin;
      piece.byte_end = end;
      piece.line_start = line;
      piece.line_end = line + count_lines(file, begin, end);
      line = piece.line_end + count_lines(file, end, next);
      limited.push_back(std::move(piece));
      begin = next;
    }
  }
  return limited;
}

}  // namespace cite::indexer
