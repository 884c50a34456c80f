"""Compile and run ``EsfLucene.java`` against Debian's Lucene jars.

``apt-get install default-jdk-headless liblucene8-java`` puts the jars in
``/usr/share/java`` (run-tests.sh does it in CI). The classes are compiled once and
kept in the temporary directory under a name made from the source and the jars, so
a second test session (or a second module) does not pay javac's seconds again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "EsfLucene.java"
JAR_DIR = Path(os.environ.get("ESF_LUCENE_JARS", "/usr/share/java"))
# Unversioned names first (Debian's symlinks), then any versioned 8.x/9.x jar.
JARS = ("lucene-core", "lucene-analyzers-common", "lucene-memory")


def find_jars() -> list[Path] | None:
    found = []
    for name in JARS:
        candidates = [JAR_DIR / f"{name}.jar", *sorted(JAR_DIR.glob(f"{name}-[0-9]*.jar"))]
        jar = next((c for c in candidates if c.is_file()), None)
        if jar is None:
            return None
        found.append(jar)
    return found


def unavailable() -> str | None:
    """Why Lucene cannot be run here, or None when it can."""
    for tool in ("java", "javac"):
        if shutil.which(tool) is None:
            return (f"{tool} saknas: installera default-jdk-headless "
                    "(apt-get install -y default-jdk-headless liblucene8-java)")
    if find_jars() is None:
        return (f"Lucene-jar-filerna {', '.join(JARS)} saknas i {JAR_DIR}: "
                "apt-get install -y liblucene8-java")
    return None


def classpath() -> str:
    jars = find_jars()
    digest = hashlib.sha256(SOURCE.read_bytes())
    for jar in jars:
        digest.update(str(jar.resolve()).encode() + str(jar.stat().st_size).encode())
    classes = Path(tempfile.gettempdir()) / f"esf-lucene-{digest.hexdigest()[:16]}"
    if not (classes / "EsfLucene.class").is_file():
        work = Path(tempfile.mkdtemp(prefix="esf-lucene-build-"))
        subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(work),
                        "-cp", os.pathsep.join(map(str, jars)), str(SOURCE)],
                       check=True, capture_output=True, text=True)
        try:
            work.rename(classes)
        except OSError:  # another session was quicker
            shutil.rmtree(work, ignore_errors=True)
    return os.pathsep.join([str(classes), *map(str, jars)])


def run(mode: str, export_dir: Path, payload: dict | Path, cp: str,
        timeout: float | None = 600) -> list[list[str]]:
    """Run one mode; returns the tab-separated output lines."""
    if isinstance(payload, dict):
        handle, name = tempfile.mkstemp(suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False)
        argument = Path(name)
    else:
        argument = payload
    try:
        done = subprocess.run(["java", "-Xss8m", "-cp", cp, "EsfLucene", mode,
                               str(export_dir), str(argument)],
                              capture_output=True, check=False, timeout=timeout)
    finally:
        if isinstance(payload, dict):
            argument.unlink()
    if done.returncode != 0:
        raise RuntimeError(f"EsfLucene {mode} failed:\n{done.stderr.decode('utf-8', 'replace')}")
    # split("\n"), not splitlines(): a term may hold characters splitlines() breaks at.
    return [line.split("\t") for line in done.stdout.decode("utf-8").split("\n") if line]
