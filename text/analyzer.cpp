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
#include "text/stopwords.hpp"
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

// Diacritics are removed after Latin letters. In Cyrillic, `й` is a letter of its own and must
// not become `и`; only `ё` becomes `е`, as Russian usually writes it (`Пётр` and `Петр` are
// one name, and a reader cannot tell which spelling a text used).
icu::UnicodeString strip_marks(const icu::UnicodeString& decomposed) {
  constexpr UChar32 kCyrillicIe = 0x0435;  // е, which with U+0308 is ё
  constexpr UChar32 kDiaeresis = 0x0308;
  icu::UnicodeString out;
  UScriptCode base_script = USCRIPT_COMMON;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (base_script == USCRIPT_LATIN) continue;
      if (base == kCyrillicIe && c == kDiaeresis) continue;
    } else {
      UErrorCode status = U_ZERO_ERROR;
      base_script = uscript_getScript(c, &status);
      base = c;
    }
    out.append(c);
  }
  return out;
}

UChar32 code_point_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return -1;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c;
}

bool starts_lowercase(std::string_view text, std::size_t pos) {
  const UChar32 c = code_point_at(text, pos);
  return c >= 0 && u_islower(c);
}

bool starts_uppercase(std::string_view text, std::size_t pos) {
  if (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) {
    return text[pos] >= 'A' && text[pos] <= 'Z';
  }
  const UChar32 c = code_point_at(text, pos);
  return c >= 0 && u_isupper(c);
}

constexpr std::string_view kHyphen = "\u2010";      // groff -Tutf8 writes hyphens so
constexpr std::string_view kSoftHyphen = "\u00AD";  // an invisible hyphenation point

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A word broken at a line end: `Compa-` + newline + `triots` (PDF extraction), `pat‐` + newline
// + `tern` (U+2010, man pages rendered by groff), or a soft hyphen, which marks where a word may
// break and so always joins. The gap between the two tokens must be the hyphen, optional
// spaces, one line break and optional spaces. A visible hyphen also needs a lower-case
// continuation: `ex-` / `Soviet` is a compound. ICU keeps a soft hyphen inside the word
// before it (it is a format character), so it may end the left token instead of the gap.
bool is_line_break_hyphenation(std::string_view text, const RawToken& left, const RawToken& right) {
  if (left.is_number || right.is_number) return false;
  std::size_t pos = left.end;
  if (pos >= right.begin) return false;
  bool soft = ends_with(text.substr(left.begin, left.end - left.begin), kSoftHyphen);
  if (!soft) {
    if (text[pos] == '-') {
      pos += 1;
    } else if (text.substr(pos, kHyphen.size()) == kHyphen) {
      pos += kHyphen.size();
    } else if (text.substr(pos, kSoftHyphen.size()) == kSoftHyphen) {
      pos += kSoftHyphen.size();
      soft = true;
    } else {
      return false;
    }
  }
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
  return saw_newline && (soft || starts_lowercase(text, right.begin));
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

std::string stem_in(const std::string& term, Script script) {
  // Xapian::Stem is not documented as thread-safe; one per thread costs a few hundred bytes.
  thread_local Xapian::Stem english("english");
  thread_local Xapian::Stem russian("russian");
  return script == Script::kCyrillic ? russian(term) : english(term);
}

}  // namespace

struct Analyzer::Impl {
  AnalysisMode mode;
  std::unique_ptr<icu::BreakIterator> words;
  Transliterator transliterator;

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
    if (!token.is_number) token.script = script_of(token.term);
    token.stem = stem_in(token.term, token.script);
    // In a document only capitalised words are keyed: the key is for names, and a lower-case
    // word that happens to spell like a transliterated one would be noise. Stopwords (`The`
    // at a sentence start) are no names either.
    if (token.script != Script::kOther &&
        (impl_->mode == AnalysisMode::kQuery || starts_uppercase(text, token.begin)) &&
        !is_stopword(token.term)) {
      token.key = impl_->transliterator.key(token.term, token.script);
    }
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
  const icu::UnicodeString result = nfc.normalize(strip_marks(decomposed), status);
  if (U_FAILURE(status)) return std::string(word);
  std::string out;
  result.toUTF8String(out);
  return out;
}

std::string stem(std::string_view term) {
  const std::string word(term);
  return stem_in(word, script_of(word));
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

std::string describe_terms(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& token : tokens) {
    if (!out.empty()) out += ' ';
    out += token.term + '>' + token.stem;
    if (!token.key.empty()) out += '~' + token.key;
  }
  return out;
}

}  // namespace cite::text
