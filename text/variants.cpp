#include "text/variants.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace cite::text {
namespace {

// Pairs that no suffix rule covers.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kWords = {{
    {"gray", "grey"},        {"ruble", "rouble"},       {"rubles", "roubles"},
    {"program", "programme"}, {"programs", "programmes"}, {"defense", "defence"},
    {"offense", "offence"},  {"license", "licence"},    {"catalog", "catalogue"},
    {"dialog", "dialogue"},  {"aging", "ageing"},       {"mold", "mould"},
}};

// Suffix rewrites, tried both ways: `-ize`/`-ise` (and their inflections), `-yze`/`-yse`,
// `-or`/`-our`, `-er`/`-re`, `-eled`/`-elled`.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kSuffixes = {{
    {"ize", "ise"},         {"izes", "ises"},     {"ized", "ised"},     {"izing", "ising"},
    {"ization", "isation"}, {"izations", "isations"}, {"yze", "yse"},   {"yzed", "ysed"},
    {"or", "our"},          {"ors", "ours"},      {"ored", "oured"},    {"oring", "ouring"},
    {"er", "re"},           {"ers", "res"},       {"eled", "elled"},    {"eling", "elling"},
}};

void add(std::vector<std::string>& out, std::string word) {
  if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

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
