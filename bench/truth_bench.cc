// Truth inference on generated crowds: 1,000 annotators of mixed accuracy (0.7 ± 0.3, so from
// near-adversarial to perfect), 5 votes an item, 2 or 5 classes, 100k to 5M votes (× the
// CHORUS_BENCH_SCALE). Inputs (ItemVotes) are built outside the timed loop. Whole fits report
// votes/s only; BM_DawidSkeneIteration times one EM iteration alone and counts the bytes it
// touches, for the comparison with the memory bandwidth.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <utility>

#include "bench/bench_inputs.h"
#include "quality/truth/dawid_skene.h"
#include "quality/truth/glad.h"
#include "quality/truth/mace.h"
#include "quality/truth/majority_vote.h"
#include "quality/truth/wawa.h"

namespace chorus::bench {
namespace {

struct TruthInput {
  quality::VoteTable table;
  quality::ItemVotes votes;
};

const TruthInput& GetTruthInput(int64_t votes, int64_t classes) {
  static std::map<std::pair<int64_t, int64_t>, TruthInput> inputs;
  auto [it, inserted] = inputs.try_emplace({votes, classes});
  if (inserted) {
    VoteGeneratorOptions options;
    options.annotators = 1000;
    options.per_item = 5;
    options.items = static_cast<uint64_t>(static_cast<double>(votes) * BenchScale() / 5);
    options.categories = static_cast<uint32_t>(classes);
    options.accuracy = 0.7;
    options.accuracy_spread = 0.3;
    options.seed = 17;
    it->second.table = MakeTable(options);
    it->second.votes = quality::GroupByItem(it->second.table);
  }
  return it->second;
}

template <typename Fit>
void RunTruth(benchmark::State& state, Fit fit) {
  const TruthInput& input = GetTruthInput(state.range(0), state.range(1));
  const auto votes = static_cast<double>(input.table.size());
  int iterations = 0;
  for (auto _ : state) {
    quality::TruthEstimate estimate =
        fit(input.votes, input.table.label_count(), input.table.annotator_count());
    benchmark::DoNotOptimize(estimate);
    iterations = estimate.iterations;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(votes));
  state.counters["votes"] = votes;
  state.counters["classes"] = static_cast<double>(state.range(1));
  state.counters["em_iterations"] = iterations;
}

void BM_MajorityVote(benchmark::State& state) {
  RunTruth(state, [](const auto& v, size_t k, size_t a) { return quality::MajorityVote(v, k, a); });
}
void BM_Wawa(benchmark::State& state) {
  RunTruth(state, [](const auto& v, size_t k, size_t a) { return quality::Wawa(v, k, a); });
}
void BM_DawidSkene(benchmark::State& state) {
  RunTruth(state, [](const auto& v, size_t k, size_t a) { return quality::DawidSkene(v, k, a); });
}
void BM_OneCoinDawidSkene(benchmark::State& state) {
  RunTruth(state,
           [](const auto& v, size_t k, size_t a) { return quality::OneCoinDawidSkene(v, k, a); });
}
void BM_Glad(benchmark::State& state) {
  RunTruth(state, [](const auto& v, size_t k, size_t a) { return quality::Glad(v, k, a); });
}
void BM_Mace(benchmark::State& state) {
  RunTruth(state, [](const auto& v, size_t k, size_t a) { return quality::Mace(v, k, a); });
}

// One EM iteration of Dawid-Skene, without the setup: the time of a fit capped at 1 + n
// iterations minus that of a fit capped at 1, over n (tolerance 0, so neither stops early).
// Bytes are the header's count of main memory touched per iteration (dawid_skene.h):
// 4·votes (cells) + 4·(items + 1) (offsets) + 8·k·items (posterior written).
void BM_DawidSkeneIteration(benchmark::State& state) {
  const TruthInput& input = GetTruthInput(state.range(0), state.range(1));
  constexpr int kExtra = 10;
  const auto fit = [&](int iterations) {
    quality::DawidSkeneOptions options;
    options.max_iterations = iterations;
    options.tolerance = 0;
    const auto start = std::chrono::steady_clock::now();
    quality::TruthEstimate estimate = quality::DawidSkene(
        input.votes, input.table.label_count(), input.table.annotator_count(), {}, options);
    benchmark::DoNotOptimize(estimate);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  for (auto _ : state) {
    const double one = fit(1);
    state.SetIterationTime(std::max(0.0, fit(1 + kExtra) - one) / kExtra);
  }
  const auto votes = static_cast<double>(input.table.size());
  const auto items = static_cast<double>(input.table.item_count());
  const double bytes =
      4 * votes + 4 * (items + 1) + 8 * items * static_cast<double>(state.range(1));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(votes));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
  state.counters["votes"] = votes;
  state.counters["classes"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_DawidSkeneIteration)
    ->ArgsProduct({{1'000'000, 5'000'000}, {2, 5}})
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

// Arguments: {votes, classes}.
#define CHORUS_TRUTH_BENCH(fn, ...) \
  BENCHMARK(fn)->ArgsProduct({{__VA_ARGS__}, {2, 5}})->Unit(benchmark::kMillisecond)->UseRealTime()

CHORUS_TRUTH_BENCH(BM_MajorityVote, 1'000'000, 5'000'000);
CHORUS_TRUTH_BENCH(BM_Wawa, 1'000'000, 5'000'000);
CHORUS_TRUTH_BENCH(BM_DawidSkene, 1'000'000, 5'000'000);
CHORUS_TRUTH_BENCH(BM_OneCoinDawidSkene, 1'000'000, 5'000'000);
CHORUS_TRUTH_BENCH(BM_Glad, 100'000, 1'000'000);
CHORUS_TRUTH_BENCH(BM_Mace, 100'000, 1'000'000);

}  // namespace
}  // namespace chorus::bench
