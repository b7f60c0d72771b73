#include "indexer/corpus.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

namespace cite::indexer {
namespace fs = std::filesystem;

bool is_source_name(const fs::path& name) {
  static constexpr std::array<std::string_view, 4> kExtensions = {".txt", ".text", ".md",
                                                                  ".markdown"};
  std::string extension = name.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

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
    if (!entry.is_regular_file(status_ec) || !is_source_name(entry.path())) continue;
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
