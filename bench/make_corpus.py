"""Generate deterministic ESF-format benchmark corpora of any size.

Every generated file looks like one of the real ESF project-page print-outs in
``corpus/000…002``: the "Logotyp på utskrifter" line, an optional site banner, the
title, ten glued ``LabelValue`` metadata lines, "In English", 4–6 text sections and
bullet lists ending with ``Kommun``. Metadata follows skewed, realistic distributions
(regions, phases, a long tail of ~400 owners, periods, budgets, municipalities of the
owner's region); the prose is real Swedish (see :mod:`swedish_text`).

Usage::

    python bench/make_corpus.py --docs 10000 --out bench/corpora/esf-10k [--seed 42] [--force]

or, from another bench script::

    from bench.make_corpus import generate_corpus   # or: from make_corpus import ...
    path = generate_corpus("bench/corpora/esf-10k", 10_000, seed=42)

The same arguments always give byte-identical output (all randomness comes from
``random.Random`` instances seeded with strings). Document ``i`` depends only on the
seed and ``i``, so a 500-document corpus is a prefix of the 10,000-document one.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

if __package__:
    from . import swedish_text as st
else:  # run as a script, or imported with bench/ on sys.path
    import swedish_text as st

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DATA = REPO / "indexer" / "data"
SEED_CORPUS = REPO / "corpus"
DEFAULT_CACHE = BENCH / "corpora" / ".cache"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1
SOURCES = ("auto", "journal-digital", "builtin")

LABELS = (
    "Programområde", "Projektfas", "Projektägare", "Kontaktperson", "E-post",
    "Telefonnummer", "Beviljat ESF-stöd", "Total projektbudget", "Projektperiod", "Region",
)

# ---------------------------------------------------------------------------
# Distributions
# ---------------------------------------------------------------------------

REGION_WEIGHTS = {
    "Västsverige": 19, "Stockholm": 18, "Sydsverige": 16, "Östra Mellansverige": 15,
    "Norra Mellansverige": 11, "Småland och Öarna": 9, "Övre Norrland": 7,
    "Mellersta Norrland": 5,
}
PHASES = (("Genomförande", 70), ("Förprojektering", 15), ("Analys- och planering", 10),
          ("Avslutat", 5))
PROGRAMS = {  # by programme period of the start year
    2013: (("Programområde 1 Kompetensförsörjning", 40),
           ("Programområde 2 Ökat arbetskraftsutbud", 60)),
    2020: (("Programområde 1 Kompetensförsörjning", 35),
           ("Programområde 2 Ökade övergångar till arbete", 50),
           ("Programområde 3 Sysselsättningsinitiativet", 15)),
    2027: (("Programområde 1 Kompetensförsörjning och livslångt lärande", 35),
           ("Programområde 2 Ökade övergångar till arbete", 45),
           ("Programområde 3 Social inkludering", 20)),
}
START_YEARS = tuple(range(2000, 2028))
START_YEAR_WEIGHTS = tuple(
    1.0 if y < 2007 else 4.0 if y < 2014 else 4.5 if y < 2021 else 3.0 if y < 2026 else 1.5
    for y in START_YEARS
)
BANNERS = (
    ("Stäng", "3 december - Webbinarium om fattigdom i dagens Sverige",
     "Mer information och anmälan."),
    ("Information med anledning av covid-19",
     "Uppdaterad information med anledning av covid-19\u00a0\u00a0 "),
)
BANNER_PROB = 0.025  # per banner kind

SECTIONS = (
    "Sammanfattning", "Bakgrund", "Syfte", "Målsättning",
    "Tillgänglighet för personer med funktionsnedsättning", "Jämställdhetsintegrering",
)
SECTION_PROB = (1.0, 0.85, 0.8, 0.75, 0.6, 0.55)
SECTION_SHARE = (0.08, 0.36, 0.15, 0.17, 0.12, 0.12)
DOMAIN_SHARE = (0.5, 0.18, 0.4, 0.35, 0.45, 0.45)  # share of template sentences
SECTION_THEME = {4: "funktion", 5: "jamstalldhet"}  # the heading itself names the theme

# Probability that a document is about a theme (owners can force one, see below).
THEME_PROB = {
    "kooperativ": 0.22, "asf": 0.15, "handledare": 0.08, "arbetsformedlingen": 0.28,
    "forsakringskassan": 0.16, "samordningsforbund": 0.08, "kompetens": 0.3,
    "jamstalldhet": 0.04, "funktion": 0.08,
}
LISTS = (("Medfinansiärer", 0.35, 1, 7), ("Samarbetspartners", 0.4, 1, 8),
         ("Deltagande aktörer", 0.12, 3, 40))

AVG_DOC_BYTES = 10_000
MIN_DOC_BYTES, MAX_DOC_BYTES = 3_000, 30_000
N_OWNERS = 400
NATIONAL_OWNER_SHARE = 0.08

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna", "Maria", "Karin", "Eva", "Lena", "Kristina", "Sara", "Emma", "Malin", "Ann",
    "Helena", "Johanna", "Linda", "Camilla", "Majlis", "Margareta", "Åsa", "Ingrid", "Elin",
    "Jenny", "Lars", "Anders", "Johan", "Per", "Erik", "Mikael", "Peter", "Magnus", "Jonas",
    "Daniel", "Fredrik", "Mats", "Stefan", "Björn", "Thomas", "Ola", "Göran", "Hans", "Nils",
    "Amira", "Fatima", "Mohammed", "Leila", "Ahmed", "Sofia", "Ida", "Hanna", "Tove",
    "Jörgen", "Ulf", "Bengt", "Kjell", "Therese", "Louise", "Cecilia", "Susanne", "Monica",
    "Ulrika", "Pia", "Håkan", "Agneta", "Birgitta", "Rasmus", "Oskar", "Zeynep", "Mirja",
)
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström",
    "Lindqvist", "Lindgren", "Axelsson", "Berg", "Bergström", "Lundberg", "Lind", "Lundgren",
    "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg",
    "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk",
    "Bergman", "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson",
    "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg",
    "Blomqvist", "Claesson", "Karlsen", "Uggla", "Flodin", "Hussein", "Mohamed", "Nordin",
    "Ström", "Åberg", "Hedlund", "Yilmaz", "Korhonen", "Niemi",
)
STAD = {
    "Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad", "Malmö": "Malmö stad",
    "Solna": "Solna Stad", "Sundbyberg": "Sundbybergs Stad", "Västerås": "Västerås stad",
    "Helsingborg": "Helsingborgs stad", "Borås": "Borås Stad", "Lidingö": "Lidingö stad",
    "Vaxholm": "Vaxholms stad", "Landskrona": "Landskrona stad", "Mölndal": "Mölndals stad",
    "Trollhättan": "Trollhättans Stad",
}
KOMMUN_UNITS = (
    "Arbetsmarknadsenheten", "Socialförvaltningen", "Vuxenutbildningen",
    "Arbetsmarknadsförvaltningen", "Kommunledningskontoret", "Individ- och familjeomsorgen",
    "Socialpsykiatrin", "Arbete och välfärd", "Utbildningsförvaltningen", "Näringslivsenheten",
    "Social psykiatrienheten", "Arbetsmarknad och integration", "Omsorgsförvaltningen",
)
COOMPANION = {
    "01": ("Coompanion Kooperativ Utveckling Stockholms län",), "03": ("Coompanion Uppsala län",),
    "04": ("Coompanion Sörmland",), "05": ("Coompanion Östergötland",),
    "06": ("Coompanion i Jönköpings län",), "07": ("Coompanion Kronoberg",),
    "08": ("Coompanion Kalmar län",), "09": ("Coompanion Gotland",),
    "10": ("Coompanion Blekinge",), "12": ("Coompanion Skåne",), "13": ("Coompanion Halland",),
    "14": ("Coompanion Fyrbodal", "Coompanion Göteborgsregionen", "Coompanion Sjuhärad",
           "Coompanion Skaraborg"),
    "17": ("Coompanion Värmland",), "18": ("Coompanion Örebro län",),
    "19": ("Coompanion Västmanland",), "20": ("Coompanion Dalarna",),
    "21": ("Coompanion Gävleborg",), "22": ("Coompanion Västernorrland",),
    "23": ("Coompanion Jämtland",), "24": ("Coompanion Västerbotten",),
    "25": ("Coompanion Norrbotten",),
}
AREA_CODES = {
    "01": ("08",), "03": ("018", "0171"), "04": ("016", "0155", "0150"),
    "05": ("013", "011", "0141"), "06": ("036", "0380", "0381", "0370"), "07": ("0470", "0372"),
    "08": ("0480", "0491", "0490"), "09": ("0498",), "10": ("0455", "0454"),
    "12": ("040", "046", "042", "044"), "13": ("035", "0340"),
    "14": ("031", "033", "0520", "0500", "0510"), "17": ("054", "0570"), "18": ("019", "0586"),
    "19": ("021", "0221"), "20": ("023", "0243", "0250"), "21": ("026", "0650"),
    "22": ("060", "0660"), "23": ("063",), "24": ("090", "0910"), "25": ("0920", "0980"),
}
FORENING_NAMES = (
    "Vägen ut", "Arbetsträning", "Fontänhuset", "Hela Människan", "Sociala företag",
    "Brukarföreningen", "Unga vuxna", "Mötesplatsen", "Kvinnocentrum", "Resurscentrum",
    "Kulturkraft", "Integrationscentrum", "Fixartjänst", "Grannskap", "Medmänniskan",
)
NATIONAL_OWNERS = (
    "Coompanion Sverige",
    "Skoopi - intresseorganisation för arbetsintegrerande sociala företag",
    "Arbetsförmedlingen, huvudkontoret", "Försäkringskassan, huvudkontoret",
    "Sveriges Kommuner och Regioner", "Famna",
    "Forum - idéburna organisationer med social inriktning",
    "Folkbildningsrådet", "Samhall AB", "Fontänhus Sverige",
    "RSMH - Riksförbundet för social och mental hälsa", "Verdandi", "Sensus studieförbund",
    "Studieförbundet Vuxenskolan", "Hela Sverige ska leva", "Riksförbundet Attention",
    "Sociala Trappan", "Svenska kyrkan, nationell nivå",
    "Nationellt centrum för socialt företagande", "Stiftelsen Activa",
)

_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})
_SORT = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y", "-": " "})


def swedish_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (å ä ö after z).

    >>> sorted(["Östersund", "Täby", "Tyresö", "Åre", "Ale"], key=swedish_key)
    ['Ale', 'Tyresö', 'Täby', 'Åre', 'Östersund']
    """
    return text.lower().translate(_SORT)


