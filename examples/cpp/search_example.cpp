// Searches a cite index and prints each hit as a citation: the C++ API in a dozen lines.
//   search_example INDEX_DIR QUERY
#include <cite/cite.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: search_example INDEX_DIR QUERY\n";
    return 2;
  }
  try {
    const cite::Index index = cite::Index::open(argv[1]);
    const cite::SearchResult result = index.search(argv[2], {5});
    for (const cite::Hit& hit : result.hits) {
      const cite::Citation& c = hit.citation;
      std::cout << c.path << ':' << c.line_start << '-' << c.line_end << " \u00B6" << c.paragraph
                << " bytes " << c.byte_start << '-' << c.byte_end << '\n'
                << c.text << "\n\n";
    }
    return result.hits.empty() ? 1 : 0;
  } catch (const cite::Error& e) {
    std::cerr << "search_example: " << e.what() << '\n';
    return 2;
  }
}
