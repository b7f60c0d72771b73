// PDF, through poppler's text extraction (the engine behind pdftotext, in the cite-pdf module:
// pdf_module.cpp), page by page in reading order. Poppler gives the words with their boxes; lines
// and paragraphs are rebuilt from the geometry (a wider gap, a first-line indent, a change of font
// size), not guessed from text. The passages point into cite's extracted text: each page's lines
// without its running header, footer and page number, a blank line between paragraphs and a form
// feed between pages (docs/formats.md). A paragraph left unfinished at the foot of a page is joined
// with its continuation on the next, and a word hyphenated across a line is indexed whole.
#include <dlfcn.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "indexer/readers/pdf_layout.hpp"
#include "indexer/readers/reader.hpp"
#include "indexer/readers/spans.hpp"
#include "text/utf8.hpp"

namespace cite::indexer::readers {
namespace {

// Lines examined at each edge of a page for running headers, footers and page numbers.
constexpr std::size_t kEdgeLines = 2;

// A line as it repeats from page to page: the page number in it (`Page 3`, `- 3 -`, `iv`)
// replaced, spaces collapsed.
std::string furniture_key(std::string_view line) {
  std::string key;
  for (const char c : collapse_whitespace(line)) {
    if (c >= '0' && c <= '9') {
      if (key.empty() || key.back() != '#') key += '#';
    } else {
      key += c;
    }
  }
  return key;
}

bool is_page_number(std::string_view line) {
  const std::string_view s = text::trim(line);
  if (s.empty() || s.size() > 12) return false;
  const std::string key = furniture_key(s);
  if (key == "#" || key == "- # -" || key == "Page #" || key == "page #" || key == "# of #" ||
      key == "Page # of #") {
    return true;
  }
  return s.find_first_not_of("ivxlcdm") == std::string_view::npos;  // roman, lower case
}

// The line indexes at a page's top or bottom edge, outermost first, by position: reading order
// can put a running header after the text.
std::vector<std::size_t> edge_lines(const Page& page, bool top) {
  std::vector<std::size_t> order(page.lines.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return top ? page.lines[a].top < page.lines[b].top : page.lines[a].top > page.lines[b].top;
  });
  order.resize(std::min(order.size(), kEdgeLines));
  return order;
}

// The same line at the same height: a running header or footer (a chapter's title changes from
// chapter to chapter, its place on the page does not).
std::string placed_key(const Line& line) {
  return furniture_key(line.text) + '@' + std::to_string(std::lround(line.top / 2));
}

// Marks running headers and footers: an edge line whose key recurs at the same edge of at least
// three pages (two in a document of three pages or fewer), or of two pages at the same height;
// and page numbers.
void strip_furniture(std::vector<Page>& pages) {
  std::map<std::string, std::set<std::size_t>> seen[2];  // [top/bottom] key -> pages
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const bool top : {true, false}) {
      for (const std::size_t i : edge_lines(pages[p], top)) {
        seen[top ? 0 : 1][furniture_key(pages[p].lines[i].text)].insert(p);
        seen[top ? 0 : 1][placed_key(pages[p].lines[i])].insert(p);
      }
    }
  }
  const std::size_t needed = pages.size() >= 4 ? 3 : 2;
  for (Page& page : pages) {
    std::vector<bool> dropped(page.lines.size(), false);
    for (const bool top : {true, false}) {
      auto& keys = seen[top ? 0 : 1];
      for (const std::size_t i : edge_lines(page, top)) {
        const Line& line = page.lines[i];
        if (!is_page_number(line.text) && keys[furniture_key(line.text)].size() < needed &&
            keys[placed_key(line)].size() < 2) {
          break;
        }
        dropped[i] = true;
      }
    }
    std::vector<Line> body;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (!dropped[i]) body.push_back(std::move(page.lines[i]));
    }
    page.lines = std::move(body);
  }
}

// Whether a passage's text ends where a paragraph may: a sentence or a heading's end.
bool ends_finished(std::string_view text) {
  const char32_t last = text::code_point_before(text, text.size());
  static constexpr std::u32string_view kEnds = U".!?:;\"')]\u201D\u2019\u2026";
  return kEnds.find(last) != std::u32string_view::npos;
}

bool starts_lowercase(std::string_view text) {
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(text.data(), i, length, c);
  return c >= 0 && u_islower(c);
}

bool is_letter_before(std::string_view text, std::size_t pos) {
  const char32_t c = text::code_point_before(text, pos);
  return c != static_cast<char32_t>(-1) && u_isalpha(static_cast<UChar32>(c));
}

