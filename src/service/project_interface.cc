#include "service/project_interface.h"

namespace chorus::service {

Result<domain::LabelInterface> ProjectLabelInterface(const domain::Project& project) {
  auto label_interface = domain::ParseLabelInterface(project.label_interface);
  if (!label_interface.ok()) {
    return InvalidArgument("the project's label interface is not valid (" +
                               label_interface.status().ToString() + "): fix it first",
                           "control");
  }
  return label_interface;
}

}  // namespace chorus::service
