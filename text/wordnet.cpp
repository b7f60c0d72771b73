#include "text/wordnet.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "text/wordnet_format.hpp"

namespace cite::text {
namespace wordnet {
// Defined in the generated wordnet_blob.cpp (see text/wordnet_build.cpp).
extern const unsigned char* const kBlob;
extern const std::size_t kBlobSize;
}  // namespace wordnet

namespace {

using wordnet::Header;
using wordnet::LemmaEntry;
using wordnet::PointerEntry;
using wordnet::SynsetEntry;

// Senses of each part of speech that count. WordNet lists a word's senses most frequent first;
// past the third, they are rare enough (`kid`: to tease; `rise`: to rebel) to match far more
// unrelated words than paraphrases.
constexpr std::size_t kSensesPerPos = 3;
// How far up two names may have to go to meet in a common class, and how specific that class
// must be (its distance from WordNet's root, `entity`): `Germany` and `Netherlands` meet at
// `European country`; `Tajik` and `doctor` would only meet at `person`, too general to be a kind.
constexpr int kKindLevels = 2;
constexpr int kMinKindDepth = 5;
// How deep a noun's hypernym must be to state it: `object`, `abstraction` are too general.
constexpr int kMinNounDepth = 4;

// WordNet's detachment rules (morphy), per part of speech.
struct Detachment {
  std::string_view suffix;
  std::string_view ending;
};
constexpr std::array<Detachment, 8> kNounRules = {{{"s", ""},
                                                   {"ses", "s"},
                                                   {"xes", "x"},
                                                   {"zes", "z"},
                                                   {"ches", "ch"},
                                                   {"shes", "sh"},
                                                   {"men", "man"},
                                                   {"ies", "y"}}};
constexpr std::array<Detachment, 8> kVerbRules = {{{"s", ""},
                                                   {"ies", "y"},
                                                   {"es", "e"},
                                                   {"es", ""},
                                                   {"ed", "e"},
                                                   {"ed", ""},
                                                   {"ing", "e"},
                                                   {"ing", ""}}};
constexpr std::array<Detachment, 4> kAdjectiveRules = {
    {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}};

template <typename T>
const T* table(const unsigned char* blob, std::uint32_t offset) {
  return reinterpret_cast<const T*>(blob + offset);
}

}  // namespace

const char* to_string(LexicalRelation relation) noexcept {
  switch (relation) {
    case LexicalRelation::kSynonym:
      return "synonym";
    case LexicalRelation::kDerived:
      return "derived";
    case LexicalRelation::kHypernym:
      return "hypernym";
    case LexicalRelation::kPart:
      return "part";
    case LexicalRelation::kAntonym:
      return "antonym";
  }
  return "synonym";
}

WordNet::WordNet(const unsigned char* blob, std::size_t size) {
  if (size < sizeof(Header)) return;
  const Header* h = table<Header>(blob, 0);
  if (std::memcmp(h->magic, wordnet::kMagic, sizeof h->magic) != 0 || h->size != size) return;
  blob_ = blob;
  lemma_count_ = h->lemma_count;
}

const WordNet& WordNet::instance() {
  static const WordNet wordnet(wordnet::kBlob, wordnet::kBlobSize);
  return wordnet;
}

namespace {

// The in-place reader behind WordNet's public functions.
class Reader {
 public:
  explicit Reader(const unsigned char* blob) : blob_(blob), header_(table<Header>(blob, 0)) {}

  std::optional<std::uint32_t> find(std::string_view word) const {
    const LemmaEntry* lemmas = table<LemmaEntry>(blob_, header_->lemmas);
    const LemmaEntry* end = lemmas + header_->lemma_count;
    const LemmaEntry* it = std::lower_bound(
        lemmas, end, word, [&](const LemmaEntry& e, auto w) { return name(e.name) < w; });
    if (it == end || name(it->name) != word) return std::nullopt;
    return static_cast<std::uint32_t>(it - lemmas);
  }

  std::uint32_t flags(std::uint32_t lemma) const {
    return table<LemmaEntry>(blob_, header_->lemmas)[lemma].flags;
  }

  std::string_view lemma_name(std::uint32_t lemma) const {
    return name(table<LemmaEntry>(blob_, header_->lemmas)[lemma].name);
  }

  // The synsets of a lemma, most frequent sense first.
  std::pair<const std::uint32_t*, const std::uint32_t*> senses(std::uint32_t lemma) const {
    const LemmaEntry& e = table<LemmaEntry>(blob_, header_->lemmas)[lemma];
    const std::uint32_t* first = table<std::uint32_t>(blob_, header_->senses) + e.first_sense;
    return {first, first + e.sense_count};
  }

