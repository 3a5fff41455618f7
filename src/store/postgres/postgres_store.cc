#include "store/postgres/postgres_store.h"

#include <utility>

#include "core/clock.h"
#include "store/postgres/aggregates.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"

namespace chorus::store::postgres {

struct PostgresStore::Parts {
  explicit Parts(PoolOptions options)
      : pool(std::move(options)),
        users(pool),
        projects(pool),
        tasks(pool),
        annotations(pool),
        auth(pool),
        audit(pool),
        invitations(pool),
        gold(pool),
        adjudications(pool),
        aggregates(pool),
        predictions(pool),
        machine_labels(pool) {}

  Pool pool;
  PgUserStore users;
  PgProjectStore projects;
  PgTaskStore tasks;
  PgAnnotationStore annotations;
  PgAuthStore auth;
  PgAuditLog audit;
  PgInvitationStore invitations;
  PgGoldStore gold;
  PgAdjudicationStore adjudications;
  PgAggregateStore aggregates;
  PgPredictionStore predictions;
  PgMachineLabelStore machine_labels;
};

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const PostgresOptions& options) {
  if (options.url.empty()) {
    return InvalidArgument("must name a database: postgresql://user@host:port/database", "db");
  }
  if (options.max_connections < 1) return InvalidArgument("must be at least 1", "max_connections");
  if (options.max_attempts < 1) return InvalidArgument("must be at least 1", "max_attempts");
  PoolOptions pool_options;
  pool_options.url = options.url;
  pool_options.max_connections = options.max_connections;
  pool_options.connect_timeout_s = options.connect_timeout_s;
  pool_options.acquire_timeout_ms = options.acquire_timeout_ms;
  pool_options.max_attempts = options.max_attempts;
  auto parts = std::make_unique<Parts>(std::move(pool_options));
  {
    // The first connection runs the durability checks (in Acquire) and the migrations.
    Result<Pool::Lease> lease = parts->pool.Acquire();
    if (!lease.ok()) return lease.status();
    CHORUS_RETURN_IF_ERROR(ApplyMigrations(**lease, EmbeddedMigrations(), NowUnixMillis()));
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(parts)));
}

PostgresStore::PostgresStore(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
PostgresStore::~PostgresStore() = default;

UserStore& PostgresStore::users() { return parts_->users; }
ProjectStore& PostgresStore::projects() { return parts_->projects; }
TaskStore& PostgresStore::tasks() { return parts_->tasks; }
AnnotationStore& PostgresStore::annotations() { return parts_->annotations; }
AuthStore& PostgresStore::auth() { return parts_->auth; }
AuditLog& PostgresStore::audit() { return parts_->audit; }
InvitationStore& PostgresStore::invitations() { return parts_->invitations; }
GoldStore& PostgresStore::gold() { return parts_->gold; }
AdjudicationStore& PostgresStore::adjudications() { return parts_->adjudications; }
AggregateStore& PostgresStore::aggregates() { return parts_->aggregates; }
PredictionStore& PostgresStore::predictions() { return parts_->predictions; }
MachineLabelStore& PostgresStore::machine_labels() { return parts_->machine_labels; }

Result<std::vector<int64_t>> PostgresStore::AppliedMigrations() {
  return WithConnection(parts_->pool,
                        [](Connection& db) { return postgres::AppliedMigrations(db); });
}

}  // namespace chorus::store::postgres
