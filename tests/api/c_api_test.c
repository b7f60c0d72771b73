/* The C API from C, as an embedding program uses it: build, open, search, check, show, the
 * error paths, and several threads sharing one handle. Run plainly and under valgrind. */
#include <cite/cite.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECT(cond)                                                                      \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      fprintf(stderr, "%s:%d: expected %s (last error: %s)\n", __FILE__, __LINE__, #cond, \
              cite_last_error());                                                         \
      exit(1);                                                                            \
    }                                                                                     \
  } while (0)

static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

struct search_job {
  const cite_index* index;
  int ok;
};

static void* search_repeatedly(void* arg) {
  struct search_job* job = (struct search_job*)arg;
  job->ok = 1;
  for (int i = 0; i < 20; ++i) {
    char* json = NULL;
    if (cite_search(job->index, "Crocus City Hall", 5, &json) != CITE_OK ||
        !contains(json, "\"hits\":[{\"rank\":1")) {
      job->ok = 0;
    }
    cite_free(json);
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INDEX_DIR CORPUS_DIR\n", argv[0]);
    return 2;
  }
  const char* index_dir = argv[1];
  const char* corpus = argv[2];

  char* report = NULL;
  EXPECT(cite_index_update(index_dir, corpus, 1, &report) == CITE_OK);
  EXPECT(contains(report, "\"passages_total\":184"));
  EXPECT(strcmp(cite_last_error(), "") == 0);
  cite_free(report);
  EXPECT(cite_index_update(index_dir, corpus, 0, NULL) == CITE_OK);

  /* The same corpus as three shards: the same passages, searched as one; another count needs a
   * rebuild. */
  char sharded_dir[4096];
  snprintf(sharded_dir, sizeof sharded_dir, "%s-sharded", index_dir);
  EXPECT(cite_index_update_sharded(sharded_dir, corpus, 1, 3, &report) == CITE_OK);
  EXPECT(contains(report, "\"passages_total\":184"));
  cite_free(report);
  EXPECT(cite_index_update_sharded(sharded_dir, corpus, 0, 2, NULL) == CITE_ERROR_INVALID_ARGUMENT);
  EXPECT(contains(cite_last_error(), "--rebuild"));
  cite_index* sharded = NULL;
  EXPECT(cite_index_open(sharded_dir, &sharded) == CITE_OK);
  char* sharded_json = NULL;
  EXPECT(cite_search(sharded, "\"138.1 million\"", 3, &sharded_json) == CITE_OK);
  EXPECT(contains(sharded_json, "\"path\":\"004_fad1a6b6ca469459.txt\",\"paragraph\":10"));
  cite_free(sharded_json);
  cite_index_close(sharded);

  cite_index* index = NULL;
  EXPECT(cite_index_open(index_dir, &index) == CITE_OK && index != NULL);

  char* json = NULL;
  EXPECT(cite_search(index, "\"138.1 million\"", 3, &json) == CITE_OK);
  EXPECT(contains(json, "\"format_version\":1"));
  EXPECT(contains(json, "\"path\":\"004_fad1a6b6ca469459.txt\",\"paragraph\":10"));
  cite_free(json);

  EXPECT(cite_check(index, "Russia deported 100,000 foreigners in 2024", 3, &json) == CITE_OK);
  EXPECT(contains(json, "\"verdict\":\"conflicting\""));
  EXPECT(contains(json, "\"claim\":\"100,000\",\"source\":\"80,000\",\"relation\":\"conflict\""));
  cite_free(json);

  EXPECT(cite_passage(index, "000_18f228960f1cda46.txt", 13, &json) == CITE_OK);
  EXPECT(contains(json, "\"line_start\":29"));
  cite_free(json);

  /* Errors: a status, a message naming the problem, and no output to free. */
  json = (char*)"untouched";
  EXPECT(cite_search(index, NULL, 3, &json) == CITE_ERROR_INVALID_ARGUMENT);
  EXPECT(json == NULL && contains(cite_last_error(), "query"));
  EXPECT(cite_passage(index, "004_fad1a6b6ca469459.txt", 999, &json) ==
         CITE_ERROR_INVALID_ARGUMENT);
  EXPECT(json == NULL && contains(cite_last_error(), "1-54"));
  cite_index* missing = (cite_index*)1;
  EXPECT(cite_index_open("/no/such/cite/index", &missing) == CITE_ERROR_INDEX_MISSING);
  EXPECT(missing == NULL && contains(cite_last_error(), "/no/such/cite/index"));
  EXPECT(cite_index_update(index_dir, "/no/such/corpus", 0, NULL) == CITE_ERROR_INVALID_ARGUMENT);
  EXPECT(cite_search(NULL, "x", 1, &json) == CITE_ERROR_INVALID_ARGUMENT);
  EXPECT(cite_search(index, "x", 1, NULL) == CITE_ERROR_INVALID_ARGUMENT);
  EXPECT(cite_search(index, "deported", 1, &json) == CITE_OK);
  EXPECT(strcmp(cite_last_error(), "") == 0); /* a success clears the message */
  cite_free(json);

  /* One handle, several threads. */
  pthread_t threads[4];
  struct search_job jobs[4];
  for (int t = 0; t < 4; ++t) {
    jobs[t].index = index;
    EXPECT(pthread_create(&threads[t], NULL, search_repeatedly, &jobs[t]) == 0);
  }
  for (int t = 0; t < 4; ++t) {
    EXPECT(pthread_join(threads[t], NULL) == 0);
    EXPECT(jobs[t].ok);
  }

  EXPECT(strcmp(cite_version(), "") != 0);
  cite_index_close(index);
  cite_index_close(NULL);
  cite_free(NULL);
  printf("c api: all checks passed (cite %s)\n", cite_version());
  return 0;
}
