"""Every route and parameter through Flask's test client, on the seed corpus."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.conftest import FYRBODAL, IOP_REPORT, JONKOPING, POLICY, SOLNA


def api(client, query: str) -> dict:
    response = client.get("/api/search?" + query)
    assert response.status_code == 200
    return response.get_json()


def ids(data: dict) -> set[str]:
    return {hit["id"] for hit in data["hits"]}


def facet(data: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in data["facets"][name]}


def test_browse_mode_lists_everything_with_facets(client):
    data = api(client, "")
    assert data["total"] == 5
    assert facet(data, "kind") == {"esf_project": 3, "report": 1, "other": 1}
    assert facet(data, "region")["__saknas__"] == 1  # the policy text has no region


def test_word_query_finds_the_four_documents_that_use_it(client):
    assert ids(api(client, "q=kooperativ")) == {SOLNA, FYRBODAL, JONKOPING, POLICY}


def test_region_multi_select_is_or_within_and_keeps_alternatives(client):
    data = api(client, "region=Stockholm&region=Västsverige")
    assert ids(data) == {SOLNA, FYRBODAL, IOP_REPORT}  # the report's region is inferred
    regions = facet(data, "region")
    assert regions["Småland och Öarna"] == 1 and regions["__saknas__"] == 1
    selected = {v["value"] for v in data["facets"]["region"] if v["selected"]}
    assert selected == {"Stockholm", "Västsverige"}


def test_region_filter_with_kind_gives_the_two_projects(client):
    data = api(client, "region=Stockholm&region=Västsverige&kind=esf_project")
    assert ids(data) == {SOLNA, FYRBODAL}


def test_and_across_facets_and_own_counts_without_own_selection(client):
    data = api(client, "region=Stockholm&phase=Genomförande")
    assert data["total"] == 0
    # phase counts ignore the phase selection but respect the region one
    assert facet(data, "phase") == {"Förprojektering": 1, "__saknas__": 1, "Genomförande": 0}


def test_owner_filter_gives_exactly_that_project(client):
    data = api(client, "owner=Coompanion+Fyrbodal")
    assert ids(data) == {FYRBODAL}


def test_missing_value_can_be_selected(client):
    assert ids(api(client, "phase=__saknas__")) == {IOP_REPORT, POLICY}


def test_kommun_year_and_program_filters(client):
    assert ids(api(client, "kommun=Upplands+Väsby")) == {SOLNA, IOP_REPORT}
    assert ids(api(client, "year=2009")) == {JONKOPING}
    assert ids(api(client, "program=2+Ökat+arbetskraftsutbud")) == {SOLNA}


def test_snippets_are_labelled_and_marked(client):
    hit = next(h for h in api(client, "q=handledare")["hits"] if h["id"] == FYRBODAL)
    assert hit["snippets"] and len(hit["snippets"]) <= 3
    assert any("<mark>handledare</mark>" in s["html"].lower() for s in hit["snippets"])
    assert all(s["section"] for s in hit["snippets"])


def test_sort_by_budget_and_newest(client):
    by_budget = [h["id"] for h in api(client, "sort=budget")["hits"]]
    assert by_budget[:3] == [JONKOPING, SOLNA, FYRBODAL]
    newest = [h["id"] for h in api(client, "sort=newest&kind=esf_project")["hits"]]
    assert newest == [JONKOPING, SOLNA, FYRBODAL]


def test_pagination(client):
    first = api(client, "per_page=2")
    second = api(client, "per_page=2&page=2")
    assert first["pages"] == 3 and len(first["hits"]) == 2
    assert not ids(first) & ids(second)


@pytest.mark.parametrize("query", ["page=0", "page=-4", "page=abc", "page=99999999999",
                                   "per_page=0", "per_page=100000", "per_page=x"])
def test_bad_paging_is_clamped_with_a_message(client, query):
    data = api(client, query)
    assert data["messages"] and 1 <= data["per_page"] <= 100


@pytest.mark.parametrize("q", ['"handledare', "(kooperativ", "kooperativ AND", "*", "*a*",
                               "a~9", "[a TO ö]", "((((((((((a))))))))))", "x" * 5000,
                               "\x00\x01", "\u202ekooperativ", "😀 kooperativ"])
def test_odd_queries_never_fail(client, q):
    for path in ("/", "/api/search", "/export.csv"):
        with client.get(path, query_string={"q": q}) as response:
            assert response.status_code == 200


def test_syntax_error_gives_a_message_and_best_effort_results(client):
    data = api(client, 'q="handledare')
    assert data["total"] >= 1
    assert any("syntaxfel" in m for m in data["messages"])


def test_query_language(client):
    assert ids(api(client, "q=handledare+OR+Kalmar")) >= {FYRBODAL, JONKOPING}
    assert FYRBODAL not in ids(api(client, "q=kooperativ+-handledare"))
    assert FYRBODAL not in ids(api(client, "q=kooperativ+NOT+handledare"))
    assert ids(api(client, 'q="sociala+arbetskooperativ"')) >= {SOLNA, FYRBODAL}
    assert ids(api(client, "q=syfte:förprojekteringen")) == {SOLNA}
    assert FYRBODAL in ids(api(client, "q=titel:handledare"))
    assert ids(api(client, "q=KOOPERATIV")) == ids(api(client, "q=kooperativ"))
    assert SOLNA in ids(api(client, "q=kartlägg*"))


def test_unknown_word_gets_did_you_mean(client):
    data = api(client, "q=handledare+OR+kooprativ")
    assert data["total"] >= 1 and data["suggestion"] == "handledare OR kooperativ"
    html = client.get("/?q=handledare+OR+kooprativ").get_data(as_text=True)
    assert "Menade du" in html and "q=handledare+OR+kooperativ" in html


def test_typo_without_hits_is_corrected_visibly(client):
    data = api(client, "q=handledare+kooprativ")
    assert data["corrected_from"] == "handledare kooprativ"
    assert FYRBODAL in ids(data)
    assert any("Visar träffar för ”handledare kooperativ”" in m for m in data["messages"])
    html = client.get("/?q=handledare+kooprativ").get_data(as_text=True)
    status = r"id=\"antal\"[^>]*>\s*\d+ träff\w*\s*för "
    assert re.search(status + r"<strong>handledare kooperativ</strong>", html)


def test_synonym_notice_names_abbreviations_in_capitals(client):
    html = client.get("/?q=arbetsintegrerande+sociala+f%C3%B6retag").get_data(as_text=True)
    assert "arbetsintegrerande sociala företag → ASF" in html


def test_html_and_json_totals_agree(client):
    for query in ("q=kooperativ", "region=Stockholm", "q=ASF"):
        total = api(client, query)["total"]
        html = client.get("/?" + query).get_data(as_text=True)
        assert re.search(rf'id="antal"[^>]*>\s*{total} träff', html)


def test_search_page_is_swedish_and_labelled(client):
    html = client.get("/?q=kooperativ&region=Stockholm").get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert 'role="search"' in html and '<label for="q">' in html
    assert 'aria-live="polite"' in html and "Rensa alla filter" in html
    assert "Projektägare" in html and "Uppgift saknas" in html


def test_the_kommun_facet_is_grouped_by_county(client):
    html = client.get("/").get_data(as_text=True)
    counties = re.findall(r'<details class="county"[^>]*>\s*<summary><span class="county-name">'
                          r'([^<]+)</span>', html)
    assert "Stockholms län" in counties and "Västra Götalands län" in counties
    assert counties == sorted(counties, key=lambda c: (c == "Övriga", c))


def render_facet(app, count: int) -> str:
    from flask import render_template

    items = [{"value": f"v{i}", "label": f"Värde {i}", "count": 1, "selected": False,
              "toggle_url": f"/?owner=v{i}"} for i in range(count)]
    facet = {"name": "owner", "title": "Projektägare", "items": items, "top": items[:8],
             "more": items[8:], "filterable": count > 8}
    with app.test_request_context("/"):
        return render_template("_facet.html", facet=facet)


def test_query_text_is_escaped(client):
    html = client.get("/", query_string={"q": "<script>alert(1)</script>",
                                         "region": "<img src=x onerror=alert(1)>"}).get_data(
        as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_document_page(client):
    html = client.get(f"/doc/{FYRBODAL}?q=handledare&region=Västsverige").get_data(as_text=True)
    assert "Pilotutbildning för handledare i sociala arbetskooperativ" in html
    assert "Coompanion Fyrbodal" in html and "0520-167 60" in html
    assert 'href="#avsnitt-1"' in html and 'id="avsnitt-1"' in html
    assert "<mark>handledare</mark>" in html
    assert "Tillbaka till sökresultatet" in html and "region=V%C3%A4stsverige" in html


def test_document_page_marks_a_matching_heading(client):
    html = client.get(f"/doc/{FYRBODAL}?q=jämställdhetsintegrering").get_data(as_text=True)
    assert "<h2><mark>Jämställdhetsintegrering</mark></h2>" in html


@pytest.mark.parametrize("path", ["/doc/finns-inte", "/doc/../corpus/x", "/doc/%2e%2e%2fetc",
                                  "/api/doc/finns-inte", "/nope"])
def test_unknown_documents_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


def test_api_doc_returns_the_parsed_document(client):
    doc = client.get(f"/api/doc/{SOLNA}").get_json()
    assert doc["owner"] == "Solna Stad, Social psykiatrienheten"
    assert doc["sections"][0]["heading"] == "Sammanfattning"


def test_csv_export_has_bom_a_safe_name_and_all_rows(client):
    from datetime import date

    response = client.get("/export.csv?q=kooperativ")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="sokresultat-kooperativ-{date.today().isoformat()}.csv"')
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 4 and "Västsverige" in body.decode()


def test_csv_export_is_capped_with_a_note(client, monkeypatch):
    from webui import api

    monkeypatch.setattr(api, "EXPORT_LIMIT", 2)
    lines = client.get("/export.csv?q=kooperativ").get_data().decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 2 + 1 and "kortats till 2 rader" in lines[-1]


def test_csv_has_links_and_swedish_decimal_commas(client):
    lines = client.get("/export.csv?q=kooperativ").get_data().decode("utf-8-sig").splitlines()
    header, first = lines[0].split(";"), lines[1].split(";")
    assert header[-3:] == ["länk", "original", "poäng"]
    assert first[-3].startswith("http://localhost/doc/")
    assert first[-2].startswith("http://localhost/original/")
    assert "," in first[-1] and "." not in first[-1]


def test_only_one_export_runs_at_a_time(client):
    first = client.get("/export.csv?q=kooperativ", buffered=False)
    try:
        second = client.get("/export.csv?q=kooperativ")
        assert second.status_code == 429 and second.headers["Retry-After"]
    finally:
        first.close()
    with client.get("/export.csv?q=kooperativ") as third:
        assert third.status_code == 200


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_api_errors_are_json(client):
    response = client.get("/api/doc/x")
    assert response.get_json() == {"error": {"status": 404,
                                             "message": "Sidan eller dokumentet finns inte."}}


def test_oversized_request_body_is_refused(client):
    assert client.post("/", data="x" * 200_000).status_code in (405, 413)


# -- issue 13: defects a real user hit ---------------------------------------------

def test_field_names_ignore_case_and_unknown_fields_say_so(client):
    assert ids(api(client, "q=Syfte:förprojekteringen")) == {SOLNA}
    data = api(client, "q=budget:1000")
    assert any("”budget”" in m and "syfte" in m for m in data["messages"])


def test_a_suggestion_for_a_broken_query_is_well_formed(client):
    data = api(client, 'q="sociala+arbets')
    suggestion = data["suggestion"]
    assert suggestion and suggestion.count('"') % 2 == 0
    followed = api(client, "q=" + quote(suggestion))
    assert not any("syntaxfel" in m for m in followed["messages"])


def test_spelling_is_corrected_inside_quotes(client):
    data = api(client, "q=" + quote('"socila företag"'))
    assert data["total"] > 0 and data["corrected_from"] == '"socila företag"'


def test_searching_exactly_as_typed_skips_the_correction(client):
    html = client.get("/?q=handledare+kooprativ").get_data(as_text=True)
    link = re.search(r'Sök i stället exakt efter <a href="([^"]+)"', html).group(1)
    exact = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Visar träffar för" not in exact
    data = api(client, link.replace("&amp;", "&").split("?", 1)[1])
    assert data["total"] == 0 and data["corrected_from"] is None and data["exact"] is True


def test_a_page_past_the_end_shows_the_last_page(client):
    data = api(client, "per_page=2&page=99")
    assert data["page"] == data["pages"] == 3 and data["hits"]
    assert any("sista sidan" in m for m in data["messages"])


def test_a_long_query_is_echoed_shortened(client):
    q = " ".join(["kooperativ"] * 45)
    html = client.get("/", query_string={"q": q}).get_data(as_text=True)
    echoed = re.search(r'id="antal"[^>]*>.*?<strong[^>]*>(.*?)</strong>', html, re.S).group(1)
    assert len(echoed) <= 81 and echoed.endswith("…")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert len(title) < 200


def test_show_more_can_be_closed_again(app):
    html = render_facet(app, 12)
    more = re.search(r'<details class="more">\s*<summary>(.*?)</summary>', html, re.S).group(1)
    assert "Visa fler (4)" in more and "Visa färre" in more
    assert 'class="facet-filter"' in html  # a long list can be filtered by typing
    assert 'class="facet-filter"' not in render_facet(app, 5)


def test_csv_links_are_absolute_and_empty_amounts_say_so(client):
    lines = client.get("/export.csv?q=handledare").get_data().decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    row = dict(zip(header, lines[[line.split(";")[0] for line in lines].index(FYRBODAL)]
                   .split(";"), strict=True))
    assert row["länk"] == f"http://localhost/doc/{FYRBODAL}"
    assert row["beviljat ESF-stöd (kr)"] == "Uppgift saknas"  # 0 kr in the page


# -- issue 13: ranges, the picture, Liknande projekt, summary, help, feed -----------

def test_a_period_range_keeps_projects_active_in_those_years(client):
    # Jönköping runs 2009-04 – 2010-12: active in 2010 though it started in 2009; the
    # policy text counts by its own date (2010).
    assert ids(api(client, "period_from=2010&period_to=2010")) == {JONKOPING, POLICY}
    assert ids(api(client, "period_from=2008&period_to=2008")) == {SOLNA, FYRBODAL}
    data = api(client, "period_from=2009&period_to=2009")
    assert ids(data) == {SOLNA, JONKOPING}  # Solna: 2008-08 – 2009-01
    assert data["ranges"]["period"]["from"] == 2009
    presets = {p["label"]: p["count"] for p in data["ranges"]["period"]["presets"]}
    assert presets["2007–2013"] == 4 and presets["2014–2020"] == 0


def test_an_amount_range_and_its_buckets(client):
    data = api(client, "budget_min=1+mnkr")
    assert ids(data) == {JONKOPING}  # 6 113 800 kr; Fyrbodal's 0 kr is not an amount
    buckets = {p["label"]: p["count"] for p in data["ranges"]["budget"]["presets"]}
    assert buckets == {"under 0,5 mnkr": 1, "0,5–2 mnkr": 0, "2–10 mnkr": 1, "över 10 mnkr": 0}
    html = client.get("/?budget_min=1000000").get_data(as_text=True)
    assert "Ta bort filter Total projektbudget: minst 1 mnkr" in html


def test_the_picture_of_the_hits_agrees_with_the_total(client):
    data = api(client, "q=kooperativ")
    charts = data["aggregates"]["charts"]
    for name in ("year", "region"):
        counted = sum(b["count"] for b in charts[name]["bars"]) + charts[name]["missing"]
        assert counted == data["total"]
    assert data["aggregates"]["esf_support"] == {"sum": 248_750 + 6_113_800,
                                                 "median": round((248_750 + 6_113_800) / 2),
                                                 "count": 2}
    bar = next(b for b in charts["region"]["bars"] if b["value"] == "Stockholm")
    assert ids(api(client, bar["url"].split("?", 1)[1])) == {SOLNA}


def test_the_search_page_draws_the_charts_with_links_and_a_table(client):
    html = client.get("/?q=kooperativ").get_data(as_text=True)
    assert html.count('<svg class="chart-svg"') == 3
    assert 'role="img"' in html and "Träffar per region" in html
    assert re.search(r'<a href="/\?q=kooperativ&amp;region=Stockholm"[^>]*class="bar-link', html)
    assert "Visa som tabell" in html and "sammanlagt" in html and "mnkr" in html


def test_the_heading_and_title_say_what_the_page_shows(client):
    html = client.get("/?q=kooperativ&region=Stockholm").get_data(as_text=True)
    sentence = "1 projekt som matchar ”kooperativ” i Stockholm"
    assert f'<h1 id="resultatrubrik" tabindex="-1">{sentence}</h1>' in html
    assert f"<title>{sentence} – ESF-sök</title>" in html
    assert api(client, "q=kooperativ&region=Stockholm")["summary"] == sentence


def test_a_zero_hit_page_offers_ways_out(client):
    html = client.get("/?q=handledare&region=Stockholm&phase=Genomf%C3%B6rande").get_data(
        as_text=True)
    assert "Så kan du hitta något" in html
    assert "Ta bort Region: Stockholm → 1 träff" in html
    assert "Bläddra bland alla dokument" in html
    data = api(client, "q=handledare+flamingo")
    assert data["recovery"]["missing_words"] == ["flamingo"]


def test_the_kommun_facet_can_be_filtered_by_typing(client):
    html = client.get("/").get_data(as_text=True)
    kommun = re.search(r'<fieldset class="facet facet-kommun".*?</fieldset>', html, re.S).group(0)
    assert 'class="facet-filter" hidden aria-label="Sök kommun"' in kommun


def test_the_document_page_has_similar_projects_and_whole_counties(client):
    html = client.get(f"/doc/{SOLNA}").get_data(as_text=True)
    assert "Liknande projekt" in html and 'id="liknande"' in html
    assert "Delar orden:" in html
    assert "Hela Stockholms län" in html  # Solna's page lists all 26 municipalities
    region = client.get(f"/doc/{SOLNA}?liknande=region").get_data(as_text=True)
    assert 'aria-current="true">Samma region</a>' in region
    assert "Hela" not in client.get(f"/doc/{FYRBODAL}").get_data(as_text=True).split(
        "Kommuner</th>")[1].split("</tr>")[0]


def test_the_atom_feed_lists_the_newest_matching_documents(client):
    from xml.etree import ElementTree

    response = client.get("/feed.atom?q=kooperativ")
    assert response.mimetype == "application/atom+xml"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.fromstring(response.get_data())
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:id", ns).text for e in entries] == [
        f"http://localhost/doc/{doc_id}" for doc_id in (POLICY, JONKOPING, SOLNA, FYRBODAL)]
    assert len(entries) == api(client, "q=kooperativ")["total"]
    assert feed.find("a:updated", ns).text.endswith("Z")
    assert "kooperativ" in feed.find("a:title", ns).text
    page = client.get("/?q=kooperativ").get_data(as_text=True)
    assert 'type="application/atom+xml"' in page and "/feed.atom?q=kooperativ" in page


def test_the_help_page_is_linked_from_the_search_page(client):
    assert 'href="/hjalp"' in client.get("/").get_data(as_text=True)


def test_a_facet_without_values_says_so(client):
    html = client.get("/?q=flamingo&exact=1").get_data(as_text=True)
    owner = re.search(r'id="facet-owner".*?</fieldset>', html, re.S).group(0)
    assert "Inga värden" in owner
    kommun = re.search(r'id="facet-kommun".*?</fieldset>', html, re.S).group(0)
    assert "Inga värden" in kommun and "facet-filter" not in kommun
