"""Hostile moments and dates: pandas' NaT, Timestamps and other subclasses of ``date``.

pandas' ``NaT`` is a ``datetime`` (a subclass of it) that is no moment: it is not
equal to itself and its fields are NaN. It is refused wherever a moment or a date is
taken, naming the field, before it can fail later with a bare ``ValueError``. A
``Timestamp`` is kept as the plain ``datetime`` with the same fields and time zone,
unless it has nanoseconds, which a ``datetime`` cannot hold: it is refused rather than
rounded.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import _checks, frames, reviews
from hubpartner.errors import HubPartnerError, InvalidTypeError, InvalidValueError
from hubpartner.records import from_record, to_record
from hubpartner.surveys import Period, Response, Trailing, group, latest_per_contact
from hubpartner.surveys.lifecycle import Survey
from hubpartner.surveys.responses import LatestNps

from .refusals import refused
from .test_reviews import ANN, PROFILE, TEXT

NOT_A_MOMENT = "a datetime or a date, not a missing moment such as pandas' NaT"
NOT_A_DATE = "a datetime.date, not a missing moment such as pandas' NaT"
NO_NANOSECONDS = (
    "a moment in whole microseconds, which a datetime holds; round its nanoseconds "
    "away first, such as with value.floor('us')"
)


class Missing(datetime):
    """A moment of no day, as pandas' NaT is one: it is not equal to itself."""

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = datetime.__hash__


class Fuzzy(date):
    """A date whose year is no whole number."""

    @property
    def year(self) -> float:  # type: ignore[override]
        return 2025.5


class Thirteenth(datetime):
    """A moment that says it is in a thirteenth month."""

    @property
    def month(self) -> int:  # type: ignore[override]
        return 13


class Day(date):
    """A subclass of date that is a day like any other."""


class Moment(datetime):
    """A subclass of datetime that is a moment like any other."""


# -- the checks ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [pd.NaT, Missing(2025, 1, 1), Thirteenth(2025, 1, 1)])
def test_a_moment_that_is_none_is_refused_naming_the_field(value):
    with refused(InvalidTypeError, "at", value, NOT_A_MOMENT) as caught:
        _checks.moment(value, field="at")
    assert isinstance(caught.value, HubPartnerError)


@pytest.mark.parametrize("value", [pd.NaT, Missing(2025, 1, 1), Fuzzy(2025, 1, 1)])
def test_a_date_that_is_none_is_refused_naming_the_field(value):
    # NaT is a datetime, but value.date() would not make it a date: it says so
    with refused(InvalidTypeError, "on", value, NOT_A_DATE):
        _checks.calendar_date(value, field="on")


def test_a_fuzzy_date_is_no_moment_either():
    with refused(InvalidTypeError, "at", Fuzzy(2025, 1, 1), NOT_A_MOMENT):
        _checks.moment(Fuzzy(2025, 1, 1), field="at")


def test_a_timestamp_given_as_a_date_is_told_to_pass_its_date():
    stamp = pd.Timestamp("2025-03-01")
    with refused(
        InvalidTypeError, "on", stamp, "a datetime.date; pass value.date() for a datetime"
    ):
        _checks.calendar_date(stamp, field="on")


@given(st.dates())
def test_a_subclass_of_date_is_the_plain_date_of_its_day(day):
    found = _checks.calendar_date(Day(day.year, day.month, day.day), field="on")
    assert type(found) is date
    assert found == day
    midnight = _checks.moment(Day(day.year, day.month, day.day), field="at")
    assert type(midnight) is datetime
    assert midnight == datetime(day.year, day.month, day.day)


@given(st.dates())
def test_a_plain_date_is_kept_as_it_is(day):
    assert _checks.calendar_date(day, field="on") is day


ZONES = st.sampled_from(
    [
        None,
        UTC,
        timezone(timedelta(hours=-5)),
        ZoneInfo("Europe/Stockholm"),
        ZoneInfo("Asia/Tokyo"),
    ]
)
#: The moments a pandas Timestamp holds (nanoseconds since 1970 in an int64).
STAMPED = st.datetimes(
    min_value=datetime(1678, 1, 1), max_value=datetime(2261, 12, 31), timezones=ZONES
)


