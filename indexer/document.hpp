#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "indexer/passages.hpp"
#include "text/analyzer.hpp"

namespace cite::indexer {

// The boolean terms of a section heading, for the `section:` filter. A section spans many
// passages: compute them once per heading and pass them to each passage's document.
std::vector<std::string> section_terms(std::string_view section, const text::Analyzer& analyzer);

// The Xapian document of one passage of `file` (the whole file's bytes), stored under `path`.
Xapian::Document make_passage_document(const std::string& path, std::string_view file,
                                       const PassageSpan& span,
                                       const std::vector<std::string>& section_terms,
                                       const text::Analyzer& analyzer);

}  // namespace cite::indexer
