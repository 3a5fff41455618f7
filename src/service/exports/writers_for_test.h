// Test-only helpers for the export writers (no .cc, so no product code links them): run a
// writer over tasks held in memory, and read its output back with an independent parser
// (/usr/bin/python3 with its own split logic).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/exports/export_writer.h"

namespace chorus::service::exports::testing {

struct TestTask {
  domain::Task task;
  std::vector<domain::Annotation> annotations;
  std::optional<domain::TaskAggregate> aggregate;
};

inline domain::LabelInterface Interface(const char* json_text) {
  auto parsed = domain::ParseLabelInterface(json_text);
  if (!parsed.ok()) throw std::runtime_error(parsed.status().message());
  return *parsed;
}

inline domain::Task MakeTask(int64_t id, nlohmann::json data) {
  domain::Task task;
  task.id = id;
  task.project_id = 1;
  task.external_id = "ext-" + std::to_string(id);
  task.data = data.dump();
  return task;
}

inline domain::Annotation MakeAnnotation(int64_t id, int64_t annotator, nlohmann::json result) {
  domain::Annotation a;
  a.id = id;
  a.annotator_id = annotator;
  a.result = result.dump();
  return a;
}

// Everything the writer produced, Begin to End.
inline std::string RunWriter(ExportWriter& writer, const std::vector<TestTask>& tasks) {
  std::string out;
  const Sink sink = [&](std::string_view piece) { out.append(piece); };
  writer.Begin(sink);
  for (const TestTask& t : tasks) {
    const nlohmann::json data = nlohmann::json::parse(t.task.data);
    writer.Write({.task = t.task,
                  .data = data,
                  .annotations = t.annotations,
                  .aggregate = t.aggregate ? &*t.aggregate : nullptr,
                  .predictions = nullptr,
                  .gold = nullptr},
                 out);
  }
  writer.End(sink);
  return out;
}

// Runs `script` with /usr/bin/python3 on a file holding `input` (its path is sys.argv[1]) and
// returns what it printed.
inline std::string RunPython(const std::string& script, const std::string& input) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string stem = (dir / ("chorus_export_" + std::to_string(::getpid()))).string();
  std::ofstream(stem + ".in", std::ios::binary) << input;
  std::ofstream(stem + ".py", std::ios::binary) << script;
  std::string out;
  if (FILE* pipe =
          ::popen(("/usr/bin/python3 " + stem + ".py " + stem + ".in 2>&1").c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
  }
  std::filesystem::remove(stem + ".in");
  std::filesystem::remove(stem + ".py");
  return out;
}

}  // namespace chorus::service::exports::testing
