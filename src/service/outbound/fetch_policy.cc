#include "service/outbound/fetch_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace chorus::service {
namespace {

constexpr std::string_view kMetadataHosts[] = {
    "metadata.google.internal",   "metadata.goog", "metadata", "instance-data",
    "instance-data.ec2.internal",
};

constexpr std::string_view kMetadataAddresses[] = {
    "169.254.169.254",  // AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean.
    "169.254.170.2",    // AWS ECS task credentials.
    "169.254.170.23",   // AWS EKS pod identity.
    "100.100.100.200",  // Alibaba Cloud.
    "fd00:ec2::254",    // AWS over IPv6.
    "fd00:ec2::23",     // AWS EKS pod identity over IPv6.
};

Status BadRule(std::string_view flag, std::string_view text, std::string_view why) {
  return InvalidArgument("\"" + std::string(text) + "\" " + std::string(why) +
                             "; write a range such as 127.0.0.0/8, 10.1.2.3, 127.0.0.1/32:8081 "
                             "or [fd00::/8]:443",
                         std::string(flag));
}

// Parses "ADDRESS[/PREFIX]" into `rule`.
Status ParseRange(std::string_view range, std::string_view flag, std::string_view text,
                  AllowRule& rule) {
  const size_t slash = range.find('/');
  auto address = IpAddress::Parse(range.substr(0, slash));
  if (!address) return BadRule(flag, text, "is not an IPv4 or IPv6 address");
  const int bits = address->family() == IpAddress::Family::kV4 ? 32 : 128;
  int prefix = bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = range.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > bits) {
      return BadRule(flag, text, "needs a prefix length of 0 to " + std::to_string(bits));
    }
  }
  // A range whose host bits are set is most likely a typo (10.1.2.3/8 for 10.0.0.0/8).
  std::array<uint8_t, 16> masked = address->bytes();
  for (int i = prefix; i < bits; ++i) masked[i / 8] &= static_cast<uint8_t>(~(1u << (7 - i % 8)));
  if (masked != address->bytes()) {
    return BadRule(flag, text, "has bits set after the prefix length");
  }
  rule.network = *address;
  rule.prefix = prefix;
  return Status::Ok();
}

Status ParsePort(std::string_view digits, std::string_view flag, std::string_view text,
                 AllowRule& rule) {
  unsigned port = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || port == 0 ||
      port > 65535) {
    return BadRule(flag, text, "needs a port of 1 to 65535");
  }
  rule.port = static_cast<uint16_t>(port);
  return Status::Ok();
}

// Lower case without one trailing dot.
std::string NormalHost(std::string_view host) {
  std::string out(host);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

std::string AllowRule::ToString() const {
  std::string range = network.ToString() + "/" + std::to_string(prefix);
  if (port == 0) return range;
  if (network.family() == IpAddress::Family::kV6) return "[" + range + "]:" + std::to_string(port);
  return range + ":" + std::to_string(port);
}

Result<AllowRule> ParseAllowRule(std::string_view text, std::string_view flag) {
  AllowRule rule;
  if (text.empty()) return BadRule(flag, text, "is empty");
  if (text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return BadRule(flag, text, "has no closing ]");
    CHORUS_RETURN_IF_ERROR(ParseRange(text.substr(1, close - 1), flag, text, rule));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return BadRule(flag, text, "may have only :PORT after ]");
      CHORUS_RETURN_IF_ERROR(ParsePort(rest.substr(1), flag, text, rule));
    }
    return rule;
  }
  const size_t colons = static_cast<size_t>(std::count(text.begin(), text.end(), ':'));
  if (colons == 1) {  // IPv4 with a port.
    const size_t colon = text.find(':');
    CHORUS_RETURN_IF_ERROR(ParseRange(text.substr(0, colon), flag, text, rule));
    if (rule.network.family() != IpAddress::Family::kV4) {
      return BadRule(flag, text, "needs brackets around an IPv6 range before :PORT");
    }
    CHORUS_RETURN_IF_ERROR(ParsePort(text.substr(colon + 1), flag, text, rule));
    return rule;
  }
  CHORUS_RETURN_IF_ERROR(ParseRange(text, flag, text, rule));  // IPv4 or bare IPv6.
  return rule;
}

Result<FetchPolicy> FetchPolicy::Make(const std::vector<std::string>& rules,
                                      std::string_view flag) {
  FetchPolicy policy;
  for (const std::string& text : rules) {
    auto rule = ParseAllowRule(text, flag);
    if (!rule.ok()) return rule.status();
    policy.rules_.push_back(*rule);
  }
  return policy;
}

bool FetchPolicy::Allows(const IpAddress& address, uint16_t port) const {
  if (IsMetadataAddress(address)) return false;
  if (Classify(address) == AddressClass::kPublic) return true;
  const IpAddress effective = address.AsV4().value_or(address);
  for (const AllowRule& rule : rules_) {
    if ((rule.port == 0 || rule.port == port) && effective.InPrefix(rule.network, rule.prefix)) {
      return true;
    }
  }
  return false;
}

bool FetchPolicy::IsMetadataHost(std::string_view host) {
  const std::string normal = NormalHost(host);
  for (const std::string_view name : kMetadataHosts) {
    if (normal == name) return true;
  }
  return false;
}

bool FetchPolicy::IsMetadataAddress(const IpAddress& address) {
  const IpAddress effective = address.AsV4().value_or(address);
  for (const std::string_view text : kMetadataAddresses) {
    if (IpAddress::Parse(text) == effective) return true;
  }
  return false;
}

}  // namespace chorus::service
