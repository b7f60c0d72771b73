#include <gtest/gtest.h>

#include <future>

#include "cite/cite.hpp"
#include "query/highlight.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

using cite::testing::corpus_dir;
using cite::testing::read_file;

class CorpusSearch : public ::testing::Test {
 protected:
  static SearchResult search(const std::string& query, std::size_t limit = 10) {
    return index().search(query, {limit});
  }

  static bool cites(const SearchResult& result, const std::string& file, int paragraph) {
    for (const Hit& hit : result.hits) {
      if (hit.citation.path == file && hit.citation.paragraph == paragraph) return true;
    }
    return false;
  }

  static void expect_exact(const Citation& c) {
    const std::string file = read_file(corpus_dir() / c.path);
    ASSERT_LE(c.byte_end, file.size());
    EXPECT_EQ(c.text, file.substr(c.byte_start, c.byte_end - c.byte_start))
        << c.path << " \u00B6" << c.paragraph;
  }

  static const Index& index() { return cite::testing::corpus_index(); }
};

TEST_F(CorpusSearch, EveryPassageOfEveryFileIsByteExact) {
  std::size_t checked = 0;
  for (const std::string& name : cite::testing::corpus_files()) {
    for (int paragraph = 1;; ++paragraph) {
      Citation c;
      try {
        c = index().passage(name, paragraph);
      } catch (const Error&) {
        EXPECT_GT(paragraph, 1) << name << " has no passages";
        break;
      }
      EXPECT_EQ(c.paragraph, paragraph);
      expect_exact(c);
      ++checked;
    }
  }
  EXPECT_EQ(checked, index().passage_count());
}

TEST_F(CorpusSearch, EveryHitIsByteExactAndHighlightsMatchedWords) {
  for (const std::string query : {"migra*", "deported 2024", "\"Crocus City Hall\"", "compatriots",
                                  "Russia NEAR/5 workers", "T\xC3\xBCrkiye"}) {
    const SearchResult result = search(query, 50);
    ASSERT_FALSE(result.hits.empty()) << query;
    for (const Hit& hit : result.hits) {
      expect_exact(hit.citation);
      EXPECT_FALSE(hit.highlights.empty()) << query << " in " << hit.citation.path;
      std::size_t previous_end = hit.citation.byte_start;
      for (const ByteRange& range : hit.highlights) {
        EXPECT_GE(range.first, previous_end);
        EXPECT_LT(range.first, range.second);
        EXPECT_LE(range.second, hit.citation.byte_end);
        previous_end = range.second;
      }
    }
  }
}

TEST_F(CorpusSearch, HighlightsAreTheMatchedWordsInTheFile) {
  const SearchResult result = search("deported 80000", 1);
  ASSERT_EQ(result.hits.size(), 1u);
  const Hit& hit = result.hits.front();
  const std::string file = read_file(corpus_dir() / hit.citation.path);
  std::vector<std::string> words;
  for (const ByteRange& range : hit.highlights) {
    words.push_back(file.substr(range.first, range.second - range.first));
  }
  EXPECT_EQ(words, (std::vector<std::string>{"deported", "80,000", "deported"}));
}

struct Expectation {
  std::string query;
  std::string file;
  int paragraph;
};

class FindsPassage : public CorpusSearch, public ::testing::WithParamInterface<Expectation> {};

TEST_P(FindsPassage, InTopThree) {
  const SearchResult result = search(GetParam().query, 3);
  EXPECT_TRUE(cites(result, GetParam().file, GetParam().paragraph))
      << GetParam().query << " should find " << GetParam().file << " \u00B6"
      << GetParam().paragraph;
}

INSTANTIATE_TEST_SUITE_P(
    Acceptance, FindsPassage,
    ::testing::Values(
        // Hyphenated across a line break in the PDF text: `Compa-`/`triots`, `need-`/`ed`.
        Expectation{"\"concerning compatriots\"", "004_fad1a6b6ca469459.txt", 13},
        Expectation{"\"number needed\"", "004_fad1a6b6ca469459.txt", 14},
        // A phrase across a hard line wrap.
        Expectation{"\"138.1 million\"", "004_fad1a6b6ca469459.txt", 10},
        Expectation{"Turkiye", "004_fad1a6b6ca469459.txt", 46},
        Expectation{"80000", "000_18f228960f1cda46.txt", 13},
        Expectation{"Russia deported more than 80,000 foreigners in 2024",
                    "000_18f228960f1cda46.txt", 13},
        // The year of a glued footnote (`since 1945.1`).
        Expectation{"lowest registered since 1945", "004_fad1a6b6ca469459.txt", 10},
        Expectation{"section:introduction migrants", "004_fad1a6b6ca469459.txt", 7}));

TEST_F(CorpusSearch, HyphenatedWordsAreFoundWhole) {
  for (const std::string word : {"compatriots", "needed", "citizenship", "descendants"}) {
    bool found = false;
    for (const Hit& hit : search(word, 100).hits) found = found || hit.citation.path[2] == '4';
    EXPECT_TRUE(found) << word;
  }
}

TEST_F(CorpusSearch, PhrasesDoNotCrossParagraphs) {
  // 002's first paragraph ends "...increasingly clear." and the second starts "Mass raids".
  EXPECT_TRUE(search("\"clear mass raids\"").hits.empty());
  EXPECT_FALSE(search("\"mass raids\"").hits.empty());
}

