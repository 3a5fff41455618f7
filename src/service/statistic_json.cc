#include "service/statistic_json.h"

namespace chorus::service {

nlohmann::json StatisticToJson(const quality::Statistic& s) {
  nlohmann::json out = {{"value", s.value ? nlohmann::json(*s.value) : nlohmann::json(nullptr)}};
  if (s.ci95) out["ci95"] = {s.ci95->low, s.ci95->high};
  if (!s.defined()) out["undefined_reason"] = s.undefined_reason;
  return out;
}

}  // namespace chorus::service
