#include "quality/agreement/gwet.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "quality/statistic.h"

namespace chorus::quality {
namespace {

// Items with at most this many ratings are grouped by their count in pass 1.
constexpr uint64_t kMaxRatingsPerGroup = 64;

// sum_k r_ik r*_ik = r_i' W r_i for one item. `same` is sum_k r_ik² (the identity-weight
// value). With k fixed and small (K > 0) the dense form unrolls; otherwise only the item's
// non-zero cells are visited (an item's few ratings touch few of many categories), gathered
// without branches into `cells`, a caller-owned buffer of k entries.
template <size_t K>
double WeightedSelfAgreement(const uint32_t* row, size_t k, const std::vector<double>& w,
                             bool weighted, uint64_t same, uint32_t* cells) {
  if (!weighted) return static_cast<double>(same);
  double total = 0.0;
  if constexpr (K > 0) {
    for (size_t c = 0; c < K; ++c) {
      double weighted_count = 0.0;
      for (size_t l = 0; l < K; ++l) weighted_count += w[c * K + l] * row[l];
      total += row[c] * weighted_count;
    }
    return total;
  }
  size_t used = 0;
  for (size_t c = 0; c < k; ++c) {
    cells[used] = static_cast<uint32_t>(c);
    used += row[c] != 0;
  }
  for (size_t a = 0; a < used; ++a) {
    const double ra = row[cells[a]];
    const double* w_row = w.data() + static_cast<size_t>(cells[a]) * k;
    double cross = 0.0;
    for (size_t b = a + 1; b < used; ++b) cross += row[cells[b]] * w_row[cells[b]];
    total += ra * (ra + 2.0 * cross);  // w_cc = 1; W is symmetric.
  }
  return total;
}

struct FirstPass {
  size_t rated = 0;           // Items with >= 1 rating (Gwet's n).
  size_t paired = 0;          // Items with >= 2 ratings (n2).
  double agreement = 0.0;     // sum over paired items of p_a|i.
  std::vector<double> share;  // sum over rated items of r_ik / r_i.
};

// p_a and pi_k in one pass; items are grouped by rating count so that most sums stay exact
// integers with one division per distinct count. K > 0 fixes k at compile time.
template <size_t K>
FirstPass RunFirstPass(const CategoryCounts& counts, const std::vector<double>& w, bool weighted) {
  const size_t k = K > 0 ? K : counts.category_count;
  std::vector<int32_t> group_of(kMaxRatingsPerGroup + 1, -1);
  std::vector<uint64_t> group_r, group_items, group_sum;
  std::vector<double>
      group_agree;  // Per group: sum of r' W r - r (exact integers when unweighted).
  FirstPass pass;
  pass.share.assign(k, 0.0);
  std::vector<uint32_t> cells(weighted ? k : 0);
  const uint32_t* row = counts.counts.data();
  for (size_t i = 0; i < counts.item_count; ++i, row += k) {
    uint64_t r = 0, same = 0;
    for (size_t c = 0; c < k; ++c) {
      r += row[c];
      same += static_cast<uint64_t>(row[c]) * row[c];
    }
    if (r == 0) continue;
    const double self =
        r >= 2 ? WeightedSelfAgreement<K>(row, k, w, weighted, same, cells.data()) : 0.0;
    if (r <= kMaxRatingsPerGroup) {
      int32_t g = group_of[r];
      if (g < 0) {
        g = group_of[r] = static_cast<int32_t>(group_r.size());
        group_r.push_back(r);
        group_items.push_back(0);
        group_agree.push_back(0.0);
        group_sum.resize(group_sum.size() + k, 0);
      }
      ++group_items[g];
      if (r >= 2) group_agree[g] += self - static_cast<double>(r);
      uint64_t* sum = group_sum.data() + static_cast<size_t>(g) * k;
      for (size_t c = 0; c < k; ++c) sum[c] += row[c];
      continue;
    }
    const double rd = static_cast<double>(r);
    ++pass.rated;
    ++pass.paired;
    pass.agreement += (self - rd) / (rd * (rd - 1.0));
    for (size_t c = 0; c < k; ++c) pass.share[c] += row[c] / rd;
  }
  for (size_t g = 0; g < group_r.size(); ++g) {
    const double rd = static_cast<double>(group_r[g]);
    pass.rated += group_items[g];
    if (group_r[g] >= 2) {
      pass.paired += group_items[g];
      pass.agreement += group_agree[g] / (rd * (rd - 1.0));
    }
    for (size_t c = 0; c < k; ++c) pass.share[c] += static_cast<double>(group_sum[g * k + c]) / rd;
  }
  return pass;
}

// Gwet (2008) variance: sum over rated items of (AC*_i - AC)², with f = 0.
template <size_t K>
double SumOfSquaredDeviations(const CategoryCounts& counts, const std::vector<double>& w,
                              bool weighted, const std::vector<double>& pi, double chance_scale,
                              double p_e, double ac, double n, double n2) {
  const size_t k = K > 0 ? K : counts.category_count;
  const double scale = n / n2 / (1.0 - p_e);
  const double slope = 2.0 * (1.0 - ac) / (1.0 - p_e);
  std::vector<uint32_t> cells(weighted ? k : 0);
  double sum_sq = 0.0;
  const uint32_t* row = counts.counts.data();
  for (size_t i = 0; i < counts.item_count; ++i, row += k) {
    uint64_t r = 0, same = 0;
    double in_pi = 0.0;  // sum_k r_ik pi_k.
    for (size_t c = 0; c < k; ++c) {
      r += row[c];
      same += static_cast<uint64_t>(row[c]) * row[c];
      in_pi += row[c] * pi[c];
    }
    if (r == 0) continue;
    const double rd = static_cast<double>(r);
    double ac_i = 0.0;  // Items with one rating: p_a|i = 0 and no p_e term (Gwet 2014, irrCAC).
    if (r >= 2) {
      const double self = WeightedSelfAgreement<K>(row, k, w, weighted, same, cells.data());
      ac_i = scale * ((self - rd) / (rd * (rd - 1.0)) - p_e);
    }
    const double pe_i = chance_scale * (1.0 - in_pi / rd);  // T_w/(q(q-1)) Σ r_ik (1 - pi_k) / r_i.
    const double deviation = ac_i - slope * (pe_i - p_e) - ac;
    sum_sq += deviation * deviation;
  }
  return sum_sq;
}

template <size_t K>
Statistic ComputeGwetAc(const CategoryCounts& counts, const std::vector<double>& w, bool weighted) {
  const size_t q = counts.category_count;
  double weight_total = 0.0;  // T_w.
  for (double x : w) weight_total += x;
  const double chance_scale = weight_total / (static_cast<double>(q) * static_cast<double>(q - 1));

  FirstPass pass = RunFirstPass<K>(counts, w, weighted);
  if (pass.paired == 0) {
    return Statistic::Undefined(
        "no item has two or more ratings, so there is no pair of ratings to compare");
  }
  const double n = static_cast<double>(pass.rated);
  std::vector<double>& pi = pass.share;
  double spread = 0.0;
  for (double& p : pi) {
    p /= n;
    spread += p * (1.0 - p);
  }
  const double p_a = pass.agreement / static_cast<double>(pass.paired);
  const double p_e = chance_scale * spread;
  if (1.0 - p_e < kChanceTolerance) {
    return Statistic::Undefined("chance agreement is 1 under these weights");
  }
  const double ac = (p_a - p_e) / (1.0 - p_e);
  Statistic result = Statistic::Of(ac);
  if (pass.rated < 2) return result;

  const double sum_sq = SumOfSquaredDeviations<K>(counts, w, weighted, pi, chance_scale, p_e, ac, n,
                                                  static_cast<double>(pass.paired));
  result.standard_error = std::sqrt(sum_sq / (n * (n - 1.0)));
  const double half = kZ95AsPublished * *result.standard_error;
  result.ci95 = Interval{std::clamp(ac - half, -1.0, 1.0), std::clamp(ac + half, -1.0, 1.0)};
  return result;
}

}  // namespace

Statistic GwetAc(const CategoryCounts& counts, Weighting weighting,
                 std::span<const double> category_values) {
  const size_t q = counts.category_count;
  if (q < 2) {
    return Statistic::Undefined(
        "the scale has fewer than two categories, so chance agreement is 1");
  }
  const std::vector<double> w = AgreementWeights(weighting, q, category_values);
  const bool weighted = weighting != Weighting::kUnweighted;
  switch (q) {
    case 2: return ComputeGwetAc<2>(counts, w, weighted);
    case 3: return ComputeGwetAc<3>(counts, w, weighted);
    case 4: return ComputeGwetAc<4>(counts, w, weighted);
    case 5: return ComputeGwetAc<5>(counts, w, weighted);
    case 6: return ComputeGwetAc<6>(counts, w, weighted);
    case 7: return ComputeGwetAc<7>(counts, w, weighted);
    case 8: return ComputeGwetAc<8>(counts, w, weighted);
    default: return ComputeGwetAc<0>(counts, w, weighted);
  }
}

}  // namespace chorus::quality
