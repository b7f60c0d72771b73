#pragma once

#include <string_view>

namespace cite::text {

// Common English function words: dropped from plain-word queries and not counted as content
// words of a claim. Phrases keep them.
bool is_stopword(std::string_view term);

}  // namespace cite::text
