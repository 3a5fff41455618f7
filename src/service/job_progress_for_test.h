// For the service tests: a JobProgress whose job was cancelled before it started, to check
// that background work stops before it writes anything.
// Test-only (no .cc, so no product code links it).
#pragma once

#include <cstdint>

#include "service/job_runner.h"

namespace chorus::service {

struct CancelledProgress : JobProgress {
  void SetTotal(int64_t) override {}
  void SetDone(int64_t) override {}
  Status CheckCancel() const override {
    return Status(StatusCode::kFailedPrecondition, "cancelled by its owner");
  }
};

}  // namespace chorus::service
