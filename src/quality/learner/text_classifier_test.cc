#include "quality/learner/text_classifier.h"

#include <gtest/gtest.h>

#include "quality/testdata/topic_texts.h"

namespace chorus::quality {
namespace {

size_t ArgMax(const std::vector<double>& row) {
  return static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

double Accuracy(const TextClassifier& model, std::span<const LabelledText> texts) {
  size_t right = 0;
  for (const LabelledText& t : texts) right += ArgMax(model.Probabilities(t.text)) == t.label;
  return static_cast<double>(right) / static_cast<double>(texts.size());
}

TEST(TextClassifierTest, LearnsTopicsFromTextsItNeverSawTheWordsOfAsFeatures) {
  const auto texts = testdata::MakeTopicTexts(3000, 4, 20, 0.25, 7);
  const std::span<const LabelledText> train(texts.data(), 2000), test(texts.data() + 2000, 1000);
  TextClassifier model(4);
  ASSERT_TRUE(model.Fit(train).ok());
  // Five of twenty words come from the class's vocabulary: the right class is clear to a
  // bag of words, chance is 0.25.
  EXPECT_GT(Accuracy(model, test), 0.95);
  const auto probs = model.Probabilities(test[0].text);
  EXPECT_NEAR(std::accumulate(probs.begin(), probs.end(), 0.0), 1.0, 1e-9);
}

TEST(TextClassifierTest, LearnsIncrementallyOneExampleAtATime) {
  const auto texts = testdata::MakeTopicTexts(2500, 4, 20, 0.25, 8);
  const std::span<const LabelledText> test(texts.data() + 2000, 500);
  TextClassifier model(4);
  for (size_t i = 0; i < 40; ++i) model.Learn(HashTextFeatures(texts[i].text), texts[i].label);
  const double early = Accuracy(model, test);
  for (size_t i = 40; i < 2000; ++i) model.Learn(HashTextFeatures(texts[i].text), texts[i].label);
  EXPECT_EQ(model.examples_seen(), 2000);
  EXPECT_GT(Accuracy(model, test), early);
  EXPECT_GT(Accuracy(model, test), 0.9);
}

TEST(TextClassifierTest, AnExampleOfWeightZeroChangesNothing) {
  const auto texts = testdata::MakeTopicTexts(50, 3, 10, 0.3, 9);
  TextClassifier with(3), without(3);
  for (const auto& t : texts) {
    with.Learn(HashTextFeatures(t.text), t.label);
    with.Learn(HashTextFeatures(t.text), (t.label + 1) % 3, 0.0);
    without.Learn(HashTextFeatures(t.text), t.label);
  }
  EXPECT_EQ(with.Probabilities(texts[0].text), without.Probabilities(texts[0].text));
  std::vector<LabelledText> bad = {{.text = "x", .label = 3, .weight = 1}};
  EXPECT_FALSE(with.Fit(bad).ok());
}

// Every tenth label is made wrong. Held out, a text's probabilities still point to its true
// class; a model that trained on the text has partly learnt the wrong label for its very
// words. That difference is why label-error detection needs out-of-fold probabilities.
TEST(TextClassifierTest, OutOfFoldProbabilitiesComeFromModelsThatNeverSawTheItem) {
  auto texts = testdata::MakeTopicTexts(1200, 4, 20, 0.25, 12);
  std::vector<size_t> truth;
  for (size_t i = 0; i < texts.size(); ++i) {
    truth.push_back(texts[i].label);
    if (i % 10 == 0) texts[i].label = (texts[i].label + 1) % 4;
  }
  auto oof = OutOfFoldProbabilities(texts, 4, 5);
  ASSERT_TRUE(oof.ok()) << oof.status().ToString();
  EXPECT_GT(oof->temperature, 0.05);
  TextClassifier in_sample(4);
  ASSERT_TRUE(in_sample.Fit(texts).ok());
  double held_out_truth = 0, in_sample_truth = 0, flipped = 0;
  for (size_t i = 0; i < texts.size(); i += 10) {
    const auto row = oof->probs.row(i);
    held_out_truth += row[truth[i]];
    in_sample_truth += in_sample.Probabilities(texts[i].text)[truth[i]];
    ++flipped;
  }
  RecordProperty("held_out_p_truth", std::to_string(held_out_truth / flipped));
  RecordProperty("in_sample_p_truth", std::to_string(in_sample_truth / flipped));
  EXPECT_GT(held_out_truth / flipped, 0.6);
  EXPECT_LT(in_sample_truth / flipped, held_out_truth / flipped - 0.3);
  EXPECT_FALSE(OutOfFoldProbabilities(texts, 4, 1).ok());
}

}  // namespace
}  // namespace chorus::quality
