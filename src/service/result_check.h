// The one check every stored answer passes (submissions, corrections, review fixes, gold
// references): the result answers the project's label interface for the task's data.
// Thread-safety: pure function.
#pragma once

#include <string>

#include "core/status.h"
#include "domain/project.h"
#include "domain/task.h"

namespace chorus::service {

// kInvalidArgument naming the field (domain::ValidateResult) unless `result` (JSON text)
// answers `project`'s interface for `task`'s data.
Status CheckResult(const domain::Project& project, const domain::Task& task,
                   const std::string& result);

}  // namespace chorus::service
