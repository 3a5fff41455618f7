#include "store/sqlite/writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

namespace chorus::store::sqlite {
namespace {

// An in-memory connection with one table; the writer only needs transactions and savepoints.
std::unique_ptr<Connection> MemoryDb() {
  auto db = Connection::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  EXPECT_TRUE(db.ok());
  EXPECT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER PRIMARY KEY)").ok());
  return std::move(db).value();
}

Writer::Op Insert(int64_t x) {
  return [x](Connection& db) -> Status {
    Result<Query> q = db.Prepare("INSERT INTO t (x) VALUES (?)");
    if (!q.ok()) return q.status();
    return q->BindInt(x).Run();
  };
}

// Reads inside the writer (its connection) the values of t in order.
std::vector<int64_t> Values(Writer& writer) {
  std::vector<int64_t> out;
  Status s = writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("SELECT x FROM t ORDER BY x");
    if (!q.ok()) return q.status();
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      out.push_back(q->Int(0));
    }
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(WriterTest, AFailingOperationDoesNotTakeItsBatchDown) {
  Writer writer(MemoryDb(), 64);
  // Hold the writer inside a first batch until the next operations are queued, so that they
  // are committed together as the second batch.
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::future<Status> gate = writer.Enqueue([&started, released](Connection&) {
    started.set_value();
    released.wait();
    return Status::Ok();
  });
  started.get_future().wait();
  std::future<Status> one = writer.Enqueue(Insert(1));
  std::future<Status> two = writer.Enqueue([](Connection& db) -> Status {
    CHORUS_RETURN_IF_ERROR(Insert(2)(db));
    return InvalidArgument("refused after writing", "x");  // Its own insert must vanish.
  });
  std::future<Status> duplicate = writer.Enqueue(Insert(1));  // Constraint error.
  std::future<Status> three = writer.Enqueue(Insert(3));
  release.set_value();
  EXPECT_TRUE(gate.get().ok());
  EXPECT_TRUE(one.get().ok());
  EXPECT_EQ(two.get().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(duplicate.get().code(), StatusCode::kConflict);
  EXPECT_TRUE(three.get().ok());
  EXPECT_EQ(writer.batches_committed(), 2u);
  EXPECT_EQ(Values(writer), (std::vector<int64_t>{1, 3}));
}

TEST(WriterTest, AnExceptionIsAnInternalErrorOfThatOperationOnly) {
  Writer writer(MemoryDb(), 8);
  Status thrown = writer.Run([](Connection& db) -> Status {
    (void)Insert(7)(db);
    throw std::runtime_error("bug");
  });
  EXPECT_EQ(thrown.code(), StatusCode::kInternal);
  EXPECT_TRUE(writer.Run(Insert(8)).ok());
  EXPECT_EQ(Values(writer), (std::vector<int64_t>{8}));
}

TEST(WriterTest, QueuedWorkFinishesBeforeTheWriterCloses) {
  std::vector<std::future<Status>> pending;
  {
    Writer writer(MemoryDb(), 4);
    for (int i = 0; i < 20; ++i) pending.push_back(writer.Enqueue(Insert(i)));
  }
  for (auto& f : pending) EXPECT_TRUE(f.get().ok());
}

}  // namespace
}  // namespace chorus::store::sqlite
