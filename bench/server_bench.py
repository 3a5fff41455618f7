#!/usr/bin/python3
"""The server's benchmarks (issue 4, "Tests and measures"): import, export and load.

Starts `chorus serve` on a fresh data directory and measures, over real HTTP on loopback:
  1. the disk's fsync rate in that directory (4 KiB write + fdatasync, 2 s): the ceiling for
     durable commits that are not grouped;
  2. the import of a generated N-task JSONL file (default 1,000,000) in one POST: time, tasks/s,
     and the server's peak resident memory (VmHWM) after it;
  3. the JSONL export of the same tasks: time to the last byte, MB/s, peak memory after it;
  4. bench/load_annotators.cc (chorus_load) at each --annotators count, labelling as the web
     app does (one request per label), and once with two requests per label: submissions/s and
     latency percentiles, each run on its own project with overlap 1, verified through the
     export; optionally `perf record -g` of the server during the largest run's load phase.
     These runs are closed loops (each annotator asks again the moment it is answered): they
     measure saturation, where latency is queueing (Little's law: in flight / throughput);
  5. a paced run (--paced N:MS, default 1,000 annotators pausing 2 s on average between
     labels, as people do): the latency an annotator sees under that many colleagues.
Writes a markdown section to stdout (and --markdown FILE) and the raw figures to
bench/out/server_bench.json. Standard library only; run with /usr/bin/python3.

  bench/server_bench.py                          # the full run (several minutes)
  bench/server_bench.py --smoke                  # 20,000 tasks, 1 and 10 annotators, 3 s
  bench/server_bench.py --annotators 1,10 --duration 5 --perf
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ADMIN_EMAIL = "bench-admin@example.org"
ADMIN_PASSWORD = "bench-admin-password-1"
GOALS = {"submissions_per_second": 5000, "p99_ms_at_1000": 50, "import_s": 20, "export_s": 20}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--chorus", default="build/release/chorus", help="the server binary")
    p.add_argument("--load", default="", help="chorus_load (default: build/release/bench or "
                   "build/bench/bench, whichever exists)")
    p.add_argument("--tasks", type=int, default=1_000_000, help="tasks in the import benchmark")
    p.add_argument("--annotators", default="1,10,100,1000", help="comma-separated counts")
    p.add_argument("--duration", type=float, default=10, help="measured seconds per load run")
    p.add_argument("--warmup", type=float, default=2, help="unmeasured seconds before each")
    p.add_argument("--two-requests", type=int, default=100,
                   help="annotators for one run of the two-request flow (next, then submit; "
                        "0: none)")
    p.add_argument("--paced", default="1000:2000",
                   help="ANNOTATORS:THINK_MS for the paced run ('' for none)")
    p.add_argument("--client-threads", type=int, default=1, help="chorus_load --threads")
    p.add_argument("--perf", action="store_true",
                   help="perf record -g the server during the largest run's load phase")
    p.add_argument("--skip-import", action="store_true", help="no import/export benchmark")
    p.add_argument("--smoke", action="store_true", help="small and quick: checks the pipeline")
    p.add_argument("--out-dir", default="bench/out")
    p.add_argument("--markdown", default="", help="also write the markdown section here")
    args = p.parse_args()
    if args.smoke:
        args.tasks = min(args.tasks, 20_000)
        args.annotators = "1,10"
        args.paced = "10:200"
        args.two_requests = 10
        args.duration = 3
        args.warmup = 1
    if not args.load:
        for candidate in ("build/release/bench/chorus_load", "build/bench/bench/chorus_load"):
            if os.path.exists(candidate):
                args.load = candidate
                break
        else:
            sys.exit("server_bench.py: chorus_load not found; build it (cmake --build "
                     "build/bench --target chorus_load) or pass --load")
    return args


def fsync_rate(directory, seconds=2.0):
    """4 KiB writes, each followed by fdatasync, in `directory`: durable commits per second."""
    path = os.path.join(directory, "fsync-probe")
    block = os.urandom(4096)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    count = 0
    start = time.perf_counter()
    try:
        while time.perf_counter() - start < seconds:
            os.write(fd, block)
            os.fdatasync(fd)
            count += 1
    finally:
        os.close(fd)
        os.unlink(path)
    elapsed = time.perf_counter() - start
    return {"fsyncs_per_second": count / elapsed, "seconds": elapsed, "write_bytes": 4096}


def vm_status(pid):
    """VmHWM and VmRSS of a process, in MiB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0]) / 1024
    return out


