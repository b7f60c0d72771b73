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

// Files larger than this are skipped with a warning, unread: see UpdateOptions::max_file_size.
inline constexpr std::uint64_t kDefaultMaxFileSize = 16ULL << 20;  // 16 MiB

// How far an update has got, over the files it reads (new or changed ones; unchanged files are
// not read and not counted).
struct UpdateProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

struct UpdateOptions {
  // Build a new index beside the existing one and swap it in when it is complete: readers see
  // the old index until then, and an interrupted rebuild leaves it untouched.
  bool rebuild = false;
  bool follow_links = false;  // index file symlinks whose target is outside the corpus too
  // Write the index as this many Xapian shards (a stub file and shard0 ... shardN-1, each file in
  // shard FNV-1a-64(path) % N; docs/shards.md), written in parallel. 0 keeps the layout of an
  // existing index (one database for a new one); another count than the index has is refused
  // unless `rebuild`.
  std::size_t shards = 0;
  std::uint64_t max_file_size = kDefaultMaxFileSize;  // bytes; larger files are not read
  // Called for each file that is skipped (unreadable, binary, not UTF-8, too large, a name that
  // is not UTF-8, a link out of the corpus) and each directory that cannot be read, with a
  // message that names it. Nothing else is lost when a file is skipped.
  std::function<void(const std::string& message)> on_warning;
  // Called for what only a verbose run shows: each file skipped because cite does not read its
  // type (its name or, without an extension, its content), and each file transcoded to UTF-8.
  std::function<void(const std::string& message)> on_note;
  // The encoding of text files that are not UTF-8 (an ICU converter name: "ISO-8859-1",
  // "windows-1251"); empty: guessed per file (uchardet). UTF-16 with a byte order mark is
  // always recognised.
  std::string encoding;

  // Called once the files to read are known, then after each file is written, so a program can
  // show progress. It must not call back into the index. The callbacks are called one at a time,
  // but for a sharded index from the threads writing the shards.
  std::function<void(const UpdateProgress& progress)> on_progress;
};

struct UpdateReport {
  std::size_t files_added = 0;
  std::size_t files_updated = 0;
  std::size_t files_unchanged = 0;  // not read again: size and modification time unchanged
  std::size_t files_removed = 0;
  std::size_t files_skipped = 0;          // by content: unreadable, binary, no text layer
  std::size_t files_skipped_by_type = 0;  // not a type cite reads (images, archives, code)
  std::size_t files_transcoded = 0;       // read from a legacy encoding or UTF-16
  std::size_t passages_written = 0;
  std::size_t passages_total = 0;  // in the index after the update
  // Directories that could not be read (permissions, too many open files): the files indexed
  // under them are kept as they were, never removed. Not zero means the update is incomplete.
  std::size_t directories_unreadable = 0;
  std::vector<std::string> warnings;  // every message also given to on_warning
};

// A cite index: one Xapian database holding a passage per paragraph of every source file.
//
// Thread safety: an Index may be shared by any number of threads calling its const members at
// once; their calls run in parallel, each on a database handle of its own. `update` may run in
// another process (or thread) meanwhile: every call sees the latest committed state, and a
// commit made during a call never makes it fail or mix two states. An index directory that is
// replaced (`--rebuild`, or deleted and built again) is noticed and the new one is read.
class CITE_EXPORT Index {
 public:
  // Builds or updates the index in `index_dir` from every file under `corpus_root` whose format
  // cite reads: text, Markdown, reStructuredText, HTML, PDF, and extensionless text files such as
  // README (docs/formats.md). Hidden files and directories are skipped; other files are counted
  // in files_skipped_by_type. Re-runnable: unchanged files are
  // not read, changed files have their passages replaced, deleted files lose theirs. Each file's
  // passages change atomically. Throws cite::Error.
  static UpdateReport update(const std::string& index_dir, const std::string& corpus_root,
                             const UpdateOptions& options = {});

  // Opens an existing index for searching: an index directory, a sharded one, or a Xapian stub
  // file listing several indexes or shards, local (`auto PATH`) or remote (`remote HOST:PORT`,
  // served by xapian-tcpsrv), which are then searched as one (docs/shards.md). Throws
  // cite::Error (kIndexMissing, kIndexVersion, kIndexCorrupt; kIo for an unreachable remote one).
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
