#include "query/align.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "text/sentences.hpp"
#include "text/stopwords.hpp"
#include "text/variants.hpp"
#include "text/wordnet.hpp"

namespace cite::query {
namespace {

// Added to a window's coverage for each claim figure it contradicts, when choosing the window:
// the disagreement is what the evidence must show.
constexpr double kConflictWindowBonus = 0.25;
// Word-by-token cells past which the order-keeping alignment is skipped (a hostile claim or
// sentence); the words are then aligned to their best match wherever it is.
constexpr std::size_t kMaxAlignmentCells = 1 << 18;
// Source tokens whose WordNet antonyms are looked up, per claim word: those in its place only.
constexpr std::size_t kMaxOppositeLookups = 12;

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// How far below WordNet's root a noun must be to count something the claim does not: `people`,
// `persons`, `individuals`, `cases` (3 to 6) count whatever the claim counts; `camps`,
// `children`, `municipalities` (7 and more) count those only.
constexpr int kSpecificNounDepth = 7;
// Tokens after a figure where the word saying what it counts is written (`115,000 dead`,
// `500,000 Russian troops`).
constexpr std::size_t kFigureNounReach = 2;

std::pair<std::size_t, std::size_t> token_range(const std::vector<text::Token>& tokens,
                                                std::size_t begin, std::size_t end,
                                                std::size_t from) {
  std::size_t first = from;
  while (first < tokens.size() && tokens[first].begin < begin) ++first;
  std::size_t last = first;
  while (last < tokens.size() && tokens[last].end <= end) ++last;
  return {first, last};
}

// Quantities whose tokens lie in [from, to): they are in text order.
std::pair<std::size_t, std::size_t> quantity_range(const Passage& p, std::size_t from,
                                                   std::size_t to) {
  const auto first =
      std::lower_bound(p.quantities.begin(), p.quantities.end(), from,
                       [](const text::Quantity& q, std::size_t t) { return q.first_token < t; });
  auto last = first;
  while (last != p.quantities.end() && last->last_token < to) ++last;
  return {static_cast<std::size_t>(first - p.quantities.begin()),
          static_cast<std::size_t>(last - p.quantities.begin())};
}

// Whether a source figure can be compared with the claim's: when the claim ties its figures to
// a year, a figure the source gives for another year says nothing about it (`80,000 in 2023`
// is neither stated nor contradicted by `80,000 in 2024, 44,200 in 2023`, but by the 44,200).
bool comparable(const Claim& claim, const Passage& p, std::size_t figure) {
  const text::Quantity& q = p.quantities[figure];
  if (claim.years.empty() || q.is_year) return true;
  const std::optional<double>& year = p.figure_year[figure];
  return !year || claim.years.count(*year) != 0;
}

bool states(const Claim& claim, const ClaimNumber& number, const Passage& p, std::size_t figure) {
  return number.quantity.agrees_with(p.quantities[figure]) && comparable(claim, p, figure);
}

double value_distance(const text::Quantity& a, const text::Quantity& b) {
  if (a.low <= 0 || b.low <= 0) return std::fabs(a.low - b.low);
  return std::fabs(std::log(a.low / b.low));
}

// Relative error of a multiple computed from two rounded figures (`14,000` to `70,000`).
constexpr double kRatioTolerance = 0.1;

// A figure of quantities [first, last) that states the claim's figure together with another: a
// multiple stated as the change between two figures (`rose from 14,000 in 2012 to 70,000 in
// 2021` for `grew fivefold`), or a range of years by both its ends (`between 2012 and 2021`).
std::optional<std::size_t> stated_by_pair(const ClaimNumber& number, const Passage& p,
                                          std::size_t first, std::size_t last) {
  const text::Quantity& claimed = number.quantity;
  if (claimed.is_year && claimed.is_range()) {
    std::optional<std::size_t> low;
    bool high = false;
    for (std::size_t f = first; f < last; ++f) {
      const text::Quantity& q = p.quantities[f];
      if (!q.is_year || q.is_range()) continue;
      if (q.low == claimed.low && !low) low = f;
      high = high || q.low == claimed.high;
    }
    return low && high ? low : std::nullopt;
  }
  if (claimed.unit != "times" || claimed.is_range()) return std::nullopt;
  for (std::size_t f = first; f < last; ++f) {
    const text::Quantity& from = p.quantities[f];
    const std::size_t lead = from.first_token - from.bound_tokens;
    if (from.is_year || from.unit == "times" || from.is_range() || from.low <= 0 || lead == 0 ||
        p.tokens[lead - 1].term != "from")
      continue;
    for (std::size_t g = f + 1; g < last; ++g) {
      const text::Quantity& to = p.quantities[g];
      if (to.is_year || !to.same_kind(from) || to.is_range()) continue;
      bool joined = false;
      for (std::size_t t = from.last_token + 1; t < to.first_token && !joined; ++t)
        joined = p.tokens[t].term == "to";
      if (!joined) break;
      text::Quantity ratio;
      ratio.unit = "times";
      ratio.low = ratio.high = to.low / from.low;
      ratio.tolerance = kRatioTolerance;
      if (claimed.agrees_with(ratio)) return g;
      break;
    }
  }
  return std::nullopt;
}

// How a claim number compares with the quantities of tokens [from, to) of a passage.
// A figure is about the same thing as the claim's when their words around overlap. In a window
// (`sentence`), also when it is the window's only figure of that unit that the claim does not
// state otherwise (`49% more in 2023 than in 2019` for `49 times the 2019 level`): the window
// states the rest of the claim. Bare counts need the overlap: a count of something else is too
// common (`28 bills`, `[1]`).
FigureAlignment compare_number(const Claim& claim, const ClaimNumber& number, const Passage& p,
                               std::size_t from, std::size_t to, bool year_stated,
                               bool sentence = false) {
  const auto [first, last] = quantity_range(p, from, to);
  if (const std::optional<std::size_t> pair = stated_by_pair(number, p, first, last))
    return {NumberRelation::kSame, *pair};
  std::size_t best = kNone;
  std::size_t best_overlap = 0;
  std::size_t sole = kNone;
  std::size_t others = 0;
  for (std::size_t f = first; f < last; ++f) {
    const text::Quantity& q = p.quantities[f];
    if (!comparable(claim, p, f)) continue;
    if (number.quantity.agrees_with(q)) return {NumberRelation::kSame, f};
    if (!q.same_kind(number.quantity) || p.counts_other[f]) continue;
    // A different year is another event, unless the passage never gives the claim's year
    // (`signed in January 2023` where it says `In January 2024, Putin decreed`).
    if (q.is_year && year_stated) continue;
    const bool stated_otherwise =
        std::any_of(claim.numbers.begin(), claim.numbers.end(),
                    [&](const ClaimNumber& other) { return other.quantity.agrees_with(q); });
    if (!stated_otherwise) {
      sole = f;
      ++others;
    }
    const std::set<std::string> context = context_stems(p.tokens, p.quantities, q, from, to);
    std::size_t overlap = 0;
    for (const std::string& stem : context) overlap += number.context.count(stem);
    // Among figures in equally close contexts, the nearest in value is the one the claim
    // restates (`120 million` vs 146.1, 138.1 and 130 million: the 130).
    const bool closer =
        best != kNone && overlap == best_overlap &&
        value_distance(q, number.quantity) < value_distance(p.quantities[best], number.quantity);
    if (overlap > best_overlap || (overlap > 0 && closer)) {
      best = f;
      best_overlap = overlap;
    }
  }
  if (best == kNone && sentence && others == 1 && !p.quantities[sole].is_year &&
      !number.quantity.unit.empty())
    best = sole;
  if (best == kNone) return {};
  return {NumberRelation::kConflict, best};
}

bool capitalised_at(std::string_view text, std::size_t pos) {
  UChar32 c = 0;
  auto i = static_cast<std::int32_t>(pos);
  U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
  return c >= 0 && u_isupper(c);
}

// Per claim word, the strongest positive match among tokens [from, to), and the share of the
// claim's weight they state (figures stated alike included).
struct WindowScore {
  std::vector<WordAlignment> words;
  double coverage = 0;
  std::size_t figure_conflicts = 0;
};

class Aligner {
 public:
  Aligner(const Claim& claim, const Passage& p)
      : claim_(claim), p_(p), scratch_(claim.words.size()) {
    for (const ClaimNumber& number : claim.numbers) {
      year_stated_.push_back(
          number.quantity.is_year &&
          std::any_of(p.quantities.begin(), p.quantities.end(), [&](const text::Quantity& q) {
            return q.is_year && number.quantity.agrees_with(q);
          }));
    }
  }

