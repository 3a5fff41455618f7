#include "quality/ingest/wide_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "quality/ingest/test_files.h"
#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using ::testing::HasSubstr;
using testing::Triple;
using testing::Votes;
using testing::VoteSet;

// Krippendorff's 4 coders x 12 units reliability data (values 1..5, blank = missing), as in
// pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py (@ 13c1938f) and
// choroba/statistics-krippendorff t/02-example.t (@ 0fb9b389), the example of Krippendorff
// (2011), "Computing Krippendorff's Alpha-Reliability". Typed here, not read from ../shared.
constexpr const char* kKrippendorff =
    "coder,u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12\n"
    "A,1,2,3,3,2,1,4,1,2,,,\n"
    "B,1,2,3,3,2,2,4,1,2,5,,3\n"
    "C,,3,3,3,2,3,4,2,2,5,1,\n"
    "D,1,2,3,3,2,4,4,1,2,5,1,\n";

// The same matrix transposed: units as rows, coders as columns.
constexpr const char* kKrippendorffTransposed =
    "unit,A,B,C,D\n"
    "u1,1,1,,1\n"
    "u2,2,2,3,2\n"
    "u3,3,3,3,3\n"
    "u4,3,3,3,3\n"
    "u5,2,2,2,2\n"
    "u6,1,2,3,4\n"
    "u7,4,4,4,4\n"
    "u8,1,1,2,1\n"
    "u9,2,2,2,2\n"
    "u10,,5,5,5\n"
    "u11,,,1,1\n"
    "u12,,3,,\n";

class WideReaderTest : public testing::TempDirTest {
 protected:
  Result<VoteFile> Read(const std::string& name, const std::string& content,
                        WideLayout layout = WideLayout::kAnnotatorsAsRows,
                        VoteReadOptions options = {}) {
    return ReadWideVotes(Write(name, content), layout, options);
  }
  Status ReadError(const std::string& name, const std::string& content,
                   WideLayout layout = WideLayout::kAnnotatorsAsRows,
                   VoteReadOptions options = {}) {
    auto file = Read(name, content, layout, options);
    EXPECT_FALSE(file.ok()) << "expected an error for:\n" << content;
    return file.ok() ? Status::Ok() : file.status();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
};

TEST_F(WideReaderTest, ReadsKrippendorffMatrixWithAnnotatorsAsRows) {
  auto file = Read("k.csv", kKrippendorff);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const VoteTable& table = file->table;
  EXPECT_EQ(table.annotator_count(), 4u);
  EXPECT_EQ(table.item_count(), 12u);
  EXPECT_EQ(table.size(), 41u);  // 9 + 11 + 10 + 11 values.
  EXPECT_EQ(file->report.missing_skipped, 7u);
  EXPECT_EQ(file->report.lines, 5u);
  EXPECT_EQ(table.label_count(), 5u);
  // Units keep header order; annotators row order.
  for (uint32_t i = 0; i < 12; ++i) {
    EXPECT_EQ(table.item_names().Name(i), "u" + std::to_string(i + 1));
  }
  EXPECT_EQ(table.annotator_names().Name(2), "C");
  const auto votes = VoteSet(table);
  EXPECT_EQ(votes.count(Triple{"u12", "B", "3"}), 1u);
  EXPECT_EQ(votes.count(Triple{"u6", "D", "4"}), 1u);
  EXPECT_EQ(votes.count(Triple{"u11", "C", "1"}), 1u);
  for (const auto& [item, annotator, label] : votes) {
    EXPECT_FALSE(item == "u1" && annotator == "C");
  }
}

TEST_F(WideReaderTest, TransposedLayoutGivesTheSameVotes) {
  auto rows = Read("k.csv", kKrippendorff);
  auto columns = Read("t.csv", kKrippendorffTransposed, WideLayout::kUnitsAsRows);
  ASSERT_TRUE(rows.ok() && columns.ok()) << columns.status().ToString();
  EXPECT_EQ(VoteSet(rows->table), VoteSet(columns->table));
  EXPECT_EQ(columns->report.missing_skipped, 7u);
  EXPECT_EQ(columns->table.item_names().Name(11), "u12");
  EXPECT_EQ(columns->table.annotator_names().Name(3), "D");
}

// The first rows of Fleiss (1971) Table 1 as in R irr::diagnoses: units (patients) as rows,
// six ratings per patient as columns.
TEST_F(WideReaderTest, ReadsUnitsByRatersLikeFleiss1971) {
  auto file = Read("f.csv",
                   "patient,r1,r2,r3,r4,r5,r6\n"
                   "1,4,4,4,4,4,4\n"
                   "2,2,2,2,5,5,5\n"
                   "3,2,3,3,3,3,5\n",
                   WideLayout::kUnitsAsRows);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->table.item_count(), 3u);
  EXPECT_EQ(file->table.annotator_count(), 6u);
  EXPECT_EQ(file->table.size(), 18u);
  EXPECT_EQ(VoteSet(file->table).count(Triple{"2", "r4", "5"}), 1u);
}

