#include "store/sqlite/sqlite_store.h"

#include <string>
#include <utility>

#include "core/clock.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/read_pool.h"
#include "store/sqlite/sqlite_annotations.h"
#include "store/sqlite/sqlite_audit.h"
#include "store/sqlite/sqlite_auth.h"
#include "store/sqlite/sqlite_adjudications.h"
#include "store/sqlite/sqlite_aggregates.h"
#include "store/sqlite/sqlite_machine_labels.h"
#include "store/sqlite/sqlite_predictions.h"
#include "store/sqlite/sqlite_gold.h"
#include "store/sqlite/sqlite_invitations.h"
#include "store/sqlite/sqlite_projects.h"
#include "store/sqlite/sqlite_tasks.h"
#include "store/sqlite/sqlite_users.h"
#include "store/sqlite/writer.h"

namespace chorus::store::sqlite {

namespace {

// Reads PRAGMA `sql` back and refuses the database unless it says `want` (catalogue entry 3).
Status Expect(Connection& db, const char* sql, const std::string& want, const std::string& path,
              const char* why) {
  Result<std::string> got = db.QueryText(sql);
  if (!got.ok()) return got.status();
  if (*got != want) {
    return {StatusCode::kFailedPrecondition,
            std::string(sql) + " is '" + *got + "' on " + path + ", not '" + want + "': " + why +
                ". Put the database on a local disk that supports WAL and shared memory."};
  }
  return Status::Ok();
}

// Sets and verifies the settings every connection needs. The writer also switches the file to
// WAL (persistent); readers are query_only so nothing writes around the single writer.
Status Configure(Connection& db, const SqliteOptions& options, bool writer) {
  int rc = sqlite3_busy_timeout(db.raw(), options.busy_timeout_ms);
  if (rc != SQLITE_OK) return SqliteError(rc, "setting busy_timeout", db.raw());
  if (writer) CHORUS_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  CHORUS_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = FULL"));
  CHORUS_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  if (!writer) CHORUS_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = ON"));
  // The writer keeps 64 MiB of pages (the default is 2 MiB): an import's inserts into the
  // content-hash index land on random pages, which were otherwise read back from the OS.
  if (writer) CHORUS_RETURN_IF_ERROR(db.Exec("PRAGMA cache_size = -65536"));
  // Checkpoints every 16,384 WAL pages (64 MiB) instead of 1,000: a page that several commits
  // dirty (an import's index pages) is copied into the database once per checkpoint, not once
  // per commit. This covers the migrations; then WalWatch takes the job over (same size).
  if (writer) CHORUS_RETURN_IF_ERROR(db.Exec("PRAGMA wal_autocheckpoint = 16384"));
  const std::string& path = options.path;
  CHORUS_RETURN_IF_ERROR(Expect(db, "PRAGMA journal_mode", "wal", path,
                                "without WAL readers block the writer and a crash can lose "
                                "more than the last batch"));
  CHORUS_RETURN_IF_ERROR(Expect(db, "PRAGMA synchronous", "2", path,
                                "below FULL an acknowledged write can be lost on power failure"));
  CHORUS_RETURN_IF_ERROR(Expect(db, "PRAGMA foreign_keys", "1", path,
                                "without foreign keys rows could point at nothing"));
  return Expect(db, "PRAGMA busy_timeout", std::to_string(options.busy_timeout_ms), path,
                "without a busy timeout a locked database fails at once");
}

Result<std::unique_ptr<Connection>> OpenConfigured(const SqliteOptions& options, bool writer) {
  Result<std::unique_ptr<Connection>> db = Connection::Open(
      options.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db.ok()) return db.status();
  CHORUS_RETURN_IF_ERROR(Configure(**db, options, writer));
  return db;
}

// The PRAGMAs Pragma() may read: fixed SQL, never built from the name.
const char* PragmaSql(std::string_view name) {
  if (name == "journal_mode") return "PRAGMA journal_mode";
  if (name == "synchronous") return "PRAGMA synchronous";
  if (name == "foreign_keys") return "PRAGMA foreign_keys";
  if (name == "busy_timeout") return "PRAGMA busy_timeout";
  if (name == "query_only") return "PRAGMA query_only";
  return nullptr;
}

}  // namespace

struct SqliteStore::Parts {
  Parts(std::unique_ptr<Connection> writer_connection, const SqliteOptions& options)
      : wal_watch(options.wal),
        writer(std::move(writer_connection), options.max_batch),
        reads([options] { return OpenConfigured(options, /*writer=*/false); }, options.max_readers),
        users({writer, reads}),
        projects({writer, reads}),
        tasks({writer, reads}),
        annotations({writer, reads}),
        auth({writer, reads}),
        audit({writer, reads}),
        invitations({writer, reads}),
        gold({writer, reads}),
        adjudications({writer, reads}),
        aggregates({writer, reads}),
        predictions({writer, reads}),
        machine_labels({writer, reads}) {}

