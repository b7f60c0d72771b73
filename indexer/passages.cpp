#include "indexer/passages.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "indexer/plaintext/lines.hpp"
#include "text/utf8.hpp"

namespace cite::indexer {
namespace {

using plaintext::Line;

// How far from a form feed a running header or footer sits, in non-blank lines.
constexpr std::size_t kPageEdgeLines = 3;
// Longer runs of capitals are prose set in capitals (a licence's warranty clause), not headings.
constexpr std::size_t kMaxCapsHeadingLines = 3;
constexpr std::size_t kMaxHeadingWidth = 72;
// A definition's term: `--block-size=SIZE`, `LS_COLORS`, `Exit status:`.
constexpr std::size_t kMaxTermWidth = 32;

std::string section_name(std::string_view heading) {
  std::size_t begin = heading.find_first_not_of("#*_ \t");
  std::size_t end = heading.find_last_not_of("#*_ \t");
  if (begin == std::string_view::npos) return {};
  return std::string(text::trim(heading.substr(begin, end - begin + 1)));
}

// A running header or footer compared across pages: page numbers and dates change, the words
// do not.
std::string furniture_key(std::string_view s) {
  std::string key;
  for (char c : s) {
    if (c >= '0' && c <= '9') c = '#';
    if ((c == ' ' || c == '\t') && (key.empty() || key.back() == ' ')) continue;
    key += c == '\t' ? ' ' : c;
  }
  return key;
}

// Lines of paginated text that belong to the page and not to the text: running headers and
// footers (the same words near every page break) and page numbers. Pages are told by form
// feeds, or, in text paginated with blank lines (`groff -rcR=0`), by a line repeated at a fixed
// interval.
std::vector<bool> find_furniture(const std::vector<Line>& lines) {
  std::vector<bool> furniture(lines.size(), false);
  std::vector<std::size_t> breaks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].page_break) breaks.push_back(i);
  }
  std::unordered_map<std::string, std::vector<std::size_t>> seen;
  if (!breaks.empty()) {
    std::vector<std::size_t> edge;  // content lines near a break, each counted once
    for (std::size_t b : breaks) {
      std::size_t found = 0;
      for (std::size_t i = b; i-- > 0 && found < kPageEdgeLines;) {
        if (!lines[i].blank()) edge.push_back(i), ++found;
      }
      found = 0;
      for (std::size_t i = b; i < lines.size() && found < kPageEdgeLines; ++i) {
        if (!lines[i].blank()) edge.push_back(i), ++found;
      }
    }
    std::sort(edge.begin(), edge.end());
    edge.erase(std::unique(edge.begin(), edge.end()), edge.end());
    for (std::size_t i : edge) {
      if (plaintext::is_page_number(lines[i].text)) furniture[i] = true;
      if (lines[i].width <= kMaxWrapWidth) seen[furniture_key(lines[i].text)].push_back(i);
    }
    const std::size_t enough = breaks.size() < 6 ? 2 : 3;
    for (const auto& [key, at] : seen) {
      if (at.size() < enough) continue;
      for (std::size_t i : at) furniture[i] = true;
    }
    return furniture;
  }
  // No form feeds: a line standing between blank lines, repeated at one interval of at least a
  // short page, is a running header or footer; page numbers near it go with it.
  constexpr std::size_t kMinPageLines = 20;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool alone = !lines[i].blank() && (i == 0 || lines[i - 1].blank()) &&
                       (i + 1 == lines.size() || lines[i + 1].blank());
    if (alone && lines[i].width <= kMaxWrapWidth) seen[furniture_key(lines[i].text)].push_back(i);
  }
  for (const auto& [key, at] : seen) {
    if (at.size() < 3) continue;
    const std::size_t interval = at[1] - at[0];
    bool regular = interval >= kMinPageLines;
    for (std::size_t k = 2; regular && k < at.size(); ++k) {
      const std::size_t gap = at[k] - at[k - 1];
      regular = gap + 1 >= interval && gap <= interval + 1;
    }
    if (!regular) continue;
    for (std::size_t i : at) {
      furniture[i] = true;
      const std::size_t from = i >= 2 * kPageEdgeLines ? i - 2 * kPageEdgeLines : 0;
      for (std::size_t j = from; j < std::min(lines.size(), i + 2 * kPageEdgeLines); ++j) {
        if (plaintext::is_page_number(lines[j].text)) furniture[j] = true;
      }
    }
  }
  return furniture;
}

