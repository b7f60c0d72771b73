#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// English lexical knowledge from WordNet 3.0 (Princeton), compiled at build time from Debian's
// wordnet-base files into the library (see text/wordnet_build.cpp). Only `cite check` uses it:
// `cite query` stays literal.
namespace cite::text {

// How a word of a claim relates to a word of a source, strongest first.
enum class LexicalRelation {
  kSynonym,   // share a sense (`kids` / `children`)
  kDerived,   // derivationally related forms (`deported` / `deportation`), or their synonyms
  kHypernym,  // a noun and its direct generalisation or specialisation (`massacre` / `killing`)
  kPart,      // a name and the whole it is part of: a capital for its country (`Washington`, `US`)
  kAntonym,   // opposites (`rising` / `falling`), and the synonyms of the opposite (`declining`)
};

const char* to_string(LexicalRelation relation) noexcept;

struct RelatedWord {
  std::string word;  // a single folded word; WordNet's multi-word lemmas are left out
  LexicalRelation relation;
};

// Read in place from the library's read-only data: nothing is loaded at start-up, and every
// function is thread-safe.
class WordNet {
 public:
  // The embedded lexicon; empty (every lookup finds nothing) when cite was built without
  // WordNet's data files.
  static const WordNet& instance();

  bool available() const { return lemma_count_ != 0; }
  std::size_t lemma_count() const { return lemma_count_; }

  // The base forms WordNet lists for a folded word, by its exception lists and detachment
  // rules (`shrank` gives `shrink`, `children` gives `child`, `deported` gives `deport`).
  std::vector<std::string> base_forms(std::string_view word) const;

  // The base forms WordNet's exception lists give an irregular form (`children`: child,
  // `fled`: flee), without the detachment rules: one lookup, cheap enough for every token.
  std::vector<std::string> irregular_bases(std::string_view word) const;

  // Words related to a folded word, each once with its strongest relation. Only the first few
  // senses of each part of speech count: WordNet orders them by frequency, and rare senses would
  // relate nearly everything to everything.
  std::vector<RelatedWord> related(std::string_view word) const;

  // The opposites of what a verb generalises to: the antonyms of the direct hypernym of its main
  // verb sense (`raise` is a way to `increase`, whose opposite is `decrease`; `reduce` is a way
  // to `decrease`): a direction that WordNet states for the general word only.
  std::vector<std::string> general_opposites(std::string_view word) const;

  // What a verb generalises to: the direct hypernym of its main verb sense (`reduce`: `decrease`).
  std::vector<std::string> generalisations(std::string_view word) const;

  // Whether `a` and `b` name different things of the same kind: both are instances or kinds of
  // one close common class (`Germany` and `Netherlands`: European countries; `Tajik` and
  // `Kirghiz`: peoples of Asia), and neither is a synonym, part or member of the other
  // (`Washington` is part of the United States: another way to name it, not a rival).
  bool same_kind(std::string_view a, std::string_view b) const;

  // Whether the word is a noun WordNet knows.
  bool is_noun(std::string_view word) const;

  // The distance from WordNet's root (`entity`) of the word's main noun sense, or -1 when it is
  // no noun: `people` (3) is general, `camp` or `child` specific.
  int noun_depth(std::string_view word) const;

  // Whether WordNet knows the word only as an adverb (`now`, `currently`, `repeatedly`).
  bool is_only_adverb(std::string_view word) const;

  // Whether WordNet knows the word only as a name (it writes it capitalised in every sense:
  // `germany`, `tajik`, `qaeda`), so a capital letter at the start of a claim still marks it.
  bool is_proper_name(std::string_view word) const;

  // Whether the word's most frequent noun sense is a name (`Japan`, `Washington`), though it may
  // have common senses too (`japan`: a lacquer).
  bool names_first(std::string_view word) const;

  WordNet(const unsigned char* blob, std::size_t size);

 private:
  const unsigned char* blob_ = nullptr;
  std::size_t lemma_count_ = 0;
};

}  // namespace cite::text
