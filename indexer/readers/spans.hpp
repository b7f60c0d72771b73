#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/readers/reader.hpp"

// Small helpers the readers share to turn a byte range into a passage.
namespace cite::indexer::readers {

// 1-based line numbers of byte offsets.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  int line_of(std::size_t offset) const {
    return static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                            starts_.begin());
  }
  std::size_t line_start(std::size_t offset) const {
    return starts_[static_cast<std::size_t>(line_of(offset) - 1)];
  }

 private:
  std::vector<std::size_t> starts_;
};

// True when `s` has a letter or digit: a passage without one (`---`, `* * *`) is not kept.
bool has_alphanumeric(std::string_view s);

// [begin, end) with whitespace trimmed from both edges.
std::pair<std::size_t, std::size_t> trimmed(std::string_view text, std::size_t begin,
                                            std::size_t end);

// Appends a passage over text[begin, end) (trimmed) unless it holds no letter or digit in
// `words` (or in the bytes, when `words` is unset). Numbers the paragraph.
void add_passage(std::vector<Passage>& passages, std::string_view text, const LineIndex& lines,
                 std::size_t begin, std::size_t end, PassageKind kind, const std::string& section,
                 std::optional<std::string> words, int page = 0);

// Runs of whitespace (and the line breaks inside) as one space, edges trimmed: a heading's
// words as a section name.
std::string collapse_whitespace(std::string_view text);

// The character an HTML entity (`&amp;`, `&#8212;`) stands for, as UTF-8; the entity itself if
// it is not one. Decoded by gumbo (html.cpp), which knows them all.
std::string decode_html_entity(std::string_view entity);

}  // namespace cite::indexer::readers
