"""The command line's number options: read as files read numbers, in the locale the
run speaks (its form or the plain one), never two ways, never with an exponent, and
refused naming the option with the value as typed."""

import argparse
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner.cli import build_parser
from hubpartner.cli._language import UsageError
from hubpartner.cli._options import InLocale, non_negative, points, quoted
from hubpartner.present import SUPPORTED, Presenter

from .helpers import EXAMPLES

THRESHOLDS = EXAMPLES / "thresholds.toml"
PORTFOLIO = EXAMPLES / "portfolio.csv"
NPS = EXAMPLES / "nps-responses.csv"
CONVERT = "points convert --currency EUR --market DE --track sourced --date 2025-08-01"
ESTIMATE = "points estimate --amount 1000 --currency EUR --market DE --date 2025-08-01"
EVALUATE = f"tiers evaluate --thresholds {THRESHOLDS}"

#: Each number option: the command it is given to (before it), and the attribute it
#: sets.
OPTIONS = {
    "--amount": (CONVERT, "amount"),
    "--points": (CONVERT, "points"),
    "--sourced": (EVALUATE, "sourced"),
    "--sold": (EVALUATE, "sold"),
    "--assisted": (EVALUATE, "assisted"),
    "--managed": (EVALUATE, "managed"),
    "--customer-retention": (EVALUATE, "customer_retention"),
    "--dollar-retention": (EVALUATE, "dollar_retention"),
    "--activities": (EVALUATE, "activities"),
    "--certifications": (EVALUATE, "certifications"),
    "--other-partners": (f"{ESTIMATE} --manage", "other_partners"),
    "--confidence": (f"surveys nps {NPS}", "confidence"),
    "--min-count": (f"surveys nps {NPS}", "min_count"),
    "--renewals-within": (f"clients {PORTFOLIO}", "renewals_within"),
}


def parsed(locale, option, text):
    """The value ``option`` (a key of :data:`OPTIONS`) takes from ``text`` in a run
    that speaks ``locale``."""
    command, dest = OPTIONS[option]
    parser = build_parser(Presenter(locale), lazy=True)
    return getattr(parser.parse_args([*command.split(), option, text]), dest)


def refusal(locale, option, text):
    """What a run in ``locale`` says when ``option`` is given ``text`` (it must be
    refused)."""
    with pytest.raises(UsageError) as refused:
        parsed(locale, option, text)
    return str(refused.value)


@pytest.mark.parametrize(
    ("locale", "option", "text", "expected"),
    [
        ("it", "--amount", "1.000,00", Decimal("1000.00")),
        ("it", "--amount", "1.234.567,5", Decimal("1234567.5")),
        ("it", "--amount", "1234.5", Decimal("1234.5")),
        ("de", "--points", "62,5", Decimal("62.5")),
        ("sv", "--points", "1 000,50", Decimal("1000.50")),
        ("sv", "--points", "1\xa0000,50", Decimal("1000.50")),
        ("fr", "--points", "1\u202f000,5", Decimal("1000.5")),
        ("en", "--amount", "1,000.5", Decimal("1000.5")),
        ("en", "--amount", "1,000", Decimal("1000")),
        ("it", "--sourced", "1.000,5", Decimal("1000.5")),
        ("nb", "--sold", "1 290,50", Decimal("1290.50")),
        ("it", "--assisted", "0,25", Decimal("0.25")),
        ("de", "--managed", "12.345,678", Decimal("12345.678")),
        ("it", "--customer-retention", "0,9", Decimal("0.9")),
        ("sv", "--dollar-retention", "0,85", Decimal("0.85")),
        ("sv", "--dollar-retention", "1", Decimal("1")),
        ("it", "--confidence", "0,9", 0.9),
        ("sv", "--confidence", "0.99", 0.99),
        ("it", "--min-count", "1.000", 1000),  # a count has no decimals: a thousand
        ("en", "--renewals-within", "1,000", 1000),
        ("sv", "--activities", "1 200", 1200),
        ("de", "--certifications", "120", 120),
        ("it", "--other-partners", "2", 2),
    ],
)
def test_a_number_option_reads_the_locales_form_and_the_plain_one(locale, option, text, expected):
    assert parsed(locale, option, text) == expected


@given(
    locale=st.sampled_from(SUPPORTED),
    places=st.sampled_from([1, 2, 4, 6]),
    units=st.integers(min_value=0, max_value=10**15 - 1),
    fraction=st.integers(min_value=0, max_value=999_999),
)
def test_a_number_the_locale_writes_with_its_decimals_reads_back_exactly(
    locale, places, units, fraction
):
    # '1,000' (three decimals, a comma) also reads as a thousand: see the test below
    value = Decimal(units) + Decimal(fraction % 10**places).scaleb(-places)
    written = Presenter(locale).number(value, places=places)
    assert parsed(locale, "--amount", written) == value
    assert parsed(locale, "--points", written) == value


