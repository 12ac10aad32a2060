"""Survey responses: grouping by period and segment, the latest answer, and loading."""

import io
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner._checks import MAX_DAYS
from hubpartner.errors import (
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingScoreError,
    ResponsesFileError,
    RowProblem,
)
from hubpartner.surveys import NpsTally, Period, Response, SurveyKind, Trailing
from hubpartner.surveys import responses as responses_module

from .refusals import refused

# -- grouping --------------------------------------------------------------------------


RESPONSES = [
    Response(datetime(2025, 1, 5, 9, 30), 9, respondent="ann", segment="EMEA"),
    Response(datetime(2025, 1, 20), 3, respondent="ann", segment="EMEA"),
    Response(date(2025, 1, 31), 10, respondent="bob", segment="AMER"),
    Response(date(2025, 2, 1), 7, respondent="cai", segment="EMEA"),
    Response(date(2025, 4, 2), 0, segment="AMER"),
    Response(date(2025, 4, 3), 10, segment="AMER"),
]


def labels(groups):
    return [(g.period.label if g.period else None, g.segment, g.tally) for g in groups]


def test_group_by_calendar_month():
    groups = surveys.group(RESPONSES, kind=SurveyKind.NPS, by="month")
    assert labels(groups) == [
        ("2025-01", None, NpsTally(2, 0, 1)),
        ("2025-02", None, NpsTally(0, 1, 0)),
        ("2025-04", None, NpsTally(1, 0, 1)),
    ]
    assert groups[0].period == Period(date(2025, 1, 1), date(2025, 2, 1), "2025-01")


def test_group_by_quarter_and_segment():
    groups = surveys.group(RESPONSES, kind=SurveyKind.NPS, by="quarter", by_segment=True)
    assert labels(groups) == [
        ("2025-Q1", "AMER", NpsTally(1, 0, 0)),
        ("2025-Q1", "EMEA", NpsTally(1, 1, 1)),
        ("2025-Q2", "AMER", NpsTally(1, 0, 1)),
    ]


def test_latest_answer_per_respondent_within_a_group():
    groups = surveys.group(RESPONSES, kind="nps", by="quarter", latest_per_respondent=True)
    # ann answered 9 then 3 in Q1: only the 3 counts; answers without a respondent all count
    assert labels(groups) == [
        ("2025-Q1", None, NpsTally(1, 1, 1)),
        ("2025-Q2", None, NpsTally(1, 0, 1)),
    ]


def test_a_tie_in_time_keeps_the_later_answer_in_the_stream():
    same_moment = [
        Response(date(2025, 1, 1), 0, respondent="x"),
        Response(date(2025, 1, 1), 10, respondent="x"),
    ]
    (only,) = surveys.group(same_moment, kind="nps", by="all", latest_per_respondent=True)
    assert only.tally == NpsTally(1, 0, 0)


def test_groups_below_the_minimum_are_flagged_not_dropped():
    groups = surveys.group(RESPONSES, kind="nps", by="month", min_count=2)
    assert [(g.period.label, g.below_minimum) for g in groups] == [
        ("2025-01", False),
        ("2025-02", True),
        ("2025-04", False),
    ]


def test_trailing_windows_include_their_end_day():
    window = Trailing(days=31, ends=[date(2025, 1, 31), date(2025, 2, 28)])
    groups = surveys.group(RESPONSES, kind="nps", by=window)
    assert [g.period.label for g in groups] == ["31 days to 2025-01-31", "31 days to 2025-02-28"]
    assert groups[0].tally == NpsTally(2, 0, 1)
    assert groups[1].tally == NpsTally(1, 1, 0)  # Jan 31 and Feb 1
    assert groups[0].period.start == date(2025, 1, 1)


def test_ces_and_csat_group_on_their_scales():
    answers = [Response(date(2025, 3, d), s) for d, s in ((1, 7), (2, 5), (3, 2))]
    (ces,) = surveys.group(answers, kind=SurveyKind.CES, by="all")
    assert ces.tally.score == Fraction(14, 3)
    (csat,) = surveys.group(answers[1:], kind=SurveyKind.CSAT, by="all")
    assert csat.tally.score == 50
    with pytest.raises(InvalidScoreError, match=r"scores\[0\]"):
        surveys.group(answers, kind=SurveyKind.CSAT, by="all")


def test_weighted_grouping_needs_a_weight_on_every_response():
    weighted = [Response(date(2025, 1, 1), 10, weight=2), Response(date(2025, 1, 2), 0, weight=1)]
    (only,) = surveys.group(weighted, kind="nps", by="month", weighted=True)
    assert only.tally.score == Fraction(100, 3)
    with pytest.raises(InvalidValueError, match="weight"):
        surveys.group(RESPONSES, kind="nps", weighted=True)
    with pytest.raises(InvalidValueError):
        surveys.group(weighted, kind="ces", weighted=True)


def test_bad_responses_are_reported_by_position():
    bad = [*RESPONSES, Response(date(2025, 5, 1), 11)]
    with pytest.raises(InvalidScoreError, match=r"scores\[6\]"):
        surveys.group(bad, kind="nps")
    with pytest.raises(InvalidTypeError, match=r"responses\[1\]"):
        surveys.group([RESPONSES[0], (date(2025, 1, 1), 9)], kind="nps")
    with pytest.raises(InvalidValueError, match="by"):
        surveys.group(RESPONSES, kind="nps", by="week")
    with pytest.raises(InvalidValueError, match="kind"):
        surveys.group(RESPONSES, kind="promoters")
    missing = [*RESPONSES, Response(date(2025, 5, 1), None)]
    assert len(surveys.group(missing, kind="nps", by="all", missing="exclude")) == 1


months = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))
answers = st.builds(
    Response,
    at=months,
    score=st.integers(0, 10),
    respondent=st.none() | st.sampled_from(["a", "b", "c"]),
    segment=st.none() | st.sampled_from(["EMEA", "AMER"]),
)


@given(st.lists(answers, max_size=60), st.sampled_from(["month", "quarter"]), st.booleans())
def test_groups_partition_the_responses(responses, by, by_segment):
    groups = surveys.group(responses, kind="nps", by=by, by_segment=by_segment)
    merged = sum((g.tally for g in groups), NpsTally())
    assert merged == NpsTally.from_scores([r.score for r in responses])
    assert all(g.tally.n > 0 for g in groups)
    keys = [(g.period.start, g.segment or "") for g in groups]
    assert keys == sorted(set(keys))
    for g in groups:
        members = [
            r
            for r in responses
            if g.period.start <= r.at.date() < g.period.end
            and (not by_segment or r.segment == g.segment)
        ]
        assert g.tally == NpsTally.from_scores([r.score for r in members])


@given(st.lists(answers, min_size=1, max_size=60))
def test_latest_per_respondent_keeps_one_answer_per_respondent(responses):
    (group,) = surveys.group(responses, kind="nps", by="all", latest_per_respondent=True)
    named = {r.respondent for r in responses if r.respondent is not None}
    anonymous = sum(r.respondent is None for r in responses)
    assert group.tally.n == len(named) + anonymous


def test_periods_cover_year_ends():
    assert Period.month(date(2025, 12, 31)) == Period(
        date(2025, 12, 1), date(2026, 1, 1), "2025-12"
    )
    assert Period.quarter(date(2025, 11, 5)) == Period(
        date(2025, 10, 1), date(2026, 1, 1), "2025-Q4"
    )
    assert Period.quarter(date(2025, 2, 5)).label == "2025-Q1"


def test_trailing_windows_are_checked():
    with pytest.raises(InvalidValueError):
        Trailing(days=0, ends=[date(2025, 1, 1)])
    with pytest.raises(InvalidTypeError):
        Trailing(days=7, ends=[datetime(2025, 1, 1)])
    with pytest.raises(InvalidTypeError):
        Trailing(days=7, ends="2025-01-01")


def test_latest_nps_per_contact():
    stream = [
        Response(datetime(2025, 1, 1), 9, respondent="ann", comment="great"),
        Response(datetime(2025, 3, 1), 4, respondent="ann", comment="slow support"),
        Response(datetime(2025, 2, 1), 10, respondent="ann", comment="older, later in stream"),
        Response(datetime(2025, 2, 1), 8, respondent="bob"),
        Response(datetime(2025, 2, 1), 8),
    ]
    latest = surveys.latest_per_contact(stream)
    assert set(latest) == {"ann", "bob"}
    assert latest["ann"] == surveys.LatestNps(4, "slow support", datetime(2025, 3, 1))
    assert latest["bob"].rating == 8
    assert latest["bob"].comment is None


def test_a_response_takes_a_whole_score_of_any_numeric_type():
    # a row of a pandas frame gives 10.0; a database gives Decimal("9")
    assert Response(date(2025, 1, 1), 10.0).score == 10
    assert type(Response(date(2025, 1, 1), Decimal("9")).score) is int
    assert Response(date(2025, 1, 1), float("nan")).score is None
    assert Response(date(2025, 1, 1), None).score is None
    for bad in (True, "9", 9 + 0j):
        with pytest.raises(InvalidTypeError, match="score"):
            Response(date(2025, 1, 1), bad)
    for bad in (6.5, float("inf"), Decimal("-Infinity")):
        with pytest.raises(InvalidValueError, match="score"):
            Response(date(2025, 1, 1), bad)


def test_group_and_latest_per_contact_take_whole_floats():
    as_floats = [attrs.evolve(r, score=float(r.score)) for r in RESPONSES]
    assert surveys.group(as_floats, kind="nps", by="month") == surveys.group(
        RESPONSES, kind="nps", by="month"
    )
    assert surveys.latest_per_contact(as_floats) == surveys.latest_per_contact(RESPONSES)
    gaps = [*as_floats, Response(date(2025, 5, 1), float("nan"), respondent="ann")]
    assert surveys.latest_per_contact(gaps, missing="exclude")["ann"].rating == 3
    with pytest.raises(MissingScoreError, match=r"scores\[6\]"):
        surveys.latest_per_contact(gaps)
    with pytest.raises(InvalidTypeError, match=r"responses\[0\]"):
        surveys.latest_per_contact([(date(2025, 1, 1), 9)])


def test_responses_refuse_non_text_fields():
    with pytest.raises(InvalidTypeError):
        surveys.Response(date(2025, 1, 1), 9, comment=5)
    with pytest.raises(InvalidTypeError):
        surveys.Response("2025-01-01", 9)


# -- loading ---------------------------------------------------------------------------


