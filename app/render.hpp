#pragma once

#include <ostream>

#include "app/options.hpp"
#include "cite/check.hpp"
#include "cite/citation.hpp"

// Human-readable output: ripgrep-like headers, passage text with matched words highlighted.
namespace cite::app {

bool use_color(ColorMode mode);

void render_hits(std::ostream& out, const SearchResult& result, bool color);
void render_passage(std::ostream& out, const Citation& citation, bool color);
void render_check(std::ostream& out, const CheckResult& result, bool color);

}  // namespace cite::app
