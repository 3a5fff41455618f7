#include "store/postgres/pool.h"

#include <chrono>
#include <thread>
#include <utility>

namespace chorus::store::postgres {

Status CheckDurability(Connection& db) {
  Result<Rows> got = db.Exec(
      "SELECT current_setting('fsync'), current_setting('synchronous_commit'), "
      "current_setting('server_version_num')::int");
  if (!got.ok()) return got.status();
  if (got->Text(0, 0) != "on") {
    return {StatusCode::kFailedPrecondition,
            "the PostgreSQL server runs with fsync=" + got->Text(0, 0) +
                ": a crash could corrupt it and lose acknowledged annotations; set fsync = on "
                "in postgresql.conf and restart it"};
  }
  if (got->Text(0, 1) == "off") {
    return {StatusCode::kFailedPrecondition,
            "PostgreSQL synchronous_commit is off for this connection: a commit could be "
            "acknowledged before it is on disk; set synchronous_commit = on (server, database "
            "or role settings)"};
  }
  if (got->Int(0, 2) < 150000) {
    return {StatusCode::kFailedPrecondition,
            "the PostgreSQL server is older than version 15; upgrade it"};
  }
  return Status::Ok();
}

Pool::Pool(PoolOptions options) : options_(std::move(options)) {}
Pool::~Pool() = default;

Pool::Lease::Lease(Pool* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}
Pool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)) {}
Pool::Lease::~Lease() {
  if (connection_) pool_->Return(std::move(connection_));
}

Result<Pool::Lease> Pool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    bool ready =
        returned_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                           [&] { return !idle_.empty() || open_ < options_.max_connections; });
    if (!ready) {
      return Status{StatusCode::kUnavailable,
                    "every PostgreSQL connection stayed busy; try again later"};
    }
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // Reserve the slot while connecting outside the lock.
  }
  Result<std::unique_ptr<Connection>> opened =
      Connection::Open(options_.url, options_.connect_timeout_s);
  Status status = opened.ok() ? CheckDurability(**opened) : opened.status();
  if (!status.ok()) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_;
    returned_.notify_one();
    return status;
  }
  return Lease(this, std::move(opened).value());
}

void Pool::Return(std::unique_ptr<Connection> connection) {
  // A connection left inside a transaction or without its server is not reused.
  if (connection->healthy() && connection->InTransaction()) {
    (void)connection->ExecFixed("ROLLBACK");
  }
  bool keep = connection->healthy() && !connection->InTransaction();
  if (!keep) connection.reset();
  std::vector<std::unique_ptr<Connection>> stale;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (keep) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
      // Whatever closed this one (a server restart) most likely closed the idle ones too:
      // drop them so callers reconnect instead of failing on each in turn.
      stale.swap(idle_);
      open_ -= stale.size();
    }
  }
  returned_.notify_all();
}

Status Pool::Transaction(const std::function<Status(Connection&)>& body) {
  Status status;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    Result<Lease> lease = Acquire();
    if (!lease.ok()) return lease.status();
    Connection& db = **lease;
    status = db.ExecFixed("BEGIN");
    if (!status.ok() && !db.healthy() && attempt < options_.max_attempts) {
      // The server closed this idle connection (restart, idle timeout): nothing ran, so take
      // a new connection (the broken one is dropped when the lease ends).
      continue;
    }
    if (status.ok()) status = body(db);
    if (status.ok()) status = db.ExecFixed("COMMIT");
    if (status.ok()) return status;
    bool retryable = db.last_failure_retryable();
    if (db.healthy() && db.InTransaction()) (void)db.ExecFixed("ROLLBACK");
    if (!retryable) return status;
    // Back off a little longer each time so the competing transaction can finish.
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
  }
  return {StatusCode::kUnavailable,
          "the database aborted this write " + std::to_string(options_.max_attempts) +
              " times because of concurrent writes (" + status.message() + "); try again"};
}

}  // namespace chorus::store::postgres
