#include "quality/similarity/rank_correlation.h"

#include <cstddef>
#include <unordered_map>

namespace chorus::quality {

double KendallTau(const std::vector<int64_t>& reference, const std::vector<int64_t>& answer) {
  std::unordered_map<int64_t, size_t> answer_rank;
  for (size_t i = 0; i < answer.size(); ++i) answer_rank.emplace(answer[i], i);
  std::vector<size_t> ranks;  // The answer's rank of each shared item, in reference order.
  for (const int64_t item : reference) {
    const auto found = answer_rank.find(item);
    if (found != answer_rank.end()) ranks.push_back(found->second);
  }
  if (ranks.size() < 2) return reference == answer ? 1 : -1;
  int64_t concordant = 0, discordant = 0;
  for (size_t i = 0; i < ranks.size(); ++i) {
    for (size_t j = i + 1; j < ranks.size(); ++j) {
      if (ranks[i] < ranks[j]) {
        ++concordant;
      } else {
        ++discordant;
      }
    }
  }
  return double(concordant - discordant) / double(concordant + discordant);
}

}  // namespace chorus::quality
