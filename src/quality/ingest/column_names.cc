#include "quality/ingest/column_names.h"

#include <algorithm>
#include <array>

namespace chorus::quality {
namespace {

constexpr std::array<std::string_view, 10> kItemAliases = {
    "item",    "task",    "unit",    "subject",    "example",
    "item_id", "task_id", "unit_id", "subject_id", "example_id"};
constexpr std::array<std::string_view, 15> kAnnotatorAliases = {
    "annotator",    "worker",    "rater",    "coder",    "labeler",    "labeller", "judge",  "user",
    "annotator_id", "worker_id", "rater_id", "coder_id", "labeler_id", "judge_id", "user_id"};
constexpr std::array<std::string_view, 11> kLabelAliases = {
    "label", "answer",     "response", "value",     "rating", "category",
    "class", "annotation", "judgment", "judgement", "choice"};
constexpr std::array<std::string_view, 6> kGoldOnlyAliases = {"gold",  "gold_label",   "true_label",
                                                              "truth", "ground_truth", "reference"};

constexpr std::array<std::string_view, 5> kLeftAliases = {"left", "a", "option_a", "response_a",
                                                          "first"};
constexpr std::array<std::string_view, 5> kRightAliases = {"right", "b", "option_b", "response_b",
                                                           "second"};
constexpr std::array<std::string_view, 5> kWinnerAliases = {"winner", "preference", "choice",
                                                            "chosen", "outcome"};

// Lower-cased, trimmed, spaces and hyphens as underscores; false when too long to be a name.
bool Normalize(std::string_view name, std::array<char, 32>* out, size_t* size) {
  name = TrimBlanks(name);
  if (name.size() > out->size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '-') c = '_';
    (*out)[i] = c;
  }
  *size = name.size();
  return true;
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& aliases, std::string_view name) {
  return std::find(aliases.begin(), aliases.end(), name) != aliases.end();
}

bool Names(Role role, std::string_view name) {
  switch (role) {
    case Role::kItem: return Contains(kItemAliases, name);
    case Role::kAnnotator: return Contains(kAnnotatorAliases, name);
    case Role::kLabel: return Contains(kLabelAliases, name);
    case Role::kGoldLabel: return Contains(kLabelAliases, name) || Contains(kGoldOnlyAliases, name);
    case Role::kLeft: return Contains(kLeftAliases, name);
    case Role::kRight: return Contains(kRightAliases, name);
    case Role::kWinner: return Contains(kWinnerAliases, name);
  }
  return false;
}

template <size_t N>
void Append(const std::array<std::string_view, N>& aliases, std::string* out) {
  for (std::string_view alias : aliases) {
    if (!out->empty()) *out += ", ";
    *out += alias;
  }
}

}  // namespace

std::optional<Role> MatchRole(std::string_view header_name, std::span<const Role> wanted) {
  std::array<char, 32> buffer;
  size_t size = 0;
  if (!Normalize(header_name, &buffer, &size)) return std::nullopt;
  const std::string_view name(buffer.data(), size);
  for (Role role : wanted) {
    if (Names(role, name)) return role;
  }
  return std::nullopt;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kItem: return "item";
    case Role::kAnnotator: return "annotator";
    case Role::kLabel:
    case Role::kGoldLabel: return "label";
    case Role::kLeft: return "left";
    case Role::kRight: return "right";
    case Role::kWinner: return "winner";
  }
  return "label";
}

std::string RoleAliases(Role role) {
  std::string out;
  switch (role) {
    case Role::kItem: Append(kItemAliases, &out); break;
    case Role::kAnnotator: Append(kAnnotatorAliases, &out); break;
    case Role::kLabel: Append(kLabelAliases, &out); break;
    case Role::kGoldLabel:
      Append(kLabelAliases, &out);
      Append(kGoldOnlyAliases, &out);
      break;
    case Role::kLeft: Append(kLeftAliases, &out); break;
    case Role::kRight: Append(kRightAliases, &out); break;
    case Role::kWinner: Append(kWinnerAliases, &out); break;
  }
  return out;
}

bool EqualsIgnoringCase(std::string_view value, std::string_view lower) {
  if (value.size() != lower.size()) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// IsMissingMarker for values of at most four bytes.
bool IsShortMissingMarker(std::string_view value) {
  switch (value.size()) {
    case 0: return true;
    case 1: return value[0] == '*';
    case 2: return EqualsIgnoringCase(value, "na");
    case 3: return EqualsIgnoringCase(value, "n/a") || EqualsIgnoringCase(value, "nan");
    case 4: return EqualsIgnoringCase(value, "null");
    default: return false;
  }
}

}  // namespace chorus::quality
