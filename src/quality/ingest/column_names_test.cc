#include "quality/ingest/column_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace chorus::quality {
namespace {

const std::vector<Role> kLong = {Role::kItem, Role::kAnnotator, Role::kLabel};
const std::vector<Role> kGold = {Role::kItem, Role::kGoldLabel};

TEST(ColumnNamesTest, MatchesAliasesCaseInsensitively) {
  EXPECT_EQ(MatchRole("Task_ID", kLong), Role::kItem);
  EXPECT_EQ(MatchRole(" worker id ", kLong), Role::kAnnotator);
  EXPECT_EQ(MatchRole("Rater-ID", kLong), Role::kAnnotator);
  EXPECT_EQ(MatchRole("RESPONSE", kLong), Role::kLabel);
  EXPECT_EQ(MatchRole("value", kLong), Role::kLabel);
  EXPECT_EQ(MatchRole("id", kLong), std::nullopt);
  EXPECT_EQ(MatchRole("labels", kLong), std::nullopt);
  EXPECT_EQ(MatchRole("a very long column name that is surely not an alias", kLong), std::nullopt);
}

TEST(ColumnNamesTest, GoldLabelAliasesOnlyInGoldFiles) {
  EXPECT_EQ(MatchRole("gold", kLong), std::nullopt);
  EXPECT_EQ(MatchRole("Ground Truth", kGold), Role::kGoldLabel);
  EXPECT_EQ(MatchRole("label", kGold), Role::kGoldLabel);
  EXPECT_EQ(MatchRole("annotator", kGold), std::nullopt);
  EXPECT_THAT(RoleAliases(Role::kGoldLabel), ::testing::HasSubstr("rating, category"));
  EXPECT_THAT(RoleAliases(Role::kGoldLabel), ::testing::EndsWith("reference"));
}

TEST(ColumnNamesTest, MissingMarkers) {
  for (const char* missing : {"", "*", "NA", "na", "N/A", "n/a", "NaN", "nan", "NULL", "null"}) {
    EXPECT_TRUE(IsMissingMarker(missing)) << missing;
  }
  for (const char* label : {"0", "-", "None", "none", "NAN1", "**", "n.a.", "nul"}) {
    EXPECT_FALSE(IsMissingMarker(label)) << label;
  }
}

TEST(ColumnNamesTest, TrimBlanks) {
  EXPECT_EQ(TrimBlanks(" \ta b\t "), "a b");
  EXPECT_EQ(TrimBlanks("   "), "");
  EXPECT_EQ(TrimBlanks(""), "");
}

}  // namespace
}  // namespace chorus::quality
