#include "indexer/readers/encoding.hpp"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <climits>
#include <memory>

#include "cite/error.hpp"
#include "text/utf8.hpp"

namespace cite::indexer::readers {
namespace {

// UTF-16 text of ASCII characters has a NUL in every other byte; binary files have NULs
// anywhere. Returns "UTF-16LE"/"UTF-16BE", or empty.
std::string utf16_by_nul_pattern(std::string_view bytes) {
  std::size_t even_nuls = 0;
  std::size_t odd_nuls = 0;
  const std::size_t sample = std::min<std::size_t>(bytes.size() & ~std::size_t{1}, 4096);
  for (std::size_t i = 0; i < sample; ++i) {
    if (bytes[i] == '\0') ++((i % 2 == 0) ? even_nuls : odd_nuls);
  }
  const std::size_t units = sample / 2;
  if (units == 0) return {};
  if (odd_nuls * 10 >= units * 7 && even_nuls == 0) return "UTF-16LE";
  if (even_nuls * 10 >= units * 7 && odd_nuls == 0) return "UTF-16BE";
  return {};
}

std::string encoding_by_bom(std::string_view bytes) {
  const auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  // UTF-32LE's mark begins with UTF-16LE's: test it first.
  if (starts(std::string_view("\xFF\xFE\0\0", 4))) return "UTF-32LE";
  if (starts(std::string_view("\0\0\xFE\xFF", 4))) return "UTF-32BE";
  if (starts("\xFF\xFE")) return "UTF-16LE";
  if (starts("\xFE\xFF")) return "UTF-16BE";
  return {};
}

std::string guess_encoding(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(
      uchardet_new(), uchardet_delete);
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(detector.get());
  std::string guess = uchardet_get_charset(detector.get());
  // uchardet answers UTF-8 or ASCII for text that is almost so; the file is not (we only guess
  // for invalid UTF-8), and Windows-1252 is what such text in the wild most often is.
  if (guess.empty() || guess == "UTF-8" || guess == "ASCII") return "WINDOWS-1252";
  return guess;
}

// Converts with ICU, keeping for every UTF-8 byte the raw offset it came from.
Decoded transcode(std::string_view bytes, const std::string& encoding) {
  Decoded decoded;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(encoding.c_str(), &status),
                                                               ucnv_close);
  if (U_FAILURE(status)) {
    decoded.problem = "is not UTF-8 and '" + encoding +
                      "' is not an encoding ICU knows (give one with --encoding)";
    return decoded;
  }
  if (bytes.size() > INT32_MAX / 2) {
    decoded.problem = "is not UTF-8 and is too large to transcode";
    return decoded;
  }
  std::vector<UChar> units(bytes.size() * 2 + 2);
  std::vector<int32_t> offsets(units.size());
  UChar* target = units.data();
  const char* source = bytes.data();
  ucnv_toUnicode(converter.get(), &target, units.data() + units.size(), &source,
                 bytes.data() + bytes.size(), offsets.data(), true, &status);
  if (U_FAILURE(status)) {
    decoded.problem =
        std::string("could not be transcoded from ") + encoding + " (" + u_errorName(status) + ")";
    return decoded;
  }
  const auto count = static_cast<int32_t>(target - units.data());
  decoded.utf8.reserve(bytes.size() + bytes.size() / 4);
  decoded.raw_offset.reserve(decoded.utf8.capacity() + 1);
  for (int32_t i = 0; i < count;) {
    const int32_t first = i;
    UChar32 c = 0;
    U16_NEXT(units.data(), i, count, c);
    if (c == 0xFEFF && first == 0) continue;  // the byte order mark is not text
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    char buffer[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, c);
    // ICU gives -1 for characters a callback produced; they belong to the preceding bytes.
    std::size_t raw = offsets[first] >= 0
                          ? static_cast<std::size_t>(offsets[first])
                          : (decoded.raw_offset.empty() ? 0 : decoded.raw_offset.back());
    for (int32_t b = 0; b < length; ++b) {
      decoded.utf8.push_back(buffer[b]);
      decoded.raw_offset.push_back(raw);
    }
  }
  decoded.raw_offset.push_back(bytes.size());
  decoded.transcoded = true;
  decoded.encoding = encoding;
  return decoded;
}

}  // namespace

void require_known_encoding(const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(encoding.c_str(), &status);
  ucnv_close(converter);
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::kInvalidArgument,
                "--encoding '" + encoding +
                    "' is not an encoding ICU knows (try ISO-8859-1, windows-1252, KOI8-R)");
  }
}

Decoded decode_text(std::string_view bytes, const std::string& encoding) {
  std::string unicode = encoding_by_bom(bytes);
  if (unicode.empty() && bytes.find('\0') != std::string_view::npos) {
    unicode = utf16_by_nul_pattern(bytes);
    if (unicode.empty()) {
      Decoded binary;
      binary.problem = "looks binary (it contains NUL bytes)";
      return binary;
    }
  }
  if (!unicode.empty()) return transcode(bytes, unicode);
  if (text::is_valid_utf8(bytes)) return Decoded{};
  return transcode(bytes, encoding.empty() ? guess_encoding(bytes) : encoding);
}

}  // namespace cite::indexer::readers
