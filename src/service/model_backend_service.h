// A project's model backend (domain/model_backend.h) and the drafts it makes (issue 7 item 1):
// managers save the configuration, check that the backend answers, and start a background job
// (service/job_runner.h) that asks it for a prediction for each task that has none from its
// model version yet and stores the valid ones (PredictionStore::Upsert), which then become
// drafts under the project's DraftPolicy (service/model_drafts.h).
//
// Every outbound call goes through the one guard (service/model_http.h). Gold tasks are never
// sent to a model (neither drafted nor used for training); their data and reference answers
// only appear as few-shot examples of a chat-completions prompt. Annotator paths (next task,
// submit) never call out: a failing or slow model fails its job, nothing else. The API key is
// read from the server's environment when a call is made; it is never stored or returned.
// Callers check the role (Action::kManageProjects).
// Thread-safety: safe to call concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/label_interface.h"
#include "domain/model_backend.h"
#include "domain/project.h"
#include "service/job_runner.h"
#include "service/model_http.h"
#include "service/outbound/outbound_fetcher.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct ModelBackendServiceOptions {
  // Reads an environment variable (nullptr when unset); tests substitute their own.
  std::function<const char*(const char*)> getenv;
  // How retries and the rate limit wait; unset: really sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
  int64_t max_failures_in_a_row = 3;  // The job gives up after this many failed tasks in a row.
};

// What GET returns: the configuration and whether its key variable is set on the server.
struct ModelBackendView {
  domain::ModelBackend backend;
  bool api_key_present = false;  // api_key_env names a variable set in the server's environment.
};

struct ModelCheck {
  bool ok = false;
  std::string model_version;  // The backend's (label_studio: from /setup), when ok.
  std::string message;        // What failed and what to do, when not ok.
};

// A drafting run's counts (the job's manifest).
struct ModelDraftCounts {
  std::string model_version;
  int64_t tasks = 0;        // Tasks of the project looked at.
  int64_t gold_skipped = 0;  // Gold tasks, never sent.
  int64_t already = 0;      // Tasks with a prediction of this model version already.
  int64_t requested = 0;    // Tasks sent to the model.
  int64_t stored = 0;       // Valid predictions stored.
  int64_t invalid = 0;      // Answers that do not answer the label interface (not stored).
  int64_t failed = 0;       // Requests that failed after their retries.

  nlohmann::json ToJson() const;
};

class ModelBackendService {
 public:
  // REQUIRES: `store` outlives the service; fetcher and jobs are not null.
  ModelBackendService(store::Store& store, std::shared_ptr<const OutboundFetcher> fetcher,
                      std::shared_ptr<JobRunner> jobs, std::function<int64_t()> now,
                      ModelBackendServiceOptions options = {});

  // The project's backend; kNotFound for an unknown project, nullopt when none is set.
  Result<std::optional<ModelBackendView>> Get(int64_t project_id);
  // Saves `body` (domain::ModelBackendFromJson) after validating it and checking its URL
  // against the outbound guard: an address the administrator did not allow is refused at once
  // (field "url", naming --allow-fetch). Audited.
  Result<ModelBackendView> Put(const Principal& actor, int64_t project_id,
                               const nlohmann::json& body);
  // Asks the backend whether it is up (label_studio: /health then /setup; chat_completions:
  // GET /models). kFailedPrecondition when the project has no backend.
  Result<ModelCheck> Check(int64_t project_id);
  // Starts drafting the project's tasks as a job of kind "model_draft" (its manifest: the
  // counts). kFailedPrecondition when there is no backend or no label interface.
  Result<Job> StartDraft(const Principal& actor, int64_t project_id);
  // The drafting itself, on the calling thread (the job's work; tests call it directly).
  Result<ModelDraftCounts> Draft(int64_t project_id, JobProgress* progress = nullptr);
  // How Train asks a Label Studio backend to learn.
  enum class TrainVia {
    kTrain,    // POST /train with the project's submitted labels of non-gold tasks (legacy API).
    kWebhook,  // POST /webhook {"action": "START_TRAINING", "project": {"id"}}: backends of
               // label-studio-ml 2.x train on that event, fetching labels themselves.
  };
  // Asks a Label Studio backend to train; its answer. kFailedPrecondition for a
  // chat-completions backend. Audited.
  Result<nlohmann::json> Train(const Principal& actor, int64_t project_id,
                               TrainVia via = TrainVia::kTrain);

 private:
  struct Context;
  Result<Context> Load(int64_t project_id, bool need_interface);

  store::Store& store_;
  std::shared_ptr<const OutboundFetcher> fetcher_;
  std::function<int64_t()> now_;
  ModelBackendServiceOptions options_;
  // Last, so it is destroyed first: when this holds the runner's last reference, its destructor
  // waits for a running drafting job while the members that job uses are still alive.
  std::shared_ptr<JobRunner> jobs_;
};

// What one call or job works with (shared by the service's two source files).
struct ModelBackendService::Context {
  domain::ModelBackend backend;
  domain::Project project;
  domain::LabelInterface label_interface;  // Empty when not needed or not written.
  nlohmann::json label_config;             // The interface as sent to the backend.
  ModelHttpOptions http;                   // Timeout, retries, rate limit, key.
};

}  // namespace chorus::service
