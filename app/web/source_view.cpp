#include "app/web/html.hpp"
#include "app/web/views.hpp"

namespace cite::app::web {
namespace {

std::string range(std::size_t first, std::size_t last) {
  return std::to_string(first) + "\u2013" + std::to_string(last);
}

std::string context_url(const Citation& cited, ByteRange bytes, int paragraph, int context) {
  Citation at = cited;
  at.paragraph = paragraph;
  std::string url = source_url(at, paragraph == cited.paragraph ? bytes : ByteRange{0, 0});
  url.insert(url.find('#'), "&context=" + std::to_string(context));
  return url;
}

std::string whereabouts(const SourceView& view) {
  const Citation& c = view.cited;
  std::string facts = "<dl class=\"where\">";
  facts += "<div><dt>Lines</dt><dd>" +
           (c.line_start == c.line_end ? std::to_string(c.line_start)
                                       : range(c.line_start, c.line_end)) +
           "</dd></div>";
  facts += "<div><dt>Paragraph</dt><dd>\u00B6" + std::to_string(c.paragraph) + "</dd></div>";
  facts += "<div><dt>Bytes</dt><dd>" + range(c.byte_start, c.byte_end) + "</dd></div>";
  const bool whole = view.bytes == ByteRange{c.byte_start, c.byte_end};
  if (view.bytes.first < view.bytes.second && !whole) {
    facts += "<div><dt>Marked</dt><dd>bytes " + range(view.bytes.first, view.bytes.second) +
             "</dd></div>";
  }
  if (!c.section.empty()) {
    facts += "<div><dt>Section</dt><dd>" + escape(c.section) + "</dd></div>";
  }
  return facts + "</dl>\n";
}

// The citation as text anyone can select; the button that copies it appears with JavaScript.
std::string copy_box(const Citation& cited) {
  const std::string label = escape(citation_label(cited));
  return "<div class=\"copy\"><code id=\"citation\">" + label +
         "</code><button type=\"button\" data-copy=\"" + label +
         "\" hidden>Copy citation</button></div>\n";
}

std::string neighbours(const SourceView& view) {
  const Citation& c = view.cited;
  const int wider = view.context * 2 + 1;
  std::string nav = "<nav class=\"pager\" aria-label=\"Nearby passages\">";
  if (c.paragraph > 1) {
    nav += "<a rel=\"prev\" href=\"" +
           escape(context_url(c, view.bytes, c.paragraph - 1, view.context)) + "\">\u2190 \u00B6" +
           std::to_string(c.paragraph - 1) + "</a>";
  }
  nav +=
      "<a href=\"" + escape(context_url(c, view.bytes, c.paragraph, wider)) + "\">More context</a>";
  if (!view.paragraphs.empty() && view.paragraphs.back().paragraph > c.paragraph) {
    nav += "<a rel=\"next\" href=\"" +
           escape(context_url(c, view.bytes, c.paragraph + 1, view.context)) + "\">\u00B6" +
           std::to_string(c.paragraph + 1) + " \u2192</a>";
  }
  return nav + "</nav>\n";
}

std::string paragraph_block(const SourceView& view, const Citation& p) {
  const bool cited = p.paragraph == view.cited.paragraph;
  const bool partly = cited && view.bytes.first < view.bytes.second;
  std::string block = std::string("<div class=\"para") + (cited ? " cited" : "") +
                      (p.is_heading ? " heading" : "") + "\"" + (cited ? " id=\"cited\"" : "") +
                      ">";
  block += "<a class=\"gutter\" href=\"" +
           escape(context_url(view.cited, {0, 0}, p.paragraph, view.context)) + "\">\u00B6" +
           std::to_string(p.paragraph) + " <span>line " +
           (p.line_start == p.line_end ? std::to_string(p.line_start)
                                       : range(p.line_start, p.line_end)) +
           "</span></a>";
  // The whole passage is marked when it alone was cited, else the bytes inside it that were.
  const ByteRange marked = !cited   ? ByteRange{0, 0}
                           : partly ? view.bytes
                                    : ByteRange{p.byte_start, p.byte_end};
  block += "<p class=\"text\">" + marked_text(p.text, p.byte_start, {}, marked, "cited") + "</p>";
  return block + "</div>\n";
}

}  // namespace

std::string render_source(const SourceView& view) {
  const Citation& c = view.cited;
  std::string body = "<article class=\"source\">\n<h1 class=\"path\">" + escape(c.path) + "</h1>\n";
  body += whereabouts(view) + copy_box(c) + neighbours(view);
  body += "<div class=\"doc\">\n";
  for (const Citation& p : view.paragraphs) body += paragraph_block(view, p);
  body += "</div>\n</article>\n";
  return frame(citation_label(c) + " \u2014 cite", Tab::kNone, body);
}

}  // namespace cite::app::web
