#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "indexer/passages.hpp"
#include "text/analyzer.hpp"

namespace cite::indexer {

// The Xapian document of one passage of `file` (the whole file's bytes), stored under `path`.
Xapian::Document make_passage_document(const std::string& path, std::string_view file,
                                       const PassageSpan& span, const text::Analyzer& analyzer);

}  // namespace cite::indexer
