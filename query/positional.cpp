#include "query/positional.hpp"

#include <algorithm>

#include "store/schema.hpp"

namespace cite::query {
namespace {

// A passage's words as one pass sees them. The fingerprint pass and the exact pass differ only
// in these: what a query term is compared by (Key), whether word p is that term, and whether a
// plain-word part of the query holds.
struct Fingerprints {
  using Key = unsigned char;
  static constexpr bool kExact = false;
  std::string_view marks;

  std::size_t size() const { return marks.size(); }
  static Key key(const std::string& term) { return store::word_fingerprint(term); }
  bool is(std::size_t p, Key key) const {
    const auto mark = static_cast<unsigned char>(marks[p]);
    return mark == store::kAnyWord || mark == key;
  }
  // A plain word was found by Xapian (the passage matched the query), and is not known here.
  static bool holds(const MatchedWords&) { return true; }
};

struct Tokens {
  using Key = const std::string*;
  static constexpr bool kExact = true;
  const std::vector<text::Token>& tokens;

  std::size_t size() const { return tokens.size(); }
  static Key key(const std::string& term) { return &term; }
  bool is(std::size_t p, Key key) const {
    return tokens[p].term == *key || tokens[p].alternative == *key;
  }
  bool holds(const MatchedWords& words) const {
    return std::any_of(tokens.begin(), tokens.end(),
                       [&](const text::Token& token) { return words.matches(token); });
  }
};

template <typename Words>
class Evaluator {
 public:
  explicit Evaluator(const Words& words) : words_(words) {}

  bool holds(const Constraint& c) const {
    switch (c.op) {
      case Constraint::Op::kWords:
        return words_.holds(c.words);
      case Constraint::Op::kPhrase:
        return phrase_holds(keys(c.terms));
      case Constraint::Op::kNear:
        return near_holds(keys(c.terms), c.window);
      case Constraint::Op::kAnd:
        return std::all_of(c.children.begin(), c.children.end(),
                           [&](const Constraint& child) { return holds(child); });
      case Constraint::Op::kOr:
        return std::any_of(c.children.begin(), c.children.end(),
                           [&](const Constraint& child) { return holds(child); });
      case Constraint::Op::kAndNot:
        // Only the exact pass knows that a part holds; the fingerprint pass never excludes on
        // a guess.
        return holds(c.children.front()) && !(Words::kExact && holds(c.children.back()));
    }
    return false;
  }

 private:
  using Key = typename Words::Key;

  static std::vector<Key> keys(const std::vector<std::string>& terms) {
    std::vector<Key> keys;
    keys.reserve(terms.size());
    for (const std::string& term : terms) keys.push_back(Words::key(term));
    return keys;
  }

  bool phrase_holds(const std::vector<Key>& terms) const {
    const std::size_t length = words_.size();
    for (std::size_t start = 0; start + terms.size() <= length; ++start) {
      std::size_t k = 0;
      while (k < terms.size() && words_.is(start + k, terms[k])) ++k;
      if (k == terms.size()) return true;
    }
    return false;
  }

  // Each term at its own position, all of them within `window` consecutive positions. The
  // first of those positions holds one of the terms, so only such positions start a window.
  bool near_holds(const std::vector<Key>& terms, std::size_t window) const {
    const std::size_t length = words_.size();
    for (std::size_t start = 0; start < length; ++start) {
      if (std::none_of(terms.begin(), terms.end(),
                       [&](Key term) { return words_.is(start, term); }))
        continue;
      if (all_placed(terms, start, std::min(length, start + window))) return true;
    }
    return false;
  }

  // Whether each term can have a position of its own in [begin, end). A position may stand for
  // several terms (a position with two readings, fingerprints that collide), so a term that
  // took one may have to move to another (Kuhn's augmenting paths; a window has few terms).
  bool all_placed(const std::vector<Key>& terms, std::size_t begin, std::size_t end) const {
    std::vector<std::size_t> holder(end - begin, terms.size());  // the term at each position
    for (std::size_t k = 0; k < terms.size(); ++k) {
      std::vector<bool> tried(end - begin, false);
      if (!place(terms, k, begin, holder, tried)) return false;
    }
    return true;
  }

  bool place(const std::vector<Key>& terms, std::size_t k, std::size_t begin,
             std::vector<std::size_t>& holder, std::vector<bool>& tried) const {
    for (std::size_t i = 0; i < holder.size(); ++i) {
      if (tried[i] || !words_.is(begin + i, terms[k])) continue;
      tried[i] = true;
      if (holder[i] == terms.size() || place(terms, holder[i], begin, holder, tried)) {
        holder[i] = k;
        return true;
      }
    }
    return false;
  }

  const Words& words_;
};

}  // namespace

bool may_match(const Constraint& constraint, std::string_view fingerprints) {
  const Fingerprints words{fingerprints};
  return Evaluator(words).holds(constraint);
}

bool matches(const Constraint& constraint, const std::vector<text::Token>& tokens) {
  const Tokens words{tokens};
  return Evaluator(words).holds(constraint);
}

bool has_positional(const Constraint& constraint) {
  return constraint.op == Constraint::Op::kPhrase || constraint.op == Constraint::Op::kNear ||
         std::any_of(constraint.children.begin(), constraint.children.end(), has_positional);
}

}  // namespace cite::query
