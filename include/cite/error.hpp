#pragma once

#include <stdexcept>
#include <string>

#include "cite/export.hpp"

namespace cite {

enum class ErrorKind {
  kInvalidArgument,  // a bad option, path or citation given by the caller
  kIndexMissing,     // no index where one was expected
  kIndexVersion,     // built by an incompatible cite: reindex with --rebuild
  kIndexCorrupt,     // the database cannot be read
  kIndexLocked,      // another process is writing the index
  kIo,               // a file or directory could not be read or written
};

// The one exception type every cite function throws. `what()` is a complete sentence naming
// the file, query or option concerned and what to do about it; library code never prints,
// exits or aborts.
class CITE_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message);
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// "invalid argument", "index missing", ...
CITE_EXPORT const char* to_string(ErrorKind kind) noexcept;

}  // namespace cite
