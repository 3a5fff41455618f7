#!/usr/bin/python3
"""End to end, file in and labels out: `chorus aggregate` on generated crowd votes.

For each case: runs `chorus aggregate FILE --method M --out LABELS.csv --format json` once
under `/usr/bin/time -f %M` (peak RSS, and the JSON summary it prints: EM iterations and
convergence), then times it with hyperfine, and writes everything to
OUT_DIR/aggregate_e2e.json, which bench/report.py turns into a section of docs/benchmarks.md.

crowd-kit cannot be installed here (no PyPI), so it is not run: the cases it was measured on
carry the figures quoted in the truth-inference issue (crowd-kit 1.4.1, measured by the
issue's author on the 2-core benchmark machine), and the speed-up is computed against those.
The inputs follow the issue: items × 5 votes from 1,000 annotators of mixed quality (good,
mediocre, 10% spammers who always give one label, 5% adversaries who mostly give the wrong
one). The generator also writes each item's truth and each annotator's behaviour, so every
categorical case reports its accuracy against the truth next to the oracle's: the Bayes rule
that knows every annotator's true behaviour. No method, crowd-kit's included, can beat the
oracle on average, so a method within 0.2 points of it is within 0.2 points of any other.

Usage: bench/aggregate_e2e.py --gen BUILD/bench/chorus_bench_gen --chorus BUILD/chorus
       --out-dir bench/out [--smoke] [--only SUBSTRING]
Standard library only, so it runs under any Python 3.9+.
"""
import argparse
import csv
import json
import math
import os
import shlex
import subprocess
import sys
import time

from e2e import (command_path, describe_dataset, ensure_dataset, hyperfine, run_once,
                 summarize)

HERE = os.path.dirname(os.path.abspath(__file__))

# The issue's crowd model: 5 votes an item from a pool of 1,000 annotators: 10% spammers, 5%
# adversaries, and the rest honest with accuracy uniform in 0.7 ± 0.25 (good and mediocre).
CROWD = ["--annotators", "1000", "--per-item", "5", "--accuracy", "0.7", "--spread", "0.25",
         "--spammers", "0.1", "--adversaries", "0.05"]

# Generated inputs: chorus_bench_gen arguments (without --output) and what they hold.
DATASETS = {
    "truth_2c_100k": {
        "args": ["--items", "20000", *CROWD, "--categories", "2", "--seed", "31"],
        "about": "20,000 items × 5 votes from 1,000 annotators, 2 categories",
    },
    "truth_2c_1m": {
        "args": ["--items", "200000", *CROWD, "--categories", "2", "--seed", "32"],
        "about": "200,000 items × 5 votes from 1,000 annotators, 2 categories",
    },
    "truth_5c_1m": {
        "args": ["--items", "200000", *CROWD, "--categories", "5", "--seed", "33"],
        "about": "200,000 items × 5 votes from 1,000 annotators, 5 categories",
    },
    "truth_2c_5m": {
        "args": ["--items", "1000000", *CROWD, "--categories", "2", "--seed", "34"],
        "about": "1,000,000 items × 5 votes from 1,000 annotators, 2 categories",
    },
    "ratings_1m": {
        "args": ["--items", "200000", *CROWD[:8], "--scale", "1:5", "--seed", "35"],
        "about": "200,000 items × 5 ratings 1..5 from 1,000 annotators",
    },
    "pairs_1m": {
        "generator": ["/usr/bin/python3", "bench/gen_pairs.py"],
        "args": ["--items", "200000", "--options", "100", "--annotators", "1000", "--per-item",
                 "5", "--flip", "0.1", "--seed", "36"],
        "about": "200,000 prompts × 5 judgements of 2 of 100 options, 10% of 1,000 annotators "
                 "flipping",
    },
}

# The figures quoted in the issue (crowd-kit 1.4.1, Python, on this 2-core machine), not
# re-measured. Keyed by (method, dataset).
ISSUE = "issue 3 (truth inference), crowd-kit 1.4.1 measured by the issue's author"
REFERENCES = {
    ("ds", "truth_2c_1m"): {"seconds": 8.4, "source": ISSUE},
    ("wawa", "truth_2c_1m"): {"seconds": 4.7, "source": ISSUE},
    ("glad", "truth_2c_100k"): {"seconds": 128.0, "source": ISSUE},
    ("mace", "truth_2c_100k"): {"seconds": 41.0, "rss": "2 GB", "source": ISSUE},
}

# The issue's goals: at least this many times faster than crowd-kit, end to end.
GOALS = {"ds": 50.0, "glad": 100.0, "mace": 100.0}

NAMES = {"ds": "Dawid-Skene", "wawa": "Wawa", "mv": "majority vote", "glad": "GLAD",
         "mace": "MACE", "mean": "mean", "median": "median", "noise-aware": "noise-aware",
         "bt": "Bradley-Terry", "crowdbt": "Crowd-BT"}

