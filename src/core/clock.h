// Wall-clock time as the storage and domain layers record it: int64 Unix milliseconds.
//
// Stored times are plain integers so that SQLite and PostgreSQL hold the same values and tests
// can pass fixed times; only the composition root and services read the real clock.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>

namespace chorus {

// Milliseconds since 1970-01-01T00:00:00Z from the system clock.
int64_t NowUnixMillis();

}  // namespace chorus
