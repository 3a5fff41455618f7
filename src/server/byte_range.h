// The Range request header (RFC 9110 §14) for file bodies, so browsers can seek in audio and
// video and resume downloads. One range only: a list of ranges, another unit or a malformed
// header is ignored (the whole file, 200), as the RFC allows; a single range that starts past
// the end is unsatisfiable (416 with "Content-Range: bytes */SIZE").
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chorus::server {

struct ByteRange {
  uint64_t first = 0;  // Offsets of the first and last byte sent, inclusive.
  uint64_t last = 0;
  bool satisfiable = true;  // False: answer 416.
};

// The range `header` asks of a body of `size` bytes; nullopt to send the whole body.
std::optional<ByteRange> ParseByteRange(std::string_view header, uint64_t size);

// "bytes FIRST-LAST/SIZE", or "bytes */SIZE" for an unsatisfiable range.
std::string ContentRange(const ByteRange& range, uint64_t size);

}  // namespace chorus::server
