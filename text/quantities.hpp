#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

// Numbers as quantities, so that figures written differently compare equal:
// `80,000` = `80000` = `eighty thousand`, `5.7 million` = 5,700,000, `10%` = `10 percent`,
// `$11.5 billion` = 11.5 billion dollars, `2–4 percent` is a range, `2024` is a year.
namespace cite::text {

struct Quantity {
  std::size_t begin = 0;  // bytes of the whole expression (currency sign, number, scale, unit)
  std::size_t end = 0;
  std::size_t first_token = 0;  // index of its first and last token in the analysed tokens
  std::size_t last_token = 0;
  double low = 0;  // the value, scale applied; a range is [low, high]
  double high = 0;
  // "", "percent", "dollar", "euro", "pound", "rouble", "rupee", "yuan", or "day of month"
  // for the day in `September 10`.
  std::string unit;
  bool is_year = false;

  bool is_range() const { return low != high; }
  bool same_value(const Quantity& other) const;
  bool same_kind(const Quantity& other) const;  // both years, or the same unit
};

// The quantities in `text`, given its tokens from Analyzer::analyze.
std::vector<Quantity> extract_quantities(std::string_view text, const std::vector<Token>& tokens);

// "5700000", "10 percent", "11500000000 dollar", "2-4 percent", "year 2024", for tests and
// for JSON.
std::string describe(const Quantity& quantity);

}  // namespace cite::text
