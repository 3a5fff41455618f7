// Issue 6 end to end: a manager runs a whole quality-controlled project through the HTTP API
// only, with simulated annotators of known skill (good, sloppy, spammer, adversarial) whose
// answers come from seeded generators, and every figure the API reports is checked against
// what the test itself submitted:
//   1. the manager sets the project up: tasks with hidden truths, gold with references and
//      rationales, and the gold, qualification, routing, wellbeing and pay policies;
//   2. annotators qualify: the one who fails gets no production work, the others do;
//   3. they work through next/submit, and gold looks like any other task in every response;
//   4. the spammer and the adversary are paused by their gold accuracy and told why;
//   5. disagreements escalate, and an expert's decision is stored beside the labels;
//   6. nobody gets more sensitive tasks than the daily cap;
//   7. the pay report adds up to the labels submitted;
//   8. stored aggregates, without the paused annotators' labels, find the hidden truth.
// Each feature has its focused test beside this one (gold_api_test.cc, routing_api_test.cc,
// adjudication_api_test.cc, wellbeing_api_test.cc, pay_api_test.cc, aggregates_api_test.cc);
// this one checks that they hold together in one project.
#include <array>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

constexpr std::array<const char*, 3> kTones = {"positive", "negative", "neutral"};
constexpr int kToneCount = static_cast<int>(kTones.size());
// The seeded run: qualification fails only the troll; on production gold the spammer is right
// 2 of 8 times and the adversary 0 of 8 (both paused at the 8th answer), the sloppy annotator
// 8 of 12 (warned) and the good ones 10 to 12 of 12; 12 tasks are escalated; stored aggregates
// are right on 36 of 36 labelled ordinary tasks, majority vote over every label on 33.7 (ties
// split). The assertions held for the other seeds tried (1, 3, 7, 8 and 12 to 16).
constexpr uint32_t kSeed = 4;
constexpr int kGoldTasks = 16;      // 4 per qualification attempt, the rest mixed into the work.
constexpr int kOrdinaryTasks = 40;  // Every 5th (from the 3rd) is sensitive: 8 of them.
static_assert((kGoldTasks + kOrdinaryTasks) / 7 * 2 == kGoldTasks, "2 of every 7 tasks are gold");
constexpr int kDailyCap = 2;        // Sensitive tasks per annotator per day.
constexpr int64_t kCrowdCents = 6;  // Pay per submitted label, by tier.
constexpr int64_t kExpertCents = 9;
constexpr int64_t kFloorCentsPerHour = 1500;
constexpr int64_t kBudgetCents = 10'000;
constexpr int64_t kMinGoldAnswers = 8;
constexpr double kWarnBelow = 0.85, kPauseBelow = 0.6;

json Tone(int option) { return {{"tone", {{"choices", {kTones[option]}}}}}; }

enum class Skill { kGood, kSloppy, kSpammer, kAdversarial };

// One simulated annotator. Answers come from the annotator's own seeded generator, so they do
// not depend on the order in which the server interleaves gold with ordinary work.
struct SimulatedAnnotator {
  std::string email;
  Skill skill = Skill::kGood;
  // Answers carefully while the server says a task is a calibration item (qualification is
  // announced, so a spammer or an adversary can pass it and misbehave afterwards).
  bool games_qualification = false;
  std::string tier = "crowd";
  std::mt19937 rng;
  Client client{0, "", ""};
  int64_t id = 0;