  // With `keep_words`, the per-word alignment too; without, only the coverage, in time
  // proportional to the window (not to the claim: a long claim meets many short windows).
  WindowScore score(std::size_t from, std::size_t to, bool keep_words = false) const {
    WindowScore s;
    double weight = 0;
    touched_.clear();
    for (std::size_t t = from; t < to; ++t) {
      for (std::uint32_t m = p_.match_offsets[t]; m < p_.match_offsets[t + 1]; ++m) {
        const auto [w, kind] = p_.matches[m];
        WordAlignment& a = scratch_[w];
        if (!a.found) touched_.push_back(w);
        if (!a.found || kind < a.kind) {
          a.found = true;
          a.in_passage = true;
          a.kind = kind;
          a.token = t;
        }
      }
    }
    if (keep_words) s.words.resize(claim_.words.size());
    for (const std::uint32_t w : touched_) {
      weight += claim_.words[w].weight * match_strength(scratch_[w].kind);
      if (keep_words) s.words[w] = scratch_[w];
      scratch_[w] = WordAlignment{};
    }
    const auto [first, last] = quantity_range(p_, from, to);
    for (std::size_t n = 0; n < claim_.numbers.size(); ++n) {
      const ClaimNumber& number = claim_.numbers[n];
      bool same = false;
      for (std::size_t f = first; f < last && !same; ++f) same = states(claim_, number, p_, f);
      same = same || stated_by_pair(number, p_, first, last).has_value();
      if (same) {
        weight += number.weight;
      } else if (compare_number(claim_, number, p_, from, to, year_stated_[n], true).relation ==
                 NumberRelation::kConflict) {
        ++s.figure_conflicts;
      }
    }
    // Clamped: sums of floating-point weights can pass 1 by a rounding error.
    s.coverage = claim_.total_weight > 0 ? std::min(1.0, weight / claim_.total_weight) : 1.0;
    return s;
  }