def write(tmp_path, text, name="responses.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_responses_from_csv(tmp_path):
    path = write(
        tmp_path,
        "at,score,respondent,region,comment\n"
        "2025-01-05,9,ann,EMEA,great\n"
        "2025-01-20T10:15:00,3,ann,EMEA,\n"
        '2025-02-01,10,,AMER,"fast, friendly"\n',
    )
    read = surveys.read_responses(path, segment_column="region")
    assert read.excluded_lines == ()
    assert read.responses == (
        Response(datetime(2025, 1, 5), 9, "ann", "EMEA", None, "great"),
        Response(datetime(2025, 1, 20, 10, 15), 3, "ann", "EMEA"),
        Response(datetime(2025, 2, 1), 10, None, "AMER", None, "fast, friendly"),
    )


def test_every_bad_row_is_reported_with_its_line(tmp_path):
    path = write(
        tmp_path,
        "at,score\n"
        "2025-01-05,9\n"
        "2025-01-06,11\n"
        "2025-01-07,nine\n"
        "yesterday,9\n"
        "2025-01-08,\n"
        "2025-01-09,9.5\n"
        "2025-01-10,10,extra\n",
    )
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(path)
    lines = [(p.line, p.message) for p in caught.value.problems]
    assert [line for line, _ in lines] == [3, 4, 5, 6, 7, 8]
    assert "outside the scale 0..10" in lines[0][1]
    assert "'nine' is not an integer" in lines[1][1]
    assert "'yesterday' is not an ISO date" in lines[2][1]
    assert "no 'score'" in lines[3][1]
    assert "'9.5' is not an integer" in lines[4][1]
    assert "more fields" in lines[5][1]
    assert str(caught.value).startswith(f"{path}: 6 problems in responses")


def test_missing_scores_can_be_excluded_and_are_listed(tmp_path):
    path = write(tmp_path, "at,score\n2025-01-05,9\n2025-01-06,\n2025-01-07, \n")
    read = surveys.read_responses(path, missing="exclude")
    assert len(read.responses) == 1
    assert read.excluded_lines == (3, 4)


def test_file_level_problems(tmp_path):
    with pytest.raises(ResponsesFileError, match="no column 'score'"):
        surveys.read_responses(write(tmp_path, "at,rating\n2025-01-01,9\n"))
    with pytest.raises(ResponsesFileError, match=": not found"):
        surveys.read_responses(tmp_path / "nothing.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("at,score,comment\n2025-01-01,9,s\xe5\n".encode("latin-1"))
    with pytest.raises(ResponsesFileError, match="not UTF-8"):
        surveys.read_responses(latin1)
    with pytest.raises(ResponsesFileError, match="weight"):
        surveys.read_responses(
            write(tmp_path, "at,score,weight\n2025-01-01,9,-1\n"), weight_column="weight"
        )


def test_ces_files_are_checked_against_the_ces_scale(tmp_path):
    path = write(tmp_path, "at,score\n2025-01-05,7\n2025-01-06,0\n")
    with pytest.raises(ResponsesFileError, match=r"outside the scale 1\.\.7"):
        surveys.read_responses(path, kind=SurveyKind.CES)


def test_oversized_csv_fields_are_reported(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("at,score,comment\n2025-01-01,9," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ResponsesFileError, match="line 2: is longer than 65,536 characters"):
        surveys.read_responses(path)


def test_weights_in_files(tmp_path):
    path = tmp_path / "weights.csv"
    path.write_text("at,score,weight\n2025-01-01,9,1.5\n2025-01-02,0,0.5\n", encoding="utf-8")
    read = surveys.read_responses(path, weight_column="weight")
    (group,) = surveys.group(read.responses, kind="nps", by="all", weighted=True)
    assert group.tally.score == 50
    assert read.responses[0].weight == Decimal("1.5")


# -- what mutation testing asked for (docs/testing.md) ----------------------------------


def test_group_counts_the_5_point_effort_scale_when_asked():
    efforts = [Response(date(2025, 3, d), s) for d, s in ((1, 1), (2, 2), (3, 5), (4, 4))]
    (only,) = surveys.group(efforts, kind=SurveyKind.CES, by="all", scale=surveys.CES_5_EFFORT)
    assert only.tally.scale == surveys.CES_5_EFFORT
    assert only.tally.counts == (1, 1, 0, 1, 1)
    assert only.tally.agree_share == Fraction(1, 2)  # 1-2 are low effort, the good end
    off_scale = [*efforts, Response(date(2025, 3, 5), 6)]
    with refused(InvalidScoreError, "scores[4]", 6, "a whole number from 1 to 5"):
        surveys.group(off_scale, kind=SurveyKind.CES, by="all", scale=surveys.CES_5_EFFORT)


def test_group_counts_the_answers_after_an_excluded_one():
    stream = [Response(date(2025, 1, 1), None), *RESPONSES]
    (only,) = surveys.group(stream, kind="nps", by="all", missing="exclude")
    assert only.tally.n == len(RESPONSES)


def test_the_latest_per_contact_of_a_tie_in_time_is_the_later_in_the_stream():
    stream = [
        Response(datetime(2025, 1, 1, 9), 0, respondent="ann", comment="first"),
        Response(datetime(2025, 1, 1, 9), 10, respondent="ann", comment="second"),
    ]
    latest = surveys.latest_per_contact(stream)
    assert latest["ann"] == surveys.LatestNps(10, "second", datetime(2025, 1, 1, 9))
    reversed_latest = surveys.latest_per_contact(stream[::-1])
    assert reversed_latest["ann"] == surveys.LatestNps(0, "first", datetime(2025, 1, 1, 9))


def test_the_latest_per_contact_skips_excluded_answers_and_goes_on():
    stream = [
        Response(datetime(2025, 1, 1), 9, respondent="ann"),
        Response(datetime(2025, 2, 1), None, respondent="ann"),
        Response(datetime(2025, 3, 1), 4, respondent="bob"),
    ]
    latest = surveys.latest_per_contact(stream, missing="exclude")
    assert {who: nps.rating for who, nps in latest.items()} == {"ann": 9, "bob": 4}


def test_the_latest_per_contact_names_a_stream_item_that_is_no_response():
    item = (date(2025, 1, 1), 9)
    with refused(InvalidTypeError, "responses[1]", item, "a Response"):
        surveys.latest_per_contact([RESPONSES[0], item])


def test_a_trailing_window_names_an_end_that_is_no_date():
    with refused(InvalidTypeError, "ends", "2025-01-31", "a datetime.date"):
        Trailing(30, ["2025-01-31"])


def test_reading_responses_of_an_unknown_kind_names_the_kind(tmp_path):
    path = write(tmp_path, "at,score\n2025-01-05,9\n")
    with pytest.raises(InvalidValueError) as caught:
        surveys.read_responses(path, kind="promoters")
    assert (caught.value.field, caught.value.value) == ("kind", "promoters")


def test_columns_not_read_or_not_in_the_file_give_no_respondent_and_no_comment(tmp_path):
    bare = surveys.read_responses(write(tmp_path, "at,score\n2025-01-05,9\n"))
    assert bare.responses == (Response(datetime(2025, 1, 5), 9),)
    full = write(tmp_path, "at,score,respondent,comment\n2025-01-05,9,ann,great\n")
    unread = surveys.read_responses(full, respondent_column=None, comment_column=None)
    assert unread.responses == (Response(datetime(2025, 1, 5), 9),)


@pytest.mark.parametrize(
    ("weight", "error", "expected"),
    [
        ("2", InvalidTypeError, "a number of 0 or more"),
        (-1, InvalidValueError, "a finite number of 0 or more below 10^15"),
        (Decimal("Infinity"), InvalidValueError, "a finite number of 0 or more below 10^15"),
    ],
)
def test_a_refused_weight_of_a_response_is_named_weight(weight, error, expected):
    with refused(error, "weight", weight, expected):
        Response(date(2025, 1, 1), 9, weight=weight)


SCORE = "a whole number such as 9 or 9.0, or None for no answer"


@pytest.mark.parametrize(
    ("score", "error", "expected"),
    [
        ("9", InvalidTypeError, SCORE),
        (True, InvalidTypeError, SCORE),
        (
            6.5,
            InvalidValueError,
            "a whole number such as 9 or 9.0 below 10^15 in magnitude, or None for no answer",
        ),
    ],
)
def test_a_refused_score_of_a_response_is_named(score, error, expected):
    with refused(error, "score", score, expected):
        Response(date(2025, 1, 1), score)


ONE_EACH = [Response(date(2025, 1, 1), 0, weight=1), Response(date(2025, 1, 2), 2, weight=3)]


def test_group_tallies_on_the_nps_scale_it_is_given():
    three_point = surveys.NpsScale(low=0, high=2, detractors_up_to=0, promoters_from=2)
    (only,) = surveys.group(ONE_EACH, kind="nps", by="all", scale=three_point)
    assert only.tally == NpsTally(1, 0, 1)
    (weighted,) = surveys.group(ONE_EACH, kind="nps", by="all", scale=three_point, weighted=True)
    assert weighted.tally.score == 50  # 100 x (3 - 1) / 4


def test_group_tallies_csat_on_the_scale_it_is_given():
    three_point = surveys.Scale(0, 2, (2, 2))
    (only,) = surveys.group(ONE_EACH, kind="csat", by="all", scale=three_point)
    assert (only.tally.scale, only.tally.counts) == (three_point, (1, 0, 1))


def test_a_trailing_window_holds_the_answers_of_its_first_day():
    window = Trailing(3, [date(2025, 1, 3)])
    answers = [Response(date(2024, 12, 31), 0), Response(date(2025, 1, 1), 9)]
    (only,) = surveys.group(answers, kind="nps", by=window)
    assert only.tally == NpsTally(1, 0, 0)


@pytest.mark.parametrize(
    ("responses", "kwargs", "error", "field", "value", "expected"),
    [
        (RESPONSES, {"kind": "promoters"}, InvalidValueError, "kind", "promoters", None),
        (RESPONSES, {"min_count": -1}, InvalidValueError, "min_count", -1, "an int of at least 0"),
        (
            RESPONSES,
            {"kind": "ces", "weighted": True},
            InvalidValueError,
            "weighted",
            True,
            "False for CES and CSAT surveys",
        ),
        (
            [RESPONSES[0], (date(2025, 1, 1), 9)],
            {},
            InvalidTypeError,
            "responses[1]",
            (date(2025, 1, 1), 9),
            "a Response",
        ),
        (
            [Response(date(2025, 1, 1), 9)],
            {"weighted": True},
            InvalidValueError,
            "responses[0].weight",
            None,
            "a weight on every response",
        ),
        (
            RESPONSES,
            {"by": "week"},
            InvalidValueError,
            "by",
            "week",
            "'month', 'quarter', 'all' or a Trailing window",
        ),
    ],
)
def test_a_refused_grouping_argument_is_named(responses, kwargs, error, field, value, expected):
    with refused(error, field, value, expected):
        surveys.group(responses, **{"kind": "nps", **kwargs})


def test_a_period_ends_after_it_starts():
    with pytest.raises(InvalidValueError) as caught:
        Period(date(2025, 3, 1), date(2025, 3, 1), "nothing")
    assert caught.value.field == "end"
    assert Period.month(date(2025, 3, 9)).end == date(2025, 4, 1)


# -- the arguments the contract added (mutation testing, docs/testing.md) -------------


def test_the_latest_per_contact_names_a_stream_that_is_no_sequence():
    with refused(InvalidTypeError, "responses", "ann", "a list or tuple of values"):
        surveys.latest_per_contact("ann")


def test_excluded_lines_of_a_responses_file_start_at_line_1():
    assert surveys.ResponsesFile((), (1, 2)).excluded_lines == (1, 2)
    with refused(InvalidValueError, "excluded_lines", 0):
        surveys.ResponsesFile((), (0,))


def test_a_trailing_window_reaches_the_calendars_ends_but_not_past_them():
    last = date.max - timedelta(days=1)  # its window ends the day after, 9999-12-31
    assert Trailing(1, [last]).periods()[0].end == date.max
    assert Trailing(2, [date.min + timedelta(days=1)]).periods()[0].start == date.min
    with refused(InvalidValueError, "ends[0]", date.max):
        Trailing(1, [date.max])
    with refused(InvalidValueError, "ends[0]", date.min):
        Trailing(2, [date.min])


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            "2025-01-05",
            "2025-01-06T09:00+01:00",
            "at '2025-01-06T09:00+01:00' has a UTC offset, but line 2's '2025-01-05' has none",
        ),
        (
            "2025-01-05T09:00+01:00",
            "2025-01-06",
            "at '2025-01-06' has no UTC offset, but line 2's '2025-01-05T09:00+01:00' has one",
        ),
    ],
)
def test_a_file_mixing_moments_with_and_without_an_offset_says_which_is_which(
    tmp_path, first, second, message
):
    path = write(tmp_path, f"at,score\n{first},9\n{second},7\n")
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(path)
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    "name",
    [
        "score_column",
        "at_column",
        "respondent_column",
        "segment_column",
        "weight_column",
        "comment_column",
    ],
)
def test_reading_responses_names_a_column_name_that_is_no_text(tmp_path, name):
    path = write(tmp_path, "at,score\n2025-01-05,9\n")
    with refused(InvalidTypeError, name, " ", "a non-empty str"):
        surveys.read_responses(path, **{name: " "})


