"""Plots: each picture is rendered with Agg to a PNG, and the data it drew is checked
against the values it was given — line values, band bounds, bar heights, marks —
never its pixels."""

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal

import matplotlib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from hubpartner import plots, rules, tiers
from hubpartner.clients import client_table, read_portfolio
from hubpartner.engagement import Band, Usage, assess
from hubpartner.errors import (
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
)
from hubpartner.ledger import Ledger, PointsHeld, SoldDeal, read_ledger
from hubpartner.surveys import Response, SurveyKind, Trailing, group, read_responses
from hubpartner.tiers import Evaluation, Tier

from .helpers import EXAMPLES

ROOT = EXAMPLES.parent.parent

matplotlib.use("Agg")

AS_OF = date(2025, 8, 15)
CURRENT = rules.for_date(AS_OF)
THRESHOLDS = tiers.load_thresholds(EXAMPLES / "thresholds.toml")


def rendered(ax, tmp_path, name="plot.png"):
    """Render ``ax``'s figure to a PNG with Agg and return ``ax``."""
    target = tmp_path / name
    ax.figure.savefig(target)
    assert target.read_bytes().startswith(b"\x89PNG")
    return ax


def with_gid(ax, gid):
    """The artists of ``ax`` (lines, patches, collections) whose gid is ``gid``."""
    return [
        artist for artist in [*ax.lines, *ax.patches, *ax.collections] if artist.get_gid() == gid
    ]


def only(ax, gid):
    (found,) = with_gid(ax, gid)
    return found


def tick_labels(axis):
    return [label.get_text() for label in axis.get_ticklabels()]


def example_progress(held=None):
    held = held or PointsHeld(sourced=100, assisted=40, managed=200)
    return tiers.progress(held, thresholds=THRESHOLDS, certified=True, rules=CURRENT)


# -- tier progress ----------------------------------------------------------------------------


def test_progress_bars_are_the_points_held_the_gaps_and_the_minimums_to_keep(tmp_path):
    now = example_progress()
    ax = rendered(plots.plot_progress(now), tmp_path)
    held = with_gid(ax, "held")
    gaps = with_gid(ax, "gap")
    assert [bar.get_width() for bar in held] == [float(t.held) for t in now.tracks]
    assert [bar.get_width() for bar in gaps] == [float(t.gap) for t in now.tracks]
    assert [bar.get_x() for bar in gaps] == [float(t.held) for t in now.tracks]
    keep = only(ax, "keep")
    assert list(keep.get_xdata()) == [float(t.keep_required) for t in now.tracks]
    assert tick_labels(ax.yaxis) == ["combined", "sourced", "managed"]
    assert ax.get_title() == "tier progress: Platinum"


def test_at_the_top_tier_there_is_no_gap_and_below_gold_nothing_to_keep(tmp_path):
    up_to_diamond = tiers.Thresholds(THRESHOLDS.requirements[:3])
    top = tiers.progress(
        PointsHeld(sourced=500, managed=1600),
        thresholds=up_to_diamond,
        certified=True,
        rules=CURRENT,
    )
    assert (top.tier, top.next) == (Tier.DIAMOND, None)
    ax = rendered(plots.plot_progress(top), tmp_path)
    assert with_gid(ax, "gap") == []
    assert len(with_gid(ax, "keep")) == 1
    none = example_progress(PointsHeld(sourced=1))
    ax = rendered(plots.plot_progress(none), tmp_path)
    assert with_gid(ax, "keep") == []
    assert [bar.get_width() for bar in with_gid(ax, "gap")] == [99.0, 19.0, 0.0]
    assert ax.get_title() == "tier progress: no tier"


def test_a_progress_track_the_library_does_not_name_keeps_its_own_name():
    now = tiers.Progress(None, Tier.GOLD, [tiers.TrackProgress("mine", 1, 2, 1, None)])
    assert tick_labels(plots.plot_progress(now).yaxis) == ["mine"]


