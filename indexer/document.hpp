#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "indexer/passages.hpp"
#include "indexer/readers/reader.hpp"
#include "text/analyzer.hpp"

namespace cite::indexer {

// The boolean terms of a section heading, for the `section:` filter. A section spans many
// passages: compute them once per heading and pass them to each passage's document.
std::vector<std::string> section_terms(std::string_view section, const text::Analyzer& analyzer);

// The Xapian document of one passage a reader cut, stored under `path`. Its words (or its text,
// when the reader gave no words) are analysed; its text is what the citation quotes. The record
// keeps that text only when it is not the file's bytes: `transcoded` from another encoding, or
// `extracted` from a binary format (PDF).
// `section_back`: how many passages before this one the first passage under its section heading
// is (0 for that first one), where the record keeps the section (store::encode_citation).
Xapian::Document make_passage_document(const std::string& path, const readers::ReadPassage& passage,
                                       bool transcoded, bool extracted,
                                       const std::vector<std::string>& section_terms,
                                       int section_back, const text::Analyzer& analyzer);

}  // namespace cite::indexer
