// Writing a command's result file: the format from the extension, and a write that never
// leaves half a file behind.
// Thread-safety: reentrant (distinct paths).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "core/status.h"

namespace chorus::cli {

// True for .jsonl and .ndjson: items files are JSON Lines there and CSV otherwise.
bool IsJsonLinesPath(const std::string& path);

// Calls `write` on a temporary file beside `path`, then removes the old file and renames the
// new one into place, so an interrupted run never leaves half a file (at worst none). A `path` that
// is a device or a pipe (/dev/null, /dev/stdout) is written directly. Fails naming the path when
// the folder is missing or not writable, the disk is full, or the rename fails; the temporary file
// is removed.
Status WriteFileAtomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace chorus::cli
