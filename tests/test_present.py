"""Presentation: locales resolved as people write them, values shown by CLDR, and the
numbers people write read back exactly."""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money
from hubpartner.decimals import Rounding, RoundingPolicy
from hubpartner.errors import (
    HubPartnerError,
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
    UnknownLocaleError,
)
from hubpartner.messages import message
from hubpartner.present import (
    SUPPORTED,
    Presenter,
    localized,
    read_money,
    read_number,
    resolve_locale,
)

#: Every supported language, and regional locales whose conventions differ.
LOCALES = (*SUPPORTED, "sv_SE", "nb_NO", "it_IT", "de_CH", "fr_CA", "en_IN", "pt_BR", "es_MX")


@pytest.mark.parametrize(
    ("written", "locale"),
    [
        ("sv", "sv"),
        ("sv-SE", "sv_SE"),
        ("sv_SE.UTF-8", "sv_SE"),
        ("sv_SE.utf8@euro", "sv_SE"),
        ("nb", "nb"),
        ("no", "nb"),
        ("no_NO", "nb_NO"),
        ("nb-NO", "nb_NO"),
        ("it_IT", "it_IT"),
        ("pt-BR", "pt_BR"),
        ("ja_JP.UTF-8", "ja_JP"),
        ("C", "en"),
        ("POSIX", "en"),
        ("C.UTF-8", "en"),
        ("en_US", "en_US"),
        (" de ", "de"),
    ],
)
def test_locales_are_read_as_people_write_them(written, locale):
    assert resolve_locale(written) == locale