@pytest.mark.parametrize("name", ["score_column", "at_column"])
def test_the_score_and_moment_columns_cannot_be_left_out(tmp_path, name):
    path = write(tmp_path, "at,score\n2025-01-05,9\n")
    with refused(InvalidTypeError, name, None, "a non-empty str"):
        surveys.read_responses(path, **{name: None})


def test_a_file_of_moments_with_an_offset_reads_them_all(tmp_path):
    path = write(tmp_path, "at,score\n2025-01-05T09:00+01:00,9\n2025-01-06T10:00+01:00,7\n")
    read = surveys.read_responses(path)
    assert [r.at.utcoffset() for r in read.responses] == [timedelta(hours=1)] * 2


@pytest.mark.parametrize("flag", ["by_segment", "latest_per_respondent", "weighted"])
def test_group_names_a_flag_that_is_no_bool(flag):
    with refused(InvalidTypeError, flag, 1, "True or False"):
        surveys.group(RESPONSES, kind="nps", **{flag: 1})


@pytest.mark.parametrize("call", [surveys.group, surveys.latest_per_contact])
def test_a_stream_of_responses_that_is_one_str_is_named(call):
    kwargs = {"kind": "nps"} if call is surveys.group else {}
    with refused(InvalidTypeError, "responses", "ann", "a list or tuple of values"):
        call("ann", **kwargs)


