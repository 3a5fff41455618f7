// ContingencyTable: the k × k cross-tabulation of two annotators' labels, the input of
// pairwise agreement statistics (Cohen's kappa, Scott's pi, percent agreement).
//
// Thread-safety: value type; the builders are pure functions.
#pragma once

#include <cstddef>
#include <vector>

#include "quality/vote_table.h"

namespace chorus::quality {

struct ContingencyTable {
  size_t category_count = 0;
  std::vector<double> counts;  // category_count² entries, row-major; rows = first annotator.

  // REQUIRES: row, col < category_count.
  double at(size_t row, size_t col) const;
  // The sum of all cells (the number of items both annotators labelled).
  double total() const;
};

// Builds a table from typed rows. REQUIRES: rows is square (every row has rows.size() entries).
ContingencyTable ContingencyFromRows(const std::vector<std::vector<double>>& rows);

// Items both annotators labelled, over label ids 0..label_count-1.
// REQUIRES: one vote per annotator and item; if there are several, the first in ItemVotes
// order is used. Every label id < label_count.
ContingencyTable PairTable(const ItemVotes& votes, size_t label_count, AnnotatorId a,
                           AnnotatorId b);
// The same from a table: files grouped by item (the usual export order) are read in one pass
// with no grouping (tens of MB on a million items); others are grouped first.
ContingencyTable PairTable(const VoteTable& table, AnnotatorId a, AnnotatorId b);

}  // namespace chorus::quality
