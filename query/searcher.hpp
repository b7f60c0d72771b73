#pragma once

#include <xapian.h>

#include <string>

#include "cite/citation.hpp"
#include "text/analyzer.hpp"

namespace cite::query {

// Runs `query` against `db` and cites each hit. May throw Xapian::DatabaseModifiedError when
// a writer commits meanwhile; the caller reopens and retries.
SearchResult search(const Xapian::Database& db, const text::Analyzer& analyzer,
                    const std::string& query, const SearchOptions& options);

// The passage `paragraph` of `path`, or throws cite::Error naming what exists.
Citation find_passage(const Xapian::Database& db, const std::string& path, int paragraph);

}  // namespace cite::query
