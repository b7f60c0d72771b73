#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

// Finding the source files of a corpus.
namespace cite::indexer {

struct SourceFile {
  std::string path;  // relative to the corpus root, '/'-separated
  std::filesystem::path absolute;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
};

// Every file under `root`, sorted by path (the readers decide which they read). Hidden files and
// directories (a leading dot, which covers .git and the default .cite index) are skipped, as are
// directory symlinks, so a walk always ends. Unreadable directories are reported through `warn` and
// skipped.
std::vector<SourceFile> list_sources(const std::filesystem::path& root,
                                     const std::function<void(const std::string&)>& warn);

}  // namespace cite::indexer
