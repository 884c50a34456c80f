"""Finding and reading the Swedish Hunspell dictionary (``hunspell-sv``).

Loading it costs seconds and ~100 MB, so there is one per process
(:func:`get_morphology`), made on first use.
"""

from __future__ import annotations

import io
import os
import sys
import sysconfig
import threading
from pathlib import Path

from indexer.lexicon.morphology import Morphology

#: Basename of the Hunspell dictionary files inside ``<prefix>/share/hunspell``.
DICTIONARY_NAME = "sv_SE"

#: Environment variable that may name another ``.aff``/``.dic`` basename (without the
#: extension), e.g. ``/usr/share/hunspell/sv_SE``.
DICTIONARY_ENV = "ASF_HUNSPELL_SV"

_MORPHOLOGY: Morphology | None = None
_MORPHOLOGY_LOCK = threading.Lock()


def find_dictionary() -> Path:
    """Basename (without ``.aff``/``.dic``) of the Swedish Hunspell dictionary.

    Tries :data:`DICTIONARY_ENV`, the data files of the installed ``hunspell-sv``
    distribution, ``share/hunspell`` under the interpreter's prefixes, and finally the
    usual system directory.
    """
    candidates: list[Path] = []
    env = os.environ.get(DICTIONARY_ENV)
    if env:
        candidates.append(Path(env))
    from importlib.metadata import PackageNotFoundError, files

    try:
        for f in files("hunspell-sv") or ():
            if f.name == DICTIONARY_NAME + ".aff":
                candidates.append(Path(str(f.locate())).with_suffix(""))
    except PackageNotFoundError:
        pass
    prefixes = {sysconfig.get_path("data"), sys.prefix, sys.base_prefix}
    for prefix in sorted(p for p in prefixes if p):
        candidates.append(Path(prefix) / "share" / "hunspell" / DICTIONARY_NAME)
    candidates.append(Path("/usr/share/hunspell") / DICTIONARY_NAME)
    for base in candidates:
        if base.with_suffix(".aff").is_file() and base.with_suffix(".dic").is_file():
            return base.resolve()
    raise FileNotFoundError(
        f"Swedish Hunspell dictionary {DICTIONARY_NAME}.aff/.dic not found; install the "
        "'lexicon' extra (pip install hunspell-sv spylls) or set " + DICTIONARY_ENV
    )


def dictionary_source(base: Path) -> str:
    """A short identity of the dictionary, stored in the cache to notice upgrades."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("hunspell-sv")
    except PackageNotFoundError:
        ver = "?"
    size = base.with_suffix(".dic").stat().st_size
    return f"hunspell-sv {ver} {base.name}.dic {size}"


def load_dictionary(base: str | os.PathLike[str] | None = None) -> Morphology:
    """Read the Hunspell dictionary into a new :class:`Morphology` (slow: seconds).

    Use :func:`get_morphology` for the shared per-process instance.
    """
    return Morphology(Path(base) if base is not None else find_dictionary())


def get_morphology() -> Morphology:
    """The per-process :class:`Morphology`, loaded on first use (thread-safe)."""
    global _MORPHOLOGY
    if _MORPHOLOGY is None:
        with _MORPHOLOGY_LOCK:
            if _MORPHOLOGY is None:
                _MORPHOLOGY = load_dictionary()
    return _MORPHOLOGY



def aff_reader(path: Path) -> object:
    """A spylls reader over the ``.aff`` text held in memory.

    Why not spylls' ``FileReader``: it reopens the file when the ``SET`` line changes the
    encoding and never closes the first handle, which is a ResourceWarning (an error
    under this project's pytest settings) and a leaked descriptor.
    """
    from spylls.hunspell.readers.file_reader import BaseReader

    data = path.read_bytes()

    class _MemoryReader(BaseReader):
        def __init__(self) -> None:
            super().__init__(self._open("Windows-1252"))  # Hunspell's default encoding

        def reset_encoding(self, encoding: str) -> None:
            self.reset_io(self._open(encoding))

        @staticmethod
        def _open(encoding: str) -> io.StringIO:
            return io.StringIO(data.decode(encoding, errors="surrogateescape"))

    return _MemoryReader()


