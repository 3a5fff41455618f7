// ModelBackendService::Draft: the drafting job's work (see service/model_backend_service.h).
#include <set>
#include <utility>
#include <vector>

#include "domain/ls_result.h"
#include "service/chat_completions_client.h"
#include "service/ml_backend_client.h"
#include "service/model_backend_service.h"
#include "service/result_check.h"

namespace chorus::service {
namespace {

using domain::ModelBackendKind;
using nlohmann::json;

// The project's gold task ids, and the first `examples_wanted` gold items as examples.
Status ReadGold(store::Store& store, int64_t project_id, int64_t examples_wanted,
                std::set<int64_t>& gold, std::vector<FewShotExample>& examples) {
  store::PageRequest page{0, 1000};
  while (true) {
    auto batch = store.gold().List(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::GoldItem& item : batch->items) {
      gold.insert(item.task_id);
      if (static_cast<int64_t>(examples.size()) >= examples_wanted) continue;
      auto task = store.tasks().Get(item.task_id);
      if (!task.ok()) return task.status();
      examples.push_back({json::parse(task->data, nullptr, false),
                          json::parse(item.reference, nullptr, false)});
    }
    if (batch->next_after_id == 0) return Status::Ok();
    page.after_id = batch->next_after_id;
  }
}

}  // namespace

Result<ModelDraftCounts> ModelBackendService::Draft(int64_t project_id, JobProgress* progress) {
  auto context = Load(project_id, /*need_interface=*/true);
  if (!context.ok()) return context.status();
  const domain::ModelBackend& backend = context->backend;
  const bool chat = backend.kind == ModelBackendKind::kChatCompletions;
  std::set<int64_t> gold;
  std::vector<FewShotExample> examples;
  CHORUS_RETURN_IF_ERROR(
      ReadGold(store_, project_id, chat ? backend.few_shot : 0, gold, examples));
  std::string guidelines;
  if (chat) {
    auto latest = store_.projects().LatestGuideline(project_id);
    if (latest.ok()) {
      guidelines = latest->markdown;
    } else if (latest.status().code() != StatusCode::kNotFound) {
      return latest.status();
    }
  }
  ModelHttp http(*fetcher_, context->http);
  MlBackendClient ml(http, backend.url);
  ChatCompletionsClient llm(http, backend.url);
  ModelDraftCounts counts;
  if (chat) {
    counts.model_version = domain::ChatModelVersion(backend);
  } else {
    auto version = ml.Setup(project_id, context->label_config);
    if (!version.ok()) return version.status();
    counts.model_version = version->empty() ? "label_studio" : *version;
  }
  if (progress != nullptr) {
    auto total = store_.tasks().Count(project_id);
    if (total.ok()) progress->SetTotal(*total);
  }
  int64_t failures_in_a_row = 0;
  store::PageRequest page{0, 500};
  while (true) {
    auto batch = store_.tasks().List(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::Task& task : batch->items) {
      ++counts.tasks;
      if (progress != nullptr) {
        progress->SetDone(counts.tasks);
        if (const Status cancel = progress->CheckCancel(); !cancel.ok()) {
          return Status(cancel.code(), cancel.message() + " (drafts stored before it: " +
                                           std::to_string(counts.stored) +
                                           "); running it again drafts only the rest");
        }
      }
      if (gold.count(task.id) > 0) {
        ++counts.gold_skipped;  // Never sent: a model must not see what gold checks.
        continue;
      }
      auto existing = store_.predictions().Find(task.id, counts.model_version);
      if (!existing.ok()) return existing.status();
      if (*existing) {
        ++counts.already;
        continue;
      }
      ++counts.requested;
      const json data = json::parse(task.data, nullptr, false);
      domain::Prediction prediction;
      prediction.task_id = task.id;
      prediction.project_id = project_id;
      prediction.model_version = counts.model_version;
      Result<json> result = json();
      if (chat) {
        auto response = llm.Complete(ChatRequest(
            backend.model, ChatMessages(guidelines, context->label_interface, examples, data),
            context->label_interface));
        result = response.ok() ? ChatAnswer(*response) : Result<json>(response.status());
      } else {
        auto predicted = ml.Predict(project_id, context->label_config,
                                    std::vector<MlTask>{MlTask{task.id, data}});
        if (predicted.ok()) {
          prediction.score = (*predicted)[0].score;
          // The task's data: ML backends count span offsets in UTF-16 units.
          result = domain::FromLabelStudioResult(context->label_interface,
                                                 (*predicted)[0].result, data);
        } else {
          result = predicted.status();
        }
      }
      // A transport failure (the model is down) counts as failed; a bad answer as invalid.
      const bool transport = !result.ok() && result.status().field() == "url";
      if (transport) {
        ++counts.failed;
        if (result.status().code() == StatusCode::kInvalidArgument ||
            ++failures_in_a_row >= options_.max_failures_in_a_row) {
          return Status(result.status().code(),
                        result.status().message() + " (" + std::to_string(counts.stored) +
                            " drafts stored before it gave up)",
                        "url");
        }
        continue;
      }
      failures_in_a_row = 0;
      if (result.ok()) {
        prediction.result = result->dump();
        if (!CheckResult(context->project, task, prediction.result).ok() ||
            !domain::ValidatePrediction(prediction).ok()) {
          result = InvalidArgument("does not answer the label interface", "result");
        }
      }
      if (!result.ok()) {
        ++counts.invalid;  // Counted, never stored.
        continue;
      }
      prediction.created_at = now_();
      CHORUS_RETURN_IF_ERROR(store_.predictions().Upsert(project_id, {prediction}));
      ++counts.stored;
    }
    if (batch->next_after_id == 0) break;
    page.after_id = batch->next_after_id;
  }
  return counts;
}

}  // namespace chorus::service
