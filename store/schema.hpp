#pragma once

#include <string>
#include <string_view>

// The layout of a cite database, shared by the indexer that writes it and the query side that
// reads it. docs/database.md documents it for other programs (python3-xapian, xapian-delve).
namespace cite::store {

// 2: binary passage records without the text (docs/database.md), no Q terms, no values.
inline constexpr int kFormatVersion = 2;

// Term prefixes, following Xapian's conventions.
inline constexpr std::string_view kPathPrefix = "P";     // every passage of a file
inline constexpr std::string_view kSectionPrefix = "S";  // words of the section heading
inline constexpr std::string_view kStemPrefix = "Z";     // stems (no positions)
inline constexpr std::string_view kKindPrefix = "XK";    // XKheading or XKparagraph
// Transliteration keys (text/transliterate.hpp) of capitalised words, by the word's script, so
// that a query word's key is looked up among the words of the other script only (no positions).
inline constexpr std::string_view kLatinKeyPrefix = "XTL";
inline constexpr std::string_view kCyrillicKeyPrefix = "XTC";
// Unprefixed terms are the folded, unstemmed words, with positions.

// Metadata keys.
inline constexpr std::string_view kFormatKey = "cite.format_version";
inline constexpr std::string_view kAnalyzerKey = "cite.analyzer_version";
inline constexpr std::string_view kRootKey = "cite.root";
inline constexpr std::string_view kPrefixesKey = "cite.prefixes";
inline constexpr std::string_view kFileKeyPrefix = "cite.file:";  // + path: the file's record
// + path: the text cite extracted from a PDF, which its passages' offsets refer to.
inline constexpr std::string_view kTextKeyPrefix = "cite.text:";

// Xapian terms are limited to 245 bytes; a longer path is shortened with a hash so that it
// still names exactly one file.
std::string path_term(std::string_view path);
// Metadata keys are limited to 255 bytes: shortened the same way.
std::string file_key(std::string_view path);
std::string text_key(std::string_view path);

// The term of a transliteration key: under kCyrillicKeyPrefix for the key of a Cyrillic word,
// else kLatinKeyPrefix.
std::string key_term(std::string_view key, bool cyrillic_word);

// The prefix map stored under kPrefixesKey, as JSON.
std::string prefixes_json();

}  // namespace cite::store
