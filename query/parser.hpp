#pragma once

#include <xapian.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

namespace cite::query {

// Which words of a passage count as matched, for highlighting: those the query looked for
// (never words it excluded with NOT).
struct MatchedWords {
  std::set<std::string> terms;        // exact, unstemmed (phrases, NEAR, quoted words)
  std::set<std::string> stems;        // plain words match any word with the same stem
  std::vector<std::string> prefixes;  // wildcards
  std::set<std::string> keys;         // transliteration key terms (store::key_term)

  bool matches(const text::Token& token) const;
};

struct Constraint;

struct ParsedQuery {
  // Empty (Xapian::Query()) when nothing searchable was given. A superset of the matches when
  // `positional` is set: it holds a phrase's words anywhere in a passage.
  Xapian::Query query;
  MatchedWords words;
  // The phrases and NEAR of the query and what surrounds them, which each passage `query` finds
  // must pass (query/positional.hpp); unset when the query has none.
  std::shared_ptr<const Constraint> positional;
  bool fell_back = false;  // the input was not valid syntax and was searched as plain words
};

// Parses Xapian-style query syntax over cite's analyzer:
//   words (stemmed), "exact phrases", AND, OR, NOT, AND NOT, NEAR, NEAR/n, (groups), migra*,
//   file:PATH (file:004* too) and section:WORDS filters.
// Words side by side are OR'ed and ranked by BM25, so a pasted sentence works as a query;
// common English stopwords are dropped from such lists unless nothing else is left. Input that
// is not valid syntax is never an error: it is searched as its plain words.
//
// A word also looks up its transliteration key among the words of the other script (see
// docs/database.md), when `keys` says the index has keys of that script.
struct KeyScripts {
  bool latin = false;     // the index has XTL terms: Cyrillic query words look them up
  bool cyrillic = false;  // the index has XTC terms: Latin query words look them up
};
ParsedQuery parse_query(std::string_view input, const text::Analyzer& analyzer,
                        KeyScripts keys = {});

}  // namespace cite::query
