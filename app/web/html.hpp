#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cite/citation.hpp"

// The pieces every page of `cite serve` is built from: escaping, links, cited text with its
// highlights, and the frame around a page. Source text only ever reaches a page through escape().
namespace cite::app::web {

// `text` made safe between tags and inside a double- or single-quoted attribute: & < > " '
// become character references, and every byte that is not part of valid UTF-8 becomes U+FFFD,
// so a page is valid UTF-8 whatever a query parameter held.
std::string escape(std::string_view text);

// A query-string component: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded.
std::string url_encode(std::string_view text);

// The citation as a reader copies it: `path:lines ¶N`, lines as `50` or `50-66`.
std::string citation_label(const Citation& citation);

// The link to the source view of `citation`, with `bytes` (a range inside it, such as a
// sentence) highlighted when it is not empty. Not yet escaped.
std::string source_url(const Citation& citation, ByteRange bytes = {0, 0});

// The line above a cited passage: its citation, linked to the source view (with `bytes`
// marked there), and its section.
std::string citation_line(const Citation& citation, ByteRange bytes = {0, 0});

// `text`, the file's bytes from `offset` on, escaped, with the file byte range `span` (when not
// empty) in <mark class="SPAN_CLASS"> and each of `words` in <mark>; the marks nest properly even
// where a word crosses the span's edge. Ranges outside the text are ignored.
std::string marked_text(std::string_view text, std::size_t offset,
                        const std::vector<ByteRange>& words, ByteRange span = {0, 0},
                        std::string_view span_class = "sentence");

// Which link of the top bar is the current page.
enum class Tab { kSearch, kCheck, kNone };

// A whole page: doctype, head (the stylesheet and script served under /static/), the top bar,
// `body` (already HTML) in <main>.
std::string frame(std::string_view title, Tab tab, std::string_view body);

// A page saying what went wrong, with a way back.
std::string error_page(int status, std::string_view message);

}  // namespace cite::app::web
