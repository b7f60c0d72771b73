#include "indexer/indexer.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <functional>
#include <thread>

#include "cite/cite.hpp"
#include "store/database.hpp"
#include "store/record.hpp"
#include "store/schema.hpp"
#include "support/support.hpp"

namespace cite {
namespace {

namespace fs = std::filesystem;
using cite::testing::TempDir;

class IndexUpdate : public ::testing::Test {
 protected:
  void SetUp() override { cite::testing::copy_corpus(corpus_); }

  UpdateReport update(bool rebuild = false) {
    UpdateOptions options;
    options.rebuild = rebuild;
    options.on_warning = [this](const std::string& message) { warnings_.push_back(message); };
    return Index::update(index_.string(), corpus_.string(), options);
  }

  // Moves a file's modification time forward, as an editor saving it would.
  void touch(const std::string& name) {
    const fs::path path = corpus_ / name;
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
  }

  Xapian::rev revision() const { return Xapian::Database(index_.string()).get_revision(); }

  std::size_t hits(const std::string& query) const {
    return Index::open(index_.string()).search(query, {1000}).hits.size();
  }

  TempDir scratch_;
  fs::path corpus_ = scratch_ / "corpus";
  fs::path index_ = scratch_ / "index";
  std::vector<std::string> warnings_;
};

TEST_F(IndexUpdate, FirstRunIndexesEveryFile) {
  const UpdateReport report = update();
  EXPECT_EQ(report.files_added, 5u);
  EXPECT_EQ(report.passages_written, 184u);
  EXPECT_EQ(report.passages_total, 184u);
  EXPECT_TRUE(warnings_.empty());
  EXPECT_EQ(Index::open(index_.string()).root(), fs::canonical(corpus_).string());
}

TEST_F(IndexUpdate, UnchangedCorpusIsNotReanalysedAndNothingChanges) {
  update();
  const Xapian::rev before = revision();
  const UpdateReport report = update();
  EXPECT_EQ(report.files_unchanged, 5u);
  EXPECT_EQ(report.files_added + report.files_updated + report.files_removed, 0u);
  EXPECT_EQ(report.passages_written, 0u);
  EXPECT_EQ(revision(), before);
}

TEST_F(IndexUpdate, TouchedFileIsTheOnlyOneReindexed) {
  update();
  touch("002_ca56329877b14360.txt");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_updated, 1u);
  EXPECT_EQ(report.files_unchanged, 4u);
  EXPECT_EQ(report.passages_written, 24u);
  EXPECT_EQ(report.passages_total, 184u) << "replaced, not duplicated";
}

TEST_F(IndexUpdate, ChangedFileHasItsPassagesReplaced) {
  update();
  cite::testing::write_file(corpus_ / "000_18f228960f1cda46.txt",
                            "Zanzibarian paragraph one.\n\nSecond paragraph.\n");
  touch("000_18f228960f1cda46.txt");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_updated, 1u);
  EXPECT_EQ(report.passages_total, 184u - 15u + 2u);
  EXPECT_EQ(hits("zanzibarian"), 1u);
  EXPECT_EQ(hits("file:000_18f228960f1cda46.txt"), 2u) << "no paragraph of the old version is left";
  EXPECT_THROW(Index::open(index_.string()).passage("000_18f228960f1cda46.txt", 3), Error);
}

// The index keeps no copy of a passage's text: it is read from the file, which must still have
// the indexed bytes there. An edit not yet indexed is reported, never quoted as the passage.
TEST_F(IndexUpdate, FileEditedAfterIndexingIsReportedNotQuoted) {
  update();
  const fs::path file = corpus_ / "000_18f228960f1cda46.txt";
  std::string text = cite::testing::read_file(file);
  const std::size_t at = text.find("[deported](#) more than 80,000");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 1, 8, "expelled");  // same length: every offset still points somewhere
  cite::testing::write_file(file, text);
  const Index index = Index::open(index_.string());
  try {
    index.search("deported 80,000");
    FAIL() << "a passage of the edited file was quoted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("changed since it was indexed"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(index.passage("000_18f228960f1cda46.txt", 13), Error);
  EXPECT_EQ(index.passage("000_18f228960f1cda46.txt", 1).paragraph, 1) << "its bytes are intact";
  fs::resize_file(file, 100);
  EXPECT_THROW(index.passage("000_18f228960f1cda46.txt", 13), Error) << "cut short";
  update();
  const Citation first = Index::open(index_.string()).passage("000_18f228960f1cda46.txt", 1);
  EXPECT_EQ(first.text, cite::testing::read_file(file).substr(first.byte_start,
                                                              first.byte_end - first.byte_start))
      << "re-indexed, it is cited again";
}

