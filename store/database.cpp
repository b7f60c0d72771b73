#include "store/database.hpp"

#include <filesystem>

#include "cite/error.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"
#include "text/analyzer.hpp"

namespace cite::store {
namespace {

std::string reindex_advice(const std::string& dir) {
  return "rebuild it with `cite index --rebuild --index " + dir + " CORPUS`";
}

void check_stamp(const Xapian::Database& db, const std::string& dir) {
  const std::string format = db.get_metadata(std::string(kFormatKey));
  if (format.empty()) {
    throw Error(ErrorKind::kIndexVersion,
                "'" + dir + "' is a Xapian database but not a cite index: " + reindex_advice(dir) +
                    " or choose another --index");
  }
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

}  // namespace

void rethrow_as_cite_error(const Xapian::Error& error, const std::string& dir) {
  const std::string detail = error.get_type() + std::string(": ") + error.get_msg();
  const std::string type = error.get_type();
  if (type == "DatabaseLockError") {
    throw Error(ErrorKind::kIndexLocked, "the index in '" + dir +
                                             "' is being updated by another process; try again "
                                             "when it has finished (" +
                                             detail + ")");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
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

Xapian::WritableDatabase open_for_writing(const std::string& dir, const std::string& root,
                                          bool rebuild) {
  try {
    const int action = rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      throw Error(ErrorKind::kIo,
                  "cannot create the index directory '" + dir + "': " + ec.message());
    }
    Xapian::WritableDatabase db(dir, action | Xapian::DB_BACKEND_GLASS);
    const bool fresh = db.get_metadata(std::string(kFormatKey)).empty() && db.get_doccount() == 0;
    if (fresh) {
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
  if (!std::filesystem::is_directory(dir)) {
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
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path index = fs::weakly_canonical(fs::absolute(dir), ec);  // "." has no name to rename
  if (!index.has_filename()) index = index.parent_path();        // "dir/"
  const fs::path compacted = index.string() + ".compacting";
  const fs::path old = index.string() + ".old";
  fs::remove_all(compacted, ec);
  fs::remove_all(old, ec);
  try {
    db.compact(compacted.string(), Xapian::Compactor::FULL);
    db.close();
  } catch (const Xapian::Error& e) {
    fs::remove_all(compacted, ec);
    rethrow_as_cite_error(e, dir);
  }
  // Two renames: a reader opening the index between them finds none and is told to retry by
  // its error; one that has it open keeps reading the old files.
  fs::rename(index, old, ec);
  if (!ec) {
    fs::rename(compacted, index, ec);
    std::error_code ignored;
    if (ec) fs::rename(old, index, ignored);  // put the uncompacted index back
  }
  if (ec) {
    throw Error(ErrorKind::kIo, "cannot swap the compacted index into '" + dir +
                                    "': " + ec.message() + " (the index is intact in '" +
                                    (fs::exists(index) ? index : old).string() + "')");
  }
  fs::remove_all(old, ec);
}

Citation read_citation(const Xapian::Database& db, Xapian::docid id, const std::string& root) {
  const std::string data = db.get_document(id).get_data();
  const Citation head = decode_citation(data);
  if (head.paragraph == 1) return load_citation(data, head.path, root);
  const auto before = static_cast<Xapian::docid>(head.paragraph - 1);
  const Citation start =
      before < id ? decode_citation(db.get_document(id - before).get_data()) : Citation{};
  if (start.paragraph != 1) {
    throw Error(ErrorKind::kIndexCorrupt,
                "the passages of a file are out of order in the index: rebuild it with `cite "
                "index --rebuild`");
  }
  return load_citation(data, start.path, root);
}

std::string recorded_root(const Xapian::Database& db) {
  return db.get_metadata(std::string(kRootKey));
}

}  // namespace cite::store
