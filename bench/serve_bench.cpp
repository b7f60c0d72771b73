#include <httplib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// Load for `cite serve`: CLIENTS threads, each on a keep-alive connection of its own, send
// REQUESTS GET /search each, going round the benchmark queries, and compare every body with the
// one fetched for that query beforehand. Prints Markdown table rows; exits 1 on any failed or
// different answer.
namespace {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::size_t clients = 8;
  std::size_t requests = 500;
  std::size_t limit = 10;
  std::string queries_file;
};

// The lines `TYPE<TAB>TERMS` of bench/queries.txt, translated as bench/index-bench.sh does.
std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the queries file '" + path + "'");
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string type = line.substr(0, tab);
    const std::string terms = tab == std::string::npos ? "" : line.substr(tab + 1);
    if (type == "word") {
      queries.push_back(terms);
    } else if (type == "and") {
      std::string query;
      for (const char c : terms) query += c == ' ' ? std::string(" AND ") : std::string(1, c);
      queries.push_back(query);
    } else if (type == "phrase") {
      queries.push_back('"' + terms + '"');
    } else {
      throw std::runtime_error("'" + path + "': expected TYPE<TAB>TERMS with TYPE word, and or " +
                               "phrase, got '" + line + "'");
    }
  }
  if (queries.empty()) throw std::runtime_error("'" + path + "' holds no queries");
  return queries;
}

httplib::Result search(httplib::Client& http, const std::string& query, std::size_t limit) {
  const httplib::Params params{{"q", query}, {"limit", std::to_string(limit)}};
  return http.Get("/search", params, httplib::Headers{});
}

// Why `result` is not the answer expected, or "" when it is.
std::string problem(const httplib::Result& result, const std::string* expected) {
  if (!result) return httplib::to_string(result.error());
  if (result->status != 200) return "HTTP " + std::to_string(result->status) + " " + result->body;
  if (expected != nullptr && result->body != *expected) return "a different body";
  return "";
}

struct Tally {
  std::vector<double> latencies_ms;
  std::size_t errors = 0;
  std::string first_error;
};

void run_client(const Options& options, const std::vector<std::string>& queries,
                const std::vector<std::string>& expected, std::size_t client, Tally& tally) {
  httplib::Client http(options.host, options.port);
  http.set_keep_alive(true);
  tally.latencies_ms.reserve(options.requests);
  for (std::size_t i = 0; i < options.requests; ++i) {
    const std::size_t q = (client + i) % queries.size();
    const auto start = std::chrono::steady_clock::now();
    const httplib::Result result = search(http, queries[q], options.limit);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    tally.latencies_ms.push_back(took.count());
    const std::string wrong = problem(result, &expected[q]);
    if (wrong.empty()) continue;
    if (tally.errors++ == 0) tally.first_error = "query '" + queries[q] + "': " + wrong;
  }
}

double percentile(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

int bench(const Options& options) {
  const std::vector<std::string> queries = read_queries(options.queries_file);
  std::vector<std::string> expected;
  std::size_t hits = 0;
  httplib::Client http(options.host, options.port);
  for (const std::string& query : queries) {
    const httplib::Result result = search(http, query, options.limit);
    const std::string wrong = problem(result, nullptr);
    if (!wrong.empty()) throw std::runtime_error("query '" + query + "': " + wrong);
    hits += nlohmann::json::parse(result->body).at("hits").size();
    expected.push_back(result->body);
  }

  std::vector<Tally> tallies(options.clients);
  std::vector<std::thread> clients;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t c = 0; c < options.clients; ++c) {
    clients.emplace_back(run_client, std::cref(options), std::cref(queries), std::cref(expected), c,
                         std::ref(tallies[c]));
  }
  for (std::thread& client : clients) client.join();
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;

  std::vector<double> latencies;
  std::size_t errors = 0;
  for (const Tally& tally : tallies) {
    latencies.insert(latencies.end(), tally.latencies_ms.begin(), tally.latencies_ms.end());
    errors += tally.errors;
    if (!tally.first_error.empty()) std::cerr << "serve_bench: " << tally.first_error << '\n';
  }
  std::sort(latencies.begin(), latencies.end());
  std::printf("| queries (limit %zu) | %zu, %zu hits in all |\n", options.limit, queries.size(),
              hits);
  std::printf("| requests | %zu (%zu clients × %zu) |\n", latencies.size(), options.clients,
              options.requests);
  std::printf("| wall s | %.2f |\n", wall.count());
  std::printf("| requests/s | %.0f |\n", latencies.size() / wall.count());
  std::printf("| latency p50 ms | %.2f |\n", percentile(latencies, 50));
  std::printf("| latency p99 ms | %.2f |\n", percentile(latencies, 99));
  std::printf("| latency max ms | %.2f |\n", latencies.back());
  std::printf("| errors or different bodies | %zu |\n", errors);
  return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load test for `cite serve`: concurrent GET /search, every answer checked.",
               "serve_bench"};
  Options options;
  app.add_option("--host", options.host, "Server address (default 127.0.0.1)");
  app.add_option("--port", options.port, "Server port")->required()->check(CLI::Range(1, 65535));
  app.add_option("--clients", options.clients, "Concurrent connections (default 8)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
  app.add_option("--requests", options.requests, "Requests per connection (default 500)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
  app.add_option("--limit", options.limit, "Hits per query (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  app.add_option("QUERIES", options.queries_file, "bench/queries.txt: TYPE<TAB>TERMS lines")
      ->required();
  CLI11_PARSE(app, argc, argv);
  try {
    return bench(options);
  } catch (const std::exception& e) {
    std::cerr << "serve_bench: " << e.what() << '\n';
    return 1;
  }
}
