// Which addresses an outbound fetch may connect to (security catalogue section E, entries
// 43, 44 and 48: one guard for every outbound request, private ranges blocked by default,
// opt-in allowlist).
//
// By default only public addresses (service/outbound/ip_address.h, AddressClass::kPublic) are
// allowed. The administrator may open more with allow rules (`chorus serve --allow-fetch`),
// each a CIDR range, optionally limited to one port:
//
//   127.0.0.0/8          every port of every loopback address
//   10.1.2.3             one address (a /32; /128 for IPv6)
//   127.0.0.1/32:8081    only port 8081 of 127.0.0.1
//   fd00::/8             an IPv6 range, every port
//   [::1]:8081           an IPv6 address or range with a port: brackets around it
//
// An IPv4 rule also matches the IPv4-mapped IPv6 form of its addresses. Cloud metadata
// endpoints are refused even when a rule covers them, by address (169.254.169.254,
// 169.254.170.2, 169.254.170.23, 100.100.100.200, fd00:ec2::254, fd00:ec2::23) and by host
// name (metadata.google.internal, metadata.goog, metadata, instance-data,
// instance-data.ec2.internal; any case, with or without a trailing dot): an allow rule is for
// the deployment's own services, never for the credentials of the machine it runs on.
// Thread-safety: immutable after Make; every method is safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "service/outbound/ip_address.h"

namespace chorus::service {

struct AllowRule {
  IpAddress network;  // Host bits are zero.
  int prefix = 32;    // Bits of `network` that must match.
  uint16_t port = 0;  // The one port allowed; 0: any.

  // The rule as written in canonical form ("127.0.0.0/8", "[::1/128]:8081").
  std::string ToString() const;
};

// Parses one rule (forms above). Errors: kInvalidArgument with field `flag` and a message
// quoting the rule and saying what is wrong (not an address, prefix out of range, host bits
// set, bad port).
Result<AllowRule> ParseAllowRule(std::string_view text, std::string_view flag = "--allow-fetch");

class FetchPolicy {
 public:
  // Public addresses only.
  FetchPolicy() = default;

  // The default plus `rules` (ParseAllowRule's forms). Errors as ParseAllowRule's.
  static Result<FetchPolicy> Make(const std::vector<std::string>& rules,
                                  std::string_view flag = "--allow-fetch");

  // Whether a fetch may connect to `address` on `port`: never a metadata address; else a
  // public address, or one an allow rule covers.
  bool Allows(const IpAddress& address, uint16_t port) const;

  // Whether `host` (a host name as in a URL: any case, maybe with a trailing dot) names a
  // cloud metadata service.
  static bool IsMetadataHost(std::string_view host);
  // Whether `address` (or the IPv4 address it maps) is a cloud metadata endpoint.
  static bool IsMetadataAddress(const IpAddress& address);

  const std::vector<AllowRule>& rules() const { return rules_; }

 private:
  std::vector<AllowRule> rules_;
};

}  // namespace chorus::service
