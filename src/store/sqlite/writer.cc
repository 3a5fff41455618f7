#include "store/sqlite/writer.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace chorus::store::sqlite {

Writer::Writer(std::unique_ptr<Connection> connection, size_t max_batch)
    : connection_(std::move(connection)), max_batch_(max_batch < 1 ? 1 : max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

Writer::~Writer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::future<Status> Writer::Enqueue(Op op) {
  Pending pending{std::move(op), {}};
  std::future<Status> future = pending.done.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      pending.done.set_value({StatusCode::kUnavailable, "the store is closing; retry later"});
      return future;
    }
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return future;
}

size_t Writer::batches_committed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return batches_committed_;
}

void Writer::Loop() {
  while (true) {
    std::deque<Pending> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // Stopping and drained.
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

namespace {

// Runs one operation, turning an escaped exception (a bug) into kInternal.
Status Call(const Writer::Op& op, Connection& connection) {
  try {
    return op(connection);
  } catch (const std::exception& e) {
    return Internal(std::string("a write operation threw: ") + e.what());
  }
}

// Savepoint control through the statement cache, since it runs around every operation.
Status RunCached(Connection& db, const char* sql) {
  Result<Query> q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  return q->Run();
}

}  // namespace

void Writer::RunBatch(std::deque<Pending>& batch) {
  std::vector<Status> results(batch.size());
  Status failed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    failed = failed_;
  }
  Connection& db = *connection_;
  size_t first_in_txn = 0;  // Operations [first_in_txn, i) belong to the open transaction.
  bool in_txn = false;
  // When SQLite rolled the whole transaction back by itself (disk full, I/O error), the
  // operations that had succeeded in it are lost too: fail them with the same reason.
  auto fail_open_transaction = [&](size_t end, const Status& why) {
    for (size_t j = first_in_txn; j < end; ++j) {
      if (results[j].ok()) results[j] = why;
    }
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!failed.ok()) {
      results[i] = failed;
      continue;
    }
    if (!in_txn) {
      Status begin = db.Exec("BEGIN IMMEDIATE");
      if (!begin.ok()) {  // Busy past busy_timeout, or no disk: the rest would wait too.
        for (size_t j = i; j < batch.size(); ++j) results[j] = begin;
        break;
      }
      in_txn = true;
      first_in_txn = i;
    }
    Status status = RunCached(db, "SAVEPOINT op");
    if (status.ok()) status = Call(batch[i].op, db);
    if (status.ok()) {
      status = RunCached(db, "RELEASE op");
    } else if (db.InTransaction()) {
      (void)RunCached(db, "ROLLBACK TO op");
      (void)RunCached(db, "RELEASE op");
    }
    results[i] = status;
    if (!db.InTransaction()) {
      fail_open_transaction(i, status.ok() ? Internal("the transaction ended early") : status);
      in_txn = false;
    }
  }
  if (in_txn) {
    Status commit = db.Exec("COMMIT");
    if (!commit.ok()) {
      int rc = sqlite3_extended_errcode(db.raw());
      if (db.InTransaction()) (void)db.Exec("ROLLBACK");
      fail_open_transaction(batch.size(), commit);
      if ((rc & 0xff) == SQLITE_IOERR) {
        std::lock_guard<std::mutex> lock(mutex_);
        failed_ = {StatusCode::kUnavailable,
                   "the database could not be synced to disk; writes are refused until the "
                   "server is restarted after the disk is checked (" +
                       commit.message() + ")"};
      }
    } else {
      std::lock_guard<std::mutex> lock(mutex_);
      ++batches_committed_;
    }
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(std::move(results[i]));
}

}  // namespace chorus::store::sqlite
