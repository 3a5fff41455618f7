#include "service/login_rate_limiter.h"

#include <gtest/gtest.h>

namespace chorus::service {
namespace {

LoginRateLimitOptions Small() {
  LoginRateLimitOptions options;
  options.max_failures_per_email = 3;
  options.max_failures_per_address = 5;
  options.window_ms = 1000;
  return options;
}

TEST(AddressWithoutPort, StripsThePort) {
  EXPECT_EQ(AddressWithoutPort("203.0.113.7:5123"), "203.0.113.7");
  EXPECT_EQ(AddressWithoutPort("[2001:db8::1]:443"), "2001:db8::1");
  EXPECT_EQ(AddressWithoutPort("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(AddressWithoutPort("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(AddressWithoutPort(""), "");
}

TEST(LoginRateLimiter, LocksAnEmailAfterItsLimitUntilTheWindowEnds) {
  LoginRateLimiter limiter(Small());
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(limiter.LockedUntil("a@x.org", "ip" + std::to_string(i), 100 + i));
    limiter.RecordFailure("a@x.org", "ip" + std::to_string(i), 100 + i);
  }
  EXPECT_EQ(limiter.LockedUntil("a@x.org", "other-ip", 500), 1100);
  EXPECT_FALSE(limiter.LockedUntil("b@x.org", "other-ip", 500));   // Other accounts unaffected.
  EXPECT_FALSE(limiter.LockedUntil("a@x.org", "other-ip", 1100));  // Window over.
  limiter.RecordFailure("a@x.org", "ip", 1100);  // A new window starts with one failure.
  EXPECT_FALSE(limiter.LockedUntil("a@x.org", "ip", 1101));
}

TEST(LoginRateLimiter, LocksAnAddressTryingManyEmails) {
  LoginRateLimiter limiter(Small());
  for (int i = 0; i < 5; ++i) limiter.RecordFailure("user" + std::to_string(i), "10.0.0.1", 0);
  EXPECT_EQ(limiter.LockedUntil("fresh@x.org", "10.0.0.1", 10), 1000);
  EXPECT_FALSE(limiter.LockedUntil("fresh@x.org", "10.0.0.2", 10));
}

TEST(LoginRateLimiter, SuccessClearsTheEmailCount) {
  LoginRateLimiter limiter(Small());
  limiter.RecordFailure("a@x.org", "ip", 0);
  limiter.RecordFailure("a@x.org", "ip", 0);
  limiter.RecordSuccess("a@x.org");
  limiter.RecordFailure("a@x.org", "ip", 0);
  limiter.RecordFailure("a@x.org", "ip", 0);
  EXPECT_FALSE(limiter.LockedUntil("a@x.org", "ip", 1));
}

TEST(LoginRateLimiter, DropsStaleEntriesWhenFull) {
  LoginRateLimitOptions options = Small();
  options.max_entries = 4;
  LoginRateLimiter limiter(options);
  for (int i = 0; i < 3; ++i) limiter.RecordFailure("old@x.org", "ip", 0);
  for (int i = 0; i < 10; ++i) limiter.RecordFailure("new" + std::to_string(i), "ip2", 5000);
  EXPECT_FALSE(limiter.LockedUntil("old@x.org", "ip3", 5000));
}

}  // namespace
}  // namespace chorus::service
