"""hubpartner.dask: survey scores and points ledgers on Dask, equal to one machine's."""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import dask
import dask.dataframe as dd
import distributed
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubpartner import Money, Track, points, rules, surveys
from hubpartner import dask as hd
from hubpartner.errors import (
    HubPartnerError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    MissingScoreError,
    ScoreTypeError,
    shown,
)
from hubpartner.ledger import MonthPoints, PointsHeld, SoldDeal
from hubpartner.surveys import Response, SurveyKind

from .helpers import assert_imports_none_of, refused_without
from .strategies import GROWTH, NOT_GROWTH, amounts

#: Small and quick: each example computes on Dask's threads.
QUICK = settings(max_examples=30, deadline=None)


@pytest.fixture(autouse=True)
def objects_stay_objects():
    """Dask keeps a column of objects (Decimal weights, ints among segments) as it
    is, as on one machine; by default it makes text of them (a test below)."""
    with dask.config.set({"dataframe.convert-string": False}):
        yield


# -- the extra is optional ---------------------------------------------------------------


def test_importing_hubpartner_or_its_dask_module_never_imports_dask():
    assert_imports_none_of("hubpartner.dask", ["dask", "distributed", "pandas", "pyarrow"])


CALLS = [
    lambda: hd.nps_by(None),
    lambda: hd.ces_by(None),
    lambda: hd.csat_by(None),
    lambda: hd.points_by_month(None),
]


@pytest.mark.parametrize("call", CALLS)
def test_without_dask_every_function_says_which_extra_to_install(monkeypatch, call):
    error = refused_without(monkeypatch, ["dask", "dask.dataframe"], call, "dask")
    assert "needs dask, which is not installed" in str(error)


# -- frames cut into partitions ------------------------------------------------------------


def partitioned(frame: pd.DataFrame, cuts: list[int]) -> dd.DataFrame:
    """``frame`` as a Dask DataFrame cut before each row of ``cuts`` (1 to 20
    partitions, some of them perhaps empty)."""
    bounds = [0, *sorted(cut % (len(frame) + 1) for cut in cuts), len(frame)]
    pieces = [frame.iloc[start:end] for start, end in itertools.pairwise(bounds)]
    return dd.from_delayed([dask.delayed(piece) for piece in pieces], meta=frame.iloc[:0])


CUTS = st.lists(st.integers(0, 1000), max_size=19)
DAYS = [datetime(2024, 12, 31, 23), datetime(2025, 1, 1), datetime(2025, 2, 14, 9)]
DAYS += [datetime(2025, 3, 31), datetime(2025, 4, 1, 12), datetime(2025, 4, 1, 12)]
SEGMENTS = st.sampled_from([None, "", "EMEA", "APAC", "  "])
WHO = st.sampled_from([None, "r1", "r2", "r3", ""])


def rows(low: int = 0, high: int = 10, *, weights: bool = False) -> st.SearchStrategy[Any]:
    """Rows of answers: a moment, a score (or a gap), a segment, a respondent and a
    weight (Decimal, int or Fraction)."""
    weight = (
        st.sampled_from([Decimal("0.5"), 2, Fraction(5, 4), Decimal(0)]) if weights else st.none()
    )
    row = st.tuples(
        st.sampled_from(DAYS),
        st.one_of(st.integers(low, high), st.none()) if not weights else st.integers(low, high),
        SEGMENTS,
        WHO,
        weight,
    )
    return st.lists(row, max_size=40)


def frame_of(items: list[Any], *, aware: bool = False) -> pd.DataFrame:
    zone = timezone(timedelta(hours=-5)) if aware else None
    return pd.DataFrame(
        {
            "at": pd.Series([r[0].replace(tzinfo=zone) for r in items], dtype=object).pipe(
                pd.to_datetime
            ),
            "score": pd.Series([r[1] for r in items], dtype="Int64"),
            "segment": pd.Series([r[2] for r in items], dtype=object),
            "respondent": pd.Series([r[3] for r in items], dtype=object),
            "weight": pd.Series([r[4] for r in items], dtype=object),
        }
    )


