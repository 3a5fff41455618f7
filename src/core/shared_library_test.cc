#include "core/shared_library.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(SharedLibraryTest, BindsAFunctionOfALoadedLibrary) {
  auto libm = SharedLibrary::Open("libm.so.6", "libc6");
  ASSERT_TRUE(libm.ok()) << libm.status().message();
  double (*cosine)(double) = nullptr;
  ASSERT_TRUE(libm->Bind("cos", &cosine).ok());
  EXPECT_EQ(cosine(0.0), 1.0);
}

TEST(SharedLibraryTest, AMissingLibraryNamesItAndThePackageToInstall) {
  auto missing = SharedLibrary::Open("libchorus-absent.so.1", "chorus-absent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(missing.status().message().find("libchorus-absent.so.1"), std::string::npos);
  EXPECT_NE(missing.status().message().find("install the Debian package chorus-absent"),
            std::string::npos);
}

TEST(SharedLibraryTest, AMissingFunctionIsAnErrorNotANullPointer) {
  auto libm = SharedLibrary::Open("libm.so.6", "libc6");
  ASSERT_TRUE(libm.ok());
  void (*absent)() = nullptr;
  Status status = libm->Bind("chorus_no_such_function", &absent);
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            "libm.so.6 has no function chorus_no_such_function; update the "
            "Debian package libc6");
  EXPECT_EQ(absent, nullptr);
}

}  // namespace
}  // namespace chorus
