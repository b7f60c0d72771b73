#include "app/progress.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace cite::app {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(200);

}  // namespace

std::string describe_progress(const UpdateProgress& p, double elapsed) {
  const double mb_done = static_cast<double>(p.bytes_done) / 1e6;
  const double mb_total = static_cast<double>(p.bytes_total) / 1e6;
  char line[160];
  int n = std::snprintf(line, sizeof line, "%zu/%zu files, %.1f/%.1f MB", p.files_done,
                        p.files_total, mb_done, mb_total);
  // A rate is only shown once it means something: after some bytes and some time.
  if (elapsed >= 0.5 && p.bytes_done > 0) {
    const double rate = mb_done / elapsed;
    const long left = std::lround((mb_total - mb_done) / rate);
    n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n),
                       ", %.1f MB/s, %ld:%02ld left", rate, left / 60, left % 60);
  }
  return std::string(line, static_cast<std::size_t>(n));
}

ProgressLine::ProgressLine(std::ostream& out, bool enabled)
    : out_(out), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { erase(); }

void ProgressLine::update(const UpdateProgress& progress) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool last = progress.files_done == progress.files_total;
  if (drawn_ && !last && now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  // \r and "erase to the end of the line": the line is redrawn in place.
  out_ << "\rindexing: " << describe_progress(progress, elapsed) << "\x1b[K" << std::flush;
  drawn_ = true;
}

void ProgressLine::erase() {
  if (!drawn_) return;
  out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

}  // namespace cite::app
