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
  kConflicting,  // passages about the same thing state a different figure
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
