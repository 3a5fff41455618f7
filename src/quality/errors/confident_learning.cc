#include "quality/errors/confident_learning.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace chorus::quality {
namespace {

// A probability this close under its class's threshold still counts as confident (cleanlab's
// slack for floating-point noise).
constexpr double kThresholdSlack = 1e-6;

Status ValidateLabelsAndProbs(std::span<const size_t> labels, const ProbMatrix& probs) {
  if (probs.cols < 2) {
    return InvalidArgument("label errors need at least two classes; got " +
                           std::to_string(probs.cols));
  }
  if (labels.size() != probs.rows) {
    return InvalidArgument("there are " + std::to_string(labels.size()) + " labels but " +
                           std::to_string(probs.rows) + " rows of probabilities");
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= probs.cols) {
      return InvalidArgument("item " + std::to_string(i) + " has label " +
                             std::to_string(labels[i]) + ", beyond the " +
                             std::to_string(probs.cols) + " classes");
    }
    for (const double p : probs.row(i)) {
      if (!std::isfinite(p) || p < 0) {
        return InvalidArgument("item " + std::to_string(i) +
                               " has a probability that is negative or not a number");
      }
    }
  }
  return Status::Ok();
}

size_t ArgMax(std::span<const double> row) {
  return static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

// Step 1: the mean probability of class k among the items given k.
std::vector<double> ConfidentThresholds(std::span<const size_t> labels, const ProbMatrix& probs) {
  std::vector<double> sums(probs.cols, 0);
  std::vector<size_t> counts(probs.cols, 0);
  for (size_t i = 0; i < labels.size(); ++i) {
    sums[labels[i]] += probs.at(i, labels[i]);
    ++counts[labels[i]];
  }
  std::vector<double> thresholds(probs.cols, std::numeric_limits<double>::infinity());
  for (size_t k = 0; k < probs.cols; ++k) {
    if (counts[k] > 0) thresholds[k] = sums[k] / static_cast<double>(counts[k]);
  }
  return thresholds;
}

// Step 2: counts of (given, confidently true) pairs, row-major, as doubles for calibration.
std::vector<double> CountConfidentJoint(std::span<const size_t> labels, const ProbMatrix& probs,
                                        std::span<const double> thresholds) {
  const size_t classes = probs.cols;
  std::vector<double> joint(classes * classes, 0);
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto row = probs.row(i);
    size_t confident = 0;
    size_t first = 0;
    for (size_t k = 0; k < classes; ++k) {
      if (row[k] >= thresholds[k] - kThresholdSlack) {
        if (confident++ == 0) first = k;
      }
    }
    if (confident == 0) continue;
    const size_t guess = confident > 1 ? ArgMax(row) : first;
    joint[labels[i] * classes + guess] += 1;
  }
  for (size_t k = 0; k < classes; ++k) {
    joint[k * classes + k] = std::max(joint[k * classes + k], 1.0);
  }
  return joint;
}

// Rounds each row of a classes × classes matrix preserving its total.
std::vector<int64_t> RoundRows(std::span<const double> matrix, size_t classes) {
  std::vector<int64_t> rounded;
  rounded.reserve(matrix.size());
  for (size_t r = 0; r < classes; ++r) {
    const auto row = RoundPreservingSum(matrix.subspan(r * classes, classes));
    rounded.insert(rounded.end(), row.begin(), row.end());
  }
  return rounded;
}

// Step 3: rows scaled to the given-label counts, the whole to the item count.
std::vector<int64_t> Calibrate(std::vector<double> joint, std::span<const size_t> labels,
                               size_t classes) {
  constexpr double kTiny = 1e-16;
  std::vector<double> label_counts(classes, 0);
  for (const size_t label : labels) label_counts[label] += 1;
  for (size_t r = 0; r < classes; ++r) {
    const auto row = std::span(joint).subspan(r * classes, classes);
    const double total = std::max(std::accumulate(row.begin(), row.end(), 0.0), kTiny);
    for (double& cell : row) cell = cell / total * label_counts[r];
  }
  const double sum = std::max(std::accumulate(joint.begin(), joint.end(), 0.0), kTiny);
  for (double& cell : joint) cell = cell / sum * static_cast<double>(labels.size());
  return RoundRows(joint, classes);
}

// Step 4's budget: prune[true][given] = joint[given][true], with each given label keeping at
// least one item (the diagonal raised to 1, the raise taken evenly from the column's other
// non-zero cells), truncated to whole items as cleanlab does.
std::vector<int64_t> PruneCounts(std::span<const int64_t> joint, size_t classes) {
  std::vector<double> prune(classes * classes);
  for (size_t g = 0; g < classes; ++g) {
    for (size_t t = 0; t < classes; ++t) {
      prune[t * classes + g] = static_cast<double>(joint[g * classes + t]);
    }
  }
  for (size_t g = 0; g < classes; ++g) {
    const double diagonal = prune[g * classes + g];
    const double raise = std::max(diagonal, 1.0) - diagonal;
    size_t non_zero = 0;
    for (size_t t = 0; t < classes; ++t) non_zero += prune[t * classes + g] != 0 ? 1 : 0;
    const double share = raise / std::max(static_cast<double>(non_zero) - 1.0, 1.0);
    for (size_t t = 0; t < classes; ++t) {
      double& cell = prune[t * classes + g];
      cell = t == g ? diagonal + raise : std::max(cell - share, 0.0);
    }
  }
  std::vector<int64_t> counts(prune.size());
  std::transform(prune.begin(), prune.end(), counts.begin(),
                 [](double cell) { return static_cast<int64_t>(cell); });
  return counts;
}

