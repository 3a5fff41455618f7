#include "quality/truth/item_posterior.h"

#include <algorithm>
#include <cmath>

namespace chorus::quality {

std::vector<double> ItemPosterior(std::span<const SkilledVote> votes, size_t class_count) {
  if (class_count == 0) return {};
  std::vector<double> log_p(class_count, 0.0);
  if (class_count > 1) {
    const double wrong_share = 1.0 / static_cast<double>(class_count - 1);
    for (const SkilledVote& vote : votes) {
      const double skill = std::clamp(vote.skill, 0.01, 0.99);
      const double log_right = std::log(skill), log_wrong = std::log((1 - skill) * wrong_share);
      for (size_t c = 0; c < class_count; ++c) log_p[c] += c == vote.label ? log_right : log_wrong;
    }
  }
  const double top = *std::max_element(log_p.begin(), log_p.end());
  double total = 0;
  for (double& v : log_p) total += (v = std::exp(v - top));
  for (double& v : log_p) v /= total;
  return log_p;
}

}  // namespace chorus::quality
