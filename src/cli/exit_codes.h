// The one table that maps Status codes to the chorus command's exit codes.
#pragma once

#include <ostream>
#include <string_view>

#include "core/status.h"

namespace chorus::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;  // The input data or a value given was wrong.
inline constexpr int kExitUsage = 2;     // Unknown command or option, missing argument.
inline constexpr int kExitInternal = 3;  // A bug or an environment failure.

inline int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kConflict:
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kDisabled: return kExitBadInput;
    case StatusCode::kUnavailable:
    case StatusCode::kResourceExhausted:
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

// Prints "chorus COMMAND: error" on `err` and returns the status's exit code.
inline int ReportFailure(std::ostream& err, std::string_view command, const Status& status) {
  err << "chorus " << command << ": " << status.ToString() << '\n';
  return ExitCodeFor(status);
}

}  // namespace chorus::cli
