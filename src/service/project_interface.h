// The label interface of a stored project, for the services that read its labels (agreement,
// aggregation, learning, diversity, quality reports).
// Thread-safety: pure function.
#pragma once

#include "core/status.h"
#include "domain/label_interface.h"
#include "domain/project.h"

namespace chorus::service {

// The project's parsed interface; kInvalidArgument (field "control") saying to fix it first
// when it does not parse (an interface stored before a rule tightened).
Result<domain::LabelInterface> ProjectLabelInterface(const domain::Project& project);

}  // namespace chorus::service
