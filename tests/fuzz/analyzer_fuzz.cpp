// Fuzzes text::Analyzer in both modes: tokens are in-order, non-overlapping byte ranges of the
// text on character boundaries, and their terms and stems are valid UTF-8 within the term limit.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "text/analyzer.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cite::fuzz::require;
  using cite::text::is_valid_utf8;
  const std::string_view text = cite::fuzz::as_text(data, size);
  // Documents and queries are checked to be UTF-8 before they reach the analyzer.
  if (!is_valid_utf8(text)) return -1;

  static const cite::text::Analyzer document(cite::text::AnalysisMode::kDocument);
  static const cite::text::Analyzer query(cite::text::AnalysisMode::kQuery);
  for (const cite::text::Analyzer* analyzer : {&document, &query}) {
    const auto tokens = analyzer->analyze(text);
    std::size_t previous_end = 0;
    for (const cite::text::Token& token : tokens) {
      const std::string which = "token '" + token.term + "'";
      cite::fuzz::require_span(text, token.begin, token.end, "token span");
      require(token.begin >= previous_end, "tokens in order, not overlapping", which);
      require(!token.term.empty() && token.term.size() <= cite::text::kMaxTermBytes,
              "term length within (0, kMaxTermBytes]", which);
      require(is_valid_utf8(token.term) && is_valid_utf8(token.stem) &&
                  is_valid_utf8(token.alternative),
              "terms are UTF-8", which);
      require(!token.stem.empty(), "every term has a stem", which);
      previous_end = token.end;
    }
    static_cast<void>(cite::text::describe(tokens));
  }
  return 0;
}
