// The PostgreSQL backend of the store (`chorus serve --db postgresql://...`): for deployments
// with several server processes sharing one database (docs/storage.md, "PostgreSQL").
//
// Opening connects, refuses an unsafe server (fsync off, synchronous_commit off, older than
// 15: security catalogue entry 3) with kFailedPrecondition, and applies the embedded migrations
// under an advisory lock, so processes starting together migrate once (entry 16). Every write
// is one transaction on a pooled connection, acknowledged after COMMIT (durable with
// synchronous_commit on); serialization failures and deadlocks are retried a few times
// (entry 13). Next-task selection uses SELECT ... FOR UPDATE SKIP LOCKED.
// Thread-safety: a PostgresStore is safe to use from many threads; destroy it after its users.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace chorus::store::postgres {

struct PostgresOptions {
  std::string url;                 // postgresql://user[:password]@host:port/database[?...]
  size_t max_connections = 8;      // Pool size: connections opened at most.
  int connect_timeout_s = 10;      // How long one connection attempt may take.
  int acquire_timeout_ms = 30000;  // How long a call waits for a free pooled connection.
  int max_attempts = 5;            // Runs of a write that keeps failing with 40001/40P01.
};

class Pool;

class PostgresStore final : public Store {
 public:
  // Connects, checks the server and migrates. kInvalidArgument for an empty or malformed
  // URL, kUnavailable when the server cannot be reached, kFailedPrecondition for an unsafe
  // server or a schema newer than this binary.
  static Result<std::unique_ptr<PostgresStore>> Open(const PostgresOptions& options);
  ~PostgresStore() override;

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

  // The versions recorded in schema_migrations, ascending (for tests and `chorus` diagnostics).
  Result<std::vector<int64_t>> AppliedMigrations();

 private:
  struct Parts;
  explicit PostgresStore(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace chorus::store::postgres
