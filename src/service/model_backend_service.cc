#include "service/model_backend_service.h"

#include <cstdlib>
#include <utility>

#include "service/audit.h"
#include "service/chat_completions_client.h"
#include "service/ml_backend_client.h"

namespace chorus::service {
namespace {

using domain::ModelBackendKind;
using nlohmann::json;

Status NoBackend(int64_t project_id) {
  return Status(StatusCode::kFailedPrecondition,
                "project " + std::to_string(project_id) +
                    " has no model backend; save one first (PUT .../model-backend)",
                "model_backend");
}

}  // namespace

json ModelDraftCounts::ToJson() const {
  return {{"model_version", model_version}, {"tasks", tasks},       {"gold_skipped", gold_skipped},
          {"already", already},             {"requested", requested}, {"stored", stored},
          {"invalid", invalid},             {"failed", failed}};
}

ModelBackendService::ModelBackendService(store::Store& store,
                                         std::shared_ptr<const OutboundFetcher> fetcher,
                                         std::shared_ptr<JobRunner> jobs,
                                         std::function<int64_t()> now,
                                         ModelBackendServiceOptions options)
    : store_(store),
      fetcher_(std::move(fetcher)),
      now_(std::move(now)),
      options_(std::move(options)),
      jobs_(std::move(jobs)) {
  if (!options_.getenv) options_.getenv = [](const char* name) { return std::getenv(name); };
}

Result<std::optional<ModelBackendView>> ModelBackendService::Get(int64_t project_id) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  auto text = store_.predictions().ModelBackend(project_id);
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<ModelBackendView>();
  auto backend = domain::ModelBackendFromText(**text);
  if (!backend.ok()) return backend.status();
  ModelBackendView view{*backend, false};
  view.api_key_present =
      !backend->api_key_env.empty() && options_.getenv(backend->api_key_env.c_str()) != nullptr;
  return std::optional<ModelBackendView>(view);
}

Result<ModelBackendView> ModelBackendService::Put(const Principal& actor, int64_t project_id,
                                                  const json& body) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  auto backend = domain::ModelBackendFromJson(body);
  if (!backend.ok()) return backend.status();
  CHORUS_RETURN_IF_ERROR(domain::ValidateModelBackend(*backend));
  // Refused at once, not when the first job runs.
  FetchFailure why;
  if (!fetcher_->Check(backend->url, &why).ok()) {
    if (why.reason == FetchFailure::Reason::kRefusedAddress) {
      return InvalidArgument(
          "this address is not public, and the server does not allow it; an administrator can "
          "with `chorus serve --allow-fetch ADDRESS[:PORT]` (e.g. --allow-fetch "
          "127.0.0.1/32:9090 for a backend on this machine)",
          "url");
    }
    return InvalidArgument("this URL cannot be used for a model backend (" +
                               std::string(FetchFailureName(why.reason)) +
                               "); give an http(s) URL of a host that resolves",
                           "url");
  }
  auto before = store_.predictions().ModelBackend(project_id);
  if (!before.ok()) return before.status();
  const std::string text = domain::ModelBackendToText(*backend);
  const int64_t now = now_();
  CHORUS_RETURN_IF_ERROR(store_.predictions().SetModelBackend(project_id, text, now));
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "model_backend.update",
                                      "project", project_id, before->value_or("null"), text, now));
  ModelBackendView view{*backend, false};
  view.api_key_present =
      !backend->api_key_env.empty() && options_.getenv(backend->api_key_env.c_str()) != nullptr;
  return view;
}

Result<ModelBackendService::Context> ModelBackendService::Load(int64_t project_id,
                                                               bool need_interface) {
  Context c;
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  c.project = std::move(project).value();
  auto text = store_.predictions().ModelBackend(project_id);
  if (!text.ok()) return text.status();
  if (!*text) return NoBackend(project_id);
  auto backend = domain::ModelBackendFromText(**text);
  if (!backend.ok()) return backend.status();
  c.backend = std::move(backend).value();
  c.label_config = json::parse(c.project.label_interface, nullptr, false);
  if (need_interface) {
    auto li = domain::ParseLabelInterface(c.project.label_interface);
    if (!li.ok()) {
      return Status(StatusCode::kFailedPrecondition,
                    "write the project's label interface first: drafts must answer it",
                    "label_interface");
    }
    c.label_interface = std::move(li).value();
  }
  c.http.timeout = std::chrono::milliseconds(c.backend.timeout_ms);
  c.http.max_retries = c.backend.max_retries;
  c.http.max_requests_per_minute = c.backend.max_requests_per_minute;
  c.http.sleep = options_.sleep;
  if (!c.backend.api_key_env.empty()) {
    const char* key = options_.getenv(c.backend.api_key_env.c_str());
    const std::string value = key != nullptr ? key : "";
    if (value.empty() || value.find_first_of("\r\n") != std::string::npos) {
      return Status(StatusCode::kFailedPrecondition,
                    "the environment variable " + c.backend.api_key_env +
                        " is not set (or not one line) in the server's environment; set it and "
                        "restart the server, or clear api_key_env",
                    "api_key_env");
    }
    c.http.bearer_token = value;
  }
  return c;
}

