#include "indexer/document.hpp"

#include <algorithm>

#include "store/record.hpp"
#include "store/schema.hpp"

namespace cite::indexer {
namespace {

bool same_words(const std::vector<text::Token>& a, const std::vector<text::Token>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const text::Token& x, const text::Token& y) {
        return x.term == y.term && x.stem == y.stem && x.alternative == y.alternative &&
               x.key == y.key && x.script == y.script;
      });
}

}  // namespace

std::vector<std::string> section_terms(std::string_view section, const text::Analyzer& analyzer) {
  std::vector<std::string> terms;
  for (const text::Token& token : analyzer.analyze(section)) {
    terms.push_back(store::section_term(token.term));
  }
  return terms;
}

Xapian::Document make_passage_document(const std::string& path, const readers::ReadPassage& passage,
                                       bool transcoded, bool extracted,
                                       const std::vector<std::string>& section_terms,
                                       int section_back, const text::Analyzer& analyzer) {
  const PassageSpan& span = passage.span;
  Citation citation;
  citation.path = path;
  citation.paragraph = span.paragraph;
  citation.section = span.section;
  citation.is_heading = span.kind == PassageKind::kHeading;
  citation.line_start = span.line_start;
  citation.line_end = span.line_end;
  citation.byte_start = span.byte_start;
  citation.byte_end = span.byte_end;
  citation.text = passage.text;
  citation.page = passage.page;
  citation.transcoded = transcoded;

  Xapian::Document doc;
  doc.add_boolean_term(store::path_term(path));
  // Paragraphs have no kind term: a term on most passages would cost a posting each and tell
  // nothing that its absence does not (a paragraph is a passage without `XKheading`).
  if (citation.is_heading) doc.add_boolean_term(store::heading_term());
  for (const std::string& term : section_terms) doc.add_boolean_term(term);
  // The passage is analysed on its own, so a phrase can never match across two paragraphs.
  // Positions are not given to Xapian: the record's fingerprints stand for them (store/schema).
  const std::string& analysed = passage.words ? *passage.words : citation.text;
  const std::vector<text::Token> tokens = analyzer.analyze(analysed);
  store::PassageWords words;
  words.fingerprints.reserve(tokens.size());
  for (const text::Token& token : tokens) {
    words.fingerprints += static_cast<char>(
        token.alternative.empty() ? store::word_fingerprint(token.term) : store::kAnyWord);
    doc.add_term(token.term);
    doc.add_term(store::stem_term(token.stem));
    if (!token.alternative.empty()) {
      doc.add_term(token.alternative);
      doc.add_term(store::stem_term(token.alternative));
    }
    // Boolean: a key adds matches in the other script but weighs nothing, and leaves the
    // passage's length, and so the BM25 weights of its words, as they were.
    if (!token.key.empty()) {
      doc.add_boolean_term(store::key_term(token.key, token.script == text::Script::kCyrillic));
    }
  }
  // A phrase is checked against the words that were indexed: those of the markup-free text the
  // reader gave, kept only when the cited bytes would not give the same ones.
  if (passage.words && *passage.words != citation.text &&
      !same_words(tokens, analyzer.analyze(citation.text))) {
    words.analysed = analysed;
  }
  // Text that is not the file's own bytes cannot be read back from the file when cited.
  doc.set_data(store::encode_citation(citation, /*store_text=*/transcoded || extracted,
                                      section_back, words));
  return doc;
}

}  // namespace cite::indexer
