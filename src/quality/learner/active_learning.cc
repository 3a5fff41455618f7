#include "quality/learner/active_learning.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

namespace chorus::quality {
namespace {

double Entropy(std::span<const double> p) {
  double h = 0;
  for (const double x : p) {
    if (x > 0) h -= x * std::log(x);
  }
  return h;
}

constexpr std::pair<Strategy, const char*> kStrategyNames[] = {
    {Strategy::kRandom, "random"},
    {Strategy::kLeastConfidence, "least_confidence"},
    {Strategy::kMargin, "margin"},
    {Strategy::kEntropy, "entropy"},
    {Strategy::kVoteEntropy, "vote_entropy"},
    {Strategy::kConsensusKl, "consensus_kl"},
    {Strategy::kDensity, "density"},
};

}  // namespace

std::vector<double> UncertaintyScores(const ProbMatrix& probs, Uncertainty kind) {
  std::vector<double> scores(probs.rows);
  for (size_t i = 0; i < probs.rows; ++i) {
    const auto row = probs.row(i);
    if (kind == Uncertainty::kEntropy) {
      scores[i] = Entropy(row);
      continue;
    }
    double first = 0, second = 0;
    for (const double p : row) {
      if (p > first) {
        second = first;
        first = p;
      } else if (p > second) {
        second = p;
      }
    }
    scores[i] = kind == Uncertainty::kLeastConfidence ? 1 - first : -(first - second);
  }
  return scores;
}

std::vector<double> CommitteeScores(std::span<const ProbMatrix> members,
                                    CommitteeDisagreement kind) {
  const size_t items = members.front().rows, classes = members.front().cols;
  std::vector<double> scores(items, 0);
  std::vector<double> mix(classes);
  for (size_t i = 0; i < items; ++i) {
    std::fill(mix.begin(), mix.end(), 0.0);
    for (const ProbMatrix& member : members) {
      const auto row = member.row(i);
      if (kind == CommitteeDisagreement::kVoteEntropy) {
        mix[static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin())] += 1;
      } else {
        for (size_t k = 0; k < classes; ++k) mix[k] += row[k];
      }
    }
    for (double& m : mix) m /= static_cast<double>(members.size());
    if (kind == CommitteeDisagreement::kVoteEntropy) {
      scores[i] = Entropy(mix);
      continue;
    }
    for (const ProbMatrix& member : members) {
      const auto row = member.row(i);
      for (size_t k = 0; k < classes; ++k) {
        if (row[k] > 0) scores[i] += row[k] * std::log(row[k] / mix[k]);
      }
    }
    scores[i] /= static_cast<double>(members.size());
  }
  return scores;
}

Result<std::vector<double>> DensityWeighted(std::span<const double> scores,
                                            std::span<const double> embeddings, size_t dims,
                                            double beta) {
  if (dims == 0 || embeddings.size() != scores.size() * dims) {
    return InvalidArgument("embeddings hold " + std::to_string(embeddings.size()) +
                           " numbers, not " + std::to_string(scores.size()) + " items × " +
                           std::to_string(dims) + " dimensions");
  }
  const size_t items = scores.size();
  std::vector<double> unit(embeddings.begin(), embeddings.end()), mean(dims, 0);
  for (size_t i = 0; i < items; ++i) {
    const auto row = std::span(unit).subspan(i * dims, dims);
    const double norm = std::sqrt(std::inner_product(row.begin(), row.end(), row.begin(), 0.0));
    for (double& x : row) x = norm > 0 ? x / norm : 0;
    for (size_t d = 0; d < dims; ++d) mean[d] += row[d] / static_cast<double>(items);
  }
  std::vector<double> weighted(items);
  for (size_t i = 0; i < items; ++i) {
    const auto row = std::span(unit).subspan(i * dims, dims);
    // Mean cosine similarity to every item, itself included; below zero counts as zero.
    const double density =
        std::max(std::inner_product(row.begin(), row.end(), mean.begin(), 0.0), 0.0);
    weighted[i] = scores[i] * std::pow(density, beta);
  }
  return weighted;
}

std::vector<size_t> SelectBatch(std::span<const double> scores, size_t batch, double random_share,
                                uint64_t seed) {
  batch = std::min(batch, scores.size());
  const auto random_count = static_cast<size_t>(
      std::llround(static_cast<double>(batch) * std::clamp(random_share, 0.0, 1.0)));
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  std::vector<size_t> chosen(order.begin(),
                             order.begin() + static_cast<ptrdiff_t>(batch - random_count));
  std::vector<size_t> rest(order.begin() + static_cast<ptrdiff_t>(chosen.size()), order.end());
  std::mt19937_64 rng(seed);
  std::shuffle(rest.begin(), rest.end(), rng);
  chosen.insert(chosen.end(), rest.begin(), rest.begin() + static_cast<ptrdiff_t>(random_count));
  return chosen;
}

Result<Strategy> ParseStrategy(std::string_view name) {
  for (const auto& [strategy, text] : kStrategyNames) {
    if (name == text) return strategy;
  }
  return InvalidArgument("unknown strategy \"" + std::string(name) +
                         "\"; use random, least_confidence, margin, entropy, vote_entropy, "
                         "consensus_kl or density");
}

const char* StrategyName(Strategy strategy) {
  for (const auto& [s, text] : kStrategyNames) {
    if (s == strategy) return text;
  }
  return "random";
}

}  // namespace chorus::quality
