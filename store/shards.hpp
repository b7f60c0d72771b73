#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cite/citation.hpp"

// Several cite databases searched as one, through Xapian's own multi-database search: the
// shards of one index (`cite index --shards N`), other indexes, and remote ones served by
// `xapian-tcpsrv`, as a Xapian stub file lists them (docs/shards.md).
namespace cite::store {

// The stub file inside a sharded index directory, which Xapian itself opens as the multi-database
// of the shards it lists (`auto shard0`, ...): xapian-delve and quest read a sharded index too.
inline constexpr std::string_view kStubFile = "XAPIANDB";
// Metadata of each shard of a sharded index: "I/N", the shard's number and the shard count.
inline constexpr std::string_view kShardKey = "cite.shard";

// The shard of a sharded index that holds `path` (relative to the corpus root): the 64-bit
// FNV-1a hash of the path's bytes modulo `shards`, stable across runs and machines.
std::size_t shard_of(std::string_view path, std::size_t shards);

// The directory of shard `i` inside a sharded index: "shard<i>".
std::string shard_name(std::size_t i);

// The shard count of the sharded index in `dir` (from its stub file), or nothing when `dir`
// holds no stub file. Throws kIndexCorrupt when the stub file is not one cite wrote.
std::optional<std::size_t> shard_count(const std::string& dir);

// The (shard, shard count) that the database in `dir` records under kShardKey, or nothing when
// it is not a shard of a sharded index (or cannot be read).
std::optional<std::pair<std::size_t, std::size_t>> shard_stamp(const std::string& dir);

// Writes the stub file of a sharded index of `shards` shards into `dir` (atomically).
void write_shard_stub(const std::string& dir, std::size_t shards);

// One database of a multi-database search, local or remote.
struct Leaf {
  std::string name;  // the local directory, or "remote HOST:PORT"
  bool remote = false;
  Xapian::Database db;
  std::string root;  // the corpus root recorded in it
};

// Every database that an index location names, opened, checked and in Xapian's order, with
// their union. Xapian numbers the documents of n databases in turn: document d of the union is
// document (d - 1) / n + 1 of database (d - 1) % n.
struct Shards {
  Xapian::Database all;
  std::vector<Leaf> leaves;
  // Files whose identity (stat) changes when a local database is committed or replaced: the stub
  // files read and each local database's version file.
  std::vector<std::string> watched;
  mutable std::map<std::string, bool> prefixes_seen;  // has_prefix's answers

  // The database holding document `id` of `all`, and the document's id there.
  std::pair<const Leaf*, Xapian::docid> locate(Xapian::docid id) const;
  // The citation of document `id` of `all` (see read_citation), with its corpus root; `data`,
  // when given, is the document's data, already read.
  Citation citation(Xapian::docid id, const std::string* data = nullptr) const;
  // The path and paragraph of document `id` of `all`, from the index alone (no file read).
  std::pair<std::string, int> position(Xapian::docid id) const;
  // Whether any database holds a term starting with `prefix`, remembered for the life of this
  // object (of one reader: it is reopened when a local database changes). A remote database
  // answers in one round trip, without sending its terms.
  bool has_prefix(const std::string& prefix) const;
  // The corpus root of the first database, which search results name.
  const std::string& first_root() const { return leaves.front().root; }
};

// Opens what `location` names: a cite index directory, a sharded one (a directory with a stub
// file), or a Xapian stub file of its own listing local databases (`auto PATH`, relative to the
// stub file's directory) and remote ones (`remote HOST:PORT`, served by xapian-tcpsrv). Every
// database must be a cite index with this cite's format. Throws cite::Error.
Shards open_shards(const std::string& location);

// The first `count` matches of `enquire`, ordered by weight, then by path and
// paragraph among equal weights, so that the order does not depend on document ids (which differ
// between one index and its shards). Passages tied with the last one taken are all looked at
// (at most kMaxTiedLookups of them), so that which ones are cut off does not depend on ids.
struct Match {
  Xapian::docid id = 0;
  double weight = 0.0;
};
inline constexpr Xapian::doccount kMaxTiedLookups = 2000;
std::vector<Match> ordered_matches(const Shards& shards, const Xapian::Enquire& enquire,
                                   Xapian::doccount count, Xapian::doccount check_at_least,
                                   Xapian::doccount* estimated = nullptr);

// The same when Xapian's matches are only candidates: the matches are those `accept` keeps
// (given the document's id in `all` and its data), and it is asked about no more candidates in
// rank order than that takes. `estimated` is exact if that was all of them, and otherwise the
// candidates' estimate scaled by the share of those looked at that were accepted.
using Accept = std::function<bool(Xapian::docid id, const std::string& data)>;
std::vector<Match> accepted_matches(const Shards& shards, const Xapian::Enquire& enquire,
                                    Xapian::doccount count, const Accept& accept,
                                    Xapian::doccount* estimated = nullptr);

}  // namespace cite::store
