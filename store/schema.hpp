#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

// The layout of a cite database, shared by the indexer that writes it and the query side that
// reads it. docs/database.md documents it for other programs (python3-xapian, xapian-delve).
namespace cite::store {

// 2: binary passage records without the text (docs/database.md), no Q terms, no values.
// 3: `XKheading` only (paragraphs have no kind term); a section is stored once per run of
// passages under it (store::encode_citation).
// 4: no positions: each record keeps a fingerprint of its word sequence instead (word_fingerprint),
// and phrases and NEAR are checked against it and the passage's words.
inline constexpr int kFormatVersion = 4;

// Term prefixes, following Xapian's conventions.
inline constexpr std::string_view kPathPrefix = "P";     // every passage of a file
inline constexpr std::string_view kSectionPrefix = "S";  // words of the section heading
inline constexpr std::string_view kStemPrefix = "Z";     // stems (no positions); see stem_query
inline constexpr std::string_view kKindPrefix = "XK";    // XKheading only: paragraphs have none
// Transliteration keys (text/transliterate.hpp) of capitalised words, by the word's script, so
// that a query word's key is looked up among the words of the other script only (no positions).
inline constexpr std::string_view kLatinKeyPrefix = "XTL";
inline constexpr std::string_view kCyrillicKeyPrefix = "XTC";
// Unprefixed terms are the folded, unstemmed words (no positions either: see word_fingerprint).

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

// The term of a word of a passage's section heading (folded, unstemmed), and of a heading.
std::string section_term(std::string_view word);
std::string heading_term();

// Stems: every word of a passage also gives the passage `Z<stem>` (no positions), whose wdf
// is the number of the passage's words of that stem. The query side asks for a stem only
// through these two, so that the layout of stems is decided here.
std::string stem_term(std::string_view stem);
// The passages holding any word of stem `stem`.
Xapian::Query stem_query(std::string_view stem);
// How many passages hold a word of stem `stem`: the document frequency stem_query is weighed by.
Xapian::doccount stem_frequency(const Xapian::Database& db, std::string_view stem);

// Positions are not in Xapian's position table, which was 40% of an index (an entry per word
// and passage): a passage's record keeps one byte per word position instead, this fingerprint of
// the word's unstemmed term, 1-255. A phrase or NEAR can only match where the fingerprints of
// its words line up, and a passage that passes is then checked against its words exactly.
// kAnyWord stands at a position with two readings (Token::alternative).
inline constexpr unsigned char kAnyWord = 0;
unsigned char word_fingerprint(std::string_view term);

// The prefix map stored under kPrefixesKey, as JSON.
std::string prefixes_json();

}  // namespace cite::store
