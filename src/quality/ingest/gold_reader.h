// Reading gold (reference) labels, one per item, and aligning them with a VoteTable.
//
// The file is long-format like vote_reader.h but with two roles: item and label. A header
// names them (item aliases as for votes; label aliases plus gold, gold_label, true_label,
// truth, ground_truth, reference); without one, the first two columns are item,label. CSV,
// TSV or JSONL; the same quoting, trimming, missing markers, limits and errors.
// Items are matched by exact name with the table's items. Gold items that no vote mentions
// are counted (and a few named) in the result, not an error. Gold labels no vote used are
// added to table.label_names(), so label ids stay comparable.
// An item given gold twice follows VoteReadOptions::duplicates: kError fails naming both
// lines unless the labels are identical; kKeepFirst / kKeepLast keep one; kKeepAll keeps
// the first when the labels agree and fails when they differ.
// Thread-safety: mutates `table`'s label names; no other thread may use the table meanwhile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "quality/ingest/vote_read_options.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct GoldLabels {
  std::vector<std::optional<LabelId>> by_item;     // Indexed by the table's item id.
  uint64_t gold_items = 0;                         // Items of the table that have a gold label.
  uint64_t items_not_in_votes = 0;                 // Distinct gold items that no vote mentions.
  std::vector<std::string> examples_not_in_votes;  // The first few such items, for messages.
  uint64_t new_labels = 0;          // Gold labels that no vote used (added to the table).
  uint64_t missing_skipped = 0;     // Rows whose gold label is missing.
  uint64_t duplicates_dropped = 0;  // Repeated gold rows dropped.
  uint64_t lines = 0;               // Physical lines in the file.
};

// Reads the gold file at `path` ("-" for standard input).
Result<GoldLabels> ReadGold(const std::string& path, VoteTable& table,
                            const VoteReadOptions& options);

}  // namespace chorus::quality
