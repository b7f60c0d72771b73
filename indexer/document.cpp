#include "indexer/document.hpp"

#include "store/record.hpp"
#include "store/schema.hpp"

namespace cite::indexer {
namespace {

std::string prefixed(std::string_view prefix, const std::string& term) {
  return std::string(prefix) + term;
}

}  // namespace

std::vector<std::string> section_terms(std::string_view section, const text::Analyzer& analyzer) {
  std::vector<std::string> terms;
  for (const text::Token& token : analyzer.analyze(section)) {
    terms.push_back(prefixed(store::kSectionPrefix, token.term));
  }
  return terms;
}

Xapian::Document make_passage_document(const std::string& path, std::string_view file,
                                       const PassageSpan& span,
                                       const std::vector<std::string>& section_terms,
                                       const text::Analyzer& analyzer) {
  Citation citation;
  citation.path = path;
  citation.paragraph = span.paragraph;
  citation.section = span.section;
  citation.is_heading = span.kind == PassageKind::kHeading;
  citation.line_start = span.line_start;
  citation.line_end = span.line_end;
  citation.byte_start = span.byte_start;
  citation.byte_end = span.byte_end;
  citation.text = std::string(file.substr(span.byte_start, span.byte_end - span.byte_start));

  Xapian::Document doc;
  doc.add_boolean_term(store::path_term(path));
  doc.add_boolean_term(prefixed(store::kKindPrefix, citation.is_heading ? "heading" : "paragraph"));
  for (const std::string& term : section_terms) doc.add_boolean_term(term);
  // The passage is analysed on its own, so positions start at 1 per passage and a phrase
  // can never match across two paragraphs.
  Xapian::termpos position = 0;
  for (const text::Token& token : analyzer.analyze(citation.text)) {
    ++position;
    doc.add_posting(token.term, position);
    doc.add_term(prefixed(store::kStemPrefix, token.stem));
    if (!token.alternative.empty()) {
      doc.add_posting(token.alternative, position);
      doc.add_term(prefixed(store::kStemPrefix, token.alternative));
    }
  }
  doc.set_data(store::encode_citation(citation));
  return doc;
}

}  // namespace cite::indexer
