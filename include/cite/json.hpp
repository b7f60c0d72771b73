#pragma once

#include <string>

#include "cite/check.hpp"
#include "cite/citation.hpp"
#include "cite/export.hpp"
#include "cite/index.hpp"

// The documented JSON of every result (docs/json.md), as one line of UTF-8: what `--json` (the
// report: `cite index --json`), the C API and `cite serve` print. Field names are a contract:
// fields are added, never renamed, and `format_version` changes on any incompatible change.
namespace cite {

inline constexpr int kJsonFormatVersion = 1;

CITE_EXPORT std::string to_json(const SearchResult& result);
CITE_EXPORT std::string to_json(const CheckResult& result);
CITE_EXPORT std::string to_json(const UpdateReport& report);
// {"format_version", "root", "passage": {...}}, as `cite show --json` prints it.
CITE_EXPORT std::string passage_to_json(const std::string& root, const Citation& citation);

}  // namespace cite
