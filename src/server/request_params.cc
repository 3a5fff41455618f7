#include "server/request_params.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace chorus::server {

std::optional<int64_t> PositiveInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

Result<int64_t> PathId(const HttpRequest& request, std::string_view name) {
  if (auto id = PositiveInt(request.PathParam(name))) return *id;
  return Status(StatusCode::kNotFound,
                "no such " + std::string(name) + "; ids are positive integers", std::string(name));
}

Result<service::PageRequest> PageOf(const HttpRequest& request) {
  constexpr int64_t kMaxLimit = 1000;
  service::PageRequest page;
  if (auto cursor = request.QueryParam("cursor"); cursor && !cursor->empty()) {
    auto after = PositiveInt(*cursor);
    if (!after) {
      return Status(StatusCode::kInvalidArgument,
                    "cursor must be a next_cursor value from an earlier page", "cursor");
    }
    page.after_id = *after;
  }
  if (auto limit = request.QueryParam("limit")) {
    auto value = PositiveInt(*limit);
    if (!value || *value > kMaxLimit) {
      return Status(StatusCode::kInvalidArgument, "limit must be an integer from 1 to 1000",
                    "limit");
    }
    page.limit = *value;
  }
  return page;
}

nlohmann::json NextCursor(int64_t next_after_id) {
  return next_after_id == 0 ? nlohmann::json(nullptr)
                            : nlohmann::json(std::to_string(next_after_id));
}

}  // namespace chorus::server
