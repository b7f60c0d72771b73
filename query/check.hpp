#pragma once

#include <xapian.h>

#include <string>

#include "cite/check.hpp"
#include "query/searcher.hpp"

namespace cite::query {

// Checks `claim` against the passages of `db` (see cite::Index::check). May throw
// Xapian::DatabaseModifiedError, like search().
CheckResult check_claim(const store::Shards& shards, const Analyzers& analyzers,
                        const std::string& claim, const CheckOptions& options);

}  // namespace cite::query
