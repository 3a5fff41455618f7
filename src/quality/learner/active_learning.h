// Active learning: which unlabelled items to label next so a model learns the most per label
// (Settles, "Active Learning Literature Survey", 2009). Scores are higher for items worth
// more; a share of every batch is drawn at random so that accuracy measured on the labels
// stays unbiased and the model still sees the easy regions.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "quality/prob_matrix.h"

namespace chorus::quality {

enum class Uncertainty {
  kLeastConfidence,  // 1 - max p.
  kMargin,           // -(p1 - p2): the smaller the gap between the top two, the higher.
  kEntropy,          // -Σ p ln p.
};

// Per item (row) of predicted probabilities.
std::vector<double> UncertaintyScores(const ProbMatrix& probs, Uncertainty kind);

enum class CommitteeDisagreement {
  kVoteEntropy,  // Entropy of the members' hard votes (Dagan & Engelson 1995).
  kConsensusKl,  // Mean KL divergence of each member from the consensus (McCallum & Nigam 1998).
};

// Per item, over `members` (each items × classes, same shape). REQUIRES: at least one member.
std::vector<double> CommitteeScores(std::span<const ProbMatrix> members,
                                    CommitteeDisagreement kind);

// Information density (Settles & Craven 2008): scores[i] × (mean cosine similarity of item i
// to every item)^beta, so outliers count less than uncertain items in dense regions. Rows of
// `embeddings` (items × dims, row-major) are normalised here; the mean similarity is exact in
// O(items × dims) through the mean of the normalised rows. kInvalidArgument for a size
// mismatch.
Result<std::vector<double>> DensityWeighted(std::span<const double> scores,
                                            std::span<const double> embeddings, size_t dims,
                                            double beta = 1);

// The next `batch` items: round(batch × random_share) drawn uniformly (seeded) and the rest
// the highest scores (ties by lower index), without repeats, in that order: highest first,
// then the random ones. Fewer when there are fewer items.
std::vector<size_t> SelectBatch(std::span<const double> scores, size_t batch, double random_share,
                                uint64_t seed);

// "least_confidence", "margin", "entropy", "vote_entropy", "consensus_kl", "density", "random".
enum class Strategy {
  kRandom,
  kLeastConfidence,
  kMargin,
  kEntropy,
  kVoteEntropy,
  kConsensusKl,
  kDensity
};
Result<Strategy> ParseStrategy(std::string_view name);
const char* StrategyName(Strategy strategy);

}  // namespace chorus::quality
