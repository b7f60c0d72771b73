#pragma once

#include <string>
#include <string_view>
#include <vector>

// What the PDF reader (pdf.cpp) gets from poppler, through the cite-pdf module (pdf_module.cpp):
// each page's words gathered into lines with their geometry and fonts. The module is loaded
// only when a PDF is read, so the layout is all that crosses between the two.
namespace cite::indexer::readers {

struct Line {
  std::string text;
  double left = 0;
  double right = 0;
  double top = 0;
  double height = 0;
  double size = 0;   // font size
  bool bold = true;  // every word in a bold font
  bool mono = true;  // every word in a fixed-width font: code
};

struct Page {
  std::vector<Line> lines;
};

// Fills `pages`, or says in `problem` why the PDF cannot be read ("is an encrypted PDF ...").
using ExtractPdfPages = bool (*)(std::string_view bytes, std::vector<Page>& pages,
                                 std::string& problem);
inline constexpr std::string_view kPdfModuleName = "cite-pdf.so";
inline constexpr const char* kExtractPdfPagesSymbol = "cite_pdf_extract_pages";

}  // namespace cite::indexer::readers
