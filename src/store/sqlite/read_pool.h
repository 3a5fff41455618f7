// Read connections: WAL lets readers run beside the writer, each on its own connection.
// Connections are opened on demand up to `max_connections`, then callers wait for one.
// Every connection is set up by the same function as the writer's (sqlite_store.cc) and is
// query_only, so a bug cannot write around the single writer.
// Thread-safety: Acquire may be called from any thread; a Lease belongs to its thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sqlite/connection.h"

namespace chorus::store::sqlite {

class ReadPool {
 public:
  // Opens and configures one read connection.
  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;

  ReadPool(Opener opener, size_t max_connections);

  // A connection on loan; goes back to the pool when the lease ends.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    friend class ReadPool;
    Lease(ReadPool* pool, std::unique_ptr<Connection> connection);
    ReadPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<Connection> connection);

  Opener opener_;
  const size_t max_connections_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;  // Idle plus on loan.
};

}  // namespace chorus::store::sqlite
