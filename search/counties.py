"""Municipalities grouped by county (län): the kommun facet and "hela länet".

A list of 290 municipalities is only usable grouped the way Swedes think of them,
by county; and a project that names every municipality of a county works in the
whole county, which is worth saying in two words instead of twenty-six names.
"""

from __future__ import annotations

from indexer.kommuner import counties, lookup_kommun

OTHER = "Övriga"


def county_of(name: str) -> str:
    """The county of a municipality name (``Övriga`` when it is none).

    >>> county_of("Solna"), county_of("Upplands-Väsby"), county_of("Atlantis")
    ('Stockholms län', 'Stockholms län', 'Övriga')
    """
    found = lookup_kommun(name)
    return found.county if found else OTHER


def group_by_county(items: list[dict]) -> list[dict]:
    """Facet items (dicts with ``value``, ``count``, ``selected``) by county, counties
    in alphabetical order (``Övriga`` last), items by count then name.

    >>> groups = group_by_county([{"value": "Solna", "count": 2, "selected": False},
    ...                           {"value": "Borås", "count": 1, "selected": True}])
    >>> [(g["county"], g["selected"], [i["value"] for i in g["items"]]) for g in groups]
    [('Stockholms län', False, ['Solna']), ('Västra Götalands län', True, ['Borås'])]
    """
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(county_of(item["value"]), []).append(item)
    ordered = sorted(groups, key=lambda county: (county == OTHER, county))
    return [{"county": county,
             "items": sorted(groups[county], key=lambda i: (-i["count"], i["value"].lower())),
             "selected": any(i["selected"] for i in groups[county])}
            for county in ordered]


def whole_counties(kommuner) -> list[str]:
    """The counties every one of whose municipalities is named.

    >>> whole_counties(counties()["Gotlands län"] + ("Solna",))
    ['Gotlands län']
    >>> whole_counties(["Solna", "Sundbyberg"])
    []
    """
    named = {found.name for found in map(lookup_kommun, kommuner) if found}
    return [county for county, members in counties().items() if set(members) <= named]
