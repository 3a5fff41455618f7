// The PostgreSQL implementations of the aggregate stores, each over the shared Pool. Internal to
// store/postgres: PostgresStore hands them out. The semantics are those of the interfaces and
// the conformance suite (tests/store); how they hold under concurrency is noted per file:
// writers lock the row they decide on (SELECT ... FOR UPDATE / FOR NO KEY UPDATE) and re-read
// what they check after taking the lock, so READ COMMITTED is enough.
// Thread-safety: safe from many threads (each call borrows its own connection).
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/adjudication_store.h"
#include "store/aggregate_store.h"
#include "store/annotation_store.h"
#include "store/audit_log.h"
#include "store/auth_store.h"
#include "store/gold_store.h"
#include "store/invitation_store.h"
#include "store/machine_label_store.h"
#include "store/postgres/pool.h"
#include "store/prediction_store.h"
#include "store/project_policies.h"
#include "store/project_store.h"
#include "store/task_store.h"
#include "store/user_store.h"

namespace chorus::store::postgres {

class PgUserStore final : public UserStore {
 public:
  explicit PgUserStore(Pool& pool) : pool_(pool) {}
  Result<domain::User> Create(domain::User user) override;
  Result<domain::User> Get(int64_t id) override;
  Result<domain::User> GetByEmail(std::string_view email) override;
  Result<Page<domain::User>> List(const PageRequest& page) override;
  UpdateResult<domain::User> Update(const domain::User& changed) override;
  Status SetPasswordHash(int64_t user_id, std::string hash) override;
  Result<std::string> GetPasswordHash(int64_t user_id) override;

 private:
  Pool& pool_;
};

class PgProjectStore final : public ProjectStore {
 public:
  explicit PgProjectStore(Pool& pool) : pool_(pool) {}
  Result<domain::Project> Create(domain::Project project) override;
  Result<domain::Project> Get(int64_t id) override;
  Result<Page<domain::Project>> List(const PageRequest& page) override;
  Result<Page<domain::Project>> ListForMember(int64_t user_id, const PageRequest& page) override;
  UpdateResult<domain::Project> Update(const domain::Project& changed) override;
  Result<domain::Guideline> AddGuideline(domain::Guideline guideline) override;
  Result<domain::Guideline> LatestGuideline(int64_t project_id) override;
  Result<domain::Guideline> GetGuideline(int64_t project_id, int64_t version) override;
  Result<std::vector<domain::Guideline>> ListGuidelines(int64_t project_id) override;
  // Membership: pg_project_members.cc.
  Result<domain::ProjectMember> AddMember(domain::ProjectMember member) override;
  Result<domain::ProjectMember> RemoveMember(int64_t project_id, int64_t user_id) override;
  Result<bool> IsMember(int64_t project_id, int64_t user_id) override;
  Result<bool> IsMemberOfTaskProject(int64_t task_id, int64_t user_id) override;
  Result<Page<domain::ProjectMember>> ListMembers(int64_t project_id,
                                                  const PageRequest& page) override;
  // Diversity answers: pg_member_attributes.cc.
  Status SetMemberAttributes(int64_t project_id, int64_t user_id,
                             const std::map<std::string, std::string>& answers) override;
  Result<std::map<std::string, std::string>> MemberAttributes(int64_t project_id,
                                                              int64_t user_id) override;
  Result<std::vector<MemberAttribute>> ListMemberAttributes(int64_t project_id) override;

