#include "service/exports/preference_export.h"

#include <gtest/gtest.h>

#include "service/exports/writers_for_test.h"

namespace chorus::service::exports {
namespace {

using namespace testing;
using nlohmann::json;

const char* kPairwise = R"({"controls": [{"type": "pairwise", "name": "pref",
  "to": ["answer_a", "answer_b"], "prompt": "question", "allow_tie": true,
  "allow_both_bad": true}]})";

json Choice(const char* choice) { return {{"pref", {{"choice", choice}}}}; }

TEST(DpoExport, MajoritySideIsChosenAndTiesAreCountedNotPaired) {
  TestTask task{MakeTask(1, {{"question", "2+2?"}, {"answer_a", "5"}, {"answer_b", "4"}}),
                {MakeAnnotation(1, 1, Choice("b")), MakeAnnotation(2, 2, Choice("b")),
                 MakeAnnotation(3, 3, Choice("a")), MakeAnnotation(4, 4, Choice("tie"))},
                std::nullopt};
  // Task 2: one vote each way and a both_bad: no majority, no pair.
  TestTask split{MakeTask(2, {{"question", "?"}, {"answer_a", "x"}, {"answer_b", "y"}}),
                 {MakeAnnotation(5, 1, Choice("a")), MakeAnnotation(6, 2, Choice("b")),
                  MakeAnnotation(7, 3, Choice("both_bad"))},
                 std::nullopt};
  auto writer = MakeDpoWriter(Interface(kPairwise));
  ASSERT_TRUE(writer.ok());
  const std::string out = RunWriter(**writer, {task, split});
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
  const json line = json::parse(out);
  EXPECT_EQ(line["prompt"], "2+2?");
  EXPECT_EQ(line["chosen"], "4");
  EXPECT_EQ(line["rejected"], "5");
  EXPECT_EQ(line["chosen_field"], "answer_b");
  EXPECT_DOUBLE_EQ(line["agreement"].get<double>(), 0.5);  // 2 of the 4 votes chose b.
  EXPECT_EQ(line["votes"], json({{"a", 1}, {"b", 2}, {"tie", 1}, {"both_bad", 0}}));
  EXPECT_EQ(line["annotations"].size(), 4u);
  EXPECT_EQ(line["annotations"][3]["choice"], "tie");
  const ExportNotes expected = {
      {"tie_votes", 1}, {"both_bad_votes", 1}, {"tasks_without_preference", 1}};
  EXPECT_EQ((*writer)->notes(), expected);
}

TEST(DpoExport, RefusesAnInterfaceWithoutPairwise) {
  auto writer = MakeDpoWriter(Interface(R"({"controls": [{"type": "ranking", "name": "r",
                                                          "to": "answers"}]})"));
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().field(), "format");
  EXPECT_NE(writer.status().message().find("needs a pairwise control"), std::string::npos);
}

TEST(KendallW, IsOneForIdenticalRankingsAndZeroForOppositePairs) {
  EXPECT_DOUBLE_EQ(*KendallW({{0, 1, 2}, {0, 1, 2}, {0, 1, 2}}, 3), 1.0);
  EXPECT_DOUBLE_EQ(*KendallW({{0, 1, 2}, {2, 1, 0}}, 3), 0.0);
  EXPECT_FALSE(KendallW({{0, 1, 2}}, 3).has_value());
}

TEST(RankingExport, ConsensusByMeanRankWithKendallW) {
  // Items 0..2 ranked by three annotators: [2,0,1], [2,1,0], [0,2,1].
  // Rank sums: item0 = 2+3+1 = 6, item1 = 3+2+3 = 8, item2 = 1+1+2 = 4; mean 6.
  // S = 0 + 4 + 4 = 8; W = 12*8 / (9 * 24) = 0.444...
  const char* ranking = R"({"controls": [{"type": "ranking", "name": "rank", "to": "answers",
                                         "prompt": "prompt"}]})";
  TestTask task{MakeTask(4, {{"prompt", "p"}, {"answers", {"x", "y", "z"}}}),
                {MakeAnnotation(1, 1, {{"rank", {{"order", {2, 0, 1}}}}}),
                 MakeAnnotation(2, 2, {{"rank", {{"order", {2, 1, 0}}}}}),
                 MakeAnnotation(3, 3, {{"rank", {{"order", {0, 2, 1}}}}}),
                 MakeAnnotation(4, 4, {{"rank", {{"order", json::array()}}}})},
                std::nullopt};
  auto writer = MakeRankingWriter(Interface(ranking));
  ASSERT_TRUE(writer.ok());
  const json line = json::parse(RunWriter(**writer, {task}));
  EXPECT_EQ(line["prompt"], "p");
  EXPECT_EQ(line["ranked"], json({"z", "x", "y"}));
  EXPECT_EQ(line["ranked_indices"], json({2, 0, 1}));
  EXPECT_NEAR(line["kendall_w"].get<double>(), 96.0 / 216.0, 1e-12);
  EXPECT_EQ(line["rankings"].size(), 3u);  // The empty order is not a ranking.
  EXPECT_DOUBLE_EQ(line["mean_ranks"][1].get<double>(), 8.0 / 3.0);
}

}  // namespace
}  // namespace chorus::service::exports
