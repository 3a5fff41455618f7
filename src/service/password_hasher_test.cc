#include "service/password_hasher.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "service/secrets.h"

namespace chorus::service {
namespace {

TEST(PasswordHasher, HashesWithArgon2idAndVerifies) {
  const PasswordHasher hasher(PasswordHasherOptions::Fastest());
  auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$", 0), 0u) << *hash;
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery staple"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(hasher.Verify(*hash, "Correct horse battery staple"));
  EXPECT_FALSE(hasher.Verify("not a hash", "correct horse battery staple"));
}

TEST(PasswordHasher, SaltsEveryHash) {
  const PasswordHasher hasher(PasswordHasherOptions::Fastest());
  auto first = hasher.Hash("the same password");
  auto second = hasher.Hash("the same password");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(hasher.Verify(*second, "the same password"));
}

TEST(PasswordHasher, TakesLongPasswordsUnmodified) {
  // Catalogue 60: 64+ characters accepted as given, no truncation (bcrypt's 72-byte limit).
  const PasswordHasher hasher(PasswordHasherOptions::Fastest());
  const std::string long_password(1024, 'x');
  auto hash = hasher.Hash(long_password);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hasher.Verify(*hash, long_password));
  EXPECT_FALSE(hasher.Verify(*hash, long_password.substr(0, 1023) + "y"));
  EXPECT_TRUE(hasher.Hash("  spaces kept  ").ok());
}

TEST(PasswordHasher, EnforcesTheLengthPolicy) {
  const PasswordHasher hasher(PasswordHasherOptions::Fastest());
  for (const std::string& bad : {std::string(), std::string(11, 'a'), std::string(1025, 'a')}) {
    auto hash = hasher.Hash(bad);
    ASSERT_FALSE(hash.ok());
    EXPECT_EQ(hash.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(hash.status().field(), "password");
    EXPECT_NE(hash.status().message().find("12 to 1024"), std::string::npos);
  }
  EXPECT_TRUE(CheckPasswordPolicy(std::string(12, 'a')).ok());
}

TEST(PasswordHasher, AsksForARehashWhenTheLimitsChange) {
  const PasswordHasher fast(PasswordHasherOptions::Fastest());
  PasswordHasherOptions stronger = PasswordHasherOptions::Fastest();
  stronger.opslimit += 1;
  const PasswordHasher slow(stronger);
  auto hash = fast.Hash("a password of mine");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(fast.NeedsRehash(*hash));
  EXPECT_TRUE(slow.NeedsRehash(*hash));
  EXPECT_TRUE(slow.Verify(*hash, "a password of mine"));  // Old hashes still verify.
  EXPECT_TRUE(fast.NeedsRehash("garbage"));
}

TEST(PasswordHasher, DefaultsAreLibsodiumsInteractiveLimits) {
  const PasswordHasherOptions defaults;
  EXPECT_EQ(defaults.opslimit, 2u);
  EXPECT_EQ(defaults.memlimit, size_t{64} << 20);
}

TEST(Secrets, AreRandomBase64UrlAndHashToHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string secret = RandomSecret();
    EXPECT_EQ(secret.size(), 43u);
    EXPECT_EQ(secret.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 100u);
  // BLAKE2b-256 of "abc" (RFC 7693 appendix A gives BLAKE2b-512; this is the 256-bit variant
  // as computed by Python's hashlib.blake2b(b"abc", digest_size=32)).
  EXPECT_EQ(SecretHash("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_EQ(RandomPassword(20).size(), 20u);
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace chorus::service
