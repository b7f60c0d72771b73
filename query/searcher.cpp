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
  Xapian::doccount total = 0;
  std::map<Xapian::docid, Citation> checked;  // read to check a phrase: cited without a re-read
  store::Accept accept;
  if (parsed.positional) {
    // Candidates are checked only as far as the hits need: counting more, even by fingerprints
    // alone, doubled the time of the benchmark's phrase queries. `total` is then estimated.
    accept = [&](Xapian::docid id, const std::string& data) {
      const store::PassageWords words = store::decode_words(data);
      if (!may_match(*parsed.positional, words.fingerprints)) return false;
      Citation citation = shards.citation(id);
      const std::string& analysed = words.analysed.empty() ? citation.text : words.analysed;
      if (!matches(*parsed.positional, analyzers.document.analyze(analysed))) return false;
      checked.emplace(id, std::move(citation));
      return true;
    };
  }
  const auto limit = static_cast<Xapian::doccount>(options.limit);
  const std::vector<store::Match> matches =
      store::ordered_matches(shards, enquire, limit, kExactTotalBelow, &total, accept);
  result.total = total;
  for (const store::Match& match : matches) {
    Hit hit;
    hit.rank = static_cast<int>(result.hits.size()) + 1;
    hit.score = match.weight;
    const auto read = checked.find(match.id);
    hit.citation = read != checked.end() ? std::move(read->second) : shards.citation(match.id);
    // Highlights come from re-analysing the stored text with the analyzer that indexed it (the
    // index is stamped with its version), so every range is an exact word span.
    hit.highlights = highlight(analyzers.document.analyze(highlighted_part(hit.citation.text)),
                               hit.citation.byte_start, parsed.words);
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
