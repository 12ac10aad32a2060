"""The boundary checks every value class shares: each names the field it refused."""

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import HubPartnerError, _checks
from hubpartner.errors import (
    AmountTypeError,
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
)
from hubpartner.managed import EventKind
from hubpartner.surveys import Cadence
from hubpartner.tiers import Tier


@attrs.frozen
class Sample:
    """A value with one field of each kind of check."""

    name: str = attrs.field(validator=_checks.is_text)
    done: bool = attrs.field(validator=_checks.is_flag)
    on: date = attrs.field(validator=_checks.is_day)
    seats: int = attrs.field(validator=_checks.is_count)
    months: int = attrs.field(validator=_checks.is_positive_count)
    points: Decimal = attrs.field(converter=_checks.to_points)
    rate: Decimal = attrs.field(converter=_checks.to_positive)
    retention: Decimal = attrs.field(converter=_checks.to_share)
    at: datetime = attrs.field(converter=_checks.to_moment)
    month: date = attrs.field(converter=_checks.to_month)
    tags: tuple[str, ...] = attrs.field(
        converter=_checks.to_tuple, validator=_checks.each(str, "a str")
    )
    tools: frozenset[str] = attrs.field(converter=_checks.to_frozenset)
    hub: str = attrs.field(converter=_checks.to_key)
    note: str | None = attrs.field(converter=_checks.to_optional_text)
    weight: Fraction = attrs.field(converter=_checks.to_fraction)
    bonus: Decimal | None = attrs.field(default=None, converter=_checks.to_optional_points)


GOOD = {
    "name": "Acme",
    "done": False,
    "on": date(2025, 3, 1),
    "seats": 0,
    "months": 1,
    "points": "12.5",
    "rate": 3,
    "retention": "0.85",
    "at": date(2025, 3, 1),
    "month": date(2025, 3, 17),
    "tags": ["a", "b"],
    "tools": ["forms"],
    "hub": " Marketing ",
    "note": "  ",
    "weight": Fraction(1, 3),
}


def test_good_values_are_kept_or_normalised():
    sample = Sample(**GOOD)
    assert sample.points == Decimal("12.5")
    assert sample.at == datetime(2025, 3, 1)
    assert sample.month == date(2025, 3, 1)
    assert sample.tags == ("a", "b")
    assert sample.tools == frozenset({"forms"})
    assert sample.hub == "marketing"
    assert sample.note is None
    assert sample.bonus is None


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "   ", InvalidTypeError),
        ("name", 7, InvalidTypeError),
        ("done", 1, InvalidTypeError),
        ("on", datetime(2025, 3, 1), InvalidTypeError),
        ("on", "2025-03-01", InvalidTypeError),
        ("seats", -1, InvalidValueError),
        ("seats", True, InvalidTypeError),
        ("months", 0, InvalidValueError),
        ("points", "-1", InvalidAmountError),
        ("points", 0.5, AmountTypeError),
        ("points", "NaN", InvalidAmountError),
        ("rate", 0, InvalidAmountError),
        ("retention", "1.5", InvalidValueError),
        ("at", "2025-03-01", InvalidTypeError),
        ("month", datetime(2025, 3, 1), InvalidTypeError),
        ("tags", "ab", InvalidTypeError),
        ("tags", [1], InvalidTypeError),
        ("tools", 5, InvalidTypeError),
        ("hub", "", InvalidTypeError),
        ("note", 5, InvalidTypeError),
        ("weight", -1, InvalidValueError),
        ("weight", 0.5, InvalidTypeError),
        ("bonus", "-2", InvalidAmountError),
    ],
)
def test_every_refusal_names_its_field(field, value, error):
    with pytest.raises(error) as caught:
        Sample(**{**GOOD, field: value})
    assert isinstance(caught.value, HubPartnerError)
    assert caught.value.field.split("[")[0] == field


def test_each_names_the_position_of_the_item():
    with pytest.raises(InvalidTypeError) as caught:
        Sample(**{**GOOD, "tags": ["a", 2]})
    assert caught.value.field == "tags[1]"


def test_instance_of_may_allow_none():
    check = _checks.instance_of(int, "an int", optional=True)
    field = attrs.fields(Sample).seats
    check(None, field, None)
    check(None, field, 3)
    with pytest.raises(InvalidTypeError, match="seats"):
        check(None, field, "3")


def test_an_unknown_enum_value_lists_the_accepted_ones():
    with pytest.raises(InvalidValueError) as caught:
        Tier("bronze")
    assert caught.value.field == "tier"
    assert caught.value.expected == "one of 'gold', 'platinum', 'diamond', 'elite'"
    with pytest.raises(InvalidValueError, match=r"^kind: .lunch."):
        EventKind("lunch")


def test_a_bool_is_not_the_value_of_a_member():
    assert _checks.member(Cadence, 3, field="cadence") is Cadence.QUARTERLY
    with pytest.raises(InvalidValueError):
        _checks.member(Cadence, True, field="cadence")


def test_sequences_refuse_a_bare_string_rather_than_split_it():
    assert _checks.sequence(["a"], field="x") == ("a",)
    assert _checks.sequence(iter("ab"), field="x") == ("a", "b")
    with pytest.raises(InvalidTypeError):
        _checks.sequence("ab", field="x")
    with pytest.raises(InvalidTypeError):
        _checks.sequence(b"ab", field="x")


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_points_keep_their_exact_value_or_are_refused_below_zero(value):
    places = -value.as_tuple().exponent
    within = places <= _checks.MAX_POINT_PLACES and (
        value.is_zero() or value.copy_abs() < _checks.MAX_MAGNITUDE
    )
    if value >= 0 and within:
        assert _checks.at_least_zero(value, field="points") == value
        assert _checks.at_least_zero(str(value), field="points") == value
    else:  # below zero, or beyond the bounds of a number of points
        with pytest.raises(InvalidAmountError):
            _checks.at_least_zero(value, field="points")


@given(st.datetimes() | st.dates())
def test_a_moment_is_a_datetime_and_a_date_is_its_midnight(value):
    result = _checks.moment(value, field="at")
    assert isinstance(result, datetime)
    assert result.date() == (value.date() if isinstance(value, datetime) else value)
    if not isinstance(value, datetime):
        assert result.time() == datetime.min.time()
