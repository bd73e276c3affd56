#!/usr/bin/env python3
"""Benchmark: `renkei validate` on a large JSON Lines file against Python JSON parsers.

Compares, in one run and on the same file (200,000 PointOfInterest lines, 111 MB, made by
../shared/bench/gen.py):
  renkei validate FILE                 strict RFC 8259 parse of every line, all cores
  python json / orjson / pysimdjson    parse of every line (../shared/bench/jsonparse.py)
then validates a ~1 GB file (the same lines repeated) with renkei to measure peak memory.

usage: python3 bench/json_validate.py [--renkei PATH] [--repeat N] [--skip-1gb]
Needs: the peers in a virtualenv (bench/setup-peers.sh makes bench/.venv).
Prints a table: wall seconds (best of N), peak RSS, and each tool's time relative to renkei.
"""
import argparse, os, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
DATA = os.path.join(HERE, "data")


def run(cmd):
    """Wall time and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code, err


def best(cmd, repeat):
    results = [run(cmd) for _ in range(repeat)]
    wall = min(r[0] for r in results)
    rss = max(r[1] for r in results)
    return wall, rss, results[-1][2], results[-1][3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--renkei", default=os.path.join(ROOT, ".build", "release", "renkei"))
    ap.add_argument("--python", default=os.path.join(HERE, ".venv", "bin", "python3"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-1gb", action="store_true")
    a = ap.parse_args()

    pois = os.path.join(DATA, "pois.jsonl")
    if not os.path.exists(pois):
        os.makedirs(DATA, exist_ok=True)
        subprocess.check_call([sys.executable, os.path.join(SHARED, "gen.py"), "--out", DATA])
    size_mb = os.path.getsize(pois) / 1e6
    python = a.python if os.path.exists(a.python) else sys.executable

    rows = []
    wall, rss, code, err = best([a.renkei, "validate", "--format", "json", pois], a.repeat)
    if code != 0:
        sys.exit("renkei validate failed (%d): %s" % (code, err))
    rows.append(("renkei validate", wall, rss))
    for engine in ("json", "orjson", "simdjson"):
        wall, rss, code, err = best([python, os.path.join(SHARED, "jsonparse.py"), engine, pois], a.repeat)
        if code != 0:
            rows.append(("python %s (unavailable: %s)" % (engine, err.strip().splitlines()[-1] if err else code), None, None))
            continue
        rows.append(("python " + engine, wall, rss))

    renkei = rows[0][1]
    print("file: %s (%.0f MB, %d cores)" % (pois, size_mb, os.cpu_count()))
    print("%-28s %10s %10s %12s %14s" % ("tool", "wall s", "MB/s", "peak RSS MiB", "time / renkei"))
    for name, wall, rss in rows:
        if wall is None:
            print("%-28s %10s" % (name, "-"))
            continue
        print("%-28s %10.3f %10.0f %12.1f %14.2f" % (name, wall, size_mb / wall, rss, wall / renkei))

    if not a.skip_1gb:
        big = os.path.join(DATA, "pois-1gb.jsonl")
        if not os.path.exists(big):
            with open(big, "wb") as out:
                for _ in range(10):
                    with open(pois, "rb") as f:
                        shutil.copyfileobj(f, out)
        big_mb = os.path.getsize(big) / 1e6
        wall, rss, code, err = run([a.renkei, "validate", "--format", "json", big])
        print("\n1 GB check: renkei validate %s (%.0f MB): %.2f s, %.0f MB/s, peak RSS %.1f MiB, exit %d"
              % (os.path.basename(big), big_mb, wall, big_mb / wall, rss, code))


if __name__ == "__main__":
    main()