@pytest.mark.parametrize("call", [surveys.group, surveys.read_responses])
def test_a_scale_that_is_no_scale_is_named(tmp_path, call):
    first = RESPONSES if call is surveys.group else write(tmp_path, "at,score\n2025-01-05,9\n")
    with refused(
        InvalidTypeError, "scale", "0-10", "a Scale or an NpsScale, or None for the kind's default"
    ):
        call(first, kind="nps", scale="0-10")


def test_the_last_month_and_quarter_of_the_calendar_are_named_by_their_day():
    last = date(9999, 12, 5)
    with refused(InvalidValueError, "day", last):
        Period.month(last)
    with refused(InvalidValueError, "at", last):
        Period.quarter(last, field="at")
    with refused(InvalidTypeError, "at", "2025-01-01"):
        Period.month("2025-01-01", field="at")


def test_a_refused_period_names_its_end_and_keeps_it():
    with refused(InvalidValueError, "end", date(2025, 1, 1)):
        Period(date(2025, 1, 1), date(2025, 1, 1), "empty")


# -- counting a file as it is read ----------------------------------------------------------


#: The period of a day by each calendar grouping, which refuses a period past the
#: calendar.
PERIOD_OF = {"month": Period.month, "quarter": Period.quarter}


def past_the_calendar(text, problems, by):
    """The problems of the lines of ``text`` (a file of simple rows, ``at`` first and
    ``score`` second) that hold an answer, have no problem among ``problems``, and
    whose period by ``by`` ends past the calendar: refused by their line."""
    bad = {problem.line for problem in problems}
    found = []
    for line, row in enumerate(text.split("\n")[1:], start=2):
        cells = row.split(",")
        if line in bad or len(cells) < 2 or not cells[1] or by not in PERIOD_OF:
            continue
        try:
            PERIOD_OF[by](datetime.fromisoformat(cells[0]).date())
        except InvalidValueError as exc:
            refusal = InvalidValueError("at", cells[0], exc.expected)
            found.append(RowProblem(line, refusal.message))
    return found


