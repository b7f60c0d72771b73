// The cite-pdf module: poppler's text extraction (the engine behind pdftotext), page by page in
// reading order, as lines with their geometry. Built as a module of its own and loaded by the PDF
// reader on the first PDF, so that poppler and its libraries are not loaded at every start.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>

#include "indexer/readers/pdf_layout.hpp"
#include "text/utf8.hpp"

namespace cite::indexer::readers {
namespace {

bool is_fixed_width(const std::string& font) {
  static constexpr std::array<std::string_view, 6> kNames = {"Courier", "Mono",       "mono",
                                                             "CMTT",    "Typewriter", "Consol"};
  return std::any_of(kNames.begin(), kNames.end(),
                     [&](std::string_view name) { return font.find(name) != std::string::npos; });
}

std::mutex& poppler_mutex() {
  // Poppler keeps global state (its error callback, font caches): one document at a time.
  static std::mutex mutex;
  return mutex;
}

std::string utf8_of(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler's words (in reading order) gathered into lines: a word starts a new line when it is
// not on the current one's baseline or goes back to the left.
std::vector<Line> page_lines(const poppler::page& page) {
  std::vector<Line> lines;
  bool space_after = false;
  double last_right = 0;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    const poppler::rectf r = box.bbox();
    std::string word = utf8_of(box.text());
    if (word.empty() || !text::is_valid_utf8(word)) continue;
    const bool same_line = !lines.empty() &&
                           std::abs(r.y() - lines.back().top) < 0.5 * lines.back().height &&
                           r.x() >= last_right - 1.0;
    if (!same_line) {
      lines.push_back(Line{{}, r.x(), r.x(), r.y(), r.height(), box.get_font_size(), true, true});
    } else if (space_after || r.x() - last_right > 0.15 * r.height()) {
      lines.back().text += ' ';  // poppler marks no space before a tab-like gap
    }
    Line& line = lines.back();
    line.text += word;
    line.right = std::max(line.right, r.x() + r.width());
    line.height = std::max(line.height, r.height());
    line.size = std::max(line.size, box.get_font_size());
    const std::string font = box.has_font_info() ? box.get_font_name() : std::string();
    line.bold = line.bold && font.find("Bold") != std::string::npos;
    line.mono = line.mono && is_fixed_width(font);
    space_after = box.has_space_after();
    last_right = r.x() + r.width();
  }
  return lines;
}

}  // namespace
}  // namespace cite::indexer::readers

// The module's one entry point, an ExtractPdfPages (pdf_layout.hpp), found by name with dlsym.
extern "C" __attribute__((visibility("default"))) bool cite_pdf_extract_pages(
    std::string_view bytes, std::vector<cite::indexer::readers::Page>& pages,
    std::string& problem) {
  using namespace cite::indexer::readers;
  std::lock_guard<std::mutex> lock(poppler_mutex());
  static std::once_flag quiet;
  std::call_once(
      quiet, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    problem = "is a PDF too large to read";
    return false;
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    problem = "is not a PDF poppler can read (damaged or not a PDF)";
    return false;
  }
  if (document->is_locked()) {
    problem = "is an encrypted PDF (cite cannot read it without its password)";
    return false;
  }
  for (int i = 0; i < document->pages(); ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    pages.push_back(Page{page ? page_lines(*page) : std::vector<Line>{}});
  }
  return true;
}
