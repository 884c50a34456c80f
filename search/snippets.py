"""Section-aware highlighting: escaped text with only our own ``<mark>``.

Snippets are made only for the hits on the page, from their stored sections. A
:class:`Highlighter` is built once per query: one regex finds *candidate* words
(those starting with a query word or one of its stems), and only candidates are
checked the way the index would see them (surface form, stem, lemma, compound
part). Re-tokenising every section of every hit cost ~25 ms per long document;
this costs a regex scan. Unlike Whoosh's highlighter, a match far into a long
section still gets a snippet.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from markupsafe import Markup, escape

from indexer.analysis import STOPWORD_STEM_MARK, TOKEN_PATTERN, index_terms, is_protected, stem
from indexer.document import INTRO_HEADING
from indexer.lexicon.irregular import UMLAUT_PLURALS
from indexer.schema import SECTION_BOOSTS

# Snippets look through a whole section (a match 2.5 MB into a one-line file still gets
# its snippet) but stop collecting after MAX_SPANS matches: enough to pick the densest
# window, and a common word in a huge text cannot make a request slow.
MAX_SCAN_CHARS = 32_000_000
MAX_SPANS = 400
# A one-letter query word ("a", "ö") makes nearly every word a candidate; checking
# each like the index would is what costs, so a section gives up after this many.
MAX_CANDIDATES = 3000
CONTEXT_BEFORE = 90
CONTEXT_AFTER = 220
MAX_SNIPPETS = 3
# A snippet of a matching section heading is labelled so, and weighs this share of the
# same words matching in the section's text.
HEADING_LABEL = "Rubrik"
HEADING_SHARE = 0.9
# Metadata (owner, programme, region, contact) is searchable text too; a match there
# gets a snippet labelled with the field, weighing this share of a match in the text,
# so it shows when nothing in the text explains the hit.
METADATA_SHARE = 0.5
METADATA_FIELDS = (("owner", "Projektägare"), ("program", "Programområde"),
                   ("region", "Region"), ("contact", "Kontaktperson"), ("email", "E-post"),
                   ("phone", "Telefon"), ("esf_support", "Beviljat ESF-stöd"),
                   ("total_budget", "Total projektbudget"))
# A matching word need not contain the query word or its stem whole: an inflection can
# change its end (arbetsgivare: arbetsgivarna; seminarium: seminarier), a phone number is
# written with spaces. So the candidates are the words that contain a head with up to
# this many letters cut from its end (never below MIN_HEAD letters), checked like the
# index would match them.
HEAD_CUT = 3
MIN_HEAD = 4
_SEPARATOR = re.compile(r"[-@.:]")


def candidate_heads(words: set[str], stems: set[str]) -> set[str]:
    """What a word must contain to be a candidate for one of ``words`` or ``stems``.

    >>> sorted(candidate_heads({"arbetsgivaren"}, {"arbetsgivare"}))
    ['arbetsgiv', 'arbetsgiva', 'arbetsgivare', 'arbetsgivaren']
    >>> sorted(candidate_heads({"stad", "af"}, {"stad"}))
    ['af', 'stad', 'städ']
    >>> sorted(candidate_heads({"073-2179366"}, {"073-2179366"}))
    ['073-', '073-2179366']
    """
    heads = set(words) | {stem.rstrip(STOPWORD_STEM_MARK) for stem in stems}
    for head in list(heads):
        if is_protected(head):
            separator = _SEPARATOR.search(head)
            if separator:
                heads.add(head[: separator.end()])
        elif len(head) > MIN_HEAD:
            heads.add(head[: max(MIN_HEAD, len(head) - HEAD_CUT)])
        # umlaut plurals: stad meets städer, bok böcker
        heads.update(stem(plural) for plural, singular in UMLAUT_PLURALS.items()
                     if singular == head)
    return {head for head in heads if head}


@dataclass(frozen=True)
class Snippet:
    section: str
    anchor: str
    html: Markup


class Highlighter:
    """Finds the words of one query in text, as the index would match them."""

    def __init__(self, words: set[str], stems: set[str],
                 expansions: Callable[[str], tuple[str, ...]] | None = None):
        self.words = {w for w in words if w}
        self.stems = {s for s in stems if s}
        heads = sorted(candidate_heads(self.words, self.stems), key=len, reverse=True)
        # No word-start anchor: a stem inside a compound ("arbets|kooperativ") is a
        # candidate too; the candidate's whole word is then checked like the index would.
        # Heads shorter than three letters ("a", "af") match whole words only: inside
        # other words they would make every word a candidate.
        alternatives = "|".join(
            re.escape(h) if len(h) >= 3 else rf"(?<![^\W_]){re.escape(h)}(?![^\W_])"
            for h in heads)
        # Scanning lower-cased text with a case-sensitive pattern is several times
        # faster than IGNORECASE over Unicode; the latter is kept for texts whose
        # length changes when lower-cased (offsets must stay valid).
        self.pattern = re.compile(alternatives) if heads else None
        self.pattern_any_case = re.compile(alternatives, re.IGNORECASE) if heads else None
        self.expansions = expansions
        self._checked = lru_cache(maxsize=4096)(self._check)

    def __bool__(self) -> bool:
        return self.pattern is not None

    def _check(self, token: str) -> bool:
        """Whether the index matches ``token`` for this query: the word itself, its
        stems, lemmas and compound parts, and the pieces of a hyphenated word (the
        index has ``sf`` and ``filmen`` for ``SF-filmen``)."""
        pieces = [token]
        if "-" in token and not is_protected(token):
            pieces += [piece for piece in token.split("-") if piece]
        for piece in pieces:
            if piece in self.words:
                return True
            if any(term in self.stems for term in index_terms(piece, self.expansions)):
                return True
        return False

    def spans(self, text: str, limit: int = MAX_SCAN_CHARS,
              max_spans: int | None = MAX_SPANS) -> list[tuple[int, int, str]]:
        """(start, end, lower-cased word) of the matching words (the first ``max_spans``)."""
        if self.pattern is None:
            return []
        found = []
        end_of_last = -1
        lowered = text.lower()
        if len(lowered) == len(text):
            candidates = self.pattern.finditer(lowered, 0, min(len(text), limit))
        else:
            candidates = self.pattern_any_case.finditer(text, 0, min(len(text), limit))
        for examined, candidate in enumerate(candidates):
            if max_spans is not None and examined >= MAX_CANDIDATES:
                break
            start = candidate.start()
            if start < end_of_last:
                continue
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            if start < end_of_last:
                continue
            token = TOKEN_PATTERN.match(text, start)
            if token is None:
                continue
            word = token.group().replace(" ", "").lower()
            end_of_last = token.end()
            if self._checked(word):
                found.append((start, token.end(), word))
                if max_spans is not None and len(found) >= max_spans:
                    break
        return found


def mark(text: str, spans, start: int = 0, end: int | None = None) -> Markup:
    """Escape ``text[start:end]`` and wrap the spans inside it in ``<mark>``."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for span_start, span_end, _ in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append(Markup("<mark>") + escape(text[span_start:span_end]) + Markup("</mark>"))
        cursor = span_end
    out.append(escape(text[cursor:end]))
    return Markup("").join(out)


