#include "server/url_codec.h"

#include <gtest/gtest.h>

namespace chorus::server {
namespace {

TEST(PercentDecode, DecodesEscapesAndRejectsBrokenOnes) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc%2e%2E"), "a b/c..");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("%25"), "%");
  EXPECT_FALSE(PercentDecode("%").has_value());
  EXPECT_FALSE(PercentDecode("%2").has_value());
  EXPECT_FALSE(PercentDecode("ab%").has_value());
  EXPECT_FALSE(PercentDecode("%zz").has_value());
}

TEST(ParseQuery, KeepsOrderAndRepeats) {
  const auto query = ParseQuery("a=1&b=x%20y+z&a=2&&flag&e=");
  ASSERT_TRUE(query.has_value());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "1"}, {"b", "x y z"}, {"a", "2"}, {"flag", ""}, {"e", ""}};
  EXPECT_EQ(*query, expected);
  EXPECT_FALSE(ParseQuery("a=%G1").has_value());
  EXPECT_TRUE(ParseQuery("")->empty());
}

}  // namespace
}  // namespace chorus::server