@pytest.mark.parametrize("written", ["xx", "pl", "zz_ZZ", "sv__SE", "", "123", "e" * 500])
def test_an_unknown_locale_names_itself_and_lists_the_supported(written):
    if written == "":
        assert resolve_locale(written) == "en"
        return
    with pytest.raises(UnknownLocaleError) as caught:
        resolve_locale(written)
    said = str(caught.value)
    assert "locale:" in said
    for language in SUPPORTED:
        assert language in said
    assert len(said) < 400
    assert isinstance(caught.value, HubPartnerError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.supported == SUPPORTED


def test_a_locale_that_is_not_text_is_a_type_error():
    with pytest.raises(InvalidTypeError, match="locale"):
        resolve_locale(None)


@pytest.mark.parametrize(
    ("locale", "money", "number", "percent"),
    [
        ("en", "€1,234.50", "1,234,567.50", "71.4%"),
        ("sv", "1\xa0234,50\xa0€", "1\xa0234\xa0567,50", "71,4\xa0%"),
        ("nb", "1\xa0234,50\xa0€", "1\xa0234\xa0567,50", "71,4\xa0%"),
        ("it", "1.234,50\xa0€", "1.234.567,50", "71,4%"),
        ("de", "1.234,50\xa0€", "1.234.567,50", "71,4\xa0%"),
        ("ja", "€1,234.50", "1,234,567.50", "71.4%"),
    ],
)
def test_values_are_shown_by_cldr(locale, money, number, percent):
    shown = Presenter.for_locale(locale)
    assert shown.money(Money("1234.5", "EUR")) == money
    assert shown.number(Decimal("1234567.5"), places=2) == number
    assert shown.percent(Decimal("0.7142")) == percent


def test_dates_months_quarters_and_countries_are_in_the_language():
    day = date(2025, 7, 15)
    assert Presenter("sv").date(day) == "15 juli 2025"
    assert Presenter("it").date(day) == "15 luglio 2025"
    assert Presenter("nb").date(day) == "15. juli 2025"
    assert Presenter("en").date(day) == "July 15, 2025"
    assert Presenter("sv").short_date(day) == "2025-07-15"
    assert Presenter("it").month(day) == "luglio 2025"
    assert Presenter("sv").quarter(day) == "3:e kvartalet 2025" or "2025" in Presenter(
        "sv"
    ).quarter(day)
    assert Presenter("en").quarter(day) == "Q3 2025"
    assert (Presenter("sv").country("NO"), Presenter("nb").country("SE")) == ("Norge", "Sverige")
    assert Presenter("it").country("IT") == "Italia"


def test_numbers_are_signed_on_request_and_points_rounded_by_a_policy():
    assert Presenter("sv").number(Decimal("2.5"), places=1, signed=True) == "+2,5"
    assert Presenter("sv").number(Decimal("-2.5"), places=1, signed=True) == "-2,5"
    assert Presenter("sv").number(0, signed=True) == "0"
    policy = RoundingPolicy(0, Rounding.HALF_UP)
    assert Presenter("de").points(Decimal("12345.5"), rounding=policy) == "12.346"


def test_a_fraction_is_shown_to_its_exact_decimals():
    assert Presenter("en").number(Fraction(1, 4)) == "0.25"
    assert Presenter("en").percent(Fraction(1, 3), places=2) == "33.33%"


@pytest.mark.parametrize("value", [1.5, True, "1", None])
def test_a_number_of_the_wrong_type_is_refused(value):
    with pytest.raises(InvalidTypeError, match="value"):
        Presenter("en").number(value)


def test_a_number_beyond_the_bounds_is_refused():
    with pytest.raises(InvalidAmountError):
        Presenter("en").number(Decimal("1e30"))
    with pytest.raises(InvalidValueError, match="places"):
        Presenter("en").number(Decimal(1), places=1000)


def test_messages_are_shown_in_the_language_with_their_numbers():
    said = message("line {line}", line=1200)
    assert Presenter("sv").text(said) == "rad 1\xa0200"
    assert Presenter("en").text(said) == "line 1,200"
    assert str(said) == "line 1,200"
    assert Presenter("sv").text("plain") == "plain"


def test_values_in_messages_are_shown_by_kind():
    shown = Presenter("sv")
    assert shown.value(Money("5", "SEK")) == "5,00\xa0kr"
    assert shown.value(date(2025, 1, 2)) == "2 januari 2025"
    assert shown.value(True) == "True"
    assert shown.value(Decimal("0.5")) == "0,5"
    assert shown.value(object).startswith("<class")
    assert shown.value(message("line {line}", line=1)) == "rad 1"


def test_a_presenter_is_a_value():
    assert Presenter("sv") == Presenter.for_locale("sv")
    with pytest.raises(InvalidTypeError):
        Presenter(1)  # type: ignore[arg-type]


# -- reading numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("1 290,50", "sv", "1290.50"),
        ("1\xa0290,50", "sv", "1290.50"),
        ("1\u202f290,50", "fr", "1290.50"),
        ("1 290,50", "fr", "1290.50"),
        ("1.290,50", "it", "1290.50"),
        ("1.290.000", "it", "1290000"),
        ("1,290.50", "en", "1290.50"),
        ("1290.50", "sv", "1290.50"),
        ("1290.50", "it", "1290.50"),
        ("9,35", "nb", "9.35"),
        ("\u22129,35", "sv", "-9.35"),
        ("-9,35", "de", "-9.35"),
        ("1'290.50", "de_CH", "1290.50"),
        ("1,000", "en", "1000"),
        ("1.000", "sv", "1.000"),
        ("  12  ", "sv", "12"),
    ],
)
def test_numbers_are_read_as_the_locale_writes_them(text, locale, value):
    assert read_number(text, locale=locale) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "locale"),
    [("1,000", "sv"), ("1,000", "it"), ("1.000", "it"), ("-1,500", "nb"), ("1.500", "de")],
)
def test_a_number_that_reads_two_ways_is_refused(text, locale):
    with pytest.raises(InvalidAmountError, match="two ways") as caught:
        read_number(text, locale=locale, field="amount")
    assert str(caught.value).startswith("amount: ")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("1,5e3", "sv"),
        ("abc", "sv"),
        ("1.000,50", "en"),
        ("", "sv"),
        ("1,,5", "sv"),
        ("1,5", "en"),
        ("NaN", "it"),
    ],
)
def test_text_that_is_not_a_number_of_the_locale_is_refused(text, locale):
    with pytest.raises(InvalidAmountError, match="such as"):
        read_number(text, locale=locale)


def test_a_number_too_long_to_read_is_refused_by_its_length():
    with pytest.raises(InvalidAmountError, match="expected a text of at most 160 characters"):
        read_number("9" * 200, locale="sv")


def test_reading_a_number_needs_text_and_a_known_locale():
    with pytest.raises(InvalidTypeError):
        read_number(12, locale="sv")
    with pytest.raises(UnknownLocaleError):
        read_number("12", locale="xx")


def test_a_presenter_reads_numbers_as_its_locale_writes_them():
    assert Presenter.for_locale("it").read_number("1.290,50") == Decimal("1290.50")
    assert Presenter.for_locale("sv").read_number("1\xa0290,5", field="mrr") == Decimal("1290.5")


amounts = st.decimals(
    min_value=Decimal("-1e14"), max_value=Decimal("1e14"), allow_nan=False, places=2
)


@given(amounts, st.sampled_from(LOCALES))
def test_an_amount_formatted_for_a_locale_reads_back_exactly(amount, locale):
    shown = Presenter.for_locale(locale).number(amount, places=2)
    assert read_number(shown, locale=locale, places=2) == amount


@given(
    st.integers(min_value=0, max_value=6).flatmap(
        lambda places: st.tuples(
            st.just(places),
            st.decimals(
                min_value=Decimal("-1e14"),
                max_value=Decimal("1e14"),
                allow_nan=False,
                places=places,
            ),
        )
    ),
    st.sampled_from(LOCALES),
)
def test_a_number_with_its_places_reads_back_exactly(places_and_value, locale):
    places, value = places_and_value
    shown = Presenter.for_locale(locale).number(value, places=places)
    assert read_number(shown, locale=locale, places=places) == value