 private:
  Pool& pool_;
  ProjectPolicyCache policies_;  // Parsed policies of the projects read, by version.
};

class PgTaskStore final : public TaskStore {
 public:
  explicit PgTaskStore(Pool& pool) : pool_(pool) {}
  Result<InsertTasksReport> InsertBatch(int64_t project_id, std::vector<domain::Task> tasks,
                                        const InsertTasksOptions& options) override;
  Result<domain::Task> Get(int64_t id) override;
  Result<Page<domain::Task>> List(int64_t project_id, const PageRequest& page) override;
  Result<int64_t> Count(int64_t project_id) override;
  Result<Page<TaskSummary>> Browse(const TaskBrowseRequest& request) override;
  Result<std::optional<Reservation>> ReserveNextTask(const ReserveRequest& request) override;
  Result<bool> HoldsReservation(int64_t task_id, int64_t annotator_id, int64_t now_ms) override;
  Status ReleaseReservation(int64_t task_id, int64_t annotator_id) override;
  // Routing (pg_task_routing.cc).
  Result<TaskRouting> GetRouting(int64_t task_id) override;
  Status SetRequiredTier(int64_t task_id, std::optional<domain::Tier> tier) override;
  Result<bool> SetWanted(int64_t task_id, int64_t wanted, int64_t seen_submitted) override;
  Result<RoutingTally> TallyRouting(int64_t project_id, int64_t overlap) override;
  Result<int64_t> SetPriorities(
      int64_t project_id, const std::vector<std::pair<int64_t, int64_t>>& priorities) override;
  // Wellbeing (pg_task_wellbeing.cc).
  Status SetSensitive(int64_t task_id, bool sensitive) override;
  Status SetOptOut(int64_t project_id, int64_t annotator_id, bool opted_out,
                   int64_t now_ms) override;
  Result<bool> OptedOut(int64_t project_id, int64_t annotator_id) override;
  Result<std::vector<int64_t>> OptOuts(int64_t project_id) override;
  Result<std::vector<WorkMark>> RecentWork(int64_t project_id, int64_t annotator_id,
                                           int64_t since_ms) override;
  Result<std::vector<ExposureTotal>> ExposureTotals(int64_t project_id) override;

 private:
  // Refreshes the planner's statistics of `tasks` each time the rows this store inserted
  // double (from 1,000): see InsertBatch.
  void AnalyzeAfterGrowth(int64_t inserted);

  Pool& pool_;
  std::mutex analyze_mutex_;
  int64_t inserted_ = 0;     // Tasks this store inserted since it opened.
  int64_t analyzed_at_ = 0;  // inserted_ at the last ANALYZE it ran.
};

class PgAnnotationStore final : public AnnotationStore {
 public:
  explicit PgAnnotationStore(Pool& pool) : pool_(pool) {}
  UpdateResult<SubmitResult> Submit(domain::Annotation annotation,
                                    const SubmitOptions& options) override;
  UpdateResult<domain::Annotation> SaveDraft(domain::Annotation draft) override;
  UpdateResult<domain::Annotation> Update(const domain::Annotation& changed, int64_t actor_id,
                                          const SubmitOptions& options) override;
  Result<domain::Annotation> Get(int64_t id) override;
  Result<std::optional<domain::Annotation>> FindOwn(int64_t task_id, int64_t annotator_id) override;
  Result<std::vector<domain::Annotation>> ListByTask(int64_t task_id) override;
  Result<Page<domain::Annotation>> ListSubmittedInProject(int64_t project_id,
                                                          const PageRequest& page) override;
  Result<int64_t> CountSubmitted(int64_t task_id) override;
  Result<AnnotatorStats> StatsFor(int64_t project_id, int64_t annotator_id) override;
  Result<std::vector<AnnotatorWork>> WorkByAnnotator(int64_t project_id) override;
  Result<domain::Review> AddReview(domain::Review review) override;
  Result<std::vector<domain::Review>> ListReviews(int64_t task_id) override;
  Result<std::optional<ReturnedWork>> FirstReturned(int64_t project_id,
                                                    int64_t annotator_id) override;

 private:
  Pool& pool_;
};

class PgAuthStore final : public AuthStore {
 public:
  explicit PgAuthStore(Pool& pool) : pool_(pool) {}
  Status CreateSession(const domain::Session& session) override;
  Result<domain::Session> GetSession(std::string_view id_hash, int64_t now_ms) override;
  Result<SessionUser> GetSessionUser(std::string_view id_hash, int64_t now_ms) override;
  Status DeleteSession(std::string_view id_hash) override;
  Result<int64_t> DeleteUserSessions(int64_t user_id) override;
  Result<int64_t> DeleteExpiredSessions(int64_t now_ms) override;
  Result<domain::ApiToken> CreateToken(domain::ApiToken token) override;
  Result<domain::ApiToken> FindActiveToken(std::string_view token_hash) override;
  Result<std::vector<domain::ApiToken>> ListTokens(int64_t user_id) override;
  Status RevokeToken(int64_t user_id, int64_t token_id, int64_t now_ms) override;