  Alignment run() const {
    Alignment a;
    const std::size_t n = p_.tokens.size();
    const WindowScore whole = score(0, n, true);
    a.coverage = whole.coverage;
    double word_total = 0;
    double word_found = 0;
    for (std::size_t w = 0; w < claim_.words.size(); ++w) {
      word_total += claim_.words[w].weight;
      if (whole.words[w].found)
        word_found += claim_.words[w].weight * match_strength(whole.words[w].kind);
    }
    a.word_coverage = word_total > 0 ? word_found / word_total : 0;

    // The window: the sentence, or pair of adjacent sentences, stating most of the claim.
    double best = -1;
    const std::size_t sentences = p_.sentence_tokens.size();
    for (std::size_t s = 0; s < sentences; ++s) {
      for (std::size_t span = 1; span <= 2 && s + span <= sentences; ++span) {
        const std::size_t from = p_.sentence_tokens[s].first;
        const std::size_t to = p_.sentence_tokens[s + span - 1].second;
        if (span == 2 && from == to) continue;
        const WindowScore ws = score(from, to);
        // A second sentence must add to the first to be shown.
        const double value =
            ws.coverage + kConflictWindowBonus * ws.figure_conflicts - (span == 2 ? 1e-6 : 0);
        if (value > best) {
          best = value;
          a.first_sentence = s;
          a.last_sentence = s + span - 1;
          a.first_token = from;
          a.last_token = to;
        }
      }
    }
    if (sentences == 0) a.last_token = n;
    const WindowScore chosen = score(a.first_token, a.last_token, true);
    a.window_coverage = chosen.coverage;
    a.words = chosen.words;
    for (std::size_t w = 0; w < claim_.words.size(); ++w) {
      if (!a.words[w].found && whole.words[w].found) {
        a.words[w] = whole.words[w];
        a.words[w].found = false;  // stated elsewhere in the passage
      }
    }

    for (std::size_t k = 0; k < claim_.numbers.size(); ++k) {
      const ClaimNumber& number = claim_.numbers[k];
      // The window decides: it is where the passage states the claim. Elsewhere, the figure
      // may belong to another event.
      const FigureAlignment in_window =
          compare_number(claim_, number, p_, a.first_token, a.last_token, year_stated_[k], true);
      if (in_window.relation == NumberRelation::kConflict)
        a.conflicts.push_back({ConflictKind::kFigure, k, in_window.figure});
      a.figures.push_back(in_window.relation != NumberRelation::kAbsent
                              ? in_window
                              : compare_number(claim_, number, p_, 0, n, year_stated_[k]));
    }
    traded_figures(a);
    // Names and directions are compared sentence by sentence: the slot of a word is in one.
    if (sentences == 0) {
      slot_conflicts(a, 0, n);
    } else {
      for (std::size_t s = a.first_sentence; s <= a.last_sentence; ++s) {
        const auto [from, to] = p_.sentence_tokens[s];
        // A sentence stating each of the claim's figures is about the claim too, though
        // other names in its names' places make it state less than half of it (`Tajik
        // migrants in 2011 when Moscow and Dushanbe argued` for `In 2011 ... Kyrgyz migrants
        // ... a quarrel with Bishkek`): figures are the strongest anchors.
        const double coverage = score(from, to).coverage;
        if (coverage >= kConflictCoverage ||
            (coverage >= kPartialCoverage && states_every_figure(from, to)))
          slot_conflicts(a, from, to);
      }
    }
    // A comparison is stated across the window: what is compared in one sentence, the
    // direction in the next (`the rate for Russian applicants was 33%. Russian rates remain
    // well below those of Afghans`). The window need only be about the claim (the partial share):
    // the sides of a comparison are seldom worded as the claim words them (`granted protection`
    // against `recognition rates`), and the opposite comparative must be the window's only
    // direction. Once per source word: `above` / `below` are WordNet antonyms too.
    std::size_t at = 0;
    if (claim_.comparison != 0 && a.window_coverage >= kPartialCoverage &&
        comparison_direction(p_.tokens, a.first_token, a.last_token, at) == -claim_.comparison &&
        std::none_of(a.conflicts.begin(), a.conflicts.end(), [&](const FoundConflict& c) {
          return c.kind == ConflictKind::kDirection && c.source == at;
        })) {
      a.conflicts.push_back({ConflictKind::kComparison, 0, at});
    }
    return a;
  }

