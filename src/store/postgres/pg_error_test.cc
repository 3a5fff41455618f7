// The SQLSTATE -> Status mapping (pg_error.h): one case per class the store relies on.
#include "store/postgres/pg_error.h"

#include <gtest/gtest.h>

namespace chorus::store::postgres {
namespace {

TEST(PgErrorTest, MapsSqlStatesToCodes) {
  EXPECT_EQ(PgError("23505", "duplicate key", "x").code(), StatusCode::kConflict);
  EXPECT_EQ(PgError("23503", "foreign key", "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PgError("23514", "check", "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PgError("23502", "not null", "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PgError("22003", "out of range", "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PgError("40001", "serialization", "x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(PgError("40P01", "deadlock", "x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(PgError("08006", "connection failure", "x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(PgError("", "server closed the connection", "x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(PgError("53100", "disk full", "x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(PgError("57P01", "admin shutdown", "x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(PgError("42P01", "no such table", "x").code(), StatusCode::kInternal);
  EXPECT_EQ(PgError("XX000", "internal", "x").code(), StatusCode::kInternal);
}

TEST(PgErrorTest, OnlySerializationFailuresAndDeadlocksAreRetryable) {
  EXPECT_TRUE(IsRetryable("40001"));
  EXPECT_TRUE(IsRetryable("40P01"));
  EXPECT_FALSE(IsRetryable("40002"));
  EXPECT_FALSE(IsRetryable("23505"));
  EXPECT_FALSE(IsRetryable(""));
}

TEST(PgErrorTest, MessageNamesWhatFailedAndTheServerSaid) {
  Status s = PgError("23505", "duplicate key value\n", "inserting a user");
  EXPECT_NE(s.message().find("inserting a user: duplicate key value)"), std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace chorus::store::postgres
