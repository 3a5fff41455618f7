#include "service/outbound/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

namespace chorus::service {
namespace {

AddressClass ClassOf(const std::string& text) {
  auto address = IpAddress::Parse(text);
  EXPECT_TRUE(address.has_value()) << text;
  return address ? Classify(*address) : AddressClass::kPublic;
}

TEST(IpAddressTest, ParsesOnlyCanonicalNumericForms) {
  EXPECT_EQ(IpAddress::Parse("10.0.0.1")->ToString(), "10.0.0.1");
  EXPECT_EQ(IpAddress::Parse("10.0.0.1")->v4(), 0x0a000001u);
  EXPECT_EQ(IpAddress::Parse("::1")->family(), IpAddress::Family::kV6);
  EXPECT_EQ(IpAddress::Parse("::FFFF:A9FE:A9FE")->ToString(), "::ffff:169.254.169.254");
  // The short and numeric spellings are libcurl's to normalise (outbound_fetcher_test.cc
  // proves that they are refused); here they are simply not addresses.
  for (const char* text : {"127.1", "2130706433", "0x7f000001", "017700000001", "[::1]", "::1%lo",
                           "", "1.2.3.4.5", "256.0.0.1", "localhost", " 10.0.0.1"}) {
    EXPECT_FALSE(IpAddress::Parse(text).has_value()) << text;
  }
}

TEST(IpAddressTest, ClassifiesIpv4Ranges) {
  struct Case {
    const char* address;
    AddressClass expected;
  };
  const Case cases[] = {
      {"8.8.8.8", AddressClass::kPublic},
      {"93.184.216.34", AddressClass::kPublic},
      {"0.0.0.0", AddressClass::kUnspecified},
      {"0.1.2.3", AddressClass::kReserved},
      {"127.0.0.1", AddressClass::kLoopback},
      {"127.255.255.254", AddressClass::kLoopback},
      {"10.0.0.1", AddressClass::kPrivate},
      {"172.16.0.1", AddressClass::kPrivate},
      {"172.31.255.255", AddressClass::kPrivate},
      {"172.32.0.1", AddressClass::kPublic},  // Just past 172.16/12.
      {"192.168.1.1", AddressClass::kPrivate},
      {"169.254.169.254", AddressClass::kLinkLocal},
      {"100.64.0.1", AddressClass::kShared},
      {"100.100.100.200", AddressClass::kShared},
      {"100.127.255.255", AddressClass::kShared},
      {"100.128.0.1", AddressClass::kPublic},  // Just past 100.64/10.
      {"224.0.0.1", AddressClass::kMulticast},
      {"239.255.255.250", AddressClass::kMulticast},
      {"255.255.255.255", AddressClass::kBroadcast},
      {"240.0.0.1", AddressClass::kReserved},
      {"192.0.0.170", AddressClass::kReserved},
      {"192.0.2.1", AddressClass::kReserved},
      {"198.18.0.1", AddressClass::kReserved},
      {"198.51.100.7", AddressClass::kReserved},
      {"203.0.113.9", AddressClass::kReserved},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassOf(c.address), c.expected)
        << c.address << " is " << AddressClassName(ClassOf(c.address));
  }
}

TEST(IpAddressTest, ClassifiesIpv6RangesAndTheIpv4TheyCarry) {
  struct Case {
    const char* address;
    AddressClass expected;
  };
  const Case cases[] = {
      {"2606:4700::1111", AddressClass::kPublic},
      {"::", AddressClass::kUnspecified},
      {"::1", AddressClass::kLoopback},
      {"fe80::1", AddressClass::kLinkLocal},
      {"febf::1", AddressClass::kLinkLocal},
      {"fec0::1", AddressClass::kPrivate},
      {"fc00::1", AddressClass::kPrivate},
      {"fd12:3456::1", AddressClass::kPrivate},
      {"ff02::1", AddressClass::kMulticast},
      {"2001:db8::1", AddressClass::kReserved},
      {"2001:0:4136:e378::1", AddressClass::kReserved},  // Teredo.
      {"100::1", AddressClass::kReserved},
      // Catalogue 44: IPv4-mapped metadata, in both spellings.
      {"::ffff:169.254.169.254", AddressClass::kLinkLocal},
      {"::ffff:a9fe:a9fe", AddressClass::kLinkLocal},
      {"::ffff:127.0.0.1", AddressClass::kLoopback},
      {"::ffff:7f00:1", AddressClass::kLoopback},
      {"::ffff:10.0.0.1", AddressClass::kPrivate},
      {"::ffff:0.0.0.0", AddressClass::kUnspecified},
      {"::ffff:8.8.8.8", AddressClass::kPublic},
      {"::ffff:0:7f00:1", AddressClass::kLoopback},  // IPv4-translated.
      // IPv4-compatible: the IPv4 address's class, and never public.
      {"::127.0.0.1", AddressClass::kLoopback},
      {"::a9fe:a9fe", AddressClass::kLinkLocal},
      {"::8.8.8.8", AddressClass::kReserved},
      // NAT64 and 6to4 reach the IPv4 address they carry.
      {"64:ff9b::a9fe:a9fe", AddressClass::kLinkLocal},
      {"64:ff9b::808:808", AddressClass::kPublic},
      {"64:ff9b:1::1", AddressClass::kPrivate},
      {"2002:7f00:1::1", AddressClass::kLoopback},
      {"2002:a9fe:a9fe::1", AddressClass::kLinkLocal},
      {"2002:808:808::1", AddressClass::kPublic},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassOf(c.address), c.expected)
        << c.address << " is " << AddressClassName(ClassOf(c.address));
  }
}