 private:
  // Claim words aligned in order to tokens [from, to): the alignment that states most of the
  // claim's weight without crossing (a longest common subsequence, weighted by match strength).
  std::vector<std::size_t> in_order(std::size_t from, std::size_t to) const {
    const std::size_t m = claim_.words.size();
    const std::size_t len = to - from;
    std::vector<std::size_t> aligned(m, kNone);
    if (m == 0 || len == 0 || m * len > kMaxAlignmentCells) return aligned;
    // Claim words in claim order (they are stored so).
    std::vector<double> table((m + 1) * (len + 1), 0.0);
    auto at = [&](std::size_t i, std::size_t j) -> double& { return table[i * (len + 1) + j]; };
    auto cell = [&](std::size_t w, std::size_t t) {
      double value = 0;
      for (std::uint32_t k = p_.match_offsets[t]; k < p_.match_offsets[t + 1]; ++k) {
        if (p_.matches[k].first == w)
          value = std::max(value, claim_.words[w].weight * match_strength(p_.matches[k].second));
      }
      return value;
    };
    for (std::size_t i = 1; i <= m; ++i) {
      for (std::size_t j = 1; j <= len; ++j) {
        const double match = cell(i - 1, from + j - 1);
        at(i, j) = std::max({at(i - 1, j), at(i, j - 1), match > 0 ? at(i - 1, j - 1) + match : 0});
      }
    }
    for (std::size_t i = m, j = len; i > 0 && j > 0;) {
      const double match = cell(i - 1, from + j - 1);
      if (match > 0 && at(i, j) == at(i - 1, j - 1) + match) {
        aligned[i - 1] = from + j - 1;
        --i;
        --j;
      } else if (at(i, j) == at(i - 1, j)) {
        --i;
      } else {
        --j;
      }
    }
    return aligned;
  }

  // The claim word written right after a figure (`115,000 wounded`): what the figure counts.
  std::size_t word_after(const text::Quantity& q) const {
    for (std::size_t w = 0; w < claim_.words.size(); ++w) {
      const std::size_t t = claim_.words[w].token;
      if (t > q.last_token && t <= q.last_token + kFigureNounReach) return w;
    }
    return kNone;
  }

  bool stated_after(const text::Quantity& q, std::size_t w) const {
    const std::size_t end = std::min(p_.tokens.size(), q.last_token + 1 + kFigureNounReach);
    for (std::size_t t = q.last_token + 1; t < end; ++t) {
      if (positive_match(t, w)) return true;
    }
    return false;
  }