// The index has no positions: a phrase's passages are those holding its words that pass the
// check, and when every candidate was checked the total counts exactly those.
TEST_F(CorpusSearch, APhraseCountsOnlyThePassagesThatHoldIt) {
  const SearchResult words = search("labour AND migrants", 100);
  const SearchResult phrase = search("\"labour migrants\"", 100);
  EXPECT_EQ(phrase.total, phrase.hits.size());
  EXPECT_LT(phrase.hits.size(), words.hits.size());
  const SearchResult excluded = search("labour NOT \"labour migrants\"", 100);
  EXPECT_EQ(excluded.total, excluded.hits.size());
  EXPECT_EQ(excluded.hits.size() + phrase.hits.size(), search("labour", 100).hits.size());
}

TEST_F(CorpusSearch, FiltersRestrictAndNotExcludes) {
  for (const Hit& hit : search("file:001* Kyrgyz", 100).hits) {
    EXPECT_EQ(hit.citation.path, "001_8b7595b235d65fb7.txt");
  }
  EXPECT_EQ(search("file:002_ca56329877b14360.txt", 100).hits.size(), 24u);
  for (const Hit& hit : search("section:\"wartime labour migration\" migrants", 100).hits) {
    EXPECT_EQ(hit.citation.section, "WARTIME LABOUR MIGRATION");
  }
  for (const Hit& hit : search("deported NOT 2023", 100).hits) {
    EXPECT_EQ(hit.citation.text.find("2023"), std::string::npos) << hit.citation.text;
  }
  EXPECT_FALSE(search("deported AND 2023").hits.empty());
}

TEST_F(CorpusSearch, InvalidSyntaxIsSearchedAsWords) {
  EXPECT_FALSE(search("(deported AND").hits.empty());
  EXPECT_FALSE(search("NEAR \"Crocus").hits.empty());
  EXPECT_TRUE(search("").hits.empty());
}

TEST_F(CorpusSearch, LimitAndTotal) {
  const SearchResult result = search("migrants", 5);
  EXPECT_EQ(result.hits.size(), 5u);
  EXPECT_GT(result.total, 5u);
  EXPECT_EQ(result.hits.front().rank, 1);
  EXPECT_EQ(result.root, std::filesystem::canonical(corpus_dir()).string());
}

TEST_F(CorpusSearch, SharedIndexServesConcurrentSearches) {
  const SearchResult expected = search("Central Asian migrants", 10);
  std::vector<std::future<bool>> searches;
  for (int t = 0; t < 8; ++t) {
    searches.push_back(std::async(std::launch::async, [&] {
      for (int i = 0; i < 20; ++i) {
        const SearchResult got = search("Central Asian migrants", 10);
        if (got.hits.size() != expected.hits.size()) return false;
        for (std::size_t h = 0; h < got.hits.size(); ++h) {
          if (got.hits[h].citation.text != expected.hits[h].citation.text) return false;
        }
      }
      return true;
    }));
  }
  for (auto& result : searches) EXPECT_TRUE(result.get());
}

TEST_F(CorpusSearch, ShowReportsWhatExists) {
  try {
    index().passage("004_fad1a6b6ca469459.txt", 999);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("1-54"), std::string::npos) << e.what();
  }
  EXPECT_THROW(index().passage("missing.txt", 1), Error);
}

// Regression: each hit was re-analysed in full for its highlights: a 50 MB passage took 3.9 s
// and 1.3 GB. The indexer now cuts such a passage into pieces of at most 64 KiB, and the search
// highlights at most the first 256 KiB of any passage (an index written by other means).
TEST(HugePassage, IsCutIntoPiecesEachCitedExactly) {
  cite::testing::TempDir dir;
  std::string text = "deported";
  while (text.size() < 4 * 1024 * 1024) text += " river stone migrants alpha";
  text += " deported\n";
  cite::testing::write_file(dir / "corpus/huge.txt", text);
  Index::update((dir / "index").string(), (dir / "corpus").string());
  const SearchResult result = Index::open((dir / "index").string()).search("deported", {10});
  ASSERT_EQ(result.hits.size(), 2u) << "the first and the last piece";
  for (const Hit& hit : result.hits) {
    const Citation& citation = hit.citation;
    EXPECT_LE(citation.text.size(), 64u * 1024u);
    EXPECT_EQ(citation.text,
              text.substr(citation.byte_start, citation.byte_end - citation.byte_start));
    ASSERT_FALSE(hit.highlights.empty());
  }
  const Hit& first = result.hits[0].citation.byte_start == 0 ? result.hits[0] : result.hits[1];
  EXPECT_EQ(first.highlights.front(), (ByteRange{0, 8}));
}

TEST(HugePassage, TheHighlightedPartEndsBetweenWordsOrCharacters) {
  using query::highlighted_part;
  using query::kMaxHighlightBytes;
  EXPECT_EQ(highlighted_part("short text"), "short text");
  const std::string words = std::string(kMaxHighlightBytes - 3, 'a') + " bbbbbb";
  EXPECT_EQ(highlighted_part(words), std::string_view(words).substr(0, kMaxHighlightBytes - 2));
  std::string cyrillic;  // two bytes a letter, no whitespace: the cut falls between letters
  while (cyrillic.size() < kMaxHighlightBytes + 10) cyrillic += "\xD0\xB6";
  const std::string_view part = highlighted_part("x" + cyrillic);
  EXPECT_EQ(part.size(), kMaxHighlightBytes - 1);
}

}  // namespace
}  // namespace cite
