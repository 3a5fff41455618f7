// What an uploaded media file is, decided from its bytes alone (issue 4, "media by URL or
// uploaded file"; security catalogue entries 41 and 42). The client's Content-Type and file
// name are never trusted: the type comes from the magic bytes, and only formats a browser shows
// without running script are accepted — PNG, JPEG, GIF, WebP, MP3, WAV, Ogg, FLAC, MP4/M4A/MOV
// (ISO base media "ftyp") and WebM. SVG, HTML, PDF and anything unrecognised are refused.
//
// Pixel flood (entry 42): an image's width and height are read from its header (PNG IHDR, JPEG
// SOFn, GIF logical screen, WebP VP8/VP8L/VP8X) without decoding it, and an image above the
// limits is refused, so nothing downstream (browser, thumbnailer) is asked to allocate
// 50,000 x 50,000 pixels.
//
// Thread-safety: pure functions over immutable tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chorus::service {

enum class MediaKind { kImage, kAudio, kVideo };

// One accepted format: the extension a stored file gets and the Content-Type it is served as.
struct MediaFormat {
  std::string_view extension;     // "png", "jpg", "mp4", ... (lower case, no dot).
  std::string_view content_type;  // "image/png", ...
  MediaKind kind;
};

// The format stored files with `extension` are served as, or null when it is not one of the
// accepted formats' extensions (exact, lower case).
const MediaFormat* MediaFormatOfExtension(std::string_view extension);

// "PNG, JPEG, GIF, WebP, MP3, WAV, Ogg, FLAC, MP4, M4A, MOV and WebM", for messages.
std::string_view AcceptedMediaFormats();

struct MediaLimits {
  uint64_t max_pixels = 100'000'000;  // Largest width x height of an image (100 megapixels).
  uint32_t max_side = 20'000;         // Largest width or height of an image, in pixels.
};

// How many leading bytes of a file InspectMedia needs at most: an image whose dimensions are
// not within them (a JPEG with huge metadata before its frame header) is refused as malformed.
inline constexpr size_t kMediaInspectBytes = size_t{1} << 20;

struct MediaVerdict {
  enum class Outcome {
    kAccepted,
    kUnsupportedType,  // Not one of the accepted formats (or empty): HTTP 415.
    kMalformed,        // Looks like an accepted image but its header is cut short or invalid.
    kTooManyPixels,    // An image above MediaLimits.
  };
  Outcome outcome = Outcome::kUnsupportedType;
  const MediaFormat* format = nullptr;  // Set unless kUnsupportedType.
  std::optional<uint32_t> width;        // Images (also when kTooManyPixels); else nullopt.
  std::optional<uint32_t> height;
  std::string message;  // Why it was refused, for the uploader; empty when accepted.
};

// Inspects a file from its first bytes `head` (the whole file, or at least its first
// kMediaInspectBytes bytes).
MediaVerdict InspectMedia(std::string_view head, const MediaLimits& limits = {});

}  // namespace chorus::service
