"""The HTML pieces of ``hubpartner._html`` and the ``_repr_html_`` views: every view
is parsed back with ``html.parser``, its tags closed, its texts escaped and its
numbers (``data-value``) equal to the values it shows."""

from __future__ import annotations

import decimal
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hubpartner import Money, _html, clients, engagement, ledger, reviews, rules, surveys, tiers
from hubpartner.errors import InvalidTypeError, InvalidValueError
from hubpartner.messages import message
from hubpartner.present import Presenter
from hubpartner.tiers import PointsHeld

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


def test_an_interval_bar_draws_the_interval_and_the_value_on_its_scale():
    shown = parse(_html.interval_bar(50, 25.5, 75, lowest=-100, highest=100, label=HOSTILE))
    (svg,) = shown.find_all("svg")
    assert svg.find_all("title")[0].text == HOSTILE
    assert [svg.attributes[f"data-{k}"] for k in ("value", "low", "high")] == ["50", "25.5", "75"]
    band = svg.find_all("rect")[1]
    assert float(band.attributes["x"]) == pytest.approx(120 * 125.5 / 200, abs=0.01)
    (dot,) = svg.find_all("circle")
    assert float(dot.attributes["cx"]) == pytest.approx(90.0)
    alone = parse(_html.interval_bar(None, 0, 1, lowest=0, highest=1, label="x"))
    assert alone.find_all("circle") == []
    assert "data-value" not in alone.find_all("svg")[0].attributes
    clamped = parse(_html.interval_bar(5, None, None, lowest=0, highest=1, label="x"))
    assert clamped.find_all("circle")[0].attributes["cx"] == "120.00"
    assert len(clamped.find_all("rect")) == 1


def test_an_interval_bar_needs_a_scale_that_goes_up():
    with pytest.raises(InvalidValueError, match="highest"):
        _html.interval_bar(0, 0, 0, lowest=1, highest=1, label="x")
    with pytest.raises(InvalidTypeError, match="low"):
        _html.interval_bar(0, "0", 1, lowest=0, highest=1, label="x")


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


def test_a_chart_of_values_closer_than_an_amount_s_places_writes_its_axis_in_ten_places():
    tiny = 8.720709044644522e-293  # found by Hypothesis: an axis step of 1E-293
    chart = parse(_html.svg_line_chart({"a": [0, tiny]}, x_labels=["a", "b"], y_label="y"))
    ticks = [read_number(t.attributes["data-tick"]) for t in chart.with_attribute("data-tick")]
    assert ticks == [0, Decimal("1E-10")]
    assert [t.text for t in chart.with_attribute("data-tick")] == ["0", "0.0000000001"]


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
# the smallest float: a fifth of its span underflows to 0.0
@example([("a", 5e-324)])
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


# -- the views -----------------------------------------------------------------------------


CURRENT = rules.for_date(date(2025, 8, 1))
THRESHOLDS = tiers.load_thresholds("docs/examples/thresholds.toml")


def values(element, name="data-value"):
    """The numbers of the elements inside ``element`` that carry ``name``."""
    return [read_number(e.attributes[name]) for e in element.with_attribute(name)]


def rows_of(table):
    """The cells of a table's body, row by row: each cell an Element."""
    return [row.find_all("td") for row in table.find_all("tbody")[0].find_all("tr")]


def number_in(cell):
    (span,) = [e for e in cell.with_attribute("data-value") if e.tag == "span"]
    return read_number(span.attributes["data-value"])


def test_an_evaluation_shows_the_tier_met_and_why_each_other_is_not():
    held = PointsHeld(sourced=100, assisted=40, managed=200)
    result = tiers.evaluate(held, thresholds=THRESHOLDS, certified=True, rules=CURRENT)
    shown = parse(result._repr_html_())
    assert shown.find_all("caption")[0].text == f"Tier: {result.tier.label}"
    rows = rows_of(shown)
    assert [row[0].text for row in rows] == [str(tier.label) for tier, _ in result.unmet]
    english = Presenter("en")
    assert [row[1].text for row in rows] == [
        "; ".join(english.text(reason) for reason in reasons) for _, reasons in result.unmet
    ]
    assert "total points 340 < 2,000" in rows[-1][1].text  # numbers the locale's way
    assert repr(result).startswith("Evaluation(tier=<Tier.")  # plain repr unchanged


