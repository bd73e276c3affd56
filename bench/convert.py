#!/usr/bin/env python3
"""Benchmark: `renkei convert` of the 1,000,000-row facility CSV to NGSI-LD normalized JSON Lines,
against a Python csv + json script doing the same mapping (bench/convert_baseline.py), in one run.

  renkei convert points.csv --mapping public_facility --to ngsi-ld --jsonl --no-validate -o OUT
  renkei convert ... with validation against PointOfInterest (every entity checked)
  python3 bench/convert_baseline.py points.csv OUT

Both outputs are checked to hold the same entities (the first 20,000 lines compared as parsed JSON),
then the best of N wall times, rows per second and peak RSS are printed with each time relative to
renkei's, and the issue's targets: >= 10x faster than the Python script, memory independent of the
input's size (peak RSS < 100 MB while the output is ~1 GB).

usage: python3 bench/convert.py [--renkei PATH] [--repeat N] [--keep]
Needs a release build (swift build -c release, or --scratch-path .build-convert) and the data of
../shared/bench/gen.py in bench/data/ (made when missing).
"""
import argparse, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(HERE, "data")
ROWS = 1_000_000


def run_wait4(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), err, cpu


def best(cmd, repeat):
    """Best wall time, peak RSS, the last run's standard error, and the CPU time of the best run."""
    results = [run_wait4(cmd) for _ in range(repeat)]
    for wall, rss, code, err, cpu in results:
        if code != 0:
            sys.exit("%s failed (%d): %s" % (" ".join(cmd), code, err[-2000:]))
    fastest = min(results, key=lambda r: r[0])
    return fastest[0], max(r[1] for r in results), results[-1][3], fastest[4]


def find_renkei(given):
    if given:
        return given
    for scratch in (".build-convert", ".build"):
        path = os.path.join(ROOT, scratch, "release", "renkei")
        if os.path.exists(path):
            return path
    sys.exit("no release build: run `swift build -c release` (or pass --renkei PATH)")


def same_entities(a, b, lines=20000):
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        for number in range(lines):
            la, lb = fa.readline(), fb.readline()
            if not la and not lb:
                return True
            if json.loads(la) != json.loads(lb):
                print("line %d differs:\n  renkei: %s\n  python: %s" % (number + 1, la[:300], lb[:300]))
                return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--renkei", help="renkei executable (default: the release build)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool; the best wall time counts")
    ap.add_argument("--keep", action="store_true", help="keep the output files in bench/data/")
    a = ap.parse_args()
    csv_path = os.path.join(DATA, "points.csv")
    if not os.path.exists(csv_path):
        os.makedirs(DATA, exist_ok=True)
        subprocess.check_call([sys.executable, os.path.join(SHARED, "gen.py"), "--out", DATA])
    renkei = find_renkei(a.renkei)
    out_renkei = os.path.join(DATA, "convert-renkei.jsonl")
    out_python = os.path.join(DATA, "convert-python.jsonl")
    convert = [renkei, "convert", csv_path, "--mapping", "public_facility", "--to", "ngsi-ld", "--jsonl", "-q",
               "-o", out_renkei]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 1.0:
        print("warning: load average %.1f before the run: other processes share the cores, so wall times (and "
              "renkei's, which uses every core, most) are inflated; compare CPU seconds or run on a quiet machine"
              % load)
    rows = []
    wall, rss, err, cpu = best(convert + ["--no-validate"], a.repeat)
    summary = err.strip().splitlines()[-1]
    if "%d rows in, %d entities out" % (ROWS, ROWS) not in summary:
        sys.exit("renkei did not convert every row: " + summary)
    renkei_wall, renkei_rss, renkei_cpu = wall, rss, cpu
    rows.append(("renkei convert --no-validate (1M rows, all cores)", wall, rss, cpu))
    wall, rss, err, cpu = best(convert, 1)
    rows.append(("renkei convert, every entity validated (PointOfInterest)", wall, rss, cpu))
    out_size = os.path.getsize(out_renkei) / 1e6

    wall, rss, err, cpu = best(
        [sys.executable, os.path.join(HERE, "convert_baseline.py"), csv_path, out_python], a.repeat)
    python_wall, python_cpu = wall, cpu
    rows.append(("python csv + json, same mapping, no validation", wall, rss, cpu))
    identical = same_entities(out_renkei, out_python)

    print("input: %s (%.0f MB, %s rows), output: NGSI-LD normalized JSON Lines (%.0f MB), %d cores"
          % (os.path.relpath(csv_path, ROOT), os.path.getsize(csv_path) / 1e6, format(ROWS, ","), out_size,
             os.cpu_count()))
    if os.path.exists("/proc/loadavg"):
        print("load average: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    print("%-58s %9s %9s %11s %13s %15s" % ("tool", "wall s", "cpu s", "rows/s", "peak RSS MiB", "time / renkei"))
    for name, wall, rss, cpu in rows:
        print("%-58s %9.3f %9.2f %11s %13.1f %15.1f" % (
            name, wall, cpu, format(int(ROWS / wall), ","), rss, wall / renkei_wall))
    print("\nsame entities (first 20,000 lines compared as JSON): %s" % ("yes" if identical else "NO"))
    ratio = python_wall / renkei_wall
    print("targets (issue 6):")
    print("  vs python csv + json: %.1fx faster in wall time (target >= 10x): %s"
          % (ratio, "met" if ratio >= 10 else "NOT met"))
    print("  (CPU time: renkei %.1f s on all cores, python %.1f s on one: %.1fx less work)"
          % (renkei_cpu, python_cpu, python_cpu / renkei_cpu))
    print("  renkei peak RSS: %.1f MiB for a %.0f MB output (target: constant, < 100 MB): %s"
          % (renkei_rss, out_size, "met" if renkei_rss * 1.048576 < 100 else "NOT met"))
    if not a.keep:
        for path in (out_renkei, out_python):
            os.remove(path)


if __name__ == "__main__":
    main()
