#!/usr/bin/python3
"""Writes docs/benchmarks.md from the outputs of bench/run_all.sh.

Keeps the hand-written text above the marker line of the existing file and rewrites
everything below it: machine facts, one table per group of Google Benchmark results (time,
throughput, share of the measured memory bandwidth), the end-to-end table against the Python
peers, the end-to-end `chorus aggregate` table against the crowd-kit figures quoted in the
truth-inference issue, and the exact commands. Any of the JSON inputs may be missing.

Usage: bench/report.py --bench-json OUT/quality_bench.json --e2e-json OUT/e2e.json
       --aggregate-json OUT/aggregate_e2e.json --commands OUT/commands.txt
       --output docs/benchmarks.md
Standard library only.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess

MARKER = ("<!-- Everything below this line is written by bench/report.py "
          "(bench/run_all.sh); edit the text above it only. -->")

DEFAULT_INTRO = """# Benchmarks

How fast Chorus computes agreement, against the memory-bandwidth limit of the machine and
against the Python tools people use today. `make bench` (or `bench/run_all.sh`) regenerates
everything below the marker; bench/README.md says what each benchmark measures.
"""

# Google Benchmark families, grouped into tables: (title, family prefix, what the input is).
GROUPS = [
    ("Memory-bandwidth reference (1 GiB array)", ["BM_MemoryBandwidth"]),
    ("Agreement statistics on loaded inputs", [
        "BM_KrippendorffAlpha", "BM_FleissKappa", "BM_RandolphKappa", "BM_GwetAc1",
        "BM_PairwiseAnnotatorAgreement"]),
    ("Vote table conversions", ["BM_GroupByItem", "BM_CountByItem"]),
    ("Ingestion (file in the page cache)", ["BM_ReadLongVotes", "BM_ReadFileCountLines"]),
    ("Truth inference (1,000 annotators of mixed accuracy, 5 votes an item; value = EM iterations)",
     ["BM_MajorityVote", "BM_Wawa", "BM_DawidSkene/", "BM_OneCoinDawidSkene", "BM_Glad",
      "BM_Mace"]),
    ("One Dawid-Skene EM iteration, setup excluded (bytes: what the iteration touches, "
     "dawid_skene.h; % of the two-thread copy bandwidth)", ["BM_DawidSkeneIteration"]),
]

WHAT = {
    "BM_MemoryBandwidthSumU32": "sum of uint32",
    "BM_MemoryBandwidthSumF64": "sum of float64 (8 accumulators)",
    "BM_MemoryBandwidthCopy/1": "memcpy, one thread (bytes read + written)",
    "BM_MemoryBandwidthCopy/2": "memcpy, two threads (bytes read + written)",
    "BM_DawidSkeneIteration": "one Dawid-Skene EM iteration (both cores)",
    "BM_KrippendorffAlpha/nominal": "Krippendorff's alpha, nominal",
    "BM_KrippendorffAlpha/interval": "Krippendorff's alpha, interval",
    "BM_KrippendorffAlpha/ordinal": "Krippendorff's alpha, ordinal",
    "BM_FleissKappa": "Fleiss' kappa (with per-category kappas)",
    "BM_RandolphKappa": "Randolph's free-marginal kappa",
    "BM_GwetAc1": "Gwet's AC1",
    "BM_PairwiseAnnotatorAgreement": "Cohen's kappa for every annotator pair",
    "BM_GroupByItem/shuffled:0": "GroupByItem, votes in item order",
    "BM_GroupByItem/shuffled:1": "GroupByItem, votes in random order",
    "BM_CountByItem/shuffled:0": "CountByItem, votes in item order",
    "BM_CountByItem/shuffled:1": "CountByItem, votes in random order",
    "BM_ReadLongVotes": "ReadLongVotes (CSV → VoteTable)",
    "BM_ReadFileCountLines": "read(2) in 1 MiB blocks + count lines (floor)",
    "BM_MajorityVote": "majority vote",
    "BM_Wawa": "Wawa",
    "BM_DawidSkene": "Dawid-Skene (full confusion matrices)",
    "BM_OneCoinDawidSkene": "one-coin Dawid-Skene",
    "BM_Glad": "GLAD",
    "BM_Mace": "MACE (10 restarts)",
}


def si(x, unit=""):
    for factor, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= factor:
            return "%.3g %s%s" % (x / factor, prefix, unit)
    return "%.3g %s" % (x, unit)


def binary_size(n):
    for factor, unit in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if n >= factor:
            return "%g %s" % (n / factor, unit)
    return "%d B" % n


def count(x):
    return "{:,}".format(int(round(x)))


def seconds(s):
    if s is None:
        return "–"
    return "%.3g s" % s if s >= 1 else "%.3g ms" % (s * 1e3)


def factor(x):
    """A speed-up: whole times from 10× up, one decimal below."""
    return "%.0f×" % x if x >= 10 else "%.1f×" % x


def mib(kib):
    return "–" if kib is None else "%.0f MiB" % (kib / 1024) if kib >= 10240 else \
        "%.1f MiB" % (kib / 1024)


def base_name(run_name):
    return run_name.replace("/real_time", "").replace("/manual_time", "").replace(
        "/min_time:", "/")


def describe_input(b):
    parts = []
    if "annotators" in b and "items" in b:
        parts.append("%s annotators × %s items" % (count(b["annotators"]), count(b["items"])))
    elif "items" in b:
        parts.append("%s items" % count(b["items"]))
    if "categories" in b:
        parts.append("%s categories" % count(b["categories"]))
    if "classes" in b:
        parts.append("%s classes" % count(b["classes"]))
    if "votes" in b:
        parts.append("%s votes" % count(b["votes"]))
    if "lines" in b:
        parts.append("%s lines, %s" % (count(b["lines"]), si(b["file_bytes"], "B")))
    if "bytes" in b and not parts:
        parts.append(si(b["bytes"], "B"))
    return ", ".join(parts)


def machine_facts(context):
    facts = {"nproc": str(os.cpu_count())}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    facts["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    facts["memory"] = "%.1f GiB" % (int(line.split()[1]) / 2**20)
    except OSError:
        pass
    facts["kernel"] = platform.release()
    try:
        facts["compiler"] = subprocess.run(["c++", "--version"], capture_output=True,
                                           text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        facts["compiler"] = "unknown"
    if context:
        facts["mhz"] = str(context.get("mhz_per_cpu", "?"))
        caches = ["L%d %s %s" % (c["level"], c["type"].lower(), binary_size(c["size"]))
                  for c in context.get("caches", [])]
        facts["caches"] = ", ".join(caches)
        facts["load"] = ", ".join("%.2f" % x for x in context.get("load_avg", []))
        facts["library_build_type"] = context.get("library_build_type", "?")
    return facts


def bench_section(bench):
    out = []
    runs = [b for b in bench["benchmarks"] if b.get("run_type", "iteration") == "iteration"]
    bandwidth = max((b.get("bytes_per_second", 0) for b in runs
                     if b["name"].startswith("BM_MemoryBandwidthSum")), default=0)
    copy = max((b.get("bytes_per_second", 0) for b in runs
                if b["name"].startswith("BM_MemoryBandwidthCopy/2")), default=0)
    if bandwidth:
        out.append("Single-thread memory bandwidth, the best of the two reference sums: "
                   "**%s/s**. The last column of each table is a benchmark's bytes/s over "
                   "this figure, except for the EM iteration, which runs on both cores and "
                   "writes as it reads: its reference is the two-thread copy, **%s/s**." % (
                       si(bandwidth, "B"), si(copy, "B")))
        out.append("")
    for title, prefixes in GROUPS:
        rows = [b for b in runs if any(b["name"].startswith(p) for p in prefixes)]
        if not rows:
            continue
        out += ["### " + title, "",
                "| Benchmark | What | Input | Time | Throughput | Bytes/s | % of bandwidth | Value |",
                "|---|---|---|---:|---:|---:|---:|---:|"]
        for b in rows:
            name = base_name(b["name"])
            unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            time_s = b["real_time"] * unit
            if b.get("error_occurred"):
                out.append("| `%s` | %s | – | error: %s | | | | |" % (
                    name, WHAT.get(name, ""), b.get("error_message", "")))
                continue
            per = "votes" if "votes" in b and "BM_Fleiss" not in name and "Randolph" not in name \
                and "Gwet" not in name else "items"
            if name.startswith("BM_Read"):
                per = "lines"
            throughput = si(b["items_per_second"], per + "/s") if "items_per_second" in b else ""
            bps = b.get("bytes_per_second")
            reference = copy if name.startswith("BM_DawidSkeneIteration") else bandwidth
            share = "%.0f%%" % (100 * bps / reference) if bps and reference else ""
            value = "%.6f" % b["value"] if "value" in b else ""
            if "em_iterations" in b:
                value = "%d" % b["em_iterations"]
            out.append("| `%s` | %s | %s | %s | %s | %s | %s | %s |" % (
                name, WHAT.get(name, WHAT.get(name.split("/")[0], "")), describe_input(b),
                seconds(time_s), throughput,
                si(bps, "B/s") if bps else "", share, value))
        out.append("")
    return out


def targets_section(bench, e2e, aggregate=None):
    """The issue's targets, each with the measured figure and whether it is met."""
    out = ["| Target | Measured | Met |", "|---|---|:---:|"]
    times = {}
    if bench:
        for b in bench["benchmarks"]:
            if b.get("run_type", "iteration") == "iteration" and not b.get("error_occurred"):
                unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
                times[base_name(b["name"])] = (b["real_time"] * unit, b)
    for name, what in (("BM_KrippendorffAlpha/nominal", "Krippendorff's alpha, nominal"),
                       ("BM_KrippendorffAlpha/interval", "Krippendorff's alpha, interval"),
                       ("BM_FleissKappa", "Fleiss' kappa")):
        if name in times:
            t, b = times[name]
            out.append("| %s on %s, loaded: well under 1 s | %s | %s |" % (
                what, describe_input(b), seconds(t), "yes" if t < 0.5 else "no"))
    for classes in (2, 5):
        name = "BM_DawidSkene/5000000/%d" % classes
        if name in times:
            t, b = times[name]
            out.append("| Dawid-Skene on %s, loaded: under 1 s | %s (%d EM iterations) | %s |" % (
                describe_input(b), seconds(t), b.get("em_iterations", 0),
                "yes" if t < 1.0 else "no"))
    if "BM_ReadLongVotes" in times:
        read, b = times["BM_ReadLongVotes"]
        stats = sum(times[n][0] for n in ("BM_CountByItem/shuffled:0", "BM_FleissKappa")
                    if n in times)
        floor = times.get("BM_ReadFileCountLines", (None,))[0]
        out.append("| Ingestion not the slow step: `ReadLongVotes` on %s vs `CountByItem` + "
                   "Fleiss on the same votes | %s vs %s (reading is %.0f%% of the three); "
                   "reading the file and counting its lines alone takes %s | %s |" % (
                       describe_input(b), seconds(read), seconds(stats),
                       100 * read / (read + stats) if read + stats else 0, seconds(floor),
                       "yes" if read <= stats else "no"))
    if e2e and e2e.get("cases"):
        cases = e2e["cases"]
        speedups = [(r.get("speedup"), r) for r in cases]
        worst = min((x for x in speedups if x[0]), key=lambda x: x[0], default=None)
        if worst:
            out.append("| End to end ≥ 20× faster than the peer, every case | slowest: %.1f× "
                       "(%s on %s vs %s) | %s |" % (
                           worst[0], worst[1]["name"], worst[1]["data"], worst[1]["peer"],
                           "yes" if all(x and x >= 20 for x, _ in speedups) else "no"))
        ratios = [r.get("memory_ratio") for r in cases]
        if any(ratios):
            out.append("| Less peak memory than the peer, every case | smallest ratio %.1f× | "
                       "%s |" % (min(x for x in ratios if x),
                                 "yes" if all(x and x > 1 for x in ratios) else "no"))
        agree = [r.get("agree") for r in cases]
        out.append("| Same value as the peer to %g | %d of %d cases agree | %s |" % (
            e2e.get("tolerance", 1e-6), sum(1 for a in agree if a), len(agree),
            "yes" if all(agree) else "no"))
    for r in (aggregate or {}).get("cases", []):
        if not r.get("goal"):
            continue
        target = ("%s end to end (file in, labels out) on %s votes: ≥ %.0f× faster than "
                  "crowd-kit's %s (quoted from the issue)" % (
                      r["name"], count(r["votes"]), r["goal"],
                      seconds(r["reference"]["seconds"])))
        if r.get("speedup"):
            out.append("| %s | %s, %s | %s |" % (target, seconds(r["mean_s"]), factor(r["speedup"]),
                                                 "yes" if r.get("met") else "no"))
        elif aggregate.get("smoke"):
            out.append("| %s | not compared: smoke input (a fiftieth of the issue's) | – |"
                       % target)
        else:
            out.append("| %s | error: %s | no |" % (target, r.get("error") or "no time"))
    differences = [(abs(aggregate["datasets"][r["data"]]["reference_ds"]["accuracy"]
                        - r["fit"]["accuracy"]), r)
                   for r in (aggregate or {}).get("cases", [])
                   if r["method"] == "ds" and (r.get("fit") or {}).get("accuracy") is not None
                   and "reference_ds" in aggregate["datasets"].get(r["data"], {})]
    if differences:
        worst = max(differences, key=lambda d: d[0])
        out.append("| Dawid-Skene's accuracy within 0.2 points of crowd-kit's, every dataset "
                   "(against a NumPy reference of crowd-kit's steps, `bench/peers/"
                   "dawid_skene_reference.py`; crowd-kit is not installable here) | largest "
                   "difference %.3f points (%s) | %s |" % (
                       100 * worst[0], worst[1]["data"], "yes" if worst[0] <= 0.002 else "no"))
    gaps = [(aggregate["datasets"][r["data"]]["oracle_accuracy"] - r["fit"]["accuracy"], r)
            for r in (aggregate or {}).get("cases", [])
            if r["method"] == "ds" and (r.get("fit") or {}).get("accuracy") is not None
            and aggregate["datasets"].get(r["data"], {}).get("oracle_accuracy") is not None]
    if gaps:
        worst = max(gaps, key=lambda g: g[0])
        out.append("| Dawid-Skene's accuracy against the oracle that knows every annotator "
                   "(no implementation can beat it on average) | largest gap %.2f points (%s) "
                   "| – |" % (100 * worst[0], worst[1]["data"]))
    out.append("")
    return out if len(out) > 3 else []


