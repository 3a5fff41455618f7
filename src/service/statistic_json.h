// A quality::Statistic as JSON, the way service documents (datasheet, quality report) write it:
// {"value": number|null, "ci95": [low, high] when known, "undefined_reason" when undefined}.
// Thread-safety: stateless.
#pragma once

#include <nlohmann/json.hpp>

#include "quality/statistic.h"

namespace chorus::service {

nlohmann::json StatisticToJson(const quality::Statistic& s);

}  // namespace chorus::service
