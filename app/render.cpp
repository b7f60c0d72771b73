#include "app/render.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cite::app {
namespace {

constexpr const char* kPathColor = "\033[35m";
constexpr const char* kLineColor = "\033[32m";
constexpr const char* kMatchColor = "\033[1;31m";
constexpr const char* kDimColor = "\033[2m";
constexpr const char* kSupportedColor = "\033[1;32m";
constexpr const char* kPartialColor = "\033[1;33m";
constexpr const char* kReset = "\033[0m";

class Painter {
 public:
  Painter(std::ostream& out, bool color) : out_(out), color_(color) {}

  // Prints text that comes from a source or the user, escaped.
  void paint(const char* color, std::string_view text) {
    if (color_) out_ << color;
    out_ << escape_for_terminal(text, false);
    if (color_) out_ << kReset;
  }

 private:
  std::ostream& out_;
  bool color_;
};

// The length of the well-formed UTF-8 character at `pos`, or 0 (ASCII is handled by the caller).
std::size_t utf8_length(std::string_view text, std::size_t pos, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || pos + length > text.size()) return 0;
  code_point = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  const bool overlong =
      (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (overlong || surrogate || code_point > 0x10FFFF) return 0;
  return length;
}

bool is_hidden_format(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string lines_of(const Citation& c) {
  std::string lines = std::to_string(c.line_start);
  if (c.line_end != c.line_start) lines += "-" + std::to_string(c.line_end);
  return lines;
}

void render_header(std::ostream& out, const Citation& c, Painter& painter) {
  // A passage of another index than the first one listed is named by its full path.
  painter.paint(kPathColor, c.root.empty() ? c.path : c.root + "/" + c.path);
  out << ':';
  painter.paint(kLineColor, lines_of(c));
  out << " \u00B6" << c.paragraph;
  if (c.page > 0) out << " p." << c.page;  // a PDF's lines count in its extracted text
  if (!c.section.empty() && !c.is_heading) {
    out << "  ";
    painter.paint(kDimColor, "[" + c.section + "]");
  }
  out << '\n';
}

// Prints `text`, which starts at file offset `offset`, with the highlighted ranges inside it.
void render_text(std::ostream& out, std::string_view text, std::size_t offset,
                 const std::vector<ByteRange>& highlights, Painter& painter) {
  std::size_t pos = 0;
  for (const ByteRange& range : highlights) {
    if (range.first < offset + pos || range.second > offset + text.size()) continue;
    const std::size_t begin = range.first - offset;
    const std::size_t end = range.second - offset;
    out << escape_for_terminal(text.substr(pos, begin - pos), true);
    painter.paint(kMatchColor, text.substr(begin, end - begin));
    pos = end;
  }
  out << escape_for_terminal(text.substr(pos), true) << '\n';
}

const char* verdict_meaning(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSupported:
      return "a source states the claim's figures and most of its words";
    case Verdict::kConflicting:
      return "sources state a different figure";
    case Verdict::kPartial:
      return "sources state some parts of the claim, not all";
    case Verdict::kNotFound:
      return "the sources say nothing substantial about it";
  }
  return "";
}

}  // namespace

std::string escape_for_terminal(std::string_view text, bool keep_lines) {
  std::string out;
  out.reserve(text.size());
  char escape[16];
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x80) {
      char32_t code_point = 0;
      const std::size_t length = utf8_length(text, pos, code_point);
      if (length == 0) {
        std::snprintf(escape, sizeof(escape), "\\x%02X", byte);
        out += escape;
        ++pos;
      } else if (is_hidden_format(code_point)) {
        std::snprintf(escape, sizeof(escape), "\\u%04X", static_cast<unsigned>(code_point));
        out += escape;
        pos += length;
      } else {
        out += text.substr(pos, length);
        pos += length;
      }
      continue;
    }
    // A CR before an LF is a Windows line end: it moves the cursor back to where the LF would.
    const bool line_break =
        byte == '\n' || (byte == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n');
    if ((byte < 0x20 && byte != '\t' && !(keep_lines && line_break)) || byte == 0x7F) {
      std::snprintf(escape, sizeof(escape), "\\x%02X", byte);
      out += escape;
    } else {
      out += static_cast<char>(byte);
    }
    ++pos;
  }
  return out;
}

bool use_color(ColorMode mode) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(STDOUT_FILENO) != 0;
}

void render_hits(std::ostream& out, const SearchResult& result, bool color) {
  Painter painter(out, color);
  bool first = true;
  for (const Hit& hit : result.hits) {
    if (!first) out << '\n';
    first = false;
    render_header(out, hit.citation, painter);
    render_text(out, hit.citation.text, hit.citation.byte_start, hit.highlights, painter);
  }
}

void render_passage(std::ostream& out, const Citation& citation, bool color) {
  Painter painter(out, color);
  render_header(out, citation, painter);
  render_text(out, citation.text, citation.byte_start, {}, painter);
}

void render_check(std::ostream& out, const CheckResult& result, bool color) {
  Painter painter(out, color);
  const char* verdict_color = result.verdict == Verdict::kSupported     ? kSupportedColor
                              : result.verdict == Verdict::kConflicting ? kMatchColor
                              : result.verdict == Verdict::kPartial     ? kPartialColor
                                                                        : kDimColor;
  painter.paint(verdict_color, to_string(result.verdict));
  out << ": " << verdict_meaning(result.verdict)
      << "\n  claim: " << escape_for_terminal(result.claim, false) << '\n';
  for (const Evidence& e : result.evidence) {
    out << '\n';
    render_header(out, e.hit.citation, painter);
    render_text(out, e.sentence.text, e.sentence.byte_start, e.hit.highlights, painter);
    for (const NumberCheck& n : e.numbers) {
      out << "  number " << escape_for_terminal(n.claim, false) << ": ";
      if (n.relation == NumberRelation::kSame) {
        out << "same (" << escape_for_terminal(n.source, false) << ")";
      }
      if (n.relation == NumberRelation::kConflict)
        painter.paint(kMatchColor, "conflict: claim says " + n.claim + ", source says " + n.source);
      if (n.relation == NumberRelation::kAbsent) out << "absent";
      out << '\n';
    }
    if (!e.missing.empty()) {
      out << "  missing:";
      for (const std::string& word : e.missing) out << ' ' << escape_for_terminal(word, false);
      out << '\n';
    }
  }
}

}  // namespace cite::app