def _slug(text: str, sep: str = "") -> str:
    low = text.lower().translate(_TRANSLIT)
    return sep.join("".join(c for c in part if c.isalnum() or c == "-") for part in low.split())


def format_kronor(amount: int) -> str:
    """Kronor with no-break spaces as thousands separators, as on the real pages.

    >>> format_kronor(6113800) == "6\\u00a0113\\u00a0800 kr"
    True
    >>> format_kronor(0)
    '0 kr'
    """
    return f"{amount:,}".replace(",", "\u00a0") + " kr"


# ---------------------------------------------------------------------------
# Geography and owners
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kommun:
    name: str          # municipality_name_short, as printed in the Kommun list
    org: str           # the municipality as an organisation ("Marks kommun", "Borås Stad")
    county_code: str
    county: str        # "Västra Götalands län"
    county_short: str  # "Västra Götaland"
    region: str


@dataclass
class Geography:
    kommuner: tuple[Kommun, ...]
    by_region: dict[str, tuple[Kommun, ...]]


def load_geography(data_dir: Path = DATA) -> Geography:
    with (data_dir / "esf_regioner.csv").open(encoding="utf-8", newline="") as handle:
        region_of = {row["county_code"]: row["esf_region"] for row in csv.DictReader(handle)}
    kommuner = []
    with (data_dir / "kommuner.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["municipality_name_short"]
            org = STAD.get(name, row["municipality_name"])
            if name == "Kalmar":
                org = "Kalmar kommun"
            elif name == "Gotland":
                org = "Region Gotland"
            kommuner.append(Kommun(name, org, row["county_code"], row["county_name"],
                                   row["county_name_short"], region_of[row["county_code"]]))
    by_region = {r: tuple(k for k in kommuner if k.region == r) for r in REGION_WEIGHTS}
    missing = [r for r, ks in by_region.items() if not ks]
    if missing:
        raise ValueError(f"no municipalities for ESF regions {missing} in {data_dir}")
    return Geography(tuple(kommuner), by_region)


@dataclass(frozen=True)
class Owner:
    name: str
    region: str | None  # None: a national organisation, active in every region
    home: Kommun | None
    contacts: tuple[tuple[str, str], ...]  # (name, e-mail)
    phone: str | None
    themes: frozenset[str]


def _owner_name(rng: random.Random, region_kommuner: Sequence[Kommun]) -> tuple[str, Kommun, str]:
    """One candidate owner name of a region: (name, home municipality, e-mail domain)."""
    k = rng.choice(region_kommuner)
    kdom = _slug(k.name) + ".se"
    kind = rng.choices(range(11), weights=(30, 6, 5, 8, 10, 8, 7, 4, 6, 4, 3))[0]
    if kind == 0:
        return f"{k.org}, {rng.choice(KOMMUN_UNITS)}", k, kdom
    if kind == 1:
        return k.org, k, kdom
    if kind == 2:
        return rng.choice(COOMPANION[k.county_code]), k, "coompanion.se"
    if kind == 3:
        other = rng.choice(region_kommuner)
        if other != k and rng.random() < 0.4:
            return f"Samordningsförbundet {k.name}-{other.name}", k, "samordning.se"
        return f"Samordningsförbundet {k.name}", k, f"samordning{_slug(k.name)}.se"
    if kind == 4:
        base = rng.choice(FORENING_NAMES)
        name = f"Föreningen {base} i {k.name}" if rng.random() < 0.5 else f"Föreningen {base}"
        return name, k, _slug(base) + ".se"
    if kind == 5:
        koop = rng.choice(st.WORDS["koopnamn"])
        name = rng.choice((f"Sociala arbetskooperativet {koop}", f"Kooperativet {koop}, {k.name}",
                           f"{koop} ekonomisk förening", f"{koop} i {k.name} ek. för."))
        return name, k, _slug(koop) + ".se"
    if kind == 6:
        name, dom = rng.choice(((f"{k.name} folkhögskola", _slug(k.name) + "fhsk.se"),
                                (f"Studieförbundet Vuxenskolan {k.county_short}", "sv.se"),
                                (f"ABF {k.name}", "abf.se"),
                                (f"Medborgarskolan {k.county_short}", "medborgarskolan.se")))
        return name, k, dom
    if kind == 7:
        name, dom = rng.choice(((f"Region {k.county_short}", f"region{_slug(k.county_short)}.se"),
                                (f"Länsstyrelsen i {k.county}", "lansstyrelsen.se"),
                                (f"Regionförbundet {k.county_short}", "regionforbundet.se")))
        return name, k, dom
    if kind == 8:
        name, dom = rng.choice(((f"Hela Människan {k.name}", "helamanniskan.se"),
                                (f"Fontänhuset {k.name}", "fontanhuset.se"),
                                (f"Stiftelsen Arbetskraft {k.name}", "arbetskraft.se"),
                                (f"Stadsmissionen i {k.county_short}", "stadsmissionen.se"),
                                (f"Röda Korset {k.name}", "redcross.se")))
        return name, k, dom
    if kind == 9:
        name, dom = rng.choice(((f"{k.name} Arbetscenter AB", _slug(k.name) + "arbetscenter.se"),
                                (f"Samhall AB {k.name}", "samhall.se"),
                                (f"Misa AB, {k.name}", "misa.se"),
                                (f"{k.name} Näringslivsbolag AB", _slug(k.name) + "naringsliv.se")))
        return name, k, dom
    if rng.random() < 0.7:
        return f"Arbetsförmedlingen {k.name}", k, "arbetsformedlingen.se"
    return f"Försäkringskassan {k.name}", k, "forsakringskassan.se"


def _person(rng: random.Random, domain: str) -> tuple[str, str]:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    if rng.random() < 0.08:
        last = f"{last} {rng.choice(LAST_NAMES)}"
    r = rng.random()
    if r < 0.08:
        email = f"{_slug(first)}@{_slug(last, '')}.se"
    elif r < 0.15:
        email = f"{_slug(first)}.{_slug(last, '.')}@{rng.choice(('telia.com', 'gmail.com'))}"
    else:
        email = f"{_slug(first)}.{_slug(last, '.')}@{domain}"
    return f"{first} {last}", email


def _phone(rng: random.Random, county_code: str) -> str:
    def digits(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    if rng.random() < 0.2:
        return f"07{rng.choice('0236')}-{digits(3)} {digits(2)} {digits(2)}"
    code = rng.choice(AREA_CODES[county_code])
    first = str(rng.randint(1, 9))
    if len(code) == 2:
        return f"{code}-{first}{digits(2)} {digits(2)} {digits(2)}"
    if len(code) == 3:
        return f"{code}-{first}{digits(1)} {digits(2)} {digits(2)}"
    return rng.choice((f"{code}-{first}{digits(2)} {digits(2)}", f"{code}-{first}{digits(4)}",
                       f"{code}-{first}{digits(1)} {digits(2)} {digits(2)}"))


def build_owners(
    geo: Geography, seed: int
) -> tuple[dict[str, tuple[Owner, ...]], tuple[Owner, ...]]:
    """~400 owners: per region (in Zipf rank order) plus national organisations."""
    rng = random.Random(f"esf-owners-{seed}")
    n_local = N_OWNERS - len(NATIONAL_OWNERS)
    total = sum(REGION_WEIGHTS.values())
    seen: set[str] = set()
    by_region: dict[str, tuple[Owner, ...]] = {}
    for region, weight in REGION_WEIGHTS.items():
        want = max(12, round(n_local * weight / total))
        owners: list[Owner] = []
        for _ in range(want * 50):
            if len(owners) == want:
                break
            name, home, domain = _owner_name(rng, geo.by_region[region])
            if name in seen:
                continue
            seen.add(name)
            contacts = tuple(_person(rng, domain) for _ in range(rng.choice((1, 1, 2, 3))))
            phone = None if rng.random() < 0.06 else _phone(rng, home.county_code)
            owners.append(Owner(name, region, home, contacts, phone, st.themes_in(name)))
        by_region[region] = tuple(owners)
    national = []
    for name in NATIONAL_OWNERS:
        domain = _slug(name.split(",")[0].split(" - ")[0]) + ".se"
        contacts = tuple(_person(rng, domain) for _ in range(rng.choice((1, 2))))
        national.append(Owner(name, None, None, contacts, _phone(rng, "01"), st.themes_in(name)))
    return by_region, tuple(national)


def _zipf_cum(n: int, s: float = 1.1, q: float = 2.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + q) ** s for i in range(n)))


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


