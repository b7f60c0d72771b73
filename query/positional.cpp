#include "query/positional.hpp"

#include <algorithm>

#include "store/schema.hpp"

namespace cite::query {
namespace {

// One pass over a passage: whether its word at position p (0-based) can be query term k, and
// whether a plain-word leaf holds. The fingerprint pass and the exact pass differ only there.
template <typename WordIs, typename LeafHolds>
class Evaluator {
 public:
  Evaluator(std::size_t length, WordIs word_is, LeafHolds leaf_holds)
      : length_(length), word_is_(word_is), leaf_holds_(leaf_holds) {}

  bool holds(const Constraint& c) const {
    switch (c.op) {
      case Constraint::Op::kWords:
        return leaf_holds_(c.words);
      case Constraint::Op::kPhrase:
        return phrase_holds(c.terms);
      case Constraint::Op::kNear:
        return near_holds(c.terms, c.window);
      case Constraint::Op::kAnd:
        return std::all_of(c.children.begin(), c.children.end(),
                           [&](const Constraint& child) { return holds(child); });
      case Constraint::Op::kOr:
        return std::any_of(c.children.begin(), c.children.end(),
                           [&](const Constraint& child) { return holds(child); });
      case Constraint::Op::kAndNot:
        return holds(c.children.front()) && !excluded(c.children.back());
    }
    return false;
  }

 private:
  // Only the exact pass knows that a part holds; the fingerprint pass never excludes on a guess.
  bool excluded(const Constraint& c) const { return leaf_holds_.exact() && holds(c); }

  bool phrase_holds(const std::vector<std::string>& terms) const {
    if (terms.size() > length_) return false;
    for (std::size_t start = 0; start + terms.size() <= length_; ++start) {
      std::size_t k = 0;
      while (k < terms.size() && word_is_(start + k, terms[k])) ++k;
      if (k == terms.size()) return true;
    }
    return false;
  }

  // Each term at its own position, all of them within `window` consecutive positions.
  bool near_holds(const std::vector<std::string>& terms, std::size_t window) const {
    for (std::size_t start = 0; start < length_; ++start) {
      const std::size_t end = std::min(length_, start + window);
      std::vector<bool> taken(end - start, false);
      const bool all = std::all_of(terms.begin(), terms.end(), [&](const std::string& term) {
        for (std::size_t p = start; p < end; ++p) {
          if (!taken[p - start] && word_is_(p, term)) {
            taken[p - start] = true;
            return true;
          }
        }
        return false;
      });
      if (all) return true;
    }
    return false;
  }

  std::size_t length_;
  WordIs word_is_;
  LeafHolds leaf_holds_;
};

template <typename WordIs, typename LeafHolds>
Evaluator(std::size_t, WordIs, LeafHolds) -> Evaluator<WordIs, LeafHolds>;

// A plain word was found by Xapian (the passage matched the query), and is not known here.
struct FoundByXapian {
  bool operator()(const MatchedWords&) const { return true; }
  static bool exact() { return false; }
};

struct AmongTokens {
  const std::vector<text::Token>* tokens;
  bool operator()(const MatchedWords& words) const {
    return std::any_of(tokens->begin(), tokens->end(),
                       [&](const text::Token& token) { return words.matches(token); });
  }
  static bool exact() { return true; }
};

}  // namespace

bool may_match(const Constraint& constraint, std::string_view fingerprints) {
  const auto word_is = [&](std::size_t p, const std::string& term) {
    const auto at = static_cast<unsigned char>(fingerprints[p]);
    return at == store::kAnyWord || at == store::word_fingerprint(term);
  };
  return Evaluator(fingerprints.size(), word_is, FoundByXapian{}).holds(constraint);
}

bool matches(const Constraint& constraint, const std::vector<text::Token>& tokens) {
  const auto word_is = [&](std::size_t p, const std::string& term) {
    return tokens[p].term == term || tokens[p].alternative == term;
  };
  return Evaluator(tokens.size(), word_is, AmongTokens{&tokens}).holds(constraint);
}

}  // namespace cite::query