 private:
  // Runs `sql`, a DELETE with one integer parameter, and returns the rows it deleted.
  Result<int64_t> DeleteSessions(const char* sql, int64_t value);

  Pool& pool_;
};

class PgAuditLog final : public AuditLog {
 public:
  explicit PgAuditLog(Pool& pool) : pool_(pool) {}
  Result<domain::AuditEvent> Append(domain::AuditEvent event) override;
  Result<Page<domain::AuditEvent>> ListByEntity(std::string_view entity, int64_t entity_id,
                                                const PageRequest& page) override;
  Result<Page<domain::AuditEvent>> List(const AuditFilter& filter,
                                        const PageRequest& page) override;

 private:
  Pool& pool_;
};

class PgInvitationStore final : public InvitationStore {
 public:
  explicit PgInvitationStore(Pool& pool) : pool_(pool) {}
  Result<domain::Invitation> Create(domain::Invitation invitation) override;
  Result<domain::Invitation> Get(int64_t id) override;
  Result<domain::Invitation> FindByTokenHash(std::string_view token_hash) override;
  Result<Page<domain::Invitation>> ListPending(int64_t now_ms, const PageRequest& page) override;
  Result<domain::Invitation> Revoke(int64_t id, int64_t now_ms) override;
  Result<domain::User> Accept(int64_t invitation_id, std::string_view token_hash, domain::User user,
                              std::string password_hash, int64_t now_ms) override;

 private:
  Pool& pool_;
};

class PgGoldStore final : public GoldStore {
 public:
  explicit PgGoldStore(Pool& pool) : pool_(pool) {}
  UpdateResult<domain::GoldItem> Put(domain::GoldItem item) override;
  Result<domain::GoldItem> Get(int64_t task_id) override;
  Status Remove(int64_t task_id) override;
  Result<Page<domain::GoldItem>> List(int64_t project_id, const PageRequest& page) override;
  Result<std::vector<GoldAnswer>> Answers(int64_t project_id,
                                          std::optional<int64_t> annotator_id) override;
  Result<GoldAnswerTally> Tally(int64_t project_id, int64_t annotator_id) override;
  Status RecordCalibration(const CalibrationAnswer& answer) override;
  Result<std::vector<CalibrationAnswer>> CalibrationAnswers(int64_t project_id,
                                                            int64_t annotator_id) override;

 private:
  Pool& pool_;
};

class PgAdjudicationStore final : public AdjudicationStore {
 public:
  explicit PgAdjudicationStore(Pool& pool) : pool_(pool) {}
  Result<bool> Escalate(const domain::Adjudication& opened, int64_t seen_submitted) override;
  Result<domain::Adjudication> Get(int64_t task_id) override;
  Result<Page<domain::Adjudication>> List(int64_t project_id, AdjudicationFilter filter,
                                          const PageRequest& page) override;
  Result<int64_t> CountOpen(int64_t project_id) override;
  Result<domain::Adjudication> Decide(int64_t task_id, int64_t adjudicator_id, std::string result,
                                      std::string rationale, int64_t now_ms) override;

 private:
  Pool& pool_;
};

class PgAggregateStore final : public AggregateStore {
 public:
  explicit PgAggregateStore(Pool& pool) : pool_(pool) {}
  Status ReplaceForProject(int64_t project_id,
                           const std::vector<domain::TaskAggregate>& rows) override;
  Result<domain::TaskAggregate> Get(int64_t task_id) override;
  Result<Page<domain::TaskAggregate>> List(int64_t project_id, const PageRequest& page) override;

