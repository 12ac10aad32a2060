"""Exact arithmetic, strict conversion and rounding policies."""

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import decimals
from hubpartner.decimals import (
    DIVISION_PRECISION,
    Rounding,
    RoundingPolicy,
    divide,
    exact_context,
    from_fraction,
    presentation_context,
    to_decimal,
)
from hubpartner.errors import (
    AmountTypeError,
    HubPartnerError,
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
)
from hubpartner.messages import translate

from .expansions import expansion
from .refusals import refused
from .strategies import NOT_AMOUNTS, rounding_policies


@pytest.mark.parametrize(
    ("given_value", "expected"),
    [
        (Decimal("1.50"), Decimal("1.50")),
        (7, Decimal(7)),
        ("62.50", Decimal("62.50")),
        (" 1000 ", Decimal(1000)),
        ("-3", Decimal(-3)),
        ("1E+3", Decimal(1000)),
    ],
)
def test_to_decimal_accepts_decimal_int_and_numeric_str(given_value, expected):
    result = to_decimal(given_value, field="x")
    assert isinstance(result, Decimal)
    assert result == expected


@given(NOT_AMOUNTS)
def test_to_decimal_refuses_floats_bools_nan_and_infinities(value):
    with pytest.raises((AmountTypeError, InvalidAmountError)) as caught:
        to_decimal(value, field="amount")
    assert caught.value.field == "amount"


def test_float_error_is_a_type_error_and_nan_a_value_error():
    with pytest.raises(TypeError):
        to_decimal(1.5, field="amount")
    with pytest.raises(ValueError, match="finite"):
        to_decimal(Decimal("NaN"), field="amount")


def test_divide_keeps_forty_significant_digits():
    assert DIVISION_PRECISION == 40
    result = divide(Decimal(1000), Decimal(88))
    assert len(result.as_tuple().digits) == 40
    assert abs(result * 88 - 1000) < Decimal("1e-36")


def test_divide_is_exact_when_the_quotient_terminates():
    assert divide(Decimal("1000"), Decimal("62.50")) == 16
    assert exact_context().multiply(divide(Decimal(1), Decimal(3)), Decimal(3)) != 1


def test_exact_context_refuses_to_round():
    ctx = exact_context()
    big = Decimal("1" + "0" * 80 + "1")
    assert ctx.add(big, big) == Decimal("2" + "0" * 80 + "2")
    with pytest.raises(decimal.Inexact):
        ctx.quantize(Decimal("1.25"), Decimal("0.1"))


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        (Rounding.HALF_UP, "2.345", "2.35"),
        (Rounding.HALF_EVEN, "2.345", "2.34"),
        (Rounding.HALF_DOWN, "2.345", "2.34"),
        (Rounding.UP, "2.341", "2.35"),
        (Rounding.DOWN, "2.349", "2.34"),
        (Rounding.CEILING, "-2.349", "-2.34"),
        (Rounding.FLOOR, "-2.341", "-2.35"),
    ],
)
def test_rounding_modes(mode, value, expected):
    assert RoundingPolicy(2, mode).apply(Decimal(value)) == Decimal(expected)


def test_policy_accepts_mode_names_and_says_its_name():
    policy = RoundingPolicy(places=1, mode="half-even")
    assert policy.mode is Rounding.HALF_EVEN
    assert policy.name == "half-even to 1 place"
    assert policy.unit == Decimal("0.1")
    assert policy.with_places(0).name == "half-even to 0 places"


@pytest.mark.parametrize("places", [-1, 19, True, 1.0, "2"])
def test_policy_refuses_bad_places(places):
    with pytest.raises((InvalidValueError, TypeError)):
        RoundingPolicy(places, Rounding.HALF_UP)


def test_policy_refuses_unknown_mode():
    with pytest.raises(InvalidValueError, match="half-up"):
        RoundingPolicy(2, "bankers")


@given(rounding_policies(), st.decimals(allow_nan=False, allow_infinity=False, places=8))
def test_rounding_moves_a_value_by_less_than_one_unit(policy, value):
    rounded = policy.apply(value)
    assert abs(rounded - value) < policy.unit
    assert rounded.as_tuple().exponent == -policy.places


@given(rounding_policies(), st.decimals(allow_nan=False, allow_infinity=False, places=8))
def test_rounding_is_idempotent(policy, value):
    once = policy.apply(value)
    assert policy.apply(once) == once


