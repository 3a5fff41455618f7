#include "quality/learner/candidate_scores.h"

#include <algorithm>

namespace chorus::quality {

ProbMatrix PredictAll(const TextClassifier& model, std::span<const SparseVector> features) {
  ProbMatrix probs(features.size(), model.classes());
  for (size_t i = 0; i < features.size(); ++i) {
    const auto row = model.Probabilities(features[i]);
    std::copy(row.begin(), row.end(), probs.row(i).begin());
  }
  return probs;
}

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

Result<std::vector<double>> CandidateScores(const TextClassifier& model,
                                            std::span<const LabelledText> labelled,
                                            std::span<const SparseVector> candidates,
                                            std::span<const double> density,
                                            const CandidateScoreOptions& options,
                                            std::mt19937_64& rng) {
  switch (options.strategy) {
    case Strategy::kRandom: return std::vector<double>(candidates.size(), 0);
    case Strategy::kLeastConfidence:
      return UncertaintyScores(PredictAll(model, candidates), Uncertainty::kLeastConfidence);
    case Strategy::kMargin:
      return UncertaintyScores(PredictAll(model, candidates), Uncertainty::kMargin);
    case Strategy::kEntropy:
      return UncertaintyScores(PredictAll(model, candidates), Uncertainty::kEntropy);
    case Strategy::kDensity: {
      if (density.size() != candidates.size()) {
        return InvalidArgument("density needs one weight per candidate", "density");
      }
      std::vector<double> scores =
          UncertaintyScores(PredictAll(model, candidates), Uncertainty::kEntropy);
      for (size_t c = 0; c < scores.size(); ++c) scores[c] *= density[c];
      return scores;
    }
    case Strategy::kVoteEntropy:
    case Strategy::kConsensusKl: {
      if (labelled.empty()) {
        return InvalidArgument("a committee needs labelled examples to resample", "labelled");
      }
      std::vector<ProbMatrix> members;
      std::uniform_int_distribution<size_t> draw(0, labelled.size() - 1);
      for (size_t m = 0; m < std::max<size_t>(options.committee, 2); ++m) {
        std::vector<LabelledText> resample;
        for (size_t i = 0; i < labelled.size(); ++i) resample.push_back(labelled[draw(rng)]);
        TextClassifier member(model.classes(), options.classifier);
        if (Status fitted = member.Fit(resample); !fitted.ok()) return fitted;
        members.push_back(PredictAll(member, candidates));
      }
      return CommitteeScores(members, options.strategy == Strategy::kVoteEntropy
                                          ? CommitteeDisagreement::kVoteEntropy
                                          : CommitteeDisagreement::kConsensusKl);
    }
  }
  return std::vector<double>(candidates.size(), 0);
}

}  // namespace chorus::quality
