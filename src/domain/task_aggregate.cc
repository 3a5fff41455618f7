#include "domain/task_aggregate.h"

#include <nlohmann/json.hpp>

namespace chorus::domain {

const char* AggregateSourceName(AggregateSource source) {
  switch (source) {
    case AggregateSource::kInferred: return "inferred";
    case AggregateSource::kAdjudicated: return "adjudicated";
    case AggregateSource::kSingle: return "single";
  }
  return "inferred";
}

Result<AggregateSource> ParseAggregateSource(std::string_view name) {
  if (name == "inferred") return AggregateSource::kInferred;
  if (name == "adjudicated") return AggregateSource::kAdjudicated;
  if (name == "single") return AggregateSource::kSingle;
  return InvalidArgument("must be inferred, adjudicated or single", "source");
}

nlohmann::json ToJson(const TaskAggregate& a) {
  const auto object = [](const std::string& text) {
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_object() ? parsed : nlohmann::json::object();
  };
  return {{"task_id", a.task_id},
          {"project_id", a.project_id},
          {"control", a.control},
          {"method", a.method},
          {"label", a.label ? nlohmann::json(*a.label) : nlohmann::json(nullptr)},
          {"distribution", object(a.distribution)},
          {"posterior", object(a.posterior)},
          {"confidence", a.confidence},
          {"weight", a.weight},
          {"ambiguous", a.ambiguous},
          {"votes", a.votes},
          {"source", AggregateSourceName(a.source)},
          {"computed_at", a.computed_at}};
}

}  // namespace chorus::domain
