#include "text/sentences.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "text/utf8.hpp"

namespace cite::text {

std::vector<std::pair<std::size_t, std::size_t>> sentence_spans(std::string_view text) {
  thread_local std::unique_ptr<icu::BreakIterator> sentences = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU sentence segmentation unavailable: ") +
                               u_errorName(status));
    }
    return it;
  }();
  // Line breaks become spaces (one byte for one, so offsets are unchanged): ICU would otherwise
  // end a sentence at every wrapped line.
  std::string unwrapped(text);
  for (char& c : unwrapped) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  UErrorCode status = U_ZERO_ERROR;
  UText* utext =
      utext_openUTF8(nullptr, unwrapped.data(), static_cast<int64_t>(unwrapped.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not open text");
  sentences->setText(utext, status);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  int32_t begin = sentences->first();
  for (int32_t end = sentences->next(); end != icu::BreakIterator::DONE;
       begin = end, end = sentences->next()) {
    const auto b = static_cast<std::size_t>(begin);
    const std::string_view raw = text.substr(b, static_cast<std::size_t>(end) - b);
    const std::string_view trimmed = trim(raw);
    if (trimmed.empty()) continue;
    const std::size_t start = b + static_cast<std::size_t>(trimmed.data() - raw.data());
    spans.emplace_back(start, start + trimmed.size());
  }
  utext_close(utext);
  return spans;
}

}  // namespace cite::text
