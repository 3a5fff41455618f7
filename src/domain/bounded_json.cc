#include "domain/bounded_json.h"

namespace chorus::domain {

nlohmann::json ParseJsonWithinDepth(std::string_view text, int max_depth) {
  bool too_deep = false;
  // The callback sees every value with its depth (0: the outermost, so `max_depth` levels are
  // depths 0 to max_depth - 1); deeper ones are dropped as they are read, so the discarded tree
  // never grows deep either.
  const nlohmann::json::parser_callback_t limit = [&](int depth, nlohmann::json::parse_event_t,
                                                      nlohmann::json&) {
    if (depth >= max_depth) too_deep = true;
    return depth < max_depth;
  };
  nlohmann::json parsed = nlohmann::json::parse(text, limit, /*allow_exceptions=*/false);
  return too_deep ? nlohmann::json(nlohmann::json::value_t::discarded) : parsed;
}

}  // namespace chorus::domain
