#include "indexer/readers/reader.hpp"

#include <gtest/gtest.h>

#include "support/support.hpp"

namespace cite::indexer::readers {
namespace {
}

std::filesystem::path fixture(const std::string& name) {
  return cite::testing::source_dir() / "tests/data/formats" / name;
}

inline ReadDocument read_fixture(const std::string& name, const ReadOptions& options = {}) {
  return read_document(name, cite::testing::read_file(fixture(name)), options);
}

TEST(Dump, All) {
  for (const char* name : {"readme.md", "page.html", "manual.pdf", "guide.rst", "README", "latin1.txt", "utf16.txt", "scanned.pdf"}) {
    const ReadDocument d = read_fixture(name);
    std::cout << "== " << name << " format=" << d.format << " transcoded=" << d.transcoded << " " << d.encoding << " skipped=" << d.skipped.value_or("-") << "\n" << describe(d);
    for (const auto& p : d.passages) if (p.words) std::cout << "   words: " << *p.words << "|\n";
  }
}

}  // namespace cite::indexer::readers
namespace cite::indexer::readers {
TEST(Dump, Pdf) { std::cout << read_fixture("manual.pdf").extracted.value(); }
}
