#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "app/options.hpp"
#include "app/render.hpp"
#include "cite/error.hpp"

namespace {

using cite::app::ColorMode;

const char* kIndexHelp =
    "Index directory (default: $CITE_INDEX, else ./.cite); to search, also a Xapian stub file "
    "listing indexes or shards, local or remote (docs/shards.md)";

void add_location(CLI::App& command, cite::app::IndexLocation& location) {
  const char* from_env = std::getenv("CITE_INDEX");
  location.dir = from_env != nullptr && from_env[0] != '\0' ? from_env : ".cite";
  command.add_option("--index", location.dir, kIndexHelp)->type_name("DIR");
}

void add_output(CLI::App& command, cite::app::OutputOptions& output) {
  command.add_flag("--json", output.json, "Print one JSON object (format: docs/json.md)");
  command
      .add_option_function<std::string>(
          "--color",
          [&output](const std::string& when) {
            output.color = when == "always"  ? ColorMode::kAlways
                           : when == "never" ? ColorMode::kNever
                                             : ColorMode::kAuto;
          },
          "Highlight matches: auto (the default: on a terminal, unless NO_COLOR is set), "
          "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
}

// With stdout closed (`cite query x >&-`), the next file opened (a table of the index) would
// become descriptor 1 and receive the output. A descriptor that refuses writes takes its place,
// so that writing fails as it would on the closed one (EBADF), and is reported.
void guard_closed_stdout() {
  if (fcntl(STDOUT_FILENO, F_GETFD) != -1 || errno != EBADF) return;
  const int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (fd >= 0 && fd != STDOUT_FILENO) {
    dup2(fd, STDOUT_FILENO);
    close(fd);
  }
}

// std::cout's buffer, writing to descriptor 1 itself so that the reason of a failed write (its
// errno) is kept until it is reported: through stdio it is lost by the time anyone asks.
class StdoutBuffer : public std::streambuf {
 public:
  StdoutBuffer() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  int sync() override {
    const char* data = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    while (left > 0 && error_ == 0) {
      const ssize_t written = write(STDOUT_FILENO, data, left);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        error_ = written < 0 ? errno : EIO;
        break;
      }
      data += written;
      left -= static_cast<std::size_t>(written);
    }
    return error_ == 0 ? 0 : -1;
  }

 private:
  std::array<char, 1 << 16> buffer_{};
  int error_ = 0;  // of the first failed write
};

// Flushes stdout and returns `code`, or kExitError after saying why the output could not be
// written (a full disk, a closed descriptor). A closed pipe (EPIPE: `cite query x | head`) is
// not an error: the reader has what it wanted.
int finish_output(const StdoutBuffer& out, int code) {
  std::cout.flush();
  const int error = out.error();
  if (error == 0 || error == EPIPE) return code;
  std::cerr << "cite: error: cannot write the output: " << std::strerror(error) << '\n';
  return cite::app::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe (`cite query x | head`) is not an error: writes fail quietly instead.
  std::signal(SIGPIPE, SIG_IGN);
  guard_closed_stdout();
  StdoutBuffer out;
  // Restored before `out` goes: cout is flushed again at exit.
  struct Restore {
    std::streambuf* old;
    ~Restore() {
      std::cout.flush();
      std::cout.rdbuf(old);
    }
  } restore{std::cout.rdbuf(&out)};

  CLI::App app{
      "cite: full-text search with exact citations.\n"
      "Indexes every paragraph of a folder of text and Markdown documents and answers with\n"
      "ranked passages cited by file, lines, paragraph and bytes.\n\n"
      "Exit codes: 0 results found (or command succeeded), 1 no results, 2 error.",
      "cite"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cite 0.1.0");

  cite::app::IndexCommand index_command;
  CLI::App* index = app.add_subcommand(
      "index",
      "Build or update the index of every document under CORPUS: text (.txt, .text),\n"
      "Markdown (.md, .markdown), reStructuredText (.rst), HTML (.html, .htm), PDF (.pdf) and\n"
      "extensionless text files such as README or NEWS. Re-runnable: unchanged files are not\n"
      "re-read, changed files have their passages replaced, deleted files are removed.\n"
      "Unreadable or binary files are skipped with a warning; files of other types are counted\n"
      "(-v names them). Text that is not UTF-8 is transcoded (see --encoding).\n"
      "A directory that cannot be read is named in a warning, the files indexed under it are\n"
      "kept, and the exit code is 2.");
  add_location(*index, index_command.location);
  index->add_option("CORPUS", index_command.corpus, "Directory of source documents")
      ->required()
      ->type_name("DIR");
  index->add_flag("--rebuild", index_command.rebuild,
                  "Discard the existing index and build it again (after a cite upgrade, or to "
                  "index another corpus into the same directory)");
  index
      ->add_option("--shards", index_command.shards,
                   "Write the index as N Xapian shards (a stub file and shard0 ... shardN-1; "
                   "each file goes to shard FNV-1a(path) mod N), written in parallel, to spread "
                   "over machines with xapian-tcpsrv (docs/shards.md). Default: the existing "
                   "index's layout, one database for a new index. Changing N needs --rebuild")
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  index->add_flag("--follow-links", index_command.follow_links,
                  "Also index file symlinks that lead outside CORPUS (by default they are skipped "
                  "with a warning; directory symlinks are never followed)");
  index
      ->add_option("--max-file-size", index_command.max_file_size,
                   "Skip files larger than BYTES, unread, with a warning (default 16777216, "
                   "16 MiB: indexing takes about 60 bytes of memory per byte of a file). "
                   "Passages longer than 64 KiB are cut at spaces.")
      ->check(CLI::PositiveNumber)
      ->type_name("BYTES");
  index->add_flag("-q,--quiet", index_command.quiet, "Print nothing but warnings and errors");
  index->add_flag("--json", index_command.json,
                  "Print the report as one JSON object, warnings included (docs/json.md)");
  index->add_flag("-v,--verbose", index_command.verbose,
                  "Also name each file skipped for its type and each file transcoded");
  index
      ->add_option("--encoding", index_command.encoding,
                   "Encoding of text files that are not UTF-8, e.g. ISO-8859-1 or windows-1251 "
                   "(default: guessed per file)")
      ->type_name("NAME");

  cite::app::QueryCommand query_command;
  CLI::App* query = app.add_subcommand(
      "query",
      "Search the index; print ranked passages as PATH:LINES ¶PARAGRAPH then the passage.\n"
      "Syntax: words (stemmed, any of them, best first), \"exact phrase\", AND, OR, NOT,\n"
      "NEAR, NEAR/n, (groups), migra* (wildcard), file:PATH (file:004* too),\n"
      "section:WORDS. Text that is not valid syntax is searched as plain words.");
  add_location(*query, query_command.location);
  add_output(*query, query_command.output);
  query->add_option("-n,--limit", query_command.limit, "Maximum number of passages (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  query->add_option("QUERY", query_command.words, "The query (several arguments are joined)")
      ->required();

  cite::app::ShowCommand show_command;
  CLI::App* show = app.add_subcommand(
      "show", "Print one passage as cited, e.g. cite show 004_fad1a6b6ca469459.txt:12");
  add_location(*show, show_command.location);
  add_output(*show, show_command.output);
  show->add_option("CITATION", show_command.citation, "PATH:PARAGRAPH")->required();

  cite::app::CheckCommand check_command;
  CLI::App* check = app.add_subcommand(
      "check",
      "Check a claim against the sources: a verdict (supported, conflicting, partial,\n"
      "not_found) that describes the sources, then the evidence: each passage cited as\n"
      "PATH:LINES \u00B6PARAGRAPH, its best sentence, and how each number of the claim compares.\n"
      "Exit code 0 when the sources say something about the claim (any claim, with --claims),\n"
      "1 when every verdict is not_found, 2 on error.");
  add_location(*check, check_command.location);
  add_output(*check, check_command.output);
  check->add_option("CLAIM", check_command.words, "The claim (several arguments are joined)");
  check
      ->add_option("--claims", check_command.claims_file,
                   "Check every claim in FILE: one per line, or JSON Lines with a \"claim\" field; "
                   "--json then prints one object per line")
      ->type_name("FILE");
  check
      ->add_option("-n,--limit", check_command.max_evidence,
                   "Maximum passages of evidence per claim (default 3; every disagreeing passage "
                   "is shown)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));

  cite::app::ServeCommand serve_command;
  CLI::App* serve = app.add_subcommand(
      "serve",
      "Answer HTTP requests with the JSON that --json prints (docs/http.md), until SIGINT or\n"
      "SIGTERM. Prints 'listening on http://HOST:PORT' once ready. Endpoints:\n"
      "  GET  /search?q=QUERY&limit=N          as cite query --json (limit 1-1000, default 10)\n"
      "  POST /check {\"claim\": C, \"limit\": N}  as cite check --json (limit 1-1000, default 3)\n"
      "  GET  /passage?path=PATH&paragraph=N   as cite show --json\n"
      "  GET  /health                          status, passage count and corpus root\n"
      "Bad requests get status 400, unknown paths 404, a wrong method 405, bodies over 64 KiB\n"
      "413, each with a JSON {\"error\": MESSAGE}. Requests are served in parallel.\n"
      "Exit codes: 0 after SIGINT or SIGTERM, 2 when the index cannot be opened or HOST:PORT\n"
      "cannot be listened on.");
  add_location(*serve, serve_command.location);
  serve
      ->add_option("--listen", serve_command.listen,
                   "Address to listen on (default 127.0.0.1:8080; port 0 picks a free port; "
                   "[::1]:PORT for IPv6)")
      ->type_name("HOST:PORT");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : cite::app::kExitError;
  }

  try {
    int code = cite::app::kExitError;
    if (*index) code = cite::app::run(index_command);
    if (*query) code = cite::app::run(query_command);
    if (*show) code = cite::app::run(show_command);
    if (*check) code = cite::app::run(check_command);
    if (*serve) code = cite::app::run(serve_command);
    return finish_output(out, code);
  } catch (const cite::Error& e) {
    finish_output(out, cite::app::kExitError);
    std::cerr << "cite: error: " << cite::app::escape_for_terminal(e.what(), false) << '\n';
    return cite::app::kExitError;
  } catch (const std::exception& e) {
    std::cerr << "cite: internal error: " << e.what() << '\n';
    return cite::app::kExitError;
  } catch (...) {
    // Never abort with a core dump, even on an exception no layer converted (a bug).
    std::cerr << "cite: internal error: an unexpected exception\n";
    return cite::app::kExitError;
  }
}
