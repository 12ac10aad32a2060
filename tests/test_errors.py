"""The error hierarchy: one root, each error also the built-in a caller expects."""

import decimal
import pickle
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import HubPartnerError, Money, errors, rules
from hubpartner.messages import message


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (errors.InvalidValueError, ValueError),
        (errors.InvalidTypeError, TypeError),
        (errors.AmountTypeError, TypeError),
        (errors.InvalidAmountError, ValueError),
        (errors.CurrencyMismatchError, ValueError),
        (errors.UnknownCurrencyError, LookupError),
        (errors.UnknownMarketError, LookupError),
        (errors.MissingRateError, LookupError),
        (errors.NoRulesInForceError, LookupError),
        (errors.RulesFileError, ValueError),
    ],
)
def test_every_error_is_a_hubpartner_error_and_its_builtin(error, builtin):
    assert issubclass(error, HubPartnerError)
    assert issubclass(error, builtin)


def test_every_public_error_is_listed_and_derives_from_the_root():
    for name in errors.__all__:
        item = getattr(errors, name)
        if isinstance(item, type) and issubclass(item, Exception):
            assert issubclass(item, HubPartnerError), name


def test_float_amount_names_field_value_and_remedy():
    with pytest.raises(errors.AmountTypeError) as caught:
        Money(0.1, "EUR")
    message = str(caught.value)
    assert "amount" in message
    assert "0.1" in message
    assert "Decimal" in message
    assert "str" in message
    assert caught.value.field == "amount"
    assert caught.value.value == 0.1


def test_bool_amount_says_bool_is_not_a_number():
    with pytest.raises(errors.AmountTypeError, match="bool, not a number"):
        Money(True, "EUR")


def test_other_type_amount_names_its_type():
    with pytest.raises(errors.AmountTypeError, match="list is not a number"):
        Money([1], "EUR")


def test_unknown_currency_names_value_and_examples():
    with pytest.raises(errors.UnknownCurrencyError) as caught:
        Money(1, "EURO")
    assert caught.value.code == "EURO"
    assert "'EURO'" in str(caught.value)
    assert "ISO 4217" in str(caught.value)


def test_missing_rate_says_how_to_supply_one():
    current = rules.for_date(date(2025, 8, 1))
    with pytest.raises(errors.MissingRateError) as caught:
        current.usd_100_in("SEK")
    assert caught.value.currency == "SEK"
    assert caught.value.effective == date(2025, 7, 15)
    assert "USD" in caught.value.listed
    assert 'with_currency("SEK"' in str(caught.value)


def test_currency_mismatch_names_both_currencies():
    with pytest.raises(errors.CurrencyMismatchError) as caught:
        Money(1, "EUR") + Money(1, "USD")
    assert (caught.value.left, caught.value.right) == ("EUR", "USD")
    assert "add" in str(caught.value)


def test_no_rules_in_force_names_date_and_first_rules():
    with pytest.raises(errors.NoRulesInForceError) as caught:
        rules.for_date(date(2022, 7, 17))
    assert caught.value.on == date(2022, 7, 17)
    assert caught.value.earliest == date(2022, 7, 18)
    assert "2022-07-17" in str(caught.value)
    assert "no points model" in str(caught.value)


def test_rules_file_error_lists_every_problem_with_source_and_key():
    problems = [errors.RulesProblem("a.b", "missing"), errors.RulesProblem("c", "bad")]
    error = errors.RulesFileError("rules.toml", problems)
    assert error.problems == tuple(problems)
    lines = str(error).splitlines()
    assert lines[0] == "rules.toml: 2 problems in rules"
    assert lines[1:] == ["rules.toml: a.b: missing", "rules.toml: c: bad"]


def test_invalid_value_error_message_shape():
    error = errors.InvalidValueError("partners", 0, "an int of at least 1")
    assert str(error) == "partners: 0 is not accepted; expected an int of at least 1"
    assert (error.field, error.value, error.expected) == ("partners", 0, "an int of at least 1")


def test_invalid_type_error_names_the_type():
    error = errors.InvalidTypeError("track", "sourced", "a Track")
    assert "of type str" in str(error)
    assert error.value == "sourced"


