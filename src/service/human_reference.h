// What people said, as the yardstick for machine labels (issue 7 items 3, 7 and 8): per task,
// a trusted human answer on the project's single-choice control.
//  - A gold task's reference answer always counts.
//  - Otherwise the plurality of people's submitted labels that the model could not have
//    anchored: blind controls only (the draft was withheld on purpose: kBlindOnly, for
//    calibrating auto-labelling), or blind and undrafted labels (no draft shown: kUnanchored,
//    for validating machine labels). Labels given with a draft in view, accepted or not, are
//    left out, as are model, rule and adjudicated annotations. A tie gives no answer.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/status.h"
#include "domain/label_interface.h"
#include "domain/project.h"
#include "store/store.h"

namespace chorus::service {

// A project with its parsed interface and the control machine labels answer (the routing
// control when set, else the first single-choice control; AggregationControl).
struct ProjectControl {
  domain::Project project;
  domain::LabelInterface label_interface;
  size_t control_index = 0;

  const domain::Control& control() const { return label_interface.controls[control_index]; }
};

// kNotFound for an unknown project; kInvalidArgument (field "control") when its interface
// has no single-choice control.
Result<ProjectControl> LoadProjectControl(store::Store& store, int64_t project_id);

enum class HumanEvidence { kBlindOnly, kUnanchored };

struct HumanReference {
  std::map<int64_t, std::string> answers;  // Task id -> the trusted answer (an option).
  std::set<int64_t> gold;                  // The tasks answered by their gold reference.
};

Result<HumanReference> LoadHumanReference(store::Store& store, int64_t project_id,
                                          const domain::Control& control, HumanEvidence evidence);

}  // namespace chorus::service
