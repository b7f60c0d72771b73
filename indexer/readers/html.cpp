// HTML, parsed by gumbo (the HTML5 parsing algorithm). Gumbo's text nodes point into the source
// buffer with their raw text (entities undecoded) and give the decoded text beside it: a block's
// byte range runs from its first text's raw bytes to its last's, and what is analysed is the
// decoded text. Markup between the words stays in the cited bytes but not in the words.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <string>

#include "indexer/readers/reader.hpp"
#include "indexer/readers/spans.hpp"

namespace cite::indexer::readers {
namespace {

using Output = std::unique_ptr<GumboOutput, void (*)(GumboOutput*)>;

Output parse(std::string_view html) {
  return Output(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
                [](GumboOutput* output) { gumbo_destroy_output(&kGumboDefaultOptions, output); });
}

// Not prose: scripts, styles, navigation, forms' option lists, embedded objects.
bool is_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_TITLE || tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 ||
         tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements that start and end a passage; every other element is inline.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_LEGEND:
      return true;
    default:
      return is_heading(tag);
  }
}

// A table laid out for data holds no block elements; one that does lays out a page (old HTML's
// menus and columns), and its cells are cut like the rest of the page.
bool is_layout_table(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag tag = child->v.element.tag;
    if (tag == GUMBO_TAG_TABLE || (is_block(tag) && tag != GUMBO_TAG_CAPTION) ||
        is_layout_table(child)) {
      return true;
    }
  }
  return false;
}

class HtmlReader {
 public:
  explicit HtmlReader(std::string_view text) : text_(text), lines_(text) {}

  Reading read() {
    const Output output = parse(text_);
    visit(output->root);
    flush();
    return std::move(reading_);
  }

 private:
  void visit(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        add_text(node->v.text);
        return;
      case GUMBO_NODE_WHITESPACE:
        words_ += in_pre_ > 0 ? node->v.text.text : " ";
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        visit_element(node);
        return;
      default:  // the document, comments
        if (node->type == GUMBO_NODE_DOCUMENT) visit_children(node->v.document.children);
        return;
    }
  }

  void visit_children(const GumboVector& children) {
    for (unsigned i = 0; i < children.length; ++i) {
      visit(static_cast<const GumboNode*>(children.data[i]));
    }
  }

  void visit_element(const GumboNode* node) {
    const GumboElement& element = node->v.element;
    const GumboTag tag = element.tag;
    if (is_dropped(tag)) return;
    if (tag == GUMBO_TAG_BR) {
      words_ += '\n';
      return;
    }
    // A data table is one passage: its cells do not cut it. A layout table's cells are blocks.
    const bool data_table = tag == GUMBO_TAG_TABLE && in_table_ == 0 && !is_layout_table(node);
    const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
    const bool block = (is_block(tag) || cell) && (in_table_ == 0 || data_table);
    if (block) flush();
    if (cell) words_ += ' ';
    if (tag == GUMBO_TAG_TR) words_ += '\n';
    heading_ = heading_ || (block && is_heading(tag));
    in_table_ += data_table ? 1 : 0;
    in_pre_ += tag == GUMBO_TAG_PRE ? 1 : 0;
    visit_children(element.children);
    in_table_ -= data_table ? 1 : 0;
    in_pre_ -= tag == GUMBO_TAG_PRE ? 1 : 0;
    if (block) flush();
  }

  void add_text(const GumboText& node) {
    const GumboStringPiece& raw = node.original_text;
    if (raw.data >= text_.data() && raw.data + raw.length <= text_.data() + text_.size()) {
      const auto offset = static_cast<std::size_t>(raw.data - text_.data());
      begin_ = std::min(begin_, offset);
      end_ = std::max(end_, offset + raw.length);
    }
    words_ += node.text;
  }

  void flush() {
    if (begin_ != std::string::npos) {
      const PassageKind kind = heading_ ? PassageKind::kHeading : PassageKind::kParagraph;
      if (heading_) section_ = collapse_whitespace(words_);
      add_passage(reading_.passages, text_, lines_, begin_, end_, kind, section_,
                  std::move(words_));
    }
    begin_ = std::string::npos;
    end_ = 0;
    words_.clear();
    heading_ = false;
  }

  std::string_view text_;
  LineIndex lines_;
  Reading reading_;
  std::size_t begin_ = std::string::npos;
  std::size_t end_ = 0;
  std::string words_;
  bool heading_ = false;
  int in_table_ = 0;
  int in_pre_ = 0;
  std::string section_;
};

const GumboNode* first_text(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT) return node;
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (const GumboNode* found = first_text(static_cast<const GumboNode*>(children.data[i]))) {
      return found;
    }
  }
  return nullptr;
}

// Gumbo's parse takes time in the square of the nesting depth (a hostile file of 200,000 nested
// `<div>`s runs for minutes), and no page a person reads nests this deep.
constexpr std::size_t kMaxNesting = 2000;

// The deepest nesting of elements, counting the start and end tags of elements whose end tag
// may not be left out.
std::size_t nesting_depth(std::string_view html) {
  static constexpr std::array<std::string_view, 30> kNoEndTag = {
      "area",  "base",     "br",       "col",    "embed", "hr",     "img",   "input",
      "link",  "meta",     "param",    "source", "track", "wbr",    "p",     "li",
      "dt",    "dd",       "tr",       "td",     "th",    "option", "thead", "tbody",
      "tfoot", "colgroup", "optgroup", "html",   "head",  "body"};
  std::size_t depth = 0;
  std::size_t deepest = 0;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (html.compare(i, 4, "<!--") == 0) {
      i = html.find("-->", i);
      if (i == std::string_view::npos) break;
      continue;
    }
    const bool end = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t name_end = i + (end ? 2 : 1);
    const std::size_t name_begin = name_end;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) {
      ++name_end;
    }
    if (name_end == name_begin) continue;
    std::string name(html.substr(name_begin, name_end - name_begin));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(kNoEndTag.begin(), kNoEndTag.end(), name) != kNoEndTag.end()) continue;
    if (end) {
      depth -= depth > 0 ? 1 : 0;
    } else {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

}  // namespace

Reading read_html(std::string_view utf8) {
  if (nesting_depth(utf8) > kMaxNesting) {
    Reading reading;
    reading.problem = "is HTML nested more than " + std::to_string(kMaxNesting) +
                      " elements deep, which cite does not parse";
    return reading;
  }
  return HtmlReader(utf8).read();
}

std::string decode_html_entity(std::string_view entity) {
  const Output output = parse(entity);
  const GumboNode* text = first_text(output->root);
  return text != nullptr ? std::string(text->v.text.text) : std::string(entity);
}

}  // namespace cite::indexer::readers
