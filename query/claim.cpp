#include "query/claim.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>

#include "cite/error.hpp"
#include "text/stopwords.hpp"
#include "text/variants.hpp"
#include "text/wordnet.hpp"

namespace cite::query {

const char* to_string(MatchKind kind) noexcept {
  switch (kind) {
    case MatchKind::kStem:
      return "stem";
    case MatchKind::kSpelling:
      return "spelling";
    case MatchKind::kSynonym:
      return "synonym";
    case MatchKind::kDerived:
      return "derived";
    case MatchKind::kHypernym:
      return "hypernym";
    case MatchKind::kPart:
      return "part";
    case MatchKind::kAntonym:
      return "antonym";
  }
  return "stem";
}

double match_strength(MatchKind kind) noexcept {
  switch (kind) {
    case MatchKind::kStem:
    case MatchKind::kSpelling:
      return 1.0;
    case MatchKind::kSynonym:
    case MatchKind::kDerived:
      return 0.9;
    case MatchKind::kHypernym:
    case MatchKind::kPart:
      return 0.6;
    case MatchKind::kAntonym:
      return 0.0;
  }
  return 0.0;
}

std::string_view lexical_form(std::string_view term) {
  if (term.size() > 2 && term.substr(term.size() - 2) == "'s") term.remove_suffix(2);
  return term;
}

bool is_negation(std::string_view term) {
  return term == "not" || term == "no" || term == "never" || term == "without" || term == "n't" ||
         term == "nor" || term == "neither";
}

int comparison_polarity(std::string_view term) {
  static constexpr std::string_view kUp[] = {"more",     "greater",  "higher", "larger",
                                             "bigger",   "above",    "exceed", "exceeds",
                                             "exceeded", "exceeding"};
  static constexpr std::string_view kDown[] = {"less", "fewer", "lower", "smaller", "below"};
  for (const std::string_view w : kUp) {
    if (term == w) return 1;
  }
  for (const std::string_view w : kDown) {
    if (term == w) return -1;
  }
  return 0;
}

int comparison_direction(const std::vector<text::Token>& tokens, std::size_t from, std::size_t to,
                         std::size_t& at) {
  int direction = 0;
  for (std::size_t t = from; t < to; ++t) {
    const int polarity = comparison_polarity(tokens[t].term);
    if (polarity == 0 || (t > 0 && is_negation(tokens[t - 1].term))) continue;
    // `more than 2,000`, `below 5%`: a bound on the figure that follows.
    bool bounds = false;
    for (std::size_t k = t + 1; k < std::min(to, t + 3) && !bounds; ++k)
      bounds = tokens[k].is_number;
    if (bounds) continue;
    if (direction == 0) at = t;
    if (direction != 0 && direction != polarity) return 0;
    direction = polarity;
  }
  return direction;
}

bool inside_quantity(const std::vector<text::Quantity>& quantities, std::size_t token) {
  // Quantities are in text order: binary search for the last one starting at or before `token`.
  const auto it =
      std::upper_bound(quantities.begin(), quantities.end(), token,
                       [](std::size_t t, const text::Quantity& q) { return t < q.first_token; });
  return it != quantities.begin() && token <= std::prev(it)->last_token;
}

std::set<std::string> context_stems(const std::vector<text::Token>& tokens,
                                    const std::vector<text::Quantity>& quantities,
                                    const text::Quantity& q, std::size_t from, std::size_t to) {
  std::set<std::string> stems;
  const std::size_t begin =
      q.first_token > from + kContextWindow ? q.first_token - kContextWindow : from;
  const std::size_t end = std::min(to, q.last_token + 1 + kContextWindow);
  for (std::size_t k = begin; k < end; ++k) {
    if (inside_quantity(quantities, k) || text::is_stopword(tokens[k].term)) continue;
    stems.insert(tokens[k].stem);
  }
  return stems;
}

namespace {

bool capitalised(std::string_view surface) {
  if (surface.empty()) return false;
  UChar32 c = 0;
  std::int32_t i = 0;
  U8_NEXT(surface.data(), i, static_cast<std::int32_t>(surface.size()), c);
  return c >= 0 && u_isupper(c);
}

void add_stem(ClaimWord& word, const std::string& stem, MatchKind kind) {
  const auto [it, inserted] = word.stems.emplace(stem, kind);
  if (!inserted && kind < it->second) it->second = kind;
}

ClaimWord analyze_word(std::string_view text, const text::Token& token, bool first_word) {
  const text::WordNet& wordnet = text::WordNet::instance();
  ClaimWord word;
  word.surface = std::string(text.substr(token.begin, token.end - token.begin));
  word.term = token.term;
  word.spellings = text::spelling_variants(lexical_form(token.term));
  // A capital at the start of the claim says nothing; there, a word is a name if WordNet knows
  // it only as one.
  bool proper = false;
  for (const std::string& form : word.spellings) proper = proper || wordnet.is_proper_name(form);
  word.is_name = capitalised(word.surface) && (!first_word || proper);
  bool known = false;
  bool name_first = false;
  for (const std::string& form : word.spellings) {
    known = known || !wordnet.base_forms(form).empty();
    name_first = name_first || wordnet.names_first(form);
  }
  // A month is part of a date (`January-March 2025` is `the first quarter of 2025`).
  word.proper = word.is_name && (name_first || !known) && !text::is_month(word.term);

  add_stem(word, token.stem, MatchKind::kStem);
  word.senses.insert(token.stem);
  for (const std::string& form : word.spellings) {
    if (form == token.term || form == lexical_form(token.term)) continue;
    add_stem(word, text::stem(form), MatchKind::kSpelling);
    word.senses.insert(text::stem(form));
  }
  // The remaining hand-made pairs that WordNet lacks (see text/variants.hpp).
  for (const std::string& related : text::related_words(token.term)) {
    for (const std::string& form : text::spelling_variants(related))
      add_stem(word, text::stem(form), MatchKind::kSynonym);
  }
  for (const std::string& form : word.spellings) {
    for (const text::RelatedWord& related : wordnet.related(form)) {
      // `be`, `have`, `do` are in too many senses to state anything. A name's whole may be
      // written as one (`US`): a source states it only capitalised (see analyze_passage).
      if (text::is_stopword(related.word) && related.relation != text::LexicalRelation::kPart)
        continue;
      const std::string stem = text::stem(related.word);
      switch (related.relation) {
        case text::LexicalRelation::kSynonym:
          add_stem(word, stem, MatchKind::kSynonym);
          word.senses.insert(stem);
          break;
        case text::LexicalRelation::kDerived:
          add_stem(word, stem, MatchKind::kDerived);
          word.senses.insert(stem);
          break;
        case text::LexicalRelation::kHypernym:
          // A name's class is not the name (`Russia` is a state, not every state).
          if (!word.is_name) add_stem(word, stem, MatchKind::kHypernym);
          break;
        case text::LexicalRelation::kPart:
          add_stem(word, stem, MatchKind::kPart);
          break;
        case text::LexicalRelation::kAntonym:
          word.opposite.insert(stem);
          break;
      }
    }
  }
  for (const std::string& form : word.spellings) {
    for (const std::string& opposite : wordnet.general_opposites(form))
      word.opposite.insert(text::stem(opposite));
  }
  // A word that is both related and opposite (WordNet's rare senses) is not an opposite.
  for (auto it = word.opposite.begin(); it != word.opposite.end();) {
    it = word.stems.count(*it) ? word.opposite.erase(it) : std::next(it);
  }
  return word;
}

// Modal verbs the stopword list leaves out (it has `can`, `could`, `will`, `would`): they say
// how a claim is hedged, not what it states, and WordNet knows `may` as a month and `must` as
// a noun, so they would otherwise count as content words a source must state.
bool is_modal(std::string_view term) {
  return term == "may" || term == "might" || term == "must" || term == "shall" || term == "should";
}

bool is_place_preposition(std::string_view term) {
  return term == "in" || term == "at" || term == "near" || term == "into" || term == "inside" ||
         term == "outside" || term == "around" || term == "across";
}

// Whether token `i` is a word like `roughly` or `more than` bounding the next figure: it is
// part of the figure, not a word to find.
bool bounds_quantity(const std::vector<text::Quantity>& quantities, std::size_t i) {
  return std::any_of(quantities.begin(), quantities.end(), [&](const text::Quantity& q) {
    return i < q.first_token && i + q.bound_tokens >= q.first_token;
  });
}

// Adjacent claim words that WordNet lists as one lemma (`cracked down`: `crack_down`, `went
// down`: `go_down`) are stated by that lemma's synonyms and derived forms (`crackdown`,
// `decline`): each word of the collocation is, at the strength of the relation.
void add_collocations(const std::vector<text::Token>& tokens, Claim& claim) {
  const text::WordNet& wordnet = text::WordNet::instance();
  if (!wordnet.available() || claim.words.empty()) return;
  std::unordered_map<std::size_t, std::size_t> word_at;  // token -> claim word
  for (std::size_t w = 0; w < claim.words.size(); ++w) word_at[claim.words[w].token] = w;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].is_number || !word_at.count(i)) continue;
    std::vector<std::string> firsts = wordnet.base_forms(lexical_form(tokens[i].term));
    if (firsts.empty()) continue;
    for (const std::string& first : firsts) {
      std::string lemma = first;
      for (std::size_t k = i + 1; k < std::min(tokens.size(), i + kCollocationWords); ++k) {
        if (tokens[k].is_number) break;
        lemma += "_" + std::string(lexical_form(tokens[k].term));
        const std::vector<std::string> bases = wordnet.base_forms(lemma);
        if (std::find(bases.begin(), bases.end(), lemma) == bases.end()) continue;
        for (const text::RelatedWord& related : wordnet.related(lemma)) {
          // Not its kinds: those of a class named in two words are names (`Asian country`:
          // every one of them), not paraphrases.
          if (text::is_stopword(related.word) ||
              (related.relation != text::LexicalRelation::kSynonym &&
               related.relation != text::LexicalRelation::kDerived))
            continue;
          const MatchKind kind = related.relation == text::LexicalRelation::kSynonym
                                     ? MatchKind::kSynonym
                                     : MatchKind::kDerived;
          for (std::size_t t = i; t <= k; ++t) {
            const auto w = word_at.find(t);
            if (w != word_at.end())
              add_stem(claim.words[w->second], text::stem(related.word), kind);
          }
        }
      }
    }
  }
}

}  // namespace