def straightforward(text, options, counting):
    """What the surveys commands gave before they counted as they read: every
    response read (:func:`read_responses`), then grouped (:func:`group`); or the
    problems of the file, as (type, problems) — an answer :func:`group` cannot put
    in a period (whose end is past the calendar) a problem of its line."""
    try:
        read = responses_module.read_responses(io.StringIO(text), **options)
    except ResponsesFileError as exc:
        problems = list(exc.problems)
    else:
        problems = []
    problems = sorted(
        problems + past_the_calendar(text, problems, counting["by"]),
        key=lambda problem: problem.line,
    )
    if problems:
        return ResponsesFileError, problems
    groups = surveys.group(
        read.responses, by_segment=options.get("segment_column") is not None, **counting
    )
    return tuple(groups), len(read.responses), read.excluded_lines


def tallied(text, options, counting):
    try:
        found = responses_module.tally_responses(io.StringIO(text), **options, **counting)
    except ResponsesFileError as exc:
        return ResponsesFileError, list(exc.problems)
    return tuple(found.groups), found.responses, found.excluded_lines


good_response_cells = {
    "at": st.sampled_from(["2025-03-04", "2025-03-31", "2025-04-02T10:00", "2025-07-01"]),
    "score": st.sampled_from(["1", "2", "5", "7", "3", "4", "9.0"]),
    "respondent": st.sampled_from(["", "r1", "r2"]),
    "segment": st.sampled_from(["", "emea", "apac"]),
}
bad_response_cells = {
    "at": st.sampled_from(
        ["2025-04-02T10:00+02:00", "9999-12-01", "9999-10-05", "2025-13-01", ""]
    ),
    "score": st.sampled_from(["10", "0", "11", "-1", "x", "", "1 0"]),
    "respondent": st.sampled_from(["", "r1"]),
    "segment": st.sampled_from(["", "emea"]),
}


@st.composite
def response_texts(draw):
    """A responses CSV with bad rows mixed in now and then: moments that do not read
    or mix naive and aware, scores off the scale or missing, days whose period ends
    past the calendar, short rows."""
    extra = draw(st.sampled_from([[], ["respondent"], ["respondent", "segment"]]))
    header = ["at", "score", *extra]
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 16))):
        cells = bad_response_cells if draw(st.integers(0, 9)) == 0 else good_response_cells
        row = [draw(cells[column]) for column in header]
        lines.append(",".join(row if draw(st.integers(0, 30)) else row[:-1]))
    return "\n".join(lines) + "\n"


@settings(max_examples=300)
@given(
    text=response_texts(),
    kind=st.sampled_from(["nps", "ces", "csat"]),
    by=st.sampled_from(
        ["month", "quarter", "all", Trailing(40, [date(2025, 4, 10), date(2025, 4, 10)])]
    ),
    segmented=st.booleans(),
    latest=st.booleans(),
    missing=st.sampled_from(["error", "exclude"]),
    min_count=st.integers(0, 3),
    kept=st.sampled_from([(4096, 32768), (1, 1), (0, 0)]),
)
def test_counting_a_file_as_it_is_read_gives_the_groups_of_every_response(
    text, kind, by, segmented, latest, missing, min_count, kept
):
    options = {
        "kind": kind,
        "segment_column": "segment" if segmented and "segment" in text.split("\n")[0] else None,
        "missing": missing,
    }
    counting = {"by": by, "latest_per_respondent": latest, "min_count": min_count, "kind": kind}
    if latest and "respondent" not in text.split("\n")[0].split(","):
        # the latest answer of each respondent needs the column that names them
        kind_of, problems = tallied(text, options, {"by": by, "latest_per_respondent": True})
        assert kind_of is ResponsesFileError
        assert problems[0].line == 1
        assert "'respondent'" in problems[0].message
        return
    expected = straightforward(text, options, counting)
    counting.pop("kind")
    with pytest.MonkeyPatch.context() as patch:  # small bounds: the dicts fill up
        patch.setattr(responses_module, "_KEPT_CELLS", kept[0])
        patch.setattr(responses_module, "_KEPT_ROWS", kept[1])
        assert tallied(text, options, counting) == expected
        # the answers read_responses keeps read are kept by what is written, too
        assert straightforward(text, options, {**counting, "kind": kind}) == expected


def test_counting_a_file_checks_its_options():
    with pytest.raises(InvalidValueError, match="by"):
        responses_module.tally_responses(io.StringIO("at,score\n"), by="week")
    with pytest.raises(InvalidTypeError, match="segment_column"):
        responses_module.tally_responses(io.StringIO("at,score\n"), segment_column="")


@pytest.mark.parametrize(("by", "start"), [("month", "9999-12-01"), ("quarter", "9999-10-01")])
def test_a_period_past_the_calendar_is_refused_by_the_line_of_the_answer(by, start):
    text = (
        "at,score\n2025-01-01,9\n2025-01-02,\n9999-12-05,9\n9999-12-05,9\n9999-12-31,\n"
        "9999-12-06T10:00,x\n"
    )
    options = {"kind": "nps", "segment_column": None, "missing": "exclude"}
    counting = {"by": by, "latest_per_respondent": False, "min_count": 0}
    with pytest.raises(ResponsesFileError) as caught:
        responses_module.tally_responses(io.StringIO(text), **options, **counting)
    # each answer in a period past the calendar by its line (the same row twice too);
    # a row without an answer is left out, a bad answer is said as such
    assert [problem.line for problem in caught.value.problems] == [4, 5, 7]
    said = str(caught.value.problems[0].message)
    assert said.startswith("at: '9999-12-05' is not accepted; expected a day before ")
    assert start in said
    assert "is not an integer" in str(caught.value.problems[2].message)
    found = tallied(text, options, counting)
    assert found == straightforward(text, options, {**counting, "kind": "nps"})
    # grouping the responses read refuses the first by its position, as it did
    read = responses_module.read_responses(
        io.StringIO(text[: text.index("9999-12-31")]), missing="exclude"
    )
    with refused(InvalidValueError, "responses[1].at", datetime(9999, 12, 5).date()):
        surveys.group(read.responses, kind="nps", by=by)
    # all at once, the same answers are counted
    everything = responses_module.tally_responses(
        io.StringIO(text[: text.index("9999-12-06")]), **options, by="all"
    )
    assert everything.responses == 3


