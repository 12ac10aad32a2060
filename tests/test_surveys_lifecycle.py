"""The survey lifecycle, the survey rules, send schedules and expected responses."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner._checks import MAX_DAYS
from hubpartner.errors import (
    InvalidTypeError,
    InvalidValueError,
    MixedTimeZonesError,
    RulesFileError,
)
from hubpartner.surveys import Cadence, Channel, Survey, SurveyKind, lifecycle

from .refusals import refused

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


def test_a_reminder_that_is_no_timedelta_is_a_type_error():
    with pytest.raises(InvalidTypeError, match="reminder_after: 7 of type int"):
        surveys.send_schedule(date(2025, 1, 1), Cadence.QUARTERLY, count=2, reminder_after=7)


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


# -- what each refusal names, and the boundaries (mutation testing, docs/testing.md) ----

LATER = datetime(2025, 3, 1)


def test_a_refused_range_names_its_low_end():
    with refused(InvalidValueError, "low", Fraction(2), "at most high (1)"):
        surveys.Range(Fraction(2), Fraction(1))
    assert surveys.Range(Fraction(1), Fraction(1)).low == 1


@pytest.mark.parametrize("name", ["response_rate", "extra_question_drop"])
@pytest.mark.parametrize("span", [None, surveys.Range(0, 2)])
def test_survey_rules_refuse_shares_outside_0_to_1_by_name(name, span):
    with refused(InvalidValueError, name, span, "a Range of shares within 0..1"):
        attrs.evolve(surveys.survey_rules(), **{name: span})


def test_survey_rules_take_shares_from_exactly_0_to_exactly_1():
    whole = surveys.Range(Fraction(0), Fraction(1))
    rules = attrs.evolve(surveys.survey_rules(), response_rate=whole, extra_question_drop=whole)
    assert surveys.response_rate(1, rules=rules) == surveys.Range(Fraction(0), Fraction(1))


def test_survey_rules_refuse_a_question_without_the_company():
    with refused(
        InvalidValueError, "nps_question", "How likely?", "a text with a {company} placeholder"
    ):
        attrs.evolve(surveys.survey_rules(), nps_question="How likely?")


def test_expected_responses_use_the_rules_given():
    half = attrs.evolve(
        surveys.survey_rules(), response_rate=surveys.Range(Fraction(1, 2), Fraction(1, 2))
    )
    assert surveys.expected_responses(10, rules=half) == surveys.Range(Fraction(5), Fraction(5))


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "expected"),
    [
        (
            lambda: surveys.response_rate(-1),
            InvalidValueError,
            "extra_questions",
            -1,
            "an int of at least 0",
        ),
        (
            lambda: surveys.expected_responses(-1),
            InvalidValueError,
            "recipients",
            -1,
            "an int of at least 0",
        ),
        (
            lambda: surveys.accepts_responses(survey(Channel.LINK), "2025-03-01"),
            InvalidTypeError,
            "at",
            "2025-03-01",
            "a datetime or a date",
        ),
        (
            lambda: surveys.unpublish(surveys.unpublish(survey(Channel.LINK), LATER), LATER),
            InvalidValueError,
            "survey",
            surveys.unpublish(survey(Channel.LINK), LATER),
            "a survey that is still published",
        ),
        (
            lambda: surveys.nps_question(attrs.evolve(survey(Channel.LINK), kind="ces")),
            InvalidValueError,
            "survey",
            SurveyKind.CES,
            "an NPS survey",
        ),
        (
            lambda: surveys.nps_question(attrs.evolve(survey(Channel.LINK), language="pl")),
            InvalidValueError,
            "question_template",
            None,
            "a translated question for language 'pl': one survey per language, each with its "
            "own text; the standard question is translated into en, sv, nb, it, de, fr, es, "
            "pt_BR, nl, da, fi, ja only",
        ),
    ],
)
def test_a_refused_lifecycle_argument_is_named(call, error, field, value, expected):
    with refused(error, field, value, expected):
        call()


@pytest.mark.parametrize("flag", ["known_contact", "matches_criteria", "single_page_app"])
def test_web_survey_flags_are_named_when_not_bools(flag):
    flags = {"known_contact": True, "matches_criteria": True, "single_page_app": False, flag: 1}
    with refused(InvalidTypeError, flag, 1, "True or False"):
        surveys.shows_web_survey(survey(Channel.WEB), at=LATER, **flags)


@pytest.mark.parametrize(
    ("kwargs", "error", "field", "value", "expected"),
    [
        (
            {"language": 7},
            InvalidTypeError,
            "language",
            7,
            "a CLDR locale identifier such as 'sv_SE' (a str)",
        ),
        (
            {"language": "xx-nowhere"},
            InvalidValueError,
            "language",
            "xx-nowhere",
            "a CLDR locale identifier such as 'en', 'sv_SE' or 'de-DE'",
        ),
        (
            {"unpublished": datetime(2025, 1, 6, 8, 59)},
            InvalidValueError,
            "unpublished",
            datetime(2025, 1, 6, 8, 59),
            "a moment on or after published (2025-01-06T09:00:00)",
        ),
        (
            {"question_template": "How likely?"},
            InvalidValueError,
            "question_template",
            "How likely?",
            "a text with a {company} placeholder",
        ),
    ],
)
def test_a_refused_survey_names_the_field_and_the_value(kwargs, error, field, value, expected):
    fields = {
        "kind": "nps",
        "channel": "email",
        "language": "en",
        "company": "Acme",
        "published": datetime(2025, 1, 6, 9, 0),
        **kwargs,
    }
    with refused(error, field, value, expected):
        Survey(**fields)


def test_a_survey_may_be_unpublished_the_moment_it_is_published_and_answered_then():
    published = datetime(2025, 1, 6, 9, 0)
    at_once = survey(Channel.EMAIL, published)
    assert at_once.unpublished == published
    assert surveys.accepts_responses(survey(Channel.LINK), published)
    assert not surveys.accepts_responses(survey(Channel.LINK, published), published)


@pytest.mark.parametrize("language", ["en", "en_GB", "en-GB", "EN-us"])
def test_english_in_any_spelling_of_its_locale_has_the_standard_question(language):
    english = attrs.evolve(survey(Channel.EMAIL), language=language)
    assert surveys.nps_question(english).startswith("How likely is it that you would recommend")


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "field", "value", "expected"),
    [
        (
            (datetime(2025, 1, 1), Cadence.QUARTERLY),
            {"count": 1},
            InvalidTypeError,
            "start",
            datetime(2025, 1, 1),
            "a date",
        ),
        (
            (date(2025, 1, 1), 3),
            {"count": 1},
            InvalidTypeError,
            "cadence",
            3,
            "a Cadence, such as Cadence.QUARTERLY",
        ),
        (
            (date(2025, 1, 1), Cadence.QUARTERLY),
            {"count": 2, "until": date(2026, 1, 1)},
            InvalidValueError,
            "count",
            2,
            "either count or until, not both and not neither",
        ),
        (
            (date(2025, 1, 1), Cadence.QUARTERLY),
            {"count": 0},
            InvalidValueError,
            "count",
            0,
            "an int of at least 1",
        ),
        (
            (date(2025, 1, 1), Cadence.QUARTERLY),
            {"until": "2026"},
            InvalidTypeError,
            "until",
            "2026",
            "a datetime.date",
        ),
        (
            (date(2025, 1, 1), Cadence.QUARTERLY),
            {"count": 1, "reminder_after": timedelta(0)},
            InvalidValueError,
            "reminder_after",
            timedelta(0),
            "a positive timedelta",
        ),
    ],
)
def test_a_refused_schedule_argument_is_named(args, kwargs, error, field, value, expected):
    with refused(error, field, value, expected):
        surveys.send_schedule(*args, **kwargs)


def test_a_reminder_less_than_a_day_after_a_send_falls_on_the_send_day():
    (send,) = surveys.send_schedule(
        date(2025, 1, 15), Cadence.QUARTERLY, count=1, reminder_after=timedelta(hours=12)
    )
    assert send.reminder == date(2025, 1, 15)


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


# -- the arguments the contract added (mutation testing, docs/testing.md) -------------


AWARE = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "expected"),
    [
        (
            lambda: surveys.unpublish("survey", LATER),
            InvalidTypeError,
            "survey",
            "survey",
            "a Survey",
        ),
        (
            lambda: surveys.accepts_responses(None, LATER),
            InvalidTypeError,
            "survey",
            None,
            "a Survey",
        ),
        (
            lambda: surveys.unpublish(survey(Channel.LINK), "2025-03-01"),
            InvalidTypeError,
            "at",
            "2025-03-01",
            None,
        ),
        (
            lambda: surveys.unpublish(survey(Channel.LINK), AWARE),
            MixedTimeZonesError,
            "at",
            AWARE,
            None,
        ),
        (
            lambda: surveys.accepts_responses(survey(Channel.LINK), AWARE),
            MixedTimeZonesError,
            "at",
            AWARE,
            None,
        ),
        (
            lambda: surveys.response_rate(rules="packaged"),
            InvalidTypeError,
            "rules",
            "packaged",
            "a SurveyRules, or None for the packaged one",
        ),
        (
            lambda: survey(Channel.LINK, AWARE),
            MixedTimeZonesError,
            "unpublished",
            AWARE,
            None,
        ),
    ],
)
def test_a_refused_survey_moment_or_rule_set_is_named(call, error, field, value, expected):
    with refused(error, field, value, expected):
        call()


def test_the_nps_question_comes_from_the_rules_given():
    mine = attrs.evolve(surveys.survey_rules(), nps_question="Would you recommend {company}?")
    assert surveys.nps_question(survey(Channel.EMAIL), rules=mine) == "Would you recommend Acme?"


def test_the_email_grace_runs_from_no_days_to_a_century():
    rules = surveys.survey_rules()
    for days in (0, MAX_DAYS):
        assert attrs.evolve(rules, email_grace=timedelta(days=days)).email_grace.days == days
    for grace in (timedelta(days=-1), timedelta(days=MAX_DAYS + 1)):
        with refused(
            InvalidValueError, "email_grace", grace, f"a timedelta from 0 to {MAX_DAYS:,} days"
        ):
            attrs.evolve(rules, email_grace=grace)


PACKAGED = {
    "schema": 1,
    "email": {"answerable_days_after_unpublishing": 14},
    "response_rate": {"low": Decimal("0.05"), "high": Decimal("0.15")},
    "extra_question": {"drop_low": Decimal("0.3"), "drop_high": Decimal("0.5")},
}


def survey_rules_with(table, key, value):
    data = {**PACKAGED, table: {**PACKAGED[table], key: value}}
    return lifecycle._survey_rules_from(data, "surveys.toml")


@pytest.mark.parametrize("days", [0, MAX_DAYS])
def test_survey_rules_from_a_document_take_a_grace_from_0_to_a_century(days):
    rules = survey_rules_with("email", "answerable_days_after_unpublishing", days)
    assert rules.email_grace == timedelta(days=days)


@pytest.mark.parametrize(
    ("table", "key", "value", "where"),
    [
        (
            "email",
            "answerable_days_after_unpublishing",
            -1,
            "email.answerable_days_after_unpublishing",
        ),
        (
            "email",
            "answerable_days_after_unpublishing",
            MAX_DAYS + 1,
            "email.answerable_days_after_unpublishing",
        ),
        ("response_rate", "low", "x", "response_rate.low"),
    ],
)
def test_a_refused_survey_rules_document_names_the_file_and_the_key(table, key, value, where):
    with pytest.raises(RulesFileError) as caught:
        survey_rules_with(table, key, value)
    assert caught.value.source == "surveys.toml"
    assert [problem.key for problem in caught.value.problems] == [where]


def test_a_reminder_past_the_calendars_end_is_named():
    after = timedelta(days=30)
    with refused(InvalidValueError, "reminder_after", after):
        surveys.send_schedule(date(9999, 12, 15), Cadence.QUARTERLY, count=1, reminder_after=after)


def test_a_survey_rules_document_has_no_question_the_catalogs_hold():
    with pytest.raises(RulesFileError) as caught:
        lifecycle._survey_rules_from({**PACKAGED, "nps": {"question": "How?"}}, "surveys.toml")
    assert [problem.key for problem in caught.value.problems] == ["nps"]
