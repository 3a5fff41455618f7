// GET /api/v1/health -> 200 {"status": "ok", "version": "0.1.0"}: answers once the server
// accepts requests (issue 4 "Interface"); load balancers and `make run` poll it.
// Thread-safety: the handler is reentrant.
#pragma once

#include <string>

#include "core/status.h"
#include "server/router.h"

namespace chorus::server {

[[nodiscard]] Status AddHealthRoute(Router& router, std::string version);

}  // namespace chorus::server
