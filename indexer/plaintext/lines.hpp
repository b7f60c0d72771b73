#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

// The lines of a plain-text file and what can be seen of each one on its own: the facts the
// layout rules in indexer/passages.cpp decide from. Nothing here looks at a neighbouring line.
namespace cite::indexer::plaintext {

// Where the line starting at `begin` ends: `\n`, `\r\n` and a lone `\r` (old Mac files) each end
// a line. The one definition of a line that passage cutting and line numbering share.
struct LineEnd {
  std::size_t end = 0;   // the line's content is [begin, end)
  std::size_t next = 0;  // where the next line begins
};
LineEnd next_line_end(std::string_view file, std::size_t begin);

struct Line {
  int number = 0;              // 1-based
  std::size_t text_begin = 0;  // trimmed content, [text_begin, text_end)
  std::size_t text_end = 0;
  std::string_view text;       // the trimmed content; empty for a blank line
  std::size_t indent = 0;      // columns before the content (tabs to the next multiple of 8)
  std::size_t width = 0;       // code points of the trimmed content
  std::size_t first_word = 0;  // code points of its first word, to tell a line that ended early
  bool page_break = false;     // a form feed comes before the content (or stands alone)

  bool blank() const { return text.empty(); }
};

std::vector<Line> split_lines(std::string_view file);

// One-line shapes.
bool is_bullet(std::string_view s);         // `- x`, `* x`, `• x`, `1. x`, `(a) x`
bool is_option_term(std::string_view s);    // `-h, --human-readable`, `--author`
bool ends_sentence(std::string_view s);     // `...decline.14`, `...law.”50`, `...(2024)`
bool starts_lowercase(std::string_view s);  // a sentence never starts so: a continuation
bool starts_uppercase(std::string_view s);
bool has_alphanumeric(std::string_view s);
bool has_lowercase(std::string_view s);
bool is_markdown_heading(std::string_view s);  // `## Results`
bool is_underline(std::string_view s);         // `-----`, `=====`: a setext heading's rule
bool is_title_line(std::string_view s);        // `Needed but Not Desired`
bool is_outline_heading(std::string_view s);   // `** Bug fixes` (Emacs outline, GNU NEWS)
// `2.1.2 Build target`, `1 Getting started`; `1. Overview` too when `list_like`.
bool is_numbered_heading(std::string_view s, bool list_like);
bool is_all_caps_line(std::string_view s);  // `EXECUTIVE SUMMARY`, `NO WARRANTY`
bool is_field_line(std::string_view s);     // `Copyright: 2022 ...`, `binary-size: 1-2-4-8`
bool is_prompt(std::string_view s);         // `$ make`
bool is_code_like(std::string_view s);      // `$ cobc -x hello.cob`, `int main() {`
bool is_page_number(std::string_view s);    // `12`, `- 12 -`, `Page 3 of 9`, `xiv`
bool has_column_gap(std::string_view s);    // `a    b`, `Title . . . 3`: a table row

}  // namespace cite::indexer::plaintext
