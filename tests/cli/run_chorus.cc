#include "tests/cli/run_chorus.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace chorus::testing {
namespace {

std::string ShellQuote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ChorusRun RunChorus(const std::vector<std::string>& args) {
  TempDir capture;
  std::string command = ShellQuote(CHORUS_BINARY);
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  command += " >" + ShellQuote((capture.path() / "out").string());
  command += " 2>" + ShellQuote((capture.path() / "err").string()) + " </dev/null";
  const int status = std::system(command.c_str());
  ChorusRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(capture.path() / "out");
  run.err = ReadFile(capture.path() / "err");
  return run;
}

TempDir::TempDir() {
  std::random_device seed;
  path_ = std::filesystem::temp_directory_path() /
          ("chorus-test-" + std::to_string(getpid()) + "-" + std::to_string(seed()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
  const auto file = path_ / name;
  std::ofstream(file, std::ios::binary) << content;
  return file.string();
}

}  // namespace chorus::testing
