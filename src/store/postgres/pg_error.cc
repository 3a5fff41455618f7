#include "store/postgres/pg_error.h"

#include <string>

namespace chorus::store::postgres {

bool IsRetryable(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

Status PgError(std::string_view sqlstate, std::string_view detail, std::string_view what) {
  std::string context = std::string(what) + ": " + std::string(detail);
  while (!context.empty() && (context.back() == '\n' || context.back() == ' ')) context.pop_back();
  auto starts = [&](std::string_view prefix) {
    return sqlstate.substr(0, prefix.size()) == prefix;
  };
  if (sqlstate == "23505") return {StatusCode::kConflict, "already exists (" + context + ")"};
  if (sqlstate == "23503" || sqlstate == "23502" || sqlstate == "23514" || starts("22")) {
    return {StatusCode::kInvalidArgument, "refers to nothing or breaks a rule (" + context + ")"};
  }
  if (IsRetryable(sqlstate)) {
    return {StatusCode::kUnavailable,
            "the database kept aborting this write because of concurrent writes (" + context +
                "); try again"};
  }
  if (sqlstate.empty() || starts("08") || starts("53") || starts("57P")) {
    return {StatusCode::kUnavailable,
            "the PostgreSQL server is unreachable, shutting down or out of resources (" + context +
                "); try again later"};
  }
  return Internal("PostgreSQL error " + std::string(sqlstate) + " (" + context + ")");
}

}  // namespace chorus::store::postgres
