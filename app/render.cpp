#include "app/render.hpp"

#include <unistd.h>

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

  void paint(const char* color, std::string_view text) {
    if (color_) out_ << color;
    out_ << text;
    if (color_) out_ << kReset;
  }

 private:
  std::ostream& out_;
  bool color_;
};

std::string lines_of(const Citation& c) {
  std::string lines = std::to_string(c.line_start);
  if (c.line_end != c.line_start) lines += "-" + std::to_string(c.line_end);
  return lines;
}

void render_header(std::ostream& out, const Citation& c, Painter& painter) {
  painter.paint(kPathColor, c.path);
  out << ':';
  painter.paint(kLineColor, lines_of(c));
  out << " \u00B6" << c.paragraph;
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
    out << text.substr(pos, begin - pos);
    painter.paint(kMatchColor, text.substr(begin, end - begin));
    pos = end;
  }
  out << text.substr(pos) << '\n';
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
  out << ": " << verdict_meaning(result.verdict) << "\n  claim: " << result.claim << '\n';
  for (const Evidence& e : result.evidence) {
    out << '\n';
    render_header(out, e.hit.citation, painter);
    render_text(out, e.sentence.text, e.sentence.byte_start, e.hit.highlights, painter);
    for (const NumberCheck& n : e.numbers) {
      out << "  number " << n.claim << ": ";
      if (n.relation == NumberRelation::kSame) out << "same (" << n.source << ")";
      if (n.relation == NumberRelation::kConflict)
        painter.paint(kMatchColor, "conflict: claim says " + n.claim + ", source says " + n.source);
      if (n.relation == NumberRelation::kAbsent) out << "absent";
      out << '\n';
    }
    if (!e.missing.empty()) {
      out << "  missing:";
      for (const std::string& word : e.missing) out << ' ' << word;
      out << '\n';
    }
  }
}

}  // namespace cite::app
