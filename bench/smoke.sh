#!/usr/bin/env bash
# A small run of every benchmark so none of them rots. CI runs this after the tests.
# Figures printed here are for eyeballing only; nothing asserts on time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

$PY bench/make_corpus.py --docs 500 --out "$WORK/esf-500" --source builtin
$PY bench/run_bench.py --corpus "$WORK/esf-500" --rounds 1 --work "$WORK/run"
$PY bench/kill_loop.py --kills 5 --docs 60
$PY bench/load_test.py --index "$WORK/run/index" --corpus "$WORK/esf-500" --seconds 5 --clients 4
if [ -f bench/judged_bench.py ]; then
  $PY bench/judged_bench.py
fi
