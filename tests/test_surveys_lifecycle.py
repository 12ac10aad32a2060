"""Surveys over time and by segment, the survey lifecycle, schedules and loading."""

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner.errors import (
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    ResponsesFileError,
)
from hubpartner.surveys import (
    Cadence,
    Channel,
    NpsTally,
    Period,
    Response,
    Survey,
    SurveyKind,
    Trailing,
)

# -- grouping -------------------------------------------------------------------------------

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
    bad = [*RESPONSES, Response(date(2025, 5, 1), True)]
    with pytest.raises(TypeError, match=r"scores\[6\]"):
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


# -- the lifecycle ----------------------------------------------------------------------------


def survey(channel, unpublished=None, **kwargs):
    return Survey(
        SurveyKind.NPS, channel, "en", "Acme", datetime(2025, 1, 6, 9, 0), unpublished, **kwargs
    )


def test_an_email_survey_can_be_answered_for_14_days_after_unpublishing():
    unpublished = datetime(2025, 3, 1, 12, 0)
    email = survey(Channel.EMAIL, unpublished)
    assert surveys.accepts_responses(email, datetime(2025, 3, 1, 11, 59))
    assert surveys.accepts_responses(email, datetime(2025, 3, 15, 11, 59))
    assert not surveys.accepts_responses(email, datetime(2025, 3, 15, 12, 0))
    assert not surveys.accepts_responses(email, datetime(2025, 1, 6, 8, 59))


def test_a_link_survey_stops_when_unpublished_and_never_expires_before():
    link = survey(Channel.LINK)
    assert surveys.accepts_responses(link, datetime(2035, 1, 1))
    closed = surveys.unpublish(link, datetime(2025, 3, 1))
    assert surveys.accepts_responses(closed, datetime(2025, 2, 28, 23, 59))
    assert not surveys.accepts_responses(closed, datetime(2025, 3, 1))
    assert link.unpublished is None  # unchanged: a new value was returned


def test_unpublishing_twice_or_before_publishing_is_refused():
    closed = surveys.unpublish(survey(Channel.LINK), date(2025, 3, 1))
    with pytest.raises(InvalidValueError):
        surveys.unpublish(closed, date(2025, 4, 1))
    with pytest.raises(InvalidValueError):
        surveys.unpublish(survey(Channel.LINK), date(2024, 1, 1))


def test_the_grace_period_is_rule_data():
    rules = surveys.survey_rules()
    assert rules.email_grace == timedelta(days=14)
    import attrs

    week = attrs.evolve(rules, email_grace=timedelta(days=7))
    email = survey(Channel.EMAIL, datetime(2025, 3, 1))
    assert not surveys.accepts_responses(email, datetime(2025, 3, 9), rules=week)
    assert surveys.accepts_responses(email, datetime(2025, 3, 9))


def test_web_surveys_show_only_to_known_matching_contacts():
    web = survey(Channel.WEB)
    at = datetime(2025, 2, 1)
    assert surveys.shows_web_survey(web, at=at, known_contact=True, matches_criteria=True)
    assert not surveys.shows_web_survey(web, at=at, known_contact=False, matches_criteria=True)
    assert not surveys.shows_web_survey(web, at=at, known_contact=True, matches_criteria=False)
    assert not surveys.shows_web_survey(
        web, at=at, known_contact=True, matches_criteria=True, single_page_app=True
    )
    assert not surveys.shows_web_survey(
        survey(Channel.EMAIL), at=at, known_contact=True, matches_criteria=True
    )
    closed = surveys.unpublish(web, datetime(2025, 1, 31))
    assert not surveys.shows_web_survey(closed, at=at, known_contact=True, matches_criteria=True)
    with pytest.raises(InvalidTypeError):
        surveys.shows_web_survey(web, at=at, known_contact="yes", matches_criteria=True)


