// Fuzzes claim checking over corpus/: any UTF-8 claim gets a verdict whose evidence, and the
// sentence chosen in it, are cited exactly.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cite/cite.hpp"
#include "fuzz_index.hpp"
#include "fuzz_support.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  static_cast<void>(cite::fuzz::CorpusIndex::get());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cite::fuzz::require;
  const std::string claim(cite::fuzz::as_text(data, size));
  const cite::fuzz::CorpusIndex& corpus = cite::fuzz::CorpusIndex::get();
  if (!cite::text::is_valid_utf8(claim)) {
    try {
      static_cast<void>(corpus.index().check(claim));
      require(false, "a claim that is not UTF-8 is refused");
    } catch (const cite::Error& e) {
      require(e.kind() == cite::ErrorKind::kInvalidArgument, "refused as an invalid argument");
    }
    return 0;
  }

  const cite::CheckResult result = corpus.index().check(claim);
  for (const cite::Evidence& evidence : result.evidence) {
    corpus.require_exact(evidence.hit);
    const cite::Citation& passage = evidence.hit.citation;
    const cite::Sentence& sentence = evidence.sentence;
    require(sentence.byte_start >= passage.byte_start && sentence.byte_end <= passage.byte_end &&
                sentence.byte_start < sentence.byte_end,
            "the sentence lies inside its passage", passage.path);
    require(passage.text.compare(sentence.byte_start - passage.byte_start,
                                 sentence.byte_end - sentence.byte_start, sentence.text) == 0,
            "the sentence's text is the file's bytes", passage.path);
  }
  require(cite::text::is_valid_utf8(cite::to_json(result)), "the JSON answer is UTF-8");
  return 0;
}
