#pragma once

#include <chrono>
#include <ostream>

#include "cite/index.hpp"

// The progress line of `cite index` on a terminal: files, MB, MB/s and the time left, redrawn in
// place at most a few times a second, and erased before the summary is printed.
namespace cite::app {

class ProgressLine {
 public:
  // Draws on `out` only if `enabled` (stderr is a terminal and -q was not given).
  ProgressLine(std::ostream& out, bool enabled);
  ~ProgressLine();  // erases the line

  void update(const UpdateProgress& progress);
  void erase();

 private:
  std::ostream& out_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "1234/18852 files, 45.2/131.5 MB, 3.1 MB/s, 0:42 left" after `elapsed` seconds.
std::string describe_progress(const UpdateProgress& progress, double elapsed);

}  // namespace cite::app
