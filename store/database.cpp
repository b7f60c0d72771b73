#include "store/database.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cite/error.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"
#include "store/shards.hpp"
#include "text/analyzer.hpp"

namespace cite::store {
namespace fs = std::filesystem;
namespace {

std::string reindex_advice(const std::string& dir) {
  return "rebuild it with `cite index --rebuild --index " + dir + " CORPUS`";
}

// The advice for a database cite did not write: --rebuild would delete another program's data.
Error not_a_cite_index(const std::string& dir) {
  return Error(ErrorKind::kIndexVersion,
               "'" + dir +
                   "' is a Xapian database but not a cite index (another program's?): cite will "
                   "not change or replace it; pass --index with another directory");
}

// A database that holds nothing at all, as Xapian creates it: cite may stamp it as its own.
bool is_blank(const Xapian::Database& db) {
  return db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end();
}

void check_stamp(const Xapian::Database& db, const std::string& dir) {
  const std::string format = db.get_metadata(std::string(kFormatKey));
  if (format.empty()) throw not_a_cite_index(dir);
  const std::string analyzer = db.get_metadata(std::string(kAnalyzerKey));
  if (format != std::to_string(kFormatVersion) ||
      analyzer != std::to_string(text::kAnalyzerVersion)) {
    throw Error(ErrorKind::kIndexVersion,
                "the index in '" + dir + "' has format " + format + " and analyzer " + analyzer +
                    ", but this cite uses format " + std::to_string(kFormatVersion) +
                    " and analyzer " + std::to_string(text::kAnalyzerVersion) + ": " +
                    reindex_advice(dir));
  }
}

// The files Xapian's glass backend keeps in a database directory.
bool is_xapian_file(const std::string& name) {
  return name == "iamglass" || name == "flintlock" || name.rfind("changes", 0) == 0 ||
         (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0) ||
         (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0);
}

// The stub file and shard directories of a sharded index (store/shards.hpp).
bool is_shard_entry(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  if (name == kStubFile) return entry.is_regular_file();
  return entry.is_directory() && name.size() > 5 && name.rfind("shard", 0) == 0 &&
         name.find_first_not_of("0123456789", 5) == std::string::npos;
}

bool has_system_error(const Xapian::Error& error, int number) {
  const char* text = error.get_error_string();
  return text != nullptr && std::strcmp(text, std::strerror(number)) == 0;
}

bool mentions_system_error(const Xapian::Error& error, int number) {
  return has_system_error(error, number) ||
         error.get_msg().find(std::strerror(number)) != std::string::npos;
}

}  // namespace

void check_index_stamp(const Xapian::Database& db, const std::string& name) {
  check_stamp(db, name);
}

void rethrow_as_cite_error(const Xapian::Error& error, const std::string& dir) {
  std::string detail = error.get_type() + std::string(": ") + error.get_msg();
  if (const char* system = error.get_error_string(); system != nullptr && *system != '\0') {
    detail += std::string(" (") + system + ")";
  }
  const std::string type = error.get_type();
  if (type == "DatabaseLockError") {
    for (const int number : {EACCES, EPERM, EROFS}) {
      if (!mentions_system_error(error, number)) continue;
      throw Error(ErrorKind::kIo, "the index in '" + dir + "' is read-only to this user (" +
                                      std::strerror(number) +
                                      "): it can be searched but not updated; run cite index as "
                                      "its owner or pass --index with a writable directory (" +
                                      detail + ")");
    }
    throw Error(ErrorKind::kIndexLocked, "the index in '" + dir +
                                             "' is being updated by another process; try again "
                                             "when it has finished (" +
                                             detail + ")");
  }
  for (const int number : {ENOSPC, EDQUOT}) {
    if (!has_system_error(error, number)) continue;
    throw Error(ErrorKind::kIo, "cannot write the index in '" + dir +
                                    "': " + std::strerror(number) +
                                    "; it keeps its last complete update: free some space and "
                                    "run cite index again (" +
                                    detail + ")");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    std::error_code ec;
    if (fs::exists(fs::path(dir) / "iamglass", ec)) {
      throw Error(ErrorKind::kIndexCorrupt,
                  "the index in '" + dir +
                      "' is damaged (a file of it is missing or unreadable): " +
                      "if it is a cite index, " + reindex_advice(dir) + " (" + detail + ")");
    }
    throw Error(ErrorKind::kIndexMissing, "no cite index in '" + dir +
                                              "': build one with `cite index CORPUS` or pass "
                                              "--index (" +
                                              detail + ")");
  }
  if (type == "DatabaseVersionError") {
    throw Error(ErrorKind::kIndexVersion, "the index in '" + dir +
                                              "' was written by an "
                                              "incompatible Xapian: " +
                                              reindex_advice(dir) + " (" + detail + ")");
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseError") {
    throw Error(ErrorKind::kIndexCorrupt, "the index in '" + dir + "' cannot be read: " +
                                              reindex_advice(dir) + " (" + detail + ")");
  }
  throw Error(ErrorKind::kIo, "Xapian failed on the index in '" + dir + "': " + detail);
}

// A first `cite index` killed before its first commit leaves Xapian's table files, all empty,
// without the version file (iamglass) that a commit writes, and Xapian then refuses to open the
// directory at all. Nothing was written there, so the files are cleared for a fresh start; a
// directory holding any data, or anything else, is left for the usual errors.
void clear_unfinished_creation(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "iamglass", ec)) return;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code size_ec;
    if (!is_xapian_file(it->path().filename().string()) || !it->is_regular_file(size_ec) ||
        it->file_size(size_ec) != 0 || size_ec) {
      return;
    }
    files.push_back(it->path());
  }
  if (ec) return;
  for (const fs::path& file : files) fs::remove(file, ec);
}