TEST_F(WideReaderTest, MissingMarkersAndQuotedValues) {
  auto file = Read("m.csv",
                   "coder,a,b,c,d,e,f,g,h\n"
                   "X,*,NA,N/A,nan,NULL, ,\"NA\",\"\"\n"
                   "Y,1, 2 ,\" 3\",x,y,z,w,v\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->report.missing_skipped, 7u);
  const auto votes = VoteSet(file->table);
  EXPECT_EQ(votes.count(Triple{"g", "X", "NA"}), 1u);
  EXPECT_EQ(votes.count(Triple{"b", "Y", "2"}), 1u);
  EXPECT_EQ(votes.count(Triple{"c", "Y", " 3"}), 1u);
  EXPECT_EQ(file->table.size(), 9u);
}

TEST_F(WideReaderTest, ReadsTsvAndBlankLines) {
  auto file = Read("k.tsv", "\ncoder\tu1\tu2\r\n\r\nA\t1\t\r\nB\t\t2\r\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->report.format, VoteFormat::kTsv);
  EXPECT_EQ(VoteSet(file->table), (std::multiset<Triple>{{"u1", "A", "1"}, {"u2", "B", "2"}}));
}

TEST_F(WideReaderTest, RowsMustMatchTheHeaderWidth) {
  const Status short_row = ReadError("w.csv", "coder,u1,u2,u3\nA,1,2,3\nB,1,2\n");
  EXPECT_EQ(short_row.field(), Path("w.csv") + ":3:1");
  EXPECT_EQ(short_row.message(),
            "line 3 has 3 fields but the header has 4; give every row one cell per column (leave "
            "missing cells empty)");
  const Status long_row = ReadError("w.csv", "coder,u1,u2\nA,1,2,3\n");
  EXPECT_EQ(long_row.field(), Path("w.csv") + ":2:7");
  EXPECT_THAT(long_row.message(), HasSubstr("add the missing unit ids to the header"));
  // Trailing empty cells (spreadsheet exports) are fine.
  EXPECT_TRUE(Read("w.csv", "coder,u1,u2\nA,1,2,,\n").ok());
}

TEST_F(WideReaderTest, BlankHeaderCellsMustHaveNoValues) {
  auto ok = Read("w.csv", "coder,u1,,u2\nA,1,,2\nB,1,NA,2\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->table.item_count(), 2u);
  const Status s = ReadError("w.csv", "coder,u1,,u2\nA,1,,2\nB,1,5,2\n");
  EXPECT_EQ(s.field(), Path("w.csv") + ":3:5");
  EXPECT_EQ(s.message(),
            "line 3 has a value in column 3, whose header cell is empty; name the unit in the "
            "header");
}

TEST_F(WideReaderTest, EmptyRowIdAndOneColumnHeaderAreErrors) {
  const Status id = ReadError("w.csv", "coder,u1\nA,1\n ,2\n", WideLayout::kUnitsAsRows);
  EXPECT_EQ(id.field(), Path("w.csv") + ":3:1");
  EXPECT_EQ(id.message(),
            "the unit id in the first column is empty on line 3; give every row an id");
  const Status narrow = ReadError("w.csv", "coder;u1;u2\nA;1;2\n");
  EXPECT_EQ(narrow.field(), Path("w.csv") + ":1:1");
  EXPECT_THAT(narrow.message(), HasSubstr("check the delimiter"));
}

TEST_F(WideReaderTest, RepeatedHeaderIdsFollowTheDuplicatePolicy) {
  const std::string text = "coder,u1,u2,u1\nA,1,2,3\n";
  const Status s = ReadError("w.csv", text);
  EXPECT_EQ(s.field(), Path("w.csv") + ":1:13");
  EXPECT_THAT(s.message(), HasSubstr("the header names unit \"u1\" twice (columns 2 and 4)"));
  VoteReadOptions last;
  last.duplicates = DuplicatePolicy::kKeepLast;
  auto file = Read("w.csv", text, WideLayout::kAnnotatorsAsRows, last);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(VoteSet(file->table), (std::multiset<Triple>{{"u1", "A", "3"}, {"u2", "A", "2"}}));
  EXPECT_EQ(file->report.duplicates_dropped, 1u);
}

TEST_F(WideReaderTest, RepeatedRowIdsFollowTheDuplicatePolicy) {
  const std::string text = "coder,u1,u2\nA,1,2\nB,1,1\nA,,3\n";
  const Status s = ReadError("w.csv", text);
  EXPECT_EQ(s.field(), Path("w.csv") + ":4:1");
  EXPECT_EQ(s.message(),
            "annotator \"A\" labelled item \"u2\" twice, on line 2 and line 4; remove one of the "
            "votes, or pass --duplicates first, last or keep-all to accept repeated votes");
  VoteReadOptions first;
  first.duplicates = DuplicatePolicy::kKeepFirst;
  auto file = Read("w.csv", text, WideLayout::kAnnotatorsAsRows, first);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->table.size(), 4u);
  EXPECT_EQ(VoteSet(file->table).count(Triple{"u2", "A", "2"}), 1u);
}

TEST_F(WideReaderTest, JsonlIsRejectedAndMissingFileIsNotFound) {
  const Status s = ReadError("w.jsonl", "{\"item\": 1}\n");
  EXPECT_THAT(s.message(), HasSubstr("a wide matrix must be CSV or TSV"));
  auto missing = ReadWideVotes(Path("none.csv"), WideLayout::kUnitsAsRows, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(WideReaderTest, TinyChunksGiveTheSameTable) {
  VoteReadOptions tiny;
  tiny.chunk_size = 3;
  auto a = Read("k.csv", kKrippendorff);
  auto b = Read("k.csv", kKrippendorff, WideLayout::kAnnotatorsAsRows, tiny);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Votes(a->table), Votes(b->table));
}

// The published files, when this machine has them: they must read the same as the typed
// copies above (and the full Fleiss table: 30 patients x 6 ratings).
TEST_F(WideReaderTest, SharedReferenceFilesMatchTypedCopies) {
  const std::filesystem::path data = testdata::SharedDataDir() / "agreement_examples";
  if (!std::filesystem::exists(data / "krippendorff_4coders_12units.csv")) {
    GTEST_SKIP() << "reference data not present at " << data << "; the typed copies are tested";
  }
  auto shared = ReadWideVotes((data / "krippendorff_4coders_12units.csv").string(),
                              WideLayout::kAnnotatorsAsRows, {});
  auto typed = Read("k.csv", kKrippendorff);
  ASSERT_TRUE(shared.ok() && typed.ok()) << shared.status().ToString();
  EXPECT_EQ(Votes(shared->table), Votes(typed->table));
  auto fleiss = ReadWideVotes((data / "fleiss1971_diagnoses_30patients_6ratings.csv").string(),
                              WideLayout::kUnitsAsRows, {});
  ASSERT_TRUE(fleiss.ok()) << fleiss.status().ToString();
  EXPECT_EQ(fleiss->table.item_count(), 30u);
  EXPECT_EQ(fleiss->table.size(), 180u);
  EXPECT_EQ(fleiss->table.label_count(), 5u);
}

}  // namespace
}  // namespace chorus::quality
