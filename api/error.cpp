#include "cite/error.hpp"

namespace cite {

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(message), kind_(kind) {}

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid argument";
    case ErrorKind::kIndexMissing: return "index missing";
    case ErrorKind::kIndexVersion: return "index version mismatch";
    case ErrorKind::kIndexCorrupt: return "index corrupt";
    case ErrorKind::kIndexLocked: return "index locked";
    case ErrorKind::kIo: return "I/O error";
  }
  return "error";
}

}  // namespace cite
