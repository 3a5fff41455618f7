#include "quality/similarity/text_similarity.h"

#include <gtest/gtest.h>

namespace chorus::quality {
namespace {

TEST(TextSimilarityTest, LevenshteinDistance) {
  // The textbook pair: kitten → sitting takes 3 edits (two substitutions, one insertion).
  EXPECT_EQ(EditDistance(U"kitten", U"sitting"), 3u);
  EXPECT_EQ(EditDistance(U"sitting", U"kitten"), 3u);
  EXPECT_EQ(EditDistance(U"", U"abc"), 3u);
  // Code points, not bytes: one accented letter is one edit.
  EXPECT_EQ(EditDistance(U"Zoe", U"Zoë"), 1u);
}

TEST(TextSimilarityTest, NormalisedByTheLongerText) {
  EXPECT_NEAR(EditSimilarity(U"kitten", U"sitting"), 1 - 3.0 / 7, 1e-12);
  EXPECT_EQ(EditSimilarity(U"", U""), 1);
  EXPECT_EQ(EditSimilarity(U"abc", U"xyz"), 0);
}

}  // namespace
}  // namespace chorus::quality
