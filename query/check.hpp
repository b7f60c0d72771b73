#pragma once

#include <xapian.h>

#include <string>

#include "cite/check.hpp"
#include "query/searcher.hpp"

namespace cite::query {

// Checks `claim` against the passages of `db` (see cite::Index::check). May throw
// Xapian::DatabaseModifiedError, like search().
CheckResult check_claim(const Xapian::Database& db, const Analyzers& analyzers,
                        const std::string& claim, const CheckOptions& options);

}  // namespace cite::query
