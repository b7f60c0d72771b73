#pragma once

#include <xapian.h>

#include <string>

#include "cite/citation.hpp"
#include "query/parser.hpp"
#include "store/shards.hpp"
#include "text/analyzer.hpp"

namespace cite::query {

// The analyzers a search needs: queries are analysed in query mode, while the stored passages
// are re-analysed for highlighting exactly as the indexer analysed them, in document mode.
struct Analyzers {
  text::Analyzer query{text::AnalysisMode::kQuery};
  text::Analyzer document{text::AnalysisMode::kDocument};
};

// The scripts whose transliteration keys the databases hold. Looking up only those keeps a query
// over an index without names of the other script (an English corpus, for English words)
// exactly the query without keys.
KeyScripts indexed_key_scripts(const store::Shards& shards);

// Runs `query` against the databases of `shards` as one and cites each hit from its own
// database; equal weights rank by path and paragraph (store::ordered_matches). May throw
// Xapian::DatabaseModifiedError when a writer commits meanwhile; the caller reopens and retries.
SearchResult search(const store::Shards& shards, const Analyzers& analyzers,
                    const std::string& query, const SearchOptions& options);

// The passage `paragraph` of `path`, or throws cite::Error naming what exists.
Citation find_passage(const store::Shards& shards, const std::string& path, int paragraph);

}  // namespace cite::query
