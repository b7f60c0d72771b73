#pragma once

#include <cstddef>
#include <vector>

#include "cite/citation.hpp"
#include "query/parser.hpp"
#include "text/analyzer.hpp"

namespace cite::query {

// The file byte ranges of the tokens `words` matches. `tokens` come from analysing a passage in
// document mode (as the indexer did), `offset` is the passage's byte_start.
std::vector<ByteRange> highlight(const std::vector<text::Token>& tokens, std::size_t offset,
                                 const MatchedWords& words);

}  // namespace cite::query