def test_an_evaluation_without_a_tier_says_so_in_its_locale():
    held = PointsHeld()
    result = tiers.evaluate(held, thresholds=THRESHOLDS, certified=False, rules=CURRENT)
    assert parse(result.to_html("sv")).find_all("caption")[0].text == "Nivå: ingen nivå"


@given(
    st.builds(
        PointsHeld,
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=0, max_value=10_000),
    )
)
def test_progress_has_a_bar_per_track_filled_to_held_over_required(held):
    result = tiers.progress(held, thresholds=THRESHOLDS, certified=True, rules=CURRENT)
    shown = parse(result._repr_html_())
    rows = rows_of(shown)
    assert len(rows) == len(result.tracks)
    for row, track in zip(rows, result.tracks, strict=True):
        assert number_in(row[1]) == track.held
        if track.next_required is None:
            assert row[5].text == "-"
            assert row[2].text == "-"
            continue
        assert number_in(row[2]) == track.next_required
        assert number_in(row[3]) == track.gap
        (bar_drawn,) = row[5].find_all("div", **{"class": "hubpartner-bar"})
        expected = (
            1
            if track.next_required == 0
            else min(Fraction(track.held) / Fraction(track.next_required), 1)
        )
        assert read_number(bar_drawn.attributes["data-value"]) == expected
    caption = shown.find_all("caption")[0].text
    if result.next is None:
        assert caption == "already at the top tier"
    else:
        assert str(result.next.label) in caption


def test_progress_is_said_in_its_locale_and_its_repr_is_unchanged():
    held = PointsHeld(sourced=100, assisted=40, managed=200)
    result = tiers.progress(held, thresholds=THRESHOLDS, certified=True, rules=CURRENT)
    shown = parse(result.to_html("sv"))
    assert shown.find_all("th")[0].text == "spår"
    assert repr(result).startswith("Progress(tier=<Tier.PLATINUM")


def test_a_requirement_of_no_points_is_a_full_bar():
    thresholds = tiers.thresholds_from_toml(
        "schema = 1\n[gold]\ntotal = 0\nsold_minimum = 0\nmanaged_minimum = 0\n"
        "[platinum]\ntotal = 10\nsold_minimum = 0\n"
    )
    result = tiers.progress(PointsHeld(), thresholds=thresholds, certified=True, rules=CURRENT)
    assert result.tier == tiers.Tier.GOLD
    bars = parse(result._repr_html_()).find_all("div", **{"class": "hubpartner-bar"})
    assert [read_number(b.attributes["data-value"]) for b in bars] == [0, 1]


def test_progress_at_the_top_tier_has_no_bar():
    held = PointsHeld(sourced=10**6, assisted=0, managed=10**6)
    elite = tiers.EliteStatus(True, 1, 1, 100)
    result = tiers.progress(
        held, thresholds=THRESHOLDS, certified=True, rules=CURRENT, activities=100, elite=elite
    )
    assert result.next is None
    shown = parse(result._repr_html_())
    assert shown.find_all("caption")[0].text == "already at the top tier"
    assert shown.find_all("div") == []


LEDGER = ledger.read_ledger("docs/examples/points-ledger.csv")


def test_points_over_time_are_a_table_and_a_chart_of_the_same_numbers():
    months = LEDGER.over_time(date(2025, 1, 1), date(2025, 6, 30))
    shown = parse(months.to_html(thresholds=THRESHOLDS))
    (table,) = shown.find_all("table")
    rows = rows_of(table)
    tracks = ("sourced", "assisted", "managed", "total")
    assert len(rows) == len(months)
    for row, (_, held) in zip(rows, months, strict=True):
        assert [number_in(cell) for cell in row[1:]] == [getattr(held, t) for t in tracks]
    for track in tracks:
        drawn = shown.find_all("circle", data_series=track)
        assert [read_number(c.attributes["data-value"]) for c in drawn] == [
            getattr(held, track) for _, held in months
        ]
    lines = {
        line.attributes["data-threshold"]: read_number(line.attributes["data-value"])
        for line in shown.with_attribute("data-threshold")
    }
    assert lines == {str(r.tier.label): r.total for r in THRESHOLDS.requirements}
    assert shown.find_all("title")[0].text == "points over time"


