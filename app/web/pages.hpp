#pragma once

namespace httplib {
class Server;
}

namespace cite {
class Index;
}

// The pages of `cite serve` for a browser (docs/http.md, "Pages"): `/` to search, `/claims` to
// check claims, `/source` to read a passage in its place, and their stylesheet and script under
// `/static/`. Every page is server-rendered and answers a GET, so it works without JavaScript.
namespace cite::app::web {

// Adds the page routes to `server`; `index` must outlive it.
void register_pages(httplib::Server& server, const Index& index);

}  // namespace cite::app::web
