#include "indexer/passages.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "text/utf8.hpp"

namespace cite::indexer {
namespace {

struct Line {
  int number = 0;
  std::size_t text_begin = 0;  // trimmed content, [text_begin, text_end)
  std::size_t text_end = 0;
  bool leading_space = false;
  std::size_t width = 0;  // code points of the trimmed content
  std::string_view text;  // the trimmed content
};

template <typename Visit>
void for_each_code_point(std::string_view s, Visit visit) {
  const auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, length, c);
    if (c >= 0 && !visit(c)) return;
  }
}

UChar32 first_code_point(std::string_view s) {
  UChar32 first = -1;
  for_each_code_point(s, [&](UChar32 c) {
    first = c;
    return false;
  });
  return first;
}

bool has_alphanumeric(std::string_view s) {
  bool found = false;
  for_each_code_point(s, [&](UChar32 c) {
    found = u_isalnum(c) != 0;
    return !found;
  });
  return found;
}

bool is_markdown_heading(std::string_view s) {
  const std::size_t hashes = s.find_first_not_of('#');
  return hashes >= 1 && hashes <= 6 && hashes < s.size() && (s[hashes] == ' ' || s[hashes] == '\t');
}

// `EXECUTIVE SUMMARY`, `THE BACKDROP: AN INTENSIFIED DEMOGRAPHIC DECLINE`.
bool is_all_caps_heading(std::string_view s) {
  int letters = 0;
  bool lowercase = false;
  for_each_code_point(s, [&](UChar32 c) {
    if (u_isalpha(c)) ++letters;
    if (u_islower(c)) lowercase = true;
    return !lowercase;
  });
  return !lowercase && letters >= 4 && text::code_point_count(s) <= kMaxWrapWidth;
}

// A short title line standing alone between blank lines: `Needed but Not Desired`.
bool is_title_line(std::string_view s) {
  constexpr std::size_t kMaxTitleWidth = 80;
  if (text::code_point_count(s) > kMaxTitleWidth || !u_isupper(first_code_point(s))) return false;
  static constexpr std::u32string_view kNotTitleEnd = U".!?:;,\"'\u201D\u2019\u2026*)]";
  if (kNotTitleEnd.find(text::code_point_before(s, s.size())) != std::u32string_view::npos) {
    return false;
  }
  int words = 0;
  bool in_word = false;
  bool digit = false;
  for_each_code_point(s, [&](UChar32 c) {
    digit = digit || u_isdigit(c);
    const bool letter = u_isalpha(c) != 0;
    if (letter && !in_word) ++words;
    in_word = letter;
    return true;
  });
  return words >= 2 && !digit && s.find(". ") == std::string_view::npos;
}

bool is_bullet(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kBullets = {"\u2022", "\u25E6", "\u25AA",
                                                               "\u25CF", "\u2023", "\u2043"};
  for (std::string_view bullet : kBullets) {
    if (s.substr(0, bullet.size()) == bullet) return true;
  }
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return true;
  std::size_t digits = 0;
  while (digits < s.size() && digits < 4 && s[digits] >= '0' && s[digits] <= '9') ++digits;
  return digits >= 1 && digits <= 3 && digits + 1 < s.size() &&
         (s[digits] == '.' || s[digits] == ')') && s[digits + 1] == ' ';
}

// Whether a wrapped line ends a sentence: `...decline.14`, `...law.”50`, `...(2024)`.
bool ends_sentence(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && s[end - 1] >= '0' && s[end - 1] <= '9') --end;  // glued footnote number
  std::string_view rest = s.substr(0, end);
  static constexpr std::u32string_view kClosers = U"\"')]\u201D\u2019";
  static constexpr std::u32string_view kTerminals = U".!?:;)\u2026";
  while (!rest.empty()) {
    const char32_t c = text::code_point_before(rest, rest.size());
    if (kTerminals.find(c) != std::u32string_view::npos) return true;
    if (kClosers.find(c) == std::u32string_view::npos) return false;
    rest.remove_suffix(U8_LENGTH(static_cast<UChar32>(c)));
  }
  return false;
}

std::string section_name(std::string_view heading) {
  std::size_t begin = heading.find_first_not_of("#*_ \t");
  std::size_t end = heading.find_last_not_of("#*_ \t");
  if (begin == std::string_view::npos) return {};
  return std::string(text::trim(heading.substr(begin, end - begin + 1)));
}

