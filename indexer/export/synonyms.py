"""Our synonym list, matched the way the query builder matches it.

The list is the editable ``indexer/data/synonyms.txt``. A query word meets a listed
word when they share an index term (a stem, directly or through a lemma), so
``Arbetsförmedling`` meets ``arbetsförmedlingen``; a run of query words meets a
multi-word form (``arbetsintegrerande sociala företag`` → ``ASF``). It is the search core's
own table (``indexer.synonyms``), extended with the rules the export writes.

>>> table = SynonymTable()
>>> table.match(["af"]).others
('arbetsförmedlingen',)
>>> table.match(["arbetsintegrerande", "sociala", "företag", "i", "solna"]).length
3
>>> table.match(["kooperativ"]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer import synonyms


class SynonymTable(synonyms.SynonymTable):
    """The search core's table (``indexer.synonyms``) plus what the export writes."""

    def widenings(self, vocabulary: Sequence[str]) -> dict[str, list[str]]:
        """Our list as explicit rules: word or form → the other forms it widens to.

        A single-word form is listed with every vocabulary word that meets it
        (``arbetsförmedling`` → ``af``): the engine matches rule words letter by
        letter, we match them by index terms.

        >>> SynonymTable().widenings(["af:s", "kooperativ"])["af:s"]
        ['arbetsförmedlingen']
        """
        by_key: dict[str, set[str]] = {}
        for word in vocabulary:
            for key in self.keys(word):
                by_key.setdefault(key, set()).add(word)
        rules: dict[str, list[str]] = {}
        for group in synonyms.synonym_groups():
            for form in group:
                others = [other for other in group if other != form]
                meeting = {form} if " " in form else \
                    {form} | {w for key in self.keys(form) for w in by_key.get(key, ())}
                for word in sorted(meeting):
                    known = rules.setdefault(word, [])
                    known.extend(o for o in others if o not in known and o != word)
        return rules
