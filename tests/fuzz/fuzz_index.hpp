#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cite/cite.hpp"
#include "fuzz_support.hpp"

// The index the search, check and HTTP targets query: corpus/ (or $CITE_FUZZ_CORPUS), indexed
// once per process into a scratch directory removed at exit, and the corpus files' bytes, to
// check that every citation is exact.
namespace cite::fuzz {

class CorpusIndex {
 public:
  static const CorpusIndex& get() {
    static const CorpusIndex instance;
    return instance;
  }

  const Index& index() const { return index_; }

  // Every citation must be the file's bytes [byte_start, byte_end), whole characters.
  void require_exact(const Citation& citation) const {
    const auto file = files_.find(citation.path);
    require(file != files_.end(), "a citation names a corpus file", citation.path);
    require_span(file->second, citation.byte_start, citation.byte_end, "citation span");
    require(file->second.compare(citation.byte_start, citation.byte_end - citation.byte_start,
                                 citation.text) == 0,
            "a citation's text is the file's bytes", citation.path);
    require(citation.paragraph >= 1 && citation.line_start >= 1 &&
                citation.line_start <= citation.line_end,
            "paragraph and line numbers", citation.path);
  }

  // Highlights are in-order ranges of the hit's passage.
  void require_exact(const Hit& hit) const {
    require_exact(hit.citation);
    const std::string& file = files_.at(hit.citation.path);
    std::size_t previous_end = hit.citation.byte_start;
    for (const ByteRange& range : hit.highlights) {
      require_span(file, range.first, range.second, "highlight span");
      require(range.first >= previous_end && range.second <= hit.citation.byte_end,
              "highlights in order, inside the passage", hit.citation.path);
      previous_end = range.second;
    }
  }

 private:
  CorpusIndex() : dir_(make_scratch_dir()), index_(build(dir_, corpus_root())) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus_root())) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      files_[entry.path().lexically_relative(corpus_root()).generic_string()] = bytes.str();
    }
  }
  ~CorpusIndex() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static std::filesystem::path corpus_root() {
    const char* root = std::getenv("CITE_FUZZ_CORPUS");
    return root != nullptr ? root : CITE_SOURCE_DIR "/corpus";
  }

  static std::filesystem::path make_scratch_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cite-fuzz-XXXXXX").string();
    require(mkdtemp(pattern.data()) != nullptr, "cannot make a scratch directory", pattern);
    return pattern;
  }

  static Index build(const std::filesystem::path& dir, const std::filesystem::path& root) {
    const UpdateReport report = Index::update((dir / "index").string(), root.string());
    require(report.passages_total > 0, "the fuzzing corpus has passages", root.string());
    return Index::open((dir / "index").string());
  }

  std::filesystem::path dir_;
  Index index_;
  std::map<std::string, std::string> files_;  // relative path -> bytes
};

}  // namespace cite::fuzz