@dataclass
class Environment:
    geo: Geography
    owners: dict[str, tuple[Owner, ...]]
    national: tuple[Owner, ...]
    owner_cum: dict[str, list[float]]
    national_cum: list[float]
    region_names: tuple[str, ...]
    region_cum: list[float]
    pool: Sequence[str]
    source: str


def _starts_with_label(line: str) -> bool:
    """Would the ESF parser read this body line as a metadata label line?

    >>> _starts_with_label("Region Skåne har beslutat om en ny satsning.")
    True
    >>> _starts_with_label("Regionen har beslutat om en ny satsning.")
    False
    """
    for label in LABELS:
        if line.startswith(label):
            rest = line[len(label):]
            if not rest or not rest[0].islower():
                return True
    return False


def build_environment(seed: int, pool: Sequence[str], source: str,
                      data_dir: Path = DATA) -> Environment:
    pool = [s for s in pool if not _starts_with_label(s)]
    if not pool:
        raise ValueError("the text source yielded no usable sentences")
    geo = load_geography(data_dir)
    owners, national = build_owners(geo, seed)
    return Environment(
        geo=geo, owners=owners, national=national,
        owner_cum={r: _zipf_cum(len(os)) for r, os in owners.items()},
        national_cum=_zipf_cum(len(national)),
        region_names=tuple(REGION_WEIGHTS),
        region_cum=list(itertools.accumulate(REGION_WEIGHTS.values())),
        pool=pool, source=source,
    )


