#include "domain/bounded_json.h"

#include <gtest/gtest.h>

#include <string>

namespace chorus::domain {
namespace {

TEST(BoundedJsonTest, ParsesWithinTheLimitAndRefusesDeeper) {
  EXPECT_EQ(ParseJsonWithinDepth(R"({"a": [[1]]})"), nlohmann::json::parse(R"({"a": [[1]]})"));
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_FALSE(ParseJsonWithinDepth(ok).is_discarded());
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  EXPECT_TRUE(ParseJsonWithinDepth(deep).is_discarded());
  EXPECT_TRUE(ParseJsonWithinDepth("{").is_discarded());
}

// 100,000 levels (200 KB) crashed a copy of the parsed value before the limit.
TEST(BoundedJsonTest, AHugeNestingIsRefusedWithoutRunningTheStackOut) {
  const std::string body = R"({"id": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  const nlohmann::json parsed = ParseJsonWithinDepth(body);
  ASSERT_TRUE(parsed.is_discarded());
  const nlohmann::json copy = parsed;  // Copying what came back is safe.
  EXPECT_TRUE(copy.is_discarded());
}

}  // namespace
}  // namespace chorus::domain
