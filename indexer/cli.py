"""Thin click commands over the library: rebuild, update, show, search.

Exit codes (also in the README):
  0  done (files may have been skipped: they are listed in the summary)
  1  nothing usable was indexed, or the index could not be written
  2  bad usage (unknown option, missing corpus folder)
  3  another rebuild/update holds the index lock
  4  ``show``: no document with that id
  5  ``show``/``search``: the index is damaged or unreadable (``rebuild`` repairs it)
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from whoosh.writing import IndexingError

from indexer import build
from indexer.store import IndexBusy

DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("index")

corpus_option = click.option(
    "--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True,
    help="Katalog med dokumenten som ska indexeras.",
)
index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default=DEFAULT_INDEX,
    show_default=True, help="Indexkatalog.",
)


def _progress(label: str):
    def wrap(items):
        if not sys.stderr.isatty():
            return items
        from tqdm import tqdm

        return tqdm(items, desc=label, unit="dok", file=sys.stderr, leave=False)

    return wrap


def _print_summary(report: build.BuildReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"Indexerade {report.indexed} dokument"
        + (f", {report.unchanged} oförändrade" if report.unchanged else "")
        + (f", {report.removed} borttagna" if report.removed else "")
        + f" på {report.seconds:.1f} s. Indexet innehåller {report.total_docs} dokument."
    )
    if report.lexicon_words:
        click.echo(f"Lexikon: {report.lexicon_words} ord ({report.lexicon_new} nya).")
    click.echo(f"Hoppade över {len(report.skipped)} filer" + (":" if report.skipped else "."))
    for name, reason in report.skipped:
        click.echo(f"  {name}: {reason}")
    if report.skipped:
        click.echo("Överhoppade per filtyp: " + ", ".join(
            f"{suffix} {count}" for suffix, count in report.skipped_by_type().items()))
    for name, warning in report.warnings:
        click.echo(f"Obs: {name}: {warning}")


def _run_build(func, as_json: bool, **kwargs) -> None:
    try:
        report = func(**kwargs)
    except IndexBusy as exc:
        click.echo(f"Fel: {exc}. Försök igen när den är klar.", err=True)
        sys.exit(3)
    except FileNotFoundError as exc:
        click.echo(f"Fel: {exc}", err=True)
        sys.exit(2)
    except (OSError, IndexingError) as exc:
        reason = os.strerror(exc.errno) if getattr(exc, "errno", None) else str(exc)
        click.echo(f"Fel: indexet kunde inte skrivas ({reason}). Det tidigare indexet "
                   "används fortfarande.", err=True)
        sys.exit(1)
    _print_summary(report, as_json)
    if report.total_docs == 0:
        click.echo("Fel: inget användbart dokument indexerades.", err=True)
        sys.exit(1)


@contextmanager
def _readable_index():
    """A damaged or vanished index is one Swedish line and exit code 5, not a traceback."""
    from search.versions import IndexUnavailable

    try:
        yield
    except IndexUnavailable as exc:
        click.echo(f"Fel: {exc}", err=True)
        sys.exit(5)


@click.group()
def main() -> None:
    """Sökindexet för ESF-projekt och texter om sociala företag."""


@main.command()
@corpus_option
@index_option
@click.option("--procs", type=click.IntRange(1, 8), default=None,
              help="Antal processer för analysen (standard: alla kärnor vid stora korpusar).")
@click.option("--wait", type=float, default=0.0,
              help="Sekunder att vänta på en pågående indexering.")
@click.option("--json", "as_json", is_flag=True, help="Sammanfattningen som JSON.")
def rebuild(corpus: Path, index_dir: Path, procs: int | None, wait: float, as_json: bool) -> None:
    """Bygg om hela indexet från korpusen (bredvid det gamla, sedan byte).

    Example: python -m indexer rebuild --corpus corpus --index index
    """
    _run_build(build.rebuild, as_json, corpus=corpus, root=index_dir,
               progress=_progress("Indexerar"), procs=procs, wait=wait)


@main.command()
@corpus_option
@index_option
@click.option("--wait", type=float, default=0.0,
              help="Sekunder att vänta på en pågående indexering.")
@click.option("--json", "as_json", is_flag=True, help="Sammanfattningen som JSON.")
def update(corpus: Path, index_dir: Path, wait: float, as_json: bool) -> None:
    """Indexera bara tillagda, ändrade och borttagna filer.

    Example: python -m indexer update
    """
    _run_build(build.update, as_json, corpus=corpus, root=index_dir,
               progress=_progress("Uppdaterar"), wait=wait)


@main.command()
@click.argument("doc_id")
@index_option
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
def show(doc_id: str, index_dir: Path, as_json: bool) -> None:
    """Visa ett indexerat dokument: metadata och avsnitt.

    Example: python -m indexer show 001_993abd7bd188c905 --json
    """
    from search import open_engine

    engine = open_engine(index_dir)
    if engine is None:
        click.echo(f"Fel: inget index i {index_dir}. Kör 'python -m indexer rebuild'.", err=True)
        sys.exit(1)
    with engine, _readable_index():
        document = engine.document(doc_id)
    if document is None:
        click.echo(f"Fel: inget dokument med id {doc_id!r}.", err=True)
        sys.exit(4)
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(document["title"])
    for key in ("kind", "program", "phase", "owner", "contact", "email", "phone",
                "esf_support", "total_budget", "start", "end", "region"):
        click.echo(f"  {key}: {document.get(key)}")
    click.echo(f"  kommuner: {', '.join(document['kommuner'])}")
    for section in document["sections"]:
        click.echo(f"\n## {section['heading']}\n{section['text']}")


@main.command()
@click.argument("query", required=False, default="")
@index_option
@click.option("--region", multiple=True, help="Filtrera på region (kan upprepas).")
@click.option("--phase", multiple=True, help="Filtrera på projektfas.")
@click.option("--owner", multiple=True, help="Filtrera på projektägare.")
@click.option("--limit", type=click.IntRange(1, 100), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
def search(query: str, index_dir: Path, region, phase, owner, limit: int, as_json: bool) -> None:
    """Sök i indexet; skriver ut träffar och facetter.

    Example: python -m indexer search kooperativ --region Stockholm --json
    """
    from search import SearchParams, open_engine

    engine = open_engine(index_dir)
    if engine is None:
        click.echo(f"Fel: inget index i {index_dir}. Kör 'python -m indexer rebuild'.", err=True)
        sys.exit(1)
    params = SearchParams.build(q=query, filters={"region": region, "phase": phase,
                                                  "owner": owner}, per_page=limit)
    with engine, _readable_index():
        page = engine.search(params)
    if as_json:
        click.echo(json.dumps(page.cli_dict(), ensure_ascii=False, indent=2))
        return
    for message in page.messages:
        click.echo(message)
    click.echo(f"{page.total} träffar")
    for hit in page.hits:
        click.echo(f"  {hit.score:8.3f}  {hit.id}  {hit.title}  "
                   f"[{hit.region or '–'} | {hit.phase or '–'} | {hit.owner or '–'}]")
    for name, values in page.cli_dict()["facets"].items():
        click.echo(f"{name}: " + ", ".join(f"{v['value']} ({v['count']})" for v in values))


@main.command("export-opensearch")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Katalog som exporten skrivs till.")
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS,
              show_default=True, help="Korpusen som byggs först om indexet saknas.")
@index_option
@click.option("--dialect", type=click.Choice(["opensearch", "elasticsearch8"]),
              default="opensearch", show_default=True, help="Målmotor.")
@click.option("--chunk-mb", type=click.FloatRange(0.1, 100), default=10, show_default=True,
              help="Största storlek på en bulk-fil i MB.")
@click.option("--inline", is_flag=True,
              help="Ordlistorna i index.json i stället för filer under analysis/.")
@click.option("--shards", type=click.IntRange(1, 1024), default=1, show_default=True)
@click.option("--replicas", type=click.IntRange(0, 16), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Sammanfattningen som JSON.")
def export_opensearch(out: Path, corpus: Path, index_dir: Path, dialect: str, chunk_mb: float,
                      inline: bool, shards: int, replicas: int, as_json: bool) -> None:
    """Exportera indexet till OpenSearch/Elasticsearch 8 med samma svenska analys.

    Skriver index.json (inställningar och mappning), analysis/ (ordlistor),
    bulk-*.ndjson och queries.md från det index som används, med dess lexikon.

    Example: python -m indexer export-opensearch --out /tmp/esf-export --dialect elasticsearch8
    """
    from indexer.export.run import export

    try:
        report = export(index_dir, out, corpus, dialect=dialect, chunk_mb=chunk_mb,
                        inline=inline, shards=shards, replicas=replicas,
                        progress=_progress("Indexerar"))
    except IndexBusy as exc:
        click.echo(f"Fel: {exc}. Försök igen när den är klar.", err=True)
        sys.exit(3)
    except FileNotFoundError as exc:
        click.echo(f"Fel: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"Fel: exporten kunde inte skrivas ({exc}).", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"Exporterade {report.documents} dokument från {report.build} till {out} "
                   f"({len(report.bulk_files)} bulk-filer, {report.bulk_bytes / 1e6:.1f} MB) "
                   f"på {report.seconds:.1f} s.")
        for name, reason in report.skipped:
            click.echo(f"  hoppade över {name}: {reason}")
    if report.documents == 0:
        click.echo("Fel: inget dokument att exportera.", err=True)
        sys.exit(1)