def _pick(rng: random.Random, items: Sequence, cum: list[float]):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                      31][month - 1])
    return date(year, month, day)


def _period(rng: random.Random, phase: str) -> tuple[date, date]:
    year = rng.choices(START_YEARS, weights=START_YEAR_WEIGHTS)[0]
    start = date(year, rng.randint(1, 12), 1 if rng.random() < 0.6 else rng.randint(2, 28))
    if phase == "Förprojektering":
        months = rng.randint(6, 9)
    elif phase == "Analys- och planering":
        months = rng.randint(6, 12)
    else:
        months = rng.randint(6, 11) if rng.random() < 0.1 else rng.randint(12, 36)
    end = _add_months(start, months)
    end = end - timedelta(days=1) if rng.random() < 0.7 else end + timedelta(rng.randint(0, 20))
    return start, end


def _budgets(rng: random.Random, phase: str) -> tuple[int, int]:
    r = rng.random()
    if r < 0.04:
        return 0, 0
    median, sigma, lo, hi = {
        "Förprojektering": (450_000, 0.6, 80_000, 2_000_000),
        "Analys- och planering": (800_000, 0.6, 150_000, 3_000_000),
    }.get(phase, (3_500_000, 0.9, 300_000, 80_000_000))
    total = int(min(hi, max(lo, rng.lognormvariate(math.log(median), sigma))))
    total = rng.choice((total, total, round(total, -2), round(total, -3)))
    if r < 0.05:
        return 0, total
    esf = total if rng.random() < 0.18 else int(total * rng.uniform(0.4, 0.95))
    return esf, total


