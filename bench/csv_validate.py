#!/usr/bin/env python3
"""Benchmark: `renkei validate` on the 1,000,000-row facility CSV with its Table Schema.

Compares, in one run and on the same data (made by ../shared/bench/gen.py):
  renkei validate points.csv --schema points.schema.json     every row and cell against the schema, all cores
  frictionless validate --schema points.schema.json FILE      the same Table Schema (frictionless-py, pip)
  python3 ../shared/bench/csvread.py points.csv               python's csv module only reading the rows
frictionless needs minutes for the whole file, so by default it validates points_100k.csv (the first
100,000 records) and its time for 1,000,000 rows is extrapolated (x10) and labelled as such;
--frictionless-full times it on the whole file instead.

usage: python3 bench/csv_validate.py [--renkei PATH] [--frictionless PATH] [--repeat N] [--frictionless-full]
Needs: a release build (swift build -c release --scratch-path .build-csv, or .build) and frictionless in a
virtualenv (python3 -m venv bench/.venv && bench/.venv/bin/pip install frictionless).
Prints wall seconds (best of N), throughput, peak RSS (os.wait4 ru_maxrss), each tool's time relative to
renkei, and the issue's targets: >= 50x faster than frictionless, >= 2x faster than python csv reading,
peak RSS < 100 MB.
"""
import argparse, json, os, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(HERE, "data")
ROWS = 1_000_000
CPU = [None]  # the CPU seconds of the last best()


def run(cmd, cwd=None):
    """Wall time, standard output, standard error and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    return wall, out.decode(errors="replace"), err.decode(errors="replace"), proc.returncode


def run_wait4(cmd, cwd=None):
    """Wall time, peak RSS (MiB), exit code, standard error and CPU seconds (user + system), measured
    with os.wait4 (output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), err, usage.ru_utime + usage.ru_stime


def best(cmd, repeat, ok=(0,), cwd=None):
    results = [run_wait4(cmd, cwd) for _ in range(repeat)]
    for wall, rss, code, err, cpu in results:
        if code not in ok:
            sys.exit("%s failed (%d): %s" % (" ".join(cmd), code, err[-2000:]))
    # CPU seconds too: on a loaded machine they vary less than wall time.
    CPU[0] = min(r[4] for r in results)
    return min(r[0] for r in results), max(r[1] for r in results)


def find_renkei(given):
    if given:
        return given
    for scratch in (".build-csv", ".build"):
        path = os.path.join(ROOT, scratch, "release", "renkei")
        if os.path.exists(path):
            return path
    sys.exit("no release build: run `swift build -c release --scratch-path .build-csv` (or pass --renkei PATH)")


