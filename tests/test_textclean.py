"""Corpus bytes → text: encodings, mixed encodings, and literal text left literal."""

from __future__ import annotations

import codecs

import pytest

from indexer.textclean import UnreadableFile, decode_bytes


@pytest.mark.parametrize("raw, expected", [
    ("Malmö".encode(), "Malmö"),
    ("Malmö".encode("cp1252"), "Malmö"),
    (codecs.BOM_UTF8 + "Göteborg".encode(), "Göteborg"),
    ("Växjö\n".encode("utf-16"), "Växjö\n"),
    (b"rad 1\r\nrad 2\rrad 3", "rad 1\nrad 2\nrad 3"),
    # One Latin-1 byte in a UTF-8 file: the UTF-8 letters stay letters (no "Ã¶").
    (b"Rapport om kooperativ i Malm" + b"\xf6\n" + "Åtgärder i Växjö\n".encode(),
     "Rapport om kooperativ i Malmö\nÅtgärder i Växjö\n"),
    ("Sjöbo och ".encode() + b"H\xf6\xf6r", "Sjöbo och Höör"),
])
def test_bytes_decode_without_mojibake(raw, expected):
    assert decode_bytes(raw) == expected


@pytest.mark.parametrize("raw, reason", [
    (b"", "tom fil"),
    (b"  \n ", "tom fil"),
    (b"PK\x03\x04\x00\x00", "binärfil (innehåller NUL-byte)"),
    (b"Text med " + b"\x81\x8d odefinierade byte", "okänd teckenkodning"),
])
def test_unreadable_bytes_name_the_reason(raw, reason):
    with pytest.raises(UnreadableFile, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(raw)
