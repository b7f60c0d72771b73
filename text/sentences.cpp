#include "text/sentences.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cctype>
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
  // ICU sees a copy with byte-for-byte substitutions, so its offsets are offsets into `text`:
  // line breaks become spaces (else every wrapped PDF line would end a sentence), and footnote
  // marks glued after a sentence end (`Moscow.76 The attack`) become spaces, which lets ICU see
  // the sentence end they hide. Spans are trimmed on `text`, so the mark stays in its sentence.
  std::string unwrapped(text);
  for (std::size_t i = 0; i < unwrapped.size(); ++i) {
    char& c = unwrapped[i];
    if (c == '\n' || c == '\r') c = ' ';
    static constexpr std::u32string_view kSentenceEnds = U".!?\u201D";
    if (!std::isdigit(static_cast<unsigned char>(c)) ||
        kSentenceEnds.find(code_point_before(text, i)) == std::u32string_view::npos) {
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && end - i < 3 && std::isdigit(static_cast<unsigned char>(text[end])))
      ++end;
    const bool mark = end < text.size() && (text[end] == ' ' || text[end] == '\n') &&
                      !(i >= 2 && std::isdigit(static_cast<unsigned char>(text[i - 2])));
    if (mark) {
      for (std::size_t k = i; k < end; ++k) unwrapped[k] = ' ';
      i = end - 1;
    }
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