def _kommuner(rng: random.Random, env: Environment, region: str,
              home: Kommun | None) -> list[Kommun]:
    r = rng.random()
    n = (rng.randint(1, 3) if r < 0.35 else rng.randint(4, 10) if r < 0.7
         else rng.randint(11, 25) if r < 0.9 else rng.randint(26, 40))
    local = env.geo.by_region[region]
    chosen: dict[str, Kommun] = {}
    if home is not None and home.region == region:
        chosen[home.name] = home
    for _ in range(n * 6):
        if len(chosen) >= n:
            break
        k = rng.choice(local) if rng.random() < 0.9 else rng.choice(env.geo.kommuner)
        chosen.setdefault(k.name, k)
    return sorted(chosen.values(), key=lambda k: swedish_key(k.name))


def _doc_themes(rng: random.Random, owner: Owner, program: str,
                sections: list[int]) -> frozenset[str]:
    themes = set(owner.themes)
    for theme, p in THEME_PROB.items():  # dict order: deterministic
        if theme == "kompetens" and "Kompetens" in program:
            p = 0.6
        if rng.random() < p:
            themes.add(theme)
    themes.update(SECTION_THEME[i] for i in sections if i in SECTION_THEME)
    return frozenset(themes)


class _Writer:
    """Builds the prose of one document."""

    def __init__(self, rng: random.Random, env: Environment, themes: frozenset[str],
                 ctx: st.SlotContext, sections: list[int]):
        self.rng = rng
        self.env = env
        self.ctx = ctx
        self.allowed = [t for t in st.DOMAIN_TEMPLATES if t.themes <= themes]
        covered = {SECTION_THEME[i] for i in sections if i in SECTION_THEME}
        self.pending = sorted(themes - covered)
        rng.shuffle(self.pending)
        self.themes = themes
        self.used: set[str] = set()

    def _render(self, candidates: Sequence[st.Template]) -> str:
        """A rendered template, avoiding sentences this document already has."""
        for _ in range(4):
            text = self.rng.choice(candidates).render(self.rng, self.ctx)
            if text not in self.used:
                break
        self.used.add(text)
        return text

    def theme_sentence(self, theme: str) -> str:
        candidates = [t for t in self.allowed if theme in t.themes]
        if not candidates:
            candidates = [t for tpls in st.SECTION_TEMPLATES.values() for t in tpls
                          if theme in t.themes and t.themes <= self.themes]
        return self._render(candidates)

    def domain_sentence(self, section: int) -> str:
        special = st.SECTION_TEMPLATES.get(SECTIONS[section])
        if special:
            return self._render(special)
        if self.pending:
            return self.theme_sentence(self.pending.pop())
        return self._render(self.allowed)

    def paragraph(self, section: int, opener: bool) -> str:
        rng = self.rng
        pool = self.env.pool
        n = rng.randint(2, 8)
        pos = rng.randrange(len(pool))
        out = []
        if opener:
            out.append(self._render(st.OPENERS[SECTIONS[section]]))
        for _ in range(n - len(out)):
            if rng.random() < DOMAIN_SHARE[section]:
                out.append(self.domain_sentence(section))
            else:
                out.append(pool[pos % len(pool)])
                pos += 1
        return " ".join(out)

    def goals(self, phase: str) -> str:
        rng = self.rng
        goals = [t for t in st.GOAL_TEMPLATES if t.themes <= self.themes]
        picked = rng.sample(goals, min(len(goals), rng.randint(3, 10)))
        lead = ("Förprojekteringen har som mål att:" if phase == "Förprojektering"
                else rng.choice(st.GOAL_LEADS))
        return "\n".join([lead] + ["- " + t.render(rng, self.ctx) for t in picked])

    def section(self, section: int, budget: int, phase: str) -> list[str]:
        rng = self.rng
        paragraphs: list[str] = []
        size = 0
        # Stop half a paragraph early on average, so sections hit their budget.
        while size < budget - 300 or not paragraphs:
            par = self.paragraph(section, opener=not paragraphs and section in (0, 2))
            if section == 1 and paragraphs and rng.random() < 0.2:
                par = rng.choice(st.SUBHEADINGS) + "\n" + par
            if section == 1 and rng.random() < 0.03:  # a plain list of organisations
                par = "\n".join(o for o in self.ctx.kommun_orgs if not _starts_with_label(o))
            if section == 3 and not paragraphs and rng.random() < 0.6:
                par = self.goals(phase)
            paragraphs.append(par)
            size += len(par) + 2
        return paragraphs