def test_counting_latest_per_respondent_keeps_the_latest_answer_not_the_last_row():
    text = (
        "at,score,respondent\n2025-03-20,9,ann\n2025-03-04,3,ann\n2025-03-20,6,ann\n"
        "2025-03-10,10,\n"
    )
    options = {"kind": "nps", "segment_column": None, "missing": "error"}
    counting = {"by": "month", "latest_per_respondent": True, "min_count": 0}
    found = tallied(text, options, counting)
    assert found == straightforward(text, options, {**counting, "kind": "nps"})
    (only,) = found[0]
    assert only.tally == NpsTally(promoters=1, passives=0, detractors=1)  # ann's 6, and 10


def test_counting_refuses_moments_with_and_without_an_offset_mixed_by_line():
    text = "at,score\n2025-03-04T10:00+01:00,9\n2025-03-05,9\n2025-03-06T09:00+00:00,3\n"
    options = {"kind": "nps", "segment_column": None, "missing": "error"}
    counting = {"by": "month", "latest_per_respondent": False, "min_count": 0}
    found = tallied(text, options, counting)
    assert found == straightforward(text, options, {**counting, "kind": "nps"})
    assert [problem.line for problem in found[1]] == [3]


@pytest.mark.parametrize(
    "written", ["20250110", "2025-W02-5", "2025-01-10T0912", "2025-01-10x09:12", "2025-1-10"]
)
def test_a_moment_in_another_iso_form_is_refused_by_line(written):
    text = f"at,score\n2025-01-09,9\n{written},7\n"
    for read in (surveys.read_responses, responses_module.tally_responses):
        with pytest.raises(ResponsesFileError) as caught:
            read(io.StringIO(text))
        assert [problem.line for problem in caught.value.problems] == [3]


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2025-01-10 09:12", datetime(2025, 1, 10, 9, 12)),
        ("2025-01-10t10", datetime(2025, 1, 10, 10)),
        ("2025-01-10T09:12:30.1234567", datetime(2025, 1, 10, 9, 12, 30, 123_456)),
        (
            "2025-01-10T09:12+0100",
            datetime(2025, 1, 10, 9, 12, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "2025-01-10T09:12-05",
            datetime(2025, 1, 10, 9, 12, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("2025-01-10T09:12:30.5", datetime(2025, 1, 10, 9, 12, 30, 500_000)),
        ("2025-01-10T09:12:00Z", datetime(2025, 1, 10, 9, 12, tzinfo=UTC)),
        (
            "2025-01-10T09:12+01:00",
            datetime(2025, 1, 10, 9, 12, tzinfo=timezone(timedelta(hours=1))),
        ),
    ],
)
def test_a_moment_in_iso_8601s_extended_form_is_read(written, moment):
    (response,) = surveys.read_responses(io.StringIO(f"at,score\n{written},7\n")).responses
    assert response.at == moment


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1e999999", "a number below 10^15 in magnitude"),
        ("-1", "a finite number of 0 or more below 10^15"),
        ("1_000", "a number written with digits"),
        ("heavy", "a number written with digits"),
    ],
)
def test_a_weight_cell_is_refused_with_what_a_weight_may_be(written, expected):
    text = f"at,score,w\n2025-01-01,9,1\n2025-01-02,7,{written}\n"
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(io.StringIO(text), weight_column="w")
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert problem.message.startswith(f"w: '{written}' is not accepted; expected {expected}")


def test_a_weight_cell_may_have_as_many_places_as_a_weight():
    read = surveys.read_responses(
        io.StringIO("at,score,w\n2025-01-01,9,0.333333333333333\n"), weight_column="w"
    )
    assert read.responses[0].weight == Decimal("0.333333333333333")


# -- a survey's kind and its scale agree -------------------------------------------------

SCALES = [surveys.NPS, surveys.CES_7, surveys.CES_5_EFFORT, surveys.CSAT_5]
TALLY_OF = {"nps": NpsTally, "ces": surveys.CesTally, "csat": surveys.CsatTally}
NPS_SCALE_FOR_NPS = (
    "an NpsScale, such as surveys.NPS, for an NPS survey (or None for it); a Scale is for "
    "CES and CSAT surveys"
)
SCALE_FOR = {
    "ces": "a Scale, such as surveys.CES_7 or surveys.CES_5_EFFORT, for a CES survey (or None "
    "for its default); an NpsScale is for NPS surveys",
    "csat": "a Scale, such as surveys.CSAT_5, for a CSAT survey (or None for its default); an "
    "NpsScale is for NPS surveys",
}


def tallies_of(kind, scale, call, tmp_path):
    """The tallies of one answer of 1 of ``kind`` on ``scale``, by ``call``."""
    if call == "group":
        found = surveys.group([Response(date(2025, 1, 1), 1)], kind=kind, scale=scale)
    elif call == "tally_responses":
        text = io.StringIO("at,score\n2025-01-01,1\n")
        found = responses_module.tally_responses(text, kind=kind, scale=scale).groups
    else:
        path = write(tmp_path, "at,score\n2025-01-01,1\n")
        read = surveys.read_responses(path, kind=kind, scale=scale)
        return [type(g.tally) for g in surveys.group(read.responses, kind=kind, scale=scale)]
    return [type(g.tally) for g in found]


