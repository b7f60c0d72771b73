// Build-time tool: compiles the WordNet 3.0 database files (Debian's wordnet-base, in
// /usr/share/wordnet) into the compact lexicon text/wordnet.cpp reads in place, and writes the
// C++ file that embeds it in the library. Nothing it writes is committed: it runs in the build
// directory, so a fresh clone needs only the Debian package.
//
//   cite_wordnet_build WORDNET_DIR OUT.bin OUT.cpp
//
// With WORDNET_DIR missing it writes an empty lexicon (and says so): cite still builds and
// `check` falls back to stems and spelling variants.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/wordnet_format.hpp"

namespace {

using cite::text::wordnet::Header;
using cite::text::wordnet::LemmaEntry;
using cite::text::wordnet::PointerEntry;
using cite::text::wordnet::SynsetEntry;

constexpr std::array<char, 4> kPosFiles = {'n', 'v', 'a', 'r'};
constexpr std::array<const char*, 4> kPosNames = {"noun", "verb", "adj", "adv"};

int pos_index(char pos) {
  switch (pos) {
    case 'n':
      return 0;
    case 'v':
      return 1;
    case 'a':
    case 's':
      return 2;
    case 'r':
      return 3;
    default:
      return -1;
  }
}

std::uint8_t pointer_type(const std::string& symbol) {
  using namespace cite::text::wordnet;
  if (symbol == "!") return kAntonym;
  if (symbol == "@") return kHypernym;
  if (symbol == "@i") return kInstanceHypernym;
  if (symbol == "~") return kHyponym;
  if (symbol == "~i") return kInstanceHyponym;
  if (symbol == "+") return kDerived;
  if (symbol == "&") return kSimilar;
  if (symbol == "\\") return kPertainym;
  if (symbol == "#p") return kPartHolonym;
  if (symbol == "#m") return kMemberHolonym;
  if (symbol == "%m") return kMemberMeronym;
  return 0;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

struct Pointer {
  std::uint8_t type;
  int pos;
  std::uint32_t offset;
  std::uint8_t source;
  std::uint8_t target;
};

struct Synset {
  int pos = 0;
  std::vector<std::string> words;
  std::set<std::string> capitalised;  // the words it writes with a capital (`Japan`)
  std::vector<Pointer> pointers;
};

class Builder {
 public:
  bool read(const std::string& dir) {
    for (int p = 0; p < 4; ++p) {
      std::ifstream data(dir + "/data." + kPosNames[p]);
      if (!data) return false;
      for (std::string line; std::getline(data, line);) {
        if (line.empty() || line[0] == ' ') continue;  // the licence header
        read_synset(p, line);
      }
    }
    for (int p = 0; p < 4; ++p) {
      std::ifstream index(dir + "/index." + kPosNames[p]);
      for (std::string line; std::getline(index, line);) {
        if (line.empty() || line[0] == ' ') continue;
        read_index(p, line);
      }
      std::ifstream exceptions(dir + "/" + kPosNames[p] + ".exc");
      for (std::string line; std::getline(exceptions, line);) {
        std::istringstream in(line);
        std::string inflected;
        std::string base;
        in >> inflected;
        while (in >> base) exceptions_.emplace_back(inflected, lower(base));
      }
    }
    return true;
  }

  std::string write() {
    // Lemma ids in byte order of their names, so the reader can binary-search them.
    std::vector<std::string> names;
    names.reserve(senses_.size());
    for (const auto& [name, senses] : senses_) names.push_back(name);
    for (const auto& [key, synset] : synsets_) {
      for (const std::string& w : synset.words) {
        if (!senses_.count(w)) {
          senses_[w];
          names.push_back(w);
        }
      }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::unordered_map<std::string, std::uint32_t> lemma_id;
    for (std::uint32_t i = 0; i < names.size(); ++i) lemma_id[names[i]] = i;

    std::vector<std::uint64_t> keys;
    for (const auto& [key, synset] : synsets_) keys.push_back(key);
    std::unordered_map<std::uint64_t, std::uint32_t> synset_id;
    for (std::uint32_t i = 0; i < keys.size(); ++i) synset_id[keys[i]] = i;

    std::string strings;
    std::vector<LemmaEntry> lemmas;
    std::vector<std::uint32_t> senses;
    for (const std::string& name : names) {
      LemmaEntry e{};
      e.name = static_cast<std::uint32_t>(strings.size());
      strings += name;
      strings += '\0';
      e.first_sense = static_cast<std::uint32_t>(senses.size());
      for (std::uint64_t key : senses_[name]) senses.push_back(synset_id.at(key));
      e.sense_count = static_cast<std::uint32_t>(senses.size()) - e.first_sense;
      e.flags = capitalised_.count(name) && !lowercase_.count(name)
                    ? cite::text::wordnet::kProperName
                    : 0;
      for (std::uint64_t key : senses_[name]) {
        const Synset& s = synsets_.at(key);
        if (s.pos != 0) continue;
        if (s.capitalised.count(name)) e.flags |= cite::text::wordnet::kNameFirst;
        break;
      }
      lemmas.push_back(e);
    }
    std::vector<SynsetEntry> synsets;
    std::vector<std::uint32_t> members;
    std::vector<PointerEntry> pointers;
    for (std::uint64_t key : keys) {
      const Synset& s = synsets_.at(key);
      SynsetEntry e{};
      e.pos = static_cast<std::uint32_t>(s.pos);
      e.first_member = static_cast<std::uint32_t>(members.size());
      for (const std::string& w : s.words) members.push_back(lemma_id.at(w));
      e.member_count = static_cast<std::uint32_t>(s.words.size());
      e.first_pointer = static_cast<std::uint32_t>(pointers.size());
      for (const Pointer& p : s.pointers) {
        const auto target = synset_id.find(key_of(p.pos, p.offset));
        if (target == synset_id.end()) continue;
        pointers.push_back({target->second, p.type, p.source, p.target, 0});
      }
      e.pointer_count = static_cast<std::uint32_t>(pointers.size()) - e.first_pointer;
      synsets.push_back(e);
    }
    std::vector<std::pair<std::string, std::uint32_t>> exceptions;
    for (const auto& [inflected, base] : exceptions_) {
      const auto id = lemma_id.find(base);
      if (id != lemma_id.end()) exceptions.emplace_back(inflected, id->second);
    }
    std::sort(exceptions.begin(), exceptions.end());
    exceptions.erase(std::unique(exceptions.begin(), exceptions.end()), exceptions.end());
    std::vector<std::uint32_t> exception_words;
    for (const auto& [inflected, base] : exceptions) {
      exception_words.push_back(static_cast<std::uint32_t>(strings.size()));
      exception_words.push_back(base);
      strings += inflected;
      strings += '\0';
    }

    Header h{};
    std::copy(std::begin(cite::text::wordnet::kMagic), std::end(cite::text::wordnet::kMagic),
              h.magic);
    h.lemma_count = static_cast<std::uint32_t>(lemmas.size());
    h.synset_count = static_cast<std::uint32_t>(synsets.size());
    h.exception_count = static_cast<std::uint32_t>(exceptions.size());
    std::string out(sizeof h, '\0');
    auto append = [&](const void* data, std::size_t bytes) {
      while (out.size() % 8 != 0) out += '\0';
      const auto at = static_cast<std::uint32_t>(out.size());
      out.append(static_cast<const char*>(data), bytes);
      return at;
    };
    h.lemmas = append(lemmas.data(), lemmas.size() * sizeof(LemmaEntry));
    h.senses = append(senses.data(), senses.size() * sizeof(std::uint32_t));
    h.synsets = append(synsets.data(), synsets.size() * sizeof(SynsetEntry));
    h.members = append(members.data(), members.size() * sizeof(std::uint32_t));
    h.pointers = append(pointers.data(), pointers.size() * sizeof(PointerEntry));
    h.exceptions = append(exception_words.data(), exception_words.size() * sizeof(std::uint32_t));
    h.strings = append(strings.data(), strings.size());
    h.size = static_cast<std::uint32_t>(out.size());
    std::copy_n(reinterpret_cast<const char*>(&h), sizeof h, out.begin());
    return out;
  }

 private:
  static std::uint64_t key_of(int pos, std::uint32_t offset) {
    return (static_cast<std::uint64_t>(pos) << 32) | offset;
  }

  void read_synset(int pos, const std::string& line) {
    std::istringstream in(line.substr(0, line.find('|')));
    std::uint32_t offset = 0;
    std::string lex_file;
    std::string type;
    std::string hex;
    in >> offset >> lex_file >> type >> hex;
    Synset s;
    s.pos = pos;
    const int words = std::stoi(hex, nullptr, 16);
    for (int w = 0; w < words; ++w) {
      std::string word;
      std::string lex_id;
      in >> word >> lex_id;
      word = word.substr(0, word.find('('));  // adjective markers: `galore(ip)`
      if (word[0] >= 'A' && word[0] <= 'Z') {
        capitalised_.insert(lower(word));
        s.capitalised.insert(lower(word));
      } else {
        lowercase_.insert(word);
      }
      s.words.push_back(lower(word));
    }
    int count = 0;
    in >> count;
    for (int k = 0; k < count; ++k) {
      std::string symbol;
      std::uint32_t target = 0;
      std::string target_pos;
      std::string source_target;
      in >> symbol >> target >> target_pos >> source_target;
      const std::uint8_t t = pointer_type(symbol);
      if (t == 0) continue;
      s.pointers.push_back(
          {t, pos_index(target_pos[0]), target,
           static_cast<std::uint8_t>(std::stoi(source_target.substr(0, 2), nullptr, 16)),
           static_cast<std::uint8_t>(std::stoi(source_target.substr(2, 2), nullptr, 16))});
    }
    synsets_[key_of(pos, offset)] = std::move(s);
  }

  void read_index(int pos, const std::string& line) {
    std::istringstream in(line);
    std::string lemma;
    std::string p;
    int synset_count = 0;
    int pointer_count = 0;
    in >> lemma >> p >> synset_count >> pointer_count;
    std::string skip;
    for (int k = 0; k < pointer_count; ++k) in >> skip;
    int sense_count = 0;
    int tagged = 0;
    in >> sense_count >> tagged;
    std::vector<std::uint64_t>& senses = senses_[lower(lemma)];
    for (int k = 0; k < synset_count; ++k) {
      std::uint32_t offset = 0;
      in >> offset;
      senses.push_back(key_of(pos, offset));
    }
  }

  std::map<std::uint64_t, Synset> synsets_;
  std::map<std::string, std::vector<std::uint64_t>> senses_;  // in WordNet's frequency order
  std::vector<std::pair<std::string, std::string>> exceptions_;
  std::set<std::string> capitalised_;
  std::set<std::string> lowercase_;
};

std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: cite_wordnet_build WORDNET_DIR OUT.bin OUT.cpp\n";
    return 2;
  }
  Builder builder;
  std::string blob;
  if (builder.read(argv[1])) {
    blob = builder.write();
  } else {
    std::cerr << "cite_wordnet_build: no WordNet data in " << argv[1]
              << " (install wordnet-base): building cite without a lexicon\n";
  }
  std::ofstream(argv[2], std::ios::binary) << blob;
  // The embedding source names the blob's hash, so that ccache (which hashes the source, not
  // the .incbin'd file) rebuilds it when the blob changes.
  std::ofstream cpp(argv[3]);
  cpp << "// Generated by cite_wordnet_build from " << argv[1] << ": do not edit.\n"
      << "// blob " << blob.size() << " bytes, fnv1a " << std::hex << fnv1a(blob) << std::dec
      << "\n#include <cstddef>\n"
      << "__asm__(\".section .rodata\\n.balign 16\\n"
      << ".hidden cite_wordnet_blob\\n.globl cite_wordnet_blob\\ncite_wordnet_blob:\\n"
      << ".incbin \\\"" << argv[2] << "\\\"\\n.byte 0\\n.previous\\n\");\n"
      << "extern \"C\" const unsigned char cite_wordnet_blob[];\n"
      << "namespace cite::text::wordnet {\n"
      << "extern const unsigned char* const kBlob = cite_wordnet_blob;\n"
      << "extern const std::size_t kBlobSize = " << blob.size() << ";\n"
      << "}\n";
  return 0;
}
