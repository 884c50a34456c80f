"""Swedish sentence sources and ESF domain templates for the benchmark corpus generator.

Two kinds of text go into a generated document:

* *Filler* prose: real Swedish sentences from the PyPI package ``journal-digital``
  (speech transcripts of Swedish newsreels, 2.2 M words, CC BY-NC 4.0 — used as
  benchmark input only, never shipped). When it cannot be had, a small built-in pool
  (sentences of ``corpus/*.txt`` plus rendered domain templates) is used instead.
* *Domain* sentences rendered from hand-written templates about social enterprises,
  ASF, supervisors, Arbetsförmedlingen etc. Every template carries the set of
  *themes* whose trigger words it contains, so the generator controls how many
  documents mention e.g. "kooperativ" or "handledare". Filler sentences containing a
  trigger word are dropped from the pool for the same reason.

Everything here is deterministic: files are read in sorted order, and all randomness
comes from the ``random.Random`` instance the caller passes in.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

JOURNAL_DIGITAL = "journal-digital"
# Pinned so that the same arguments give the same corpus on every machine.
JOURNAL_DIGITAL_VERSION = "2025.12.30.2"

# Theme → the (lower-case) words whose presence in a document that theme controls.
THEME_WORDS: dict[str, tuple[str, ...]] = {
    "kooperativ": ("kooperativ",),
    "asf": ("arbetsintegrerande",),
    "handledare": ("handledare",),
    "arbetsformedlingen": ("arbetsförmedling",),
    "forsakringskassan": ("försäkringskassa",),
    "samordningsforbund": ("samordningsförbund",),
    "kompetens": ("kompetensutveckling",),
    "jamstalldhet": ("jämställd",),
    "funktion": ("funktionsnedsättning", "funktionshind"),
}

# Filler sentences with these (lower-case) substrings are dropped: transcription
# artefacts and a few dated words that have no place in a modern project text.
_JUNK_WORDS = (
    "textning", "undertext", "tack för att ni", "prenumerera", "www", "http", ".se ",
    "musik", "neger", "zigenar", "lapp", "jävla", "fan ", "-->",
)
_BAD_STARTS = ("Ja,", "Nej,", "Jo,", "Hej", "Tack", "Och så", "Å ", "Ah", "Oj", "Nå,")
# A Swedish sentence has at least one of these words and none of the foreign ones
# (the newsreels have some English, German and Dutch speech).
_SWEDISH_WORDS = frozenset(
    "och att det är som en ett på i av för med har den till de vi var om man sig inte "
    "han hon ska kan blir eller så från efter nu här där också".split()
)
_FOREIGN_WORDS = frozenset(
    "the and of you this that with der die und das ist nicht zu ein eine een van wird "
    "les des est une pour".split()
)


def themes_in(text: str) -> frozenset[str]:
    """The themes whose trigger words occur in ``text``.

    >>> sorted(themes_in("Kooperativet och Arbetsförmedlingen"))
    ['arbetsformedlingen', 'kooperativ']
    >>> themes_in("Social ekonomi för ökad välfärd")
    frozenset()
    """
    low = text.lower()
    return frozenset(t for t, words in THEME_WORDS.items() if any(w in low for w in words))


# ---------------------------------------------------------------------------
# Sentence splitting and filtering
# ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ])")
_GOOD_SHAPE = re.compile(r"^[A-ZÅÄÖ][^\n]*[a-zåäöé0-9)]\.$")
_TIMESTAMP = re.compile(r"\d{1,2}:\d{2}")
_INNER_STOP = re.compile(r"[.!?] [a-zåäö]")
_ODD_CHARS = re.compile(r"[\"“”«»♪#*_=<>\[\]{}|\\/…]|\.\.|\s[,.]")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences (a simple punctuation rule).

    >>> split_sentences("Det regnar. Vi går hem! Sen då? ja")
    ['Det regnar.', 'Vi går hem!', 'Sen då? ja']
    """
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def is_good_sentence(sentence: str) -> bool:
    """Keep plain declarative prose of a sensible length; drop junk and theme words.

    >>> is_good_sentence("Cirka 150 000 volymer förvaras i landsarkivet i staden.")
    True
    >>> is_good_sentence("Hurra!")
    False
    >>> is_good_sentence("00:00:19,734 --> 00:00:21,554 och sedan kom de hem.")
    False
    >>> is_good_sentence("Kooperativa förbundet öppnar en ny butik i staden.")
    False
    >>> is_good_sentence("No wonder they call it the Grand National today.")
    False
    """
    if not 35 <= len(sentence) <= 260 or not _GOOD_SHAPE.match(sentence):
        return False
    words = sentence.split()
    if not 6 <= len(words) <= 45 or max(len(w) for w in words) > 28:
        return False
    if sentence.startswith(_BAD_STARTS) or _TIMESTAMP.search(sentence):
        return False
    if _ODD_CHARS.search(sentence) or _INNER_STOP.search(sentence):
        return False
    tokens = {w.strip(",.:;!?").lower() for w in words}
    if tokens.isdisjoint(_SWEDISH_WORDS) or not tokens.isdisjoint(_FOREIGN_WORDS):
        return False
    low = sentence.lower()
    if any(j in low for j in _JUNK_WORDS) or themes_in(sentence):
        return False
    # Lists of names and headline fragments: too many capitalised words.
    capitals = sum(1 for w in words[1:] if w[0].isupper())
    return capitals * 3 <= len(words)