def e2e_section(e2e):
    out = []
    tolerance = e2e.get("tolerance", 1e-6)
    out += ["Process start to result: `chorus agreement FILE --format json --metric M` against "
            "a Python script that reads the same CSV and calls the peer (bench/peers/). Time is "
            "the hyperfine mean ± standard deviation over the runs shown; peak memory is "
            "`/usr/bin/time -f %%M` (maximum resident set). The target is chorus ≥ 20× faster "
            "and smaller in memory; values must agree to %g." % tolerance, "",
            "| Statistic | Input | chorus | Peer | Peer time | Speed-up | chorus RSS | Peer RSS | "
            "Memory ratio | chorus value | Peer value | Agree |",
            "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|:---:|"]

    def timing(side):
        if side.get("mean_s") is None:
            return "error" if side.get("error") else "–"
        runs = side.get("runs", 0)
        if runs < 2:
            return "%s (1 run)" % seconds(side["mean_s"])
        return "%s ± %s (%d runs)" % (seconds(side["mean_s"]), seconds(side["stddev_s"]), runs)

    def value(side):
        if side.get("value") is not None:
            return "%.10f" % side["value"]
        return "error" if side.get("error") else "–"

    errors = []
    for r in e2e["cases"]:
        c, p = r["chorus"], r["peer_run"]
        speedup = r.get("speedup")
        ratio = r.get("memory_ratio")
        agree = {True: "yes", False: "**no**"}.get(r.get("agree"), "–")
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["name"], r["data"], timing(c), r["peer"], timing(p),
            ("**%.0f×**" if speedup and speedup >= 20 else "%.1f×") % speedup if speedup else "–",
            mib(c.get("rss_kib")), mib(p.get("rss_kib")),
            "%.1f×" % ratio if ratio else "–", value(c), value(p), agree))
        for who, side in (("chorus", c), (r["peer"], p)):
            if side.get("error"):
                errors.append("- %s on %s (%s): %s" % (who, r["data"], r["name"], side["error"]))
    out.append("")
    if errors:
        out += ["Errors:", ""] + errors + [""]
    out += ["Inputs (generated by `chorus_bench_gen`, seeded):", "",
            "| Name | Holds | Votes | Size | Generated by |", "|---|---|---:|---:|---|"]
    for name, d in e2e["datasets"].items():
        out.append("| %s | %s | %s | %s | `%s` |" % (name, d["about"], count(d["votes"]),
                                                  si(d["bytes"], "B"), d["generate"]))
    out.append("")
    v = e2e.get("versions", {})
    out.append("Versions: %s; %s." % (e2e.get("chorus_version", "chorus ?"), ", ".join(
        "%s %s" % (k, v[k]) for k in v)))
    out.append("")
    return out


