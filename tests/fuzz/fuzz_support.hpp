#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/utf8.hpp"

// Shared by the libFuzzer targets of tests/fuzz/ (docs/fuzzing.md).
namespace cite::fuzz {

// A broken invariant is a finding: print what broke and abort, so libFuzzer saves the input.
inline void require(bool holds, const char* what, const std::string& detail = {}) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

// True when `pos` is the end of `text` or starts a UTF-8 sequence, i.e. a citation may begin or
// end there without splitting a character.
inline bool on_char_boundary(std::string_view text, std::size_t pos) {
  return pos == text.size() ||
         (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80);
}

// Checks [begin, end) is a non-empty range of `text` that splits no character.
inline void require_span(std::string_view text, std::size_t begin, std::size_t end,
                         const char* what) {
  const std::string where = "[" + std::to_string(begin) + "," + std::to_string(end) + ") of " +
                            std::to_string(text.size()) + " bytes";
  require(begin < end && end <= text.size(), what, "out of range: " + where);
  require(on_char_boundary(text, begin) && on_char_boundary(text, end), what,
          "splits a UTF-8 character: " + where);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace cite::fuzz
