#include <algorithm>

#include "app/web/html.hpp"
#include "app/web/views.hpp"

namespace cite::app::web {
namespace {

// Xapian estimates the total from 10,000 matches on.
constexpr std::size_t kExactTotalBelow = 10'000;

std::string search_form(const std::string& query) {
  // The box takes the focus only on the empty page: on a page of results it would scroll away.
  return "<form class=\"ask\" action=\"/\" method=\"get\" role=\"search\">\n"
         "<label for=\"q\">Search the sources</label>\n<div class=\"row\">"
         "<input id=\"q\" name=\"q\" type=\"search\" value=\"" +
         escape(query) +
         "\" placeholder=\"deported 2024\" autocomplete=\"off\" spellcheck=\"false\" "
         "data-slash-focus" +
         (query.empty() ? " autofocus" : "") +
         "><button type=\"submit\">Search</button></div>\n</form>\n";
}

constexpr std::string_view kSyntaxHelp = R"(<details class="help">
<summary>Query syntax</summary>
<table>
<tr><td><code>deported children 2024</code></td><td>any of the words, best matches first; <code>deported</code> also finds <code>deportation</code></td></tr>
<tr><td><code>"controlled persons registry"</code></td><td>the exact phrase</td></tr>
<tr><td><code>deported AND children</code>, <code>OR</code>, <code>NOT</code></td><td>both, either, without (operators in capitals)</td></tr>
<tr><td><code>deported NEAR/3 children</code></td><td>both, at most 3 words apart</td></tr>
<tr><td><code>migra*</code></td><td>words starting with <code>migra</code></td></tr>
<tr><td><code>file:004* deported</code>, <code>section:backdrop</code></td><td>only in those files, or under that heading</td></tr>
</table>
</details>
)";

std::string page_url(const std::string& query, std::size_t page) {
  return escape("/?q=" + url_encode(query) + (page > 1 ? "&page=" + std::to_string(page) : ""));
}

std::string pager(const SearchView& view, std::size_t last_page) {
  if (last_page <= 1 && view.page == 1) return "";
  std::string nav = "<nav class=\"pager\" aria-label=\"Pages of results\">";
  if (view.page > 1) {
    // Past the end (an old bookmark), "previous" leads to the last page.
    const std::size_t previous = std::max<std::size_t>(1, std::min(view.page - 1, last_page));
    nav += "<a rel=\"prev\" href=\"" + page_url(view.query, previous) + "\">\u2190 Previous</a>";
  }
  if (view.page <= last_page) {
    nav +=
        "<span>Page " + std::to_string(view.page) + " of " + std::to_string(last_page) + "</span>";
  }
  if (view.page < last_page) {
    nav += "<a rel=\"next\" href=\"" + page_url(view.query, view.page + 1) + "\">Next \u2192</a>";
  }
  return nav + "</nav>\n";
}

std::string hits_list(const SearchResult& result, std::size_t first, std::size_t last) {
  std::string list = "<ol class=\"hits\" start=\"" + std::to_string(first + 1) + "\">\n";
  for (std::size_t i = first; i < last; ++i) {
    const Hit& hit = result.hits[i];
    const Citation& c = hit.citation;
    list += "<li class=\"hit\">" + citation_line(c) + "<p class=\"text" +
            (c.is_heading ? " heading" : "") + "\">" +
            marked_text(c.text, c.byte_start, hit.highlights) + "</p></li>\n";
  }
  return list + "</ol>\n";
}

}  // namespace

std::string render_search(const SearchView& view) {
  std::string body = search_form(view.query);
  if (!view.result) {
    body += "<p class=\"intro\">Search " + std::to_string(view.passages) +
            " passages. Every result is cited by file, lines and paragraph, and links to its "
            "place in the source.</p>\n";
    body += kSyntaxHelp;
    return frame("Search \u2014 cite", Tab::kSearch, body);
  }
  const SearchResult& result = *view.result;
  const std::size_t first = (view.page - 1) * view.per_page;
  const std::size_t last = std::min(result.hits.size(), first + view.per_page);
  const std::size_t pages = (result.total + view.per_page - 1) / view.per_page;
  const std::size_t last_page = std::min(view.max_page, pages);
  const std::string total = (result.total >= kExactTotalBelow ? "about " : "") +
                            std::to_string(result.total) +
                            (result.total == 1 ? " passage matches" : " passages match");
  body += "<p class=\"summary\" role=\"status\">";
  if (result.total == 0) {
    body += "No passage matches <q>" + escape(view.query) + "</q>.";
  } else if (first >= last) {
    body += total + " <q>" + escape(view.query) + "</q>; page " + std::to_string(view.page) +
            " is past the last one.";
  } else {
    body += total + " <q>" + escape(view.query) + "</q> \u00B7 showing " +
            std::to_string(first + 1) + "\u2013" + std::to_string(last);
  }
  body += "</p>\n";
  if (first < last) body += hits_list(result, first, last);
  body += pager(view, last_page);
  if (result.total == 0) body += kSyntaxHelp;
  return frame(view.query + " \u2014 cite search", Tab::kSearch, body);
}

}  // namespace cite::app::web
