#include "quality/learner/learning_curve.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace chorus::quality {
namespace {

ProbMatrix PredictAll(const TextClassifier& model, std::span<const SparseVector> features) {
  ProbMatrix probs(features.size(), model.classes());
  for (size_t i = 0; i < features.size(); ++i) {
    const auto row = model.Probabilities(features[i]);
    std::copy(row.begin(), row.end(), probs.row(i).begin());
  }
  return probs;
}

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

// Mean cosine similarity of each sparse unit vector to all: its dot product with the mean.
std::vector<double> SparseDensity(std::span<const SparseVector> features) {
  std::vector<double> mean;
  for (const SparseVector& v : features) {
    for (size_t f = 0; f < v.index.size(); ++f) {
      if (v.index[f] >= mean.size()) mean.resize(v.index[f] + 1, 0);
      mean[v.index[f]] += v.value[f] / static_cast<double>(features.size());
    }
  }
  std::vector<double> density(features.size(), 0);
  for (size_t i = 0; i < features.size(); ++i) {
    for (size_t f = 0; f < features[i].index.size(); ++f) {
      density[i] += features[i].value[f] * mean[features[i].index[f]];
    }
    density[i] = std::max(density[i], 0.0);
  }
  return density;
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
    std::vector<double> scores(unlabelled.size(), 0);
    const ProbMatrix probs = PredictAll(*model, candidates);
    switch (options.strategy) {
      case Strategy::kRandom: break;
      case Strategy::kLeastConfidence:
        scores = UncertaintyScores(probs, Uncertainty::kLeastConfidence);
        break;
      case Strategy::kMargin: scores = UncertaintyScores(probs, Uncertainty::kMargin); break;
      case Strategy::kEntropy: scores = UncertaintyScores(probs, Uncertainty::kEntropy); break;
      case Strategy::kDensity: {
        scores = UncertaintyScores(probs, Uncertainty::kEntropy);
        for (size_t c = 0; c < unlabelled.size(); ++c) scores[c] *= density[unlabelled[c]];
        break;
      }
      case Strategy::kVoteEntropy:
      case Strategy::kConsensusKl: {
        std::vector<ProbMatrix> members;
        std::uniform_int_distribution<size_t> draw(0, labelled.size() - 1);
        for (size_t m = 0; m < std::max<size_t>(options.committee, 2); ++m) {
          std::vector<LabelledText> resample;
          for (size_t i = 0; i < labelled.size(); ++i) resample.push_back(labelled[draw(rng)]);
          auto member = Train(resample, classes, options.classifier);
          if (!member.ok()) return member.status();
          members.push_back(PredictAll(*member, candidates));
        }
        scores = CommitteeScores(members, options.strategy == Strategy::kVoteEntropy
                                              ? CommitteeDisagreement::kVoteEntropy
                                              : CommitteeDisagreement::kConsensusKl);
        break;
      }
    }
    const double share = options.strategy == Strategy::kRandom ? 1.0 : options.random_share;
    std::vector<size_t> picked = SelectBatch(scores, options.batch, share, rng());
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
