"""Canonical municipality names and the ESF region each belongs to.

Documents spell municipalities the way people write them: ``Upplands-Väsby`` for
``Upplands Väsby``, ``Lilla-Edet``, and the genitive ``Marks`` (from "Marks kommun")
for ``Mark``. Facets need one value per municipality, so every name goes through
:func:`canonical_kommun`. Data: SCB's 290 municipalities (CC0) and the ESF region
(NUTS 2 area) of each county, shipped in ``indexer/data``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Kommun:
    name: str
    county: str
    region: str


def _key(name: str) -> str:
    return " ".join(name.replace("-", " ").replace("\u00a0", " ").lower().split())


@cache
def _table() -> dict[str, Kommun]:
    data = files("indexer") / "data"
    with (data / "esf_regioner.csv").open(encoding="utf-8") as handle:
        region_of_county = {row["county_code"]: row["esf_region"] for row in csv.DictReader(handle)}
    table: dict[str, Kommun] = {}
    with (data / "kommuner.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kommun = Kommun(
                name=row["municipality_name_short"],
                county=row["county_name"],
                region=region_of_county[row["county_code"]],
            )
            table[_key(kommun.name)] = kommun
            table[_key(row["municipality_name"])] = kommun
    return table


def lookup_kommun(name: str) -> Kommun | None:
    """Find a municipality however it is spelled.

    >>> lookup_kommun("Upplands-Väsby").name
    'Upplands Väsby'
    >>> lookup_kommun("Marks").name
    'Mark'
    >>> lookup_kommun("Borås").name
    'Borås'
    >>> lookup_kommun("Solna stad").region
    'Stockholm'
    >>> lookup_kommun("Atlantis") is None
    True
    """
    table = _table()
    key = _key(name)
    for suffix in ("", " kommun", " stad"):
        if suffix and key.endswith(suffix):
            key = key[: -len(suffix)].strip()
        if key in table:
            return table[key]
        # "Marks", "Sundbybergs": a genitive s left over from "… kommun".
        if key.endswith("s") and key[:-1] in table:
            return table[key[:-1]]
    return None


def canonical_kommun(name: str) -> str:
    """The canonical short name, or the cleaned input when it is not a municipality."""
    found = lookup_kommun(name)
    return found.name if found else " ".join(name.split())


def infer_region(kommuner: Iterable[str]) -> str | None:
    """The one ESF region all named municipalities share, else None.

    >>> infer_region(["Sigtuna", "Upplands Väsby", "Sollentuna"])
    'Stockholm'
    >>> infer_region(["Solna", "Göteborg"]) is None
    True
    """
    regions = {k.region for k in map(lookup_kommun, kommuner) if k is not None}
    return regions.pop() if len(regions) == 1 else None



@cache
def counties() -> dict[str, tuple[str, ...]]:
    """Every county (län) and the canonical names of its municipalities, by name.

    >>> len(counties()["Stockholms län"]), "Solna" in counties()["Stockholms län"]
    (26, True)
    """
    found: dict[str, dict[str, None]] = {}
    for kommun in _table().values():
        found.setdefault(kommun.county, {})[kommun.name] = None
    return {county: tuple(sorted(names)) for county, names in sorted(found.items())}
