#include "quality/truth/numeric_aggregate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>
#include <utility>

#include "quality/statistic.h"
#include "quality/student_t.h"

namespace chorus::quality {
namespace {

struct NumericMethodName {
  NumericMethod method;
  const char* name;
  const char* title;
};

constexpr NumericMethodName kNumericMethods[] = {
    {NumericMethod::kMean, "mean", "mean"},
    {NumericMethod::kMedian, "median", "median"},
    {NumericMethod::kTrimmedMean, "trimmed-mean", "trimmed mean"},
    {NumericMethod::kNoiseAware, "noise-aware", "noise-aware estimate (annotator bias and noise)"},
};

constexpr const char* kNoVotes = "no votes";
constexpr const char* kOneVote = "one vote: no spread to build an interval from";

// The median of sorted values. REQUIRES: non-empty.
double MedianOfSorted(std::span<const double> sorted) {
  const size_t n = sorted.size();
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double Mean(std::span<const double> values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Sample variance (n - 1) about `mean`. REQUIRES: at least two values.
double SampleVariance(std::span<const double> values, double mean) {
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size() - 1);
}

// Spread and MAD of an item's sorted votes; `scratch` avoids an allocation per item.
void Describe(std::span<const double> sorted, std::vector<double>& scratch, NumericItem& item) {
  item.votes = static_cast<uint32_t>(sorted.size());
  if (sorted.size() < 2) return;
  item.spread = std::sqrt(SampleVariance(sorted, Mean(sorted)));
  const double median = MedianOfSorted(sorted);
  scratch.clear();
  for (double v : sorted) scratch.push_back(std::abs(v - median));
  std::sort(scratch.begin(), scratch.end());
  item.mad = MedianOfSorted(scratch);
}

// t(0.975, df), memoised for whole df: items with the same number of votes share one quantile,
// and each costs an iterative inversion of the incomplete beta function (most of the run
// time on 200,000 items before).
double T975(double df) {
  thread_local std::vector<double> memo;
  if (df < 1 || df >= 4096 || df != std::floor(df)) return StudentTQuantile(0.975, df);
  const auto i = static_cast<size_t>(df);
  if (memo.size() <= i) memo.resize(i + 1, 0.0);
  if (memo[i] == 0) memo[i] = StudentTQuantile(0.975, df);
  return memo[i];
}

// Mean ± t(0.975, df)·SE.
void SetTInterval(NumericItem& item, double center, double standard_error, double df) {
  item.standard_error = standard_error;
  const double half = T975(df) * standard_error;
  item.ci95 = Interval{center - half, center + half};
}

void EstimateMean(std::span<const double> sorted, NumericItem& item) {
  const double n = static_cast<double>(sorted.size());
  item.value = Mean(sorted);
  if (sorted.size() < 2) {
    item.undefined_reason = kOneVote;
    return;
  }
  SetTInterval(item, *item.value, item.spread / std::sqrt(n), n - 1);
}

// Largest k with P(Bin(n, 1/2) <= k - 1) <= 0.025, or 0 when none (n < 6).
size_t OrderStatisticRank(size_t n) {
  const double log_half_n = static_cast<double>(n) * std::log(0.5);
  const double log_n_factorial = std::lgamma(static_cast<double>(n) + 1);
  double cdf = 0;  // P(X <= k - 1) for the k being tried.
  size_t k = 0;
  for (size_t m = 0; m <= n / 2; ++m) {
    const double x = static_cast<double>(m);
    cdf += std::exp(log_n_factorial - std::lgamma(x + 1) -
                    std::lgamma(static_cast<double>(n) - x + 1) + log_half_n);
    if (cdf > 0.025) break;
    k = m + 1;
  }
  return k;
}

void EstimateMedian(std::span<const double> sorted, NumericItem& item) {
  const size_t n = sorted.size();
  item.value = MedianOfSorted(sorted);
  if (n < 2) {
    item.undefined_reason = kOneVote;
    return;
  }
  const size_t k = OrderStatisticRank(n);
  if (k == 0) {
    item.undefined_reason =
        "a distribution-free 95% interval for the median needs at least 6 votes";
    return;
  }
  item.ci95 = Interval{sorted[k - 1], sorted[n - k]};
}

void EstimateTrimmedMean(std::span<const double> sorted, double trim, NumericItem& item) {
  const size_t n = sorted.size();
  const auto g = static_cast<size_t>(std::floor(trim * static_cast<double>(n)));
  const size_t h = n - 2 * g;
  const std::span<const double> kept = sorted.subspan(g, h);
  item.value = Mean(kept);
  if (n < 2) {
    item.undefined_reason = kOneVote;
    return;
  }
  if (h < 2) {
    item.undefined_reason = "trimming left one vote: no spread to build an interval from";
    return;
  }
  // Winsorised values: the g lowest become the lowest kept, the g highest the highest kept.
  double sum = 0;
  for (size_t v = 0; v < n; ++v) sum += std::clamp(sorted[v], kept.front(), kept.back());
  const double winsorized_mean = sum / static_cast<double>(n);
  double squares = 0;
  for (size_t v = 0; v < n; ++v) {
    const double d = std::clamp(sorted[v], kept.front(), kept.back()) - winsorized_mean;
    squares += d * d;
  }
  // (n - 1)·s_w² = squares.
  const double hd = static_cast<double>(h);
  SetTInterval(item, *item.value, std::sqrt(squares / (hd * (hd - 1))), hd - 1);
}

// The used label closest to a value: ties to the lower value, then the lower id.
class NearestLabel {
 public:
  NearestLabel(const ItemVotes& votes, std::span<const double> label_values) {
    std::vector<uint8_t> used(label_values.size(), 0);
    for (LabelId label : votes.labels) used[label] = 1;
    for (LabelId id = 0; id < label_values.size(); ++id) {
      if (used[id]) points_.emplace_back(label_values[id], id);
    }
    std::sort(points_.begin(), points_.end());
    points_.erase(std::unique(points_.begin(), points_.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  points_.end());
  }

  std::optional<LabelId> Of(double value) const {
    if (points_.empty()) return std::nullopt;
    auto above =
        std::lower_bound(points_.begin(), points_.end(), std::pair<double, LabelId>(value, 0));
    if (above == points_.begin()) return above->second;
    if (above == points_.end()) return points_.back().second;
    const auto below = above - 1;
    return value - below->first <= above->first - value ? below->second : above->second;
  }

  // Smallest gap between distinct used values; 0 with fewer than two.
  double SmallestGap() const {
    double gap = 0;
    for (size_t p = 1; p < points_.size(); ++p) {
      const double d = points_[p].first - points_[p - 1].first;
      if (gap == 0 || d < gap) gap = d;
    }
    return gap;
  }

 private:
  std::vector<std::pair<double, LabelId>> points_;
};

std::optional<double> GoldOf(NumericGoldByItem gold, size_t item) {
  return item < gold.size() ? gold[item] : std::nullopt;
}

// σ0²: pooled within-item variance, else Δ²/12 for the smallest gap Δ, else 1.
double DefaultPriorVariance(const ItemVotes& votes, std::span<const double> label_values,
                            const NearestLabel& scale) {
  double squares = 0;
  double df = 0;
  for (size_t i = 0; i < votes.item_count(); ++i) {
    const uint32_t begin = votes.offsets[i];
    const uint32_t end = votes.offsets[i + 1];
    if (end - begin < 2) continue;
    double sum = 0;
    for (uint32_t v = begin; v < end; ++v) sum += label_values[votes.labels[v]];
    const double mean = sum / (end - begin);
    for (uint32_t v = begin; v < end; ++v) {
      const double d = label_values[votes.labels[v]] - mean;
      squares += d * d;
    }
    df += end - begin - 1;
  }
  if (df > 0 && squares > 0) return squares / df;
  const double gap = scale.SmallestGap();
  return gap > 0 ? gap * gap / 12 : 1.0;
}

struct NoiseAwareFit {
  std::vector<std::optional<double>> truth;  // By item.
  std::vector<double> bias;                  // By annotator.
  std::vector<double> variance;              // By annotator.
  int iterations = 0;
  bool converged = false;
  double log_likelihood = 0;
};

NoiseAwareFit FitNoiseAware(const ItemVotes& votes, std::span<const double> label_values,
                            size_t annotator_count, const NumericAggregateOptions& options,
                            NumericGoldByItem gold, double prior_variance) {
  const size_t items = votes.item_count();
  const double nu0 = options.prior_votes;
  NoiseAwareFit fit;
  fit.truth.assign(items, std::nullopt);
  fit.bias.assign(annotator_count, 0);
  fit.variance.assign(annotator_count, prior_variance);
  std::vector<uint8_t> clamped(items, 0);
  std::vector<double> cast(annotator_count, 0);
  for (AnnotatorId a : votes.annotators) cast[a] += 1;
  bool anchored = false;  // Some gold item has votes: gold fixes the level of the biases.
  for (size_t i = 0; i < items; ++i) {
    const uint32_t begin = votes.offsets[i];
    const uint32_t end = votes.offsets[i + 1];
    if (const auto g = GoldOf(gold, i)) {
      fit.truth[i] = *g;
      clamped[i] = 1;
      anchored |= end > begin;
    } else if (end > begin) {
      double sum = 0;
      for (uint32_t v = begin; v < end; ++v) sum += label_values[votes.labels[v]];
      fit.truth[i] = sum / (end - begin);
    }
  }
  size_t voters = 0;
  for (double n : cast) voters += n > 0;
  std::vector<double> sums(annotator_count), freedom(annotator_count), before(annotator_count);
  const double scale = std::sqrt(prior_variance);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    // Biases: each annotator's mean residual, centred when nothing else fixes the level.
    before = fit.bias;
    std::fill(sums.begin(), sums.end(), 0.0);
    for (size_t i = 0; i < items; ++i) {
      for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
        sums[votes.annotators[v]] += label_values[votes.labels[v]] - *fit.truth[i];
      }
    }
    double change = 0;  // Largest move of a bias, noise SD or truth this iteration.
    double mean_bias = 0;
    for (size_t a = 0; a < annotator_count; ++a) {
      fit.bias[a] = cast[a] > 0 ? sums[a] / cast[a] : 0;
      mean_bias += fit.bias[a];
    }
    if (!anchored && voters > 0) {
      mean_bias /= static_cast<double>(voters);
      for (size_t a = 0; a < annotator_count; ++a) {
        if (cast[a] > 0) fit.bias[a] -= mean_bias;
      }
      for (size_t i = 0; i < items; ++i) {
        if (fit.truth[i] && !clamped[i]) *fit.truth[i] += mean_bias;
      }
    }
    for (size_t a = 0; a < annotator_count; ++a) {
      change = std::max(change, std::abs(fit.bias[a] - before[a]));
    }
    // Noise variances: squared residuals over their degrees of freedom, with ν0 pseudo-votes
    // of variance σ0². A vote's leverage is its weight's share of its item's total weight.
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(freedom.begin(), freedom.end(), 0.0);
    for (size_t i = 0; i < items; ++i) {
      double weights = 0;
      for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
        weights += 1 / fit.variance[votes.annotators[v]];
      }
      for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
        const AnnotatorId a = votes.annotators[v];
        const double r = label_values[votes.labels[v]] - *fit.truth[i] - fit.bias[a];
        sums[a] += r * r;
        freedom[a] += clamped[i] ? 1.0 : 1 - 1 / fit.variance[a] / weights;
      }
    }
    for (size_t a = 0; a < annotator_count; ++a) {
      const double variance = (sums[a] + nu0 * prior_variance) / (freedom[a] + nu0);
      change = std::max(change, std::abs(std::sqrt(variance) - std::sqrt(fit.variance[a])));
      fit.variance[a] = variance;
    }
    // Truths: precision-weighted means of the bias-corrected votes.
    for (size_t i = 0; i < items; ++i) {
      if (clamped[i] || votes.VotesOn(i) == 0) continue;
      double weighted = 0;
      double weights = 0;
      for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
        const AnnotatorId a = votes.annotators[v];
        const double w = 1 / fit.variance[a];
        weighted += w * (label_values[votes.labels[v]] - fit.bias[a]);
        weights += w;
      }
      change = std::max(change, std::abs(weighted / weights - *fit.truth[i]));
      fit.truth[i] = weighted / weights;
    }
    // Penalised log-likelihood L (header).
    double l = 0;
    for (size_t i = 0; i < items; ++i) {
      for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
        const AnnotatorId a = votes.annotators[v];
        const double r = label_values[votes.labels[v]] - *fit.truth[i] - fit.bias[a];
        l -= 0.5 * (std::log(2 * std::numbers::pi * fit.variance[a]) + r * r / fit.variance[a]);
      }
    }
    for (size_t a = 0; a < annotator_count; ++a) {
      if (cast[a] == 0) continue;
      l -= 0.5 * nu0 * (std::log(fit.variance[a]) + prior_variance / fit.variance[a]);
    }
    fit.iterations = iteration;
    fit.log_likelihood = l;
    if (change <= options.tolerance * scale) {
      fit.converged = true;
      break;
    }
  }
  return fit;
}

