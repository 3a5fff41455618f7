// Label Studio's JSON export (docs/user-guide.md, "Leaving for Label Studio"): one JSON array
// of tasks {"id", "data", "annotations", "predictions"}, so a team can import the project into
// Label Studio with the config from GET /projects/{p}/label-studio-config. Regions are converted
// by domain/ls_task.h:
//   - each submitted annotation is an annotation with completed_by the annotator's numeric id
//     (never a name or an email);
//   - the gold reference is an annotation with ground_truth: true, by the user who set it;
//   - predictions named "label_studio:<who>" (annotations imported from Label Studio) go back
//     as annotations by <who>; other predictions stay predictions.
// Skipped annotations and regions Label Studio cannot hold are counted in the notes
// ("skipped_annotations", "regions_not_converted"). Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

// Any interface.
WriterResult MakeLabelStudioWriter(const domain::LabelInterface& label_interface);

}  // namespace chorus::service::exports