TEST_F(IndexUpdate, AFullBuildIsCompactedInPlace) {
  update();
  for (const char* leftover : {"index.compacting", "index.old"}) {
    EXPECT_FALSE(fs::exists(scratch_ / leftover)) << leftover;
  }
  touch("002_ca56329877b14360.txt");
  EXPECT_EQ(update().passages_total, 184u) << "the compacted index takes updates";
  EXPECT_EQ(update(/*rebuild=*/true).passages_total, 184u);
  EXPECT_EQ(hits("file:002_ca56329877b14360.txt"), 24u);
}

TEST(PassageRecord, RoundTripsAndSkipsFieldsOfALaterCite) {
  Citation c;
  c.path = "dir/notes.txt";
  c.paragraph = 300;
  c.section = "Background";
  c.is_heading = true;
  c.line_start = 1000;
  c.line_end = 1002;
  c.byte_start = 70000;
  c.byte_end = 70100;
  c.text = "extracted text";
  const std::string stored = store::encode_citation(c, /*store_text=*/true);
  // Field 15 as bytes, "abc": unknown to this cite.
  const Citation back = store::decode_citation(stored +
                                               "\x1f\x03"
                                               "abc");
  EXPECT_EQ(back.path, "") << "kept by paragraph 1 only";
  EXPECT_EQ(back.paragraph, 300);
  EXPECT_EQ(back.section, c.section);
  EXPECT_TRUE(back.is_heading);
  EXPECT_EQ(back.line_start, 1000);
  EXPECT_EQ(back.line_end, 1002);
  EXPECT_EQ(back.byte_start, 70000u);
  EXPECT_EQ(back.byte_end, 70100u);
  EXPECT_EQ(back.text, c.text);
  EXPECT_EQ(store::decode_citation(store::encode_citation(c)).text, "") << "hash only";
  c.paragraph = 1;
  EXPECT_EQ(store::decode_citation(store::encode_citation(c)).path, c.path);
  EXPECT_THROW(store::decode_citation("{\"path\": \"a.txt\"}"), Error) << "a format 1 record";
  EXPECT_THROW(store::decode_citation(stored.substr(0, stored.size() - 3)), Error) << "cut short";
}

TEST(PassageRecord, SectionOfARunIsKeptByItsFirstPassage) {
  Citation c;
  c.paragraph = 7;
  c.section = "Background";
  const std::string later = store::encode_citation(c, /*store_text=*/false, /*section_back=*/4);
  EXPECT_EQ(store::decode_citation(later).section, "") << "read from paragraph 3";
  EXPECT_EQ(store::section_back(later), 4);
  EXPECT_LT(later.size(), store::encode_citation(c).size());
  EXPECT_EQ(store::section_back(store::encode_citation(c)), 0);
  EXPECT_THROW(store::decode_citation(store::encode_citation(c, false, /*section_back=*/7)), Error)
      << "before paragraph 1";
}

// The section that a passage shows is its heading's, though only the first passage under the
// heading stores it, in every file and after an update that replaced a file's passages.
TEST_F(IndexUpdate, EveryPassageShowsItsSection) {
  update();
  auto sections_match = [&] {
    const Xapian::Database db(index_.string());
    const std::string root = store::recorded_root(db);
    int stored_once = 0;
    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
      const std::string data = db.get_document(*id).get_data();
      const Citation read = store::read_citation(db, *id, root);
      const int back = store::section_back(data);
      stored_once += back > 0;
      const Citation owner = store::decode_citation(db.get_document(*id - back).get_data());
      EXPECT_EQ(read.section, owner.section) << read.path << ":" << read.paragraph;
      EXPECT_EQ(owner.paragraph, read.paragraph - back);
    }
    return stored_once;
  };
  EXPECT_GT(sections_match(), 100);
  fs::remove(corpus_ / "003_f3679c42c656c1ed.txt");
  update();
  EXPECT_GT(sections_match(), 50);
}

