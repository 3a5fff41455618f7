#include "service/export_jobs.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

namespace chorus::service {
namespace {

const char* Extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kJsonl: return "jsonl";
    case ExportFormat::kJson: return "json";
    case ExportFormat::kCsv: return "csv";
  }
  return "bin";
}

// An export file being written: counts and hashes what passes through, fsyncs at the end.
class ExportFile {
 public:
  explicit ExportFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd_ < 0) status_ = Failure("create");
    crypto_hash_sha256_init(&hash_);
  }
  ~ExportFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  ExportFile(const ExportFile&) = delete;
  ExportFile& operator=(const ExportFile&) = delete;

  void Write(std::string_view bytes) {
    if (!status_.ok()) return;
    crypto_hash_sha256_update(&hash_, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
    bytes_ += bytes.size();
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status_ = Failure("write");
        return;
      }
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }
  // Makes the file durable; then status() tells whether every byte reached it.
  void Finish() {
    if (status_.ok() && ::fsync(fd_) != 0) status_ = Failure("sync");
    if (fd_ >= 0 && ::close(fd_) != 0 && status_.ok()) status_ = Failure("close");
    fd_ = -1;
  }
  const Status& status() const { return status_; }
  uint64_t bytes() const { return bytes_; }
  std::string Sha256Hex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&hash_, digest);
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }

 private:
  Status Failure(const char* what) const {
    return Status(StatusCode::kUnavailable, std::string("could not ") + what +
                                                " the export file (" + std::strerror(errno) +
                                                "); check the disk and export again");
  }
  std::string path_;
  int fd_ = -1;
  Status status_;
  crypto_hash_sha256_state hash_;
  uint64_t bytes_ = 0;
};

}  // namespace

ExportJobs::ExportJobs(store::Store& store, std::string dir, std::function<int64_t()> now)
    : store_(store), dir_(std::move(dir)), runner_(std::move(now)), access_(store) {
  [[maybe_unused]] static const int initialised = sodium_init();  // Idempotent, thread-safe.
}

Result<Job> ExportJobs::Start(const Principal& actor, int64_t project_id, ExportFormat format) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  auto tasks = store_.tasks().Count(project_id);
  if (!tasks.ok()) return tasks.status();
  Job job;
  job.kind = "export";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  job.total = *tasks;
  return runner_.Start(job, [this, project_id, format](JobProgress& progress, Job& result) {
    const std::string name = "job-" + std::to_string(result.id) + "." + Extension(format);
    const std::string final_path = (std::filesystem::path(dir_) / name).string();
    const std::string part_path = final_path + ".part";
    ExportFile file(part_path);
    int64_t written = 0;
    Status status = ExportProject(
        store_, project_id, format, [&](std::string_view piece) { file.Write(piece); },
        [&](int64_t tasks_done) {
          written = tasks_done;
          progress.SetDone(tasks_done);
        });
    file.Finish();
    if (status.ok()) status = file.status();
    std::error_code ec;
    if (status.ok()) std::filesystem::rename(part_path, final_path, ec);
    if (!status.ok() || ec) {
      std::filesystem::remove(part_path, ec);
      return status.ok() ? Status(StatusCode::kUnavailable,
                                  "could not finish the export file; check the disk and export "
                                  "again")
                         : status;
    }
    result.file_path = final_path;
    result.content_type = ExportContentType(format);
    result.file_name = "project-" + std::to_string(project_id) + "-export-" +
                       std::to_string(result.id) + "." + Extension(format);
    result.manifest = nlohmann::json({{"format", Extension(format)},
                                      {"project_id", project_id},
                                      {"tasks", written},
                                      {"bytes", file.bytes()},
                                      {"sha256", file.Sha256Hex()}})
                          .dump();
    return Status::Ok();
  });
}

Result<Job> ExportJobs::Get(const Principal& actor, int64_t job_id) const {
  const Status none = NotFound("there is no job " + std::to_string(job_id) + " of yours", "job");
  std::optional<Job> job = runner_.Get(job_id);
  if (!job) return none;
  if (SeesEveryProject(actor)) return *job;
  if (job->owner_id != actor.user_id) return none;
  // An owner removed from the project since has lost its data with it.
  const Status reaches = access_.CheckProject(actor, job->project_id);
  if (reaches.code() == StatusCode::kNotFound) return none;
  CHORUS_RETURN_IF_ERROR(reaches);
  return *job;
}

}  // namespace chorus::service