def responses_of(items: list[Any], *, aware: bool = False) -> list[Response]:
    zone = timezone(timedelta(hours=-5)) if aware else None
    return [
        Response(at.replace(tzinfo=zone), score, who, segment, weight)
        for at, score, segment, who, weight in items
    ]


PERIODS = st.sampled_from([("month", "month"), ("quarter", "quarter"), (None, "all")])


@QUICK
@given(
    rows(),
    CUTS,
    PERIODS,
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.integers(0, 3),
)
def test_nps_by_equals_the_single_machine_groups_for_any_partitioning(
    items, cuts, period, by_segment, latest, aware, min_count
):
    # the law: however the rows are cut into partitions, the groups are those of
    # surveys.group over the same rows in the same order, tally for tally
    ddf = partitioned(frame_of(items, aware=aware), cuts)
    found = hd.nps_by(
        ddf,
        by=["segment"] if by_segment else [],
        period=period[0],
        latest_per_respondent=latest,
        missing="exclude",
        min_count=min_count,
    )
    expected = surveys.group(
        responses_of(items, aware=aware),
        kind=SurveyKind.NPS,
        by=period[1],
        by_segment=by_segment,
        latest_per_respondent=latest,
        missing="exclude",
        min_count=min_count,
    )
    assert found == expected


@QUICK
@given(rows(weights=True), CUTS, st.booleans(), st.integers(2, 5))
def test_a_weighted_nps_by_equals_the_single_machine_weighted_groups(
    items, cuts, latest, split_every
):
    ddf = partitioned(frame_of(items), cuts)
    found = hd.nps_by(
        ddf, by="segment", weight="weight", latest_per_respondent=latest, split_every=split_every
    )
    expected = surveys.group(
        responses_of(items),
        kind=SurveyKind.NPS,
        by_segment=True,
        weighted=True,
        latest_per_respondent=latest,
    )
    assert found == expected
    assert all(isinstance(g.tally, surveys.WeightedNpsTally) for g in found)


@QUICK
@given(st.data(), CUTS, PERIODS, st.booleans())
def test_ces_and_csat_by_equal_the_single_machine_groups(data, cuts, period, latest):
    kind, call, scale = data.draw(
        st.sampled_from(
            [
                (SurveyKind.CES, hd.ces_by, surveys.CES_7),
                (SurveyKind.CES, hd.ces_by, surveys.CES_5_EFFORT),
                (SurveyKind.CSAT, hd.csat_by, surveys.CSAT_5),
            ]
        )
    )
    items = data.draw(rows(scale.low, scale.high))
    ddf = partitioned(frame_of(items), cuts)
    found = call(
        ddf,
        by="segment",
        period=period[0],
        scale=scale,
        missing="exclude",
        latest_per_respondent=latest,
    )
    expected = surveys.group(
        responses_of(items),
        kind=kind,
        by=period[1],
        by_segment=True,
        scale=scale,
        missing="exclude",
        latest_per_respondent=latest,
    )
    assert found == expected


def test_the_latest_answer_wins_and_a_later_row_wins_a_tie_across_partitions():
    # r1 answers 0 then 10 at the same moment, in two partitions: the later row (10)
    # counts; r2's earlier answer (0) is in a later partition than its latest (9)
    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-01-05", "2025-01-09", "2025-01-05", "2025-01-02"]),
            "score": [0, 9, 10, 0],
            "respondent": ["r1", "r2", "r1", "r2"],
        }
    )
    for cuts in ([1], [2], [1, 3], []):
        (found,) = hd.nps_by(partitioned(frame, cuts), latest_per_respondent=True)
        assert found.tally == surveys.NpsTally(promoters=2)