def aggregate_section(aggregate):
    """`chorus aggregate` end to end, against the crowd-kit figures quoted in the issue."""
    out = ["Process start to labels written: `chorus aggregate FILE --method M --out LABELS.csv "
           "--format json` (default threads: one per core, %s here), hyperfine mean ± standard "
           "deviation over the runs shown; peak memory is `/usr/bin/time -f %%M`; iterations "
           "and convergence are from the JSON summary chorus prints. The crowd-kit column is "
           "quoted from the truth-inference issue (crowd-kit 1.4.1, measured by the issue's "
           "author on this 2-core machine), not re-measured, because crowd-kit is not "
           "installable here (no PyPI access); the speed-up divides that figure by chorus's "
           "mean time. Goals from the issue: ≥ 50× faster for Dawid-Skene, ≥ 100× for GLAD and "
           "MACE." % aggregate.get("cores", "?"), "",
           "Accuracy is the share of items whose written label is the generator's truth; the "
           "oracle is the Bayes rule that knows every annotator's true behaviour, which no "
           "method, crowd-kit's included, can beat on average; the gap is the oracle's "
           "accuracy minus the method's, in percentage points.", "",
           "| Method | Input | Votes | chorus time | Peak RSS | Iterations | Accuracy "
           "(oracle, gap) | crowd-kit 1.4.1 (per the issue) | Speed-up | Goal | Met |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    errors = []
    for r in aggregate["cases"]:
        if r.get("mean_s") is None:
            timing = "error" if r.get("error") else "–"
        elif r.get("runs", 0) < 2:
            timing = "%s (1 run)" % seconds(r["mean_s"])
        else:
            timing = "%s ± %s (%d runs)" % (seconds(r["mean_s"]), seconds(r["stddev_s"]),
                                            r["runs"])
        fit = r.get("fit") or {}
        if fit.get("iterations") is None:
            iterations = "–"
        elif fit["iterations"] == 0:
            iterations = "0 (closed form)"
        else:
            iterations = "%d (%s)" % (fit["iterations"],
                                      "converged" if fit.get("converged") else "cap reached")
        ref = r.get("reference")
        reference = "–"
        if ref:
            reference = seconds(ref["seconds"]) + (", %s RSS" % ref["rss"] if ref.get("rss")
                                                   else "")
        speedup = "–"
        if r.get("speedup"):
            speedup = factor(r["speedup"])
            if r.get("met"):
                speedup = "**%s**" % speedup
        elif ref and aggregate.get("smoke"):
            speedup = "– (smoke input)"
        goal = "≥ %.0f×" % r["goal"] if r.get("goal") else "–"
        met = {True: "yes", False: "**no**"}.get(r.get("met"), "–")
        oracle = aggregate["datasets"].get(r["data"], {}).get("oracle_accuracy")
        accuracy = "–"
        if fit.get("accuracy") is not None and oracle is not None:
            accuracy = "%.2f%% (%.2f%%, %.2f)" % (100 * fit["accuracy"], 100 * oracle,
                                                  100 * (oracle - fit["accuracy"]))
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["name"], r["data"], count(r["votes"]), timing, mib(r.get("rss_kib")), iterations,
            accuracy, reference, speedup, goal, met))
        if r.get("error"):
            errors.append("- %s on %s: %s" % (r["name"], r["data"], r["error"]))
    out.append("")
    if errors:
        out += ["Errors:", ""] + errors + [""]
    out += ["Inputs (generated by `chorus_bench_gen`, seeded; in the truth_ inputs 10% of the "
            "annotators are spammers who always give one label, 5% adversaries who give the "
            "next label with probability 0.7 ± 0.25, and the rest honest with accuracy 0.7 ± "
            "0.25; each truth_ input has its truth and crowd files beside it):", "",
            "| Name | Holds | Votes | Size | Generated by |", "|---|---|---:|---:|---|"]
    for name, d in aggregate["datasets"].items():
        out.append("| %s | %s | %s | %s | `%s` |" % (name, d["about"], count(d["votes"]),
                                                  si(d["bytes"], "B"), d["generate"]))
    out.append("")
    references = [(name, d) for name, d in aggregate["datasets"].items() if "reference_ds" in d]
    if references:
        chorus_ds = {r["data"]: (r.get("fit") or {}).get("accuracy")
                     for r in aggregate["cases"] if r["method"] == "ds"}
        out += ["Dawid-Skene against a NumPy reference of crowd-kit 1.4.1's steps "
                "(`bench/peers/dawid_skene_reference.py`: majority-vote start, confusion cells "
                "floored at 1e-10 as crowd-kit's and no other smoothing, up to 100 iterations "
                "or a change of the log-likelihood per vote below 1e-5), on the same inputs:", "",
                "| Input | chorus accuracy | Reference accuracy | Difference (points) | "
                "Reference iterations | Reference time |", "|---|---:|---:|---:|---:|---:|"]
        for name, d in references:
            ours = chorus_ds.get(name)
            ref = d["reference_ds"]
            out.append("| %s | %s | %.4f%% | %s | %d | %s |" % (
                name, "–" if ours is None else "%.4f%%" % (100 * ours), 100 * ref["accuracy"],
                "–" if ours is None else "%.3f" % (100 * (ours - ref["accuracy"])),
                ref["iterations"], seconds(ref["seconds"])))
        out.append("")
    out.append("Versions: %s; %s." % (aggregate.get("chorus_version", "chorus ?"),
                                      aggregate.get("hyperfine", "hyperfine ?")))
    out.append("")
    return out


