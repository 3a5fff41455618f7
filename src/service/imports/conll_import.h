// CoNLL token files in (CoNLL-2003 style, as service/exports/conll_export.h writes them): one
// "TOKEN ... TAG" line per token (whitespace-separated columns: the first is the token, the last
// its tag), a blank line between sentences, "-DOCSTART-" lines skipped, and "# key = value"
// comment lines ("# external_id = X" becomes the task's external id). Each sentence is one text
// task {FIELD: the tokens joined by single spaces} (FIELD: the data field of the first spans
// control) with its entities as spans (start and end in code points) of that control in one
// prediction named `model`; a second sentence of the same external id (the export writes one
// block per annotation) gets "model:2", and so on. A tag's type is one of the control's labels,
// or one with its spaces written as "_" (as the export writes them).
// Tags: IOB2 (O, B-X, I-X: I-X continues a B-X or I-X of the same type) or IOBES (also E-X,
// which ends a B-X/I-X entity, and S-X, a one-token entity; B-X and I-X must be continued).
// An illegal sequence is an error naming the line; nothing of the file is imported.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/label_interface.h"
#include "service/imports/import_records.h"

namespace chorus::service::imports {

enum class ConllScheme { kIob2, kIobes };

// kInvalidArgument (field "format") when the interface has no spans control; record errors
// (record: the sentence, line: the line at fault, field "tag" or "line") in the result.
Result<ConvertedRecords> FromConll(const domain::LabelInterface& label_interface,
                                   ConllScheme scheme, std::string_view body,
                                   const std::string& model);

}  // namespace chorus::service::imports
