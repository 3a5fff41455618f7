// One person's (or model's) label for one task, with its provenance: how long it took, which
// guideline version was shown, whether a model draft was shown, and where it came from.
//
// Nothing overwrites another person's label (DESIGN §4): an annotation belongs to its
// annotator, changes only through an update that names the version it read (optimistic
// concurrency, catalogue entry 11), and a retried submission with the same idempotency key
// returns the first row (catalogue entry 12).
// Thread-safety: value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

enum class AnnotationState { kSubmitted, kSkipped, kDraft };
enum class AnnotationSource { kHuman, kModel, kRule, kAdjudicated };

// Stable lower-case names ("submitted", "adjudicated") used in JSON and in the database.
const char* AnnotationStateName(AnnotationState state);
Result<AnnotationState> ParseAnnotationState(std::string_view name);
const char* AnnotationSourceName(AnnotationSource source);
Result<AnnotationSource> ParseAnnotationSource(std::string_view name);

struct Annotation {
  int64_t id = 0;  // Assigned by the store.
  int64_t task_id = 0;
  int64_t project_id = 0;  // Must be the task's project (checked by the store).
  int64_t annotator_id = 0;
  std::string result = "{}";  // JSON text: regions or choices per control.
  AnnotationState state = AnnotationState::kSubmitted;
  int64_t lead_time_ms = 0;       // From task shown to submit.
  int64_t active_time_ms = 0;     // Time the page was focused and in use.
  int64_t guideline_version = 0;  // 0 when the project has no guidelines.
  AnnotationSource source = AnnotationSource::kHuman;
  bool draft_shown = false;     // Whether a model draft was shown (not blind).
  // Model drafts (domain/draft_policy.h): the model version whose draft was shown, or withheld
  // from this blind control; "" when no draft applied (none on, gold, or no prediction).
  std::string draft_model_version;
  bool blind = false;           // A draft existed and was withheld on purpose (a blind control).
  bool draft_accepted = false;  // A draft was shown and the label equals it (accepted unchanged).
  int64_t version = 0;          // 1 after creation, +1 per update.
  std::string idempotency_key;  // Client-chosen, unique per annotator; empty for none.
  std::string skip_reason;      // Why a skip was a skip (free text); empty for none.
  int64_t created_at = 0;       // Unix milliseconds.
  int64_t updated_at = 0;

  bool operator==(const Annotation&) const = default;
};

// Longest skip_reason, in characters (Unicode code points).
inline constexpr size_t kMaxSkipReasonChars = 500;

// kInvalidArgument with the field at fault. A skip_reason is well-formed UTF-8 of at most
// kMaxSkipReasonChars characters, and only a skipped annotation has one.
Status ValidateAnnotation(const Annotation& annotation);

nlohmann::json ToJson(const Annotation& annotation);  // result embedded as JSON.
Result<Annotation> AnnotationFromJson(const nlohmann::json& json);

}  // namespace chorus::domain
