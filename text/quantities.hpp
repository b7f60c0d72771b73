#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

// Numbers as quantities, so that figures written differently compare equal:
// `80,000` = `80000` = `eighty thousand`, `5.7 million` = 5,700,000, `10%` = `10 percent`,
// `$11.5 billion` = 11.5 billion dollars, `2–4 percent` is a range, `2024` is a year; and as
// people write them: `352k`, `$15bn`, `a quarter` = `one in four` = 25 percent, `doubled` = 2
// times, `a decade` = 3652.5 days, `every six months` = `twice a year`, `roughly 6,000`.
namespace cite::text {

// How exactly a figure is stated. A claim's bound decides how far a source's figure may be from
// it and still state it (see Quantity::agrees_with).
enum class Bound {
  kExact,    // `80,000`
  kAbout,    // `about`, `around`, `roughly`, `some`, `nearly`, `almost`, `approximately`...
  kAtLeast,  // `more than`, `over`, `upwards of`, `at least`
  kAtMost,   // `less than`, `under`, `fewer than`, `up to`, `at most`
};

struct Quantity {
  std::size_t begin = 0;  // bytes of the whole expression (currency sign, number, scale, unit)
  std::size_t end = 0;
  std::size_t first_token = 0;  // index of its first and last token in the analysed tokens
  std::size_t last_token = 0;
  double low = 0;  // the value, scale applied; a range is [low, high]
  double high = 0;
  // "", "percent", "dollar", "euro", "pound", "rouble", "rupee", "yuan", "day of month"
  // for the day in `September 10`, "times" for a multiple (`fivefold`, `49% more` = 1.49 times),
  // "day" for a duration (`two-year`: 730 days), "per day" for a frequency (`twice a year`).
  std::string unit;
  bool is_year = false;
  Bound bound = Bound::kExact;
  std::size_t bound_tokens = 0;  // the words before first_token that state the bound
  // Relative difference within which another figure still states this one: 0 for an exact
  // figure, more for an approximation or a fraction in words (`one in three` is 33%).
  double tolerance = 0;

  bool is_range() const { return low != high; }
  bool same_value(const Quantity& other) const;
  bool same_kind(const Quantity& other) const;  // both years, or the same unit
  // Whether `source`, a figure of the same kind, states this claim figure within its bound and
  // tolerance: `about 6,000` agrees with 5,800; `more than 40` with 40 to 50; `one in three`
  // with 33 percent.
  bool agrees_with(const Quantity& source) const;
};

// How a claim figure may be stated, in words: "" for an exact one, "within 10%" for `about
// 6,000`, "40 to 50" for `more than 40`, for the JSON's `tolerance`.
std::string describe_tolerance(const Quantity& quantity);

// Whether a folded word names a month (`march`): part of a date, not a name of its own.
bool is_month(std::string_view term);

// The quantities in `text`, given its tokens from Analyzer::analyze.
std::vector<Quantity> extract_quantities(std::string_view text, const std::vector<Token>& tokens);

// "5700000", "10 percent", "11500000000 dollar", "2-4 percent", "year 2024", for tests and
// for JSON.
std::string describe(const Quantity& quantity);

}  // namespace cite::text
