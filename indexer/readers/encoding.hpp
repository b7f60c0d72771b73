#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Turning a text file's bytes into UTF-8 while remembering where each byte came from, so that
// citations of a transcoded file still name its raw bytes.
namespace cite::indexer::readers {

struct Decoded {
  std::string utf8;  // the transcoded text; empty when the bytes were UTF-8 already
  bool transcoded = false;
  std::string encoding;  // what it was transcoded from
  // raw_offset[i]: the raw byte offset of the character holding UTF-8 byte i; one more entry
  // (the raw size) for the end. Empty when not transcoded (offsets are the same).
  std::vector<std::size_t> raw_offset;
  std::optional<std::string> problem;  // not text: phrased to follow "it "

  // The UTF-8 text: the transcoding, or `bytes` themselves.
  std::string_view text(std::string_view bytes) const { return transcoded ? utf8 : bytes; }

  std::size_t to_raw(std::size_t utf8_offset) const {
    return transcoded ? raw_offset[utf8_offset] : utf8_offset;
  }
};

// `bytes` as UTF-8: as is when it already is; from UTF-16/32 when a byte order mark (or the
// NUL pattern of UTF-16 ASCII) says so; otherwise from `encoding` (an ICU converter name) or,
// when that is empty, from the encoding uchardet guesses. A file with NUL bytes in any other
// pattern is reported as binary.
Decoded decode_text(std::string_view bytes, const std::string& encoding);

// Throws cite::Error (kInvalidArgument) unless ICU has a converter named `encoding`.
void require_known_encoding(const std::string& encoding);

}  // namespace cite::indexer::readers
