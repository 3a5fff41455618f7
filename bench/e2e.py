#!/usr/bin/python3
"""End-to-end comparison: `chorus agreement` against the Python tools people use today.

For each case, on the same generated CSV: runs chorus and the peer once under
`/usr/bin/time -f %M` (peak RSS, and the printed value), then times each with hyperfine
(process start to result, no shell in between) and writes everything to OUT_DIR/e2e.json,
which bench/report.py turns into docs/benchmarks.md. Values must agree to 1e-6.

Usage: bench/e2e.py --gen BUILD/bench/chorus_bench_gen --chorus BUILD/chorus --out-dir bench/out
       [--smoke] [--only SUBSTRING] [--python /usr/bin/python3]
Standard library only, so it runs under any Python 3.9+.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-6

# Generated inputs: chorus_bench_gen arguments (without --output) and what they hold.
DATASETS = {
    "alpha_10x2k": {
        "args": ["--items", "2000", "--annotators", "10", "--missing", "0.2", "--scale", "1:5",
                 "--seed", "11"],
        "about": "10 annotators × 2,000 units, 20% missing, labels 1..5",
    },
    "alpha_50x10k": {
        "args": ["--items", "10000", "--annotators", "50", "--missing", "0.2", "--scale", "1:5",
                 "--seed", "11"],
        "about": "50 annotators × 10,000 units, 20% missing, labels 1..5",
    },
    "alpha_50x100k": {
        "args": ["--items", "100000", "--annotators", "50", "--missing", "0.2", "--scale",
                 "1:5", "--seed", "11"],
        "about": "50 annotators × 100,000 units, 20% missing, labels 1..5",
    },
    "fleiss_1m_x5": {
        "args": ["--items", "1000000", "--annotators", "50", "--per-item", "5",
                 "--categories", "5", "--seed", "12"],
        "about": "1,000,000 items × 5 ratings from a pool of 50, 5 categories",
    },
    "cohen_2x1m": {
        "args": ["--items", "1000000", "--annotators", "2", "--categories", "5", "--seed",
                 "13"],
        "about": "2 annotators × 1,000,000 items, 5 categories",
    },
}

# Each case: chorus metric and JSON key, the peer script and its arguments, the runs.
CASES = [
    {"name": "alpha nominal", "data": "alpha_10x2k", "metric": "alpha", "level": "nominal",
     "peer": "NLTK AnnotationTask.alpha", "script": ["nltk_alpha.py", "--level", "nominal"]},
    {"name": "alpha interval", "data": "alpha_10x2k", "metric": "alpha", "level": "interval",
     "peer": "NLTK AnnotationTask.alpha", "script": ["nltk_alpha.py", "--level", "interval"]},
    {"name": "alpha nominal", "data": "alpha_50x10k", "metric": "alpha", "level": "nominal",
     "peer": "NLTK AnnotationTask.alpha", "script": ["nltk_alpha.py", "--level", "nominal"]},
    {"name": "alpha interval", "data": "alpha_50x10k", "metric": "alpha", "level": "interval",
     "peer": "NLTK AnnotationTask.alpha", "script": ["nltk_alpha.py", "--level", "interval"]},
    # NLTK needs about 20 s and 1.8 GB here (2 cores, 2.6 GHz EPYC), feasible at three runs.
    {"name": "alpha nominal", "data": "alpha_50x100k", "metric": "alpha", "level": "nominal",
     "peer": "NLTK AnnotationTask.alpha", "script": ["nltk_alpha.py", "--level", "nominal"]},
    {"name": "alpha interval", "data": "alpha_50x100k", "metric": "alpha", "level": "interval",
     "peer": "NLTK AnnotationTask.alpha", "script": ["nltk_alpha.py", "--level", "interval"]},
    {"name": "Fleiss kappa", "data": "fleiss_1m_x5", "metric": "fleiss",
     "peer": "statsmodels fleiss_kappa", "script": ["statsmodels_fleiss.py"]},
    {"name": "Randolph kappa", "data": "fleiss_1m_x5", "metric": "randolph",
     "peer": "statsmodels fleiss_kappa(method='randolph')",
     "script": ["statsmodels_fleiss.py", "--method", "randolph"]},
    {"name": "Cohen kappa", "data": "cohen_2x1m", "metric": "cohen",
     "peer": "scikit-learn cohen_kappa_score", "script": ["sklearn_cohen.py"]},
    {"name": "Cohen kappa", "data": "cohen_2x1m", "metric": "cohen",
     "peer": "statsmodels cohens_kappa", "script": ["statsmodels_cohen.py"]},
]

# Where each metric's value sits in `chorus agreement --format json`.
JSON_KEYS = {
    "alpha": ["krippendorff_alpha", "alpha"],
    "fleiss": ["fleiss_kappa", "fleiss"],
    "randolph": ["randolph_kappa", "randolph"],
    "cohen": ["cohen_kappa", "cohen"],
}


def command_path(binary):
    """binary relative to the working directory, with ./ when it has no directory part."""
    path = os.path.relpath(binary)
    return path if os.sep in path else os.path.join(".", path)


def scaled_args(args, smoke):
    """In a smoke run, a fiftieth of the items (at least 200)."""
    if not smoke:
        return list(args)
    out = list(args)
    i = out.index("--items") + 1
    out[i] = str(max(200, int(out[i]) // 50))
    return out


def ensure_dataset(name, gen, out_dir, smoke, datasets=DATASETS):
    """Generates the dataset unless a file from the same arguments is already there."""
    args = scaled_args(datasets[name]["args"], smoke)
    path = os.path.join(out_dir, "data", name + (".smoke" if smoke else "") + ".csv")
    spec_path = path + ".args"
    spec = " ".join(args)
    if os.path.exists(path) and os.path.exists(spec_path):
        with open(spec_path) as f:
            if f.read() == spec:
                return path, args
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # `gen` is the generator binary, or a command (a list) such as a Python script.
    subprocess.run([*(gen if isinstance(gen, list) else [gen]), "-q", *args, "--output", path],
                   check=True)
    with open(spec_path, "w") as f:
        f.write(spec)
    return path, args


def describe_dataset(name, path, gen, gen_args, smoke, datasets=DATASETS):
    """The summary's entry for a generated input: what it holds and how to make it again."""
    about = datasets[name]["about"]
    if smoke:
        about += " (smoke run: %s items)" % gen_args[gen_args.index("--items") + 1]
    return {"file": path, "about": about,
            "generate": shlex.join([*(gen if isinstance(gen, list) else [os.path.relpath(gen)]),
                                    *gen_args, "-o", path]),
            "votes": count_votes(path), "bytes": os.path.getsize(path)}


