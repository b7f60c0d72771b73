#pragma once

#include <string_view>

// The stylesheet and script of the pages, compiled into the binary: nothing is fetched.
namespace cite::app::web {

extern const std::string_view kStyleSheet;  // served as /static/cite.css
extern const std::string_view kScript;      // served as /static/cite.js; the pages work without it

}  // namespace cite::app::web
