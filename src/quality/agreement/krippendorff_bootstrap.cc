#include "quality/agreement/krippendorff_bootstrap.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>
#include <string>

#include "quality/agreement/krippendorff.h"

namespace chorus::quality {
namespace {

using internal::AlphaTallies;

// Above this many distinct values, Q is bounded instead of counted (a V×V bitset).
constexpr size_t kMaxCountedValues = 4096;

// What one pass over the units learns about the pairs of values.
struct PairScan {
  uint64_t annotators = 0;       // Distinct annotators in pairable units.
  uint32_t largest_unit = 0;     // max m_u.
  std::vector<double> diagonal;  // o_cc per distinct value.
  uint64_t cells = 0;            // Q, exact or an upper bound (see the header).
  std::vector<double> upper;     // o_ck + o_kc for c < k, V×V row-major, when exact.
  double fourth_moment_sum = 0;  // Σ_c Σ_k o_ck δ⁴_ck, when drawn from the normal limit.
};

PairScan ScanUnits(const ItemVotes& votes, const AlphaTallies& t, bool dense, bool fourth) {
  const size_t n_values = t.value_count.size();
  PairScan scan;
  scan.diagonal.assign(n_values, 0.0);
  const bool count_cells = n_values <= kMaxCountedValues;
  std::vector<uint64_t> cell_bits(count_cells ? (n_values * n_values + 63) / 64 : 0, 0);
  if (dense) scan.upper.assign(n_values * n_values, 0.0);
  std::vector<uint8_t> seen_annotator;
  std::vector<uint32_t> unit;
  std::vector<std::pair<uint32_t, uint32_t>> runs;  // (value index, count) in the unit
  uint64_t bound = 0;
  for (size_t u = 0; u < votes.item_count(); ++u) {
    const uint32_t begin = votes.offsets[u], end = votes.offsets[u + 1];
    const uint32_t m = end - begin;
    if (m < 2) continue;
    scan.largest_unit = std::max(scan.largest_unit, m);
    unit.clear();
    for (uint32_t k = begin; k < end; ++k) {
      const AnnotatorId a = votes.annotators[k];
      if (a >= seen_annotator.size()) seen_annotator.resize(a + 1, 0);
      scan.annotators += seen_annotator[a] == 0;
      seen_annotator[a] = 1;
      unit.push_back(t.label_value[votes.labels[k]]);
    }
    std::sort(unit.begin(), unit.end());
    runs.clear();
    for (uint32_t v : unit) {
      if (runs.empty() || runs.back().first != v) {
        runs.emplace_back(v, 1);
      } else {
        ++runs.back().second;
      }
    }
    const double weight = 1.0 / (m - 1);
    for (size_t a = 0; a < runs.size(); ++a) {
      const auto [va, ca] = runs[a];
      if (ca > 1) {
        scan.diagonal[va] += weight * ca * (ca - 1.0);
        if (count_cells)
          cell_bits[(va * n_values + va) / 64] |= 1ull << ((va * n_values + va) % 64);
      }
      for (size_t b = a + 1; b < runs.size(); ++b) {
        const auto [vb, cb] = runs[b];
        const size_t cell = va * n_values + vb;
        if (count_cells) cell_bits[cell / 64] |= 1ull << (cell % 64);
        if (dense) scan.upper[cell] += 2.0 * weight * ca * cb;
      }
    }
    bound += runs.size() * (runs.size() - 1);
    if (!fourth) continue;
    if (t.level == MeasurementLevel::kRatio) {
      for (size_t a = 0; a < runs.size(); ++a) {
        for (size_t b = a + 1; b < runs.size(); ++b) {
          const double d = internal::Delta(t.level, t.value_coordinate[runs[a].first],
                                           t.value_coordinate[runs[b].first]);
          scan.fourth_moment_sum += 2.0 * weight * runs[a].second * runs[b].second * d * d;
        }
      }
    } else {
      // Σ_{i,j} (y_i − y_j)⁴ = 2m·S4 − 8·S1·S3 + 6·S2², on values shifted by the first.
      const double shift = t.value_coordinate[unit[0]];
      double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
      for (uint32_t v : unit) {
        const double d = t.value_coordinate[v] - shift;
        s1 += d;
        s2 += d * d;
        s3 += d * d * d;
        s4 += d * d * d * d;
      }
      const double sum = 2 * m * s4 - 8 * s1 * s3 + 6 * s2 * s2;
      if (sum > 0) scan.fourth_moment_sum += weight * sum;
    }
  }
  if (count_cells) {
    for (uint64_t word : cell_bits) scan.cells += std::popcount(word);
    // Bits mark c ≤ k; off-diagonal cells count twice in the square matrix.
    uint64_t diagonal_cells = 0;
    for (double d : scan.diagonal) diagonal_cells += d > 0;
    scan.cells = 2 * scan.cells - diagonal_cells;
  } else {
    for (double d : scan.diagonal) bound += d > 0;
    scan.cells = bound;
  }
  return scan;
}

// A uniform double in [0, 1) from 53 random bits; cheaper than the std distributions.
double Uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// A uniform integer below `n` (n ≤ 2^53; the bias is below n·2^-53).
uint64_t UniformBelow(std::mt19937_64& rng, uint64_t n) {
  return std::min<uint64_t>(n - 1, static_cast<uint64_t>(Uniform01(rng) * static_cast<double>(n)));
}

// δ² values a drawn pair can have, with their probabilities; δ² = 0 first. Pair-by-pair
// draws use Walker's alias table (Vose's construction): O(1) per pair.
struct DeltaGroups {
  std::vector<double> delta;
  std::vector<double> probability;  // Sums to 1.
  std::vector<double> alias_keep;   // Keep column i with this probability, else alias_to[i].
  std::vector<uint32_t> alias_to;
};

void BuildAlias(DeltaGroups& g) {
  const size_t k = g.probability.size();
  g.alias_keep.assign(k, 1.0);
  g.alias_to.resize(k);
  std::vector<double> scaled(k);
  std::vector<uint32_t> small, large;
  for (size_t i = 0; i < k; ++i) {
    g.alias_to[i] = static_cast<uint32_t>(i);
    scaled[i] = g.probability[i] * k;
    (scaled[i] < 1 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back(), l = large.back();
    small.pop_back();
    g.alias_keep[s] = scaled[s];
    g.alias_to[s] = l;
    scaled[l] -= 1 - scaled[s];
    if (scaled[l] < 1) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers are 1 up to rounding.
}

DeltaGroups GroupDeltas(const AlphaTallies& t, const PairScan& scan, double diagonal_probability) {
  DeltaGroups g;
  const double n = static_cast<double>(t.detail.pairable_values);
  std::vector<std::pair<double, double>> cells;  // (δ², probability)
  if (t.level == MeasurementLevel::kNominal) {
    cells.emplace_back(1.0, std::max(0.0, 1.0 - diagonal_probability));
  } else {
    const size_t n_values = t.value_count.size();
    for (size_t a = 0; a < n_values; ++a) {
      for (size_t b = a + 1; b < n_values; ++b) {
        const double mass = scan.upper[a * n_values + b];
        if (mass <= 0) continue;
        cells.emplace_back(internal::Delta(t.level, t.value_coordinate[a], t.value_coordinate[b]),
                           mass / n);
      }
    }
    std::sort(cells.begin(), cells.end());
  }
  g.delta.push_back(0.0);
  g.probability.push_back(diagonal_probability);
  for (const auto& [delta, p] : cells) {
    if (delta == g.delta.back()) {
      g.probability.back() += p;
    } else {
      g.delta.push_back(delta);
      g.probability.push_back(p);
    }
  }
  double total = 0;
  for (double p : g.probability) total += p;
  for (double& p : g.probability) p /= total;
  BuildAlias(g);
  return g;
}

// One resample's Σ δ² and whether all its pairs had δ² = 0.
struct Draw {
  double delta_sum = 0;
  bool all_agree = false;
};

Draw DrawFromGroups(const DeltaGroups& g, uint64_t draws, std::mt19937_64& rng) {
  Draw d;
  uint64_t agreeing = 0;
  const size_t k = g.delta.size();
  // A binomial costs about as much as several alias draws.
  if (draws <= 8 * k) {
    for (uint64_t i = 0; i < draws; ++i) {
      const uint64_t column = UniformBelow(rng, k);
      const size_t group = Uniform01(rng) < g.alias_keep[column] ? column : g.alias_to[column];
      d.delta_sum += g.delta[group];
      agreeing += group == 0;
    }
  } else {
    // Multinomial counts by conditional binomials.
    uint64_t left = draws;
    double mass_left = 1.0;
    for (size_t i = 0; i < k && left > 0; ++i) {
      const double p = g.probability[i];
      uint64_t count = left;
      const double share = mass_left > 0 ? p / mass_left : 1.0;
      if (i + 1 < k && share < 1) {
        count = share <= 0 ? 0 : std::binomial_distribution<uint64_t>(left, share)(rng);
      }
      d.delta_sum += static_cast<double>(count) * g.delta[i];
      if (i == 0) agreeing = count;
      left -= count;
      mass_left -= p;
    }
  }
  d.all_agree = agreeing == draws;
  return d;
}

// Pairable units as cumulative value counts, for drawing a value uniformly.
struct UnitIndex {
  std::vector<uint64_t> first_value;  // Σ m over earlier pairable units; one past the end.
  std::vector<uint32_t> offset;       // Offset of the unit's votes.
};

UnitIndex IndexUnits(const ItemVotes& votes) {
  UnitIndex index;
  uint64_t total = 0;
  for (size_t u = 0; u < votes.item_count(); ++u) {
    const uint32_t begin = votes.offsets[u], end = votes.offsets[u + 1];
    if (end - begin < 2) continue;
    index.first_value.push_back(total);
    index.offset.push_back(begin);
    total += end - begin;
  }
  index.first_value.push_back(total);
  return index;
}

Draw DrawPairs(const ItemVotes& votes, const AlphaTallies& t, const UnitIndex& index,
               uint64_t draws, std::mt19937_64& rng) {
  const uint64_t n = index.first_value.back();
  Draw d;
  d.all_agree = true;
  double first = 0;
  for (uint64_t i = 0; i < draws; ++i) {
    const uint64_t r = UniformBelow(rng, n);
    const size_t unit = std::upper_bound(index.first_value.begin(), index.first_value.end(), r) -
                        index.first_value.begin() - 1;
    const uint64_t m = index.first_value[unit + 1] - index.first_value[unit];
    const uint64_t own = r - index.first_value[unit];
    uint64_t other = UniformBelow(rng, m - 1);
    if (other >= own) ++other;
    const double a = t.label_coordinate[votes.labels[index.offset[unit] + own]];
    const double b = t.label_coordinate[votes.labels[index.offset[unit] + other]];
    d.delta_sum += internal::Delta(t.level, a, b);
    if (i == 0) first = a;
    d.all_agree = d.all_agree && a == b && a == first;
  }
  return d;
}

}  // namespace

Result<AlphaBootstrap> KrippendorffAlphaBootstrap(const ItemVotes& votes, size_t label_count,
                                                  MeasurementLevel level,
                                                  std::span<const double> label_values,
                                                  const AlphaBootstrapOptions& options) {
  if (options.samples < 1) {
    return InvalidArgument("the bootstrap needs at least 1 sample (KALPHA uses 1000 or more)",
                           "samples");
  }
  for (double a : options.alpha_min) {
    if (!(a >= -1 && a <= 1)) {
      return InvalidArgument("alpha_min must lie between -1 and 1", "alpha_min");
    }
  }
  const AlphaTallies t = internal::TallyAlpha(votes, label_count, level, label_values);
  AlphaBootstrap out;
  out.alpha = t.detail.alpha;
  if (!out.alpha.defined()) return out;

  const size_t n_values = t.value_count.size();
  const bool exact = level == MeasurementLevel::kNominal || n_values <= options.max_exact_values;
  const uint64_t n = t.detail.pairable_values;
  const PairScan scan = ScanUnits(votes, t, exact && level != MeasurementLevel::kNominal, !exact);
  const uint64_t coders = std::max<uint64_t>(scan.annotators, scan.largest_unit);
  const uint64_t cap = (coders - 1) * n / 2;
  const uint64_t draws = std::max<uint64_t>(1, std::min<uint64_t>(25 * scan.cells, cap));
  out.draws_per_sample = draws;
  const bool normal = !exact && draws > options.max_direct_draws;

  const double nd = static_cast<double>(n);
  double diagonal_probability = 0;
  for (double o : scan.diagonal) diagonal_probability += o / nd;
  // P(all M agreeing pairs fall in one diagonal cell | all agree) = Σ_c (o_cc / Σ o_gg)^M.
  double one_cell = 0;
  if (diagonal_probability > 0) {
    for (double o : scan.diagonal) {
      if (o > 0) {
        one_cell += std::exp(static_cast<double>(draws) * std::log(o / nd / diagonal_probability));
      }
    }
  }
  const double expected = t.detail.expected_disagreement;
  const double observed = t.detail.observed_disagreement;

  DeltaGroups groups;
  if (exact) groups = GroupDeltas(t, scan, diagonal_probability);
  UnitIndex index;
  if (!exact && !normal) index = IndexUnits(votes);
  double spread = 0;  // Standard deviation of the mean δ² of M pairs.
  if (normal) {
    const double variance = scan.fourth_moment_sum / nd - observed * observed;
    spread = std::sqrt(std::max(0.0, variance) / static_cast<double>(draws));
  }

  std::mt19937_64 rng(options.seed);
  std::normal_distribution<double> standard_normal(0.0, 1.0);
  out.distribution.resize(options.samples);
  for (double& alpha : out.distribution) {
    if (normal) {
      alpha = 1 - (observed + spread * standard_normal(rng)) / expected;
    } else {
      const Draw d =
          exact ? DrawFromGroups(groups, draws, rng) : DrawPairs(votes, t, index, draws, rng);
      alpha = 1 - d.delta_sum / (static_cast<double>(draws) * expected);
      // No variation in the resample: KALPHA counts it as alpha 0.
      if (d.all_agree && (!exact || Uniform01(rng) < one_cell)) alpha = 0;
    }
    alpha = std::max(alpha, -1.0);
  }
  std::sort(out.distribution.begin(), out.distribution.end());

  const size_t b = out.distribution.size();
  const size_t low = static_cast<size_t>(std::floor(0.025 * b));
  const size_t high = static_cast<size_t>(std::floor(0.975 * b));
  out.ci95.low = out.distribution[low > 0 ? low - 1 : 0];
  out.ci95.high = out.distribution[std::min(high, b - 1)];
  out.alpha.ci95 = out.ci95;
  for (double a : options.alpha_min) {
    const size_t below = std::lower_bound(out.distribution.begin(), out.distribution.end(), a) -
                         out.distribution.begin();
    out.probability_below.emplace_back(a, static_cast<double>(below) / b);
  }
  out.samples = options.samples;
  return out;
}

}  // namespace chorus::quality