// What a run of lines is when it must stay whole.
enum class Unit { kNone, kHeading, kCode, kTable };

class Cutter {
 public:
  explicit Cutter(std::string_view file) : file_(file) {}

  std::vector<PassageSpan> cut() {
    lines_ = plaintext::split_lines(file_);
    furniture_ = find_furniture(lines_);
    min_indent_ = SIZE_MAX;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (is_content(i)) min_indent_ = std::min(min_indent_, lines_[i].indent);
    }
    std::vector<const Line*> block;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (is_content(i)) {
        // A form feed ends a block even without a blank line, unless the paragraph runs on.
        if (lines_[i].page_break && !block.empty() && !runs_over_page(*block.back(), lines_[i])) {
          cut_block(block);
          block.clear();
        }
        block.push_back(&lines_[i]);
        continue;
      }
      if (block.empty()) continue;
      // A paragraph running over a page break goes on after the page's furniture.
      std::size_t next = i;
      bool page_break = false;
      while (next < lines_.size() && !is_content(next)) {
        page_break = page_break || lines_[next].page_break || furniture_[next];
        ++next;
      }
      page_break = page_break || (next < lines_.size() && lines_[next].page_break);
      if (page_break && next < lines_.size() && runs_over_page(*block.back(), lines_[next])) {
        i = next - 1;
        continue;
      }
      cut_block(block);
      block.clear();
    }
    if (!block.empty()) cut_block(block);
    close();
    return std::move(passages_);
  }

 private:
  bool is_content(std::size_t i) const { return !lines_[i].blank() && !furniture_[i]; }

  static bool runs_over_page(const Line& last, const Line& next) {
    const bool hyphen = last.text.back() == '-' ||
                        text::code_point_before(last.text, last.text.size()) == U'\u2010';
    return !plaintext::ends_sentence(last.text) &&
           (hyphen || plaintext::starts_lowercase(next.text));
  }

  // Whether `previous` stopped with room left for the first word of `line`. PDF text is set in
  // proportional type, so a tenth of the width is left as slack.
  static bool ended_early(const Line& previous, const Line& line, std::size_t wrap) {
    return previous.width + 1 + line.first_word + wrap / 10 <= wrap;
  }

  // The width a block was wrapped at: the widest of its wrapped lines (all but the last), with
  // lines too wide for hard wrapping left out, so that one long line does not change the rest.
  static std::size_t wrap_width(const std::vector<const Line*>& block) {
    std::size_t wrap = 0;
    for (std::size_t k = 0; k + 1 < block.size(); ++k) {
      if (block[k]->width <= kMaxWrapWidth) wrap = std::max(wrap, block[k]->width);
    }
    return wrap;
  }

  // Marks the lines that stay together whatever the line rules say: headings, code and tables.
  std::vector<std::pair<Unit, std::size_t>> find_units(const std::vector<const Line*>& block,
                                                       std::size_t wrap) const {
    const std::size_t n = block.size();
    std::vector<std::pair<Unit, std::size_t>> units(n, {Unit::kNone, 0});
    std::size_t id = 0;
    auto mark = [&](std::size_t from, std::size_t to, Unit unit) {
      ++id;
      for (std::size_t k = from; k < to; ++k) units[k] = {unit, id};
    };
    // Code: a run of code-like lines, or one command line after a prompt.
    for (std::size_t k = 0; k < n;) {
      std::size_t end = k;
      // A `#` comment between code lines is code too, and so is the line a `\` continues.
      while (end < n &&
             (code_like_[end] || (end > k && block[end - 1]->text.back() == '\\') ||
              (end > k && block[end]->text.front() == '#' && end + 1 < n && code_like_[end + 1]))) {
        ++end;
      }
      if (end - k >= 2 || (end - k == 1 && plaintext::is_prompt(block[k]->text))) {
        mark(k, end, Unit::kCode);
      }
      k = std::max(end, k + 1);
    }
    // Tables: three or more rows with gaps between columns.
    constexpr std::size_t kMinTableRows = 3;
    const auto row = [&](std::size_t i) {
      return units[i].first == Unit::kNone && plaintext::has_column_gap(block[i]->text);
    };
    for (std::size_t k = 0; k + kMinTableRows <= n;) {
      // Look at the last row a table from k would need first: most lines are prose, and one
      // look then skips three.
      if (!row(k + kMinTableRows - 1)) {
        k += kMinTableRows;
        continue;
      }
      if (!row(k)) {
        ++k;
        continue;
      }
      std::size_t end = k + 1;
      while (end < n && row(end)) ++end;
      if (end - k >= kMinTableRows) mark(k, end, Unit::kTable);
      k = end;
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (units[k].first != Unit::kNone) continue;
      const bool after_heading = k > 0 && units[k - 1].first == Unit::kHeading;
      const std::size_t length = heading_length(block, k, after_heading, wrap);
      if (length > 0) {
        mark(k, k + length, Unit::kHeading);
        k += length - 1;
      }
    }
    return units;
  }

  // How many lines from k form a heading a reader would see (0: none).
  std::size_t heading_length(const std::vector<const Line*>& block, std::size_t k,
                             bool after_heading, std::size_t wrap) const {
    const Line& line = *block[k];
    const Line* next = k + 1 < block.size() ? block[k + 1] : nullptr;
    const bool first = k == 0 || after_heading;
    // Markdown `# Title` opens its block; a `#` comment sits among code.
    if (plaintext::is_markdown_heading(line.text)) {
      // Not a comment of code or of a config file (`# Binary byte order` over its setting, or
      // over the next line of the comment).
      return first && (next == nullptr ||
                       (!code_like_[k + 1] && !plaintext::is_field_line(next->text) &&
                        next->text.substr(0, 2) != line.text.substr(0, 2)))
                 ? 1
                 : 0;
    }
    // Setext: a line over a rule of `=` or `-`; reStructuredText may put the rule above too.
    if (next != nullptr && plaintext::is_underline(next->text) &&
        !plaintext::is_underline(line.text) && !plaintext::is_bullet(line.text) &&
        line.width <= kMaxHeadingWidth &&
        (first || plaintext::ends_sentence(block[k - 1]->text) ||
         plaintext::is_underline(block[k - 1]->text))) {
      return 2;
    }
    // A rule over a title line (vim help's `====` before `*03.1* Word movement`).
    if (first && plaintext::is_underline(line.text) && next != nullptr &&
        !plaintext::is_underline(next->text) && next->width <= kMaxHeadingWidth &&
        !plaintext::ends_sentence(next->text)) {
      if (k + 2 == block.size()) return 2;
      if (plaintext::is_underline(block[k + 2]->text)) return 3;
    }
    // A man page's subsection title (`   Output stream selection`) over its options, or a
    // little less indented than its text; a term sits further out.
    constexpr std::size_t kMaxSubsectionStep = 4;
    if (next != nullptr && next->indent > line.indent && plaintext::is_title_line(line.text) &&
        (plaintext::is_option_term(next->text) || plaintext::is_bullet(next->text) ||
         (line.indent > min_indent_ && next->indent - line.indent <= kMaxSubsectionStep &&
          line.text.find(' ') != std::string_view::npos &&
          plaintext::starts_uppercase(next->text) && !plaintext::is_all_caps_line(line.text))) &&
        (first || plaintext::ends_sentence(block[k - 1]->text))) {
      return 1;
    }
    if (block.size() == 1 &&
        (plaintext::is_title_line(line.text) ||
         (line.indent == min_indent_ && plaintext::is_outline_heading(line.text)))) {
      return 1;
    }
    // `2.1.2 Build target`; `1. Overview` only where it cannot be a list's item: alone, or over
    // a subsection's number or a paragraph (a short line, then no item).
    const bool list_like = plaintext::is_numbered_heading(line.text, /*list_like=*/true);
    const bool numbered =
        plaintext::is_numbered_heading(line.text, /*list_like=*/false) ||
        (list_like &&
         (block.size() == 1 ||
          (next != nullptr && (plaintext::is_numbered_heading(next->text, /*list_like=*/false) ||
                               (!plaintext::is_bullet(next->text) && next->indent <= line.indent &&
                                ended_early(line, *next, wrap))))));
    if (numbered && (first || plaintext::ends_sentence(block[k - 1]->text)) &&
        (next == nullptr || !plaintext::starts_lowercase(next->text))) {
      return 1;
    }
    return caps_heading_length(block, k, after_heading);
  }

  // `EXECUTIVE SUMMARY`, `NAME`, `GNU LESSER GENERAL PUBLIC LICENSE` over its subtitle: short
  // capitals, alone or nearly; not caps prose, not a man page's `PIPESTATUS` term.
  std::size_t caps_heading_length(const std::vector<const Line*>& block, std::size_t k,
                                  bool after_heading) const {
    if (k > 0 && plaintext::is_all_caps_line(block[k - 1]->text)) return 0;
    std::size_t end = k;
    while (end < block.size() && plaintext::is_all_caps_line(block[end]->text)) ++end;
    // The last caps line may be the term of a definition (`PIPESTATUS` over its description).
    // A caps line over deeper lines is a section heading only flush left at the top of its
    // block (a man page's `NAME`).
    const auto is_term = [&](std::size_t i) {
      return i + 1 < block.size() && block[i + 1]->indent > block[i]->indent &&
             (block[i]->indent > min_indent_ || i > 0);
    };
    if (end > k && is_term(end - 1)) --end;
    const std::size_t length = end - k;
    if (length == 0 || length > kMaxCapsHeadingLines) return 0;
    for (std::size_t i = k; i < end; ++i) {
      // Two or three lines of capitals make a title only when centred (a licence's name over
      // its subtitle); flush left they are code (COBOL) or a clause in capitals.
      if (length > 1 && block[i]->indent <= min_indent_) return 0;
      const std::string_view s = block[i]->text;
      const char last = s.back();
      if (block[i]->width > kMaxHeadingWidth || last == '.' || last == ',' || last == ';' ||
          code_like_[i])
        return 0;
    }
    if (end < block.size() && block[end]->indent <= block[end - 1]->indent &&
        plaintext::starts_lowercase(block[end]->text)) {
      return 0;  // capitals running into a sentence
    }
    // Set off from its neighbours: not one word of a list of capitalised names (`KEPT` between
    // `JUST` and `KEY`).
    const auto set_off = [&](std::size_t i) {
      return !plaintext::has_alphanumeric(block[i]->text) ||
             plaintext::has_lowercase(block[i]->text);
    };
    if ((k > 0 && !after_heading && !set_off(k - 1)) ||
        (end < block.size() && !set_off(end) && block[end]->indent <= block[end - 1]->indent)) {
      return 0;
    }
    return length;
  }

  // Whether line k starts a passage, by the rules for lines outside units.
  bool starts_passage(const std::vector<const Line*>& block, std::size_t k,
                      std::size_t wrap) const {
    const Line& line = *block[k];
    const Line& previous = *block[k - 1];
    const Line& opening = *block[open_line_];
    const bool previous_ends = plaintext::ends_sentence(previous.text);
    // Hanging indent and definition lists: a term or marker line, then lines indented under it.
    if (open_line_ == k - 1 && line.indent > previous.indent &&
        (plaintext::is_option_term(previous.text) || plaintext::is_bullet(previous.text) ||
         (!previous_ends && (previous.width * 2 <= wrap || previous.width <= kMaxTermWidth)))) {
      return false;
    }
    // Each list item and option its own passage.
    if (plaintext::is_bullet(line.text)) return true;
    if (plaintext::is_option_term(line.text) &&
        (line.indent < previous.indent || previous_ends ||
         (open_line_ == k - 1 && line.indent == previous.indent))) {
      return true;
    }
    // A field of a `Field: value` stanza (Debian copyright and control files) and the indented
    // lines that continue a field stay with it.
    if (stanza_ && plaintext::is_field_line(opening.text) &&
        (plaintext::is_field_line(line.text) || line.indent > opening.indent)) {
      return false;
    }
    // A definition's term: a short line over lines indented under it, after a finished line or
    // the indented description of the term before. (PDF text's stray one-space indents do not
    // count.)
    constexpr std::size_t kMinDefinitionIndent = 2;
    if (k + 1 < block.size() && block[k + 1]->indent >= line.indent + kMinDefinitionIndent &&
        line.width <= kMaxTermWidth && !plaintext::ends_sentence(line.text) &&
        (previous_ends || previous.indent > line.indent)) {
      return true;
    }
    // Back out of a definition to the indent of its term.
    if (hanging_ && line.indent <= opening.indent) return true;
    // A sentence goes on, or a note in brackets (`[bug introduced in 9.0]`) closes it.
    if (plaintext::starts_lowercase(line.text) || line.text.front() == '[') return false;
    const bool early = ended_early(previous, line, wrap);
    // A first-line indent after a finished sentence or a short line.
    if (line.indent > previous.indent && (previous_ends || early)) return true;
    // Lines too wide for hard wrapping are paragraphs of their own (one paragraph per line).
    if ((previous.width > kMaxWrapWidth || line.width > kMaxWrapWidth) && previous_ends)
      return true;
    // A finished sentence on a line that had room for the next word ends its paragraph.
    return previous_ends && early && line.indent == previous.indent;
  }

  void cut_block(const std::vector<const Line*>& block) {
    const std::size_t wrap = wrap_width(block);
    code_like_.assign(block.size(), false);
    for (std::size_t k = 0; k < block.size(); ++k)
      code_like_[k] = plaintext::is_code_like(block[k]->text);
    std::size_t fields = 0;
    for (const Line* line : block) fields += plaintext::is_field_line(line->text);
    stanza_ = fields >= 2;
    const std::vector<std::pair<Unit, std::size_t>> units = find_units(block, wrap);
    for (std::size_t k = 0; k < block.size(); ++k) {
      const Line& line = *block[k];
      const Unit unit = units[k].first;
      bool start = k == 0;
      if (!start && unit != Unit::kNone) {
        start = units[k].second != units[k - 1].second;
      } else if (!start) {
        start = units[k - 1].first != Unit::kNone || starts_passage(block, k, wrap);
      }
      if (start) {
        close();
        open_ = true;
        open_line_ = k;
        hanging_ = false;
        current_ = PassageSpan{};
        current_.byte_start = line.text_begin;
        current_.line_start = line.number;
        current_.kind = unit == Unit::kHeading ? PassageKind::kHeading
                        : unit == Unit::kCode  ? PassageKind::kCode
                        : unit == Unit::kTable ? PassageKind::kTable
                        : plaintext::is_bullet(line.text) || plaintext::is_option_term(line.text)
                            ? PassageKind::kListItem
                            : PassageKind::kParagraph;
        if (unit == Unit::kHeading) section_.clear();
      } else if (k == open_line_ + 1 && line.indent > block[k - 1]->indent) {
        hanging_ = true;
      }
      if (unit == Unit::kHeading && !plaintext::is_underline(line.text)) {
        if (!section_.empty()) section_ += ' ';
        section_ += section_name(line.text);
      }
      current_.byte_end = line.text_end;
      current_.line_end = line.number;
    }
  }

  void close() {
    if (!open_) return;
    open_ = false;
    const std::string_view content =
        file_.substr(current_.byte_start, current_.byte_end - current_.byte_start);
    if (!plaintext::has_alphanumeric(content))
      return;  // rules like `---` or `* * *` are not passages
    current_.paragraph = static_cast<int>(passages_.size()) + 1;
    current_.section = section_;
    passages_.push_back(current_);
  }

  std::string_view file_;
  std::vector<Line> lines_;
  std::vector<bool> furniture_;
  std::size_t min_indent_ = 0;
  std::vector<PassageSpan> passages_;
  PassageSpan current_;
  bool open_ = false;
  std::size_t open_line_ = 0;  // the block line the open passage started on
  bool hanging_ = false;
  bool stanza_ = false;
  std::vector<bool> code_like_;  // of the block's lines, computed once  // the block holds two or
                                 // more `Field: value` lines       // the open passage's second
                                 // line is indented under its first
  std::string section_;
};

}  // namespace

std::vector<PassageSpan> cut_passages(std::string_view file) { return Cutter(file).cut(); }

std::string_view kind_name(PassageKind kind) {
  switch (kind) {
    case PassageKind::kHeading:
      return "heading";
    case PassageKind::kListItem:
      return "item";
    case PassageKind::kCode:
      return "code";
    case PassageKind::kTable:
      return "table";
    case PassageKind::kParagraph:
      break;
  }
  return "paragraph";
}

std::string describe(std::string_view file, const std::vector<PassageSpan>& passages) {
  constexpr std::size_t kPreviewBytes = 40;
  std::string out;
  for (const PassageSpan& p : passages) {
    std::string_view preview =
        file.substr(p.byte_start, std::min(kPreviewBytes, p.byte_end - p.byte_start));
    out += "\u00B6" + std::to_string(p.paragraph) + " lines " + std::to_string(p.line_start) + '-' +
           std::to_string(p.line_end) + ' ' + std::string(kind_name(p.kind)) + " [" + p.section +
           "]: " + std::string(preview) + '\n';
  }
  return out;
}

}  // namespace cite::indexer
