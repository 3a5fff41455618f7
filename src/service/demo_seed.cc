#include "service/demo_seed.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>

#include "service/task_import.h"

namespace chorus::service {
namespace {

constexpr std::array kSubjects = {
    "The delivery",   "Customer support", "The battery life", "This update", "The checkout",
    "The manual",     "The screen",       "The price",        "The app",     "The packaging",
    "The headphones", "The warranty",     "The camera",       "The refund",  "The keyboard",
    "The charger",    "The website",      "The sound",        "The setup",   "The fabric",
};
constexpr std::array kPredicates = {
    "was faster than I expected.",    "is simply excellent.",    "made my week, thank you!",
    "works exactly as described.",    "exceeded every promise.", "broke after two days.",
    "was a complete waste of money.", "never worked properly.",  "is worse than the old one.",
    "left me waiting for an hour.",   "arrived on Tuesday.",     "is available in three colours.",
    "comes in a cardboard box.",      "was changed last month.", "is described on page four.",
};

constexpr const char* kTextInterface = R"({"controls": [{"type": "choices", "name": "sentiment",
  "to": "text", "options": ["positive", "negative", "neutral"], "multiple": false}]})";

constexpr const char* kTextGuidelines =
    "# Sentiment of product reviews\n\n"
    "Label the feeling the writer expresses about the product or service.\n\n"
    "- **positive**: the writer is pleased (praise, thanks, exceeded expectations).\n"
    "- **negative**: the writer is displeased (faults, waste, delays, comparisons for the "
    "worse).\n"
    "- **neutral**: a plain fact with no feeling either way (dates, colours, packaging).\n\n"
    "Keys 1, 2 and 3 pick a label; S skips a task you cannot judge.\n";

constexpr const char* kImageInterface = R"({"controls": [{"type": "choices", "name": "shape",
  "to": "image", "options": ["circle", "square", "triangle"], "multiple": false}]})";

constexpr const char* kImageGuidelines =
    "# Shapes\n\n"
    "Name the shape in the picture, whatever its colour, size or place.\n\n"
    "- **circle**: round all the way.\n"
    "- **square**: four equal sides and four corners.\n"
    "- **triangle**: three corners.\n\n"
    "Keys 1, 2 and 3 pick a label; S skips a picture you cannot judge.\n";

constexpr int kPictures = 30;  // As drawn by scripts/make_demo_shapes.py.

struct DemoSpec {
  const char* name;
  const char* description;
  const char* interface;
  const char* guidelines;
  std::vector<std::string> data;  // One task's data (JSON text) each.
};

std::vector<std::string> ReviewData() {
  std::vector<std::string> texts;
  for (const char* predicate : kPredicates) {
    for (const char* subject : kSubjects) texts.push_back(std::string(subject) + " " + predicate);
  }
  // Mixed, so consecutive tasks do not share a sentence ending; seeded, so every demo matches.
  std::shuffle(texts.begin(), texts.end(), std::mt19937(20261124));
  std::vector<std::string> data;
  for (const std::string& text : texts) data.push_back(nlohmann::json({{"text", text}}).dump());
  return data;
}

// Task demo-N shows picture-NN.png (the pictures are in a seeded order already), so
// examples/demo-shapes-gold.csv is the gold file of this project's export.
std::vector<std::string> PictureData() {
  std::vector<std::string> data;
  for (int n = 1; n <= kPictures; ++n) {
    const std::string path = fmt::format("/demo/shapes/picture-{:02}.png", n);
    data.push_back(nlohmann::json({{"image", path}}).dump());
  }
  return data;
}

Result<std::optional<int64_t>> FindProject(store::Store& store, const std::string& name) {
  store::PageRequest page{0, 1000};
  while (true) {
    auto projects = store.projects().List(page);
    if (!projects.ok()) return projects.status();
    for (const domain::Project& project : projects->items) {
      if (project.name == name) return std::optional<int64_t>(project.id);
    }
    if (projects->next_after_id == 0) return std::optional<int64_t>();
    page.after_id = projects->next_after_id;
  }
}

Result<DemoProjectSeed> SeedProject(store::Store& store, const DemoSpec& spec, int64_t owner_id,
                                    int64_t now_ms) {
  auto existing = FindProject(store, spec.name);
  if (!existing.ok()) return existing.status();
  if (*existing) return DemoProjectSeed{spec.name, **existing, 0};
  domain::Project project;
  project.name = spec.name;
  project.description = spec.description;
  project.label_interface = nlohmann::json::parse(spec.interface).dump();
  project.overlap = 3;
  project.created_by = owner_id;
  project.created_at = now_ms;
  auto created = store.projects().Create(std::move(project));
  if (!created.ok()) return created.status();

  domain::Guideline guideline;
  guideline.project_id = created->id;
  guideline.markdown = spec.guidelines;
  guideline.author = owner_id;
  guideline.created_at = now_ms;
  CHORUS_RETURN_IF_ERROR(store.projects().AddGuideline(std::move(guideline)).status());

  std::vector<domain::Task> tasks;
  for (const std::string& data : spec.data) {
    domain::Task task;
    task.external_id = "demo-" + std::to_string(tasks.size() + 1);
    task.data = data;
    task.content_hash = ContentHash(task.data);
    task.created_at = now_ms;
    tasks.push_back(std::move(task));
  }
  auto imported = store.tasks().InsertBatch(created->id, std::move(tasks));
  if (!imported.ok()) return imported.status();
  return DemoProjectSeed{spec.name, created->id, imported->inserted};
}

}  // namespace

Result<std::vector<DemoProjectSeed>> SeedDemo(store::Store& store, int64_t owner_id,
                                              int64_t now_ms) {
  const DemoSpec specs[] = {
      {kDemoProjectName, "Try Chorus: label the sentiment of 300 short product reviews.",
       kTextInterface, kTextGuidelines, ReviewData()},
      {kDemoImageProjectName, "Try Chorus on pictures: name the shape in each of 30 images.",
       kImageInterface, kImageGuidelines, PictureData()},
  };
  std::vector<DemoProjectSeed> seeded;
  for (const DemoSpec& spec : specs) {
    auto project = SeedProject(store, spec, owner_id, now_ms);
    if (!project.ok()) return project.status();
    seeded.push_back(std::move(*project));
  }
  return seeded;
}

}  // namespace chorus::service