  // Figures that traded places: each of the claim's figures is stated in the window, but the
  // word the claim writes after one (`115,000 wounded`) follows another of them in the source
  // (`500,000 wounded`). The figure is the source's, its role is not.
  void traded_figures(Alignment& a) const {
    for (std::size_t k = 0; k < claim_.numbers.size(); ++k) {
      const FigureAlignment& mine = a.figures[k];
      if (mine.relation != NumberRelation::kSame) continue;
      const std::size_t w = word_after(claim_.numbers[k].quantity);
      if (w == kNone || stated_after(p_.quantities[mine.figure], w)) continue;
      for (std::size_t j = 0; j < claim_.numbers.size(); ++j) {
        const FigureAlignment& other = a.figures[j];
        if (j == k || other.relation != NumberRelation::kSame || other.figure == mine.figure ||
            !p_.quantities[other.figure].same_kind(p_.quantities[mine.figure]) ||
            p_.quantities[other.figure].first_token < a.first_token ||
            p_.quantities[other.figure].last_token >= a.last_token)
          continue;
        if (stated_after(p_.quantities[other.figure], w)) {
          a.conflicts.push_back({ConflictKind::kFigure, k, other.figure});
          return;
        }
      }
    }
  }

  bool states_every_figure(std::size_t from, std::size_t to) const {
    if (claim_.numbers.empty()) return false;
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::pair<std::size_t, std::size_t> range = quantity_range(p_, from, to);
    return std::all_of(claim_.numbers.begin(), claim_.numbers.end(), [&](const ClaimNumber& n) {
      for (std::size_t f = range.first; f < range.second; ++f) {
        if (states(claim_, n, p_, f)) return true;
      }
      return false;
    });
  }

  bool positive_match(std::size_t t, std::size_t w) const {
    for (std::uint32_t k = p_.match_offsets[t]; k < p_.match_offsets[t + 1]; ++k) {
      if (p_.matches[k].first == w) return true;
    }
    return false;
  }

  bool negated_at(std::size_t t) const { return t > 0 && is_negation(p_.tokens[t - 1].term); }

  bool content(std::size_t t) const {
    const text::Token& token = p_.tokens[t];
    return !token.is_number && !text::is_stopword(token.term) && !inside_quantity(p_.quantities, t);
  }

  // Whether source token `t` reverses claim word `w`: it is one of the word's antonyms, or one of
  // its antonyms is a form or synonym of the word (`declining` is the opposite of `improving`,
  // a synonym of `rising`).
  bool opposes(std::size_t t, const ClaimWord& word, std::size_t& lookups) const {
    const text::Token& token = p_.tokens[t];
    if (word.opposite.count(token.stem)) return true;
    if (word.opposite.empty() || lookups >= kMaxOppositeLookups) return false;
    ++lookups;
    for (const text::RelatedWord& r : text::WordNet::instance().related(lexical_form(token.term))) {
      if (r.relation == text::LexicalRelation::kAntonym && word.senses.count(text::stem(r.word)))
        return true;
    }
    // A way of doing the opposite (`reducing` is a way to `decrease`, the opposite of what
    // `raising` is a way to).
    for (const std::string& general :
         text::WordNet::instance().generalisations(lexical_form(token.term))) {
      if (word.opposite.count(text::stem(general))) return true;
    }
    return false;
  }

