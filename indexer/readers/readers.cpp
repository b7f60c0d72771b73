#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "indexer/passage_limit.hpp"
#include "indexer/readers/encoding.hpp"
#include "indexer/readers/reader.hpp"

namespace cite::indexer::readers {
namespace {

struct Format {
  std::string_view name;
  ReadFunction read;
  bool text;  // given UTF-8 text (transcoded if need be), not raw bytes
};

// The one table that picks a reader.
constexpr std::array<Format, 5> kFormats = {{
    {"text", read_plain_text, true},
    {"markdown", read_markdown, true},
    {"rst", read_restructured_text, true},
    {"html", read_html, true},
    {"pdf", read_pdf, false},
}};

struct Extension {
  std::string_view extension;
  std::string_view format;
};

constexpr std::array<Extension, 11> kExtensions = {{
    {".txt", "text"},
    {".text", "text"},
    {".md", "markdown"},
    {".markdown", "markdown"},
    {".mdown", "markdown"},
    {".mkd", "markdown"},
    {".rst", "rst"},
    {".html", "html"},
    {".htm", "html"},
    {".xhtml", "html"},
    {".pdf", "pdf"},
}};

// Documentation files that are text whatever follows their name: `README.Debian`,
// `INSTALL.unix`, `NEWS.old`. Extensionless files are read as text when their content is.
constexpr std::array<std::string_view, 20> kDocumentNames = {
    "README",  "NEWS",    "COPYING", "CHANGELOG", "CHANGES",      "INSTALL", "AUTHORS",
    "LICENSE", "LICENCE", "THANKS",  "TODO",      "HACKING",      "NOTICE",  "BUGS",
    "FAQ",     "HISTORY", "CREDITS", "COPYRIGHT", "CONTRIBUTING", "USAGE"};

// Compressed and archived files are a type cite does not read even when their name says doc.
constexpr std::array<std::string_view, 8> kArchiveExtensions = {".gz",  ".bz2", ".xz",  ".zst",
                                                                ".zip", ".tar", ".tgz", ".lz"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

const Format& format_named(std::string_view name) {
  return *std::find_if(kFormats.begin(), kFormats.end(),
                       [&](const Format& f) { return f.name == name; });
}

// Control characters other than layout ones are rare in text and common in binary files. The
// start of a file tells, as it does for grep.
bool looks_binary(std::string_view utf8) {
  constexpr std::size_t kSniffBytes = 8192;
  utf8 = utf8.substr(0, kSniffBytes);
  std::size_t controls = 0;
  for (const char c : utf8) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != '\b' &&
        c != '\x1b') {
      ++controls;
    }
  }
  return controls * 100 > utf8.size();
}

}  // namespace

std::optional<std::string> format_by_name(std::string_view path) {
  const std::filesystem::path name = std::filesystem::path(path).filename();
  const std::string extension = lower(name.extension().string());
  for (const Extension& e : kExtensions) {
    if (e.extension == extension) return std::string(e.format);
  }
  if (std::find(kArchiveExtensions.begin(), kArchiveExtensions.end(), extension) !=
      kArchiveExtensions.end()) {
    return std::nullopt;
  }
  const std::string file = name.string();
  const std::string stem = upper(file.substr(0, file.find('.')));
  if (extension.empty() ||
      std::find(kDocumentNames.begin(), kDocumentNames.end(), stem) != kDocumentNames.end()) {
    return std::string();
  }
  return std::nullopt;
}

std::optional<std::string> unread_type(std::string_view path) {
  if (format_by_name(path)) return std::nullopt;
  return "is a type cite does not read (" + std::filesystem::path(path).extension().string() +
         "; cite reads text, Markdown, reStructuredText, HTML and PDF)";
}

