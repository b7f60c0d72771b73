// The real `cite` binary on Russian text, names across scripts, and the hyphens of typeset text
// (issue 7): Russian stemming, ё/е, transliteration keys, U+2010 and soft hyphens at line ends.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/support.hpp"

namespace cite {
namespace {

using cite::testing::CommandResult;
using cite::testing::run_cite;
using cite::testing::TempDir;
using nlohmann::json;

std::filesystem::path lang_data() { return cite::testing::source_dir() / "tests/data/lang"; }

// `cite query --json` over `index`, parsed back.
json query(const std::string& index, const std::string& text, int limit = 100) {
  const CommandResult result =
      run_cite({"query", "--json", "--index", index, "--limit", std::to_string(limit), text});
  EXPECT_LE(result.exit_code, 1) << text << ": " << result.err;
  return json::parse(result.out);
}

std::set<std::pair<std::string, int>> passages_of(const json& result) {
  std::set<std::pair<std::string, int>> found;
  for (const json& hit : result["hits"]) found.emplace(hit["path"], hit["paragraph"]);
  return found;
}

// The highlighted words of every hit, as the bytes of the file under `root` they cover.
std::multiset<std::string> highlighted(const json& result, const std::filesystem::path& root) {
  std::multiset<std::string> words;
  for (const json& hit : result["hits"]) {
    const std::string file = cite::testing::read_file(root / hit["path"].get<std::string>());
    for (const json& range : hit["highlights"]) {
      const auto from = range[0].get<std::size_t>();
      words.insert(file.substr(from, range[1].get<std::size_t>() - from));
    }
  }
  return words;
}

// An index of `corpus` built by the real binary in a scratch directory.
struct BuiltIndex {
  explicit BuiltIndex(const std::filesystem::path& corpus)
      : built(run_cite({"index", "--index", dir, corpus.string()})) {}
  TempDir scratch;
  std::string dir = (scratch / "index").string();
  CommandResult built;
};

const BuiltIndex& russian_index() {
  static const BuiltIndex index(lang_data() / "ru");
  return index;
}

const BuiltIndex& man_index() {
  static const BuiltIndex index(lang_data() / "man");
  return index;
}

class Lang : public cite::testing::CliCorpusTest {
 protected:
  static void SetUpTestSuite() {
    CliCorpusTest::SetUpTestSuite();
    ASSERT_EQ(russian_index().built.exit_code, 0) << russian_index().built.err;
    ASSERT_EQ(man_index().built.exit_code, 0) << man_index().built.err;
  }
};

TEST_F(Lang, CyrillicNameFindsTheEnglishPassagesAboutBokontayev) {
  // Every passage that spells the name, found by the exact word.
  const auto spelled = passages_of(query(index_dir(), "\"Bokontayev\""));
  ASSERT_GE(spelled.size(), 6u);
  for (const std::string name : {"Боконтаев", "боконтаев", "Боконтаева", "Боконтаевым"}) {
    const json result = query(index_dir(), name);
    EXPECT_EQ(passages_of(result), spelled) << name;
    for (const std::string& word : highlighted(result, cite::testing::corpus_dir())) {
      EXPECT_EQ(word, "Bokontayev") << name;
    }
  }
}

TEST_F(Lang, LatinNameFindsTheCyrillicPassages) {
  const std::string& index = russian_index().dir;
  const auto spelled = passages_of(query(index, "\"Боконтаев\" OR \"Боконтаева\""));
  ASSERT_EQ(spelled.size(), 2u);
  // BGN/PCGN's spelling, the one the English corpus uses, and two others.
  for (const std::string name : {"Bokontayev", "Bokontaev", "Bokontaiev", "bokontayeva"}) {
    const json result = query(index, name);
    EXPECT_EQ(passages_of(result), spelled) << name;
    EXPECT_EQ(highlighted(result, lang_data() / "ru"),
              (std::multiset<std::string>{"Боконтаев", "Боконтаева"}))
        << name;
  }
  const json consul = query(index, "Asanaliyev");
  EXPECT_EQ(highlighted(consul, lang_data() / "ru"), (std::multiset<std::string>{"Асаналиев"}));
  const json scientist = query(index, "Shcherbakov");
  EXPECT_EQ(highlighted(scientist, lang_data() / "ru"), (std::multiset<std::string>{"Щербаков"}));
}

TEST_F(Lang, RussianWordsMatchByRussianStem) {
  const json result = query(russian_index().dir, "книга");
  ASSERT_EQ(result["hits"].size(), 1u);
  EXPECT_EQ(highlighted(result, lang_data() / "ru"), (std::multiset<std::string>{"книгами"}));
  const json school = query(russian_index().dir, "школа");
  EXPECT_EQ(highlighted(school, lang_data() / "ru"), (std::multiset<std::string>{"школе"}));
}

TEST_F(Lang, YoAndYeAreOneLetter) {
  const std::filesystem::path root = lang_data() / "ru";
  const std::string& index = russian_index().dir;
  EXPECT_EQ(highlighted(query(index, "елка"), root), (std::multiset<std::string>{"ёлку"}));
  EXPECT_EQ(highlighted(query(index, "ученый"), root), (std::multiset<std::string>{"Учёный"}));
  EXPECT_EQ(highlighted(query(index, "\"ученый петр\""), root),
            (std::multiset<std::string>{"Учёный", "Пётр"}));
  EXPECT_EQ(highlighted(query(index, "Учёные"), root), (std::multiset<std::string>{"Учёный"}));
}

// Regression: groff's U+2010 at a line end split `pat‐` / `tern`, so the phrase was not found.
TEST_F(Lang, ManPagePhraseAcrossAGroffHyphen) {
  const json result = query(man_index().dir, "\"wildcard pattern\"");
  ASSERT_EQ(result["hits"].size(), 1u);
  // The phrase's words, wherever they stand in the passage, are highlighted; the hyphenated one
  // as one word across the line break.
  const std::multiset<std::string> words = highlighted(result, lang_data() / "man");
  EXPECT_EQ(words.count("wildcard"), 1u);
  EXPECT_EQ(words.count("pat\u2010\n              tern"), 1u);
  EXPECT_EQ(query(man_index().dir, "\"controls the backup policy\"")["hits"].size(), 1u);
}

TEST(LangSoftHyphen, IsInvisibleInsideAWordAndJoinsAtALineEnd) {
  TempDir scratch;
  cite::testing::write_file(
      scratch / "corpus" / "soft.txt",
      "Hyphen\u00ADation is shown only where a line\n"
      "breaks: the typesetter may break the word hy\u00AD\nphenation there.\n");
  const std::string index = (scratch / "index").string();
  ASSERT_EQ(run_cite({"index", "--index", index, (scratch / "corpus").string()}).exit_code, 0);
  const json result = query(index, "\"hyphenation\"");
  EXPECT_EQ(highlighted(result, scratch / "corpus"),
            (std::multiset<std::string>{"Hyphen\u00ADation", "hy\u00AD\nphenation"}));
}

// Cyrillic passages beside the English corpus must not push the evidence of an English query
// out of the top three: the transliteration keys of English words meet only Cyrillic names.
TEST(LangMixedCorpus, SupportedDevClaimsKeepTheirEvidenceInTheTopThree) {
  TempDir scratch;
  cite::testing::copy_corpus(scratch / "corpus");
  for (const auto& entry : std::filesystem::directory_iterator(lang_data() / "ru")) {
    std::filesystem::copy_file(entry.path(), scratch / "corpus" / entry.path().filename());
  }
  const std::string index = (scratch / "index").string();
  ASSERT_EQ(run_cite({"index", "--index", index, (scratch / "corpus").string()}).exit_code, 0);
  std::istringstream lines(
      cite::testing::read_file(cite::testing::source_dir() / "tests/data/claims-dev.jsonl"));
  std::string line;
  int supported = 0;
  while (std::getline(lines, line)) {
    const json claim = json::parse(line);
    if (claim["expect"] != "supported") continue;
    ++supported;
    const json result = query(index, claim["claim"], 3);
    for (const json& evidence : claim["evidence"]) {
      const bool cited = cite::testing::hits_cite_evidence(result["hits"], evidence);
      EXPECT_TRUE(cited) << claim["id"] << ": " << claim["claim"];
    }
  }
  EXPECT_GE(supported, 12);
}

}  // namespace
}  // namespace cite