TEST(IpAddressTest, AsV4UnwrapsMappedAndTranslatedFormsOnly) {
  EXPECT_EQ(IpAddress::Parse("::ffff:a9fe:a9fe")->AsV4(), IpAddress::Parse("169.254.169.254"));
  EXPECT_EQ(IpAddress::Parse("::ffff:0:7f00:1")->AsV4(), IpAddress::Parse("127.0.0.1"));
  EXPECT_EQ(IpAddress::Parse("10.1.2.3")->AsV4(), IpAddress::Parse("10.1.2.3"));
  EXPECT_FALSE(IpAddress::Parse("::1")->AsV4().has_value());
  EXPECT_FALSE(IpAddress::Parse("1::ffff:7f00:1")->AsV4().has_value());
}

TEST(IpAddressTest, InPrefixComparesLeadingBitsOfTheSameFamily) {
  const IpAddress net = *IpAddress::Parse("10.0.0.0");
  EXPECT_TRUE(IpAddress::Parse("10.255.0.1")->InPrefix(net, 8));
  EXPECT_FALSE(IpAddress::Parse("11.0.0.1")->InPrefix(net, 8));
  EXPECT_TRUE(IpAddress::Parse("11.0.0.1")->InPrefix(net, 0));
  EXPECT_FALSE(IpAddress::Parse("::ffff:10.0.0.1")->InPrefix(net, 8));  // Other family.
  EXPECT_TRUE(IpAddress::Parse("fd00::5")->InPrefix(*IpAddress::Parse("fc00::"), 7));
  EXPECT_FALSE(IpAddress::Parse("fe00::5")->InPrefix(*IpAddress::Parse("fc00::"), 7));
  EXPECT_FALSE(IpAddress::Parse("10.0.0.1")->InPrefix(net, 33));
}

TEST(IpAddressTest, ReadsSocketAddresses) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  inet_pton(AF_INET, "169.254.169.254", &v4.sin_addr);
  EXPECT_EQ(IpAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&v4), sizeof v4),
            IpAddress::Parse("169.254.169.254"));
  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
  EXPECT_EQ(IpAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&v6), sizeof v6),
            IpAddress::Parse("::ffff:127.0.0.1"));
  EXPECT_FALSE(IpAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&v6), 4).has_value());
  sockaddr other{};
  other.sa_family = AF_UNIX;
  EXPECT_FALSE(IpAddress::FromSockaddr(&other, sizeof other).has_value());
}

}  // namespace
}  // namespace chorus::service