def test_an_evaluation_draws_each_tiers_unmet_requirements_and_marks_the_tier_met(tmp_path):
    held = PointsHeld(sourced=100, assisted=40, managed=200)
    result = tiers.evaluate(held, thresholds=THRESHOLDS, certified=True, rules=CURRENT)
    ax = rendered(plots.plot_progress(result), tmp_path)
    heights = [bar.get_height() for bar in with_gid(ax, "unmet")]
    assert heights == [0, 0, len(result.reasons(Tier.DIAMOND)), len(result.reasons(Tier.ELITE))]
    assert tick_labels(ax.xaxis) == ["Gold", "Platinum", "Diamond", "Elite"]
    met = only(ax, "met")
    assert (list(met.get_xdata()), list(met.get_ydata())) == ([1], [0])


def test_an_evaluation_without_a_tier_shows_only_the_tiers_judged():
    result = Evaluation(None, [(Tier.PLATINUM, ("a",)), (Tier.DIAMOND, ("a", "b"))])
    ax = plots.plot_progress(result)
    assert [bar.get_height() for bar in with_gid(ax, "unmet")] == [1, 2]
    assert tick_labels(ax.xaxis) == ["Platinum", "Diamond"]
    assert with_gid(ax, "met") == []


# -- points over time -------------------------------------------------------------------------


def test_points_over_time_draws_the_active_points_what_expires_and_the_thresholds(tmp_path):
    ledger = read_ledger(EXAMPLES / "points-ledger.csv")
    ax = rendered(
        plots.plot_points_over_time(ledger, thresholds=THRESHOLDS, as_of=AS_OF), tmp_path
    )
    active = only(ax, "active")
    timeline = ledger.over_time(date(2024, 9, 10), AS_OF)  # from the ledger's first day
    assert list(active.get_ydata()) == [float(points.total) for _, points in timeline]
    assert list(active.get_xdata()) == list(date2num([end for end, _ in timeline]))
    assert list(active.get_xdata())[-1] == date2num(date(2025, 8, 31))
    # docs/tiers.md: from 2025-08-15, 50 points expire in September, none in August
    # or October.
    expiring = with_gid(ax, "expiring")
    assert [bar.get_height() for bar in expiring] == [0.0, 50.0, 0.0]
    assert [bar.get_x() for bar in expiring] == list(
        date2num([date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)])
    )
    for requirement in THRESHOLDS.requirements:
        line = only(ax, f"threshold-{requirement.tier.value}")
        assert list(line.get_ydata()) == [float(requirement.total)] * 2
    assert list(only(ax, "as-of").get_xdata()) == [date2num(AS_OF)] * 2


def test_points_over_time_from_a_ledger_starts_where_asked_and_looks_months_ahead():
    ledger = read_ledger(EXAMPLES / "points-ledger.csv")
    ax = plots.plot_points_over_time(ledger, as_of=AS_OF, start=date(2025, 6, 1), months_ahead=5)
    assert len(only(ax, "active").get_xdata()) == 3  # June, July, August
    assert len(with_gid(ax, "expiring")) == 5
    assert not any(artist.get_gid().startswith("threshold") for artist in ax.lines)


def test_a_start_after_as_of_or_a_century_before_it_is_refused_by_name():
    ledger = read_ledger(EXAMPLES / "points-ledger.csv")
    for start in (date(2025, 9, 1), date(1925, 8, 1)):
        with pytest.raises(InvalidValueError, match="at most 1,199 months before it") as caught:
            plots.plot_points_over_time(ledger, as_of=AS_OF, start=start)
        assert caught.value.field == "start"
    widest = plots.plot_points_over_time(ledger, as_of=AS_OF, start=date(1925, 9, 30))
    assert len(only(widest, "active").get_xdata()) == 1200


def test_from_a_ledger_older_than_a_century_the_last_century_is_drawn():
    ledger = Ledger([SoldDeal("c1", date(1900, 1, 1), "sourced", 5)], lifetime_months=12)
    line = only(plots.plot_points_over_time(ledger, as_of=AS_OF), "active")
    assert len(line.get_xdata()) == 1200
    early = Ledger([SoldDeal("c1", date(1, 1, 1), "sourced", 5)], lifetime_months=12)
    line = only(plots.plot_points_over_time(early, as_of=date(50, 6, 1)), "active")
    assert line.get_xdata()[0] == date2num(date(1, 1, 31))


