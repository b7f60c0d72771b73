#pragma once

#include <nlohmann/json.hpp>

#include "cite/check.hpp"
#include "cite/citation.hpp"

// The machine-readable output, documented in docs/json.md. Field names are a contract: add
// fields, never rename them.
namespace cite {

inline constexpr int kJsonFormatVersion = 1;

void to_json(nlohmann::ordered_json& j, const Citation& citation);
void to_json(nlohmann::ordered_json& j, const Hit& hit);
void to_json(nlohmann::ordered_json& j, const SearchResult& result);
void to_json(nlohmann::ordered_json& j, const Evidence& evidence);
void to_json(nlohmann::ordered_json& j, const CheckResult& result);

}  // namespace cite

namespace cite::app {

// `cite show --json`: {"format_version", "root", "passage": {...}}.
nlohmann::ordered_json passage_json(const std::string& root, const Citation& citation);

}  // namespace cite::app
