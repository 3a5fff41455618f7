// JSON over HTTP to a model backend (service/ml_backend_client.h, chat_completions_client.h),
// always through the one outbound guard (service/outbound/outbound_fetcher.h): the same
// private-address policy, address pinning and body limit as every other fetch.
//
// Each call waits for its slot under the rate limit (max_requests_per_minute, spread evenly),
// has its own timeout, and is retried with exponential backoff (250 ms, 500 ms, ... at most
// 8 s) on 429, 5xx, timeouts and refused or broken connections, at most max_retries times.
// Other failures (4xx, a refused address, an answer that is not JSON) are not retried.
// Errors name the field "url": a refused address says how the administrator allows it
// (--allow-fetch); other failures say what happened (the address is one the administrator
// allowed or a public one, so its state is no secret from the project's managers).
// Thread-safety: one ModelHttp per job (its rate limiter is not shared); not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "service/outbound/outbound_fetcher.h"

namespace chorus::service {

struct ModelHttpOptions {
  std::chrono::milliseconds timeout{30'000};  // Per request, all of it.
  int64_t max_retries = 3;                    // Extra attempts on retryable failures.
  int64_t max_requests_per_minute = 60;       // Requests started per minute, evenly spaced.
  std::string bearer_token;                   // Sent as "Authorization: Bearer ..." when set.
  uint64_t max_body_bytes = uint64_t{16} << 20;  // Largest answer.
  // How to wait (tests substitute one that only records).
  std::function<void(std::chrono::milliseconds)> sleep;
};

class ModelHttp {
 public:
  // REQUIRES: `fetcher` outlives this object.
  ModelHttp(const OutboundFetcher& fetcher, ModelHttpOptions options);

  // GET url, the answer as JSON.
  Result<nlohmann::json> Get(const std::string& url);
  // POST body (as application/json) to url, the answer as JSON ("null" for an empty body).
  Result<nlohmann::json> Post(const std::string& url, const nlohmann::json& body);

  int64_t requests() const { return requests_; }  // Attempts made, retries included.
  int64_t retries() const { return retries_; }

 private:
  Result<nlohmann::json> Call(const std::string& url, const OutboundRequest& request);
  void WaitForSlot();

  const OutboundFetcher& fetcher_;
  ModelHttpOptions options_;
  std::chrono::steady_clock::time_point next_slot_{};
  int64_t requests_ = 0;
  int64_t retries_ = 0;
};

// "base" + "/" + "path" with exactly one slash between them.
std::string JoinUrl(const std::string& base, const std::string& path);

}  // namespace chorus::service