TEST_F(IndexUpdate, DeletedFileLosesItsPassages) {
  update();
  fs::remove(corpus_ / "003_f3679c42c656c1ed.txt");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_removed, 1u);
  EXPECT_EQ(report.passages_total, 184u - 58u);
  EXPECT_EQ(hits("file:003_f3679c42c656c1ed.txt"), 0u);
  EXPECT_EQ(hits("Igor"), 0u) << "only 003 mentions Igor";
}

TEST_F(IndexUpdate, BadFilesAreSkippedWithAWarningAndNothingElseIsLost) {
  cite::testing::write_file(corpus_ / "binary.txt", std::string("abc\0def", 7));
  cite::testing::write_file(corpus_ / "empty.pdf", "%PDF-1.4 broken");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_skipped, 2u);
  EXPECT_EQ(report.files_added, 5u);
  EXPECT_EQ(report.passages_total, 184u);
  ASSERT_EQ(warnings_.size(), 2u);
  EXPECT_NE(warnings_[0].find("binary.txt"), std::string::npos);
  EXPECT_NE(warnings_[1].find("empty.pdf"), std::string::npos);
  EXPECT_NE(warnings_[1].find("PDF"), std::string::npos);
}

// Text in a legacy encoding used to be skipped ("not valid UTF-8"): it is transcoded, and its
// citations still name the raw file's bytes.
TEST_F(IndexUpdate, Latin1TextIsTranscodedNotSkipped) {
  cite::testing::write_file(corpus_ / "latin1.txt", "caf\xE9 cr\xE8me\n");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_skipped, 0u);
  EXPECT_EQ(report.files_added, 6u);
  EXPECT_EQ(report.files_transcoded, 1u);
  const SearchResult result = Index::open(index_.string()).search("creme");
  ASSERT_EQ(result.hits.size(), 1u);
  const Citation& c = result.hits[0].citation;
  EXPECT_TRUE(c.transcoded);
  EXPECT_EQ(c.text, "caf\u00E9 cr\u00E8me");
  EXPECT_EQ(c.byte_start, 0u);
  EXPECT_EQ(c.byte_end, 10u) << "raw Latin-1 bytes, not UTF-8 ones";
}

TEST_F(IndexUpdate, FileThatTurnsBadLosesItsStalePassages) {
  update();
  cite::testing::write_file(corpus_ / "002_ca56329877b14360.txt", std::string("\0\0", 2));
  touch("002_ca56329877b14360.txt");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_skipped, 1u);
  EXPECT_EQ(report.passages_total, 184u - 24u);
}

TEST_F(IndexUpdate, HiddenEntriesAndOtherFileTypesAreIgnored) {
  cite::testing::write_file(corpus_ / ".git" / "notes.txt", "hidden words\n");
  cite::testing::write_file(corpus_ / ".draft.md", "hidden words\n");
  cite::testing::write_file(corpus_ / "image.png", "not text");
  cite::testing::write_file(corpus_ / "sub" / "dir" / "note.md", "# Nested\n\nNested words.\n");
  const UpdateReport report = update();
  EXPECT_EQ(report.files_added, 6u);
  EXPECT_EQ(report.files_skipped_by_type, 1u) << "image.png is counted, not silently ignored";
  EXPECT_EQ(hits("hidden"), 0u);
  const Citation nested = Index::open(index_.string()).passage("sub/dir/note.md", 2);
  EXPECT_EQ(nested.text, "Nested words.");
  EXPECT_EQ(nested.section, "Nested");
}

