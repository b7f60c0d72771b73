#include "app/web/pages.hpp"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>
#include <string_view>

#include "app/web/assets.hpp"
#include "app/web/html.hpp"
#include "app/web/views.hpp"
#include "cite/cite.hpp"

namespace cite::app::web {
namespace {

constexpr std::size_t kPerPage = 10;
constexpr std::size_t kMaxPage = 100;       // 1,000 hits, the most GET /search gives
constexpr std::size_t kMaxClaims = 50;      // a request line of 8 KiB holds about that many
constexpr std::size_t kMaxEvidence = 20;    // per claim
constexpr std::size_t kDefaultContext = 2;  // paragraphs on each side of a cited one
constexpr std::size_t kMaxContext = 50;
constexpr std::size_t kMaxParagraph = 999'999'999;
constexpr const char* kHtmlType = "text/html; charset=utf-8";
// Source text is escaped; should a bug let markup through anyway, no inline script or style of
// it runs, and nothing is loaded from anywhere but this server.
constexpr const char* kContentPolicy =
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

struct Page {
  int status = 200;
  std::string html;
};

[[noreturn]] void bad_request(const std::string& message) {
  throw Error(ErrorKind::kInvalidArgument, message);
}

// The whole number in parameter `name`, from `min` to `max`, or `fallback` when it is absent.
std::size_t count_parameter(const httplib::Request& request, const std::string& name,
                            std::size_t fallback, std::size_t min, std::size_t max) {
  if (!request.has_param(name)) return fallback;
  const std::string text = request.get_param_value(name);
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < min || value > max) {
    bad_request("'" + name + "' must be a whole number from " + std::to_string(min) + " to " +
                std::to_string(max) + ", got '" + text + "'");
  }
  return value;
}

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

Page search_page(const Index& index, const httplib::Request& request) {
  SearchView view;
  view.query = request.get_param_value("q");
  view.page = count_parameter(request, "page", 1, 1, kMaxPage);
  view.per_page = kPerPage;
  view.max_page = kMaxPage;
  view.passages = index.passage_count();
  if (!trim(view.query).empty()) {
    SearchOptions options;
    options.limit = view.page * view.per_page;  // the API has no offset: this page is the tail
    view.result = index.search(view.query, options);
  }
  return {200, render_search(view)};
}

Page check_page(const Index& index, const httplib::Request& request) {
  CheckView view;
  view.claims = request.get_param_value("claims");
  view.limit = count_parameter(request, "limit", CheckOptions{}.max_evidence, 1, kMaxEvidence);
  CheckOptions options;
  options.max_evidence = view.limit;
  std::string_view rest = view.claims;
  while (!rest.empty()) {
    const std::size_t newline = std::min(rest.find('\n'), rest.size());
    const std::string_view claim = trim(rest.substr(0, newline));
    rest.remove_prefix(std::min(newline + 1, rest.size()));
    if (claim.empty()) continue;
    if (view.results.size() == kMaxClaims) {
      bad_request("at most " + std::to_string(kMaxClaims) + " claims can be checked at once");
    }
    view.results.push_back(index.check(std::string(claim), options));
  }
  return {200, render_check(view)};
}

// `bytes=START-END`: a range inside the cited passage, such as the sentence check chose.
ByteRange marked_bytes(const httplib::Request& request, const Citation& cited) {
  if (!request.has_param("bytes")) return {0, 0};
  const std::string text = request.get_param_value("bytes");
  ByteRange range{0, 0};
  const char* end = text.data() + text.size();
  const auto first = std::from_chars(text.data(), end, range.first);
  const bool dash = first.ec == std::errc() && first.ptr != end && *first.ptr == '-';
  const auto second = dash ? std::from_chars(first.ptr + 1, end, range.second) : first;
  if (!dash || second.ec != std::errc() || second.ptr != end || range.first >= range.second ||
      range.first < cited.byte_start || range.second > cited.byte_end) {
    bad_request("'bytes' must be START-END inside the passage's bytes " +
                std::to_string(cited.byte_start) + "-" + std::to_string(cited.byte_end) +
                ", got '" + text + "'");
  }
  return range;
}

Page source_page(const Index& index, const httplib::Request& request) {
  if (!request.has_param("path")) bad_request("missing 'path': the file, as hits cite it");
  if (!request.has_param("paragraph")) bad_request("missing 'paragraph': its number, from 1");
  const std::string path = request.get_param_value("path");
  const int paragraph =
      static_cast<int>(count_parameter(request, "paragraph", 1, 1, kMaxParagraph));
  const auto context =
      static_cast<int>(count_parameter(request, "context", kDefaultContext, 0, kMaxContext));
  SourceView view;
  try {
    view.cited = index.passage(path, paragraph);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kInvalidArgument) throw;
    return {404, error_page(404, e.what())};
  }
  view.bytes = marked_bytes(request, view.cited);
  view.context = context;
  for (int n = std::max(1, paragraph - context); n < paragraph; ++n) {
    view.paragraphs.push_back(index.passage(path, n));
  }
  view.paragraphs.push_back(view.cited);
  for (int n = paragraph + 1; n <= paragraph + context; ++n) {
    try {
      view.paragraphs.push_back(index.passage(path, n));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kInvalidArgument) throw;
      break;  // the file ends here
    }
  }
  return {200, render_source(view)};
}

// A page route: `respond`'s page, or a page naming the error it throws. As for the JSON routes,
// the caller's mistakes (invalid argument) are 400 and anything else is the server's, 500.
httplib::Server::Handler page_route(const Index& index,
                                    Page (*respond)(const Index&, const httplib::Request&)) {
  return [&index, respond](const httplib::Request& request, httplib::Response& response) {
    Page page;
    try {
      page = respond(index, request);
    } catch (const Error& e) {
      const bool client = e.kind() == ErrorKind::kInvalidArgument;
      if (!client) std::cerr << "cite: error: " + std::string(e.what()) + '\n';
      page = {client ? 400 : 500, error_page(client ? 400 : 500, e.what())};
    } catch (const std::exception& e) {
      std::cerr << "cite: internal error: " + std::string(e.what()) + '\n';
      page = {500, error_page(500, std::string("internal error: ") + e.what())};
    }
    response.status = page.status;
    response.set_header("Content-Security-Policy", kContentPolicy);
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_content(page.html, kHtmlType);
  };
}

httplib::Server::Handler asset(std::string_view body, const char* type) {
  return [body, type](const httplib::Request&, httplib::Response& response) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Cache-Control", "no-cache");  // a new binary's assets are seen at once
    response.set_content(body.data(), body.size(), type);
  };
}

}  // namespace

void register_pages(httplib::Server& server, const Index& index) {
  server.Get("/", page_route(index, search_page));
  server.Get("/claims", page_route(index, check_page));
  server.Get("/source", page_route(index, source_page));
  server.Get("/static/cite.css", asset(kStyleSheet, "text/css; charset=utf-8"));
  server.Get("/static/cite.js", asset(kScript, "text/javascript; charset=utf-8"));
}

}  // namespace cite::app::web
