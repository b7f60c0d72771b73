#include "indexer/corpus.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

#include "text/utf8.hpp"

namespace cite::indexer {
namespace fs = std::filesystem;
namespace {

// The length of the valid UTF-8 sequence at `pos`, or 0 if the byte there does not start one.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos) {
  for (std::size_t length = 1; length <= 4 && pos + length <= bytes.size(); ++length) {
    if (text::is_valid_utf8(bytes.substr(pos, length))) return length;
  }
  return 0;
}

bool is_inside(const fs::path& root, const fs::path& path) {
  const auto [in_root, in_path] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return in_root == root.end();
}

class Walker {
 public:
  Walker(const fs::path& root, const WalkOptions& options,
         const std::function<void(const std::string&)>& warn)
      : root_(root), options_(options), warn_(warn) {}

  Walk run() {
    // An explicit stack, not recursive_directory_iterator: a directory is listed to the end and
    // closed before the next one is opened, so a deep tree never runs out of file descriptors,
    // and a directory that fails is known by name.
    std::vector<std::pair<fs::path, std::string>> pending{{root_, ""}};
    while (!pending.empty()) {
      auto [dir, relative] = std::move(pending.back());
      pending.pop_back();
      list_directory(dir, relative, pending);
    }
    std::sort(walk_.sources.begin(), walk_.sources.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    return std::move(walk_);
  }

 private:
  void list_directory(const fs::path& dir, const std::string& relative,
                      std::vector<std::pair<fs::path, std::string>>& pending) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      visit(*it, relative.empty() ? "" : relative + "/", pending);
    }
    if (ec) {
      const std::string name = relative.empty() ? dir.string() : relative;
      warn_("cannot read directory '" + printable_name(name) + "': " + ec.message() +
            "; the files indexed under it are kept as they were");
      walk_.unread.insert(relative);
      ++walk_.directories_unreadable;
    }
  }

  void visit(const fs::directory_entry& entry, const std::string& parent,
             std::vector<std::pair<fs::path, std::string>>& pending) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') return;
    std::error_code ec;
    const fs::file_status link_status = entry.symlink_status(ec);
    const bool directory = fs::is_directory(link_status);
    if (!text::is_valid_utf8(name)) {
      warn_(std::string("skipped ") + (directory ? "directory" : "file") + " '" +
            printable_name(parent + name) + "': its name is not valid UTF-8 (rename it)");
      if (!directory) ++walk_.files_skipped;
      return;
    }
    if (directory) {
      pending.emplace_back(entry.path(), parent + name);
      return;
    }
    SourceFile source;
    source.path = parent + name;
    source.absolute = entry.path();
    if (fs::is_symlink(link_status) && !follow(source)) return;
    if (!entry.is_regular_file(ec)) return;  // a directory symlink, a device, a dangling link
    source.size = entry.file_size(ec);
    const auto mtime = entry.last_write_time(ec);
    if (ec) {
      warn_("cannot read '" + source.path + "': " + ec.message() + "; skipped");
      walk_.unread.insert(source.path);
      ++walk_.files_skipped;
      return;
    }
    source.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::file_clock::to_sys(mtime).time_since_epoch())
                          .count();
    walk_.sources.push_back(std::move(source));
  }

  // A file symlink is followed when its target is inside the root, or when asked.
  bool follow(const SourceFile& link) {
    if (options_.follow_links) return true;
    std::error_code ec;
    const fs::path target = fs::canonical(link.absolute, ec);
    if (ec || is_inside(root_, target)) return true;  // a dangling link is dropped later
    warn_("skipped '" + link.path + "': it is a link to '" + printable_name(target.string()) +
          "', outside the corpus (pass --follow-links to index it)");
    ++walk_.files_skipped;
    return false;
  }

  const fs::path& root_;
  const WalkOptions& options_;
  const std::function<void(const std::string&)>& warn_;
  Walk walk_;
};

}  // namespace

bool Walk::saw_directory_of(const std::string& path) const {
  if (unread.count("") != 0 || unread.count(path) != 0) return false;
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (unread.count(path.substr(0, slash)) != 0) return false;
  }
  return true;
}

std::string printable_name(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string printable;
  for (std::size_t pos = 0; pos < bytes.size();) {
    if (const std::size_t length = utf8_sequence_length(bytes, pos)) {
      printable.append(bytes.substr(pos, length));
      pos += length;
    } else {
      const auto byte = static_cast<unsigned char>(bytes[pos++]);
      printable += {'\\', 'x', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return printable;
}

Walk list_sources(const fs::path& root, const WalkOptions& options,
                  const std::function<void(const std::string&)>& warn) {
  return Walker(root, options, warn).run();
}

}  // namespace cite::indexer
