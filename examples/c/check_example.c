/* Checks a claim against a cite index and prints the JSON answer: the C API.
 *   check_example INDEX_DIR CLAIM */
#include <cite/cite.h>
#include <stdio.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: check_example INDEX_DIR CLAIM\n");
    return 2;
  }
  cite_index* index = NULL;
  if (cite_index_open(argv[1], &index) != CITE_OK) {
    fprintf(stderr, "check_example: %s\n", cite_last_error());
    return 2;
  }
  char* json = NULL;
  const cite_status status = cite_check(index, argv[2], 3, &json);
  if (status == CITE_OK)
    printf("%s\n", json);
  else
    fprintf(stderr, "check_example: %s\n", cite_last_error());
  cite_free(json);
  cite_index_close(index);
  return status == CITE_OK ? 0 : 2;
}
