#include "domain/annotation.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"

namespace chorus::domain {

const char* AnnotationStateName(AnnotationState state) {
  switch (state) {
    case AnnotationState::kSubmitted: return "submitted";
    case AnnotationState::kSkipped: return "skipped";
    case AnnotationState::kDraft: return "draft";
  }
  return "draft";
}

Result<AnnotationState> ParseAnnotationState(std::string_view name) {
  for (AnnotationState s :
       {AnnotationState::kSubmitted, AnnotationState::kSkipped, AnnotationState::kDraft}) {
    if (name == AnnotationStateName(s)) return s;
  }
  return InvalidArgument("must be one of submitted, skipped, draft", "state");
}

const char* AnnotationSourceName(AnnotationSource source) {
  switch (source) {
    case AnnotationSource::kHuman: return "human";
    case AnnotationSource::kModel: return "model";
    case AnnotationSource::kRule: return "rule";
    case AnnotationSource::kAdjudicated: return "adjudicated";
  }
  return "human";
}

Result<AnnotationSource> ParseAnnotationSource(std::string_view name) {
  for (AnnotationSource s : {AnnotationSource::kHuman, AnnotationSource::kModel,
                             AnnotationSource::kRule, AnnotationSource::kAdjudicated}) {
    if (name == AnnotationSourceName(s)) return s;
  }
  return InvalidArgument("must be one of human, model, rule, adjudicated", "source");
}

namespace {

// Characters (code points) of well-formed UTF-8: every byte that does not continue one.
size_t CountChars(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

Status ValidateAnnotation(const Annotation& a) {
  if (a.task_id <= 0) return InvalidArgument("must name a task", "task_id");
  if (a.project_id <= 0) return InvalidArgument("must name a project", "project_id");
  if (a.annotator_id <= 0) return InvalidArgument("must name a user", "annotator_id");
  if (a.result.size() > 10'000'000) {
    return InvalidArgument("must be at most 10000000 bytes", "result");
  }
  CHORUS_RETURN_IF_ERROR(CheckJsonText(a.result, "result"));
  if (a.lead_time_ms < 0) return InvalidArgument("must not be negative", "lead_time_ms");
  if (a.active_time_ms < 0) return InvalidArgument("must not be negative", "active_time_ms");
  if (a.guideline_version < 0) {
    return InvalidArgument("must not be negative", "guideline_version");
  }
  if (a.idempotency_key.size() > 255) {
    return InvalidArgument("must be at most 255 bytes", "idempotency_key");
  }
  if (!a.skip_reason.empty()) {
    if (a.state != AnnotationState::kSkipped) {
      return InvalidArgument("only a skip has a skip_reason; send state \"skipped\" or no reason",
                             "skip_reason");
    }
    if (!IsValidUtf8(a.skip_reason) || CountChars(a.skip_reason) > kMaxSkipReasonChars) {
      return InvalidArgument(
          "must be at most " + std::to_string(kMaxSkipReasonChars) + " characters of UTF-8",
          "skip_reason");
    }
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Annotation& a) {
  return {{"id", a.id},
          {"task_id", a.task_id},
          {"project_id", a.project_id},
          {"annotator_id", a.annotator_id},
          {"result", JsonFromText(a.result)},
          {"state", AnnotationStateName(a.state)},
          {"lead_time_ms", a.lead_time_ms},
          {"active_time_ms", a.active_time_ms},
          {"guideline_version", a.guideline_version},
          {"source", AnnotationSourceName(a.source)},
          {"draft_shown", a.draft_shown},
          {"draft_model_version", a.draft_model_version},
          {"blind", a.blind},
          {"draft_accepted", a.draft_accepted},
          {"version", a.version},
          {"idempotency_key", a.idempotency_key},
          {"skip_reason", a.skip_reason},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

Result<Annotation> AnnotationFromJson(const nlohmann::json& json) {
  Annotation a;
  std::string state = AnnotationStateName(a.state);
  std::string source = AnnotationSourceName(a.source);
  JsonFields f(json);
  f.Int("id", &a.id);
  f.Int("task_id", &a.task_id);
  f.Int("project_id", &a.project_id);
  f.Int("annotator_id", &a.annotator_id);
  f.JsonText("result", &a.result, /*required=*/true);
  f.String("state", &state);
  f.Int("lead_time_ms", &a.lead_time_ms);
  f.Int("active_time_ms", &a.active_time_ms);
  f.Int("guideline_version", &a.guideline_version);
  f.String("source", &source);
  f.Bool("draft_shown", &a.draft_shown);
  f.String("draft_model_version", &a.draft_model_version);
  f.Bool("blind", &a.blind);
  f.Bool("draft_accepted", &a.draft_accepted);
  f.Int("version", &a.version);
  f.String("idempotency_key", &a.idempotency_key);
  f.String("skip_reason", &a.skip_reason);
  f.Int("created_at", &a.created_at);
  f.Int("updated_at", &a.updated_at);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  Result<AnnotationState> s = ParseAnnotationState(state);
  if (!s.ok()) return s.status();
  Result<AnnotationSource> src = ParseAnnotationSource(source);
  if (!src.ok()) return src.status();
  a.state = *s;
  a.source = *src;
  return a;
}

}  // namespace chorus::domain
