#pragma once

#include <cstddef>
#include <string_view>

// Byte-level UTF-8 helpers. Everything that becomes a citation offset is computed here or by ICU
// over a UTF-8 UText, so offsets are always byte offsets into the original file.
namespace cite::text {

// Length in bytes of the whitespace character starting at `pos`, or 0 if there is none there.
// Covers ASCII whitespace, NBSP, the Unicode space separators and the UTF-8 byte order mark,
// which PDF extraction and word processors leave at line edges.
std::size_t whitespace_length(std::string_view text, std::size_t pos);

// Length in bytes of the whitespace character ending just before `pos`, or 0.
std::size_t whitespace_length_before(std::string_view text, std::size_t pos);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Number of code points (not bytes) in well-formed UTF-8.
std::size_t code_point_count(std::string_view text);

// The code point ending just before byte `pos` (U+FFFD for a malformed sequence), or -1 at the
// start of the text. For looking back from an offset without decoding the whole text.
char32_t code_point_before(std::string_view text, std::size_t pos);

// Trims whitespace (as whitespace_length defines it) from both ends.
std::string_view trim(std::string_view text);

}  // namespace cite::text
