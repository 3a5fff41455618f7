// Reading ids and pages out of a request, with the API's errors: a path id that is not a
// positive integer is 404 (it names nothing), a bad query value is 400 naming the parameter.
// Pagination is by cursor (DESIGN §5): `?cursor=C&limit=N` in, `"next_cursor": C | null` out.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "server/http_message.h"
#include "service/paging.h"

namespace chorus::server {

// `text` as an integer 1..2^63-1 (digits only), or nullopt.
std::optional<int64_t> PositiveInt(std::string_view text);

// Path parameter `name` as an id (1..2^63-1); kNotFound otherwise.
Result<int64_t> PathId(const HttpRequest& request, std::string_view name);

// `cursor` (opaque to clients; an id today) and `limit` (1..1000, default 100).
Result<service::PageRequest> PageOf(const HttpRequest& request);

// The "next_cursor" value for a page that ended at `next_after_id` (0: the last page).
nlohmann::json NextCursor(int64_t next_after_id);

}  // namespace chorus::server
