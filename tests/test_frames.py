"""hubpartner.frames: results as DataFrames, and tallies and files read from them."""

import csv
import io
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, clients, frames, ledger, surveys, tiers
from hubpartner.engagement import Usage
from hubpartner.errors import (
    IndexProblem,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    MissingScoreError,
    PortfolioFileError,
    ResponsesFileError,
    ScoreTypeError,
)
from hubpartner.ledger import PointsHeld
from hubpartner.surveys import CES_7, CSAT_5, CesTally, CsatTally, NpsTally

from .helpers import EXAMPLES, assert_imports_none_of, refused_without
from .refusals import refused
from .strategies import amounts, money, nps_scores, scale_answers, scales

# -- the extra is optional ---------------------------------------------------------------


def test_importing_hubpartner_or_its_frames_module_never_imports_pandas():
    assert_imports_none_of("hubpartner.frames", ["pandas", "numpy"])


CALLS = [
    lambda: frames.to_frame([]),
    lambda: frames.nps_tally([9]),
    lambda: frames.ces_tally([5]),
    lambda: frames.csat_tally([5]),
    lambda: frames.read_responses(None),
    lambda: frames.read_portfolio(None),
    lambda: frames.read_ledger(None),
    lambda: frames.read_history(None),
]


@pytest.mark.parametrize("call", CALLS)
def test_without_pandas_every_function_says_which_extra_to_install(monkeypatch, call):
    refused_without(monkeypatch, ["pandas"], call, "pandas")


# -- tallies from a Series ---------------------------------------------------------------


@given(nps_scores(), st.lists(st.sampled_from([None, float("nan")]), max_size=20), st.randoms())
def test_a_column_of_scores_with_gaps_gives_the_tally_of_its_answers(scores, gaps, random):
    # the law: a frame's column (floats, as pandas makes it once a score is missing)
    # counts as the list of the answers given, whatever the order
    cells = [float(score) for score in scores] + gaps
    random.shuffle(cells)
    series = pd.Series(cells, dtype="float64", name="score")
    assert frames.nps_tally(series, missing="exclude") == NpsTally.from_scores(scores)


@given(nps_scores(), st.integers(0, 20))
def test_a_nullable_integer_column_counts_as_the_list(scores, gaps):
    series = pd.Series([*scores, *([pd.NA] * gaps)], dtype="Int64")
    assert frames.nps_tally(series, missing="exclude") == NpsTally.from_scores(scores)
    assert frames.nps_tally(pd.Series(scores, dtype="int64")) == NpsTally.from_scores(scores)


@given(scales().flatmap(lambda scale: st.tuples(st.just(scale), scale_answers(scale))))
def test_ces_and_csat_columns_count_as_their_lists(drawn):
    scale, answers = drawn
    series = pd.Series([float(a) for a in answers] + [None], dtype="float64")
    assert frames.ces_tally(series, scale=scale, missing="exclude") == CesTally.from_scores(
        answers, scale=scale
    )
    assert frames.csat_tally(series, scale=scale, missing="exclude") == CsatTally.from_scores(
        answers, scale=scale
    )


def test_the_default_scales_are_the_kinds_own():
    assert frames.ces_tally(pd.Series([7, 1])).scale == CES_7
    assert frames.csat_tally(pd.Series([5, 1])).scale == CSAT_5


def test_a_missing_answer_is_an_error_naming_its_row_unless_excluded():
    series = pd.Series([10, None, 3], index=[10, 11, 12], name="score")
    with refused(MissingScoreError, "score[11]", None) as caught:
        frames.nps_tally(pd.Series([10, None, 3], index=[10, 11, 12], name="score", dtype=object))
    assert caught.value.position == 1
    with pytest.raises(MissingScoreError) as caught:
        frames.nps_tally(series)
    assert caught.value.field == "score[11]"
    na = pd.Series([9, pd.NA], dtype="Int64", index=["a", "b"])
    with pytest.raises(MissingScoreError) as caught:
        frames.nps_tally(na)
    assert caught.value.field == "series['b']"
    assert frames.nps_tally(na, missing="exclude") == NpsTally(promoters=1)


