#include "store/schema.hpp"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "store/hash.hpp"

namespace cite::store {
namespace {

constexpr std::size_t kMaxPathInTerm = 200;

std::string fnv1a_hex(std::string_view s) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a_64(s)));
  return buffer;
}

std::string term_safe_path(std::string_view path) {
  if (path.size() <= kMaxPathInTerm) return std::string(path);
  return std::string(path.substr(0, kMaxPathInTerm - 17)) + '~' + fnv1a_hex(path);
}

// Appended, not `std::string(prefix) + rest`: GCC 12 warns on that (-Wrestrict) when inlined.
std::string prefixed(std::string_view prefix, std::string_view rest) {
  std::string term(prefix);
  term += rest;
  return term;
}

}  // namespace

std::string path_term(std::string_view path) { return prefixed(kPathPrefix, term_safe_path(path)); }

std::string file_key(std::string_view path) {
  return prefixed(kFileKeyPrefix, term_safe_path(path));
}

std::string key_term(std::string_view key, bool cyrillic_word) {
  return prefixed(cyrillic_word ? kCyrillicKeyPrefix : kLatinKeyPrefix, key);
}

std::string text_key(std::string_view path) {
  return prefixed(kTextKeyPrefix, term_safe_path(path));
}

std::string stem_term(std::string_view stem) { return prefixed(kStemPrefix, stem); }

std::string section_term(std::string_view word) { return prefixed(kSectionPrefix, word); }

std::string heading_term() { return prefixed(kKindPrefix, "heading"); }

Xapian::Query stem_query(std::string_view stem) { return Xapian::Query(stem_term(stem)); }

Xapian::doccount stem_frequency(const Xapian::Database& db, std::string_view stem) {
  return db.get_termfreq(stem_term(stem));
}

unsigned char word_fingerprint(std::string_view term) {
  std::uint32_t hash = fnv1a_32(term);
  // Fold all 32 bits in, then map to 1-255: 0 is kAnyWord.
  hash ^= hash >> 16;
  hash ^= hash >> 8;
  return static_cast<unsigned char>(1 + (hash & 0xFFU) % 255);
}

std::string prefixes_json() {
  nlohmann::json prefixes = {
      {"path", kPathPrefix}, {"section", kSectionPrefix},
      {"stem", kStemPrefix}, {"kind", kKindPrefix},
      {"word", ""},
  };
  prefixes["latin_key"] = kLatinKeyPrefix;
  prefixes["cyrillic_key"] = kCyrillicKeyPrefix;
  return prefixes.dump();
}

}  // namespace cite::store