  void slot_conflicts(Alignment& a, std::size_t from, std::size_t to) const {
    const std::vector<std::size_t> aligned = in_order(from, to);
    std::vector<bool> taken(to - from, false);
    for (const std::size_t t : aligned) {
      if (t != kNone) taken[t - from] = true;
    }
    for (std::size_t w = 0; w < claim_.words.size(); ++w) {
      if (aligned[w] != kNone) continue;
      const ClaimWord& word = claim_.words[w];
      const auto [gap_from, gap_to] = place(aligned, w, from, to);
      bool stated = false;
      for (std::size_t t = from; t < to && !stated; ++t) stated = positive_match(t, w);
      // A negated word says the opposite already (`not far` is `close`).
      const bool negated = word.negated;
      std::size_t lookups = 0;
      for (std::size_t t = gap_from; t < gap_to; ++t) {
        if (taken[t - from] || !content(t)) continue;
        const text::Token& token = p_.tokens[t];
        // A name in the claim name's place is a rival unless the claim names it too; then only
        // if the two traded places.
        const bool unclaimed = p_.match_offsets[t] == p_.match_offsets[t + 1];
        if (word.is_name && capitalised_at(p_.text, token.begin) && !positive_match(t, w) &&
            (unclaimed ? !stated : swapped(aligned, w, t, from, to))) {
          if (same_kind(word, t)) {
            a.conflicts.push_back({ConflictKind::kName, w, t});
            break;
          }
        }
        if (!negated && !negated_at(t) && opposes(t, word, lookups)) {
          a.conflicts.push_back({ConflictKind::kDirection, w, t});
          break;
        }
      }
      // A claim that words the sentence in another order has no place for its name there
      // (`signed an agreement with the Netherlands to make it easier for its citizens to move`
      // against `signed a deal to facilitate the movement of its citizens to Germany`): when the
      // sentence does not state the name at all, the one unclaimed name of its kind in the
      // sentence stands for it.
      if (!word.is_name || stated ||
          (!a.conflicts.empty() && a.conflicts.back().claim_item == w &&
           a.conflicts.back().kind != ConflictKind::kFigure))
        continue;
      std::size_t rival = kNone;
      std::size_t rivals = 0;
      for (std::size_t t = from; t < to; ++t) {
        if (taken[t - from] || !content(t) || p_.match_offsets[t] != p_.match_offsets[t + 1] ||
            !capitalised_at(p_.text, p_.tokens[t].begin) || !same_kind(word, t))
          continue;
        rival = t;
        ++rivals;
      }
      if (rivals == 1) a.conflicts.push_back({ConflictKind::kName, w, rival});
    }
  }

  bool same_kind(const ClaimWord& word, std::size_t t) const {
    const std::vector<std::string> theirs =
        text::spelling_variants(lexical_form(p_.tokens[t].term));
    return std::any_of(word.spellings.begin(), word.spellings.end(), [&](const std::string& form) {
      return std::any_of(theirs.begin(), theirs.end(), [&](const std::string& other) {
        return text::WordNet::instance().same_kind(form, other);
      });
    });
  }

  // The place of claim word `w` in tokens [from, to): between the source tokens of its aligned
  // neighbours.
  std::pair<std::size_t, std::size_t> place(const std::vector<std::size_t>& aligned, std::size_t w,
                                            std::size_t from, std::size_t to) const {
    std::size_t gap_from = from;
    std::size_t gap_to = to;
    for (std::size_t v = w; v-- > 0;) {
      if (aligned[v] != kNone) {
        gap_from = aligned[v] + 1;
        break;
      }
    }
    for (std::size_t v = w + 1; v < claim_.words.size(); ++v) {
      if (aligned[v] != kNone) {
        gap_to = aligned[v];
        break;
      }
    }
    return {gap_from, gap_to};
  }

  // Whether the claim name `w`, stated elsewhere in the sentence, traded places with another
  // claim name that token `t` states: each stands in the other's place (`Krasnoyarsk mostly
  // receives Kyrgyz, while Komi is home to many Tajiks` for `Krasnoyarsk has mainly Tajik
  // migrants, while Komi hosts many Kyrgyz`).
  bool swapped(const std::vector<std::size_t>& aligned, std::size_t w, std::size_t t,
               std::size_t from, std::size_t to) const {
    for (std::uint32_t k = p_.match_offsets[t]; k < p_.match_offsets[t + 1]; ++k) {
      const std::uint32_t other = p_.matches[k].first;
      if (other == w || aligned[other] != kNone || !claim_.words[other].is_name) continue;
      const auto [other_from, other_to] = place(aligned, other, from, to);
      for (std::size_t u = other_from; u < other_to; ++u) {
        if (positive_match(u, w)) return true;
      }
    }
    return false;
  }