// Regression: a path past Xapian's 255-byte metadata key limit failed the whole run.
TEST_F(IndexUpdate, VeryLongPathsAreIndexedAndTracked) {
  const std::string dir(120, 'd');
  const std::string name = std::string(140, 'n') + ".txt";
  cite::testing::write_file(corpus_ / dir / name, "Longpathword here.\n");
  EXPECT_EQ(update().files_added, 6u);
  const std::string path = dir + "/" + name;
  EXPECT_EQ(Index::open(index_.string()).passage(path, 1).text, "Longpathword here.");
  EXPECT_EQ(update().files_unchanged, 6u) << "its record is found again";
  fs::remove(corpus_ / dir / name);
  EXPECT_EQ(update().files_removed, 1u);
  EXPECT_EQ(hits("longpathword"), 0u);
}

TEST_F(IndexUpdate, IndexOfAnotherCorpusIsRefusedUnlessRebuilt) {
  update();
  TempDir other;
  cite::testing::write_file(other / "a.txt", "Other corpus.\n");
  try {
    Index::update(index_.string(), other.path().string());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("--rebuild"), std::string::npos) << e.what();
  }
  UpdateOptions rebuild;
  rebuild.rebuild = true;
  EXPECT_EQ(Index::update(index_.string(), other.path().string(), rebuild).passages_total, 1u);
}

// Stamps the built index with another `key` value: opening it must fail with the advice to
// rebuild (and name `says`), updating it too, and a rebuild must stamp it as this cite's.
void expect_refused_until_rebuilt(const fs::path& index, std::string_view key,
                                  const std::string& value, const std::string& says,
                                  const std::function<UpdateReport(bool)>& update) {
  {
    Xapian::WritableDatabase db(index.string());
    db.set_metadata(std::string(key), value);
    db.commit();
  }
  try {
    Index::open(index.string());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexVersion);
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--rebuild"), std::string::npos) << e.what();
  }
  EXPECT_THROW(update(false), Error);
  EXPECT_EQ(update(/*rebuild=*/true).passages_total, 184u);
  EXPECT_NE(Xapian::Database(index.string()).get_metadata(std::string(key)), value);
}

TEST_F(IndexUpdate, IncompatibleAnalyzerVersionIsRefusedWithAdvice) {
  update();
  expect_refused_until_rebuilt(index_, store::kAnalyzerKey, "0", "analyzer 0",
                               [this](bool rebuild) { return update(rebuild); });
}

// Format 4 keeps word fingerprints instead of positions: a format 3 index has no fingerprints,
// so its phrases would find nothing. It is refused with the advice to rebuild, like any other
// version.
TEST_F(IndexUpdate, Format3IndexIsRefusedWithRebuildAdvice) {
  update();
  expect_refused_until_rebuilt(index_, store::kFormatKey, "3", "has format 3",
                               [this](bool rebuild) { return update(rebuild); });
  EXPECT_EQ(Xapian::Database(index_.string()).get_metadata(std::string(store::kFormatKey)),
            std::to_string(store::kFormatVersion));
}

TEST_F(IndexUpdate, MissingIndexAndMissingCorpusAreClearErrors) {
  try {
    Index::open((scratch_ / "nowhere").string());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexMissing);
    EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos);
  }
  try {
    Index::update(index_.string(), (scratch_ / "no-corpus").string());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("no-corpus"), std::string::npos);
  }
}

TEST_F(IndexUpdate, ConcurrentWriterIsReportedAsLocked) {
  update();
  Xapian::WritableDatabase holder(index_.string());
  try {
    update();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIndexLocked);
  }
}

TEST_F(IndexUpdate, ReaderSurvivesCommitsMadeWhileItIsOpen) {
  update();
  const Index reader = Index::open(index_.string());
  EXPECT_EQ(reader.search("Igor").hits.size(), 8u);
  // Several commits move the database past the revision the reader opened.
  for (int round = 0; round < 3; ++round) {
    touch("003_f3679c42c656c1ed.txt");
    update();
  }
  EXPECT_EQ(reader.search("Igor").hits.size(), 8u);
}

}  // namespace
}  // namespace cite
