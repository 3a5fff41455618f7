#include "service/result_check.h"

#include <nlohmann/json.hpp>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"

namespace chorus::service {

Status CheckResult(const domain::Project& project, const domain::Task& task,
                   const std::string& result) {
  auto interface = domain::ParseLabelInterface(project.label_interface);
  if (!interface.ok()) return interface.status();
  const auto parsed = nlohmann::json::parse(result, nullptr, false);
  const auto data = nlohmann::json::parse(task.data, nullptr, false);
  return domain::ValidateResult(*interface, parsed, data);
}

}  // namespace chorus::service
