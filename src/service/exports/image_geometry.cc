#include "service/exports/image_geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace chorus::service::exports {

using nlohmann::json;

std::optional<std::pair<double, double>> ImageSize(const json& data) {
  const json width = data.value("width", json()), height = data.value("height", json());
  if (!width.is_number() || !height.is_number()) return std::nullopt;
  const double w = width.get<double>(), h = height.get<double>();
  if (!(w > 0) || !(h > 0)) return std::nullopt;
  return std::make_pair(w, h);
}

bool IsRotated(const json& box) {
  const json rotation = box.is_object() ? box.value("rotation", json()) : json();
  return rotation.is_number() && rotation.get<double>() != 0;
}

std::optional<std::vector<Point>> BoxCorners(const json& box, double scale_x, double scale_y) {
  if (!box.is_object()) return std::nullopt;
  for (const char* key : {"x", "y", "width", "height"}) {
    if (!box.value(key, json()).is_number()) return std::nullopt;
  }
  const double x = box["x"].get<double>() * scale_x, y = box["y"].get<double>() * scale_y;
  const double w = box["width"].get<double>() * scale_x, h = box["height"].get<double>() * scale_y;
  const double angle = IsRotated(box) ? box["rotation"].get<double>() * std::numbers::pi / 180 : 0;
  const double c = std::cos(angle), s = std::sin(angle);
  std::vector<Point> corners;
  // With y pointing down, this rotation turns clockwise on screen.
  for (const auto& [dx, dy] : {Point{0, 0}, Point{w, 0}, Point{w, h}, Point{0, h}}) {
    corners.emplace_back(x + dx * c - dy * s, y + dx * s + dy * c);
  }
  return corners;
}

std::optional<std::vector<Point>> ScaledPoints(const json& points, double scale_x, double scale_y) {
  if (!points.is_array() || points.empty()) return std::nullopt;
  std::vector<Point> out;
  for (const json& p : points) {
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
      return std::nullopt;
    }
    out.emplace_back(p[0].get<double>() * scale_x, p[1].get<double>() * scale_y);
  }
  return out;
}

Box Enclosing(const std::vector<Point>& points, double max_x, double max_y) {
  double left = points.front().first, right = left;
  double top = points.front().second, bottom = top;
  for (const auto& [x, y] : points) {
    left = std::min(left, x);
    right = std::max(right, x);
    top = std::min(top, y);
    bottom = std::max(bottom, y);
  }
  left = std::clamp(left, 0.0, max_x);
  right = std::clamp(right, 0.0, max_x);
  top = std::clamp(top, 0.0, max_y);
  bottom = std::clamp(bottom, 0.0, max_y);
  return {left, top, right - left, bottom - top};
}

double PolygonArea(const std::vector<Point>& points) {
  double twice = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const Point& a = points[i];
    const Point& b = points[(i + 1) % points.size()];
    twice += a.first * b.second - b.first * a.second;
  }
  return std::abs(twice) / 2;
}

}  // namespace chorus::service::exports