def test_rounding_ignores_a_tiny_global_context():
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert RoundingPolicy(2, Rounding.HALF_UP).apply(Decimal("123456.785")) == Decimal(
            "123456.79"
        )
        assert divide(Decimal(1000), Decimal(88)) == Decimal(
            "11.36363636363636363636363636363636363636"
        )


@pytest.mark.parametrize("mode", [2, None, "HALF_UP", "half up"])
def test_unknown_mode_names_are_refused_with_the_accepted_names(mode):
    with pytest.raises(InvalidValueError, match="'half-up'"):
        Rounding.from_name(mode)


FRACTIONS = st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**9)


@given(rounding_policies(), FRACTIONS)
def test_fractions_round_exactly_like_their_exact_decimal_expansion(policy, value):
    # a denominator of at most 10**6 and 60 digits leave no doubt about the tie
    with decimal.localcontext(decimal.Context(prec=60)):
        expanded = Decimal(value.numerator) / Decimal(value.denominator)
    if value * 10**policy.places * 2 % 1 == 0:  # an exact tie or an exact value
        expanded = Decimal(value.numerator * 10**policy.places) / value.denominator
        expanded = expanded.scaleb(-policy.places)
    assert policy.apply(value) == policy.apply(expanded)


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        (Rounding.HALF_UP, Fraction(29, 2), "15"),
        (Rounding.HALF_UP, Fraction(-29, 2), "-15"),
        (Rounding.HALF_EVEN, Fraction(29, 2), "14"),
        (Rounding.HALF_DOWN, Fraction(29, 2), "14"),
        (Rounding.FLOOR, Fraction(-1, 3), "-1"),
        (Rounding.CEILING, Fraction(-1, 3), "0"),
        (Rounding.DOWN, Fraction(-2, 3), "0"),
        (Rounding.UP, Fraction(1, 10**9), "1"),
        (Rounding.HALF_UP, Fraction(100, 7), "14"),
        (Rounding.HALF_UP, 7, "7"),
    ],
)
def test_fraction_rounding_modes(mode, value, expected):
    assert RoundingPolicy(0, mode).apply(value) == Decimal(expected)


@pytest.mark.parametrize("value", [True, 1.5, "2"])
def test_rounding_refuses_other_types(value):
    with pytest.raises(TypeError):
        RoundingPolicy(0, Rounding.HALF_UP).apply(value)


# -- one conversion from an exact fraction ---------------------------------------------


