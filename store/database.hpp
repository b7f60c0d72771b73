#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cite/citation.hpp"

// Opening a cite database, checking its stamp, and turning Xapian's exceptions (which are not
// std::exceptions) into cite::Error at this boundary.
namespace cite::store {

// Opens (creating if needed) the index in `dir` for the corpus at absolute path `root`.
// Refuses an index built for another root or by an incompatible cite, and a database that is
// not a cite index.
Xapian::WritableDatabase open_for_writing(const std::string& dir, const std::string& root);

// Opens the index in `dir` for searching and checks its stamp.
Xapian::Database open_for_reading(const std::string& dir);

// Rewrites the index in `dir` compactly (Xapian::Database::compact: full blocks, no free
// space) and swaps it in. Worth it after writing most of the index: it halves its size.
// `db` must be the index's only writer; it is closed.
void compact_index(Xapian::WritableDatabase& db, const std::string& dir);

// The citation of document `id`, with its path (from its file's paragraph 1) and its text (see
// store::load_citation). Throws cite::Error.
Citation read_citation(const Xapian::Database& db, Xapian::docid id, const std::string& root);
// The same, given the document's data (already read).
Citation read_citation(const Xapian::Database& db, Xapian::docid id, const std::string& data,
                       const std::string& root);

// The path and paragraph of document `id`, from the index alone (the file is not read).
std::pair<std::string, int> read_position(const Xapian::Database& db, Xapian::docid id);

// The corpus root recorded in the index.
std::string recorded_root(const Xapian::Database& db);

// Throws unless `dir` is absent, empty, a cite index, or a damaged Xapian database (holding
// nothing but Xapian's files): --rebuild must never delete another program's data.
void check_replaceable(const std::string& dir);

// The index in `dir` (each shard of a sharded one) opened for writing, only to hold its lock;
// databases that cannot be read are left out. Throws kIndexLocked when another process is
// writing one.
std::vector<Xapian::WritableDatabase> lock_existing(const std::string& dir);

// Deletes the index directory `dir` (checked with check_replaceable first).
void remove_index(const std::string& dir);

// Puts the complete index in `staging` in the place of `target` (which may not exist) in one
// atomic step where the file system allows it, then deletes the old index.
void swap_in(const std::string& staging, const std::string& target);

// Throws unless `db` (named `name` in messages) has this cite's format and analyzer stamp.
void check_index_stamp(const Xapian::Database& db, const std::string& name);

// Converts a Xapian exception raised while working on the index in `dir`.
[[noreturn]] void rethrow_as_cite_error(const Xapian::Error& error, const std::string& dir);

}  // namespace cite::store
