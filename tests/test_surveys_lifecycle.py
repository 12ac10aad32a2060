"""The survey lifecycle, the survey rules, send schedules and expected responses."""

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner.errors import InvalidTypeError, InvalidValueError, MixedTimeZonesError
from hubpartner.surveys import Cadence, Channel, Survey, SurveyKind

# -- the lifecycle ---------------------------------------------------------------------


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
    untranslated = Survey(SurveyKind.NPS, Channel.EMAIL, "pl", "Acme", date(2025, 1, 6))
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


def test_ranges_and_survey_rules_are_checked():
    with pytest.raises(InvalidValueError):
        surveys.Range(Fraction(2), Fraction(1))
    rules = surveys.survey_rules()
    with pytest.raises(InvalidValueError, match="company"):
        attrs.evolve(rules, nps_question="How likely?")
    with pytest.raises(InvalidValueError, match=r"0\.\.1"):
        attrs.evolve(rules, response_rate=surveys.Range(Fraction(0), Fraction(2)))
    assert rules.response_rate == surveys.Range(Fraction(1, 20), Fraction(3, 20))


def test_enums_repr_as_code():
    assert repr(surveys.Cadence.QUARTERLY) == "Cadence.QUARTERLY"
    assert repr(surveys.IntervalMethod.WALD) == "IntervalMethod.WALD"
    assert repr(surveys.Channel.WEB) == "Channel.WEB"
    assert repr(surveys.SurveyKind.CSAT) == "SurveyKind.CSAT"


# -- schedules and expected responses --------------------------------------------------


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


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((datetime(2025, 1, 1), surveys.Cadence.QUARTERLY), {"count": 1}, InvalidTypeError),
        ((date(2025, 1, 1), 3), {"count": 1}, InvalidTypeError),
        ((date(2025, 1, 1), surveys.Cadence.QUARTERLY), {"until": "2026"}, InvalidTypeError),
    ],
)
def test_send_schedule_checks_its_arguments(args, kwargs, error):
    with pytest.raises(error):
        surveys.send_schedule(*args, **kwargs)


def test_a_schedule_until_a_date_includes_that_date():
    sends = surveys.send_schedule(
        date(2025, 1, 15), surveys.Cadence.SIX_MONTHS, until=date(2026, 1, 15)
    )
    assert [s.on for s in sends] == [date(2025, 1, 15), date(2025, 7, 15), date(2026, 1, 15)]
    assert sends[0].reminder is None
    assert surveys.send_schedule(
        date(2025, 1, 15),
        surveys.Cadence.TWELVE_MONTHS,
        count=1,
        reminder_after=timedelta(hours=36),
    )[0].reminder == date(2025, 1, 16)


def test_survey_rules_refuse_a_negative_grace_and_a_question_without_text():
    rules = surveys.survey_rules()
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(rules, email_grace=timedelta(days=-1))
    assert caught.value.field == "email_grace"
    with pytest.raises(InvalidTypeError) as caught:
        attrs.evolve(rules, nps_question=None)
    assert caught.value.field == "nps_question"


def test_a_survey_refuses_moments_naive_and_aware_together():
    survey = Survey(SurveyKind.NPS, Channel.EMAIL, "en", "Acme", datetime(2025, 1, 6))
    aware = datetime(2025, 3, 1, tzinfo=UTC)
    for call in (
        lambda: surveys.accepts_responses(survey, aware),
        lambda: surveys.unpublish(survey, aware),
        lambda: attrs.evolve(survey, unpublished=aware),
    ):
        with pytest.raises(MixedTimeZonesError):
            call()
