#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cite/cite.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

using cite::testing::corpus_dir;
using cite::testing::read_file;

class ClaimCheck : public ::testing::Test {
 protected:
  static const Index& index() { return cite::testing::corpus_index(); }

  static std::vector<nlohmann::json> claims(const std::string& file) {
    std::vector<nlohmann::json> out;
    std::istringstream lines(read_file(cite::testing::source_dir() / "tests/data" / file));
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  static std::vector<nlohmann::json> dev_claims() { return claims("claims-dev.jsonl"); }

  static bool cites_span(const Evidence& e, const nlohmann::json& span) {
    return e.hit.citation.path == span["file"] &&
           e.hit.citation.byte_start <= span["byte_start"].get<std::size_t>() &&
           span["byte_end"].get<std::size_t>() <= e.hit.citation.byte_end;
  }

  struct Score {
    int right = 0;
    int total = 0;
    int contradictions_conflicting = 0;
    std::map<std::string, std::map<std::string, int>> table;  // expected -> verdict -> count
  };

  // Acceptance: supported claims are supported with their evidence among the first three
  // passages; contradicted ones are conflicting and cite every quoted span in a passage that
  // states the disagreement (a figure, a direction or a name); unsupported ones are not_found
  // or partial. Prints the confusion table.
  static Score score(const std::string& file) {
    Score score;
    for (const nlohmann::json& claim : claims(file)) {
      ++score.total;
      const CheckResult result = index().check(claim["claim"]);
      const std::string expect = claim["expect"];
      const std::string verdict = to_string(result.verdict);
      ++score.table[expect][verdict];
      bool ok = false;
      if (expect == "supported") {
        ok = verdict == "supported";
        for (const nlohmann::json& span : claim["evidence"]) {
          bool cited = false;
          for (std::size_t i = 0; i < std::min<std::size_t>(3, result.evidence.size()); ++i) {
            cited = cited || cites_span(result.evidence[i], span);
          }
          ok = ok && cited;
        }
      } else if (expect == "contradicted") {
        ok = verdict == "conflicting";
        score.contradictions_conflicting += ok;
        for (const nlohmann::json& span : claim["evidence"]) {
          bool cited_with_conflict = false;
          for (const Evidence& e : result.evidence) {
            cited_with_conflict =
                cited_with_conflict || (cites_span(e, span) && !e.conflicts.empty());
          }
          ok = ok && cited_with_conflict;
        }
      } else {
        ok = verdict == "not_found" || verdict == "partial";
      }
      if (!ok) {
        std::cout << "[ wrong   ] " << claim["id"].get<std::string>() << " (" << expect << ") got "
                  << verdict << ": " << claim["claim"].get<std::string>() << "\n";
      }
      score.right += ok;
    }
    std::cout << "[ score   ] " << file << ": verdict and evidence right for " << score.right << "/"
              << score.total << "\n"
              << "| expected \\ got | supported | conflicting | partial | not_found |\n"
              << "|---|---|---|---|---|\n";
    for (const char* expect : {"supported", "contradicted", "unsupported"}) {
      int count = 0;
      for (const auto& [verdict, n] : score.table[expect]) count += n;
      std::cout << "| " << expect << " (" << count << ")";
      for (const char* verdict : {"supported", "conflicting", "partial", "not_found"}) {
        std::cout << " | " << score.table[expect][verdict];
      }
      std::cout << " |\n";
    }
    return score;
  }
};

TEST_F(ClaimCheck, DevClaimsGetTheExpectedVerdictAndEvidence) {
  const Score s = score("claims-dev.jsonl");
  EXPECT_EQ(s.right, s.total);
}

// Claims in their own words (issue 8). The floor guards against regressions; the table is the
// measure.
TEST_F(ClaimCheck, ParaphrasedDevClaimsConfusionTable) {
  const Score s = score("claims-dev2.jsonl");
  EXPECT_EQ(s.total, 45);
  EXPECT_GE(s.right, 36);
  EXPECT_GE(s.contradictions_conflicting, 11);
}

// Claims written after claims-dev2 was tuned on, and measured before each rule was added: the
// check that a rule generalises rather than fixes a dev claim.
TEST_F(ClaimCheck, HeldOutClaimsConfusionTable) {
  const Score s = score("claims-heldout.jsonl");
  EXPECT_EQ(s.total, 24);
  EXPECT_GE(s.right, 21);
}

TEST_F(ClaimCheck, EverySentenceSpanIsExactAndInsideItsPassage) {
  for (const nlohmann::json& claim : dev_claims()) {
    for (const Evidence& e : index().check(claim["claim"], {10}).evidence) {
      const Citation& c = e.hit.citation;
      const std::string file = read_file(corpus_dir() / c.path);
      EXPECT_EQ(c.text, file.substr(c.byte_start, c.byte_end - c.byte_start));
      EXPECT_EQ(e.sentence.text,
                file.substr(e.sentence.byte_start, e.sentence.byte_end - e.sentence.byte_start));
      EXPECT_GE(e.sentence.byte_start, c.byte_start);
      EXPECT_LE(e.sentence.byte_end, c.byte_end);
      EXPECT_LT(e.sentence.byte_start, e.sentence.byte_end);
      for (const ByteRange& range : e.hit.highlights) {
        EXPECT_GE(range.first, c.byte_start);
        EXPECT_LE(range.second, c.byte_end);
      }
    }
  }
}

TEST_F(ClaimCheck, ConflictNamesBothFigures) {
  const CheckResult result = index().check("Russia deported 100,000 foreigners in 2024");
  ASSERT_EQ(result.verdict, Verdict::kConflicting);
  ASSERT_GE(result.evidence.size(), 2u)
      << "000 (80,000 deported) and 001 (157,000 expelled) disagree";
  std::set<std::string> sources;
  for (const Evidence& e : result.evidence) {
    ASSERT_EQ(e.numbers.size(), 2u);
    EXPECT_EQ(e.numbers[0].claim, "100,000");
    if (e.numbers[0].relation == NumberRelation::kConflict) sources.insert(e.numbers[0].source);
    EXPECT_EQ(e.numbers[1].claim, "2024");
    EXPECT_EQ(e.numbers[1].relation, NumberRelation::kSame);
  }
  EXPECT_TRUE(sources.count("80,000")) << "000 says more than 80,000";
  EXPECT_TRUE(sources.count("157,000")) << "001 says some 157,000";
  const Evidence& first = result.evidence.front();
  EXPECT_EQ(
      first.sentence.text.rfind("In 2024, Russia [deported](#) more than 80,000 foreigners", 0),
      0u);
  EXPECT_EQ(first.missing, (std::vector<std::string>{"100,000"}));
}

TEST_F(ClaimCheck, SupportedClaimReportsMatchedWordsAndSameNumbers) {
  const CheckResult result = index().check("The Crocus City Hall attack killed 145 people");
  ASSERT_EQ(result.verdict, Verdict::kSupported);
  const Evidence& e = result.evidence.front();
  EXPECT_EQ(e.hit.citation.path, "004_fad1a6b6ca469459.txt");
  ASSERT_EQ(e.numbers.size(), 1u);
  EXPECT_EQ(e.numbers[0].relation, NumberRelation::kSame);
  EXPECT_NE(e.sentence.text.find("killed 145 people"), std::string::npos) << e.sentence.text;
  EXPECT_TRUE(e.missing.empty());
}

// Regression: figures were compared anywhere in the passage, whatever year they were for.
TEST_F(ClaimCheck, FiguresAreComparedForTheClaimsYear) {
  const CheckResult wrong_year = index().check("Russia deported 80,000 foreigners in 2023");
  ASSERT_EQ(wrong_year.verdict, Verdict::kConflicting);
  EXPECT_EQ(wrong_year.evidence.front().numbers[0].source, "44,200") << "000's figure for 2023";
  EXPECT_EQ(index().check("Russia deported 80,000 foreigners in 2024").verdict,
            Verdict::kSupported);
}

// Regression: "September 10 deadline" was a figure contradicting any count.
TEST_F(ClaimCheck, DatesAreNotCounts) {
  const CheckResult result = index().check("Russia deported 1,000,000 foreigners");
  for (const Evidence& e : result.evidence) {
    for (const NumberCheck& n : e.numbers) EXPECT_NE(n.source, "10") << e.hit.citation.path;
  }
}

TEST_F(ClaimCheck, DisagreeingSourcesAreShownEvenWhenOneSupports) {
  const CheckResult result = index().check("Russia expelled some 157,000 migrants in 2024", {1});
  ASSERT_EQ(result.verdict, Verdict::kSupported);
  ASSERT_GE(result.evidence.size(), 2u) << "000's 80,000 deported disagrees";
  EXPECT_EQ(result.evidence[0].hit.citation.path, "001_8b7595b235d65fb7.txt");
  EXPECT_EQ(result.evidence[1].numbers[0].relation, NumberRelation::kConflict);
}

// Regression: passages sharing only a figure with the claim filled the evidence limit.
TEST_F(ClaimCheck, EvidenceStatesWordsOfTheClaim) {
  for (const Evidence& e :
       index().check("Russia deported 100,000 foreigners in 2024", {10}).evidence) {
    const bool a_word = std::any_of(e.matched.begin(), e.matched.end(), [](const std::string& m) {
      return !m.empty() && std::isdigit(static_cast<unsigned char>(m[0])) == 0;
    });
    EXPECT_TRUE(a_word) << e.hit.citation.path << " \u00B6" << e.hit.citation.paragraph;
  }
}

// Regression: the figure and the claim's names were one sentence apart, so the other figure
// did not count as a conflict.
TEST_F(ClaimCheck, ConflictAcrossSentencesOfOnePassage) {
  const CheckResult result = index().check("The Crocus City Hall attack killed 150 people");
  ASSERT_EQ(result.verdict, Verdict::kConflicting);
  EXPECT_EQ(result.evidence.front().numbers[0].source, "145");
}

TEST_F(ClaimCheck, IrregularVerbsAreRelated) {
  EXPECT_EQ(index().check("The number of foreigners in Russia fell to 5.7 million").verdict,
            Verdict::kSupported)
      << "000 says 'has fallen to 5.7 million'";
}

TEST_F(ClaimCheck, AmongEqualContextsTheClosestFigureIsCompared) {
  const CheckResult result = index().check("Russia's population will fall to 120 million by 2046");
  ASSERT_EQ(result.verdict, Verdict::kConflicting);
  EXPECT_EQ(result.evidence.front().numbers[0].source, "130 million");
}

// Regression: figures were highlighted by their text, so every copy of "100,000" in 002 ¶21
// was marked although the claim was compared with one.
TEST_F(ClaimCheck, OnlyTheComparedFigureIsHighlighted) {
  const CheckResult result =
      index().check("South Korea increased its quota for Uzbek workers to 100,000 in 2024");
  ASSERT_EQ(result.verdict, Verdict::kSupported);
  const Evidence& e = result.evidence.front();
  ASSERT_EQ(e.hit.citation.path, "002_ca56329877b14360.txt");
  const std::string& text = e.hit.citation.text;
  ASSERT_NE(text.find("100,000"), text.rfind("100,000")) << "the passage states 100,000 twice";
  int highlighted = 0;
  for (const ByteRange& range : e.hit.highlights) {
    highlighted += text.substr(range.first - e.hit.citation.byte_start,
                               range.second - range.first) == "100,000";
  }
  EXPECT_EQ(highlighted, 1);
}

TEST_F(ClaimCheck, NumbersWrittenDifferentlyAreTheSame) {
  const CheckResult result =
      index().check("Russia deported more than eighty thousand foreigners in 2024");
  ASSERT_EQ(result.verdict, Verdict::kSupported);
  EXPECT_EQ(result.evidence.front().numbers[0].source, "80,000");
}

TEST_F(ClaimCheck, NothingSubstantialIsNotFound) {
  EXPECT_EQ(index().check("Xylophone orchestras rehearse chromodynamics").verdict,
            Verdict::kNotFound);
  EXPECT_TRUE(index().check("Xylophone orchestras rehearse chromodynamics").evidence.empty());
  EXPECT_EQ(index().check("").verdict, Verdict::kNotFound);
  EXPECT_EQ(index().check("the of and").verdict, Verdict::kNotFound);
}

TEST_F(ClaimCheck, EvidenceLimitIsRespected) {
  EXPECT_EQ(
      index().check("Putin plans to expand the armed forces to 1.8 million", {1}).evidence.size(),
      1u);
}

}  // namespace
}  // namespace cite