def count_votes(path):
    with open(path, "rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b"")) - 1


def find_value(report, metric):
    """The metric's value in chorus's JSON report: (value, undefined reason or error)."""
    for key in JSON_KEYS[metric]:
        if key in report:
            entry = report[key]
            if isinstance(entry, dict):
                return entry.get("value"), entry.get("undefined")
            return entry, None
    return None, "no %s in the report (keys: %s)" % (metric, ", ".join(report))


def run_once(cmd, parse):
    """Runs cmd once under GNU time: peak RSS (KiB), the parsed value, and an error if any."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rss_file:
        started = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file.name, *cmd],
                              capture_output=True, text=True)
        seconds = time.monotonic() - started
        rss_text = rss_file.read().strip().splitlines()
    result = {"rss_kib": int(rss_text[-1]) if rss_text and rss_text[-1].isdigit() else None,
              "once_s": seconds, "value": None, "error": None}
    if proc.returncode != 0:
        result["error"] = "exit %d: %s" % (proc.returncode, proc.stderr.strip()[-500:])
        return result
    try:
        result["value"], result["error"] = parse(proc.stdout)
    except (ValueError, KeyError, TypeError) as e:
        result["error"] = "could not read the value: %s; output began %r" % (e, proc.stdout[:200])
    return result


def hyperfine(cmd, runs, warmup):
    """The wall seconds of `runs` runs, or the error hyperfine reported."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as export:
        proc = subprocess.run(
            ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
             "--export-json", export.name, shlex.join(cmd)],
            capture_output=True, text=True)
        if proc.returncode != 0:
            return None, proc.stderr.strip()[-500:]
        return json.load(export)["results"][0]["times"], None


def summarize(times):
    mean = statistics.fmean(times)
    return {"mean_s": mean, "stddev_s": statistics.stdev(times) if len(times) > 1 else 0.0,
            "min_s": min(times), "max_s": max(times), "runs": len(times)}


