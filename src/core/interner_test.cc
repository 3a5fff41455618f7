#include "core/interner.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace chorus {
namespace {

TEST(InternerTest, AssignsDenseIdsInOrderOfFirstAppearance) {
  Interner names;
  EXPECT_EQ(names.Intern("b"), 0u);
  EXPECT_EQ(names.Intern("a"), 1u);
  EXPECT_EQ(names.Intern("b"), 0u);
  EXPECT_EQ(names.Intern(""), 2u);
  EXPECT_EQ(names.Intern(""), 2u);
  EXPECT_EQ(names.size(), 3u);
  EXPECT_EQ(names.Name(1), "a");
  EXPECT_EQ(names.Name(2), "");
  EXPECT_EQ(names.Find("a"), 1u);
  EXPECT_FALSE(names.Find("c").has_value());
}

// Many similar names force several table growths; every id must still round-trip. The same
// holds when room was reserved (too little, then after names exist, as readers do).
class InternerGrowthTest : public testing::TestWithParam<size_t> {};

TEST_P(InternerGrowthTest, AgreesWithAStandardMap) {
  Interner names;
  std::unordered_map<std::string, uint32_t> reference{{"item_0", 0}};
  names.Intern("item_0");
  names.Reserve(GetParam(), GetParam() * 8);
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 100000; ++i) {
      const std::string name =
          (i % 3 ? "item_" : "a much longer annotator name #") + std::to_string(i * 7919 % 50021);
      const auto [it, inserted] = reference.emplace(name, static_cast<uint32_t>(reference.size()));
      ASSERT_EQ(names.Intern(name), it->second) << name;
    }
  }
  EXPECT_EQ(names.size(), reference.size());
  for (const auto& [name, id] : reference) {
    ASSERT_EQ(names.Name(id), name);
    ASSERT_EQ(names.Find(name), id);
  }
  // A copy is independent of the original.
  Interner copy = names;
  names.Intern("only in the original");
  EXPECT_FALSE(copy.Find("only in the original").has_value());
  EXPECT_EQ(copy.Find("item_7919"), names.Find("item_7919"));
}

INSTANTIATE_TEST_SUITE_P(Reserved, InternerGrowthTest, testing::Values(0, 1000, 60000));

// Joining two interners gives what interning the second's names one by one would.
TEST(InternerTest, InternAllMatchesInterningOneByOne) {
  Interner first, second, expected;
  for (int i = 0; i < 30000; ++i) {
    const std::string name = "n" + std::to_string(i * 7919 % 40009);
    first.Intern(name);
    expected.Intern(name);
  }
  for (int64_t i = 0; i < 50000; ++i) second.Intern("n" + std::to_string(i * 104729 % 60013));
  const std::vector<Interner::Id> ids = first.InternAll(second);
  ASSERT_EQ(ids.size(), second.size());
  for (Interner::Id id = 0; id < second.size(); ++id) {
    ASSERT_EQ(ids[id], expected.Intern(second.Name(id)));
    ASSERT_EQ(first.Name(ids[id]), second.Name(id));
  }
  EXPECT_EQ(first.Names(), expected.Names());
  EXPECT_EQ(first.Find("n1"), expected.Find("n1"));
  EXPECT_TRUE(Interner().InternAll(Interner()).empty());
}

// Hashes passed in are used; a list of the wrong length (stale) is recomputed, not overread.
TEST(InternerTest, InternAllTakesOrRecomputesTheHashes) {
  Interner second;
  for (int i = 0; i < 3000; ++i) second.Intern("m" + std::to_string(i * 17 % 3001));
  const std::vector<uint32_t> hashes = second.HashesById();
  for (const std::span<const uint32_t> given :
       {std::span<const uint32_t>(hashes), std::span<const uint32_t>(hashes).first(10)}) {
    Interner first;
    first.Intern("m5");
    const std::vector<Interner::Id> ids = first.InternAll(second, given);
    ASSERT_EQ(first.size(), second.size() + (second.Find("m5") ? 0 : 1));
    for (Interner::Id id = 0; id < second.size(); ++id) {
      ASSERT_EQ(first.Find(second.Name(id)), ids[id]) << second.Name(id);
    }
  }
}

// The hashes a worker thread computes ahead of the join are the ones Intern() uses.
TEST(InternerTest, HashesByIdAreEachNamesHash) {
  Interner names;
  for (int i = 0; i < 5000; ++i) names.Intern("item-" + std::to_string(i * 31 % 7001));
  const std::vector<uint32_t> hashes = names.HashesById();
  ASSERT_EQ(hashes.size(), names.size());
  for (Interner::Id id = 0; id < names.size(); ++id) {
    ASSERT_EQ(hashes[id], Interner::Hash(names.Name(id))) << names.Name(id);
  }
}

TEST(InternerTest, BytesBeyondEightAndEmbeddedNulsMatter) {
  Interner names;
  const std::string a("12345678\0x", 10), b("12345678\0y", 10);
  EXPECT_NE(names.Intern(a), names.Intern(b));
  EXPECT_NE(HashName("abcdefgh1"), HashName("abcdefgh2"));
  EXPECT_NE(HashName("a"), HashName(std::string("a\0", 2)));
}

}  // namespace
}  // namespace chorus
