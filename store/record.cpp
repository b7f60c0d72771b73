#include "store/record.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cite/error.hpp"
#include "store/hash.hpp"

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
namespace {

// The record: a version byte, then fields as in Protocol Buffers: a key varint (field number
// << 1 | 1 for bytes, 0 for an integer), then a varint, or a varint length and the bytes. A
// field at its default (0, "") is left out, and a reader skips fields it does not know, so a
// new field is one line in each of encode_citation and decode_citation (never reuse a number).
constexpr char kRecordVersion = 1;
enum Field : std::uint64_t {
  kPath = 1,
  kParagraph = 2,
  kSection = 3,
  kHeading = 4,
  kLineStart = 5,
  kLineCount = 6,  // line_end - line_start
  kByteStart = 7,
  kByteLength = 8,  // byte_end - byte_start
  kText = 9,        // only when the text is not the file's bytes
  kTextHash = 10,   // text_hash of the file's bytes, when kText is absent
  kPage = 11,
  kTranscoded = 12,
  kSectionBack = 13,  // instead of kSection: the record that many passages back holds it
  kFingerprints = 14,
  kAnalysed = 15,  // only when its words are not the text's
};

class RecordWriter {
 public:
  RecordWriter() { out_ += kRecordVersion; }
  void integer(Field field, std::uint64_t value) {
    if (value == 0) return;
    varint(field << 1);
    varint(value);
  }
  void bytes(Field field, std::string_view value) {
    if (value.empty()) return;
    varint(field << 1 | 1);
    varint(value.size());
    out_ += value;
  }
  std::string take() { return std::move(out_); }

 private:
  void varint(std::uint64_t value) {
    for (; value >= 0x80; value >>= 7) out_ += static_cast<char>(value | 0x80);
    out_ += static_cast<char>(value);
  }
  std::string out_;
};

[[noreturn]] void corrupt(const std::string& why) {
  throw Error(ErrorKind::kIndexCorrupt, "a passage in the index has unreadable data (" + why +
                                            "): rebuild the index with `cite index --rebuild`");
}

class RecordReader {
 public:
  explicit RecordReader(std::string_view data) : data_(data) {
    if (data_.empty() || data_[0] != kRecordVersion) corrupt("not a version 1 record");
    data_.remove_prefix(1);
  }
  // The next field's number and value (an integer, or bytes in `text`), or nullopt at the end.
  std::optional<std::uint64_t> next(std::uint64_t& value, std::string_view& text) {
    if (data_.empty()) return std::nullopt;
    const std::uint64_t key = varint();
    value = varint();
    if (key & 1) {
      if (value > data_.size()) corrupt("a field runs past the record's end");
      text = data_.substr(0, value);
      data_.remove_prefix(value);
    }
    return key >> 1;
  }

 private:
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (data_.empty()) corrupt("the record ends inside a number");
      const auto byte = static_cast<unsigned char>(data_.front());
      data_.remove_prefix(1);
      value |= std::uint64_t{byte & 0x7FU} << shift;
      if (byte < 0x80) return value;
    }
    corrupt("a number is too long");
  }
  std::string_view data_;
};

struct StoredPassage {
  Citation citation;
  bool has_text = false;
  std::uint32_t hash = 0;
  int section_back = 0;
  PassageWords words;
};

StoredPassage decode(std::string_view data) {
  StoredPassage stored;
  Citation& c = stored.citation;
  std::uint64_t value = 0;
  std::string_view text;
  RecordReader reader(data);
  while (const auto field = reader.next(value, text)) {
    switch (*field) {
      case kPath:
        c.path = text;
        break;
      case kParagraph:
        c.paragraph = static_cast<int>(value);
        break;
      case kSection:
        c.section = text;
        break;
      case kHeading:
        c.is_heading = value != 0;
        break;
      case kLineStart:
        c.line_start = static_cast<int>(value);
        break;
      case kLineCount:
        c.line_end = static_cast<int>(value);
        break;
      case kByteStart:
        c.byte_start = value;
        break;
      case kByteLength:
        c.byte_end = value;
        break;
      case kText:
        c.text = text, stored.has_text = true;
        break;
      case kTextHash:
        stored.hash = static_cast<std::uint32_t>(value);
        break;
      case kPage:
        c.page = static_cast<int>(value);
        break;
      case kTranscoded:
        c.transcoded = value != 0;
        break;
      case kSectionBack:
        stored.section_back = static_cast<int>(value);
        break;
      case kFingerprints:
        stored.words.fingerprints = text;
        break;
      case kAnalysed:
        stored.words.analysed = text;
        break;
      default:
        break;  // a field of a later cite
    }
  }
  c.line_end += c.line_start;
  c.byte_end += c.byte_start;
  if (c.paragraph < 1 || c.path.empty() != (c.paragraph > 1)) corrupt("no paragraph or path");
  if (stored.section_back >= c.paragraph) corrupt("a section before the file's first passage");
  return stored;
}

}  // namespace

std::uint32_t text_hash(std::string_view text) { return fnv1a_32(text); }

std::string encode_citation(const Citation& c, bool store_text, int section_back,
                            const PassageWords& words) {
  RecordWriter record;
  if (c.paragraph == 1) record.bytes(kPath, c.path);
  record.integer(kParagraph, static_cast<std::uint64_t>(c.paragraph));
  if (section_back > 0 && !c.section.empty()) {
    record.integer(kSectionBack, static_cast<std::uint64_t>(section_back));
  } else {
    record.bytes(kSection, c.section);
  }
  record.integer(kHeading, c.is_heading ? 1 : 0);
  record.integer(kLineStart, static_cast<std::uint64_t>(c.line_start));
  record.integer(kLineCount, static_cast<std::uint64_t>(c.line_end - c.line_start));
  record.integer(kByteStart, c.byte_start);
  record.integer(kByteLength, c.byte_end - c.byte_start);
  record.integer(kPage, static_cast<std::uint64_t>(c.page));
  record.integer(kTranscoded, c.transcoded ? 1 : 0);
  if (store_text) {
    record.bytes(kText, c.text);
  } else {
    record.integer(kTextHash, text_hash(c.text));
  }
  record.bytes(kFingerprints, words.fingerprints);
  record.bytes(kAnalysed, words.analysed);
  return record.take();
}

Citation decode_citation(std::string_view data) { return decode(data).citation; }

int section_back(std::string_view data) { return decode(data).section_back; }

PassageWords decode_words(std::string_view data) { return decode(data).words; }

Citation load_citation(std::string_view data, const std::string& path, const std::string& root) {
  StoredPassage stored = decode(data);
  Citation& c = stored.citation;
  c.path = path;
  if (stored.has_text) return std::move(c);
  const std::filesystem::path file = std::filesystem::path(root) / c.path;
  const std::size_t length = c.byte_end - c.byte_start;
  std::ifstream in(file, std::ios::binary);
  c.text.resize(length);
  if (!in || !in.seekg(static_cast<std::streamoff>(c.byte_start)) ||
      !in.read(c.text.data(), static_cast<std::streamsize>(length))) {
    throw Error(ErrorKind::kIo, "cannot read paragraph " + std::to_string(c.paragraph) + " of '" +
                                    file.string() +
                                    "' (the file was moved, deleted or shortened since it was "
                                    "indexed): update the index with `cite index`");
  }
  if (text_hash(c.text) != stored.hash) {
    throw Error(ErrorKind::kIo, "'" + file.string() +
                                    "' changed since it was indexed: update the index with "
                                    "`cite index` before citing it");
  }
  return std::move(c);
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
