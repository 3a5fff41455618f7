#include "service/model_drafts.h"

#include <sodium.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "service/secrets.h"

namespace chorus::service {

bool DrawBlind(std::string_view key, int64_t task_id, int64_t annotator_id, double share) {
  if (share <= 0) return false;
  if (share >= 1) return true;
  EnsureSodiumInitialised();
  const std::string message = std::to_string(task_id) + ":" + std::to_string(annotator_id);
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     key.size());
  uint64_t draw = 0;
  for (int i = 0; i < 8; ++i) draw = (draw << 8) | digest[i];
  // 2^64 as a double: the draw as a fraction of the 64-bit range.
  return static_cast<double>(draw) / 18446744073709551616.0 < share;
}

bool SameAnswer(std::string_view a, std::string_view b) {
  const auto left = nlohmann::json::parse(a, nullptr, false);
  const auto right = nlohmann::json::parse(b, nullptr, false);
  return !left.is_discarded() && !right.is_discarded() && left == right;
}

Result<std::string> ModelDrafts::KeyOf(int64_t project_id) {
  {
    std::lock_guard lock(mutex_);
    const auto found = keys_.find(project_id);
    if (found != keys_.end()) return found->second;
  }
  auto key = store_.predictions().DraftKey(project_id, RandomSecret());
  if (!key.ok()) return key.status();
  std::lock_guard lock(mutex_);
  keys_[project_id] = *key;
  return *key;
}

Result<DraftDecision> ModelDrafts::Decide(const domain::Project& project, int64_t task_id,
                                          int64_t annotator_id) {
  DraftDecision decision;
  if (!project.drafts.enabled) return decision;
  std::optional<std::string> model;
  if (!project.drafts.model_version.empty()) {
    model = project.drafts.model_version;
  } else {
    auto latest = store_.predictions().LatestModelVersion(project.id);
    if (!latest.ok()) return latest.status();
    model = *latest;
  }
  if (!model) return decision;
  // Gold is never drafted: its labels measure the annotator, not the model. The prediction and
  // the draw are read for gold as for any task, so the answer takes no less time for gold.
  auto gold = store_.gold().Get(task_id);
  if (!gold.ok() && gold.status().code() != StatusCode::kNotFound) return gold.status();
  auto prediction = store_.predictions().Find(task_id, *model);
  if (!prediction.ok()) return prediction.status();
  auto key = KeyOf(project.id);
  if (!key.ok()) return key.status();
  const bool blind = DrawBlind(*key, task_id, annotator_id, project.drafts.blind_share);
  if (gold.ok() || !prediction->has_value()) return decision;
  decision.model_version = *model;
  decision.blind = blind;
  if (!decision.blind) decision.shown = std::move(**prediction);
  return decision;
}

}  // namespace chorus::service