# -- strict validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "dtype", "error", "value"),
    [
        ([9, True, 8], object, ScoreTypeError, True),
        ([9.0, float("nan"), 8.0], "float64", MissingScoreError, None),
        ([9.0, 6.5, 8.0], "float64", InvalidScoreError, 6.5),
        ([9, 11, 8], "int64", InvalidScoreError, 11),
        ([9, "7", 8], object, ScoreTypeError, "7"),
        ([9, None, 8], object, MissingScoreError, None),
    ],
)
def test_a_bad_score_fails_the_whole_computation_naming_its_partition_and_row(
    cells, dtype, error, value
):
    index = [10, 11, 12, 13, 14, 15]
    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-01-01"] * 6),
            "score": pd.Series([5, 5, 5, *cells], dtype=dtype, index=index),
        },
        index=index,
    )
    with pytest.raises(error) as caught:
        hd.nps_by(partitioned(frame, [3]))
    assert caught.value.field == "partitions[1].score[14]"
    if value is None:
        assert caught.value.value is None or caught.value.value != caught.value.value
    else:
        assert caught.value.value == value
    assert isinstance(caught.value, HubPartnerError)


def test_a_bool_column_of_scores_is_refused_by_its_first_row():
    frame = pd.DataFrame({"at": pd.to_datetime(["2025-01-01"] * 2), "score": [True, False]})
    with pytest.raises(ScoreTypeError, match=r"partitions\[0\]\.score\[0\]: True"):
        hd.ces_by(partitioned(frame, []), scale=surveys.CES_7)


@pytest.mark.parametrize(
    ("column", "cells", "error", "field"),
    [
        ("segment", ["a", 7, "b"], InvalidTypeError, "partitions[1].segment['x2']"),
        ("respondent", ["a", "b", 3.5], InvalidTypeError, "partitions[1].respondent['x3']"),
        ("weight", [Decimal(1), True, 2], InvalidTypeError, "partitions[1].weight['x2']"),
        ("weight", [Decimal(1), Decimal(-1), 2], InvalidValueError, "partitions[1].weight['x2']"),
        ("weight", [Decimal(1), None, 2], InvalidValueError, "partitions[1].weight['x2']"),
        ("at", pd.to_datetime(["2025-01-01", None, "2025-01-02"]), InvalidTypeError, "at"),
    ],
)
def test_a_bad_segment_respondent_weight_or_moment_is_named_by_partition_and_row(
    column, cells, error, field
):
    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-01-01"] * 4),
            "score": [9, 9, 9, 9],
            "segment": ["a"] * 4,
            "respondent": ["a"] * 4,
            "weight": [Decimal(1)] * 4,
        },
        index=["x0", "x1", "x2", "x3"],
    ).astype({"segment": object, "respondent": object})
    frame[column] = pd.Series([frame[column].iloc[0], *cells], index=frame.index)
    with pytest.raises(error) as caught:
        hd.nps_by(
            partitioned(frame, [1]),
            by="segment",
            weight="weight",
            latest_per_respondent=True,
        )
    expected = "partitions[1].at['x2']" if column == "at" else field
    assert caught.value.field == expected


def test_weights_dask_made_text_of_are_read_exactly_and_bad_text_is_refused():
    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-01-01"] * 3),
            "score": [9, 3, 10],
            "weight": [Decimal("0.5"), Decimal("1.25"), 2],
        }
    )
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = partitioned(frame, [1])
        (found,) = hd.nps_by(ddf, weight="weight")
        # the rows shuffled by respondent keep their weights exact too
        assert hd.nps_by(ddf.assign(respondent="r"), weight="weight", latest_per_respondent=True)[
            0
        ].tally == surveys.WeightedNpsTally(promoters=2, sum_of_squares=4, answers=1)
        kept = frame.assign(respondent=["r1", "r2", "r3"], weight=[Fraction(1, 3), 2, Decimal(1)])
        assert hd.nps_by(
            partitioned(kept, [1]), weight="weight", latest_per_respondent=True
        ) == surveys.group(
            responses_of([(at, sc, None, who, w) for at, sc, w, who in kept.itertuples(False)]),
            kind=SurveyKind.NPS,
            weighted=True,
            latest_per_respondent=True,
        )
        for text in ("x", "1/0", "1/3/4"):
            bad = partitioned(frame.assign(weight=[Decimal(1), text, 2]), [1])
            with pytest.raises(InvalidValueError) as caught:
                hd.nps_by(bad, weight="weight")
            assert caught.value.field == "partitions[1].weight[1]"
    assert found.tally.promoters == Fraction(5, 2)
    assert found.tally.detractors == Fraction(5, 4)
    assert caught.value.field == "partitions[1].weight[1]"


