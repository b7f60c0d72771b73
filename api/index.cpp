#include "cite/index.hpp"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <vector>

#include "cite/error.hpp"
#include "indexer/indexer.hpp"
#include "query/check.hpp"
#include "query/searcher.hpp"
#include "store/database.hpp"
#include "store/shards.hpp"
#include "text/utf8.hpp"

namespace cite {

namespace {

// Identifies the version file Xapian rewrites (as a new file) at every commit, and that a new
// database in the same directory (`rm -rf INDEX && cite index`, or --rebuild's swap) replaces.
struct Stamp {
  dev_t device = 0;
  ino_t inode = 0;
  std::int64_t mtime_ns = 0;
  off_t size = 0;
  bool operator==(const Stamp& other) const {
    return std::tie(device, inode, mtime_ns, size) ==
           std::tie(other.device, other.inode, other.mtime_ns, other.size);
  }
};

std::optional<Stamp> stamp_of(const std::string& file) {
  struct stat info {};
  if (stat(file.c_str(), &info) != 0) return std::nullopt;
  return Stamp{info.st_dev, info.st_ino,
               static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
               info.st_size};
}

// The identity of every file that changes when one of the local databases (or a stub file) is
// committed or replaced. Remote databases are followed by Xapian's reopen() alone.
std::vector<std::optional<Stamp>> stamps_of(const std::vector<std::string>& files) {
  std::vector<std::optional<Stamp>> stamps;
  for (const std::string& file : files) stamps.push_back(stamp_of(file));
  return stamps;
}

}  // namespace

struct Index::Impl {
  std::string dir;

  // Xapian::Database and the ICU break iterators are not thread-safe, and one handle shared
  // under a lock would serialise every search. Each call borrows a reader of its own from this
  // pool instead (opening one costs well under a millisecond), so searches run in parallel.
  struct Reader {
    store::Shards shards;
    query::Analyzers analyzers;
    std::vector<std::optional<Stamp>> stamps;  // of shards.watched when they were opened

    explicit Reader(const std::string& dir) { open(dir); }
    void open(const std::string& dir) {
      shards = store::open_shards(dir);
      stamps = stamps_of(shards.watched);
    }
    bool changed() const {
      const std::vector<std::optional<Stamp>> now = stamps_of(shards.watched);
      return std::find(now.begin(), now.end(), std::nullopt) != now.end() || now != stamps;
    }
  };
  mutable std::mutex mutex;
  mutable std::vector<std::unique_ptr<Reader>> idle;

  std::unique_ptr<Reader> borrow() const {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        std::unique_ptr<Reader> reader = std::move(idle.back());
        idle.pop_back();
        return reader;
      }
    }
    return std::make_unique<Reader>(dir);
  }

  void give_back(std::unique_ptr<Reader> reader) const {
    std::lock_guard<std::mutex> lock(mutex);
    idle.push_back(std::move(reader));
  }

  // Runs `read` on a borrowed reader, reopening the database when a writer's commit invalidated
  // the revision it was on (Xapian keeps only the latest two revisions).
  template <typename Read>
  auto with_reader(Read read) const {
    std::unique_ptr<Reader> reader = borrow();
    constexpr int kAttempts = 3;
    // Nothing to do while the version file is the one the reader opened. After a commit, a new
    // handle sees it; and reopen() alone would go on reading a database that was deleted and
    // replaced (its files stay open), or fail on one that is gone.
    if (reader->changed()) reader->open(dir);
    for (int attempt = 1;; ++attempt) {
      try {
        auto result = read(reader->shards, reader->analyzers);
        give_back(std::move(reader));
        return result;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt == kAttempts) store::rethrow_as_cite_error(e, dir);
        for (store::Leaf& leaf : reader->shards.leaves) leaf.db.reopen();
        reader->shards.all.reopen();
        reader->shards.prefixes_seen.clear();
      } catch (const Xapian::NetworkError& e) {
        // xapian-tcpsrv closes a connection left idle (60 s by default): a reader kept in the
        // pool connects again rather than failing the next call.
        if (attempt == kAttempts) store::rethrow_as_cite_error(e, dir);
        reader->open(dir);
      } catch (const Xapian::Error& e) {
        store::rethrow_as_cite_error(e, dir);  // the reader is dropped: it may be broken
      }
    }
  }
};

namespace {

// Text a caller hands in must be UTF-8: everything cited and printed is, and JSON requires it.
void require_utf8(const std::string& text, const char* what) {
  if (!text::is_valid_utf8(text)) {
    throw Error(ErrorKind::kInvalidArgument,
                std::string("the ") + what + " is not valid UTF-8 text; convert it (iconv) first");
  }
}

}  // namespace

UpdateReport Index::update(const std::string& index_dir, const std::string& corpus_root,
                           const UpdateOptions& options) {
  return indexer::update_index(index_dir, corpus_root, options);
}

Index Index::open(const std::string& index_dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = index_dir;
  impl->idle.push_back(std::make_unique<Impl::Reader>(index_dir));
  return Index(std::move(impl));
}

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

SearchResult Index::search(const std::string& query, const SearchOptions& options) const {
  require_utf8(query, "query");
  return impl_->with_reader([&](const store::Shards& shards, const query::Analyzers& analyzers) {
    return query::search(shards, analyzers, query, options);
  });
}

CheckResult Index::check(const std::string& claim, const CheckOptions& options) const {
  require_utf8(claim, "claim");
  return impl_->with_reader([&](const store::Shards& shards, const query::Analyzers& analyzers) {
    return query::check_claim(shards, analyzers, claim, options);
  });
}

Citation Index::passage(const std::string& path, int paragraph) const {
  require_utf8(path, "path");
  return impl_->with_reader([&](const store::Shards& shards, const query::Analyzers&) {
    return query::find_passage(shards, path, paragraph);
  });
}

std::string Index::root() const {
  return impl_->with_reader(
      [](const store::Shards& shards, const query::Analyzers&) { return shards.first_root(); });
}

std::size_t Index::passage_count() const {
  return impl_->with_reader([](const store::Shards& shards, const query::Analyzers&) {
    return static_cast<std::size_t>(shards.all.get_doccount());
  });
}

}  // namespace cite