CASES = (
    [("truth_2c_100k", m) for m in ("glad", "mace", "ds", "wawa")]
    + [(data, m) for data in ("truth_2c_1m", "truth_5c_1m") for m in ("ds", "wawa", "mv")]
    + [("truth_2c_5m", "ds")]
    + [("ratings_1m", m) for m in ("mean", "median", "noise-aware")]
    + [("pairs_1m", m) for m in ("bt", "crowdbt")])


def ensure_truth(data, gen, path, gen_args):
    """Writes the dataset's truth and crowd files beside it (the same seed, votes unwritten)."""
    truth, crowd = path + ".truth", path + ".crowd"
    spec = path + ".args"
    if all(os.path.exists(p) and os.path.getmtime(p) >= os.path.getmtime(spec)
           for p in (truth, crowd)):
        return truth, crowd
    subprocess.run([gen, "-q", *gen_args, "--output", os.devnull, "--truth", truth,
                    "--crowd", crowd], check=True)
    return truth, crowd


def read_csv_pairs(path):
    """The first two columns of a CSV file with a header, as a dict."""
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        return {row[0]: row[1] for row in rows}


def accuracy(labels_path, truth):
    """Share of the truth's items whose written label is the true one (a missing item is wrong)."""
    written = read_csv_pairs(labels_path)
    return sum(1 for item, label in truth.items() if written.get(item) == label) / len(truth)


