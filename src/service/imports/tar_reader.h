// A strict reader of ustar archives held in memory (the archives the exports write, and
// `tar --format=ustar`), for the archive forms of the VOC and YOLO imports. Nothing is ever
// written to disk: entries are views into the archive. Refused (security catalogue §C): a bad
// header checksum or magic, a size past the end of the archive, more than kMaxTarEntries
// entries, names that are empty, absolute, hold "..", "." or empty segments, a backslash, a
// drive letter or a NUL, names listed twice, and every entry that is not a regular file or a
// directory (symlinks, hard links, devices, GNU long names, PAX headers), and an archive that
// does not end with two zero blocks (truncated, even between entries). Directories are
// skipped; a leading "./" is dropped (`tar -C dir -cf x.tar .`), so "./" itself is skipped.
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus::service::imports {

inline constexpr size_t kMaxTarEntries = 100'000;

struct TarEntry {
  std::string name;          // "Annotations/7_70.xml": prefix and name joined.
  std::string_view content;  // Into the archive.
};

// True when `bytes` starts with a ustar header (magic "ustar" at offset 257).
bool LooksLikeTar(std::string_view bytes);

// The archive's regular files in order, or kInvalidArgument (field "body") naming the entry
// and what is wrong.
Result<std::vector<TarEntry>> ReadTar(std::string_view archive);

}  // namespace chorus::service::imports
