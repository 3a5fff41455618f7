#include "service/demo_seed.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
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

constexpr const char* kInterface = R"({"controls": [{"type": "choices", "name": "sentiment",
  "to": "text", "options": ["positive", "negative", "neutral"], "multiple": false}]})";

constexpr const char* kGuidelines =
    "# Sentiment of product reviews\n\n"
    "Label the feeling the writer expresses about the product or service.\n\n"
    "- **positive**: the writer is pleased (praise, thanks, exceeded expectations).\n"
    "- **negative**: the writer is displeased (faults, waste, delays, comparisons for the "
    "worse).\n"
    "- **neutral**: a plain fact with no feeling either way (dates, colours, packaging).\n\n"
    "Keys 1, 2 and 3 pick a label; S skips a task you cannot judge.\n";

}  // namespace

Result<DemoSeed> SeedDemo(store::Store& store, int64_t owner_id, int64_t now_ms) {
  store::PageRequest page{0, 1000};
  while (true) {
    auto projects = store.projects().List(page);
    if (!projects.ok()) return projects.status();
    for (const domain::Project& project : projects->items) {
      if (project.name == kDemoProjectName) return DemoSeed{project.id, 0};
    }
    if (projects->next_after_id == 0) break;
    page.after_id = projects->next_after_id;
  }
  domain::Project project;
  project.name = kDemoProjectName;
  project.description = "Try Chorus: label the sentiment of 300 short product reviews.";
  project.label_interface = nlohmann::json::parse(kInterface).dump();
  project.overlap = 3;
  project.created_by = owner_id;
  project.created_at = now_ms;
  auto created = store.projects().Create(std::move(project));
  if (!created.ok()) return created.status();

  domain::Guideline guideline;
  guideline.project_id = created->id;
  guideline.markdown = kGuidelines;
  guideline.author = owner_id;
  guideline.created_at = now_ms;
  CHORUS_RETURN_IF_ERROR(store.projects().AddGuideline(std::move(guideline)).status());

  std::vector<std::string> texts;
  for (const char* predicate : kPredicates) {
    for (const char* subject : kSubjects) texts.push_back(std::string(subject) + " " + predicate);
  }
  // Mixed, so consecutive tasks do not share a sentence ending; seeded, so every demo matches.
  std::shuffle(texts.begin(), texts.end(), std::mt19937(20261124));
  std::vector<domain::Task> tasks;
  for (const std::string& text : texts) {
    domain::Task task;
    task.external_id = "demo-" + std::to_string(tasks.size() + 1);
    task.data = nlohmann::json({{"text", text}}).dump();
    task.content_hash = ContentHash(task.data);
    task.created_at = now_ms;
    tasks.push_back(std::move(task));
  }
  auto imported = store.tasks().InsertBatch(created->id, std::move(tasks));
  if (!imported.ok()) return imported.status();
  return DemoSeed{created->id, imported->inserted};
}

}  // namespace chorus::service