  const Claim& claim_;
  const Passage& p_;
  std::vector<bool> year_stated_;
  mutable std::vector<WordAlignment> scratch_;  // per claim word, cleared after each window
  mutable std::vector<std::uint32_t> touched_;
};

}  // namespace

const char* to_string(ConflictKind kind) noexcept {
  switch (kind) {
    case ConflictKind::kFigure:
      return "figure";
    case ConflictKind::kDirection:
      return "direction";
    case ConflictKind::kComparison:
      return "direction";
    case ConflictKind::kName:
      return "name";
  }
  return "figure";
}

Passage analyze_passage(std::string_view text, const text::Analyzer& analyzer, const Claim& claim) {
  Passage p;
  p.text = text;
  p.tokens = analyzer.analyze(text);
  p.quantities = text::extract_quantities(text, p.tokens);
  p.sentence_bytes = text::sentence_spans(text);
  std::size_t from = 0;
  for (const auto& [begin, end] : p.sentence_bytes) {
    p.sentence_tokens.push_back(token_range(p.tokens, begin, end, from));
    from = p.sentence_tokens.back().second;
  }
  // The year each figure belongs to: the nearest year in its sentence. One pass over sentences
  // and figures together, both in text order.
  p.figure_year.assign(p.quantities.size(), std::nullopt);
  std::size_t q = 0;
  for (const auto& [first, last] : p.sentence_tokens) {
    while (q < p.quantities.size() && p.quantities[q].first_token < first) ++q;
    std::size_t end = q;
    std::vector<std::size_t> years;
    while (end < p.quantities.size() && p.quantities[end].first_token < last) {
      if (p.quantities[end].is_year) years.push_back(end);
      ++end;
    }
    if (!years.empty()) {
      std::size_t y = 0;
      for (std::size_t f = q; f < end; ++f) {
        const std::size_t at = p.quantities[f].first_token;
        while (y + 1 < years.size() && p.quantities[years[y + 1]].first_token <= at) ++y;
        std::size_t nearest = years[y];
        if (y + 1 < years.size()) {
          const std::size_t before = p.quantities[years[y]].first_token;
          const std::size_t after = p.quantities[years[y + 1]].first_token;
          const std::size_t d_before = at > before ? at - before : before - at;
          if (after - at < d_before) nearest = years[y + 1];
        }
        p.figure_year[f] = p.quantities[nearest].low;
      }
    }
    q = end;
  }
  const text::WordNet& wordnet = text::WordNet::instance();
  p.match_offsets.reserve(p.tokens.size() + 1);
  for (const text::Token& token : p.tokens) {
    p.match_offsets.push_back(static_cast<std::uint32_t>(p.matches.size()));
    if (token.is_number) continue;
    for (const std::string* stem : {&token.stem, &token.alternative}) {
      if (stem->empty()) continue;
      const auto it = claim.by_stem.find(*stem);
      if (it == claim.by_stem.end()) continue;
      for (const auto& match : it->second) {
        // The whole a claim's name is part of is a name too: `US`, not the pronoun `us`.
        if (match.second == MatchKind::kPart && !capitalised_at(text, token.begin)) continue;
        p.matches.push_back(match);
      }
    }
    const bool function_word = text::is_stopword(token.term);
    // An irregular form also states its base form's words: one the stemmer leaves as it is
    // (`children`, `fled`), or an `-ves` plural it cuts short (`wives`: `wive`); for the others
    // the lookup would find nothing. `is`, `has`: `be`, `have` state nothing.
    const bool ves =
        token.term.size() > 3 && token.term.compare(token.term.size() - 3, 3, "ves") == 0;
    if (function_word || (token.stem != token.term && !ves)) continue;
    for (const std::string& base : wordnet.irregular_bases(token.term)) {
      const auto it = claim.by_stem.find(text::stem(base));
      if (it == claim.by_stem.end()) continue;
      for (const auto& match : it->second) p.matches.push_back(match);
    }
  }
  p.match_offsets.push_back(static_cast<std::uint32_t>(p.matches.size()));
  p.counts_other.assign(p.quantities.size(), false);
  for (std::size_t f = 0; f < p.quantities.size(); ++f) {
    // Years and dates are times, not counts; a word glued to the figure (`75,000-plus`) is
    // part of it.
    const text::Quantity& figure = p.quantities[f];
    const std::size_t t = figure.last_token + 1;
    if (figure.is_year || figure.unit == "day of month" || t >= p.tokens.size() ||
        p.tokens[t].is_number || text::is_stopword(p.tokens[t].term) ||
        inside_quantity(p.quantities, t) || p.match_offsets[t] != p.match_offsets[t + 1] ||
        p.tokens[t].begin <= figure.end ||
        text.substr(figure.end, p.tokens[t].begin - figure.end).find_first_not_of(" \n") !=
            std::string_view::npos)
      continue;
    p.counts_other[f] = wordnet.noun_depth(lexical_form(p.tokens[t].term)) >= kSpecificNounDepth;
  }
  return p;
}

Alignment align(const Claim& claim, const Passage& passage) {
  return Aligner(claim, passage).run();
}

Assessment assess(const Claim& claim, const Alignment& a) {
  Assessment result;
  // Evidence names something of the claim itself: one of its words as written (a synonym
  // alone is a coincidence of vocabulary), or one of its figures.
  const bool a_word =
      std::any_of(
          a.words.begin(), a.words.end(),
          [](const WordAlignment& w) { return w.in_passage && match_strength(w.kind) >= 1.0; }) ||
      (claim.words.empty() &&
       std::any_of(a.figures.begin(), a.figures.end(),
                   [](const FigureAlignment& f) { return f.relation == NumberRelation::kSame; }));
  result.relevant = a_word && a.coverage >= kPartialCoverage;
  result.directness = a.window_coverage;
  const bool all_numbers_same =
      std::all_of(a.figures.begin(), a.figures.end(),
                  [](const FigureAlignment& f) { return f.relation == NumberRelation::kSame; });
  bool figure_conflict = false;
  bool slot_conflict = false;
  for (const FoundConflict& c : a.conflicts) {
    (c.kind == ConflictKind::kFigure ? figure_conflict : slot_conflict) = true;
  }
  const bool passage_figure_conflict =
      std::any_of(a.figures.begin(), a.figures.end(),
                  [](const FigureAlignment& f) { return f.relation == NumberRelation::kConflict; });
  // Names weigh most, so a passage naming the claim's people and places could reach the share
  // without its predicate (`Tajikistan banned its citizens from working in Russia` against
  // `citizens of Tajikistan ... working in Russia`): the other words must be half stated too.
  double rest = 0;
  double rest_found = 0;
  for (std::size_t w = 0; w < claim.words.size(); ++w) {
    if (claim.words[w].is_name) continue;
    rest += claim.words[w].weight;
    if (a.words[w].in_passage)
      rest_found += claim.words[w].weight * match_strength(a.words[w].kind);
  }
  const bool rest_stated = rest <= 0 || rest_found >= kConflictCoverage * rest;
  // Every name of the claim must be stated somewhere in the passage: a claim about another
  // country, person or organisation is another claim, however much of the rest is shared.
  bool names_stated = true;
  for (std::size_t w = 0; w < claim.words.size(); ++w) {
    if (claim.words[w].proper && !a.words[w].in_passage) names_stated = false;
  }
  result.supports = all_numbers_same && !figure_conflict && !slot_conflict && rest_stated &&
                    names_stated && a.coverage >= kSupportCoverage;
  // About the same thing: the window with the other figure states half the claim, or the
  // passage states the claim's words (`Crocus City Hall` one sentence before `killed 145`).
  // Slot conflicts were only looked for in sentences stating half the claim.
  result.conflicts = (figure_conflict && a.window_coverage >= kConflictCoverage) ||
                     (passage_figure_conflict && a.word_coverage >= kSupportCoverage) ||
                     slot_conflict;
  return result;
}

Verdict decide(const std::vector<Assessment>& assessments) {
  double support = -1;
  double conflict = -1;
  bool relevant = false;
  for (const Assessment& a : assessments) {
    if (!a.relevant) continue;
    relevant = true;
    if (a.supports) support = std::max(support, a.directness);
    if (a.conflicts && !a.supports) conflict = std::max(conflict, a.directness);
  }
  if (conflict >= 0 && conflict > support) return Verdict::kConflicting;
  if (support >= 0) return Verdict::kSupported;
  return relevant ? Verdict::kPartial : Verdict::kNotFound;
}

std::vector<std::size_t> rank(const std::vector<Assessment>& assessments,
                              const std::vector<double>& score, Verdict verdict) {
  auto group = [&](const Assessment& a) {
    if (!a.relevant) return 0;
    const bool first = verdict == Verdict::kConflicting ? a.conflicts && !a.supports : a.supports;
    return first ? 3 : a.supports || a.conflicts ? 2 : 1;
  };
  std::vector<std::size_t> order(assessments.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    const int a = group(assessments[i]);
    const int b = group(assessments[j]);
    return a != b ? a > b : score[i] > score[j];
  });
  return order;
}

}  // namespace cite::query
