#include "quality/truth/dawid_skene.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <thread>
#include <vector>

namespace chorus::quality {
namespace {

// Zero probabilities (possible only with smoothing 0) are floored so every log stays finite.
constexpr double kMinProbability = 1e-300;

double SafeLog(double p) { return std::log(p > kMinProbability ? p : kMinProbability); }

enum class Model { kFullConfusion, kOneCoin };

// Everything one fit touches, allocated once; tables are indexed by cell·k + c where
// cell = annotator·k + label given and c is the true class.
struct EmState {
  size_t k = 0;
  size_t items = 0;
  size_t annotators = 0;
  double alpha = 0;
  Model model = Model::kFullConfusion;
  const uint32_t* offsets = nullptr;
  std::vector<uint32_t> cell;  // Per vote.
  std::vector<int32_t> gold;   // Per item (−1 = not gold), or empty.
  std::vector<double> annotator_votes;
  double used_items = 0;             // Items with votes or gold: the priors' denominator.
  std::vector<double> counts;        // n_acl, from the last pass.
  std::vector<double> class_mass;    // Σ_i T_ic, from the last pass.
  std::vector<double> probability;   // π, from the last M-step.
  std::vector<double> log_table;     // log π, from the last M-step.
  std::vector<double> log_prior;     // log p, from the last M-step.
  size_t blocks = 1;                 // Item blocks per pass (see Pass).
  size_t threads = 1;                // Threads that run the blocks.
  std::vector<double> block_counts;  // Per block: its n_acl.
  std::vector<double> block_mass;    // Per block: its Σ_i T_ic.
};

// One item-major pass over items [first, last): the E-step under the current tables (or the
// soft majority vote when `initial`) writes each posterior row once, and the M-step counts are
// gathered into `counts` and `class_mass` (zeroed here) while the item's votes are still in
// cache. Returns the log-likelihood of the range under the tables used.
// K > 0 fixes the class count at compile time so a row lives in registers.
template <size_t K>
double FusedPass(const EmState& s, double* posterior, bool initial, size_t first, size_t last,
                 double* counts, double* class_mass) {
  constexpr bool kFixed = K != 0;
  const size_t k = kFixed ? K : s.k;
  std::fill(counts, counts + s.annotators * k * k, 0.0);
  std::fill(class_mass, class_mass + k, 0.0);
  const uint32_t* offsets = s.offsets;
  const uint32_t* cell = s.cell.data();
  const double* log_table = s.log_table.data();
  const double* log_prior = s.log_prior.data();
  // Local copies keep the compiler from assuming the count stores alias them.
  double local_mass[kFixed ? K : 1] = {};
  double local_row[kFixed ? K : 1] = {};
  double* mass = kFixed ? local_mass : class_mass;
  const bool has_gold = !s.gold.empty();
  const double uniform = 1.0 / static_cast<double>(k);
  // Σ_i log(normaliser_i) as one running product (each factor lies in [1, k]) whose binary
  // exponent is moved out every 16 items: one log per pass instead of one per item.
  double log_likelihood = 0, product = 1;
  int64_t exponent = 0;
  int pending = 0;
  for (size_t i = first; i < last; ++i) {
    double* out = posterior + i * k;
    double* row = kFixed ? local_row : out;
    const uint32_t begin = offsets[i], end = offsets[i + 1];
    const int32_t g = has_gold ? s.gold[i] : -1;
    if (g >= 0) {
      // Gold clamps the truth; its likelihood term is the complete-data one.
      for (size_t c = 0; c < k; ++c) row[c] = 0;
      row[g] = 1;
      if (!initial) {
        double term = log_prior[g];
        for (uint32_t v = begin; v < end; ++v) term += log_table[size_t{cell[v]} * k + g];
        log_likelihood += term;
      }
    } else if (begin == end) {
      for (size_t c = 0; c < k; ++c) out[c] = uniform;
      continue;
    } else if (initial) {
      for (size_t c = 0; c < k; ++c) row[c] = 0;
      for (uint32_t v = begin; v < end; ++v) row[cell[v] % k] += 1;
      const double share = 1.0 / static_cast<double>(end - begin);
      for (size_t c = 0; c < k; ++c) row[c] *= share;
    } else {
      for (size_t c = 0; c < k; ++c) row[c] = log_prior[c];
      for (uint32_t v = begin; v < end; ++v) {
        const double* t = log_table + size_t{cell[v]} * k;
        for (size_t c = 0; c < k; ++c) row[c] += t[c];
      }
      double top, sum;
      if constexpr (K == 2) {
        // Two classes: one exp gives both shares.
        const double d = row[1] - row[0];
        const double e = std::exp(-std::abs(d));
        const double high = 1.0 / (1.0 + e), low = e * high;
        top = d > 0 ? row[1] : row[0];
        sum = 1.0 + e;
        row[0] = d > 0 ? low : high;
        row[1] = d > 0 ? high : low;
      } else {
        top = row[0];
        for (size_t c = 1; c < k; ++c) top = row[c] > top ? row[c] : top;
        sum = 0;
        for (size_t c = 0; c < k; ++c) {
          row[c] = std::exp(row[c] - top);
          sum += row[c];
        }
        const double inverse = 1.0 / sum;
        for (size_t c = 0; c < k; ++c) row[c] *= inverse;
      }
      log_likelihood += top;
      product *= sum;
      if (++pending == 16) {
        int e = 0;
        product = std::frexp(product, &e);
        exponent += e;
        pending = 0;
      }
    }
    if constexpr (kFixed) {
      for (size_t c = 0; c < k; ++c) out[c] = row[c];
    }
    for (size_t c = 0; c < k; ++c) mass[c] += row[c];
    for (uint32_t v = begin; v < end; ++v) {
      double* t = counts + size_t{cell[v]} * k;
      for (size_t c = 0; c < k; ++c) t[c] += row[c];
    }
  }
  if constexpr (kFixed) {
    for (size_t c = 0; c < k; ++c) class_mass[c] = local_mass[c];
  }
  return log_likelihood + std::log(product) + static_cast<double>(exponent) * std::log(2.0);
}

double RangePass(const EmState& s, double* posterior, bool initial, size_t first, size_t last,
                 double* counts, double* class_mass) {
  switch (s.k) {
    case 2: return FusedPass<2>(s, posterior, initial, first, last, counts, class_mass);
    case 3: return FusedPass<3>(s, posterior, initial, first, last, counts, class_mass);
    case 4: return FusedPass<4>(s, posterior, initial, first, last, counts, class_mass);
    case 5: return FusedPass<5>(s, posterior, initial, first, last, counts, class_mass);
    case 6: return FusedPass<6>(s, posterior, initial, first, last, counts, class_mass);
    default: return FusedPass<0>(s, posterior, initial, first, last, counts, class_mass);
  }
}

// A pass over every item. Items are cut into s.blocks contiguous blocks, each counting into its
// own tables, summed in block order afterwards; the blocks depend only on the input's size, so
// the result is the same whatever the number of threads that run them.
double Pass(EmState& s, double* posterior, bool initial) {
  if (s.blocks == 1) {
    return RangePass(s, posterior, initial, 0, s.items, s.counts.data(), s.class_mass.data());
  }
  const size_t table = s.counts.size(), k = s.k;
  std::vector<double> block_log_likelihood(s.blocks);
  const auto run = [&](size_t worker, size_t workers) {
    for (size_t b = worker; b < s.blocks; b += workers) {
      block_log_likelihood[b] =
          RangePass(s, posterior, initial, s.items * b / s.blocks, s.items * (b + 1) / s.blocks,
                    s.block_counts.data() + b * table, s.block_mass.data() + b * k);
    }
  };
  {
    const size_t workers = std::min(s.threads, s.blocks);
    std::vector<std::jthread> threads;
    for (size_t w = 1; w < workers; ++w) threads.emplace_back(run, w, workers);
    run(0, workers);
  }
  std::copy_n(s.block_counts.begin(), table, s.counts.begin());
  std::copy_n(s.block_mass.begin(), k, s.class_mass.begin());
  double log_likelihood = block_log_likelihood[0];
  for (size_t b = 1; b < s.blocks; ++b) {
    const double* counts = s.block_counts.data() + b * table;
    for (size_t j = 0; j < table; ++j) s.counts[j] += counts[j];
    for (size_t c = 0; c < k; ++c) s.class_mass[c] += s.block_mass[b * k + c];
    log_likelihood += block_log_likelihood[b];
  }
  return log_likelihood;
}

// Blocks for a pass: several only when the votes dwarf the count tables each block sums.
size_t BlocksFor(size_t votes, size_t items, size_t table) {
  constexpr size_t kMaxBlocks = 16, kMinVotesPerBlock = size_t{1} << 16;
  const size_t by_votes = votes / std::max(kMinVotesPerBlock, 4 * table);
  return std::clamp<size_t>(std::min(by_votes, items), 1, kMaxBlocks);
}

// Rebuilds π, log π and log p from the counts of the last pass; returns the log-prior penalty
// α Σ log π + α Σ log p of the new parameters (0 when α = 0).
double MStep(EmState& s) {
  const size_t k = s.k, kk = k * k;
  const double alpha = s.alpha, kd = static_cast<double>(k);
  double penalty = 0;
  for (size_t a = 0; a < s.annotators; ++a) {
    const double* n = s.counts.data() + a * kk;
    double* p = s.probability.data() + a * kk;
    double* lp = s.log_table.data() + a * kk;
    if (s.model == Model::kFullConfusion) {
      for (size_t c = 0; c < k; ++c) {
        double total = kd * alpha;
        for (size_t l = 0; l < k; ++l) total += n[l * k + c];
        for (size_t l = 0; l < k; ++l) {
          const double pi = total > 0 ? (n[l * k + c] + alpha) / total : 1.0 / kd;
          p[l * k + c] = pi;
          lp[l * k + c] = SafeLog(pi);
          penalty += alpha * lp[l * k + c];
        }
      }
    } else {
      double correct = 0;
      for (size_t l = 0; l < k; ++l) correct += n[l * k + l];
      const double denominator = s.annotator_votes[a] + kd * alpha;
      double skill = denominator > 0 ? (correct + alpha) / denominator : 1.0 / kd;
      skill = std::clamp(skill, 0.0, 1.0);
      const double wrong = k > 1 ? (1.0 - skill) / (kd - 1) : 0.0;
      const double log_skill = SafeLog(skill), log_wrong = SafeLog(wrong);
      for (size_t l = 0; l < k; ++l) {
        for (size_t c = 0; c < k; ++c) {
          p[l * k + c] = l == c ? skill : wrong;
          lp[l * k + c] = l == c ? log_skill : log_wrong;
        }
      }
      penalty += alpha * log_skill + (k > 1 ? (kd - 1) * alpha * log_wrong : 0.0);
    }
  }
  const double denominator = s.used_items + kd * alpha;
  for (size_t c = 0; c < k; ++c) {
    const double prior = denominator > 0 ? (s.class_mass[c] + alpha) / denominator : 1.0 / kd;
    s.log_prior[c] = SafeLog(prior);
    penalty += alpha * s.log_prior[c];
  }
  return penalty;
}

TruthEstimate Fit(Model model, const ItemVotes& votes, size_t class_count, size_t annotator_count,
                  GoldByItem gold, const DawidSkeneOptions& options) {
  const size_t k = class_count, n = votes.item_count(), kk = k * k;
  TruthEstimate result;
  result.method = model == Model::kFullConfusion ? "ds" : "onecoin";
  result.class_count = k;
  result.labels.assign(n, 0);
  result.tied.assign(n, 0);
  result.confidence.assign(n, 0);
  result.posterior = ProbMatrix(n, k);
  result.annotators.resize(annotator_count);
  for (AnnotatorId a : votes.annotators) {
    assert(a < annotator_count);
    ++result.annotators[a].votes;
  }
  if (k == 0) {
    // No classes means no votes: nothing to estimate.
    result.log_likelihood = 0;
    return result;
  }
  assert(gold.empty() || gold.size() == n);
  assert(annotator_count * k < (size_t{1} << 32));

  EmState s;
  s.k = k;
  s.items = n;
  s.annotators = annotator_count;
  s.alpha = options.smoothing > 0 ? options.smoothing : 0.0;
  s.model = model;
  s.offsets = votes.offsets.data();
  s.cell.resize(votes.labels.size());
  for (size_t v = 0; v < s.cell.size(); ++v) {
    assert(votes.labels[v] < k);
    s.cell[v] = static_cast<uint32_t>(votes.annotators[v] * k + votes.labels[v]);
  }
  if (!gold.empty()) {
    s.gold.assign(n, -1);
    // Out-of-contract gold (too short, or a label ≥ k) is ignored rather than read past.
    for (size_t i = 0; i < std::min(n, gold.size()); ++i) {
      assert(!gold[i].has_value() || *gold[i] < k);
      if (gold[i].has_value() && *gold[i] < k) s.gold[i] = static_cast<int32_t>(*gold[i]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (votes.VotesOn(static_cast<ItemId>(i)) > 0 || (!s.gold.empty() && s.gold[i] >= 0)) {
      s.used_items += 1;
    }
  }
  s.annotator_votes.resize(annotator_count);
  for (size_t a = 0; a < annotator_count; ++a) {
    s.annotator_votes[a] = static_cast<double>(result.annotators[a].votes);
  }
  s.counts.assign(annotator_count * kk, 0.0);
  s.probability.assign(annotator_count * kk, 0.0);
  s.log_table.assign(annotator_count * kk, 0.0);
  s.class_mass.assign(k, 0.0);
  s.log_prior.assign(k, 0.0);
  s.blocks = BlocksFor(s.cell.size(), n, s.counts.size());
  s.threads = options.threads > 0 ? options.threads
                                  : std::max<size_t>(1, std::thread::hardware_concurrency());
  if (s.blocks > 1) {
    s.block_counts.assign(s.blocks * s.counts.size(), 0.0);
    s.block_mass.assign(s.blocks * k, 0.0);
  }

  double* posterior = result.posterior.values.data();
  Pass(s, posterior, /*initial=*/true);
  double penalty = MStep(s);
  const double vote_count = std::max<double>(1.0, static_cast<double>(s.cell.size()));
  const int max_iterations = std::max(1, options.max_iterations);
  double previous = 0;
  result.converged = false;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    const double log_likelihood = Pass(s, posterior, /*initial=*/false) + penalty;
    penalty = MStep(s);
    result.iterations = iteration;
    result.log_likelihood = log_likelihood;
    if (iteration > 1 && std::abs(log_likelihood - previous) / vote_count < options.tolerance) {
      result.converged = true;
      break;
    }
    previous = log_likelihood;
  }

  SetHardLabels(result, options.seed);
  for (size_t a = 0; a < annotator_count; ++a) {
    AnnotatorSkill& skill = result.annotators[a];
    const double* p = s.probability.data() + a * kk;
    const double* counts = s.counts.data() + a * kk;
    skill.confusion.resize(kk);
    double correct = 0;
    for (size_t c = 0; c < k; ++c) {
      correct += counts[c * k + c];
      for (size_t l = 0; l < k; ++l) skill.confusion[c * k + l] = p[l * k + c];
    }
    if (model == Model::kOneCoin) {
      skill.accuracy = p[0];
    } else {
      skill.accuracy = skill.votes > 0 ? std::min(1.0, correct / s.annotator_votes[a])
                                       : 1.0 / static_cast<double>(k);
    }
  }
  return result;
}

}  // namespace

TruthEstimate DawidSkene(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                         GoldByItem gold, const DawidSkeneOptions& options) {
  return Fit(Model::kFullConfusion, votes, class_count, annotator_count, gold, options);
}

TruthEstimate DawidSkene(const VoteTable& table, GoldByItem gold,
                         const DawidSkeneOptions& options) {
  return DawidSkene(GroupByItem(table), table.label_count(), table.annotator_count(), gold,
                    options);
}

TruthEstimate OneCoinDawidSkene(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                                GoldByItem gold, const DawidSkeneOptions& options) {
  return Fit(Model::kOneCoin, votes, class_count, annotator_count, gold, options);
}

TruthEstimate OneCoinDawidSkene(const VoteTable& table, GoldByItem gold,
                                const DawidSkeneOptions& options) {
  return OneCoinDawidSkene(GroupByItem(table), table.label_count(), table.annotator_count(), gold,
                           options);
}

}  // namespace chorus::quality
