#pragma once

#include <httplib.h>

#include "cite/cite.hpp"

namespace cite::app {

// Sets up `server`'s routes, limits and error answers over `index` exactly as `cite serve` does,
// without binding or listening: the HTTP fuzz target (tests/fuzz/http_fuzz.cpp) feeds it raw
// requests. `index` must outlive `server`.
void configure_server(httplib::Server& server, const Index& index);

}  // namespace cite::app
