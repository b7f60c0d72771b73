// The query side of transliteration keys: a word looks up its key among the words of the other
// script, and only when the index holds keys of that script.
#include <gtest/gtest.h>

#include "query/parser.hpp"
#include "query/searcher.hpp"
#include "support/support.hpp"

namespace cite::query {
namespace {

struct KeysCase {
  std::string input;
  KeyScripts keys;
  std::string description;  // Xapian::Query::get_description()
};

class QueryKeys : public ::testing::TestWithParam<KeysCase> {};

TEST_P(QueryKeys, MatchTable) {
  static const text::Analyzer analyzer(text::AnalysisMode::kQuery);
  EXPECT_EQ(parse_query(GetParam().input, analyzer, GetParam().keys).query.get_description(),
            GetParam().description)
      << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QueryKeys,
    ::testing::Values(
        // An index without Cyrillic keys: Latin words are searched as before.
        KeysCase{"Bokontayev deported", {true, false}, "Query((Zbokontayev OR Zdeport))"},
        KeysCase{"Bokontayev", {true, true}, "Query((Zbokontayev OR XTCbokontaev))"},
        KeysCase{"\u0411\u043E\u043A\u043E\u043D\u0442\u0430\u0435\u0432",
                 {true, false},
                 "Query((Z\u0431\u043E\u043A\u043E\u043D\u0442\u0430 OR XTLbokontaev))"},
        KeysCase{"\u0411\u043E\u043A\u043E\u043D\u0442\u0430\u0435\u0432",
                 {false, true},
                 "Query(Z\u0431\u043E\u043A\u043E\u043D\u0442\u0430)"},
        // Phrases are exact: no keys.
        KeysCase{"\"Bokontayev said\"", {true, true}, "Query((bokontayev AND said))"}));

TEST(QueryKeys, MatchedWordsHighlightTheOtherScriptsName) {
  const text::Analyzer query(text::AnalysisMode::kQuery);
  const text::Analyzer document(text::AnalysisMode::kDocument);
  const ParsedQuery parsed = parse_query("Bokontayev", query, {true, true});
  const auto tokens = document.analyze(
      "\u0411\u043E\u043A\u043E\u043D\u0442\u0430\u0435\u0432\u0430 Bokontaev bokontayev");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(parsed.words.matches(tokens[0]));   // the Cyrillic name, by its key
  EXPECT_FALSE(parsed.words.matches(tokens[1]));  // another Latin spelling: not the same word
  EXPECT_TRUE(parsed.words.matches(tokens[2]));   // the word itself, by its stem
}

TEST(QueryKeys, AreLookedUpOnlyForTheScriptsAnIndexHolds) {
  cite::testing::TempDir scratch;
  const auto keys_of = [&](const std::string& name, const std::string& text) {
    cite::testing::write_file(scratch / name / "corpus" / "a.txt", text);
    const std::string index = (scratch / name / "index").string();
    const auto built =
        cite::testing::run_cite({"index", "--index", index, (scratch / name / "corpus").string()});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    return indexed_key_scripts(store::open_shards(index));
  };
  const KeyScripts english = keys_of("english", "Ambassador Bokontayev spoke.\n");
  EXPECT_TRUE(english.latin);
  EXPECT_FALSE(english.cyrillic);
  const KeyScripts both =
      keys_of("both", "Bokontayev \u0411\u043E\u043A\u043E\u043D\u0442\u0430\u0435\u0432\n");
  EXPECT_TRUE(both.latin);
  EXPECT_TRUE(both.cyrillic);
  // Lower-case words are not keyed in documents: they are not names.
  const KeyScripts lower = keys_of("lower", "the ambassador spoke\n");
  EXPECT_FALSE(lower.latin);
}

}  // namespace
}  // namespace cite::query
