#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cite/index.hpp"

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
  bool follow_links = false;
  std::size_t shards = 0;  // --shards: 0 keeps the index's layout
  std::uint64_t max_file_size = kDefaultMaxFileSize;
  bool quiet = false;
  bool json = false;  // print the report as JSON (docs/schema/index-report.schema.json)
  bool verbose = false;
  std::string encoding;
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

struct ServeCommand {
  IndexLocation location;
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port
};

// A whole number as users type counts and paragraph numbers: 1 to 9 digits, nothing else.
std::optional<std::size_t> parse_whole_number(const std::string& text);

// Exit codes, as grep and ripgrep use them.
inline constexpr int kExitFound = 0;
inline constexpr int kExitNotFound = 1;
inline constexpr int kExitError = 2;

int run(const IndexCommand& command);
int run(const QueryCommand& command);
int run(const ShowCommand& command);
int run(const CheckCommand& command);
// Serves until SIGINT or SIGTERM, then returns kExitFound; throws cite::Error if it cannot listen.
int run(const ServeCommand& command);

}  // namespace cite::app
