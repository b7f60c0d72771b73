#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cite::text {

// British and American spellings of a folded word, the word itself first: `roubles` gives
// `rubles`, `labor` gives `labour`, `legalized` gives `legalised`, `gray` gives `grey`.
// Variants that are not words cost nothing: they simply match no passage.
std::vector<std::string> spelling_variants(std::string_view term);

}  // namespace cite::text
