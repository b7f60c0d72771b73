// `cite serve` in the `cite` executable: runs `cite-serve`, installed next to it, with the same
// arguments. The HTTP server (cpp-httplib with OpenSSL, zlib and Brotli) lives in that executable
// only, so that `cite query` and the other commands do not load it at every start.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/options.hpp"
#include "cite/error.hpp"

namespace cite::app {

int run(const ServeCommand&) {
  // The arguments as given (the parsed options would drop any this file does not know of).
  std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(cmdline)),
                        std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (std::size_t start = 0; start < all.size();) {
    const std::size_t end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::error_code ec;
  const std::filesystem::path server =
      std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "cite-serve";
  if (ec || args.empty()) {
    throw Error(ErrorKind::kIo,
                "cannot find this program's path to run cite-serve for `cite "
                "serve` (is /proc mounted?)");
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  ::execv(server.c_str(), argv.data());
  throw Error(ErrorKind::kIo, "cannot run '" + server.string() +
                                  "' for `cite serve`: " + std::strerror(errno) +
                                  " (it is built and installed next to cite)");
}

}  // namespace cite::app
