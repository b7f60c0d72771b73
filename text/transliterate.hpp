#pragma once

#include <memory>
#include <string>
#include <string_view>

// Transliteration keys: one spelling-blind key for a name whether it is written in Cyrillic or
// romanised, so that `Боконтаев`, `Bokontayev` and `Bokontaev` meet on one key.
namespace cite::text {

enum class Script {
  kOther,  // no letters (numbers), or letters of several scripts or of another one
  kLatin,
  kCyrillic,
};

// The script of a word: Latin or Cyrillic when every letter is of that script.
Script script_of(std::string_view word);

// The key of a romanised word (ASCII letters; anything else but apostrophes gives no key), or
// empty when the word has fewer than 3 letters of key. One normalisation for every
// romanisation of Russian: digraphs collapsed (shch/sch/sh, tch/ch/cz, zh, kh/h, ts/tz/c,
// w/v, x/ks, c/k before a consonant or a, o, u), y/j/i one letter, the iotated vowels (ya/ia/ja,
// yu/iu/ju, ye/ie, yo) reduced to their vowel, double letters single, and one Russian case ending
// removed (-a, -u, -e, -y, -om, -im, -ogo, -omu, ...), so that the nominative and the oblique cases
// of a name meet.
std::string romanised_key(std::string_view latin);

// Keys folded words (see analyzer.hpp's fold()) of either script: a Latin word directly, a
// Cyrillic one after ICU's Russian BGN/PCGN romanisation (then Cyrillic-Latin for the letters
// of other Cyrillic languages, then Latin-ASCII). ICU's transliterator is expensive to create:
// it is made on first use of a Cyrillic word and reused, and the keys of Cyrillic words are
// cached. Not thread-safe: one per thread (each Analyzer has its own).
class Transliterator {
 public:
  Transliterator();
  ~Transliterator();
  Transliterator(Transliterator&&) noexcept;
  Transliterator& operator=(Transliterator&&) noexcept;
  Transliterator(const Transliterator&) = delete;
  Transliterator& operator=(const Transliterator&) = delete;

  // The key of `folded`, a word of `script`; empty for kOther or when it has no key.
  std::string key(std::string_view folded, Script script);

  // ICU's romanisation of a Cyrillic word, before keying (for tests and docs).
  std::string romanise(std::string_view cyrillic);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cite::text
