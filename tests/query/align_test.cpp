#include "query/align.hpp"

#include <gtest/gtest.h>

#include "cite/error.hpp"
#include "query/claim.hpp"
#include "text/analyzer.hpp"

namespace cite::query {
namespace {

// The stages of `cite check` without an index: every word equally rare.
class Stages : public ::testing::Test {
 protected:
  Claim claim(const std::string& text) const {
    return analyze_claim(text, query_, [](const std::set<std::string>&) { return 1.0; });
  }

  // "kind claim->source; ..." for the conflicts, and the assessment.
  std::string conflicts(const std::string& claim_text, const std::string& source) const {
    const Claim c = claim(claim_text);
    const Passage p = analyze_passage(source, document_, c);
    const Alignment a = align(c, p);
    std::string out;
    for (const FoundConflict& f : a.conflicts) {
      if (!out.empty()) out += "; ";
      out += std::string(to_string(f.kind)) + " ";
      if (f.kind == ConflictKind::kFigure) {
        out += c.numbers[f.claim_item].surface + "->" +
               source.substr(p.quantities[f.source].begin,
                             p.quantities[f.source].end - p.quantities[f.source].begin);
      } else {
        out += (f.kind == ConflictKind::kComparison ? c.comparison_surface
                                                    : c.words[f.claim_item].surface) +
               "->" +
               source.substr(p.tokens[f.source].begin,
                             p.tokens[f.source].end - p.tokens[f.source].begin);
      }
    }
    return out;
  }

  // "word=source/how ..." for the alignment.
  std::string alignment(const std::string& claim_text, const std::string& source) const {
    const Claim c = claim(claim_text);
    const Passage p = analyze_passage(source, document_, c);
    const Alignment a = align(c, p);
    std::string out;
    for (std::size_t w = 0; w < c.words.size(); ++w) {
      if (!out.empty()) out += " ";
      out += c.words[w].surface + "=";
      if (a.words[w].in_passage) {
        const text::Token& t = p.tokens[a.words[w].token];
        out += source.substr(t.begin, t.end - t.begin) + "/" + to_string(a.words[w].kind);
      } else {
        out += "-";
      }
    }
    return out;
  }

  Assessment assessment(const std::string& claim_text, const std::string& source) const {
    const Claim c = claim(claim_text);
    return assess(c, align(c, analyze_passage(source, document_, c)));
  }

