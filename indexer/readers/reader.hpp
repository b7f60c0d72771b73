#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/passages.hpp"

// One reader per source format, behind one interface (STYLE.md rule 16): a reader turns a
// document into passages with exact offsets, a section and a kind; `read_document` picks the
// reader from one table, by the file's extension or, for extensionless files, by its content.
namespace cite::indexer::readers {

// A passage as a reader cuts it.
struct Passage {
  // Offsets and lines into the text the reader was given (the file's UTF-8 text, or for PDF
  // the extracted text). read_document moves them onto the raw file when it transcoded.
  PassageSpan span;
  // The words to index when they are not the cited bytes as they stand: markup, link targets
  // and code fences left out, entities decoded, words hyphenated across a line joined. Unset:
  // the cited bytes are analysed.
  std::optional<std::string> words;
  int page = 0;  // 1-based page of a paginated document (PDF), 0 otherwise
};

// What a format's reader returns.
struct Reading {
  std::vector<Passage> passages;
  // Set by readers that extract text (PDF): the text `passages` point into, which the citation
  // offsets then refer to and the index keeps (docs/formats.md).
  std::optional<std::string> extracted;
  std::optional<std::string> problem;  // why the document has no passages (no text layer...)
};

// A format's reader. Text formats are given the document as UTF-8 (transcoded if it was not);
// binary formats get the file's bytes.
using ReadFunction = Reading (*)(std::string_view contents);

// The readers, one file each.
Reading read_plain_text(std::string_view utf8);         // passages.cpp's cut_passages
Reading read_restructured_text(std::string_view utf8);  // rst.cpp
Reading read_markdown(std::string_view utf8);           // markdown.cpp
Reading read_html(std::string_view utf8);               // html.cpp
Reading read_pdf(std::string_view bytes);               // pdf.cpp

// A passage ready to index: `span` is in the raw file's bytes (or the extracted text's), `text`
// is what the citation quotes: exactly those bytes, or their UTF-8 transcoding.
struct ReadPassage {
  PassageSpan span;
  std::string text;
  std::optional<std::string> words;
  int page = 0;
};

struct ReadDocument {
  std::string format;  // "text", "markdown", "rst", "html", "pdf"; empty when skipped by type
  std::vector<ReadPassage> passages;
  bool transcoded = false;               // the file was not UTF-8; `encoding` names what it was
  std::string encoding;                  // the source encoding when transcoded
  std::optional<std::string> extracted;  // PDF: the extracted text the offsets refer to
  // Why the file was skipped, phrased to follow "it " ("looks binary ..."). `by_type`: the file
  // is of a type cite does not read, and was not opened.
  std::optional<std::string> skipped;
  bool skipped_by_type = false;
};

struct ReadOptions {
  // The encoding of text that is not UTF-8 (an ICU converter name such as "ISO-8859-1"); empty:
  // guessed with uchardet.
  std::string encoding;
};

// The format of `path` by its extension (lower-cased), "" for a file without one, or nullopt
// when cite does not read that type (images, archives...).
std::optional<std::string> format_by_name(std::string_view path);

// Why cite does not read a file of this name (phrased to follow "it "), or nullopt when it
// does: the indexer asks before opening the file.
std::optional<std::string> unread_type(std::string_view path);

// Reads a document of any supported format. `contents` is the file's bytes; `path` picks the
// reader. Never throws for a malformed document: it is reported in `skipped`.
ReadDocument read_document(std::string_view path, std::string_view contents,
                           const ReadOptions& options = {});

// A document's passages, one line each, for golden tests: passages.cpp's describe() plus the
// page when there is one.
std::string describe(const ReadDocument& document);

}  // namespace cite::indexer::readers
