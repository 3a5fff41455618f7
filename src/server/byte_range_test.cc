#include "server/byte_range.h"

#include <gtest/gtest.h>

namespace chorus::server {
namespace {

// The examples of RFC 9110 §14.1.2 on a 10,000-byte representation.
TEST(ByteRangeTest, ReadsTheRfcExamples) {
  const auto first_500 = ParseByteRange("bytes=0-499", 10000);
  ASSERT_TRUE(first_500);
  EXPECT_EQ(first_500->first, 0u);
  EXPECT_EQ(first_500->last, 499u);
  EXPECT_EQ(ContentRange(*first_500, 10000), "bytes 0-499/10000");
  const auto from_9500 = ParseByteRange("bytes=9500-", 10000);
  ASSERT_TRUE(from_9500);
  EXPECT_EQ(ContentRange(*from_9500, 10000), "bytes 9500-9999/10000");
  const auto last_500 = ParseByteRange("bytes=-500", 10000);
  ASSERT_TRUE(last_500);
  EXPECT_EQ(ContentRange(*last_500, 10000), "bytes 9500-9999/10000");
}

TEST(ByteRangeTest, ClampsTheEndAndTheSuffixToTheBody) {
  EXPECT_EQ(ContentRange(*ParseByteRange("bytes=5-99999", 10), 10), "bytes 5-9/10");
  EXPECT_EQ(ContentRange(*ParseByteRange("bytes=-50", 10), 10), "bytes 0-9/10");
  EXPECT_EQ(ContentRange(*ParseByteRange("bytes=0-", 1), 1), "bytes 0-0/1");
}

TEST(ByteRangeTest, StartingPastTheEndIsUnsatisfiable) {
  for (const char* header : {"bytes=10-", "bytes=10-20", "bytes=-0"}) {
    const auto range = ParseByteRange(header, 10);
    ASSERT_TRUE(range) << header;
    EXPECT_FALSE(range->satisfiable) << header;
    EXPECT_EQ(ContentRange(*range, 10), "bytes */10");
  }
  EXPECT_FALSE(ParseByteRange("bytes=0-", 0)->satisfiable);
}

TEST(ByteRangeTest, IgnoresWhatItDoesNotServe) {
  for (const char* header : {"", "items=0-1", "bytes=0-1,5-6", "bytes=5-1", "bytes=a-1",
                             "bytes= 0-1", "bytes=-", "bytes=1", "bytes=+1-2"}) {
    EXPECT_FALSE(ParseByteRange(header, 10)) << header;
  }
}

}  // namespace
}  // namespace chorus::server
