// Ingestion: ReadLongVotes on a generated long-format CSV (5,000,001 lines at scale 1), and
// the floor any reader must pay: reading the same file in 1 MiB blocks and counting its lines.
// The file is written once to a temporary directory and read from the page cache, so these
// measure parsing and interning, not the disk.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bench/bench_inputs.h"
#include "quality/ingest/vote_reader.h"

namespace chorus::bench {
namespace {

void SetFileCounters(benchmark::State& state, const CsvInput& csv) {
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(csv.bytes));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(csv.lines));
  state.counters["lines"] = static_cast<double>(csv.lines);
  state.counters["file_bytes"] = static_cast<double>(csv.bytes);
}

void BM_ReadLongVotes(benchmark::State& state) {
  const CsvInput& csv = GetFleissCsv();
  quality::VoteReadOptions options;
  options.format = quality::VoteFormat::kCsv;
  for (auto _ : state) {
    auto file = quality::ReadLongVotes(csv.path, options);
    if (!file.ok()) {
      state.SkipWithError(file.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(file->table);
  }
  SetFileCounters(state, csv);
}
BENCHMARK(BM_ReadLongVotes)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadFileCountLines(benchmark::State& state) {
  const CsvInput& csv = GetFleissCsv();
  std::vector<char> block(size_t{1} << 20);
  for (auto _ : state) {
    const int fd = ::open(csv.path.c_str(), O_RDONLY);
    if (fd < 0) {
      state.SkipWithError("cannot open the generated CSV");
      break;
    }
    uint64_t lines = 0;
    ssize_t n = 0;
    while ((n = ::read(fd, block.data(), block.size())) > 0) {
      lines += static_cast<uint64_t>(std::count(block.data(), block.data() + n, '\n'));
    }
    ::close(fd);
    benchmark::DoNotOptimize(lines);
  }
  SetFileCounters(state, csv);
}
BENCHMARK(BM_ReadFileCountLines)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace chorus::bench