def highlight_full(text: str, highlighter: Highlighter | None) -> Markup:
    """A whole section with the query's words marked (the document page)."""
    if not highlighter:
        return escape(text)
    return mark(text, highlighter.spans(text, limit=len(text), max_spans=None))


def metadata_lines(doc: dict) -> list[tuple[str, str]]:
    """(label, value) of a stored document's searchable metadata, as indexed.

    >>> metadata_lines({"owner": "Härryda kommun", "esf_support": 248750, "phone": None})
    [('Projektägare', 'Härryda kommun'), ('Beviljat ESF-stöd', '248 750 kr')]
    """
    lines = []
    for name, label in METADATA_FIELDS:
        value = doc.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:,} kr".replace(",", " ") if value else None
        if value:
            lines.append((label, str(value)))
    return lines


def best_snippets(sections: list[dict], highlighter: Highlighter,
                  metadata: list[tuple[str, str]] = (),
                  limit: int = MAX_SNIPPETS) -> list[Snippet]:
    """Up to ``limit`` snippets from the best-matching sections, in document order.

    A section heading is searchable text (``indexer.schema``), so a match in it gets a
    snippet of its own, the marked heading labelled :data:`HEADING_LABEL`: a document
    found only by "Medfinansiärer" shows why. A heading match weighs a little less than
    the same words in the section's text, which shows the words in context. So do the
    ``metadata`` lines (:func:`metadata_lines`), labelled with their field, after the
    sections: "Projektägare: Härryda kommun, <mark>Socialförvaltningen</mark>".
    """
    scored = []
    for position, (label, value) in enumerate(metadata):
        spans = highlighter.spans(value)
        if spans:
            distinct = len({word for _, _, word in spans})
            scored.append((distinct * METADATA_SHARE, (len(sections) + position, 0),
                           lambda la=label, v=value, sp=spans: _line_snippet(la, "", v, sp)))
    for index, section in enumerate(sections):
        # Prefer the sections where a match says most about the document.
        weight = SECTION_BOOSTS.get(section.get("type", "ovrigt"), 1.0)
        heading = section.get("heading", "")
        spans = highlighter.spans(heading) if heading and heading != INTRO_HEADING else []
        if spans:
            distinct = len({word for _, _, word in spans})
            scored.append((distinct * weight * HEADING_SHARE, (index, 0),
                           lambda i=index, h=heading, sp=spans:
                           _line_snippet(HEADING_LABEL, f"avsnitt-{i + 1}", h, sp)))
        text = section.get("text", "")
        spans = highlighter.spans(text) if text else []
        if spans:
            distinct = len({word for _, _, word in spans})
            score = distinct * weight + min(len(spans), 10) * 0.1 * weight
            scored.append((score, (index, 1),
                           lambda i=index, se=section, t=text, sp=spans: _window(i, se, t, sp)))
    scored.sort(key=lambda item: -item[0])
    # Two sections often repeat a sentence (a Sammanfattning copied into Syfte): the
    # same snippet twice says nothing new, so the next-best section gets the place.
    chosen, seen = [], set()
    for _, order, make in scored:
        snippet = make()
        key = " ".join(str(snippet.html).replace("…", " ").split())
        if key not in seen:
            seen.add(key)
            chosen.append((order, snippet))
            if len(chosen) == limit:
                break
    return [snippet for _, snippet in sorted(chosen, key=lambda item: item[0])]