@pytest.mark.parametrize(
    ("cells", "dtype", "error", "field"),
    [
        ([9.0, 6.5], "float64", InvalidScoreError, "score['y']"),
        ([9.0, float("inf")], "float64", InvalidScoreError, "score['y']"),
        ([9.0, 11.0], "float64", InvalidScoreError, "score['y']"),
        ([9, -1], "int64", InvalidScoreError, "score['y']"),
        ([9, 11], "Int64", InvalidScoreError, "score['y']"),
        ([True, False], "bool", ScoreTypeError, "score['x']"),
        ([9, "9"], object, ScoreTypeError, "score['y']"),
        ([9, Decimal("9.5")], object, InvalidScoreError, "score['y']"),
    ],
)
def test_an_answer_that_is_no_score_is_refused_naming_its_row(cells, dtype, error, field):
    series = pd.Series(cells, index=["x", "y"], dtype=dtype, name="score")
    with pytest.raises(error) as caught:
        frames.nps_tally(series)
    assert caught.value.field == field


def test_an_object_column_of_numbers_decimals_and_gaps_counts_too():
    series = pd.Series([Decimal(9), 10, None, pd.NA, 3.0], dtype=object)
    assert frames.nps_tally(series, missing="exclude") == NpsTally(2, 0, 1)


def test_a_tally_needs_a_series_a_scale_and_a_missing_policy():
    with refused(InvalidTypeError, "series", [9]):
        frames.nps_tally([9])
    with pytest.raises(InvalidTypeError) as caught:
        frames.nps_tally(pd.Series([9]), scale=CES_7)
    assert caught.value.field == "scale"
    with pytest.raises(InvalidTypeError) as caught:
        frames.ces_tally(pd.Series([5]), scale=surveys.NPS)
    assert caught.value.field == "scale"
    with refused(InvalidValueError, "missing", "skip"):
        frames.nps_tally(pd.Series([9]), missing="skip")


# -- tables from a DataFrame -------------------------------------------------------------

ANSWER_ROWS = st.lists(
    st.tuples(
        st.dates(date(2024, 1, 1), date(2026, 12, 31)),
        st.one_of(st.just(""), st.integers(0, 10).map(str)),
        st.sampled_from(["", "ann", "bob", "cy"]),
        st.sampled_from(["", "EMEA", "AMER"]),
        amounts(max_value=100, places=2).map(str),
    ),
    max_size=12,
)


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@given(ANSWER_ROWS)
def test_responses_read_from_a_frame_are_those_read_from_the_csv_of_the_same_rows(rows):
    header = ["at", "score", "respondent", "region", "weight"]
    rows = [(day.isoformat(), *rest) for day, *rest in rows]
    text = _csv(header, rows)
    options = {"segment_column": "region", "weight_column": "weight", "missing": "exclude"}
    from_csv = surveys.read_responses(io.StringIO(text), **options)
    from_text = frames.read_responses(pd.DataFrame(rows, columns=header, dtype=object), **options)
    # as pandas reads the same file: scores become floats (NaN where blank), dates text
    read = pd.read_csv(io.StringIO(text), dtype={"weight": str})
    from_pandas = frames.read_responses(read, **options)
    for found in (from_text, from_pandas):
        assert found.responses == from_csv.responses
        assert [line - 2 for line in from_csv.excluded_lines] == list(found.excluded_rows)
        assert found.excluded_lines == ()


def test_the_example_files_read_alike_from_a_frame():
    # points are exact: read as text, never as floats
    assert frames.read_ledger(
        pd.read_csv(EXAMPLES / "points-ledger.csv", dtype={"points": str})
    ) == ledger.read_ledger(EXAMPLES / "points-ledger.csv")
    assert frames.read_history(pd.read_csv(EXAMPLES / "tier-history.csv")) == tiers.read_history(
        EXAMPLES / "tier-history.csv"
    )
    assert frames.read_portfolio(
        pd.read_csv(EXAMPLES / "portfolio.csv", dtype=str)
    ) == clients.read_portfolio(EXAMPLES / "portfolio.csv")
    nps = pd.read_csv(EXAMPLES / "nps-responses.csv")
    options = {"segment_column": "region", "missing": "exclude"}
    from_frame = frames.read_responses(nps, **options)
    from_file = surveys.read_responses(EXAMPLES / "nps-responses.csv", **options)
    assert from_frame.responses == from_file.responses
    assert from_frame.excluded_rows == (11,)
    assert from_file.excluded_lines == (13,)


