// Status and Result<T>: how every layer reports an expected failure.
//
// A Status carries a code (what kind of failure, mapped to exit codes by the CLI and to
// HTTP statuses by the server, each in one place), a message a user can act on, and the
// field, line or column at fault. Exceptions are reserved for bugs.
// Thread-safety: value types; safe to copy between threads.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace chorus {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // The caller's input is wrong; the message says how to fix it.
  kNotFound,            // A named thing (file, item, annotator) does not exist.
  kConflict,            // The write lost a race or repeats an earlier one.
  kPermissionDenied,    // The caller's role does not allow this.
  kUnauthenticated,     // The caller did not prove who they are (no or bad credentials).
  kFailedPrecondition,  // The system is not in a state where this can run.
  kUnavailable,         // A dependency is down or busy; retrying later may work.
  kResourceExhausted,   // The caller used up a quota (too many failed logins); retry later.
  kDisabled,            // This installation is configured not to do this; retrying cannot help.
  kInternal,            // A bug or an unexpected environment failure.
};

// The stable lower-case name of a code ("invalid_argument"), used in JSON errors.
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The field, "file:line:column" or parameter at fault; empty when not applicable.
  const std::string& field() const { return field_; }

  // "field: message" when a field is set, else the message.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string message, std::string field = {}) {
  return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status NotFound(std::string message, std::string field = {}) {
  return {StatusCode::kNotFound, std::move(message), std::move(field)};
}
inline Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

// A value or the Status that explains why there is none.
// REQUIRES: a Status used to build a Result is not ok.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace chorus

// Returns the Status of `expr` from the enclosing function when it is not ok.
#define CHORUS_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::chorus::Status chorus_status_ = (expr);        \
    if (!chorus_status_.ok()) return chorus_status_; \
  } while (false)
