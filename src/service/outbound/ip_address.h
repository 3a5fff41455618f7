// IP addresses for the outbound-fetch guard (security catalogue section E, entries 43 and 44):
// a value type for IPv4 and IPv6 addresses, strict parsing of their numeric text, and the
// classification that says whether an address is an ordinary public one or lies in a range a
// server-side fetch must not reach by default (loopback, RFC 1918 and unique-local private
// ranges, link-local, unspecified, multicast, broadcast, shared CGNAT space, reserved and
// documentation ranges).
//
// IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible
// ::a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96 and 6to4 2002::/16) are
// classified by the IPv4 address they carry, so [::ffff:169.254.169.254] and
// [::ffff:a9fe:a9fe] are link-local like 169.254.169.254. Text forms such as 127.1,
// 2130706433, 0x7f000001 and 017700000001 are not parsed here: URLs are parsed by libcurl,
// which normalises them to 127.0.0.1, and host names are resolved by getaddrinfo; only the
// resulting binary address is classified.
// Thread-safety: value types and pure functions.
#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chorus::service {

class IpAddress {
 public:
  enum class Family { kV4, kV6 };

  // 0.0.0.0.
  IpAddress() = default;
  static IpAddress V4(uint32_t host_order);
  static IpAddress V6(const std::array<uint8_t, 16>& bytes);

  // A dotted quad ("10.0.0.1", exactly four decimal parts) or an IPv6 address without
  // brackets or zone ("::1", "::ffff:169.254.169.254"); nullopt for anything else.
  static std::optional<IpAddress> Parse(std::string_view text);
  // The address of an AF_INET or AF_INET6 socket address; nullopt for other families.
  static std::optional<IpAddress> FromSockaddr(const sockaddr* address, socklen_t length);

  Family family() const { return family_; }
  // The IPv4 address in host order. REQUIRES: family() == kV4.
  uint32_t v4() const;
  // Network order; an IPv4 address uses the first 4 bytes.
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }

  // The IPv4 address an IPv4-mapped (::ffff:0:0/96) or IPv4-translated (::ffff:0:0:0/96)
  // IPv6 address stands for, or the address itself when it is IPv4; nullopt otherwise. These
  // are the forms a dual-stack socket connects to as IPv4.
  std::optional<IpAddress> AsV4() const;

  // Whether the first `prefix` bits equal those of `network` (same family; 0 <= prefix <= 32
  // or 128).
  bool InPrefix(const IpAddress& network, int prefix) const;

  // "10.0.0.1", "::1" (inet_ntop's form).
  std::string ToString() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  Family family_ = Family::kV4;
  std::array<uint8_t, 16> bytes_{};
};

enum class AddressClass {
  kPublic,       // Globally routable: fetches may reach it.
  kUnspecified,  // 0.0.0.0, :: (Linux connects them to the local host).
  kLoopback,     // 127.0.0.0/8, ::1.
  kPrivate,      // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48.
  kLinkLocal,    // 169.254.0.0/16 (cloud metadata lives here), fe80::/10.
  kShared,       // 100.64.0.0/10, carrier-grade NAT (RFC 6598; Alibaba's metadata service).
  kMulticast,    // 224.0.0.0/4, ff00::/8.
  kBroadcast,    // 255.255.255.255.
  kReserved,     // This-network 0/8, IETF 192.0.0/24, documentation, benchmarking 198.18/15,
                 // 240/4, 6to4 relay 192.88.99/24, discard 100::/64, Teredo, ORCHID,
                 // IPv4-compatible ::a.b.c.d.
};

// What kind of address `address` is (see AddressClass); IPv6 forms carrying an IPv4 address
// are classified by that IPv4 address.
AddressClass Classify(const IpAddress& address);

// "public", "loopback", "private", "link-local", ... for logs and tests.
const char* AddressClassName(AddressClass address_class);

}  // namespace chorus::service
