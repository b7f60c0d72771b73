#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/transliterate.hpp"

// The one text analysis used for documents and for queries: ICU word segmentation over UTF-8,
// normalisation and folding, number canonicalisation, stemming by the word's script (English
// for Latin, Russian for Cyrillic), and transliteration keys for names.
namespace cite::text {

// Bumped whenever a change here would give an existing index different terms; the index stores
// it and refuses to be searched by a different analyzer.
inline constexpr int kAnalyzerVersion = 2;

// Terms longer than this are dropped: Xapian refuses terms past 245 bytes, and no real word is
// this long (it is base64 or a hostile file).
inline constexpr std::size_t kMaxTermBytes = 120;

enum class AnalysisMode {
  kDocument,  // also emits alternatives for a year with a glued footnote number (`1945.1`);
              // keys only capitalised words (names)
  kQuery,     // keys every word, since a name may be typed in lower case
};

struct Token {
  std::size_t begin = 0;  // byte offsets into the analysed text, [begin, end)
  std::size_t end = 0;
  std::string term;         // folded, unstemmed; numbers canonical
  std::string stem;         // stem of `term` in the language of its script (see stem())
  std::string alternative;  // a second reading at the same position, or empty
  std::string key;          // transliteration key (transliterate.hpp), or empty
  Script script = Script::kOther;
  bool is_number = false;
};

class Analyzer {
 public:
  explicit Analyzer(AnalysisMode mode);
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Not thread-safe (it reuses one ICU break iterator): use one Analyzer per thread.
  std::vector<Token> analyze(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Folds one word the way `analyze` folds its terms: NFKC, case folding, typographic quotes and
// dashes to ASCII, Latin diacritics removed, `ё` written `е`. Used for wildcard prefixes, which are
// not whole words and so cannot go through segmentation.
std::string fold(std::string_view word);

// The Snowball stem of a folded term: Russian for a Cyrillic word, English for any other. The
// language is decided per word by its script, not per document, so that a word has the same
// stem in every passage and in a query, which has no document to take a language from.
std::string stem(std::string_view term);

// "term@[begin,end)" per token, for golden tests.
std::string describe(const std::vector<Token>& tokens);

// "term>stem~key" per token ("~key" only when there is one), for golden tests of what is
// indexed besides the word.
std::string describe_terms(const std::vector<Token>& tokens);

}  // namespace cite::text