void SetNoiseAwareItems(const ItemVotes& votes, const NoiseAwareFit& fit, NumericGoldByItem gold,
                        std::vector<NumericItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    NumericItem& item = items[i];
    item.value = fit.truth[i];
    if (GoldOf(gold, i)) {
      item.gold = true;
      item.undefined_reason = "gold item: the value is fixed to its gold value";
      continue;
    }
    if (item.votes == 0) continue;
    if (item.votes == 1) {
      item.undefined_reason = kOneVote;
      continue;
    }
    double precision = 0;
    for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
      precision += 1 / fit.variance[votes.annotators[v]];
    }
    item.standard_error = 1 / std::sqrt(precision);
    item.ci95 = Interval{*item.value - kZ95 * *item.standard_error,
                         *item.value + kZ95 * *item.standard_error};
  }
}

// Each annotator's mean residual and RMS deviation about it, against the item estimates.
std::vector<NumericAnnotator> DescribeAnnotators(const ItemVotes& votes,
                                                 std::span<const double> label_values,
                                                 size_t annotator_count,
                                                 const std::vector<NumericItem>& items) {
  std::vector<NumericAnnotator> annotators(annotator_count);
  std::vector<double> sums(annotator_count, 0), squares(annotator_count, 0);
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].value) continue;
    for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
      const AnnotatorId a = votes.annotators[v];
      const double r = label_values[votes.labels[v]] - *items[i].value;
      ++annotators[a].votes;
      sums[a] += r;
      squares[a] += r * r;
    }
  }
  for (size_t a = 0; a < annotator_count; ++a) {
    if (annotators[a].votes == 0) continue;
    const double n = static_cast<double>(annotators[a].votes);
    annotators[a].bias = sums[a] / n;
    // E[(r - mean)²] = E[r²] - mean², floored at 0 against rounding.
    annotators[a].noise_sd =
        std::sqrt(std::max(0.0, squares[a] / n - annotators[a].bias * annotators[a].bias));
  }
  return annotators;
}