std::vector<Line> split_lines(std::string_view file) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  int number = 0;
  while (begin < file.size()) {
    std::size_t end = file.find('\n', begin);
    if (end == std::string_view::npos) end = file.size();
    ++number;
    const std::string_view raw = file.substr(begin, end - begin);
    const std::string_view content = text::trim(raw);
    if (!content.empty()) {
      Line line;
      line.number = number;
      line.text_begin = begin + static_cast<std::size_t>(content.data() - raw.data());
      line.text_end = line.text_begin + content.size();
      line.leading_space = content.data() != raw.data() && text::whitespace_length(raw, 0) > 0 &&
                           raw.substr(0, 3) != "\xEF\xBB\xBF";
      line.width = text::code_point_count(content);
      line.text = content;
      lines.push_back(line);
    } else {
      Line blank;
      blank.number = number;
      lines.push_back(blank);
    }
    begin = end + 1;
  }
  return lines;
}

class Cutter {
 public:
  explicit Cutter(std::string_view file) : file_(file) {}

  std::vector<PassageSpan> cut() {
    const std::vector<Line> lines = split_lines(file_);
    std::size_t i = 0;
    while (i < lines.size()) {
      if (lines[i].text.empty()) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < lines.size() && !lines[j].text.empty()) ++j;
      cut_block(std::vector<Line>(lines.begin() + static_cast<long>(i),
                                  lines.begin() + static_cast<long>(j)));
      i = j;
    }
    close();
    return std::move(passages_);
  }

 private:
  void cut_block(const std::vector<Line>& block) {
    std::size_t max_width = 0;
    for (const Line& line : block) max_width = std::max(max_width, line.width);
    const bool one_paragraph_per_line = max_width > kMaxWrapWidth;
    bool previous_was_heading = false;
    for (std::size_t k = 0; k < block.size(); ++k) {
      const Line& line = block[k];
      const bool heading = is_markdown_heading(line.text) || is_all_caps_heading(line.text) ||
                           (block.size() == 1 && is_title_line(line.text));
      bool starts_paragraph = k == 0 || heading || previous_was_heading || one_paragraph_per_line ||
                              is_bullet(line.text);
      if (!starts_paragraph && line.leading_space) {
        // PDF text marks some paragraph starts only by an indent after a finished line.
        const Line& previous = block[k - 1];
        starts_paragraph = ends_sentence(previous.text) || previous.width * 10 < max_width * 7;
      }
      if (starts_paragraph) {
        close();
        open_ = true;
        current_ = PassageSpan{};
        current_.byte_start = line.text_begin;
        current_.line_start = line.number;
        current_.kind = heading ? PassageKind::kHeading : PassageKind::kParagraph;
        if (heading) section_ = section_name(line.text);
      }
      current_.byte_end = line.text_end;
      current_.line_end = line.number;
      previous_was_heading = heading;
    }
  }

  void close() {
    if (!open_) return;
    open_ = false;
    const std::string_view content =
        file_.substr(current_.byte_start, current_.byte_end - current_.byte_start);
    if (!has_alphanumeric(content)) return;  // rules like `---` or `* * *` are not passages
    current_.paragraph = static_cast<int>(passages_.size()) + 1;
    current_.section = section_;
    passages_.push_back(current_);
  }

  std::string_view file_;
  std::vector<PassageSpan> passages_;
  PassageSpan current_;
  bool open_ = false;
  std::string section_;
};

}  // namespace

std::vector<PassageSpan> cut_passages(std::string_view file) { return Cutter(file).cut(); }

std::string describe(std::string_view file, const std::vector<PassageSpan>& passages) {
  constexpr std::size_t kPreviewBytes = 40;
  std::string out;
  for (const PassageSpan& p : passages) {
    std::string_view preview =
        file.substr(p.byte_start, std::min(kPreviewBytes, p.byte_end - p.byte_start));
    out += "\u00B6" + std::to_string(p.paragraph) + " lines " + std::to_string(p.line_start) + '-' +
           std::to_string(p.line_end) +
           (p.kind == PassageKind::kHeading ? " heading" : " paragraph") + " [" + p.section +
           "]: " + std::string(preview) + '\n';
  }
  return out;
}

}  // namespace cite::indexer
