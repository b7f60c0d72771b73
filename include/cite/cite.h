/* cite: full-text search with exact citations. The C API.
 *
 * Handles are opaque; strings in and out are UTF-8. Results are returned as JSON documents in
 * the schema of the CLI's --json output (docs/json.md): the caller owns each returned string and
 * releases it with cite_free(). Every function that can fail returns a cite_status; on failure
 * its output pointer is left NULL and cite_last_error() tells what went wrong, naming the file,
 * query or argument concerned.
 *
 * Thread safety: a cite_index may be used by many threads at once (searches run in parallel).
 * cite_last_error() is per thread. No function prints, exits or aborts.
 */
#ifndef CITE_CITE_H
#define CITE_CITE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CITE_C_API __attribute__((visibility("default")))
#else
#define CITE_C_API
#endif

typedef struct cite_index cite_index;

typedef enum cite_status {
  CITE_OK = 0,
  CITE_ERROR_INVALID_ARGUMENT = 1, /* a NULL or malformed argument, an unknown passage */
  CITE_ERROR_INDEX_MISSING = 2,    /* no index in the directory given */
  CITE_ERROR_INDEX_VERSION = 3,    /* built by an incompatible cite: rebuild it */
  CITE_ERROR_INDEX_CORRUPT = 4,    /* the database cannot be read */
  CITE_ERROR_INDEX_LOCKED = 5,     /* another process is writing the index */
  CITE_ERROR_IO = 6,               /* a file or directory could not be read or written */
  CITE_ERROR_NO_MEMORY = 7,
  CITE_ERROR_INTERNAL = 8 /* a bug in cite: please report the message */
} cite_status;

/* The message of the last failed call on this thread, or "" if the last call succeeded. Valid
 * until the next cite call on this thread. */
CITE_C_API const char* cite_last_error(void);

/* The library version, e.g. "0.1.0". */
CITE_C_API const char* cite_version(void);

/* Builds or updates the index in index_dir from every text or Markdown file under corpus_root
 * (rebuild != 0 discards the existing index first). On success *report_json holds
 * {"format_version", "files_added", "files_updated", "files_unchanged", "files_removed",
 * "files_skipped", "passages_written", "passages_total", "warnings": [...]}. report_json may be
 * NULL when the report is not wanted. */
CITE_C_API cite_status cite_index_update(const char* index_dir, const char* corpus_root,
                                         int rebuild, char** report_json);

/* As cite_index_update, writing the index as `shards` Xapian shards (docs/shards.md); 0 keeps the
 * index's layout (one database for a new index). A count other than the index's needs rebuild. */
CITE_C_API cite_status cite_index_update_sharded(const char* index_dir, const char* corpus_root,
                                                 int rebuild, size_t shards, char** report_json);

/* Opens the index in index_dir (or the indexes and shards a Xapian stub file lists, searched as
 * one: docs/shards.md). On success *index is a handle to release with cite_index_close(). */
CITE_C_API cite_status cite_index_open(const char* index_dir, cite_index** index);

/* Releases an index handle; NULL is ignored. */
CITE_C_API void cite_index_close(cite_index* index);

/* Ranked passages for query (Xapian-style syntax, see README), at most limit of them, as the
 * JSON of `cite query --json`. */
CITE_C_API cite_status cite_search(const cite_index* index, const char* query, size_t limit,
                                   char** result_json);

/* What the sources say about claim, as the JSON of `cite check --json`, with at most
 * max_evidence passages of evidence (every disagreeing passage is included regardless). */
CITE_C_API cite_status cite_check(const cite_index* index, const char* claim, size_t max_evidence,
                                  char** result_json);

/* Paragraph `paragraph` of `path` as the JSON of `cite show --json`. */
CITE_C_API cite_status cite_passage(const cite_index* index, const char* path, int paragraph,
                                    char** result_json);

/* Releases a string returned by this API; NULL is ignored. */
CITE_C_API void cite_free(char* json);

#ifdef __cplusplus
}
#endif

#endif /* CITE_CITE_H */
