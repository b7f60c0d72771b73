#include "cite/check.hpp"
#include "cite/error.hpp"

namespace cite {

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(message), kind_(kind) {}

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid argument";
    case ErrorKind::kIndexMissing:
      return "index missing";
    case ErrorKind::kIndexVersion:
      return "index version mismatch";
    case ErrorKind::kIndexCorrupt:
      return "index corrupt";
    case ErrorKind::kIndexLocked:
      return "index locked";
    case ErrorKind::kIo:
      return "I/O error";
  }
  return "error";
}

const char* to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::kSupported:
      return "supported";
    case Verdict::kConflicting:
      return "conflicting";
    case Verdict::kPartial:
      return "partial";
    case Verdict::kNotFound:
      return "not_found";
  }
  return "not_found";
}

const char* to_string(NumberRelation relation) noexcept {
  switch (relation) {
    case NumberRelation::kSame:
      return "same";
    case NumberRelation::kConflict:
      return "conflict";
    case NumberRelation::kAbsent:
      return "absent";
  }
  return "absent";
}

}  // namespace cite
