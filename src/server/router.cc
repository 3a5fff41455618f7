#include "server/router.h"

#include <set>

#include "server/url_codec.h"

namespace chorus::server {
namespace {

bool IsParameter(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b" -> {"a","b"}; "/" -> {}; nullopt when the path has an empty segment ("//", "/a/").
std::optional<std::vector<std::string_view>> SplitPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> segments;
  if (path == "/") return segments;
  path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (segment.empty()) return std::nullopt;
    segments.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// Literal-first ordering key: a route matches "better" when its first differing segment is
// literal. Compared lexicographically (true > false).
std::vector<bool> Specificity(const Router::Route& route) {
  std::vector<bool> key;
  for (const auto& segment : route.segments) key.push_back(!IsParameter(segment));
  return key;
}

}  // namespace

Status Router::Add(std::string_view method, std::string_view pattern, HttpHandler handler,
                   RouteOptions options) {
  const std::string where = std::string(method) + " " + std::string(pattern);
  const auto parts = SplitPath(pattern);
  if (!parts) {
    return InvalidArgument("a route pattern starts with '/' and has no empty segments", where);
  }
  Route route{std::string(method), std::string(pattern), {}, std::move(handler), options};
  std::set<std::string_view> names;
  for (std::string_view part : *parts) {
    const bool opens = part.find('{') != std::string_view::npos;
    const bool closes = part.find('}') != std::string_view::npos;
    if ((opens || closes) &&
        (!IsParameter(part) || part.size() == 2 ||
         part.substr(1, part.size() - 2).find_first_of("{}") != std::string_view::npos)) {
      return InvalidArgument("a parameter is a whole segment {name}", where);
    }
    if (IsParameter(part) && !names.insert(part).second) {
      return InvalidArgument("parameter " + std::string(part) + " appears twice", where);
    }
    route.segments.emplace_back(part);
  }
  for (const Route& other : routes_) {
    if (other.method != route.method || other.segments.size() != route.segments.size()) continue;
    bool same_shape = true;
    for (size_t i = 0; i < route.segments.size() && same_shape; ++i) {
      const bool a = IsParameter(route.segments[i]);
      const bool b = IsParameter(other.segments[i]);
      same_shape = a == b && (a || route.segments[i] == other.segments[i]);
    }
    if (same_shape) return InvalidArgument("route already defined as " + other.pattern, where);
  }
  routes_.push_back(std::move(route));
  return Status::Ok();
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match result;
  const auto raw = SplitPath(path);
  if (!raw) return result;
  std::vector<std::string> segments;
  for (std::string_view part : *raw) {
    auto decoded = PercentDecode(part);
    if (!decoded) return result;  // A malformed escape names no resource.
    segments.push_back(std::move(*decoded));
  }

  std::vector<bool> best_key;
  std::set<std::string> allowed;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      matches = IsParameter(route.segments[i]) || route.segments[i] == segments[i];
    }
    if (!matches) continue;
    if (route.method != method) {
      allowed.insert(route.method);
      continue;
    }
    std::vector<bool> key = Specificity(route);
    if (result.route == nullptr || key > best_key) {
      result.route = &route;
      best_key = std::move(key);
    }
  }
  if (result.route != nullptr) {
    result.kind = Match::kFound;
    for (size_t i = 0; i < segments.size(); ++i) {
      const std::string& segment = result.route->segments[i];
      if (IsParameter(segment)) result.params[segment.substr(1, segment.size() - 2)] = segments[i];
    }
    return result;
  }
  if (!allowed.empty()) {
    result.kind = Match::kMethodNotAllowed;
    for (const std::string& m : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += m;
    }
  }
  return result;
}

RouteOptions Router::OptionsFor(std::string_view method, std::string_view path) const {
  const Match match = Find(method, path);
  return match.kind == Match::kFound ? match.route->options : RouteOptions{};
}

}  // namespace chorus::server
