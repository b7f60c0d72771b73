#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "indexer/readers/reader.hpp"
#include "support/support.hpp"
#include "text/analyzer.hpp"

namespace cite::indexer::readers {
namespace {

// The fixtures of tests/data/formats: real shapes in miniature. manual.pdf and scanned.pdf are
// made by groff from the .ms files beside them (the command is in each file's first lines).
std::string fixture_bytes(const std::string& name) {
  return cite::testing::read_file(cite::testing::source_dir() / "tests/data/formats" / name);
}

ReadDocument read_fixture(const std::string& name, const ReadOptions& options = {}) {
  return read_document(name, fixture_bytes(name), options);
}

// Whether the analysed words of a passage contain `word` (folded, unstemmed).
bool searchable(const ReadPassage& passage, const std::string& word) {
  const text::Analyzer analyzer(text::AnalysisMode::kDocument);
  for (const text::Token& token : analyzer.analyze(passage.words ? *passage.words : passage.text)) {
    if (token.term == word) return true;
  }
  return false;
}

const ReadPassage& passage(const ReadDocument& document, int paragraph) {
  return document.passages.at(static_cast<std::size_t>(paragraph - 1));
}

// Golden passages, checked by eye once: ¶, page, lines, kind, [section] and the first bytes.
struct Golden {
  const char* file;
  const char* format;
  const char* passages;
};

class Readers : public ::testing::TestWithParam<Golden> {};

TEST_P(Readers, CutDocumentsAsAReaderSeesThem) {
  const ReadDocument document = read_fixture(GetParam().file);
  EXPECT_EQ(document.format, GetParam().format);
  EXPECT_FALSE(document.skipped) << *document.skipped;
  EXPECT_EQ(describe(document), GetParam().passages);
}

// Every passage's text is exactly the bytes it cites: of the file, or of the extracted text.
TEST_P(Readers, TextIsTheCitedBytes) {
  const std::string bytes = fixture_bytes(GetParam().file);
  const ReadDocument document = read_document(GetParam().file, bytes);
  const std::string& source = document.extracted ? *document.extracted : bytes;
  for (const ReadPassage& p : document.passages) {
    ASSERT_LE(p.span.byte_end, source.size());
    const std::string cited = source.substr(p.span.byte_start, p.span.byte_end - p.span.byte_start);
    if (!document.transcoded) {
      EXPECT_EQ(p.text, cited) << "¶" << p.span.paragraph;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Formats, Readers,
    ::testing::Values(
        Golden{"readme.md", "markdown",
               "¶1 lines 7-7 heading [Widget]: Widget\n"
               "¶2 lines 10-11 paragraph [Widget]: The widget searches files for a [wildcar\n"
               "¶3 lines 13-13 heading [Installing]: Installing\n"
               "¶4 lines 16-17 paragraph [Installing]: - Build it with `make`, then install it \n"
               "¶5 lines 18-18 paragraph [Installing]: - Run `widget --help` for the options.\n"
               "¶6 lines 19-19 paragraph [Installing]: - Nested items are their own passages.\n"
               "¶7 lines 22-24 paragraph [Installing]: # Configure the build: this is a shell c\n"
               "¶8 lines 27-28 paragraph [Installing]: indented code is one passage too⏎    # a\n"
               "¶9 lines 30-30 paragraph [Installing]: > Widgets were first described by Bokont\n"
               "¶10 lines 32-35 paragraph [Installing]: | Option | Meaning        |⏎|--------|--\n"
               "¶11 lines 37-37 heading [Licence & copying]: ## Licence &amp; copying\n"
               "¶12 lines 39-39 paragraph [Licence & copying]: Free software under the terms "
               "of the GPL\n"},
        Golden{"page.html", "html",
               "¶1 lines 5-5 heading [Widget — user guide]: Widget &mdash; user guide\n"
               "¶2 lines 11-11 heading [Searching with the widget]: Searching with the widget\n"
               "¶3 lines 12-13 paragraph [Searching with the widget]: The widget finds every "
               "line that matches\n"
               "¶4 lines 14-14 paragraph [Searching with the widget]: Caf&eacute; owners use it "
               "to search thei\n"
               "¶5 lines 15-15 heading [Options]: Options\n"
               "¶6 lines 17-17 paragraph [Options]: -q: print nothing, only set the exit sta\n"
               "¶7 lines 18-18 paragraph [Options]: -v: name each file searched\n"
               "¶8 lines 21-23 paragraph [Options]: Status</th><th>Meaning</th></tr>⏎  <tr><\n"
               "¶9 lines 26-26 paragraph [Options]: widget -q 'pat*' notes.txt\n"},
        Golden{"manual.pdf", "pdf",
               "¶1 p1 lines 1-1 heading [The Widget Manual]: The Widget Manual\n"
               "¶2 p1 lines 3-3 heading [1. Introduction]: 1. Introduction\n"
               "¶3 p1 lines 5-8 paragraph [1. Introduction]: The widget searches a file for "
               "every lin\n"
               "¶4 p1 lines 10-13 paragraph [1. Introduction]: Widgets were first described by "
               "Bokontay\n"
               "¶5 p2 lines 14-14 heading [2. Configuration]: 2. Configuration\n"
               "¶6 p2 lines 16-24 paragraph [2. Configuration]: The widget reads each "
               "configuration file\n"
               "¶7 p2 lines 26-27 paragraph [2. Configuration]: Unrecognised rules are reported "
               "with the\n"
               "¶8 p2 lines 29-29 heading [3. Output]: 3. Output\n"
               "¶9 p2 lines 31-35 paragraph [3. Output]: Matches are printed one per line, "
               "prefix\n"
               "¶10 p3 lines 37-39 paragraph [3. Output]: The exit status is zero when a line "
               "matc\n"
               "¶11 p3 lines 41-43 paragraph [3. Output]: widget -q ’pat*’ notes.txt⏎⏎echo $?\n"},
        Golden{"guide.rst", "rst",
               "¶1 lines 2-2 heading [Widget guide]: Widget guide\n"
               "¶2 lines 5-6 paragraph [Widget guide]: The widget searches files for a wildcard\n"
               "¶3 lines 8-8 heading [Installing]: Installing\n"
               "¶4 lines 11-12 paragraph [Installing]: Build it with make, then install it. "
               "THI\n"
               "¶5 lines 14-14 heading [Options]: Options\n"
               "¶6 lines 17-17 paragraph [Options]: The options are few: quiet and verbose.\n"
               "¶7 lines 22-22 paragraph [Options]: .. note:: Quiet mode prints nothing at a\n"
               "¶8 lines 30-30 paragraph [Options]: Run it like this::\n"
               "¶9 lines 32-34 paragraph [Options]: widget -q 'pat*' notes.txt⏎⏎    widget -\n"
               "¶10 lines 38-38 paragraph [Options]: make install\n"},
        Golden{"README", "text",
               "¶1 lines 1-2 heading [Widget 2.1]: Widget 2.1⏎==========\n"
               "¶2 lines 4-4 paragraph [Widget 2.1]: Widget searches files for a wildcard pat\n"
               "¶3 lines 6-7 paragraph [Widget 2.1]: Reporting bugs: send them to the mailing\n"},
        Golden{"latin1.txt", "text",
               "¶1 lines 1-1 paragraph []: Café crème: the naïve widget searches\n"
               "¶2 lines 3-3 paragraph []: Second paragraph: résumé of the déjà\n"},
        Golden{"utf16.txt", "text",
               "¶1 lines 1-1 paragraph []: Naïve UTF-16 text about the widget.\n"
               "¶2 lines 3-3 paragraph []: Second paragraph of the été file.\n"}),
    [](const ::testing::TestParamInfo<Golden>& param) {
      std::string name;
      for (const char c : std::string(param.param.file)) name += std::isalnum(c) != 0 ? c : '_';
      return name;
    });

// Markdown ---------------------------------------------------------------------------------

TEST(Markdown, SetextHeadingIsASectionNotGluedToTheNextParagraph) {
  const ReadDocument md = read_fixture("readme.md");
  EXPECT_EQ(passage(md, 3).text, "Installing");
  EXPECT_EQ(passage(md, 3).span.kind, PassageKind::kHeading);
  EXPECT_EQ(passage(md, 4).span.section, "Installing");
}

TEST(Markdown, FencedCodeIsOnePassageAndNeverAHeading) {
  const ReadDocument md = read_fixture("readme.md");
  const ReadPassage& code = passage(md, 7);
  EXPECT_EQ(code.text,
            "# Configure the build: this is a shell comment, not a heading\n"
            "./configure --prefix=/usr\nmake install");
  EXPECT_EQ(code.span.kind, PassageKind::kParagraph);
  EXPECT_TRUE(searchable(code, "configure"));
  for (const ReadPassage& p : md.passages) {
    EXPECT_EQ(p.span.section.find("Configure"), std::string::npos) << p.span.section;
  }
}

TEST(Markdown, FrontMatterAndHtmlCommentsAreNotProse) {
  const ReadDocument md = read_fixture("readme.md");
  for (const ReadPassage& p : md.passages) {
    EXPECT_FALSE(searchable(p, "yaml")) << p.text;
    EXPECT_FALSE(searchable(p, "comment") && p.span.paragraph != 7) << p.text;
  }
}

TEST(Markdown, LinkTextIsSearchedButNotItsTarget) {
  const ReadDocument md = read_fixture("readme.md");
  const ReadPassage& p = passage(md, 2);
  EXPECT_NE(p.text.find("https://example.org"), std::string::npos) << "the citation is raw";
  EXPECT_TRUE(searchable(p, "wildcard"));
  EXPECT_FALSE(searchable(p, "https"));
  EXPECT_FALSE(searchable(p, "guide")) << "a word of the target only";
}

TEST(Markdown, EntitiesAreDecodedForSearch) {
  const ReadDocument md = read_fixture("readme.md");
  EXPECT_EQ(passage(md, 11).span.section, "Licence & copying");
  EXPECT_FALSE(searchable(passage(md, 11), "amp"));
}

// HTML -------------------------------------------------------------------------------------

TEST(Html, ScriptStyleAndNavAreDropped) {
  const ReadDocument html = read_fixture("page.html");
  for (const ReadPassage& p : html.passages) {
    EXPECT_FALSE(searchable(p, "script")) << p.text;
    EXPECT_FALSE(searchable(p, "navigation")) << p.text;
    EXPECT_FALSE(searchable(p, "color")) << p.text;
  }
}

TEST(Html, EntitiesAreDecodedForSearchWhileTheCitationIsRaw) {
  const ReadDocument html = read_fixture("page.html");
  const ReadPassage& p = passage(html, 4);
  EXPECT_NE(p.text.find("Caf&eacute;"), std::string::npos);
  EXPECT_TRUE(searchable(p, "cafe"));
  EXPECT_TRUE(searchable(p, "bokontayev's") || searchable(p, "bokontayev"))
      << "inline markup does not split a word: " << *p.words;
}

TEST(Rst, LiteralBlocksAreOnePassageAndMarkupIsNotProse) {
  const ReadDocument rst = read_fixture("guide.rst");
  for (const ReadPassage& p : rst.passages) {
    EXPECT_FALSE(searchable(p, "badge")) << "an image directive: " << p.text;
    EXPECT_FALSE(searchable(p, "orphan")) << "a bare field: " << p.text;
    EXPECT_FALSE(searchable(p, "description")) << "a meta directive's body: " << p.text;
  }
  EXPECT_TRUE(searchable(passage(rst, 9), "txt")) << "both commands, one passage";
}

// Regression: a page laid out with a table (libxslt's API docs) became one passage with its
// headings and menu glued together.
TEST(Html, LayoutTableCellsAreCutLikeThePage) {
  const ReadDocument html = read_document(
      "api.html",
      "<table><tr><td><h1>The XSLT library</h1><h2>API index</h2></td></tr>\n"
      "<tr><td><b>Main menu</b></td><td><p>First paragraph.</p><p>Second one.</p></td></tr>"
      "</table>");
  EXPECT_EQ(describe(html),
            "¶1 lines 1-1 heading [The XSLT library]: The XSLT library\n"
            "¶2 lines 1-1 heading [API index]: API index\n"
            "¶3 lines 2-2 paragraph [API index]: Main menu\n"
            "¶4 lines 2-2 paragraph [API index]: First paragraph.\n"
            "¶5 lines 2-2 paragraph [API index]: Second one.\n");
}

// Regression: 200,000 nested elements kept gumbo parsing for minutes (quadratic in the depth).
TEST(Html, HostileNestingIsReportedNotParsed) {
  std::string html;
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "deep words";
  const ReadDocument doc = read_document("deep.html", html);
  ASSERT_TRUE(doc.skipped);
  EXPECT_NE(doc.skipped->find("nested"), std::string::npos);
  std::string unclosed = "<ul>";  // elements whose end tag may be left out do not count
  for (int i = 0; i < 5000; ++i) unclosed += "<li><p>item " + std::to_string(i) + "\n";
  EXPECT_FALSE(read_document("list.html", unclosed).skipped);
}

TEST(Html, DataTableIsOnePassage) {
  const ReadDocument html = read_fixture("page.html");
  const ReadPassage& table = passage(html, 8);
  EXPECT_NE(table.text.find("nothing matched"), std::string::npos);
  EXPECT_TRUE(searchable(table, "status"));
}

// PDF --------------------------------------------------------------------------------------

TEST(Pdf, RunningHeadersFootersAndPageNumbersAreNotText) {
  const ReadDocument pdf = read_fixture("manual.pdf");
  ASSERT_TRUE(pdf.extracted);
  EXPECT_EQ(pdf.extracted->find("Draft"), std::string::npos) << *pdf.extracted;
  EXPECT_EQ(pdf.extracted->find("Page "), std::string::npos) << *pdf.extracted;
  EXPECT_EQ(std::count(pdf.extracted->begin(), pdf.extracted->end(), '\f'), 2);
}

TEST(Pdf, ParagraphOverAPageBreakIsOnePassage) {
  const ReadDocument pdf = read_fixture("manual.pdf");
  const ReadPassage& p = passage(pdf, 9);
  EXPECT_EQ(p.page, 2);
  EXPECT_NE(p.text.find("unless the quiet\n\foption is given"), std::string::npos) << p.text;
  EXPECT_TRUE(p.text.ends_with("that were searched."));
}

TEST(Pdf, WordHyphenatedAcrossALineIsFound) {
  const ReadDocument pdf = read_fixture("manual.pdf");
  const ReadPassage& p = passage(pdf, 6);
  EXPECT_NE(p.text.find("ap-\nplies"), std::string::npos) << "the text keeps the hyphen";
  EXPECT_TRUE(searchable(p, "applies"));
  EXPECT_FALSE(searchable(p, "plies"));
}

TEST(Pdf, CodeExampleWithABlankLineIsOnePassage) {
  const ReadDocument pdf = read_fixture("manual.pdf");
  EXPECT_EQ(passage(pdf, 11).text, "widget -q ’pat*’ notes.txt\n\necho $?");
  EXPECT_EQ(passage(pdf, 11).span.kind, PassageKind::kParagraph);
}

TEST(Pdf, WithoutATextLayerIsReportedNotSilentlyEmpty) {
  const ReadDocument pdf = read_fixture("scanned.pdf");
  ASSERT_TRUE(pdf.skipped);
  EXPECT_NE(pdf.skipped->find("without a text layer"), std::string::npos);
  EXPECT_FALSE(pdf.skipped_by_type);
}

TEST(Pdf, DamagedIsReported) {
  const ReadDocument pdf = read_document("broken.pdf", "%PDF-1.4\nnot really");
  ASSERT_TRUE(pdf.skipped);
  EXPECT_NE(pdf.skipped->find("PDF"), std::string::npos);
}

// Encodings ------------------------------------------------------------------------------

TEST(Encoding, Latin1IsTranscodedWithOffsetsOnTheRawFile) {
  const std::string bytes = fixture_bytes("latin1.txt");
  const ReadDocument doc = read_document("latin1.txt", bytes);
  ASSERT_TRUE(doc.transcoded);
  const ReadPassage& second = passage(doc, 2);
  EXPECT_EQ(second.text, "Second paragraph: résumé of the déjà vu.");
  EXPECT_EQ(bytes.substr(second.span.byte_start, second.span.byte_end - second.span.byte_start),
            "Second paragraph: r\xe9sum\xe9 of the d\xe9j\xe0 vu.");
}

TEST(Encoding, GivenEncodingIsUsed) {
  const ReadDocument doc = read_document("koi8.txt", "\xf7\xc9\xc4\xc6\xc5\xd4\n", {"KOI8-R"});
  ASSERT_TRUE(doc.transcoded);
  EXPECT_EQ(doc.encoding, "KOI8-R");
  EXPECT_EQ(passage(doc, 1).text, "Видфет");
}

// Regression: UTF-16 text was reported as "looks binary (it contains NUL bytes)".
TEST(Encoding, Utf16IsTranscodedNotCalledBinary) {
  const std::string bytes = fixture_bytes("utf16.txt");
  const ReadDocument doc = read_document("utf16.txt", bytes);
  ASSERT_FALSE(doc.skipped) << *doc.skipped;
  EXPECT_EQ(doc.encoding, "UTF-16LE");
  const ReadPassage& first = passage(doc, 1);
  EXPECT_EQ(first.span.byte_start, 2u) << "after the byte order mark";
  EXPECT_EQ(first.span.byte_end, 2u + 2 * first.text.size() - 2) << "two bytes a character";
}

TEST(Encoding, Utf16WithoutAByteOrderMarkIsRecognised) {
  std::string bytes;
  for (const char c : std::string("plain ascii words\n")) bytes += std::string{c, '\0'};
  const ReadDocument doc = read_document("notes.txt", bytes);
  ASSERT_FALSE(doc.skipped) << *doc.skipped;
  EXPECT_EQ(passage(doc, 1).text, "plain ascii words");
}

TEST(Encoding, NulBytesAnywhereElseAreBinary) {
  const ReadDocument doc = read_document("data.txt", std::string("ab\0\0\0c\x01\x02", 8));
  ASSERT_TRUE(doc.skipped);
  EXPECT_NE(doc.skipped->find("binary"), std::string::npos);
}

// Choosing the reader ----------------------------------------------------------------------

struct Choice {
  const char* path;
  const char* format;  // "" read as text if its content is; "-" not read
};

class ReaderChoice : public ::testing::TestWithParam<Choice> {};

TEST_P(ReaderChoice, ByExtensionOrDocumentName) {
  const std::optional<std::string> format = format_by_name(GetParam().path);
  EXPECT_EQ(format.value_or("-"), GetParam().format);
  EXPECT_EQ(unread_type(GetParam().path).has_value(), !format);
}

INSTANTIATE_TEST_SUITE_P(Table, ReaderChoice,
                         ::testing::Values(Choice{"notes.txt", "text"},
                                           Choice{"doc/Guide.MD", "markdown"},
                                           Choice{"a/b/index.htm", "html"},
                                           Choice{"manual.PDF", "pdf"}, Choice{"intro.rst", "rst"},
                                           Choice{"README", ""}, Choice{"pkg/NEWS", ""},
                                           Choice{"README.Debian", ""}, Choice{"INSTALL.unix", ""},
                                           Choice{"changelog.Debian.gz", "-"},
                                           Choice{"logo.png", "-"}, Choice{"main.cpp", "-"}));

TEST(ReaderChoice, ExtensionlessBinaryIsSkippedByType) {
  const ReadDocument doc = read_document("widget", std::string("\x7f"
                                                               "ELF\0\0\0\x01",
                                                               8));
  ASSERT_TRUE(doc.skipped);
  EXPECT_TRUE(doc.skipped_by_type);
}

TEST(ReaderChoice, ExtensionlessTextIsRead) {
  const ReadDocument doc = read_fixture("README");
  EXPECT_EQ(doc.format, "text");
  EXPECT_EQ(doc.passages.size(), 3u);
}

}  // namespace
}  // namespace cite::indexer::readers
