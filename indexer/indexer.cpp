#include "indexer/indexer.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cite/error.hpp"
#include "indexer/corpus.hpp"
#include "indexer/document.hpp"
#include "indexer/readers/encoding.hpp"
#include "indexer/readers/reader.hpp"
#include "store/database.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"
#include "store/shards.hpp"
#include "text/utf8.hpp"

namespace cite::indexer {
namespace fs = std::filesystem;
namespace {

// Files are analysed in parallel a batch at a time and each batch is committed as one Xapian
// transaction: a large corpus is not one giant transaction, and a batch holds whole files only,
// so a crash never leaves a half-indexed file. A batch's documents, and Xapian's buffer of its
// postings, take 20 to 60 bytes per byte of text (the more, the shorter the passages), so the
// batch size, with the file size cap, bounds the memory used. 8 MiB batches peaked at 430 MB
// on the 131.5 MB bench corpus; 2 MiB keeps `cite index` under 300 MB whatever the corpus, at
// the cost of a commit per 2 MiB (a few percent of the time).
constexpr std::size_t kBatchFiles = 256;
constexpr std::uint64_t kBatchBytes = 2ULL << 20;

struct PreparedFile {
  const SourceFile* source = nullptr;
  std::optional<std::string> problem;       // why the file was skipped
  std::vector<Xapian::Document> documents;  // in reading order
  bool skipped_by_type = false;
  std::string transcoded_from;           // the encoding, when the file was not UTF-8
  std::optional<std::string> extracted;  // a PDF's extracted text, which its offsets refer to
};

std::string size_limit_problem(std::uint64_t limit) {
  return "is larger than the limit of " + std::to_string(limit) +
         " bytes (raise it with --max-file-size)";
}

// Reads at most `limit` bytes: a file that grew past the limit since it was listed is refused
// without holding more of it.
std::optional<std::string> read_file(const fs::path& path, std::uint64_t expected_size,
                                     std::uint64_t limit, std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot be opened";
  constexpr std::size_t kChunk = 1 << 20;
  contents.reserve(static_cast<std::size_t>(std::min(expected_size, limit)));
  while (in) {
    const std::size_t old_size = contents.size();
    contents.resize(old_size + kChunk);
    in.read(contents.data() + old_size, kChunk);
    contents.resize(old_size + static_cast<std::size_t>(in.gcount()));
    if (contents.size() > limit) return size_limit_problem(limit);
  }
  if (in.bad()) return "cannot be read";
  return std::nullopt;
}

void prepare(PreparedFile& prepared, const UpdateOptions& options, const text::Analyzer& analyzer) {
  if (auto unread = readers::unread_type(prepared.source->path)) {
    prepared.problem = *unread;
    prepared.skipped_by_type = true;
    return;
  }
  if (prepared.source->size > options.max_file_size) {
    prepared.problem = size_limit_problem(options.max_file_size);
    return;
  }
  std::string contents;
  if (auto problem = read_file(prepared.source->absolute, prepared.source->size,
                               options.max_file_size, contents)) {
    prepared.problem = *problem;
    return;
  }
  readers::ReadDocument read = readers::read_document(prepared.source->path, contents,
                                                      readers::ReadOptions{options.encoding});
  if (read.skipped) {
    prepared.problem = *read.skipped;
    prepared.skipped_by_type = read.skipped_by_type;
    return;
  }
  if (read.transcoded) prepared.transcoded_from = read.encoding;
  prepared.extracted = std::move(read.extracted);
  std::string section;
  std::vector<std::string> terms;  // of `section`
  std::size_t section_first = 0;   // the first of the passages under `section`
  for (const readers::ReadPassage& passage : read.passages) {
    if (passage.span.section != section || prepared.documents.empty()) {
      section = passage.span.section;
      terms = section_terms(section, analyzer);
      section_first = prepared.documents.size();
    }
    const auto section_back = static_cast<int>(prepared.documents.size() - section_first);
    prepared.documents.push_back(make_passage_document(prepared.source->path, passage,
                                                       read.transcoded, read.extracted.has_value(),
                                                       terms, section_back, analyzer));
  }
}

void prepare_in_parallel(std::vector<PreparedFile>& batch, const UpdateOptions& options,
                         const std::vector<text::Analyzer>& analyzers) {
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> failures(analyzers.size());
  for (std::size_t w = 0; w < analyzers.size(); ++w) {
    workers.emplace_back([&, w] {
      try {
        for (std::size_t i = w; i < batch.size(); i += analyzers.size()) {
          prepare(batch[i], options, analyzers[w]);
        }
      } catch (...) {
        failures[w] = std::current_exception();
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

std::map<std::string, store::FileRecord> load_records(const Xapian::Database& db) {
  std::map<std::string, store::FileRecord> records;
  const std::string prefix(store::kFileKeyPrefix);
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    store::FileRecord record = store::decode_file_record(db.get_metadata(*key));
    if (record.path.empty()) record.path = (*key).substr(prefix.size());
    records.emplace(record.path, record);
  }
  return records;
}

// How the work of an update is shared out: several shards are written at once, each by its own
// Updater on its own thread, and then each analyses its files on fewer threads and commits
// smaller batches, so that the whole update uses the cores and memory of one.
struct Share {
  unsigned analysis_threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::uint64_t batch_bytes = kBatchBytes;
};

class Updater {
 public:
  Updater(Xapian::WritableDatabase& db, const UpdateOptions& options, Share share = {})
      : db_(db), options_(options), records_(load_records(db)), share_(share) {
    for (unsigned t = 0; t < share.analysis_threads; ++t) {
      analyzers_.emplace_back(text::AnalysisMode::kDocument);
    }
  }

  // Updates the database from `walk`, which lists the files it holds (those of its shard).
  UpdateReport run(const Walk& walk) {
    std::vector<const SourceFile*> changed;
    for (const SourceFile& source : walk.sources) {
      const auto record = records_.find(source.path);
      if (record != records_.end() && record->second.size == source.size &&
          record->second.mtime_ns == source.mtime_ns) {
        ++report_.files_unchanged;
      } else {
        changed.push_back(&source);
      }
    }
    progress_.files_total = changed.size();
    for (const SourceFile* source : changed) progress_.bytes_total += source->size;
    if (options_.on_progress) options_.on_progress(progress_);
    std::size_t next = 0;
    while (next < changed.size()) {
      std::vector<PreparedFile> batch;
      std::uint64_t bytes = 0;
      // A file that would take the batch past kBatchBytes starts the next one, so a batch holds
      // at most max(kBatchBytes, max_file_size) bytes of text: that bounds the memory.
      while (next < changed.size() && batch.size() < kBatchFiles) {
        const std::uint64_t size =
            changed[next]->size <= options_.max_file_size ? changed[next]->size : 0;
        if (!batch.empty() && bytes + size > share_.batch_bytes) break;
        bytes += size;
        PreparedFile file;
        file.source = changed[next++];
        batch.push_back(std::move(file));
      }
      prepare_in_parallel(batch, options_, analyzers_);
      write_batch(batch);
    }
    remove_deleted(walk);
    db_.commit();
    report_.passages_total = db_.get_doccount();
    return report_;
  }

 private:
  void warn(const std::string& message) {
    report_.warnings.push_back(message);
    if (options_.on_warning) options_.on_warning(message);
  }

  void write_batch(std::vector<PreparedFile>& batch) {
    db_.begin_transaction();
    try {
      for (PreparedFile& file : batch) write_file(file);
      db_.commit_transaction();
    } catch (...) {
      // A commit_transaction that failed (a full disk) has already ended the transaction: its
      // "Cannot cancel transaction" must not replace the error that says what happened.
      try {
        db_.cancel_transaction();
      } catch (const Xapian::Error&) {
      }
      throw;
    }
  }

  void write_file(PreparedFile& file) {
    const SourceFile& source = *file.source;
    ++progress_.files_done;
    progress_.bytes_done += source.size;
    if (options_.on_progress) options_.on_progress(progress_);
    const bool known = records_.count(source.path) != 0;
    if (known) db_.delete_document(store::path_term(source.path));
    const std::string key = store::file_key(source.path);
    if (known) db_.set_metadata(store::text_key(source.path), file.extracted.value_or(""));
    if (file.problem) {
      if (file.skipped_by_type) {
        note("skipped '" + source.path + "': it " + *file.problem);
        ++report_.files_skipped_by_type;
      } else {
        warn("skipped '" + source.path + "': it " + *file.problem);
        ++report_.files_skipped;
      }
      if (known) db_.set_metadata(key, "");  // its old passages no longer match the file
      return;
    }
    if (file.extracted) db_.set_metadata(store::text_key(source.path), *file.extracted);
    if (!file.transcoded_from.empty()) {
      note("read '" + source.path + "' as " + file.transcoded_from + " (transcoded to UTF-8)");
      ++report_.files_transcoded;
    }
    // The file's old passages are gone (deleted by its path term), so its passages get new,
    // consecutive document ids in paragraph order, which find_passage relies on. Each document
    // is dropped once Xapian has it, so the batch is not held twice.
    for (Xapian::Document& doc : file.documents) {
      db_.add_document(doc);
      doc = Xapian::Document();
    }
    const store::FileRecord record{source.path, source.size, source.mtime_ns,
                                   static_cast<int>(file.documents.size())};
    db_.set_metadata(key, store::encode_file_record(record));
    report_.passages_written += file.documents.size();
    ++(known ? report_.files_updated : report_.files_added);
  }

  // A file is removed only when the walk read its directory to the end without finding it: a
  // directory that could not be read says nothing about the files in it.
  void remove_deleted(const Walk& walk) {
    std::vector<std::string> present;
    for (const SourceFile& source : walk.sources) present.push_back(source.path);
    for (const auto& [path, record] : records_) {
      if (std::binary_search(present.begin(), present.end(), path)) continue;
      if (!walk.saw_directory_of(path)) continue;
      db_.delete_document(store::path_term(path));
      db_.set_metadata(store::file_key(path), "");
      db_.set_metadata(store::text_key(path), "");
      ++report_.files_removed;
    }
  }

  void note(const std::string& message) const {
    if (options_.on_note) options_.on_note(message);
  }

  Xapian::WritableDatabase& db_;
  const UpdateOptions& options_;
  std::map<std::string, store::FileRecord> records_;
  Share share_;
  std::vector<text::Analyzer> analyzers_;
  UpdateReport report_;
  UpdateProgress progress_;
};

}  // namespace

namespace {

void add_report(UpdateReport& total, UpdateReport&& part) {
  total.files_added += part.files_added;
  total.files_updated += part.files_updated;
  total.files_unchanged += part.files_unchanged;
  total.files_removed += part.files_removed;
  total.files_skipped += part.files_skipped;
  total.files_skipped_by_type += part.files_skipped_by_type;
  total.files_transcoded += part.files_transcoded;
  total.passages_written += part.passages_written;
  total.passages_total += part.passages_total;
  total.directories_unreadable += part.directories_unreadable;
  for (std::string& warning : part.warnings) total.warnings.push_back(std::move(warning));
}

// Brings one database (a whole index, or shard `shard` of `shards`) up to date with `walk`.
UpdateReport update_database(const std::string& dir, const fs::path& root, const Walk& walk,
                             const UpdateOptions& options, Share share, std::size_t shard = 0,
                             std::size_t shards = 1) {
  Xapian::WritableDatabase db = store::open_for_writing(dir, root.string());
  try {
    if (shards > 1) {
      const std::string key(store::kShardKey);
      const std::string expected = std::to_string(shard) + "/" + std::to_string(shards);
      const std::string found = db.get_metadata(key);
      if (found.empty()) {
        db.set_metadata(key, expected);
      } else if (found != expected) {
        throw Error(ErrorKind::kIndexCorrupt,
                    "'" + dir + "' is shard " + found + ", not shard " + expected +
                        " of its index: rebuild the index with `cite index --rebuild`");
      }
    }
    UpdateReport report = Updater(db, options, share).run(walk);
    // After writing most of the index (a first build, --rebuild), compacting it halves its size;
    // a small update leaves it alone, since Xapian's free space in the blocks then helps.
    // It is only an optimisation: the index is complete and committed without it.
    if (report.passages_written * 2 > report.passages_total) {
      try {
        store::compact_index(db, dir);
      } catch (const Error& e) {
        const std::string message =
            std::string("the index is complete but was not compacted: ") + e.what();
        report.warnings.push_back(message);
        if (options.on_warning) options.on_warning(message);
      }
    }
    return report;
  } catch (const Xapian::Error& e) {
    store::rethrow_as_cite_error(e, dir);
  }
}

// The files of `walk` that shard `shard` of `shards` holds, with what the walk could not read.
Walk shard_walk(const Walk& walk, std::size_t shard, std::size_t shards) {
  Walk part;
  part.unread = walk.unread;
  for (const SourceFile& source : walk.sources) {
    if (store::shard_of(source.path, shards) == shard) part.sources.push_back(source);
  }
  return part;
}

// Writes the shards of a sharded index, several at once: one thread and one WritableDatabase per
// shard being written (a Xapian database is never shared between threads). The caller's
// callbacks are called one at a time, and progress is the sum over the shards.
UpdateReport update_shards(const std::string& index_dir, const fs::path& root, const Walk& walk,
                           const UpdateOptions& options, std::size_t shards) {
  std::mutex mutex;
  UpdateOptions shared = options;
  std::vector<UpdateProgress> progress(shards);
  if (options.on_warning) {
    shared.on_warning = [&](const std::string& message) {
      std::lock_guard<std::mutex> lock(mutex);
      options.on_warning(message);
    };
  }
  if (options.on_note) {
    shared.on_note = [&](const std::string& message) {
      std::lock_guard<std::mutex> lock(mutex);
      options.on_note(message);
    };
  }
  const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  const auto writers = static_cast<unsigned>(std::min<std::size_t>(shards, cores));
  // Smaller batches than one writer's: the memory of a build grows with the text held in the
  // writers' transactions. On the small bench corpus, two writers of 1 MiB batches peaked at
  // 171-200 MB, like one writer of 8 MiB ones (175 MB), where 4 MiB ones took 272 MB.
  const Share share{std::max(1u, cores / writers), kBatchBytes / (4 * writers)};
  std::vector<UpdateReport> reports(shards);
  std::vector<std::exception_ptr> failures(shards);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < shards; i = next++) {
      try {
        UpdateOptions mine = shared;
        if (options.on_progress) {
          mine.on_progress = [&, i](const UpdateProgress& p) {
            std::lock_guard<std::mutex> lock(mutex);
            progress[i] = p;
            UpdateProgress sum;
            for (const UpdateProgress& q : progress) {
              sum.files_done += q.files_done;
              sum.files_total += q.files_total;
              sum.bytes_done += q.bytes_done;
              sum.bytes_total += q.bytes_total;
            }
            options.on_progress(sum);
          };
        }
        const std::string dir = (fs::path(index_dir) / store::shard_name(i)).string();
        reports[i] =
            update_database(dir, root, shard_walk(walk, i, shards), mine, share, i, shards);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < writers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  UpdateReport total;
  for (UpdateReport& report : reports) add_report(total, std::move(report));
  return total;
}

Error layout_mismatch(const std::string& dir, std::size_t found, std::size_t wanted) {
  const auto describe = [](std::size_t n) {
    return n == 1 ? std::string("unsharded") : std::to_string(n) + " shards";
  };
  return Error(ErrorKind::kInvalidArgument,
               "the index in '" + dir + "' has " + describe(found) +
                   (found == 1 ? " (one database)" : "") + ", but --shards asks for " +
                   describe(wanted) + ": pass --rebuild to build it again with --shards " +
                   std::to_string(wanted));
}

UpdateReport update_in_place(const std::string& index_dir, const fs::path& root,
                             const UpdateOptions& options) {
  std::error_code ec;
  const std::optional<std::size_t> sharded = store::shard_count(index_dir);
  const bool unsharded = !sharded && fs::exists(fs::path(index_dir) / "iamglass", ec);
  // One shard of a sharded index, updated where it is served, holds only the files of its shard.
  const std::optional<std::pair<std::size_t, std::size_t>> lone =
      unsharded ? store::shard_stamp(index_dir) : std::nullopt;
  const std::size_t shards = options.shards != 0 ? options.shards : sharded.value_or(1);
  if (sharded && *sharded != shards) throw layout_mismatch(index_dir, *sharded, shards);
  if (unsharded && !lone && shards != 1) throw layout_mismatch(index_dir, 1, shards);
  if (lone && options.shards != 0 && options.shards != lone->second) {
    throw layout_mismatch(index_dir, lone->second, options.shards);
  }
  if (shards > 1 && !sharded) {
    // A new sharded index: its stub file first, so that an interrupted first build is resumed.
    if (fs::exists(index_dir, ec) && !fs::is_empty(index_dir, ec)) {
      throw Error(ErrorKind::kInvalidArgument,
                  "'" + index_dir +
                      "' is not empty and not a cite index: pass --index with a new directory");
    }
    fs::create_directories(index_dir, ec);
    if (ec) {
      throw Error(ErrorKind::kIo,
                  "cannot create the index directory '" + index_dir + "': " + ec.message());
    }
    store::write_shard_stub(index_dir, shards);
  }
  UpdateReport report;
  const Walk walk =
      list_sources(root, WalkOptions{options.follow_links}, [&](const std::string& message) {
        report.warnings.push_back(message);
        if (options.on_warning) options.on_warning(message);
      });
  report.directories_unreadable = walk.directories_unreadable;
  report.files_skipped = walk.files_skipped;
  if (lone) {
    const auto [shard, count] = *lone;
    add_report(report, update_database(index_dir, root, shard_walk(walk, shard, count), options,
                                       Share{}, shard, count));
    return report;
  }
  add_report(report, shards == 1 ? update_database(index_dir, root, walk, options, Share{})
                                 : update_shards(index_dir, root, walk, options, shards));
  return report;
}

// --rebuild builds the new index in a directory beside the old one and swaps the two when it is
// complete, so readers see the old index until then and a killed rebuild leaves it as it was.
UpdateReport rebuild(const std::string& index_dir, const fs::path& root,
                     const UpdateOptions& options) {
  fs::path target = fs::path(index_dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "idx/" names "idx"
  store::check_replaceable(target.string());
  if (const auto lone = store::shard_stamp(target.string())) {
    throw Error(ErrorKind::kInvalidArgument,
                "'" + target.string() + "' is shard " + std::to_string(lone->first) + " of " +
                    std::to_string(lone->second) +
                    " of a sharded index: rebuild the whole index (cite index --rebuild --index "
                    "DIR, where DIR holds its XAPIANDB stub file) and copy the shard out again");
  }
  UpdateOptions rebuilding = options;
  // Without --shards, the index keeps its layout.
  if (rebuilding.shards == 0) rebuilding.shards = store::shard_count(target.string()).value_or(1);
  // Held until the swap, so that no update of the old index is lost to it.
  const std::vector<Xapian::WritableDatabase> old_locks = store::lock_existing(target.string());
  const fs::path staging = target.parent_path() / (target.filename().string() + ".rebuilding");
  if (fs::exists(staging)) {
    store::check_replaceable(staging.string());  // left by a rebuild that was interrupted
    store::remove_index(staging.string());
  }
  UpdateReport report = update_in_place(staging.string(), root, rebuilding);
  store::swap_in(staging.string(), target.string());
  return report;
}

}  // namespace

UpdateReport update_index(const std::string& index_dir, const std::string& corpus_root,
                          const UpdateOptions& options) {
  std::error_code ec;
  const fs::path root = fs::canonical(corpus_root, ec);
  if (ec || !fs::is_directory(root)) {
    throw Error(ErrorKind::kInvalidArgument,
                "corpus directory '" + corpus_root + "' does not exist or is not a directory");
  }
  if (!text::is_valid_utf8(root.string())) {
    throw Error(ErrorKind::kInvalidArgument,
                "the corpus directory '" + printable_name(root.string()) +
                    "' has a path that is not valid UTF-8, which citations cannot name: rename it");
  }
  if (!options.encoding.empty()) readers::require_known_encoding(options.encoding);
  return options.rebuild ? rebuild(index_dir, root, options)
                         : update_in_place(index_dir, root, options);
}

}  // namespace cite::indexer