def terminates(value):
    """Whether ``value``'s decimal expansion ends: its denominator has no prime factor
    other than 2 and 5."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(125, 2), "62.5"),
        (Fraction(50), "50"),
        (Fraction(0), "0"),
        (Fraction(-1, 8), "-0.125"),
        (7, "7"),
        (Fraction(1000, 88), "11.36363636363636363636363636363636363636"),
        (Fraction(2, 3), "0.6666666666666666666666666666666666666667"),
        # terminating, with more digits than a division keeps: still exact
        (Fraction(10**45 + 1, 2), "5" + "0" * 44 + ".5"),
        (Fraction(1, 2**50), "0.00000000000000088817841970012523233890533447265625"),
    ],
)
def test_from_fraction_is_exact_when_the_expansion_terminates(value, expected):
    with decimal.localcontext(decimal.Context(prec=200)):
        wanted = Decimal(expected)
    assert str(from_fraction(value)) == str(wanted)


@given(st.fractions(max_denominator=10**12).filter(lambda f: abs(f) < 10**30))
def test_from_fraction_is_exact_or_correctly_rounded_to_forty_digits(value):
    result = from_fraction(value)
    if terminates(value):
        assert Fraction(result) == value
    else:
        digits = result.as_tuple()
        assert len(digits.digits) == DIVISION_PRECISION
        unit = Fraction(10) ** digits.exponent
        assert abs(Fraction(result) - value) <= unit / 2


@given(st.fractions(max_denominator=10**6))
def test_from_fraction_ignores_the_global_context(value):
    expected = from_fraction(value)
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        assert from_fraction(value) == expected


@pytest.mark.parametrize("value", [1.5, True, Decimal(1), "1/2"])
def test_from_fraction_refuses_what_is_not_a_fraction_or_int(value):
    with pytest.raises(TypeError):
        from_fraction(value)


def test_divide_follows_the_same_rule():
    # a terminating quotient longer than forty digits is kept whole
    assert divide(Decimal(10**45 + 1), Decimal(2)) == Fraction(10**45 + 1, 2)
    assert divide(Decimal(1000), Decimal(88)) == from_fraction(Fraction(1000, 88))


# -- what mutation testing asked for (docs/testing.md) ----------------------------------


@pytest.fixture
def odd_decimal_defaults():
    """The decimal module's defaults (from which every new context is made) changed to
    a narrow, truncating context, and restored afterwards."""
    defaults = decimal.DefaultContext
    saved = defaults.prec, defaults.rounding, defaults.Emax, defaults.Emin
    defaults.prec, defaults.rounding, defaults.Emax, defaults.Emin = 5, decimal.ROUND_DOWN, 9, -9
    try:
        yield
    finally:
        defaults.prec, defaults.rounding, defaults.Emax, defaults.Emin = saved


def test_the_presentation_context_fits_the_value_whatever_the_defaults(odd_decimal_defaults):
    short = presentation_context(Decimal("1.5"))
    assert (short.prec, short.rounding) == (DIVISION_PRECISION, decimal.ROUND_HALF_EVEN)
    long = presentation_context(Decimal("123456789012345.1234567890"))  # 25 digits
    assert (long.prec, long.rounding) == (45, decimal.ROUND_HALF_EVEN)


def test_exact_arithmetic_reaches_the_platform_limits_whatever_the_defaults(
    odd_decimal_defaults,
):
    exact = exact_context()
    assert exact.add(Decimal("1E+20"), Decimal("1E-20")) == Decimal(
        "100000000000000000000.00000000000000000001"
    )
    assert exact.multiply(Decimal("1E+500000"), Decimal("1E+500000")) == Decimal("1E+1000000")
    assert exact.multiply(Decimal("1E-500000"), Decimal("1E-500000")) == Decimal("1E-1000000")


def test_divisions_round_half_even_to_forty_digits_whatever_the_defaults(odd_decimal_defaults):
    assert divide(Decimal(2), Decimal(3)) == Decimal("0." + "6" * 39 + "7")
    assert divide(Decimal("1E+20"), Decimal(3)) == Decimal("3" * 20 + "." + "3" * 20)
    assert from_fraction(Fraction(10**20, 3)) == divide(Decimal("1E+20"), Decimal(3))
    assert from_fraction(Fraction(1, 3 * 10**20)) == Decimal("3" * 40 + "E-60")


@given(
    st.integers(-(10**80), 10**80),
    st.integers(0, 70),
    st.integers(0, 70),
)
def test_a_terminating_fraction_of_many_digits_is_converted_exactly(numerator, twos, fives):
    value = Fraction(numerator, 2**twos * 5**fives)
    assert Fraction(from_fraction(value)) == value


@pytest.mark.parametrize("value", [1.5, Decimal("1.5"), "1", True, None])
def test_from_fraction_names_what_it_refuses(value):
    with refused(InvalidTypeError, "value", value, "a Fraction or an int"):
        from_fraction(value)


@pytest.mark.parametrize("value", [1.5, "1.5", True, None])
def test_a_policy_names_the_value_it_cannot_round(value):
    with refused(InvalidTypeError, "value", value, "a Decimal, a Fraction or an int"):
        RoundingPolicy(2, Rounding.HALF_UP).apply(value)


@pytest.mark.parametrize(
    ("places", "error", "expected"),
    [
        (1.0, InvalidTypeError, "an int number of decimal places"),
        (True, InvalidTypeError, "an int number of decimal places"),
        (-1, InvalidValueError, "a number of decimal places from 0 to 18"),
        (19, InvalidValueError, "a number of decimal places from 0 to 18"),
    ],
)
def test_a_policy_names_the_places_it_refuses(places, error, expected):
    with refused(error, "places", places, expected):
        RoundingPolicy(places, Rounding.HALF_UP)


def test_a_policy_rounds_to_as_many_as_eighteen_places():
    policy = RoundingPolicy(18, Rounding.HALF_UP)
    assert policy.apply(Decimal("0.1234567890123456785")) == Decimal("0.123456789012345679")


def test_a_mode_name_that_is_not_a_mode_is_named_with_its_field():
    with refused(InvalidValueError, "mode", "bankers"):
        Rounding.from_name("bankers")
    with refused(InvalidValueError, "rounding", "bankers"):
        Rounding.from_name("bankers", field="rounding")


@pytest.mark.parametrize(
    ("numerator", "denominator", "field"),
    [
        (Decimal(1), Decimal(0), "denominator"),
        (1.5, Decimal(2), "numerator"),
        (Decimal(1), Decimal("NaN"), "denominator"),
        (Decimal(1), "x", "denominator"),
    ],
)
def test_divide_refuses_what_is_not_a_finite_number_and_a_zero_divisor(
    numerator, denominator, field
):
    with pytest.raises(HubPartnerError) as caught:
        divide(numerator, denominator)
    assert caught.value.field == field


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity")])
def test_a_policy_refuses_to_round_what_is_not_a_finite_number(value):
    with pytest.raises(InvalidValueError) as caught:
        RoundingPolicy(2, Rounding.HALF_UP).apply(value)
    assert caught.value.field == "value"


def test_dividing_by_zero_is_named():
    with refused(InvalidValueError, "denominator", Decimal(0), "a Decimal other than 0"):
        divide(Decimal(1), Decimal(0))


@pytest.mark.parametrize(
    ("value", "error", "expected"),
    [
        (1.5, InvalidTypeError, "a Decimal"),
        (Decimal("Infinity"), InvalidValueError, "a finite Decimal"),
    ],
)
def test_dividing_what_is_no_finite_decimal_is_named(value, error, expected):
    with refused(error, "numerator", value, expected):
        divide(value, Decimal(3))


def test_a_fraction_of_a_thousand_digits_is_the_most_that_is_converted():
    largest = 10**1000 - 1
    assert Fraction(from_fraction(Fraction(largest, 2))) == Fraction(largest, 2)
    assert Fraction(from_fraction(Fraction(-largest, 5))) == Fraction(-largest, 5)
    expected = "a value whose numerator and denominator have at most 1,000 digits"
    for value in (Fraction(10**1000, 3), Fraction(1, 10**1000)):
        with refused(InvalidValueError, "value", value, expected):
            from_fraction(value)


# -- said in every language -------------------------------------------------------------


def test_a_policy_says_one_place_and_many_in_english():
    assert RoundingPolicy(1, Rounding.HALF_UP).name == "half-up to 1 place"
    assert RoundingPolicy(2, Rounding.HALF_EVEN).name == "half-even to 2 places"
    assert RoundingPolicy(0, Rounding.FLOOR).describe() == "floor to 0 places"


def test_a_policy_and_its_mode_are_said_in_swedish_and_italian():
    one, two = RoundingPolicy(1, Rounding.HALF_UP), RoundingPolicy(2, Rounding.HALF_UP)
    assert one.describe("sv") == "halvt uppåt till 1 decimal"
    assert two.describe("sv_SE.UTF-8") == "halvt uppåt till 2 decimaler"
    assert one.describe("it") == "metà per eccesso a 1 decimale"
    assert two.describe("it-IT") == "metà per eccesso a 2 decimali"
    assert two.describe("en") == two.name == "half-up to 2 places"
    # every mode has a name of its own in every language
    for language in ("sv", "it"):
        labels = {translate(mode.label, language) for mode in Rounding}
        assert len(labels) == len(Rounding)
        assert not labels & {mode.value for mode in Rounding}


def test_a_refusal_of_decimals_is_said_in_swedish_and_italian():
    with pytest.raises(InvalidValueError) as caught:
        divide(Decimal(1), Decimal(0))
    assert "ett Decimal annat än 0" in caught.value.say("sv")
    assert "un Decimal diverso da 0" in caught.value.say("it")
    with pytest.raises(InvalidValueError) as places:
        RoundingPolicy(19, Rounding.HALF_UP)
    assert "ett antal decimaler från 0 till 18" in places.value.say("sv")


@given(
    st.integers(-(10**60), 10**60),
    st.integers(0, 80),
    st.integers(0, 80),
    st.sampled_from([1, 1, 3, 7, 11, 88, 10**9 + 7]),
)
def test_a_fraction_in_lowest_terms_converts_by_the_rule(numerator, twos, fives, other):
    value = Fraction(numerator, 2**twos * 5**fives * other)
    for result in (
        decimals.fraction_decimal(value.numerator, value.denominator),
        from_fraction(value),
    ):
        assert result == expansion(value)
        assert str(result) == str(expansion(value))


def test_an_exact_context_is_fresh_however_the_library_computed_before():
    with pytest.raises(decimal.Inexact):
        decimals.EXACT.quantize(Decimal("1.5"), Decimal(1))
    first, second = exact_context(), exact_context()
    assert first is not second
    assert not any(first.flags.values())
    first.traps[decimal.Inexact] = False
    assert exact_context().traps[decimal.Inexact]
