#pragma once

#include <cstddef>
#include <string>
#include <vector>

// One struct per option group, filled by CLI11 in main.cpp and read by the commands.
namespace cite::app {

struct IndexLocation {
  std::string dir;  // --index, else $CITE_INDEX, else ./.cite
};

enum class ColorMode { kAuto, kAlways, kNever };

struct OutputOptions {
  bool json = false;
  ColorMode color = ColorMode::kAuto;
};

struct IndexCommand {
  IndexLocation location;
  std::string corpus;
  bool rebuild = false;
  bool quiet = false;
};

struct QueryCommand {
  IndexLocation location;
  OutputOptions output;
  std::vector<std::string> words;  // joined with spaces into one query
  std::size_t limit = 10;
};

struct ShowCommand {
  IndexLocation location;
  OutputOptions output;
  std::string citation;  // PATH:PARAGRAPH
};

struct CheckCommand {
  IndexLocation location;
  OutputOptions output;
  std::vector<std::string> words;  // the claim, joined with spaces
  std::string claims_file;         // --claims: one claim per line, or JSONL with "claim"
  std::size_t max_evidence = 3;
};

// Exit codes, as grep and ripgrep use them.
inline constexpr int kExitFound = 0;
inline constexpr int kExitNotFound = 1;
inline constexpr int kExitError = 2;

int run(const IndexCommand& command);
int run(const QueryCommand& command);
int run(const ShowCommand& command);
int run(const CheckCommand& command);

}  // namespace cite::app
