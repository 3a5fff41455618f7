// Counts failed logins per normalised email and per client IP address and refuses further
// attempts once either count reaches its limit within a fixed window (security catalogue
// entry 58; ASVS 6.3.1). A refused attempt is answered before the password is checked, so it
// costs no argon2id hash and gives no information. State is in memory, per server process:
// with several processes behind a load balancer each keeps its own counts.
// Memory: one entry per key seen within the window; entries whose window has passed are
// dropped when the table grows past max_entries.
// Thread-safety: safe to call concurrently (one mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chorus::service {

struct LoginRateLimitOptions {
  int64_t max_failures_per_email = 10;    // Failures for one email before it is locked.
  int64_t max_failures_per_address = 50;  // Failures from one IP address before it is locked.
  int64_t window_ms = 15 * 60 * 1000;     // Counting starts at a key's first failure; a
                                          // locked key opens again when its window ends.
  size_t max_entries = 100'000;           // Table size that triggers dropping stale entries.
};

// "203.0.113.7:5123" -> "203.0.113.7", "[2001:db8::1]:443" -> "2001:db8::1"; a value without
// a port is returned unchanged.
std::string AddressWithoutPort(std::string_view remote_address);

class LoginRateLimiter {
 public:
  explicit LoginRateLimiter(LoginRateLimitOptions options = {});

  // When the email or the address is locked at now_ms: the instant (Unix ms) it opens again.
  // nullopt when an attempt may go ahead. REQUIRES: email normalised, address without port.
  std::optional<int64_t> LockedUntil(std::string_view email, std::string_view address,
                                     int64_t now_ms) const;

  void RecordFailure(std::string_view email, std::string_view address, int64_t now_ms);
  // A successful login clears the email's count (not the address's: one attacker address may
  // own one account and probe others).
  void RecordSuccess(std::string_view email);

 private:
  struct Count {
    int64_t window_start = 0;
    int64_t failures = 0;
  };
  using Table = std::unordered_map<std::string, Count>;

  std::optional<int64_t> LockedUntil(const Table& table, std::string_view key, int64_t limit,
                                     int64_t now_ms) const;
  void Add(Table& table, std::string_view key, int64_t now_ms);

  LoginRateLimitOptions options_;
  mutable std::mutex mutex_;
  Table by_email_;
  Table by_address_;
};

}  // namespace chorus::service
