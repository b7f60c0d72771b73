#include "indexer/plaintext/lines.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "text/utf8.hpp"

namespace cite::indexer::plaintext {
namespace {

template <typename Visit>
void for_each_code_point(std::string_view s, Visit visit) {
  const auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, length, c);
    if (c >= 0 && !visit(c)) return;
  }
}

template <typename Test>
bool any_code_point(std::string_view s, Test test) {
  bool found = false;
  for_each_code_point(s, [&](UChar32 c) {
    found = test(c);
    return !found;
  });
  return found;
}

UChar32 first_code_point(std::string_view s) {
  UChar32 first = -1;
  for_each_code_point(s, [&](UChar32 c) {
    first = c;
    return false;
  });
  return first;
}

// Code points of well-formed UTF-8, eight bytes at a time: every byte but the continuation
// bytes (10xxxxxx) starts one. Every line of every file is counted.
std::size_t count_code_points(std::string_view s) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t continuation = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, sizeof word);
    // One bit (the top one) per continuation byte; the multiply adds the eight bytes up.
    const std::uint64_t marks = (word & ~(word << 1) & kHighBits) >> 7;
    continuation += static_cast<std::size_t>((marks * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u;
  return s.size() - continuation;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view s, std::size_t from) {
  std::size_t n = 0;
  while (from + n < s.size() && is_digit(s[from + n])) ++n;
  return n;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

LineEnd next_line_end(std::string_view file, std::size_t begin) {
  // Two vectorised scans (memchr) rather than one byte loop: a lone `\r` is rare.
  std::size_t end = file.find('\n', begin);
  if (end == std::string_view::npos) end = file.size();
  const std::size_t cr = file.substr(0, end).find('\r', begin);
  if (cr != std::string_view::npos) end = cr;
  if (end == file.size()) return {file.size(), file.size()};
  const bool crlf = file[end] == '\r' && end + 1 < file.size() && file[end + 1] == '\n';
  return {end, end + (crlf ? 2 : 1)};
}

std::vector<Line> split_lines(std::string_view file) {
  std::vector<Line> lines;
  int number = 0;
  for (std::size_t begin = 0; begin < file.size();) {
    const LineEnd line_end = next_line_end(file, begin);
    Line line;
    line.number = ++number;
    const std::string_view raw = file.substr(begin, line_end.end - begin);
    std::string_view content = text::trim(raw);
    const std::size_t lead =
        content.empty() ? raw.size() : static_cast<std::size_t>(content.data() - raw.data());
    for (std::size_t i = 0; i < lead;) {
      if (raw[i] == '\f') {
        line.page_break = true;
        line.indent = 0;  // the page starts at the form feed
      } else if (raw[i] == '\t') {
        line.indent = (line.indent / 8 + 1) * 8;
      } else if (!starts_with(raw.substr(i), "\xEF\xBB\xBF")) {  // a byte order mark takes no room
        ++line.indent;
      }
      i += std::max<std::size_t>(1, text::whitespace_length(raw, i));
    }
    // ` .` is a blank line in Debian's copyright and control files.
    if (content == "." && lead > 0) content = {};
    if (!content.empty()) {
      line.text_begin = begin + lead;
      line.text_end = line.text_begin + content.size();
      line.text = content;
      line.width = count_code_points(content);
      std::size_t space = 0;
      while (space < content.size() && content[space] != ' ' && content[space] != '\t') ++space;
      line.first_word = count_code_points(content.substr(0, space));
    }
    lines.push_back(line);
    begin = line_end.next;
  }
  return lines;
}

bool is_bullet(std::string_view s) {
  static constexpr std::array<std::string_view, 8> kBullets = {
      "\u2022", "\u25E6", "\u25AA", "\u25CF", "\u2023", "\u2043", "\u00B7", "\u2013 "};
  if (!s.empty() && static_cast<unsigned char>(s[0]) >= 0x80) {  // all are past ASCII
    for (std::string_view bullet : kBullets) {
      if (starts_with(s, bullet)) return true;
    }
    return false;
  }
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+' || s[0] == 'o') && s[1] == ' ') {
    return true;
  }
  // `a.  `, `kkk. `: the lettered items of GNU NEWS files (one letter, or one letter repeated).
  std::size_t letters = 0;
  while (letters < 3 && letters < s.size() && s[letters] >= 'a' && s[letters] <= 'z' &&
         s[letters] == s[0]) {
    ++letters;
  }
  if (letters > 0 && letters + 1 < s.size() && s[letters] == '.' && s[letters + 1] == ' ') {
    return true;
  }
  // `1. `, `12) `, `(3) `, `(a) `, `a) `
  std::size_t pos = s.substr(0, 1) == "(" ? 1 : 0;
  std::size_t digits = count_digits(s, pos);
  if (digits == 0 && pos + 1 < s.size() && s[pos] >= 'a' && s[pos] <= 'z') digits = 1;
  if (digits == 0 || digits > 3) return false;
  pos += digits;
  if (pos + 1 >= s.size() || s[pos + 1] != ' ') return false;
  return s[pos] == ')' || (s[pos] == '.' && is_digit(s[0]));
}

bool is_option_term(std::string_view s) {
  // `-a, --all`, `--block-size=SIZE`, `-c     list entries by columns`: a dash, then a letter.
  if (s.size() < 2 || s[0] != '-') return false;
  const std::size_t name = s[1] == '-' ? 2 : 1;
  if (name >= s.size()) return false;
  const char c = s[name];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '?';
}

bool ends_sentence(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && is_digit(s[end - 1])) --end;  // glued footnote number
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

bool starts_lowercase(std::string_view s) { return u_islower(first_code_point(s)) != 0; }

bool has_lowercase(std::string_view s) {
  return any_code_point(s, [](UChar32 c) { return u_islower(c) != 0; });
}

bool starts_uppercase(std::string_view s) { return u_isupper(first_code_point(s)) != 0; }

bool has_alphanumeric(std::string_view s) {
  return any_code_point(s, [](UChar32 c) { return u_isalnum(c) != 0; });
}

bool is_markdown_heading(std::string_view s) {
  const std::size_t hashes = s.find_first_not_of('#');
  return hashes >= 1 && hashes <= 6 && hashes < s.size() && (s[hashes] == ' ' || s[hashes] == '\t');
}

bool is_underline(std::string_view s) {
  if (s.size() < 3 || (s[0] != '-' && s[0] != '=' && s[0] != '~' && s[0] != '*')) return false;
  return s.find_first_not_of(s[0]) == std::string_view::npos;
}

bool is_title_line(std::string_view s) {
  constexpr std::size_t kMaxTitleWidth = 80;
  if (!u_isupper(first_code_point(s))) return false;
  static constexpr std::u32string_view kNotTitleEnd = U".!?:;,\"'\u201D\u2019\u2026*)]";
  if (kNotTitleEnd.find(text::code_point_before(s, s.size())) != std::u32string_view::npos) {
    return false;
  }
  // Bytes bound code points: count them only for a line that might be too long.
  if (s.size() > kMaxTitleWidth && count_code_points(s) > kMaxTitleWidth) return false;
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

bool is_outline_heading(std::string_view s) {
  const std::size_t stars = s.find_first_not_of('*');
  if (stars == 0 || stars > 4 || stars == std::string_view::npos || s[stars] != ' ') return false;
  const std::string_view title = text::trim(s.substr(stars));
  return count_code_points(title) <= 72 && !title.empty() && !ends_sentence(title) &&
         !ends_with(title, ",") && u_isupper(first_code_point(title));
}

bool is_numbered_heading(std::string_view s, bool list_like) {
  constexpr std::size_t kMaxHeadingWidth = 70;
  // `A.4 Compiler dialect configuration options`: an appendix's lettered number.
  const bool lettered = s.size() > 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && is_digit(s[2]);
  std::size_t pos = lettered ? 1 : count_digits(s, 0);
  if (pos == 0 || pos > 2) return false;
  bool dotted = false;
  while (pos + 1 < s.size() && s[pos] == '.' && is_digit(s[pos + 1])) {
    dotted = true;
    pos += 1 + count_digits(s, pos + 1);
  }
  if ((dotted || list_like) && pos < s.size() && s[pos] == '.') ++pos;
  if (pos >= s.size() || s[pos] != ' ') return false;
  const std::string_view title = text::trim(s.substr(pos));
  return !title.empty() && (u_isupper(first_code_point(title)) || is_digit(title[0])) &&
         count_code_points(s) <= kMaxHeadingWidth && !ends_sentence(title) &&
         !ends_with(title, ",");
}

bool is_all_caps_line(std::string_view s) {
  int letters = 0;
  bool lowercase = false;
  for_each_code_point(s, [&](UChar32 c) {
    if (u_isalpha(c)) ++letters;
    if (u_islower(c)) lowercase = true;
    return !lowercase;
  });
  return !lowercase && letters >= 4 && u_isalpha(first_code_point(s));
}

bool is_field_line(std::string_view s) {
  constexpr std::size_t kMaxNameLength = 32;
  const std::size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > kMaxNameLength) return false;
  if (!u_isalpha(static_cast<unsigned char>(s[0]))) return false;
  const std::string_view name = s.substr(0, colon);
  return name.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
             std::string_view::npos &&
         (colon + 1 == s.size() || s[colon + 1] == ' ' || s[colon + 1] == '\t');
}

bool is_prompt(std::string_view s) { return starts_with(s, "$ "); }

bool is_code_like(std::string_view s) {
  if (s.empty()) return false;
  switch (s[0]) {
    case '$':
    case '%':
    case '>':
      if (starts_with(s, "$ ") || starts_with(s, "% ") || starts_with(s, "> ") ||
          starts_with(s, ">>> ")) {
        return true;
      }
      break;
    case '#':
      if (starts_with(s, "#include") || starts_with(s, "#define") || starts_with(s, "#!")) {
        return true;
      }
      break;
    case '/':
      if (starts_with(s, "//") || starts_with(s, "/*")) return true;
      break;
    case '-':
      if (is_option_term(s)) return false;  // `--color[=WHEN]`
      break;
    default:
      break;
  }
  if (s == "{" || s == "}" || s == "};") return true;
  const char before_last = s.size() >= 2 ? s[s.size() - 2] : '\0';
  if (s.back() == '{' && (before_last == ' ' || before_last == ')')) return true;  // ` {`, `){`
  if (s.back() == '\\' && before_last == ' ') return true;  // a shell or make line continued
  // `bin_PROGRAMS += grolbp`, `x = 1`: an assignment to a name.
  std::size_t name = 0;
  while (name < s.size() && (std::isalnum(static_cast<unsigned char>(s[name])) != 0 ||
                             s[name] == '_' || s[name] == '.')) {
    ++name;
  }
  const std::string_view rest = s.substr(name);
  if (name > 0 &&
      (starts_with(rest, " = ") || starts_with(rest, " += ") || starts_with(rest, " := "))) {
    return true;
  }
  // Code below needs `=`, `(`, `->` or `::`; most lines have none, and memchr says so fast.
  if (s.find('=') == std::string_view::npos && s.find('(') == std::string_view::npos &&
      s.find("->") == std::string_view::npos && s.find("::") == std::string_view::npos) {
    return false;
  }
  // One pass over the rest: the characters of code, until the `. ` or `, ` of prose says it is
  // not code.
  int symbols = 0;
  bool equals = false;
  bool pair = false;  // `()`, `->`, `::`
  bool paren = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (c) {
      case '.':
      case ',':
        if (next == ' ') return false;  // prose
        break;
      case '=':
        equals = true;
        ++symbols;
        break;
      case '(':
        paren = true;
        pair = pair || next == ')';
        ++symbols;
        break;
      case '-':
        pair = pair || next == '>';
        break;
      case ':':
        pair = pair || next == ':';
        break;
      case '{':
      case '}':
      case '[':
      case ']':
      case ';':
      case '<':
      case '>':
      case '&':
      case '|':
      case '\\':
      case '_':
      case '$':
      case '"':
      case '\'':
      case ')':
        ++symbols;
        break;
      default:
        break;
    }
  }
  if (paren && s.back() == ';') return true;
  return symbols * 6 >= static_cast<int>(s.size()) && s.size() >= 4 && (equals || pair);
}

