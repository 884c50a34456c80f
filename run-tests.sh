#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine, then runs it.
# Used by the README's test command and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installerar Chromium från Debian för webbläsartesterna …"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Java and Debian's Lucene jars: tests/test_export_lucene.py builds the exported
# OpenSearch/Elasticsearch analysis with Lucene itself.
if ! command -v javac >/dev/null 2>&1 || ! ls /usr/share/java/lucene-core*.jar >/dev/null 2>&1; then
  echo "Installerar Java och Lucene från Debian för exporttesterna …"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jdk-headless liblucene8-java >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[lexicon,test]'

.venv/bin/python -m ruff check .
.venv/bin/python -m pytest "$@"
