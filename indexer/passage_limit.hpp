#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/passages.hpp"

// Bounds on what one passage may hold, applied after any reader has cut a file, so that the
// memory and time spent on a passage (its document, its highlights, its check) never grow with
// the size of the file: a 50 MB file with no line break is many passages, not one.
namespace cite::indexer {

inline constexpr std::size_t kMaxPassageBytes = 64 << 10;  // 64 KiB
inline constexpr std::size_t kMaxSectionBytes = 200;

// `section` cut to at most kMaxSectionBytes, at a code point boundary: a heading is stored with
// every passage under it, so a very long one must not be copied whole into each.
std::string cap_section(std::string_view section);

// `passages` of the UTF-8 `file` with every passage longer than `max_bytes` split into pieces of
// at most `max_bytes`, cut at whitespace where the passage has some in the second half of a
// piece (else at a code point boundary), each piece trimmed like a passage and given its own
// lines; paragraphs are renumbered in order and sections capped.
std::vector<PassageSpan> limit_passages(std::string_view file, std::vector<PassageSpan> passages,
                                        std::size_t max_bytes = kMaxPassageBytes);

}  // namespace cite::indexer