def test_no_month_ahead_past_the_calendars_last_is_asked_for():
    with pytest.raises(InvalidValueError) as caught:
        plots.plot_points_over_time(Ledger(), as_of=date(9999, 11, 15), months_ahead=3)
    assert caught.value.field == "months_ahead"
    ax = plots.plot_points_over_time(Ledger(), as_of=date(9999, 11, 15), months_ahead=2)
    assert len(with_gid(ax, "expiring")) == 2


def test_an_empty_ledger_draws_the_month_of_as_of():
    ax = plots.plot_points_over_time(Ledger(), as_of=AS_OF)
    assert list(only(ax, "active").get_ydata()) == [0.0]


timelines = st.lists(
    st.tuples(
        st.dates(date(2000, 1, 1), date(2040, 12, 31)),
        st.builds(
            PointsHeld,
            st.integers(0, 10**6),
            st.integers(0, 10**6),
            st.decimals(0, 10**6, places=2),
        ),
    ),
    max_size=12,
)


@given(timelines)
def test_the_line_drawn_is_the_timeline_given(timeline):
    ax = plots.plot_points_over_time(timeline, as_of=AS_OF, ax=Figure().add_subplot())
    line = only(ax, "active")
    assert list(line.get_ydata()) == [float(points.total) for _, points in timeline]
    assert list(line.get_xdata()) == [float(date2num(day)) for day, _ in timeline]
    assert with_gid(ax, "expiring") == []  # a timeline knows nothing of what expires


@given(
    st.lists(
        st.tuples(st.dates(date(2024, 1, 1), date(2025, 8, 15)), st.integers(1, 500)),
        min_size=1,
        max_size=8,
    )
)
def test_the_bars_ahead_hold_every_sold_point_that_expires_in_those_months(deals):
    ledger = Ledger(
        [SoldDeal(f"c{i}", on, "sourced", points) for i, (on, points) in enumerate(deals)]
    )
    ax = plots.plot_points_over_time(ledger, as_of=AS_OF, months_ahead=3)
    # points last 12 months: those earned from 2024-08-16 to 2024-10-31 expire from
    # 2025-08-16 to 2025-10-31
    due = sum(points for on, points in deals if date(2024, 8, 16) <= on <= date(2024, 10, 31))
    assert sum(bar.get_height() for bar in with_gid(ax, "expiring")) == due


# -- the NPS trend ----------------------------------------------------------------------------


def example_groups(**options):
    answers = read_responses(
        EXAMPLES / "nps-responses.csv", missing="exclude", segment_column="region"
    ).responses
    return group(answers, kind=SurveyKind.NPS, **options)


def band_points(band):
    """The (x, y) corners of a filled band, as a set."""
    return {tuple(point) for path in band.get_paths() for point in path.vertices}


def test_the_nps_trend_draws_the_scores_their_intervals_and_marks_small_groups(tmp_path):
    found = example_groups(min_count=4)
    ax = rendered(plots.plot_nps_trend(found), tmp_path)
    line = only(ax, "score")
    assert list(line.get_ydata()) == [float(g.tally.score) for g in found]
    assert list(line.get_xdata()) == [0, 1, 2, 3]
    expected = set()
    for x, g in enumerate(found):
        low, high = g.tally.interval()
        expected |= {(x, low), (x, high)}
    assert band_points(only(ax, "interval")) == expected
    marked = only(ax, "below-minimum")
    assert list(marked.get_xdata()) == [x for x, g in enumerate(found) if g.below_minimum]
    assert list(marked.get_xdata()) == [2, 3]  # March and April have 3 answers each
    assert tick_labels(ax.xaxis) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert ax.get_title() == "NPS with its 95% interval"


def test_a_minimum_given_to_the_plot_marks_the_groups_under_it():
    found = example_groups()
    ax = plots.plot_nps_trend(found, min_count=5)
    assert list(only(ax, "below-minimum").get_xdata()) == [
        x for x, g in enumerate(found) if g.tally.n < 5
    ]
    assert with_gid(plots.plot_nps_trend(found, min_count=0), "below-minimum") == []


