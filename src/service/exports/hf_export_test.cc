#include "service/exports/hf_export.h"

#include <gtest/gtest.h>

#include "service/exports/writers_for_test.h"
#include "service/exports/hf_features.h"

namespace chorus::service::exports {
namespace {

using namespace testing;
using nlohmann::json;

const char* kMixed = R"({"controls": [
  {"type": "choices", "name": "topic", "to": "text", "options": ["news", "sport"],
   "ambiguous": true},
  {"type": "spans", "name": "ents", "to": "text", "labels": ["PER"]},
  {"type": "rating", "name": "quality", "to": "text"},
  {"type": "ranking", "name": "rank", "to": "answers", "prompt": "prompt"}]})";

std::vector<TestTask> MixedTasks() {
  TestTask first{
      MakeTask(1, {{"text", "Ann runs"}, {"answers", {"x", 2}}, {"prompt", "p"}, {"unused", true}}),
      {},
      std::nullopt};
  first.annotations.push_back(MakeAnnotation(
      11, 3,
      {{"topic", {{"choices", {"sport"}}}},
       {"ents", {{"spans", {{{"start", 0}, {"end", 3}, {"label", "PER"}, {"text", "Ann"}}}}}},
       {"quality", {{"rating", 4}}},
       {"rank", {{"order", {1, 0}}}}}));
  first.annotations.push_back(MakeAnnotation(12, 4, {{"topic", {{"ambiguous", true}}}}));
  domain::TaskAggregate aggregate;
  aggregate.label = "sport";
  aggregate.posterior = R"({"news": 0.25, "sport": 0.75})";
  aggregate.confidence = 0.75;
  first.aggregate = aggregate;
  // A task nobody labelled yet, with data of other types: the row keeps the same schema.
  TestTask second{MakeTask(2, {{"text", 5}, {"answers", {"y", "z"}}}), {}, std::nullopt};
  return {first, second};
}

// Validates every row of data/train.jsonl against the features of dataset_infos.json with its
// own reading of the datasets feature dictionaries, then prints a few values.
const char* kHfReader = R"(
import json, sys, tarfile
def check(v, f, path):
    if v is None: return
    if isinstance(f, list):
        assert isinstance(v, list), path
        for i, x in enumerate(v): check(x, f[0], f'{path}[{i}]')
    elif f.get('_type') == 'Value':
        t = {'string': str, 'int64': int, 'float64': (int, float), 'bool': bool}[f['dtype']]
        assert isinstance(v, t) and not (t is int and isinstance(v, bool)), (path, v)
    elif f.get('_type') == 'Sequence':
        assert isinstance(v, list), path
        for i, x in enumerate(v): check(x, f['feature'], f'{path}[{i}]')
    else:
        assert isinstance(v, dict) and set(v) == set(f), (path, sorted(v), sorted(f))
        for k in f: check(v[k], f[k], f'{path}.{k}')
with tarfile.open(sys.argv[1]) as t:
    print(t.getnames())
    info = json.load(t.extractfile('dataset_infos.json'))['default']
    raw = t.extractfile('data/train.jsonl').read()
rows = [json.loads(l) for l in raw.decode('utf-8').splitlines()]
assert info['splits']['train']['num_examples'] == len(rows)
assert info['splits']['train']['num_bytes'] == len(raw)
for r in rows:
    check(r, info['features'], 'row')
    assert set(r) == set(info['features'])
a = rows[0]['annotations']
print(a[0]['result']['topic'], a[0]['result']['ents'], a[0]['result']['quality'], a[0]['result']['rank'])
print(a[1]['result']['topic'], a[1]['result']['ents'], a[1]['result']['quality'])
print(rows[0]['data'], rows[1]['data'], rows[1]['annotations'], rows[1]['aggregate'])
print(rows[0]['aggregate']['label'], rows[0]['aggregate']['soft_label'])
)";

TEST(HfExport, EveryRowMatchesTheFeaturesOfDatasetInfos) {
  auto writer = MakeHfWriter(Interface(kMixed));
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(RunPython(kHfReader, RunWriter(**writer, MixedTasks())),
            "['data/train.jsonl', 'dataset_infos.json']\n"
            "['sport'] [{'end': 3, 'label': 'PER', 'start': 0}] 4 [1, 0]\n"
            "['(ambiguous)'] [] None\n"
            "{'answers': ['x', '2'], 'prompt': 'p', 'text': 'Ann runs'} "
            "{'answers': ['y', 'z'], 'prompt': None, 'text': '5'} [] None\n"
            "sport [{'label': 'news', 'probability': 0.25}, {'label': 'sport', "
            "'probability': 0.75}]\n");
}

TEST(HfFeatures, ConformKeepsTheSchemaWhateverTheValue) {
  const json feature = {{"n", ValueFeature("int64")},
                        {"tags", SequenceFeature(ValueFeature("string"))}};
  EXPECT_EQ(Conform(json({{"n", 2.5}, {"tags", {"a", 1}}, {"extra", 1}}), feature),
            json({{"n", nullptr}, {"tags", {"a", "1"}}}));
  EXPECT_EQ(Conform(json::object(), feature), json({{"n", nullptr}, {"tags", json::array()}}));
}

}  // namespace
}  // namespace chorus::service::exports
