"""One result, four renderings: HTML, JSON, CSV and the CLI agree on totals and ids."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.schema import RESULT_FIELDS
from search.results import Hit, csv_header

REQUESTS = [("kooperativ", {}), ("handledare OR solna", {}), ("", {"region": "Västsverige"}),
            ("sociala företag", {"phase": "Genomförande"})]


def html_ids_and_total(client, q, filters):
    html = client.get("/", query_string={"q": q, **filters, "per_page": 100}).get_data(
        as_text=True)
    found = re.search(r'id="antal"[^>]*>\s*(Inga träffar|1 träff|(\d+) träffar)', html)
    total = 0 if found.group(1) == "Inga träffar" else int(found.group(2) or 1)
    ids = [unquote(m) for m in re.findall(r'<h3><a href="/doc/([^"?]+)', html)]
    return total, ids


@pytest.mark.parametrize("q, filters", REQUESTS)
def test_html_json_csv_and_cli_agree(client, seed_index, q, filters):
    data = client.get("/api/search", query_string={"q": q, **filters, "per_page": 100}
                      ).get_json()
    json_ids = [hit["id"] for hit in data["hits"]]
    assert data["total"] == len(json_ids) > 0

    assert html_ids_and_total(client, q, filters) == (data["total"], json_ids)

    body = client.get("/export.csv", query_string={"q": q, **filters}).get_data(as_text=True)
    rows = [line.split(";") for line in body.lstrip("\ufeff").splitlines()]
    assert rows[0] == csv_header()
    assert [row[0] for row in rows[1:]] == json_ids

    args = ["search", q, "--json", "--index", str(seed_index), "--limit", "100"]
    for name, value in filters.items():
        args += [f"--{name}", value]
    cli = json.loads(CliRunner().invoke(main, args).output)
    assert cli["total"] == data["total"] and [h["id"] for h in cli["hits"]] == json_ids


def test_facet_values_carry_their_toggle_url_in_json(client):
    data = client.get("/api/search?q=kooperativ").get_json()
    value = next(v for v in data["facets"]["region"] if v["value"] == "Västsverige")
    assert value["toggle_url"] == "/?q=kooperativ&region=V%C3%A4stsverige"
    toggled = client.get("/api/search" + value["toggle_url"][1:]).get_json()
    assert toggled["filters"] == {"region": ["Västsverige"]}
    selected = next(v for v in toggled["facets"]["region"] if v["value"] == "Västsverige")
    assert selected["selected"] and selected["toggle_url"] == "/?q=kooperativ"


def test_every_result_field_is_in_json_csv_and_on_the_hit():
    doc = {"id": "x", "title": "T", "kind": "report", "kommuner": ["Solna"], "esf_support": 0}
    hit = Hit.from_document(doc, 1.5)
    data = hit.to_dict()
    assert all(f.json_key in data for f in RESULT_FIELDS)
    assert len(hit.csv_row()) == len(csv_header())
    assert hit.title == "T" and hit["kommuner"] == ("Solna",)
    assert hit.esf_support is None  # 0 kr in projektbanken means "not stated"
    with pytest.raises(AttributeError):
        _ = hit.no_such_field


def test_a_result_is_frozen(client, app):
    from dataclasses import FrozenInstanceError

    from search.params import SearchParams

    result = app.extensions["engine"].search(SearchParams.build(q="kooperativ"))
    with pytest.raises(FrozenInstanceError):
        result.total = 0


@pytest.mark.parametrize("q", ['kooperativ AND', '"sociala arbets', '- kooperativ', '()'])
def test_html_and_json_show_the_same_messages(client, q):
    import html as html_module

    messages = client.get("/api/search", query_string={"q": q}).get_json()["messages"]
    page = html_module.unescape(client.get("/", query_string={"q": q}).get_data(as_text=True))
    assert messages and all(message in page for message in messages)
