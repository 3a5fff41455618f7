// VoteBuilder: collects the votes of one file as dense ids, applies the duplicate policy and
// builds the VoteTable, shared by the long and wide readers.
//
// Duplicates are found after reading in O(votes) time: votes are bucketed by item (a counting
// sort) and, within an item, an annotator seen twice is a duplicate. Remembering where each
// vote came from costs almost nothing: VoteLines stores one entry per run of votes on
// consecutive lines (long files) or on one line (wide rows).
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/interner.h"
#include "core/status.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

// Maps a vote's index to the physical line it was read from.
class VoteLines {
 public:
  // REQUIRES: votes are added in order 0, 1, 2, ...
  void Add(uint64_t vote, uint64_t line);
  // REQUIRES: `vote` was added.
  uint64_t LineOf(uint64_t vote) const;
  // Adds `other`'s votes after this one's `votes` votes, their lines shifted by `line_offset`.
  // REQUIRES: every vote so far was added, and `other` starts at vote 0.
  void Append(const VoteLines& other, uint64_t votes, uint64_t line_offset);

 private:
  struct Run {
    uint64_t first_vote;
    uint64_t first_line;
    uint64_t step;  // 1: one vote per line; 0: every vote on first_line.
  };
  std::vector<Run> runs_;
  uint64_t last_vote_ = 0;
  uint64_t last_line_ = 0;
};

class VoteBuilder {
 public:
  Interner& items() { return items_; }
  Interner& annotators() { return annotators_; }
  Interner& labels() { return labels_; }

  // Records one vote by ids from items(), annotators() and labels(), read at `line`.
  void Add(uint32_t item, uint32_t annotator, uint32_t label, uint64_t line) {
    lines_.Add(item_ids_.size(), line);
    item_ids_.push_back(item);
    annotator_ids_.push_back(annotator);
    label_ids_.push_back(label);
  }
  size_t size() const { return item_ids_.size(); }
  // Makes room for `votes` votes, so the columns are not copied as they grow.
  void Reserve(size_t votes);
  // Moves `other`'s votes after this one's, as if read next: its names join this builder's
  // (new ones after the existing, in `other`'s order) and its lines move down by `line_offset`.
  // `other_item_hashes`: other.items().HashesById(), which the thread that read `other` can
  // compute before the join (empty: computed here).
  void Append(VoteBuilder&& other, uint64_t line_offset,
              std::span<const uint32_t> other_item_hashes);

  // Applies `policy` and moves the votes into a table. Names no vote uses are left out; ids
  // keep the order of first appearance. The builder is spent afterwards. Under kError fails at the
  // earliest repeated vote, with field "SOURCE:LINE:1" and both lines in the message.
  Result<VoteFile> Finish(DuplicatePolicy policy, const std::string& source_name,
                          VoteReadReport report);

 private:
  // Marks in `drop` the votes the policy drops; returns the duplicate error under kError.
  Status FindDuplicates(DuplicatePolicy policy, const std::string& source_name,
                        std::vector<uint8_t>* drop, uint64_t* dropped) const;

  Interner items_, annotators_, labels_;
  std::vector<uint32_t> item_ids_, annotator_ids_, label_ids_;
  VoteLines lines_;
};

}  // namespace chorus::quality
