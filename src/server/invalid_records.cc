#include "server/invalid_records.h"

#include "server/error_response.h"

namespace chorus::server {

using nlohmann::json;

HttpResponse InvalidRecordsResponse(const service::ImportSummary& summary,
                                    const std::string& correlation_id, std::string_view message,
                                    std::string_view field, const json& extra) {
  HttpResponse response =
      MakeErrorResponse(422, "invalid_records", message, field, correlation_id);
  json body = json::parse(response.body);
  if (extra.is_object()) body.update(extra);
  json errors = json::array();
  for (const service::RecordError& error : summary.errors) {
    errors.push_back({{"record", error.record},
                      {"line", error.line == 0 ? json(nullptr) : json(error.line)},
                      {"field", error.field},
                      {"message", error.message}});
  }
  body["errors"] = std::move(errors);
  body["more_errors"] = summary.more_errors;
  // Messages may quote the file: bytes that are not UTF-8 are replaced, never a thrown dump.
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

}  // namespace chorus::server