def _dedupe(sentences: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for s in sentences:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


# ---------------------------------------------------------------------------
# journal-digital
# ---------------------------------------------------------------------------


def _installed_speech_dir() -> tuple[Path, str] | None:
    """The package's speech transcripts if it is importable (without importing it)."""
    try:
        spec = importlib.util.find_spec("journal_digital")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    speech = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "speech"
    if not speech.is_dir():
        return None
    try:
        version = importlib.metadata.version(JOURNAL_DIGITAL)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return speech, version


def journal_digital_speech_dir(cache_dir: Path, install: bool = True) -> tuple[Path, str] | None:
    """Locate journal-digital's speech transcripts, installing the package on demand.

    The package pins heavy runtime dependencies (pandas, an older tqdm) that reading
    its ``.srt`` files does not need, so it is installed with ``--no-deps`` into
    ``cache_dir`` rather than into the project's environment. An installation that is
    already importable is used as is.
    """
    found = _installed_speech_dir()
    if found:
        return found
    target = cache_dir / f"{JOURNAL_DIGITAL}-{JOURNAL_DIGITAL_VERSION}"
    speech = target / "journal_digital" / "corpus" / "speech"
    if speech.is_dir():
        return speech, JOURNAL_DIGITAL_VERSION
    if not install:
        return None
    print(
        f"make_corpus: the text source '{JOURNAL_DIGITAL}' (Swedish newsreel transcripts, "
        f"CC BY-NC 4.0, ~45 MB) is not installed.\n"
        f"make_corpus: installing {JOURNAL_DIGITAL}=={JOURNAL_DIGITAL_VERSION} with pip into "
        f"{target} (benchmark input only, not a project dependency) ...",
        file=sys.stderr,
        flush=True,
    )
    cmd = [
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--target", str(target), f"{JOURNAL_DIGITAL}=={JOURNAL_DIGITAL_VERSION}",
    ]
    try:
        result = subprocess.run(cmd, check=False)
    except OSError as exc:  # pragma: no cover - no pip at all
        print(f"make_corpus: could not run pip: {exc}", file=sys.stderr)
        return None
    if result.returncode != 0 or not speech.is_dir():
        print(f"make_corpus: installing {JOURNAL_DIGITAL} failed.", file=sys.stderr)
        return None
    return speech, JOURNAL_DIGITAL_VERSION


def _srt_text(path: Path) -> str:
    """The subtitle text of one ``.srt`` file as one running string."""
    raw = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    parts = []
    for block in raw.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if len(lines) >= 3 and "-->" in lines[1]:
            parts.extend(line.strip() for line in lines[2:])
    return " ".join(parts)


def journal_digital_sentences(speech_dir: Path, cache_dir: Path | None = None,
                              version: str = "") -> list[str]:
    """All good sentences of the speech transcripts, in a fixed order.

    Extracting them takes a few seconds, so the result is cached in ``cache_dir``
    under a key of the package version and this module's source (any change to the
    filters invalidates it).
    """
    cache = None
    if cache_dir is not None:
        key = hashlib.sha256(version.encode() + Path(__file__).read_bytes()).hexdigest()[:16]
        cache = cache_dir / f"sentences-{JOURNAL_DIGITAL}-{key}.txt"
        if cache.is_file():
            return cache.read_text(encoding="utf-8").split("\n")
    pool = _extract_sentences(speech_dir)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            tmp.write_text("\n".join(pool), encoding="utf-8")
            tmp.replace(cache)
            for old in cache_dir.glob(f"sentences-{JOURNAL_DIGITAL}-*.txt"):
                if old != cache:
                    old.unlink()
        except OSError:
            pass  # a read-only cache only costs time
    return pool


def _extract_sentences(speech_dir: Path) -> list[str]:
    files = sorted(speech_dir.rglob("*.srt"), key=lambda p: p.relative_to(speech_dir).as_posix())
    out: list[str] = []
    for path in files:
        out.extend(s for s in split_sentences(_srt_text(path)) if is_good_sentence(s))
    return _dedupe(out)


# ---------------------------------------------------------------------------
# Built-in fallback
# ---------------------------------------------------------------------------


def builtin_sentences(corpus_dir: Path | None) -> list[str]:
    """Fallback filler: sentences of the seed documents plus rendered general templates."""
    out: list[str] = []
    if corpus_dir is not None and corpus_dir.is_dir():
        for path in sorted(corpus_dir.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for paragraph in re.split(r"\n\s*\n", text):
                out.extend(s for s in split_sentences(paragraph) if is_good_sentence(s))
    rng = random.Random("builtin-filler")
    ctx = SlotContext(kommuner=["Borås", "Kalmar", "Luleå", "Sundsvall"], lan="Skåne län",
                      kommun_orgs=["Borås Stad"], year=2012)
    general = [t for t in DOMAIN_TEMPLATES if not t.themes and "{kommun" not in t.text
               and "{lan}" not in t.text]
    for _ in range(400):
        out.append(rng.choice(general).render(rng, ctx))
    return _dedupe(out)


# ---------------------------------------------------------------------------
# Domain templates
# ---------------------------------------------------------------------------

WORDS: dict[str, tuple[str, ...]] = {
    "malgrupp": (
        "långtidsarbetslösa", "unga vuxna som varken arbetar eller studerar",
        "nyanlända kvinnor", "personer med psykisk ohälsa", "personer med försörjningsstöd",
        "utrikes födda kvinnor", "personer med missbruksbakgrund", "långtidssjukskrivna",
        "unga med avbrutna gymnasiestudier", "personer som länge stått utanför arbetsmarknaden",
        "äldre arbetssökande", "kvinnor med kort utbildning", "personer i behov av arbetsträning",
    ),
    "bransch": (
        "café och catering", "second hand-försäljning", "trädgårdsskötsel",
        "fastighetsskötsel", "snickeri", "tvätteri", "städtjänster", "cykelreparationer",
        "lokalvård", "återbruk", "bageri", "flytt och transport", "hemtjänst",
        "restaurang", "textilt hantverk", "skog och natur", "lager och logistik",
    ),
    "aktivitet": (
        "arbetsträning", "praktik", "studiebesök", "yrkesutbildning", "språkträning",
        "individuell coachning", "validering", "friskvårdsaktiviteter",
        "studie- och yrkesvägledning", "gruppverksamhet",
    ),
    "metod": (
        "Supported Employment", "motiverande samtal", "ett lösningsfokuserat arbetssätt",
        "IPS-metoden", "stegvis arbetsträning", "ett coachande förhållningssätt",
        "mentorskap", "kartläggning av arbetsförmåga", "peer support",
    ),
    "aktor": (
        "socialtjänsten", "vuxenutbildningen", "regionens psykiatri", "det lokala näringslivet",
        "folkhögskolan", "studieförbunden", "civilsamhällets organisationer",
        "primärvården", "gymnasieskolan", "kommunens arbetsmarknadsenhet",
    ),
    "koopnamn": (
        "Fixarna", "Vägen ut", "Bruk för alla", "Gröna Händer", "Kafé Kuriosa",
        "Återbruket", "Vävstolen", "Trädgårdsgänget", "Veteaxet", "Steget",
        "Hantverkarna", "Cykelköket", "Lyckans bageri", "Lövsta", "Kvarnen", "Solrosen",
    ),
    "projnamn": (
        "Språngbrädan", "Steget vidare", "Vägen ut", "Nya jobb", "Mötesplatsen",
        "Kraftverket", "Framtidsverkstaden", "Lärande i arbete", "Delta", "Bron", "Navet",
        "Kompassen", "Startpunkten", "Arbetsglädje", "Växthuset", "Möjligheternas hus",
        "Jobbhuset", "Trappan", "Inkludera", "Tillsammans", "Nystart", "Ung framtid",
        "Mosaik", "Drivkraft", "Fotfäste", "Hållbart arbetsliv", "Vändpunkten", "Kliv in",
    ),
    "syfte": (
        "skapa fler vägar till arbete för {malgrupp}",
        "stärka samverkan mellan {aktor} och {aktor}",
        "utveckla nya metoder för arbetsträning inom {bransch}",
        "öka kunskapen om socialt företagande i {lan}",
        "ge {malgrupp} möjlighet att pröva på arbete inom {bransch}",
        "minska utanförskapet bland {malgrupp} i {kommun}",
        "pröva och utvärdera {metod} i {kommun}",
    ),
}

_SLOT = re.compile(r"\{([a-z_]+)\}")


@dataclass
class SlotContext:
    """Per-document values that template slots draw from."""

    kommuner: Sequence[str]
    lan: str
    kommun_orgs: Sequence[str]
    year: int


@dataclass(frozen=True)
class Template:
    text: str
    themes: frozenset[str]

    def render(self, rng: random.Random, ctx: SlotContext) -> str:
        return _render(self.text, rng, ctx)


def _render(text: str, rng: random.Random, ctx: SlotContext) -> str:
    used: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        # Two slots of one kind in a sentence ("mellan {aktor} och {aktor}") differ.
        value = _fill(match.group(1), rng, ctx)
        for _ in range(3):
            if value not in used:
                break
            value = _fill(match.group(1), rng, ctx)
        used.add(value)
        return value

    return _SLOT.sub(fill, text)


def _fill(slot: str, rng: random.Random, ctx: SlotContext) -> str:
    if slot == "kommun":
        return rng.choice(ctx.kommuner)
    if slot == "kommun_org":
        return rng.choice(ctx.kommun_orgs)
    if slot == "lan":
        return ctx.lan
    if slot == "antal":
        return str(rng.choice((12, 15, 20, 24, 25, 30, 36, 40, 45, 50, 60, 75, 80, 100, 120)))
    if slot == "antal_small":
        return rng.choice(("två", "tre", "fyra", "fem", "sex", "åtta", "tio"))
    if slot == "procent":
        return str(rng.choice((20, 25, 30, 35, 40, 45, 50, 60, 70)))
    if slot == "manader":
        return str(rng.choice((6, 9, 12, 18, 24, 30, 36)))
    if slot == "ar":
        return str(ctx.year - rng.randint(1, 4))
    value = rng.choice(WORDS[slot])
    return _render(value, rng, ctx) if "{" in value else value


def _templates(block: str) -> tuple[Template, ...]:
    """One template a line; an indented line continues the one above."""
    texts: list[str] = []
    for line in block.strip("\n").splitlines():
        if line[:1].isspace() and texts:
            texts[-1] += " " + line.strip()
        elif line.strip():
            texts.append(line.strip())
    return tuple(Template(text, themes_in(text)) for text in texts)


# Themes of a template are derived from its text, so they can never disagree with it.
DOMAIN_TEMPLATES = _templates("""
De sociala arbetskooperativen i {kommun} erbjuder meningsfulla arbeten inom {bransch}.
I kooperativet {koopnamn} arbetar i dag {antal} medlemmar med {bransch}.
Projektet ska stödja bildandet av minst {antal_small} nya sociala arbetskooperativ i {lan}.
Kooperativets medlemmar deltar själva i besluten om hur arbetet ska organiseras.
Genom det kooperativa arbetssättet tar deltagarna ansvar för både produktion och ekonomi.
Erfarenheterna från arbetskooperativet {koopnamn} visar att {procent} procent av deltagarna har
    gått vidare till arbete eller studier.
Coompanion ger rådgivning till grupper som vill starta ett kooperativ i {kommun}.
Ett socialt arbetskooperativ drivs som en ekonomisk förening där vinsten återinvesteras i
    verksamheten.
Medlemmarna i kooperativet {koopnamn} har tillsammans utvecklat en ny affärsidé inom {bransch}.
Arbetsintegrerande sociala företag har som huvudsyfte att integrera människor som står långt
    från arbetsmarknaden i arbetsliv och samhälle.
I {lan} finns i dag omkring {antal} arbetsintegrerande sociala företag med verksamhet inom bland
    annat {bransch}.
De arbetsintegrerande sociala företagen återinvesterar sina vinster i den egna eller liknande
    verksamheter.
Projektet vill öka kommunens köp av tjänster från arbetsintegrerande sociala företag genom
    sociala hänsyn i offentlig upphandling.
Ett idéburet offentligt partnerskap mellan {kommun_org} och de arbetsintegrerande sociala
    företagen ger verksamheten en långsiktig finansiering.
Arbetsintegrerande sociala företag (ASF) erbjuder arbetsträning, praktik och anställning med stöd.
Flera av de arbetsintegrerande sociala företagen i {kommun} drivs som kooperativ med deltagarna
    som medlemmar.
Varje deltagare får stöd av en handledare som följer personen genom hela projekttiden.
Projektet utbildar {antal_small} handledare i {metod}.
Alla handledare på arbetsplatserna får återkommande handledning och nätverksträffar.
En erfaren handledare kan ta emot högst fyra deltagare samtidigt.
Behovet av utbildade handledare inom {bransch} är stort i {kommun}.
Handledare och deltagare upprättar tillsammans en individuell plan för arbetsträningen.
Pilotutbildningen för handledare i sociala arbetskooperativ omfattar tio utbildningsdagar.
Deltagarna anvisas till projektet av Arbetsförmedlingen i {kommun}.
Arbetsförmedlingen och {kommun_org} har tecknat en överenskommelse om gemensamma insatser.
Samarbetet med arbetsförmedlingen gör det möjligt att kombinera arbetsträning med lönestöd.
Arbetsförmedlingens handläggare deltar i projektets styrgrupp.
Efter avslutad insats återgår deltagarna till Arbetsförmedlingen med en tydlig plan för nästa steg.
Enligt Arbetsförmedlingen är arbetslösheten bland {malgrupp} i {kommun} fortfarande hög.
Försäkringskassan bidrar med kunskap om sjukförsäkringen och om deltagarnas rätt till ersättning.
Många av deltagarna har under lång tid haft sjuk- eller aktivitetsersättning från Försäkringskassan.
Försäkringskassan ansvarar för att samordna rehabiliteringen för sjukskrivna deltagare.
Handläggare från Försäkringskassan i {kommun} deltar i de gemensamma kartläggningsmötena.
Nya lokala samarbetsformer med Försäkringskassan och Arbetsförmedlingen ska prövas under
    projekttiden.
Samordningsförbundet finansierar insatser där kommunen, regionen, Arbetsförmedlingen och
    Försäkringskassan samverkar.
Projektet är en del av samordningsförbundets arbete med finansiell samordning i {kommun}.
Samordningsförbundet i {kommun} har sedan {ar} stöttat utvecklingen av sociala företag.
Genom samordningsförbundet kan parterna dela på kostnaderna för gemensamma rehabiliteringsinsatser.
En styrgrupp med representanter från samordningsförbundet följer projektets resultat.
Projektet erbjuder kompetensutveckling för personal inom {bransch}.
Kompetensutvecklingen omfattar både yrkesspecifika kurser och kurser i arbetsmiljö och
    kommunikation.
En plan för kompetensutveckling upprättas för varje medarbetare i början av projektet.
Behovet av kompetensutveckling har kartlagts genom intervjuer med {antal} anställda.
Genom kompetensutveckling ska de anställda stärka sin ställning på arbetsmarknaden.
Satsningen på kompetensutveckling riktar sig särskilt till anställda med kort utbildning.
Projektet vänder sig till {malgrupp} i {kommun} och närliggande kommuner.
Målgruppen består av {malgrupp} som behöver stöd för att närma sig arbetsmarknaden.
Under projekttiden ska {antal} deltagare ta del av {aktivitet} och individuellt stöd.
Insatserna genomförs i nära samverkan med {aktor} och {aktor}.
Syftet är att fler {malgrupp} ska få en varaktig anställning eller påbörja studier.
Projektet bygger vidare på erfarenheter från en förstudie som genomfördes {ar}.
Arbetet följs upp av en extern utvärderare som lämnar en slutrapport efter {manader} månader.
Den sociala ekonomin spelar en viktig roll för att skapa nya vägar till arbete i {lan}.
Socialt företagande kan bidra till lokal utveckling och fler arbetstillfällen på landsbygden.
Projektet använder {metod} för att stärka deltagarnas självförtroende och anställningsbarhet.
Efter avslutad insats ska minst {procent} procent av deltagarna ha gått vidare till arbete eller
    studier.
Den långsiktiga målsättningen är att verksamheten ska kunna drivas vidare utan projektmedel.
Resultaten sprids genom seminarier, nyhetsbrev och projektets webbplats.
Många i målgruppen har en lång och splittrad erfarenhet av olika arbetsmarknadsinsatser.
Projektet ska ta fram en metod som kan spridas till andra kommuner i {lan}.
Deltagarna får möjlighet att pröva på arbete inom {bransch}.
En projektledare på heltid ansvarar för det dagliga arbetet i {kommun}.
Arbetslösheten i {kommun} har under flera år legat över riksgenomsnittet.
""")

# First sentences of the summary and of the purpose section.
OPENERS: dict[str, tuple[Template, ...]] = {
    "Sammanfattning": _templates("""
Projektet ska {syfte}.
Projektets mål är att {syfte}.
Projektet vill skapa nya vägar till arbete för {malgrupp} i {kommun}.
Projektet vänder sig till {malgrupp} i {kommun} och närliggande kommuner.
Under projekttiden ska {antal} deltagare ta del av {aktivitet} och individuellt stöd.
Projektet ska under {manader} månader {syfte}.
"""),
    "Syfte": _templates("""
Syftet med projektet är att {syfte}.
Projektets övergripande syfte är att {syfte}.
Syftet är att {syfte}.
Det övergripande syftet är att {syfte}.
"""),
}

SECTION_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "Tillgänglighet för personer med funktionsnedsättning": _templates("""
Projektets lokaler är tillgängliga för personer med rörelsenedsättning.
Information om projektet tas fram på lättläst svenska och i anpassade format.
Deltagare med funktionsnedsättning erbjuds individuellt anpassade arbetsuppgifter och arbetstider.
Vid behov används hörselslinga, teckentolk eller skrivtolk under utbildningstillfällena.
Personalen har lång erfarenhet av att arbeta med personer med psykisk funktionsnedsättning.
En tillgänglighetsinventering genomförs med stöd av {aktor}.
Arbetsplatserna anpassas utifrån varje deltagares förutsättningar och behov.
Projektet samarbetar med funktionshindersrörelsen i {kommun} för att ta till vara deltagarnas
    erfarenheter.
Projektets webbplats utformas så att den kan läsas med talsyntes och förstoringsprogram.
"""),
    "Jämställdhetsintegrering": _templates("""
Projektet arbetar med jämställdhetsintegrering i alla delar av verksamheten.
All statistik i projektet redovisas uppdelad på kön för att synliggöra skillnader mellan kvinnor
    och män.
En jämställdhetsanalys genomförs i början av projektet med stöd av 3R-metoden.
Målet är en jämn könsfördelning bland deltagarna, där minst {procent} procent ska vara kvinnor.
Personalen utbildas i jämställdhet och normkritiskt förhållningssätt.
Kvinnor är överrepresenterade bland {malgrupp} och projektet anpassar därför rekryteringen.
Stereotypa föreställningar om kvinnors och mäns yrkesval utmanas genom studiebesök och förebilder.
Jämställdhetsperspektivet ska genomsyra planering, genomförande och uppföljning.
Kvinnor och män ska ha samma möjligheter att delta i projektets aktiviteter i {kommun}.
"""),
}

GOAL_TEMPLATES = _templates("""
minst {antal} deltagare har fått arbete eller påbörjat studier
{procent} procent av deltagarna upplever en ökad livskvalitet
en metod för {aktivitet} har utvecklats och dokumenterats
samverkan med {aktor} har formaliserats i ett skriftligt avtal
{antal_small} nya sociala arbetskooperativ har startats i {lan}
{antal_small} handledare har genomgått utbildning
nya lokala samarbetsformer med Försäkringskassan och Arbetsförmedlingen har tillskapats
personalen har genomgått kompetensutveckling inom {bransch}
resultaten har spridits till övriga kommuner i {lan}
en plan finns för hur verksamheten ska finansieras efter projekttiden
andelen kvinnor och män bland deltagarna är jämn
{antal_small} kommuner deltar i det kommande huvudprojektet
processen att skriva samarbetsavtal har inletts med {antal_small} företag
deltagarnas behov av {aktivitet} har kartlagts
""")

TITLE_TEMPLATES = _templates("""
Sociala arbetskooperativ skapar arbete genom nya affärsidéer i samverkan
Pilotutbildning för handledare i sociala arbetskooperativ
Social ekonomi för ökad välfärd
Social ekonomi för ökad välfärd i {lan}
Kompetensutveckling inom {bransch} i {kommun}
Nya vägar till arbete för {malgrupp} i {kommun}
Arbetsintegrerande sociala företag i {lan}
Samverkan för arbete i {kommun}
{projnamn}
Projekt {projnamn}
{projnamn} – {malgrupp} på väg mot arbete
Förstudie om socialt företagande i {kommun}
Handledare i fokus – {projnamn}
Kooperativ utveckling i {lan}
{projnamn}: arbetsträning inom {bransch}
Socialt företagande som väg till arbete
Från utanförskap till egenförsörjning i {kommun}
Samordnade insatser för {malgrupp}
Kompetenslyft för {bransch} i {lan}
Jämställd arbetsmarknad i {kommun}
{projnamn} – sociala företag i {kommun}
""")

GOAL_LEADS = (
    "Projektet har som mål att:", "Målsättningen är att:",
    "Efter projekttiden ska följande ha uppnåtts:", "Projektets mål:",
)

SUBHEADINGS = (
    "Problem", "Målgrupp", "Omvärldsanalys", "Behov", "Tidigare erfarenheter", "Metod",
    "Organisation", "Samverkan", "Lokala förutsättningar", "Arbete - fritid",
)
