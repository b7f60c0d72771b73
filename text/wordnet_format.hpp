#pragma once

#include <cstdint>

// The compiled WordNet lexicon, written by text/wordnet_build.cpp at build time and read in
// place by text/wordnet.cpp: fixed-size little-endian records, each table 8-byte aligned, so
// nothing is parsed or allocated when cite starts.
namespace cite::text::wordnet {

inline constexpr char kMagic[8] = {'C', 'I', 'T', 'E', 'W', 'N', '1', '\0'};

// Pointer types kept from WordNet's pointer symbols.
enum PointerType : std::uint8_t {
  kAntonym = 1,           // !
  kHypernym = 2,          // @
  kInstanceHypernym = 3,  // @i
  kHyponym = 4,           // ~
  kInstanceHyponym = 5,   // ~i
  kDerived = 6,           // + derivationally related form
  kSimilar = 7,           // & similar to (adjectives)
  kPertainym = 8,         // \ pertains to / derived from adjective
  kPartHolonym = 9,       // #p
  kMemberHolonym = 10,    // #m
  kMemberMeronym = 11,    // %m
};

struct Header {
  char magic[8];
  std::uint32_t lemma_count;
  std::uint32_t synset_count;
  std::uint32_t exception_count;
  // Byte offsets of the tables from the start of the blob.
  std::uint32_t lemmas;      // LemmaEntry[lemma_count], by name in byte order
  std::uint32_t senses;      // uint32 synset ids, each lemma's in WordNet's frequency order
  std::uint32_t synsets;     // SynsetEntry[synset_count]
  std::uint32_t members;     // uint32 lemma ids
  std::uint32_t pointers;    // PointerEntry[]
  std::uint32_t exceptions;  // pairs of uint32 (string offset, lemma id), by string
  std::uint32_t strings;     // NUL-terminated names
  std::uint32_t size;
};

struct LemmaEntry {
  std::uint32_t name;  // offset into strings
  std::uint32_t first_sense;
  std::uint32_t sense_count;
  std::uint32_t flags;  // kProperName
};

// LemmaEntry::flags: WordNet writes the word capitalised in every synset (`Germany`, `Tajik`).
inline constexpr std::uint32_t kProperName = 1;
// LemmaEntry::flags: its most frequent noun sense is a name (`Japan`, though `japan` is also a
// lacquer), unlike a capitalised common word (`Interior`, `State`).
inline constexpr std::uint32_t kNameFirst = 2;

struct SynsetEntry {
  std::uint32_t pos;  // 0 noun, 1 verb, 2 adjective, 3 adverb
  std::uint32_t first_member;
  std::uint32_t member_count;
  std::uint32_t first_pointer;
  std::uint32_t pointer_count;
};

struct PointerEntry {
  std::uint32_t target;  // synset id
  std::uint8_t type;     // PointerType
  std::uint8_t source;   // 1-based member of this synset for a lexical pointer, 0 for all
  std::uint8_t target_member;
  std::uint8_t pad;
};

}  // namespace cite::text::wordnet