class Session:
    """An administrator's session: cookie and CSRF token on one keep-alive connection."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.headers = {}

    def login(self, email, password):
        status, body, response = self.call("POST", "/api/v1/auth/login",
                                           json.dumps({"email": email, "password": password}))
        if status != 200:
            raise RuntimeError(f"login gave {status}: {body[:300]!r}")
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie")]
        self.headers = {"Cookie": "; ".join(cookies),
                        "X-CSRF-Token": json.loads(body)["csrf_token"]}

    def call(self, method, target, body=None, content_type="application/json", length=None):
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = content_type
        if length is not None:
            headers["Content-Length"] = str(length)  # A file body is otherwise sent chunked.
        self.conn.request(method, target, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        return response.status, data, response


def start_server(chorus, data_dir):
    env = dict(os.environ, CHORUS_ADMIN_EMAIL=ADMIN_EMAIL, CHORUS_ADMIN_PASSWORD=ADMIN_PASSWORD)
    server = subprocess.Popen([chorus, "serve", "--listen", "127.0.0.1:0", "--data", data_dir],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env)
    for line in server.stdout:
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # Keeps draining the output so the server never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
            return server, int(match.group(1))
    raise RuntimeError(f"chorus serve exited with {server.wait()} before listening")


def write_tasks(path, tasks):
    """The import file: one {"text": ...} object per line, reused while the count is the same."""
    marker = path + ".count"
    if os.path.exists(path) and os.path.exists(marker):
        with open(marker) as f:
            if f.read().strip() == str(tasks):
                return
    with open(path, "w") as f:
        for start in range(0, tasks, 10_000):
            f.write("".join(f'{{"text":"benchmark review number {i}: the product was fine"}}\n'
                            for i in range(start, min(tasks, start + 10_000))))
    with open(marker, "w") as f:
        f.write(str(tasks))


def import_export(port, pid, tasks_file, tasks):
    admin = Session(port)
    admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    spec = {"name": "import benchmark", "overlap": 1, "label_interface": {"controls": [
        {"type": "choices", "name": "sentiment", "to": "text",
         "options": ["positive", "negative", "neutral"]}]}}
    status, body, _ = admin.call("POST", "/api/v1/projects", json.dumps(spec))
    if status != 201:
        raise RuntimeError(f"creating the project gave {status}: {body[:300]!r}")
    project = json.loads(body)["id"]
    memory_before = vm_status(pid)
    size = os.path.getsize(tasks_file)
    with open(tasks_file, "rb") as f:
        start = time.perf_counter()
        status, body, _ = admin.call("POST", f"/api/v1/projects/{project}/imports", f,
                                     "application/x-ndjson", length=size)
        import_s = time.perf_counter() - start
    if status != 200:
        raise RuntimeError(f"import gave {status}: {body[:300]!r}")
    inserted = json.loads(body)["inserted"]
    memory_after_import = vm_status(pid)
    # The export job first: it writes a page at a time, so its peak memory is its own.
    start = time.perf_counter()
    status, body, _ = admin.call("POST", f"/api/v1/projects/{project}/exports",
                                 json.dumps({"format": "jsonl"}))
    if status != 202:
        raise RuntimeError(f"starting the export job gave {status}: {body[:300]!r}")
    job = json.loads(body)
    while job["state"] == "running":
        time.sleep(0.05)
        status, body, _ = admin.call("GET", job["url"])
        job = json.loads(body)
    job_s = time.perf_counter() - start
    if job["state"] != "succeeded" or job["manifest"]["tasks"] != inserted:
        raise RuntimeError(f"the export job ended {job!r}")
    memory_after_job = vm_status(pid)
    start = time.perf_counter()
    status, body, _ = admin.call("GET", f"/api/v1/projects/{project}/export?format=jsonl")
    export_s = time.perf_counter() - start
    if status != 200:
        raise RuntimeError(f"export gave {status}: {body[:300]!r}")
    lines = body.count(b"\n")
    memory_after_export = vm_status(pid)
    return {
        "tasks": tasks, "file_bytes": size, "inserted": inserted,
        "import_seconds": import_s, "import_tasks_per_second": inserted / import_s,
        "import_mb_per_second": size / 1e6 / import_s,
        "export_seconds": export_s, "export_bytes": len(body), "export_lines": lines,
        "export_mb_per_second": len(body) / 1e6 / export_s,
        "export_tasks_per_second": lines / export_s,
        "export_job_seconds": job_s, "export_job_bytes": job["manifest"]["bytes"],
        "memory_mib": {"before_import": memory_before, "after_import": memory_after_import,
                       "after_export_job": memory_after_job, "after_export": memory_after_export},
    }


def next_cell(latency):
    """p50 / p99 of POST …/next, or a dash when the window had none (the web flow asks once)."""
    if latency["count"] == 0:
        return "—"
    return f"{latency['p50_ms']:.2f} / {latency['p99_ms']:.2f}"


def load_run(args, port, pid, annotators, perf_path, think_ms=0, flow="web"):
    command = [args.load, "--url", f"http://127.0.0.1:{port}", "--admin-email", ADMIN_EMAIL,
               "--admin-password", ADMIN_PASSWORD, "--annotators", str(annotators),
               "--duration", str(args.duration), "--warmup", str(args.warmup),
               "--think-ms", str(think_ms), "--flow", flow,
               "--threads", str(args.client_threads), "--format", "json"]
    print("+ " + " ".join(command), file=sys.stderr)
    client = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    perf = None
    errors = []
    for line in client.stderr:
        if "load starts" in line and perf_path:
            perf = subprocess.Popen(["perf", "record", "-g", "-o", perf_path, "-p", str(pid), "--",
                                     "sleep", str(args.warmup + args.duration)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif "load starts" not in line:
            errors.append(line)
    out = client.stdout.read()
    code = client.wait()
    if perf:
        perf.wait()
    if code not in (0, 3):
        raise RuntimeError(f"chorus_load exited with {code}: {''.join(errors)[-2000:]}")
    result = json.loads(out)
    result["command"] = " ".join(command)
    result["server_memory_mib"] = vm_status(pid)
    return result


def perf_summary(perf_path, limit=25):
    """The hottest symbols (self time) and the hottest callers (children), as text."""
    report = subprocess.run(["perf", "report", "-i", perf_path, "--no-children", "--stdio",
                             "--percent-limit", "1", "-g", "none", "--sort", "dso,symbol"],
                            capture_output=True, text=True)
    lines = [re.sub(r"\s+", " ", line).replace(" - -", "").strip()
             for line in report.stdout.splitlines() if line and not line.startswith("#")]
    return "\n".join(lines[:limit])


def verdict(met):
    return "met" if met else "**not met**"


def markdown(results):
    m = results["machine"]
    out = ["## Server: load, import and export", ""]
    out.append(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']:.0f} GiB; "
               f"{m['kernel']}. Server and load generator share the cores (loopback HTTP). "
               f"Durable commits: SQLite WAL, each commit fsynced. "
               f"The disk under the data directory does **{m['fsync_per_second']:,.0f} "
               f"fsyncs/s** (4 KiB write + fdatasync, 2 s).")
    out.append("")
    out.append("Command: `" + results["command"] + "`")
    out.append("")
    out.append("| Goal (issue 4) | Measured | |")
    out.append("|---|---|---|")
    runs = results["load"]
    best = max(runs, key=lambda r: r["submissions_per_second"]) if runs else None
    if best:
        out.append(f"| ≥ 5,000 submissions/s | {best['submissions_per_second']:,.0f}/s "
                   f"(best, {best['annotators']} annotators) | "
                   f"{verdict(best['submissions_per_second'] >= GOALS['submissions_per_second'])} |")
    paced = [r for r in runs if r["annotators"] == 1000 and r.get("think_ms", 0) > 0]
    if paced:
        r = paced[0]
        p99 = r["latency"]["next_and_submit"]["p99_ms"]
        out.append(f"| p99 < 50 ms at 1,000 annotators | next+submit p99 {p99:.1f} ms "
                   f"(next {r['latency']['next']['p99_ms']:.1f}, submit "
                   f"{r['latency']['submit']['p99_ms']:.1f}) with "
                   f"{r['think_ms'] / 1000:g} s mean pauses, "
                   f"{r['submissions_per_second']:,.0f} labels/s | {verdict(p99 < 50)} |")
    else:
        out.append("| p99 < 50 ms at 1,000 annotators | not run | **not measured** |")
    ie = results.get("import_export")
    if ie:
        out.append(f"| {ie['tasks']:,}-task JSONL import < 20 s | {ie['import_seconds']:.1f} s "
                   f"({ie['import_tasks_per_second']:,.0f} tasks/s) | "
                   f"{verdict(ie['import_seconds'] < GOALS['import_s'])} |")
        out.append(f"| {ie['tasks']:,}-task export < 20 s, as a background job (to a file) | "
                   f"{ie['export_job_seconds']:.1f} s | "
                   f"{verdict(ie['export_job_seconds'] < GOALS['export_s'])} |")
        out.append(f"| {ie['tasks']:,}-task export < 20 s, synchronous `GET …/export` | "
                   f"{ie['export_seconds']:.1f} s ({ie['export_mb_per_second']:.0f} MB/s) | "
                   f"{verdict(ie['export_seconds'] < GOALS['export_s'])} |")
    out.append("")
    if ie:
        mem = ie["memory_mib"]
        out.append(f"Import: {ie['file_bytes'] / 1e6:.1f} MB file, {ie['inserted']:,} tasks "
                   f"inserted in {ie['import_seconds']:.2f} s. Server peak RSS (VmHWM) "
                   f"{mem['before_import']['VmHWM']:.0f} MiB before, "
                   f"{mem['after_import']['VmHWM']:.0f} MiB after the import, "
                   f"{mem['after_export_job']['VmHWM']:.0f} MiB after the export job "
                   f"({ie['export_job_bytes'] / 1e6:.1f} MB written to a file a page at a time "
                   f"in {ie['export_job_seconds']:.2f} s, polled every 50 ms), "
                   f"{mem['after_export']['VmHWM']:.0f} MiB after the synchronous export "
                   f"({ie['export_bytes'] / 1e6:.1f} MB, {ie['export_lines']:,} lines in "
                   f"{ie['export_seconds']:.2f} s, written to a file and sent from it). The upload is "
                   f"spooled to disk and read a record at a time.")
        out.append("")
    out.append("| Annotators | Flow | Pause ms | Submissions/s | next p50 / p99 ms | "
               "submit p50 / p99 ms | pair p50 / p90 / p99 / max ms | Errors | Export check | "
               "Setup s |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        lat = r["latency"]
        v = r["verification"]
        check = (f"ok ({v['acknowledged']:,} acknowledged = stored once)" if v.get("ok")
                 else f"**failed** (missing {v.get('missing')}, duplicated "
                      f"{v.get('duplicated')}, extra {v.get('not_acknowledged_but_stored')})")
        errors = ", ".join(f"{k}: {n}" for k, n in r["errors"].items()) or "none"
        out.append(
            f"| {r['annotators']:,} | {r.get('flow', 'two-requests')} | {r.get('think_ms', 0):g} | "
            f"{r['submissions_per_second']:,.0f} | "
            f"{next_cell(lat['next'])} | "
            f"{lat['submit']['p50_ms']:.2f} / {lat['submit']['p99_ms']:.2f} | "
            f"{lat['next_and_submit']['p50_ms']:.2f} / {lat['next_and_submit']['p90_ms']:.2f} / "
            f"{lat['next_and_submit']['p99_ms']:.2f} / {lat['next_and_submit']['max_ms']:.1f} | "
            f"{errors} | {check} | {r['setup']['seconds']:.1f} |")
    out.append("")
    out.append(f"Each run: {results['warmup']:g} s warm-up, then a {results['duration']:g} s "
               f"window; a fresh project with overlap 1; latencies of requests completed in the "
               f"window. Flow web is what the annotate page does: one POST …/next at the start, "
               f"then each POST …/annotations?next=1 returns the next task with its "
               f"acknowledgement, so a label is one request (the pair is that request); flow "
               f"two-requests asks POST …/next before every label, as a script without ?next "
               f"does. Pause 0 is a closed loop (each annotator asks again the moment it is "
               f"answered): throughput at saturation, where latency is queueing (Little's law: "
               f"annotators in flight ÷ pairs per second). A pause is each annotator's mean "
               f"think time between labels (exponential). Setup (creating the annotators and "
               f"logging each in once: two argon2id hashes per annotator) is not in the window "
               f"and is reported apart.")
    if results.get("perf"):
        out.append("")
        out.append(f"Server profile during the {results['perf']['annotators']}-annotator load "
                   f"(`perf record -g -p PID`, self time by library and symbol, ≥ 1%):")
        out.append("")
        out.append("```")
        out.append(results["perf"]["top"])
        out.append("```")
    return "\n".join(out) + "\n"


def machine(data_dir):
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        memory_kib = int(f.readline().split()[1])
    rate = fsync_rate(data_dir)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory_kib / 2**20,
            "kernel": f"Linux {platform.release()}", "fsync_per_second":
            rate["fsyncs_per_second"], "fsync": rate}


def main():
    args = parse_args()
    # SIGTERM unwinds like an exception, so the server is stopped and its data removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.makedirs(args.out_dir, exist_ok=True)
    suffix = ".smoke" if args.smoke else ""
    data_dir = tempfile.mkdtemp(prefix="server-data-", dir=args.out_dir)
    results = {"command": "bench/server_bench.py " + " ".join(sys.argv[1:]),
               "duration": args.duration, "warmup": args.warmup,
               "machine": machine(data_dir), "load": []}
    server, port = start_server(args.chorus, data_dir)
    try:
        if not args.skip_import:
            tasks_file = os.path.join(args.out_dir, f"import-{args.tasks}.jsonl")
            write_tasks(tasks_file, args.tasks)
            print(f"+ import and export of {args.tasks:,} tasks", file=sys.stderr)
            results["import_export"] = import_export(port, server.pid, tasks_file, args.tasks)
        counts = [int(n) for n in args.annotators.split(",") if n]
        for n in counts:
            perf_path = ""
            if args.perf and n == max(counts) and shutil.which("perf"):
                perf_path = os.path.join(args.out_dir, f"server-load-{n}.perf.data")
            run = load_run(args, port, server.pid, n, perf_path)
            results["load"].append(run)
            print(f"  {n} annotators: {run['submissions_per_second']:,.0f} submissions/s, "
                  f"pair p99 {run['latency']['next_and_submit']['p99_ms']:.1f} ms",
                  file=sys.stderr)
            if perf_path and os.path.exists(perf_path):
                results["perf"] = {"annotators": n, "data": perf_path,
                                   "top": perf_summary(perf_path)}
        if args.two_requests:
            # The API's plain loop (POST next before every label), for comparison with the web
            # app's one request per label.
            run = load_run(args, port, server.pid, args.two_requests, "", 0, "two-requests")
            results["load"].append(run)
            print(f"  {args.two_requests} annotators, two requests per label: "
                  f"{run['submissions_per_second']:,.0f} submissions/s", file=sys.stderr)
        if args.paced:
            n, think_ms = (int(x) for x in args.paced.split(":"))
            run = load_run(args, port, server.pid, n, "", think_ms)
            results["load"].append(run)
            print(f"  {n} annotators pausing {think_ms} ms: "
                  f"{run['submissions_per_second']:,.0f} submissions/s, "
                  f"pair p99 {run['latency']['next_and_submit']['p99_ms']:.1f} ms",
                  file=sys.stderr)
        results["server_memory_mib_at_end"] = vm_status(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
    with open(os.path.join(args.out_dir, f"server_bench{suffix}.json"), "w") as f:
        json.dump(results, f, indent=2)
    text = markdown(results)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    sys.stdout.write(text)
    failed = [r for r in results["load"] if not r["verification"].get("ok", False)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
