#include "service/imports/tar_reader.h"

#include <set>

#include "core/utf8.h"
#include "service/imports/import_records.h"

namespace chorus::service::imports {
namespace {

constexpr size_t kBlock = 512;

// The NUL-terminated field at [offset, offset + size) of a header.
std::string_view TarField(std::string_view header, size_t offset, size_t size) {
  std::string_view field = header.substr(offset, size);
  const size_t nul = field.find('\0');
  return nul == std::string_view::npos ? field : field.substr(0, nul);
}

// An octal number field (spaces and NULs around it allowed), or -1.
int64_t TarOctal(std::string_view field) {
  size_t at = 0;
  while (at < field.size() && field[at] == ' ') ++at;
  int64_t value = 0;
  size_t digits = 0;
  for (; at < field.size() && field[at] >= '0' && field[at] <= '7'; ++at, ++digits) {
    if (value > (int64_t{1} << 50)) return -1;
    value = value * 8 + (field[at] - '0');
  }
  for (; at < field.size(); ++at) {
    if (field[at] != ' ' && field[at] != '\0') return -1;
  }
  return digits == 0 ? -1 : value;
}

// What is wrong with an entry name, or "" when it is safe.
std::string TarNameProblem(std::string_view name) {
  if (name.empty()) return "an entry has no name";
  if (!IsValidUtf8(name)) return "is not UTF-8";
  if (name.front() == '/') return "is an absolute path";
  if (name.find('\\') != std::string_view::npos) return "holds a backslash";
  if (name.size() >= 2 && name[1] == ':') return "names a drive";
  std::string_view rest = name;
  if (rest.back() == '/') rest.remove_suffix(1);  // A directory's trailing slash.
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") {
      return "holds an empty, \".\" or \"..\" segment";
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return "";
}

}  // namespace

bool LooksLikeTar(std::string_view bytes) {
  return bytes.size() >= kBlock && bytes.substr(257, 5) == "ustar";
}

Result<std::vector<TarEntry>> ReadTar(std::string_view archive) {
  std::vector<TarEntry> entries;
  std::set<std::string> names;
  size_t count = 0;
  for (size_t at = 0;;) {
    // A tar ends with two zero blocks: without them the archive was cut, maybe between entries.
    if (at > archive.size() || archive.size() - at < 2 * kBlock) {  // Past: padding cut off.
      return InvalidArgument(
          "the archive does not end with its two zero blocks; it is truncated (upload it again)",
          "body");
    }
    const std::string_view header = archive.substr(at, kBlock);
    if (header.find_first_not_of('\0') == std::string_view::npos) {
      if (archive.substr(at + kBlock, kBlock).find_first_not_of('\0') != std::string_view::npos) {
        return InvalidArgument(Concat({"the zero block at byte ", std::to_string(at),
                                       " is not followed by another; the archive is corrupt"}),
                               "body");
      }
      break;  // The end; what follows is padding.
    }
    const std::string where = "the entry at byte " + std::to_string(at);
    if (header.substr(257, 5) != "ustar") {
      return InvalidArgument(where +
                                 " is not a ustar header; write the archive with "
                                 "tar --format=ustar",
                             "body");
    }
    int64_t sum = 0;
    for (size_t i = 0; i < kBlock; ++i) {
      sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
    }
    if (TarOctal(header.substr(148, 8)) != sum) {
      return InvalidArgument(where + " has a bad header checksum; the archive is corrupt", "body");
    }
    std::string name(TarField(header, 0, 100));
    const std::string_view prefix = TarField(header, 345, 155);
    if (!prefix.empty()) name = Concat({prefix, "/", name});
    // `tar -C dir -cf x.tar .` names "./", "./labels/a.txt".
    while (name.starts_with("./")) name.erase(0, 2);
    const char type = header[156];
    // Shown in errors only while it is UTF-8 (a response must be).
    const std::string shown = IsValidUtf8(name) ? name.substr(0, 200) : "(not UTF-8)";
    const bool top_folder = type == '5' && (name.empty() || name == ".");
    if (const std::string problem = top_folder ? "" : TarNameProblem(name); !problem.empty()) {
      return InvalidArgument(Concat({"entry \"", shown, "\" ", problem, "; refused"}), "body");
    }
    const int64_t size = TarOctal(header.substr(124, 12));
    const size_t data = at + kBlock;
    if (size < 0 || static_cast<uint64_t>(size) > archive.size() - data) {
      return InvalidArgument("entry \"" + shown +
                                 "\" claims more bytes than the archive has; "
                                 "the archive is truncated or corrupt",
                             "body");
    }
    if (++count > kMaxTarEntries) {
      return InvalidArgument("has more than " + std::to_string(kMaxTarEntries) + " entries",
                             "body");
    }
    if (type == '0' || type == '\0') {
      if (!names.insert(name).second) {
        return InvalidArgument("entry \"" + shown + "\" is listed twice", "body");
      }
      entries.push_back({name, archive.substr(data, static_cast<size_t>(size))});
    } else if (type != '5') {
      return InvalidArgument(
          "entry \"" + shown + "\" is not a regular file or a directory (type '" +
              std::string(1, type) + "'); links, devices and PAX or GNU headers are refused",
          "body");
    }
    at = data + (static_cast<size_t>(size) + kBlock - 1) / kBlock * kBlock;
  }
  return entries;
}

}  // namespace chorus::service::imports