def test_a_bad_row_of_a_frame_is_named_by_its_index_label():
    frame = pd.DataFrame(
        {"at": ["2025-03-01", "2025-03-02", "2025-03-03"], "score": [9.0, None, 11.0]},
        index=["first", "second", "third"],
    )
    with pytest.raises(ResponsesFileError) as caught:
        frames.read_responses(frame)
    problems = caught.value.problems
    assert [problem.index for problem in problems] == ["second", "third"]
    assert all(isinstance(problem, IndexProblem) for problem in problems)
    assert caught.value.source == "<DataFrame>"
    assert "<DataFrame>: row 'third': score '11' is outside the scale 0..10" in str(caught.value)
    kept = frames.read_responses(frame.iloc[:2], missing="exclude")
    assert kept.excluded_rows == ("second",)


LEDGER = {
    "date": ["2025-01-05", "2025-02-01", "2025-02-11"],
    "client": ["x", "x", "x"],
    "track": ["sourced", "managed", "managed"],
    "points": ["10", "3", "4"],
}


def test_a_ledger_frame_is_checked_as_the_csv_file_is():
    frame = pd.DataFrame(LEDGER, index=[100, 101, 102])
    with pytest.raises(LedgerFileError) as caught:
        frames.read_ledger(frame)
    # the duplicate managed month, by the same row logic as a file's
    (problem,) = caught.value.problems
    assert problem.index == 102
    assert "already on line 101" in problem.message
    blank = pd.DataFrame({**LEDGER, "client": ["x", None, "y"]}).iloc[:2]
    with pytest.raises(LedgerFileError) as caught:
        frames.read_ledger(blank)
    assert [p.index for p in caught.value.problems] == [1]
    assert "'client' is blank" in caught.value.problems[0].message


def test_a_float_amount_is_refused_and_decimals_dates_and_bools_are_read():
    floats = pd.DataFrame({**LEDGER, "points": [10.5, 3, 4]}).iloc[:2]
    with pytest.raises(LedgerFileError) as caught:
        frames.read_ledger(floats)
    assert [p.index for p in caught.value.problems] == [0, 1]  # a float column: 3.0 too
    assert "10.5 of type float" in caught.value.problems[0].message
    exact = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-05", "2025-02-01"]),
            "client": ["x", "x"],
            "track": ["sourced", "managed"],
            "points": [Decimal("10.25"), 3],
            "growth": [True, False],
        }
    )
    read = frames.read_ledger(exact)
    assert read.deals[0].points == Decimal("10.25")
    assert read.deals[0].on == date(2025, 1, 5)
    assert read.deals[0].growth_market is True
    assert read.managed[0].growth_market is False


def test_moments_with_a_time_or_an_offset_are_read_as_written():
    frame = pd.DataFrame(
        {
            "at": [
                pd.Timestamp("2025-03-01 10:30"),
                datetime(2025, 3, 2, 0, 0),
                date(2025, 3, 3),
            ],
            "score": pd.array([9, 3, 7], dtype="Int64"),
        }
    )
    read = frames.read_responses(frame)
    assert [r.at for r in read.responses] == [
        datetime(2025, 3, 1, 10, 30),
        datetime(2025, 3, 2),
        datetime(2025, 3, 3),
    ]
    aware = pd.DataFrame({"at": [pd.Timestamp("2025-03-01", tz="UTC")], "score": [9]})
    assert frames.read_responses(aware).responses[0].at.utcoffset() is not None


