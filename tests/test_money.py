"""Money: exact amounts, ISO 4217 currencies from CLDR, no implicit conversion."""

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, Rounding, markets, money
from hubpartner.decimals import exact_context
from hubpartner.errors import (
    AmountTypeError,
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidTypeError,
    NotMoneyError,
    UnknownCurrencyError,
    UnknownCurrencyNameError,
)
from hubpartner.markets import market_code
from hubpartner.money import NOT_MONEY, currency_code, minor_units

from .refusals import refused
from .strategies import NOT_AMOUNTS, amounts


def test_amount_is_kept_exactly_as_a_decimal():
    assert Money("62.50", "GBP").amount == Decimal("62.50")
    assert str(Money("62.50", "GBP").amount) == "62.50"
    assert Money(1000, "USD").amount == Decimal(1000)
    assert Money(Decimal("0.001"), "USD").amount == Decimal("0.001")


def test_currency_is_normalised_to_upper_case():
    assert Money(1, "eur").currency == "EUR"
    assert currency_code(" sek ") == "SEK"


@given(NOT_AMOUNTS)
def test_floats_bools_nan_and_infinities_are_refused(value):
    with pytest.raises((AmountTypeError, InvalidAmountError)):
        Money(value, "EUR")


@pytest.mark.parametrize("code", ["EURO", "XYZ", "", "E", "US$"])
def test_unknown_currency_codes_are_refused(code):
    with pytest.raises(UnknownCurrencyError):
        Money(1, code)


def test_non_string_currency_is_a_type_error():
    with pytest.raises(InvalidTypeError):
        Money(1, 978)


def test_minor_units_come_from_cldr():
    assert minor_units("EUR") == 2
    assert minor_units("JPY") == 0
    assert minor_units("BHD") == 3
    assert Money(1, "JPY").minor_units == 0


def test_same_currency_arithmetic():
    assert Money("1.10", "EUR") + Money("2.20", "EUR") == Money("3.30", "EUR")
    assert Money("1.10", "EUR") - Money("2.20", "EUR") == Money("-1.10", "EUR")
    assert -Money("1.10", "EUR") == Money("-1.10", "EUR")
    assert Money.zero("JPY") == Money(0, "JPY")


def test_same_currency_comparison():
    small, large = Money(1, "EUR"), Money(2, "EUR")
    assert small < large
    assert small <= large
    assert large > small
    assert large >= small
    assert small <= Money("1.00", "EUR")
    assert max([small, large]) == large


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_mixing_currencies_is_an_error_never_a_conversion(operation):
    with pytest.raises(CurrencyMismatchError):
        operation(Money(1, "EUR"), Money(1, "USD"))


def test_different_currencies_are_simply_unequal():
    assert Money(1, "EUR") != Money(1, "USD")


@pytest.mark.parametrize("other", [1, Decimal(1), "EUR 1", None])
def test_foreign_types_are_not_implemented(other):
    money = Money(1, "EUR")
    assert money.__add__(other) is NotImplemented
    assert money.__sub__(other) is NotImplemented
    assert money.__lt__(other) is NotImplemented
    assert money.__le__(other) is NotImplemented
    assert money.__gt__(other) is NotImplemented
    assert money.__ge__(other) is NotImplemented
    assert money != other
    with pytest.raises(TypeError):
        money + other  # type: ignore[operator]


def test_str_is_canonical_and_locale_free():
    assert str(Money("1000.5", "EUR")) == "EUR 1000.5"
    assert str(Money(Decimal("1E+3"), "JPY")) == "JPY 1000"


def test_quantized_rounds_to_the_minor_unit_by_a_named_mode():
    assert Money("199.995", "EUR").quantized() == Money("200.00", "EUR")
    assert Money("199.995", "EUR").quantized(Rounding.DOWN) == Money("199.99", "EUR")
    assert Money("1234.5", "JPY").quantized() == Money("1235", "JPY")
    assert Money("1234.5", "JPY").quantized(Rounding.HALF_EVEN) == Money("1234", "JPY")


def test_format_uses_cldr_for_the_locale():
    assert Money("1234.5", "EUR").format("de_DE") == "1.234,50\xa0€"
    assert Money("1234.5", "EUR").format("en_US") == "€1,234.50"
    assert Money("1234.5", "USD").format("sv_SE") == "1\xa0234,50\xa0US$"
    assert Money("1234.5", "JPY").format("ja_JP") == "￥1,235"


def test_format_ignores_a_tiny_global_context():
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert Money("123456789.5", "EUR").format("de_DE") == "123.456.789,50\xa0€"


@given(amounts(), amounts(), amounts())
def test_addition_is_exact_associative_and_commutative(a, b, c):
    x, y, z = Money(a, "EUR"), Money(b, "EUR"), Money(c, "EUR")
    assert (x + y) + z == x + (y + z)
    assert x + y == y + x
    assert x + Money.zero("EUR") == x
    assert (x + y) - y == x


#: Amounts within Money's bounds whose sums and differences stay within them too.
FINITE = st.decimals(
    min_value=-(10**14), max_value=10**14, places=10, allow_nan=False, allow_infinity=False
)


@given(FINITE, FINITE)
def test_arithmetic_ignores_a_tiny_global_context(a, b):
    exact = exact_context()
    total, difference = exact.add(a, b), exact.subtract(a, b)
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert (Money(a, "USD") + Money(b, "USD")).amount == total
        assert (Money(a, "USD") - Money(b, "USD")).amount == difference


