// Benchmarks of the statistics engine on inputs built once outside the timed loops
// (bench/bench_inputs.h): Krippendorff's alpha, Fleiss' kappa, Randolph's kappa, Gwet's AC1,
// the pairwise annotator matrix, and the VoteTable → ItemVotes / CategoryCounts conversions.
// items_per_second is votes (or items for the count-based statistics) per second;
// bytes_per_second counts the input columns each statistic reads once.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench/bench_inputs.h"
#include "quality/agreement/annotator_agreement.h"
#include "quality/agreement/fleiss.h"
#include "quality/agreement/gwet.h"
#include "quality/agreement/krippendorff.h"
#include "quality/agreement/measurement_level.h"
#include "quality/vote_table.h"

namespace chorus::bench {
namespace {

using quality::MeasurementLevel;

void SetAlphaCounters(benchmark::State& state, const AlphaInput& input) {
  const auto votes = static_cast<int64_t>(input.votes.labels.size());
  const auto items = static_cast<int64_t>(input.votes.item_count());
  state.SetItemsProcessed(state.iterations() * votes);
  // Alpha reads the offsets and the label column.
  state.SetBytesProcessed(state.iterations() * (4 * (items + 1) + 4 * votes));
  state.counters["votes"] = static_cast<double>(votes);
  state.counters["items"] = static_cast<double>(items);
  state.counters["annotators"] = static_cast<double>(input.table.annotator_count());
}

void BM_KrippendorffAlpha(benchmark::State& state, MeasurementLevel level) {
  const AlphaInput& input = GetAlphaInput();
  double value = 0;
  for (auto _ : state) {
    quality::Statistic alpha = quality::KrippendorffAlpha(input.votes, input.table.label_count(),
                                                          level, input.label_values);
    benchmark::DoNotOptimize(alpha);
    value = alpha.value.value_or(-99);
  }
  SetAlphaCounters(state, input);
  state.counters["value"] = value;
}
BENCHMARK_CAPTURE(BM_KrippendorffAlpha, nominal, MeasurementLevel::kNominal)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_KrippendorffAlpha, interval, MeasurementLevel::kInterval)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_KrippendorffAlpha, ordinal, MeasurementLevel::kOrdinal)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void SetCountCounters(benchmark::State& state, const FleissInput& input) {
  const quality::CategoryCounts& counts = input.counts;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(counts.item_count));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(4 * counts.counts.size()));
  state.counters["items"] = static_cast<double>(counts.item_count);
  state.counters["categories"] = static_cast<double>(counts.category_count);
  state.counters["votes"] = static_cast<double>(input.table.size());
}

void BM_FleissKappa(benchmark::State& state) {
  const FleissInput& input = GetFleissInput();
  double value = 0;
  for (auto _ : state) {
    quality::FleissKappa kappa = quality::ComputeFleissKappa(input.counts);
    benchmark::DoNotOptimize(kappa);
    value = kappa.kappa.value.value_or(-99);
  }
  SetCountCounters(state, input);
  state.counters["value"] = value;
}
BENCHMARK(BM_FleissKappa)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RandolphKappa(benchmark::State& state) {
  const FleissInput& input = GetFleissInput();
  double value = 0;
  for (auto _ : state) {
    quality::Statistic kappa = quality::RandolphKappa(input.counts);
    benchmark::DoNotOptimize(kappa);
    value = kappa.value.value_or(-99);
  }
  SetCountCounters(state, input);
  state.counters["value"] = value;
}
BENCHMARK(BM_RandolphKappa)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GwetAc1(benchmark::State& state) {
  const FleissInput& input = GetFleissInput();
  double value = 0;
  for (auto _ : state) {
    quality::Statistic ac1 = quality::GwetAc(input.counts);
    benchmark::DoNotOptimize(ac1);
    value = ac1.value.value_or(-99);
  }
  SetCountCounters(state, input);
  state.counters["value"] = value;
}
BENCHMARK(BM_GwetAc1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PairwiseAnnotatorAgreement(benchmark::State& state) {
  const AlphaInput& input = GetAlphaInput();
  size_t pairs = 0;
  for (auto _ : state) {
    quality::AnnotatorAgreement agreement = quality::ComputeAnnotatorAgreement(
        input.votes, input.table.label_count(), input.table.annotator_count());
    benchmark::DoNotOptimize(agreement);
    pairs = agreement.pairs.size();
  }
  const auto votes = static_cast<int64_t>(input.votes.labels.size());
  const auto items = static_cast<int64_t>(input.votes.item_count());
  state.SetItemsProcessed(state.iterations() * votes);
  state.SetBytesProcessed(state.iterations() * (4 * (items + 1) + 8 * votes));
  state.counters["votes"] = static_cast<double>(votes);
  state.counters["annotators"] = static_cast<double>(input.table.annotator_count());
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_PairwiseAnnotatorAgreement)->Unit(benchmark::kMillisecond)->UseRealTime();

// Arg 1 = the same votes in random order.
const quality::VoteTable& ConversionTable(const benchmark::State& state) {
  const FleissInput& input = GetFleissInput();
  return state.range(0) == 0 ? input.table : input.shuffled;
}

// `columns`: how many of the table's 4-byte columns the conversion reads.
void SetConversionCounters(benchmark::State& state, const quality::VoteTable& table,
                           int64_t columns) {
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(table.size()));
  state.SetBytesProcessed(state.iterations() * columns * 4 * static_cast<int64_t>(table.size()));
  state.counters["votes"] = static_cast<double>(table.size());
  state.counters["items"] = static_cast<double>(table.item_count());
}

void BM_GroupByItem(benchmark::State& state) {
  const quality::VoteTable& table = ConversionTable(state);
  for (auto _ : state) {
    quality::ItemVotes grouped = quality::GroupByItem(table);
    benchmark::DoNotOptimize(grouped);
  }
  SetConversionCounters(state, table, 3);
}
BENCHMARK(BM_GroupByItem)
    ->ArgName("shuffled")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_CountByItem(benchmark::State& state) {
  const quality::VoteTable& table = ConversionTable(state);
  for (auto _ : state) {
    quality::CategoryCounts counts = quality::CountByItem(table);
    benchmark::DoNotOptimize(counts);
  }
  SetConversionCounters(state, table, 2);  // Items and labels.
}
BENCHMARK(BM_CountByItem)
    ->ArgName("shuffled")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace chorus::bench