def test_negative_amount_is_a_value_error_naming_the_field():
    from hubpartner import Track, points

    with pytest.raises(ValueError, match="mrr"):
        points.sold_points(
            Money(Decimal(-1), "USD"),
            track=Track.SOURCED,
            market="US",
            rules=rules.for_date(date(2025, 8, 1)),
        )


@pytest.mark.parametrize(
    "error",
    [
        errors.InvalidScoreError(3, 11, "x", field="partitions[1].score[7]"),
        errors.MissingExtraError("dask", "dask", "hubpartner.dask.nps_by"),
        errors.LedgerFileError(
            "<Dask DataFrame, partition 1>", [errors.IndexProblem("r7", "mrr: no float")]
        ),
        errors.InvalidTypeError("f", 1.5, "y"),
        errors.MixedTimeZonesError("at", datetime(2025, 1, 1), datetime(2025, 1, 1, tzinfo=UTC)),
        errors.OutputFileError("out.html", "disk full"),
    ],
)
def test_an_error_pickles_to_the_same_class_message_and_attributes(error):
    # an error raised on a Dask worker travels to the caller pickled
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert vars(back) == vars(error)
    assert getattr(back, "name", None) == getattr(error, "name", None)


def test_a_decimal_is_shown_alike_whatever_the_context_says_of_capitals():
    huge, long = Decimal("1E+999999"), Decimal("1." + "1" * 300)
    with decimal.localcontext() as context:
        context.capitals = 0
        assert errors.shown(huge) == "Decimal('1E+999999')"
        shortened = errors.shown(long)
        refused = errors.InvalidValueError("weight", huge, "a number")
        many = errors.shown([Decimal("1E+5")] * 50)
    assert shortened == errors.shown(long)
    assert shortened.startswith("Decimal('1.111")
    assert len(shortened) <= errors.SHOWN_CHARACTERS
    assert "Decimal('1E+999999')" in str(refused)
    assert many.startswith("[Decimal('1E+5'), Decimal('1E+5'),")
    assert many.endswith(", ...]")


# -- names in messages -----------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda name: errors.InvalidValueError(name, 1, message("x")),
        lambda name: errors.InvalidTypeError(name, 1, message("x")),
        lambda name: errors.AmountTypeError(name, 0.5),
    ],
)
@given(
    name=st.text(max_size=5)
    | st.builds(lambda c, n: c * n, st.characters(), st.integers(0, 10**5))
)
def test_an_error_names_its_field_shortened_and_escaped_and_keeps_it_whole(make, name):
    error = make(name)
    assert error.field == name
    said = str(error)
    assert len(said) < errors.LONGEST_NAME + errors.SHOWN_CHARACTERS + 200
    if len(name) <= errors.LONGEST_NAME and name.isprintable():
        assert said.startswith(f"{name}: ")
    else:
        assert said.startswith(f"{errors.as_written(name)}: ")
        assert "\x1b" not in said
        assert "\n" not in said


def test_a_file_named_by_a_long_or_unprintable_source_is_named_shortened_in_each_line():
    for source in ["s" * 10**6, "rules\x1b[2J.toml"]:
        with pytest.raises(errors.RulesFileError) as raised:
            rules.loads("x", source=source)
        error = raised.value
        assert error.source == source
        assert all(len(line) < 800 and "\x1b" not in line for line in error.lines)
        assert len(str(error)) < 1600
        assert "\x1b" not in str(error)
    # a name that is short and printable is written as it is, translated alike
    error = errors.InvalidValueError("counts[7]", -1, message("a count"))
    assert str(error) == "counts[7]: -1 is not accepted; expected a count"
    assert error.say("sv").startswith("counts[7]: -1 ")


def test_a_library_refusal_with_a_huge_key_in_its_field_is_short():
    from hubpartner.surveys import CesTally

    with pytest.raises(errors.InvalidValueError) as raised:
        CesTally.from_counts({Decimal("3." + "0" * 10**5): -1})
    assert len(str(raised.value)) < 600


def test_a_fraction_too_long_to_write_is_shown_by_the_size_of_its_parts():
    from fractions import Fraction

    assert errors.shown(Fraction(1, 10**5000)) == "Fraction(1, <an int of about 5001 digits>)"
    assert (
        errors.shown(Fraction(-(10**300), 7))
        == "Fraction(<a negative int of about 301 digits>, 7)"
    )
    assert errors.shown(Fraction(1, 3)) == "Fraction(1, 3)"
