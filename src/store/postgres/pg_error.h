// The one place that turns PostgreSQL errors into Status codes (by SQLSTATE, PostgreSQL
// documentation appendix A "Error codes"):
//   23505 unique_violation                      -> kConflict
//   23503 / 23502 / 23514 / 22xxx (data)        -> kInvalidArgument (a row pointing at nothing,
//                                                  a missing or out-of-range value)
//   40001 serialization / 40P01 deadlock        -> kUnavailable, retryable (the transaction
//                                                  runner retries these a few times first)
//   08xxx connection, 53xxx resources (disk full, too many connections), 57P0x shutdown
//                                               -> kUnavailable (retry later)
//   anything else                               -> kInternal
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/status.h"

namespace chorus::store::postgres {

// The Status for an error with SQLSTATE `sqlstate` (5 characters; empty when the server sent
// none, e.g. a lost connection) and server message `detail` while doing `what`.
Status PgError(std::string_view sqlstate, std::string_view detail, std::string_view what);

// True for the SQLSTATEs a transaction may simply run again: 40001 and 40P01 (catalogue 13).
bool IsRetryable(std::string_view sqlstate);

}  // namespace chorus::store::postgres