def test_each_segment_has_its_line_and_band_over_the_periods_it_has():
    found = example_groups(by="quarter", by_segment=True)
    ax = plots.plot_nps_trend(found, confidence=0.9)
    lines = with_gid(ax, "score")
    assert [line.get_label() for line in lines] == ["AMER", "APAC", "EMEA"]
    for line in lines:
        own = [g for g in found if g.segment == line.get_label()]
        assert list(line.get_ydata()) == [float(g.tally.score) for g in own]
    bands = with_gid(ax, "interval")
    assert len(bands) == 3
    first = [g for g in found if g.segment == "AMER"]
    assert band_points(bands[0]) == {
        (x, bound) for x, g in enumerate(first) for bound in g.tally.interval(0.9)
    }
    assert ax.get_title() == "NPS with its 90% interval"


def test_periods_of_all_time_and_trailing_windows_are_named():
    answers = [Response(date(2025, 3, 4), 9), Response(date(2025, 3, 20), 6)]
    everything = plots.plot_nps_trend(group(answers, kind=SurveyKind.NPS, by="all"))
    assert tick_labels(everything.xaxis) == ["all"]
    windows = Trailing(30, [date(2025, 3, 31)])
    trailing = plots.plot_nps_trend(group(answers, kind=SurveyKind.NPS, by=windows), locale="sv")
    assert tick_labels(trailing.xaxis) == ["30 dagar till 31 mars 2025"]
    assert plots.plot_nps_trend([]).get_lines() == []


@given(
    st.lists(st.lists(st.integers(0, 10), min_size=1, max_size=6), min_size=1, max_size=6),
    st.integers(0, 7),
)
def test_the_groups_marked_are_exactly_those_under_the_minimum(months, minimum):
    answers = [
        Response(datetime(2025, month, 1 + day), score)
        for month, scores in enumerate(months, start=1)
        for day, score in enumerate(scores)
    ]
    found = group(answers, kind=SurveyKind.NPS, min_count=minimum)
    ax = plots.plot_nps_trend(found)
    marked = with_gid(ax, "below-minimum")
    xs = list(marked[0].get_xdata()) if marked else []
    assert xs == [x for x, scores in enumerate(months) if len(scores) < minimum]
    assert list(only(ax, "score").get_ydata()) == [
        100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
        for scores in months
    ]


# -- engagement bands -------------------------------------------------------------------------


def test_the_bands_are_the_number_of_clients_in_each(tmp_path):
    table = client_table(read_portfolio(EXAMPLES / "portfolio.csv"), rules=CURRENT)
    ax = rendered(plots.plot_engagement_bands(table), tmp_path)
    heights = [bar.get_height() for bar in with_gid(ax, "band")]
    assert heights == [sum(row.band is band for row in table) for band in Band]
    assert heights == [2, 2, 1]
    assert tick_labels(ax.xaxis) == ["low", "medium", "high"]
    assert [text.get_text() for text in ax.texts] == ["2", "2", "1"]


@given(st.lists(st.integers(0, 8), max_size=8), st.randoms())
def test_the_band_counts_do_not_depend_on_the_order_of_the_clients(used, random):
    tools = ["contacts", "email", "forms", "workflows", "reports", "lists", "ctas", "blog"]
    clients = [
        (f"c{i}", f"Client {i}", Usage(tools=frozenset(tools[:count])))
        for i, count in enumerate(used)
    ]
    assessed = assess(clients)
    shuffled = list(assessed)
    random.shuffle(shuffled)
    drawn = [
        [bar.get_height() for bar in with_gid(plots.plot_engagement_bands(items), "band")]
        for items in (assessed, shuffled)
    ]
    assert drawn[0] == drawn[1]
    assert sum(drawn[0]) == len(used)


# -- the axes, the language and the extra -----------------------------------------------------


DRAW = {
    "plot_progress": lambda ax=None, locale="en": plots.plot_progress(
        example_progress(), ax=ax, locale=locale
    ),
    "plot_points_over_time": lambda ax=None, locale="en": plots.plot_points_over_time(
        read_ledger(EXAMPLES / "points-ledger.csv"),
        thresholds=THRESHOLDS,
        as_of=AS_OF,
        ax=ax,
        locale=locale,
    ),
    "plot_nps_trend": lambda ax=None, locale="en": plots.plot_nps_trend(
        example_groups(min_count=4), ax=ax, locale=locale
    ),
    "plot_engagement_bands": lambda ax=None, locale="en": plots.plot_engagement_bands(
        client_table(read_portfolio(EXAMPLES / "portfolio.csv"), rules=CURRENT),
        ax=ax,
        locale=locale,
    ),
}


