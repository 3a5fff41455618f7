// Truth inference on generated crowds: 1,000 annotators of mixed accuracy (0.7 ± 0.3, so from
// near-adversarial to perfect), 5 votes an item, 2 or 5 classes, 100k to 5M votes (× the
// CHORUS_BENCH_SCALE). Inputs (ItemVotes) are built outside the timed loop. For the EM
// methods bytes_per_second counts, per iteration, one read of the vote columns and one
// write and read of the posterior in each of the E- and M-step: 2 × (8·votes + 8·items·k).
#include <benchmark/benchmark.h>

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
  const auto items = static_cast<double>(input.table.item_count());
  int iterations = 0;
  for (auto _ : state) {
    quality::TruthEstimate estimate =
        fit(input.votes, input.table.label_count(), input.table.annotator_count());
    benchmark::DoNotOptimize(estimate);
    iterations = estimate.iterations;
  }
  const double passes = iterations > 0 ? iterations : 1;
  const double bytes = passes * 2 * (8 * votes + 8 * items * static_cast<double>(state.range(1)));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(votes));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
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
