// `chorus serve --demo`: projects to try Chorus on at once, each with its guidelines:
//   - "Demo: sentiment", text classification (positive / negative / neutral) of 300 short
//     product reviews;
//   - "Demo: shapes", image classification (circle / square / triangle) of 30 pictures built
//     into the web app (web/public/demo/shapes, drawn by scripts/make_demo_shapes.py), so the
//     demo needs no media directory.
// Idempotent: a project whose name exists is left as it is, so the flag can stay on across
// restarts.
// Thread-safety: call once at start, before serving.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace chorus::service {

inline constexpr const char* kDemoProjectName = "Demo: sentiment";
inline constexpr const char* kDemoImageProjectName = "Demo: shapes";

struct DemoProjectSeed {
  std::string name;
  int64_t project_id = 0;
  int64_t tasks_added = 0;  // 0 when the project existed already.
};

// REQUIRES: `owner_id` is an existing user (the first admin). The projects in the order above.
Result<std::vector<DemoProjectSeed>> SeedDemo(store::Store& store, int64_t owner_id,
                                              int64_t now_ms);

}  // namespace chorus::service
