#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace cite {

// Where a passage is in its source file. `text` is exactly the file's bytes
// [byte_start, byte_end): no whitespace re-joined, nothing trimmed inside.
struct Citation {
  std::string path;  // relative to the indexed root, '/'-separated
  // Empty when `path` is relative to the root of the index searched (Index::root()); else the
  // absolute corpus root of the other index, or shard with another root, that holds the passage
  // (an index location listing several indexes, docs/shards.md).
  std::string root;
  int paragraph = 0;    // 1-based, in reading order within the file
  std::string section;  // the heading the passage falls under, or empty
  bool is_heading = false;
  int line_start = 0;  // 1-based, inclusive
  int line_end = 0;
  std::size_t byte_start = 0;  // 0-based, half-open
  std::size_t byte_end = 0;
  std::string text;
  // The 1-based page of a paginated document (PDF), whose byte offsets and text then refer to
  // the text cite extracted from it (docs/formats.md); 0 for other documents.
  int page = 0;
  // The file is not UTF-8: `text` is the UTF-8 transcoding of its bytes [byte_start, byte_end).
  bool transcoded = false;
};

// A byte range [first, second) in the source file.
using ByteRange = std::pair<std::size_t, std::size_t>;

struct Hit {
  int rank = 0;  // 1-based
  double score = 0.0;
  Citation citation;
  std::vector<ByteRange> highlights;  // the matched words, as file byte ranges, in order
};

struct SearchOptions {
  std::size_t limit = 10;
};

struct SearchResult {
  std::string query;
  std::string root;  // absolute path of the indexed corpus
  // Passages matching: exact below 10,000, estimated above; with a phrase or NEAR, exact when
  // all candidates were checked (docs/json.md).
  std::size_t total = 0;
  std::vector<Hit> hits;
};

}  // namespace cite
