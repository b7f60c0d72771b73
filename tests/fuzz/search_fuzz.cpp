// Fuzzes query parsing and search over corpus/: any UTF-8 text is a query (never an error), any
// other bytes are refused with cite::Error, and every hit is cited exactly.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cite/cite.hpp"
#include "fuzz_index.hpp"
#include "fuzz_support.hpp"
#include "query/parser.hpp"
#include "text/analyzer.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  static_cast<void>(cite::fuzz::CorpusIndex::get());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cite::fuzz::require;
  const std::string query(cite::fuzz::as_text(data, size));
  const cite::fuzz::CorpusIndex& corpus = cite::fuzz::CorpusIndex::get();
  if (!cite::text::is_valid_utf8(query)) {
    try {
      static_cast<void>(corpus.index().search(query));
      require(false, "a query that is not UTF-8 is refused");
    } catch (const cite::Error& e) {
      require(e.kind() == cite::ErrorKind::kInvalidArgument, "refused as an invalid argument");
    }
    return 0;
  }

  static const cite::text::Analyzer analyzer(cite::text::AnalysisMode::kQuery);
  const cite::query::ParsedQuery parsed = cite::query::parse_query(query, analyzer);
  static_cast<void>(parsed.query.get_description());

  cite::SearchOptions options;
  options.limit = 5;
  const cite::SearchResult result = corpus.index().search(query, options);
  require(result.hits.size() <= options.limit, "at most `limit` hits");
  require(result.hits.size() <= result.total, "no more hits than the total");
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    require(result.hits[i].rank == static_cast<int>(i) + 1, "hits ranked 1, 2, 3...");
    corpus.require_exact(result.hits[i]);
  }
  require(cite::text::is_valid_utf8(cite::to_json(result)), "the JSON answer is UTF-8");
  return 0;
}