def find_frictionless(given):
    candidates = [given] if given else [
        os.path.join(HERE, ".venv", "bin", "frictionless"), shutil.which("frictionless") or ""]
    for path in candidates:
        if path and os.path.exists(path):
            return path
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--renkei", help="renkei executable (default: the release build)")
    ap.add_argument("--frictionless", help="frictionless executable (default: bench/.venv/bin/frictionless)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool; the best wall time counts")
    ap.add_argument("--frictionless-full", action="store_true", help="time frictionless on all 1,000,000 rows")
    a = ap.parse_args()

    csv_path = os.path.join(DATA, "points.csv")
    prefix_path = os.path.join(DATA, "points_100k.csv")
    schema_path = os.path.join(DATA, "points.schema.json")
    if not all(os.path.exists(p) for p in (csv_path, prefix_path, schema_path)):
        os.makedirs(DATA, exist_ok=True)
        subprocess.check_call([sys.executable, os.path.join(SHARED, "gen.py"), "--out", DATA])
    size_mb = os.path.getsize(csv_path) / 1e6
    renkei = find_renkei(a.renkei)

    # The data is valid: every tool must say so (exit 0) and read every row.
    wall, out, err, code = run([renkei, "validate", "--format", "json", csv_path, "--schema", schema_path])
    if code != 0:
        sys.exit("renkei validate failed (%d): %s" % (code, err or out[-2000:]))
    report = json.loads(out)
    rows_seen = report["files"][0]["items"]
    if rows_seen != ROWS:
        sys.exit("renkei read %d rows, expected %d" % (rows_seen, ROWS))

    rows = []

    def add(name, wall, rss, count, measured=True):
        rows.append((name, wall, rss, count, CPU[0] if measured else None))

    renkei_wall, renkei_rss = best([renkei, "validate", csv_path, "--schema", schema_path], a.repeat)
    add("renkei validate --schema (1M rows)", renkei_wall, renkei_rss, ROWS)
    structural_wall, structural_rss = best([renkei, "validate", csv_path, "--dataset", "none"], a.repeat)
    add("renkei validate, no schema (1M rows)", structural_wall, structural_rss, ROWS)
    # The Japanese dataset profile of the same columns (profiles/datasets/facility.yaml): header,
    # 全国地方公共団体コード check digits, coordinates in Japan, katakana, phone numbers, times, URLs,
    # unique ID, required cells.
    dataset_wall, dataset_rss = best([renkei, "validate", csv_path, "--dataset", "facility"], a.repeat)
    add("renkei validate --dataset facility (1M rows)", dataset_wall, dataset_rss, ROWS)

    wall, rss = best([sys.executable, os.path.join(SHARED, "csvread.py"), csv_path], a.repeat)
    add("python csv, reading only (1M rows)", wall, rss, ROWS)
    python_wall = wall

    frictionless = find_frictionless(a.frictionless)
    frictionless_wall = None
    if frictionless is None:
        add("frictionless (not installed: python3 -m venv bench/.venv && bench/.venv/bin/pip install frictionless)",
            None, None, 0, measured=False)
    else:
        # frictionless refuses absolute paths ("not safe"): run it in the data folder.
        target = os.path.basename(csv_path if a.frictionless_full else prefix_path)
        schema_name = os.path.basename(schema_path)
        check = [frictionless, "validate", "--json", "--schema", schema_name, target]
        wall, out, err, code = run(check, cwd=DATA)
        result = json.loads(out) if out.strip().startswith("{") else {}
        task_rows = result.get("tasks", [{}])[0].get("stats", {}).get("rows")
        if not result.get("valid"):
            sys.exit("frictionless did not find the file valid (%d): %s" % (code, (err or out)[-2000:]))
        wall, rss = best([frictionless, "validate", "--schema", schema_name, target], 1, cwd=DATA)
        if a.frictionless_full:
            frictionless_wall = wall
            add("frictionless validate --schema (1M rows)", wall, rss, ROWS)
        else:
            frictionless_wall = wall * ROWS / task_rows
            add("frictionless validate --schema (%s rows)" % format(task_rows, ","), wall, rss, task_rows)
            add("frictionless, 1M rows EXTRAPOLATED (x%d)" % (ROWS // task_rows), frictionless_wall, None, ROWS,
                measured=False)

    print("file: %s (%.0f MB, %s rows, %d cores), schema: %s"
          % (os.path.relpath(csv_path, ROOT), size_mb, format(ROWS, ","), os.cpu_count(), os.path.relpath(schema_path, ROOT)))
    if os.path.exists("/proc/loadavg"):
        print("load average (other work on the machine slows every tool): %s"
              % " ".join(open("/proc/loadavg").read().split()[:3]))
    print("%-62s %9s %8s %11s %13s %15s" % ("tool", "wall s", "CPU s", "rows/s", "peak RSS MiB", "time / renkei"))
    for name, wall, rss, count, cpu in rows:
        if wall is None:
            print("%-62s %9s" % (name, "-"))
            continue
        print("%-62s %9.3f %8s %11s %13s %15.1f" % (
            name, wall, "-" if cpu is None else "%.2f" % cpu, format(int(count / wall), ","),
            "-" if rss is None else "%.1f" % rss, wall / renkei_wall))

    print("\ntargets (issue 5):")
    if frictionless_wall:
        ratio = frictionless_wall / renkei_wall
        print("  vs frictionless: %.0fx faster%s (target >= 50x): %s"
              % (ratio, "" if a.frictionless_full else ", frictionless time extrapolated from 100,000 rows",
                 "met" if ratio >= 50 else "NOT met"))
    ratio = python_wall / renkei_wall
    print("  vs python csv reading only: %.1fx faster (target >= 2x): %s" % (ratio, "met" if ratio >= 2 else "NOT met"))
    print("  renkei peak RSS: %.1f MiB (target < 100 MB): %s"
          % (renkei_rss, "met" if renkei_rss * 1.048576 < 100 else "NOT met"))
    if frictionless_wall:
        ratio = frictionless_wall / dataset_wall
        print("  --dataset facility vs frictionless: %.0fx faster (target >= 50x): %s"
              % (ratio, "met" if ratio >= 50 else "NOT met"))
    ratio = python_wall / dataset_wall
    print("  --dataset facility vs python csv reading only: %.1fx faster (target >= 2x): %s"
          % (ratio, "met" if ratio >= 2 else "NOT met"))
    print("  --dataset facility peak RSS: %.1f MiB (target < 100 MB): %s"
          % (dataset_rss, "met" if dataset_rss * 1.048576 < 100 else "NOT met"))


if __name__ == "__main__":
    main()