def test_a_frame_must_have_the_columns_each_named_once():
    with pytest.raises(PortfolioFileError) as caught:
        frames.read_portfolio(pd.DataFrame({"client": ["c"]}))
    assert "the header has no column 'company'" in str(caught.value)
    twice = pd.DataFrame([["2025-03-01", 9, 9]], columns=["at", "score", "score"])
    with pytest.raises(ResponsesFileError) as caught:
        frames.read_responses(twice)
    assert "names 'score' twice" in str(caught.value)
    unnamed = pd.DataFrame([["2025-03-01", 9, 9]], columns=["at", "score", 3])
    with pytest.raises(ResponsesFileError) as caught:
        frames.read_responses(unnamed)
    assert "column 3 of the header has no name" in str(caught.value)


def test_a_table_reader_needs_a_data_frame():
    for read in (frames.read_responses, frames.read_portfolio, frames.read_ledger):
        with refused(InvalidTypeError, "frame", "a.csv"):
            read("a.csv")
    with refused(InvalidTypeError, "frame", None):
        frames.read_history(None)


def test_a_cell_of_another_type_is_read_as_its_text():
    # a respondent given as a number is the text of that number, as in a file
    frame = pd.DataFrame({"at": ["2025-03-01"], "score": [9], "respondent": [1001]})
    assert frames.read_responses(frame).responses[0].respondent == "1001"
    assert (
        frames.read_responses(frame.astype({"respondent": float})).responses[0].respondent
        == "1001"
    )
    frame = pd.DataFrame({"at": ["2025-03-01"], "score": [9], "respondent": [0.5]})
    assert frames.read_responses(frame).responses[0].respondent == "0.5"
    frame = pd.DataFrame({"at": ["2025-03-01"], "score": [9], "comment": [Fraction(1, 3)]})
    assert frames.read_responses(frame).responses[0].comment == "1/3"
    nan = pd.DataFrame({"at": ["2025-03-01"], "score": [Decimal("NaN")]}, dtype=object)
    assert frames.read_responses(nan, missing="exclude").excluded_rows == (0,)


# -- results as a DataFrame --------------------------------------------------------------


def test_a_frame_of_tallies_has_one_row_each_with_typed_columns():
    tallies = [NpsTally.from_scores([10, 9, 3]), NpsTally()]
    frame = frames.to_frame(tallies)
    assert len(frame) == 2
    assert str(frame["promoters"].dtype) == "Int64"
    assert str(frame["n"].dtype) == "Int64"
    assert frame["score"].dtype == object
    assert frame["score"][0] == Fraction(100, 3)
    assert frame["score"].isna()[1]
    assert frame["rounded"][0] == Decimal(33)
    assert str(frame["interval.low"].dtype) == "float64"
    assert frame["interval.low"][0] == tallies[0].interval().low
    assert str(frame["type"].dtype) == "string"
    assert frames.to_frame(tallies, decimals="float")["score"][0] == pytest.approx(100 / 3)
    text = frames.to_frame(tallies, decimals="string")
    assert text["score"][0] == "100/3"
    assert text["rounded"][0] == "33"
    assert str(text["score"].dtype) == "string"


def test_money_is_two_columns_and_dates_and_bools_have_their_dtypes():
    deals = [
        ledger.SoldDeal("c1", date(2025, 3, 1), ledger.Track.SOURCED, Decimal("12.50"), True),
        ledger.SoldDeal("c2", date(2025, 4, 1), ledger.Track.ASSISTED, Decimal(3), False),
    ]
    frame = frames.to_frame(deals)
    assert str(frame["on"].dtype).startswith("datetime64")
    assert frame["on"][0] == pd.Timestamp("2025-03-01")
    assert str(frame["growth_market"].dtype) == "boolean"
    assert list(frame["track"]) == ["sourced", "assisted"]
    money_frame = frames.to_frame([Money("1000.00", "EUR"), Money("5", "SEK")])
    assert list(money_frame.columns) == ["type", "schema", "amount", "currency"]
    assert money_frame["amount"][0] == Decimal("1000.00")
    assert str(money_frame["amount"][0]) == "1000.00"


def test_a_frame_of_no_values_is_empty_and_decimals_must_be_one_of_three():
    assert frames.to_frame([]).empty
    with refused(InvalidValueError, "decimals", "exact"):
        frames.to_frame([], decimals="exact")


