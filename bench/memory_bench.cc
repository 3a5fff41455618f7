// The memory-bandwidth reference: one thread summing a 1 GiB array, far larger than any
// cache, so bytes/s here is what a single pass over a flat column can reach on this machine.
// docs/benchmarks.md states each statistic's throughput as a share of this figure.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "bench/bench_inputs.h"

namespace chorus::bench {
namespace {

constexpr size_t kBytes = size_t{1} << 30;

// One buffer of doubles equal to 1.0, viewed as uint32 or double. Touched once so the timed
// loops measure reads from memory, not page faults.
const double* Buffer(size_t* bytes) {
  static const size_t size = [] {
    const double scaled = static_cast<double>(kBytes) * BenchScale();
    const size_t n = scaled < (1 << 26) ? size_t{1} << 26 : static_cast<size_t>(scaled);
    return n & ~size_t{63};
  }();
  static const double* data = [] {
    auto* array = new double[size / sizeof(double)];
    for (size_t i = 0; i < size / sizeof(double); ++i) array[i] = 1.0;
    return array;
  }();
  *bytes = size;
  return data;
}

void BM_MemoryBandwidthSumU32(benchmark::State& state) {
  size_t bytes = 0;
  const auto* data = reinterpret_cast<const uint32_t*>(Buffer(&bytes));
  const size_t n = bytes / sizeof(uint32_t);
  for (auto _ : state) {
    uint64_t sum = 0;
    for (size_t i = 0; i < n; ++i) sum += data[i];
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_MemoryBandwidthSumU32)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MemoryBandwidthSumF64(benchmark::State& state) {
  size_t bytes = 0;
  const double* data = Buffer(&bytes);
  const size_t n = bytes / sizeof(double);
  for (auto _ : state) {
    // Eight accumulators hide the add latency; without -ffast-math one would be latency-bound.
    double s[8] = {};
    for (size_t i = 0; i < n; i += 8) {
      for (int k = 0; k < 8; ++k) s[k] += data[i + k];
    }
    double sum = s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6] + s[7];
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_MemoryBandwidthSumF64)->Unit(benchmark::kMillisecond)->UseRealTime();

// Copies the reference buffer into another of the same size with memcpy, split over
// state.range(0) threads; bytes count what is read and what is written (2 × the buffer), as
// an EM pass that reads votes and writes posteriors does.
void BM_MemoryBandwidthCopy(benchmark::State& state) {
  size_t bytes = 0;
  const auto* source = reinterpret_cast<const char*>(Buffer(&bytes));
  static std::vector<char> target(bytes, 1);  // Touched here, outside the timed loop.
  const auto threads = static_cast<size_t>(state.range(0));
  const size_t share = bytes / threads;
  for (auto _ : state) {
    std::vector<std::thread> workers;
    for (size_t t = 0; t < threads; ++t) {
      workers.emplace_back(
          [&, t] { std::memcpy(target.data() + t * share, source + t * share, share); });
    }
    for (std::thread& worker : workers) worker.join();
    benchmark::DoNotOptimize(target.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 2 * share * threads));
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_MemoryBandwidthCopy)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace chorus::bench