Result<ModelCheck> ModelBackendService::Check(int64_t project_id) {
  auto context = Load(project_id, /*need_interface=*/false);
  if (!context.ok()) return context.status();
  context->http.max_retries = 0;  // A check answers now; the job retries.
  ModelHttp http(*fetcher_, context->http);
  ModelCheck check;
  Status status;
  if (context->backend.kind == ModelBackendKind::kLabelStudio) {
    MlBackendClient client(http, context->backend.url);
    status = client.Health();
    if (status.ok()) {
      auto version = client.Setup(project_id, context->label_config);
      status = version.status();
      if (version.ok()) check.model_version = *version;
    }
  } else {
    status = ChatCompletionsClient(http, context->backend.url).Health();
    check.model_version = domain::ChatModelVersion(context->backend);
  }
  check.ok = status.ok();
  if (!status.ok()) {
    check.message = status.message();
    check.model_version.clear();
  }
  return check;
}

Result<Job> ModelBackendService::StartDraft(const Principal& actor, int64_t project_id) {
  // Refused now, not as a failed job, when it cannot start.
  CHORUS_RETURN_IF_ERROR(Load(project_id, /*need_interface=*/true).status());
  auto tasks = store_.tasks().Count(project_id);
  if (!tasks.ok()) return tasks.status();
  Job job;
  job.kind = "model_draft";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  job.total = *tasks;
  return jobs_->Start(job, [this, project_id](JobProgress& progress, Job& result) {
    auto counts = Draft(project_id, &progress);
    if (!counts.ok()) return counts.status();
    result.manifest = counts->ToJson().dump();
    return Status::Ok();
  });
}

Result<json> ModelBackendService::Train(const Principal& actor, int64_t project_id,
                                        TrainVia via) {
  auto context = Load(project_id, /*need_interface=*/false);
  if (!context.ok()) return context.status();
  if (context->backend.kind != ModelBackendKind::kLabelStudio) {
    return Status(StatusCode::kFailedPrecondition,
                  "training is for Label Studio ML backends; a chat-completions model learns "
                  "from the gold examples in its prompt",
                  "kind");
  }
  ModelHttp http(*fetcher_, context->http);
  MlBackendClient client(http, context->backend.url);
  if (via == TrainVia::kWebhook) {
    auto answer = client.Webhook("START_TRAINING", project_id, json::object());
    if (!answer.ok()) return answer.status();
    CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "model_backend.train",
                                        "project", project_id, "null",
                                        json({{"via", "webhook"}}).dump(), now_()));
    return answer;
  }
  json annotations = json::array();
  store::PageRequest page{0, 1000};
  while (annotations.size() < 10'000) {
    auto batch = store_.annotations().ListSubmittedInProject(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::Annotation& a : batch->items) {
      auto gold = store_.gold().Get(a.task_id);
      if (gold.ok()) continue;  // Gold answers never leave for a model.
      if (gold.status().code() != StatusCode::kNotFound) return gold.status();
      auto task = store_.tasks().Get(a.task_id);
      if (!task.ok()) return task.status();
      annotations.push_back({{"id", a.id},
                             {"task", {{"id", task->id}, {"data", json::parse(task->data)}}},
                             {"result", json::parse(a.result)}});
    }
    if (batch->next_after_id == 0) break;
    page.after_id = batch->next_after_id;
  }
  auto answer = client.Train(project_id, context->label_config, annotations);
  if (!answer.ok()) return answer.status();
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "model_backend.train",
                                      "project", project_id, "null",
                                      json({{"via", "train"}, {"annotations", annotations.size()}}).dump(),
                                      now_()));
  return answer;
}

}  // namespace chorus::service
