#include "indexer/passage_limit.hpp"

#include <gtest/gtest.h>

#include "text/utf8.hpp"

namespace cite::indexer {
namespace {

// The limit as a golden table: input passages (one per file here) → the pieces, described.
struct Case {
  const char* name;
  std::string file;
  std::size_t max_bytes;
  const char* expected;  // describe() of the pieces
};

// "¶N lines A-B: text", one per piece (not passages.hpp's describe(), which belongs to the
// cutting rules).
std::string describe_pieces(const std::string& file, const std::vector<PassageSpan>& pieces) {
  std::string out;
  for (const PassageSpan& piece : pieces) {
    out += "¶" + std::to_string(piece.paragraph) + " lines " + std::to_string(piece.line_start) +
           "-" + std::to_string(piece.line_end) + ": " +
           file.substr(piece.byte_start, piece.byte_end - piece.byte_start) + "\n";
  }
  return out;
}

PassageSpan whole(const std::string& file) {
  PassageSpan span;
  span.paragraph = 1;
  span.byte_end = file.size();
  span.line_start = 1;
  span.line_end = 1 + static_cast<int>(std::count(file.begin(), file.end(), '\n'));
  return span;
}

TEST(PassageLimit, SplitsLongPassagesAtWhitespaceOrCodePoints) {
  const Case cases[] = {
      {"short passage unchanged", "one two three", 20, "¶1 lines 1-1: one two three\n"},
      {"cut after the last space in reach", "aaaa bbbb cccc dddd", 10,
       "¶1 lines 1-1: aaaa bbbb\n¶2 lines 1-1: cccc dddd\n"},
      {"lines follow the pieces", "aaaa\nbbbb\ncccc\ndddd", 10,
       "¶1 lines 1-2: aaaa\nbbbb\n¶2 lines 3-4: cccc\ndddd\n"},
      {"no space: cut at a code point boundary", "ééééé", 5,
       "¶1 lines 1-1: éé\n¶2 lines 1-1: éé\n¶3 lines 1-1: é\n"},
  };
  for (const Case& c : cases) {
    const std::vector<PassageSpan> pieces = limit_passages(c.file, {whole(c.file)}, c.max_bytes);
    EXPECT_EQ(describe_pieces(c.file, pieces), c.expected) << c.name;
  }
}

TEST(PassageLimit, PiecesAreBoundedExactAndCoverEveryWord) {
  std::string file;
  for (int i = 0; file.size() < 300000; ++i) file += "wörd" + std::to_string(i) + "  ";
  const std::vector<PassageSpan> pieces = limit_passages(file, {whole(file)});
  ASSERT_GT(pieces.size(), 4u);
  std::string rejoined;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const PassageSpan& piece = pieces[i];
    EXPECT_EQ(piece.paragraph, static_cast<int>(i) + 1);
    EXPECT_LE(piece.byte_end - piece.byte_start, kMaxPassageBytes);
    const std::string_view text(file.data() + piece.byte_start, piece.byte_end - piece.byte_start);
    EXPECT_TRUE(text::is_valid_utf8(text));
    EXPECT_EQ(text::trim(text), text) << "no whitespace at the edges";
    rejoined += std::string(text) + "  ";
  }
  EXPECT_EQ(rejoined, file) << "every word in exactly one piece, in order";
}

// Regression: pieces numbered their lines by `\n` only, so in a file of lone-CR line ends every
// piece claimed line 1 while the cutter had counted the lines.
TEST(PassageLimit, PiecesNumberLinesAsTheCutterDoes) {
  const std::string file = "aaaa bbbb\rcccc dddd\reeee ffff";
  PassageSpan span = whole(file);
  span.line_end = 3;
  const std::vector<PassageSpan> pieces = limit_passages(file, {span}, 10);
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0].line_start, 1);
  EXPECT_EQ(pieces[1].line_start, 2);
  EXPECT_EQ(pieces[2].line_start, 3);
  EXPECT_EQ(pieces[2].line_end, 3);
}

TEST(PassageLimit, SectionsAreCappedAtACodePointBoundary) {
  const std::string heading = "Ä" + std::string(300, 'x');
  EXPECT_EQ(cap_section(heading).size(), kMaxSectionBytes);
  std::string umlauts;
  for (int i = 0; i < 150; ++i) umlauts += "ü";
  EXPECT_EQ(cap_section(umlauts).size(), kMaxSectionBytes);
  EXPECT_EQ(cap_section("x" + umlauts).size(), kMaxSectionBytes - 1);
  EXPECT_TRUE(text::is_valid_utf8(cap_section("x" + umlauts)));
  EXPECT_EQ(cap_section("short"), "short");
}

}  // namespace
}  // namespace cite::indexer
