"""``python -m webui``: serve the search UI with waitress (never Flask's debug server),
in one process per core (see ``webui.server.serve``).

Builds the index from the corpus first when none exists, so one command on a fresh
machine gives a working site.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

THREADS = 8


@click.command()
@click.option("--index", "index_dir", type=click.Path(path_type=Path), default=Path("index"),
              show_default=True, help="Indexkatalog.")
@click.option("--corpus", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Korpus att bygga från om indexet saknas.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=5000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=THREADS, show_default=True,
              help="Trådar per arbetsprocess.")
@click.option("--workers", type=click.IntRange(1, 16), default=None,
              help="Arbetsprocesser (standard: en per kärna, högst 4; 1 utan fork).")
def main(index_dir: Path, corpus: Path, host: str, port: int, threads: int,
         workers: int | None) -> None:
    """Starta webbgränssnittet.

    Example: python -m webui --port 5000
    """
    from indexer import build, store
    from webui import create_app, server

    served = store.current_build(index_dir)
    if served is not None and not build.same_schema(served):
        # Built by an older version with other fields (before issue 12, a field per
        # section): searching it would find nothing in the fields queries now ask.
        click.echo(f"Indexet i {index_dir} byggdes av en äldre version – bygger om.")
        served = None
    if served is None:
        click.echo(f"Inget index i {index_dir} – bygger från {corpus} …")
        report = build.rebuild(corpus, index_dir)
        click.echo(f"Indexerade {report.indexed} dokument på {report.seconds:.1f} s "
                   f"({len(report.skipped)} filer överhoppade).")
        if report.total_docs == 0:
            click.echo("Fel: inget dokument kunde indexeras.", err=True)
            sys.exit(1)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if hasattr(os, "fork") else 1
    click.echo(f"Serverar på http://{host}:{port}/ ({workers} processer × {threads} trådar)")
    server.serve(lambda: create_app({"INDEX_DIR": index_dir}), host=host, port=port,
                 workers=workers, threads=threads, max_request_body_size=64 * 1024,
                 max_request_header_size=32 * 1024, connection_limit=200,
                 channel_timeout=30)


if __name__ == "__main__":
    main()
