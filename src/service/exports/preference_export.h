// Preference exports in the JSON Lines shapes DPO/RLHF training code reads (docs/server.md,
// "Export formats"), one line per task (the pair is the task; every vote is listed):
//   dpo_jsonl: from the first pairwise control, {"prompt", "chosen", "rejected",
//     "agreement", "votes": {"a", "b", "tie", "both_bad"}, "annotations": [{annotation_id,
//     annotator_id, provenance, choice}], "task_id", "external_id", "aggregate"}. chosen is
//     the output more submitted annotations preferred; ties and both_bad are no preference:
//     they are counted in votes, never make a pair, and a task whose a and b votes are equal
//     (or absent) writes no line (note "tasks_without_preference"). agreement is the share of
//     the task's votes (all four answers) that chose the majority side.
//   ranking_jsonl: from the first ranking control, {"prompt", "items", "ranked" (the items
//     best first by mean rank, Borda; ties keep item order), "rankings": [{annotation_id,
//     annotator_id, provenance, order}], "mean_ranks", "kendall_w" (Kendall's coefficient of
//     concordance over the complete rankings, null with fewer than two), "task_id",
//     "external_id", "aggregate"}. Empty (unranked) orders are left out.
// The prompt is the control's `prompt` data field, or null when it has none.
// Thread-safety: one writer per export.
#pragma once

#include <optional>
#include <vector>

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

WriterResult MakeDpoWriter(const domain::LabelInterface& label_interface);
WriterResult MakeRankingWriter(const domain::LabelInterface& label_interface);

// Kendall's W for m complete rankings of n items (each a permutation of 0..n-1, best first):
// W = 12 S / (m^2 (n^3 - n)), S the sum of squared deviations of the items' rank sums from
// their mean (Kendall & Babington Smith, 1939). nullopt when m < 2 or n < 2.
std::optional<double> KendallW(const std::vector<std::vector<size_t>>& rankings, size_t n);

}  // namespace chorus::service::exports