SERVER_HEADING = "## Server: load, import and export"
STUDIO_HEADING = "## Annotation studio in the browser"
ERRORS_HEADING = "## End to end: chorus errors"
ACTIVE_HEADING = "## Active learning on the SpamAssassin corpus"


def previous_section(text, heading):
    """The lines of the section `heading` (to the next level-2 heading) in text, or None."""
    lines = text.split("\n")
    if heading not in lines:
        return None
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    return "\n".join(lines[start:end]).rstrip("\n").split("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-json")
    parser.add_argument("--e2e-json")
    parser.add_argument("--aggregate-json")
    parser.add_argument("--server-md", help="markdown section of bench/server_bench.py; when "
                        "missing, the server section already in --output is kept")
    parser.add_argument("--studio-md", help="markdown section of bench/studio_bench.mjs; when "
                        "missing, the studio section already in --output is kept")
    parser.add_argument("--errors-md", help="markdown section of bench/errors_e2e.py; when "
                        "missing, the section already in --output is kept")
    parser.add_argument("--active-md", help="markdown section of bench/active_e2e.py; when "
                        "missing, the section already in --output is kept")
    parser.add_argument("--commands", help="text file: the commands run_all.sh ran")
    parser.add_argument("--output", required=True)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()

    intro = DEFAULT_INTRO
    server = None
    studio = None
    errors = None
    active = None
    if os.path.exists(args.output):
        with open(args.output) as f:
            text = f.read()
        if MARKER in text:
            intro = text.split(MARKER, 1)[0].rstrip("\n") + "\n"
            server = previous_section(text.split(MARKER, 1)[1], SERVER_HEADING)
            studio = previous_section(text.split(MARKER, 1)[1], STUDIO_HEADING)
            errors = previous_section(text.split(MARKER, 1)[1], ERRORS_HEADING)
            active = previous_section(text.split(MARKER, 1)[1], ACTIVE_HEADING)
    if args.server_md and os.path.exists(args.server_md):
        with open(args.server_md) as f:
            server = f.read().rstrip("\n").split("\n")
    if args.studio_md and os.path.exists(args.studio_md):
        with open(args.studio_md) as f:
            studio = f.read().rstrip("\n").split("\n")
    if args.errors_md and os.path.exists(args.errors_md):
        with open(args.errors_md) as f:
            errors = f.read().rstrip("\n").split("\n")
    if args.active_md and os.path.exists(args.active_md):
        with open(args.active_md) as f:
            active = f.read().rstrip("\n").split("\n")

    bench = None
    if args.bench_json and os.path.exists(args.bench_json):
        with open(args.bench_json) as f:
            bench = json.load(f)
    e2e = None
    if args.e2e_json and os.path.exists(args.e2e_json):
        with open(args.e2e_json) as f:
            e2e = json.load(f)
    aggregate = None
    if args.aggregate_json and os.path.exists(args.aggregate_json):
        with open(args.aggregate_json) as f:
            aggregate = json.load(f)

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [intro, MARKER, ""]
    out.append("## Figures of %s%s" % (now, " — SMOKE RUN (tiny inputs; not figures of record)"
                                       if args.smoke else ""))
    out.append("")
    facts = machine_facts(bench["context"] if bench else None)
    out += ["### Machine", ""]
    out.append("- CPU: %s, %s logical cores (`nproc`), %s MHz" % (
        facts.get("cpu", "?"), facts["nproc"], facts.get("mhz", "?")))
    if facts.get("caches"):
        out.append("- Caches: " + facts["caches"])
    out.append("- Memory: %s; kernel %s; compiler %s" % (facts.get("memory", "?"),
                                                          facts["kernel"], facts["compiler"]))
    if facts.get("load"):
        out.append("- Load average when the Google Benchmark run started: %s (a quiet machine "
                   "shows about 0)" % facts["load"])
    out.append("")
    summary = targets_section(bench, e2e, aggregate)
    if summary:
        out += ["### Against the targets", ""] + summary
    if bench:
        out += ["## Google Benchmark (chorus_quality_bench)", ""]
        out += bench_section(bench)
    else:
        out += ["No Google Benchmark results were found.", ""]
    out += ["## End to end against the Python peers", ""]
    out += e2e_section(e2e) if e2e else ["No end-to-end results were found.", ""]
    out += ["## End to end: chorus aggregate", ""]
    out += aggregate_section(aggregate) if aggregate and aggregate.get("cases") else [
        "No `chorus aggregate` results were found.", ""]
    if errors:
        out += errors + [""]
    if active:
        out += active + [""]
    if server:
        out += server + [""]
    if studio:
        out += studio + [""]
    if args.commands and os.path.exists(args.commands):
        with open(args.commands) as f:
            commands = f.read().strip()
        out += ["## Commands", "", "Run from the repository root:", "", "```sh", commands, "```",
                ""]
        if e2e:
            out += ["Per end-to-end case, timed with `hyperfine -N --warmup W --runs R '<command>'` "
                    "(chorus: warmup 1; peers: warmup 0) and measured once with "
                    "`/usr/bin/time -f %M <command>`:", "", "```sh"]
            for r in e2e["cases"]:
                out.append(r["chorus"]["command"])
                out.append(r["peer_run"]["command"])
            out += ["```", ""]
        if aggregate and aggregate.get("cases"):
            out += ["Per `chorus aggregate` case, measured once with `/usr/bin/time -f %M "
                    "<command>`, then timed with `hyperfine -N --warmup W --runs R '<command>'` "
                    "(10 runs after one warm-up, 30 for a case held to a goal; 3 runs without a "
                    "warm-up when the measuring run took over 2 s):", "", "```sh"]
            out += [r["command"] for r in aggregate["cases"]]
            out += ["```", ""]
    with open(args.output, "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