Claim analyze_claim(std::string_view text, const text::Analyzer& analyzer, const Rarity& rarity) {
  if (text.size() > kMaxClaimBytes) {
    throw Error(ErrorKind::kInvalidArgument,
                "claim of " + std::to_string(text.size()) + " bytes is longer than the " +
                    std::to_string(kMaxClaimBytes) +
                    " bytes cite check accepts: check one sentence at a time");
  }
  Claim claim;
  const std::vector<text::Token> tokens = analyzer.analyze(text);
  std::vector<text::Quantity> quantities = text::extract_quantities(text, tokens);
  if (quantities.size() > kMaxClaimNumbers) quantities.resize(kMaxClaimNumbers);
  for (const text::Quantity& q : quantities) {
    ClaimNumber number{q,
                       std::string(text.substr(q.begin, q.end - q.begin)),
                       context_stems(tokens, quantities, q, 0, tokens.size()),
                       {},
                       0};
    for (std::size_t k = q.first_token; k <= q.last_token; ++k) number.terms.insert(tokens[k].stem);
    // `eighty thousand` should also find passages that write 80,000 (indexed as 80000).
    if (!q.is_range() && q.low == std::floor(q.low) && q.low < 1e15 && q.unit != "day" &&
        q.unit != "per day" && q.unit != "times") {
      number.terms.insert(std::to_string(static_cast<long long>(q.low)));
    }
    if (q.is_year) claim.years.insert(q.low);
    claim.numbers.push_back(std::move(number));
  }
  std::size_t comparative = 0;
  claim.comparison = comparison_direction(tokens, 0, tokens.size(), comparative);
  if (claim.comparison != 0) {
    claim.comparison_surface = std::string(text.substr(
        tokens[comparative].begin, tokens[comparative].end - tokens[comparative].begin));
  }
  std::set<std::string> seen;
  double rarest = 1.0;
  std::size_t first_word = tokens.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].is_number) {
      first_word = i;
      break;
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& token = tokens[i];
    if (inside_quantity(quantities, i) || text::is_stopword(token.term) || token.is_number ||
        bounds_quantity(quantities, i) || is_modal(token.term))
      continue;
    if (!seen.insert(token.stem).second) continue;
    ClaimWord word = analyze_word(text, token, i == first_word);
    // A lower-case word WordNet does not know is a function word (`during`, `among`), which
    // the stopword list leaves to phrases.
    if (!word.is_name && !capitalised(word.surface) && text::WordNet::instance().available() &&
        text::WordNet::instance().base_forms(lexical_form(token.term)).empty())
      continue;
    word.token = i;
    // After a preposition of place (`settled in Yerevan`) a capital is the city itself, not its
    // country's government: only the government is named by the country.
    if (i > 0 && is_place_preposition(tokens[i - 1].term)) {
      for (auto it = word.stems.begin(); it != word.stems.end();)
        it = it->second == MatchKind::kPart ? word.stems.erase(it) : std::next(it);
    }
    word.negated = i > 0 && is_negation(tokens[i - 1].term);
    std::set<std::string> own;
    for (const auto& [stem, kind] : word.stems) {
      if (kind == MatchKind::kStem || kind == MatchKind::kSpelling) own.insert(stem);
    }
    word.weight = rarity(own);
    // Names and figures count most: a claim about another country is another claim. Adverbs
    // (`now`, `currently`, `repeatedly`) qualify what a claim states rather than state it: they
    // count half.
    if (word.is_name) word.weight *= 1.5;
    if (text::WordNet::instance().is_only_adverb(lexical_form(token.term))) word.weight *= 0.5;
    rarest = std::max(rarest, word.weight);
    claim.total_weight += word.weight;
    claim.words.push_back(std::move(word));
  }
  const double average = claim.words.empty() ? rarest : claim.total_weight / claim.words.size();
  for (ClaimNumber& number : claim.numbers) {
    number.weight = number.quantity.is_year ? average : rarest;
    claim.total_weight += number.weight;
  }
  add_collocations(tokens, claim);
  for (std::uint32_t w = 0; w < claim.words.size(); ++w) {
    for (const auto& [stem, kind] : claim.words[w].stems) claim.by_stem[stem].emplace_back(w, kind);
  }
  return claim;
}

std::string describe_matches(const Claim& claim, std::string_view word) {
  for (const ClaimWord& w : claim.words) {
    if (w.term != word) continue;
    std::vector<std::string> parts;
    for (const auto& [stem, kind] : w.stems) parts.push_back(stem + "/" + to_string(kind));
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
  }
  return "";
}

}  // namespace cite::query
