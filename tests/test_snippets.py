"""Snippets: escaped text, only our <mark>, matches found as the index finds them."""

from __future__ import annotations

from search.snippets import (
    HEADING_LABEL,
    Highlighter,
    best_snippets,
    highlight_full,
    lead_snippet,
    metadata_lines,
)


def sections(*pairs):
    return [{"heading": h, "type": t, "text": x} for h, t, x in pairs]


def test_marks_inflected_forms_and_escapes_everything_else():
    highlighter = Highlighter({"kooperativ"}, {"kooperativ"})
    html = str(highlight_full("<b>Kooperativen</b> & kooperativets <script>", highlighter))
    assert html == ("&lt;b&gt;<mark>Kooperativen</mark>&lt;/b&gt; &amp; "
                    "<mark>kooperativets</mark> &lt;script&gt;")


def test_compound_parts_are_marked_through_the_lexicon():
    expansions = {"arbetskooperativen": ("arbetskooperativ", "arbete", "kooperativ")}.get
    highlighter = Highlighter({"kooperativ"}, {"kooperativ"},
                              lambda w: expansions(w, ()))
    assert "<mark>arbetskooperativen</mark>" in str(
        highlight_full("sociala arbetskooperativen", highlighter))


def test_best_sections_first_by_weight_and_at_most_three():
    docs = sections(
        ("Kommun", "kommun", "Solna"),
        ("Syfte", "syfte", "Att stärka handledare i Solna."),
        ("Bakgrund", "bakgrund", "Handledare behövs. Solna."),
        ("Mål", "malsattning", "Solna"),
        ("Övrigt", "ovrigt", "Solna och handledare."),
    )
    snippets = best_snippets(docs, Highlighter({"handledare", "solna"},
                                               {"handled", "solna"}))
    assert len(snippets) == 3
    assert [s.section for s in snippets] == ["Syfte", "Bakgrund", "Övrigt"]
    assert snippets[0].anchor == "avsnitt-2"


def test_a_match_deep_in_a_long_section_still_gets_a_snippet():
    text = "ord " * 20_000 + "flamingo slutet"
    snippet = best_snippets(sections(("Bakgrund", "bakgrund", text)),
                            Highlighter({"flamingo"}, {"flamingo"}))[0]
    assert "<mark>flamingo</mark>" in str(snippet.html)
    assert str(snippet.html).startswith("… ")


def test_browse_mode_shows_the_opening_words():
    snippet = lead_snippet(sections(("Sammanfattning", "sammanfattning", "Ett två <tre>.")))[0]
    assert str(snippet.html) == "Ett två &lt;tre"


def test_no_query_words_means_plain_escaped_text():
    assert str(highlight_full("<i>x</i>", None)) == "&lt;i&gt;x&lt;/i&gt;"


def test_two_sections_with_the_same_text_give_one_snippet():
    """Issue 13, defect 11: identical snippets from two sections were shown twice."""
    text = "Projektet stärker handledare i sociala arbetskooperativ."
    docs = sections(("Sammanfattning", "sammanfattning", text), ("Syfte", "syfte", text),
                    ("Bakgrund", "bakgrund", "Handledare behövs."))
    snippets = best_snippets(docs, Highlighter({"handledare"}, {"handled"}))
    texts = [str(s.html) for s in snippets]
    assert len(texts) == len(set(texts)) == 2
    assert [s.section for s in snippets] == ["Sammanfattning", "Bakgrund"]


def test_a_match_in_a_heading_gets_a_snippet_labelled_rubrik():
    docs = sections(("Sammanfattning", "sammanfattning", "Deltagarna lagar mat."),
                    ("Medfinansiärer", "aktorer", "Region Gävleborg"))
    [snippet] = best_snippets(docs, Highlighter({"medfinansiärer"}, {"medfinansiär"}))
    assert snippet.section == HEADING_LABEL
    assert str(snippet.html) == "<mark>Medfinansiärer</mark>"
    assert snippet.anchor == "avsnitt-2"


def test_the_made_up_intro_heading_is_never_a_match():
    docs = sections(("Inledning", "ovrigt", "Rapporten beskriver året."))
    assert best_snippets(docs, Highlighter({"inledning"}, {"inledning"})) == []


def test_heading_and_text_matches_come_in_document_order():
    docs = sections(("Jämställdhetsintegrering", "jamstalldhet",
                     "Personalen utbildas i jämställdhet."))
    expansions = {"jämställdhetsintegrering": ("jämställdhet", "integrering")}.get
    snippets = best_snippets(docs, Highlighter({"jämställdhet"}, {"jämställdhet"},
                                               lambda w: expansions(w, ())))
    assert [s.section for s in snippets] == [HEADING_LABEL, "Jämställdhetsintegrering"]
    assert "<mark>jämställdhet</mark>" in str(snippets[1].html)


def test_a_metadata_match_gets_a_snippet_named_by_its_field():
    doc = {"owner": "Härryda kommun, Socialförvaltningen", "program": "Programområde 3",
           "phone": "073-217 93 66", "esf_support": 248750}
    expansions = {"socialförvaltningen": ("socialförvaltning", "förvaltning")}.get
    highlighter = Highlighter({"förvaltning"}, {"förvaltning"}, lambda w: expansions(w, ()))
    [snippet] = best_snippets([], highlighter, metadata_lines(doc))
    assert snippet.section == "Projektägare"
    assert str(snippet.html) == "Härryda kommun, <mark>Socialförvaltningen</mark>"
    [phone] = best_snippets([], Highlighter({"073-2179366"}, {"073-2179366"}),
                            metadata_lines(doc))
    assert str(phone.html) == "<mark>073-217 93 66</mark>"


def test_words_whose_ending_changed_are_still_found():
    # the index matches these through lemmas and stems; the query word is no substring
    lemmas = {"seminarier": ("seminarium",), "arbetsgivarna": ("arbetsgivare",),
              "städer": ("stad",)}.get
    for query, stem, text in (("seminarium", "seminarium", "seminarier"),
                              ("arbetsgivaren", "arbetsgivare", "arbetsgivarna"),
                              ("stad", "stad", "städer")):
        highlighter = Highlighter({query}, {stem}, lambda w: lemmas(w, ()))
        assert str(highlight_full(f"i {text}", highlighter)) == f"i <mark>{text}</mark>"


def test_the_pieces_of_a_hyphenated_word_are_matches():
    highlighter = Highlighter({"sf"}, {"sf"})
    assert str(highlight_full("SF-filmen Stål", highlighter)) == "<mark>SF-filmen</mark> Stål"
