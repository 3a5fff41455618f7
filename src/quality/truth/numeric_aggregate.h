// Numeric and ordinal truth inference: one value per item from redundant numeric votes (scores,
// Likert points, counts), with the spread of the votes and an interval for the estimate.
//
// Every label must be a number (VoteTable::NumericLabelValues). Four methods:
//
// "mean": the item's votes' mean x̄. Standard error s/√n with s the sample standard deviation
//   (n - 1); 95% interval x̄ ± t(0.975, n - 1)·s/√n (Student t, quality/student_t.h).
// "median": the middle vote (the mean of the two middle votes when n is even): the natural
//   estimate for ordinal (Likert) labels, whose distances are not meaningful. No standard error.
//   95% interval: the distribution-free order-statistic interval [x_(k), x_(n-k+1)] with k the
//   largest integer such that P(Bin(n, 1/2) <= k - 1) <= 0.025, so coverage is at least 95% for
//   any continuous distribution (Conover, W. J. (1999) "Practical Nonparametric Statistics",
//   3rd ed., Wiley, ch. 3, the confidence interval for a quantile). Needs n >= 6 (with 5 votes
//   even [min, max] covers only 1 - 2/32 = 93.75%); below that the interval is undefined.
// "trimmed-mean": sort the n votes, cut g = floor(trim·n) from each end, average the h = n - 2g
//   left. Standard error from the winsorised variance s_w² (the g lowest votes set to the
//   lowest kept one, the g highest to the highest kept one): SE = √((n - 1)·s_w² / (h(h - 1))),
//   95% interval x̄_t ± t(0.975, h - 1)·SE (Tukey, J. W. & McLaughlin, D. H. (1963) "Less
//   vulnerable confidence and significance procedures for location based on a single sample:
//   trimming/winsorization 1", Sankhyā A 25:331-352; in this form Yuen, K. K. (1974) "The
//   two-sample trimmed t for unequal population variances", Biometrika 61(1):165-170). With
//   g = 0 it is the mean's interval exactly (df n - 1). Wilcox's trimci (R, WRS) and
//   scipy.stats.mstats.trimmed_mean_ci use s_w/((1 - 2γ)√n) with the nominal γ instead; the
//   two differ by the factor √((n - 1)h / (n(h - 1))), which tends to 1 as n grows (and the
//   nominal-γ form widens the interval even when floor(γn) = 0 cuts nothing).
// "noise-aware": the model x_ij = t_i + b_j + e_ij, e_ij ~ N(0, s_j²): annotator j adds a bias
//   b_j and noise of variance s_j². The precision-weighted truth and the per-annotator noise
//   variance are after Raykar, V. C., Yu, S., Zhao, L. H., Valadez, G. H., Florin, C., Bogoni, L.
//   & Moy, L. (2010) "Learning From Crowds", JMLR 11:1297-1322, the regression case (Gaussian
//   annotator noise with precision τ_j, truth estimate Σ_j τ_j y_i^j / Σ_j τ_j, 1/τ_j = the
//   mean squared deviation of j's labels from it; there without item features, and without a
//   bias). The additive per-annotator bias with its own precision is the measurement model of
//   Grubbs, F. E. (1948) "On estimating precision of measuring instruments and product
//   variability", JASA 43(242):243-264 (instruments with a constant bias and their own
//   variance); Welinder, P., Branson, S., Belongie, S. & Perona, P. (2010) "The Multidimensional
//   Wisdom of Crowds", NIPS 23, model annotator bias and noise in crowd labels. The fit here is
//   adapted from these, not copied from any. Alternating (EM-like) updates, each the exact
//   maximiser of its block of the penalised log-likelihood
//     L = Σ_votes log N(x_ij; t_i + b_j, s_j²) + Σ_j [-(ν0/2)·log s_j² - ν0·σ0²/(2 s_j²)]
//   (the second sum is an inverse-gamma prior on s_j² worth ν0 pseudo-votes of variance σ0²)
//   except for the degrees-of-freedom correction in the variance step:
//     b_j   = mean over j's votes of (x_ij - t_i), then, without gold, all b_j shifted by their
//             mean over annotators and all t_i by the same amount (t + c, b - c leave the data
//             likelihood unchanged: Σ b_j = 0 is what identifies the model; with gold on voted
//             items the gold values fix the level and biases are not centred)
//     s_j²  = (Σ_j's votes r_ij² + ν0·σ0²) / (Σ_j's votes (1 - h_ij) + ν0),
//             r_ij = x_ij - t_i - b_j,  h_ij = w_j / Σ_{k on i} w_k (1 on gold items: h = 0)
//     t_i   = Σ_j w_j (x_ij - b_j) / Σ_j w_j,  w_j = 1/s_j²   (gold items: t_i = gold, clamped)
//   h_ij is the vote's leverage, its share of the item's estimate, and E[r_ij²] = s_j²(1 - h_ij)
//   for the weighted mean, so dividing by Σ(1 - h) is the usual residual-degrees-of-freedom
//   correction (what Grubbs's moment estimators do for three instruments). Without it the exact
//   maximiser (dividing by n_j) collapses: the truth follows the best annotators, their
//   residuals shrink, their weight grows, and their noise SD heads to 0 (on the generated data
//   of the tests, 0.18 for a true 0.5); a vote that alone decides its item counts no degree of
//   freedom instead of a perfect agreement.
//   σ0² (prior_variance, absent by default) is the pooled within-item variance of all votes, or,
//   when every item's votes agree, Δ²/12 with Δ the smallest gap between label values (the
//   variance of rounding to the scale), or 1 with a single label value; so an annotator with one
//   vote or perfect agreement gets precision at most (n_j + ν0)/(ν0·σ0²), never infinite.
//   Initialised at t_i = the item's mean (or gold), b_j = 0, s_j² = σ0²; one iteration is the
//   b, s, t steps in that order. Stops when no truth, bias or noise SD moves by more than
//   tolerance·σ0 in an iteration, or after max_iterations (converged = false); log_likelihood
//   is L at the final parameters (a diagnostic: with the correction it need not rise every
//   iteration). Standard error 1/√(Σ_j w_j) over the item's votes, interval t_i ± 1.96·SE:
//   conditional on the fitted biases and variances (it ignores their own uncertainty, so it is
//   optimistic for annotators with few votes).
//   Limits: an annotator's bias is the mean of their residuals, so with few votes it is noisy;
//   an annotator who is an item's only voter absorbs that item into their bias; an annotator
//   whose items nobody else labelled cannot be separated from those items' truths.
//
// For every method, per item: `spread` = the sample standard deviation of the votes (n - 1; 0
// with one vote) and `mad` = the median absolute deviation from the votes' median (unscaled;
// 1.4826·mad estimates the standard deviation for normal data; chosen over the IQR because it
// is defined, and robust, for any n >= 1). `nearest_label`: the label used by some vote whose
// value is closest to the estimate, ties to the lower value (then the lower id), so a Likert
// item still gets a scale point. Per annotator: `bias` = the mean of (vote - item estimate) over
// their votes and `noise_sd` = the root mean square of (vote - item estimate - bias), i.e. the
// model's b_j and s_j for noise-aware (s_j with its prior), descriptive residuals otherwise.
// Degenerate inputs never give NaN: an item with no votes (and no gold) has no value and is
// counted in items_without_votes; with one vote the interval is undefined with its reason;
// identical votes give spread 0 and a zero-width interval for mean and trimmed mean.
// Gold values clamp only the noise-aware fit; the summary's gold error comes from a second fit
// that did not see them (for mean, median and trimmed mean the estimate ignores gold anyway).
// Repeated votes by one annotator on one item count as separate votes.
// Cost: O(votes · log(votes per item)) for the sorts; noise-aware O(votes) per iteration.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "quality/statistic.h"
#include "quality/vote_table.h"

