// A POSIX ustar archive written entry by entry (IEEE Std 1003.1-2017, "pax", ustar Interchange
// Format), for exports that are many small files (YOLO label files): each entry is complete
// when written, so the archive streams task by task. Names are at most 100 bytes (ASCII).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chorus::service::exports {

// One regular file (mode 0644, owner 0) with its 512-byte header and padding, appended to `out`.
// REQUIRES: name.size() <= 100.
void AppendTarFile(std::string& out, std::string_view name, std::string_view content,
                   int64_t mtime_seconds);
// The header alone, for content streamed after it (then TarPadding(size)).
void AppendTarHeader(std::string& out, std::string_view name, uint64_t size, int64_t mtime_seconds);
std::string TarPadding(uint64_t size);
// The end of the archive: two zero blocks.
std::string TarEnd();

}  // namespace chorus::service::exports
