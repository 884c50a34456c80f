"""Zip containers (DOCX, ODT) are checked before a library opens them.

A zip declares every member's uncompressed size; a "zip bomb" declares (or
hides) gigabytes behind a few kilobytes. Reading only archives whose declared
sizes and member counts are within bounds, and reading members with a hard cap,
keeps one such file from exhausting memory or disk (the worker's memory limit in
``indexer.extract`` is the second line of defence).
"""

from __future__ import annotations

import zipfile

from indexer.textclean import UnreadableFile

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 400 * 1024 * 1024   # all members, uncompressed
MAX_MEMBER_BYTES = 150 * 1024 * 1024  # one XML part, uncompressed
MAX_RATIO = 200                       # uncompressed / compressed, for large members


def open_checked(path, required: str, kind: str) -> zipfile.ZipFile:
    """The archive, or UnreadableFile naming why it is not a readable ``kind``."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UnreadableFile(f"trasig {kind}-fil (inte en giltig zip)") from None
    except OSError as exc:
        raise UnreadableFile(f"kunde inte läsas ({exc.strerror})") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        archive.close()
        raise UnreadableFile(f"misstänkt zip-bomb ({len(infos)} delar)")
    total = sum(info.file_size for info in infos)
    for info in infos:
        large = info.file_size > 10 * 1024 * 1024
        if info.file_size > MAX_MEMBER_BYTES or (
                large and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            archive.close()
            raise UnreadableFile(
                f"misstänkt zip-bomb ({info.filename}: {info.file_size // 2**20} MB packat "
                f"till {max(info.compress_size, 1) // 1024} kB)")
    if total > MAX_TOTAL_BYTES:
        archive.close()
        raise UnreadableFile(f"misstänkt zip-bomb ({total // 2**20} MB uppackat)")
    if required not in archive.namelist():
        archive.close()
        raise UnreadableFile(f"innehållet är inte {kind} (saknar {required})")
    if any(info.flag_bits & 0x1 for info in infos if info.filename == required):
        archive.close()
        raise UnreadableFile("krypterad (lösenordsskyddad)")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
    """A member's bytes, never more than ``limit`` whatever its header says."""
    try:
        with archive.open(name) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise UnreadableFile(f"trasig zip ({exc})") from None
    if len(data) > limit:
        raise UnreadableFile(f"misstänkt zip-bomb ({name} större än angivet)")
    return data
