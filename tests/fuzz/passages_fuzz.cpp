// Fuzzes indexer::cut_passages: every passage is a non-empty, in-order range of the file on
// character boundaries, with no whitespace at its edges and no blank line inside, numbered
// 1, 2, 3... with sensible line numbers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "indexer/passages.hpp"
#include "text/utf8.hpp"

namespace {

// A line of nothing but whitespace (as the cutter's trimming defines it) inside `passage`.
bool has_blank_line(std::string_view passage) {
  std::size_t line_start = 0;
  for (std::size_t pos = passage.find('\n'); pos != std::string_view::npos;
       pos = passage.find('\n', pos + 1)) {
    if (line_start > 0 && cite::text::trim(passage.substr(line_start, pos - line_start)).empty()) {
      return true;
    }
    line_start = pos + 1;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cite::fuzz::require;
  const std::string_view file = cite::fuzz::as_text(data, size);
  // The indexer skips files that are not UTF-8 before cutting them.
  if (!cite::text::is_valid_utf8(file)) return -1;

  const auto passages = cite::indexer::cut_passages(file);
  std::size_t previous_end = 0;
  int previous_line = 1;
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const cite::indexer::PassageSpan& span = passages[i];
    const std::string number = "passage " + std::to_string(i + 1);
    require(span.paragraph == static_cast<int>(i) + 1, "paragraphs numbered in order", number);
    cite::fuzz::require_span(file, span.byte_start, span.byte_end, "passage span");
    require(span.byte_start >= previous_end, "passages in order, not overlapping", number);
    const std::string_view text = file.substr(span.byte_start, span.byte_end - span.byte_start);
    require(cite::text::trim(text) == text, "no whitespace at a passage's edges", number);
    require(!has_blank_line(text), "no blank line inside a passage", number);
    require(span.line_start >= previous_line && span.line_start <= span.line_end,
            "line numbers in order", number);
    previous_end = span.byte_end;
    previous_line = span.line_end;
  }
  static_cast<void>(cite::indexer::describe(file, passages));
  return 0;
}
