// In-process query latency: top-10 search with citations and highlights, one benchmark per
// query of bench/queries.txt, on an index opened once (bench/run-bench.sh runs it and reports the
// p50 and the worst over the query set). Not part of ctest: these machines are noisy.
//
//   query_bench INDEX_DIR QUERIES_FILE [--benchmark_* flags]
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cite/cite.hpp"

namespace {

// queries.txt rows are TYPE<TAB>TERMS, TYPE word | and | phrase; written in cite's syntax.
std::vector<std::string> read_queries(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string type = line.substr(0, tab);
    std::string terms = line.substr(tab + 1);
    if (type == "phrase") {
      terms = '"' + terms + '"';
    } else if (type == "and") {
      std::string joined;
      for (std::size_t start = 0; start < terms.size();) {
        std::size_t end = terms.find(' ', start);
        if (end == std::string::npos) end = terms.size();
        if (!joined.empty()) joined += " AND ";
        joined += terms.substr(start, end - start);
        start = end + 1;
      }
      terms = joined;
    }
    queries.push_back(terms);
  }
  return queries;
}

std::optional<cite::Index> index;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: query_bench INDEX_DIR QUERIES_FILE [--benchmark_* flags]\n";
    return 2;
  }
  try {
    index.emplace(cite::Index::open(argv[1]));
  } catch (const cite::Error& e) {
    std::cerr << "query_bench: " << e.what() << '\n';
    return 2;
  }
  for (const std::string& query : read_queries(argv[2])) {
    benchmark::RegisterBenchmark(query.c_str(), [query](benchmark::State& state) {
      std::size_t hits = 0;
      for (auto _ : state) {
        const cite::SearchResult result = index->search(query, {.limit = 10});
        hits = result.hits.size();
        benchmark::DoNotOptimize(hits);
      }
      state.counters["hits"] = static_cast<double>(hits);
    })->Unit(benchmark::kMicrosecond);
  }
  argv[2] = argv[0];  // Google Benchmark parses its own flags from what follows
  int rest = argc - 2;
  benchmark::Initialize(&rest, argv + 2);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  index.reset();
  return 0;
}
