// The inputs of chorus_quality_bench, built once per process outside the timed loops.
//
// Sizes are the targets (alpha: 50 annotators × 100,000 units, 20% missing; Fleiss:
// 1,000,000 items × 5 ratings; ingestion: a 5,000,000-line CSV), multiplied by the
// environment variable CHORUS_BENCH_SCALE (default 1; bench/run_all.sh --smoke uses 0.02).
// Thread-safety: the accessors build on first use and are not meant for concurrent first
// calls (Google Benchmark runs one benchmark at a time).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/vote_generator.h"
#include "quality/vote_table.h"

namespace chorus::bench {

// CHORUS_BENCH_SCALE, or 1 when unset or not a positive number.
double BenchScale();

// 50 annotators, 100,000·scale units, 20% missing, integer labels 1..5.
VoteGeneratorOptions AlphaOptions();
// A pool of 50 annotators, 1,000,000·scale items, 5 annotators an item, 5 categories.
VoteGeneratorOptions FleissOptions();

struct AlphaInput {
  quality::VoteTable table;
  quality::ItemVotes votes;          // GroupByItem(table).
  std::vector<double> label_values;  // table.NumericLabelValues().
};
const AlphaInput& GetAlphaInput();

struct FleissInput {
  quality::VoteTable table;        // Votes in item order, as the generator writes them.
  quality::VoteTable shuffled;     // The same votes in a random order.
  quality::CategoryCounts counts;  // CountByItem(table).
};
const FleissInput& GetFleissInput();

// A long-format CSV of the Fleiss votes (5,000,001 lines at scale 1) in a temporary
// directory that is removed when the process exits.
struct CsvInput {
  std::string path;
  uint64_t bytes = 0;
  uint64_t lines = 0;
};
const CsvInput& GetFleissCsv();

// Builds a vote table from generated votes; item, annotator and label ids equal the
// generator's indices (names interned in index order first).
quality::VoteTable MakeTable(const VoteGeneratorOptions& options);

}  // namespace chorus::bench
