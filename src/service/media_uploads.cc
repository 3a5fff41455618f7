#include "service/media_uploads.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>

#include "service/audit.h"
#include "service/hashed_file.h"

namespace chorus::service {
namespace {

namespace fs = std::filesystem;

Status DiskFailure(const char* what) {
  return Status(StatusCode::kUnavailable, std::string("could not ") + what +
                                              " the uploaded media file (" + std::strerror(errno) +
                                              "); check the server's disk and upload again");
}

// Syncs a directory, so a rename inside it survives a crash.
Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return DiskFailure("open the directory of");
  const int synced = ::fsync(fd);
  ::close(fd);
  return synced == 0 ? Status::Ok() : DiskFailure("sync the directory of");
}

Status TooLarge(uint64_t max_bytes) {
  return InvalidArgument("the file is larger than " + std::to_string(max_bytes >> 20) +
                             " MiB, the most one upload may be; upload a smaller file",
                         "body");
}

}  // namespace

bool IsStoredMediaName(std::string_view file_name) {
  if (file_name.size() < 66 || file_name[64] != '.') return false;
  for (const char c : file_name.substr(0, 64)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return MediaFormatOfExtension(file_name.substr(65)) != nullptr;
}

MediaUploads::MediaUploads(store::Store& store, std::string dir, std::function<int64_t()> now,
                           MediaUploadOptions options)
    : store_(store), dir_(std::move(dir)), now_(std::move(now)), options_(options) {
  [[maybe_unused]] static const int initialised = sodium_init();  // Idempotent, thread-safe.
}

Result<StoredMedia> MediaUploads::Store(const Principal& actor, int64_t project_id,
                                        ByteSource& source, std::string_view name) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  // What the file is, from its first bytes, before anything is written.
  std::string head(kMediaInspectBytes, '\0');
  size_t filled = 0;
  while (filled < head.size()) {
    auto n = source.Read(head.data() + filled, head.size() - filled);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    filled += *n;
  }
  head.resize(filled);
  StoredMedia stored;
  stored.verdict = InspectMedia(head, options_.limits);
  if (stored.verdict.outcome != MediaVerdict::Outcome::kAccepted) return stored;
  if (head.size() > options_.max_bytes) return TooLarge(options_.max_bytes);

  const std::string project_dir = (fs::path(dir_) / std::to_string(project_id)).string();
  std::error_code error;
  fs::create_directories(project_dir, error);
  if (error) {
    errno = error.value();
    return DiskFailure("make a directory for");
  }
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  char suffix[2 * sizeof random + 1];
  sodium_bin2hex(suffix, sizeof suffix, random, sizeof random);
  HashedFile part((fs::path(project_dir) / (std::string(".upload-") + suffix + ".part")).string(),
                  {.exclusive = true,
                   .remove_unless_kept = true,
                   .noun = "the uploaded media file",
                   .retry = "upload again"});
  part.Write(head);
  std::string chunk(size_t{1} << 16, '\0');
  while (part.status().ok()) {
    auto n = source.Read(chunk.data(), chunk.size());
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    if (part.bytes() + *n > options_.max_bytes) return TooLarge(options_.max_bytes);
    part.Write(std::string_view(chunk.data(), *n));
  }
  part.Finish();
  CHORUS_RETURN_IF_ERROR(part.status());

  stored.sha256 = part.Sha256Hex();
  stored.bytes = part.bytes();
  stored.file_name = stored.sha256 + "." + std::string(stored.verdict.format->extension);
  const std::string final_path = (fs::path(project_dir) / stored.file_name).string();
  // Content-addressed: a file already there holds these very bytes.
  if (!fs::is_regular_file(fs::symlink_status(final_path, error))) {
    if (::rename(part.path().c_str(), final_path.c_str()) != 0) return DiskFailure("store");
    part.Keep();
    CHORUS_RETURN_IF_ERROR(SyncDirectory(project_dir));
  }

  nlohmann::json after = {
      {"file", stored.file_name},
      {"sha256", stored.sha256},
      {"bytes", stored.bytes},
      {"content_type", std::string(stored.verdict.format->content_type)},
      {"name", name.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(name))}};
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "media.upload", "project",
                                      project_id, "null", AuditJson(after), now_()));
  return stored;
}

Result<std::string> MediaUploads::PathOf(int64_t project_id, std::string_view file_name) const {
  const Status none = NotFound(
      "this project has no media file called that; upload it to POST "
      "/api/v1/projects/" +
          std::to_string(project_id) + "/media",
      "file");
  if (!IsStoredMediaName(file_name)) return none;
  const fs::path path = fs::path(dir_) / std::to_string(project_id) / std::string(file_name);
  std::error_code error;
  if (!fs::is_regular_file(fs::symlink_status(path, error))) return none;
  return path.string();
}

std::string StoredMediaUrl(int64_t project_id, std::string_view file_name) {
  return "/api/v1/projects/" + std::to_string(project_id) + "/media/" + std::string(file_name);
}

std::optional<std::pair<uint32_t, uint32_t>> MediaUploads::ImageSizeOf(int64_t project_id,
                                                                       std::string_view url) const {
  const std::string prefix = StoredMediaUrl(project_id, "");
  if (!url.starts_with(prefix)) return std::nullopt;
  auto path = PathOf(project_id, url.substr(prefix.size()));
  if (!path.ok()) return std::nullopt;
  // 64 KiB holds the size of nearly every image; a JPEG with large metadata first gets as much
  // as the upload's check read, so a stored image always gives its size.
  std::ifstream in(*path, std::ios::binary);
  std::string head;
  MediaVerdict verdict;
  for (const size_t bytes : {size_t{64} << 10, kMediaInspectBytes}) {
    head.resize(bytes);
    in.clear();
    in.seekg(0);
    in.read(head.data(), static_cast<std::streamsize>(bytes));
    const auto read = static_cast<size_t>(in.gcount());
    head.resize(read);
    verdict = InspectMedia(head, options_.limits);
    if (verdict.width || read < bytes) break;
  }
  if (!verdict.width || !verdict.height) return std::nullopt;
  return std::make_pair(*verdict.width, *verdict.height);
}

}  // namespace chorus::service