// The passage's words with line-end hyphenation undone: `pat-\ntern` and `pat‐\ntern` (U+2010,
// groff's hyphen) and a soft hyphen become `pattern`. Unset when there is none.
std::optional<std::string> dehyphenated(std::string_view text) {
  static constexpr std::string_view kHyphens[] = {"-", "\u2010", "\u00AD"};
  std::string out;
  bool changed = false;
  std::size_t copied = 0;
  for (std::size_t pos = text.find('\n'); pos != std::string_view::npos;
       pos = text.find('\n', pos + 1)) {
    std::size_t line_end = pos;
    while (line_end > copied && (text[line_end - 1] == ' ' || text[line_end - 1] == '\r')) {
      --line_end;
    }
    for (const std::string_view hyphen : kHyphens) {
      if (line_end < hyphen.size() ||
          text.substr(line_end - hyphen.size(), hyphen.size()) != hyphen) {
        continue;
      }
      const std::size_t hyphen_at = line_end - hyphen.size();
      std::size_t next = pos + 1;
      while (next < text.size() && text::whitespace_length(text, next) > 0) {
        next += text::whitespace_length(text, next);
      }
      if (!is_letter_before(text, hyphen_at) || !starts_lowercase(text.substr(next))) break;
      out.append(text.substr(copied, hyphen_at - copied));
      copied = next;
      changed = true;
      break;
    }
  }
  if (!changed) return std::nullopt;
  out.append(text.substr(copied));
  return out;
}

// Poppler and the two dozen libraries it needs are loaded only when a PDF is read (the module
// cite-pdf.so), so that every other run of cite starts without them.
ExtractPdfPages load_pdf_module(std::string& problem) {
  static std::once_flag once;
  static ExtractPdfPages extract = nullptr;
  static std::string failure;
  std::call_once(once, [] {
    std::vector<std::string> candidates;
    // An explicit path is the only one tried (a packager's layout, or a test of a missing one).
    if (const char* path = std::getenv("CITE_PDF_MODULE")) {
      candidates.emplace_back(path);
    } else {
      Dl_info self{};
      if (dladdr(reinterpret_cast<void*>(&load_pdf_module), &self) != 0 && self.dli_fname) {
        const std::string object = self.dli_fname;
        const std::size_t slash = object.rfind('/');
        const std::string dir = slash == std::string::npos ? "." : object.substr(0, slash);
        candidates.push_back(dir + "/cite/" + std::string(kPdfModuleName));  // as installed
      }
      candidates.emplace_back(CITE_PDF_MODULE_BUILT);  // the build tree: tests, uninstalled runs
    }
    for (const std::string& candidate : candidates) {
      if (void* module = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL)) {
        extract = reinterpret_cast<ExtractPdfPages>(dlsym(module, kExtractPdfPagesSymbol));
        if (extract) return;
      }
      const char* error = dlerror();
      if (failure.empty()) failure = error ? error : candidate;
    }
    failure = "is a PDF, but cite's PDF module " + std::string(kPdfModuleName) +
              " could not be loaded (" + failure + "): reinstall cite";
  });
  if (!extract) problem = failure;
  return extract;
}

std::vector<Page> extract_pages(std::string_view bytes, std::optional<std::string>& problem) {
  std::vector<Page> pages;
  std::string why;
  const ExtractPdfPages extract = load_pdf_module(why);
  if (!extract || !extract(bytes, pages, why)) problem = why;
  return pages;
}

double median(std::vector<double> values, double otherwise) {
  if (values.empty()) return otherwise;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

// The document's body text: its most common font size and line pitch.
struct Body {
  double size = 0;
  double pitch = 0;
};

Body body_of(const std::vector<Page>& pages) {
  std::map<long, std::size_t> sizes;
  std::vector<double> pitches;
  for (const Page& page : pages) {
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      const Line& line = page.lines[i];
      sizes[std::lround(line.size * 10)] += line.text.size();
      if (i > 0) {
        const double pitch = line.top - page.lines[i - 1].top;
        if (pitch > 0) pitches.push_back(pitch);
      }
    }
  }
  Body body;
  std::size_t most = 0;
  for (const auto& [size, count] : sizes) {
    if (count > most) {
      most = count;
      body.size = static_cast<double>(size) / 10;
    }
  }
  body.pitch = median(pitches, body.size * 1.2);
  return body;
}

