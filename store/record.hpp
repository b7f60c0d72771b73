#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cite/citation.hpp"

namespace cite {

// A citation's JSON fields, in their documented order: the one definition behind every JSON
// output (which embeds it in hits and evidence).
void to_json(nlohmann::ordered_json& j, const Citation& citation);

}  // namespace cite

// The document data of a passage: a compact, versioned binary record of its citation (see
// docs/database.md, "Document data"). A passage whose text is the source file's own bytes does
// not store them: they are read from the file when cited, and a hash of them tells whether the
// file changed since it was indexed.
namespace cite::store {

// `store_text`: keep the text in the record, for a passage whose text is not the file's bytes
// (text extracted or transcoded from another format); otherwise only its hash is kept. The path
// is kept in paragraph 1's record only: the indexer gives a file's passages consecutive document
// ids, so paragraph n finds it at its own id - n + 1 (store::read_citation does).
//
// `section_back`: a run of passages under one heading stores the heading once, in the run's first
// record; the others hold how many passages back it is (> 0), and their section is empty here
// until store::read_citation reads it from there.
//
// `words`: what a phrase or NEAR is checked against, as the index keeps no positions.
struct PassageWords {
  std::string fingerprints;  // store::word_fingerprint of each word position, in order
  // The text the indexer analysed, when its words are not those of the cited text (markup,
  // hyphenation joined): empty otherwise.
  std::string analysed;
};
std::string encode_citation(const Citation& citation, bool store_text = false, int section_back = 0,
                            const PassageWords& words = {});

// The words kept in `data` (see encode_citation).
PassageWords decode_words(std::string_view data);

// The citation in `data`, with `text` empty if the record does not hold it, and `path` empty
// after paragraph 1 (see load_citation). Throws cite::Error (kIndexCorrupt) if `data` is not a
// stored citation.
Citation decode_citation(std::string_view data);

// How many passages back the record holding the section of the passage in `data` is, or 0 if
// `data` holds it (or the passage has no section).
int section_back(std::string_view data);

// The citation in `data`, of the file `path`, with its text: the stored one, or the bytes of the
// source file under the corpus root `root`. Throws cite::Error (kIo) if the file cannot be read
// or no longer has the indexed bytes there, saying to run `cite index`.
Citation load_citation(std::string_view data, const std::string& path, const std::string& root);

// The 32-bit FNV-1a hash of a passage's bytes, kept in records without text.
std::uint32_t text_hash(std::string_view text);

// What the index remembers about a source file, to tell whether it changed.
struct FileRecord {
  std::string path;  // the full path, which a long path's metadata key cannot hold
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  int passages = 0;
};

std::string encode_file_record(const FileRecord& record);
FileRecord decode_file_record(std::string_view data);

}  // namespace cite::store
