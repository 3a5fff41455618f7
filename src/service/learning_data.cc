#include "service/learning_data.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "service/aggregation_service.h"
#include "service/project_interface.h"

namespace chorus::service {
namespace {

using nlohmann::json;

constexpr int64_t kLearnPage = 5000;

std::optional<size_t> ClassOf(const LearningSetup& setup, std::string_view option) {
  const auto it = std::find(setup.classes.begin(), setup.classes.end(), option);
  if (it == setup.classes.end()) return std::nullopt;
  return static_cast<size_t>(it - setup.classes.begin());
}

// `text` (a JSON object of option -> number) as one value per class; empty when unreadable.
std::vector<double> PerClass(const LearningSetup& setup, const std::string& text) {
  const json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || parsed.empty()) return {};
  std::vector<double> values(setup.classes.size(), 0);
  for (const auto& [option, value] : parsed.items()) {
    const std::optional<size_t> k = ClassOf(setup, option);
    if (k && value.is_number()) values[*k] = value.get<double>();
  }
  return values;
}

std::optional<std::string> TextOf(const std::string& data, const std::string& field) {
  const json parsed = json::parse(data, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  const auto it = parsed.find(field);
  if (it == parsed.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Stored aggregates onto the tasks; false when the project has none.
Result<bool> ApplyAggregates(store::Store& store, int64_t project_id, LearningSet& set,
                             const std::map<int64_t, size_t>& index) {
  bool any = false;
  store::PageRequest page{.after_id = 0, .limit = kLearnPage};
  while (true) {
    auto got = store.aggregates().List(project_id, page);
    if (!got.ok()) return got.status();
    for (const domain::TaskAggregate& a : got->items) {
      any = true;
      const auto at = index.find(a.task_id);
      if (at == index.end()) continue;
      LearningTask& task = set.tasks[at->second];
      task.posterior = PerClass(set.setup, a.posterior);
      task.vote_shares = PerClass(set.setup, a.distribution);
      if (a.label) task.label = ClassOf(set.setup, *a.label);
      task.weight = std::max(a.weight, kMinWeight);
    }
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  return any;
}

// The majority of the submitted human votes on the control, per task.
Status ApplyMajority(store::Store& store, int64_t project_id, const domain::Control& control,
                     LearningSet& set, const std::map<int64_t, size_t>& index) {
  std::map<size_t, std::vector<double>> counts;
  store::PageRequest page{.after_id = 0, .limit = kLearnPage};
  while (true) {
    auto got = store.annotations().ListSubmittedInProject(project_id, page);
    if (!got.ok()) return got.status();
    for (const domain::Annotation& a : got->items) {
      if (a.source != domain::AnnotationSource::kHuman) continue;
      const auto at = index.find(a.task_id);
      if (at == index.end()) continue;
      const std::optional<std::string> vote = VoteOf(a.result, control);
      const std::optional<size_t> k = vote ? ClassOf(set.setup, *vote) : std::nullopt;
      if (!k) continue;
      auto& row = counts[at->second];
      row.resize(set.setup.classes.size(), 0);
      row[*k] += 1;
    }
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  for (auto& [i, row] : counts) {
    const auto top = std::max_element(row.begin(), row.end());  // First of ties.
    set.tasks[i].label = static_cast<size_t>(top - row.begin());
    double total = 0;
    for (const double c : row) total += c;
    for (double& c : row) c /= total;
    set.tasks[i].vote_shares = std::move(row);
  }
  return Status::Ok();
}

}  // namespace

const char* LabelSourceName(LabelSource source) {
  return source == LabelSource::kAggregates ? "aggregates" : "majority";
}

Result<LearningSetup> ProjectLearningSetup(const domain::LabelInterface& label_interface,
                                           const domain::Project& project,
                                           std::string_view text_field) {
  auto control = AggregationControl(label_interface, project);
  if (!control.ok()) return control.status();
  LearningSetup setup;
  setup.control = (*control)->name;
  setup.classes = (*control)->labels;
  setup.text_field = std::string(text_field);
  for (const domain::Control& c : label_interface.controls) {
    if (!setup.text_field.empty()) break;
    const bool textual =
        c.type == domain::ControlType::kSpans || c.type == domain::ControlType::kText;
    if (textual && !c.to.empty()) setup.text_field = c.to.front();
  }
  if (setup.text_field.empty() && !(*control)->to.empty())
    setup.text_field = (*control)->to.front();
  if (setup.text_field.empty()) {
    return InvalidArgument(
        "no control of the label interface is bound to a data field, so there is no text to "
        "learn from: name the data field that holds each task's text in text_field",
        "text_field");
  }
  return setup;
}

Result<LearningSet> ReadLearningSet(store::Store& store, int64_t project_id,
                                    std::string_view text_field) {
  auto project = store.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = ProjectLabelInterface(*project);
  if (!label_interface.ok()) return label_interface.status();
  auto setup = ProjectLearningSetup(*label_interface, *project, text_field);
  if (!setup.ok()) return setup.status();
  const domain::Control* control = domain::FindControl(*label_interface, setup->control);

  LearningSet set;
  set.setup = std::move(setup).value();
  std::set<int64_t> gold;
  store::PageRequest gold_page{.after_id = 0, .limit = kLearnPage};
  while (true) {
    auto got = store.gold().List(project_id, gold_page);
    if (!got.ok()) return got.status();
    for (const domain::GoldItem& g : got->items) gold.insert(g.task_id);
    if (got->next_after_id == 0) break;
    gold_page.after_id = got->next_after_id;
  }
  std::map<int64_t, size_t> index;  // Task id -> position in set.tasks.
  store::PageRequest page{.after_id = 0, .limit = kLearnPage};
  while (true) {
    auto got = store.tasks().List(project_id, page);
    if (!got.ok()) return got.status();
    for (const domain::Task& t : got->items) {
      std::optional<std::string> text = TextOf(t.data, set.setup.text_field);
      if (!text) {
        ++set.without_text;
        continue;
      }
      index.emplace(t.id, set.tasks.size());
      set.tasks.push_back({.task_id = t.id,
                           .text = std::move(*text),
                           .gold = gold.contains(t.id),
                           .label = std::nullopt,
                           .weight = 1,
                           .posterior = {},
                           .vote_shares = {}});
    }
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  const auto is_link = [](const LearningTask& t) {
    return t.text.starts_with("http://") || t.text.starts_with("https://") ||
           t.text.starts_with("/") || t.text.starts_with("data:");
  };
  if (!set.tasks.empty() && std::all_of(set.tasks.begin(), set.tasks.end(), is_link)) {
    return InvalidArgument("the data field \"" + set.setup.text_field +
                               "\" holds links (media), not text the learner can read: name the "
                               "field that holds each task's text in text_field",
                           "text_field");
  }
  if (set.tasks.empty() && set.without_text > 0) {
    return InvalidArgument("no task of the project has text in the data field \"" +
                               set.setup.text_field +
                               "\": name the field that holds each task's text in text_field",
                           "text_field");
  }
  auto aggregated = ApplyAggregates(store, project_id, set, index);
  if (!aggregated.ok()) return aggregated.status();
  if (*aggregated) {
    set.source = LabelSource::kAggregates;
  } else {
    CHORUS_RETURN_IF_ERROR(ApplyMajority(store, project_id, *control, set, index));
  }
  return set;
}

Result<Learnt> LearnFrom(const LearningSet& set, uint64_t seed, size_t folds) {
  const size_t classes = set.setup.classes.size();
  if (classes < 2) {
    return InvalidArgument("the control \"" + set.setup.control +
                               "\" has fewer than two options: a classifier needs two",
                           "control");
  }
  std::vector<size_t> labelled;
  std::vector<quality::LabelledText> examples;
  for (size_t i = 0; i < set.tasks.size(); ++i) {
    const LearningTask& t = set.tasks[i];
    if (!t.label) continue;
    labelled.push_back(i);
    examples.push_back({.text = t.text, .label = *t.label, .weight = t.weight});
  }
  if (examples.size() < 2) {
    return Status(StatusCode::kFailedPrecondition,
                  "the learner needs at least two labelled tasks and the project has " +
                      std::to_string(examples.size()) +
                      ": label some tasks (and aggregate them) first",
                  "labels");
  }
  quality::TextClassifierOptions options;
  options.seed = seed;
  auto oof =
      quality::OutOfFoldProbabilities(examples, classes, std::min(folds, examples.size()), options);
  if (!oof.ok()) return oof.status();
  quality::TextClassifier model(classes, options);
  CHORUS_RETURN_IF_ERROR(model.Fit(examples));
  model.set_temperature(oof->temperature);
  size_t right = 0;
  for (size_t r = 0; r < examples.size(); ++r) {
    const auto row = oof->probs.row(r);
    right += static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin()) ==
             examples[r].label;
  }
  const double accuracy = static_cast<double>(right) / static_cast<double>(examples.size());
  return Learnt{.labelled = std::move(labelled),
                .examples = std::move(examples),
                .out_of_fold = std::move(oof->probs),
                .out_of_fold_accuracy = accuracy,
                .model = std::move(model)};
}

}  // namespace chorus::service
