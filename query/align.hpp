#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "cite/check.hpp"
#include "query/claim.hpp"
#include "text/analyzer.hpp"
#include "text/quantities.hpp"

// Stages 3 and 4 of `cite check`: align the claim to the best sentence (or two adjacent
// sentences) of a candidate passage, then decide what the alignment says. Every decision is
// kept in the Alignment so the JSON can explain the verdict.
namespace cite::query {

// A candidate passage analysed for one claim. Everything here is linear in the passage's size.
struct Passage {
  std::string_view text;
  std::vector<text::Token> tokens;
  std::vector<text::Quantity> quantities;
  std::vector<std::pair<std::size_t, std::size_t>> sentence_bytes;   // [begin, end) of text
  std::vector<std::pair<std::size_t, std::size_t>> sentence_tokens;  // [first, last) tokens
  std::vector<std::optional<double>> figure_year;  // per quantity: the nearest year in its sentence
  // Per quantity: the noun written right after it is none of the claim's words (`over 40 camps`
  // for a claim about children): it counts something else, and is compared with nothing.
  std::vector<bool> counts_other;
  // The claim words each token states: matches[match_offsets[t], match_offsets[t + 1]).
  std::vector<std::uint32_t> match_offsets;
  std::vector<std::pair<std::uint32_t, MatchKind>> matches;
};

Passage analyze_passage(std::string_view text, const text::Analyzer& analyzer, const Claim& claim);

struct WordAlignment {
  bool found = false;  // stated in the window (else, `token` is where the passage states it)
  bool in_passage = false;
  MatchKind kind = MatchKind::kStem;
  std::size_t token = 0;
};

struct FigureAlignment {
  NumberRelation relation = NumberRelation::kAbsent;
  std::size_t figure = 0;  // index into Passage::quantities, unless absent
};

enum class ConflictKind {
  kFigure,      // a different figure of the same kind, about the same thing
  kDirection,   // an antonym in the claim word's place (`rising` where the source says `declining`)
  kName,        // a different name of the same kind in the name's place (`Kyrgyz` for `Tajik`)
  kComparison,  // the opposite comparison (`more often than` where the source says `below`)
};

const char* to_string(ConflictKind kind) noexcept;

struct FoundConflict {
  ConflictKind kind;
  std::size_t claim_item;  // a claim word, or for kFigure a claim number
  std::size_t source;      // a token, or for kFigure a quantity of the passage
};

struct Alignment {
  std::size_t first_sentence = 0;  // the window: one sentence or two adjacent ones
  std::size_t last_sentence = 0;   // inclusive
  std::size_t first_token = 0;
  std::size_t last_token = 0;            // exclusive
  std::vector<WordAlignment> words;      // per claim word
  std::vector<FigureAlignment> figures;  // per claim number
  std::vector<FoundConflict> conflicts;
  double window_coverage = 0;  // share of the claim's weight the window states
  double coverage = 0;         // share the whole passage states
  double word_coverage = 0;  // share of the claim's word weight (figures aside) the passage states
};

// Shares of the claim's weight that decide a verdict. They are general proportions, not fitted to
// any claim: a source states a claim when it states two thirds of it, counting each word at the
// strength of its match (a claim in its own words shares about that with its source; what is
// missing is wording or detail), is about it when it states half, and says something about it
// from 30%.
inline constexpr double kSupportCoverage = 2.0 / 3.0;
inline constexpr double kConflictCoverage = 0.5;
inline constexpr double kPartialCoverage = 0.3;

Alignment align(const Claim& claim, const Passage& passage);

struct Assessment {
  bool relevant = false;  // states enough of the claim to be evidence
  bool supports = false;
  bool conflicts = false;
  double directness = 0;  // the window's coverage: how directly one place states the claim
};

Assessment assess(const Claim& claim, const Alignment& alignment);

// The verdict from the candidates' assessments. When some passages support the claim and others
// contradict it, the one stating the claim most directly (in one sentence or two) decides:
// a contradiction spelled out in the claim's own sentence outweighs support gathered across a
// passage, and support stated as directly outweighs a contradiction.
Verdict decide(const std::vector<Assessment>& assessments);

// Orders candidates for the evidence: those agreeing with the verdict first, then the others
// that support or contradict, then the rest, each group by `score` (higher first).
std::vector<std::size_t> rank(const std::vector<Assessment>& assessments,
                              const std::vector<double>& score, Verdict verdict);

}  // namespace cite::query