def _join_paragraphs(rng: random.Random, paragraphs: list[str]) -> str:
    out = paragraphs[0]
    for par in paragraphs[1:]:
        out += ("\n" if rng.random() < 0.2 else "\n\n") + par
    return out


def _list_items(rng: random.Random, env: Environment, region: str, themes: frozenset[str],
                kommuner: list[Kommun], owner: Owner, lo: int, hi: int) -> list[str]:
    candidates = [o.name for o in env.owners[region] if o.themes <= themes and o is not owner]
    candidates += [f"{k.org}, {rng.choice(KOMMUN_UNITS)}" for k in kommuner[:10]]
    if "arbetsformedlingen" in themes:
        candidates += [f"Arbetsförmedlingen {k.name}" for k in kommuner[:6]]
    if "forsakringskassan" in themes:
        candidates += [f"Försäkringskassan {k.name}" for k in kommuner[:4]]
    generic = ["Socialförvaltningen", "Kommunledningskontoret", "Arbetsmarknadsenheten",
               "Individ och familjeomsorg", "Vuxenutbildningen", "Socialtjänsten"]
    n = min(hi, lo + int((rng.paretovariate(1.3) - 1) * (hi - lo) / 3))
    items = []
    for _ in range(n):
        items.append(rng.choice(generic) if rng.random() < 0.15 else rng.choice(candidates))
    if hi < 20:  # short lists have no duplicates; "Deltagande aktörer" may
        items = list(dict.fromkeys(items))
    return sorted(items, key=swedish_key)