def test_points_over_time_stay_the_tuple_they_were():
    months = LEDGER.over_time(date(2025, 1, 1), date(2025, 3, 31))
    plain = tuple(months)
    assert isinstance(months, ledger.PointsOverTime)
    assert months == plain
    assert hash(months) == hash(plain)
    assert repr(months) == repr(plain)
    assert months[0][0] == date(2025, 1, 31)
    assert parse(months._repr_html_()).with_attribute("data-threshold") == []


def test_points_over_time_of_no_months_are_an_empty_table_and_thresholds_are_checked():
    shown = parse(ledger.PointsOverTime()._repr_html_())
    assert shown.find_all("svg") == []
    assert rows_of(shown) == []
    with pytest.raises(InvalidTypeError, match="thresholds"):
        ledger.PointsOverTime().to_html(thresholds={"Gold": 1})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "items", "field"),
    [
        (ledger.PointsOverTime, [(date(2025, 1, 31), 3)], r"items\[0\]"),
        (ledger.PointsOverTime, [[date(2025, 1, 31), PointsHeld()]], r"items\[0\]"),
        (clients.ClientTable, ["row"], r"items\[0\]"),
        (surveys.Groups, [None], r"items\[0\]"),
        (surveys.Groups, "groups", "items"),
    ],
)
def test_results_take_only_their_own_items(kind, items, field):
    with pytest.raises(InvalidTypeError, match=field):
        kind(items)


def client_row(name, **changes):
    fields = {
        "client": "c1",
        "name": name,
        "products": ["marketing:professional"],
        "relationship": "managed",
        "mrr": Money("1200.50", "EUR"),
        "engagement": 7,
        "band": "high",
        "renewal": date(2025, 9, 1),
    }
    return clients.ClientRow(**(fields | changes))


def test_the_client_table_escapes_names_and_shows_every_number():
    rows = clients.ClientTable(
        [client_row(HOSTILE), client_row("Beta & Co", client="c2", mrr=None, renewal=None)]
    )
    markup = rows._repr_html_()
    assert "<script>" not in markup
    shown = parse(markup)
    assert shown.find_all("script") == []
    cells = rows_of(shown)
    assert [row[1].text for row in cells] == [HOSTILE, "Beta & Co"]
    assert number_in(cells[0][4]) == Decimal("1200.50")
    assert cells[0][4].text == "€1,200.50"
    assert cells[1][4].text == "-"
    assert number_in(cells[0][5]) == 7
    assert cells[0][5].text == "7 high"
    assert cells[0][6].text == "9/1/25"
    assert shown.find_all("caption")[0].text == "2 clients"


def test_client_table_returns_a_client_table_equal_to_its_tuple():
    portfolio = clients.read_portfolio("docs/examples/portfolio.csv")
    found = clients.client_table(portfolio, rules=CURRENT)
    assert isinstance(found, clients.ClientTable)
    assert repr(found) == repr(tuple(found))
    shown = parse(found.to_html("de"))
    assert [row[0].text for row in rows_of(shown)] == [row.client for row in found]
    assert shown.find_all("th")[0].text == "Kunde"
    for kind in ("name", "renewal", "engagement"):
        assert isinstance(clients.client_table(portfolio, sort_by=kind), clients.ClientTable)


def test_an_engagement_score_shows_a_row_and_a_bar_per_category():
    portfolio = clients.read_portfolio("docs/examples/portfolio.csv")
    for record in portfolio.clients:
        score = record.engagement()
        shown = parse(score._repr_html_())
        rows = rows_of(shown)
        for row, category in zip(rows, score.categories, strict=True):
            assert row[0].text == category.name
            assert [number_in(cell) for cell in row[1:4]] == [
                category.earned,
                category.within_reach,
                category.maximum,
            ]
            (drawn,) = row[4].find_all("div", **{"class": "hubpartner-bar"})
            assert read_number(drawn.attributes["data-value"]) == (
                category.earned / category.maximum if category.maximum else 1
            )
            assert row[5].text == (", ".join(category.unused) or "-")
        caption = shown.find_all("caption")[0].text
        assert caption.startswith(f"engagement score {score.score}, ")