def oracle_accuracy(votes_path, crowd_path, truth):
    """Expected accuracy of the Bayes rule that knows each annotator's behaviour (uniform prior;
    a tie counts as a fair draw among the tied labels)."""
    with open(crowd_path, newline="") as f:
        crowd = list(csv.DictReader(f))
    # The generator's labels are c0..c{n-1} and "next label" is the next number (c10 after c9);
    # the count includes spammers' labels, in case a class is never true.
    n = 1 + max(int(label[1:]) for label in
                set(truth.values()) | {row["label"] for row in crowd if row["label"]})
    index = {"c%d" % k: k for k in range(n)}
    floor = -1e9  # log 0: a vote that the class cannot produce.
    weights = {}  # annotator -> log-likelihood of a vote (given, truth index) as a table
    for row in crowd:
        p = float(row["accuracy"])
        table = [[0.0] * n for _ in range(n)]  # [given][truth]; a spammer's stays 0: no evidence.
        if row["kind"] != "spammer":
            for given in range(n):
                for true in range(n):
                    if row["kind"] == "adversary":
                        q = p if given == (true + 1) % n else 1 - p if given == true else 0.0
                    else:
                        q = p if given == true else (1 - p) / (n - 1)
                    table[given][true] = math.log(q) if q > 0 else floor
        weights[row["annotator"]] = table
    score = {}
    with open(votes_path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for item, annotator, label in rows:
            row = weights[annotator][index[label]]
            total = score.get(item)
            if total is None:
                score[item] = list(row)
            else:
                for k in range(n):
                    total[k] += row[k]
    right = 0.0
    for item, true in truth.items():
        total = score.get(item, [0.0] * n)
        best = max(total)
        tied = [k for k in range(n) if total[k] == best]
        if index[true] in tied:
            right += 1 / len(tied)
    return right / len(truth)


# Inputs on which the NumPy reference of crowd-kit's Dawid-Skene steps is run (a minute on 1M
# votes with 5 classes; the 5M input would take several).
REFERENCE_DS = ("truth_2c_100k", "truth_2c_1m", "truth_5c_1m")


def reference_ds(votes_path, truth_path):
    """Accuracy, iterations and seconds of bench/peers/dawid_skene_reference.py on the input."""
    command = ["/usr/bin/python3", os.path.join(HERE, "peers", "dawid_skene_reference.py"),
               votes_path, "--truth", truth_path]
    print("aggregate_e2e: reference Dawid-Skene on " + votes_path, file=sys.stderr, flush=True)
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    report["seconds"] = time.monotonic() - start
    report["command"] = shlex.join(["bench/peers/dawid_skene_reference.py",
                                    os.path.relpath(votes_path), "--truth",
                                    os.path.relpath(truth_path)])
    return report


def read_summary(stdout):
    """What the JSON summary says about the fit; run_once stores it as the case's value."""
    report = json.loads(stdout)
    # Closed forms (majority vote, mean, median) report no iterations.
    summary = {"method": report["method"], "iterations": report.get("iterations", 0),
               "converged": report.get("converged", True),
               "log_likelihood": report.get("log_likelihood")}
    given = report["input"]
    summary.update({"items": given.get("items"), "annotators": given.get("annotators"),
                    "votes": given.get("votes", given.get("comparisons"))})
    summary["classes"] = len(given.get("classes", [])) or given.get("options")
    return summary, None


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gen", required=True, help="chorus_bench_gen binary")
    parser.add_argument("--chorus", required=True, help="chorus binary")
    parser.add_argument("--out-dir", default=os.path.join(HERE, "out"))
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, three runs each")
    parser.add_argument("--only", help="run only cases whose method or data contains this")
    parser.add_argument("--runs", type=int, default=10, help="hyperfine runs of a fast case")
    parser.add_argument("--slow-runs", type=int, default=3, help="runs of a slow case")
    parser.add_argument("--slow-after", type=float, default=2.0,
                        help="a case whose measuring run takes longer (seconds) is slow")
    args = parser.parse_args()

    # Paths relative to the working directory (the repository root under run_all.sh), so the
    # commands recorded in docs/benchmarks.md are the ones to type.
    chorus = command_path(args.chorus)
    os.makedirs(args.out_dir, exist_ok=True)
    suffix = ".smoke" if args.smoke else ""
    out_path = os.path.join(args.out_dir, "aggregate_e2e%s.json" % suffix)
    labels = os.path.relpath(os.path.join(args.out_dir, "aggregate_labels%s.csv" % suffix))
    version = subprocess.run([chorus, "--version"], capture_output=True, text=True)
    hyperfine_version = subprocess.run(["hyperfine", "--version"], capture_output=True,
                                       text=True)
    summary = {"smoke": args.smoke, "datasets": {}, "cases": [], "cores": os.cpu_count(),
               "chorus_version": version.stdout.strip() or version.stderr.strip(),
               "hyperfine": hyperfine_version.stdout.strip(),
               "reference": {"tool": "crowd-kit 1.4.1", "source": ISSUE,
                             "remeasured": False}}
    with open(out_path, "w") as f:  # Even when --only matches nothing: no stale results.
        json.dump(summary, f, indent=2)
    truths = {}  # dataset -> {item: true label}
    for data, method in CASES:
        if args.only and args.only not in method and args.only not in data:
            continue
        gen = DATASETS[data].get("generator", args.gen)
        path, gen_args = ensure_dataset(data, gen, args.out_dir, args.smoke, DATASETS)
        path = os.path.relpath(path)
        if data not in summary["datasets"]:
            summary["datasets"][data] = describe_dataset(data, path, gen, gen_args,
                                                         args.smoke, DATASETS)
            if data.startswith("truth_"):
                truth_path, crowd_path = ensure_truth(data, gen, path, gen_args)
                truths[data] = read_csv_pairs(truth_path)
                summary["datasets"][data]["oracle_accuracy"] = oracle_accuracy(
                    path, crowd_path, truths[data])
                if data in REFERENCE_DS:
                    summary["datasets"][data]["reference_ds"] = reference_ds(path, truth_path)
        cmd = [chorus, "aggregate", path, "--method", method, "--out", labels, "--format",
               "json"]
        print("aggregate_e2e: %s on %s" % (method, data), file=sys.stderr, flush=True)
        once = run_once(cmd, read_summary)
        if data in truths and once["value"] is not None:
            once["value"]["accuracy"] = accuracy(labels, truths[data])
        reference = REFERENCES.get((method, data))
        result = {"method": method, "name": NAMES[method], "data": data,
                  "votes": summary["datasets"][data]["votes"], "command": shlex.join(cmd),
                  "rss_kib": once["rss_kib"], "once_s": once["once_s"],
                  "fit": once["value"], "error": once["error"], "reference": reference,
                  "goal": GOALS.get(method) if reference else None}
        if once["value"] is not None and once["value"]["votes"] != result["votes"]:
            result["error"] = "chorus read %d votes, the file holds %d" % (
                once["value"]["votes"], result["votes"])
        if once["value"] is not None:
            slow = once["once_s"] > args.slow_after
            runs = 3 if args.smoke else args.slow_runs if slow else args.runs
            # A case held to a goal gets three times the runs: on this VM one quarter of an
            # hour can move a 10-run mean by 15%, as much as the margin some goals have.
            if reference and not slow and not args.smoke:
                runs *= 3
            # A slow case's measuring run has already brought the file into the page cache.
            times, error = hyperfine(cmd, runs, 0 if slow else 1)
            if error:
                result["error"] = "hyperfine: " + error
            else:
                result.update(summarize(times))
        # A smoke input is a fiftieth of the issue's: no speed-up against the issue's figures.
        if result["reference"] and result.get("mean_s") and not args.smoke:
            result["speedup"] = result["reference"]["seconds"] / result["mean_s"]
            if result["goal"]:
                result["met"] = result["speedup"] >= result["goal"]
        fit = result["fit"] or {}
        print("aggregate_e2e:   %s s ± %s (%s runs), %s KiB, %s iterations, converged %s, "
              "accuracy %s%s" % (
            result.get("mean_s"), result.get("stddev_s"), result.get("runs"), result["rss_kib"],
            fit.get("iterations"), fit.get("converged"), fit.get("accuracy"),
            "" if result["error"] is None else "  error: " + result["error"]),
            file=sys.stderr, flush=True)
        summary["cases"].append(result)
        with open(out_path, "w") as f:  # After every case, so a long run keeps what it did.
            json.dump(summary, f, indent=2)
    if os.path.exists(labels):
        os.remove(labels)  # Up to 1,000,000 lines from the largest case; not a result.
    print("aggregate_e2e: wrote " + out_path, file=sys.stderr)
    return 1 if any(r["error"] for r in summary["cases"]) else 0


if __name__ == "__main__":
    sys.exit(main())
