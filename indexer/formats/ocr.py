"""Optional OCR of scanned PDFs with Debian's Tesseract (``tesseract-ocr`` and
``tesseract-ocr-swe``); never required.

Only used when both the program and its Swedish data are installed, so a machine
without them reports scans as "ingen text – skannad?" instead of indexing
English-trained guesses at Swedish words.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

DPI = 200
# Tesseract takes 2–4 s a page here: ten pages stay inside one file's time budget
# (indexer.extract.FILE_SECONDS), and a scan's first pages say what it is.
MAX_OCR_PAGES = 10
PAGE_SECONDS = 30


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Tesseract is installed and has the Swedish language data (asked once a process)."""
    program = shutil.which("tesseract")
    if program is None:
        return False
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                                timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "swe" in listed.stdout.split()


def ocr_pdf(pdf, pages: int) -> str:
    """Text of the first pages of an open pypdfium2 document, page by page."""
    texts = []
    with tempfile.TemporaryDirectory(prefix="asf-ocr-") as tmp:
        for number in range(min(pages, MAX_OCR_PAGES)):
            page = pdf[number]
            try:
                bitmap = page.render(scale=DPI / 72, grayscale=True)
                image = Path(tmp) / f"{number}.pgm"
                image.write_bytes(_pgm(bitmap))
            finally:
                page.close()
            result = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", "swe", "--psm", "3"],
                capture_output=True, text=True, timeout=PAGE_SECONDS, check=False)
            texts.append(result.stdout)
    return "\n\n".join(texts)


def _pgm(bitmap) -> bytes:
    """A grey pypdfium2 bitmap as a binary PGM image, which Tesseract reads.

    Written by hand (a header and the rows) so that OCR needs no imaging library.
    """
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    channels = getattr(bitmap, "n_channels", 1)
    raw = bytes(bitmap.buffer)
    if channels != 1:  # a renderer that ignored grayscale=True: keep one channel
        rows = b"".join(raw[y * stride:y * stride + width * channels:channels]
                        for y in range(height))
    elif stride == width:
        rows = raw[:width * height]
    else:
        rows = b"".join(raw[y * stride:y * stride + width] for y in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + rows
