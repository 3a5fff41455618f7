// Area overlap of two plane regions (polygons, rotated boxes) as intersection over union.
//
// Regions are closed polygons read with the even-odd rule (a self-intersecting outline, which
// annotators do draw, gives the area an SVG or canvas fill would show). The areas are
// integrated along y: between consecutive vertex heights every edge is a straight line, so the
// covered length of a horizontal line changes linearly except where two edges cross, and four
// midpoint samples per such slab integrate it exactly when no edges cross inside a slab (always
// for axis-aligned boxes) and with a second-order error otherwise. Coordinates are those of the
// results (percent of the image), but any unit works.
// Thread-safety: pure functions. Cost: O(slabs · edges · log edges), slabs <= 512 · samples.
#pragma once

#include <vector>

namespace chorus::quality {

struct PlanePoint {
  double x = 0;
  double y = 0;
};
using Outline = std::vector<PlanePoint>;  // The last point joins the first.

// The corners of a box with top-left corner (x, y), turned `degrees` clockwise about that
// corner on a y-down image (the rectangles control's convention).
Outline RotatedBox(double x, double y, double width, double height, double degrees);

// Area of the region (even-odd), >= 0. Fewer than 3 points: 0.
double RegionArea(const Outline& region);

// |a ∩ b| / |a ∪ b| in [0, 1]; 0 when the union has no area.
double RegionIoU(const Outline& a, const Outline& b);

// The same on a line, for time segments [a_from, a_to) and [b_from, b_to): 0 when the union
// is empty.
double IntervalIoU(double a_from, double a_to, double b_from, double b_to);

}  // namespace chorus::quality
