// Hugging Face `datasets` feature specs (the JSON that datasets.Features.to_dict() writes in
// dataset_infos.json: {"dtype": "int64", "_type": "Value"}, {"feature": F, "_type":
// "Sequence"}, [STRUCT] for a list of structs, {"name": F, ...} for a struct) derived from a
// label interface, and Conform, which shapes a value to a spec: every struct key present (null
// when missing), unknown keys dropped, numbers and strings coerced, so every row has the same
// schema (docs/server.md, "Export formats", hf_jsonl).
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/label_interface.h"

namespace chorus::service::exports {

nlohmann::json ValueFeature(const char* dtype);  // "string", "int64", "float64", "bool".
nlohmann::json SequenceFeature(nlohmann::json feature);

// The spec of a control's value in a result (choices: Sequence(string); spans: [{start, end,
// label}]; rating: int64; ...). Video tracks are one JSON text (string): their keyframes nest
// too deep to be worth a schema.
nlohmann::json ControlFeature(const domain::Control& control);
// The value of `control` in a result (its value object, e.g. {"choices": [...]}) as the
// ControlFeature shape expects it before Conform: the inner list or scalar; the ambiguous answer
// of a choices control is [kAmbiguousCategory].
nlohmann::json ControlFeatureValue(const domain::Control& control, const nlohmann::json& value);

// `value` shaped to `feature` (see above); null where it does not fit.
nlohmann::json Conform(const nlohmann::json& value, const nlohmann::json& feature);

}  // namespace chorus::service::exports
