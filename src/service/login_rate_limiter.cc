#include "service/login_rate_limiter.h"

#include <algorithm>

namespace chorus::service {

std::string AddressWithoutPort(std::string_view remote_address) {
  if (!remote_address.empty() && remote_address.front() == '[') {
    const size_t close = remote_address.find(']');
    if (close != std::string_view::npos) return std::string(remote_address.substr(1, close - 1));
    return std::string(remote_address);
  }
  // IPv4 "a.b.c.d:port": exactly one colon. A bare IPv6 address has several; keep it whole.
  const size_t colon = remote_address.find(':');
  if (colon != std::string_view::npos && remote_address.find(':', colon + 1) == std::string::npos) {
    return std::string(remote_address.substr(0, colon));
  }
  return std::string(remote_address);
}

LoginRateLimiter::LoginRateLimiter(LoginRateLimitOptions options) : options_(options) {}

std::optional<int64_t> LoginRateLimiter::LockedUntil(const Table& table, std::string_view key,
                                                     int64_t limit, int64_t now_ms) const {
  const auto it = table.find(std::string(key));
  if (it == table.end()) return std::nullopt;
  const int64_t ends = it->second.window_start + options_.window_ms;
  if (now_ms >= ends || it->second.failures < limit) return std::nullopt;
  return ends;
}

std::optional<int64_t> LoginRateLimiter::LockedUntil(std::string_view email,
                                                     std::string_view address,
                                                     int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  const auto by_email = LockedUntil(by_email_, email, options_.max_failures_per_email, now_ms);
  const auto by_address =
      LockedUntil(by_address_, address, options_.max_failures_per_address, now_ms);
  if (by_email && by_address) return std::max(*by_email, *by_address);
  return by_email ? by_email : by_address;
}

void LoginRateLimiter::Add(Table& table, std::string_view key, int64_t now_ms) {
  if (table.size() >= options_.max_entries) {
    std::erase_if(table, [&](const auto& entry) {
      return now_ms >= entry.second.window_start + options_.window_ms;
    });
  }
  Count& count = table[std::string(key)];
  if (count.failures == 0 || now_ms >= count.window_start + options_.window_ms) {
    count = {now_ms, 0};
  }
  ++count.failures;
}

void LoginRateLimiter::RecordFailure(std::string_view email, std::string_view address,
                                     int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Add(by_email_, email, now_ms);
  Add(by_address_, address, now_ms);
}

void LoginRateLimiter::RecordSuccess(std::string_view email) {
  std::lock_guard lock(mutex_);
  by_email_.erase(std::string(email));
}

}  // namespace chorus::service