  // The option answered for a task whose hidden truth is `truth`. Wrong answers and the
  // spammer's are uniform over the options; the spammer's is drawn as an offset from the truth,
  // which is uniform whatever the truth, so whether it is right is a coin of its own.
  int Answer(int truth, bool calibrating) {
    const Skill acting = calibrating && games_qualification ? Skill::kGood : skill;
    std::uniform_real_distribution<double> unit(0, 1);
    std::uniform_int_distribution<int> wrong(1, kToneCount - 1);
    switch (acting) {
      case Skill::kGood: return unit(rng) < 0.95 ? truth : (truth + wrong(rng)) % kToneCount;
      case Skill::kSloppy: return unit(rng) < 0.7 ? truth : (truth + wrong(rng)) % kToneCount;
      case Skill::kSpammer:
        return (truth + std::uniform_int_distribution<int>(0, kToneCount - 1)(rng)) % kToneCount;
      case Skill::kAdversarial: return (truth + wrong(rng)) % kToneCount;
    }
    return truth;
  }
  // Active time spent on one task: 20 to 60 seconds.
  int64_t ActiveMs() { return std::uniform_int_distribution<int64_t>(20'000, 60'000)(rng); }
};

struct ScenarioTask {
  std::string external_id;
  int truth = 0;  // Hidden: never sent to the server except as a gold reference.
  bool gold = false;
  bool sensitive = false;
  int64_t id = 0;
};

// One production label as submitted (calibration answers are kept apart).
struct GivenLabel {
  std::string email;
  int option = 0;
};

// What an annotator was handed and did, as the test saw it.
struct Tally {
  int64_t submitted = 0;  // Every label, calibration answers included (all are paid work).
  int64_t active_ms = 0;
  int64_t gold_answers = 0, gold_correct = 0;  // Production gold only.
  int64_t sensitive = 0;                       // Sensitive tasks handed out.
  std::string qualification;                   // passed or failed.
  std::optional<std::string> paused_message;   // The 403 that ended their work.
  json last_answer;                            // The last next answer (null: 204).
};

// The verdict docs/quality.md gives for `answers` gold answers of which `correct` were right.
std::string ExpectedVerdict(int64_t answers, int64_t correct) {
  if (answers < kMinGoldAnswers) return "too_few_answers";
  const double accuracy = double(correct) / double(answers);
  if (accuracy < kPauseBelow) return "paused";
  return accuracy < kWarnBelow ? "warned" : "good";
}

