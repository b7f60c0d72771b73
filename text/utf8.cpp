#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace cite::text {
namespace {

// Multi-byte whitespace worth trimming at line edges; ordinary spaces are handled separately.
constexpr std::array<std::string_view, 18> kWideSpaces = {
    "\xC2\xA0",      // no-break space
    "\xEF\xBB\xBF",  // byte order mark / zero width no-break space
    "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
    "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A",  // en quad .. hair space
    "\xE2\x80\xA8",  // line separator
    "\xE2\x80\xA9",  // paragraph separator
    "\xE2\x80\xAF",  // narrow no-break space
    "\xE2\x81\x9F",  // medium mathematical space
    "\xE3\x80\x80",  // ideographic space
};

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::size_t whitespace_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (is_ascii_space(text[pos])) return 1;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return 0;
  for (std::string_view space : kWideSpaces) {
    if (text.substr(pos, space.size()) == space) return space.size();
  }
  return 0;
}

std::size_t whitespace_length_before(std::string_view text, std::size_t pos) {
  if (pos == 0 || pos > text.size()) return 0;
  if (is_ascii_space(text[pos - 1])) return 1;
  for (std::string_view space : kWideSpaces) {
    if (pos >= space.size() && text.substr(pos - space.size(), space.size()) == space) {
      return space.size();
    }
  }
  return 0;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      cp = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      cp = lead & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= n) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (cont & 0x3Fu);
    }
    const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

std::size_t code_point_count(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++count;
  }
  return count;
}

char32_t code_point_before(std::string_view text, std::size_t pos) {
  if (pos == 0 || pos > text.size()) return static_cast<char32_t>(-1);
  auto i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_PREV_OR_FFFD(text.data(), 0, i, c);
  return static_cast<char32_t>(c);
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (std::size_t len = whitespace_length(text, begin)) begin += len;
  std::size_t end = text.size();
  while (end > begin) {
    const std::size_t len = whitespace_length_before(text, end);
    if (len == 0) break;
    end -= len;
  }
  return text.substr(begin, end - begin);
}

}  // namespace cite::text
