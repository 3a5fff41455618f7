// Thin RAII wrappers over libpq: a Connection (PGconn) that prepares each statement once
// (PQprepare, then PQexecPrepared with text parameters) and a Rows (PGresult) to read from.
//
// User data only ever travels as parameters ($1, $2, ...) through Params; ExecFixed (PQexec)
// is for fixed SQL from the source tree (BEGIN, COMMIT, embedded migrations). Errors become
// Status through PgError (pg_error.h), and the connection remembers whether the last failure
// may be retried (serialization failure or deadlock) and whether it is still usable.
// Thread-safety: a Connection and its Rows belong to one thread at a time (the holder of a
// pool lease).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/postgres/libpq.h"

namespace chorus::store::postgres {

// Statement parameters in text format, in $1, $2, ... order. NULL is nullopt.
class Params {
 public:
  Params& Int(int64_t value);
  Params& Bool(bool value);
  Params& Text(std::string_view value);
  Params& Double(double value);  // Shortest text that reads back as the same double.
  Params& Null();
  Params& OptInt(const std::optional<int64_t>& value);
  Params& OptText(const std::optional<std::string>& value);

  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

// The rows of one statement's result (freed at the end).
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result, Pq().clear) {}

  int size() const { return Pq().ntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  // Rows touched by an INSERT/UPDATE/DELETE.
  int64_t affected() const;

  int64_t Int(int row, int column) const;
  bool Bool(int row, int column) const;
  std::string Text(int row, int column) const;
  double Double(int row, int column) const;
  bool IsNull(int row, int column) const { return Pq().getisnull(result_.get(), row, column) != 0; }
  std::optional<int64_t> OptInt(int row, int column) const;
  std::optional<std::string> OptText(int row, int column) const;

 private:
  friend class Connection;
  PGresult* raw() const { return result_.get(); }
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class Connection {
 public:
  // Connects to `url` (a postgresql:// URL or key=value string). kUnavailable when the server
  // cannot be reached, kInvalidArgument for a malformed URL.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url, int connect_timeout_s);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` (one statement, $n placeholders) with `params`; prepared once per connection.
  // REQUIRES: `sql` is fixed text from the source tree; user data goes in `params`.
  Result<Rows> Exec(const char* sql, const Params& params = {});
  // Runs fixed SQL, possibly several statements, without parameters.
  // REQUIRES: `sql` contains no user-supplied text.
  Status ExecFixed(const char* sql);

  // True when the last failed call failed with 40001 or 40P01 (run the transaction again).
  bool last_failure_retryable() const { return last_failure_retryable_; }
  // False once the server connection is lost: the pool then drops it.
  bool healthy() const { return Pq().status(conn_) == CONNECTION_OK; }
  // True inside a transaction block (also an aborted one).
  bool InTransaction() const { return Pq().transaction_status(conn_) != PQTRANS_IDLE; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  // Checks `result`; on failure records retryability and returns the mapped Status.
  Status Check(PGresult* result, std::string_view what);

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name.
  bool last_failure_retryable_ = false;
};

}  // namespace chorus::store::postgres