 private:
  Pool& pool_;
};

// The columns a query must select first, in this order, for ReadUserColumns.
inline constexpr const char* kUserColumns =
    "users.id, users.email, users.display_name, users.role, users.tier, users.attributes, "
    "users.pay_rate_cents_per_hour, users.disabled, users.created_at, users.version";
// The user in the first columns (kUserColumns) of row `i`.
Result<domain::User> ReadUserColumns(const Rows& rows, int i);
// Shared by the aggregates: a row by id read through `db` (kNotFound when absent), optionally
// locking it for the rest of the transaction (FOR NO KEY UPDATE).
Result<domain::User> ReadUserById(Connection& db, int64_t id);
// Inserts `*user` (email normalised, validated, version 1) and sets its id. kInvalidArgument
// (ValidateUser), kConflict (field "email") when the email is taken. REQUIRES: in a transaction.
Status InsertUser(Connection& db, domain::User& user);
// With `cache`, the project's policies come from it when it has them.
Result<domain::Project> ReadProjectById(Connection& db, int64_t id, bool lock = false,
                                        ProjectPolicyCache* cache = nullptr);
Result<domain::Task> ReadTaskById(Connection& db, int64_t id, bool lock = false);
// The task columns ReadTaskColumns reads, as a SELECT list (a macro, so statements can be
// string literals): pg_tasks.cc and pg_task_handout.cc read tasks back alike.
#define CHORUS_PG_TASK_COLUMNS \
  "id, project_id, external_id, content_hash, data, priority, created_at, sensitive "
// The task in the first columns (CHORUS_PG_TASK_COLUMNS) of row `i`.
domain::Task ReadTaskColumns(const Rows& rows, int i);
// The annotation in the first 19 columns of row `i`, in the annotations table's order
// (pg_annotations.cc); by id, locked FOR UPDATE when `lock`.
Result<domain::Annotation> ReadAnnotation(const Rows& rows, int i);
Result<domain::Annotation> ReadAnnotationById(Connection& db, int64_t id, bool lock);
// The annotation is no longer returned to its annotator (migration 0016).
Status EndReturn(Connection& db, int64_t annotation_id);

inline Status Conflict(std::string message, std::string field = {}) {
  return {StatusCode::kConflict, std::move(message), std::move(field)};
}

class PgMachineLabelStore final : public MachineLabelStore {
 public:
  explicit PgMachineLabelStore(Pool& pool) : pool_(pool) {}
  Status Append(int64_t project_id, const std::vector<domain::MachineLabel>& labels,
                bool close_tasks) override;
  Result<std::vector<domain::MachineLabel>> ListForTasks(int64_t project_id,
                                                         int64_t first_task_id,
                                                         int64_t last_task_id) override;
  Result<Page<domain::MachineLabel>> List(int64_t project_id,
                                          std::optional<domain::AnnotationSource> source,
                                          const PageRequest& page) override;
  Result<std::vector<int64_t>> OpenTasks(int64_t project_id) override;
  Result<std::vector<std::string>> PredictedModelVersions(int64_t project_id) override;
  Result<FunctionDocument> Functions(int64_t project_id) override;
  Status PutFunctions(int64_t project_id, const std::string& document, int64_t now_ms) override;

 private:
  Pool& pool_;
};

class PgPredictionStore final : public PredictionStore {
 public:
  explicit PgPredictionStore(Pool& pool) : pool_(pool) {}
  Status Upsert(int64_t project_id, const std::vector<domain::Prediction>& predictions) override;
  Result<std::vector<domain::Prediction>> ListForTask(int64_t task_id) override;
  Result<std::optional<domain::Prediction>> Find(int64_t task_id,
                                                 std::string_view model_version) override;
  Result<std::optional<std::string>> LatestModelVersion(int64_t project_id) override;
  Result<std::vector<domain::Prediction>> ListForModel(int64_t project_id,
                                                       std::string_view model_version) override;
  Result<std::optional<std::string>> ModelBackend(int64_t project_id) override;
  Status SetModelBackend(int64_t project_id, const std::string& config,
                         int64_t updated_at) override;
  Result<std::string> DraftKey(int64_t project_id, const std::string& candidate) override;
  Result<std::optional<int64_t>> TaskByExternalId(int64_t project_id,
                                                  std::string_view external_id) override;

 private:
  Pool& pool_;
};

}  // namespace chorus::store::postgres