@given(amounts(), st.sampled_from(["EUR", "USD", "JPY"]))
def test_equal_values_hash_equal(amount, currency):
    assert hash(Money(amount, currency)) == hash(Money(str(amount), currency.lower()))


# -- what mutation testing asked for (docs/testing.md) ------------------------------


def test_equal_amounts_compare_as_equal_not_as_smaller_or_larger():
    one, same = Money(1, "EUR"), Money("1.00", "EUR")
    assert not one < same
    assert one <= same
    assert not one > same
    assert one >= same


@pytest.mark.parametrize(
    ("operation", "name"),
    [
        (lambda a, b: a + b, "add"),
        (lambda a, b: a - b, "subtract"),
        (lambda a, b: a < b, "compare"),
        (lambda a, b: a <= b, "compare"),
        (lambda a, b: a > b, "compare"),
        (lambda a, b: a >= b, "compare"),
    ],
)
def test_a_currency_mismatch_names_the_operation_and_both_currencies(operation, name):
    with pytest.raises(CurrencyMismatchError) as caught:
        operation(Money(1, "EUR"), Money(1, "USD"))
    error = caught.value
    assert (error.field, error.value, error.operation) == ("currency", "USD", name)
    assert (error.left, error.right) == ("EUR", "USD")


def test_a_refused_currency_is_named_by_the_field_asked():
    with refused(InvalidTypeError, "currency", 978, "a three-letter ISO 4217 code as a str"):
        Money(1, 978)
    with refused(UnknownCurrencyError, "currency", "EURO"):
        Money(1, "EURO")
    with refused(UnknownCurrencyError, "currencies", "XYZ"):
        currency_code("XYZ", field="currencies")
    with refused(InvalidTypeError, "currencies", None):
        currency_code(None, field="currencies")


def test_a_code_that_is_no_money_is_named_by_the_field_asked():
    with refused(NotMoneyError, "currencies", "XXX"):
        currency_code("XXX", field="currencies")


# -- currencies by name (issue 12) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "locale", "code"),
    [
        ("svensk krona", "sv", "SEK"),
        ("svenska kronor", "sv", "SEK"),  # the name for several
        ("norske kroner", "nb", "NOK"),
        ("Euro", "it", "EUR"),
        ("Schweizer Franken", "de", "CHF"),
        ("日本円", "ja", "JPY"),
        ("SVENSK KRONA", "en", "SEK"),  # any language hubpartner speaks, any case
        ("dolar estadounidense", "es", "USD"),  # without its accent
        ("sek", "sv", "SEK"),
    ],
)
def test_a_currency_may_be_given_by_its_name_where_a_locale_is(name, locale, code):
    assert currency_code(name, locale=locale) == code


def test_without_a_locale_only_codes_are_currencies():
    with pytest.raises(UnknownCurrencyError) as caught:
        currency_code("euro")
    assert not isinstance(caught.value, UnknownCurrencyNameError)


def test_an_unknown_currency_name_suggests_the_closest_codes():
    with pytest.raises(UnknownCurrencyNameError) as caught:
        currency_code("svenska kronr", locale="sv", field="currency")
    assert caught.value.suggestions[0] == ("SEK", "svensk krona")
    assert "did you mean SEK (svensk krona)" in str(caught.value)
    with pytest.raises(UnknownCurrencyNameError, match="such as 'SEK'"):
        currency_code("qqqqqqqq", locale="sv")


def test_a_name_of_something_that_is_not_money_is_refused_as_such():
    with pytest.raises(NotMoneyError, match="gold"):
        currency_code("guld", locale="sv")
    with pytest.raises(UnknownCurrencyNameError) as caught:
        currency_code("gulld", locale="sv")
    assert all(code not in NOT_MONEY for code, _ in caught.value.suggestions)


def test_a_name_two_currencies_share_names_neither():
    with pytest.raises(UnknownCurrencyNameError) as caught:
        currency_code("córdoba nicaragüense", locale="es")
    assert {code for code, _ in caught.value.suggestions} == {"NIC", "NIO"}


@pytest.mark.parametrize(
    ("read", "module", "known", "unknown"),
    [
        (currency_code, money, " eur ", "EURO"),
        (market_code, markets, " de ", "Germany"),
    ],
)
def test_codes_are_read_once_per_spelling_in_a_bounded_cache(read, module, known, unknown):
    reader = module._currency_of if module is money else module._country_of
    assert reader.cache_info().maxsize == module.CODES_KEPT == 1024
    for _ in range(2):  # a spelling read before is checked as strictly as a new one
        assert read(known) == known.strip().upper()
        with pytest.raises(LookupError):
            read(unknown)
        with pytest.raises(InvalidTypeError):
            read(42)


@pytest.mark.parametrize("written", ["\u0131NR", "\u0131nr", "EU\u211d", "\uff25\uff35\uff32"])
def test_a_code_with_a_letter_outside_ascii_is_no_code_even_if_it_upper_cases_to_one(written):
    # the dotless i upper-cases to I, and full-width letters look like ASCII ones
    assert written.upper() in {"INR", "EU\u211d", "\uff25\uff35\uff32"}
    with pytest.raises(UnknownCurrencyError):
        Money("5", written)
