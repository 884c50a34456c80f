"""Snippets: escaped text, only our <mark>, matches found as the index finds them."""

from __future__ import annotations

from search.snippets import Highlighter, best_snippets, highlight_full, lead_snippet


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