def test_the_nps_question_fills_in_only_the_company_name():
    assert surveys.nps_question(survey(Channel.EMAIL)) == (
        "How likely is it that you would recommend Acme to a friend or colleague?"
    )
    swedish = Survey(
        SurveyKind.NPS,
        Channel.EMAIL,
        "sv",
        "Acme",
        date(2025, 1, 6),
        question_template="Hur troligt är det att du skulle rekommendera {company} till en vän?",
    )
    assert surveys.nps_question(swedish).startswith(
        "Hur troligt är det att du skulle rekommendera Acme"
    )
    untranslated = Survey(SurveyKind.NPS, Channel.EMAIL, "nb", "Acme", date(2025, 1, 6))
    with pytest.raises(InvalidValueError, match="one survey per language"):
        surveys.nps_question(untranslated)
    ces = Survey(SurveyKind.CES, Channel.EMAIL, "en", "Acme", date(2025, 1, 6))
    with pytest.raises(InvalidValueError):
        surveys.nps_question(ces)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"language": "xx-nowhere"}, InvalidValueError),
        ({"language": 7}, InvalidTypeError),
        ({"company": " "}, InvalidTypeError),
        ({"channel": "fax"}, InvalidValueError),
        ({"kind": "promoter"}, InvalidValueError),
        ({"published": "2025-01-01"}, InvalidTypeError),
        ({"unpublished": datetime(2024, 1, 1)}, InvalidValueError),
        ({"question_template": "How likely?"}, InvalidValueError),
    ],
)
def test_invalid_surveys_cannot_exist(kwargs, error):
    fields = {
        "kind": "nps",
        "channel": "email",
        "language": "en",
        "company": "Acme",
        "published": datetime(2025, 1, 6),
        **kwargs,
    }
    with pytest.raises(error):
        Survey(**fields)


def test_quarterly_six_and_twelve_monthly_schedules_with_reminders():
    week = timedelta(days=7)
    quarterly = surveys.send_schedule(
        date(2025, 1, 31), Cadence.QUARTERLY, count=5, reminder_after=week
    )
    assert [s.on for s in quarterly] == [
        date(2025, 1, 31),
        date(2025, 4, 30),
        date(2025, 7, 31),
        date(2025, 10, 31),
        date(2026, 1, 31),
    ]
    assert quarterly[1].reminder == date(2025, 5, 7)
    half_yearly = surveys.send_schedule(
        date(2023, 8, 29), Cadence.SIX_MONTHS, until=date(2025, 3, 1)
    )
    assert [s.on for s in half_yearly] == [
        date(2023, 8, 29),
        date(2024, 2, 29),
        date(2024, 8, 29),
        date(2025, 2, 28),
    ]
    assert half_yearly[0].reminder is None
    yearly = surveys.send_schedule(date(2024, 2, 29), Cadence.TWELVE_MONTHS, count=3)
    assert [s.on for s in yearly] == [date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28)]


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"count": 2, "until": date(2026, 1, 1)},
        {"count": 0},
        {"count": 2, "reminder_after": timedelta(0)},
        {"count": 2, "reminder_after": 7},
    ],
)
def test_schedules_need_an_end_and_sane_reminders(kwargs):
    with pytest.raises((InvalidValueError, InvalidTypeError)):
        surveys.send_schedule(date(2025, 1, 1), Cadence.QUARTERLY, **kwargs)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.sampled_from(list(Cadence)),
    st.integers(1, 12),
)
def test_schedules_step_by_whole_months_and_keep_the_day_when_they_can(start, cadence, count):
    sends = surveys.send_schedule(start, cadence, count=count)
    assert len(sends) == count
    for index, send in enumerate(sends):
        months = start.year * 12 + start.month - 1 + index * cadence.value
        assert (send.on.year, send.on.month) == (months // 12, months % 12 + 1)
        assert send.on.day == start.day or (
            send.on.day < start.day and (send.on + timedelta(days=1)).day == 1
        )


def test_expected_responses_and_the_cost_of_extra_questions():
    assert surveys.response_rate() == surveys.Range(Fraction(1, 20), Fraction(3, 20))
    # each extra question lowers the rate by 30-50 %
    assert surveys.response_rate(2) == surveys.Range(
        Fraction(1, 20) * Fraction(1, 4), Fraction(3, 20) * Fraction(49, 100)
    )
    assert surveys.expected_responses(1000) == surveys.Range(Fraction(50), Fraction(150))
    assert surveys.expected_responses(0).high == 0
    with pytest.raises(InvalidValueError):
        surveys.expected_responses(-1)
    with pytest.raises(InvalidTypeError):
        surveys.expected_responses(10.0)


# -- loading --------------------------------------------------------------------------------


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
    with pytest.raises(ResponsesFileError, match="cannot be read"):
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
