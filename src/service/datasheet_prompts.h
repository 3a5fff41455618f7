// The questions of "Datasheets for Datasets" (Gebru et al., CACM 64(12), 2021) that Chorus
// cannot answer from what it stores: the datasheet shows them as prompts for the team.
// Thread-safety: pure.
#pragma once

#include <nlohmann/json.hpp>

namespace chorus::service {

// [{"section", "question"}], in the paper's section order.
nlohmann::json DatasheetPrompts();

}  // namespace chorus::service