namespace chorus::quality {

enum class NumericMethod {
  kMean,         // "mean"
  kMedian,       // "median"
  kTrimmedMean,  // "trimmed-mean"
  kNoiseAware,   // "noise-aware"
};

Result<NumericMethod> ParseNumericMethod(std::string_view name);
bool IsNumericMethod(std::string_view name);           // One of the four names above.
const char* NumericMethodName(NumericMethod method);   // The short name above.
const char* NumericMethodTitle(NumericMethod method);  // "trimmed mean (10% each end)", ...

// Gold values by item id (absent = not gold).
using NumericGoldByItem = std::span<const std::optional<double>>;

struct NumericAggregateOptions {
  NumericMethod method = NumericMethod::kMean;
  double trim = 0.1;         // trimmed-mean: share cut from each end, floor(trim·n) votes.
  int max_iterations = 500;  // noise-aware: iteration cap.
  double tolerance = 1e-6;   // noise-aware: stop when nothing moves by more than this·σ0.
  double prior_votes = 2;    // noise-aware: ν0, pseudo-votes of the noise-variance prior.
  std::optional<double> prior_variance;  // noise-aware: σ0²; absent = from the data (above).
  NumericGoldByItem gold = {};           // Gold value per item (absent or past the end = not gold).
};

struct NumericItem {
  uint32_t votes = 0;
  std::optional<double> value;           // Absent iff no votes (and, for noise-aware, no gold).
  std::optional<LabelId> nearest_label;  // Absent iff value is (or no vote used any label).
  double spread = 0;  // Sample standard deviation of the votes (n - 1); 0 with < 2 votes.
  double mad = 0;     // Median absolute deviation of the votes from their median; 0 if < 2.
  std::optional<double> standard_error;  // Where the method has one (not median).
  std::optional<Interval> ci95;          // 95% interval of the estimate.
  std::string undefined_reason;  // Why value or ci95 is absent; empty when both are present.
  bool gold = false;             // Value clamped to gold (noise-aware only).
};

struct NumericAnnotator {
  uint64_t votes = 0;
  double bias = 0;      // Mean of (vote - estimate); the model's b_j for noise-aware.
  double noise_sd = 0;  // RMS of (vote - estimate - bias); the model's s_j for noise-aware.
};

// Error of estimates that did not see the gold values, on the gold items that have votes.
struct NumericGoldError {
  uint64_t gold_items = 0;  // Gold items with at least one vote (the ones compared).
  double mean_absolute_error = 0;
  double root_mean_squared_error = 0;
};

struct NumericAggregation {
  NumericMethod method = NumericMethod::kMean;
  std::vector<NumericItem> items;            // By item id.
  std::vector<NumericAnnotator> annotators;  // By annotator id.
  uint64_t items_without_votes = 0;
  int iterations = 0;                    // noise-aware; 0 for the closed forms.
  bool converged = true;                 // False when the iteration cap stopped the fit.
  std::optional<double> log_likelihood;  // noise-aware: the penalised L above, at the end.
  double prior_variance = 0;             // noise-aware: the σ0² used.
  std::optional<NumericGoldError> gold;  // When gold values were given.
};

// Each label id's value (VoteTable::NumericLabelValues), failing with a message for aggregation
// that names the first non-numeric label (field "label").
Result<std::vector<double>> NumericValuesForAggregation(const VoteTable& table);

// Reads the label values from the table; fails naming the first non-numeric label, for an
// empty table, and for trim outside [0, 0.5).
// REQUIRES: options.gold is empty or no longer than the item count.
Result<NumericAggregation> AggregateNumeric(const VoteTable& table,
                                            const NumericAggregateOptions& options = {});

// The same on grouped votes with each label id's value given.
// REQUIRES: label ids < label_values.size(), annotator ids < annotator_count, values finite,
// 0 <= options.trim < 0.5, options.prior_votes > 0.
NumericAggregation AggregateNumeric(const ItemVotes& votes, std::span<const double> label_values,
                                    size_t annotator_count,
                                    const NumericAggregateOptions& options = {});

}  // namespace chorus::quality
