#include "text/variants.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "text/analyzer.hpp"

namespace cite::text {
namespace {

// Pairs that no suffix rule covers.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kWords = {{
    {"kyrgyz", "kirghiz"},  // WordNet 3.0 has only the older transliteration
    {"gray", "grey"},
    {"ruble", "rouble"},
    {"rubles", "roubles"},
    {"program", "programme"},
    {"programs", "programmes"},
    {"defense", "defence"},
    {"offense", "offence"},
    {"license", "licence"},
    {"catalog", "catalogue"},
    {"dialog", "dialogue"},
    {"aging", "ageing"},
    {"mold", "mould"},
}};

// Suffix rewrites, tried both ways: `-ize`/`-ise` (and their inflections), `-yze`/`-yse`,
// `-or`/`-our`, `-er`/`-re`, `-eled`/`-elled`.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kSuffixes = {{
    {"ize", "ise"},
    {"izes", "ises"},
    {"ized", "ised"},
    {"izing", "ising"},
    {"ization", "isation"},
    {"izations", "isations"},
    {"yze", "yse"},
    {"yzed", "ysed"},
    {"or", "our"},
    {"ors", "ours"},
    {"ored", "oured"},
    {"oring", "ouring"},
    {"er", "re"},
    {"ers", "res"},
    {"eled", "elled"},
    {"eling", "elling"},
}};

void add(std::vector<std::string>& out, std::string word) {
  if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

// Each group: words a reporter uses for the same thing that WordNet 3.0 does not all relate
// to each other (see text/wordnet.hpp). Groups whose words WordNet relates pairwise (`kids` /
// `children`, `citizens` / `nationals`, `plan` / `intend`...) are left to it; a group stays
// whole when WordNet misses some of its pairs, since matching is one step. Kept small and
// general; a word may appear in one group only.
constexpr std::array<std::string_view, 16> kRelatedGroups = {
    // WordNet's main sense of `deport` is to behave (`deportment`).
    "deport deported deporting deportation deportations expel expelled expelling expulsion "
    "expulsions",
    "foreigner foreigners migrant migrants immigrant immigrants newcomer newcomers",
    "cut cuts reduce reduced reduces reducing reduction reductions lower lowered shorten "
    "shortened",
    "rise rose risen rising increase increased increases increasing grow grew grown growing",
    "fall fell fallen falling falls drop dropped dropping decline declined declining decrease "
    "decreased",
    "allow allowed allows allowing let lets letting permit permitted permits enable enabled",
    "kill killed killing killings die died dead death deaths",
    "say said says report reported reports announce announced",
    "arrest arrested arrests detain detained detention",
    "leave left leaving flee fled fleeing depart departed emigrate emigrated",
    "law laws bill bills legislation",
    "people persons individuals",
    "worker workers labourer labourers laborer laborers employee employees",
    "attack attacks shooting assault",
    "quota quotas cap caps limit limits",
    "pass passed adopt adopted approve approved enact enacted",
};

}  // namespace

std::vector<std::string> related_words(std::string_view term) {
  struct Group {
    std::vector<std::string> words;
    std::set<std::string> stems;
  };
  // Split and stemmed once: groups are matched by stem, so every inflection of a listed word
  // finds its group (`deports` finds `expelled`).
  static const std::vector<Group> groups = [] {
    std::vector<Group> split;
    for (std::string_view list : kRelatedGroups) {
      Group group;
      std::size_t pos = 0;
      while (pos < list.size()) {
        std::size_t end = list.find(' ', pos);
        if (end == std::string_view::npos) end = list.size();
        group.words.emplace_back(list.substr(pos, end - pos));
        group.stems.insert(stem(group.words.back()));
        pos = end + 1;
      }
      split.push_back(std::move(group));
    }
    return split;
  }();
  const std::string term_stem = stem(term);
  std::vector<std::string> related;
  for (const Group& group : groups) {
    if (group.stems.count(term_stem) == 0) continue;
    for (const std::string& word : group.words) {
      if (word != term) add(related, word);
    }
  }
  return related;
}

std::vector<std::string> spelling_variants(std::string_view term) {
  std::vector<std::string> out{std::string(term)};
  for (const auto& [a, b] : kWords) {
    if (term == a) add(out, std::string(b));
    if (term == b) add(out, std::string(a));
  }
  for (const auto& [a, b] : kSuffixes) {
    for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
      if (ends_with(term, from)) {
        add(out, std::string(term.substr(0, term.size() - from.size())) + std::string(to));
      }
    }
  }
  return out;
}

}  // namespace cite::text
