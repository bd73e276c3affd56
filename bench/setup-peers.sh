#!/usr/bin/env bash
# Creates bench/.venv with the peer tools the benchmarks compare renkei against.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet orjson pysimdjson jsonschema fastjsonschema jsonschema-rs frictionless
