// libcurl's functions, resolved when the first OutboundFetcher is made rather than linked:
// commands that fetch nothing then start without libcurl and the libraries it pulls in
// (core/shared_library.h). curl_global_init has run once the table is returned.
// Thread-safety: LoadLibCurl may be called from any thread; the table never changes once loaded.
#pragma once

#include <curl/curl.h>

#include "core/status.h"

namespace chorus::service {

struct LibCurl {
  decltype(&curl_global_init) global_init;
  decltype(&curl_url) url;
  decltype(&curl_url_cleanup) url_cleanup;
  decltype(&curl_url_get) url_get;
  decltype(&curl_url_set) url_set;
  decltype(&curl_free) free;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_perform) easy_perform;
  decltype(&curl_easy_getinfo) easy_getinfo;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
};

// The table, loading libcurl.so.4 on the first call; kUnavailable when it cannot be loaded.
Result<const LibCurl*> LoadLibCurl();

// REQUIRES: LoadLibCurl() succeeded.
const LibCurl& Curl();

}  // namespace chorus::service