def make_document(index: int, seed: int, env: Environment) -> str:
    """The text of document ``index`` (a pure function of seed, index and environment)."""
    rng = random.Random(f"esf-doc-{seed}-{index}")
    target = int(min(MAX_DOC_BYTES, max(MIN_DOC_BYTES, rng.lognormvariate(
        math.log(AVG_DOC_BYTES / math.exp(0.5 ** 2 / 2)), 0.5))))

    if rng.random() < NATIONAL_OWNER_SHARE:
        owner = _pick(rng, env.national, env.national_cum)
        region = _pick(rng, env.region_names, env.region_cum)
    else:
        region = _pick(rng, env.region_names, env.region_cum)
        owner = _pick(rng, env.owners[region], env.owner_cum[region])
    phase = _weighted(rng, PHASES)
    start, end = _period(rng, phase)
    program = _weighted(rng, next(v for y, v in PROGRAMS.items() if start.year <= y))
    esf, total = _budgets(rng, phase)
    contact, email = rng.choice(owner.contacts)
    phone = owner.phone if owner.phone and rng.random() > 0.04 else "saknas"
    kommuner = _kommuner(rng, env, region, owner.home)

    sections = [i for i, p in enumerate(SECTION_PROB) if rng.random() < p]
    while len(sections) < 4:
        extra = [i for i in range(len(SECTIONS)) if i not in sections]
        sections = sorted(sections + [rng.choice(extra)])
    themes = _doc_themes(rng, owner, program, sections)

    names = [k.name for k in kommuner]
    home = owner.home if owner.home is not None and owner.home.region == region else kommuner[0]
    ctx = st.SlotContext(kommuner=[home.name] + names[:4], lan=home.county,
                         kommun_orgs=[k.org for k in kommuner[:12]], year=start.year)
    titles = [t for t in st.TITLE_TEMPLATES if t.themes <= themes]
    title = rng.choice(titles).render(rng, ctx)

    head = ["Logotyp på utskrifter", ""]
    for banner in BANNERS:
        if rng.random() < BANNER_PROB:
            for line in banner:
                head += [line, ""]
    head += [title, ""]
    values = (program, phase, owner.name, contact, email, phone, format_kronor(esf),
              format_kronor(total), f"{start.isoformat()} till {end.isoformat()}", region)
    head += [label + value for label, value in zip(LABELS, values, strict=True)]
    head += ["In English", ""]

    tail: list[str] = []
    for heading, p, lo, hi in LISTS:
        if rng.random() < p:
            items = _list_items(rng, env, region, themes, kommuner, owner, lo, hi)
            tail += [heading, ""] + [" • " + item for item in items] + [""]
    tail += ["Kommun", ""] + [" • " + name for name in names]

    writer = _Writer(rng, env, themes, ctx, sections)
    fixed = sum(len(x) + 1 for x in head + tail)
    body = max(1200, int(target / 1.03) - fixed)  # å, ä, ö take two bytes
    share = sum(SECTION_SHARE[i] for i in sections)
    texts = {i: writer.section(i, int(body * SECTION_SHARE[i] / share), phase) for i in sections}
    while writer.pending:  # themes not yet mentioned go into the summary
        texts[0][-1] += " " + writer.theme_sentence(writer.pending.pop())

    def render() -> str:
        middle: list[str] = []
        for i in sections:
            middle += [SECTIONS[i], "", _join_paragraphs(random.Random(f"{seed}-{index}-{i}"),
                                                         texts[i]), ""]
        return "\n".join(head + middle + tail)

    text = render()
    grow = sections[1] if len(sections) > 1 else 0
    while len(text.encode("utf-8")) < MIN_DOC_BYTES:
        texts[grow].append(writer.paragraph(grow, opener=False))
        text = render()
    while len(text.encode("utf-8")) > MAX_DOC_BYTES:
        # The summary keeps its paragraphs: its last one holds the late theme sentences.
        trimmable = [i for i in sections if i != 0 and len(texts[i]) > 1]
        if not trimmable:
            break
        texts[max(trimmable, key=lambda i: sum(map(len, texts[i])))].pop()
        text = render()
    return text


