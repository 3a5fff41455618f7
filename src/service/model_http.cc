#include "service/model_http.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace chorus::service {
namespace {

using Reason = FetchFailure::Reason;

bool Retryable(const FetchFailure& why) {
  switch (why.reason) {
    case Reason::kTimeout:
    case Reason::kConnect:
    case Reason::kTransfer: return true;
    case Reason::kHttpStatus: return why.http_status == 429 || why.http_status >= 500;
    default: return false;
  }
}

Status CallError(const FetchFailure& why, const std::string& url, int64_t attempts) {
  if (why.reason == Reason::kRefusedAddress || why.reason == Reason::kMetadataHost) {
    return InvalidArgument(
        "the model backend's address " + RedactUrl(url) +
            " is not a public one; an administrator can allow it with `chorus serve "
            "--allow-fetch ADDRESS[:PORT]`",
        "url");
  }
  std::string what = FetchFailureName(why.reason);
  if (why.reason == Reason::kHttpStatus && why.http_status != 0) {
    what = "HTTP " + std::to_string(why.http_status);
  }
  return Status(StatusCode::kUnavailable,
                "the model backend at " + RedactUrl(url) + " failed (" + what + ") after " +
                    std::to_string(attempts) +
                    " attempt(s); check that it runs and that its URL and key are right",
                "url");
}

}  // namespace

std::string JoinUrl(const std::string& base, const std::string& path) {
  std::string out = base;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out + "/" + (path.empty() || path.front() != '/' ? path : path.substr(1));
}

ModelHttp::ModelHttp(const OutboundFetcher& fetcher, ModelHttpOptions options)
    : fetcher_(fetcher), options_(std::move(options)) {
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }
  options_.max_requests_per_minute = std::max<int64_t>(1, options_.max_requests_per_minute);
}

void ModelHttp::WaitForSlot() {
  const auto now = std::chrono::steady_clock::now();
  if (next_slot_ > now) {
    options_.sleep(std::chrono::ceil<std::chrono::milliseconds>(next_slot_ - now));
  }
  const auto spacing = std::chrono::milliseconds(60'000 / options_.max_requests_per_minute);
  next_slot_ = std::max(now, next_slot_) + spacing;
}

Result<nlohmann::json> ModelHttp::Call(const std::string& url, const OutboundRequest& request) {
  FetchLimits limits;
  limits.max_body_bytes = options_.max_body_bytes;
  limits.total_timeout = options_.timeout;
  FetchFailure why;
  for (int64_t attempt = 0;; ++attempt) {
    WaitForSlot();
    ++requests_;
    std::string body;
    auto response = fetcher_.Send(
        url, request, limits,
        [&body](std::string_view piece) {
          body.append(piece);
          return true;
        },
        &why);
    if (response.ok()) {
      if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json();
      auto json = nlohmann::json::parse(body, nullptr, false);
      if (json.is_discarded()) {
        return Status(StatusCode::kUnavailable,
                      "the model backend at " + RedactUrl(url) + " answered with something "
                      "that is not JSON; check the URL points at the API",
                      "url");
      }
      return json;
    }
    if (!Retryable(why) || attempt >= options_.max_retries) {
      return CallError(why, url, attempt + 1);
    }
    ++retries_;
    options_.sleep(std::chrono::milliseconds(std::min<int64_t>(250LL << attempt, 8'000)));
  }
}

Result<nlohmann::json> ModelHttp::Get(const std::string& url) {
  OutboundRequest request;
  if (!options_.bearer_token.empty()) {
    request.headers.push_back("Authorization: Bearer " + options_.bearer_token);
  }
  request.headers.push_back("Accept: application/json");
  return Call(url, request);
}

Result<nlohmann::json> ModelHttp::Post(const std::string& url, const nlohmann::json& body) {
  OutboundRequest request;
  request.method = "POST";
  request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  request.headers = {"Content-Type: application/json", "Accept: application/json"};
  if (!options_.bearer_token.empty()) {
    request.headers.push_back("Authorization: Bearer " + options_.bearer_token);
  }
  return Call(url, request);
}

}  // namespace chorus::service
