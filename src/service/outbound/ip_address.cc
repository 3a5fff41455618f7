#include "service/outbound/ip_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>

namespace chorus::service {
namespace {

struct V4Range {
  uint32_t network;
  int prefix;
  AddressClass address_class;
};

constexpr uint32_t Quad(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// Most specific first where ranges nest (0.0.0.0/32 inside 0.0.0.0/8).
constexpr V4Range kV4Ranges[] = {
    {Quad(0, 0, 0, 0), 32, AddressClass::kUnspecified},
    {Quad(255, 255, 255, 255), 32, AddressClass::kBroadcast},
    {Quad(0, 0, 0, 0), 8, AddressClass::kReserved},  // "This network" (RFC 791).
    {Quad(10, 0, 0, 0), 8, AddressClass::kPrivate},
    {Quad(100, 64, 0, 0), 10, AddressClass::kShared},
    {Quad(127, 0, 0, 0), 8, AddressClass::kLoopback},
    {Quad(169, 254, 0, 0), 16, AddressClass::kLinkLocal},
    {Quad(172, 16, 0, 0), 12, AddressClass::kPrivate},
    {Quad(192, 0, 0, 0), 24, AddressClass::kReserved},    // IETF protocol assignments.
    {Quad(192, 0, 2, 0), 24, AddressClass::kReserved},    // Documentation (TEST-NET-1).
    {Quad(192, 88, 99, 0), 24, AddressClass::kReserved},  // 6to4 relay anycast (deprecated).
    {Quad(192, 168, 0, 0), 16, AddressClass::kPrivate},
    {Quad(198, 18, 0, 0), 15, AddressClass::kReserved},    // Benchmarking.
    {Quad(198, 51, 100, 0), 24, AddressClass::kReserved},  // Documentation (TEST-NET-2).
    {Quad(203, 0, 113, 0), 24, AddressClass::kReserved},   // Documentation (TEST-NET-3).
    {Quad(224, 0, 0, 0), 4, AddressClass::kMulticast},
    {Quad(240, 0, 0, 0), 4, AddressClass::kReserved},
};

AddressClass ClassifyV4(uint32_t address) {
  for (const V4Range& range : kV4Ranges) {
    const uint32_t mask = range.prefix == 0 ? 0 : ~uint32_t{0} << (32 - range.prefix);
    if ((address & mask) == range.network) return range.address_class;
  }
  return AddressClass::kPublic;
}

uint32_t V4At(const std::array<uint8_t, 16>& bytes, size_t offset) {
  return (uint32_t{bytes[offset]} << 24) | (uint32_t{bytes[offset + 1]} << 16) |
         (uint32_t{bytes[offset + 2]} << 8) | uint32_t{bytes[offset + 3]};
}

// Whether the first `bits` bits of `bytes` equal those of `prefix` (given as 16 bytes).
bool HasPrefix(const std::array<uint8_t, 16>& bytes, const std::array<uint8_t, 16>& prefix,
               int bits) {
  for (int i = 0; i < bits; ++i) {
    const int byte = i / 8, bit = 7 - i % 8;
    if (((bytes[byte] >> bit) & 1) != ((prefix[byte] >> bit) & 1)) return false;
  }
  return true;
}

AddressClass ClassifyV6(const IpAddress& address) {
  const std::array<uint8_t, 16>& b = address.bytes();
  if (const auto v4 = address.AsV4()) return ClassifyV4(v4->v4());  // Mapped, translated.
  bool zero96 = true;
  for (int i = 0; i < 12; ++i) zero96 = zero96 && b[i] == 0;
  if (zero96) {
    const uint32_t low = V4At(b, 12);
    if (low == 0) return AddressClass::kUnspecified;
    if (low == 1) return AddressClass::kLoopback;
    // IPv4-compatible (deprecated, RFC 4291 2.5.5.1): classified by the IPv4 address, and
    // refused even when that is public, since nothing legitimate uses the form.
    const AddressClass embedded = ClassifyV4(low);
    return embedded == AddressClass::kPublic ? AddressClass::kReserved : embedded;
  }
  const auto prefixed = [&](std::initializer_list<uint8_t> head, int bits) {
    std::array<uint8_t, 16> prefix{};
    std::copy(head.begin(), head.end(), prefix.begin());
    return HasPrefix(b, prefix, bits);
  };
  // NAT64 well-known prefix (RFC 6052): reaches the IPv4 address in the last 32 bits.
  if (prefixed({0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) {
    return ClassifyV4(V4At(b, 12));
  }
  if (prefixed({0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48)) return AddressClass::kPrivate;
  // 6to4 (RFC 3056): 2002:AABB:CCDD::/48 stands for AA.BB.CC.DD.
  if (prefixed({0x20, 0x02}, 16)) {
    return ClassifyV4(V4At(b, 2));
  }
  if (prefixed({0xff}, 8)) return AddressClass::kMulticast;
  if (prefixed({0xfe, 0x80}, 10)) return AddressClass::kLinkLocal;
  if (prefixed({0xfe, 0xc0}, 10)) return AddressClass::kPrivate;  // Site-local (deprecated).
  if (prefixed({0xfc}, 7)) return AddressClass::kPrivate;         // Unique local.
  if (prefixed({0x01, 0x00, 0, 0, 0, 0, 0, 0}, 64)) return AddressClass::kReserved;  // Discard.
  if (prefixed({0x20, 0x01, 0x0d, 0xb8}, 32)) return AddressClass::kReserved;  // Documentation.
  if (prefixed({0x3f, 0xff}, 20)) return AddressClass::kReserved;  // Documentation (RFC 9637).
  if (prefixed({0x20, 0x01, 0x00, 0x00}, 32)) return AddressClass::kReserved;  // Teredo.
  if (prefixed({0x20, 0x01, 0x00, 0x10}, 28)) return AddressClass::kReserved;  // ORCHID.
  if (prefixed({0x20, 0x01, 0x00, 0x20}, 28)) return AddressClass::kReserved;  // ORCHIDv2.
  if (prefixed({0x5f, 0x00}, 16)) return AddressClass::kReserved;  // SRv6 SIDs (RFC 9602).
  return AddressClass::kPublic;
}

}  // namespace

IpAddress IpAddress::V4(uint32_t host_order) {
  IpAddress address;
  address.family_ = Family::kV4;
  address.bytes_[0] = static_cast<uint8_t>(host_order >> 24);
  address.bytes_[1] = static_cast<uint8_t>(host_order >> 16);
  address.bytes_[2] = static_cast<uint8_t>(host_order >> 8);
  address.bytes_[3] = static_cast<uint8_t>(host_order);
  return address;
}

IpAddress IpAddress::V6(const std::array<uint8_t, 16>& bytes) {
  IpAddress address;
  address.family_ = Family::kV6;
  address.bytes_ = bytes;
  return address;
}

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) return V4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::array<uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &v6, 16);
    return V6(bytes);
  }
  return std::nullopt;
}

std::optional<IpAddress> IpAddress::FromSockaddr(const sockaddr* address, socklen_t length) {
  if (address == nullptr) return std::nullopt;
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in v4{};
    std::memcpy(&v4, address, sizeof v4);
    return V4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, address, sizeof v6);
    std::array<uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &v6.sin6_addr, 16);
    return V6(bytes);
  }
  return std::nullopt;
}

