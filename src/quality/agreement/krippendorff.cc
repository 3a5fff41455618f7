#include "quality/agreement/krippendorff.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <utility>

namespace chorus::quality {
namespace internal {
namespace {

constexpr const char* kOneValueReason =
    "every pairable value is the same, so no disagreement is expected by chance and "
    "alpha cannot tell agreement from chance; it needs items that received different values";

std::string FormatNumber(double v) {
  std::string s = std::to_string(v);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

// Bits of a finite double whose unsigned order is the numeric order; ValueOf inverts it.
uint64_t OrderedBits(double v) {
  if (v == 0) v = 0.0;  // −0 and +0 are one value.
  const uint64_t bits = std::bit_cast<uint64_t>(v);
  return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

double ValueOf(uint64_t key) {
  return std::bit_cast<double>((key >> 63) != 0 ? key & ~(uint64_t{1} << 63) : ~key);
}

// A label with pairable values: its ordered value bits, id and pairable count.
struct UsedLabel {
  uint64_t key;
  LabelId label;
  uint32_t count;
};

// Sorts by key, then label: std::sort when short, else a stable LSD radix sort on 11-bit
// digits (flat passes, skipping digits all items share; 4M reals in about 0.1 s).
void SortByKey(std::vector<UsedLabel>& items) {
  auto less = [](const UsedLabel& a, const UsedLabel& b) {
    return a.key != b.key ? a.key < b.key : a.label < b.label;
  };
  if (items.size() < (1u << 14)) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  constexpr int kBits = 11;
  constexpr uint64_t kMask = (1u << kBits) - 1;
  std::vector<UsedLabel> buffer(items.size());
  std::vector<size_t> start(size_t{1} << kBits);
  for (int shift = 0; shift < 64; shift += kBits) {
    std::fill(start.begin(), start.end(), 0);
    for (const UsedLabel& item : items) ++start[(item.key >> shift) & kMask];
    if (std::count(start.begin(), start.end(), items.size()) == 1) continue;
    size_t total = 0;
    for (size_t& s : start) total += std::exchange(s, total);
    for (const UsedLabel& item : items) buffer[start[(item.key >> shift) & kMask]++] = item;
    items.swap(buffer);
  }
}

// Σ_u Σ_{i≠j} [x_i ≠ x_j] / (m_u − 1): per-unit category counts in a reused scratch.
double NominalObserved(const ItemVotes& votes, size_t label_count) {
  std::vector<uint32_t> in_unit(label_count, 0);
  double sum = 0;
  for (size_t u = 0; u < votes.item_count(); ++u) {
    const uint32_t begin = votes.offsets[u], end = votes.offsets[u + 1];
    const uint64_t m = end - begin;
    if (m < 2) continue;
    uint64_t squares = 0;  // Σ_c n_uc², grown as (c + 1)² − c² = 2c + 1.
    for (uint32_t k = begin; k < end; ++k) squares += 2 * uint64_t{in_unit[votes.labels[k]]++} + 1;
    for (uint32_t k = begin; k < end; ++k) in_unit[votes.labels[k]] = 0;
    sum += static_cast<double>(m * m - squares) / static_cast<double>(m - 1);
  }
  return sum;
}

// Σ_u Σ_{i≠j} (y_i − y_j)² / (m_u − 1) = Σ_u 2 (m_u Σd² − (Σd)²) / (m_u − 1), d = y − y_first.
double SquaredObserved(const ItemVotes& votes, std::span<const double> coordinate) {
  double sum = 0;
  for (size_t u = 0; u < votes.item_count(); ++u) {
    const uint32_t begin = votes.offsets[u], end = votes.offsets[u + 1];
    const uint32_t m = end - begin;
    if (m < 2) continue;
    const double shift = coordinate[votes.labels[begin]];
    double s1 = 0, s2 = 0;
    for (uint32_t k = begin + 1; k < end; ++k) {
      const double d = coordinate[votes.labels[k]] - shift;
      s1 += d;
      s2 += d * d;
    }
    const double pair_sum = 2 * (m * s2 - s1 * s1);
    if (pair_sum > 0) sum += pair_sum / (m - 1);
  }
  return sum;
}

// Σ_u Σ_{i≠j} δ²_ratio(y_i, y_j) / (m_u − 1) over each unit's sorted distinct values.
double RatioObserved(const ItemVotes& votes, std::span<const double> coordinate) {
  std::vector<double> unit;
  std::vector<std::pair<double, uint32_t>> runs;
  double sum = 0;
  for (size_t u = 0; u < votes.item_count(); ++u) {
    const uint32_t begin = votes.offsets[u], end = votes.offsets[u + 1];
    const uint32_t m = end - begin;
    if (m < 2) continue;
    unit.clear();
    for (uint32_t k = begin; k < end; ++k) unit.push_back(coordinate[votes.labels[k]]);
    std::sort(unit.begin(), unit.end());
    runs.clear();
    for (double v : unit) {
      if (runs.empty() || runs.back().first != v) {
        runs.emplace_back(v, 1);
      } else {
        ++runs.back().second;
      }
    }
    double pair_sum = 0;
    for (size_t a = 0; a < runs.size(); ++a) {
      for (size_t b = a + 1; b < runs.size(); ++b) {
        pair_sum += 2.0 * runs[a].second * runs[b].second *
                    Delta(MeasurementLevel::kRatio, runs[a].first, runs[b].first);
      }
    }
    sum += pair_sum / (m - 1);
  }
  return sum;
}

// Σ_c Σ_k n_c n_k δ²_ck over distinct values.
double Expected(MeasurementLevel level, uint64_t n, std::span<const double> coordinate,
                std::span<const uint64_t> count) {
  const double nd = static_cast<double>(n);
  switch (level) {
    case MeasurementLevel::kNominal: {
      double squares = 0;
      for (uint64_t c : count) squares += static_cast<double>(c) * static_cast<double>(c);
      return nd * nd - squares;
    }
    case MeasurementLevel::kOrdinal:
    case MeasurementLevel::kInterval: {
      double mean = 0;
      for (size_t v = 0; v < count.size(); ++v) mean += count[v] * coordinate[v];
      mean /= nd;
      double spread = 0;
      for (size_t v = 0; v < count.size(); ++v) {
        const double d = coordinate[v] - mean;
        spread += count[v] * d * d;
      }
      return 2 * nd * spread;
    }
    case MeasurementLevel::kRatio: {
      double sum = 0;
      for (size_t a = 0; a < count.size(); ++a) {
        double row = 0;
        for (size_t b = a + 1; b < count.size(); ++b) {
          row += count[b] * Delta(level, coordinate[a], coordinate[b]);
        }
        sum += 2.0 * count[a] * row;
      }
      return sum;
    }
  }
  return 0;
}

}  // namespace

AlphaTallies TallyAlpha(const ItemVotes& votes, size_t label_count, MeasurementLevel level,
                        std::span<const double> label_values) {
  AlphaTallies t;
  t.level = level;
  KrippendorffAlphaDetail& detail = t.detail;
  auto undefined = [&t](std::string reason) {
    t.detail.alpha = Statistic::Undefined(std::move(reason));
    return std::move(t);
  };
  const bool numeric = level != MeasurementLevel::kNominal;
  if (numeric && label_values.size() < label_count) {
    return undefined(std::string("") + MeasurementLevelName(level) +
                     " alpha needs a numeric value for each of the " + std::to_string(label_count) +
                     " labels, but got " + std::to_string(label_values.size()));
  }

  // Pass 1: pairable values per label.
  std::vector<uint32_t> per_label(label_count, 0);
  uint64_t n = 0;
  for (size_t u = 0; u < votes.item_count(); ++u) {
    const uint32_t begin = votes.offsets[u], end = votes.offsets[u + 1];
    if (end - begin < 2) continue;
    ++detail.pairable_units;
    n += end - begin;
    for (uint32_t k = begin; k < end; ++k) {
      const LabelId label = votes.labels[k];
      if (label >= label_count) {
        return undefined("label id " + std::to_string(label) +
                         " is not below the label count " + std::to_string(label_count));
      }
      ++per_label[label];
    }
  }
  detail.pairable_values = n;
  if (detail.pairable_units == 0) {
    return undefined(
        "no item has values from two or more annotators, so there is no pair of "
        "values to compare");
  }

  // Used labels, in increasing order of value for the numeric levels.
  std::vector<UsedLabel> used;
  for (LabelId label = 0; label < label_count; ++label) {
    if (per_label[label] == 0) continue;
    if (!numeric) {
      used.push_back({0, label, per_label[label]});
      continue;
    }
    const double value = label_values[label];
    if (!std::isfinite(value)) {
      return undefined("label id " + std::to_string(label) +
                       " has no finite numeric value; " + MeasurementLevelName(level) +
                       " alpha needs numeric labels (use nominal for categories)");
    }
    if (level == MeasurementLevel::kRatio && value < 0) {
      return undefined("ratio alpha needs non-negative values, but label id " +
                       std::to_string(label) + " is " + FormatNumber(value) +
                       "; use interval for values that can be negative");
    }
    used.push_back({OrderedBits(value), label, per_label[label]});
  }
  if (numeric) SortByKey(used);

  // Distinct values in increasing order; labels with equal numeric values share one.
  t.label_value.assign(label_count, kNoValue);
  for (const UsedLabel& u : used) {
    if (t.value_count.empty() || !numeric || ValueOf(u.key) != t.value_coordinate.back()) {
      t.value_coordinate.push_back(numeric ? ValueOf(u.key)
                                           : static_cast<double>(t.value_count.size()));
      t.value_count.push_back(0);
    }
    t.value_count.back() += u.count;
    t.label_value[u.label] = static_cast<uint32_t>(t.value_count.size() - 1);
  }
  detail.distinct_values = t.value_count.size();
  if (detail.distinct_values < 2) return undefined(kOneValueReason);

  if (level == MeasurementLevel::kOrdinal) {
    // Mid-ranks: (Σ_{g=c..k} n_g − (n_c + n_k)/2)² = (r_k − r_c)².
    double below = 0;
    for (size_t v = 0; v < t.value_count.size(); ++v) {
      const double count = static_cast<double>(t.value_count[v]);
      t.value_coordinate[v] = below + count / 2;
      below += count;
    }
  }
  t.label_coordinate.assign(label_count, 0.0);
  for (const UsedLabel& u : used) {
    t.label_coordinate[u.label] = t.value_coordinate[t.label_value[u.label]];
  }

  double observed = 0;
  switch (level) {
    case MeasurementLevel::kNominal: observed = NominalObserved(votes, label_count); break;
    case MeasurementLevel::kOrdinal:
    case MeasurementLevel::kInterval: observed = SquaredObserved(votes, t.label_coordinate); break;
    case MeasurementLevel::kRatio: observed = RatioObserved(votes, t.label_coordinate); break;
  }
  const double expected = Expected(level, n, t.value_coordinate, t.value_count);
  if (!(expected > 0)) return undefined(kOneValueReason);

  const double nd = static_cast<double>(n);
  detail.observed_disagreement = observed / nd;
  detail.expected_disagreement = expected / (nd * (nd - 1));
  detail.alpha = Statistic::Of(1.0 - (nd - 1) * observed / expected);
  return t;
}

}  // namespace internal

KrippendorffAlphaDetail KrippendorffAlphaDetailed(const ItemVotes& votes, size_t label_count,
                                                  MeasurementLevel level,
                                                  std::span<const double> label_values) {
  return internal::TallyAlpha(votes, label_count, level, label_values).detail;
}

Statistic KrippendorffAlpha(const ItemVotes& votes, size_t label_count, MeasurementLevel level,
                            std::span<const double> label_values) {
  return KrippendorffAlphaDetailed(votes, label_count, level, label_values).alpha;
}

}  // namespace chorus::quality
