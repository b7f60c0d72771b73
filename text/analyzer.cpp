#include "text/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "text/numbers.hpp"
#include "text/utf8.hpp"

namespace cite::text {
namespace {

struct RawToken {
  std::size_t begin;
  std::size_t end;
  bool is_number;
};

const icu::Normalizer2& normalizer(const char* name, UNormalization2Mode mode) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, name, mode, status);
  if (U_FAILURE(status) || n == nullptr) {
    throw std::runtime_error(std::string("ICU normalizer unavailable: ") + u_errorName(status));
  }
  return *n;
}

UChar32 typographic_fold(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    default:
      return c;
  }
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Diacritics are removed only after Latin letters: in Cyrillic, `й` is a letter of its own and
// must not become `и`.
icu::UnicodeString strip_latin_marks(const icu::UnicodeString& decomposed) {
  icu::UnicodeString out;
  UScriptCode base_script = USCRIPT_COMMON;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (base_script == USCRIPT_LATIN) continue;
    } else {
      UErrorCode status = U_ZERO_ERROR;
      base_script = uscript_getScript(c, &status);
    }
    out.append(c);
  }
  return out;
}

bool starts_lowercase(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_islower(c);
}

// A word broken at a line end by PDF extraction: `Compa-` + newline + `triots`. The gap between
// the two tokens must be a hyphen, optional spaces, one line break and optional spaces.
bool is_line_break_hyphenation(std::string_view text, const RawToken& left, const RawToken& right) {
  if (left.is_number || right.is_number) return false;
  std::size_t pos = left.end;
  if (pos >= right.begin || text[pos] != '-') return false;
  ++pos;
  bool saw_newline = false;
  while (pos < right.begin) {
    if (text[pos] == '\n') {
      if (saw_newline) return false;
      saw_newline = true;
      ++pos;
    } else if (std::size_t len = whitespace_length(text, pos)) {
      pos += len;
    } else {
      return false;
    }
  }
  return saw_newline && starts_lowercase(text, right.begin);
}

bool next_word_starts_sentence(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    if (text[pos] == '\n') return true;
    const std::size_t len = whitespace_length(text, pos);
    if (len == 0) break;
    pos += len;
  }
  if (pos >= text.size()) return true;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isupper(c);
}

// PDF extraction glues footnote numbers to the year before them (`since 1945.1 The`,
// `in 202591 Regions`). The year is the likelier reading when a new sentence follows.
std::string glued_footnote_year(std::string_view raw, std::string_view text, std::size_t end) {
  auto all_digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // A year from 1800 to 2099, then a footnote of 1-3 digits, with or without a dot between.
  if (raw.size() < 5 || !all_digits(raw.substr(0, 4))) return {};
  const std::string_view year = raw.substr(0, 4);
  if (!(year.substr(0, 2) == "18" || year.substr(0, 2) == "19" || year.substr(0, 2) == "20"))
    return {};
  std::string_view footnote = raw.substr(4);
  if (footnote.front() == '.') footnote.remove_prefix(1);
  if (footnote.size() > 3 || !all_digits(footnote)) return {};
  if (!next_word_starts_sentence(text, end)) return {};
  return std::string(year);
}

bool looks_numeric(std::string_view raw) {
  if (raw.empty() || !std::isdigit(static_cast<unsigned char>(raw.front()))) return false;
  for (char c : raw) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ',' && c != '.') return false;
  }
  return true;
}

}  // namespace

struct Analyzer::Impl {
  AnalysisMode mode;
  std::unique_ptr<icu::BreakIterator> words;

  std::vector<RawToken> segment(std::string_view text) const {
    std::vector<RawToken> raw;
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU could not open text: ") + u_errorName(status));
    }
    words->setText(utext, status);
    // For a UTF-8 UText, ICU's native indexes are byte offsets: no UTF-16 index leaks out.
    int32_t begin = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         begin = end, end = words->next()) {
      const int32_t rule = words->getRuleStatus();
      if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
      const auto b = static_cast<std::size_t>(begin);
      const auto e = static_cast<std::size_t>(end);
      raw.push_back({b, e, looks_numeric(text.substr(b, e - b))});
    }
    utext_close(utext);
    return raw;
  }
};

Analyzer::Analyzer(AnalysisMode mode) : impl_(std::make_unique<Impl>()) {
  impl_->mode = mode;
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !impl_->words) {
    throw std::runtime_error(std::string("ICU word segmentation unavailable: ") +
                             u_errorName(status));
  }
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::analyze(std::string_view text) const {
  const std::vector<RawToken> raw = impl_->segment(text);
  std::vector<Token> tokens;
  tokens.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Token token;
    token.begin = raw[i].begin;
    token.end = raw[i].end;
    token.is_number = raw[i].is_number;
    const std::string_view word = text.substr(raw[i].begin, raw[i].end - raw[i].begin);
    if (token.is_number) {
      token.term = canonical_number(word);
      if (impl_->mode == AnalysisMode::kDocument) {
        token.alternative = glued_footnote_year(word, text, raw[i].end);
      }
    } else {
      token.term = fold(word);
      if (i + 1 < raw.size() && is_line_break_hyphenation(text, raw[i], raw[i + 1])) {
        ++i;
        token.end = raw[i].end;
        token.term += fold(text.substr(raw[i].begin, raw[i].end - raw[i].begin));
      }
    }
    if (token.term.empty() || token.term.size() > kMaxTermBytes) continue;
    token.stem = stem(token.term);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string fold(std::string_view word) {
  if (is_ascii(word)) {
    std::string out(word);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  static const icu::Normalizer2& nfkc_casefold = normalizer("nfkc_cf", UNORM2_COMPOSE);
  static const icu::Normalizer2& nfd = normalizer("nfc", UNORM2_DECOMPOSE);
  static const icu::Normalizer2& nfc = normalizer("nfc", UNORM2_COMPOSE);
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString typographic;
  for (int32_t i = 0; i < input.length();) {
    const UChar32 c = input.char32At(i);
    i += U16_LENGTH(c);
    typographic.append(typographic_fold(c));
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded = nfkc_casefold.normalize(typographic, status);
  const icu::UnicodeString decomposed = nfd.normalize(folded, status);
  const icu::UnicodeString result = nfc.normalize(strip_latin_marks(decomposed), status);
  if (U_FAILURE(status)) return std::string(word);
  std::string out;
  result.toUTF8String(out);
  return out;
}

std::string stem(std::string_view term) {
  // Xapian::Stem is not documented as thread-safe; one per thread costs a few hundred bytes.
  thread_local Xapian::Stem english("english");
  return english(std::string(term));
}

std::string describe(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token.term;
    if (!token.alternative.empty()) out += '|' + token.alternative;
    out += "@[" + std::to_string(token.begin) + ',' + std::to_string(token.end) + ')';
  }
  return out;
}

}  // namespace cite::text