@pytest.mark.parametrize("call", ["group", "tally_responses", "read_responses"])
@pytest.mark.parametrize("kind", ["nps", "ces", "csat"])
@pytest.mark.parametrize("scale", [None, *SCALES], ids=str)
def test_the_tally_is_of_the_surveys_kind_or_a_scale_of_another_kind_is_refused(
    tmp_path, call, kind, scale
):
    # the law: a tally is of the kind of survey asked for, on its scale, or nothing is
    agrees = scale is None or (kind == "nps") == isinstance(scale, surveys.NpsScale)
    if agrees:
        assert tallies_of(kind, scale, call, tmp_path) == [TALLY_OF[kind]]
        return
    expected = NPS_SCALE_FOR_NPS if kind == "nps" else SCALE_FOR[kind]
    with refused(InvalidValueError, "scale", scale, expected):
        tallies_of(kind, scale, call, tmp_path)


def test_a_ces_survey_on_the_nps_scale_is_refused_not_tallied_as_nps():
    with refused(InvalidValueError, "scale", surveys.NPS, SCALE_FOR["ces"]):
        surveys.group([Response(datetime(2025, 1, 1), 9)], kind="ces", scale=surveys.NPS)
    with refused(InvalidValueError, "scale", surveys.CES_7, NPS_SCALE_FOR_NPS):
        surveys.read_responses(io.StringIO("at,score\n2025-01-01,1\n"), scale=surveys.CES_7)


# -- trailing windows: bounded, and each response found in the windows that hold it ------


def test_a_trailing_window_has_at_most_a_century_of_ends_refused_at_once():
    day = date(2025, 1, 1)
    assert len(Trailing(1, [day] * MAX_DAYS).ends) == MAX_DAYS
    for count in (MAX_DAYS + 1, 10**6):
        ends = [day] * count
        started = time.perf_counter()
        with refused(
            InvalidValueError,
            "ends",
            tuple(ends),
            f"at most {MAX_DAYS:,} end days, a century of daily windows; group a longer "
            "span by month or quarter",
        ):
            Trailing(1, ends)
        assert time.perf_counter() - started < 1.0
    with refused(InvalidTypeError, "ends", "2025-01-01"):
        Trailing(1, [day, "2025-01-01"])


def test_an_end_given_twice_is_one_window_that_counts_each_answer_once():
    window = Trailing(30, [date(2025, 1, 31), date(2025, 1, 31)])
    (only,) = surveys.group([Response(date(2025, 1, 10), 9)], kind="nps", by=window)
    assert only.tally == NpsTally(1, 0, 0)
    counted = responses_module.tally_responses(io.StringIO("at,score\n2025-01-10,9\n"), by=window)
    assert counted.groups == (only,)


def test_grouping_by_windows_makes_only_the_windows_that_hold_an_answer(monkeypatch):
    made = []
    window_of = responses_module._window
    monkeypatch.setattr(
        responses_module, "_window", lambda days, end: made.append(end) or window_of(days, end)
    )
    ends = [date(1950, 1, 1) + timedelta(days=i) for i in range(MAX_DAYS)]
    answers = [Response(datetime(2025, 1, 1, hour), 9) for hour in range(24)] * 100
    groups = surveys.group(answers, kind="nps", by=Trailing(7, ends))
    # the 7 windows ending on 2025-01-01 to 2025-01-07, each made once
    assert sorted(made) == [date(2025, 1, 1) + timedelta(days=i) for i in range(7)]
    assert [g.tally.n for g in groups] == [2400] * 7


@given(
    st.lists(answers, max_size=40),
    st.integers(1, 70),
    st.lists(st.dates(date(2024, 12, 1), date(2025, 6, 30)), max_size=12),
    st.booleans(),
)
def test_each_trailing_window_holds_exactly_the_answers_of_its_days(
    responses, days, ends, by_segment
):
    # the law, stated from the definition: the window to `end` holds the answers from
    # `days - 1` days before `end` to `end`, both included; one group per window and
    # segment with any
    groups = surveys.group(responses, kind="nps", by=Trailing(days, ends), by_segment=by_segment)
    expected = {}
    for end in set(ends):
        for response in responses:
            if end - timedelta(days=days - 1) <= response.at.date() <= end:
                segment = response.segment if by_segment else None
                expected.setdefault((end, segment), []).append(response.score)
    found = {(g.period.end - timedelta(days=1), g.segment): g.tally for g in groups}
    assert found == {key: NpsTally.from_scores(scores) for key, scores in expected.items()}
    assert all(g.period.end - g.period.start == timedelta(days=days) for g in groups)


def test_a_grouping_that_is_none_is_refused_even_without_responses():
    with refused(InvalidValueError, "by", "week"):
        surveys.group([], kind="nps", by="week")


def test_counting_the_latest_per_respondent_needs_the_respondent_column():
    # without it each answer would be counted, as if every one were a respondent's latest
    text = "at,score\n2025-01-01,0\n2025-02-01,10\n"
    with pytest.raises(ResponsesFileError) as caught:
        responses_module.tally_responses(io.StringIO(text), kind="nps", latest_per_respondent=True)
    assert "'respondent'" in str(caught.value)
    (group,) = responses_module.tally_responses(io.StringIO(text), kind="nps", by="all").groups
    assert group.tally.n == 2
    with pytest.raises(InvalidValueError, match="respondent_column"):
        responses_module.tally_responses(
            io.StringIO(text), kind="nps", latest_per_respondent=True, respondent_column=None
        )