def test_a_client_s_engagement_is_captioned_with_its_name():
    usage = engagement.Usage(["Blog", "workflows"], ["marketing:professional"])
    (assessed,) = engagement.assess([("c1", HOSTILE, usage)])
    shown = parse(assessed._repr_html_())
    assert shown.find_all("caption")[0].text.startswith(f"{HOSTILE} (c1): engagement score ")
    assert repr(assessed).startswith("ClientEngagement(client='c1'")


def test_an_assessment_is_a_table_of_clients_and_a_chart_of_the_bands():
    usage = engagement.Usage(["Blog", "workflows"], ["marketing:professional"])
    found = engagement.assess(
        [("c1", HOSTILE, usage), ("c2", "Beta", engagement.Usage([], ["sales:starter"]))]
    )
    assert isinstance(found, engagement.Assessment)
    assert found == tuple(found)
    assert repr(found) == repr(tuple(found))
    markup = found._repr_html_()
    assert "<script>" not in markup
    shown = parse(markup)
    rows = rows_of(shown.find_all("table")[0])
    assert [row[1].text for row in rows] == [HOSTILE, "Beta"]
    assert [number_in(row[2]) for row in rows] == [item.score for item in found]
    assert rows[1][3].text == ", ".join(o.describe() for o in found[1].opportunities)
    bands = engagement.by_band(found)
    drawn = shown.find_all("rect")
    assert [r.attributes["data-label"] for r in drawn] == [str(b.label) for b in bands]
    assert [int(r.attributes["data-value"]) for r in drawn] == [len(c) for c in bands.values()]
    assert shown.find_all("title")[0].text == "clients per band"


def test_an_assessment_of_no_clients_is_an_empty_table():
    shown = parse(engagement.Assessment().to_html("nl"))
    assert shown.find_all("svg") == []
    assert rows_of(shown) == []


def nps_responses(scores_by_month, segment=None):
    return [
        surveys.Response(datetime(2025, month, 1 + i % 28), score, segment=segment)
        for month, scores in scores_by_month.items()
        for i, score in enumerate(scores)
    ]


def test_survey_groups_draw_each_score_with_its_interval_and_mark_small_groups():
    answers = nps_responses({1: [10, 9, 9, 3, 7, 10], 2: [0, 2], 3: [9, 9, 10, 10, 6]})
    groups = surveys.group(answers, kind="nps", min_count=3)
    assert isinstance(groups, surveys.Groups)
    assert groups == tuple(groups)
    shown = parse(groups._repr_html_())
    circles = shown.find_all("circle")
    circles = [c for c in circles if "data-index" in c.attributes]
    assert [read_number(c.attributes["data-value"]) for c in circles] == [
        g.tally.score for g in groups
    ]
    for circle, found in zip(circles, groups, strict=True):
        low, high = found.tally.interval()
        assert float(circle.attributes["data-low"]) == low
        assert float(circle.attributes["data-high"]) == high
        assert (circle.attributes.get("data-marked") == "true") == found.below_minimum
    rows = rows_of(shown.find_all("table")[0])
    assert [row[0].text for row in rows] == ["2025-01", "2025-02", "2025-03"]
    assert [number_in(row[2]) for row in rows] == [6, 2, 5]
    assert [number_in(row[3]) for row in rows] == [g.tally.score for g in groups]
    assert rows[0][3].text == str(groups[0].tally.rounded())
    assert [row[6].text for row in rows] == ["", "below the minimum count", ""]
    bars = shown.find_all("svg", **{"class": "hubpartner-interval"})
    assert [read_number(b.attributes["data-value"]) for b in bars] == [
        g.tally.score for g in groups
    ]
    assert shown.find_all("title")[0].text == "NPS with its interval"


def test_one_survey_group_is_a_table_without_a_chart_and_its_segment_is_escaped():
    answers = nps_responses({4: [10, 9, 1]}, segment=HOSTILE)
    (found,) = surveys.group(answers, kind="nps", by="all", by_segment=True)
    markup = found._repr_html_()
    assert "<script>" not in markup
    shown = parse(markup)
    assert shown.find_all("svg", **{"class": "hubpartner-chart"}) == []
    (row,) = rows_of(shown)
    assert [row[0].text, row[1].text] == ["all", HOSTILE]
    assert repr(found).startswith("Group(period=None, segment=")
    with_chart = parse(surveys.Groups([found])._repr_html_())
    labels = [t.text for t in with_chart.find_all("text", **{"class": "x-label"})]
    assert labels == [f"all {HOSTILE}"]


