"""Bar-chart geometry: bars fit the chart and scale to the largest count."""

from __future__ import annotations

from webui.charts import WIDTH, chart


def bars(*counts):
    return [{"value": str(2000 + i), "label": str(2000 + i), "count": c}
            for i, c in enumerate(counts)]


def test_columns_fit_the_width_and_scale_to_the_tallest():
    geometry = chart({"name": "year", "bars": bars(*range(28))})
    columns = geometry["bars"]
    assert all(0 <= b["x"] and b["x"] + b["width"] <= WIDTH for b in columns)
    assert max(b["height"] for b in columns) == columns[-1]["height"] > 0
    assert columns[0]["height"] == 0 and columns[0]["axis_label"] == "2000"
    assert sum(1 for b in columns if b["axis_label"]) <= 8


def test_rows_keep_long_labels_short_and_the_count_inside():
    geometry = chart({"name": "program", "bars": [
        {"value": "x", "label": "1 Kompetensförsörjning och livslångt lärande i hela landet",
         "count": 9}]})
    row = geometry["bars"][0]
    assert len(row["short_label"]) <= 40 and row["short_label"].endswith("…")
    assert row["count_x"] < WIDTH


def test_an_empty_chart_has_a_size():
    assert chart({"name": "region", "bars": []})["height"] > 0
