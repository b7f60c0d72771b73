// Markdown, parsed by md4c (CommonMark with GitHub's tables). md4c's text callbacks point into
// the source buffer, so a block's byte range is the span of the text it reported, widened to
// the whole lines it sits on (to take in `# `, `- `, `> `, `**` and `](target)`). What is
// analysed is the text md4c reports: link targets, HTML comments and markup are not in it.
#include <md4c.h>

#include <string>

#include "indexer/readers/reader.hpp"
#include "indexer/readers/spans.hpp"
#include "text/utf8.hpp"

namespace cite::indexer::readers {
namespace {

// A passage being collected: one heading, paragraph, list item, table, code or HTML block.
struct Collector {
  bool active = false;
  MD_BLOCKTYPE type = MD_BLOCK_P;
  int depth = 0;  // block nesting depth of the block that owns it
  std::size_t begin = std::string::npos;
  std::size_t end = 0;
  std::string words;
};

// A raw HTML block's words: its text outside tags and comments.
std::string html_block_words(std::string_view html) {
  std::string words;
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      words += ' ';
    } else if (html[i] == '<') {
      const std::size_t close = html.find('>', i);
      i = close == std::string_view::npos ? html.size() : close + 1;
      words += ' ';
    } else {
      words += html[i++];
    }
  }
  return words;
}

// YAML (`---`) or TOML (`+++`) front matter: metadata, not prose. Returns its length, or 0.
std::size_t front_matter_length(std::string_view file) {
  for (const std::string_view fence : {"---", "+++"}) {
    if (file.substr(0, 3) != fence) continue;
    std::size_t line_end = file.find('\n');
    if (line_end == std::string_view::npos || text::trim(file.substr(0, line_end)) != fence) {
      return 0;
    }
    for (std::size_t begin = line_end + 1; begin < file.size();) {
      std::size_t end = file.find('\n', begin);
      if (end == std::string_view::npos) end = file.size();
      const std::string_view line = text::trim(file.substr(begin, end - begin));
      if (line == fence || (fence == "---" && line == "...")) return std::min(end + 1, file.size());
      begin = end + 1;
    }
  }
  return 0;
}

class MarkdownReader {
 public:
  explicit MarkdownReader(std::string_view text) : text_(text), lines_(text) {}

  Reading read() {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags =
        MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return static_cast<MarkdownReader*>(self)->enter_block(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
      return static_cast<MarkdownReader*>(self)->leave_block(type);
    };
    parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<MarkdownReader*>(self)->on_text(type, text, size);
    };
    const std::size_t skip = front_matter_length(text_);
    md_parse(text_.data() + skip, static_cast<MD_SIZE>(text_.size() - skip), &parser, this);
    return std::move(reading_);
  }

 private:
  static bool owns_passage(MD_BLOCKTYPE type) {
    return type == MD_BLOCK_H || type == MD_BLOCK_P || type == MD_BLOCK_LI ||
           type == MD_BLOCK_CODE || type == MD_BLOCK_TABLE || type == MD_BLOCK_HTML;
  }

  int enter_block(MD_BLOCKTYPE type, void* /*detail*/) {
    ++depth_;
    if (current_.active) {
      // A table is one passage, cells and all; a list item takes its own paragraphs. Anything
      // else (a nested list, a code block, a quote) ends the item's passage before it.
      if (current_.type == MD_BLOCK_TABLE || (current_.type == MD_BLOCK_LI && type == MD_BLOCK_P)) {
        separate(type == MD_BLOCK_TD || type == MD_BLOCK_TH ? " " : "\n");
        return 0;
      }
      flush();
    }
    if (owns_passage(type)) {
      current_ = Collector{};
      current_.active = true;
      current_.type = type;
      current_.depth = depth_;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE /*type*/) {
    if (current_.active && current_.depth == depth_) flush();
    --depth_;
    return 0;
  }

  int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    if (!current_.active) return 0;
    const std::string_view piece(text, size);
    // Some pieces (line breaks, code indentation) are md4c's own strings, not the source's.
    if (text >= text_.data() && text + size <= text_.data() + text_.size() && size > 0) {
      const auto offset = static_cast<std::size_t>(text - text_.data());
      current_.begin = std::min(current_.begin, offset);
      current_.end = std::max(current_.end, offset + size);
    }
    switch (type) {
      case MD_TEXT_SOFTBR:
      case MD_TEXT_BR:
        current_.words += '\n';
        break;
      case MD_TEXT_NULLCHAR:
        current_.words += "\uFFFD";
        break;
      case MD_TEXT_ENTITY:
        current_.words += decode_html_entity(piece);
        break;
      case MD_TEXT_HTML:
        current_.words += current_.type == MD_BLOCK_HTML ? html_block_words(piece) : " ";
        break;
      default:
        current_.words += piece;
    }
    return 0;
  }

  void separate(const char* separator) {
    if (!current_.words.empty()) current_.words += separator;
  }

  void flush() {
    Collector done = std::move(current_);
    current_ = Collector{};
    if (done.begin == std::string::npos) return;
    // Whole lines: from the first non-blank byte of the first line (block markers) to the end
    // of the last one (closing markup, link targets). Code keeps to its own lines' text.
    const std::size_t begin = lines_.line_start(done.begin);
    std::size_t end = text_.find('\n', done.end - 1);
    if (end == std::string_view::npos) end = text_.size();
    const bool heading = done.type == MD_BLOCK_H;
    if (heading) section_ = collapse_whitespace(done.words);
    add_passage(reading_.passages, text_, lines_, begin, end,
                heading ? PassageKind::kHeading : PassageKind::kParagraph, section_,
                std::move(done.words));
  }

  std::string_view text_;
  LineIndex lines_;
  Reading reading_;
  Collector current_;
  int depth_ = 0;
  std::string section_;
};

}  // namespace

Reading read_markdown(std::string_view utf8) { return MarkdownReader(utf8).read(); }

}  // namespace cite::indexer::readers
