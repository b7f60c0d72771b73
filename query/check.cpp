#include "query/check.hpp"

#include <algorithm>
#include <cmath>

#include "query/align.hpp"
#include "query/claim.hpp"
#include "store/database.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"

// `cite check` as a pipeline of named stages (STYLE.md 17): analyse the claim (query/claim.*)
// -> retrieve candidate passages (here) -> align the claim to the best sentence of each
// (query/align.*) -> decide the verdict (query/align.*) -> explain it as Evidence (here).
namespace cite::query {
namespace {

// Candidate passages read per claim: recall matters more here than for `query`.
constexpr Xapian::doccount kCandidates = 40;
// Claim words that take part in retrieval, rarest first: enough for any sentence, and a bound on
// the query a hostile claim can build.
constexpr std::size_t kRetrievalWords = 48;

double inverse_document_frequency(const Xapian::Database& db, const std::set<std::string>& stems) {
  const double documents = db.get_doccount();
  Xapian::doccount frequency = 0;
  for (const std::string& stem : stems) {
    frequency = std::max(frequency, store::stem_frequency(db, stem));
  }
  // A word no source uses at all is weighed like a rare one, not as the rarest of all: the
  // sources may simply say it in other words.
  return std::log((documents + 1) / (std::max<double>(frequency, 1) + 0.5));
}

// Stage 2: passages stating any form of the claim's words (hypernyms aside: too general to
// find the source by) or its figures.
Xapian::Query retrieval_query(const Claim& claim) {
  std::vector<const ClaimWord*> words;
  for (const ClaimWord& word : claim.words) words.push_back(&word);
  std::stable_sort(words.begin(), words.end(),
                   [](const ClaimWord* a, const ClaimWord* b) { return a->weight > b->weight; });
  if (words.size() > kRetrievalWords) words.resize(kRetrievalWords);
  std::vector<Xapian::Query> parts;
  for (const ClaimWord* word : words) {
    std::vector<Xapian::Query> variants;
    for (const auto& [stem, kind] : word->stems) {
      if (kind == MatchKind::kHypernym || kind == MatchKind::kPart) continue;
      variants.push_back(store::stem_query(stem));
    }
    parts.emplace_back(Xapian::Query::OP_SYNONYM, variants.begin(), variants.end());
  }
  for (const ClaimNumber& number : claim.numbers) {
    for (const std::string& term : number.terms) parts.push_back(store::stem_query(term));
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

struct Candidate {
  Hit hit;
  Passage passage;
  Alignment alignment;
  Assessment assessment;
};

std::string slice(const Passage& p, std::size_t begin, std::size_t end) {
  return std::string(p.text.substr(begin, end - begin));
}

// Stage 5: the alignment as Evidence, in the public types.
Evidence to_evidence(const Candidate& c, const Claim& claim, int rank) {
  const Passage& p = c.passage;
  const Alignment& a = c.alignment;
  const std::size_t offset = c.hit.citation.byte_start;
  Evidence e;
  e.hit = c.hit;
  e.hit.rank = rank;
  e.coverage = a.coverage;
  if (!p.sentence_bytes.empty()) {
    const std::size_t begin = p.sentence_bytes[a.first_sentence].first;
    const std::size_t end = p.sentence_bytes[a.last_sentence].second;
    e.sentence = {offset + begin, offset + end, slice(p, begin, end)};
  }
  std::vector<ByteRange> ranges;
  for (std::size_t w = 0; w < claim.words.size(); ++w) {
    const WordAlignment& wa = a.words[w];
    WordMatch m;
    m.claim = claim.words[w].surface;
    m.name = claim.words[w].is_name;
    if (wa.in_passage) {
      const text::Token& token = p.tokens[wa.token];
      m.source = slice(p, token.begin, token.end);
      m.how = to_string(wa.kind);
      m.in_sentence = wa.found;
      m.byte_start = offset + token.begin;
      m.byte_end = offset + token.end;
      ranges.emplace_back(m.byte_start, m.byte_end);
      e.matched.push_back(m.claim);
    } else {
      e.missing.push_back(m.claim);
    }
    e.alignment.push_back(std::move(m));
  }
  for (const FoundConflict& conflict : a.conflicts) {
    Disagreement d;
    d.kind = to_string(conflict.kind);
    std::size_t begin = 0;
    std::size_t end = 0;
    if (conflict.kind == ConflictKind::kFigure) {
      d.claim = claim.numbers[conflict.claim_item].surface;
      begin = p.quantities[conflict.source].begin;
      end = p.quantities[conflict.source].end;
    } else {
      d.claim = conflict.kind == ConflictKind::kComparison
                    ? claim.comparison_surface
                    : claim.words[conflict.claim_item].surface;
      begin = p.tokens[conflict.source].begin;
      end = p.tokens[conflict.source].end;
      WordMatch& m = e.alignment[conflict.claim_item];
      // In its place the source says the opposite: that is the word's alignment, whatever
      // else of the passage matched it.
      if (conflict.kind == ConflictKind::kDirection) {
        m.source = slice(p, begin, end);
        m.how = "antonym";
        m.in_sentence = true;
        m.byte_start = offset + begin;
        m.byte_end = offset + end;
      }
    }
    d.source = slice(p, begin, end);
    d.byte_start = offset + begin;
    d.byte_end = offset + end;
    ranges.emplace_back(d.byte_start, d.byte_end);
    e.conflicts.push_back(std::move(d));
  }
  for (std::size_t k = 0; k < claim.numbers.size(); ++k) {
    const FigureAlignment& f = a.figures[k];
    NumberCheck check{claim.numbers[k].surface, "", f.relation,
                      text::describe_tolerance(claim.numbers[k].quantity)};
    if (f.relation != NumberRelation::kAbsent) {
      const text::Quantity& q = p.quantities[f.figure];
      check.source = slice(p, q.begin, q.end);
      ranges.emplace_back(offset + q.begin, offset + q.end);
    }
    (f.relation == NumberRelation::kSame ? e.matched : e.missing).push_back(check.claim);
    e.numbers.push_back(std::move(check));
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

CheckResult check_claim(const store::Shards& shards, const Analyzers& analyzers,
                        const std::string& claim_text, const CheckOptions& options) {
  const Xapian::Database& db = shards.all;
  CheckResult result;
  result.claim = claim_text;
  const Claim claim = analyze_claim(claim_text, analyzers.query, [&](const auto& stems) {
    return inverse_document_frequency(db, stems);
  });
  if (claim.words.empty() && claim.numbers.empty()) return result;

  Xapian::Enquire enquire(db);
  enquire.set_query(retrieval_query(claim));
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const std::vector<store::Match> matches =
      store::ordered_matches(shards, enquire, kCandidates, kCandidates);
  std::vector<Candidate> candidates;
  candidates.reserve(matches.size());
  for (const store::Match& match : matches) {
    Candidate& c = candidates.emplace_back();
    c.hit.score = match.weight;
    c.hit.citation = shards.citation(match.id);
    c.passage = analyze_passage(c.hit.citation.text, analyzers.document, claim);
    c.alignment = align(claim, c.passage);
    c.assessment = assess(claim, c.alignment);
  }
  std::vector<Assessment> assessments;
  std::vector<double> score;
  for (const Candidate& c : candidates) {
    assessments.push_back(c.assessment);
    score.push_back(c.alignment.coverage + c.alignment.window_coverage);
  }
  result.verdict = decide(assessments);
  if (result.verdict == Verdict::kNotFound) return result;
  // Sorted by index: each Passage views its candidate's text, which must not move.
  const std::vector<std::size_t> order = rank(assessments, score, result.verdict);
  // Every passage that disagrees is shown, whatever the limit, even when another supports the
  // claim: sources that contradict each other are what a fact-checker must see. Passages that
  // state too little of the claim are never shown to fill the limit.
  for (const std::size_t i : order) {
    const Candidate& c = candidates[i];
    if (!c.assessment.relevant) break;
    if (result.evidence.size() >= options.max_evidence && !c.assessment.conflicts) continue;
    result.evidence.push_back(to_evidence(c, claim, static_cast<int>(result.evidence.size()) + 1));
  }
  return result;
}

}  // namespace cite::query
