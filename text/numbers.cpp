#include "text/numbers.hpp"

#include <cctype>

namespace cite::text {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// `80,000` or `1,234,567`: a lead group of 1-3 digits, then groups of exactly three.
bool has_valid_grouping(std::string_view integer_part) {
  const std::size_t first_comma = integer_part.find(',');
  if (first_comma == std::string_view::npos) return false;
  if (first_comma == 0 || first_comma > 3 || !all_digits(integer_part.substr(0, first_comma))) {
    return false;
  }
  std::size_t pos = first_comma;
  while (pos < integer_part.size()) {
    if (integer_part[pos] != ',' || pos + 4 > integer_part.size()) return false;
    if (!all_digits(integer_part.substr(pos + 1, 3))) return false;
    pos += 4;
  }
  return true;
}

}  // namespace

std::string canonical_number(std::string_view digits) {
  const std::size_t dot = digits.find('.');
  std::string_view integer_part = digits.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : digits.substr(dot + 1);
  const bool simple_fraction = dot == std::string_view::npos || all_digits(fraction);
  std::string out;
  if (has_valid_grouping(integer_part) && simple_fraction) {
    for (char c : integer_part) {
      if (c != ',') out += c;
    }
  } else if (all_digits(integer_part) && simple_fraction) {
    out = std::string(integer_part);
  } else {
    return std::string(digits);  // not a plain decimal number (e.g. a version like 1.2.3)
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

}  // namespace cite::text
