// Runs the built chorus binary and captures what a user would see.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace chorus::testing {

struct ChorusRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs CHORUS_BINARY with `args` (each passed as one argument, shell-quoted).
ChorusRun RunChorus(const std::vector<std::string>& args);

// The bytes of a file ("" when it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `content` to `name` inside the directory and returns the full path.
  std::string Write(const std::string& name, const std::string& content) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace chorus::testing
