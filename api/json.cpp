#include "cite/json.hpp"

#include <nlohmann/json.hpp>

#include "store/record.hpp"

namespace cite {

// nlohmann's to_json hooks, found by argument-dependent lookup (Citation's is in
// store/record.hpp); ordered_json keeps the fields in the documented order.
void to_json(nlohmann::ordered_json& j, const Hit& hit);
void to_json(nlohmann::ordered_json& j, const Evidence& e);

namespace {

// Everything cite indexes is valid UTF-8, but a corpus root whose path is not (an index written
// before cite refused such roots) must not make the output throw: its bad bytes become U+FFFD.
std::string dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

void to_json(nlohmann::ordered_json& j, const Hit& hit) {
  j = nlohmann::ordered_json{{"rank", hit.rank}, {"score", hit.score}};
  j.update(nlohmann::ordered_json(hit.citation));
  if (!hit.citation.root.empty()) j["root"] = hit.citation.root;  // another index's passage
  nlohmann::ordered_json highlights = nlohmann::ordered_json::array();
  for (const ByteRange& range : hit.highlights) highlights.push_back({range.first, range.second});
  j["highlights"] = std::move(highlights);
}

void to_json(nlohmann::ordered_json& j, const Evidence& e) {
  j = nlohmann::ordered_json(e.hit);
  j["sentence"] = {{"byte_start", e.sentence.byte_start},
                   {"byte_end", e.sentence.byte_end},
                   {"text", e.sentence.text}};
  j["matched"] = e.matched;
  j["missing"] = e.missing;
  nlohmann::ordered_json numbers = nlohmann::ordered_json::array();
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
  };
  for (const NumberCheck& n : e.numbers) {
    numbers.push_back({{"claim", n.claim},
                       {"source", or_null(n.source)},
                       {"relation", to_string(n.relation)},
                       {"tolerance", or_null(n.tolerance)}});
  }
  j["numbers"] = std::move(numbers);
  j["coverage"] = e.coverage;
  nlohmann::ordered_json alignment = nlohmann::ordered_json::array();
  for (const WordMatch& m : e.alignment) {
    nlohmann::ordered_json word = {{"claim", m.claim},
                                   {"source", or_null(m.source)},
                                   {"how", or_null(m.how)},
                                   {"name", m.name},
                                   {"in_sentence", m.in_sentence}};
    if (!m.source.empty()) {
      word["byte_start"] = m.byte_start;
      word["byte_end"] = m.byte_end;
    }
    alignment.push_back(std::move(word));
  }
  j["alignment"] = std::move(alignment);
  nlohmann::ordered_json conflicts = nlohmann::ordered_json::array();
  for (const Disagreement& d : e.conflicts) {
    conflicts.push_back({{"kind", d.kind},
                         {"claim", d.claim},
                         {"source", d.source},
                         {"byte_start", d.byte_start},
                         {"byte_end", d.byte_end}});
  }
  j["conflicts"] = std::move(conflicts);
}

std::string to_json(const SearchResult& result) {
  return dump(nlohmann::ordered_json{
      {"format_version", kJsonFormatVersion},
      {"query", result.query},
      {"root", result.root},
      {"total", result.total},
      {"hits", result.hits},
  });
}

std::string to_json(const CheckResult& result) {
  return dump(nlohmann::ordered_json{
      {"format_version", kJsonFormatVersion},
      {"claim", result.claim},
      {"verdict", to_string(result.verdict)},
      {"evidence", result.evidence},
  });
}

std::string to_json(const UpdateReport& report) {
  return dump(nlohmann::ordered_json{
      {"format_version", kJsonFormatVersion},
      {"files_added", report.files_added},
      {"files_updated", report.files_updated},
      {"files_unchanged", report.files_unchanged},
      {"files_removed", report.files_removed},
      {"files_skipped", report.files_skipped},
      {"files_skipped_by_type", report.files_skipped_by_type},
      {"files_transcoded", report.files_transcoded},
      {"passages_written", report.passages_written},
      {"passages_total", report.passages_total},
      {"directories_unreadable", report.directories_unreadable},
      {"warnings", report.warnings},
  });
}

std::string passage_to_json(const std::string& root, const Citation& citation) {
  return dump(nlohmann::ordered_json{{"format_version", kJsonFormatVersion},
                                     {"root", citation.root.empty() ? root : citation.root},
                                     {"passage", citation}});
}

}  // namespace cite
