"""Kill ``rebuild``/``update`` with SIGKILL at random moments; the served index must
always be one complete corpus, old or new, never a mixture or nothing.

Usage::

    python bench/kill_loop.py [--kills 50] [--docs 300] [--seed 1]

Two corpora A and B (B = A with a tenth of the files changed, some removed, some
added) alternate as the build source. After each kill the script opens the served
index exactly as the web UI does and checks that its document set and contents are
exactly A's or B's. The next writer must clean the killed build's leftovers.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from indexer import store  # noqa: E402
from search.engine import Engine  # noqa: E402
from search.params import SearchParams  # noqa: E402
from search.versions import IndexUnavailable, IndexVersion  # noqa: E402


def make_corpora(base: Path, docs: int) -> tuple[Path, Path]:
    from make_corpus import generate_corpus

    source = base / "gen"
    generate_corpus(source, docs, source="builtin")
    a, b = base / "A", base / "B"
    a.mkdir()
    for path in sorted(source.glob("*.txt")):
        shutil.copy(path, a / path.name)
    shutil.copytree(a, b)
    files = sorted(b.glob("*.txt"))
    for path in files[::10]:
        path.write_text(path.read_text(encoding="utf-8") + "\nÄndrad i korpus B.\n",
                        encoding="utf-8")
    for path in files[5::25]:
        path.unlink()
    (b / "extra_b.txt").write_text("Bara i B\n\nEtt dokument om kooperativ.\n", encoding="utf-8")
    return a, b


def signature(corpus: Path) -> set[tuple[str, str]]:
    import hashlib

    return {(p.stem, hashlib.sha1(p.read_bytes()).hexdigest()) for p in corpus.glob("*.txt")}


def served_signature(root: Path) -> set[tuple[str, str]] | None:
    build = store.current_build(root)
    if build is None:
        return None
    version = IndexVersion(root, build)
    try:
        reader = version.searcher().reader()
        return {(fields["id"], fields["source"]["sha1"]) for _, fields in reader.iter_docs()}
    finally:
        version.close()


def damage_checks(root: Path, rebuild_command: list[str], env: dict) -> int:
    """Damage the served build three ways; each must be reported as damaged (never
    an empty result or a crash) and each must be repaired by ``rebuild``."""
    failures = 0
    for harm in ("truncate segment", "zero toc", "delete build"):
        build = store.current_build(root)
        if harm == "truncate segment":
            segment = max(build.glob("*.seg"), key=lambda p: p.stat().st_size)
            with open(segment, "r+b") as handle:
                handle.truncate(segment.stat().st_size // 2)
        elif harm == "zero toc":
            toc = next(build.glob("*.toc"))
            toc.write_bytes(bytes(toc.stat().st_size))
        else:
            shutil.rmtree(build)
        with Engine(root) as engine:
            try:
                engine.search(SearchParams.build(q="kooperativ"))
                verdict = "answered as if intact"
            except IndexUnavailable as exc:
                verdict = "reported" if (exc.damaged or harm == "delete build") else str(exc)
        subprocess.run(rebuild_command, env=env, check=True, capture_output=True)
        with Engine(root) as engine:
            repaired = engine.search(SearchParams.build(q="")).total > 0
        print(f"  {harm}: {verdict}; rebuild repaired it: {'yes' if repaired else 'NO'}")
        failures += verdict != "reported" or not repaired
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = Path(tempfile.mkdtemp(prefix="kill-loop-"))
    corpus_a, corpus_b = make_corpora(base, args.docs)
    expected = {"A": signature(corpus_a), "B": signature(corpus_b)}
    root = base / "index"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def command(kind: str, corpus: Path) -> list[str]:
        return [sys.executable, "-m", "indexer", kind, "--corpus", str(corpus),
                "--index", str(root), "--wait", "30"]

    started = time.perf_counter()
    subprocess.run(command("rebuild", corpus_a), env=env, check=True, capture_output=True)
    full = time.perf_counter() - started
    survived, outcomes = 0, {"A": 0, "B": 0}
    for attempt in range(args.kills):
        kind = rng.choice(["rebuild", "update"])
        name = rng.choice(["A", "B"])
        process = subprocess.Popen(command(kind, corpus_a if name == "A" else corpus_b),
                                   env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, full * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        served = served_signature(root)
        matched = next((k for k, sig in expected.items() if served == sig), None)
        if matched:
            survived += 1
            outcomes[matched] += 1
        else:
            print(f"  kill {attempt + 1}: served index matches neither corpus "
                  f"({'none' if served is None else len(served)} docs)")
    subprocess.run(command("rebuild", corpus_a), env=env, check=True, capture_output=True)
    leftovers = [p.name for p in root.glob("build-*")]
    print(f"Kills survived: {survived}/{args.kills} (served A {outcomes['A']}, "
          f"B {outcomes['B']}); full build {full:.1f} s; build dirs after a clean run: "
          f"{len(leftovers)} (current + previous at most)")
    damaged = damage_checks(root, command("rebuild", corpus_a), env)
    shutil.rmtree(base, ignore_errors=True)
    if survived != args.kills or len(leftovers) > 2 or damaged:
        sys.exit(1)


if __name__ == "__main__":
    main()