def test_a_missing_weight_of_an_unanswered_row_is_no_error_when_answers_may_be_missing():
    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-01-01"] * 3),
            "score": pd.Series([9, None, None], dtype="Int64"),
            "weight": [Decimal(2), None, Decimal(5)],
        }
    )
    (found,) = hd.nps_by(partitioned(frame, [1]), weight="weight", missing="exclude")
    assert found.tally == surveys.WeightedNpsTally(promoters=2, sum_of_squares=4, answers=1)


FRAME = pd.DataFrame({"at": pd.to_datetime(["2025-01-01"]), "score": [9], "text": ["a"]})


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"ddf": FRAME}, InvalidTypeError, "ddf"),
        ({"score": "nope"}, InvalidValueError, "score"),
        ({"score": ""}, InvalidTypeError, "score"),
        ({"by": ["text", "score"]}, InvalidValueError, "by"),
        ({"by": 3}, InvalidValueError, "by"),
        ({"by": ["nope"]}, InvalidValueError, "by[0]"),
        ({"by": "nope"}, InvalidValueError, "by"),
        ({"at": "text"}, InvalidTypeError, "at"),
        ({"period": "week"}, InvalidValueError, "period"),
        ({"latest_per_respondent": 1}, InvalidTypeError, "latest_per_respondent"),
        ({"latest_per_respondent": True}, InvalidValueError, "respondent"),
        ({"min_count": -1}, InvalidValueError, "min_count"),
        ({"split_every": 1}, InvalidValueError, "split_every"),
        ({"missing": "drop"}, InvalidValueError, "missing"),
        ({"weight": "nope"}, InvalidValueError, "weight"),
        ({"scale": surveys.CES_7}, InvalidTypeError, "scale"),
    ],
)
def test_a_refused_argument_is_named_before_anything_is_computed(kwargs, error, field):
    arguments = {"ddf": partitioned(FRAME, []), **kwargs}
    with pytest.raises(error) as caught:
        hd.nps_by(**arguments)
    assert caught.value.field == field


@pytest.mark.parametrize("call", [hd.ces_by, hd.csat_by])
def test_ces_and_csat_refuse_an_nps_scale(call):
    with pytest.raises(InvalidTypeError) as caught:
        call(partitioned(FRAME, []), scale=surveys.NPS)
    assert caught.value.field == "scale"


def test_a_frame_with_no_rows_or_no_partitions_has_no_groups():
    assert hd.nps_by(partitioned(FRAME.iloc[:0], [])) == ()
    assert hd.points_by_month(partitioned(DEALS.iloc[:0], [])) == ()


# -- points ledgers ----------------------------------------------------------------------


DEALS = pd.DataFrame(
    {
        "client": ["c1", "c1", "c2", "c1"],
        "market": ["US", "US", "IN", "US"],
        "currency": ["USD", "USD", "USD", "EUR"],
        "mrr": [Decimal(1000), "250.50", 300, Decimal(88)],
        "track": ["sourced", "managed", Track.ASSISTED, "sourced"],
        "date": [date(2025, 7, 14), date(2025, 7, 20), date(2025, 7, 31), date(2025, 8, 1)],
    }
)


