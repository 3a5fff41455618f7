#include "server/health_route.h"

#include <nlohmann/json.hpp>

#include "server/json_body.h"

namespace chorus::server {

Status AddHealthRoute(Router& router, std::string version) {
  return router.Add("GET", "/api/v1/health", [version = std::move(version)](const HttpRequest&) {
    return JsonResponse(200, {{"status", "ok"}, {"version", version}});
  });
}

}  // namespace chorus::server
