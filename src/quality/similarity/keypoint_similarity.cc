#include "quality/similarity/keypoint_similarity.h"

#include <algorithm>
#include <cmath>

namespace chorus::quality {

double ObjectKeypointSimilarity(const std::vector<NamedPoint>& reference,
                                const std::vector<NamedPoint>& answer,
                                const KeypointSimilarityOptions& options) {
  if (reference.empty()) return 1;
  double min_x = reference[0].x, max_x = min_x, min_y = reference[0].y, max_y = min_y;
  for (const NamedPoint& p : reference) {
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y);
    max_y = std::max(max_y, p.y);
  }
  const double area = std::max(options.min_area, (max_x - min_x) * (max_y - min_y));
  const double kappa = 2 * options.sigma;
  double total = 0;
  for (const NamedPoint& r : reference) {
    const auto found = std::find_if(answer.begin(), answer.end(),
                                    [&](const NamedPoint& a) { return a.name == r.name; });
    if (found == answer.end()) continue;
    const double d2 = (found->x - r.x) * (found->x - r.x) + (found->y - r.y) * (found->y - r.y);
    total += std::exp(-d2 / (2 * area * kappa * kappa));
  }
  return total / double(reference.size());
}

}  // namespace chorus::quality
