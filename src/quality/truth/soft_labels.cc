#include "quality/truth/soft_labels.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "quality/wilson_interval.h"

namespace chorus::quality {

double NormalizedEntropy(std::span<const double> p) {
  if (p.size() <= 1) return 0.0;
  double h = 0;
  for (double x : p) {
    if (x > 0) h -= x * std::log(x);
  }
  // Rounding can push a uniform row a hair past log k.
  return std::clamp(h / std::log(static_cast<double>(p.size())), 0.0, 1.0);
}

SoftLabels ComputeSoftLabels(const VoteTable& table, const TruthEstimate& estimate,
                             const SoftLabelOptions& options) {
  const size_t n_items = table.item_count(), k = table.label_count();
  assert(estimate.posterior.rows == n_items && estimate.class_count == k);
  assert(estimate.annotators.size() >= table.annotator_count());
  SoftLabels out;
  out.class_count = k;
  out.vote_shares = ProbMatrix(n_items, k, 0.0);
  out.posterior = estimate.posterior;
  out.votes.assign(n_items, 0);
  out.vote_entropy.assign(n_items, 0.0);
  out.posterior_entropy.assign(n_items, 0.0);
  out.track_record.assign(n_items, 0.0);
  out.training_weight.assign(n_items, 0.0);
  out.ambiguous.assign(n_items, 0);

  // One pass over the columns: counts per (item, class) and the voters' summed accuracy.
  std::vector<double> accuracy_sum(n_items, 0.0);
  const auto items = table.items();
  const auto annotators = table.annotators();
  const auto labels = table.labels();
  for (size_t v = 0; v < table.size(); ++v) {
    const ItemId item = items[v];
    out.vote_shares.at(item, labels[v]) += 1.0;
    ++out.votes[item];
    accuracy_sum[item] += estimate.annotators[annotators[v]].accuracy;
  }

  const double chance = k > 0 ? 1.0 / static_cast<double>(k) : 0.0;
  const double inverse_log_k = k > 1 ? 1.0 / std::log(static_cast<double>(k)) : 0.0;
  // Entropy of counts c_j summing to n: log n - (1/n) sum c_j log c_j; small logs from a table.
  constexpr uint32_t kLogTableSize = 1024;
  std::vector<double> log_table(kLogTableSize, 0.0);
  for (uint32_t c = 1; c < kLogTableSize; ++c) log_table[c] = std::log(static_cast<double>(c));
  const auto log_count = [&](double c) {
    return c < kLogTableSize ? log_table[static_cast<uint32_t>(c)] : std::log(c);
  };
  for (size_t item = 0; item < n_items; ++item) {
    const std::span<double> shares = out.vote_shares.row(item);
    const uint32_t n = out.votes[item];
    if (n == 0) {
      std::fill(shares.begin(), shares.end(), chance);
      out.vote_entropy[item] = k > 1 ? 1.0 : 0.0;
    } else {
      double c_log_c = 0;
      for (double c : shares) c_log_c += c > 1 ? c * log_count(c) : 0.0;
      const double h = log_count(n) - c_log_c / n;
      out.vote_entropy[item] = std::clamp(h * inverse_log_k, 0.0, 1.0);
      const double inverse = 1.0 / n;
      for (double& s : shares) s *= inverse;
    }
    out.posterior_entropy[item] = NormalizedEntropy(estimate.posterior.row(item));
    out.ambiguous[item] =
        (n == 0 && k > 1) || out.posterior_entropy[item] > options.ambiguous_entropy ? 1 : 0;
    if (n == 0) continue;  // No votes: no track record, weight 0.
    const double mean_accuracy = accuracy_sum[item] / n;
    out.track_record[item] =
        k <= 1 ? mean_accuracy : std::clamp((mean_accuracy - chance) / (1.0 - chance), 0.0, 1.0);
    const double confidence = item < estimate.confidence.size() ? estimate.confidence[item] : 0;
    out.training_weight[item] =
        confidence * (1.0 - out.vote_entropy[item]) * out.track_record[item];
  }
  return out;
}

GoldEvaluation EvaluateAgainstGold(const TruthEstimate& estimate, GoldByItem gold) {
  GoldEvaluation out;
  const size_t n_items = estimate.labels.size();
  double confidence_sum = 0;
  for (size_t item = 0; item < n_items; ++item) {
    if (item < gold.size() && gold[item].has_value()) {
      assert(*gold[item] < estimate.class_count);
      ++out.gold_items;
      out.correct += estimate.labels[item] == *gold[item] ? 1 : 0;
    } else {
      ++out.other_items;
      confidence_sum += estimate.confidence[item];
    }
  }
  if (out.gold_items == 0) {
    out.accuracy = Statistic::Undefined(
        "no item has a gold label, so accuracy cannot be measured; add gold items");
  } else {
    const double p = static_cast<double>(out.correct) / static_cast<double>(out.gold_items);
    out.accuracy = Statistic::Of(p);
    out.accuracy.standard_error = std::sqrt(p * (1 - p) / static_cast<double>(out.gold_items));
    out.accuracy.ci95 = WilsonInterval(out.correct, out.gold_items);
  }
  if (out.other_items == 0) {
    out.estimated_accuracy = Statistic::Undefined(
        "every item has a gold label, so there is no unlabelled item to estimate accuracy on");
  } else {
    out.estimated_accuracy = Statistic::Of(confidence_sum / static_cast<double>(out.other_items));
  }
  return out;
}

}  // namespace chorus::quality