def every_plot(ax=None, locale="en"):
    """Each function once, on the example data, drawing on ``ax``."""
    return [draw(ax, locale) for draw in DRAW.values()]


def test_each_plot_draws_on_the_axes_given_and_returns_them():
    ax = Figure().add_subplot()
    assert all(drawn is ax for drawn in every_plot(ax))


def test_without_axes_each_plot_makes_its_own_figure():
    drawn = every_plot()
    assert all(isinstance(ax, Axes) and isinstance(ax.figure, Figure) for ax in drawn)
    assert len({id(ax.figure) for ax in drawn}) == 4


def test_the_plots_speak_the_locales_language(tmp_path):
    progress, over_time, trend, bands = every_plot(locale="sv")
    rendered(bands, tmp_path)
    assert tick_labels(bands.xaxis) == ["låg", "medel", "hög"]
    assert progress.get_xlabel() == "poäng"
    assert tick_labels(progress.yaxis) == ["sammanlagt", "partnerinitierad", "hanterad"]
    assert trend.get_title() == "NPS med sitt 95\xa0%-intervall"
    assert over_time.get_title() == "poäng över tid, per 15 augusti 2025"
    # the axes' numbers and days are written the Swedish way
    assert over_time.yaxis.get_major_formatter()(1500.0) == "1\xa0500"
    assert over_time.xaxis.get_major_formatter()(date2num(AS_OF)) == "2025-08-15"
    assert trend.yaxis.get_major_formatter()(-0.0) == "0"


def test_no_plot_touches_pyplot_or_shows_anything():
    code = (
        "import sys; from tests.test_plots import every_plot; every_plot(); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"


def test_importing_the_package_or_the_plots_does_not_import_matplotlib():
    code = (
        "import sys; import hubpartner, hubpartner.plots; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", list(DRAW))
def test_without_matplotlib_each_plot_says_which_extra_to_install(monkeypatch, name):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError) as caught:
        DRAW[name]()
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, HubPartnerError)
    assert f"hubpartner.plots.{name} needs matplotlib" in str(caught.value)
    assert "pip install 'hubpartner[plot]'" in str(caught.value)
    assert caught.value.extra == "plot"


@pytest.mark.parametrize(
    ("draw", "field"),
    [
        (lambda: plots.plot_progress("gold"), "progress_or_evaluation"),
        (lambda: plots.plot_progress(example_progress(), ax="axes"), "ax"),
        (lambda: plots.plot_points_over_time([(AS_OF, 5)], as_of=AS_OF), "ledger_or_timeline[0]"),
        (lambda: plots.plot_points_over_time("ledger", as_of=AS_OF), "ledger_or_timeline"),
        (
            lambda: plots.plot_points_over_time(Ledger(), as_of=AS_OF, thresholds={"gold": 1}),
            "thresholds",
        ),
        (lambda: plots.plot_points_over_time(Ledger(), as_of="2025-08-15"), "as_of"),
        (lambda: plots.plot_points_over_time([], as_of=AS_OF, start="2025-01-01"), "start"),
        (lambda: plots.plot_nps_trend([1]), "groups[0]"),
        (lambda: plots.plot_nps_trend(example_groups(), min_count=True), "min_count"),
        (lambda: plots.plot_engagement_bands([Band.LOW]), "assessments_or_table[0]"),
    ],
)
def test_bad_input_is_refused_naming_its_field(draw, field):
    with pytest.raises((InvalidTypeError, InvalidValueError)) as caught:
        draw()
    assert caught.value.field == field


def test_a_ces_group_is_not_an_nps_trend_and_a_bad_count_is_refused():
    answers = [Response(date(2025, 3, 4), 5)]
    with pytest.raises(InvalidTypeError, match=r"groups\[0\]"):
        plots.plot_nps_trend(group(answers, kind=SurveyKind.CES))
    with pytest.raises(InvalidValueError, match="months_ahead"):
        plots.plot_points_over_time([], as_of=AS_OF, months_ahead=0)
    with pytest.raises(InvalidValueError, match="min_count"):
        plots.plot_nps_trend([], min_count=-1)
    with pytest.raises(InvalidValueError, match="confidence"):
        plots.plot_nps_trend([], confidence=Decimal("1.5"))