def _line_snippet(label: str, anchor: str, line: str, spans) -> Snippet:
    """A short line (a heading, a metadata value) whole, its matches marked."""
    return Snippet(label, anchor, Markup(" ".join(str(mark(line, spans)).split())))


def _window(index: int, section: dict, text: str, spans) -> Snippet:
    # Centre on the densest run of matches within one window's width.
    # Spans are in text order, so the matches in a window are a bisect away (a quadratic
    # count took 0.2 ms per hit with a few hundred matches).
    width = CONTEXT_BEFORE + CONTEXT_AFTER
    starts = [start for start, _, _ in spans]
    best, best_count = starts[0], 0
    for i, start in enumerate(starts):
        count = bisect_left(starts, start + width, i) - i
        if count > best_count:
            best, best_count = start, count
    start = _word_boundary(text, max(0, best - CONTEXT_BEFORE), backwards=True)
    end = _word_boundary(text, min(len(text), best + CONTEXT_AFTER), backwards=False)
    html = mark(text, spans, start, end)
    prefix = Markup("… ") if start > 0 else Markup("")
    suffix = Markup(" …") if end < len(text) else Markup("")
    return Snippet(section.get("heading", ""), f"avsnitt-{index + 1}",
                   # split the plain str: splitting Markup wraps every piece anew
                   prefix + Markup(" ".join(str(html).split())) + suffix)


def _word_boundary(text: str, position: int, backwards: bool) -> int:
    """Move ``position`` to the nearest whitespace so no word is cut in half."""
    if position <= 0 or position >= len(text):
        return max(0, min(position, len(text)))
    step = -1 if backwards else 1
    for _ in range(40):
        if text[position].isspace():
            return position + (1 if backwards else 0)
        position += step
        if position <= 0 or position >= len(text):
            break
    return max(0, min(position, len(text)))


def lead_snippet(sections: list[dict], words: int = 40) -> list[Snippet]:
    """Browse mode: the opening words of the first section with text."""
    for index, section in enumerate(sections):
        text = section.get("text", "")
        if text and section.get("type") not in ("kommun", "aktorer"):
            # One token more than shown says whether the text goes on ("…").
            tokens = list(islice(TOKEN_PATTERN.finditer(text, 0, min(len(text), 5_000)),
                                 words + 1))
            if not tokens:
                continue
            end = tokens[min(len(tokens), words) - 1].end()
            suffix = Markup(" …") if len(tokens) > words else Markup("")
            return [Snippet(section.get("heading", ""), f"avsnitt-{index + 1}",
                            escape(" ".join(text[:end].split())) + suffix)]
    return []
