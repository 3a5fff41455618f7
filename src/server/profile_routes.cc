#include "server/profile_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "domain/json_fields.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"

namespace chorus::server {
namespace {

using service::Action;
using service::Principal;
using service::ProfileService;

// A display name and a few short attributes.
constexpr uint64_t kProfileBodyBytes = 16 * 1024;

Result<service::ProfilePatch> ProfilePatchFrom(const nlohmann::json& body) {
  service::ProfilePatch patch;
  domain::JsonFields fields(body);
  fields.Int("version", &patch.version, /*required=*/true);
  fields.OptionalString("display_name", &patch.display_name);
  if (body.contains("attributes") && !body["attributes"].is_null()) {
    patch.attributes.emplace();
    fields.StringMap("attributes", &*patch.attributes);
  }
  CHORUS_RETURN_IF_ERROR(fields.Finish());
  return patch;
}

HttpResponse UpdateProfile(ProfileService& profiles, const HttpRequest& request,
                           const Principal& who) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  // The field names decide first: anything but the self-editable fields is refused and
  // recorded before any value is read.
  if (Status allowed = profiles.CheckFields(who, ObjectKeys(*body)); !allowed.ok()) {
    return ErrorResponse(allowed, request.correlation_id);
  }
  auto patch = ProfilePatchFrom(*body);
  if (!patch.ok()) return ErrorResponse(patch.status(), request.correlation_id);
  auto updated = profiles.Update(who, *patch);
  if (!updated.ok()) {
    return ErrorResponse(updated.status(), request.correlation_id, updated.current_version());
  }
  return JsonResponse(200, domain::ToJson(*updated));
}

}  // namespace

Status AddProfileRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                        std::shared_ptr<ProfileService> profiles) {
  RouteOptions options;
  options.max_body_bytes = kProfileBodyBytes;
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/me",
                 Guard(authenticator, Action::kReadSelf,
                       [profiles](const HttpRequest& request, const Principal& who) {
                         auto user = profiles->Get(who);
                         if (!user.ok())
                           return ErrorResponse(user.status(), request.correlation_id);
                         return JsonResponse(200, domain::ToJson(*user));
                       })));
  return router.Add("PATCH", "/api/v1/me",
                    Guard(authenticator, Action::kReadSelf,
                          [profiles](const HttpRequest& request, const Principal& who) {
                            return UpdateProfile(*profiles, request, who);
                          }),
                    options);
}

}  // namespace chorus::server
