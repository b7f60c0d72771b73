// Fuzzes indexer::cut_passages: every passage is a non-empty, in-order range of the file on
// character boundaries, with no whitespace at its edges, numbered 1, 2, 3... with sensible line
// numbers. Blank lines inside a passage are not checked: a paragraph running over a page break
// is one passage, and paginated text marks its pages by form feeds or only by running headers
// repeated at a fixed interval, which the cutter infers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "indexer/passages.hpp"
#include "text/utf8.hpp"

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
    require(span.line_start >= previous_line && span.line_start <= span.line_end,
            "line numbers in order", number);
    previous_end = span.byte_end;
    previous_line = span.line_end;
  }
  static_cast<void>(cite::indexer::describe(file, passages));
  return 0;
}
