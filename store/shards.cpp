#include "store/shards.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cite/error.hpp"
#include "store/database.hpp"
#include "store/hash.hpp"
#include "store/record.hpp"

namespace cite::store {
namespace fs = std::filesystem;
namespace {

// Stub files may name stub files: a loop of them would never end.
constexpr int kMaxStubDepth = 8;

std::string trim(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") + 1 - begin);
}

Error bad_stub(const std::string& stub, int line, const std::string& why) {
  return Error(ErrorKind::kInvalidArgument, "line " + std::to_string(line) + " of the stub file '" +
                                                stub + "' " + why +
                                                " (see docs/shards.md for the lines cite reads)");
}

class Opener {
 public:
  explicit Opener(Shards& shards) : shards_(shards) {}

  // `location`: a database directory, a directory with a stub file, or a stub file.
  void open(const std::string& location, int depth) {
    std::error_code ec;
    const fs::path path(location);
    if (fs::is_directory(path, ec) && fs::exists(path / kStubFile, ec)) {
      open_stub((path / kStubFile).string(), depth);
    } else if (fs::is_regular_file(path, ec)) {
      open_stub(location, depth);
    } else {
      open_local(location);
    }
  }

 private:
  void open_stub(const std::string& stub, int depth) {
    if (depth > kMaxStubDepth) {
      throw Error(ErrorKind::kInvalidArgument, "the stub file '" + stub + "' is nested more than " +
                                                   std::to_string(kMaxStubDepth) +
                                                   " deep: do its stub files name each other?");
    }
    std::ifstream in(stub);
    if (!in) throw Error(ErrorKind::kIo, "cannot read the stub file '" + stub + "'");
    shards_.watched.push_back(stub);
    const fs::path base = fs::path(stub).parent_path();
    std::string line;
    const std::size_t before = shards_.leaves.size();
    for (int number = 1; std::getline(in, line); ++number) {
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      const std::size_t space = line.find_first_of(" \t");
      if (space == std::string::npos) throw bad_stub(stub, number, "has a type but no database");
      const std::string type = line.substr(0, space);
      const std::string rest = trim(line.substr(space));
      if (type == "auto" || type == "glass") {
        const fs::path target = fs::path(rest).is_absolute() ? fs::path(rest) : base / rest;
        open(target.string(), depth + 1);
      } else if (type == "remote") {
        open_remote(stub, number, rest);
      } else {
        throw bad_stub(stub, number,
                       "has the type '" + type + "': cite reads 'auto', 'glass' and 'remote'");
      }
    }
    if (shards_.leaves.size() == before) {
      throw Error(ErrorKind::kIndexMissing,
                  "the stub file '" + stub + "' lists no database: add `auto PATH` lines");
    }
  }

  void open_local(const std::string& dir) {
    Leaf leaf;
    leaf.name = dir;
    leaf.db = open_for_reading(dir);
    leaf.root = recorded_root(leaf.db);
    shards_.watched.push_back((fs::path(dir) / "iamglass").string());
    add(std::move(leaf));
  }

  // `HOST:PORT` (xapian-tcpsrv) or `:PROGRAM ARGS` (xapian-progsrv), as Xapian's stub files have.
  void open_remote(const std::string& stub, int number, const std::string& where) {
    Leaf leaf;
    leaf.name = "remote " + where;
    leaf.remote = true;
    try {
      if (!where.empty() && where[0] == ':') {
        const std::string command = where.substr(1);
        const std::size_t space = command.find(' ');
        leaf.db = Xapian::Remote::open(command.substr(0, space),
                                       space == std::string::npos ? "" : command.substr(space + 1));
      } else {
        const std::size_t colon = where.rfind(':');
        const std::string port = colon == std::string::npos ? "" : where.substr(colon + 1);
        if (colon == 0 || port.empty() ||
            port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5) {
          throw bad_stub(stub, number, "names '" + where + "', not a remote HOST:PORT");
        }
        leaf.db =
            Xapian::Remote::open(where.substr(0, colon), static_cast<unsigned>(std::stoul(port)));
      }
    } catch (const Xapian::NetworkError& e) {
      throw Error(ErrorKind::kIo, "cannot reach the remote index " + where + " listed in '" + stub +
                                      "' (is xapian-tcpsrv running there?): " + e.get_msg());
    } catch (const Xapian::Error& e) {
      rethrow_as_cite_error(e, leaf.name);
    }
    check_index_stamp(leaf.db, leaf.name);
    leaf.root = recorded_root(leaf.db);
    add(std::move(leaf));
  }