namespace cite {
namespace {

// Regression (issue 9): check was quadratic in a claim's numbers; claims are now bounded, with
// an error that says so, and a claim at the bound is still answered.
TEST(ClaimCheckBounds, LongClaimsAreRefusedClearly) {
  const Index& index = cite::testing::corpus_index();
  std::string at_bound;
  for (int i = 0; at_bound.size() + 16 < 64 * 1024; ++i) at_bound += std::to_string(i * 37) + " ";
  EXPECT_NO_THROW(index.check(at_bound));
  try {
    index.check(std::string(64 * 1024 + 1, 'a'));
    ADD_FAILURE() << "a claim over 64 KiB was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("65536 bytes"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cite

namespace cite {
namespace {

// The JSON explains each verdict: how every claim word is stated, and where the sources
// disagree (one case per conflict kind, from the paraphrased dev claims).
nlohmann::json first_evidence(const std::string& claim, const std::string& verdict) {
  const nlohmann::json j =
      nlohmann::json::parse(to_json(cite::testing::corpus_index().check(claim)));
  EXPECT_EQ(j["verdict"], verdict) << claim;
  return j["evidence"].empty() ? nlohmann::json::object() : j["evidence"][0];
}

const nlohmann::json* aligned(const nlohmann::json& evidence, const std::string& word) {
  for (const nlohmann::json& m : evidence["alignment"]) {
    if (m["claim"] == word) return &m;
  }
  return nullptr;
}

// The first evidence of `claim` (into `e`) conflicts with it in one place, a direction: the
// source's `source_word` is the opposite of the claim's `claim_word`. Call it through
// ASSERT_NO_FATAL_FAILURE.
void expect_direction_conflict(const std::string& claim, const std::string& source_word,
                               const std::string& claim_word, nlohmann::json& e) {
  e = first_evidence(claim, "conflicting");
  ASSERT_EQ(e["conflicts"].size(), 1u) << claim;
  EXPECT_EQ(e["conflicts"][0]["kind"], "direction");
  EXPECT_EQ(e["conflicts"][0]["source"], source_word);
  ASSERT_NE(aligned(e, claim_word), nullptr) << claim;
  EXPECT_EQ((*aligned(e, claim_word))["how"], "antonym");
}

TEST(CheckJson, DirectionConflictShowsTheAntonymInPlace) {
  nlohmann::json e;
  ASSERT_NO_FATAL_FAILURE(expect_direction_conflict(
      "Despite tighter rules and growing xenophobia, the number of Central Asian labour migrants "
      "in Russia has been rising in recent years.",
      "declining", "rising", e));
  EXPECT_EQ((*aligned(e, "labour"))["how"], "spelling");
  EXPECT_EQ((*aligned(e, "Central"))["name"], true);
}

TEST(CheckJson, SwappedNamesConflict) {
  const nlohmann::json e = first_evidence(
      "Among the in-migrants to Russia's regions, Krasnoyarsk mostly receives Kyrgyz, while the "
      "Komi Republic is home to many Tajiks.",
      "conflicting");
  std::set<std::string> pairs;
  for (const nlohmann::json& c : e["conflicts"]) {
    EXPECT_EQ(c["kind"], "name");
    pairs.insert(c["claim"].get<std::string>() + "/" + c["source"].get<std::string>());
  }
  EXPECT_EQ(pairs, (std::set<std::string>{"Kyrgyz/Tajik", "Tajiks/Kyrgyz"}));
}

TEST(CheckJson, FigureConflictAndTolerance) {
  const nlohmann::json conflict =
      first_evidence("Russia deported 100,000 foreigners in 2024", "conflicting");
  ASSERT_FALSE(conflict["conflicts"].empty());
  EXPECT_EQ(conflict["conflicts"][0]["kind"], "figure");
  EXPECT_EQ(conflict["conflicts"][0]["claim"], "100,000");
  const nlohmann::json fraction = first_evidence(
      "Nineteen out of every twenty people arriving under the Compatriots scheme come from the "
      "former Soviet space.",
      "supported");
  ASSERT_EQ(fraction["numbers"].size(), 1u);
  EXPECT_EQ(fraction["numbers"][0]["source"], "95%");
  EXPECT_EQ(fraction["numbers"][0]["relation"], "same");
  EXPECT_EQ(fraction["numbers"][0]["tolerance"], "within 3%");
  EXPECT_EQ((*aligned(fraction, "Soviet"))["how"], "stem");
}

TEST(CheckJson, ACapitalStandsForItsCountry) {
  const nlohmann::json e = first_evidence(
      "Washington estimates that about ten thousand North Korean soldiers are deployed in "
      "Russia's Kursk region.",
      "supported");
  ASSERT_NE(aligned(e, "Washington"), nullptr);
  EXPECT_EQ((*aligned(e, "Washington"))["how"], "part");
  EXPECT_EQ((*aligned(e, "Washington"))["source"], "US");
  EXPECT_TRUE(e["conflicts"].empty()) << "the US is no rival of Russia in Washington's place";
}

TEST(CheckJson, TheOppositeOfTheGeneralVerbIsADirection) {
  nlohmann::json e;
  expect_direction_conflict(
      "In October 2024 the Russian government announced it was raising the residence permit "
      "quota for 2025.",
      "reducing", "raising", e);
}

TEST(CheckJson, AClaimAboutAnotherCountryIsNotSupported) {
  const nlohmann::json j = nlohmann::json::parse(to_json(
      cite::testing::corpus_index().check("Uzbekistan has signed a labour migration agreement "
                                          "with Japan.")));
  EXPECT_EQ(j["verdict"], "partial");
  ASSERT_FALSE(j["evidence"].empty());
  const auto& missing = j["evidence"][0]["missing"];
  EXPECT_NE(std::find(missing.begin(), missing.end(), "Japan"), missing.end());
}

}  // namespace
}  // namespace cite