class QualityScenarioTest : public AppApiTest {
 protected:
  // Step 1: the manager creates the project, imports the tasks, marks gold and sets every
  // policy through the API.
  void SetUpProject() {
    manager_ = Login("manager1@example.org");
    const ClientResponse created = manager_.Post(
        "/api/v1/projects",
        {{"name", "Review tone"},
         {"overlap", 2},
         {"label_interface",
          {{"controls",
            {{{"type", "choices"}, {"name", "tone"}, {"to", "text"}, {"options", kTones}}}}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    project_ = created.Json()["id"].get<int64_t>();
    p_ = "/api/v1/projects/" + std::to_string(project_);
    int64_t version = created.Json().value("version", int64_t{1});

    std::mt19937 world(kSeed);
    std::uniform_int_distribution<int> tone(0, kToneCount - 1);
    std::string jsonl;
    int ordinary = 0;
    for (int i = 0; i < kGoldTasks + kOrdinaryTasks; ++i) {
      ScenarioTask task;
      // Gold is 2 of every 7 tasks, and nothing in a task's data or external id says so.
      task.gold = i % 7 == 0 || i % 7 == 4;
      task.external_id = "r" + std::to_string(100 + i).substr(1);
      task.truth = tone(world);
      task.sensitive = !task.gold && ordinary++ % 5 == 2;
      jsonl += json({{"data", {{"text", "review " + task.external_id}}},
                     {"external_id", task.external_id},
                     {"sensitive", task.sensitive}})
                   .dump() +
               "\n";
      tasks_.push_back(task);
    }
    const ClientResponse imported =
        manager_.Call("POST", p_ + "/imports", jsonl, "application/x-ndjson");
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.Json()["inserted"], kGoldTasks + kOrdinaryTasks);
    const ClientResponse listed = manager_.Call("GET", p_ + "/tasks?limit=1000");
    ASSERT_EQ(listed.status, 200) << listed.body;
    std::map<std::string, json> stored;
    const json tasks = listed.Json()["tasks"];
    for (const json& row : tasks) stored[row["external_id"]] = row;
    ASSERT_EQ(stored.size(), tasks_.size()) << listed.body.substr(0, 600);
    for (size_t i = 0; i < tasks_.size(); ++i) {
      ScenarioTask& task = tasks_[i];
      const json& row = stored.at(task.external_id);
      task.id = row["id"].get<int64_t>();
      EXPECT_EQ(row["sensitive"], task.sensitive) << task.external_id;
      by_id_[task.id] = i;
      if (!task.gold) continue;
      const ClientResponse marked = manager_.Call(
          "PUT", "/api/v1/tasks/" + std::to_string(task.id) + "/gold",
          json({{"reference", Tone(task.truth)},
                {"rationale", std::string("the review reads as ") + kTones[task.truth]}})
              .dump());
      ASSERT_EQ(marked.status, 201) << marked.body;
    }

    // Gold at rate 0.5 is offered at every request that does not follow a gold task (offer
    // probability rate / (1 - rate) = 1), so which requests get gold does not depend on the
    // server's random draws and the seeded run is the same every time.
    const auto patch = [&](const char* field, const json& policy) {
      const ClientResponse changed =
          manager_.Call("PATCH", p_, json({{"version", version}, {field, policy}}).dump());
      EXPECT_EQ(changed.status, 200) << field << ": " << changed.body;
      version = changed.Json().value("version", version);
      return changed.Json()[field];
    };
    const json gold = patch("gold", {{"rate", 0.5},
                                     {"min_answers", kMinGoldAnswers},
                                     {"warn_below", kWarnBelow},
                                     {"pause_below", kPauseBelow},
                                     {"max_exposures", 25},
                                     {"qualification_items", 4},
                                     {"qualification_pass", 0.75},
                                     {"qualification_attempts", 2}});
    EXPECT_EQ(gold["qualification_items"], 4) << gold.dump();
    // Never stop early (stop_confidence 1): every escalation then follows from the labels
    // alone, which the test can check; 2 of 3 agreeing (67%) is under agree_at (70%).
    const json routing =
        patch("routing", {{"dynamic", true}, {"max_overlap", 3}, {"stop_confidence", 1.0}});
    EXPECT_EQ(routing["agree_at"], 0.7) << routing.dump();
    const json pay = patch("pay", {{"mode", "per_task"},
                                   {"rates", {{"crowd", kCrowdCents}, {"expert", kExpertCents}}},
                                   {"floor_cents_per_hour", kFloorCentsPerHour},
                                   {"budget_cents", kBudgetCents}});
    EXPECT_EQ(pay["mode"], "per_task") << pay.dump();
    const ClientResponse wellbeing = manager_.Call(
        "PUT", p_ + "/wellbeing/policy",
        json({{"enabled", true}, {"daily_cap", kDailyCap}, {"ordinary_between", 1}}).dump());
    ASSERT_EQ(wellbeing.status, 200) << wellbeing.body;
    EXPECT_EQ(wellbeing.Json()["policy"]["daily_cap"], kDailyCap);
  }

  // The manager adds an annotator of `skill` to the project (the administrator creates the
  // account: only administrators manage users).
  void Join(const std::string& name, Skill skill, bool games_qualification,
            const std::string& tier = "crowd") {
    SimulatedAnnotator a;
    a.email = name + "@example.org";
    a.skill = skill;
    a.games_qualification = games_qualification;
    a.tier = tier;
    a.rng.seed(kSeed + static_cast<uint32_t>(annotators_.size()) + 1);
    a.client = AddAnnotator(project_, a.email, tier, &manager_);
    a.id = user_ids_.at(a.email);
    annotators_.push_back(std::move(a));
  }

  const ScenarioTask& TaskOf(const json& task) { return tasks_.at(by_id_.at(task["id"])); }

  // `a` submits `option` on `task`; the response.
  ClientResponse Submit(SimulatedAnnotator& a, const ScenarioTask& task, int option) {
    const int64_t active = a.ActiveMs();
    const ClientResponse submitted =
        a.client.Post("/api/v1/tasks/" + std::to_string(task.id) + "/annotations",
                      {{"result", Tone(option)},
                       {"active_time_ms", active},
                       {"lead_time_ms", active + 5'000},
                       {"idempotency_key", a.email + "/" + task.external_id}});
    if (submitted.status == 201) {
      Tally& t = tallies_[a.email];
      ++t.submitted;
      t.active_ms += active;
    }
    return submitted;
  }

  // Step 2: `a` answers calibration items until the qualification is decided; its status.
  std::string Qualify(SimulatedAnnotator& a) {
    for (int answered = 0; answered < 2 * 4; ++answered) {
      const ClientResponse next = a.client.Post(p_ + "/next", json::object());
      EXPECT_EQ(next.status, 200) << a.email << ": " << next.body;
      if (next.status != 200) return "no calibration item";
      const json handed = next.Json();
      EXPECT_EQ(handed["calibration"]["status"], "in_progress") << handed.dump();
      const ScenarioTask& task = TaskOf(handed["task"]);
      EXPECT_TRUE(task.gold) << task.external_id << " handed out as a calibration item";
      const int option = a.Answer(task.truth, /*calibrating=*/true);
      const ClientResponse submitted = Submit(a, task, option);
      EXPECT_EQ(submitted.status, 201) << submitted.body;
      const json feedback = submitted.Json()["calibration"];
      // Calibration is announced, and its answers come back with the reference.
      EXPECT_EQ(feedback["correct"], option == task.truth) << feedback.dump();
      EXPECT_EQ(feedback["reference"], Tone(task.truth));
      EXPECT_FALSE(feedback["rationale"].get<std::string>().empty());
      const std::string status = feedback["qualification"]["status"];
      if (status != "in_progress") return status;
    }
    return "undecided";
  }

  // Step 3: qualified annotators take turns at next and submit until a whole round hands
  // nothing out.
  void WorkThroughTheQueue(const std::vector<SimulatedAnnotator*>& working) {
    std::set<SimulatedAnnotator*> stopped;  // Paused: they stay out.
    bool handed_out = true;
    for (int round = 0; handed_out && round < 500; ++round) {
      handed_out = false;
      for (SimulatedAnnotator* a : working) {
        if (stopped.contains(a)) continue;
        Tally& tally = tallies_[a->email];
        const ClientResponse next = a->client.Post(p_ + "/next", json::object());
        if (next.status == 403) {
          // Paused: told why, with the figures.
          EXPECT_EQ(next.Json()["error"]["field"], "gold") << next.body;
          tally.paused_message = next.Json()["error"]["message"].get<std::string>();
          stopped.insert(a);
          continue;
        }
        tally.last_answer = next.status == 204 ? json() : next.Json();
        if (next.status == 204) continue;
        ASSERT_EQ(next.status, 200) << a->email << ": " << next.body;
        const json handed = next.Json();
        if (handed["task"].is_null()) continue;  // Held by the wellbeing policy (step 6).
        handed_out = true;
        const ScenarioTask& task = TaskOf(handed["task"]);
        EXPECT_FALSE(handed.contains("calibration")) << handed.dump();
        EXPECT_EQ(handed["task"]["sensitive"], task.sensitive);
        std::set<std::string>& shapes = task.gold ? gold_shapes_ : ordinary_shapes_;
        shapes.insert("next " + Shape(handed).dump());
        if (task.sensitive) {
          ++tally.sensitive;
          EXPECT_LE(tally.sensitive, kDailyCap) << a->email << " got " << task.external_id;
        }
        const int option = a->Answer(task.truth, /*calibrating=*/false);
        const ClientResponse submitted = Submit(*a, task, option);
        ASSERT_EQ(submitted.status, 201)
            << a->email << " on " << task.external_id << ": " << submitted.body;
        shapes.insert("submit " + Shape(submitted.Json()).dump());
        if (task.gold) {
          ++tally.gold_answers;
          tally.gold_correct += option == task.truth;
        } else {
          labels_[task.id].push_back({a->email, option});
        }
      }
    }
    EXPECT_FALSE(handed_out) << "the queue did not run dry in 500 rounds";
  }

  SimulatedAnnotator& Named(const std::string& name) {
    for (SimulatedAnnotator& a : annotators_) {
      if (a.email == name + "@example.org") return a;
    }
    ADD_FAILURE() << "no annotator " << name;
    return annotators_.front();
  }

  Client manager_{0, "", ""};
  int64_t project_ = 0;
  std::string p_;  // "/api/v1/projects/{project}"
  std::vector<ScenarioTask> tasks_;
  std::map<int64_t, size_t> by_id_;  // tasks_ index by task id.
  std::vector<SimulatedAnnotator> annotators_;
  std::map<std::string, Tally> tallies_;               // By email.
  std::map<int64_t, std::vector<GivenLabel>> labels_;  // Production labels of ordinary tasks.
  std::set<std::string> gold_shapes_, ordinary_shapes_;
};

TEST_P(QualityScenarioTest, AManagerRunsAQualityControlledProjectEndToEnd) {
  ASSERT_NO_FATAL_FAILURE(SetUpProject());

  // Step 2: annotators of known skill join and qualify. The spammer and the adversary answer
  // carefully while told a task is a calibration item; the troll does not bother.
  Join("good1", Skill::kGood, false);
  Join("good2", Skill::kGood, false, "expert");  // Paid at the expert rate.
  Join("good3", Skill::kGood, false);
  Join("sloppy", Skill::kSloppy, false);
  Join("spammer", Skill::kSpammer, true);
  Join("adversary", Skill::kAdversarial, true);
  Join("troll", Skill::kAdversarial, false);
  Join("judge", Skill::kGood, false, "expert");  // Adjudicates only.
  SimulatedAnnotator& troll = Named("troll");
  const ScenarioTask& some_ordinary = tasks_[1];
  const ClientResponse early = Submit(troll, some_ordinary, 0);
  EXPECT_EQ(early.status, 403) << "submitted before qualifying: " << early.body;
  EXPECT_EQ(early.Json()["error"]["field"], "gold");
  std::vector<SimulatedAnnotator*> working;
  for (SimulatedAnnotator& a : annotators_) {
    if (a.email == "judge@example.org") continue;
    tallies_[a.email].qualification = Qualify(a);
    if (tallies_[a.email].qualification == "passed") working.push_back(&a);
  }
  for (const char* name : {"good1", "good2", "good3", "sloppy", "spammer", "adversary"}) {
    EXPECT_EQ(tallies_[name + std::string("@example.org")].qualification, "passed") << name;
  }
  // The gate holds: the troll failed both attempts and gets no production work.
  EXPECT_EQ(tallies_["troll@example.org"].qualification, "failed");
  const ClientResponse refused = troll.client.Post(p_ + "/next", json::object());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "gold");
  EXPECT_NE(refused.body.find("did not pass"), std::string::npos) << refused.body;
  EXPECT_EQ(Submit(troll, some_ordinary, some_ordinary.truth).status, 403);

  // Step 3: the work. Gold stays invisible: every response to a gold task has a shape that
  // ordinary tasks' responses have too (the timing side is
  // AppApiTest.GoldAndOrdinaryTasksTakeTheSameTime in gold_api_test.cc).
  ASSERT_NO_FATAL_FAILURE(WorkThroughTheQueue(working));
  EXPECT_FALSE(gold_shapes_.empty());
  for (const std::string& shape : gold_shapes_) {
    EXPECT_TRUE(ordinary_shapes_.contains(shape)) << "only gold tasks answer " << shape;
  }

  // Step 4: the gold accuracy report says what the test counted; the spammer and the
  // adversary are paused (and were told so, with their figures), the good annotators are not.
  const ClientResponse accuracy = manager_.Call("GET", p_ + "/gold/accuracy");
  ASSERT_EQ(accuracy.status, 200) << accuracy.body;
  std::map<int64_t, json> standing;
  const json gold_rows = accuracy.Json()["annotators"];
  for (const json& row : gold_rows) standing[row["annotator_id"].get<int64_t>()] = row;
  std::set<std::string> paused;
  for (const SimulatedAnnotator* a : working) {
    const Tally& t = tallies_[a->email];
    ASSERT_TRUE(standing.contains(a->id)) << a->email << " missing from " << accuracy.body;
    const json& row = standing[a->id];
    EXPECT_EQ(row["answers"], t.gold_answers) << a->email;
    EXPECT_EQ(row["correct"], t.gold_correct) << a->email;
    EXPECT_EQ(row["verdict"], ExpectedVerdict(t.gold_answers, t.gold_correct)) << a->email;
    if (row["verdict"] == "paused") {
      paused.insert(a->email);
      ASSERT_TRUE(t.paused_message.has_value()) << a->email << " was never told";
      EXPECT_NE(t.paused_message->find("paused: " + std::to_string(t.gold_correct) + " of " +
                                       std::to_string(t.gold_answers)),
                std::string::npos)
          << *t.paused_message;
    } else {
      EXPECT_FALSE(t.paused_message.has_value()) << a->email << ": " << *t.paused_message;
    }
  }
  EXPECT_TRUE(paused.contains("spammer@example.org"));
  EXPECT_TRUE(paused.contains("adversary@example.org"));
  EXPECT_FALSE(paused.contains("good1@example.org"));
  EXPECT_FALSE(paused.contains("good2@example.org"));
  EXPECT_FALSE(paused.contains("good3@example.org"));

  // Step 5: disagreements escalate. With stop_confidence 1, a task whose first two labels
  // disagree asks for a third, and one whose three labels are not unanimous is escalated;
  // nothing else is.
  std::set<int64_t> disagreeing_at_three;
  int64_t asked_more = 0;
  for (const auto& [task, given] : labels_) {
    if (given.size() >= 2 && given[0].option != given[1].option) ++asked_more;
    if (given.size() == 3 &&
        !(given[0].option == given[1].option && given[1].option == given[2].option)) {
      disagreeing_at_three.insert(task);
    }
    EXPECT_LE(given.size(), 3u) << "task " << task << " took more labels than max_overlap";
  }
  const Client judge = Named("judge").client;
  const ClientResponse queue = judge.Call("GET", p_ + "/adjudications?state=open&limit=1000");
  ASSERT_EQ(queue.status, 200) << queue.body;
  std::set<int64_t> escalated;
  const json adjudications = queue.Json()["adjudications"];
  for (const json& item : adjudications) escalated.insert(item["task_id"].get<int64_t>());
  EXPECT_EQ(escalated, disagreeing_at_three);
  ASSERT_FALSE(escalated.empty()) << "the seeded run produced no disagreement to escalate";
  EXPECT_EQ(queue.Json()["open"], escalated.size());
  const json routing = manager_.Call("GET", p_ + "/routing").Json();
  EXPECT_EQ(routing["escalated"], escalated.size()) << routing.dump();
  EXPECT_EQ(routing["asked_more"], asked_more) << routing.dump();

  // The expert, who labelled none of them, decides the first with the hidden truth; the
  // decision is stored and the labels are kept as they were.
  const ScenarioTask& decided = tasks_.at(by_id_.at(*escalated.begin()));
  const std::string item_route = "/api/v1/tasks/" + std::to_string(decided.id) + "/adjudication";
  const std::string labels_route = "/api/v1/tasks/" + std::to_string(decided.id) + "/annotations";
  const ClientResponse item = judge.Call("GET", item_route);
  ASSERT_EQ(item.status, 200) << item.body;
  EXPECT_EQ(item.Json()["may_decide"], true);
  EXPECT_EQ(item.Json()["labels"].size(), 3u);
  for (const SimulatedAnnotator& a : annotators_) {
    EXPECT_EQ(item.body.find(a.email), std::string::npos) << "labels not anonymised";
  }
  const json labels_before = manager_.Call("GET", labels_route).Json();
  const json decision = {{"result", Tone(decided.truth)},
                         {"rationale", "the reviewer's wording settles it"}};
  const ClientResponse adjudicated = judge.Post(item_route, decision);
  ASSERT_EQ(adjudicated.status, 201) << adjudicated.body;
  EXPECT_EQ(adjudicated.Json()["adjudication"]["decided_by"], Named("judge").id);
  const json stored = manager_.Call("GET", item_route).Json();
  EXPECT_EQ(stored["adjudication"]["result"], decision["result"]);
  EXPECT_EQ(stored["adjudication"]["rationale"], decision["rationale"]);
  EXPECT_EQ(manager_.Call("GET", labels_route).Json(), labels_before);
  EXPECT_EQ(manager_.Call("GET", p_ + "/adjudications?state=open").Json()["open"],
            escalated.size() - 1);

  // Step 6: caps. Nobody was handed more sensitive tasks than the daily cap (checked as they
  // came, above); the report agrees, the cap bound (sensitive work was left), and whoever
  // reached it was told so when their work ran out, the others were not.
  const ClientResponse exposure = manager_.Call("GET", p_ + "/wellbeing");
  ASSERT_EQ(exposure.status, 200) << exposure.body;
  std::map<int64_t, json> exposed;
  const json exposure_rows = exposure.Json()["annotators"];
  for (const json& row : exposure_rows) exposed[row["annotator_id"].get<int64_t>()] = row;
  int at_cap = 0;
  for (const SimulatedAnnotator* a : working) {
    const Tally& t = tallies_[a->email];
    const json row = exposed.contains(a->id) ? exposed[a->id] : json::object();
    EXPECT_EQ(row.value("sensitive_today", int64_t{-1}), t.sensitive) << a->email;
    if (t.paused_message) continue;
    if (t.sensitive == kDailyCap) {
      ++at_cap;
      EXPECT_EQ(t.last_answer["wellbeing"]["reason"], "daily_cap") << a->email;
    } else {
      EXPECT_TRUE(t.last_answer.is_null()) << a->email << ": " << t.last_answer.dump();
    }
  }
  EXPECT_GT(at_cap, 0);
  int64_t sensitive_tasks = 0, sensitive_labels = 0;
  for (const ScenarioTask& task : tasks_) {
    sensitive_tasks += task.sensitive;
    if (task.sensitive && labels_.contains(task.id)) sensitive_labels += labels_[task.id].size();
  }
  EXPECT_LT(sensitive_labels, 2 * sensitive_tasks) << "the cap never held sensitive work back";

  // Quotas for annotator diversity (issue 6 item 8) are met through the same /next, with
  // annotators of different groups: AppApiTest.DiversityQuotasAreMetThroughTheReservation
  // (diversity_api_test.cc); with many concurrent annotators in the store conformance suite.

  // Step 7: pay. Per task: each row is its tier's rate times the labels the test submitted for
  // that annotator (calibration answers are submitted labels too), and the totals are the
  // rows' sums.
  const ClientResponse paid = manager_.Call("GET", p_ + "/pay");
  ASSERT_EQ(paid.status, 200) << paid.body;
  const json report = paid.Json();
  int64_t rows_spent = 0, rows_submitted = 0, expected_spent = 0, expected_submitted = 0;
  size_t below_floor = 0;
  std::set<int64_t> paid_ids;
  for (const json& row : report["annotators"]) {
    rows_spent += row["earned_cents"].get<int64_t>();
    rows_submitted += row["submitted"].get<int64_t>();
    paid_ids.insert(row["annotator_id"].get<int64_t>());
    below_floor += row["below_floor"] == true;
  }
  for (const SimulatedAnnotator& a : annotators_) {
    const Tally& t = tallies_[a.email];
    if (t.submitted == 0) {
      EXPECT_FALSE(paid_ids.contains(a.id)) << a.email;
      continue;
    }
    const int64_t rate = a.tier == "expert" ? kExpertCents : kCrowdCents;
    expected_spent += rate * t.submitted;
    expected_submitted += t.submitted;
    for (const json& row : report["annotators"]) {
      if (row["annotator_id"] != a.id) continue;
      EXPECT_EQ(row["submitted"], t.submitted) << a.email;
      EXPECT_EQ(row["rate_cents"], rate) << a.email;
      EXPECT_EQ(row["earned_cents"], rate * t.submitted) << a.email;
      EXPECT_EQ(row["active_time_ms"], t.active_ms) << a.email;
      EXPECT_EQ(row["effective_cents_per_hour"], rate * t.submitted * 3'600'000 / t.active_ms)
          << a.email;
      EXPECT_EQ(row["below_floor"],
                rate * t.submitted * 3'600'000 / t.active_ms < kFloorCentsPerHour)
          << a.email;
    }
  }
  EXPECT_TRUE(paid_ids.contains(troll.id));  // Failed calibration is paid work too.
  EXPECT_EQ(report["spent_cents"], rows_spent);
  EXPECT_EQ(report["submitted"], rows_submitted);
  EXPECT_EQ(rows_spent, expected_spent);
  EXPECT_EQ(rows_submitted, expected_submitted);
  EXPECT_EQ(report["remaining_cents"], kBudgetCents - expected_spent);
  EXPECT_EQ(report["alerts"].size(), below_floor) << report["alerts"].dump();

  // Step 8: stored aggregates (Dawid-Skene) leave the paused annotators' labels out and find
  // the hidden truth; majority vote over every label, theirs included, does no better.
  const ClientResponse started = manager_.Post(p_ + "/aggregates", {{"method", "ds"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const json job = AwaitJob(manager_, started.Json()["url"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  const ClientResponse rows = manager_.Call("GET", p_ + "/aggregates?limit=1000");
  ASSERT_EQ(rows.status, 200) << rows.body;
  int judged = 0, aggregate_right = 0;
  double majority_right = 0;
  const json aggregates = rows.Json()["aggregates"];
  for (const json& row : aggregates) {
    const ScenarioTask& task = tasks_.at(by_id_.at(row["task_id"]));
    if (task.gold || !labels_.contains(task.id)) continue;
    const std::vector<GivenLabel>& given = labels_[task.id];
    std::array<int, kToneCount> all{}, counted{};
    for (const GivenLabel& l : given) {
      ++all[l.option];
      if (!paused.contains(l.email)) ++counted[l.option];
    }
    const int votes = counted[0] + counted[1] + counted[2];
    EXPECT_EQ(row["votes"], votes) << task.external_id << ": " << row.dump();
    if (task.id == decided.id) {
      EXPECT_EQ(row["source"], "adjudicated");
      EXPECT_EQ(row["label"], kTones[decided.truth]);
    }
    if (votes == 0) continue;
    ++judged;
    aggregate_right += row["label"] == kTones[task.truth];
    // Majority vote over every label, a tie broken at random: 1/(options tied) right.
    const int top = *std::max_element(all.begin(), all.end());
    if (all[task.truth] == top) majority_right += 1.0 / std::count(all.begin(), all.end(), top);
  }
  ASSERT_GT(judged, kOrdinaryTasks / 2);
  const double aggregate_accuracy = double(aggregate_right) / judged;
  const double majority_accuracy = majority_right / judged;
  RecordProperty("aggregate_accuracy", std::to_string(aggregate_accuracy));
  RecordProperty("majority_accuracy", std::to_string(majority_accuracy));
  EXPECT_GE(aggregate_accuracy, 0.85) << aggregate_right << " of " << judged;
  EXPECT_GT(aggregate_accuracy, majority_accuracy)
      << "aggregates " << aggregate_right << ", majority vote " << majority_right << " of "
      << judged;
}

INSTANTIATE_TEST_SUITE_P(Backends, QualityScenarioTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace chorus::app