  const SynsetEntry& synset(std::uint32_t id) const {
    return table<SynsetEntry>(blob_, header_->synsets)[id];
  }

  std::uint32_t member(const SynsetEntry& s, std::uint32_t k) const {
    return table<std::uint32_t>(blob_, header_->members)[s.first_member + k];
  }

  const PointerEntry& pointer(const SynsetEntry& s, std::uint32_t k) const {
    return table<PointerEntry>(blob_, header_->pointers)[s.first_pointer + k];
  }

  // Lemma ids an inflected form is an exception of (`shrank` -> `shrink`).
  void exceptions(std::string_view word, std::vector<std::uint32_t>& out) const {
    const std::uint32_t* pairs = table<std::uint32_t>(blob_, header_->exceptions);
    std::size_t low = 0;
    std::size_t high = header_->exception_count;
    while (low < high) {
      const std::size_t mid = (low + high) / 2;
      if (name(pairs[2 * mid]) < word) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    for (; low < header_->exception_count && name(pairs[2 * low]) == word; ++low) {
      out.push_back(pairs[2 * low + 1]);
    }
  }

  // The senses that count: the first kSensesPerPos of each part of speech.
  std::vector<std::uint32_t> main_senses(std::uint32_t lemma, int only_pos = -1) const {
    std::vector<std::uint32_t> out;
    std::array<std::size_t, 4> per_pos{};
    const auto [first, last] = senses(lemma);
    for (const std::uint32_t* s = first; s != last; ++s) {
      const std::uint32_t pos = synset(*s).pos;
      if (only_pos >= 0 && pos != static_cast<std::uint32_t>(only_pos)) continue;
      if (per_pos[pos]++ < kSensesPerPos) out.push_back(*s);
    }
    return out;
  }

  // The first (most frequent) sense of `lemma` as part of speech `pos`, or no synset.
  std::uint32_t first_sense(std::uint32_t lemma, std::uint32_t pos) const {
    const auto [first, last] = senses(lemma);
    for (const std::uint32_t* s = first; s != last; ++s) {
      if (synset(*s).pos == pos) return *s;
    }
    return std::numeric_limits<std::uint32_t>::max();
  }

  // The 1-based position of `lemma` among the members of synset `s`, or 0.
  std::uint32_t position(const SynsetEntry& s, std::uint32_t lemma) const {
    for (std::uint32_t k = 0; k < s.member_count; ++k) {
      if (member(s, k) == lemma) return k + 1;
    }
    return 0;
  }

  // Distance from `id` to WordNet's root along hypernyms, capped.
  int depth(std::uint32_t id) const {
    int d = 0;
    std::uint32_t current = id;
    for (; d < 20; ++d) {
      const SynsetEntry& s = synset(current);
      bool up = false;
      for (std::uint32_t k = 0; k < s.pointer_count && !up; ++k) {
        const PointerEntry& p = pointer(s, k);
        if (p.type == wordnet::kHypernym || p.type == wordnet::kInstanceHypernym) {
          current = p.target;
          up = true;
        }
      }
      if (!up) break;
    }
    return d;
  }

 private:
  std::string_view name(std::uint32_t offset) const {
    return reinterpret_cast<const char*>(blob_ + header_->strings + offset);
  }

  const unsigned char* blob_;
  const Header* header_;
};

void add_lemma(std::vector<std::uint32_t>& out, std::optional<std::uint32_t> lemma) {
  if (lemma && std::find(out.begin(), out.end(), *lemma) == out.end()) out.push_back(*lemma);
}

template <std::size_t N>
void detach(const Reader& reader, std::string_view word, const std::array<Detachment, N>& rules,
            std::vector<std::uint32_t>& out) {
  for (const Detachment& rule : rules) {
    if (word.size() <= rule.suffix.size() + 1 ||
        word.substr(word.size() - rule.suffix.size()) != rule.suffix)
      continue;
    std::string base(word.substr(0, word.size() - rule.suffix.size()));
    base += rule.ending;
    add_lemma(out, reader.find(base));
  }
}

std::vector<std::uint32_t> lemmas_of(const Reader& reader, std::string_view word) {
  std::vector<std::uint32_t> out;
  add_lemma(out, reader.find(word));
  std::vector<std::uint32_t> irregular;
  reader.exceptions(word, irregular);
  for (const std::uint32_t lemma : irregular) add_lemma(out, lemma);
  detach(reader, word, kNounRules, out);
  detach(reader, word, kVerbRules, out);
  detach(reader, word, kAdjectiveRules, out);
  return out;
}

// Whether a noun sense is derived from a verb (`increase`, `rise`, `decline`).
bool names_change(const Reader& reader, const SynsetEntry& s) {
  for (std::uint32_t k = 0; k < s.pointer_count; ++k) {
    const PointerEntry& p = reader.pointer(s, k);
    if (p.type == wordnet::kDerived && reader.synset(p.target).pos == 1) return true;
  }
  return false;
}

// The country a capital city is named the capital of (WordNet writes `Moscow` also as
// `capital_of_the_Russian_Federation`, `Washington` as `capital_of_the_United_States`): the
// first noun sense of that country's name, or none.
std::optional<std::uint32_t> capital_of(const Reader& reader, const SynsetEntry& s) {
  for (std::uint32_t k = 0; k < s.member_count; ++k) {
    std::string_view name = reader.lemma_name(reader.member(s, k));
    for (const std::string_view prefix : {"capital_of_the_", "capital_of_"}) {
      if (name.substr(0, prefix.size()) != prefix) continue;
      const std::optional<std::uint32_t> country = reader.find(name.substr(prefix.size()));
      if (!country) break;
      const std::uint32_t sense = reader.first_sense(*country, 0);
      if (sense != std::numeric_limits<std::uint32_t>::max()) return sense;
      break;
    }
  }
  return std::nullopt;
}

bool single_word(std::string_view w) { return w.find('_') == std::string_view::npos; }

}  // namespace

std::vector<std::string> WordNet::base_forms(std::string_view word) const {
  std::vector<std::string> out;
  if (!available()) return out;
  const Reader reader(blob_);
  for (const std::uint32_t lemma : lemmas_of(reader, word))
    out.emplace_back(reader.lemma_name(lemma));
  return out;
}

std::vector<std::string> WordNet::irregular_bases(std::string_view word) const {
  std::vector<std::string> out;
  if (!available()) return out;
  const Reader reader(blob_);
  std::vector<std::uint32_t> lemmas;
  reader.exceptions(word, lemmas);
  for (const std::uint32_t lemma : lemmas) out.emplace_back(reader.lemma_name(lemma));
  return out;
}

bool WordNet::is_noun(std::string_view word) const {
  if (!available()) return false;
  const Reader reader(blob_);
  for (const std::uint32_t lemma : lemmas_of(reader, word)) {
    if (!reader.main_senses(lemma, 0).empty()) return true;
  }
  return false;
}

int WordNet::noun_depth(std::string_view word) const {
  if (!available()) return -1;
  const Reader reader(blob_);
  int depth = -1;
  for (const std::uint32_t lemma : lemmas_of(reader, word)) {
    const std::uint32_t id = reader.first_sense(lemma, 0);
    if (id != std::numeric_limits<std::uint32_t>::max()) depth = std::max(depth, reader.depth(id));
  }
  return depth;
}

bool WordNet::is_only_adverb(std::string_view word) const {
  if (!available()) return false;
  const Reader reader(blob_);
  bool adverb = false;
  for (const std::uint32_t lemma : lemmas_of(reader, word)) {
    const auto [first, last] = reader.senses(lemma);
    for (const std::uint32_t* s = first; s != last; ++s) {
      if (reader.synset(*s).pos != 3) return false;
      adverb = true;
    }
  }
  return adverb;
}

bool WordNet::is_proper_name(std::string_view word) const {
  if (!available()) return false;
  const Reader reader(blob_);
  const std::vector<std::uint32_t> lemmas = lemmas_of(reader, word);
  return !lemmas.empty() && std::all_of(lemmas.begin(), lemmas.end(), [&](std::uint32_t lemma) {
    return (reader.flags(lemma) & wordnet::kProperName) != 0;
  });
}

bool WordNet::names_first(std::string_view word) const {
  if (!available()) return false;
  const Reader reader(blob_);
  const std::vector<std::uint32_t> lemmas = lemmas_of(reader, word);
  return std::any_of(lemmas.begin(), lemmas.end(), [&](std::uint32_t lemma) {
    return (reader.flags(lemma) & wordnet::kNameFirst) != 0;
  });
}

std::vector<RelatedWord> WordNet::related(std::string_view word) const {
  std::vector<RelatedWord> out;
  if (!available()) return out;
  const Reader reader(blob_);
  std::unordered_map<std::uint32_t, LexicalRelation> found;
  auto add = [&](std::uint32_t lemma, LexicalRelation relation) {
    if (!single_word(reader.lemma_name(lemma))) return;
    const auto [it, inserted] = found.emplace(lemma, relation);
    if (!inserted && relation < it->second) it->second = relation;
  };
  auto add_members = [&](std::uint32_t id, std::uint32_t only, LexicalRelation relation) {
    const SynsetEntry& s = reader.synset(id);
    for (std::uint32_t k = 0; k < s.member_count; ++k) {
      if (only == 0 || only == k + 1) add(reader.member(s, k), relation);
    }
  };
  const std::vector<std::uint32_t> lemmas = lemmas_of(reader, word);
  for (const std::uint32_t lemma : lemmas) {
    std::array<bool, 4> generalised{};
    for (const std::uint32_t id : reader.main_senses(lemma)) {
      const SynsetEntry& s = reader.synset(id);
      const std::uint32_t self = reader.position(s, lemma);
      // Only a word's main sense (WordNet's first of its part of speech) is generalised or
      // specialised: through its rarer senses everything is a kind of everything.
      const bool main_sense = !generalised[s.pos];
      generalised[s.pos] = true;
      // A capital names its country's government (`Washington` for the United States, `Moscow`
      // for Russia): a metonymy, through the city's main sense.
      if (main_sense && s.pos == 0) {
        if (const std::optional<std::uint32_t> country = capital_of(reader, s))
          add_members(*country, 0, LexicalRelation::kPart);
      }
      // Two words are synonyms where the sense they share is the main one of the other word:
      // `Tajik` lists Tajikistan among its senses, but `Tajiks` are people.
      for (std::uint32_t k = 0; k < s.member_count; ++k) {
        const std::uint32_t other = reader.member(s, k);
        if (reader.first_sense(other, s.pos) == id) add(other, LexicalRelation::kSynonym);
      }
      for (std::uint32_t k = 0; k < s.pointer_count; ++k) {
        const PointerEntry& p = reader.pointer(s, k);
        switch (p.type) {
          case wordnet::kDerived:
          case wordnet::kPertainym:
            add_members(p.target, p.target_member, LexicalRelation::kDerived);
            break;
          case wordnet::kSimilar:
            add_members(p.target, 0, LexicalRelation::kSynonym);
            break;
          case wordnet::kHypernym:
          case wordnet::kInstanceHypernym:
          case wordnet::kHyponym:
          case wordnet::kInstanceHyponym:
            // For verbs, one level of WordNet's troponymy (`bolster` is a way to
            // `strengthen`, `deport` one to `expel`).
            // Not up to the top of the hierarchy: every state is `be`, every event an `act`.
            if (main_sense && (p.type == wordnet::kHyponym || p.type == wordnet::kInstanceHyponym ||
                               reader.depth(p.target) >= (s.pos == 0 ? kMinNounDepth : 1)))
              add_members(p.target, 0, LexicalRelation::kHypernym);
            break;
          case wordnet::kMemberHolonym:
          case wordnet::kMemberMeronym:
            // A people and its country (`Tajik`, `Tajikistan`): for names only, since for
            // other nouns membership is no paraphrase (`tree`, `forest`), and only where one
            // name is made from the other (`Georgia` is a member of `the South`, not its name).
            if ((reader.flags(lemma) & wordnet::kProperName) != 0) {
              const SynsetEntry& target = reader.synset(p.target);
              const std::string_view name = reader.lemma_name(lemma);
              for (std::uint32_t m = 0; m < target.member_count; ++m) {
                const std::string_view other = reader.lemma_name(reader.member(target, m));
                const std::size_t shared = std::min<std::size_t>(4, name.size());
                if (other.size() >= shared && other.substr(0, shared) == name.substr(0, shared))
                  add(reader.member(target, m), LexicalRelation::kDerived);
              }
            }
            break;
          case wordnet::kAntonym:
            // Antonymy is between words, not senses: `decline` (worsen) is not the opposite
            // of `improve` because `worsen` is.
            // Only directions: the antonyms of verbs, adjectives and adverbs, and of nouns naming
            // a change (`increase`, `decline`), not of other nouns (`citizen`, `foreigner`).
            if ((p.source == 0 || p.source == self) && (s.pos != 0 || names_change(reader, s)))
              add_members(p.target, 0, LexicalRelation::kAntonym);
            break;
          default:
            break;
        }
      }
    }
  }
  for (const std::uint32_t lemma : lemmas) found.erase(lemma);
  out.reserve(found.size());
  for (const auto& [lemma, relation] : found)
    out.push_back({std::string(reader.lemma_name(lemma)), relation});
  std::sort(out.begin(), out.end(), [](const RelatedWord& a, const RelatedWord& b) {
    return a.relation != b.relation ? a.relation < b.relation : a.word < b.word;
  });
  return out;
}

namespace {

// The synsets a word's main verb sense generalises to, then, with `opposite`, their antonyms'
// synsets; each synset's single-word members. Adjectives are left out: their `similar to`
// heads are too loose a generalisation (`said` is similar to `same`).
std::vector<std::string> general_words(const Reader& reader, std::string_view word, bool opposite) {
  std::vector<std::string> out;
  auto add = [&](const SynsetEntry& target) {
    for (std::uint32_t m = 0; m < target.member_count; ++m) {
      const std::string_view name = reader.lemma_name(reader.member(target, m));
      if (single_word(name)) out.emplace_back(name);
    }
  };
  for (const std::uint32_t lemma : lemmas_of(reader, word)) {
    {
      const std::uint32_t id = reader.first_sense(lemma, 1);
      if (id == std::numeric_limits<std::uint32_t>::max()) continue;
      const SynsetEntry& s = reader.synset(id);
      for (std::uint32_t k = 0; k < s.pointer_count; ++k) {
        const PointerEntry& p = reader.pointer(s, k);
        if (p.type != wordnet::kHypernym) continue;
        const SynsetEntry& general = reader.synset(p.target);
        if (!opposite) {
          add(general);
          continue;
        }
        for (std::uint32_t a = 0; a < general.pointer_count; ++a) {
          const PointerEntry& q = reader.pointer(general, a);
          if (q.type == wordnet::kAntonym) add(reader.synset(q.target));
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<std::string> WordNet::general_opposites(std::string_view word) const {
  if (!available()) return {};
  return general_words(Reader(blob_), word, true);
}

std::vector<std::string> WordNet::generalisations(std::string_view word) const {
  if (!available()) return {};
  return general_words(Reader(blob_), word, false);
}

bool WordNet::same_kind(std::string_view a, std::string_view b) const {
  if (!available()) return false;
  const Reader reader(blob_);
  // Each word's noun senses, and the classes above them up to kKindLevels, with the distance.
  auto classes = [&](std::string_view word, std::unordered_set<std::uint32_t>& senses,
                     std::unordered_set<std::uint32_t>& wholes) {
    std::unordered_map<std::uint32_t, int> above;
    std::vector<std::uint32_t> frontier;
    for (const std::uint32_t lemma : lemmas_of(reader, word)) {
      for (const std::uint32_t id : reader.main_senses(lemma, 0)) {
        senses.insert(id);
        frontier.push_back(id);
      }
    }
    for (const std::uint32_t id : senses) {
      const SynsetEntry& s = reader.synset(id);
      for (std::uint32_t k = 0; k < s.pointer_count; ++k) {
        const PointerEntry& p = reader.pointer(s, k);
        if (p.type == wordnet::kPartHolonym || p.type == wordnet::kMemberHolonym)
          wholes.insert(p.target);
      }
    }
    for (int level = 1; level <= kKindLevels; ++level) {
      std::vector<std::uint32_t> next;
      for (const std::uint32_t id : frontier) {
        const SynsetEntry& s = reader.synset(id);
        for (std::uint32_t k = 0; k < s.pointer_count; ++k) {
          const PointerEntry& p = reader.pointer(s, k);
          if (p.type != wordnet::kHypernym && p.type != wordnet::kInstanceHypernym) continue;
          if (above.emplace(p.target, level).second) next.push_back(p.target);
        }
      }
      frontier = std::move(next);
    }
    return above;
  };
  std::unordered_set<std::uint32_t> senses_a;
  std::unordered_set<std::uint32_t> senses_b;
  std::unordered_set<std::uint32_t> wholes_a;
  std::unordered_set<std::uint32_t> wholes_b;
  const auto above_a = classes(a, senses_a, wholes_a);
  const auto above_b = classes(b, senses_b, wholes_b);
  if (senses_a.empty() || senses_b.empty()) return false;
  for (const std::uint32_t id : senses_a) {
    if (senses_b.count(id) || wholes_b.count(id)) return false;  // synonyms, or b is part of a
  }
  for (const std::uint32_t id : senses_b) {
    if (wholes_a.count(id)) return false;
  }
  // A class names its members too (`the State` for Russia, `the country`): no rival.
  for (const std::uint32_t id : senses_b) {
    if (above_a.count(id)) return false;
  }
  for (const std::uint32_t id : senses_a) {
    if (above_b.count(id)) return false;
  }
  for (const auto& [id, level] : above_a) {
    if (above_b.count(id) && reader.depth(id) >= kMinKindDepth) return true;
  }
  return false;
}

}  // namespace cite::text