@given(STAMPED)
def test_a_timestamp_is_the_plain_datetime_with_the_same_fields_and_time_zone(moment):
    stamp = pd.Timestamp(moment)
    found = _checks.moment(stamp, field="at")
    assert type(found) is datetime
    assert found.tzinfo is stamp.tzinfo
    fields = ("year", "month", "day", "hour", "minute", "second", "microsecond", "fold")
    assert [getattr(found, name) for name in fields] == [getattr(stamp, name) for name in fields]
    assert found == moment
    assert found.utcoffset() == moment.utcoffset()


@given(STAMPED.map(lambda m: m.replace(tzinfo=None)))
def test_a_subclass_of_datetime_is_the_plain_datetime_it_holds(moment):
    given_as = Moment(*moment.timetuple()[:6], moment.microsecond)
    found = _checks.moment(given_as, field="at")
    assert (type(found), found) == (datetime, moment)


@given(STAMPED, st.integers(1, 999))
def test_a_timestamp_with_nanoseconds_is_refused_not_rounded(moment, nanoseconds):
    stamp = pd.Timestamp(moment) + pd.Timedelta(nanoseconds=nanoseconds)
    with refused(InvalidValueError, "at", stamp, NO_NANOSECONDS):
        _checks.moment(stamp, field="at")


# -- where moments and dates enter ---------------------------------------------------------


def test_nat_is_refused_by_every_value_that_takes_a_moment_or_a_date():
    nat = pd.NaT
    with refused(InvalidTypeError, "at", nat, NOT_A_MOMENT):
        Response(nat, 9, respondent="a")
    with refused(InvalidTypeError, "at", nat, NOT_A_MOMENT):
        LatestNps(9, None, nat)
    with refused(InvalidTypeError, "published", nat, NOT_A_MOMENT):
        Survey("nps", "email", "en", "Acme", nat)
    with refused(InvalidTypeError, "unpublished", nat, NOT_A_MOMENT):
        Survey("nps", "email", "en", "Acme", datetime(2025, 1, 1), nat)
    with refused(InvalidTypeError, "ends", nat, NOT_A_DATE):
        Trailing(7, [date(2025, 1, 1), nat])
    with refused(InvalidTypeError, "day", nat, NOT_A_DATE):
        Period.month(nat)


def test_a_review_submitted_at_nat_is_refused():
    with refused(InvalidTypeError, "at", pd.NaT, NOT_A_MOMENT):
        reviews.submit_review(
            PROFILE,
            reviews.Client(ANN),
            review_id="r1",
            service_id="s1",
            ratings=reviews.Ratings(5),
            text=TEXT,
            at=pd.NaT,
        )
    stamp = pd.Timestamp("2025-06-02 10:00")
    new, _ = reviews.submit_review(
        PROFILE,
        reviews.Client(ANN),
        review_id="r1",
        service_id="s1",
        ratings=reviews.Ratings(5),
        text=TEXT,
        at=stamp,
    )
    (review,) = new.reviews
    assert type(review.submitted_at) is datetime
    assert review.submitted_at == stamp


def test_responses_at_timestamps_group_and_travel_as_plain_moments():
    # NaT once passed here and failed later: utcoffset, the month, the frame, the record
    stamps = [pd.Timestamp("2025-01-01 09:00"), pd.Timestamp("2025-01-02 10:30:00.000001")]
    answers = [Response(stamp, 9, respondent="a") for stamp in stamps]
    assert all(type(answer.at) is datetime for answer in answers)
    assert latest_per_contact(answers)["a"].at == stamps[1]
    (only,) = group(answers, kind="nps")
    assert only.period.label == "2025-01"
    assert list(frames.to_frame(answers)["at"]) == stamps
    for answer in answers:
        record = to_record(answer)
        assert record["at"] == answer.at.isoformat()
        assert from_record(record) == answer