  text::Analyzer query_{text::AnalysisMode::kQuery};
  text::Analyzer document_{text::AnalysisMode::kDocument};
};

TEST_F(Stages, AnalyseTheClaimNamesAndFigures) {
  const Claim c = claim("Roughly one in three Kyrgyz kids left Russia in 2024");
  ASSERT_EQ(c.numbers.size(), 2u);
  EXPECT_EQ(c.numbers[0].surface, "one in three");
  EXPECT_EQ(text::describe(c.numbers[0].quantity), "about 33.333333 percent");
  std::vector<std::string> words;
  for (const ClaimWord& w : c.words) words.push_back(w.surface + (w.is_name ? "*" : ""));
  EXPECT_EQ(words, (std::vector<std::string>{"Kyrgyz*", "kids", "left", "Russia*"}))
      << "`Roughly` bounds the figure; names are marked";
  EXPECT_NE(describe_matches(c, "kids").find("child/synonym"), std::string::npos);
}

// `may` is a month to WordNet: a modal must not count as a word a source has to state.
TEST_F(Stages, ModalsAreNotClaimWords) {
  const Claim c = claim("Ukrainians may stay and must register, and others should leave");
  std::vector<std::string> words;
  for (const ClaimWord& w : c.words) words.push_back(w.surface);
  EXPECT_EQ(words, (std::vector<std::string>{"Ukrainians", "stay", "register", "others", "leave"}));
}

struct AlignmentRow {
  std::string claim;
  std::string source;
  std::string alignment;
};

class Alignments : public Stages, public ::testing::WithParamInterface<AlignmentRow> {};

TEST_P(Alignments, SayHowEachWordIsStated) {
  EXPECT_EQ(alignment(GetParam().claim, GetParam().source), GetParam().alignment);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Alignments,
    ::testing::Values(AlignmentRow{"migrants were deported", "migrant deportations",
                                   "migrants=migrant/stem "
                                   "deported=deportations/"
                                   "stem"},
                      AlignmentRow{"labour migrants", "labor migrants",
                                   "labour=labor/spelling migrants=migrants/stem"},
                      AlignmentRow{"their kids", "their children", "kids=children/synonym"},
                      AlignmentRow{"the registry was introduced",
                                   "the introduction of the registry",
                                   "registry=registry/stem introduced=introduction/derived"},
                      AlignmentRow{"they bolster the border", "they reinforce the border",
                                   "bolster=reinforce/hypernym border=border/stem"},
                      AlignmentRow{"workers from Tajikistan", "Tajik workers",
                                   "workers=workers/stem Tajikistan=Tajik/derived"},
                      AlignmentRow{"numbers are rising", "numbers are declining",
                                   "numbers=numbers/stem rising=-"},
                      // A capital for its country's government.
                      AlignmentRow{"Washington estimates", "The US Government estimates",
                                   "Washington=US/part estimates=estimates/stem"},
                      AlignmentRow{"Bishkek's ambassador", "Kyrgyzstan's ambassador",
                                   "Bishkek's=Kyrgyzstan's/part ambassador=ambassador/stem"},
                      // Regression: the pronoun `us` stated `Washington` (the US): a whole names
                      // a claim's place only capitalised.
                      AlignmentRow{"Washington estimates", "they told us estimates",
                                   "Washington=- estimates=estimates/stem"},
                      // Two claim words that are one WordNet lemma.
                      AlignmentRow{"Moscow cracked down on migrants",
                                   "Moscow's crackdowns on migrants",
                                   "Moscow=Moscow's/stem cracked=crackdowns/derived "
                                   "down=crackdowns/derived migrants=migrants/stem"},
                      AlignmentRow{"the number went down", "the number declined",
                                   "number=number/stem went=declined/derived "
                                   "down=declined/derived"},
                      // After a preposition of place a capital is the city, not its country.
                      AlignmentRow{"they settled in Yerevan", "they settled in Armenia",
                                   "settled=settled/stem Yerevan=-"},
                      // An irregular plural the stemmer cuts short (`wives`: `wive`).
                      AlignmentRow{"their spouses", "their wives", "spouses=wives/hypernym"},
                      // A possessive is looked up without its `'s`.
                      AlignmentRow{"Russia's market", "the Russian market",
                                   "Russia's=Russian/derived market=market/stem"}));

struct ConflictRow {
  std::string claim;
  std::string source;
  std::string conflicts;
};

class Conflicts : public Stages, public ::testing::WithParamInterface<ConflictRow> {};

TEST_P(Conflicts, AreFoundInTheirPlace) {
  EXPECT_EQ(conflicts(GetParam().claim, GetParam().source), GetParam().conflicts);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Conflicts,
    ::testing::Values(
        // A figure of the same kind next to the same words.
        ConflictRow{"Russia deported 100,000 foreigners", "Russia deported 80,000 foreigners.",
                    "figure 100,000->80,000"},
        // A multiple against a change in percent: the sentence's only multiple.
        ConflictRow{"Applications in 2023 were 49 times the 2019 level",
                    "Applications were 49% more in 2023 than in 2019.",
                    "figure 49 times->49% more"},
        // A duration.
        ConflictRow{"Argentina requires five years of residence for citizenship",
                    "Argentina has a two-year residency requirement for citizenship.",
                    "figure five years->two-year"},
        // Figures that traded places: each is stated, but next to the other's word.
        ConflictRow{"500,000 soldiers were killed and 115,000 wounded",
                    "The army lost 115,000 dead and 500,000 wounded.", "figure 115,000->500,000"},
        ConflictRow{"500,000 soldiers were killed and 115,000 wounded",
                    "The army lost 500,000 killed and 115,000 wounded.", ""},
        // A direction: an antonym in the word's place, or the opposite of one of its synonyms.
        ConflictRow{"The number of migrants has been rising in recent years",
                    "The number of migrants has been declining in recent years.",
                    "direction rising->declining"},
        ConflictRow{"Russian rates are above those of Afghans",
                    "Russian rates are below those of Afghans.", "direction above->below"},
        // The opposite comparison: `more` and `less` are function words to WordNet.
        ConflictRow{"Russians are granted asylum more often than Afghans",
                    "Russian asylum rates remain well below those of Afghans.",
                    "direction more->below"},
        ConflictRow{"Russians are granted asylum more often than Afghans",
                    "Russian asylum rates remain well above those of Afghans.", ""},
        // A way of doing the opposite: to raise is to increase, to reduce to decrease.
        ConflictRow{"The government announced it was raising the residence permit quota",
                    "The government announced that it was reducing the residence permit quota.",
                    "direction raising->reducing"},
        // A figure followed by a noun the claim never names counts something else.
        ConflictRow{"Researchers found more than 2,000 deported children",
                    "Researchers located over 40 camps hosting deported children.", ""},
        ConflictRow{"Researchers found more than 2,000 deported children",
                    "Researchers found over 40 deported children.", "figure 2,000->40"},
        // A general noun (`people`) counts whatever the claim counts.
        ConflictRow{"Russia deported 80,000 foreigners in 2023",
                    "Russia deported 44,200 people in 2023.", "figure 80,000->44,200"},
        // A class names its members: `the State` is Russia, no rival.
        ConflictRow{"Russia registered 110,500 births in July 2023",
                    "In July 2023, the 110,500 recorded births were the lowest, the head of the "
                    "State Duma Committee said.",
                    ""},
        // A bound on a figure is its tolerance, not a comparison.
        ConflictRow{"Russia deported more than 2,000 migrants",
                    "Russia deported 2,500 migrants, fewer than the year before.", ""},
        // Not when the claim word is negated: `not far` is `close`.
        ConflictRow{"The rate was not far from the average", "The rate was close to the average.",
                    ""},
        // A name of the same kind in the name's place.
        ConflictRow{"Uzbekistan signed a deal with the Netherlands",
                    "Uzbekistan signed a deal with Germany.", "name Netherlands->Germany"},
        ConflictRow{"Moscow cracked down on Kyrgyz migrants",
                    "Moscow cracked down on Tajik migrants.", "name Kyrgyz->Tajik"},
        // A claim in another order has no place for its name: the sentence's one unclaimed
        // name of the kind stands for it, when the sentence does not state the claim's.
        ConflictRow{
            "Uzbekistan signed an agreement with the Netherlands to help its citizens move",
            "Uzbekistan signed a deal to facilitate the movement of its citizens to Germany.",
            "name Netherlands->Germany"},
        ConflictRow{"Uzbekistan signed an agreement with the Netherlands to help its citizens move",
                    "Uzbekistan signed a deal to facilitate the movement of its citizens to the "
                    "Netherlands, as Kazakhstan did.",
                    ""},
        // A sentence stating the claim's figures is about it though its names are others.
        ConflictRow{"In 2011, Moscow cracked down on Kyrgyz migrants during a quarrel with "
                    "Bishkek over a military base",
                    "The Kremlin intensified its crackdowns on migrants. This is what happened "
                    "to Tajik migrants in 2011 when Moscow and Dushanbe argued over a base.",
                    "name Kyrgyz->Tajik; name Bishkek->Dushanbe"},
        ConflictRow{"In 2011, Moscow cracked down on Kyrgyz migrants during a quarrel with "
                    "Bishkek over a military base",
                    "The Kremlin intensified its crackdowns on migrants. This is what happened "
                    "to Tajik migrants when Moscow and Dushanbe argued over a base.",
                    ""},
        // Two names trading places.
        ConflictRow{"Krasnoyarsk mostly receives Kyrgyz, while the Komi Republic is home to many "
                    "Tajiks",
                    "Krasnoyarsk has mainly Tajik migrants, while the Komi Republic hosts many "
                    "Kyrgyz.",
                    "name Kyrgyz->Tajik; name Tajiks->Kyrgyz"},
        // A role for a name, or a list in another order, is no conflict.
        ConflictRow{"Washington estimates that 10,000 soldiers are deployed",
                    "The US Government estimates that 10,000 soldiers are deployed.", ""},
        ConflictRow{"workers from Tajikistan and Uzbekistan",
                    "workers from Uzbekistan and Tajikistan.", ""},
        // Approximations and fractions within their tolerance.
        ConflictRow{"roughly 6k roubles a month", "about 6,000 roubles a month.", ""},
        ConflictRow{"nineteen out of every twenty arrivals", "95% of arrivals.", ""},
        ConflictRow{"more than a decade of talks", "after 11 years of talks.", ""},
        // A multiple stated as the change between two figures; years by both ends of a range.
        ConflictRow{"Emigration by scientists grew fivefold between 2012 and 2021",
                    "Emigration by scientists rose from 14,000 in 2012 to 70,000 in 2021.", ""},
        ConflictRow{"Emigration by scientists grew tenfold between 2012 and 2021",
                    "Emigration by scientists rose from 14,000 in 2012 to 70,000 in 2021.", ""}));

// Support needs every name the claim makes: a claim about another country is another claim.
TEST_F(Stages, SupportNeedsTheClaimsNames) {
  EXPECT_FALSE(assessment("Uzbekistan signed a labour migration agreement with Japan",
                          "Uzbekistan signed agreements on labour migration.")
                   .supports);
  EXPECT_TRUE(assessment("Uzbekistan signed a labour migration agreement with Poland",
                         "Uzbekistan signed agreements on labour migration with Poland.")
                  .supports);
  // A capitalised common word (`Interior`) and a month are not names a source must state.
  EXPECT_TRUE(
      assessment("In March the Interior Ministry estimated that 10.5 million migrants from "
                 "Uzbekistan arrived",
                 "The Ministry estimated that 10.5 million migrants from Uzbekistan arrived.")
          .supports);
}

TEST_F(Stages, MultiplesFromTwoFigures) {
  const Claim c = claim("Emigration by scientists grew fivefold between 2012 and 2021");
  const Passage p = analyze_passage(
      "Emigration by scientists rose from 14,000 in 2012 to 70,000 in 2021.", document_, c);
  const Alignment a = align(c, p);
  ASSERT_EQ(a.figures.size(), 2u);
  EXPECT_EQ(a.figures[0].relation, NumberRelation::kSame) << "70,000 / 14,000 = 5";
  EXPECT_EQ(a.figures[1].relation, NumberRelation::kSame) << "2012 and 2021 both stated";
  const Claim tenfold = claim("Emigration by scientists grew tenfold");
  EXPECT_NE(align(tenfold, analyze_passage("Emigration by scientists rose from 14,000 to 70,000.",
                                           document_, tenfold))
                .figures[0]
                .relation,
            NumberRelation::kSame);
}

TEST_F(Stages, DecideFromTheAssessments) {
  EXPECT_TRUE(assessment("Russia deported 80,000 foreigners in 2024",
                         "In 2024, Russia deported more than 80,000 foreigners.")
                  .supports);
  const Assessment conflict = assessment("Russia deported 100,000 foreigners in 2024",
                                         "In 2024, Russia deported more than 80,000 foreigners.");
  EXPECT_FALSE(conflict.supports);
  EXPECT_TRUE(conflict.conflicts);
  EXPECT_EQ(decide({}), Verdict::kNotFound);
  Assessment support{true, true, false, 0.6};
  Assessment direct_conflict{true, false, true, 0.9};
  EXPECT_EQ(decide({support}), Verdict::kSupported);
  EXPECT_EQ(decide({support, direct_conflict}), Verdict::kConflicting)
      << "the more direct passage decides";
  direct_conflict.directness = 0.5;
  EXPECT_EQ(decide({support, direct_conflict}), Verdict::kSupported);
  EXPECT_EQ(decide({Assessment{true, false, false, 0.4}}), Verdict::kPartial);
  EXPECT_EQ(decide({Assessment{false, false, false, 0.1}}), Verdict::kNotFound);
}

// Regression (issue 9): the work per window was quadratic in a passage's figures.
TEST_F(Stages, ClaimsAreBounded) {
  EXPECT_THROW(claim(std::string(kMaxClaimBytes + 1, 'a')), Error);
  std::string many;
  for (int i = 0; i < 1000; ++i) many += std::to_string(1000 + i * 7) + " ";
  EXPECT_EQ(claim(many).numbers.size(), kMaxClaimNumbers);
}

}  // namespace
}  // namespace cite::query
