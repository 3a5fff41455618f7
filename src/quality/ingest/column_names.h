// Which column of a vote file holds what: header names and their aliases, and the values
// that mean "no label here".
//
// Header names match case-insensitively after trimming, with spaces and hyphens read as
// underscores ("Worker ID" = "worker_id"). The alias lists are the documented contract
// (docs: ingest.md); keep them in step.
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace chorus::quality {

enum class Role {
  kItem,       // The thing labelled: item, task, unit, subject, ...
  kAnnotator,  // Who labelled it: annotator, worker, rater, coder, ...
  kLabel,      // The label given: label, answer, response, value, rating, ...
  kGoldLabel,  // In a gold file, the reference label: the label aliases plus gold, truth, ...
  kLeft,       // In a comparison file, the first option shown: left, a, option_a, ...
  kRight,      // The second option shown: right, b, option_b, ...
  kWinner,     // Which one won: winner, preference, choice, chosen, outcome.
};

// The role a header cell (or JSON key) names, if any, among `wanted`.
std::optional<Role> MatchRole(std::string_view header_name, std::span<const Role> wanted);

// The role's canonical name ("item", "annotator", "label"; "label" for kGoldLabel; "left",
// "right", "winner").
const char* RoleName(Role role);

// The accepted names of a role, comma-separated, for messages ("item, task, unit, ...").
std::string RoleAliases(Role role);

// Whether `value` equals `lower` ignoring ASCII case. REQUIRES: `lower` is lower-case.
bool EqualsIgnoringCase(std::string_view value, std::string_view lower);

bool IsShortMissingMarker(std::string_view value);

// Whether an (unquoted) value means "missing": empty, "*", "NA", "N/A", "NaN" or "null",
// case-insensitively. REQUIRES: `value` is already trimmed. Inline: labels longer than four
// bytes, the common case, are answered without a call.
inline bool IsMissingMarker(std::string_view value) {
  return value.size() <= 4 && IsShortMissingMarker(value);
}

// `value` without leading and trailing spaces and tabs. Inline: it runs on every field.
inline std::string_view TrimBlanks(std::string_view value) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  if (value.empty() || (!blank(value.front()) && !blank(value.back()))) return value;
  size_t begin = 0, end = value.size();
  while (begin < end && (value[begin] == ' ' || value[begin] == '\t')) ++begin;
  while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t')) --end;
  return value.substr(begin, end - begin);
}

}  // namespace chorus::quality
