#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

namespace cite {
namespace {

using cite::testing::run_cite;
using cite::testing::run_shell;
using nlohmann::json;

// The real `cite` binary over an index of the shipped corpus.
class Cli : public cite::testing::CliCorpusTest {
 protected:
  static json query_json(const std::string& query, int limit = 10) {
    const auto result = cite({"query", "--json", "--limit", std::to_string(limit), query});
    EXPECT_LE(result.exit_code, 1) << result.err;
    return json::parse(result.out);
  }
};

TEST_F(Cli, JsonOutputParsesBackWithTheDocumentedFields) {
  const json result = query_json("deported 2024", 3);
  EXPECT_EQ(result["format_version"], 1);
  EXPECT_EQ(result["query"], "deported 2024");
  EXPECT_EQ(result["root"], std::filesystem::canonical(cite::testing::corpus_dir()).string());
  EXPECT_GE(result["total"].get<int>(), 3);
  ASSERT_EQ(result["hits"].size(), 3u);
  const json& hit = result["hits"][0];
  for (const char* field : {"rank", "score", "path", "paragraph", "section", "line_start",
                            "line_end", "byte_start", "byte_end", "text", "highlights"}) {
    EXPECT_TRUE(hit.contains(field)) << field;
  }
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_EQ(hit["path"], "000_18f228960f1cda46.txt");
  EXPECT_EQ(hit["paragraph"], 13);
  EXPECT_EQ(hit["line_start"], 29);
  const std::string file =
      cite::testing::read_file(cite::testing::corpus_dir() / "000_18f228960f1cda46.txt");
  const auto start = hit["byte_start"].get<std::size_t>();
  const auto end = hit["byte_end"].get<std::size_t>();
  EXPECT_EQ(hit["text"], file.substr(start, end - start));
  for (const json& range : hit["highlights"]) {
    const auto from = range[0].get<std::size_t>();
    const auto to = range[1].get<std::size_t>();
    const std::string word = file.substr(from, to - from);
    EXPECT_TRUE(word == "deported" || word == "2024") << word;
  }
}

// `cite serve` runs cite-serve from cite's own directory; without it, it says so.
TEST_F(Cli, ServeWithoutCiteServeNextToItSaysWhatIsMissing) {
  const std::filesystem::path alone = scratch() / "alone" / "cite";
  std::filesystem::create_directories(alone.parent_path());
  std::filesystem::copy_file(CITE_BINARY, alone);
  const auto result = cite::testing::run_shell(cite::testing::shell_quote(alone.string()) +
                                               " serve --listen 127.0.0.1:0");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find((alone.parent_path() / "cite-serve").string()), std::string::npos)
      << result.err;
}

// A full build is compacted and swapped in by renaming the index directory, which must work when
// it is given as "." (the directory cite runs in).
TEST_F(Cli, IndexInTheCurrentDirectoryIsBuiltAndCompacted) {
  const std::filesystem::path here = scratch() / "dot-index";
  std::filesystem::create_directories(here);
  const auto built =
      cite::testing::run_shell("cd " + cite::testing::shell_quote(here.string()) + " && " +
                               cite::testing::shell_quote(CITE_BINARY) + " index --index . " +
                               cite::testing::shell_quote(cite::testing::corpus_dir().string()));
  EXPECT_EQ(built.exit_code, 0) << built.err;
  EXPECT_EQ(built.err, "");
  EXPECT_EQ(run_cite({"query", "--index", here.string(), "deported"}).exit_code, 0);
}

TEST_F(Cli, ExitCodesAreZeroFoundOneNoneTwoError) {
  EXPECT_EQ(cite({"query", "deported"}).exit_code, 0);
  EXPECT_EQ(cite({"query", "zzyzx"}).exit_code, 1);
  const auto missing = run_cite({"query", "--index", (scratch() / "nope").string(), "x"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope"), std::string::npos) << missing.err;
  EXPECT_EQ(run_cite({"query"}).exit_code, 2) << "missing argument is a usage error";
  EXPECT_EQ(run_cite({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(cite({"query", "--limit", "0", "x"}).exit_code, 2);
  EXPECT_EQ(cite({"query", "--color", "sometimes", "x"}).exit_code, 2);
}

// Regression: invalid UTF-8 in a query escaped as an internal JSON error.
TEST_F(Cli, InvalidUtf8InputIsAClearError) {
  for (const std::string command : {"query", "check"}) {
    const auto result = cite({command, "--json", "caf\xE9 \xFF"});
    EXPECT_EQ(result.exit_code, 2) << command;
    EXPECT_NE(result.err.find("not valid UTF-8"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("internal"), std::string::npos) << result.err;
  }
}

TEST_F(Cli, IndexReportAsJson) {
  cite::testing::TempDir scratch;
  cite::testing::write_file(scratch / "corpus" / "a.txt", "One paragraph.\n\nAnother one.\n");
  cite::testing::write_file(scratch / "corpus" / "b.txt", std::string("caf\0\xE9\n", 6));
  const auto result = run_cite(
      {"index", "--json", "--index", (scratch / "index").string(), (scratch / "corpus").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json report = json::parse(result.out);
  EXPECT_EQ(report["files_added"], 1);
  EXPECT_EQ(report["files_skipped"], 1);
  EXPECT_EQ(report["passages_total"], 2);
  ASSERT_EQ(report["warnings"].size(), 1u);
  EXPECT_NE(report["warnings"][0].get<std::string>().find("b.txt"), std::string::npos);
  EXPECT_NE(result.err.find("b.txt"), std::string::npos) << "warnings still go to stderr";
}

TEST_F(Cli, IndexOfMissingCorpusNamesIt) {
  const auto result =
      run_cite({"index", "--index", (scratch() / "other").string(), "/no/such/corpus"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("/no/such/corpus"), std::string::npos) << result.err;
}

TEST_F(Cli, HumanOutputCitesPathLinesAndParagraph) {
  const auto result = cite({"query", "--limit", "1", "\"138.1 million\""});
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("004_fad1a6b6ca469459.txt:50-66 \u00B610", 0), 0u) << result.out;
  EXPECT_EQ(result.out.find('\033'), std::string::npos)
      << "no colour when stdout is not a terminal";
}

TEST_F(Cli, ColourOnlyWhenAskedOrOnATerminal) {
  EXPECT_NE(cite({"query", "--color=always", "deported"}).out.find("\033[1;31mdeported"),
            std::string::npos);
  EXPECT_EQ(cite({"query", "--color=never", "deported"}).out.find('\033'), std::string::npos);
  const auto no_color = run_cite({"query", "--index", index_dir(), "deported"}, "NO_COLOR=1");
  EXPECT_EQ(no_color.out.find('\033'), std::string::npos);
}

TEST_F(Cli, ShowPrintsTheCitedParagraph) {
  const auto human = cite({"show", "004_fad1a6b6ca469459.txt:12"});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_EQ(human.out,
            "004_fad1a6b6ca469459.txt:79 \u00B612\n"
            "THE STATE PROGRAM FOR RESETTLEMENT OF COMPATRIOTS\n");
  const auto as_json = cite({"show", "--json", "000_18f228960f1cda46.txt:13"});
  const json passage = json::parse(as_json.out)["passage"];
  EXPECT_EQ(passage["line_start"], 29);
  EXPECT_EQ(passage["text"].get<std::string>().rfind("In 2024, Russia [deported](#)", 0), 0u);
  const auto bad = cite({"show", "004_fad1a6b6ca469459.txt"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("PATH:PARAGRAPH"), std::string::npos);
  EXPECT_EQ(cite({"show", "004_fad1a6b6ca469459.txt:999"}).exit_code, 2);
}

TEST_F(Cli, ClosedPipeIsNotAnError) {
  const std::string pipeline = "set -o pipefail; " + cite::testing::shell_quote(CITE_BINARY) +
                               " query --index " + cite::testing::shell_quote(index_dir()) +
                               " --limit 1000 'migra*' | head -c 10 >/dev/null";
  const auto result = run_shell("bash -c " + cite::testing::shell_quote(pipeline));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST_F(Cli, HelpIsCompleteForEverySubcommand) {
  for (const std::string command : {"index", "query", "show"}) {
    const auto result = run_cite({command, "--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("--index"), std::string::npos) << command;
  }
  const auto top = run_cite({"--help"});
  EXPECT_NE(top.out.find("Exit codes"), std::string::npos);
}

TEST_F(Cli, IndexDefaultsToCiteIndexVariable) {
  const auto result = run_cite({"query", "--json", "deported"},
                               "CITE_INDEX=" + cite::testing::shell_quote(index_dir()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(Cli, CheckPrintsTheVerdictFirstThenCitedEvidence) {
  const auto human = cite({"check", "--color=never", "Russia deported 100,000 foreigners in 2024"});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_EQ(human.out.rfind("conflicting: ", 0), 0u) << human.out;
  EXPECT_NE(human.out.find("000_18f228960f1cda46.txt:29 \u00B613"), std::string::npos);
  EXPECT_NE(human.out.find("claim says 100,000, source says 80,000"), std::string::npos)
      << human.out;
  const auto none = cite({"check", "Xylophone orchestras rehearse chromodynamics"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.out.rfind("not_found", 0), 0u);
  EXPECT_EQ(cite({"check"}).exit_code, 2) << "neither a claim nor --claims";
  EXPECT_EQ(cite({"check", "--claims", "/no/such/file"}).exit_code, 2);
}

TEST_F(Cli, CheckJsonHasEveryQueryHitFieldAndTheCheckFields) {
  const auto result = cite({"check", "--json", "The Crocus City Hall attack killed 145 people"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json check = json::parse(result.out);
  EXPECT_EQ(check["format_version"], 1);
  EXPECT_EQ(check["verdict"], "supported");
  ASSERT_FALSE(check["evidence"].empty());
  const json& evidence = check["evidence"][0];
  for (const char* field :
       {"rank", "score", "path", "paragraph", "section", "line_start", "line_end", "byte_start",
        "byte_end", "text", "highlights", "sentence", "matched", "missing", "numbers"}) {
    EXPECT_TRUE(evidence.contains(field)) << field;
  }
  EXPECT_EQ(evidence["numbers"][0]["relation"], "same");
  EXPECT_EQ(evidence["numbers"][0]["claim"], "145");
  const std::string file =
      cite::testing::read_file(cite::testing::corpus_dir() / evidence["path"].get<std::string>());
  const auto start = evidence["sentence"]["byte_start"].get<std::size_t>();
  const auto end = evidence["sentence"]["byte_end"].get<std::size_t>();
  EXPECT_EQ(evidence["sentence"]["text"], file.substr(start, end - start));
}

// Batch mode over the dev claims (JSON Lines in, one JSON object per line out): the
// acceptance score of `cite check`, printed.
TEST_F(Cli, CheckBatchOverDevClaims) {
  const std::string claims = (cite::testing::source_dir() / "tests/data/claims-dev.jsonl").string();
  const auto result = cite({"check", "--json", "--claims", claims});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream in_lines(cite::testing::read_file(claims));
  std::istringstream out_lines(result.out);
  std::string in_line;
  std::string out_line;
  int right = 0;
  int total = 0;
  while (std::getline(in_lines, in_line)) {
    ASSERT_TRUE(std::getline(out_lines, out_line)) << "one output line per claim";
    const json claim = json::parse(in_line);
    const json check = json::parse(out_line);
    EXPECT_EQ(check["claim"], claim["claim"]);
    const std::string expect = claim["expect"];
    const std::string verdict = check["verdict"];
    const bool ok = expect == "supported"      ? verdict == "supported"
                    : expect == "contradicted" ? verdict == "conflicting"
                                               : verdict == "not_found" || verdict == "partial";
    EXPECT_TRUE(ok) << claim["id"] << " got " << verdict;
    right += ok;
    ++total;
  }
  std::cout << "[ score   ] cite check --claims: " << right << "/" << total << " verdicts right\n";
  cite::testing::TempDir scratch;
  cite::testing::write_file(scratch / "plain.txt",
                            "Putin plans to expand the armed forces to 1.8 million\n\n");
  const auto plain = cite({"check", "--json", "--claims", (scratch / "plain.txt").string()});
  EXPECT_EQ(json::parse(plain.out)["verdict"], "supported");
  cite::testing::write_file(scratch / "bad.jsonl", "{\"text\": \"no claim field\"}\n");
  const auto bad = cite({"check", "--claims", (scratch / "bad.jsonl").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("line 1"), std::string::npos) << bad.err;
}

// Every supported dev claim, pasted as a query, must cite its evidence span among the first
// three passages.
TEST_F(Cli, SupportedDevClaimsCiteTheirEvidenceInTheTopThree) {
  std::istringstream lines(
      cite::testing::read_file(cite::testing::source_dir() / "tests/data/claims-dev.jsonl"));
  std::string line;
  int supported = 0;
  int found = 0;
  while (std::getline(lines, line)) {
    const json claim = json::parse(line);
    if (claim["expect"] != "supported") continue;
    ++supported;
    const json result = query_json(claim["claim"], 3);
    for (const json& evidence : claim["evidence"]) {
      const bool cited = cite::testing::hits_cite_evidence(result["hits"], evidence);
      EXPECT_TRUE(cited) << claim["id"] << ": " << claim["claim"];
      found += cited;
    }
  }
  EXPECT_GE(supported, 12);
  std::cout << "[ claims  ] " << found << "/" << supported
            << " supported claims cite their evidence in the top 3\n";
}

// Regression: `cite query x > /dev/full` and a closed stdout exited 0 with nothing written.
TEST_F(Cli, OutputThatCannotBeWrittenIsAnError) {
  const std::string command = cite::testing::shell_quote(CITE_BINARY) + " query --index " +
                              cite::testing::shell_quote(index_dir()) + " --limit 1000 'migra*'";
  const auto full = run_shell(command + " >/dev/full");
  EXPECT_EQ(full.exit_code, 2);
  EXPECT_NE(full.err.find("cannot write the output: No space left on device"), std::string::npos)
      << full.err;
  const auto closed = run_shell(command + " >&-");
  EXPECT_EQ(closed.exit_code, 2);
  EXPECT_NE(closed.err.find("cannot write the output: Bad file descriptor"), std::string::npos)
      << closed.err;
  const auto json_full = run_shell(command + " --json >/dev/full");
  EXPECT_EQ(json_full.exit_code, 2) << json_full.err;
  EXPECT_EQ(cite({"query", "deported"}).exit_code, 0) << "the index is unharmed";
}

// Regression: some 3,000 nested `(` overflowed the query parser's stack and `cite query`
// segfaulted. Too deep a nesting is searched as the plain words, as for any invalid syntax.
TEST_F(Cli, DeeplyNestedParenthesesAreSearchedAsPlainWords) {
  const json nested = query_json(std::string(100000, '(') + "deported 2024", 3);
  EXPECT_EQ(nested["hits"], query_json("deported 2024", 3)["hits"]);
}

// Regression: terminal output printed the sources' control characters raw: `ESC[2K\r` erased
// "80,000" from the screen, and a file name with a newline faked a citation header.
TEST(CliTerminalOutput, ControlCharactersOfSourcesAreEscaped) {
  cite::testing::TempDir dir;
  const std::string text =
      "In 2024, Russia deported more than 80,000\x1B[2K\r foreigners \xE2\x80\xAE"
      "desrever \xC2\x9B\x7F done.";
  cite::testing::write_file(dir / "corpus/a.txt", "Report\n\n" + text + "\n");
  cite::testing::write_file(dir /
                                "corpus/fake.txt:9 \xC2\xB6"
                                "9\nevil.txt",
                            "deported too\n");
  const std::string index = (dir / "index").string();
  ASSERT_EQ(run_cite({"index", "--index", index, (dir / "corpus").string()}).exit_code, 0);

  for (const std::string color : {"never", "always"}) {
    SCOPED_TRACE(color);
    const auto shown = run_cite({"query", "--index", index, "--color", color, "deported"});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    for (const std::string& forbidden : {std::string("\r"), std::string("\xE2\x80\xAE"),
                                         std::string("\xC2\x9B"), std::string("\x7F")}) {
      EXPECT_EQ(shown.out.find(forbidden), std::string::npos) << shown.out;
    }
    if (color == "never") {
      EXPECT_EQ(shown.out.find('\x1B'), std::string::npos) << shown.out;
    }
    EXPECT_NE(shown.out.find("80,000\\x1B[2K\\x0D foreigners \\u202Edesrever \\u009B\\x7F done."),
              std::string::npos)
        << shown.out;
    EXPECT_NE(shown.out.find("fake.txt:9 \xC2\xB6"
                             "9\\x0Aevil.txt"),
              std::string::npos)
        << shown.out;
  }
  const json exact = json::parse(run_cite({"query", "--index", index, "--json", "80,000"}).out);
  ASSERT_EQ(exact["hits"].size(), 1u);
  EXPECT_EQ(exact["hits"][0]["text"], text);
}

// Regression: warnings printed file names raw on stderr, so a name holding a line break could
// fake a line of cite's own ("cite: error: ...").
TEST(CliTerminalOutput, FileNamesInWarningsAreEscaped) {
  cite::testing::TempDir dir;
  cite::testing::write_file(dir / "corpus/a.txt", "deported\n");
  cite::testing::write_file(dir / "corpus/x\ncite: error: fake.txt", std::string("bin\0ary", 7));
  const auto result =
      run_cite({"index", "--index", (dir / "index").string(), (dir / "corpus").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("x\\x0Acite: error: fake.txt"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("\ncite: error:"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace cite