bool is_page_number(std::string_view s) {
  constexpr std::size_t kMaxWidth = 16;
  if (s.size() > kMaxWidth) return false;
  std::string_view rest = s;
  auto trim_edges = [&](char c) {
    while (!rest.empty() && (rest.front() == c || rest.front() == ' ')) rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == c || rest.back() == ' ')) rest.remove_suffix(1);
  };
  trim_edges('-');
  trim_edges('[');
  trim_edges(']');
  if (starts_with(rest, "Page ") || starts_with(rest, "page ")) rest.remove_prefix(5);
  const std::size_t digits = count_digits(rest, 0);
  if (digits > 0) {
    if (digits > 4) return false;
    rest.remove_prefix(digits);
    if (starts_with(rest, " of ")) {
      rest.remove_prefix(4);
      rest.remove_prefix(count_digits(rest, 0));
    }
    return rest.empty();
  }
  return !rest.empty() && rest.size() <= 7 &&
         rest.find_first_not_of("ivxlc") == std::string_view::npos;
}

bool has_column_gap(std::string_view s) {
  // Three spaces or a tab: a tight loop over the bytes (this runs on most lines).
  std::size_t spaces = 0;
  for (const char c : s) {
    if (c == ' ') {
      if (++spaces == 3) return true;
      continue;
    }
    if (c == '\t') return true;
    spaces = 0;
  }
  // Dot leaders, `....` or `. . .`: only at the few dots of a line (memchr finds them).
  for (std::size_t i = s.find('.'); i != std::string_view::npos; i = s.find('.', i + 1)) {
    if (s.substr(i, 4) == "...." || s.substr(i, 5) == ". . .") return true;
  }
  return false;
}

}  // namespace cite::indexer::plaintext