@given(
    amounts.map(abs),
    st.sampled_from(["EUR", "SEK", "NOK", "USD", "JPY", "KWD"]),
    st.sampled_from(LOCALES),
)
def test_money_formatted_for_a_locale_reads_back_exactly(amount, currency, locale):
    money = Money(amount, currency).quantized(Rounding.HALF_UP)
    shown = Presenter.for_locale(locale).money(money)
    assert read_money(shown, currency=currency, locale=locale) == money


def test_money_is_read_with_or_without_its_symbol():
    assert read_money("1.234,50", currency="EUR", locale="it") == Money("1234.50", "EUR")
    assert read_money("SEK 12", currency="SEK", locale="en") == Money("12", "SEK")
    with pytest.raises(InvalidTypeError):
        read_money(12, currency="SEK", locale="en")


def test_localized_keeps_english_as_written_and_says_other_languages_the_locale_way():
    said = message("line {line}", line=1200)
    assert localized(said) is said  # still a message, to be said in another language later
    assert localized(said, "en_GB") is said
    assert localized(said, Presenter("en")) is said
    assert localized(said, "nb-NO") == "linje 1\xa0200"
    assert localized("plain text", "it") == "plain text"
    assert Presenter.of(Presenter("sv")) == Presenter("sv")
    assert Presenter.of("sv_SE.UTF-8") == Presenter("sv_SE")
    with pytest.raises(UnknownLocaleError):
        localized(said, "xx")
    with pytest.raises(InvalidTypeError):
        Presenter.of(None)


def test_portuguese_without_a_region_is_the_brazilian_of_the_catalogs():
    assert resolve_locale("pt") == "pt_BR"
    assert Presenter.for_locale("pt").language == "pt_BR"


def test_a_presenter_reads_a_number_as_its_locale_writes_it():
    swedish = Presenter.for_locale("sv_SE")
    assert swedish.read_number(swedish.number(Decimal("1290.5"), places=2)) == Decimal("1290.50")
    with pytest.raises(InvalidAmountError) as caught:
        swedish.read_number("1,000", field="amount")
    assert caught.value.field == "amount"


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**200), max_value=10**200),
        st.fractions(),
        st.just(10**5000),
        st.just(Decimal("1E+15")),
        st.just(Decimal(f"1E-{10**6}")),
    ),
    st.sampled_from(SUPPORTED),
)
def test_a_message_shows_any_number_it_holds_and_never_at_length(number, locale):
    said = Presenter.for_locale(locale).text(message("at most {bound}", bound=number))
    assert 0 < len(said) < 250


def test_a_bound_in_a_message_is_shown_the_locales_way():
    assert Presenter("sv").text(message("below {bound}", bound=Decimal("1E+15"))) == (
        "below 1\xa0000\xa0000\xa0000\xa0000\xa0000"
    )


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (Fraction(10**2000, 3), "Fraction(<an int of about 2001 digits>, 3)"),
        (Decimal("1" * 70), "Decimal('1111111"),
        (Decimal("0." + "1" * 70), "Decimal('0.111111"),
        (Decimal("NaN"), "Decimal('NaN')"),
        (10**70, "1" + "0" * 70),
    ],
)
def test_a_number_too_long_for_a_message_is_shown_shortened(number, said):
    shown = Presenter("en").text(message("at most {bound}", bound=number))
    assert shown.startswith("at most " + said)
    assert len(shown) < 250


def test_a_number_is_shown_with_more_places_than_a_rounding_policy_has():
    # a file's value may have up to 100 places; a rounding policy at most 18
    fine = Decimal("100.0000000000000000001")
    assert Presenter("sv").number(fine, places=19) == "100,0000000000000000001"
    assert Presenter("en").number(fine, places=20) == "100.00000000000000000010"
    assert (
        Presenter("en").number(Decimal("0." + "0" * 99 + "5"), places=99) == "0." + "0" * 98 + "1"
    )
    assert Presenter("en").number(Decimal("-2.5"), places=30) == "-2.5" + "0" * 29


def test_a_table_of_the_command_line_shows_every_place_a_file_gave(cli, tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("date,client,track,points\n2025-07-01,c1,sourced,100.0000000000000000001\n")
    thresholds = Path(__file__).parents[1] / "docs" / "examples" / "thresholds.toml"
    code, out, err = cli(
        f"--locale sv tiers evaluate --as-of 2025-08-01 --thresholds {thresholds} --points-file",
        str(ledger),
    )
    assert (code, err) == (0, "")
    assert "totalt 100,0000000000000000001" in out
