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

// Reading a file in two ranges and joining them gives what one reader would: names in order
// of first appearance (an item on both sides of the cut keeps its first id), labels met in
// another order remapped, and lines shifted.
TEST(VoteBuilderTest, AppendJoinsAsIfReadInOnePass) {
  const auto add = [](VoteBuilder& b, const char* item, const char* annotator, const char* label,
                      uint64_t line) {
    b.Add(b.items().Intern(item), b.annotators().Intern(annotator), b.labels().Intern(label), line);
  };
  VoteBuilder first, second;
  add(first, "i1", "A", "x", 2);
  add(first, "i2", "A", "y", 3);
  add(second, "i2", "B", "y", 1);  // Line 4 of the file.
  add(second, "i3", "A", "x", 2);
  const std::vector<uint32_t> hashes = second.items().HashesById();
  first.Append(std::move(second), 3, hashes);
  auto file = first.Finish(DuplicatePolicy::kError, "f.csv", {});
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->table.item_names().Names(), (std::vector<std::string>{"i1", "i2", "i3"}));
  EXPECT_EQ(file->table.label_names().Names(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(Votes(file->table),
            (std::vector<Triple>{
                {"i1", "A", "x"}, {"i2", "A", "y"}, {"i2", "B", "y"}, {"i3", "A", "x"}}));

  // The lines moved: a repeated vote in the second range is reported at its line in the file.
  VoteBuilder head, tail;
  add(head, "i1", "A", "x", 2);
  add(tail, "i1", "A", "y", 1);
  const std::vector<uint32_t> tail_hashes = tail.items().HashesById();
  head.Append(std::move(tail), 5, tail_hashes);
  auto repeated = head.Finish(DuplicatePolicy::kError, "f.csv", {});
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.status().field(), "f.csv:6:1");
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
