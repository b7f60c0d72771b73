#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cite/check.hpp"
#include "cite/citation.hpp"

// One renderer per page of `cite serve`: each takes what the index answered and returns the
// whole HTML page. They do no I/O and call no index, so a test can render any answer.
namespace cite::app::web {

struct SearchView {
  std::string query;                   // as typed; empty before a search
  std::size_t page = 1;                // 1-based
  std::size_t per_page = 10;           // hits per page
  std::size_t max_page = 1;            // pages beyond it are not offered
  std::size_t passages = 0;            // in the index, for the empty page
  std::optional<SearchResult> result;  // the first page * per_page hits; none before a search
};

// `/`: the query box, then this page's hits with their citations, total and paging.
std::string render_search(const SearchView& view);

struct CheckView {
  std::string claims;                // the box as typed: one claim per line
  std::size_t limit = 3;             // evidence per claim
  std::vector<CheckResult> results;  // one per non-blank line, in order
};

// `/claims`: the claims box, then for each claim its verdict and evidence.
std::string render_check(const CheckView& view);

struct SourceView {
  Citation cited;
  ByteRange bytes{0, 0};             // a range inside the cited passage to mark, or empty
  std::vector<Citation> paragraphs;  // the cited passage and the ones around it, in order
  int context = 2;                   // paragraphs shown on each side
};

// `/source`: the cited passage within its neighbours, where it is, and a citation to copy.
std::string render_source(const SourceView& view);

}  // namespace cite::app::web
