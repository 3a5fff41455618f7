#include "server/error_response.h"

#include <nlohmann/json.hpp>

#include "server/json_body.h"
#include "server/status_table.h"

namespace chorus::server {

HttpResponse MakeErrorResponse(int http_status, std::string_view code, std::string_view message,
                               std::string_view field, std::string_view correlation_id) {
  nlohmann::json error = {
      {"code", code}, {"message", message}, {"field", nullptr}, {"correlation_id", correlation_id}};
  if (!field.empty()) error["field"] = field;
  HttpResponse response = JsonResponse(http_status, {{"error", std::move(error)}});
  if (http_status == 401) response.headers.Set("WWW-Authenticate", "Bearer realm=\"chorus\"");
  // A busy or full store, a dependency down: worth retrying shortly (catalogue entry 7).
  if (http_status == 503) response.headers.Set("Retry-After", "1");
  return response;
}

HttpResponse ErrorResponse(const Status& status, std::string_view correlation_id) {
  const int http_status = HttpStatusFor(status.code());
  if (http_status == 500) {
    HttpResponse response =
        MakeErrorResponse(http_status, "internal", kInternalErrorMessage, "", correlation_id);
    response.log_note = status.ToString();
    return response;
  }
  HttpResponse response = MakeErrorResponse(http_status, StatusCodeName(status.code()),
                                            status.message(), status.field(), correlation_id);
  // A 503 is the server's trouble (a busy or full database, a disk that failed a sync): the
  // log shows each one, so an operator sees it and not only the clients' retries.
  if (http_status == 503) response.log_note = status.ToString();
  return response;
}

HttpResponse ErrorResponse(const Status& status, std::string_view correlation_id,
                           int64_t current_version) {
  HttpResponse response = ErrorResponse(status, correlation_id);
  if (status.code() != StatusCode::kConflict || current_version <= 0) return response;
  nlohmann::json body = nlohmann::json::parse(response.body);
  body["error"]["current_version"] = current_version;
  return JsonResponse(response.status, body);
}

}  // namespace chorus::server
