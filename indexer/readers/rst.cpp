// reStructuredText: plain text whose section titles are marked by an underline (and optionally
// an overline) of one punctuation character. The titles become headings and sections; the text
// between them is cut by the plain-text reader, whose own heading guesses are not needed here.
#include <algorithm>
#include <array>
#include <string>

#include "indexer/readers/reader.hpp"
#include "indexer/readers/spans.hpp"
#include "text/utf8.hpp"

namespace cite::indexer::readers {
namespace {

struct RawLine {
  std::size_t begin = 0;  // of the line
  std::size_t end = 0;    // before its '\n'
  std::string_view text;  // trimmed
};

std::vector<RawLine> split(std::string_view file) {
  std::vector<RawLine> lines;
  for (std::size_t begin = 0; begin < file.size();) {
    std::size_t end = file.find('\n', begin);
    if (end == std::string_view::npos) end = file.size();
    lines.push_back(RawLine{begin, end, text::trim(file.substr(begin, end - begin))});
    begin = end + 1;
  }
  return lines;
}

// `=====`, `-----`, `~~~~`: one adornment character repeated, at the line start.
bool is_adornment(const RawLine& line, std::string_view file) {
  static constexpr std::string_view kAdornments = "=-`:'\"~^_*+#<>.";
  const std::string_view s = line.text;
  if (s.size() < 3 || kAdornments.find(s[0]) == std::string_view::npos) return false;
  if (file[line.begin] != s[0]) return false;  // indented: a quoted block, not a title
  return s.find_first_not_of(s[0]) == std::string_view::npos;
}

// Comments, targets and directives that hold no prose (`.. image::`, `.. meta::`, `.. _label:`,
// `.. |name| replace::`) are markup, not passages. Admonitions and code keep their text.
bool is_markup_block(std::string_view passage) {
  if (passage.substr(0, 3) != ".. ") return false;
  const std::string_view rest = passage.substr(3);
  const std::size_t colons = rest.find("::");
  if (colons == std::string_view::npos) return true;
  static constexpr std::array<std::string_view, 17> kWithText = {
      "note",       "warning", "tip",    "important",    "attention",
      "caution",    "danger",  "error",  "hint",         "admonition",
      "topic",      "sidebar", "rubric", "versionadded", "versionchanged",
      "deprecated", "seealso"};
  return std::find(kWithText.begin(), kWithText.end(), rest.substr(0, colons)) == kWithText.end();
}

// `:orphan:`, `:tocdepth: 2`: a document's metadata field on its own, not prose.
bool is_bare_field(std::string_view passage) {
  if (passage.size() < 3 || passage[0] != ':' || passage.find('\n') != std::string_view::npos) {
    return false;
  }
  const std::size_t close = passage.find(':', 1);
  return close != std::string_view::npos && close > 1 &&
         passage.substr(1, close - 1).find(' ') == std::string_view::npos &&
         text::trim(passage.substr(close + 1)).find(' ') == std::string_view::npos;
}

// `.. code-block:: sh`, `.. code:: python`: a directive whose body is code.
bool is_code_directive(std::string_view line) {
  return line.starts_with(".. code-block::") || line.starts_with(".. code::") ||
         line.starts_with(".. sourcecode::");
}

}  // namespace

Reading read_restructured_text(std::string_view utf8) {
  const std::vector<RawLine> lines = split(utf8);
  const LineIndex line_index(utf8);
  Reading reading;
  std::string section;
  std::size_t region_begin = 0;
  const auto cut_region = [&](std::size_t end) {
    const std::string_view region = utf8.substr(region_begin, end - region_begin);
    bool in_markup = false;  // the indented body of a skipped directive follows it
    for (const PassageSpan& span : cut_passages(region)) {
      const std::string_view passage =
          region.substr(span.byte_start, span.byte_end - span.byte_start);
      const std::size_t begin = region_begin + span.byte_start;
      const bool indented = begin > 0 && utf8[line_index.line_start(begin)] != utf8[begin];
      in_markup = is_markup_block(passage) || (in_markup && indented) || is_bare_field(passage);
      if (in_markup) continue;
      add_passage(reading.passages, utf8, line_index, region_begin + span.byte_start,
                  region_begin + span.byte_end, PassageKind::kParagraph, section, std::nullopt);
    }
  };
  const auto indent = [&](const RawLine& line) {
    return static_cast<std::size_t>(line.text.data() - (utf8.data() + line.begin));
  };
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    // A literal block (the indented lines after a paragraph ending with `::`) and a code
    // directive's body are one passage of code, blank lines and all; the body of a directive
    // without prose (`.. meta::`, `.. image::` and its options) is not indexed.
    const std::string_view text = lines[i].text;
    const bool markup = is_markup_block(text) && text.find("::") != std::string_view::npos &&
                        !is_code_directive(text);
    if (text.ends_with("::") || is_code_directive(text) || markup) {
      std::size_t j = i + 1;
      while (j < lines.size() && lines[j].text.empty()) ++j;
      if (j < lines.size() && indent(lines[j]) > indent(lines[i]) && (markup || j > i + 1)) {
        std::size_t last = j;
        for (std::size_t k = j; k < lines.size(); ++k) {
          if (lines[k].text.empty()) continue;
          if (indent(lines[k]) < indent(lines[j])) break;
          last = k;
        }
        cut_region(lines[i].end);
        if (!markup) {
          add_passage(reading.passages, utf8, line_index, lines[j].begin, lines[last].end,
                      PassageKind::kParagraph, section, std::nullopt);
        }
        region_begin = lines[last].end;
        i = last;
        continue;
      }
    }
    const RawLine& title = lines[i];
    const RawLine& under = lines[i + 1];
    if (title.text.empty() || is_adornment(title, utf8) || !is_adornment(under, utf8) ||
        under.text.size() < text::code_point_count(title.text)) {
      continue;
    }
    const bool after_blank = i == 0 || lines[i - 1].text.empty();
    const bool overlined =
        i > 0 && is_adornment(lines[i - 1], utf8) && lines[i - 1].text[0] == under.text[0];
    if (!after_blank && !overlined) continue;
    cut_region(overlined ? lines[i - 1].begin : title.begin);
    section = collapse_whitespace(title.text);
    add_passage(reading.passages, utf8, line_index, title.begin, title.end, PassageKind::kHeading,
                section, std::nullopt);
    region_begin = under.end;
    ++i;
  }
  cut_region(utf8.size());
  return reading;
}

}  // namespace cite::indexer::readers