  void add(Leaf leaf) {
    shards_.all.add_database(leaf.db);
    shards_.leaves.push_back(std::move(leaf));
  }

  Shards& shards_;
};

}  // namespace

std::size_t shard_of(std::string_view path, std::size_t shards) {
  return static_cast<std::size_t>(fnv1a_64(path) % shards);
}

std::string shard_name(std::size_t i) { return "shard" + std::to_string(i); }

std::optional<std::size_t> shard_count(const std::string& dir) {
  const fs::path stub = fs::path(dir) / kStubFile;
  std::error_code ec;
  if (!fs::exists(stub, ec)) return std::nullopt;
  std::ifstream in(stub);
  std::string line;
  std::size_t count = 0;
  while (std::getline(in, line)) {
    if (trim(line) != "auto " + shard_name(count)) {
      throw Error(ErrorKind::kIndexCorrupt,
                  "the stub file '" + stub.string() + "' was not written by cite index (line '" +
                      line +
                      "'): a sharded index lists `auto shard0`, `auto shard1`, ...; rebuild it "
                      "with `cite index --rebuild`");
    }
    ++count;
  }
  if (!in.eof() || count == 0) {
    throw Error(ErrorKind::kIndexCorrupt, "cannot read the shards listed in '" + stub.string() +
                                              "': rebuild the index with `cite index --rebuild`");
  }
  return count;
}

std::optional<std::pair<std::size_t, std::size_t>> shard_stamp(const std::string& dir) {
  std::string stamp;
  try {
    stamp = Xapian::Database(dir, Xapian::DB_BACKEND_GLASS).get_metadata(std::string(kShardKey));
  } catch (const Xapian::Error&) {
    return std::nullopt;  // the update that opens it for writing says what is wrong
  }
  const std::size_t slash = stamp.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    const std::size_t shard = std::stoul(stamp.substr(0, slash));
    const std::size_t count = std::stoul(stamp.substr(slash + 1));
    if (count > 1 && shard < count) return std::make_pair(shard, count);
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::kIndexCorrupt, "the index in '" + dir + "' records '" + stamp +
                                            "' as its shard: rebuild it with `cite index "
                                            "--rebuild`");
}

void write_shard_stub(const std::string& dir, std::size_t shards) {
  const fs::path stub = fs::path(dir) / kStubFile;
  const fs::path temporary = fs::path(dir) / (std::string(kStubFile) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (std::size_t i = 0; i < shards; ++i) out << "auto " << shard_name(i) << '\n';
    out.flush();
    if (!out) throw Error(ErrorKind::kIo, "cannot write '" + temporary.string() + "'");
  }
  std::error_code ec;
  fs::rename(temporary, stub, ec);
  if (ec) {
    throw Error(ErrorKind::kIo, "cannot write '" + stub.string() + "': " + ec.message());
  }
}

std::pair<const Leaf*, Xapian::docid> Shards::locate(Xapian::docid id) const {
  const auto n = static_cast<Xapian::docid>(leaves.size());
  return {&leaves[(id - 1) % n], (id - 1) / n + 1};
}

Citation Shards::citation(Xapian::docid id, const std::string* data) const {
  const auto [leaf, local] = locate(id);
  Citation citation;
  try {
    citation = data != nullptr ? read_citation(leaf->db, local, *data, leaf->root)
                               : read_citation(leaf->db, local, leaf->root);
  } catch (const Error& e) {
    if (!leaf->remote || e.kind() != ErrorKind::kIo) throw;
    // Passages are read from their files: a remote shard's must be reachable here too.
    throw Error(ErrorKind::kIo, std::string(e.what()) + " [the passage is in the " + leaf->name +
                                    " index: its files must be readable on this machine under " +
                                    leaf->root +
                                    ", e.g. on a shared file system; see docs/shards.md]");
  }
  if (leaf->root != first_root()) citation.root = leaf->root;
  return citation;
}

std::pair<std::string, int> Shards::position(Xapian::docid id) const {
  const auto [leaf, local] = locate(id);
  return read_position(leaf->db, local);
}

