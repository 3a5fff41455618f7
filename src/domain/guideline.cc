#include "domain/guideline.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace chorus::domain {

Status ValidateGuideline(const Guideline& guideline) {
  if (guideline.markdown.size() > 1'000'000 || !IsValidUtf8(guideline.markdown)) {
    return InvalidArgument("must be at most 1000000 bytes of UTF-8", "markdown");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Guideline& guideline) {
  return {{"project_id", guideline.project_id},
          {"version", guideline.version},
          {"markdown", guideline.markdown},
          {"author", guideline.author},
          {"created_at", guideline.created_at}};
}

}  // namespace chorus::domain
