#include "service/outbound/libcurl.h"

#include <mutex>

#include "core/shared_library.h"

namespace chorus::service {
namespace {

LibCurl table;

Status Load() {
  auto library = SharedLibrary::Open("libcurl.so.4", "libcurl4");
  if (!library.ok()) return library.status();
  const SharedLibrary& curl = *library;
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_global_init", &table.global_init));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_url", &table.url));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_url_cleanup", &table.url_cleanup));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_url_get", &table.url_get));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_url_set", &table.url_set));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_free", &table.free));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_easy_init", &table.easy_init));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_easy_cleanup", &table.easy_cleanup));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_easy_setopt", &table.easy_setopt));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_easy_perform", &table.easy_perform));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_easy_getinfo", &table.easy_getinfo));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_easy_strerror", &table.easy_strerror));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_slist_append", &table.slist_append));
  CHORUS_RETURN_IF_ERROR(curl.Bind("curl_slist_free_all", &table.slist_free_all));
  if (table.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return Status(StatusCode::kUnavailable, "libcurl did not initialise (curl_global_init)");
  }
  return Status::Ok();
}

}  // namespace

Result<const LibCurl*> LoadLibCurl() {
  static std::once_flag once;
  static Status loaded;
  std::call_once(once, [] { loaded = Load(); });
  if (!loaded.ok()) return loaded;
  return &table;
}

const LibCurl& Curl() { return table; }

}  // namespace chorus::service
