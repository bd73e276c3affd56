#!/usr/bin/env python3
"""Benchmark: JSON Schema validation of 200,000 PointOfInterest documents (JSON Lines).

In one run, on the same file (../shared/bench/gen.py) and the same schema (Smart Data Models
PointOfInterest, its common-schema $ref served from the local copy, format assertion off):
  renkei validate --schema        parse + validate every line, all cores, whole process timed
  jsonschema-rs / fastjsonschema  ../shared/bench/jsonval.py (json.loads + validate per line)
  python-jsonschema               the same, on the first N lines only (default 20,000: it needs
                                  about 200 s for the whole file); its rate is reported as
                                  measured and the full-file time as an extrapolation, marked so.
Also checks that every engine catches the 5 invalid documents of bad.jsonl.

usage: python3 bench/json_schema.py [--renkei PATH] [--jsonschema-lines N]
Needs the peers in bench/.venv (bench/setup-peers.sh).
"""
import argparse, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
MODELS = os.path.join(SHARED, "models", "smart-data-models")
SCHEMA = os.path.join(MODELS, "dataModel.PointOfInterest", "PointOfInterest", "schema.json")
COMMON = ("https://smart-data-models.github.io/data-models/common-schema.json="
          + os.path.join(MODELS, "data-models", "common-schema.json"))
DATA = os.path.join(HERE, "data")


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--renkei", default=os.path.join(ROOT, ".build", "release", "renkei"))
    ap.add_argument("--python", default=os.path.join(HERE, ".venv", "bin", "python3"))
    ap.add_argument("--jsonschema-lines", type=int, default=20_000)
    a = ap.parse_args()
    pois = os.path.join(DATA, "pois.jsonl")
    bad = os.path.join(DATA, "bad.jsonl")
    if not os.path.exists(pois):
        os.makedirs(DATA, exist_ok=True)
        subprocess.check_call([sys.executable, os.path.join(SHARED, "bench", "gen.py"), "--out", DATA])
    python = a.python if os.path.exists(a.python) else sys.executable
    docs = sum(1 for _ in open(pois, "rb"))

    rows = []
    renkei = [a.renkei, "validate", "--format", "json", "--schema", SCHEMA, "--ref", COMMON]
    wall, proc = timed(renkei + [pois])
    if proc.returncode != 0:
        sys.exit("renkei failed (%d): %s" % (proc.returncode, proc.stderr[-500:]))
    rows.append(("renkei", wall, docs, False))
    _, proc = timed(renkei + [bad])
    caught = len(set(re.findall(r'"line" : (\d+)|"line": (\d+)', proc.stdout)))
    print("renkei: bad.jsonl exit %d, findings on %d lines" % (proc.returncode, caught))

    for engine in ("jsonschema-rs", "fastjsonschema", "jsonschema"):
        data = pois
        if engine == "jsonschema" and a.jsonschema_lines < docs:
            data = os.path.join(DATA, "pois-%d.jsonl" % a.jsonschema_lines)
            with open(pois, "rb") as src, open(data, "wb") as dst:
                for i, line in enumerate(src):
                    if i >= a.jsonschema_lines:
                        break
                    dst.write(line)
        _, proc = timed([python, os.path.join(SHARED, "bench", "jsonval.py"), engine, data, bad])
        m = re.search(r"docs=(\d+) invalid=(\d+) loop_s=([\d.]+)", proc.stdout)
        if proc.returncode != 0 or not m:
            rows.append((engine + " (unavailable: %s)" % (proc.stderr.strip().splitlines() or ["?"])[-1], None, 0, False))
            continue
        n, loop = int(m.group(1)), float(m.group(3))
        caught = proc.stdout.count("caught=True")
        print("%s: caught %d/5 bad documents" % (engine, caught))
        rows.append((engine, loop * docs / n, n, n < docs))

    base = rows[0][1]
    print("\n%d documents, %d cores" % (docs, os.cpu_count()))
    print("%-32s %10s %12s %14s" % ("engine", "seconds", "docs/s", "time / renkei"))
    for name, seconds, measured, extrapolated in rows:
        if seconds is None:
            print("%-32s %10s" % (name, "-"))
            continue
        label = name + (" (×%d from %d docs)" % (docs // measured, measured) if extrapolated else "")
        print("%-32s %10.2f %12.0f %14.1f" % (label, seconds, docs / seconds, seconds / base))


if __name__ == "__main__":
    main()
