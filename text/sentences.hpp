#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace cite::text {

// The sentences of `text` as byte ranges [first, second), trimmed of surrounding whitespace, in
// order. ICU's sentence rules, except that a single line break does not end a sentence: PDF
// text is hard-wrapped mid-sentence.
std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view text);

}  // namespace cite::text