// Step 4: the suspects among the items given `given` (their indices in `members`).
void MarkByNoiseRate(const ProbMatrix& probs, size_t given, std::span<const size_t> members,
                     std::span<const int64_t> prune, std::vector<bool>& suspect) {
  const size_t classes = probs.cols;
  if (members.size() <= 1) return;  // min_examples_per_class: a lone item is never pruned.
  std::vector<double> margins(members.size());
  std::vector<double> sorted;
  for (size_t truth = 0; truth < classes; ++truth) {
    const int64_t budget = prune[truth * classes + given];
    if (truth == given || budget <= 0) continue;
    for (size_t m = 0; m < members.size(); ++m) {
      margins[m] = probs.at(members[m], truth) - probs.at(members[m], given);
    }
    sorted = margins;
    const size_t nth = std::min(static_cast<size_t>(budget), sorted.size()) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<ptrdiff_t>(nth), sorted.end(),
                     std::greater<>());
    const double cut = sorted[nth];
    for (size_t m = 0; m < members.size(); ++m) {
      if (margins[m] >= cut) suspect[members[m]] = true;
    }
  }
}

}  // namespace

std::vector<int64_t> RoundPreservingSum(std::span<const double> values) {
  std::vector<int64_t> rounded(values.size());
  double exact_sum = 0;
  int64_t rounded_sum = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    rounded[i] = static_cast<int64_t>(std::llround(values[i]));
    exact_sum += values[i];
    rounded_sum += rounded[i];
  }
  const int64_t target = std::llround(exact_sum);
  if (rounded_sum == target) return rounded;
  // Short: raise those rounded down the most; over: lower those rounded up the most.
  const int64_t step = target > rounded_sum ? 1 : -1;
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const double lost_a = values[a] - static_cast<double>(rounded[a]);
    const double lost_b = values[b] - static_cast<double>(rounded[b]);
    return step > 0 ? lost_a > lost_b : lost_a < lost_b;
  });
  for (size_t i = 0; rounded_sum != target; i = (i + 1) % order.size()) {
    rounded[order[i]] += step;
    rounded_sum += step;
  }
  return rounded;
}

std::vector<double> LabelQualityScores(std::span<const size_t> labels, const ProbMatrix& probs,
                                       IssueRanking ranking) {
  std::vector<double> scores(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto row = probs.row(i);
    const double self = row[labels[i]];
    if (ranking == IssueRanking::kSelfConfidence) {
      scores[i] = self;
      continue;
    }
    double best_other = 0;
    for (size_t k = 0; k < row.size(); ++k) {
      if (k != labels[i]) best_other = std::max(best_other, row[k]);
    }
    scores[i] = (self - best_other + 1) / 2;
  }
  return scores;
}

Result<LabelIssueReport> FindLabelIssues(std::span<const size_t> labels, const ProbMatrix& probs,
                                         IssueRanking ranking) {
  if (Status valid = ValidateLabelsAndProbs(labels, probs); !valid.ok()) return valid;
  const size_t classes = probs.cols;
  LabelIssueReport report;
  report.thresholds = ConfidentThresholds(labels, probs);
  report.confident_joint =
      Calibrate(CountConfidentJoint(labels, probs, report.thresholds), labels, classes);
  int64_t off_diagonal = 0;
  int64_t total = 0;
  for (size_t g = 0; g < classes; ++g) {
    for (size_t t = 0; t < classes; ++t) {
      total += report.confident_joint[g * classes + t];
      if (g != t) off_diagonal += report.confident_joint[g * classes + t];
    }
  }
  report.estimated_noise =
      total > 0 ? static_cast<double>(off_diagonal) / static_cast<double>(total) : 0;

  std::vector<std::vector<size_t>> members(classes);
  for (size_t i = 0; i < labels.size(); ++i) members[labels[i]].push_back(i);
  const std::vector<int64_t> prune = PruneCounts(report.confident_joint, classes);
  std::vector<bool> suspect(labels.size(), false);
  for (size_t given = 0; given < classes; ++given) {
    MarkByNoiseRate(probs, given, members[given], prune, suspect);
  }

  const std::vector<double> scores = LabelQualityScores(labels, probs, ranking);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!suspect[i]) continue;
    const size_t suggested = ArgMax(probs.row(i));
    if (suggested == labels[i]) continue;  // Step 5.
    report.issues.push_back(
        {.item = i, .given = labels[i], .suggested = suggested, .score = scores[i]});
  }
  std::stable_sort(report.issues.begin(), report.issues.end(),
                   [](const LabelIssue& a, const LabelIssue& b) { return a.score < b.score; });
  return report;
}

}  // namespace chorus::quality
