#pragma once

#include <cstdint>
#include <string_view>

// FNV-1a, the one hash the index layout uses (docs/database.md gives it in Python): for a
// passage's bytes and a word's fingerprint (32 bits), for long paths and shard numbers (64 bits).
// Stable across runs and machines, which std::hash is not.
namespace cite::store {

constexpr std::uint32_t fnv1a_32(std::string_view bytes) {
  std::uint32_t hash = 2166136261U;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return hash;
}

constexpr std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace cite::store
