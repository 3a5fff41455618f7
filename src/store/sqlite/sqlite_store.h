// The SQLite backend of the store: one database file in WAL mode, one writer thread that
// group-commits, and a pool of read connections (docs/storage.md).
//
// Opening refuses an unsafe configuration (security catalogue entry 3): after setting them it
// reads back journal_mode=wal, synchronous=FULL, foreign_keys=ON and busy_timeout on every
// connection and fails with kFailedPrecondition otherwise (":memory:" databases, which cannot
// use WAL, are refused the same way). Migrations are applied at open in one transaction.
// Thread-safety: a SqliteStore is safe to use from many threads; destroy it after its users.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/sqlite/wal_watch.h"
#include "store/store.h"

namespace chorus::store::sqlite {

struct SqliteOptions {
  std::string path;            // The database file; its directory must exist (caller's job).
  int busy_timeout_ms = 5000;  // How long a connection waits for another's lock, then busy.
  size_t max_batch = 512;      // Most writes committed together (one fsync per batch).
  size_t max_readers = 8;      // Read connections opened at most; more readers wait.
  WalWatchOptions wal;         // Checkpoints, and the alert when a reader keeps the WAL growing.
};

class Writer;
class ReadPool;

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) and migrates the database. kFailedPrecondition for an unsafe
  // configuration or a newer schema; kUnavailable when the file is locked past the timeout.
  static Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  ~SqliteStore() override;

  UserStore& users() override;
  ProjectStore& projects() override;
  TaskStore& tasks() override;
  AnnotationStore& annotations() override;
  AuthStore& auth() override;
  AuditLog& audit() override;
  InvitationStore& invitations() override;
  GoldStore& gold() override;
  AdjudicationStore& adjudications() override;
  AggregateStore& aggregates() override;
  PredictionStore& predictions() override;
  MachineLabelStore& machine_labels() override;

  // The value of one of the PRAGMAs the store depends on ("journal_mode", "synchronous",
  // "foreign_keys", "busy_timeout", "query_only") on the writer's connection (on_writer) or a
  // read connection. kInvalidArgument for any other name.
  Result<std::string> Pragma(std::string_view name, bool on_writer);
  // PRAGMA integrity_check on a read connection: "ok" for a sound database.
  Result<std::string> IntegrityCheck();
  // Group commits done so far by the writer.
  size_t batches_committed() const;

 private:
  struct Parts;
  explicit SqliteStore(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace chorus::store::sqlite
