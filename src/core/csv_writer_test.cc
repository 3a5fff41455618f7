#include "core/csv_writer.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(CsvWriterTest, QuotesOnlyWhenNeededPerRfc4180) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("a\tb", '\t'), "\"a\tb\"");
}

TEST(CsvWriterTest, NeutralisesFormulasButNotNumbers) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("+1-2"), "'+1-2");
  EXPECT_EQ(CsvField("-0.25"), "-0.25");
  EXPECT_EQ(CsvField("+3"), "+3");
}

TEST(CsvWriterTest, RecordJoinsFieldsAndEndsTheLine) {
  EXPECT_EQ(CsvRecord({"a", "b c", "d,e"}), "a,b c,\"d,e\"\n");
  EXPECT_EQ(CsvRecord({"", "", "x"}), ",,x\n");
}

}  // namespace
}  // namespace chorus
