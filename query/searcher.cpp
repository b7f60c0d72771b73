#include "query/searcher.hpp"

#include <map>

#include "cite/error.hpp"
#include "query/highlight.hpp"
#include "query/parser.hpp"
#include "query/positional.hpp"
#include "store/database.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"

namespace cite::query {
namespace {

// Below this many matches `total` is exact; above it Xapian estimates.
constexpr Xapian::doccount kExactTotalBelow = 10000;

}  // namespace

KeyScripts indexed_key_scripts(const store::Shards& shards) {
  return {shards.has_prefix(std::string(store::kLatinKeyPrefix)),
          shards.has_prefix(std::string(store::kCyrillicKeyPrefix))};
}

SearchResult search(const store::Shards& shards, const Analyzers& analyzers,
                    const std::string& query, const SearchOptions& options) {
  const Xapian::Database& db = shards.all;
  SearchResult result;
  result.query = query;
  result.root = shards.first_root();
  const ParsedQuery parsed = parse_query(query, analyzers.query, indexed_key_scripts(shards));
  if (parsed.query.empty() || options.limit == 0) return result;
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed.query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  // Passages read and analysed to check a phrase: cited and highlighted without doing it again.
  struct Checked {
    Citation citation;
    std::vector<text::Token> tokens;  // of citation.text, or empty when other words were checked
  };
  std::map<Xapian::docid, Checked> checked;
  const auto limit = static_cast<Xapian::doccount>(options.limit);
  Xapian::doccount total = 0;
  std::vector<store::Match> found;
  if (parsed.positional) {
    // Candidates are checked only as far as the hits need: counting more, even by fingerprints
    // alone, doubled the time of the benchmark's phrase queries. `total` is then estimated.
    const store::Accept accept = [&](Xapian::docid id, const std::string& data) {
      const store::PassageWords words = store::decode_words(data);
      if (!may_match(*parsed.positional, words.fingerprints)) return false;
      Checked passage{shards.citation(id, &data), {}};
      std::vector<text::Token> tokens = analyzers.document.analyze(
          words.analysed.empty() ? passage.citation.text : words.analysed);
      if (!matches(*parsed.positional, tokens)) return false;
      if (words.analysed.empty()) passage.tokens = std::move(tokens);
      checked.emplace(id, std::move(passage));
      return true;
    };
    found = store::accepted_matches(shards, enquire, limit, accept, &total);
  } else {
    found = store::ordered_matches(shards, enquire, limit, kExactTotalBelow, &total);
  }
  result.total = total;
  for (const store::Match& match : found) {
    Hit hit;
    hit.rank = static_cast<int>(result.hits.size()) + 1;
    hit.score = match.weight;
    std::vector<text::Token> tokens;
    if (const auto read = checked.find(match.id); read != checked.end()) {
      hit.citation = std::move(read->second.citation);
      tokens = std::move(read->second.tokens);
    } else {
      hit.citation = shards.citation(match.id);
    }
    // Highlights come from re-analysing the stored text with the analyzer that indexed it (the
    // index is stamped with its version), so every range is an exact word span.
    const std::string_view part = highlighted_part(hit.citation.text);
    if (tokens.empty() || part.size() != hit.citation.text.size()) {
      tokens = analyzers.document.analyze(part);
    }
    hit.highlights = highlight(tokens, hit.citation.byte_start, parsed.words);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

Citation find_passage(const store::Shards& shards, const std::string& path, int paragraph) {
  const Xapian::Database& db = shards.all;
  // A file's passages have consecutive document ids in paragraph order (the indexer adds them
  // so), so paragraph n is the n-th posting of the file's path term.
  const std::string term = store::path_term(path);
  const Xapian::doccount passages = db.get_termfreq(term);
  if (paragraph >= 1 && static_cast<Xapian::doccount>(paragraph) <= passages) {
    // A file is in one database of the shards: its postings keep their order in the union.
    auto posting = db.postlist_begin(term);
    for (int n = 1; n < paragraph; ++n) ++posting;
    if (shards.position(*posting).second != paragraph) {
      throw Error(ErrorKind::kIndexCorrupt, "the passages of '" + path +
                                                "' are out of order in the index: rebuild it "
                                                "with `cite index --rebuild`");
    }
    return shards.citation(*posting);
  }
  if (passages == 0) {
    throw Error(
        ErrorKind::kInvalidArgument,
        "'" + path + "' is not in the index (paths are relative to " + shards.first_root() + ")");
  }
  throw Error(ErrorKind::kInvalidArgument,
              "'" + path + "' has no paragraph " + std::to_string(paragraph) +
                  ": its paragraphs are 1-" + std::to_string(passages));
}

}  // namespace cite::query
