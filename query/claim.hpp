#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/analyzer.hpp"
#include "text/quantities.hpp"

// Stage 1 of `cite check` (analyse the claim -> retrieve -> align -> decide): what a claim
// says, as words with every form a source may state them in, and figures.
namespace cite::query {

// How a claim word is stated by a source word, strongest first.
enum class MatchKind : std::uint8_t {
  kStem,      // the same word, however inflected
  kSpelling,  // a British / American spelling (`labour`, `labor`)
  kSynonym,   // WordNet: they share a sense
  kDerived,   // WordNet: derivationally related (`deported`, `deportation`)
  kHypernym,  // WordNet: one is a kind of the other (`expel`, `deport`)
  kPart,      // WordNet: a name for the whole it is part of (`Washington` stated by `US`)
  kAntonym,   // WordNet: opposites: never support, a reversed direction
};

const char* to_string(MatchKind kind) noexcept;

// How much of a claim word a match states. A relation through WordNet is weaker evidence
// than the word itself, and a hypernym (a more general or particular word) weaker still.
double match_strength(MatchKind kind) noexcept;

// Claims longer than this are refused: no fact-checker's sentence is, and every later stage
// stays linear in the passages' size only when the claim is bounded.
inline constexpr std::size_t kMaxClaimBytes = 64 * 1024;

struct ClaimWord {
  std::string surface;  // as written in the claim
  std::string term;     // folded
  std::size_t token = 0;
  bool is_name = false;  // capitalised mid-sentence, or a name WordNet knows as one
  // A name WordNet knows only as one, or not at all (`Japan`, `Bokontayev`), rather than a
  // capitalised common word (`Interior`, `Central`): a source must state it to support the claim.
  bool proper = false;
  bool negated = false;                              // after `not`, `no`, `never`, `without`
  std::unordered_map<std::string, MatchKind> stems;  // source stems that state it, and how
  std::unordered_set<std::string> opposite;          // stems of its antonyms
  std::unordered_set<std::string> senses;            // stems of its own, synonym and derived forms
  std::vector<std::string> spellings;  // folded spelling variants, for WordNet lookups
  double weight = 0;
};

struct ClaimNumber {
  text::Quantity quantity;
  std::string surface;
  std::set<std::string> context;  // stems of nearby words
  std::set<std::string> terms;    // to retrieve passages stating it, in words or digits
  double weight = 0;
};

struct Claim {
  std::vector<ClaimWord> words;  // content words, once each, in claim order
  std::vector<ClaimNumber> numbers;
  std::set<double> years;  // the years the claim's figures belong to
  int comparison = 0;      // see comparison_direction
  std::string comparison_surface;
  double total_weight = 0;
  // Source stem -> the claim words it states, and how: one lookup per source token.
  std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, MatchKind>>> by_stem;
};

// The rarity (inverse document frequency) of a word given its stems; higher is rarer.
using Rarity = std::function<double(const std::set<std::string>& stems)>;

// Figures of a claim past this many are not compared: a claim is a sentence, and each figure
// is compared with every figure of a candidate passage.
inline constexpr std::size_t kMaxClaimNumbers = 32;

// The most words of a claim looked up together as one WordNet lemma (`crack_down`,
// `persona_non_grata`).
inline constexpr std::size_t kCollocationWords = 3;

// Words either side of a number that describe what it counts.
inline constexpr std::size_t kContextWindow = 4;

// The word WordNet knows a folded term by: without a possessive `'s` (`russia's` is `russia`).
std::string_view lexical_form(std::string_view term);

// `not`, `no`, `never`, `without`, `n't`: a word after one is negated.
bool is_negation(std::string_view term);

// The direction a comparative word gives (`more`, `higher`, `above`, `exceeds`: +1; `less`,
// `fewer`, `lower`, `below`: -1), else 0. These are function words to WordNet (no antonym
// links for `more` / `less`), yet they are what a comparison claims.
int comparison_polarity(std::string_view term);

// The direction of the comparisons in tokens [from, to): +1 or -1 when every comparative word
// there gives the same one, else 0. Words that bound a figure (`more than 2,000`) are the
// figure's tolerance, and a negated one (`no more`) reverses nothing by itself: neither counts.
// `at` is set to the token of the first comparative word counted.
int comparison_direction(const std::vector<text::Token>& tokens, std::size_t from, std::size_t to,
                         std::size_t& at);

bool inside_quantity(const std::vector<text::Quantity>& quantities, std::size_t token);

// The stems of the content words within kContextWindow tokens of `q`, in tokens [from, to).
std::set<std::string> context_stems(const std::vector<text::Token>& tokens,
                                    const std::vector<text::Quantity>& quantities,
                                    const text::Quantity& q, std::size_t from, std::size_t to);

// Analyses a claim (at most kMaxClaimBytes; throws cite::Error past it).
Claim analyze_claim(std::string_view text, const text::Analyzer& analyzer, const Rarity& rarity);

// "word: stem/how, ..." for golden tests.
std::string describe_matches(const Claim& claim, std::string_view word);

}  // namespace cite::query
