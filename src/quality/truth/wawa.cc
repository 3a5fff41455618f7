#include "quality/truth/wawa.h"

#include <utility>
#include <vector>

namespace chorus::quality {

TruthEstimate Wawa(const ItemVotes& votes, size_t label_count, size_t annotator_count,
                   const MajorityVoteOptions& options) {
  TruthEstimate mv = MajorityVote(votes, label_count, annotator_count, options);
  std::vector<double> skills(annotator_count);
  for (size_t a = 0; a < annotator_count; ++a) skills[a] = mv.annotators[a].accuracy;
  TruthEstimate out = WeightedMajorityVote(votes, label_count, annotator_count, skills, options);
  // crowd-kit reports the step-2 skills (agreement with plain MV), not agreement with WMV.
  out.annotators = std::move(mv.annotators);
  out.method = "wawa";
  return out;
}

TruthEstimate Wawa(const VoteTable& table, const MajorityVoteOptions& options) {
  return Wawa(GroupByItem(table), table.label_count(), table.annotator_count(), options);
}

}  // namespace chorus::quality
