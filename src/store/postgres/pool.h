// A small pool of PostgreSQL connections and the transaction runner every write goes through.
//
// Connections open on demand up to max_connections, then callers wait for one (up to
// acquire_timeout_ms, then kUnavailable). Every new connection is checked before use (security
// catalogue entry 3): the server must run with fsync=on and the session's synchronous_commit
// must not be off (either could lose an acknowledged write); otherwise kFailedPrecondition. A
// connection that lost its server is dropped when returned, with every idle one (the same
// restart closed them), so the next caller reconnects.
//
// Transaction runs a body inside BEGIN ... COMMIT (READ COMMITTED; bodies take the row locks
// they need). When the body or COMMIT fails with a serialization failure or deadlock (40001,
// 40P01) the whole transaction runs again, up to max_attempts times, then kUnavailable
// (catalogue entry 13). So does one whose BEGIN found the connection closed by the server
// (nothing ran yet); a connection lost later fails the call with kUnavailable, since whether
// its COMMIT happened is unknown. A write is acknowledged only after COMMIT returned, and with
// synchronous_commit on that means its WAL is flushed.
// Thread-safety: Acquire and Transaction may be called from any thread; a Lease belongs to
// its thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/postgres/connection.h"

namespace chorus::store::postgres {

struct PoolOptions {
  std::string url;                 // postgresql://user@host:port/database
  size_t max_connections = 8;      // Connections opened at most; more callers wait.
  int connect_timeout_s = 10;      // How long one connection attempt may take.
  int acquire_timeout_ms = 30000;  // How long a caller waits for a free connection.
  int max_attempts = 5;            // Runs of a transaction that keeps hitting 40001/40P01.
};

// Refuses a server or session that could lose acknowledged writes (see above).
Status CheckDurability(Connection& db);

class Pool {
 public:
  explicit Pool(PoolOptions options);
  ~Pool();

  // A connection on loan; goes back to the pool (or is dropped if broken) when it ends.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<Connection> connection);
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Result<Lease> Acquire();

  // Runs body(Connection&) -> Status in a transaction as described above. The body may run
  // more than once: it must reset whatever it outputs at its start.
  Status Transaction(const std::function<Status(Connection&)>& body);

  const PoolOptions& options() const { return options_; }

 private:
  void Return(std::unique_ptr<Connection> connection);

  const PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;  // Idle plus on loan (plus being opened).
};

// Runs `read(Connection&)` (returning Result<T> or Status) on a pooled connection, outside
// any explicit transaction (each statement sees the latest committed data).
// A read that fails because the server closed the connection is run once more on a new one
// (reads have no effects, so this is safe).
template <typename F>
auto WithConnection(Pool& pool, F&& read) -> decltype(read(std::declval<Connection&>())) {
  for (int attempt = 1;; ++attempt) {
    Result<Pool::Lease> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    auto result = read(**lease);
    if (result.ok() || (*lease)->healthy() || attempt == 2) return result;
  }
}

}  // namespace chorus::store::postgres
