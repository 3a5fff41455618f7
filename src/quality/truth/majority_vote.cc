#include "quality/truth/majority_vote.h"

#include <cassert>
#include <cmath>

#include "quality/truth/argmax.h"

namespace chorus::quality {
namespace {

// Posterior, labels, ties and confidence from per-vote weights (nullptr = every vote counts 1),
// then each annotator's agreement with those labels. One pass over the grouped votes for each.
TruthEstimate Vote(const ItemVotes& votes, size_t k, size_t annotator_count, const double* weights,
                   const MajorityVoteOptions& options, const char* method) {
  const size_t n_items = votes.item_count();
  TruthEstimate out;
  out.class_count = k;
  out.method = method;
  out.posterior = ProbMatrix(n_items, k, 0.0);
  out.labels.assign(n_items, 0);
  out.tied.assign(n_items, 0);
  out.confidence.assign(n_items, 0.0);
  out.annotators.resize(annotator_count);
  const GoldByItem gold = options.gold;
  if (k > 0) {
    const double uniform = 1.0 / static_cast<double>(k);
    for (size_t item = 0; item < n_items; ++item) {
      const std::span<double> row = out.posterior.row(item);
      if (item < gold.size() && gold[item].has_value()) {
        assert(*gold[item] < k);
        row[*gold[item]] = 1.0;
        out.labels[item] = *gold[item];
        out.confidence[item] = 1.0;
        continue;
      }
      double total = 0;
      for (uint32_t v = votes.offsets[item]; v < votes.offsets[item + 1]; ++v) {
        assert(votes.labels[v] < k && votes.annotators[v] < annotator_count);
        // Negative weights count as 0: a bad annotator is ignored, never inverted.
        const double w = weights == nullptr ? 1.0 : std::fmax(weights[votes.annotators[v]], 0.0);
        row[votes.labels[v]] += w;
        total += w;
      }
      if (total > 0) {
        const double inverse = 1.0 / total;
        for (double& p : row) p *= inverse;
      } else {
        for (double& p : row) p = uniform;
      }
      const Argmax best = SeededArgmax(row, options.seed, static_cast<ItemId>(item));
      out.labels[item] = best.label;
      out.tied[item] = best.tied ? 1 : 0;
      out.confidence[item] = row[best.label];
    }
  }

  // Agreement with the labels just made; identical repeats of (item, annotator, label) count
  // once, as in crowd-kit's get_accuracy (they are adjacent: votes are sorted within an item).
  std::vector<uint64_t> scored(annotator_count, 0), agreed(annotator_count, 0);
  for (size_t item = 0; item < n_items; ++item) {
    const uint32_t begin = votes.offsets[item], end = votes.offsets[item + 1];
    const LabelId label = out.labels[item];
    for (uint32_t v = begin; v < end; ++v) {
      const AnnotatorId a = votes.annotators[v];
      ++out.annotators[a].votes;
      if (v > begin && a == votes.annotators[v - 1] && votes.labels[v] == votes.labels[v - 1]) {
        continue;
      }
      ++scored[a];
      agreed[a] += votes.labels[v] == label ? 1 : 0;
    }
  }
  for (size_t a = 0; a < annotator_count; ++a) {
    if (scored[a] > 0) {
      out.annotators[a].accuracy = static_cast<double>(agreed[a]) / static_cast<double>(scored[a]);
    }
  }
  return out;
}

}  // namespace

TruthEstimate MajorityVote(const ItemVotes& votes, size_t label_count, size_t annotator_count,
                           const MajorityVoteOptions& options) {
  return Vote(votes, label_count, annotator_count, nullptr, options, "mv");
}

TruthEstimate MajorityVote(const VoteTable& table, const MajorityVoteOptions& options) {
  return MajorityVote(GroupByItem(table), table.label_count(), table.annotator_count(), options);
}

TruthEstimate WeightedMajorityVote(const ItemVotes& votes, size_t label_count,
                                   size_t annotator_count, std::span<const double> weights,
                                   const MajorityVoteOptions& options) {
  assert(weights.size() >= annotator_count);
  return Vote(votes, label_count, annotator_count, weights.data(), options, "wmv");
}

TruthEstimate WeightedMajorityVote(const VoteTable& table, std::span<const double> weights,
                                   const MajorityVoteOptions& options) {
  return WeightedMajorityVote(GroupByItem(table), table.label_count(), table.annotator_count(),
                              weights, options);
}

std::vector<double> LogOddsWeightsFromGold(const VoteTable& table, GoldByItem gold,
                                           const LogOddsWeightOptions& options) {
  const size_t n = table.annotator_count(), k = table.label_count();
  std::vector<double> weights(n, 1.0);
  if (k < 2) return weights;  // One class: every vote is right; log(k - 1) is undefined.
  std::vector<uint64_t> gold_votes(n, 0), correct(n, 0);
  const auto items = table.items();
  const auto annotators = table.annotators();
  const auto labels = table.labels();
  for (size_t v = 0; v < table.size(); ++v) {
    const ItemId item = items[v];
    if (item >= gold.size() || !gold[item].has_value()) continue;
    assert(*gold[item] < k);
    ++gold_votes[annotators[v]];
    correct[annotators[v]] += labels[v] == *gold[item] ? 1 : 0;
  }
  const double log_wrong_classes = std::log(static_cast<double>(k - 1));
  double sum = 0;
  size_t with_gold = 0;
  for (size_t a = 0; a < n; ++a) {
    if (gold_votes[a] == 0) continue;
    // Laplace's rule of succession keeps p inside (0, 1), so the log-odds are finite.
    const double p =
        (static_cast<double>(correct[a]) + 1.0) / (static_cast<double>(gold_votes[a]) + 2.0);
    weights[a] = std::fmax(0.0, log_wrong_classes + std::log(p / (1.0 - p)));
    sum += weights[a];
    ++with_gold;
  }
  double fallback = options.weight_without_gold;
  if (fallback < 0) fallback = with_gold > 0 ? sum / static_cast<double>(with_gold) : 1.0;
  for (size_t a = 0; a < n; ++a) {
    if (gold_votes[a] == 0) weights[a] = fallback;
  }
  return weights;
}

}  // namespace chorus::quality