Xapian::WritableDatabase open_for_writing(const std::string& dir, const std::string& root) {
  try {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      throw Error(ErrorKind::kIo,
                  "cannot create the index directory '" + dir + "': " + ec.message());
    }
    clear_unfinished_creation(dir);
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    if (is_blank(db)) {
      db.set_metadata(std::string(kFormatKey), std::to_string(kFormatVersion));
      db.set_metadata(std::string(kAnalyzerKey), std::to_string(text::kAnalyzerVersion));
      db.set_metadata(std::string(kRootKey), root);
      db.set_metadata(std::string(kPrefixesKey), prefixes_json());
      db.commit();
      return db;
    }
    check_stamp(db, dir);
    const std::string indexed_root = recorded_root(db);
    if (indexed_root != root) {
      throw Error(ErrorKind::kInvalidArgument,
                  "the index in '" + dir + "' was built from '" + indexed_root + "', not '" + root +
                      "': pass --rebuild to replace it, or --index to use another one");
    }
    return db;
  } catch (const Xapian::Error& e) {
    rethrow_as_cite_error(e, dir);
  }
}

Xapian::Database open_for_reading(const std::string& dir) {
  if (!fs::is_directory(dir)) {
    throw Error(ErrorKind::kIndexMissing, "no cite index in '" + dir +
                                              "': build one with `cite index CORPUS`, or pass "
                                              "--index DIR or set CITE_INDEX");
  }
  try {
    Xapian::Database db(dir, Xapian::DB_BACKEND_GLASS);
    check_stamp(db, dir);
    return db;
  } catch (const Xapian::Error& e) {
    rethrow_as_cite_error(e, dir);
  }
}

void compact_index(Xapian::WritableDatabase& db, const std::string& dir) {
  std::error_code ec;
  fs::path index = fs::weakly_canonical(fs::absolute(dir), ec);  // "." has no name to rename
  if (!index.has_filename()) index = index.parent_path();        // "dir/"
  const std::string compacted = index.string() + ".compacting";
  fs::remove_all(compacted, ec);
  try {
    db.compact(compacted, Xapian::Compactor::FULL);
    db.close();
  } catch (const Xapian::Error& e) {
    fs::remove_all(compacted, ec);
    rethrow_as_cite_error(e, dir);
  }
  swap_in(compacted, index.string());  // readers see the whole old index or the whole new one
}

namespace {

// The record `back` passages before document `id`, which must be paragraph `paragraph`.
Citation earlier_record(const Xapian::Database& db, Xapian::docid id, int back, int paragraph) {
  const auto distance = static_cast<Xapian::docid>(back);
  const Citation earlier =
      distance < id ? decode_citation(db.get_document(id - distance).get_data()) : Citation{};
  if (earlier.paragraph != paragraph) {
    throw Error(ErrorKind::kIndexCorrupt,
                "the passages of a file are out of order in the index: rebuild it with `cite "
                "index --rebuild`");
  }
  return earlier;
}

}  // namespace