def expected_points(
    deals: pd.DataFrame, rules_for: Callable[[date], Any] = rules.for_date, partner: bool = False
) -> tuple[MonthPoints, ...]:
    """The points of each partner, client and month, deal by deal on one machine."""
    total: dict[tuple[str, str, date], PointsHeld] = {}
    for row in deals.itertuples():
        day = row.date.date() if isinstance(row.date, datetime) else row.date
        rule_set = rules_for(day)
        money = Money(row.mrr, row.currency)
        track = Track(row.track)
        if track is Track.MANAGED:
            held = PointsHeld(
                managed=points.managed_points(money, market=row.market, rules=rule_set)
            )
        else:
            deal = SoldDeal.from_mrr(
                row.client, day, money, track=track, market=row.market, rules=rule_set
            )
            held = PointsHeld(**{track.value: deal.points})
        key = (row.partner if partner else "", row.client, day.replace(day=1))
        total[key] = total.get(key, PointsHeld()) + held
    return tuple(
        MonthPoints(who or None, client, month, held)
        for (who, client, month), held in sorted(total.items())
    )


def test_the_points_of_a_month_come_from_the_rule_set_in_force_each_day():
    found = hd.points_by_month(partitioned(DEALS, [2]))
    # 2025-07-14: 5 per USD 100; 2025-07-31: India is a growth market (x2), assisted 3;
    # 2025-08-01: EUR 88 is USD 100 under the rule set of 2025-07-15
    assert found == (
        MonthPoints(None, "c1", date(2025, 7, 1), PointsHeld(sourced=50, managed="2.505")),
        MonthPoints(None, "c1", date(2025, 8, 1), PointsHeld(sourced=5)),
        MonthPoints(None, "c2", date(2025, 7, 1), PointsHeld(assisted=18)),
    )
    assert found == expected_points(DEALS)


DEAL_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["p1", "p2"]),
        st.sampled_from(["c1", "c2", "c3"]),
        st.sampled_from(GROWTH[:3] + NOT_GROWTH[:3]),
        st.sampled_from(["USD", "EUR", "GBP"]),
        amounts(max_value=10**5, places=2),
        st.sampled_from(list(Track)),
        st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
    ),
    max_size=30,
)


@QUICK
@given(DEAL_ROWS, CUTS, st.booleans(), st.integers(2, 4))
def test_points_by_month_equal_the_deal_by_deal_points_for_any_partitioning(
    items, cuts, midnight, split_every
):
    # the law: the sum of exact points does not depend on how the deals are cut
    deals = pd.DataFrame(
        items, columns=["partner", "client", "market", "currency", "mrr", "track", "date"]
    )
    if midnight:  # days as a column of datetime64 midnights, as Parquet may give them
        deals["date"] = pd.to_datetime(deals["date"])
    found = hd.points_by_month(
        partitioned(deals, cuts), partner="partner", split_every=split_every
    )
    assert found == expected_points(deals, partner=True)


def test_every_bad_deal_of_a_partition_is_named_by_its_row():
    deals = DEALS.copy().astype({"mrr": object, "date": object})
    deals.loc[1, "mrr"] = 250.5
    deals.loc[2, "track"] = "sold"
    deals.loc[3, "date"] = datetime(2025, 8, 1, 12)
    with pytest.raises(LedgerFileError) as caught:
        hd.points_by_month(partitioned(deals, [1]))
    assert caught.value.source == "<Dask DataFrame, partition 1>"
    assert [problem.index for problem in caught.value.problems] == [1, 2, 3]
    assert "250.5 is a float" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"partner": ["  ", "p", "p", "p"]}, "partner"),
        ({"client": [None, "c", "c", "c"]}, "client"),
        ({"date": [pd.NaT] + [pd.Timestamp("2025-01-01")] * 3}, "date"),
    ],
)
def test_a_blank_partner_or_client_and_a_missing_day_are_refused(change, says):
    deals = DEALS.assign(partner="p").assign(**change)
    with pytest.raises(LedgerFileError, match=rf"row 0: {says}"):
        hd.points_by_month(partitioned(deals, []), partner="partner")


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"ddf": DEALS}, InvalidTypeError, "ddf"),
        ({"mrr": "amount"}, InvalidValueError, "mrr"),
        ({"partner": "nope"}, InvalidValueError, "partner"),
        ({"rules_for": "2025"}, InvalidTypeError, "rules_for"),
        ({"split_every": True}, InvalidTypeError, "split_every"),
    ],
)
def test_a_refused_ledger_argument_is_named(kwargs, error, field):
    with pytest.raises(error) as caught:
        hd.points_by_month(**{"ddf": partitioned(DEALS, []), **kwargs})
    assert caught.value.field == field


