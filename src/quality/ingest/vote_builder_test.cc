#include "quality/ingest/vote_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "quality/ingest/test_files.h"

namespace chorus::quality {
namespace {

using testing::Triple;
using testing::Votes;

TEST(VoteLinesTest, MapsVotesToLinesThroughRunsOfBothKinds) {
  VoteLines lines;
  // Long-file style: one vote per line, with gaps; then wide rows: several votes per line.
  const std::vector<uint64_t> line_of = {2, 3, 4, 7, 8, 8, 8, 9, 9, 12, 13, 13, 14};
  for (uint64_t v = 0; v < line_of.size(); ++v) lines.Add(v, line_of[v]);
  for (uint64_t v = 0; v < line_of.size(); ++v) EXPECT_EQ(lines.LineOf(v), line_of[v]) << v;
}

TEST(VoteBuilderTest, FinishLeavesOutUnusedNamesAndKeepsOrder) {
  VoteBuilder builder;
  // A wide header interns u1..u3, but u2 gets no vote.
  for (const char* unit : {"u1", "u2", "u3"}) builder.items().Intern(unit);
  const uint32_t a = builder.annotators().Intern("A");
  const uint32_t x = builder.labels().Intern("x");
  builder.Add(2, a, x, 2);
  builder.Add(0, a, x, 2);
  auto file = builder.Finish(DuplicatePolicy::kError, "f.csv", {});
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->table.item_count(), 2u);
  EXPECT_EQ(file->table.item_names().Name(0), "u1");
  EXPECT_EQ(file->table.item_names().Name(1), "u3");
  EXPECT_EQ(Votes(file->table), (std::vector<Triple>{{"u3", "A", "x"}, {"u1", "A", "x"}}));
  EXPECT_EQ(file->report.votes, 2u);
}

TEST(VoteBuilderTest, ReportsTheEarliestRepeatedVote) {
  VoteBuilder builder;
  const auto add = [&](const char* item, const char* annotator, uint64_t line) {
    builder.Add(builder.items().Intern(item), builder.annotators().Intern(annotator),
                builder.labels().Intern("l"), line);
  };
  add("i1", "a", 10);
  add("i2", "b", 11);
  add("i2", "b", 30);  // Repeats line 11; found after i1's repeat in item order.
  add("i1", "a", 40);
  auto file = builder.Finish(DuplicatePolicy::kError, "f.csv", {});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().field(), "f.csv:30:1");
  EXPECT_THAT(file.status().message(), ::testing::HasSubstr("on line 11 and line 30"));
}

}  // namespace
}  // namespace chorus::quality
