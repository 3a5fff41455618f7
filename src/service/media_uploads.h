// Uploaded media files (issue 4, "media by URL or uploaded file"): a project's members who may
// import tasks upload images, audio and video, and tasks then name them by the URL the upload
// answers with (/api/v1/projects/P/media/SHA256.EXT).
//
// A file is accepted only for what its bytes say it is (service/media_check.h: magic bytes,
// pixel-flood limits from the image header), never for its name or Content-Type. It is stored
// as DIR/PROJECT_ID/SHA256.EXT, content-addressed (the same file uploaded twice is one file):
// written to a temporary DIR/PROJECT_ID/.upload-RANDOM.part, fsynced, renamed into place and
// the directory fsynced, so a crash never leaves a partial file under a stored name. Stored
// names are generated here, never taken from a request, and a name asked for is served only
// when it has exactly the stored form (catalogue entries 38 and 40: no path traversal by
// construction). Every upload is recorded in the audit log ("media.upload" on the project).
// Thread-safety: safe to call concurrently (concurrent uploads of one file rename identical
// bytes onto one name).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/csv_reader.h"
#include "core/status.h"
#include "service/media_check.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct MediaUploadOptions {
  uint64_t max_bytes = uint64_t{64} << 20;  // Largest file stored (the route refuses larger first).
  MediaLimits limits;                       // Largest image, from its header.
};

struct StoredMedia {
  // kAccepted: stored. Otherwise nothing was stored and verdict.message says why.
  MediaVerdict verdict;
  std::string file_name;  // "SHA256.EXT", when stored.
  std::string sha256;     // Lower-case hex of the file's SHA-256, when stored.
  uint64_t bytes = 0;     // The file's size, when stored.
};

// Whether `file_name` has exactly the form of a stored file: 64 lower-case hex digits, a dot
// and the extension of an accepted format ("<hex>.png"; never "<hex>.PNG", "a/b" or "..").
bool IsStoredMediaName(std::string_view file_name);

// The URL tasks name a stored file by: /api/v1/projects/PROJECT_ID/media/FILE_NAME.
std::string StoredMediaUrl(int64_t project_id, std::string_view file_name);

class MediaUploads {
 public:
  // REQUIRES: `store` outlives this object; `dir` is private to the server and kept across
  // restarts (DATA/media); it is created when missing.
  MediaUploads(store::Store& store, std::string dir, std::function<int64_t()> now,
               MediaUploadOptions options = {});

  // Checks the file `source` holds and stores it for project `project_id`; `name` is the
  // uploader's name for it, kept in the audit event only. kNotFound for an unknown project;
  // kInvalidArgument when the file exceeds max_bytes; kUnavailable when the disk fails.
  Result<StoredMedia> Store(const Principal& actor, int64_t project_id, ByteSource& source,
                            std::string_view name = "");

  // The path of project `project_id`'s stored file `file_name`; one kNotFound for a name not
  // of the stored form and for a file that is not there.
  Result<std::string> PathOf(int64_t project_id, std::string_view file_name) const;

  // The pixel size of the image project `project_id`'s task data names by `url` (its
  // StoredMediaUrl), read from the stored file's header; nullopt for any other URL, a file
  // that is not there or not an image. For exports that count in pixels (COCO, VOC, YOLO).
  std::optional<std::pair<uint32_t, uint32_t>> ImageSizeOf(int64_t project_id,
                                                            std::string_view url) const;

 private:
  store::Store& store_;
  std::string dir_;
  std::function<int64_t()> now_;
  MediaUploadOptions options_;
};

}  // namespace chorus::service
