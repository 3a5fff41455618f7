#include "quality/weak/weak_supervision.h"

#include <gtest/gtest.h>

#include <random>

namespace chorus::quality {
namespace {

LabellingFunction Keyword(std::string name, std::vector<std::string> keywords, std::string label) {
  auto f = LabellingFunction::Compile({.name = std::move(name),
                                       .kind = FunctionKind::kKeyword,
                                       .keywords = std::move(keywords),
                                       .pattern = "",
                                       .case_sensitive = false,
                                       .label = std::move(label)});
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return *f;
}

LabellingFunction Regex(std::string name, std::string pattern, std::string label) {
  auto f = LabellingFunction::Compile({.name = std::move(name),
                                       .kind = FunctionKind::kRegex,
                                       .keywords = {},
                                       .pattern = std::move(pattern),
                                       .case_sensitive = false,
                                       .label = std::move(label)});
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return *f;
}

TEST(LabellingFunctionTest, KeywordsMatchWholeWordsAndPhrasesIgnoringCase) {
  const auto money = Keyword("money", {"free money", "winner"}, "spam");
  EXPECT_TRUE(money.Matches("Get FREE money, now!"));
  EXPECT_TRUE(money.Matches("You are a Winner"));
  EXPECT_FALSE(money.Matches("freemoney winners"));
  EXPECT_FALSE(money.Matches("free of money"));
}

TEST(LabellingFunctionTest, RegexesIgnoreCaseByDefaultAndRunInLinearTime) {
  const auto unsubscribe = Regex("opt_out", R"(unsubscribe|opt.?out)", "spam");
  EXPECT_TRUE(unsubscribe.Matches("To OPT-OUT reply STOP"));
  EXPECT_FALSE(unsubscribe.Matches("see you at the meeting"));
  // A pattern that takes exponential time in a backtracking engine on this text; RE2 answers
  // at once.
  const auto catastrophic = Regex("redos", "(a+)+$", "spam");
  EXPECT_FALSE(catastrophic.Matches(std::string(5000, 'a') + "!"));
}

TEST(LabellingFunctionTest, BadDefinitionsNameTheField) {
  auto bad_pattern = LabellingFunction::Compile({.name = "x",
                                                 .kind = FunctionKind::kRegex,
                                                 .keywords = {},
                                                 .pattern = "(unclosed",
                                                 .case_sensitive = false,
                                                 .label = "spam"});
  EXPECT_EQ(bad_pattern.status().field(), "pattern");
  EXPECT_NE(bad_pattern.status().message().find("missing )"), std::string::npos)
      << bad_pattern.status().message();
  auto backreference = LabellingFunction::Compile({.name = "x",
                                                   .kind = FunctionKind::kRegex,
                                                   .keywords = {},
                                                   .pattern = R"((a)\1)",
                                                   .case_sensitive = false,
                                                   .label = "spam"});
  EXPECT_EQ(backreference.status().field(), "pattern");
  auto no_word = LabellingFunction::Compile({.name = "x",
                                             .kind = FunctionKind::kKeyword,
                                             .keywords = {"ok", "!!"},
                                             .pattern = "",
                                             .case_sensitive = false,
                                             .label = "spam"});
  EXPECT_EQ(no_word.status().field(), "keywords[1]");
  EXPECT_EQ(LabellingFunction::Compile({.name = "",
                                        .kind = FunctionKind::kKeyword,
                                        .keywords = {"a"},
                                        .pattern = "",
                                        .case_sensitive = false,
                                        .label = "spam"})
                .status()
                .field(),
            "name");
}

// Four items, three functions, worked by hand:
//   item 0: f0 spam, f1 spam, f2 abstains     (overlap, agreement)
//   item 1: f0 spam, f1 abstains, f2 ham      (overlap, conflict)
//   item 2: f0 abstains, f1 abstains, f2 ham  (alone)
//   item 3: everyone abstains
// People labelled items 0 and 1 ham.
TEST(WeakSupervisionTest, FunctionSummaryByHand) {
  const std::vector<LabellingFunction> functions = {Keyword("f0", {"cash"}, "spam"),
                                                    Keyword("f1", {"prize"}, "spam"),
                                                    Keyword("f2", {"meeting"}, "ham")};
  const std::vector<std::string> texts = {"cash prize", "cash for the meeting", "meeting notes",
                                          "hello"};
  const std::vector<std::string> labels = {"spam", "ham"};
  auto votes = ApplyFunctions(functions, texts, labels);
  ASSERT_TRUE(votes.ok());
  EXPECT_EQ(votes->votes, (std::vector<int32_t>{0, 0, -1, 0, -1, 1, -1, -1, 1, -1, -1, -1}));
  const std::vector<std::optional<size_t>> human = {1, 1, std::nullopt, std::nullopt};
  const auto summary = SummariseFunctions(*votes, human);
  EXPECT_DOUBLE_EQ(summary[0].coverage, 0.5);
  EXPECT_DOUBLE_EQ(summary[0].overlap, 1.0);
  EXPECT_DOUBLE_EQ(summary[0].conflict, 0.5);
  EXPECT_EQ(summary[0].judged, 2u);
  EXPECT_EQ(summary[0].correct, 0u);
  EXPECT_DOUBLE_EQ(summary[2].coverage, 0.5);
  EXPECT_DOUBLE_EQ(summary[2].overlap, 0.5);
  EXPECT_DOUBLE_EQ(summary[2].conflict, 0.5);
  EXPECT_DOUBLE_EQ(*summary[2].accuracy.value, 1.0);
  EXPECT_EQ(summary[1].judged, 1u);
  EXPECT_DOUBLE_EQ(*summary[1].accuracy.value, 0.0);
  EXPECT_FALSE(SummariseFunctions(*votes, {})[0].accuracy.defined());
  const std::vector<LabellingFunction> stray = {Keyword("f", {"x"}, "eggs")};
  EXPECT_EQ(ApplyFunctions(stray, texts, labels).status().field(), "functions[0].label");
}

// Six simulated functions of known accuracy (0.95 down to 0.55), each voting on half the items,
// wrong uniformly among the other two classes. The label model, without any gold, recovers
// each function's accuracy and labels the covered items better than the functions' majority.
TEST(WeakSupervisionTest, LabelModelLearnsFunctionAccuraciesWithoutGold) {
  const std::vector<double> accuracy = {0.95, 0.9, 0.8, 0.7, 0.6, 0.55};
  const size_t items = 4000, classes = 3;
  std::mt19937_64 rng(17);
  std::uniform_int_distribution<int32_t> any(0, 2), other(1, 2);
  std::bernoulli_distribution votes_here(0.5);
  FunctionVotes votes{.items = items, .functions = accuracy.size(), .votes = {}};
  std::vector<int32_t> truth(items);
  for (size_t i = 0; i < items; ++i) {
    truth[i] = any(rng);
    for (const double a : accuracy) {
      int32_t vote = kAbstain;
      if (votes_here(rng))
        vote = std::bernoulli_distribution(a)(rng) ? truth[i] : (truth[i] + other(rng)) % 3;
      votes.votes.push_back(vote);
    }
  }
  auto weak = FitLabelModel(votes, classes);
  ASSERT_TRUE(weak.ok()) << weak.status().ToString();
  for (size_t f = 0; f < accuracy.size(); ++f) {
    EXPECT_NEAR(weak->function_accuracy[f], accuracy[f], 0.04) << "function " << f;
  }
  double model_right = 0, majority_right = 0, covered = 0;
  for (size_t i = 0; i < items; ++i) {
    if (!weak->covered[i]) continue;
    ++covered;
    const auto row = weak->probs.row(i);
    model_right += std::max_element(row.begin(), row.end()) - row.begin() == truth[i];
    std::vector<double> count(classes, 0);
    for (size_t f = 0; f < accuracy.size(); ++f) {
      if (votes.at(i, f) != kAbstain) count[votes.at(i, f)] += 1;
    }
    const double top = *std::max_element(count.begin(), count.end());
    if (count[truth[i]] == top) majority_right += 1.0 / std::count(count.begin(), count.end(), top);
  }
  EXPECT_GT(model_right / covered, majority_right / covered + 0.02);
  // Items that only one weak function voted on cap what any model can do (about 0.89 here).
  EXPECT_GT(model_right / covered, 0.85);
  EXPECT_FALSE(FitLabelModel(FunctionVotes{.items = 2, .functions = 1, .votes = {-1, -1}}, 3).ok());
}

// Unipolar functions, as people write them: each votes one label and abstains otherwise,
// firing on 40% of the items of its class and on 5% to 20% of the others. Independent given
// the class, so the model can tell which fire selectively and weigh them by it.
TEST(WeakSupervisionTest, LabelModelWeighsUnipolarFunctionsByHowSelectivelyTheyFire) {
  struct Unipolar {
    int32_t label;
    double on_class, off_class;
  };
  const std::vector<Unipolar> functions = {{0, 0.4, 0.05}, {0, 0.4, 0.2}, {0, 0.4, 0.1},
                                           {1, 0.4, 0.05}, {1, 0.4, 0.2}, {1, 0.4, 0.1}};
  const size_t items = 6000;
  std::mt19937_64 rng(23);
  std::bernoulli_distribution spam(0.3);
  FunctionVotes votes{.items = items, .functions = functions.size(), .votes = {}};
  std::vector<int32_t> truth(items);
  for (size_t i = 0; i < items; ++i) {
    truth[i] = spam(rng) ? 0 : 1;
    for (const Unipolar& f : functions) {
      const double fire = truth[i] == f.label ? f.on_class : f.off_class;
      votes.votes.push_back(std::bernoulli_distribution(fire)(rng) ? f.label : kAbstain);
    }
  }
  auto weak = FitLabelModel(votes, 2);
  ASSERT_TRUE(weak.ok());
  EXPECT_NEAR(weak->class_balance[0], 0.3, 0.03);
  // P(right | fires) = share of its firings on its own class.
  for (size_t f = 0; f < functions.size(); ++f) {
    const double own = functions[f].label == 0 ? 0.3 : 0.7;
    const double expected = own * functions[f].on_class /
                            (own * functions[f].on_class + (1 - own) * functions[f].off_class);
    EXPECT_NEAR(weak->function_accuracy[f], expected, 0.05) << "function " << f;
  }
  double model_right = 0, plurality_right = 0, covered = 0;
  for (size_t i = 0; i < items; ++i) {
    if (!weak->covered[i]) continue;
    ++covered;
    model_right += (weak->probs.at(i, 0) > 0.5 ? 0 : 1) == truth[i];
    double count[2] = {0, 0};
    for (size_t f = 0; f < functions.size(); ++f) {
      if (votes.at(i, f) != kAbstain) count[votes.at(i, f)] += 1;
    }
    plurality_right += count[0] == count[1] ? 0.5 : ((count[0] > count[1] ? 0 : 1) == truth[i]);
  }
  EXPECT_GT(model_right / covered, plurality_right / covered);
}

}  // namespace
}  // namespace chorus::quality
