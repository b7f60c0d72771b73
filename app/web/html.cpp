#include "app/web/html.hpp"

#include <algorithm>

namespace cite::app::web {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence starting at `text[i]`, or 0 if none does.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(1) < second_min || byte(1) > second_max) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

std::string lines_of(const Citation& citation) {
  std::string lines = std::to_string(citation.line_start);
  if (citation.line_end != citation.line_start) lines += "-" + std::to_string(citation.line_end);
  return lines;
}

bool contains(ByteRange outer, std::size_t begin, std::size_t end) {
  return outer.first < outer.second && begin >= outer.first && end <= outer.second;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text, i, length);
      i += length;
      continue;
    }
    switch (text[i]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += text[i];
    }
    ++i;
  }
  return out;
}

std::string url_encode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool alphanumeric =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alphanumeric || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string citation_label(const Citation& citation) {
  return citation.path + ":" + lines_of(citation) + " \u00B6" + std::to_string(citation.paragraph);
}

std::string source_url(const Citation& citation, ByteRange bytes) {
  std::string url = "/source?path=" + url_encode(citation.path) +
                    "&paragraph=" + std::to_string(citation.paragraph);
  if (bytes.first < bytes.second) {
    url += "&bytes=" + std::to_string(bytes.first) + "-" + std::to_string(bytes.second);
  }
  return url + "#cited";
}

std::string citation_line(const Citation& citation, ByteRange bytes) {
  std::string line = "<p class=\"cite-line\"><a class=\"citation\" href=\"" +
                     escape(source_url(citation, bytes)) + "\">" +
                     escape(citation_label(citation)) + "</a>";
  if (citation.is_heading) {
    line += " <span class=\"kind\">heading</span>";
  } else if (!citation.section.empty()) {
    line += " <span class=\"section\">" + escape(citation.section) + "</span>";
  }
  return line + "</p>\n";
}

std::string marked_text(std::string_view text, std::size_t offset,
                        const std::vector<ByteRange>& words, ByteRange span,
                        std::string_view span_class) {
  const std::size_t end = offset + text.size();
  std::vector<std::size_t> cuts{offset, end};
  const auto cut_at = [&](ByteRange range) {
    if (range.first >= range.second || range.second <= offset || range.first >= end) return;
    cuts.push_back(std::clamp(range.first, offset, end));
    cuts.push_back(std::clamp(range.second, offset, end));
  };
  cut_at(span);
  for (const ByteRange& word : words) cut_at(word);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  std::string out;
  bool in_span = false;
  bool in_word = false;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const std::size_t begin = cuts[i];
    const std::size_t stop = cuts[i + 1];
    const bool span_here = contains(span, begin, stop);
    const bool word_here = std::any_of(words.begin(), words.end(),
                                       [&](ByteRange word) { return contains(word, begin, stop); });
    // A word mark closes before the span mark opens or closes around it, so tags nest.
    if (in_word && (!word_here || span_here != in_span)) {
      out += "</mark>";
      in_word = false;
    }
    if (span_here != in_span) {
      out += span_here ? "<mark class=\"" + escape(span_class) + "\">" : std::string("</mark>");
      in_span = span_here;
    }
    if (word_here && !in_word) {
      out += "<mark>";
      in_word = true;
    }
    out += escape(text.substr(begin - offset, stop - begin));
  }
  if (in_word) out += "</mark>";
  if (in_span) out += "</mark>";
  return out;
}

std::string frame(std::string_view title, Tab tab, std::string_view body) {
  const auto current = [tab](Tab link) {
    return link == tab ? std::string(" aria-current=\"page\"") : std::string();
  };
  std::string page =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n<title>";
  page += escape(title);
  page +=
      "</title>\n<link rel=\"stylesheet\" href=\"/static/cite.css\">\n"
      "<link rel=\"icon\" href=\"data:,\">\n"
      "<script src=\"/static/cite.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
      "<header class=\"bar\"><nav aria-label=\"Pages\"><a class=\"brand\" href=\"/\">cite</a>"
      "<a href=\"/\"" +
      current(Tab::kSearch) + ">Search</a><a href=\"/claims\"" + current(Tab::kCheck) +
      ">Check claims</a></nav></header>\n<main id=\"main\">\n";
  page += body;
  page += "</main>\n</body>\n</html>\n";
  return page;
}

std::string error_page(int status, std::string_view message) {
  const std::string heading = status >= 500   ? "The server could not answer"
                              : status == 404 ? "Not found"
                                              : "That request cannot be answered";
  return frame(heading + " \u2014 cite", Tab::kNone,
               "<section class=\"error\"><h1>" + heading + "</h1>\n<p class=\"message\">" +
                   escape(message) +
                   "</p>\n<p><a href=\"/\">Search</a> or <a href=\"/claims\">check claims</a>."
                   "</p></section>\n");
}

}  // namespace cite::app::web
