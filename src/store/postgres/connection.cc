#include "store/postgres/connection.h"

#include <charconv>
#include <cstdlib>
#include <utility>

#include "store/postgres/pg_error.h"

namespace chorus::store::postgres {

Params& Params::Int(int64_t value) {
  values_.emplace_back(std::to_string(value));
  return *this;
}
Params& Params::Bool(bool value) {
  values_.emplace_back(value ? "true" : "false");
  return *this;
}
Params& Params::Text(std::string_view value) {
  values_.emplace_back(std::string(value));
  return *this;
}
Params& Params::Double(double value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  values_.emplace_back(std::string(text, end));
  return *this;
}
Params& Params::Null() {
  values_.emplace_back(std::nullopt);
  return *this;
}
Params& Params::OptInt(const std::optional<int64_t>& value) { return value ? Int(*value) : Null(); }
Params& Params::OptText(const std::optional<std::string>& value) {
  return value ? Text(*value) : Null();
}

int64_t Rows::affected() const {
  const char* n = Pq().cmd_tuples(result_.get());
  return n[0] == '\0' ? 0 : std::strtoll(n, nullptr, 10);
}
int64_t Rows::Int(int row, int column) const {
  return std::strtoll(Pq().getvalue(result_.get(), row, column), nullptr, 10);
}
bool Rows::Bool(int row, int column) const {
  return Pq().getvalue(result_.get(), row, column)[0] == 't';
}
double Rows::Double(int row, int column) const {
  return std::strtod(Pq().getvalue(result_.get(), row, column), nullptr);
}
std::string Rows::Text(int row, int column) const {
  return std::string(Pq().getvalue(result_.get(), row, column),
                     Pq().getlength(result_.get(), row, column));
}
std::optional<int64_t> Rows::OptInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Int(row, column);
}
std::optional<std::string> Rows::OptText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url,
                                                     int connect_timeout_s) {
  std::string timeout = std::to_string(connect_timeout_s);
  // dbname carries the URL (expand_dbname). Keywords before it are defaults the URL may
  // override; keywords after it would override the URL.
  const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "chorus", url.c_str(), nullptr};
  CHORUS_RETURN_IF_ERROR(LoadLibPq().status());
  PGconn* conn = Pq().connectdb_params(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Status{StatusCode::kUnavailable, "out of memory connecting"};
  if (Pq().status(conn) != CONNECTION_OK) {
    // libpq's message names the host and port, never the password.
    std::string message = Pq().error_message(conn);
    Pq().finish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    bool bad_url = message.find("invalid") != std::string::npos ||
                   message.find("missing") != std::string::npos;
    if (bad_url) {
      return InvalidArgument("is not a usable PostgreSQL URL (" + message +
                                 "); write postgresql://user@host:port/database",
                             "db");
    }
    return Status{StatusCode::kUnavailable,
                  "cannot connect to PostgreSQL (" + message +
                      "); check that the server runs and the URL is right"};
  }
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { Pq().finish(conn_); }

Status Connection::Check(PGresult* result, std::string_view what) {
  ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : Pq().result_status(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_failure_retryable_ = false;
    return Status::Ok();
  }
  const char* state = result ? Pq().result_error_field(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* detail = result ? Pq().result_error_field(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string_view sqlstate = state ? state : "";
  last_failure_retryable_ = IsRetryable(sqlstate);
  return PgError(sqlstate, detail ? detail : Pq().error_message(conn_), what);
}

Result<Rows> Connection::Exec(const char* sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = "chorus_" + std::to_string(prepared_.size() + 1);
    Rows prepared(Pq().prepare(conn_, name.c_str(), sql, 0, nullptr));
    CHORUS_RETURN_IF_ERROR(Check(prepared.raw(), "preparing a statement"));
    found = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.values().size());
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  Rows rows(Pq().exec_prepared(conn_, found->second.c_str(), static_cast<int>(values.size()),
                               values.data(), nullptr, nullptr, 0));
  CHORUS_RETURN_IF_ERROR(Check(rows.raw(), "running a statement"));
  return rows;
}

Status Connection::ExecFixed(const char* sql) {
  Rows rows(Pq().exec(conn_, sql));
  return Check(rows.raw(), "running fixed SQL");
}

}  // namespace chorus::store::postgres
