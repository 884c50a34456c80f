"""One export: the served index, its lexicon and our chain into one directory.

Written into ``out`` (created if missing; files of an earlier export there are
replaced, nothing else is touched)::

    index.json             PUT /esf-sok body: settings (analysis) and mappings
    analysis/esf/*.txt     the word lists the analysis reads (copy ``analysis/`` into
                           every node's config directory), unless ``inline``
    bulk-0001.ndjson …     the documents, POST /esf-sok/_bulk, each ≤ chunk size
    queries.md             query language and facets → DSL, worked examples
    export.json            what was written: counts, sizes, skipped files
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer.export import bulk, chain, guide, mapping
from indexer.export.sources import Sources, load_sources
from indexer.export.wordlists import WordLists, build_wordlists

DEFAULT_CHUNK_MB = 10


@dataclass
class ExportReport:
    out: str
    dialect: str
    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    bulk_files: list[str] = field(default_factory=list)
    bulk_bytes: int = 0
    largest_chunk: int = 0
    oversized: list[str] = field(default_factory=list)
    build: str | None = None
    lexicon_words: int = 0
    wordlists: dict[str, int] = field(default_factory=dict)
    unsafe_parts: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["skipped"] = [{"file": f, "reason": r} for f, r in self.skipped]
        data["seconds"] = round(self.seconds, 2)
        return data


def _clear_previous(out: Path) -> None:
    for path in bulk.chunk_paths(out):
        path.unlink()
    list_dir = out / chain.LIST_DIR
    if list_dir.is_dir():
        for path in list_dir.glob("sv_*.txt"):
            path.unlink()


def write_export(sources: Sources, out: Path, dialect: str = "opensearch",
                 chunk_mb: float = DEFAULT_CHUNK_MB, inline: bool = False,
                 shards: int = 1, replicas: int = 1,
                 lists: WordLists | None = None) -> ExportReport:
    started = time.perf_counter()
    if dialect not in mapping.DIALECTS:
        raise ValueError(f"okänd dialekt {dialect!r}; välj {' eller '.join(mapping.DIALECTS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _clear_previous(out)
    lists = lists or build_wordlists(sources)
    files = lists.files()
    if not inline:
        list_dir = out / chain.LIST_DIR
        list_dir.mkdir(parents=True, exist_ok=True)
        for name, lines in files.items():
            (list_dir / name).write_text("".join(line + "\n" for line in lines),
                                         encoding="utf-8")
    body = mapping.index_body(chain.analysis_settings(lists, inline), dialect, shards, replicas)
    (out / "index.json").write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    written = bulk.write_bulk(sources.documents, out, int(chunk_mb * 1024 * 1024))
    (out / "queries.md").write_text(guide.queries_markdown(sources, dialect), encoding="utf-8")
    report = ExportReport(
        out=str(out), dialect=dialect, documents=written.documents, skipped=sources.skipped,
        bulk_files=written.files, bulk_bytes=written.bytes,
        largest_chunk=written.largest_chunk, oversized=written.oversized,
        build=sources.build, lexicon_words=sources.lexicon_words,
        wordlists={name: len(lines) for name, lines in files.items()},
        unsafe_parts=lists.unsafe_parts,
    )
    report.seconds = time.perf_counter() - started
    (out / "export.json").write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
                                     + "\n", encoding="utf-8")
    return report


def export(index_root: Path, out: Path, corpus: Path | None = None,
           dialect: str = "opensearch", chunk_mb: float = DEFAULT_CHUNK_MB,
           inline: bool = False, shards: int = 1, replicas: int = 1,
           progress: Callable = iter) -> ExportReport:
    """Export the index served from ``index_root`` (built from ``corpus`` if missing)."""
    started = time.perf_counter()
    sources = load_sources(index_root, corpus, progress)
    report = write_export(sources, out, dialect, chunk_mb, inline, shards, replicas)
    report.seconds = time.perf_counter() - started
    (Path(out) / "export.json").write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report
