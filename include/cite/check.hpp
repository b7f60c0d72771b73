#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cite/citation.hpp"
#include "cite/export.hpp"

namespace cite {

// What the sources say about a claim. It describes the sources, never the truth.
enum class Verdict {
  kSupported,    // one passage states every figure of the claim (for the claim's year, if it
                 // names one) and most of its words: 75% of their weight, rarer words weighing more
  kConflicting,  // passages about the same thing state a different figure, the opposite
                 // direction (`rising` / `declining`) or another name of the same kind in the
                 // claim's place (`Kyrgyz` / `Tajik`)
  kPartial,      // some parts of the claim are found, some are missing
  kNotFound,     // the sources say nothing substantial about it
};

enum class NumberRelation {
  kSame,      // the source states the same value (however written)
  kConflict,  // the source states a different value in the same context
  kAbsent,    // the source states no comparable value
};

CITE_EXPORT const char* to_string(Verdict verdict) noexcept;
CITE_EXPORT const char* to_string(NumberRelation relation) noexcept;

struct NumberCheck {
  std::string claim;   // as written in the claim: "100,000"
  std::string source;  // as written in the source, or empty when absent: "80,000"
  NumberRelation relation = NumberRelation::kAbsent;
  // How far the source may be from the claim's figure and still state it, from the claim's
  // wording: "" for an exact figure, "within 10%" for `about 6,000`, "40 to 50" for `more than
  // 40`, "within 3%" for a fraction in words (`one in three`).
  std::string tolerance;
};

// How one content word of the claim is stated by the evidence.
struct WordMatch {
  std::string claim;   // the claim word as written
  std::string source;  // the source word stating it, as written; empty when missing
  // "stem", "spelling", "synonym", "derived", "hypernym", "part" (a capital stated by its
  // country's name), or "antonym" (the source says the opposite in its place); empty when
  // missing.
  std::string how;
  bool name = false;           // a name: names and figures count most
  bool in_sentence = false;    // stated in the evidence sentence (else elsewhere in the passage)
  std::size_t byte_start = 0;  // the source word in the file, when stated
  std::size_t byte_end = 0;
};

// Where the evidence disagrees with the claim, and in what.
struct Disagreement {
  std::string kind;    // "figure", "direction" (antonyms), or "name" (another of the same kind)
  std::string claim;   // the claim's word or figure, as written
  std::string source;  // the source's, as written, in the same place
  std::size_t byte_start = 0;  // the source's word or figure in the file
  std::size_t byte_end = 0;
};

// A sentence of the cited passage: `text` is exactly the file's bytes [byte_start, byte_end).
struct Sentence {
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
  std::string text;
};

struct Evidence {
  Hit hit;                           // the passage, cited exactly as search() cites it
  Sentence sentence;                 // the sentence that best matches the claim
  std::vector<std::string> matched;  // claim words and numbers the passage states
  std::vector<std::string> missing;  // claim words and numbers it does not
  std::vector<NumberCheck> numbers;  // one per number in the claim
  std::vector<WordMatch> alignment;  // one per content word of the claim, in claim order
  std::vector<Disagreement> conflicts;
  double coverage = 0;  // share of the claim's weight the passage states, 0 to 1
};

struct CheckOptions {
  std::size_t max_evidence = 3;
};

struct CheckResult {
  std::string claim;
  Verdict verdict = Verdict::kNotFound;
  std::vector<Evidence> evidence;  // best first; for kConflicting, every disagreeing passage
};

}  // namespace cite