def test_ces_and_csat_groups_show_their_own_scales():
    ces = surveys.group(
        [surveys.Response(datetime(2025, 1, 2), 6), surveys.Response(datetime(2025, 2, 2), 5)],
        kind="ces",
    )
    shown = parse(ces._repr_html_())
    assert shown.find_all("th")[3].text == "CES"
    rows = rows_of(shown.find_all("table")[0])
    assert [row[4].text for row in rows] == ["-", "-"]  # one answer: no interval
    (first,) = [c for c in shown.find_all("circle") if c.attributes.get("data-index") == "0"]
    assert "data-low" not in first.attributes
    bar_scale = shown.find_all("svg", **{"class": "hubpartner-interval"})[0]
    assert "data-low" not in bar_scale.attributes
    csat = surveys.group(
        [surveys.Response(datetime(2025, 1, 2), s) for s in (5, 4, 1)], kind="csat", by="all"
    )
    shown = parse(csat.to_html("fr"))
    (row,) = rows_of(shown)
    low, _ = csat[0].tally.interval()
    bar_scale = shown.find_all("svg", **{"class": "hubpartner-interval"})[0]
    assert float(bar_scale.attributes["data-low"]) == low
    assert row[4].text.replace("\u202f", " ").replace("\xa0", " ").count(",") == 2


def test_no_survey_groups_are_an_empty_table():
    shown = parse(surveys.Groups()._repr_html_())
    assert rows_of(shown) == []
    assert shown.find_all("th")[3].text == "score"


def test_a_review_summary_has_a_bar_per_star_and_each_category():
    summary = reviews.Summary(
        3,
        13,
        [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)],
        reviews.review_rules().display,
        [
            reviews.CategorySummary(
                "overall",
                3,
                13,
                [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)],
                reviews.review_rules().display,
            ),
            reviews.CategorySummary(
                HOSTILE,
                0,
                0,
                [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)],
                reviews.review_rules().display,
            ),
        ],
    )
    shown = parse(summary._repr_html_())
    stars, categories = shown.find_all("table")
    assert stars.find_all("caption")[0].text == "3 reviews, 4.3 stars on average"
    rows = rows_of(stars)
    assert [number_in(row[0]) for row in rows] == [5, 4, 3, 2, 1]
    assert [number_in(row[1]) for row in rows] == [1, 2, 0, 0, 0]
    assert [values(row[2])[0] for row in rows] == [Fraction(1, 3), Fraction(2, 3), 0, 0, 0]
    rows = rows_of(categories)
    assert [row[0].text for row in rows] == ["overall", HOSTILE]
    assert number_in(rows[0][2]) == Decimal("4.3")
    assert rows[1][2].text == "-"


def test_a_category_summary_has_a_bar_per_star_alone():
    category = reviews.CategorySummary(
        HOSTILE, 2, 9, [(4, 1), (5, 1)], reviews.review_rules().display
    )
    shown = parse(category._repr_html_())
    (table,) = shown.find_all("table")
    assert [values(row[2])[0] for row in rows_of(table)] == [Fraction(1, 2), Fraction(1, 2)]
    assert repr(category).startswith("CategorySummary(category='<script>")


def test_a_summary_of_no_reviews_says_so():
    empty = reviews.Summary(0, 0, [(1, 0), (2, 0)], reviews.review_rules().display)
    shown = parse(empty.to_html("it"))
    assert shown.find_all("caption")[0].text == "ancora nessuna recensione"
    assert len(shown.find_all("table")) == 1
    assert all(values(row[2]) == [0] for row in rows_of(shown))


def test_a_chart_is_drawn_alike_whatever_the_current_decimal_context():
    def drawn():
        return (
            _html.svg_line_chart(
                {"a": [0.1, 1234567.891, 3.5]},
                thresholds=[("Gold", 300)],
                x_labels=["a", "b", "c"],
                y_label="points",
            ),
            _html.svg_bars(["x", "y"], [Decimal("12.5"), 0.3], title="y", locale="sv"),
        )

    expected = drawn()
    with decimal.localcontext() as narrow:
        narrow.prec = 2
        narrow.traps[decimal.FloatOperation] = True
        narrow.clear_flags()
        assert drawn() == expected
        assert not narrow.flags[decimal.FloatOperation]
