#include "store/record.hpp"

#include <nlohmann/json.hpp>

#include "cite/error.hpp"

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
  // Present only when they say something, so other documents' JSON is unchanged.
  if (c.page > 0) j["page"] = c.page;
  if (c.transcoded) j["transcoded"] = true;
}

}  // namespace cite

namespace cite::store {

std::string encode_citation(const Citation& c) { return nlohmann::ordered_json(c).dump(); }

Citation decode_citation(std::string_view data) {
  try {
    const nlohmann::json j = nlohmann::json::parse(data);
    Citation c;
    c.path = j.at("path").get<std::string>();
    c.paragraph = j.at("paragraph").get<int>();
    c.section = j.at("section").get<std::string>();
    c.is_heading = j.at("kind").get<std::string>() == "heading";
    c.line_start = j.at("line_start").get<int>();
    c.line_end = j.at("line_end").get<int>();
    c.byte_start = j.at("byte_start").get<std::size_t>();
    c.byte_end = j.at("byte_end").get<std::size_t>();
    c.text = j.at("text").get<std::string>();
    c.page = j.value("page", 0);
    c.transcoded = j.value("transcoded", false);
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kIndexCorrupt,
                std::string("a passage in the index has unreadable data (") + e.what() +
                    "): rebuild the index with `cite index --rebuild`");
  }
}

std::string encode_file_record(const FileRecord& r) {
  return nlohmann::json{
      {"path", r.path}, {"size", r.size}, {"mtime_ns", r.mtime_ns}, {"passages", r.passages}}
      .dump();
}

FileRecord decode_file_record(std::string_view data) {
  FileRecord r;
  const nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return r;  // an unreadable record only costs a re-read of the file
  r.path = j.value("path", std::string());
  r.size = j.value("size", std::uint64_t{0});
  r.mtime_ns = j.value("mtime_ns", std::int64_t{0});
  r.passages = j.value("passages", 0);
  return r;
}

}  // namespace cite::store
