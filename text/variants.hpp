#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cite::text {

// British and American spellings of a folded word, the word itself first: `roubles` gives
// `rubles`, `labor` gives `labour`, `legalized` gives `legalised`, `gray` gives `grey`.
// Variants that are not words cost nothing: they simply match no passage.
std::vector<std::string> spelling_variants(std::string_view term);

// Words news writing uses interchangeably with `term` that WordNet does not relate
// (`foreigners`: migrants, newcomers...; `quota`: cap, limit), folded, not including `term`
// itself. A claim is rarely worded like its source; these and WordNet (text/wordnet.hpp) let
// `cite check` see the paraphrase. Only for checking: `query` stays literal.
std::vector<std::string> related_words(std::string_view term);

}  // namespace cite::text
