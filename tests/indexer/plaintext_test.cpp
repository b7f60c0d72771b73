// The plain-text layout rules of indexer/passages.cpp, one golden table per rule, and real
// documents from Debian packages (tests/data/plaintext/) with their passages checked by eye once.
#include <gtest/gtest.h>

#include <cstdlib>

#include "indexer/passages.hpp"
#include "indexer/plaintext/lines.hpp"
#include "support/support.hpp"
#include "text/utf8.hpp"

namespace cite::indexer {
namespace {

using cite::testing::read_file;
using cite::testing::source_dir;

struct Case {
  std::string name;
  std::string file;
  std::string expected;  // describe()
};

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

class Rule : public ::testing::TestWithParam<Case> {};

TEST_P(Rule, MatchesTable) {
  EXPECT_EQ(describe(GetParam().file, cut_passages(GetParam().file)), GetParam().expected);
}

// Hard-wrapped paragraphs: the wrap width is learnt per block and one long line does not turn
// the block into one passage per line; a sentence ending at a line end is no paragraph break
// unless the line stopped short.
INSTANTIATE_TEST_SUITE_P(
    Wrapping, Rule,
    ::testing::Values(
        Case{"OneLongLineDoesNotCutTheBlockIntoLines",
             "Install the package from the archive and read the manual that comes\n"
             "with it before you start; the manual is also online at\n"
             "https://example.org/a/very/long/link/that/goes/on/and/on/and/on/well/past/the/"
             "width/of/any/hard/wrapped/line/to/the/page/that/says/it/all/index.html\n"
             "and in the doc directory of the package once it is installed.\n",
             "\u00B61 lines 1-4 paragraph []: Install the package from the archive and\n"},
        Case{"SentenceEndAtLineEndIsNoBreak",
             "   Each contributor may offer the program under these terms (unless\n"
             "   it has been accepted)\n"
             "   may withdraw. The rest of the paragraph goes on past this line to\n"
             "   make the width of the wrapping plain, and it ends here. Then it\n"
             "   goes on with one more line, which is full, and ends a sentence.\n"
             "   The next line is still in the same paragraph, as the one before\n"
             "   had no room left for its first word.\n",
             "\u00B61 lines 1-7 paragraph []: Each contributor may offer the program u\n"},
        Case{"SentenceEndBeforeLowercaseIsNoBreak",
             "  See the data at www.stats.ox.\n  ac.uk for the whole series of the survey.\n",
             "\u00B61 lines 1-2 paragraph []: See the data at www.stats.ox.\n  ac.uk fo\n"},
        Case{"ShortLineEndingASentenceEndsItsParagraph",
             "The first paragraph is wrapped at about seventy characters so that it\n"
             "ends short.\n"
             "The second paragraph starts on the next line without a blank line\n"
             "between them.\n",
             "\u00B61 lines 1-2 paragraph []: The first paragraph is wrapped at about \n"
             "\u00B62 lines 3-4 paragraph []: The second paragraph starts on the next \n"},
        Case{"OneParagraphPerLine",
             std::string(130, 'A') + " end.\n" + std::string(125, 'B') + " end.\nShort line.\n",
             "\u00B61 lines 1-1 paragraph []: " + std::string(40, 'A') +
                 "\n\u00B62 lines 2-2 "
                 "paragraph []: " +
                 std::string(40, 'B') +
                 "\n\u00B63 lines 3-3 paragraph []: Short "
                 "line.\n"},
        Case{"FirstLineIndentStartsAParagraph",
             "The first paragraph ends with a full sentence that fills the line.\n"
             "    The second one is marked by its indent alone, as in a book, and\n"
             "goes on here.\n",
             "\u00B61 lines 1-1 paragraph []: The first paragraph ends with a full sen\n"
             "\u00B62 lines 2-3 paragraph []: The second one is marked by its indent a\n"}),
    case_name);

// Headings only where a reader sees one.
INSTANTIATE_TEST_SUITE_P(
    Headings, Rule,
    ::testing::Values(
        Case{"CapsProseIsNotHeadings",
             "  15. BECAUSE THE LIBRARY IS LICENSED FREE OF CHARGE, THERE IS NO\n"
             "WARRANTY FOR THE LIBRARY, TO THE EXTENT PERMITTED BY APPLICABLE LAW.\n"
             "EXCEPT WHEN OTHERWISE STATED IN WRITING THE COPYRIGHT HOLDERS AND/OR\n"
             "OTHER PARTIES PROVIDE THE LIBRARY \"AS IS\" WITHOUT WARRANTY OF ANY\n"
             "KIND, EITHER EXPRESSED OR IMPLIED.\n",
             "\u00B61 lines 1-5 item []: 15. BECAUSE THE LIBRARY IS LICENSED FREE\n"},
        Case{"ShortCapsLineAloneIsAHeading", "NO WARRANTY\n\nNone at all.\n",
             "\u00B61 lines 1-1 heading [NO WARRANTY]: NO WARRANTY\n"
             "\u00B62 lines 3-3 paragraph [NO WARRANTY]: None at all.\n"},
        Case{"CapsTermOfADefinitionListIsNoHeading",
             "SHELL VARIABLES\n"
             "       PIPESTATUS\n"
             "              An array variable containing a list of exit status values.\n",
             "\u00B61 lines 1-1 heading [SHELL VARIABLES]: SHELL VARIABLES\n"
             "\u00B62 lines 2-3 paragraph [SHELL VARIABLES]: PIPESTATUS\n"
             "              An array variab\n"},
        Case{"CapsWithSentenceEndIsNoHeading", "CTRL-E.\n\nScrolls the window.\n",
             "\u00B61 lines 1-1 paragraph []: CTRL-E.\n"
             "\u00B62 lines 3-3 paragraph []: Scrolls the window.\n"},
        Case{"HashCommentInCodeIsNoHeading",
             "Build it like this:\n\n"
             "$ ./configure --prefix=/usr\n"
             "# make the documentation too\n"
             "$ make all doc\n",
             "\u00B61 lines 1-1 paragraph []: Build it like this:\n"
             "\u00B62 lines 3-5 code []: $ ./configure --prefix=/usr\n# make the d\n"},
        Case{"HtmlCommentIsNoHeading", "<!-- YAML\nadded: v1.0\n-->\n\nText.\n",
             "\u00B61 lines 1-3 paragraph []: <!-- YAML\nadded: v1.0\n-->\n"
             "\u00B62 lines 5-5 paragraph []: Text.\n"},
        Case{"SetextHeadingIsAHeading",
             "Installation\n============\nRun the installer.\n\nUsage\n-----\n\nRun it.\n",
             "\u00B61 lines 1-2 heading [Installation]: Installation\n============\n"
             "\u00B62 lines 3-3 paragraph [Installation]: Run the installer.\n"
             "\u00B63 lines 5-6 heading [Usage]: Usage\n-----\n"
             "\u00B64 lines 8-8 paragraph [Usage]: Run it.\n"},
        Case{"NumberedHeadingOverText",
             "2.1.2 Build target\nThe compiler treats files like these as sources.\n",
             "\u00B61 lines 1-1 heading [2.1.2 Build target]: 2.1.2 Build target\n"
             "\u00B62 lines 2-2 paragraph [2.1.2 Build target]: The compiler treats files "
             "like these as \n"},
        Case{"NumberedListIsNotHeadings", "1. Unpack it\n2. Run it\n",
             "\u00B61 lines 1-1 item []: 1. Unpack it\n\u00B62 lines 2-2 item []: 2. Run it\n"},
        Case{"FlushLeftCapsLinesAreNoHeading",
             "CALL \"CBL_GC_WAITPID\" USING CHILD-PID RETURNING WAIT-STS\nEND-CALL\n"
             "MOVE 0 TO RETURN-CODE\n",
             "\u00B61 lines 1-3 paragraph []: CALL \"CBL_GC_WAITPID\" USING CHILD-PID RE\n"},
        Case{"ConfigCommentIsNoHeading", "# Binary byte order\nbinary-byteorder: big-endian\n",
             "\u00B61 lines 1-2 paragraph []: # Binary byte order\nbinary-byteorder: bi\n"},
        Case{"ManSubsectionTitleOverOptions",
             "   Output stream selection\n       --ignore-command-error\n"
             "              Ignore subprocess exit codes.\n",
             "\u00B61 lines 1-1 heading [Output stream selection]: Output stream selection\n"
             "\u00B62 lines 2-3 item [Output stream selection]: --ignore-command-error\n"
             "              Ign\n"},
        Case{"ManSubsectionTitleOverText",
             "BUGS\n   Reporting Bugs\n       Email bug reports to the address.\n",
             "\u00B61 lines 1-1 heading [BUGS]: BUGS\n"
             "\u00B62 lines 2-2 heading [Reporting Bugs]: Reporting Bugs\n"
             "\u00B63 lines 3-3 paragraph [Reporting Bugs]: Email bug reports to the address.\n"},
        Case{"CapsTermInsideADefinitionListIsNoHeading",
             "Clear the screen as follows:\nERASE EOL\n            Clear the line.\nERASE EOS\n"
             "            Clear the screen.\n",
             "\u00B61 lines 1-1 paragraph []: Clear the screen as follows:\n"
             "\u00B62 lines 2-3 paragraph []: ERASE EOL\n            Clear the line.\n"
             "\u00B63 lines 4-5 paragraph []: ERASE EOS\n            Clear the screen.\n"},
        Case{"CommentOverCommentIsNoHeading",
             "# If yes, LINKAGE SECTION items remain allocated\n# between invocations.\n"
             "sticky-linkage:                 no\n",
             "\u00B61 lines 1-3 paragraph []: # If yes, LINKAGE SECTION items remain a\n"},
        Case{"CapsWordInAListOfNamesIsNoHeading", "Reserved words:\n\nJUST\nKEPT\nKEY\n",
             "\u00B61 lines 1-1 paragraph []: Reserved words:\n"
             "\u00B62 lines 3-5 paragraph []: JUST\nKEPT\nKEY\n"},
        Case{"AppendixNumberedHeading",
             "A.4 Compiler dialect configuration options\n-freserved-words=value\n",
             "\u00B61 lines 1-1 heading [A.4 Compiler dialect configuration options]: A.4 Compiler "
             "dialect configuration optio\n"
             "\u00B62 lines 2-2 item [A.4 Compiler dialect configuration options]: "
             "-freserved-words=value\n"},
        Case{"OutlineHeading", "** Bug fixes\n\n  ls no longer crashes.\n",
             "\u00B61 lines 1-1 heading [Bug fixes]: ** Bug fixes\n"
             "\u00B62 lines 3-3 paragraph [Bug fixes]: ls no longer crashes.\n"}),
    case_name);

// Lists, definition lists, code and tables.
INSTANTIATE_TEST_SUITE_P(
    Units, Rule,
    ::testing::Values(
        Case{"ManOptionKeepsItsDescription",
             "       -h, --human-readable\n"
             "              with -l and -s, print sizes like 1K 234M 2G etc.\n"
             "\n"
             "       -c     with -lt: sort by, and show, ctime (time of last\n"
             "              modification of file status information)\n"
             "       --si   likewise, but use powers of 1000 not 1024\n",
             "\u00B61 lines 1-2 item []: -h, --human-readable\n              with \n"
             "\u00B62 lines 4-5 item []: -c     with -lt: sort by, and show, ctim\n"
             "\u00B63 lines 6-6 item []: --si   likewise, but use powers of 1000 \n"},
        Case{"DefinitionTermWithoutDash",
             "Exit status:\n"
             "    LS_COLORS\n"
             "        how to colour the output\n"
             "    TIME_STYLE\n"
             "        how to show times\n",
             "\u00B61 lines 1-1 paragraph []: Exit status:\n"
             "\u00B62 lines 2-3 paragraph []: LS_COLORS\n        how to colour the outp\n"
             "\u00B63 lines 4-5 paragraph []: TIME_STYLE\n        how to show times\n"},
        Case{"BulletsWithHangingIndent",
             "Changes:\n  * the first item is long enough to wrap onto\n    a second line\n"
             "  * the second item\n",
             "\u00B61 lines 1-1 paragraph []: Changes:\n"
             "\u00B62 lines 2-3 item []: * the first item is long enough to wrap \n"
             "\u00B63 lines 4-4 item []: * the second item\n"},
        Case{"OptionNamedInADescriptionIsNoItem",
             "              exec   Show diagnostic information relating to -exec,\n"
             "                     -ok and -okdir\n",
             "\u00B61 lines 1-2 paragraph []: exec   Show diagnostic information relat\n"},
        Case{"LetteredItemsKeepTheirLines",
             "j.  There are new configuration options:\n"
             "    `--enable-profiling', to allow bash to be profiled with gprof.\n\n"
             "kkk. The ksh-like ((...)) arithmetic command syntax has been implemented.\n"
             "     This is exactly equivalent to `let \"...\"'.\n",
             "\u00B61 lines 1-2 item []: j.  There are new configuration options:\n"
             "\u00B62 lines 4-5 item []: kkk. The ksh-like ((...)) arithmetic com\n"},
        Case{"DebianCopyrightStanzaIsOneUnit",
             "Files: atk-adaptor/*\nCopyright: 2008, Novell, Inc.\n  2001, Ximian, Inc.\n"
             "License: LGPL-2.1+\n",
             "\u00B61 lines 1-4 paragraph []: Files: atk-adaptor/*\nCopyright: 2008, No\n"},
        Case{"DebianCopyrightDotLineIsBlank",
             "License: GPL-2+\n This program is free software.\n .\n On Debian systems, see "
             "GPL-2.\n",
             "\u00B61 lines 1-2 paragraph []: License: GPL-2+\n This program is free so\n"
             "\u00B62 lines 4-4 paragraph []: On Debian systems, see GPL-2.\n"},
        Case{"CodeIsOneUnit",
             "Then list the sources:\n"
             "grolbp_SOURCES = \\\n"
             "  src/devices/grolbp/lbp.cpp \\\n"
             "  src/devices/grolbp/lbp.h\n"
             "As you added grolbp, define its sources.\n",
             "\u00B61 lines 1-1 paragraph []: Then list the sources:\n"
             "\u00B62 lines 2-4 code []: grolbp_SOURCES = \\\n  src/devices/grolbp/\n"
             "\u00B63 lines 5-5 paragraph []: As you added grolbp, define its sources.\n"},
        Case{"CommandLinesAreOneUnit", "Run:\n$ ./configure\n$ make\nThen install it.\n",
             "\u00B61 lines 1-1 paragraph []: Run:\n"
             "\u00B62 lines 2-3 code []: $ ./configure\n$ make\n"
             "\u00B63 lines 4-4 paragraph []: Then install it.\n"},
        Case{"TableIsOneUnit",
             "Name      Size     Date\nls        140K     2022\ncat        40K     2022\n",
             "\u00B61 lines 1-3 table []: Name      Size     Date\nls        140K  \n"}),
    case_name);

// Pages: form feeds, running headers and footers, paragraphs over a page break; line ends.
INSTANTIATE_TEST_SUITE_P(
    Pages, Rule,
    ::testing::Values(
        Case{"ParagraphRunsOverAPageBreak",
             "The paragraph is cut by the end of the page in the middle of its\n"
             "\n                 -1-\n"
             "\fRunning Header                                   Manual\n\n"
             "sentence, and goes on after the running header.\n\n"
             "Next paragraph.\n"
             "\n                 -2-\n"
             "\fRunning Header                                   Manual\n\n"
             "Last paragraph.\n",
             "\u00B61 lines 1-6 paragraph []: The paragraph is cut by the end of the p\n"
             "\u00B62 lines 8-8 paragraph []: Next paragraph.\n"
             "\u00B63 lines 13-13 paragraph []: Last paragraph.\n"},
        Case{"PageHeaderIsNotGluedToTheParagraph",
             "Text ends.\n\fChapter 2: Compile                        5\n\nThe compiler.\n"
             "\fChapter 2: Compile                        6\nMore text.\n",
             "\u00B61 lines 1-1 paragraph []: Text ends.\n"
             "\u00B62 lines 4-4 paragraph []: The compiler.\n"
             "\u00B63 lines 6-6 paragraph []: More text.\n"},
        Case{"FormFeedEndsAParagraph", "Page one ends here.\n\fPage two starts here.\n",
             "\u00B61 lines 1-1 paragraph []: Page one ends here.\n"
             "\u00B62 lines 2-2 paragraph []: Page two starts here.\n"},
        Case{"LoneCarriageReturnsEndLines", "First paragraph.\r\rSecond one,\rwrapped.\r",
             "\u00B61 lines 1-1 paragraph []: First paragraph.\n"
             "\u00B62 lines 3-4 paragraph []: Second one,\rwrapped.\n"},
        Case{"MixedLineEnds", "one.\r\n\r\ntwo.\n\nthree.\r\rfour.",
             "\u00B61 lines 1-1 paragraph []: one.\n\u00B62 lines 3-3 paragraph []: two.\n"
             "\u00B63 lines 5-5 paragraph []: three.\n\u00B64 lines 7-7 paragraph []: four.\n"}),
    case_name);

TEST(LineEnds, EachKindEndsOneLine) {
  const std::string file = "a\nb\r\nc\rd";
  std::vector<std::string> lines;
  for (std::size_t begin = 0; begin < file.size();) {
    const plaintext::LineEnd end = plaintext::next_line_end(file, begin);
    lines.push_back(file.substr(begin, end.end - begin));
    begin = end.next;
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "c", "d"}));
}