Citation read_citation(const Xapian::Database& db, Xapian::docid id, const std::string& root) {
  return read_citation(db, id, db.get_document(id).get_data(), root);
}

Citation read_citation(const Xapian::Database& db, Xapian::docid id, const std::string& data,
                       const std::string& root) {
  const Citation head = decode_citation(data);
  const Citation first = head.paragraph == 1 ? head : earlier_record(db, id, head.paragraph - 1, 1);
  Citation citation = load_citation(data, first.path, root);
  if (const int back = section_back(data); back > 0) {
    // Often the file's first passage, already read.
    citation.section = back == head.paragraph - 1
                           ? first.section
                           : earlier_record(db, id, back, head.paragraph - back).section;
  }
  return citation;
}

std::pair<std::string, int> read_position(const Xapian::Database& db, Xapian::docid id) {
  const Citation head = decode_citation(db.get_document(id).get_data());
  const Citation first = head.paragraph == 1 ? head : earlier_record(db, id, head.paragraph - 1, 1);
  return {first.path, head.paragraph};
}

std::string recorded_root(const Xapian::Database& db) {
  return db.get_metadata(std::string(kRootKey));
}

void check_replaceable(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) {
    throw Error(ErrorKind::kInvalidArgument, "'" + dir +
                                                 "' is not a directory: cite will not replace it "
                                                 "with an index; pass --index with another one");
  }
  bool empty = true;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    empty = false;
    const std::string name = it->path().filename().string();
    if (is_shard_entry(*it)) {
      if (it->is_directory()) check_replaceable(it->path().string());
      continue;
    }
    if (!is_xapian_file(name)) {
      throw Error(ErrorKind::kInvalidArgument,
                  "'" + dir + "' holds files that are not part of a cite index (such as '" + name +
                      "'): cite will not replace it; pass --index with another directory");
    }
  }
  if (ec) throw Error(ErrorKind::kIo, "cannot read the directory '" + dir + "': " + ec.message());
  if (empty) return;
  bool foreign = false;
  try {
    const Xapian::Database db(dir, Xapian::DB_BACKEND_GLASS);
    foreign = db.get_metadata(std::string(kFormatKey)).empty() && !is_blank(db);
  } catch (const Xapian::Error&) {
    return;  // damaged beyond reading: whoever wrote it, nothing in it can be read any more
  }
  if (foreign) throw not_a_cite_index(dir);
}

std::vector<Xapian::WritableDatabase> lock_existing(const std::string& dir) {
  std::vector<Xapian::WritableDatabase> locks;
  std::vector<std::string> databases{dir};
  std::error_code ec;
  if (fs::exists(fs::path(dir) / kStubFile, ec)) {
    databases.clear();
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (it->is_directory() && is_shard_entry(*it)) databases.push_back(it->path().string());
    }
  }
  for (const std::string& database : databases) {
    try {
      locks.emplace_back(database, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::DatabaseLockError& e) {
      rethrow_as_cite_error(e, database);
    } catch (const Xapian::Error&) {
      // missing or damaged: there is nothing to keep
    }
  }
  return locks;
}

void remove_index(const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot delete the directory '" + dir + "': " + ec.message());
}

void swap_in(const std::string& staging, const std::string& target) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target, ec))) {
    fs::rename(staging, target, ec);
    if (ec) {
      throw Error(ErrorKind::kIo,
                  "cannot rename '" + staging + "' to '" + target + "': " + ec.message());
    }
    return;
  }
  // RENAME_EXCHANGE swaps both names in one step: a reader opens either the old index or the
  // new one, never nothing.
  if (renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS) {
      throw Error(ErrorKind::kIo, "cannot put the new index '" + staging + "' in place of '" +
                                      target + "': " + std::strerror(errno));
    }
    // A file system without exchange: two renames, with a moment when `target` is absent.
    const std::string old = staging + ".old";
    fs::remove_all(old, ec);
    fs::rename(target, old, ec);
    if (!ec) fs::rename(staging, target, ec);
    if (ec) {
      throw Error(ErrorKind::kIo, "cannot put the new index '" + staging + "' in place of '" +
                                      target + "': " + ec.message());
    }
    remove_index(old);
    return;
  }
  remove_index(staging);  // now the old index
}

}  // namespace cite::store
