#include "indexer/indexer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include "cite/error.hpp"
#include "indexer/corpus.hpp"
#include "indexer/document.hpp"
#include "indexer/passages.hpp"
#include "store/database.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"
#include "text/utf8.hpp"

namespace cite::indexer {
namespace fs = std::filesystem;
namespace {

// Files are analysed in parallel a batch at a time and each batch is committed as one Xapian
// transaction: a large corpus is not one giant transaction, and a batch holds whole files only,
// so a crash never leaves a half-indexed file.
constexpr std::size_t kBatchFiles = 256;
constexpr std::uint64_t kBatchBytes = 32ULL << 20;

struct PreparedFile {
  const SourceFile* source = nullptr;
  std::optional<std::string> problem;       // why the file was skipped
  std::vector<Xapian::Document> documents;  // in reading order
};

std::optional<std::string> read_file(const fs::path& path, std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot be opened";
  contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return "cannot be read";
  return std::nullopt;
}

void prepare(PreparedFile& prepared, const text::Analyzer& analyzer) {
  std::string contents;
  if (auto problem = read_file(prepared.source->absolute, contents)) {
    prepared.problem = *problem;
    return;
  }
  if (contents.find('\0') != std::string::npos) {
    prepared.problem = "looks binary (it contains NUL bytes)";
    return;
  }
  if (!text::is_valid_utf8(contents)) {
    prepared.problem = "is not valid UTF-8 text (convert it with iconv first)";
    return;
  }
  std::string section;
  std::vector<std::string> terms;  // of `section`
  for (const PassageSpan& span : cut_passages(contents)) {
    if (span.section != section || prepared.documents.empty()) {
      section = span.section;
      terms = section_terms(section, analyzer);
    }
    prepared.documents.push_back(
        make_passage_document(prepared.source->path, contents, span, terms, analyzer));
  }
}

void prepare_in_parallel(std::vector<PreparedFile>& batch,
                         const std::vector<text::Analyzer>& analyzers) {
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> failures(analyzers.size());
  for (std::size_t w = 0; w < analyzers.size(); ++w) {
    workers.emplace_back([&, w] {
      try {
        for (std::size_t i = w; i < batch.size(); i += analyzers.size()) {
          prepare(batch[i], analyzers[w]);
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

class Updater {
 public:
  Updater(Xapian::WritableDatabase& db, const UpdateOptions& options)
      : db_(db), options_(options), records_(load_records(db)) {
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    for (unsigned t = 0; t < threads; ++t) analyzers_.emplace_back(text::AnalysisMode::kDocument);
  }

  UpdateReport run(const fs::path& root) {
    const std::vector<SourceFile> sources =
        list_sources(root, [&](const std::string& message) { warn(message); });
    std::vector<const SourceFile*> changed;
    for (const SourceFile& source : sources) {
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
      while (next < changed.size() && batch.size() < kBatchFiles && bytes < kBatchBytes) {
        bytes += changed[next]->size;
        batch.push_back(PreparedFile{changed[next++], std::nullopt, {}});
      }
      prepare_in_parallel(batch, analyzers_);
      write_batch(batch);
    }
    remove_deleted(sources);
    db_.commit();
    report_.passages_total = db_.get_doccount();
    return report_;
  }

 private:
  void warn(const std::string& message) {
    report_.warnings.push_back(message);
    if (options_.on_warning) options_.on_warning(message);
  }

  void write_batch(const std::vector<PreparedFile>& batch) {
    db_.begin_transaction();
    try {
      for (const PreparedFile& file : batch) write_file(file);
      db_.commit_transaction();
    } catch (...) {
      db_.cancel_transaction();
      throw;
    }
  }

  void write_file(const PreparedFile& file) {
    const SourceFile& source = *file.source;
    ++progress_.files_done;
    progress_.bytes_done += source.size;
    if (options_.on_progress) options_.on_progress(progress_);
    const bool known = records_.count(source.path) != 0;
    if (known) db_.delete_document(store::path_term(source.path));
    const std::string key = store::file_key(source.path);
    if (file.problem) {
      warn("skipped '" + source.path + "': it " + *file.problem);
      ++report_.files_skipped;
      if (known) db_.set_metadata(key, "");  // its old passages no longer match the file
      return;
    }
    // The file's old passages are gone (deleted by its path term), so its passages get new,
    // consecutive document ids in paragraph order, which find_passage relies on.
    for (const Xapian::Document& doc : file.documents) db_.add_document(doc);
    const store::FileRecord record{source.path, source.size, source.mtime_ns,
                                   static_cast<int>(file.documents.size())};
    db_.set_metadata(key, store::encode_file_record(record));
    report_.passages_written += file.documents.size();
    ++(known ? report_.files_updated : report_.files_added);
  }

  void remove_deleted(const std::vector<SourceFile>& sources) {
    std::vector<std::string> present;
    for (const SourceFile& source : sources) present.push_back(source.path);
    for (const auto& [path, record] : records_) {
      if (std::binary_search(present.begin(), present.end(), path)) continue;
      db_.delete_document(store::path_term(path));
      db_.set_metadata(store::file_key(path), "");
      ++report_.files_removed;
    }
  }

  Xapian::WritableDatabase& db_;
  const UpdateOptions& options_;
  std::map<std::string, store::FileRecord> records_;
  std::vector<text::Analyzer> analyzers_;
  UpdateReport report_;
  UpdateProgress progress_;
};

}  // namespace

UpdateReport update_index(const std::string& index_dir, const std::string& corpus_root,
                          const UpdateOptions& options) {
  std::error_code ec;
  const fs::path root = fs::canonical(corpus_root, ec);
  if (ec || !fs::is_directory(root)) {
    throw Error(ErrorKind::kInvalidArgument,
                "corpus directory '" + corpus_root + "' does not exist or is not a directory");
  }
  Xapian::WritableDatabase db = store::open_for_writing(index_dir, root.string(), options.rebuild);
  try {
    UpdateReport report = Updater(db, options).run(root);
    // After writing most of the index (a first build, --rebuild), compacting it halves its size;
    // a small update leaves it alone, since Xapian's free space in the blocks then helps.
    // It is only an optimisation: the index is complete and committed without it.
    if (report.passages_written * 2 > report.passages_total) {
      try {
        store::compact_index(db, index_dir);
      } catch (const Error& e) {
        const std::string message =
            std::string("the index is complete but was not compacted: ") + e.what();
        report.warnings.push_back(message);
        if (options.on_warning) options.on_warning(message);
      }
    }
    return report;
  } catch (const Xapian::Error& e) {
    store::rethrow_as_cite_error(e, index_dir);
  }
}

}  // namespace cite::indexer