// Whether `line` starts a paragraph after `previous`: a gap wider than the line pitch, a change
// of font size, or a first-line indent after a finished sentence.
bool starts_paragraph(const Line& previous, const Line& line, const Body& body) {
  const double gap = line.top - previous.top;
  if (gap > body.pitch * 1.15 || gap < 0) return true;
  if (std::abs(line.size - previous.size) > 0.5 || line.bold != previous.bold) return true;
  const char32_t last = text::code_point_before(previous.text, previous.text.size());
  static constexpr std::u32string_view kEnds = U".!?:\"')\u201D\u2019";
  const bool finished = kEnds.find(last) != std::u32string_view::npos;
  return finished && line.left > previous.left + line.height * 0.8;
}

// A heading: a paragraph of one or two short lines, larger or bolder than the body text, that
// does not end like a sentence.
bool is_heading(const std::vector<const Line*>& paragraph, const Body& body) {
  if (paragraph.size() > 2) return false;
  for (const Line* line : paragraph) {
    if (text::code_point_count(line->text) > 80) return false;
  }
  const Line& last = *paragraph.back();
  if (text::code_point_before(last.text, last.text.size()) == U'.') return false;
  return paragraph.front()->size > body.size + 0.5 || paragraph.front()->bold;
}

}  // namespace

Reading read_pdf(std::string_view bytes) {
  Reading reading;
  std::vector<Page> pages = extract_pages(bytes, reading.problem);
  if (reading.problem) return reading;
  strip_furniture(pages);
  const Body body = body_of(pages);

  // The extracted text, and each paragraph's range in it with its page and whether it is a
  // heading.
  struct Paragraph {
    std::size_t begin = 0;
    std::size_t end = 0;
    int page = 0;
    bool heading = false;
    bool code = false;  // every line in a fixed-width font
  };
  std::string extracted;
  std::vector<Paragraph> paragraphs;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) extracted += '\f';
    const Page& page = pages[p];
    std::vector<const Line*> lines;
    const auto close = [&] {
      if (lines.empty()) return;
      if (!paragraphs.empty() && paragraphs.back().page == static_cast<int>(p) + 1) {
        extracted += '\n';
      }
      const bool code =
          std::all_of(lines.begin(), lines.end(), [](const Line* l) { return l->mono; });
      Paragraph paragraph{extracted.size(), 0, static_cast<int>(p) + 1,
                          !code && is_heading(lines, body), code};
      for (const Line* line : lines) extracted += line->text + '\n';
      paragraph.end = extracted.size() - 1;
      paragraphs.push_back(paragraph);
      lines.clear();
    };
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (!lines.empty() && starts_paragraph(*lines.back(), page.lines[i], body)) close();
      lines.push_back(&page.lines[i]);
    }
    close();
  }
  if (!has_alphanumeric(extracted)) {
    reading.problem =
        "is a PDF without a text layer (scanned pages? run OCR, e.g. ocrmypdf, first)";
    return reading;
  }

  const LineIndex line_index(extracted);
  std::string section;
  for (std::size_t k = 0; k < paragraphs.size(); ++k) {
    const Paragraph& paragraph = paragraphs[k];
    const std::string_view text(extracted.data() + paragraph.begin,
                                paragraph.end - paragraph.begin);
    std::vector<Passage>& passages = reading.passages;
    // A code example's blank lines do not cut it, and a paragraph left unfinished at the foot of
    // the previous page goes on here.
    if (k > 0 && !passages.empty() && !paragraph.heading && !paragraphs[k - 1].heading) {
      Passage& previous = passages.back();
      const std::string_view before(extracted.data() + previous.span.byte_start,
                                    previous.span.byte_end - previous.span.byte_start);
      const bool more_code = paragraph.code && paragraphs[k - 1].code;
      const bool next_page = paragraphs[k - 1].page != paragraph.page &&
                             paragraphs[k - 1].code == paragraph.code &&
                             (!ends_finished(before) || starts_lowercase(text));
      if (more_code || next_page) {
        previous.span.byte_end = paragraph.end;
        previous.span.line_end = line_index.line_of(paragraph.end - 1);
        continue;
      }
    }
    if (paragraph.heading) section = collapse_whitespace(text);
    add_passage(passages, extracted, line_index, paragraph.begin, paragraph.end,
                paragraph.heading ? PassageKind::kHeading : PassageKind::kParagraph, section,
                std::nullopt, paragraph.page);
  }
  for (Passage& passage : reading.passages) {
    const std::string_view text(extracted.data() + passage.span.byte_start,
                                passage.span.byte_end - passage.span.byte_start);
    passage.words = dehyphenated(text);
  }
  reading.extracted = std::move(extracted);
  return reading;
}

}  // namespace cite::indexer::readers