def test_month_points_are_values():
    held = MonthPoints(None, "c1", date(2025, 7, 9), PointsHeld(sourced=1))
    assert held.month == date(2025, 7, 1)
    assert pickle.loads(pickle.dumps(held)) == held
    with pytest.raises(InvalidTypeError):
        MonthPoints(None, "c1", date(2025, 7, 9), Decimal(1))


# -- Parquet -----------------------------------------------------------------------------


def test_scores_and_deals_read_from_parquet_equal_the_single_machine_answer(tmp_path):
    # written a chunk per file, as a large data set is: Parquet keeps the moments,
    # Decimal amounts (decimal128) and dates (date32), which Dask reads back as such
    items = [
        (DAYS[i % len(DAYS)], i % 11, ["EMEA", None][i % 2], f"r{i % 4}", None) for i in range(60)
    ]
    frame = frame_of(items)
    deals = DEALS.assign(track=DEALS["track"].map(lambda t: Track(t).value))
    deals["mrr"] = deals["mrr"].map(Decimal)
    for name, data, size in (("scores", frame, 15), ("deals", deals, 2)):
        (tmp_path / name).mkdir()
        for start in range(0, len(data), size):
            data.iloc[start : start + size].to_parquet(tmp_path / name / f"{start:03d}.parquet")
    with dask.config.set({"dataframe.convert-string": True}):
        scores = dd.read_parquet(tmp_path / "scores", engine="pyarrow")
        assert scores.npartitions == 4
        found = hd.nps_by(scores, by="segment", latest_per_respondent=True)
        earned = hd.points_by_month(dd.read_parquet(tmp_path / "deals", engine="pyarrow"))
    assert found == surveys.group(
        responses_of(items), kind=SurveyKind.NPS, by_segment=True, latest_per_respondent=True
    )
    assert earned == expected_points(DEALS)


def test_dates_and_amounts_dask_made_text_of_are_read_exactly():
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(DEALS.assign(track=["sourced", "managed", "assisted", "sourced"]))
        assert str(ddf["date"].dtype) == "string"
        assert hd.points_by_month(ddf) == expected_points(DEALS)
        bad = dd.from_pandas(DEALS.assign(track="sourced", date="2025-07-32"))
        with pytest.raises(LedgerFileError, match=r"row 0: date: '2025-07-32'"):
            hd.points_by_month(bad)


# -- on a cluster -----------------------------------------------------------


def test_on_a_local_cluster_of_two_processes_the_answers_are_the_single_machine_ones():
    items = [
        (DAYS[i % len(DAYS)], i % 11, ["EMEA", "APAC"][i % 2], f"r{i % 5}", Decimal(i % 3))
        for i in range(80)
    ]
    frame = frame_of(items)
    sek = rules.for_date(date(2025, 8, 1)).with_currency("SEK", Decimal(1000))
    deals = DEALS.assign(currency=["SEK", "USD", "SEK", "USD"])
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        scored = hd.nps_by(
            partitioned(frame, [7, 30, 55]),
            by="segment",
            weight="weight",
            latest_per_respondent=True,
        )
        earned = hd.points_by_month(partitioned(deals, [2]), rules_for=lambda _: sek)
        bad = frame.assign(score=[*(i % 11 for i in range(79)), 12])
        with pytest.raises(InvalidScoreError) as caught:
            hd.nps_by(partitioned(bad, [7, 30, 55]))
    assert scored == surveys.group(
        responses_of(items),
        kind=SurveyKind.NPS,
        by_segment=True,
        weighted=True,
        latest_per_respondent=True,
    )
    assert earned == expected_points(deals, rules_for=lambda _: sek)
    assert caught.value.field == "partitions[3].score[79]"
    assert isinstance(scored[0].tally.promoters, Fraction)


