#include "indexer/corpus.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

namespace cite::indexer {
namespace fs = std::filesystem;

std::vector<SourceFile> list_sources(const fs::path& root,
                                     const std::function<void(const std::string&)>& warn) {
  std::vector<SourceFile> sources;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) {
    warn("cannot read directory '" + root.string() + "': " + ec.message());
    return sources;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      warn("cannot read '" + it->path().string() + "': " + ec.message() + "; skipped");
      ec.clear();
      continue;
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    std::error_code status_ec;
    if (!name.empty() && name[0] == '.') {
      if (entry.is_directory(status_ec)) it.disable_recursion_pending();
      continue;
    }
    // Every file is listed: the readers decide which they read, and the rest are reported.
    if (!entry.is_regular_file(status_ec)) continue;
    SourceFile source;
    source.absolute = entry.path();
    source.path = entry.path().lexically_relative(root).generic_string();
    source.size = entry.file_size(status_ec);
    const auto mtime = entry.last_write_time(status_ec);
    if (status_ec) {
      warn("cannot read '" + source.path + "': " + status_ec.message() + "; skipped");
      continue;
    }
    source.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::file_clock::to_sys(mtime).time_since_epoch())
                          .count();
    sources.push_back(std::move(source));
  }
  std::sort(sources.begin(), sources.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return sources;
}

}  // namespace cite::indexer
