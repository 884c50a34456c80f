"""A document's original file, found by id through the build, never by a given path.

The web layer offers "Öppna originalet (PDF, 1,2 MB)". What it may serve is
decided here, from what the build recorded: the corpus root (``corpus.json``)
and the files it indexed (``manifest.json``). A document's relative path must be
one the build indexed, and the resolved file (symlinks followed) must still lie
inside the corpus root and be a regular file; anything else is None.
"""

from __future__ import annotations

import os
from pathlib import Path

from indexer import formats, store


def original_file(build_dir: Path, doc) -> tuple[Path, str, int] | None:
    """(path, content type, size in bytes) of ``doc``'s original, or None.

    ``doc`` is a ``Document`` or its stored dict (``Document.to_dict``).
    """
    relpath = doc.get("source") if isinstance(doc, dict) else getattr(doc, "source", None)
    fmt = doc.get("format") if isinstance(doc, dict) else getattr(doc, "format", None)
    if not isinstance(relpath, str) or not relpath or fmt not in formats.CONTENT_TYPES:
        return None
    root = store.corpus_root(build_dir)
    manifest = store.read_json(Path(build_dir) / store.MANIFEST, None)
    if root is None or not isinstance(manifest, dict) or relpath not in manifest:
        return None
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, relpath))
    if os.path.commonpath([real_root, candidate]) != real_root or candidate == real_root:
        return None
    try:
        stat = os.stat(candidate)
    except OSError:
        return None
    import stat as stat_module

    if not stat_module.S_ISREG(stat.st_mode):
        return None
    return Path(candidate), formats.CONTENT_TYPES[fmt], stat.st_size


def size_label(size: int) -> str:
    """A file size as Swedes write it.

    >>> size_label(1_258_291)
    '1,2 MB'
    >>> size_label(5_300)
    '5 kB'
    """
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"
