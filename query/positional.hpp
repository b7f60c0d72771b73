#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "query/parser.hpp"
#include "text/analyzer.hpp"

// Phrases and NEAR, checked passage by passage. The index keeps no word positions (store/schema,
// format 4), so Xapian matches a phrase's words anywhere in a passage; each passage it finds is
// then tested here: first against the fingerprints of its words, which rules out most passages
// without reading a file, then against its words themselves.
namespace cite::query {

// A query's structure, as far as a passage's words decide it. The parser builds one beside the
// Xapian query when the query has a phrase or NEAR (ParsedQuery::positional).
struct Constraint {
  enum class Op { kWords, kPhrase, kNear, kAnd, kOr, kAndNot };
  Op op = Op::kWords;
  MatchedWords words;                // kWords: a word of the passage that matches these
  std::vector<std::string> terms;    // kPhrase, kNear: unstemmed terms, in query order
  std::size_t window = 0;            // kNear: every term within this many positions
  std::vector<Constraint> children;  // kAnd, kOr; kAndNot: {kept, excluded}
};

// False when the fingerprints of a passage's words (store::PassageWords::fingerprints) show it
// cannot match. `constraint` is the query of a passage Xapian found, so its plain words are
// taken as found.
bool may_match(const Constraint& constraint, std::string_view fingerprints);

// Whether a passage whose analysed words are `tokens` matches.
bool matches(const Constraint& constraint, const std::vector<text::Token>& tokens);

// Whether `constraint` has a phrase or NEAR, which Xapian cannot check without positions.
bool has_positional(const Constraint& constraint);

}  // namespace cite::query
