#include "service/exports/tar_writer.h"

#include <algorithm>
#include <array>

namespace chorus::service::exports {
namespace {

constexpr size_t kBlock = 512;

// An octal field of `width` bytes: digits, zero-padded, then NUL.
void PutOctal(std::array<char, kBlock>& header, size_t at, size_t width, uint64_t value) {
  header[at + width - 1] = '\0';
  for (size_t i = width - 1; i-- > 0; value >>= 3)
    header[at + i] = static_cast<char>('0' + (value & 7));
}

}  // namespace

void AppendTarHeader(std::string& out, std::string_view name, uint64_t size,
                     int64_t mtime_seconds) {
  std::array<char, kBlock> header{};
  std::copy_n(name.data(), std::min<size_t>(name.size(), 100), header.data());
  PutOctal(header, 100, 8, 0644);   // mode
  PutOctal(header, 108, 8, 0);      // uid
  PutOctal(header, 116, 8, 0);      // gid
  PutOctal(header, 124, 12, size);  // size
  PutOctal(header, 136, 12, static_cast<uint64_t>(std::max<int64_t>(mtime_seconds, 0)));
  header[156] = '0';                             // typeflag: regular file
  std::copy_n("ustar", 6, header.data() + 257);  // magic, NUL-terminated
  header[263] = '0';                             // version "00"
  header[264] = '0';
  // The checksum is computed with its own field as eight spaces.
  std::fill_n(header.data() + 148, 8, ' ');
  unsigned sum = 0;
  for (char c : header) sum += static_cast<unsigned char>(c);
  PutOctal(header, 148, 7, sum);  // Six digits and NUL, then the space.
  header[155] = ' ';
  out.append(header.data(), kBlock);
}

std::string TarPadding(uint64_t size) {
  return std::string((kBlock - size % kBlock) % kBlock, '\0');
}

void AppendTarFile(std::string& out, std::string_view name, std::string_view content,
                   int64_t mtime_seconds) {
  AppendTarHeader(out, name, content.size(), mtime_seconds);
  out.append(content);
  out += TarPadding(content.size());
}

std::string TarEnd() { return std::string(2 * kBlock, '\0'); }

}  // namespace chorus::service::exports