// Items estimated without gold (gold does not enter the closed forms).
std::vector<NumericItem> ClosedFormItems(const ItemVotes& votes,
                                         std::span<const double> label_values,
                                         const NumericAggregateOptions& options) {
  std::vector<NumericItem> items(votes.item_count());
  std::vector<double> sorted, scratch;
  for (size_t i = 0; i < items.size(); ++i) {
    NumericItem& item = items[i];
    sorted.clear();
    for (uint32_t v = votes.offsets[i]; v < votes.offsets[i + 1]; ++v) {
      sorted.push_back(label_values[votes.labels[v]]);
    }
    std::sort(sorted.begin(), sorted.end());
    Describe(sorted, scratch, item);
    if (sorted.empty()) {
      item.undefined_reason = kNoVotes;
      continue;
    }
    switch (options.method) {
      case NumericMethod::kMean:
      case NumericMethod::kNoiseAware:  // Only its spread and MAD are kept.
        EstimateMean(sorted, item);
        break;
      case NumericMethod::kMedian: EstimateMedian(sorted, item); break;
      case NumericMethod::kTrimmedMean: EstimateTrimmedMean(sorted, options.trim, item); break;
    }
  }
  return items;
}

// Mean and root-mean-squared error of `items` on the gold items they have a value for.
std::optional<NumericGoldError> GoldError(const std::vector<NumericItem>& items,
                                          NumericGoldByItem gold) {
  if (gold.empty()) return std::nullopt;
  NumericGoldError error;
  double absolute = 0;
  double squared = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const auto g = GoldOf(gold, i);
    if (!g || items[i].votes == 0 || !items[i].value) continue;
    const double d = *items[i].value - *g;
    ++error.gold_items;
    absolute += std::abs(d);
    squared += d * d;
  }
  if (error.gold_items > 0) {
    error.mean_absolute_error = absolute / static_cast<double>(error.gold_items);
    error.root_mean_squared_error = std::sqrt(squared / static_cast<double>(error.gold_items));
  }
  return error;
}

}  // namespace

