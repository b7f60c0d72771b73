#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "app/options.hpp"
#include "cite/check.hpp"
#include "cite/citation.hpp"

// Human-readable output: ripgrep-like headers, passage text with matched words highlighted.
namespace cite::app {

bool use_color(ColorMode mode);

// `text` made safe to print on a terminal: control characters (C0 but tab, and line breaks when
// `keep_lines`; DEL; C1), bidirectional overrides and isolates (U+202A-202E, U+2066-2069) and
// bytes that are not UTF-8 are written as visible escapes (`\x1B`, `\u202E`), so that a source
// cannot move the cursor, erase what was printed or reorder it.
std::string escape_for_terminal(std::string_view text, bool keep_lines);

void render_hits(std::ostream& out, const SearchResult& result, bool color);
void render_passage(std::ostream& out, const Citation& citation, bool color);
void render_check(std::ostream& out, const CheckResult& result, bool color);

}  // namespace cite::app
