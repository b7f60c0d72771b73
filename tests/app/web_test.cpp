#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/web/html.hpp"
#include "app/web/pages.hpp"
#include "support/support.hpp"

// The pages of `cite serve`: the HTML helpers as golden tables, then the routes served over
// HTTP from an index of a source full of markup, which must reach every page as text.
namespace cite::app::web {
namespace {

using cite::testing::TempDir;

struct EscapeRow {
  std::string input;
  std::string expected;
};

TEST(Escape, TurnsMarkupIntoTextAndKeepsPagesValidUtf8) {
  const std::vector<EscapeRow> rows{
      {"plain text", "plain text"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"quotes\" & <b>tags</b>", "&quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"},
      {"it's", "it&#39;s"},
      {"&amp;", "&amp;amp;"},
      {"Россия ¶ “curly” 😀", "Россия ¶ “curly” 😀"},
      {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
      {"cut \xE2\x80", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},            // a sequence cut short
      {"overlong \xC0\xBC", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},  // '<' in two bytes
      {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"", ""},
  };
  for (const EscapeRow& row : rows) EXPECT_EQ(escape(row.input), row.expected) << row.input;
}

TEST(UrlEncode, KeepsOnlyUnreservedBytes) {
  const std::vector<EscapeRow> rows{
      {"004_fad1a6b6ca469459.txt", "004_fad1a6b6ca469459.txt"},
      {"a b&c=d#e?f/g", "a%20b%26c%3Dd%23e%3Ff%2Fg"},
      {"\"deported\" 2024", "%22deported%22%202024"},
      {"é~", "%C3%A9~"},
  };
  for (const EscapeRow& row : rows) EXPECT_EQ(url_encode(row.input), row.expected) << row.input;
}

TEST(CitationLabel, IsPathLinesAndParagraph) {
  Citation citation;
  citation.path = "004_fad1a6b6ca469459.txt";
  citation.paragraph = 10;
  citation.line_start = 50;
  citation.line_end = 66;
  EXPECT_EQ(citation_label(citation), "004_fad1a6b6ca469459.txt:50-66 \u00B610");
  citation.line_end = 50;
  EXPECT_EQ(citation_label(citation), "004_fad1a6b6ca469459.txt:50 \u00B610");
  EXPECT_EQ(source_url(citation, {7, 9}),
            "/source?path=004_fad1a6b6ca469459.txt&paragraph=10&bytes=7-9#cited");
}

struct MarkRow {
  std::vector<ByteRange> words;
  ByteRange span;
  std::string expected;
};

// The text "a <b> cd" sits at file offset 100.
TEST(MarkedText, NestsWordMarksInsideTheSpanAndEscapesBetween) {
  const std::vector<MarkRow> rows{
      {{}, {0, 0}, "a &lt;b&gt; cd"},
      {{{100, 101}}, {0, 0}, "<mark>a</mark> &lt;b&gt; cd"},
      {{{102, 105}}, {0, 0}, "a <mark>&lt;b&gt;</mark> cd"},
      {{}, {100, 108}, "<mark class=\"sentence\">a &lt;b&gt; cd</mark>"},
      {{{106, 108}}, {102, 108}, "a <mark class=\"sentence\">&lt;b&gt; <mark>cd</mark></mark>"},
      // A word crossing the span's edge is split so that the tags nest.
      {{{100, 103}},
       {102, 108},
       "<mark>a </mark><mark class=\"sentence\"><mark>&lt;</mark>b&gt; cd</mark>"},
      // Ranges outside the text are ignored, ranges crossing its ends are cut.
      {{{50, 60}, {200, 210}, {90, 101}}, {0, 0}, "<mark>a</mark> &lt;b&gt; cd"},
  };
  for (const MarkRow& row : rows) {
    EXPECT_EQ(marked_text("a <b> cd", 100, row.words, row.span), row.expected) << row.expected;
  }
}

// The pages served over HTTP by register_pages, from an index of tests/data/web/hostile.md
// saved under a file name full of markup too.
class Pages : public ::testing::Test {
 protected:
  static constexpr const char* kHostileName = "zebra <i>&\"'.md";

  static void SetUpTestSuite() {
    dir_ = new TempDir;
    cite::testing::write_file(
        *dir_ / "corpus" / kHostileName,
        cite::testing::read_file(cite::testing::source_dir() / "tests/data/web/hostile.md"));
    Index::update((*dir_ / "index").string(), (*dir_ / "corpus").string());
    index_ = new Index(Index::open((*dir_ / "index").string()));
    server_ = new httplib::Server;
    register_pages(*server_, *index_);
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = new std::thread([] { server_->listen_after_bind(); });
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete index_;
    delete dir_;
  }

  static httplib::Result get(const std::string& target) {
    httplib::Client client("127.0.0.1", port_);
    client.set_url_encode(false);  // the targets are sent as written, `+` for a space as forms do
    return client.Get(target);
  }

  // A 200 HTML page for `target`, in which the source's markup is text.
  static std::string page(const std::string& target) {
    const auto result = get(target);
    EXPECT_TRUE(result) << target;
    if (!result) return "";
    EXPECT_EQ(result->status, 200) << target << "\n" << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "text/html; charset=utf-8");
    expect_markup_is_text(result->body);
    return result->body;
  }

  // The only script is the page's own, and no markup of the source or the request survives.
  static void expect_markup_is_text(const std::string& html) {
    std::size_t scripts = 0;
    for (std::size_t at = html.find("<script"); at != std::string::npos;
         at = html.find("<script", at + 1)) {
      ++scripts;
    }
    EXPECT_EQ(scripts, 1u) << html;
    EXPECT_NE(html.find("<script src=\"/static/cite.js\" defer></script>"), std::string::npos);
    for (const char* raw : {"<script>alert", "<b>tags", "<img", "<a href=\"javascript", "<em>",
                            "onerror=\"", "<i>", "\"quotes\""}) {
      EXPECT_EQ(html.find(raw), std::string::npos) << raw << " in\n" << html;
    }
  }

  static TempDir* dir_;
  static Index* index_;
  static httplib::Server* server_;
  static std::thread* thread_;
  static int port_;
};

TempDir* Pages::dir_ = nullptr;
Index* Pages::index_ = nullptr;
httplib::Server* Pages::server_ = nullptr;
std::thread* Pages::thread_ = nullptr;
int Pages::port_ = 0;

const std::string kEscapedPath = "zebra &lt;i&gt;&amp;&quot;&#39;.md";
const std::string kEncodedPath = "zebra%20%3Ci%3E%26%22%27.md";

TEST_F(Pages, SearchPageWithoutAQueryIsTheForm) {
  const std::string html = page("/");
  EXPECT_NE(html.find("<form class=\"ask\" action=\"/\" method=\"get\""), std::string::npos);
  EXPECT_NE(html.find("Search 4 passages"), std::string::npos) << html;
  EXPECT_EQ(html.find("class=\"hit\""), std::string::npos);
}

TEST_F(Pages, SearchShowsHostileSourceTextAsText) {
  const std::string html = page("/?q=zebras");
  EXPECT_NE(html.find("4 passages match"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"), std::string::npos);
  EXPECT_NE(html.find("<mark>zebras</mark>"), std::string::npos);
  // The citation: the file name escaped in the text, percent-encoded in the link.
  EXPECT_NE(html.find(">" + kEscapedPath + ":3 \u00B62</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"/source?path=" + kEncodedPath + "&amp;paragraph=2#cited\""),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"section\">Zebra &lt;em&gt;census&lt;/em&gt; &amp; "),
            std::string::npos);
}

TEST_F(Pages, SearchEchoesAHostileQueryAsText) {
  // "><script>alert(1)</script> and '<b>tags
  const std::string html = page("/?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E+%27%3Cb%3Etags");
  EXPECT_NE(html.find("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#39;&lt;b&gt;"
                      "tags\""),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<title>&quot;&gt;&lt;script&gt;"), std::string::npos);
}

TEST_F(Pages, SearchPagesThroughTheHits) {
  const std::string first = page("/?q=zebras+OR+park+OR+text");
  EXPECT_EQ(first.find("rel=\"prev\""), std::string::npos);
  const std::string none = page("/?q=zzyzx");
  EXPECT_NE(none.find("No passage matches <q>zzyzx</q>"), std::string::npos) << none;
  const std::string past = page("/?q=zebras&page=3");
  EXPECT_NE(past.find("page 3 is past the last one"), std::string::npos) << past;
  EXPECT_NE(past.find("rel=\"prev\""), std::string::npos) << past;
}

TEST_F(Pages, CheckShowsVerdictSentenceAndFiguresAsText) {
  const std::string html = page("/claims?claims=42+zebras+lived+in+the+park+in+2020");
  EXPECT_NE(html.find("<p class=\"verdict\">\u2713 Supported</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<mark class=\"sentence\">"), std::string::npos);
  EXPECT_NE(html.find("&quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("<li class=\"num same\"><span class=\"figure\">42</span> same"),
            std::string::npos)
      << html;
}

TEST_F(Pages, CheckListsEveryDifferentFigureSideBySide) {
  const std::string html = page("/claims?claims=50+zebras+lived+in+the+park+in+2020");
  EXPECT_NE(html.find("\u2717 Conflicting"), std::string::npos) << html;
  EXPECT_NE(html.find("side by side"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"conflict\">42</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("conflict: the source says <strong>42</strong>"), std::string::npos);
}

TEST_F(Pages, CheckTakesOneClaimPerLineAndEchoesThemAsText) {
  const std::string html =
      page("/claims?claims=42+zebras+in+2020%0D%0A%0D%0A%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_NE(html.find("id=\"claim-1\""), std::string::npos);
  EXPECT_NE(html.find("id=\"claim-2\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"claim-3\""), std::string::npos);  // the blank line is no claim
  EXPECT_NE(html.find("<nav class=\"summary\""), std::string::npos);
  EXPECT_NE(html.find(">&lt;script&gt;alert(1)&lt;/script&gt;</h2>"), std::string::npos) << html;
  EXPECT_NE(html.find("42 zebras in 2020\r\n\r\n&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"),
            std::string::npos);
}

TEST_F(Pages, SourceViewMarksTheCitedBytesAmongItsNeighbours) {
  const std::string html = page("/source?path=" + kEncodedPath + "&paragraph=3&context=1");
  EXPECT_NE(html.find("<code id=\"citation\">" + kEscapedPath + ":5 \u00B63</code>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("data-copy=\"" + kEscapedPath + ":5 \u00B63\" hidden>Copy citation"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"para cited\" id=\"cited\">"), std::string::npos);
  EXPECT_NE(html.find("<mark class=\"cited\">The keepers said &quot;quotes&quot; &amp; "),
            std::string::npos);
  EXPECT_NE(html.find("\u00B62 <span>"), std::string::npos);  // the neighbours, one each side
  EXPECT_NE(html.find("\u00B64 <span>"), std::string::npos);
  EXPECT_EQ(html.find("\u00B61 <span>"), std::string::npos);
  EXPECT_NE(html.find("&lt;a href=&quot;javascript:alert(3)&quot;&gt;"), std::string::npos);
}

TEST_F(Pages, SourceViewMarksOnlyTheBytesAsked) {
  const auto passage = index_->passage(kHostileName, 3);
  const std::size_t start = passage.byte_start + 4;
  const std::string html =
      page("/source?path=" + kEncodedPath + "&paragraph=3&bytes=" + std::to_string(start) + "-" +
           std::to_string(start + 7));
  EXPECT_NE(html.find("The <mark class=\"cited\">keepers</mark> said"), std::string::npos) << html;
}

struct RefusedPage {
  std::string target;
  int status;
  std::string message;  // as the page shows it, escaped
};

TEST_F(Pages, BadRequestsGetAnHtmlPageNamingTheProblem) {
  const std::string source = "/source?path=" + kEncodedPath;
  const std::vector<RefusedPage> rows{
      {"/?q=zebras&page=0", 400, "&#39;page&#39; must be a whole number from 1 to 100, got &#39;0"},
      {"/?q=zebras&page=101", 400, "got &#39;101&#39;"},
      {"/?q=zebras&page=%3Cb%3E", 400, "got &#39;&lt;b&gt;&#39;"},
      {"/?q=%FF", 400, "not valid UTF-8"},
      {"/claims?claims=x&limit=21", 400, "&#39;limit&#39; must be a whole number from 1 to 20"},
      {"/source?paragraph=1", 400, "missing &#39;path&#39;"},
      {source, 400, "missing &#39;paragraph&#39;"},
      {source + "&paragraph=-1", 400, "got &#39;-1&#39;"},
      {source + "&paragraph=2&bytes=0-5", 400, "&#39;bytes&#39; must be START-END inside"},
      {source + "&paragraph=2&bytes=x", 400, "got &#39;x&#39;"},
      {source + "&paragraph=2&context=51", 400, "&#39;context&#39;"},
      {source + "&paragraph=99", 404, "paragraph 99"},
      {"/source?path=%3Cscript%3E.md&paragraph=1", 404, "&lt;script&gt;.md"},
  };
  for (const RefusedPage& row : rows) {
    SCOPED_TRACE(row.target);
    const auto result = get(row.target);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, row.status) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(result->body.find(row.message), std::string::npos) << result->body;
    expect_markup_is_text(result->body);
  }
}

TEST_F(Pages, PagesForbidInlineScriptsAndAssetsHaveTheirTypes) {
  const auto html = get("/?q=zebras");
  ASSERT_TRUE(html);
  EXPECT_NE(html->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(html->get_header_value("X-Content-Type-Options"), "nosniff");
  const auto css = get("/static/cite.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(css->body.find("prefers-color-scheme: dark"), std::string::npos);
  const auto js = get("/static/cite.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js->body.find("data-copy"), std::string::npos);
}

}  // namespace
}  // namespace cite::app::web
