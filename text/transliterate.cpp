#include "text/transliterate.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <unordered_map>

namespace cite::text {
namespace {

constexpr std::size_t kMinKeyLetters = 3;

// Beyond this many distinct Cyrillic words the cache starts again, so a huge corpus cannot
// grow it without bound; words repeat so much that it refills with the common ones.
constexpr std::size_t kMaxCachedKeys = 100000;

struct Spelling {
  std::string_view from;
  std::string_view to;
};

// The spellings romanisations use for one Russian sound, mapped to one letter of the key. At
// each position the first spelling that matches is taken, so a longer one comes before its
// prefixes. The key letters w (ш, щ), q (ч) and x (ж) are free because w, q and x of the input
// are rewritten (v, k, ks). ш and щ share a key letter: English (shch), German (schtsch),
// French (chtch) and Polish (szcz) spell щ so differently that a name's spellings would
// otherwise not meet.
constexpr std::array kSpellings = {
    Spelling{"schtsch", "w"}, Spelling{"shtch", "w"}, Spelling{"chtch", "w"}, Spelling{"shch", "w"},
    Spelling{"szcz", "w"},    Spelling{"sch", "w"},   Spelling{"sh", "w"},    Spelling{"sz", "w"},
    Spelling{"tsch", "q"},    Spelling{"tch", "q"},   Spelling{"ch", "q"},    Spelling{"cz", "q"},
    Spelling{"zh", "x"},      Spelling{"kh", "h"},    Spelling{"ts", "c"},    Spelling{"tz", "c"},
    Spelling{"ph", "f"},      Spelling{"ck", "k"},    Spelling{"x", "ks"},    Spelling{"w", "v"},
    Spelling{"q", "k"},       Spelling{"y", "i"},     Spelling{"j", "i"},
};

// Russian case endings as they look in a key, longest first: the oblique cases of nouns and
// names (Боконтаева, Боконтаеву, Боконтаевым, Чайковского, Толстому) and the nominative
// endings of adjective-like names (-ий, -ой). One is removed when 3 letters remain.
constexpr std::array<std::string_view, 12> kEndings = {"ogo", "omu", "ami", "ih", "im", "om",
                                                       "oi",  "a",   "e",   "i",  "o",  "u"};

bool is_key_vowel(char c) { return c == 'a' || c == 'e' || c == 'o' || c == 'u'; }

// The letters that begin a spelling of kSpellings: most letters of a word do not, and skip the
// table. The key is computed for every capitalised word of a document, on the indexing path.
constexpr std::string_view kSpellingStarts = "chjkpqstwxyz";

// Removes a letter that repeats the one before it, in place.
void collapse_doubles(std::string& s) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (out == 0 || s[out - 1] != s[i]) s[out++] = s[i];
  }
  s.resize(out);
}

// An i before a vowel is the glide of an iotated vowel (ya, yu, ye, ia, iu): only the vowel is
// kept, and yo, the romanisation of ё, is e like ё itself (folded to е). In place.
void reduce_iotation(std::string& s) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'i' && i + 1 < s.size() && is_key_vowel(s[i + 1])) {
      if (s[i + 1] == 'o') {
        s[out++] = 'e';
        ++i;
      }
      continue;
    }
    s[out++] = s[i];
  }
  s.resize(out);
}

}  // namespace

Script script_of(std::string_view word) {
  // Most words of most corpora are ASCII: no decoding or script lookup for them.
  if (std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; })) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })
               ? Script::kLatin
               : Script::kOther;
  }
  Script script = Script::kOther;
  for (int32_t i = 0; i < static_cast<int32_t>(word.size());) {
    UChar32 c = 0;
    U8_NEXT(word.data(), i, static_cast<int32_t>(word.size()), c);
    if (c < 0 || !u_isalpha(c)) continue;
    Script letter = Script::kOther;
    if (c < 0x80) {
      letter = Script::kLatin;
    } else {
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode code = uscript_getScript(c, &status);
      if (code == USCRIPT_LATIN) letter = Script::kLatin;
      if (code == USCRIPT_CYRILLIC) letter = Script::kCyrillic;
    }
    if (letter == Script::kOther || (script != Script::kOther && script != letter)) {
      return Script::kOther;
    }
    script = letter;
  }
  return script;
}

