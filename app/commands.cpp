#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/options.hpp"
#include "app/progress.hpp"
#include "app/render.hpp"
#include "cite/cite.hpp"
#include "cite/json.hpp"

namespace cite::app {
namespace {

// `004_x.txt:12` → ("004_x.txt", 12). The path may itself contain colons.
std::pair<std::string, int> parse_citation(const std::string& citation) {
  const std::size_t colon = citation.rfind(':');
  const std::string usage =
      "expected PATH:PARAGRAPH, such as 004_fad1a6b6ca469459.txt:12, got '" + citation + "'";
  if (colon == std::string::npos || colon == 0 || colon + 1 == citation.size()) {
    throw Error(ErrorKind::kInvalidArgument, usage);
  }
  const std::optional<std::size_t> paragraph = parse_whole_number(citation.substr(colon + 1));
  if (!paragraph) throw Error(ErrorKind::kInvalidArgument, usage);
  return {citation.substr(0, colon), static_cast<int>(*paragraph)};
}

std::string join_words(const std::vector<std::string>& words) {
  std::string query;
  for (const std::string& word : words) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

// `--claims FILE`: one claim per line, or JSON Lines objects with a "claim" field.
std::vector<std::string> read_claims(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::kIo, "cannot read the claims file '" + path + "'");
  std::vector<std::string> claims;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    line = line.substr(begin, line.find_last_not_of(" \t\r") + 1 - begin);  // CRLF files too
    if (line.front() != '{') {
      claims.push_back(line);
      continue;
    }
    const std::string where = "line " + std::to_string(number) + " of '" + path + "'";
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (object.is_discarded()) {
      throw Error(ErrorKind::kInvalidArgument, where + " starts with '{' but is not valid JSON");
    }
    if (!object.is_object() || !object.contains("claim") || !object["claim"].is_string()) {
      throw Error(ErrorKind::kInvalidArgument,
                  where + " is a JSON object without a \"claim\" string");
    }
    claims.push_back(object["claim"].get<std::string>());
  }
  if (claims.empty()) {
    throw Error(ErrorKind::kInvalidArgument, "the claims file '" + path + "' holds no claims");
  }
  return claims;
}

}  // namespace

std::optional<std::size_t> parse_whole_number(const std::string& text) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoul(text);
}

int run(const IndexCommand& command) {
  UpdateOptions options;
  options.rebuild = command.rebuild;
  options.follow_links = command.follow_links;
  options.shards = command.shards;
  options.max_file_size = command.max_file_size;
  ProgressLine progress(std::cerr, !command.quiet && isatty(STDERR_FILENO) != 0);
  // Messages quote file names, which may hold line breaks or escape sequences of their own.
  options.on_warning = [&progress](const std::string& message) {
    progress.erase();
    std::cerr << "cite: warning: " << escape_for_terminal(message, false) << '\n';
  };
  if (command.verbose) {
    options.on_note = [&progress](const std::string& message) {
      progress.erase();
      std::cerr << "cite: " << escape_for_terminal(message, false) << '\n';
    };
  }
  options.encoding = command.encoding;
  options.on_progress = [&progress](const UpdateProgress& p) { progress.update(p); };
  const UpdateReport report = Index::update(command.location.dir, command.corpus, options);
  progress.erase();
  if (command.json) {
    std::cout << to_json(report) << '\n';
  } else if (!command.quiet) {
    std::cout << "indexed " << command.corpus << " into " << command.location.dir << ": "
              << report.files_added << " added, " << report.files_updated << " updated, "
              << report.files_unchanged << " unchanged, " << report.files_removed << " removed, "
              << report.files_skipped << " skipped, " << report.files_skipped_by_type
              << " not of a type cite reads"
              << (report.files_skipped_by_type > 0 && !command.verbose ? " (-v names them)" : "")
              << "; " << report.passages_written << " passages written, " << report.passages_total
              << " in the index\n";
  }
  if (report.directories_unreadable > 0) {
    // Like grep: the work that could be done is done, and the exit code says it is incomplete.
    std::cout.flush();
    std::cerr << "cite: error: " << report.directories_unreadable << " director"
              << (report.directories_unreadable == 1 ? "y" : "ies")
              << " could not be read (see the warnings above); the files indexed under them were "
                 "kept as they were\n";
    return kExitError;
  }
  return kExitFound;
}

int run(const QueryCommand& command) {
  const Index index = Index::open(command.location.dir);
  SearchOptions options;
  options.limit = command.limit;
  const SearchResult result = index.search(join_words(command.words), options);
  if (command.output.json) {
    std::cout << to_json(result) << '\n';
  } else {
    render_hits(std::cout, result, use_color(command.output.color));
  }
  return result.hits.empty() ? kExitNotFound : kExitFound;
}

int run(const CheckCommand& command) {
  if (command.claims_file.empty() == command.words.empty()) {
    throw Error(ErrorKind::kInvalidArgument,
                "give either a CLAIM or --claims FILE, not both or neither");
  }
  const std::vector<std::string> claims = command.words.empty()
                                              ? read_claims(command.claims_file)
                                              : std::vector{join_words(command.words)};
  const Index index = Index::open(command.location.dir);
  CheckOptions options;
  options.max_evidence = command.max_evidence;
  const bool color = use_color(command.output.color);
  bool any_found = false;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const CheckResult result = index.check(claims[i], options);
    any_found = any_found || result.verdict != Verdict::kNotFound;
    if (command.output.json) {
      std::cout << to_json(result) << '\n';
    } else {
      if (i > 0) std::cout << "\n\n";
      render_check(std::cout, result, color);
    }
  }
  return any_found ? kExitFound : kExitNotFound;
}

int run(const ShowCommand& command) {
  const auto [path, paragraph] = parse_citation(command.citation);
  const Index index = Index::open(command.location.dir);
  const Citation citation = index.passage(path, paragraph);
  if (command.output.json) {
    std::cout << passage_to_json(index.root(), citation) << '\n';
  } else {
    render_passage(std::cout, citation, use_color(command.output.color));
  }
  return kExitFound;
}

}  // namespace cite::app
