#include "cite/index.hpp"

#include <xapian.h>

#include <mutex>

#include "cite/error.hpp"
#include "indexer/indexer.hpp"
#include "query/check.hpp"
#include "query/searcher.hpp"
#include "store/database.hpp"

namespace cite {

struct Index::Impl {
  std::string dir;
  // Xapian::Database and the ICU break iterator inside the analyzer are not thread-safe: calls
  // are serialised here, which is what makes a shared Index safe.
  mutable std::mutex mutex;
  mutable Xapian::Database db;
  query::Analyzers analyzers;

  // Runs `read`, reopening the database when a writer's commit invalidated the revision this
  // reader was on (Xapian keeps only the latest two revisions).
  template <typename Read>
  auto with_database(Read read) const {
    std::lock_guard<std::mutex> lock(mutex);
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
      try {
        return read(db);
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt == kAttempts) store::rethrow_as_cite_error(e, dir);
        db.reopen();
      } catch (const Xapian::Error& e) {
        store::rethrow_as_cite_error(e, dir);
      }
    }
  }
};

UpdateReport Index::update(const std::string& index_dir, const std::string& corpus_root,
                           const UpdateOptions& options) {
  return indexer::update_index(index_dir, corpus_root, options);
}

Index Index::open(const std::string& index_dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = index_dir;
  impl->db = store::open_for_reading(index_dir);
  return Index(std::move(impl));
}

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

SearchResult Index::search(const std::string& query, const SearchOptions& options) const {
  return impl_->with_database([&](const Xapian::Database& db) {
    return query::search(db, impl_->analyzers, query, options);
  });
}

CheckResult Index::check(const std::string& claim, const CheckOptions& options) const {
  return impl_->with_database([&](const Xapian::Database& db) {
    return query::check_claim(db, impl_->analyzers, claim, options);
  });
}

Citation Index::passage(const std::string& path, int paragraph) const {
  return impl_->with_database(
      [&](const Xapian::Database& db) { return query::find_passage(db, path, paragraph); });
}

std::string Index::root() const {
  return impl_->with_database([](const Xapian::Database& db) { return store::recorded_root(db); });
}

std::size_t Index::passage_count() const {
  return impl_->with_database(
      [](const Xapian::Database& db) { return static_cast<std::size_t>(db.get_doccount()); });
}

}  // namespace cite
