#include "server/status_table.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/error_response.h"

namespace chorus::server {
namespace {

TEST(StatusTable, MapsEveryCodeOnce) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 422);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
}

TEST(ErrorResponse, CarriesCodeMessageFieldAndCorrelationId) {
  const HttpResponse response =
      ErrorResponse(InvalidArgument("title is empty; give the project a name", "title"), "abc123");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "title is empty; give the project a name");
  EXPECT_EQ(body["error"]["field"], "title");
  EXPECT_EQ(body["error"]["correlation_id"], "abc123");
}

TEST(ErrorResponse, FieldIsNullWhenNoneApplies) {
  const auto body = nlohmann::json::parse(ErrorResponse(NotFound("no such task"), "id").body);
  EXPECT_TRUE(body["error"]["field"].is_null());
  EXPECT_EQ(body["error"]["code"], "not_found");
}

TEST(ErrorResponse, InternalErrorsHideTheirTextAndLogIt) {
  const HttpResponse response =
      ErrorResponse(Internal("SELECT * FROM users failed at /var/lib/chorus/db"), "c0ffee");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("SELECT"), std::string::npos);
  EXPECT_EQ(response.body.find("/var/lib"), std::string::npos);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(body["error"]["message"], std::string(kInternalErrorMessage));
  EXPECT_EQ(body["error"]["correlation_id"], "c0ffee");
  EXPECT_NE(response.log_note.find("SELECT"), std::string::npos);
}

TEST(ErrorResponse, UnauthenticatedAsksForCredentials) {
  const HttpResponse response =
      ErrorResponse(Status(StatusCode::kUnauthenticated, "log in first"), "id");
  EXPECT_EQ(response.status, 401);
  EXPECT_TRUE(response.headers.Has("www-authenticate"));
}

}  // namespace
}  // namespace chorus::server
