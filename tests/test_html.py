"""The HTML pieces of ``hubpartner._html`` and the ``_repr_html_`` views: every view
is parsed back with ``html.parser``, its tags closed, its texts escaped and its
numbers (``data-value``) equal to the values it shows."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import _html
from hubpartner.errors import InvalidTypeError, InvalidValueError
from hubpartner.messages import message
from hubpartner.present import Presenter

from .htmlparse import parse

HOSTILE = "<script>alert(1)</script>"

#: Exact numbers a chart may draw, of every kind it takes.
numbers = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False),
    st.fractions(min_value=-1000, max_value=1000, max_denominator=97),
    st.floats(min_value=-1000, max_value=1000, allow_nan=False),
)
#: Texts people write, markup included.
texts = st.text(min_size=1, max_size=12).filter(str.strip) | st.just(HOSTILE)


def read_number(written: str) -> Decimal | Fraction | float:
    """A ``data-value`` back as the number it was written from."""
    if "/" in written:
        return Fraction(written)
    if "e" in written or "inf" in written:
        return float(written)
    return Decimal(written)


def same(written: str | None, value: object) -> bool:
    assert written is not None
    back = read_number(written)
    return back == value or (isinstance(value, float) and float(back) == value)


# -- escape, number, table, bar -------------------------------------------------------------


def test_escape_escapes_markup_and_quotes_and_leaves_html_alone():
    assert _html.escape(HOSTILE) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert _html.escape("'\"&") == "&#x27;&quot;&amp;"
    made = _html.escape(HOSTILE)
    assert _html.escape(made) is made
    assert _html.escape(3) == "3"


@given(texts)
def test_any_text_in_a_table_reads_back_as_itself(text):
    shown = parse(_html.table([text], [[text]], caption=text))
    assert shown.find_all("th")[0].text == text
    assert shown.find_all("td")[0].text == text
    assert shown.find_all("caption")[0].text == text
    assert shown.find_all("script") == []


def test_a_table_aligns_its_numeric_columns_right_and_keeps_html_cells():
    shown = parse(
        _html.table(
            ["client", "points"],
            [[HOSTILE, _html.number(Decimal("62.50"), "62.50")], ["b", Decimal("1234.5")]],
            numeric={1},
        )
    )
    head = shown.find_all("th")
    assert ["left" in head[0].attributes["style"], "right" in head[1].attributes["style"]] == [
        True,
        True,
    ]
    cells = shown.find_all("td")
    assert [cell.text for cell in cells] == [HOSTILE, "62.50", "b", "1,234.5"]
    assert shown.find_all("span", data_value="62.50")


def test_a_table_says_messages_and_values_in_its_locale():
    shown = parse(_html.table([message("client")], [[Decimal("1234.5")]], locale=Presenter("sv")))
    assert shown.find_all("th")[0].text == "klient"
    assert shown.find_all("td")[0].text == "1\xa0234,5"


def test_a_table_refuses_a_row_of_the_wrong_width_and_a_column_it_lacks():
    with pytest.raises(InvalidValueError, match=r"rows\[1\].*2 cells"):
        _html.table(["a", "b"], [["1", "2"], ["3"]])
    with pytest.raises(InvalidValueError, match="numeric"):
        _html.table(["a", "b"], [], numeric={2})
    with pytest.raises(InvalidTypeError, match="header"):
        _html.table("ab", [])


@given(numbers)
def test_a_bar_is_filled_to_its_fraction_clamped(fraction):
    shown = parse(_html.bar(fraction, label=HOSTILE))
    (outer,) = shown.find_all("div", **{"class": "hubpartner-bar"})
    assert outer.attributes["aria-label"] == HOSTILE
    drawn = read_number(outer.attributes["data-value"])
    expected = min(max(fraction, 0), 1)
    assert drawn == expected or float(drawn) == float(expected)
    (inner,) = outer.find_all("div")
    assert f"width:{float(expected) * 100:.2f}%" in inner.attributes["style"]


@given(st.fractions(min_value=0, max_value=2), st.fractions(min_value=0, max_value=2))
def test_a_larger_fraction_never_fills_less(a, b):
    def width(fraction):
        (inner,) = parse(_html.bar(fraction, label="x")).find_all("div")[1:]
        return float(inner.attributes["style"].split("width:")[1].split("%")[0])

    low, high = sorted((a, b))
    assert width(low) <= width(high)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, InvalidTypeError),
        ("0.5", InvalidTypeError),
        (None, InvalidTypeError),
        (float("nan"), InvalidValueError),
        (Decimal("Infinity"), InvalidValueError),
        (Decimal("1e15"), InvalidValueError),
        (-(10**15), InvalidValueError),
    ],
)
def test_a_value_that_is_not_a_finite_number_is_refused_by_name(value, error):
    with pytest.raises(error, match="fraction"):
        _html.bar(value, label="x")
    with pytest.raises(error, match="value"):
        _html.number(value, "x")


# -- charts --------------------------------------------------------------------------------


def series_of(length):
    return st.dictionaries(
        texts, st.lists(numbers, min_size=length, max_size=length), min_size=1, max_size=3
    )


@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda n: st.tuples(
            series_of(n), st.lists(texts, min_size=n, max_size=n), st.dictionaries(texts, numbers)
        )
    )
)
def test_a_line_chart_draws_every_value_of_every_series_and_threshold(drawn):
    series, labels, thresholds = drawn
    chart = _html.svg_line_chart(
        series, thresholds=thresholds, x_labels=labels, y_label=HOSTILE, title=HOSTILE
    )
    shown = parse(chart)
    (svg,) = shown.find_all("svg")
    assert svg.find_all("title")[0].text == HOSTILE
    assert "<script" not in chart
    for name, values in series.items():
        circles = svg.find_all("circle", data_series=name)
        assert [int(c.attributes["data-index"]) for c in circles] == list(range(len(values)))
        assert all(
            same(c.attributes["data-value"], v) for c, v in zip(circles, values, strict=True)
        )
    lines = svg.with_attribute("data-threshold")
    assert {line.attributes["data-threshold"] for line in lines} == set(thresholds)
    for line in lines:
        assert same(line.attributes["data-value"], thresholds[line.attributes["data-threshold"]])
    assert [t.text for t in svg.find_all("text", **{"class": "x-label"})] == labels


def test_a_line_chart_puts_a_higher_value_higher_and_a_threshold_at_its_height():
    chart = parse(
        _html.svg_line_chart(
            {"active": [0, 50, 100]},
            thresholds=[("Gold", 100)],
            x_labels=["a", "b", "c"],
            y_label="points",
        )
    )
    heights = [float(c.attributes["cy"]) for c in chart.find_all("circle")]
    assert heights[0] > heights[1] > heights[2]  # SVG's y grows downwards
    (gold,) = chart.with_attribute("data-threshold")
    assert float(gold.attributes["y1"]) == heights[2]
    assert chart.find_all("title")[0].text == "points"  # the title is the axis' name
    ticks = [read_number(t.attributes["data-tick"]) for t in chart.with_attribute("data-tick")]
    assert ticks[0] <= 0
    assert ticks[-1] >= 100


def test_a_chart_of_one_value_alone_still_has_a_scale():
    chart = parse(_html.svg_line_chart({"a": [Decimal(5)]}, x_labels=["x"], y_label="y"))
    ticks = [read_number(t.attributes["data-tick"]) for t in chart.with_attribute("data-tick")]
    assert ticks[0] < 5 < ticks[-1]
    (point,) = chart.find_all("circle")
    assert point.attributes["cx"] == f"{(_html.MARGIN_LEFT + 480 - _html.MARGIN_RIGHT) / 2:.2f}"


def test_a_chart_says_its_texts_and_numbers_in_its_locale():
    chart = parse(
        _html.svg_line_chart(
            {message("client"): [Decimal("0.5"), Decimal("1.5")]},
            x_labels=["a", "b"],
            y_label=message("client"),
            locale="sv",
        )
    )
    assert chart.find_all("title")[0].text == "klient"
    assert "0,4" in [t.text for t in chart.with_attribute("data-tick")]


def test_a_line_chart_refuses_what_it_cannot_draw():
    with pytest.raises(InvalidTypeError, match="series"):
        _html.svg_line_chart({}, x_labels=[], y_label="y")
    with pytest.raises(InvalidTypeError, match="series"):
        _html.svg_line_chart([1, 2], x_labels=["a", "b"], y_label="y")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"series\['b'\]"):
        _html.svg_line_chart({"a": [1, 2], "b": [1]}, x_labels=["a", "b"], y_label="y")
    with pytest.raises(InvalidValueError, match=r"series\['a'\]"):
        _html.svg_line_chart({"a": []}, x_labels=[], y_label="y")
    with pytest.raises(InvalidValueError, match="x_labels"):
        _html.svg_line_chart({"a": [1, 2]}, x_labels=["a"], y_label="y")
    with pytest.raises(InvalidTypeError, match=r"series\['a'\]\[1\]"):
        _html.svg_line_chart({"a": [1, True]}, x_labels=["a", "b"], y_label="y")
    with pytest.raises(InvalidValueError, match=r"thresholds\['t'\]"):
        _html.svg_line_chart(
            {"a": [1]}, thresholds={"t": float("inf")}, x_labels=["a"], y_label="y"
        )
    with pytest.raises(InvalidValueError, match="width"):
        _html.svg_line_chart({"a": [1]}, x_labels=["a"], y_label="y", width=10)
    with pytest.raises(InvalidTypeError, match="height"):
        _html.svg_line_chart({"a": [1]}, x_labels=["a"], y_label="y", height=200.0)


@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.tuples(numbers, numbers, numbers).map(sorted) | st.just([None, None, None]),
                min_size=n,
                max_size=n,
            ).filter(lambda rows: any(row[0] is not None for row in rows)),
            st.sets(st.integers(min_value=0, max_value=n - 1)),
        )
    )
)
def test_a_band_chart_draws_each_point_with_its_interval_and_marks_some_hollow(drawn):
    rows, marked = drawn
    low = [row[0] for row in rows]
    points = [row[1] for row in rows]
    high = [row[2] for row in rows]
    labels = [f"q{i}" for i in range(len(rows))]
    chart = parse(
        _html.svg_band_chart(points, low, high, marked=marked, x_labels=labels, y_label="NPS")
    )
    circles = {int(c.attributes["data-index"]): c for c in chart.find_all("circle")}
    assert set(circles) == {i for i, value in enumerate(points) if value is not None}
    for i, circle in circles.items():
        assert same(circle.attributes["data-value"], points[i])
        assert same(circle.attributes["data-low"], low[i])
        assert same(circle.attributes["data-high"], high[i])
        assert (circle.attributes.get("data-marked") == "true") == (i in marked)
        assert (circle.attributes["fill"] == "#ffffff") == (i in marked)
    bands = {int(r.attributes["data-index"]): r for r in chart.find_all("rect")}
    assert set(bands) == set(circles)


def test_a_band_chart_draws_a_point_without_an_interval():
    chart = parse(
        _html.svg_band_chart([10, 20], [None, 15], [None, 25], x_labels=["a", "b"], y_label="y")
    )
    first = chart.find_all("circle", data_index="0")[0]
    assert "data-low" not in first.attributes
    assert [r.attributes["data-index"] for r in chart.find_all("rect")] == ["1"]
    assert chart.find_all("title")[0].text == "y"


def test_a_band_chart_refuses_what_it_cannot_draw():
    with pytest.raises(InvalidValueError, match="points"):
        _html.svg_band_chart([], [], [], x_labels=[], y_label="y")
    with pytest.raises(InvalidValueError, match="high"):
        _html.svg_band_chart([1], [1], [], x_labels=["a"], y_label="y")
    with pytest.raises(InvalidValueError, match="marked"):
        _html.svg_band_chart([1], [1], [1], marked={1}, x_labels=["a"], y_label="y")
    with pytest.raises(InvalidValueError, match="points"):
        _html.svg_band_chart([None], [None], [None], x_labels=["a"], y_label="y")
    with pytest.raises(InvalidTypeError, match=r"low\[0\]"):
        _html.svg_band_chart([1], ["0"], [2], x_labels=["a"], y_label="y")


@given(
    st.lists(st.tuples(texts, numbers), min_size=1, max_size=8),
)
def test_bars_draw_each_value_as_high_as_it_is(drawn):
    labels = [label for label, _ in drawn]
    values = [value for _, value in drawn]
    chart = parse(_html.svg_bars(labels, values, title=HOSTILE))
    rects = chart.find_all("rect")
    assert [r.attributes["data-label"] for r in rects] == labels
    assert all(same(r.attributes["data-value"], v) for r, v in zip(rects, values, strict=True))
    heights = [float(r.attributes["height"]) for r in rects]
    for h1, v1 in zip(heights, values, strict=True):
        for h2, v2 in zip(heights, values, strict=True):
            if abs(v1) < abs(v2):
                assert h1 <= h2
    assert chart.find_all("title")[0].text == HOSTILE


def test_bars_refuse_what_they_cannot_draw():
    with pytest.raises(InvalidValueError, match="values"):
        _html.svg_bars([], [], title="t")
    with pytest.raises(InvalidValueError, match="x_labels"):
        _html.svg_bars(["a"], [1, 2], title="t")
    with pytest.raises(InvalidTypeError, match=r"values\[0\]"):
        _html.svg_bars(["a"], [None], title="t")
