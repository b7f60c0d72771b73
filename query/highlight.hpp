#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "cite/citation.hpp"
#include "query/parser.hpp"
#include "text/analyzer.hpp"

namespace cite::query {

// Highlights cover a passage's first kMaxHighlightBytes only: re-analysing a whole 50 MB passage
// for each hit took seconds and a gigabyte. Real passages are far shorter; one this long is a
// file with no paragraph breaks, and its text is still given in full.
inline constexpr std::size_t kMaxHighlightBytes = 256 * 1024;

// The part of a passage's text that highlight() is given: all of it up to kMaxHighlightBytes,
// else its start, cut at whitespace (or, if there is none, between two UTF-8 characters).
std::string_view highlighted_part(std::string_view text);

// The file byte ranges of the tokens `words` matches. `tokens` come from analysing a passage in
// document mode (as the indexer did), `offset` is the passage's byte_start.
std::vector<ByteRange> highlight(const std::vector<text::Token>& tokens, std::size_t offset,
                                 const MatchedWords& words);

}  // namespace cite::query
