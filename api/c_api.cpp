#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "cite/cite.h"
#include "cite/cite.hpp"

struct cite_index {
  cite::Index index;
};

namespace {

thread_local std::string last_error;

cite_status status_of(cite::ErrorKind kind) {
  switch (kind) {
    case cite::ErrorKind::kInvalidArgument:
      return CITE_ERROR_INVALID_ARGUMENT;
    case cite::ErrorKind::kIndexMissing:
      return CITE_ERROR_INDEX_MISSING;
    case cite::ErrorKind::kIndexVersion:
      return CITE_ERROR_INDEX_VERSION;
    case cite::ErrorKind::kIndexCorrupt:
      return CITE_ERROR_INDEX_CORRUPT;
    case cite::ErrorKind::kIndexLocked:
      return CITE_ERROR_INDEX_LOCKED;
    case cite::ErrorKind::kIo:
      return CITE_ERROR_IO;
  }
  return CITE_ERROR_INTERNAL;
}

cite_status fail(cite_status status, const std::string& message) {
  last_error = message;
  return status;
}

// A malloc'd copy, so that C callers can hold it past any C++ lifetime; released by cite_free.
char* copy_out(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

// Runs `body`, turning every exception into a status and a message: nothing escapes into C.
template <typename Body>
cite_status guarded(const char* function, Body body) {
  last_error.clear();
  try {
    body();
    return CITE_OK;
  } catch (const cite::Error& e) {
    return fail(status_of(e.kind()), e.what());
  } catch (const std::bad_alloc&) {
    return fail(CITE_ERROR_NO_MEMORY, std::string(function) + ": out of memory");
  } catch (const std::exception& e) {
    return fail(CITE_ERROR_INTERNAL, std::string(function) + ": " + e.what());
  } catch (...) {
    return fail(CITE_ERROR_INTERNAL, std::string(function) + ": unknown error");
  }
}

cite_status null_argument(const char* function, const char* argument) {
  return fail(CITE_ERROR_INVALID_ARGUMENT,
              std::string(function) + ": " + argument + " must not be NULL");
}

// One body for both update calls, so that an error names the function the caller called.
cite_status update_index(const char* function, const char* index_dir, const char* corpus_root,
                         int rebuild, std::size_t shards, char** report_json) {
  if (report_json != nullptr) *report_json = nullptr;
  if (index_dir == nullptr) return null_argument(function, "index_dir");
  if (corpus_root == nullptr) return null_argument(function, "corpus_root");
  return guarded(function, [&] {
    cite::UpdateOptions options;
    options.rebuild = rebuild != 0;
    options.shards = shards;
    const cite::UpdateReport report = cite::Index::update(index_dir, corpus_root, options);
    if (report_json != nullptr) *report_json = copy_out(cite::to_json(report));
  });
}

// The shape of every call that answers a question about an index with JSON: check the
// arguments, leave NULL in *result_json on any failure, copy the answer out on success.
template <typename Answer>
cite_status answer_json(const char* function, const cite_index* index, const char* input_name,
                        const char* input, char** result_json, Answer answer) {
  if (result_json == nullptr) return null_argument(function, "result_json");
  *result_json = nullptr;
  if (index == nullptr) return null_argument(function, "index");
  if (input == nullptr) return null_argument(function, input_name);
  return guarded(function, [&] { *result_json = copy_out(answer()); });
}

}  // namespace

extern "C" {

const char* cite_last_error(void) { return last_error.c_str(); }

const char* cite_version(void) { return CITE_VERSION; }

cite_status cite_index_update(const char* index_dir, const char* corpus_root, int rebuild,
                              char** report_json) {
  return update_index(__func__, index_dir, corpus_root, rebuild, 0, report_json);
}

cite_status cite_index_update_sharded(const char* index_dir, const char* corpus_root, int rebuild,
                                      size_t shards, char** report_json) {
  return update_index(__func__, index_dir, corpus_root, rebuild, shards, report_json);
}

cite_status cite_index_open(const char* index_dir, cite_index** index) {
  if (index == nullptr) return null_argument(__func__, "index");
  *index = nullptr;
  if (index_dir == nullptr) return null_argument(__func__, "index_dir");
  return guarded(__func__, [&] { *index = new cite_index{cite::Index::open(index_dir)}; });
}

void cite_index_close(cite_index* index) { delete index; }

cite_status cite_search(const cite_index* index, const char* query, size_t limit,
                        char** result_json) {
  return answer_json(__func__, index, "query", query, result_json,
                     [&] { return cite::to_json(index->index.search(query, {limit})); });
}

cite_status cite_check(const cite_index* index, const char* claim, size_t max_evidence,
                       char** result_json) {
  return answer_json(__func__, index, "claim", claim, result_json,
                     [&] { return cite::to_json(index->index.check(claim, {max_evidence})); });
}

cite_status cite_passage(const cite_index* index, const char* path, int paragraph,
                         char** result_json) {
  return answer_json(__func__, index, "path", path, result_json, [&] {
    return cite::passage_to_json(index->index.root(), index->index.passage(path, paragraph));
  });
}

void cite_free(char* json) { std::free(json); }

}  // extern "C"
