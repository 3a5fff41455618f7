#include "quality/similarity/region_overlap.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace chorus::quality {
namespace {

struct Interval {
  double from = 0;
  double to = 0;
};

// The stretches of the horizontal line at height y inside `region` (even-odd), in x order.
std::vector<Interval> Crossings(const Outline& region, double y) {
  std::vector<double> xs;
  const size_t n = region.size();
  for (size_t i = 0; i < n; ++i) {
    const PlanePoint& p = region[i];
    const PlanePoint& q = region[(i + 1) % n];
    // Half-open in y so a vertex exactly on the line counts once.
    if ((p.y <= y && y < q.y) || (q.y <= y && y < p.y)) {
      xs.push_back(p.x + (y - p.y) * (q.x - p.x) / (q.y - p.y));
    }
  }
  std::sort(xs.begin(), xs.end());
  std::vector<Interval> out;
  for (size_t i = 0; i + 1 < xs.size(); i += 2) out.push_back({xs[i], xs[i + 1]});
  return out;
}

double Length(const std::vector<Interval>& intervals) {
  double total = 0;
  for (const Interval& i : intervals) total += i.to - i.from;
  return total;
}

// Length covered by both sorted, disjoint interval lists.
double OverlapLength(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  double total = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    total += std::max(0.0, std::min(a[i].to, b[j].to) - std::max(a[i].from, b[j].from));
    if (a[i].to < b[j].to) {
      ++i;
    } else {
      ++j;
    }
  }
  return total;
}

struct Areas {
  double a = 0;
  double b = 0;
  double both = 0;
};

// Integrates the covered lengths of a and b (and of both) over y by slabs between vertex
// heights, with midpoint samples in each.
Areas Integrate(const Outline& a, const Outline& b) {
  constexpr size_t kMaxSlabs = 512;
  constexpr int kSamplesPerSlab = 4;
  std::vector<double> heights;
  for (const PlanePoint& p : a) heights.push_back(p.y);
  for (const PlanePoint& p : b) heights.push_back(p.y);
  std::sort(heights.begin(), heights.end());
  heights.erase(std::unique(heights.begin(), heights.end()), heights.end());
  Areas out;
  if (heights.size() < 2) return out;
  if (heights.size() > kMaxSlabs + 1) {
    // Many vertices: even slabs over the whole height instead of one per vertex gap.
    const double low = heights.front(), high = heights.back();
    heights.clear();
    for (size_t i = 0; i <= kMaxSlabs; ++i) heights.push_back(low + (high - low) * i / kMaxSlabs);
  }
  for (size_t s = 0; s + 1 < heights.size(); ++s) {
    const double step = (heights[s + 1] - heights[s]) / kSamplesPerSlab;
    for (int k = 0; k < kSamplesPerSlab; ++k) {
      const double y = heights[s] + (k + 0.5) * step;
      const auto in_a = Crossings(a, y);
      const auto in_b = Crossings(b, y);
      out.a += Length(in_a) * step;
      out.b += Length(in_b) * step;
      out.both += OverlapLength(in_a, in_b) * step;
    }
  }
  return out;
}

}  // namespace

Outline RotatedBox(double x, double y, double width, double height, double degrees) {
  const double radians = degrees * std::numbers::pi / 180;
  const double c = std::cos(radians), s = std::sin(radians);
  // On a y-down image the usual rotation matrix turns clockwise.
  auto corner = [&](double dx, double dy) {
    return PlanePoint{x + dx * c - dy * s, y + dx * s + dy * c};
  };
  return {corner(0, 0), corner(width, 0), corner(width, height), corner(0, height)};
}

double RegionArea(const Outline& region) {
  if (region.size() < 3) return 0;
  return Integrate(region, {}).a;
}

double RegionIoU(const Outline& a, const Outline& b) {
  if (a.size() < 3 || b.size() < 3) return 0;
  const Areas areas = Integrate(a, b);
  const double united = areas.a + areas.b - areas.both;
  if (united <= 0) return 0;
  return std::clamp(areas.both / united, 0.0, 1.0);
}

double IntervalIoU(double a_from, double a_to, double b_from, double b_to) {
  const double both = std::max(0.0, std::min(a_to, b_to) - std::max(a_from, b_from));
  const double united = (a_to - a_from) + (b_to - b_from) - both;
  return united <= 0 ? 0 : both / united;
}

}  // namespace chorus::quality
