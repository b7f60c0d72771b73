#include "query/check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "query/highlight.hpp"
#include "store/database.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"
#include "text/quantities.hpp"
#include "text/sentences.hpp"
#include "text/stopwords.hpp"
#include "text/variants.hpp"

namespace cite::query {
namespace {

// Candidate passages read per claim: recall matters more here than for `query`.
constexpr Xapian::doccount kCandidates = 40;
// Words either side of a number that describe what it counts.
constexpr std::size_t kContextWindow = 4;
// Share of the claim's word weight a passage must state to support it.
constexpr double kSupportCoverage = 0.75;
// Share a sentence must state for a different figure in it to be about the same thing.
constexpr double kConflictCoverage = 0.5;
// Added to a sentence's coverage for each claim figure it contradicts, when choosing which
// sentence of a passage to show.
constexpr double kConflictSentenceBonus = 0.25;
// Share below which a passage is not even partial evidence.
constexpr double kPartialCoverage = 0.3;

struct ClaimWord {
  std::string surface;          // as written in the claim
  std::set<std::string> stems;  // of every spelling variant and related word
  double weight = 0;            // inverse document frequency
};

struct ClaimNumber {
  text::Quantity quantity;
  std::string surface;
  std::set<std::string> context;  // stems of nearby words
  std::set<std::string> terms;    // to retrieve passages stating it, in words or digits
  double weight =
      0;  // a figure weighs as much as the claim's rarest word, a year as an average one
};

struct Claim {
  std::vector<ClaimWord> words;
  std::vector<ClaimNumber> numbers;
  std::set<double> years;   // the years the claim's figures belong to
  double total_weight = 0;  // of words and numbers
};

bool inside_quantity(const std::vector<text::Quantity>& quantities, std::size_t token) {
  return std::any_of(quantities.begin(), quantities.end(), [&](const text::Quantity& q) {
    return token >= q.first_token && token <= q.last_token;
  });
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

double inverse_document_frequency(const Xapian::Database& db, const std::set<std::string>& stems) {
  const double documents = db.get_doccount();
  Xapian::doccount frequency = 0;
  for (const std::string& stem : stems) {
    frequency = std::max(frequency, db.get_termfreq(std::string(store::kStemPrefix) + stem));
  }
  // A word no source uses at all is weighed like a rare one, not as the rarest of all: the
  // sources may simply say it in other words.
  return std::log((documents + 1) / (std::max<double>(frequency, 1) + 0.5));
}

Claim analyze_claim(const std::string& text, const Xapian::Database& db,
                    const text::Analyzer& analyzer) {
  Claim claim;
  const std::vector<text::Token> tokens = analyzer.analyze(text);
  const std::vector<text::Quantity> quantities = text::extract_quantities(text, tokens);
  for (const text::Quantity& q : quantities) {
    ClaimNumber number{q,
                       text.substr(q.begin, q.end - q.begin),
                       context_stems(tokens, quantities, q, 0, tokens.size()),
                       {},
                       0};
    for (std::size_t k = q.first_token; k <= q.last_token; ++k) number.terms.insert(tokens[k].stem);
    // `eighty thousand` should also find passages that write 80,000 (indexed as 80000).
    if (!q.is_range() && q.low == std::floor(q.low) && q.low < 1e15) {
      number.terms.insert(std::to_string(static_cast<long long>(q.low)));
    }
    if (q.is_year) claim.years.insert(q.low);
    claim.numbers.push_back(std::move(number));
  }
  std::set<std::string> seen;
  double rarest = 1.0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& token = tokens[i];
    if (inside_quantity(quantities, i) || text::is_stopword(token.term) || token.is_number)
      continue;
    if (!seen.insert(token.stem).second) continue;
    ClaimWord word;
    word.surface = text.substr(token.begin, token.end - token.begin);
    std::vector<std::string> forms = text::spelling_variants(token.term);
    for (const std::string& related : text::related_words(token.term)) {
      for (const std::string& form : text::spelling_variants(related)) forms.push_back(form);
    }
    for (const std::string& form : forms) word.stems.insert(text::stem(form));
    word.weight = inverse_document_frequency(db, word.stems);
    rarest = std::max(rarest, word.weight);
    claim.total_weight += word.weight;
    claim.words.push_back(std::move(word));
  }
  const double average = claim.words.empty() ? rarest : claim.total_weight / claim.words.size();
  for (ClaimNumber& number : claim.numbers) {
    number.weight = number.quantity.is_year ? average : rarest;
    claim.total_weight += number.weight;
  }
  return claim;
}

Xapian::Query retrieval_query(const Claim& claim) {
  std::vector<Xapian::Query> parts;
  for (const ClaimWord& word : claim.words) {
    std::vector<Xapian::Query> variants;
    for (const std::string& stem : word.stems)
      variants.emplace_back(std::string(store::kStemPrefix) + stem);
    parts.emplace_back(Xapian::Query::OP_SYNONYM, variants.begin(), variants.end());
  }
  for (const ClaimNumber& number : claim.numbers) {
    for (const std::string& term : number.terms)
      parts.emplace_back(std::string(store::kStemPrefix) + term);
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// One candidate passage, analysed.
struct Candidate {
  Hit hit;
  std::vector<text::Token> tokens;
  std::vector<text::Quantity> quantities;
  std::vector<std::pair<std::size_t, std::size_t>> sentences;  // token ranges
  std::vector<bool> word_found;  // per claim word, anywhere in the passage
  double coverage = 0;           // share of the claim's word weight the passage states
  Sentence sentence;
  double sentence_coverage = 0;
  std::size_t sentence_first = 0;  // token range of the best sentence
  std::size_t sentence_last = 0;
  std::vector<NumberCheck> numbers;
  std::vector<std::size_t> stated_figures;  // indexes into `quantities`: same or conflicting
  bool supports = false;
  bool conflicts = false;
};

bool word_matches(const ClaimWord& word, const text::Token& token) {
  return word.stems.count(token.stem) != 0 ||
         (!token.alternative.empty() && word.stems.count(token.alternative) != 0);
}

// The year a source figure belongs to: the nearest year in its sentence, if any.
std::optional<double> attached_year(const Candidate& c, const text::Quantity& figure) {
  const auto sentence =
      std::find_if(c.sentences.begin(), c.sentences.end(), [&](const auto& range) {
        return figure.first_token >= range.first && figure.first_token < range.second;
      });
  if (sentence == c.sentences.end()) return std::nullopt;
  std::optional<double> year;
  std::size_t nearest = std::numeric_limits<std::size_t>::max();
  for (const text::Quantity& q : c.quantities) {
    if (!q.is_year || q.first_token < sentence->first || q.first_token >= sentence->second)
      continue;
    const std::size_t distance = q.first_token > figure.first_token
                                     ? q.first_token - figure.first_token
                                     : figure.first_token - q.first_token;
    if (distance < nearest) {
      nearest = distance;
      year = q.low;
    }
  }
  return year;
}

// Whether a source figure can be compared with the claim's: when the claim ties its figures to
// a year, a figure the source gives for another year says nothing about it (`80,000 in 2023`
// is neither stated nor contradicted by `80,000 in 2024, 44,200 in 2023`, but by the 44,200).
bool comparable(const Claim& claim, const Candidate& c, const text::Quantity& figure) {
  if (claim.years.empty() || figure.is_year) return true;
  const std::optional<double> year = attached_year(c, figure);
  return !year || claim.years.count(*year) != 0;
}

// Share of the claim's weight that tokens [from, to) state: its words, and its numbers stated
// with the same value.
double coverage_of(const Claim& claim, const Candidate& c, std::size_t from, std::size_t to,
                   std::vector<bool>* found) {
  if (claim.total_weight <= 0) return 1.0;
  const std::vector<text::Token>& tokens = c.tokens;
  double weight = 0;
  for (const ClaimNumber& number : claim.numbers) {
    const bool same =
        std::any_of(c.quantities.begin(), c.quantities.end(), [&](const text::Quantity& q) {
          return q.first_token >= from && q.last_token < to && q.same_value(number.quantity) &&
                 comparable(claim, c, q);
        });
    if (same) weight += number.weight;
  }
  for (std::size_t w = 0; w < claim.words.size(); ++w) {
    const bool present = std::any_of(
        tokens.begin() + static_cast<long>(from), tokens.begin() + static_cast<long>(to),
        [&](const text::Token& t) { return word_matches(claim.words[w], t); });
    if (present) weight += claim.words[w].weight;
    if (found != nullptr) found->push_back(present);
  }
  return weight / claim.total_weight;
}

double value_distance(const text::Quantity& a, const text::Quantity& b) {
  if (a.low <= 0 || b.low <= 0) return std::fabs(a.low - b.low);
  return std::fabs(std::log(a.low / b.low));
}

struct Comparison {
  NumberRelation relation = NumberRelation::kAbsent;
  std::size_t figure = 0;  // index into the candidate's quantities, unless absent
};

// How a claim number compares with the quantities of tokens [from, to) of a passage.
Comparison compare_number(const Claim& claim, const ClaimNumber& number, const Candidate& c,
                          std::size_t from, std::size_t to) {
  const text::Quantity* best = nullptr;
  std::size_t best_overlap = 0;
  for (const text::Quantity& q : c.quantities) {
    if (q.first_token < from || q.last_token >= to || !comparable(claim, c, q)) continue;
    const auto index = static_cast<std::size_t>(&q - c.quantities.data());
    if (q.same_value(number.quantity)) return {NumberRelation::kSame, index};
    // A different year is another event, not a contradiction.
    if (!q.same_kind(number.quantity) || q.is_year) continue;
    const std::set<std::string> context = context_stems(c.tokens, c.quantities, q, from, to);
    std::size_t overlap = 0;
    for (const std::string& stem : context) overlap += number.context.count(stem);
    // Among figures in equally close contexts, the nearest in value is the one the claim
    // restates (`120 million` vs 146.1, 138.1 and 130 million: the 130).
    const bool closer = best != nullptr && overlap == best_overlap &&
                        value_distance(q, number.quantity) < value_distance(*best, number.quantity);
    if (overlap > best_overlap || (overlap > 0 && closer)) {
      best = &q;
      best_overlap = overlap;
    }
  }
  if (best == nullptr) return {};
  return {NumberRelation::kConflict, static_cast<std::size_t>(best - c.quantities.data())};
}

std::pair<std::size_t, std::size_t> token_range(const std::vector<text::Token>& tokens,
                                                std::size_t begin, std::size_t end) {
  std::size_t first = 0;
  while (first < tokens.size() && tokens[first].begin < begin) ++first;
  std::size_t last = first;
  while (last < tokens.size() && tokens[last].end <= end) ++last;
  return {first, last};
}

// Share of the claim's word weight (numbers aside) that the passage states.
double word_coverage(const Claim& claim, const Candidate& c) {
  double found = 0;
  double total = 0;
  for (std::size_t w = 0; w < claim.words.size(); ++w) {
    total += claim.words[w].weight;
    if (c.word_found[w]) found += claim.words[w].weight;
  }
  return total > 0 ? found / total : 0;
}

void evaluate(Candidate& c, const Claim& claim, const text::Analyzer& document_analyzer) {
  const std::string& text = c.hit.citation.text;
  c.tokens = document_analyzer.analyze(text);
  c.quantities = text::extract_quantities(text, c.tokens);
  const std::vector<std::pair<std::size_t, std::size_t>> spans = text::sentence_spans(text);
  for (const auto& [begin, end] : spans) c.sentences.push_back(token_range(c.tokens, begin, end));
  c.coverage = coverage_of(claim, c, 0, c.tokens.size(), &c.word_found);

  // The best sentence: the one stating most of the claim.
  double best_score = -1;
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const auto [begin, end] = spans[s];
    const auto [first, last] = c.sentences[s];
    const double coverage = coverage_of(claim, c, first, last, nullptr);
    // Coverage already counts the figures stated alike; a sentence stating a different figure
    // gets a small bonus so that the disagreement is what the evidence shows.
    double score = coverage;
    for (const ClaimNumber& number : claim.numbers) {
      const NumberRelation relation = compare_number(claim, number, c, first, last).relation;
      if (relation == NumberRelation::kConflict) score += kConflictSentenceBonus;
    }
    if (score > best_score) {
      best_score = score;
      c.sentence = {c.hit.citation.byte_start + begin, c.hit.citation.byte_start + end,
                    text.substr(begin, end - begin)};
      c.sentence_coverage = coverage;
      c.sentence_first = first;
      c.sentence_last = last;
    }
  }

  bool all_numbers_same = true;
  bool conflict_in_sentence = false;
  bool conflict_in_passage = false;
  for (const ClaimNumber& number : claim.numbers) {
    Comparison in_passage = compare_number(claim, number, c, 0, c.tokens.size());
    const Comparison in_sentence =
        compare_number(claim, number, c, c.sentence_first, c.sentence_last);
    all_numbers_same = all_numbers_same && in_passage.relation == NumberRelation::kSame;
    conflict_in_passage = conflict_in_passage || in_passage.relation == NumberRelation::kConflict;
    if (in_sentence.relation == NumberRelation::kConflict &&
        in_passage.relation != NumberRelation::kSame) {
      conflict_in_sentence = true;
      in_passage = in_sentence;
    }
    NumberCheck check{number.surface, "", in_passage.relation};
    if (in_passage.relation != NumberRelation::kAbsent) {
      const text::Quantity& figure = c.quantities[in_passage.figure];
      check.source = text.substr(figure.begin, figure.end - figure.begin);
      c.stated_figures.push_back(in_passage.figure);
    }
    c.numbers.push_back(std::move(check));
  }
  c.supports = all_numbers_same && c.coverage >= kSupportCoverage;
  // About the same thing: the sentence with the other figure states half the claim, or the
  // passage states the claim's words (`Crocus City Hall` one sentence before `killed 145`).
  c.conflicts = (conflict_in_sentence && c.sentence_coverage >= kConflictCoverage) ||
                (conflict_in_passage && word_coverage(claim, c) >= kSupportCoverage);
}

// Whether a passage says enough about the claim to be evidence at all: a share of its weight,
// including at least one of its words (sharing only a figure and a year is coincidence).
bool relevant(const Candidate& c, const Claim& claim) {
  const bool a_word = claim.words.empty() || std::find(c.word_found.begin(), c.word_found.end(),
                                                       true) != c.word_found.end();
  return a_word && c.coverage >= kPartialCoverage;
}

Evidence to_evidence(const Candidate& c, const Claim& claim, int rank) {
  Evidence e;
  e.hit = c.hit;
  e.hit.rank = rank;
  e.sentence = c.sentence;
  e.numbers = c.numbers;
  MatchedWords words;
  for (std::size_t w = 0; w < claim.words.size(); ++w) {
    (c.word_found[w] ? e.matched : e.missing).push_back(claim.words[w].surface);
    if (c.word_found[w])
      words.stems.insert(claim.words[w].stems.begin(), claim.words[w].stems.end());
  }
  for (const NumberCheck& number : c.numbers) {
    (number.relation == NumberRelation::kSame ? e.matched : e.missing).push_back(number.claim);
  }
  std::vector<ByteRange> ranges = highlight(c.tokens, c.hit.citation.byte_start, words);
  for (const std::size_t figure : c.stated_figures) {
    const text::Quantity& q = c.quantities[figure];
    ranges.emplace_back(c.hit.citation.byte_start + q.begin, c.hit.citation.byte_start + q.end);
  }
  std::sort(ranges.begin(), ranges.end());
  for (const ByteRange& range : ranges) {
    if (e.hit.highlights.empty() || range.first >= e.hit.highlights.back().second) {
      e.hit.highlights.push_back(range);
    }
  }
  return e;
}

}  // namespace

CheckResult check_claim(const Xapian::Database& db, const Analyzers& analyzers,
                        const std::string& claim_text, const CheckOptions& options) {
  CheckResult result;
  result.claim = claim_text;
  const Claim claim = analyze_claim(claim_text, db, analyzers.query);
  if (claim.words.empty() && claim.numbers.empty()) return result;

  Xapian::Enquire enquire(db);
  enquire.set_query(retrieval_query(claim));
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const Xapian::MSet mset = enquire.get_mset(0, kCandidates);
  const std::string root = store::recorded_root(db);
  std::vector<Candidate> candidates;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Candidate c;
    c.hit.score = it.get_weight();
    c.hit.citation = store::read_citation(db, *it, root);
    evaluate(c, claim, analyzers.document);
    candidates.push_back(std::move(c));
  }
  // Supporting passages first, then disagreeing ones, then the rest by how much they state;
  // passages stating too little of the claim last, whatever they are.
  auto strength = [&](const Candidate& c) {
    if (!relevant(c, claim)) return 0;
    return c.supports ? 3 : c.conflicts ? 2 : 1;
  };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const Candidate& a, const Candidate& b) {
                     if (strength(a) != strength(b)) return strength(a) > strength(b);
                     return a.coverage + a.sentence_coverage > b.coverage + b.sentence_coverage;
                   });
  const bool supported = !candidates.empty() && candidates.front().supports;
  const bool conflicting = !candidates.empty() && candidates.front().conflicts;
  const bool partial = !candidates.empty() && relevant(candidates.front(), claim);
  result.verdict = supported     ? Verdict::kSupported
                   : conflicting ? Verdict::kConflicting
                   : partial     ? Verdict::kPartial
                                 : Verdict::kNotFound;
  if (result.verdict == Verdict::kNotFound) return result;
  // Every passage that disagrees is shown, whatever the limit, even when another supports the
  // claim: sources that contradict each other are what a fact-checker must see. Passages that
  // state too little of the claim are never shown to fill the limit.
  for (const Candidate& c : candidates) {
    if (!relevant(c, claim)) break;
    if (result.evidence.size() >= options.max_evidence && !c.conflicts) continue;
    result.evidence.push_back(to_evidence(c, claim, static_cast<int>(result.evidence.size()) + 1));
  }
  return result;
}

}  // namespace cite::query
