#include "service/media_fetch.h"

#include <cctype>

namespace chorus::service {

std::optional<std::string> InlineMediaType(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t slash = type.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::string top = type.substr(0, slash);
  const std::string subtype = type.substr(slash + 1);
  if (top != "image" && top != "audio" && top != "video") return std::nullopt;
  if (subtype.empty()) return std::nullopt;
  for (const char c : subtype) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '+' && c != '-') {
      return std::nullopt;
    }
  }
  for (const char* scriptable : {"svg", "xml", "html"}) {
    if (subtype.find(scriptable) != std::string::npos) return std::nullopt;
  }
  return type;
}

Result<FetchedMedia> FetchMedia(const OutboundFetcher& fetcher, std::string_view url,
                                const MediaFetchLimits& limits, FetchFailure* why) {
  FetchedMedia media;
  FetchLimits fetch_limits;
  fetch_limits.max_body_bytes = limits.max_bytes;
  fetch_limits.total_timeout = limits.timeout;
  fetch_limits.accept_content_type = [](std::string_view type) {
    return InlineMediaType(type).has_value();
  };
  auto fetched = fetcher.Fetch(
      url, fetch_limits,
      [&](std::string_view piece) {
        media.body.append(piece);
        return true;
      },
      why);
  if (!fetched.ok()) return fetched.status();
  if (fetched->type_refused) {
    media.body.clear();
    media.unsupported_type = true;
    return media;
  }
  media.content_type = InlineMediaType(fetched->content_type).value_or("");
  return media;
}

}  // namespace chorus::service
