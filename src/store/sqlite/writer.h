// The single writer: one thread, one connection, every write of the store goes through it.
//
// Callers queue operations; the thread takes everything queued (up to max_batch) and runs it
// as one transaction, BEGIN IMMEDIATE ... COMMIT, so a burst of N writes costs one fsync
// (group commit). Each operation runs inside its own SAVEPOINT: one that fails is rolled back
// alone and the others still commit. A caller learns its outcome only after COMMIT returned
// (with synchronous=FULL the write is then on disk), so an acknowledged write is durable.
// When COMMIT fails, every operation of the batch fails. After an I/O error on COMMIT the writer
// fails closed: later writes get kUnavailable until the store is reopened (catalogue entry 20:
// never retry a failed fsync and report success).
// Thread-safety: Run and Enqueue may be called from any thread, except from inside an
// operation (that would wait on itself).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "core/status.h"
#include "store/sqlite/connection.h"

namespace chorus::store::sqlite {

class Writer {
 public:
  // An operation: runs on the writer thread inside the batch transaction. It may read and
  // write through the connection; a non-ok Status undoes its own changes only.
  using Op = std::function<Status(Connection&)>;

  // Takes the connection (configured and migrated) and starts the thread.
  // REQUIRES: max_batch >= 1.
  Writer(std::unique_ptr<Connection> connection, size_t max_batch);
  // Runs what is queued, then stops the thread and closes the connection.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues `op`; the future holds its Status once its batch committed (or failed).
  std::future<Status> Enqueue(Op op);
  // Enqueue and wait. Values the op captured by reference are safe to read when this is ok.
  Status Run(Op op) { return Enqueue(std::move(op)).get(); }

  // Batches committed so far (for tests of group commit).
  size_t batches_committed() const;

 private:
  struct Pending {
    Op op;
    std::promise<Status> done;
  };
  void Loop();
  void RunBatch(std::deque<Pending>& batch);

  std::unique_ptr<Connection> connection_;
  const size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  size_t batches_committed_ = 0;
  Status failed_;  // Not ok once a COMMIT hit an I/O error: the writer refuses further work.
  std::thread thread_;
};

}  // namespace chorus::store::sqlite