def tool_versions(python):
    code = ("import importlib, platform, json\n"
            "v = {'python': platform.python_version()}\n"
            "for m in ['nltk', 'statsmodels', 'sklearn', 'pandas', 'numpy']:\n"
            "    try: v[m] = importlib.import_module(m).__version__\n"
            "    except Exception as e: v[m] = 'missing (%s)' % type(e).__name__\n"
            "print(json.dumps(v))\n")
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True)
    versions = json.loads(proc.stdout) if proc.returncode == 0 else {"python": "unavailable"}
    proc = subprocess.run(["hyperfine", "--version"], capture_output=True, text=True)
    versions["hyperfine"] = proc.stdout.strip()
    return versions


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gen", required=True, help="chorus_bench_gen binary")
    parser.add_argument("--chorus", required=True, help="chorus binary")
    parser.add_argument("--out-dir", default=os.path.join(HERE, "out"))
    parser.add_argument("--python", default="/usr/bin/python3", help="Python with the peers")
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, one run each")
    parser.add_argument("--only", help="run only cases whose name or data contains this")
    parser.add_argument("--chorus-runs", type=int, default=10)
    parser.add_argument("--peer-runs", type=int, default=3)
    args = parser.parse_args()

    # Paths relative to the working directory (the repository root under run_all.sh), so the
    # commands recorded in docs/benchmarks.md are the ones to type.
    chorus = command_path(args.chorus)
    os.makedirs(args.out_dir, exist_ok=True)
    out_path = os.path.join(args.out_dir, "e2e.smoke.json" if args.smoke else "e2e.json")
    version = subprocess.run([chorus, "--version"], capture_output=True, text=True)
    summary = {"smoke": args.smoke, "tolerance": TOLERANCE, "datasets": {}, "cases": [],
               "versions": tool_versions(args.python),
               "chorus_version": version.stdout.strip() or version.stderr.strip()}
    for case in CASES:
        if args.only and args.only not in case["name"] and args.only not in case["data"]:
            continue
        path, gen_args = ensure_dataset(case["data"], args.gen, args.out_dir, args.smoke)
        path = os.path.relpath(path)
        if case["data"] not in summary["datasets"]:
            summary["datasets"][case["data"]] = describe_dataset(
                case["data"], path, args.gen, gen_args, args.smoke)
        chorus_cmd = [chorus, "agreement", path, "--format", "json", "--metric", case["metric"]]
        if "level" in case:
            chorus_cmd += ["--level", case["level"]]
        script = os.path.relpath(os.path.join(HERE, "peers", case["script"][0]))
        peer_cmd = [args.python, script, path, *case["script"][1:]]
        label = "%s on %s vs %s" % (case["name"], case["data"], case["peer"])
        print("e2e: " + label, file=sys.stderr, flush=True)

        def chorus_value(stdout, metric=case["metric"]):
            return find_value(json.loads(stdout), metric)

        def peer_value(stdout):
            return float(stdout.strip().splitlines()[-1]), None

        result = {"name": case["name"], "data": case["data"], "peer": case["peer"],
                  "chorus": {"command": shlex.join(chorus_cmd)},
                  "peer_run": {"command": shlex.join(peer_cmd)}}
        peer_runs = 1 if args.smoke else case.get("peer_runs", args.peer_runs)
        chorus_runs = 3 if args.smoke else args.chorus_runs
        for side, cmd, parse, runs, warmup in (
                ("chorus", chorus_cmd, chorus_value, chorus_runs, 1),
                ("peer_run", peer_cmd, peer_value, peer_runs, 0)):
            once = run_once(cmd, parse)
            result[side].update(once)
            if once["error"] is not None and once["value"] is None:
                continue
            # A peer takes seconds, so the measuring run (GNU time adds about a millisecond)
            # counts as its first timed run; chorus takes milliseconds and gets hyperfine only.
            counted = [once["once_s"]] if side == "peer_run" else []
            times, error = (hyperfine(cmd, runs - len(counted), warmup)
                            if runs > len(counted) else ([], None))
            if error:
                result[side]["error"] = "hyperfine: " + error
            elif counted + times:
                result[side].update(summarize(counted + times))
        c, p = result["chorus"], result["peer_run"]
        if c.get("value") is not None and p.get("value") is not None:
            result["difference"] = abs(c["value"] - p["value"])
            result["agree"] = result["difference"] <= TOLERANCE
        if c.get("mean_s") and p.get("mean_s"):
            result["speedup"] = p["mean_s"] / c["mean_s"]
        if c.get("rss_kib") and p.get("rss_kib"):
            result["memory_ratio"] = p["rss_kib"] / c["rss_kib"]
        print("e2e:   chorus %s (%s s, %s KiB)  peer %s (%s s, %s KiB)%s" % (
            c.get("value"), c.get("mean_s"), c.get("rss_kib"), p.get("value"), p.get("mean_s"),
            p.get("rss_kib"), "" if c.get("error") is None else "  chorus error: " + c["error"]),
            file=sys.stderr, flush=True)
        summary["cases"].append(result)
        with open(out_path, "w") as f:  # After every case, so a long run keeps what it did.
            json.dump(summary, f, indent=2)
    print("e2e: wrote " + out_path, file=sys.stderr)
    failed = [r for r in summary["cases"] if r.get("agree") is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
