// Tiny hand-built media files for tests: a real 1 x 1 PNG, and headers of each accepted format
// declaring chosen dimensions (enough for InspectMedia; not decodable images).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace chorus::service::test {

// A complete, valid 1 x 1 transparent PNG (IHDR, IDAT and IEND with correct CRCs; 67 bytes).
inline std::string OnePixelPng() {
  return std::string(
      "\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
      "\x00\x01\x08\x06\x00\x00\x00\x1F\x15\xC4\x89\x00\x00\x00\x0A\x49\x44\x41\x54\x78\x9C\x63"
      "\x00\x01\x00\x00\x05\x00\x01\x0D\x0A\x2D\xB4\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60"
      "\x82",
      67);
}

inline std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
inline std::string Le16(uint32_t v) { return {static_cast<char>(v), static_cast<char>(v >> 8)}; }

// A PNG signature and IHDR chunk declaring `width` x `height` (CRC zero, no image data).
inline std::string PngDeclaring(uint32_t width, uint32_t height) {
  return std::string("\x89PNG\r\n\x1A\n", 8) + Be32(13) + "IHDR" + Be32(width) + Be32(height) +
         std::string("\x08\x06\x00\x00\x00", 5) + Be32(0);
}

// SOI, a JFIF APP0 segment, a DQT-free SOF0 frame header declaring `width` x `height`.
inline std::string JpegDeclaring(uint16_t width, uint16_t height) {
  std::string jpeg("\xFF\xD8", 2);
  jpeg += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
  jpeg += std::string("\xFF\xC0\x00\x11\x08", 5);  // SOF0, length 17, 8-bit precision.
  jpeg += {static_cast<char>(height >> 8), static_cast<char>(height & 0xFF)};
  jpeg += {static_cast<char>(width >> 8), static_cast<char>(width & 0xFF)};
  jpeg += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  return jpeg;
}

// A GIF89a header and logical screen descriptor of `width` x `height`.
inline std::string GifDeclaring(uint16_t width, uint16_t height) {
  return "GIF89a" + Le16(width) + Le16(height) + std::string("\x00\x00\x00", 3);
}

// A WebP with an extended (VP8X) header whose canvas is `width` x `height`.
inline std::string WebpVp8xDeclaring(uint32_t width, uint32_t height) {
  const uint32_t w = width - 1, h = height - 1;
  return std::string("RIFF\x16\x00\x00\x00WEBPVP8X\x0A\x00\x00\x00\x00\x00\x00\x00", 24) +
         std::string{static_cast<char>(w), static_cast<char>(w >> 8), static_cast<char>(w >> 16),
                     static_cast<char>(h), static_cast<char>(h >> 8), static_cast<char>(h >> 16)};
}

// A lossless (VP8L) WebP header of `width` x `height` (each at most 16384).
inline std::string WebpVp8lDeclaring(uint32_t width, uint32_t height) {
  const uint32_t bits = (width - 1) | (height - 1) << 14;
  return std::string("RIFF\x0D\x00\x00\x00WEBPVP8L\x05\x00\x00\x00\x2F", 21) +
         std::string{static_cast<char>(bits), static_cast<char>(bits >> 8),
                     static_cast<char>(bits >> 16), static_cast<char>(bits >> 24)};
}

// A lossy (VP8) WebP key frame header of `width` x `height` (each below 16384).
inline std::string WebpVp8Declaring(uint16_t width, uint16_t height) {
  return std::string("RIFF\x16\x00\x00\x00WEBPVP8 \x0A\x00\x00\x00\x50\x01\x00\x9D\x01\x2A", 26) +
         Le16(width) + Le16(height);
}

inline constexpr const char* kSvg =
    "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" "
    "height=\"1\"><script>alert(1)</script></svg>\n";
inline constexpr const char* kHtml =
    "<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n";

}  // namespace chorus::service::test
