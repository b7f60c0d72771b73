#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Cuts a source file into passages: the paragraphs a reader sees, numbered in reading order.
namespace cite::indexer {

enum class PassageKind { kParagraph, kHeading };

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
// characters), so a block holding one is a block of one-paragraph-per-line text.
inline constexpr std::size_t kMaxWrapWidth = 120;

// The passages of a UTF-8 file. Passages never include the whitespace at their edges and never
// span a blank line; headings are passages of their own.
std::vector<PassageSpan> cut_passages(std::string_view file);

// "¶N lines A-B heading|paragraph [section]: first words", one per line, for golden tests.
std::string describe(std::string_view file, const std::vector<PassageSpan>& passages);

}  // namespace cite::indexer
