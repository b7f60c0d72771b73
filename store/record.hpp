#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cite/citation.hpp"

namespace cite {

// A citation's JSON fields, in their documented order: the one definition behind both the
// stored document data and every JSON output (which embeds it in hits and evidence).
void to_json(nlohmann::ordered_json& j, const Citation& citation);

}  // namespace cite

// The document data of a passage: its citation as a JSON object, readable by any program that
// opens the database (see docs/database.md).
namespace cite::store {

std::string encode_citation(const Citation& citation);

// Throws cite::Error (kIndexCorrupt) if `data` is not a stored citation.
Citation decode_citation(std::string_view data);

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
