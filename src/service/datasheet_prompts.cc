#include "service/datasheet_prompts.h"

#include <array>
#include <utility>

namespace chorus::service {

nlohmann::json DatasheetPrompts() {
  static constexpr std::array<std::pair<const char*, const char*>, 14> kPrompts = {{
      {"Motivation", "For what purpose was the dataset created? Was there a specific task in mind?"},
      {"Motivation", "Who created the dataset, on behalf of which entity, and who funded it?"},
      {"Composition", "What do the instances represent, and where does the raw data come from?"},
      {"Composition", "Are there recommended data splits (training, validation, test)?"},
      {"Composition",
       "Does the data contain information that is confidential, offensive or about identifiable "
       "people? How was it handled?"},
      {"Collection process", "How was the raw data acquired, and over what timeframe?"},
      {"Collection process",
       "Were ethical review processes conducted, and were the people whose data it is told and "
       "asked for consent?"},
      {"Preprocessing", "Was the raw data cleaned, filtered or transformed before labelling?"},
      {"Uses", "What has the dataset been used for already, and what else could it be used for?"},
      {"Uses", "Are there tasks for which the dataset should not be used?"},
      {"Distribution", "How will the dataset be distributed, and under which licence or terms?"},
      {"Maintenance", "Who maintains the dataset, and how can they be contacted?"},
      {"Maintenance", "Will the dataset be updated (labels corrected, items added or removed)?"},
      {"Maintenance", "How should errors found in the labels be reported?"},
  }};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [section, question] : kPrompts) {
    out.push_back({{"section", section}, {"question", question}});
  }
  return out;
}

}  // namespace chorus::service
