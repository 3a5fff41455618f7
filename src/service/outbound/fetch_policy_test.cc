#include "service/outbound/fetch_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chorus::service {
namespace {

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

FetchPolicy PolicyOf(const std::vector<std::string>& rules) {
  auto policy = FetchPolicy::Make(rules);
  EXPECT_TRUE(policy.ok()) << policy.status().ToString();
  return policy.ok() ? *policy : FetchPolicy();
}

TEST(FetchPolicyTest, DefaultAllowsPublicAddressesOnly) {
  const FetchPolicy policy;
  EXPECT_TRUE(policy.Allows(Ip("93.184.216.34"), 443));
  EXPECT_TRUE(policy.Allows(Ip("2606:4700::1111"), 80));
  for (const char* refused :
       {"127.0.0.1", "10.0.0.1", "192.168.0.10", "172.16.5.4", "169.254.169.254", "0.0.0.0",
        "100.100.100.200", "255.255.255.255", "224.0.0.1", "::1", "::", "fe80::1", "fc00::1",
        "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "::ffff:7f00:1"}) {
    EXPECT_FALSE(policy.Allows(Ip(refused), 80)) << refused;
  }
}

TEST(FetchPolicyTest, RulesOpenRangesAndOptionallyOnePort) {
  const FetchPolicy policy =
      PolicyOf({"127.0.0.0/8", "10.1.2.3", "192.168.0.0/16:8443", "fd00::/8", "[::1]:9000"});
  EXPECT_TRUE(policy.Allows(Ip("127.0.0.1"), 80));
  EXPECT_TRUE(policy.Allows(Ip("127.9.9.9"), 65535));
  EXPECT_TRUE(policy.Allows(Ip("::ffff:127.0.0.1"), 80));  // The mapped form of a covered one.
  EXPECT_TRUE(policy.Allows(Ip("10.1.2.3"), 80));
  EXPECT_FALSE(policy.Allows(Ip("10.1.2.4"), 80));
  EXPECT_TRUE(policy.Allows(Ip("192.168.7.7"), 8443));
  EXPECT_FALSE(policy.Allows(Ip("192.168.7.7"), 8444));
  EXPECT_TRUE(policy.Allows(Ip("fd12::1"), 1));
  EXPECT_TRUE(policy.Allows(Ip("::1"), 9000));
  EXPECT_FALSE(policy.Allows(Ip("::1"), 9001));
  EXPECT_FALSE(policy.Allows(Ip("169.254.1.1"), 80));
}

TEST(FetchPolicyTest, MetadataEndpointsStayRefusedWhateverTheRules) {
  const FetchPolicy policy =
      PolicyOf({"169.254.0.0/16", "100.64.0.0/10", "fd00::/8", "0.0.0.0/0", "::/0"});
  EXPECT_TRUE(policy.Allows(Ip("169.254.1.1"), 80));
  EXPECT_TRUE(policy.Allows(Ip("100.64.0.1"), 80));
  for (const char* metadata : {"169.254.169.254", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe",
                               "169.254.170.2", "100.100.100.200", "fd00:ec2::254"}) {
    EXPECT_FALSE(policy.Allows(Ip(metadata), 80)) << metadata;
  }
  for (const char* host : {"metadata.google.internal", "METADATA.Google.Internal.", "metadata",
                           "metadata.goog", "instance-data", "instance-data.ec2.internal"}) {
    EXPECT_TRUE(FetchPolicy::IsMetadataHost(host)) << host;
  }
  for (const char* host : {"metadata.example.org", "google.internal", "example.org"}) {
    EXPECT_FALSE(FetchPolicy::IsMetadataHost(host)) << host;
  }
}

TEST(FetchPolicyTest, RulesPrintInCanonicalForm) {
  for (const auto& [text, canonical] :
       std::vector<std::pair<std::string, std::string>>{{"127.0.0.0/8", "127.0.0.0/8"},
                                                        {"10.1.2.3", "10.1.2.3/32"},
                                                        {"127.0.0.1/32:8081", "127.0.0.1/32:8081"},
                                                        {"FD00::/8", "fd00::/8"},
                                                        {"[::1]:8081", "[::1/128]:8081"},
                                                        {"[fd00::/8]:443", "[fd00::/8]:443"}}) {
    auto rule = ParseAllowRule(text);
    ASSERT_TRUE(rule.ok()) << text << ": " << rule.status().ToString();
    EXPECT_EQ(rule->ToString(), canonical) << text;
  }
}

TEST(FetchPolicyTest, BadRulesAreRefusedNamingTheFlagAndQuotingTheRule) {
  for (const char* bad : {"", "localhost", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.1.2.3/8",
                          "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:", "::1:80x", "[::1",
                          "[::1]x", "[::1]:", "fd00::1/8", "127.1", "0x7f000001/32"}) {
    auto rule = ParseAllowRule(bad, "--allow-fetch");
    ASSERT_FALSE(rule.ok()) << bad << " parsed as " << rule->ToString();
    EXPECT_EQ(rule.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(rule.status().field(), "--allow-fetch");
    EXPECT_EQ(rule.status().message().rfind("\"" + std::string(bad) + "\" ", 0), 0u)
        << rule.status().message();
  }
  EXPECT_FALSE(FetchPolicy::Make({"127.0.0.0/8", "nonsense"}).ok());
}

}  // namespace
}  // namespace chorus::service