bool Shards::has_prefix(const std::string& prefix) const {
  const auto seen = prefixes_seen.find(prefix);
  if (seen != prefixes_seen.end()) return seen->second;
  bool found = false;
  for (const Leaf& leaf : leaves) {
    if (!leaf.remote) {
      found = leaf.db.allterms_begin(prefix) != leaf.db.allterms_end(prefix);
    } else {
      // A remote database sends all the terms of allterms_begin() at once (thousands of
      // transliteration keys): a one-term wildcard is expanded where the database is instead.
      Xapian::Enquire enquire(leaf.db);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, 1,
                                      Xapian::Query::WILDCARD_LIMIT_FIRST));
      found = enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0;
    }
    if (found) break;
  }
  prefixes_seen.emplace(prefix, found);
  return found;
}

Shards open_shards(const std::string& location) {
  Shards shards;
  Opener(shards).open(location, 0);
  return shards;
}

namespace {

// Equal weights in (path, paragraph) order, then the first `count`: document ids are not the
// same in an index and in its shards, nor after an update.
std::vector<Match> first_in_order(const Shards& shards, std::vector<Match> matches,
                                  Xapian::doccount count) {
  std::vector<std::pair<std::string, int>> keys(matches.size());
  for (std::size_t begin = 0; begin < matches.size();) {
    std::size_t end = begin + 1;
    while (end < matches.size() && matches[end].weight == matches[begin].weight) ++end;
    if (end - begin > 1 && begin < count) {
      std::vector<std::size_t> order;
      for (std::size_t i = begin; i < end; ++i) {
        keys[i] = shards.position(matches[i].id);
        order.push_back(i);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
      std::vector<Match> sorted;
      for (const std::size_t i : order) sorted.push_back(matches[i]);
      std::copy(sorted.begin(), sorted.end(), matches.begin() + static_cast<std::ptrdiff_t>(begin));
    }
    begin = end;
  }
  if (matches.size() > count) matches.resize(count);
  return matches;
}

}  // namespace

std::vector<Match> ordered_matches(const Shards& shards, const Xapian::Enquire& enquire,
                                   Xapian::doccount count, Xapian::doccount check_at_least,
                                   Xapian::doccount* estimated) {
  if (count == 0) return {};
  std::vector<Match> matches;
  // One more than asked shows whether the last one taken ties with the next; then more are
  // fetched until the tie ends.
  Xapian::doccount extra = 1;
  for (;;) {
    const Xapian::MSet mset =
        enquire.get_mset(0, count + extra, std::max(check_at_least, count + extra));
    if (estimated != nullptr) *estimated = mset.get_matches_estimated();
    matches.clear();
    for (auto it = mset.begin(); it != mset.end(); ++it) matches.push_back({*it, it.get_weight()});
    if (matches.size() <= count) break;
    const double last = matches[count - 1].weight;
    if (matches.back().weight != last || extra >= kMaxTiedLookups) break;
    extra = std::min(extra * 8, kMaxTiedLookups);
  }
  return first_in_order(shards, std::move(matches), count);
}

std::vector<Match> accepted_matches(const Shards& shards, const Xapian::Enquire& enquire,
                                    Xapian::doccount count, const Accept& accept,
                                    Xapian::doccount* estimated) {
  if (count == 0) return {};
  std::vector<Match> matches;
  bool enough = false;  // all `count` matches, and the tie after the last of them ended
  Xapian::doccount looked_at = 0;
  // Xapian matches each page from the start: few pages, so each is larger than the last.
  Xapian::doccount page = std::max<Xapian::doccount>(2 * (count + 1), 32);
  Xapian::doccount candidates = 0;
  while (!enough) {
    Xapian::MSet mset = enquire.get_mset(looked_at, page);
    candidates = mset.get_matches_estimated();
    mset.fetch(mset.begin(), mset.end());  // one round trip per page for a remote database
    for (auto it = mset.begin(); it != mset.end() && !enough; ++it) {
      ++looked_at;
      if (accept(*it, it.get_document().get_data())) {
        matches.push_back({*it, it.get_weight()});
        enough = matches.size() > count && (matches.back().weight != matches[count - 1].weight ||
                                            matches.size() > count + kMaxTiedLookups);
      }
    }
    if (!enough && mset.size() < page) {
      candidates = looked_at;  // all of them
      break;
    }
    page = std::min<Xapian::doccount>(page * 4, 16384);
  }
  if (estimated != nullptr) {
    *estimated = looked_at == candidates
                     ? static_cast<Xapian::doccount>(matches.size())
                     : static_cast<Xapian::doccount>(static_cast<double>(candidates) *
                                                         static_cast<double>(matches.size()) /
                                                         static_cast<double>(looked_at) +
                                                     0.5);
  }
  return first_in_order(shards, std::move(matches), count);
}

}  // namespace cite::store
