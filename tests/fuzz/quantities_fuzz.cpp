// Fuzzes text::extract_quantities over the analyzer's tokens: each quantity is an in-order byte
// range of the text covering the tokens it names, and its value is a number.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "text/analyzer.hpp"
#include "text/quantities.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cite::fuzz::require;
  const std::string_view text = cite::fuzz::as_text(data, size);
  if (!cite::text::is_valid_utf8(text)) return -1;

  // Claims are analysed as queries, passages as documents; quantities come from both.
  static const cite::text::Analyzer document(cite::text::AnalysisMode::kDocument);
  static const cite::text::Analyzer query(cite::text::AnalysisMode::kQuery);
  for (const cite::text::Analyzer* analyzer : {&document, &query}) {
    const auto tokens = analyzer->analyze(text);
    const auto quantities = cite::text::extract_quantities(text, tokens);
    std::size_t previous_end = 0;
    std::size_t next_token = 0;
    for (const cite::text::Quantity& q : quantities) {
      const std::string which = "quantity '" + cite::text::describe(q) + "'";
      cite::fuzz::require_span(text, q.begin, q.end, "quantity span");
      require(q.begin >= previous_end, "quantities in order, not overlapping", which);
      require(q.first_token >= next_token && q.first_token <= q.last_token &&
                  q.last_token < tokens.size(),
              "quantity tokens in order and in range", which);
      require(q.begin <= tokens[q.first_token].begin && tokens[q.last_token].end <= q.end,
              "a quantity's bytes cover its tokens", which);
      require(!std::isnan(q.low) && !std::isnan(q.high), "a quantity's value is a number", which);
      require(cite::text::is_valid_utf8(cite::text::describe(q)), "describe() is UTF-8", which);
      require(q.same_value(q) || std::isinf(q.low) || std::isinf(q.high),
              "a quantity equals itself", which);
      previous_end = q.end;
      next_token = q.last_token + 1;
    }
  }
  return 0;
}
