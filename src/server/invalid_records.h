// The answer of every import whose records fail their checks (nothing was stored): 422
// invalid_records with the error every client reads, and beside it each record at fault
// {record, line (null inside a JSON array), field, message} and more_errors.
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/http_message.h"
#include "service/task_import.h"

namespace chorus::server {

// `extra` (an object, or null) adds members to the body, such as a migration's report.
HttpResponse InvalidRecordsResponse(
    const service::ImportSummary& summary, const std::string& correlation_id,
    std::string_view message =
        "some records are invalid, so nothing was imported; fix the records listed in errors "
        "and upload the file again",
    std::string_view field = "body", const nlohmann::json& extra = nullptr);

}  // namespace chorus::server