@given(locale=st.sampled_from(SUPPORTED), count=st.integers(min_value=0, max_value=10**9))
def test_a_count_the_locale_writes_reads_back_exactly(locale, count):
    assert parsed(locale, "--min-count", Presenter(locale).number(count)) == count


@pytest.mark.parametrize(
    ("locale", "option", "text"),
    [
        ("it", "--amount", "1.000"),
        ("de", "--points", "2.500"),
        ("sv", "--points", "1,000"),
        ("it", "--sourced", "1.000"),
        ("it", "--assisted", "10.000"),
        ("nb", "--managed", "1,250"),
        ("sv", "--customer-retention", "1,000"),
        ("sv", "--confidence", "0,950"),
    ],
)
def test_a_number_that_reads_two_ways_is_refused_naming_the_option(locale, option, text):
    assert refusal(locale, option, text) == (
        f"{option}: '{text}' is not accepted; expected a number that reads one way only; "
        f"'{text}' reads two ways in {locale}: write it with its decimals "
        f"(as {Presenter(locale).number(1000, places=2)}) or without a group mark"
    )


def test_a_number_not_written_as_the_locale_writes_it_is_refused_naming_the_option():
    assert refusal("en", "--points", "1,5") == (
        "--points: '1,5' is not accepted; expected a number written as in en, such as "
        "1,234.5, or as 1234.5"
    )


@pytest.mark.parametrize("option", sorted(OPTIONS))
@pytest.mark.parametrize("text", ["1e3", "1E3", "1e-3", "1_000", "\u0661\u0660", "inf", "nan"])
def test_an_exponent_and_other_ways_to_write_a_number_are_refused(option, text):
    said = refusal("en", option, text)
    assert said.startswith(f"argument {option}: {text!r} is not a")


@pytest.mark.parametrize(
    ("option", "text", "expected"),
    [
        ("--amount", "1000000000000000", "a number below 10^15 in magnitude"),
        ("--points", "0." + "0" * 100 + "1", "a number with at most 100 decimal places"),
        ("--sourced", "9999999999999999.5", "a number below 10^15 in magnitude"),
        ("--customer-retention", "0.12345678901", "a number with at most 10 decimal places"),
    ],
)
def test_a_number_beyond_the_bounds_is_refused_naming_the_option_as_typed(option, text, expected):
    assert refusal("en", option, text) == (
        f"{option}: {quoted(text)} is not accepted; expected {expected}"
    )


@pytest.mark.parametrize(
    ("option", "text", "what"),
    [
        ("--amount", "-1", "is not an amount of 0 or more"),
        ("--points", "-0.5", "is not a number of points of 0 or more"),
        ("--customer-retention", "1.5", "is not a share from 0 to 1"),
        ("--min-count", "1.5", "is not a whole number from 0 to 1,000,000,000"),
        ("--min-count", "1000000001", "is not a whole number from 0 to 1,000,000,000"),
    ],
)
def test_a_number_the_option_does_not_take_is_refused_in_the_options_words(option, text, what):
    assert refusal("en", option, text).startswith(f"argument {option}: {text!r} {what}")


def test_a_count_that_reads_two_ways_is_refused_in_the_options_words():
    assert refusal("sv", "--min-count", "1,000") == (
        "argument --min-count: '1,000' is not a whole number from 0 to 1,000,000,000"
    )


def test_a_refusal_is_said_in_the_runs_language(cli):
    code, out, err = cli("--locale it points estimate --amount 1.000 --currency EUR --market IT")
    assert (code, out) == (2, "")
    assert err == (
        "hubpartner points estimate: errore: --amount: '1.000' non è accettato; previsto un "
        "numero che si legge in un solo modo; '1.000' si legge in due modi in it: scriverlo "
        "con i decimali (come 1.000,00) o senza separatore delle migliaia\n"
    )


def test_an_italian_thousand_is_a_thousand(cli):
    # the review's case: --amount 1.000,00 in Italian was refused, and 1.000 read as one
    code, out, _ = cli(f"--locale it {CONVERT} --amount 1.000,00 --json")
    assert code == 0
    assert json.loads(out)["amount"] == "1000.00"


def test_a_number_option_reads_in_the_locale_the_environment_chooses(capsys):
    from hubpartner.cli import main

    code = main([*CONVERT.split(), "--amount", "1 000,5", "--json"], environ={"LANG": "sv_SE"})
    assert code == 0
    assert json.loads(capsys.readouterr().out)["amount"] == "1000.5"


def test_a_type_called_by_argparse_alone_reads_english():
    assert isinstance(points, InLocale)
    assert points("1,000.5") == Decimal("1000.5")
    assert non_negative("1,000") == 1000
    plain = argparse.ArgumentParser()
    plain.add_argument("--n", type=non_negative)
    assert plain.parse_args(["--n", "12"]).n == 12
