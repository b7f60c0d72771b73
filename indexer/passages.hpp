#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Cuts a source file into passages: the paragraphs a reader sees, numbered in reading order.
namespace cite::indexer {

// kListItem, kCode and kTable are paragraphs to the index (searchable, never a section); the
// kind says how the reader cut them.
enum class PassageKind { kParagraph, kHeading, kListItem, kCode, kTable };

struct PassageSpan {
  int paragraph = 0;           // 1-based, in reading order
  std::size_t byte_start = 0;  // into the raw file, [byte_start, byte_end)
  std::size_t byte_end = 0;
  int line_start = 0;  // 1-based, inclusive
  int line_end = 0;
  std::string section;  // the heading this passage falls under, without markup
  PassageKind kind = PassageKind::kParagraph;
};

// Lines wider than this cannot come from hard wrapping (PDF text is wrapped at 60-110
// characters): such a line is a paragraph of its own when it ends a sentence.
inline constexpr std::size_t kMaxWrapWidth = 120;

// The passages of a UTF-8 file. Passages never include the whitespace at their edges and never
// span a blank line, except a paragraph running over a page break; headings are passages of
// their own.
std::vector<PassageSpan> cut_passages(std::string_view file);

// The plain-text layout, decided line by line (indexer/plaintext/lines.hpp says what is seen of
// each line): hard-wrapped paragraphs (the wrap width learnt per block), one paragraph per line,
// first-line and hanging indents, definition lists, each list item, code and tables as units,
// headings where a reader sees one, running headers, footers and page numbers left out, and a
// paragraph running over a page break kept whole (its citation then spans the page furniture).
// Lines end at `\n`, `\r\n` or a lone `\r`.

// "heading", "paragraph", "item", "code" or "table".
std::string_view kind_name(PassageKind kind);

// "¶N lines A-B KIND [section]: first words", one per line, for golden tests.
std::string describe(std::string_view file, const std::vector<PassageSpan>& passages);

}  // namespace cite::indexer
