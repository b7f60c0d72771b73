#pragma once

#include <string>
#include <string_view>

namespace cite::text {

// The indexed form of a number token, so that `80,000` and `80000` (and `5.70` and `5.7`) are
// the same term. Only thousands separators in valid groups of three are removed: `1,5` is left
// alone because in many languages it is a decimal, and guessing would merge different values.
std::string canonical_number(std::string_view digits);

}  // namespace cite::text
