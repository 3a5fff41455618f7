// `chorus serve --demo`: a project to try Chorus on at once. Seeds "Demo: sentiment", a
// text-classification project (positive / negative / neutral) with 300 short product reviews,
// and its guidelines. Idempotent: when a project of that name exists nothing is added, so the
// flag can stay on across restarts.
// Thread-safety: call once at start, before serving.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "store/store.h"

namespace chorus::service {

inline constexpr const char* kDemoProjectName = "Demo: sentiment";

struct DemoSeed {
  int64_t project_id = 0;
  int64_t tasks_added = 0;  // 0 when the project existed already.
};

// REQUIRES: `owner_id` is an existing user (the first admin).
Result<DemoSeed> SeedDemo(store::Store& store, int64_t owner_id, int64_t now_ms);

}  // namespace chorus::service
