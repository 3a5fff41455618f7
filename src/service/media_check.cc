#include "service/media_check.h"

#include <array>
#include <cctype>
#include <string>

namespace chorus::service {
namespace {

constexpr std::array<MediaFormat, 12> kFormats = {{
    {"png", "image/png", MediaKind::kImage},
    {"jpg", "image/jpeg", MediaKind::kImage},
    {"gif", "image/gif", MediaKind::kImage},
    {"webp", "image/webp", MediaKind::kImage},
    {"mp3", "audio/mpeg", MediaKind::kAudio},
    {"wav", "audio/wav", MediaKind::kAudio},
    {"ogg", "audio/ogg", MediaKind::kAudio},
    {"flac", "audio/flac", MediaKind::kAudio},
    {"mp4", "video/mp4", MediaKind::kVideo},
    {"m4a", "audio/mp4", MediaKind::kAudio},
    {"mov", "video/quicktime", MediaKind::kVideo},
    {"webm", "video/webm", MediaKind::kVideo},
}};

const MediaFormat& Format(std::string_view extension) { return *MediaFormatOfExtension(extension); }

// Reads unsigned integers out of `head`; callers check the size first.
uint32_t Byte(std::string_view head, size_t at) { return static_cast<unsigned char>(head[at]); }
uint32_t Be16(std::string_view head, size_t at) { return Byte(head, at) << 8 | Byte(head, at + 1); }
uint32_t Be32(std::string_view head, size_t at) {
  return Be16(head, at) << 16 | Be16(head, at + 2);
}
uint32_t Le16(std::string_view head, size_t at) { return Byte(head, at) | Byte(head, at + 1) << 8; }
uint32_t Le24(std::string_view head, size_t at) {
  return Le16(head, at) | Byte(head, at + 2) << 16;
}
uint32_t Le32(std::string_view head, size_t at) {
  return Le24(head, at) | Byte(head, at + 3) << 24;
}

bool At(std::string_view head, size_t at, std::string_view bytes) {
  return head.size() >= at + bytes.size() && head.substr(at, bytes.size()) == bytes;
}

MediaVerdict Accepted(const MediaFormat& format) {
  MediaVerdict verdict;
  verdict.outcome = MediaVerdict::Outcome::kAccepted;
  verdict.format = &format;
  return verdict;
}

MediaVerdict Malformed(const MediaFormat& format, std::string why) {
  MediaVerdict verdict;
  verdict.outcome = MediaVerdict::Outcome::kMalformed;
  verdict.format = &format;
  verdict.message = std::move(why);
  return verdict;
}

// The end of `head` came before the header field an image's size is in.
MediaVerdict CutShort(const MediaFormat& format, std::string_view what) {
  return Malformed(format, "the " + std::string(what) +
                               " ends (or passes its first 1 MiB) before its header says the "
                               "image's size; upload the whole, unmodified file");
}

MediaVerdict Unsupported(std::string why) {
  MediaVerdict verdict;
  verdict.outcome = MediaVerdict::Outcome::kUnsupportedType;
  verdict.message = std::move(why) + "; upload " + std::string(AcceptedMediaFormats()) +
                    " (the type is read from the file's content, not its name or Content-Type)";
  return verdict;
}

// An image of `width` x `height`, within the limits or not.
MediaVerdict Sized(const MediaFormat& format, uint32_t width, uint32_t height,
                   const MediaLimits& limits) {
  if (width == 0 || height == 0) {
    return Malformed(format, "the image's header declares a size of " + std::to_string(width) +
                                 " x " + std::to_string(height) +
                                 " pixels; upload an image that is not empty");
  }
  MediaVerdict verdict = Accepted(format);
  verdict.width = width;
  verdict.height = height;
  if (width > limits.max_side || height > limits.max_side ||
      uint64_t{width} * height > limits.max_pixels) {
    verdict.outcome = MediaVerdict::Outcome::kTooManyPixels;
    verdict.message = "the image is " + std::to_string(width) + " x " + std::to_string(height) +
                      " pixels; images may have at most " + std::to_string(limits.max_side) +
                      " pixels a side and " + std::to_string(limits.max_pixels) +
                      " pixels in all (scale it down and upload it again)";
  }
  return verdict;
}

// PNG: the 8-byte signature, then the IHDR chunk (length, "IHDR", width, height; big-endian).
MediaVerdict Png(std::string_view head, const MediaLimits& limits) {
  const MediaFormat& png = Format("png");
  if (head.size() < 24) return CutShort(png, "PNG");
  if (!At(head, 12, "IHDR")) {
    return Malformed(png, "the PNG does not start with its IHDR header chunk");
  }
  return Sized(png, Be32(head, 16), Be32(head, 20), limits);
}

// JPEG: segments after SOI until a start-of-frame (SOFn) marker, which holds the size.
MediaVerdict Jpeg(std::string_view head, const MediaLimits& limits) {
  const MediaFormat& jpeg = Format("jpg");
  size_t at = 2;
  while (true) {
    if (at >= head.size()) return CutShort(jpeg, "JPEG");
    if (Byte(head, at) != 0xFF) {
      return Malformed(jpeg, "the JPEG has no segment marker at byte " + std::to_string(at));
    }
    while (at < head.size() && Byte(head, at) == 0xFF) ++at;  // Fill bytes.
    if (at >= head.size()) return CutShort(jpeg, "JPEG");
    const uint32_t marker = Byte(head, at++);
    // Markers without a length: TEM, RSTn and a repeated SOI.
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
    if (marker == 0xD9 || marker == 0xDA) {
      return Malformed(jpeg, "the JPEG's image data starts before a frame header gives its size");
    }
    if (at + 2 > head.size()) return CutShort(jpeg, "JPEG");
    const uint32_t length = Be16(head, at);
    if (length < 2) return Malformed(jpeg, "the JPEG has a segment of invalid length");
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      // Length, precision, height, width.
      if (at + 7 > head.size()) return CutShort(jpeg, "JPEG");
      return Sized(jpeg, Be16(head, at + 5), Be16(head, at + 3), limits);
    }
    at += length;
  }
}

// GIF: "GIF87a"/"GIF89a", then the logical screen's width and height (little-endian).
MediaVerdict Gif(std::string_view head, const MediaLimits& limits) {
  const MediaFormat& gif = Format("gif");
  if (head.size() < 10) return CutShort(gif, "GIF");
  return Sized(gif, Le16(head, 6), Le16(head, 8), limits);
}

// WebP: "RIFF" size "WEBP", then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk.
MediaVerdict Webp(std::string_view head, const MediaLimits& limits) {
  const MediaFormat& webp = Format("webp");
  if (head.size() < 20) return CutShort(webp, "WebP");
  const std::string_view chunk = head.substr(12, 4);
  if (chunk == "VP8 ") {
    // Frame tag (3 bytes), start code 9D 01 2A, 14-bit width and height.
    if (head.size() < 30) return CutShort(webp, "WebP");
    if (!At(head, 23, "\x9D\x01\x2A")) {
      return Malformed(webp, "the WebP's VP8 frame has no start code");
    }
    return Sized(webp, Le16(head, 26) & 0x3FFF, Le16(head, 28) & 0x3FFF, limits);
  }
  if (chunk == "VP8L") {
    // Signature 0x2F, then width - 1 and height - 1 in 14 bits each.
    if (head.size() < 25) return CutShort(webp, "WebP");
    if (Byte(head, 20) != 0x2F) return Malformed(webp, "the WebP's VP8L chunk has no signature");
    const uint32_t bits = Le32(head, 21);
    return Sized(webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, limits);
  }
  if (chunk == "VP8X") {
    // Flags and reserved (4 bytes), then canvas width - 1 and height - 1 in 24 bits each.
    if (head.size() < 30) return CutShort(webp, "WebP");
    return Sized(webp, Le24(head, 24) + 1, Le24(head, 27) + 1, limits);
  }
  return Malformed(webp, "the WebP's first chunk is not VP8, VP8L or VP8X");
}

// An MPEG audio frame header: 11 sync bits, then no reserved version, layer, bit rate or
// sample rate (which also keeps out AAC's ADTS, whose layer is 0).
bool Mp3FrameSync(std::string_view head) {
  if (head.size() < 3 || Byte(head, 0) != 0xFF || (Byte(head, 1) & 0xE0) != 0xE0) return false;
  const uint32_t version = (Byte(head, 1) >> 3) & 3;
  const uint32_t layer = (Byte(head, 1) >> 1) & 3;
  const uint32_t bitrate = Byte(head, 2) >> 4;
  const uint32_t sample_rate = (Byte(head, 2) >> 2) & 3;
  return version != 1 && layer != 0 && bitrate != 15 && sample_rate != 3;
}

// ISO base media: a box of type "ftyp" first, whose major brand tells MP4, M4A and MOV apart.
MediaVerdict IsoMedia(std::string_view head) {
  const std::string_view brand = head.substr(8, 4);
  if (brand == "qt  ") return Accepted(Format("mov"));
  if (brand == "M4A " || brand == "M4B ") return Accepted(Format("m4a"));
  for (std::string_view image : {"heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis"}) {
    if (brand == image) return Unsupported("the file is a HEIF or AVIF image");
  }
  return Accepted(Format("mp4"));
}

// EBML (Matroska family): WebM only, told by its DocType element (ID 42 82) near the start.
MediaVerdict Ebml(std::string_view head) {
  const std::string_view start = head.substr(0, 64);
  const size_t at = start.find("\x42\x82");
  if (at != std::string_view::npos && at + 2 < start.size()) {
    const uint32_t size = Byte(start, at + 2);
    // A one-byte size (1xxxxxxx), as every muxer writes it for the DocType.
    if ((size & 0x80) != 0) {
      const std::string_view doc_type = start.substr(at + 3, size & 0x7F);
      if (doc_type == "webm") return Accepted(Format("webm"));
      if (doc_type == "matroska") return Unsupported("the file is Matroska (.mkv), not WebM");
    }
  }
  return Unsupported("the file is an EBML document that does not say it is WebM");
}

// A name for common refused types, so the message says what the file was taken for.
std::string RefusedName(std::string_view head) {
  std::string start(head.substr(0, 512));
  for (char& c : start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (start.find("<svg") != std::string::npos)
    return "the file is an SVG image (it can carry "
           "script)";
  if (start.find("<html") != std::string::npos ||
      start.find("<!doctype html") != std::string::npos ||
      start.find("<script") != std::string::npos) {
    return "the file is HTML";
  }
  if (start.rfind("%pdf", 0) == 0) return "the file is a PDF";
  return "the file is not an accepted image, audio or video";
}

}  // namespace

const MediaFormat* MediaFormatOfExtension(std::string_view extension) {
  for (const MediaFormat& format : kFormats) {
    if (format.extension == extension) return &format;
  }
  return nullptr;
}

std::string_view AcceptedMediaFormats() {
  return "PNG, JPEG, GIF, WebP, MP3, WAV, Ogg, FLAC, MP4, M4A, MOV or WebM";
}

MediaVerdict InspectMedia(std::string_view head, const MediaLimits& limits) {
  if (head.empty()) return Unsupported("the upload is empty (send the file as the request body)");
  if (At(head, 0, "\x89PNG\r\n\x1A\n")) return Png(head, limits);
  if (At(head, 0, "\xFF\xD8\xFF")) return Jpeg(head, limits);
  if (At(head, 0, "GIF87a") || At(head, 0, "GIF89a")) return Gif(head, limits);
  if (At(head, 0, "RIFF") && At(head, 8, "WEBP")) return Webp(head, limits);
  if (At(head, 0, "RIFF") && At(head, 8, "WAVE")) return Accepted(Format("wav"));
  if (At(head, 0, "OggS")) return Accepted(Format("ogg"));
  if (At(head, 0, "fLaC")) return Accepted(Format("flac"));
  if (At(head, 0, "ID3") || Mp3FrameSync(head)) return Accepted(Format("mp3"));
  if (At(head, 4, "ftyp") && head.size() >= 12) return IsoMedia(head);
  if (At(head, 0, "\x1A\x45\xDF\xA3")) return Ebml(head);
  return Unsupported(RefusedName(head));
}

}  // namespace chorus::service
