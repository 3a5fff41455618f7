#include "quality/learner/learning_curve.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "quality/learner/candidate_scores.h"

namespace chorus::quality {
namespace {

double Accuracy(const TextClassifier& model, std::span<const SparseVector> features,
                std::span<const LabelledText> texts) {
  size_t right = 0;
  for (size_t i = 0; i < features.size(); ++i) {
    const auto row = model.Probabilities(features[i]);
    right += static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin()) ==
             texts[i].label;
  }
  return static_cast<double>(right) / static_cast<double>(features.size());
}

Result<TextClassifier> Train(std::span<const LabelledText> labelled, size_t classes,
                             const TextClassifierOptions& options) {
  TextClassifier model(classes, options);
  if (Status fitted = model.Fit(labelled); !fitted.ok()) return fitted;
  return model;
}

}  // namespace

Result<std::vector<CurvePoint>> SimulateLearningCurve(std::span<const LabelledText> pool,
                                                      std::span<const LabelledText> test,
                                                      size_t classes,
                                                      const LearningCurveOptions& options) {
  std::vector<SparseVector> pool_features, test_features;
  for (const auto& t : pool)
    pool_features.push_back(HashTextFeatures(t.text, options.classifier.features));
  for (const auto& t : test)
    test_features.push_back(HashTextFeatures(t.text, options.classifier.features));
  const std::vector<double> density =
      options.strategy == Strategy::kDensity ? SparseDensity(pool_features) : std::vector<double>{};

  std::mt19937_64 rng(options.seed);
  std::vector<size_t> unlabelled(pool.size());
  std::iota(unlabelled.begin(), unlabelled.end(), 0);
  std::shuffle(unlabelled.begin(), unlabelled.end(), rng);
  const size_t start = std::min(options.start, unlabelled.size());
  std::vector<LabelledText> labelled;
  for (size_t i = 0; i < start; ++i) labelled.push_back(pool[unlabelled[i]]);
  unlabelled.erase(unlabelled.begin(), unlabelled.begin() + static_cast<ptrdiff_t>(start));

  std::vector<CurvePoint> curve;
  for (size_t round = 0;; ++round) {
    auto model = Train(labelled, classes, options.classifier);
    if (!model.ok()) return model.status();
    curve.push_back({labelled.size(), Accuracy(*model, test_features, test)});
    if (round == options.rounds || unlabelled.empty()) break;

    std::vector<SparseVector> candidates;
    for (const size_t i : unlabelled) candidates.push_back(pool_features[i]);
    std::vector<double> candidate_density;
    if (!density.empty()) {
      for (const size_t i : unlabelled) candidate_density.push_back(density[i]);
    }
    auto scores = CandidateScores(*model, labelled, candidates, candidate_density,
                                  {.strategy = options.strategy,
                                   .committee = options.committee,
                                   .classifier = options.classifier},
                                  rng);
    if (!scores.ok()) return scores.status();
    const double share = options.strategy == Strategy::kRandom ? 1.0 : options.random_share;
    std::vector<size_t> picked = SelectBatch(*scores, options.batch, share, rng());
    std::sort(picked.begin(), picked.end(), std::greater<>());  // Erase from the back.
    for (const size_t c : picked) {
      labelled.push_back(pool[unlabelled[c]]);
      unlabelled.erase(unlabelled.begin() + static_cast<ptrdiff_t>(c));
    }
  }
  return curve;
}

std::optional<size_t> LabelsToReach(std::span<const CurvePoint> curve, double accuracy) {
  for (const CurvePoint& point : curve) {
    if (point.accuracy >= accuracy) return point.labels;
  }
  return std::nullopt;
}

}  // namespace chorus::quality
