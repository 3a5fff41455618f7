#include "service/url_import.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "core/csv_reader.h"

namespace chorus::service {
namespace {

Status CannotSpool() {
  return Status(StatusCode::kUnavailable,
                "the server cannot store the downloaded file right now; retry later");
}

// A private temporary file (mkstemp: 0600), removed when the object goes.
class SpoolFile {
 public:
  explicit SpoolFile(const std::string& dir) {
    std::error_code error;
    const std::filesystem::path base =
        dir.empty() ? std::filesystem::temp_directory_path(error) : std::filesystem::path(dir);
    if (error) return;
    path_ = (base / "chorus-fetch-XXXXXX").string();
    fd_ = mkstemp(path_.data());
    if (fd_ < 0) path_.clear();
  }
  ~SpoolFile() {
    Close();
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }

  bool Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  bool Close() {
    if (fd_ < 0) return true;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    return closed;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

UrlImporter::UrlImporter(ProjectService& projects, std::shared_ptr<const OutboundFetcher> fetcher,
                         UrlImportOptions options)
    : projects_(projects), fetcher_(std::move(fetcher)), options_(std::move(options)) {}

Result<ImportSummary> UrlImporter::Import(const Principal& actor, int64_t project_id,
                                          std::string_view url, std::string_view format_name,
                                          FetchFailure* why) {
  // Nothing is fetched for a project that does not exist or a format that cannot be.
  CHORUS_RETURN_IF_ERROR(projects_.Get(project_id).status());
  std::optional<ImportFormat> format;
  if (!format_name.empty()) {
    auto named = ImportFormatFromName(format_name, "");
    if (!named.ok()) return named.status();
    format = *named;
  }
  SpoolFile spool(options_.spool_dir);
  if (!spool.ok()) return CannotSpool();
  bool write_failed = false;
  FetchLimits limits;
  limits.max_body_bytes = options_.max_bytes;
  limits.total_timeout = options_.timeout;
  auto fetched = fetcher_->Fetch(
      url, limits,
      [&](std::string_view piece) {
        write_failed = !spool.Write(piece);
        return !write_failed;
      },
      why);
  if (write_failed) return CannotSpool();
  if (!fetched.ok()) return fetched.status();
  if (!spool.Close()) return CannotSpool();
  if (!format) {
    if (auto by_path = ImportFormatFromName("", fetched->path); by_path.ok()) {
      format = *by_path;
    } else if (auto by_type = ImportFormatFromContentType(fetched->content_type); by_type.ok()) {
      format = *by_type;
    } else {
      return InvalidArgument(
          "neither the URL's path nor the Content-Type it was sent with says the file's format; "
          "send \"format\": \"json\" (an array), \"jsonl\" or \"csv\"",
          "format");
    }
  }
  const SourceOpener open = [path = spool.path()] { return OpenFileSource(path); };
  return projects_.Import(actor, project_id, open, *format, {}, RedactUrl(url));
}

}  // namespace chorus::service
