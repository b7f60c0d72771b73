#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cite/check.hpp"
#include "cite/citation.hpp"
#include "cite/export.hpp"

namespace cite {

// How far an update has got, over the files it reads (new or changed ones; unchanged files are
// not read and not counted).
struct UpdateProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

struct UpdateOptions {
  bool rebuild = false;  // discard the existing index first
  // Called for each file that is skipped (unreadable, binary, not UTF-8), with a message that
  // names it. Nothing else is lost when a file is skipped.
  std::function<void(const std::string& message)> on_warning;
  // Called on the updating thread once the files to read are known, then after each file is
  // written, so a program can show progress. It must not call back into the index.
  std::function<void(const UpdateProgress& progress)> on_progress;
};

struct UpdateReport {
  std::size_t files_added = 0;
  std::size_t files_updated = 0;
  std::size_t files_unchanged = 0;  // not read again: size and modification time unchanged
  std::size_t files_removed = 0;
  std::size_t files_skipped = 0;
  std::size_t passages_written = 0;
  std::size_t passages_total = 0;     // in the index after the update
  std::vector<std::string> warnings;  // every message also given to on_warning
};

// A cite index: one Xapian database holding a passage per paragraph of every source file.
//
// Thread safety: an Index may be shared by any number of threads calling its const members at
// once; their calls run in parallel, each on a database handle of its own. `update` may run in
// another process (or thread) meanwhile: every call sees the latest committed state, and a
// commit made during a call never makes it fail or mix two states.
class CITE_EXPORT Index {
 public:
  // Builds or updates the index in `index_dir` from every text or Markdown file under
  // `corpus_root` (hidden files and directories are skipped). Re-runnable: unchanged files are
  // not read, changed files have their passages replaced, deleted files lose theirs. Each file's
  // passages change atomically. Throws cite::Error.
  static UpdateReport update(const std::string& index_dir, const std::string& corpus_root,
                             const UpdateOptions& options = {});

  // Opens an existing index for searching. Throws cite::Error (kIndexMissing, kIndexVersion,
  // kIndexCorrupt).
  static Index open(const std::string& index_dir);

  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;
  ~Index();

  // Ranked passages for a query in Xapian's syntax (AND, OR, NOT, "phrases", NEAR, migra*,
  // file:, section:); text that is not valid syntax is searched as plain words.
  SearchResult search(const std::string& query, const SearchOptions& options = {}) const;

  // What the sources say about `claim`: a verdict and the evidence for it, each piece cited
  // exactly, with the best sentence, the claim words matched and missing, and how each number
  // of the claim compares with the source's.
  CheckResult check(const std::string& claim, const CheckOptions& options = {}) const;

  // Paragraph `paragraph` of `path`, as cited. Throws cite::Error (kInvalidArgument) if the
  // index has no such passage.
  Citation passage(const std::string& path, int paragraph) const;

  std::string root() const;  // absolute path of the indexed corpus
  std::size_t passage_count() const;

 private:
  struct Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cite