// Real documents: the passages, checked by eye once, are kept in NAME.passages beside NAME.txt.
// CITE_UPDATE_GOLDEN=1 rewrites them after a deliberate change (then read the diff).
class RealDocument : public ::testing::TestWithParam<std::string> {};

std::filesystem::path fixture_dir() { return source_dir() / "tests" / "data" / "plaintext"; }

TEST_P(RealDocument, MatchesGoldenPassages) {
  const std::string file = read_file(fixture_dir() / (GetParam() + ".txt"));
  const std::string actual = describe(file, cut_passages(file));
  const std::filesystem::path golden = fixture_dir() / (GetParam() + ".passages");
  if (std::getenv("CITE_UPDATE_GOLDEN") != nullptr) cite::testing::write_file(golden, actual);
  EXPECT_EQ(actual, read_file(golden));
}

TEST_P(RealDocument, PassagesAreOrderedTrimmedAndLineExact) {
  const std::string file = read_file(fixture_dir() / (GetParam() + ".txt"));
  // Line numbers by the one line-end definition: the line a byte is on.
  std::vector<int> line_of(file.size() + 1, 1);
  int line = 1;
  for (std::size_t begin = 0; begin < file.size();) {
    const plaintext::LineEnd end = plaintext::next_line_end(file, begin);
    for (std::size_t i = begin; i < end.next; ++i) line_of[i] = line;
    ++line;
    begin = end.next;
  }
  std::size_t previous_end = 0;
  for (const PassageSpan& p : cut_passages(file)) {
    SCOPED_TRACE(GetParam() + " paragraph " + std::to_string(p.paragraph));
    EXPECT_GE(p.byte_start, previous_end);
    EXPECT_LT(p.byte_start, p.byte_end);
    EXPECT_LE(p.byte_end, file.size());
    const std::string_view text =
        std::string_view(file).substr(p.byte_start, p.byte_end - p.byte_start);
    EXPECT_EQ(text::trim(text), text);
    EXPECT_EQ(p.line_start, line_of[p.byte_start]);
    EXPECT_EQ(p.line_end, line_of[p.byte_end - 1]);
    previous_end = p.byte_end;
  }
}

INSTANTIATE_TEST_SUITE_P(Debian, RealDocument,
                         ::testing::Values("ls-man", "ls-paged", "automake-layout",
                                           "automake-default", "lgpl-form-feeds", "coreutils-news",
                                           "vim-help"));

}  // namespace
}  // namespace cite::indexer
