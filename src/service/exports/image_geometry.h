// Image regions of results (percent of the image, domain/annotation_result.h) turned into the
// units image formats want: pixels (COCO, VOC) or fractions 0..1 (YOLO). A rotated box
// (degrees clockwise about its top-left corner) becomes its four corners, rotated in pixel
// space so the image's aspect ratio is respected, and formats without rotation take the
// axis-aligned box enclosing them (documented in docs/server.md, "Export formats").
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace chorus::service::exports {

using Point = std::pair<double, double>;

struct Box {
  double x = 0;  // Left.
  double y = 0;  // Top.
  double width = 0;
  double height = 0;
};

// The task data's image size in pixels: its "width" and "height" fields, both positive numbers,
// or nullopt.
std::optional<std::pair<double, double>> ImageSize(const nlohmann::json& data);

// The corners of a result box ({"x", "y", "width", "height", "rotation"?} in percent), clockwise
// from the top-left, scaled by `scale_x` and `scale_y` (100 / 100 for percent, width / 100 for
// pixels) with the rotation applied after scaling. nullopt when malformed.
std::optional<std::vector<Point>> BoxCorners(const nlohmann::json& box, double scale_x,
                                             double scale_y);
// True when the result box has a non-zero rotation.
bool IsRotated(const nlohmann::json& box);
// Points [[x, y], ...] of a polygon result, scaled; nullopt when malformed.
std::optional<std::vector<Point>> ScaledPoints(const nlohmann::json& points, double scale_x,
                                               double scale_y);

// The axis-aligned box enclosing `points`, clipped to [0, max_x] x [0, max_y].
// REQUIRES: !points.empty().
Box Enclosing(const std::vector<Point>& points, double max_x, double max_y);
// The area of a simple polygon (shoelace formula).
double PolygonArea(const std::vector<Point>& points);

}  // namespace chorus::service::exports
