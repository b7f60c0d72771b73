#include "app/json_output.hpp"

namespace cite {

void to_json(nlohmann::ordered_json& j, const Citation& c) {
  j = nlohmann::ordered_json{
      {"path", c.path},
      {"paragraph", c.paragraph},
      {"section", c.section},
      {"kind", c.is_heading ? "heading" : "paragraph"},
      {"line_start", c.line_start},
      {"line_end", c.line_end},
      {"byte_start", c.byte_start},
      {"byte_end", c.byte_end},
      {"text", c.text},
  };
}

void to_json(nlohmann::ordered_json& j, const Hit& hit) {
  j = nlohmann::ordered_json{{"rank", hit.rank}, {"score", hit.score}};
  j.update(nlohmann::ordered_json(hit.citation));
  nlohmann::ordered_json highlights = nlohmann::ordered_json::array();
  for (const ByteRange& range : hit.highlights) highlights.push_back({range.first, range.second});
  j["highlights"] = std::move(highlights);
}

void to_json(nlohmann::ordered_json& j, const SearchResult& result) {
  j = nlohmann::ordered_json{
      {"format_version", kJsonFormatVersion},
      {"query", result.query},
      {"root", result.root},
      {"total", result.total},
      {"hits", result.hits},
  };
}

void to_json(nlohmann::ordered_json& j, const Evidence& e) {
  j = nlohmann::ordered_json(e.hit);
  j["sentence"] = {{"byte_start", e.sentence.byte_start},
                   {"byte_end", e.sentence.byte_end},
                   {"text", e.sentence.text}};
  j["matched"] = e.matched;
  j["missing"] = e.missing;
  nlohmann::ordered_json numbers = nlohmann::ordered_json::array();
  for (const NumberCheck& n : e.numbers) {
    numbers.push_back(
        {{"claim", n.claim},
         {"source", n.source.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(n.source)},
         {"relation", to_string(n.relation)}});
  }
  j["numbers"] = std::move(numbers);
}

void to_json(nlohmann::ordered_json& j, const CheckResult& result) {
  j = nlohmann::ordered_json{
      {"format_version", kJsonFormatVersion},
      {"claim", result.claim},
      {"verdict", to_string(result.verdict)},
      {"evidence", result.evidence},
  };
}

}  // namespace cite

namespace cite::app {

nlohmann::ordered_json passage_json(const std::string& root, const Citation& citation) {
  return nlohmann::ordered_json{
      {"format_version", kJsonFormatVersion}, {"root", root}, {"passage", citation}};
}

}  // namespace cite::app