  WalWatch wal_watch;  // Before the writer: its hook runs until the writer's connection closes.
  Writer writer;
  ReadPool reads;
  SqliteUserStore users;
  SqliteProjectStore projects;
  SqliteTaskStore tasks;
  SqliteAnnotationStore annotations;
  SqliteAuthStore auth;
  SqliteAuditLog audit;
  SqliteInvitationStore invitations;
  SqliteGoldStore gold;
  SqliteAdjudicationStore adjudications;
  SqliteAggregateStore aggregates;
  SqlitePredictionStore predictions;
  SqliteMachineLabelStore machine_labels;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  if (options.path.empty()) return InvalidArgument("must name a database file", "path");
  if (options.busy_timeout_ms <= 0) {
    return InvalidArgument("must be positive", "busy_timeout_ms");
  }
  Result<std::unique_ptr<Connection>> writer = OpenConfigured(options, /*writer=*/true);
  if (!writer.ok()) return writer.status();
  CHORUS_RETURN_IF_ERROR(ApplyMigrations(**writer, EmbeddedMigrations(), NowUnixMillis()));
  // Open one reader now so a configuration problem shows at open, not at the first read.
  auto parts = std::make_unique<Parts>(std::move(writer).value(), options);
  CHORUS_RETURN_IF_ERROR(parts->writer.Run(
      [&](Connection& db) { return parts->wal_watch.Install(db, options.path); }));
  {
    Result<ReadPool::Lease> reader = parts->reads.Acquire();
    if (!reader.ok()) return reader.status();
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(parts)));
}

SqliteStore::SqliteStore(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
SqliteStore::~SqliteStore() = default;

UserStore& SqliteStore::users() { return parts_->users; }
ProjectStore& SqliteStore::projects() { return parts_->projects; }
TaskStore& SqliteStore::tasks() { return parts_->tasks; }
AnnotationStore& SqliteStore::annotations() { return parts_->annotations; }
AuthStore& SqliteStore::auth() { return parts_->auth; }
AuditLog& SqliteStore::audit() { return parts_->audit; }
InvitationStore& SqliteStore::invitations() { return parts_->invitations; }
GoldStore& SqliteStore::gold() { return parts_->gold; }
AdjudicationStore& SqliteStore::adjudications() { return parts_->adjudications; }
AggregateStore& SqliteStore::aggregates() { return parts_->aggregates; }
PredictionStore& SqliteStore::predictions() { return parts_->predictions; }
MachineLabelStore& SqliteStore::machine_labels() { return parts_->machine_labels; }

Result<std::string> SqliteStore::Pragma(std::string_view name, bool on_writer) {
  const char* sql = PragmaSql(name);
  if (sql == nullptr) {
    return InvalidArgument(
        "must be journal_mode, synchronous, foreign_keys, busy_timeout or "
        "query_only",
        "pragma");
  }
  if (!on_writer) {
    return WithReader(parts_->reads, [&](Connection& db) { return db.QueryText(sql); });
  }
  std::string value;
  Status status = parts_->writer.Run([&](Connection& db) -> Status {
    Result<std::string> got = db.QueryText(sql);
    if (!got.ok()) return got.status();
    value = *got;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return value;
}

Result<std::string> SqliteStore::IntegrityCheck() {
  return WithReader(parts_->reads,
                    [](Connection& db) { return db.QueryText("PRAGMA integrity_check"); });
}

size_t SqliteStore::batches_committed() const { return parts_->writer.batches_committed(); }

}  // namespace chorus::store::sqlite