uint32_t IpAddress::v4() const { return V4At(bytes_, 0); }

std::optional<IpAddress> IpAddress::AsV4() const {
  if (family_ == Family::kV4) return *this;
  for (int i = 0; i < 8; ++i) {
    if (bytes_[i] != 0) return std::nullopt;
  }
  const bool mapped = bytes_[8] == 0 && bytes_[9] == 0 && bytes_[10] == 0xff && bytes_[11] == 0xff;
  // ::ffff:0:a.b.c.d (IPv4-translated, RFC 2765).
  const bool translated =
      bytes_[8] == 0xff && bytes_[9] == 0xff && bytes_[10] == 0 && bytes_[11] == 0;
  if (mapped || translated) return V4(V4At(bytes_, 12));
  return std::nullopt;
}

bool IpAddress::InPrefix(const IpAddress& network, int prefix) const {
  if (family_ != network.family_) return false;
  const int bits = family_ == Family::kV4 ? 32 : 128;
  if (prefix < 0 || prefix > bits) return false;
  return HasPrefix(bytes_, network.bytes_, prefix);
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (family_ == Family::kV4) {
    in_addr v4{};
    v4.s_addr = htonl(this->v4());
    inet_ntop(AF_INET, &v4, text, sizeof text);
  } else {
    in6_addr v6{};
    std::memcpy(&v6, bytes_.data(), 16);
    inet_ntop(AF_INET6, &v6, text, sizeof text);
  }
  return text;
}

AddressClass Classify(const IpAddress& address) {
  return address.family() == IpAddress::Family::kV4 ? ClassifyV4(address.v4())
                                                    : ClassifyV6(address);
}

const char* AddressClassName(AddressClass address_class) {
  switch (address_class) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kShared: return "shared (CGNAT)";
    case AddressClass::kMulticast: return "multicast";
    case AddressClass::kBroadcast: return "broadcast";
    case AddressClass::kReserved: return "reserved";
  }
  return "unknown";
}

}  // namespace chorus::service