# -- a missing cell is named as it is ------------------------------------------------------


@pytest.mark.parametrize("zone", [None, "Europe/Stockholm"])
def test_a_missing_moment_is_shown_as_the_nat_it_is_not_as_none(zone):
    frame = pd.DataFrame(
        {"at": pd.to_datetime(["2025-01-01", None, "2025-01-02"]), "score": [9, 9, 9]},
        index=["x0", "x1", "x2"],
    )
    frame["at"] = frame["at"].dt.tz_localize(zone)
    with pytest.raises(InvalidTypeError) as caught:
        hd.nps_by(partitioned(frame, [1]))
    assert caught.value.field == "partitions[1].at['x1']"
    assert caught.value.value is pd.NaT
    assert str(caught.value) == (
        "partitions[1].at['x1']: NaT of type NaTType is not accepted; expected a datetime "
        "or a date, not a missing moment such as pandas' NaT"
    )


@pytest.mark.parametrize("gap", [Decimal("NaN"), pd.NA, None], ids=str)
def test_a_missing_weight_of_an_answered_row_is_shown_as_it_is(gap):
    frame = pd.DataFrame(
        {"at": pd.to_datetime(["2025-01-01"] * 2), "score": [9, 9], "weight": [Decimal(1), gap]}
    ).astype({"weight": object})
    with pytest.raises(InvalidValueError) as caught:
        hd.nps_by(partitioned(frame, []), weight="weight")
    assert caught.value.value is gap
    assert str(caught.value).startswith(f"partitions[0].weight[1]: {shown(gap)} is not accepted")


MISSING_CELL = (
    "of type {kind} is not accepted; expected a value in every cell of a deal, not a "
    "missing one such as pandas' NA or NaT"
)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"date": [pd.NaT] + [pd.Timestamp("2025-07-20")] * 3}, "date: NaT " + MISSING_CELL),
        (
            {"client": pd.Series([pd.NA, "c1", "c2", "c1"], dtype=object)},
            "client: <NA> " + MISSING_CELL,
        ),
        ({"partner": [pd.NaT, "p", "p", "p"]}, "partner: NaT " + MISSING_CELL),
        ({"mrr": [Decimal("NaN"), 1, 2, 3]}, "amount: Decimal('NaN') is not accepted"),
        ({"date": [Decimal("NaN"), *DEALS["date"][1:]]}, "date: Decimal('NaN') of type Decimal"),
    ],
)
def test_a_missing_cell_of_a_deal_is_shown_as_it_is_not_as_none(change, says):
    deals = DEALS.assign(partner="p").astype(object).assign(**change)
    with pytest.raises(LedgerFileError) as caught:
        hd.points_by_month(partitioned(deals, []), partner="partner")
    (problem,) = caught.value.problems
    kind = "NaTType" if "NaT " in says else "NAType"
    assert problem.index == 0
    assert problem.message.startswith(says.format(kind=kind))
    assert "None" not in problem.message


def test_a_nan_dask_made_text_of_is_shown_as_the_missing_value_it_became():
    # by default Dask makes text of a column of objects: Decimal('NaN') becomes <NA>
    deals = DEALS.assign(
        mrr=[Decimal("NaN"), Decimal(1), Decimal(2), Decimal(3)],
        track=["sourced", "managed", "assisted", "sourced"],
    )
    with (
        dask.config.set({"dataframe.convert-string": True}),
        pytest.raises(LedgerFileError) as caught,
    ):
        hd.points_by_month(dd.from_pandas(deals, npartitions=1))
    (problem,) = caught.value.problems
    assert problem.message.startswith("mrr: <NA> " + MISSING_CELL.format(kind="NAType"))