// Bounds every reader's passages (passage_limit.hpp): a passage over the limit is split into
// pieces, each cited and analysed as its own bytes, since the reader's `words` describe the whole.
void limit_reading(std::string_view text, Reading& reading) {
  std::vector<PassageSpan> spans;
  spans.reserve(reading.passages.size());
  for (const Passage& passage : reading.passages) spans.push_back(passage.span);
  std::vector<Passage> limited;
  limited.reserve(spans.size());
  std::size_t source = 0;
  for (PassageSpan& piece : limit_passages(text, std::move(spans))) {
    while (reading.passages[source].span.byte_end < piece.byte_end) ++source;
    Passage passage = reading.passages[source];
    const bool whole = passage.span.byte_start == piece.byte_start &&
                       passage.span.byte_end == piece.byte_end;
    if (!whole) passage.words.reset();
    passage.span = std::move(piece);
    limited.push_back(std::move(passage));
  }
  reading.passages = std::move(limited);
}

ReadDocument read_document(std::string_view path, std::string_view contents,
                           const ReadOptions& options) {
  ReadDocument document;
  const std::optional<std::string> by_name = format_by_name(path);
  if (!by_name) {
    document.skipped = unread_type(path);
    document.skipped_by_type = true;
    return document;
  }
  const bool sniffed = by_name->empty();
  const Format& format = format_named(sniffed ? "text" : *by_name);
  document.format = format.name;
  if (!format.text) {
    Reading reading = format.read(contents);
    document.extracted = std::move(reading.extracted);
    limit_reading(document.extracted ? *document.extracted : contents, reading);
    document.skipped = std::move(reading.problem);
    const std::string_view text = document.extracted ? *document.extracted : contents;
    for (Passage& p : reading.passages) {
      document.passages.push_back(ReadPassage{
          p.span, std::string(text.substr(p.span.byte_start, p.span.byte_end - p.span.byte_start)),
          std::move(p.words), p.page});
    }
    return document;
  }
  Decoded decoded = decode_text(contents, options.encoding);
  const std::string_view utf8 = decoded.text(contents);
  if (!decoded.problem && looks_binary(utf8)) {
    decoded.problem = "looks binary (it has many control characters)";
  }
  if (decoded.problem) {
    document.skipped = sniffed ? "has no extension and " + *decoded.problem : *decoded.problem;
    document.skipped_by_type = sniffed;
    return document;
  }
  document.transcoded = decoded.transcoded;
  document.encoding = decoded.encoding;
  Reading reading = format.read(utf8);
  limit_reading(utf8, reading);
  for (Passage& p : reading.passages) {
    ReadPassage passage{
        p.span, std::string(utf8.substr(p.span.byte_start, p.span.byte_end - p.span.byte_start)),
        std::move(p.words), p.page};
    passage.span.byte_start = decoded.to_raw(p.span.byte_start);
    passage.span.byte_end = decoded.to_raw(p.span.byte_end);
    document.passages.push_back(std::move(passage));
  }
  document.skipped = std::move(reading.problem);
  return document;
}

Reading read_plain_text(std::string_view utf8) {
  Reading reading;
  for (const PassageSpan& span : cut_passages(utf8)) reading.passages.push_back(Passage{span, {}});
  return reading;
}

std::string describe(const ReadDocument& document) {
  constexpr std::size_t kPreviewBytes = 40;
  std::string out;
  for (const ReadPassage& p : document.passages) {
    std::size_t preview = std::min(kPreviewBytes, p.text.size());
    while (preview < p.text.size() &&
           (static_cast<unsigned char>(p.text[preview]) & 0xC0) == 0x80) {
      ++preview;  // not inside a character
    }
    std::string shown;
    for (const char c : p.text.substr(0, preview))
      shown += c == '\n' ? std::string("\u23CE") : std::string(1, c);
    out += "\u00B6" + std::to_string(p.span.paragraph) +
           (p.page > 0 ? " p" + std::to_string(p.page) : std::string()) + " lines " +
           std::to_string(p.span.line_start) + '-' + std::to_string(p.span.line_end) +
           (p.span.kind == PassageKind::kHeading ? " heading" : " paragraph") + " [" +
           p.span.section + "]: " + shown + '\n';
  }
  return out;
}

}  // namespace cite::indexer::readers
