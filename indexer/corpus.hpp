#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// Finding the source files of a corpus.
namespace cite::indexer {

struct SourceFile {
  std::string path;  // relative to the corpus root, '/'-separated, valid UTF-8
  std::filesystem::path absolute;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
};

struct WalkOptions {
  bool follow_links = false;  // also index file symlinks whose target is outside the root
};

// What a walk found. A walk that cannot read a directory carries on with the next one, and
// remembers it: the files under it are unknown, not deleted.
struct Walk {
  std::vector<SourceFile> sources;  // sorted by path
  // Relative paths ("" for the root) the walk could not read: directories it could not open or
  // list to the end, and files it could not stat.
  std::set<std::string> unread;
  std::size_t directories_unreadable = 0;
  std::size_t files_skipped = 0;  // names that are not UTF-8, links that leave the root

  // True when the walk read `path`'s directory, and every directory above it, to the end: then a
  // file it did not list is really gone.
  bool saw_directory_of(const std::string& path) const;
};

// `bytes` with every byte that is not part of valid UTF-8 written as \xHH, so a file name can be
// named in a warning (and in JSON) whatever its encoding.
std::string printable_name(std::string_view bytes);

// Every source file under `root` (an absolute, canonical path). Hidden files and directories (a
// leading dot, which covers .git and the default .cite index) are skipped, as are directory
// symlinks, so a walk always ends, and file symlinks whose target leaves the root unless
// `options.follow_links`. Files or directories whose names are not valid UTF-8 are skipped: a
// citation's path must be text. Each problem is reported through `warn`, naming the path.
Walk list_sources(const std::filesystem::path& root, const WalkOptions& options,
                  const std::function<void(const std::string&)>& warn);

}  // namespace cite::indexer