# ---------------------------------------------------------------------------
# Text source and corpus
# ---------------------------------------------------------------------------


def load_pool(source: str = "auto", cache_dir: Path | None = None) -> tuple[list[str], str]:
    """Filler sentences and a description of where they came from."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of {SOURCES}")
    if source != "builtin":
        cache = Path(cache_dir or DEFAULT_CACHE)
        found = st.journal_digital_speech_dir(cache)
        if found:
            speech, version = found
            pool = st.journal_digital_sentences(speech, cache, version)
            if len(pool) >= 1000:
                return pool, f"{st.JOURNAL_DIGITAL} {version}"
        if source == "journal-digital":
            raise RuntimeError(f"the text source {st.JOURNAL_DIGITAL} is not available")
        print(f"make_corpus: WARNING: {st.JOURNAL_DIGITAL} is not available; falling back to "
              "the built-in text (domain templates and corpus/*.txt sentences). The corpus "
              "will be much more repetitive.", file=sys.stderr)
    return st.builtin_sentences(SEED_CORPUS), "builtin"


def _read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate_corpus(out_dir: str | Path, n_docs: int, seed: int = 42, *, source: str = "auto",
                    force: bool = False, cache_dir: str | Path | None = None,
                    verbose: bool = False) -> Path:
    """Write ``esf_000000.txt`` … into ``out_dir`` and return it.

    A directory that already holds the same corpus (same size, seed, source and
    generator version, per its ``manifest.json``) is left alone. Any other non-empty
    directory is refused unless ``force`` is set, which deletes its ``esf_*.txt``.
    """
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    out = Path(out_dir)
    wanted = {"format_version": FORMAT_VERSION, "docs": n_docs, "seed": seed,
              "requested_source": source}
    old = _read_manifest(out)
    if (not force and old and all(old.get(k) == v for k, v in wanted.items())
            and all((out / f"esf_{i:06d}.txt").is_file() for i in range(n_docs))):
        if verbose:
            print(f"{out} already holds this corpus ({n_docs} docs, seed {seed}); nothing to do")
        return out
    if out.exists() and any(out.iterdir()):
        if not force:
            raise FileExistsError(f"{out} is not empty; use --force (force=True) to replace it")
        for stale in sorted(out.glob("esf_*.txt")):
            stale.unlink()
        (out / MANIFEST).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)

    pool, described = load_pool(source, Path(cache_dir) if cache_dir else None)
    env = build_environment(seed, pool, described)
    total = 0
    for i in range(n_docs):
        data = make_document(i, seed, env).encode("utf-8")
        (out / f"esf_{i:06d}.txt").write_bytes(data)
        total += len(data)
    manifest = dict(wanted, source=described, bytes=total, generator="bench/make_corpus.py")
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--force", action="store_true", help="replace an existing corpus")
    parser.add_argument("--source", choices=SOURCES, default="auto",
                        help="filler text: journal-digital (installed on demand), the "
                             "built-in fallback, or auto (journal-digital, else built-in)")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help=f"where journal-digital is installed (default {DEFAULT_CACHE})")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    try:
        out = generate_corpus(args.out, args.docs, args.seed, source=args.source,
                              force=args.force, cache_dir=args.cache_dir, verbose=True)
    except (FileExistsError, RuntimeError, ValueError) as exc:
        print(f"make_corpus: error: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - t0
    manifest = _read_manifest(out) or {}
    size = manifest.get("bytes", 0)
    print(f"docs: {args.docs}  size: {size / 1e6:.1f} MB  "
          f"(avg {size / max(1, args.docs) / 1000:.1f} KB)  time: {seconds:.1f} s  "
          f"source: {manifest.get('source', '?')}  out: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
