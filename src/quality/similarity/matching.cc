#include "quality/similarity/matching.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace chorus::quality {

MatchedQuality MatchRegions(size_t n_reference, size_t n_answer,
                            const std::function<double(size_t, size_t)>& similarity,
                            double match_threshold) {
  MatchedQuality out;
  if (n_reference == 0 && n_answer == 0) return out;
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t r = 0; r < n_reference; ++r) {
    for (size_t a = 0; a < n_answer; ++a) {
      const double s = similarity(r, a);
      if (s > match_threshold) pairs.emplace_back(s, r, a);
    }
  }
  // Best pairs first; ties by index so the result does not depend on the sort's stability.
  std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
    return std::tie(std::get<1>(x), std::get<2>(x)) < std::tie(std::get<1>(y), std::get<2>(y));
  });
  std::vector<bool> reference_used(n_reference), answer_used(n_answer);
  double matched_similarity = 0;
  for (const auto& [s, r, a] : pairs) {
    if (reference_used[r] || answer_used[a]) continue;
    reference_used[r] = answer_used[a] = true;
    matched_similarity += s;
    ++out.matched;
  }
  out.missed = n_reference - out.matched;
  out.spurious = n_answer - out.matched;
  out.mean_similarity = out.matched == 0 ? 0 : matched_similarity / double(out.matched);
  const double denominator =
      double(out.matched) + 0.5 * double(out.missed) + 0.5 * double(out.spurious);
  out.quality = matched_similarity / denominator;
  return out;
}

}  // namespace chorus::quality
