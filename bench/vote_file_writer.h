// WriteVoteFile: writes generated votes as a CSV file, fast (about 5 million lines a second).
//
// Layouts: long format (header "item,annotator,label", one vote a line, item by item), and the
// two reliability-matrix layouts that `chorus agreement --wide` reads: annotators as rows
// (header "annotator,i0,i1,...") or, with --units-as-rows, units as rows (header
// "item,a0,a1,..."); an empty cell is a missing vote. The wide layouts hold the whole matrix
// in memory (2 bytes a cell) before writing.
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <string>

#include "bench/vote_generator.h"
#include "core/status.h"

namespace chorus::bench {

enum class VoteFileLayout { kLong, kWideAnnotatorRows, kWideUnitRows };

struct WriteStats {
  uint64_t votes = 0;  // Votes written.
  uint64_t lines = 0;  // Lines written, the header included.
  uint64_t bytes = 0;  // Bytes written.
};

// Writes the votes of `options` to `path` ("-" for standard output).
Result<WriteStats> WriteVoteFile(const VoteGeneratorOptions& options, VoteFileLayout layout,
                                 const std::string& path);

// Writes the true label of every item the same options generate: "item,label".
Result<WriteStats> WriteTruthFile(const VoteGeneratorOptions& options, const std::string& path);

// Writes how every annotator answers: "annotator,kind,accuracy,label", kind honest, spammer or
// adversary, accuracy as drawn (an adversary's chance of the next label), label a spammer's.
Result<WriteStats> WriteCrowdFile(const VoteGeneratorOptions& options, const std::string& path);

}  // namespace chorus::bench