Result<NumericMethod> ParseNumericMethod(std::string_view name) {
  for (const auto& method : kNumericMethods) {
    if (name == method.name) return method.method;
  }
  return InvalidArgument(
      fmt::format("unknown numeric method \"{}\"; choose mean, median, trimmed-mean or "
                  "noise-aware",
                  name),
      "--method");
}

bool IsNumericMethod(std::string_view name) { return ParseNumericMethod(name).ok(); }

const char* NumericMethodName(NumericMethod method) {
  for (const auto& m : kNumericMethods) {
    if (m.method == method) return m.name;
  }
  return "?";
}

const char* NumericMethodTitle(NumericMethod method) {
  for (const auto& m : kNumericMethods) {
    if (m.method == method) return m.title;
  }
  return "?";
}

NumericAggregation AggregateNumeric(const ItemVotes& votes, std::span<const double> label_values,
                                    size_t annotator_count,
                                    const NumericAggregateOptions& options) {
  assert(options.trim >= 0 && options.trim < 0.5 && options.prior_votes > 0);
  NumericAggregation result;
  result.method = options.method;
  result.items = ClosedFormItems(votes, label_values, options);
  const NearestLabel scale(votes, label_values);
  if (options.method == NumericMethod::kNoiseAware) {
    result.prior_variance =
        options.prior_variance.value_or(DefaultPriorVariance(votes, label_values, scale));
    auto fit_items = [&](NumericGoldByItem gold, NoiseAwareFit* fit_out) {
      NoiseAwareFit fit =
          FitNoiseAware(votes, label_values, annotator_count, options, gold, result.prior_variance);
      std::vector<NumericItem> items = result.items;
      for (NumericItem& item : items) {
        item.value.reset();
        item.standard_error.reset();
        item.ci95.reset();
        item.undefined_reason = item.votes == 0 ? kNoVotes : "";
      }
      SetNoiseAwareItems(votes, fit, gold, items);
      if (fit_out) *fit_out = std::move(fit);
      return items;
    };
    NoiseAwareFit fit;
    std::vector<NumericItem> items = fit_items(options.gold, &fit);
    if (!options.gold.empty()) result.gold = GoldError(fit_items({}, nullptr), options.gold);
    result.items = std::move(items);
    result.iterations = fit.iterations;
    result.converged = fit.converged;
    result.log_likelihood = fit.log_likelihood;
    result.annotators = DescribeAnnotators(votes, label_values, annotator_count, result.items);
    for (size_t a = 0; a < annotator_count; ++a) {
      if (result.annotators[a].votes == 0) continue;
      result.annotators[a].bias = fit.bias[a];
      result.annotators[a].noise_sd = std::sqrt(fit.variance[a]);
    }
  } else {
    result.gold = GoldError(result.items, options.gold);
    result.annotators = DescribeAnnotators(votes, label_values, annotator_count, result.items);
  }
  for (NumericItem& item : result.items) {
    if (item.value) item.nearest_label = scale.Of(*item.value);
    result.items_without_votes += item.votes == 0;
  }
  return result;
}

Result<std::vector<double>> NumericValuesForAggregation(const VoteTable& table) {
  return table.NumericLabelValues(
      "mean, median, trimmed-mean and noise-aware need numeric labels (for categories use a "
      "categorical method such as mv or ds)");
}

Result<NumericAggregation> AggregateNumeric(const VoteTable& table,
                                            const NumericAggregateOptions& options) {
  if (table.empty()) {
    return InvalidArgument(
        "the input holds no votes; check that it has item, annotator and "
        "label columns with values");
  }
  if (!(options.trim >= 0 && options.trim < 0.5)) {
    return InvalidArgument(fmt::format("trim {} is outside [0, 0.5): it is the share of votes "
                                       "cut from EACH end (0.1 cuts 10% low and 10% high)",
                                       options.trim),
                           "--trim");
  }
  if (!(options.prior_votes > 0) || (options.prior_variance && !(*options.prior_variance > 0))) {
    return InvalidArgument("the noise prior needs prior_votes > 0 and prior_variance > 0", "prior");
  }
  auto values = NumericValuesForAggregation(table);
  if (!values.ok()) return values.status();
  return AggregateNumeric(GroupByItem(table), *values, table.annotator_count(), options);
}

}  // namespace chorus::quality
