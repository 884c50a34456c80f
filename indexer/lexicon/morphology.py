"""Swedish morphology over the Hunspell dictionary: readings, lemmas, compound splits.

See :mod:`indexer.lexicon` for why this is our own code and not spylls' lookup.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.lexicon.cache import WordInfo
from indexer.lexicon.irregular import umlaut_lemma

log = logging.getLogger(__name__)

#: Shortest compound part accepted. The dictionary allows two-letter parts (COMPOUNDMIN
#: 2), which splits names and typos into garbage. Three letters still allows real parts
#: such as ``liv``, ``tim`` (timme) and ``sjuk``.
MIN_PART = 3

#: Shortest first part that is an adjective (``ny|anlända``, ``ny|inflyttade``). Two-letter
#: nouns and verbs (``bo|stad``, ``sy|ateljé``) stay unsplit: as first parts they are
#: nearly always the start of another word.
MIN_ADJECTIVE = 2

#: Shortest head (as a base form) of a compound the dictionary lists as a word and that has
#: no linking letter: after an adjective, and after anything else. Short heads make
#: lexicalised words with their first part (verk|stad, nät|verk, sjuk|dom, ung|dom,
#: stor|lek, ny|het), so those need a linking letter to be split.
MIN_HEAD_AFTER_ADJECTIVE = 4
MIN_HEAD = 5

#: Endings (in all their forms) that make a noun or participle of a verb. A dictionary
#: word that is such a derivation of a verb beginning with the would-be first part is not
#: a compound of that part: ``handledare`` is handleda + re, not hand + ledare;
#: ``vägledare``, ``handledning``, ``bönhörelse`` alike. (The price: ``projektledare``
#: stays whole, because the dictionary also has the verb projektleda.)
DERIVATION = re.compile(
    r"(\w+?)(?:ar(?:e|en|ens|es|na|nas)|ning(?:en|ens|ar|arna|arnas|s)?"
    r"|els(?:e|en|ens|er|erna)|ande(?:t|ts|n|na|s)?)"
)

#: Longest word analysed. Longer tokens are URLs, hashes or run-together garbage, and the
#: compound search grows quickly with the length.
MAX_WORD = 60

_EMPTY = WordInfo()

# Bits of one reading (one way to see a string as a stem plus at most one suffix).
_STD = 1  # a word on its own (not ONLYINCOMPOUND)
_BEGIN = 2  # may begin a compound
_MIDDLE = 4  # may stand in the middle of a compound
_END = 8  # may end a compound
_LINK = 16  # a compound-only form (ONLYINCOMPOUND): "arbets", "ersättnings", "kvinno"
_PROPER = 32  # from a capitalised dictionary entry
_AFFIXED = 64  # stem + suffix rather than the bare stem
_INFLECTS = 128  # a bare stem whose entry takes inflection suffixes: a lemma in its own right
_ADJ = 256  # a first part read as an adjective (ny, stor, social): not indexed as a part

# Dictionary line syntax (as spylls reads it): "stem/flags", "\/" escapes a slash,
# morphological data fields follow a tab or " xx:".
_SLASH = re.compile(r"(?<!\\)/")
_TAGS = re.compile(r"[ \t]\w{2}:|\t")

Reading = tuple[str, int]  # (lemma, bits)
Part = tuple[str, str, int]  # (surface, lemma, bits)
Atom = tuple[str, str, int]  # (surface as written in the word, dictionary word, bits)

# An agent noun in any of its forms: ledare, ledaren, ledarna, ledarnas, ledares.
_AGENT_NOUN = re.compile(r"(\w{3,}ar)(?:e|en|ens|es|na|nas)")


@dataclass(frozen=True)
class _Suffix:
    flag: str
    strip: str
    add: str
    cond: re.Pattern[str] | None  # None: no condition
    cont: frozenset[str]  # continuation flags the suffixed form gets
    linking: bool  # the suffixed form exists only inside compounds


class Morphology:
    """Lemmatiser and compound splitter over a Hunspell dictionary.

    Build it with :func:`get_morphology` (once per process) and call :meth:`analyse`.
    Loading sv_SE takes ~2.5 s (``load_seconds``) and ~95 MB; the bounded memo of
    analysed substrings adds up to ~25 MB.
    """

    def __init__(self, base: Path):
        from spylls.hunspell import readers

        from indexer.lexicon.dictionary import aff_reader, dictionary_source

        t0 = time.perf_counter()
        self.base = base
        self.source = dictionary_source(base)
        aff, context = readers.read_aff(aff_reader(base.with_suffix(".aff")))

        def flag(name: str) -> str:
            return getattr(aff, name, None) or "\0"  # "\0": a flag no entry carries

        self._f_begin = flag("COMPOUNDBEGIN")
        self._f_middle = flag("COMPOUNDMIDDLE")
        self._f_end = flag("COMPOUNDEND")
        self._f_any = flag("COMPOUNDFLAG")
        self._f_only = flag("ONLYINCOMPOUND")
        self._f_permit = flag("COMPOUNDPERMITFLAG")
        self._f_need = flag("NEEDAFFIX")
        self._f_forbid = flag("FORBIDDENWORD")
        self._max_parts = aff.COMPOUNDWORDMAX or 4
        self._check_triple = bool(aff.CHECKCOMPOUNDTRIPLE)
        self._simplified_triple = bool(aff.SIMPLIFIEDTRIPLE)
        self._check_dup = bool(aff.CHECKCOMPOUNDDUP)
        self._rep = (
            [(r.regexp, r.replacement) for r in aff.REP if "_" not in r.replacement]
            if aff.CHECKCOMPOUNDREP
            else []
        )

        # Suffix rules by the ending they add. _ending_tails holds every tail of every
        # ending, so the reverse analysis can stop as soon as a word's tail matches none.
        endings: dict[str, list[_Suffix]] = {}
        for flag_name, rules in aff.SFX.items():
            for rule in rules:
                sfx = _Suffix(
                    flag=flag_name,
                    strip=rule.strip,
                    add=rule.add,
                    cond=None if rule.condition in ("", ".") else rule.cond_regexp,
                    cont=frozenset(rule.flags),
                    linking=self._f_only in rule.flags,
                )
                endings.setdefault(sfx.add, []).append(sfx)
        # add -> ((strip, rules), ...): rules that restore the same stem share one
        # dictionary probe.
        self._endings: dict[str, tuple[tuple[str, tuple[_Suffix, ...]], ...]] = {}
        for add, rules in endings.items():
            by_strip: dict[str, list[_Suffix]] = {}
            for sfx in rules:
                by_strip.setdefault(sfx.strip, []).append(sfx)
            self._endings[add] = tuple((k, tuple(v)) for k, v in by_strip.items())
        self._ending_tails = frozenset(k[i:] for k in endings for i in range(len(k)))
        self._linking_rules = tuple(r for v in endings.values() for r in v if r.linking)

        self._read_dic(base.with_suffix(".dic"), context)
        self._joinable = self._joinable_forms()

        # Memo of substring analyses: the compound search meets the same prefixes
        # ("arbets", "samhälls", ...) in many words. Bounded, so memory stays flat.
        self._forms = lru_cache(maxsize=200_000)(self._analyse_form)
        self._adjectival = lru_cache(maxsize=50_000)(self._is_adjective)
        # Parts recur across compounds (arbetsmarknad in hundreds of words): their own
        # analyses are memoised too.
        self._lemmas = lru_cache(maxsize=100_000)(self._word_lemmas)
        self._known_split = lru_cache(maxsize=50_000)(self._split_known_word)
        self.load_seconds = time.perf_counter() - t0
        log.info("loaded %s (%d stems) in %.1f s", base, len(self._roots), self.load_seconds)

    # -- loading -----------------------------------------------------------------------

    def _read_dic(self, path: Path, context: object) -> None:
        """Read ``stem/flags`` lines into ``self._roots``: lowercased stem -> tuple of
        (flags, proper?). Flags are a string when every flag is one character (sv_SE),
        which is smaller and faster to test than a set, and identical flag sets share
        one object."""
        parse_flags = context.parse_flags  # type: ignore[attr-defined]
        encoding = getattr(context, "encoding", None) or "UTF-8"
        roots: dict[str, list[tuple[str | frozenset[str], bool]]] = {}
        forbidden: dict[str, bool] = {}  # stem -> every entry so far forbidden?
        shared: dict[object, str | frozenset[str]] = {}
        with open(path, encoding=encoding, errors="surrogateescape") as fh:
            for number, line in enumerate(fh):
                line = line.strip().lstrip("\ufeff")
                if not line or (number == 0 and line.split()[0].isdigit()):
                    continue
                tag = _TAGS.search(line)
                if tag:
                    line = line[: tag.start()].rstrip()
                pieces = [line] if line.startswith("/") else _SLASH.split(line, maxsplit=1)
                stem = pieces[0].replace("\\/", "/")
                if not stem or " " in stem:
                    continue  # multi-word entries can never match a token
                raw = list(parse_flags(pieces[1])) if len(pieces) == 2 else []
                key: object = (
                    "".join(sorted(raw)) if all(len(f) == 1 for f in raw) else frozenset(raw)
                )
                flags = shared.setdefault(key, key)  # type: ignore[arg-type]
                lower = stem.lower()
                if self._f_forbid in flags:
                    forbidden.setdefault(lower, lower not in roots)
                    continue
                if lower in forbidden:
                    forbidden[lower] = False
                roots.setdefault(lower, []).append((flags, lower != stem))
        self._roots = {k: tuple(v) for k, v in roots.items()}
        # Entries that take an inflection suffix (one that adds letters, outside the
        # compound-only rules) are base forms. The dictionary also lists some inflected
        # forms as entries of their own (företagen/XY, nätverket/XY, kommunerna); those
        # take no suffixes, and their inflection reading gives the real lemma.
        inflecting = {
            sfx.flag
            for groups in self._endings.values()
            for _strip, rules in groups
            for sfx in rules
            if sfx.add and not sfx.linking and not sfx.add.endswith("-")
        }
        self._inflecting = frozenset(
            f for f in shared.values() if any(flag in inflecting for flag in f)
        )
        # As in spylls: a forbidden entry bars its stem from affixes and compounds, and a
        # word whose every entry is forbidden is not a word at all.
        self._forbidden_any = frozenset(forbidden)
        self._forbidden_all = frozenset(k for k, every in forbidden.items() if every)

    def _joinable_forms(self) -> frozenset[str]:
        """Every string that may stand *before* another compound part: stems with a
        begin/middle flag and their forms with a COMPOUNDPERMITFLAG suffix. The compound
        search tests each prefix against this set first, which rejects nearly all of
        them without a full analysis."""
        permit_rules: dict[str, list[_Suffix]] = {}
        for groups in self._endings.values():
            for _strip, rules in groups:
                for sfx in rules:
                    if self._f_permit in sfx.cont:
                        permit_rules.setdefault(sfx.flag, []).append(sfx)
        wanted = _BEGIN | _MIDDLE
        joinable: set[str] = set()
        for stem, entries in self._roots.items():
            if stem in self._forbidden_any:
                continue
            for flags, _proper in entries:
                if self._root_bits(flags, None) & wanted:
                    joinable.add(stem)
                for f in flags:
                    for sfx in permit_rules.get(f, ()):
                        if len(stem) <= len(sfx.strip) or not stem.endswith(sfx.strip):
                            continue
                        if sfx.cond is not None and not sfx.cond.search(stem):
                            continue
                        if self._root_bits(flags, sfx.cont) & wanted:
                            joinable.add(stem[: len(stem) - len(sfx.strip)] + sfx.add)
        return frozenset(joinable)

    # -- single forms ------------------------------------------------------------------

    def _root_bits(self, flags: str | frozenset[str], cont: frozenset[str] | None) -> int:
        """Bits of reading a string as a stem with ``flags``, plus a suffix with
        continuation flags ``cont`` unless ``cont`` is None (spylls' is_good_form)."""
        if cont is None:
            if self._f_need in flags:
                return 0  # NEEDAFFIX: not a word without a suffix
            has = flags.__contains__
            permitted = True
        else:
            if self._f_need in cont:
                return 0

            def has(f: str) -> bool:
                return f in flags or f in cont

            # Before another part a suffixed form needs COMPOUNDPERMITFLAG.
            permitted = self._f_permit in cont
        bits = _LINK if has(self._f_only) else _STD
        anywhere = has(self._f_any)
        if permitted and (anywhere or has(self._f_begin)):
            bits |= _BEGIN
        if permitted and (anywhere or has(self._f_middle)):
            bits |= _MIDDLE
        if anywhere or has(self._f_end):
            bits |= _END
        return bits

    def _analyse_form(self, form: str) -> tuple[Reading, ...]:
        """All readings of ``form`` as (lemma, bits): the stem itself, or a stem plus
        one suffix that the stem's flags allow."""
        out: list[Reading] = []
        roots = self._roots
        for flags, proper in roots.get(form, ()):
            bits = self._root_bits(flags, None)
            if bits:
                if flags in self._inflecting:
                    bits |= _INFLECTS
                out.append((form, bits | (_PROPER if proper else 0)))
        n = len(form)
        tails = self._ending_tails
        forbidden = self._forbidden_any
        for k in range(n):  # k = length of the ending; the stem keeps >= 1 letter
            ending = form[n - k :] if k else ""
            if k and ending not in tails:
                break
            groups = self._endings.get(ending)
            if not groups:
                continue
            head = form[: n - k]
            for strip, rules in groups:
                stem = head + strip
                entries = roots.get(stem)
                if not entries or stem in forbidden:
                    continue
                for sfx in rules:
                    if stem == form and not sfx.cont:
                        continue  # an empty suffix adding nothing is the bare stem
                    if sfx.cond is not None and not sfx.cond.search(stem):
                        continue
                    for flags, proper in entries:
                        if sfx.flag in flags or sfx.flag in sfx.cont:
                            bits = self._root_bits(flags, sfx.cont)
                            if bits:
                                out.append((stem, bits | _AFFIXED | (_PROPER if proper else 0)))
        return tuple(out)

    def _word_lemmas(self, word: str) -> tuple[str, ...] | None:
        """Lemmas of a word the dictionary knows by itself; ``None`` if it does not.

        A word whose own entry inflects is its own lemma, so ``ledare`` does not get
        *leda* nor ``politiker`` *politik*. Otherwise lowercase dictionary entries win
        over proper-noun entries; :func:`_order_lemmas` gives the order.
        """
        readings = [r for r in self._forms(word) if r[1] & _STD]
        if not readings:
            return None
        if any(not bits & _PROPER for _, bits in readings):
            readings = [r for r in readings if not r[1] & _PROPER]
        if any(bits & _INFLECTS for _, bits in readings):
            return ()
        return _order_lemmas(word, {lemma for lemma, _ in readings})

    # -- compounds ---------------------------------------------------------------------

    def _is_adjective(self, piece: str) -> bool:
        """Whether ``piece`` is an adjective: the dictionary inflects it to a neuter in
        -t and a plural in -a (ny: nytt, nya; stor: stort, stora; social: socialt,
        sociala). A verb's infinitive ends in -a and takes -d/-t as participles, so a
        piece ending in -a is never taken for one."""
        if piece not in self._roots or piece.endswith("a") or len(piece) < MIN_ADJECTIVE:
            return False
        neuters = {piece + "t", piece + "tt"}
        if piece.endswith("d"):
            neuters.add(piece[:-1] + "tt")  # god: gott
        def inflects_to(form: str) -> bool:
            return any(lemma == piece and bits & _AFFIXED for lemma, bits in self._forms(form))

        return inflects_to(piece + "a") and any(inflects_to(form) for form in neuters)

    def _role(self, piece: str, role: int) -> Reading | None:
        """Best reading of ``piece`` in compound position ``role``.

        Common words beat proper nouns. Before another part a linking form beats the
        rest: the dictionary also lists junk stems such as ``ersättnings``, but
        ersättning + s is what the writer meant. As the last part the plain word beats a
        suffixed reading. A first part that is an adjective is marked ``_ADJ``, and
        may be two letters long and lack the dictionary's compound flags (``ny``).
        """
        if piece in self._forbidden_any:
            return None
        adjective = role == _BEGIN and self._adjectival(piece)
        if len(piece) < (MIN_ADJECTIVE if adjective else MIN_PART):
            return None
        if role != _END and piece not in self._joinable:
            return (piece, _STD | _BEGIN | _ADJ) if adjective else None
        if role == _MIDDLE:
            # Deviation from Hunspell: a form that may begin a compound may also stand
            # in its middle. sv_SE gives the middle flag to few stems (projekt has
            # none), so Hunspell rejects huvud|projekt|ägare; for indexing that is
            # just a lost part.
            role = _MIDDLE | _BEGIN
        best: Reading | None = None
        best_key: tuple[object, ...] | None = None
        for lemma, bits in self._forms(piece):
            if not bits & role:
                continue
            stripped = not piece.startswith(lemma)
            if role == _END:
                key = (bits & _PROPER, not bits & _STD, bits & _AFFIXED, stripped, -len(lemma))
            else:
                # nätverks: nätverk + s rather than the verb nätverka + s
                key = (bits & _PROPER, not bits & _LINK, not bits & _AFFIXED, stripped, -len(lemma))
            if best_key is None or key < best_key:
                best, best_key = (lemma, bits), key
        if best is not None and adjective:
            best = (best[0], best[1] | _ADJ)
        return best

    def _has_link(self, piece: str, role: int) -> bool:
        if role == _MIDDLE:
            role = _MIDDLE | _BEGIN  # as in _role
        return any(bits & role and bits & _LINK for _, bits in self._forms(piece))

    def _cheap_bad_joint(self, left: str, right: str, last: bool) -> bool:
        """CHECKCOMPOUNDTRIPLE (``fall`` + ``lampa`` must not give three l) and
        CHECKCOMPOUNDDUP (no ``bilbil``) for two adjacent surface parts."""
        if self._check_triple and (
            len(set(left[-2:] + right[:1])) == 1 or len(set(left[-1:] + right[:2])) == 1
        ):
            return True
        return self._check_dup and last and left == right

    def _rep_similar(self, word: str, split: list[Part]) -> bool:
        """CHECKCOMPOUNDREP (Hunspell's cpdrep_check): a word that one typical
        misspelling from the REP table turns into a dictionary word is that word
        misspelt, not a compound. Only replacements within two letters of a joint are
        tried: that is where a misspelling fakes a compound (``samm|arbete``), and it
        keeps the check to a few candidates instead of dozens."""
        joints = []
        pos = 0
        for surface, _lemma, _bits in split[:-1]:
            pos += len(surface)
            joints.append(pos)
        for regexp, replacement in self._rep:
            for m in regexp.finditer(word):
                if not any(m.start() < j + 2 and m.end() > j - 2 for j in joints):
                    continue
                candidate = word[: m.start()] + replacement + word[m.end() :]
                # Not memoised: one-off strings would only flush the memo.
                if any(bits & _STD for _, bits in self._analyse_form(candidate)):
                    return True
        return False

    def _splits(self, word: str, nparts: int, require_link: bool) -> list[list[Part]]:
        """Every split of ``word`` into exactly ``nparts`` parts that the compound flags
        allow; with ``require_link`` only those with a linking form before some joint."""
        results: list[list[Part]] = []
        n = len(word)

        def walk(pos: int, parts: list[Part], linked: bool) -> None:
            remaining = nparts - len(parts)
            if remaining == 1:
                if require_link and not linked:
                    return
                rest = word[pos:]
                reading = self._role(rest, _END)
                if reading and not self._cheap_bad_joint(parts[-1][0], rest, True):
                    results.append([*parts, (rest, *reading)])
                return
            role = _MIDDLE if parts else _BEGIN
            shortest = MIN_PART if parts else MIN_ADJECTIVE  # _role checks the rest
            for i in range(pos + shortest, n - MIN_PART * (remaining - 1) + 1):
                piece = word[pos:i]
                forms = [piece]
                # SIMPLIFIEDTRIPLE: "fall" + "lucka" is written "fallucka".
                if self._simplified_triple and piece[-1] == word[i]:
                    forms.append(piece + piece[-1])
                for form in forms:
                    reading = self._role(form, role)
                    if reading is None:
                        continue
                    if parts and self._cheap_bad_joint(parts[-1][0], piece, False):
                        continue
                    link = linked or (require_link and self._has_link(form, role))
                    walk(i, [*parts, (piece, *reading)], link)

        walk(0, [], False)
        return results

    def _best_split(self, word: str, require_link: bool) -> list[Part] | None:
        """The preferred split: fewest parts; then the most joints marked by a
        compound-only linking form (``handledar|utbildning`` beats
        ``hand|ledarutbildning``: the linking form shows where the writer joined);
        then the longest last part (``sjuk|ersättningssystem``, whose last part is
        split further); then the fewest proper-noun parts. With ``require_link`` only
        splits with at least one such linking form count."""
        for nparts in range(2, self._max_parts + 1):
            if len(word) < MIN_ADJECTIVE + (nparts - 1) * MIN_PART:
                break
            splits = self._splits(word, nparts, require_link)
            if splits:
                return min(splits, key=self._split_rank)
        return None

    def _split_rank(self, split: list[Part]) -> tuple[int, int, int]:
        roles = [_BEGIN] + [_MIDDLE] * (len(split) - 2)
        links = sum(self._has_link(p[0], r) for p, r in zip(split[:-1], roles, strict=True))
        proper = sum(bool(p[2] & _PROPER) for p in split)
        return (-links, -len(split[-1][0]), proper)

    def _split_known_word(self, word: str) -> tuple[Part, ...] | None:
        """The split of a word the dictionary knows by itself, or None (``_known_split``,
        memoised).

        Such a word is split where a joint carries a linking form that exists only in
        compounds (``arbets|förmedlingen``). Without one, two words that concatenate
        into a dictionary word are often not its meaning (``handledare`` is not hand +
        ledare, ``verkstad`` not verk + stad), so :meth:`_plain_split` applies guards.
        """
        split = self._best_split(word, require_link=True) or self._plain_split(word)
        return tuple(split) if split else None

    def _plain_split(self, word: str) -> list[Part] | None:
        """A dictionary word as first part + head with no linking letter, if it is one.

        Accepted when the head, as a base form, is long enough (:data:`MIN_HEAD`, or
        :data:`MIN_HEAD_AFTER_ADJECTIVE` after an adjective: ``social|tjänsten``,
        ``stor|staden``, ``ny|anlända``); when a word that is a base form itself ends in a
        head that is a base form too (``nyfiken`` does not end in the plural of fikon);
        and when the word is no derivation of a verb that begins with the first part
        (:data:`DERIVATION`). The longest head wins.
        """
        lemmas = self._lemmas(word)
        if lemmas is None:
            return None
        bases = set(lemmas) or {word}
        for i in range(MIN_ADJECTIVE, len(word) - MIN_PART + 1):
            modifier, head = word[:i], word[i:]
            if modifier not in self._joinable and modifier not in self._roots:
                continue  # cheap: nearly every prefix is neither
            end = self._role(head, _END)
            if end is None:
                continue
            begin = self._role(modifier, _BEGIN)
            if begin is None or self._cheap_bad_joint(modifier, head, True):
                continue
            shortest = MIN_HEAD_AFTER_ADJECTIVE if begin[1] & _ADJ else MIN_HEAD
            if len(self._head_word(head)) < shortest:
                continue
            if not lemmas and not any(
                bits & _END and not bits & _AFFIXED for _, bits in self._forms(head)
            ):
                continue
            if self._derived_from_verb(modifier, bases | {word}):
                continue
            return [(modifier, *begin), (head, *end)]
        return None

    def _derived_from_verb(self, modifier: str, forms: set[str]) -> bool:
        """Whether a form is a verb beginning with ``modifier`` plus a derivation ending."""
        for form in forms:
            derived = DERIVATION.fullmatch(form)
            if derived:
                verb = derived.group(1) + "a"
                if (len(verb) > len(modifier) + 1 and verb.startswith(modifier)
                        and self._lemmas(verb) is not None):
                    return True
        return False

    def _part_word(self, surface: str, lemma: str, bits: int) -> str:
        """The dictionary word a non-final part stands for.

        A suffixed linking form already has its word as lemma (``ersättnings`` ->
        ``ersättning``). A stem that exists only in compounds (``arbets``, ``samhälls``,
        ``skol``) is mapped back through the dictionary's own linking rules (ansikte ->
        ansikts, skola -> skol), preferring stems that may end a compound (nouns) and,
        for the -e/-a ambiguity of ``arbets`` (arbete/arbeta), the -e noun. If no rule
        fits, a trailing linking ``s`` is dropped when that leaves a word.
        """
        if not bits & _LINK:
            return lemma
        if bits & _AFFIXED and any(b & _STD for _, b in self._forms(lemma)):
            return lemma
        best: str | None = None
        best_key: tuple[object, ...] | None = None
        for sfx in self._linking_rules:
            if len(surface) <= len(sfx.add) or not surface.endswith(sfx.add):
                continue
            stem = surface[: len(surface) - len(sfx.add)] + sfx.strip
            if stem == surface or (sfx.cond is not None and not sfx.cond.search(stem)):
                continue
            for lem, b in self._forms(stem):
                if lem == stem and b & _STD and not b & _AFFIXED:
                    key = (not b & _END, b & _PROPER, not stem.endswith("e"), stem)
                    if best_key is None or key < best_key:
                        best, best_key = stem, key
        if best:
            return best
        if surface.endswith("s") and self._lemmas(surface[:-1]) is not None:
            return surface[:-1]
        return surface

    def _head_word(self, surface: str) -> str:
        """The base form a last part is indexed as. An agent noun is its own word
        (``företagarna`` -> företagare, not the verb företaga the dictionary derives
        it from), as :func:`indexer.analysis.stem` keeps ``ledare`` apart from leda."""
        lemmas = self._end_lemmas(surface)
        agent = _AGENT_NOUN.fullmatch(surface)
        # "-arna" is also the plural of a noun in -ar (gårdarna: gård, not gårdare)
        if (agent and agent.group(1) + "e" in self._roots
                and not any(lemma + "ar" == agent.group(1) for lemma in lemmas)):
            return agent.group(1) + "e"
        return lemmas[0] if lemmas else surface

    def _end_lemmas(self, surface: str) -> tuple[str, ...]:
        """Lemmas of a last compound part other than the part itself, taken only from
        readings that may end a compound. Why: ``stöd`` is also the imperative of the
        verb *stöda*, but only the noun may end a compound, so ``försörjningsstöd`` keeps
        ``stöd``; while ``företagen`` (listed as a word of its own by the dictionary)
        still gets ``företag``."""
        readings = [r for r in self._forms(surface) if r[1] & _END]
        if any(not bits & _PROPER for _, bits in readings):
            readings = [r for r in readings if not r[1] & _PROPER]
        if any(bits & _INFLECTS for _, bits in readings):
            return ()
        return _order_lemmas(surface, {lemma for lemma, _ in readings})

    def _atoms(self, split: Sequence[Part], depth: int = 0) -> list[Atom]:
        """The split taken down to parts that do not split further, each with its
        surface in the word (linking letters and inflection included) and its word.

        A part that is itself a compound the dictionary knows is split by
        :meth:`_known_split` (``ersättningssystem`` -> ersättnings|system), so a
        compound of any depth ends up as its smallest parts: ``arbets|marknads|
        utbildningen``.
        """
        out: list[Atom] = []
        last = len(split) - 1
        for i, (surface, lemma, bits) in enumerate(split):
            if i == last:
                word = self._head_word(surface)
            else:
                word = self._part_word(surface, lemma, bits)
            sub = None
            if depth < 3 and not bits & _ADJ and self._lemmas(word) is not None:
                sub = self._known_split(word)
            if sub:
                inner = self._atoms(sub, depth + 1)
                prefix = "".join(atom[0] for atom in inner[:-1])
                if surface.startswith(prefix) and len(surface) > len(prefix) + 1:
                    # the last inner part keeps this part's linking letters or ending
                    inner[-1] = (surface[len(prefix):], inner[-1][1], inner[-1][2])
                    out.extend(inner)
                    continue
            out.append((surface, word, bits))
        return out

    def _compound_terms(self, atoms: list[Atom]) -> list[str]:
        """What a compound is findable by: its parts and every run of neighbouring parts
        that is a word itself (``arbetsmarknadsutbildningen``: arbetsmarknad, arbete,
        marknadsutbildning, marknad, utbildning), runs before the parts they start with.

        A run is a word when the dictionary knows it or when it is a compound by the
        dictionary's flags: its first part may begin one and its last may end one. A
        first part that is an adjective is not a term of its own: ``sociala`` would
        otherwise meet every socialtjänst and socialförvaltning, ``ny`` every ny-word.
        """
        terms: dict[str, None] = {}
        n = len(atoms)
        for i in range(n):
            for k in range(n - 1, i, -1):
                if i == 0 and k == n - 1:
                    continue  # the word itself
                run = "".join(atom[0] for atom in atoms[i:k]) + atoms[k][1]
                if self._is_compound_word(run, atoms[i], atoms[k]):
                    terms.setdefault(run, None)
            if not atoms[i][2] & _ADJ:
                terms.setdefault(atoms[i][1], None)
        return list(terms)

    def _is_compound_word(self, run: str, first: Atom, last: Atom) -> bool:
        if self._lemmas(run) is not None:
            return True
        if first[2] & _ADJ:
            return True
        return self._role(first[0], _BEGIN) is not None and any(
            bits & _END for _, bits in self._forms(last[1]))

    # -- public ------------------------------------------------------------------------

    def analyse(self, word: str) -> WordInfo:
        """Lemmas and compound parts of one word (lowercased first).

        The splitting rule, and why: a word the dictionary knows by itself is split
        only where :meth:`_known_split` allows (a linking form that exists only in
        compounds, or the guarded plain split: ``social|tjänsten`` yes, ``hand|ledare``
        no). Words the dictionary does not know are split wherever Hunspell's compound
        flags allow (see :meth:`_best_split` for which split wins); their lemma is the
        word with the last part's lemma. Every part is then split down to its smallest
        parts (:meth:`_atoms`) and the compound is indexed by those and by the runs of
        them that are words (:meth:`_compound_terms`).
        """
        word = word.lower()
        if len(word) > MAX_WORD or not word.replace("-", "").isalpha():
            return _EMPTY
        if word in self._forbidden_all:
            return _EMPTY
        irregular = umlaut_lemma(word)
        if irregular:
            return WordInfo((irregular,), ())
        lemmas = self._lemmas(word)
        if lemmas is not None:
            split = self._known_split(word)
            parts = tuple(self._compound_terms(self._atoms(split))) if split else ()
            return WordInfo(lemmas, parts) if lemmas or parts else _EMPTY
        if "-" in word:
            return self._analyse_hyphenated(word)
        split = self._best_split(word, require_link=False)
        if not split or (self._rep and self._rep_similar(word, split)):
            return _EMPTY
        parts = tuple(self._compound_terms(self._atoms(split)))
        surface = split[-1][0]
        head = word[: len(word) - len(surface)]
        return WordInfo(tuple(head + lem for lem in self._end_lemmas(surface)), parts)

    def _analyse_hyphenated(self, word: str) -> WordInfo:
        """``eu-projektet`` -> lemmas (eu-projekt,), parts (eu, projekt): the pieces
        between hyphens are analysed on their own (Hunspell's BREAK rule)."""
        pieces = [p for p in word.split("-") if p]
        if len(pieces) < 2:
            return self.analyse(pieces[0]) if pieces else _EMPTY
        infos = [self.analyse(p) for p in pieces]
        parts: list[str] = []
        for piece, info in zip(pieces, infos, strict=True):
            if info.parts:
                parts.extend(info.parts)
            else:
                parts.append(info.lemmas[0] if info.lemmas else piece)
        head = word[: word.rfind("-") + 1]
        return WordInfo(tuple(head + lem for lem in infos[-1].lemmas), tuple(parts))



def _order_lemmas(word: str, lemmas: set[str]) -> tuple[str, ...]:
    """Lemmas other than ``word``, best first: a lemma the word starts with (fewest
    letters changed: ``förbundet`` -> förbund before the adjective förbunden), then the
    longest, then alphabetical for a stable order. Stems ending in ``-`` (``eu-``,
    ``sektor-``) exist only for hyphenated compounds and are dropped."""
    return tuple(
        sorted(
            (lemma for lemma in lemmas if lemma != word and not lemma.endswith("-")),
            key=lambda lemma: (not word.startswith(lemma), -len(lemma), lemma),
        )
    )