std::string romanised_key(std::string_view latin) {
  // An English possessive is not part of the name.
  if (latin.size() > 2 && latin.substr(latin.size() - 2) == "'s") latin.remove_suffix(2);
  std::string letters;
  letters.reserve(latin.size());
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      letters += c;
    } else if (static_cast<unsigned char>(c) >= 0x80 || (c >= '0' && c <= '9')) {
      return {};  // not a romanised word
    }
    // Apostrophes, primes and hyphens (the soft sign, Il'ya, Bonch-Bruyevich) are dropped.
  }
  std::string key;
  key.reserve(letters.size() + 2);
  const std::string_view rest_of(letters);
  for (std::size_t i = 0; i < letters.size();) {
    std::size_t length = 0;
    if (kSpellingStarts.find(letters[i]) != std::string_view::npos) {
      const std::string_view rest = rest_of.substr(i);
      for (const Spelling& spelling : kSpellings) {
        if (spelling.from[0] == rest[0] && rest.substr(0, spelling.from.size()) == spelling.from) {
          key += spelling.to;
          length = spelling.from.size();
          break;
        }
      }
    }
    if (length == 0 && letters[i] == 'c') {
      // A c of no digraph is English spelling: k, but before e, i and y it may be s or ц.
      const char next = i + 1 < letters.size() ? letters[i + 1] : '\0';
      key += next == 'e' || next == 'i' || next == 'y' ? 'c' : 'k';
      length = 1;
    }
    if (length == 0) {
      key += letters[i];
      length = 1;
    }
    i += length;
  }
  collapse_doubles(key);
  reduce_iotation(key);
  collapse_doubles(key);
  for (std::string_view ending : kEndings) {
    if (key.size() >= ending.size() + kMinKeyLetters &&
        std::string_view(key).substr(key.size() - ending.size()) == ending) {
      key.resize(key.size() - ending.size());
      break;
    }
  }
  if (key.size() < kMinKeyLetters) return {};
  return key;
}

struct Transliterator::Impl {
  std::unique_ptr<icu::Transliterator> icu;
  std::unordered_map<std::string, std::string> cyrillic_keys;

  icu::Transliterator& romaniser() {
    if (!icu) {
      // Creating a transliterator loads ICU's registry and compiles the rules: ~150 million
      // instructions. That is done once per process; every Transliterator clones the result.
      static const std::unique_ptr<icu::Transliterator> prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
            "Russian-Latin/BGN; Cyrillic-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) created.reset();
        return created;
      }();
      if (prototype) icu.reset(prototype->clone());
      if (!icu) throw std::runtime_error("ICU transliteration Russian-Latin/BGN unavailable");
    }
    return *icu;
  }
};

Transliterator::Transliterator() : impl_(std::make_unique<Impl>()) {}
Transliterator::~Transliterator() = default;
Transliterator::Transliterator(Transliterator&&) noexcept = default;
Transliterator& Transliterator::operator=(Transliterator&&) noexcept = default;

std::string Transliterator::romanise(std::string_view cyrillic) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(cyrillic.data(), static_cast<int32_t>(cyrillic.size())));
  impl_->romaniser().transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string Transliterator::key(std::string_view folded, Script script) {
  if (script == Script::kLatin) return romanised_key(folded);
  if (script != Script::kCyrillic) return {};
  const std::string word(folded);
  if (auto cached = impl_->cyrillic_keys.find(word); cached != impl_->cyrillic_keys.end()) {
    return cached->second;
  }
  if (impl_->cyrillic_keys.size() >= kMaxCachedKeys) impl_->cyrillic_keys.clear();
  std::string key = romanised_key(romanise(folded));
  impl_->cyrillic_keys.emplace(word, key);
  return key;
}

}  // namespace cite::text
