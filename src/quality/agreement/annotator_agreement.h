// ComputeAnnotatorAgreement: the pairwise annotator matrix (who agrees with whom, and who
// agrees with nobody), for spotting annotators who misread the guidelines.
//
// For every pair of annotators (a, b), a < b, that labelled at least one item in common: the
// k × k contingency table of their labels on shared items (as PairTable in
// quality/agreement/contingency.h), percent agreement and Cohen's kappa on it
// (quality/agreement/cohen.h: Cohen, J. (1960) Educational and Psychological Measurement
// 20(1):37-46, eq. 1; weighted: Cohen, J. (1968) Psychological Bulletin 70(4):213-220).
// Each annotator's summary is the unweighted mean of kappa over their defined pairs, the
// pairwise-averaging idea of Light, R. J. (1971) "Measures of response agreement for
// qualitative data", Psychological Bulletin 76(5):365-377 (there averaged over all pairs; here
// per annotator).
// All tables are built in ONE pass over items: an item with m distinct annotators adds
// m(m-1)/2 cells to a flat [pair][k][k] array, O(sum m² + pairs · k²) time and
// pairs · k² · 4 bytes of memory (1,225 pairs · 2 labels: 20 KB; · 50 labels: 12 MB).
// Undefined (never NaN): pairs with fewer than min_shared_items shared items (both statistics);
// kappa when chance agreement is 1 (one category used); an annotator's mean when none of their
// pairs has a defined kappa.
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "quality/agreement/weights.h"
#include "quality/statistic.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct AnnotatorPairAgreement {
  AnnotatorId first = 0;  // first < second.
  AnnotatorId second = 0;
  uint64_t shared_items = 0;    // Items both labelled.
  Statistic percent_agreement;  // Share of shared items with equal labels.
  Statistic cohen_kappa;        // Rows of the table = first, columns = second.
};

struct AnnotatorAgreementOptions {
  // Pairs sharing fewer items get Undefined statistics: a kappa over a handful is noise.
  uint64_t min_shared_items = 10;
  // Kappa weighting; unweighted suits nominal labels, linear/quadratic ordinal ones.
  Weighting weighting = Weighting::kUnweighted;
  // Each label id's position on the scale for weighted kappa; empty = the label index.
  std::vector<double> category_values;
};

struct AnnotatorAgreement {
  // Every pair first < second with at least one shared item, ordered by (first, second).
  std::vector<AnnotatorPairAgreement> pairs;
  // By annotator id: mean Cohen's kappa over their pairs with a defined kappa.
  std::vector<Statistic> mean_kappa_with_others;
  // By annotator id: distinct items they labelled.
  std::vector<uint64_t> items_labelled;
};

// Every pair's contingency table, built in one pass over items, flat [pair][k][k].
struct PairTables {
  size_t annotator_count = 0;
  size_t category_count = 0;
  std::vector<uint32_t> cells;  // pairs · k² counts; pairs in row-major upper-triangle order.

  // Index of pair (a, b) among annotator_count·(annotator_count-1)/2.
  // REQUIRES: a < b < annotator_count.
  size_t PairIndex(AnnotatorId a, AnnotatorId b) const {
    return a * (2 * annotator_count - a - 1) / 2 + (b - a - 1);
  }
  // The k² cells of pair (a, b), row-major, rows = a. REQUIRES: a < b < annotator_count.
  std::span<const uint32_t> Cells(AnnotatorId a, AnnotatorId b) const {
    const size_t kk = category_count * category_count;
    return {cells.data() + PairIndex(a, b) * kk, kk};
  }
};

// Equal, pair by pair, to PairTable(votes, label_count, a, b) for every a < b, and far cheaper
// than calling it per pair. items_labelled, when not null, receives each annotator's number of
// distinct items (resized to annotator_count).
// REQUIRES: every annotator id < annotator_count and label id < label_count.
PairTables BuildPairTables(const ItemVotes& votes, size_t label_count, size_t annotator_count,
                           std::vector<uint64_t>* items_labelled = nullptr);

// REQUIRES: every annotator id < annotator_count and label id < label_count;
// options.category_values is empty or has label_count entries. An annotator with several
// votes on one item is paired with their first vote in ItemVotes order (as PairTable).
AnnotatorAgreement ComputeAnnotatorAgreement(const ItemVotes& votes, size_t label_count,
                                             size_t annotator_count,
                                             const AnnotatorAgreementOptions& options = {});

}  // namespace chorus::quality
