#include <gtest/gtest.h>

#include "server/server.h"

namespace chorus::server {
namespace {

TEST(ParseListenAddressTest, AcceptsHostPortForms) {
  EXPECT_EQ(ParseListenAddress("127.0.0.1:8080")->host, "127.0.0.1");
  EXPECT_EQ(ParseListenAddress("127.0.0.1:8080")->port, 8080);
  EXPECT_EQ(ParseListenAddress("[::1]:0")->host, "::1");
  EXPECT_EQ(ParseListenAddress("localhost:9")->port, 9);
  for (const char* bad : {"8080", ":8080", "host:", "host:x", "host:70000", "::1:80", "[::1:80"}) {
    auto address = ParseListenAddress(bad);
    ASSERT_FALSE(address.ok()) << bad;
    EXPECT_EQ(address.status().field(), "--listen");
  }
}

}  // namespace
}  // namespace chorus::server