@given(st.lists(st.tuples(amounts(places=4), amounts(places=2), amounts(places=3)), max_size=8))
def test_a_frame_keeps_exact_decimals_back_to_records(held):
    values = [PointsHeld(*amounts_) for amounts_ in held]
    frame = frames.to_frame(values)
    back = frame.to_dict("records")
    for value, row in zip(values, back, strict=True):
        for name in ("sourced", "assisted", "managed", "sold", "total"):
            cell = row[name]
            assert isinstance(cell, Decimal)
            assert cell == getattr(value, name)
            assert str(cell) == str(getattr(value, name))


@given(st.lists(money(), min_size=1, max_size=6))
def test_money_amounts_keep_their_exact_digits(amounts_):
    frame = frames.to_frame(amounts_)
    assert [Money(a, c) for a, c in zip(frame["amount"], frame["currency"], strict=True)] == (
        amounts_
    )


# -- siblings: pandas' missing values are missing answers everywhere ---------------------


def test_pandas_missing_values_are_missing_answers_for_every_tally_and_response():
    # a list taken from a nullable column holds pd.NA; a datetime column's gap is NaT
    gaps = [pd.NA, pd.NaT]
    assert NpsTally.from_scores([9, *gaps], missing="exclude") == NpsTally(promoters=1)
    with pytest.raises(MissingScoreError):
        NpsTally.from_scores([9, pd.NA])
    assert CesTally.from_scores([7, *gaps], missing="exclude").n == 1
    weighted = surveys.WeightedNpsTally.from_scores([9, pd.NA], [1, 1], missing="exclude")
    assert weighted.n == 1
    assert surveys.Response(at=date(2025, 1, 1), score=pd.NA).score is None


def test_moments_are_datetime64_in_utc_when_aware_and_object_when_mixed():
    naive = surveys.Response(at=datetime(2025, 3, 1, 10), score=9, weight=Decimal("1.5"))
    aware = surveys.Response(
        at=datetime(2025, 3, 1, 12, tzinfo=timezone(timedelta(hours=2))), score=3
    )
    assert str(frames.to_frame([naive])["at"].dtype).startswith("datetime64")
    utc = frames.to_frame([aware])["at"]
    assert str(utc.dtype).endswith("UTC]")
    assert utc[0] == pd.Timestamp("2025-03-01 10:00", tz="UTC")
    mixed = frames.to_frame([naive, aware])
    assert mixed["at"].dtype == object
    assert list(mixed["at"]) == [naive.at, aware.at]
    assert mixed["weight"][0] == Decimal("1.5")
    assert mixed["weight"].isna()[1]


def test_a_list_stays_one_cell_and_a_missing_cell_is_blank():
    frame = frames.to_frame([Usage(["forms", "email"])])
    assert frame["tools"].dtype == object
    assert frame["tools"][0] == ["email", "forms"]
    nothing = pd.DataFrame({"at": ["2025-03-01"], "score": [9], "comment": [None]}, dtype=object)
    assert frames.read_responses(nothing).responses[0].comment is None


def test_an_events_frame_reads_as_its_csv_file_and_is_checked_alike():
    from hubpartner import managed
    from hubpartner.errors import EventsFileError

    path = EXAMPLES / "managed-events.csv"
    # missing cells as pandas reads them by default (NaN) are blank: not given
    assert frames.read_events(pd.read_csv(path)) == managed.read_events(path)
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-06", "2025-01-08", "2025-01-08"]),
            "client": ["c1", "c1", "c1"],
            "kind": ["employee-added", "activity", "Activity"],
            "user": ["kim", "kim", "kim"],
            "tool": [None, "Blog", "blog"],
            "action": [None, "publish", "PUBLISH"],
        },
        index=[100, 101, 102],
    )
    with pytest.raises(EventsFileError) as caught:
        frames.read_events(frame)
    (problem,) = caught.value.problems
    assert problem.index == 102
    assert "the same event as line 101" in problem.message
    (first, second) = frames.read_events(frame.iloc[:2])["c1"]
    assert (first.on, first.tool, second.tool) == (date(2025, 1, 6), None, "blog")
