"""Markets: ISO 3166-1 alpha-2 country codes from CLDR."""

import pytest
from babel.core import get_global
from hypothesis import given
from hypothesis import strategies as st

from hubpartner.errors import (
    InvalidTypeError,
    UnknownCountryNameError,
    UnknownLocaleError,
    UnknownMarketError,
)
from hubpartner.markets import NOT_COUNTRIES, market_code, market_name
from hubpartner.messages import LANGUAGES


@pytest.mark.parametrize("code", ["US", "de", " in ", "SG", "BR", "XK"])
def test_country_codes_known_to_cldr_are_markets(code):
    assert market_code(code) == code.strip().upper()


@pytest.mark.parametrize("code", ["USA", "D", "", "419", "00", "QQ", *sorted(NOT_COUNTRIES)])
def test_other_codes_are_not_markets(code):
    with pytest.raises(UnknownMarketError) as caught:
        market_code(code)
    assert caught.value.code == code
    assert "ISO 3166-1" in str(caught.value)


def test_non_string_market_is_a_type_error():
    with pytest.raises(InvalidTypeError):
        market_code(276)


def test_market_names_come_from_cldr_in_any_locale():
    assert market_name("DE") == "Germany"
    assert market_name("DE", locale="sv") == "Tyskland"
    assert market_name("no", locale="nb") == "Norge"


def test_every_market_has_an_english_cldr_name():
    from babel.core import get_global

    codes = set(get_global("territory_languages")) - NOT_COUNTRIES
    assert len(codes) > 240
    for code in codes:
        assert market_name(code)


# -- countries by name (issue 12) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "locale", "code"),
    [
        ("Sverige", "sv", "SE"),
        ("Norge", "nb", "NO"),
        ("Italia", "it", "IT"),
        ("Deutschland", "de", "DE"),
        ("イタリア", "ja", "IT"),
        ("  sVERIGE ", "en", "SE"),  # a name of any language hubpartner speaks, any case
        ("Osterreich", "de", "AT"),  # without its accent
        ("Côte d\u2019Ivoire", "fr", "CI"),
        ("Côte d'Ivoire", "en", "CI"),  # either apostrophe
        ("se", "sv", "SE"),  # a code is still a code
    ],
)
def test_a_country_may_be_given_by_its_name_where_a_locale_is(name, locale, code):
    assert market_code(name, locale=locale) == code


def test_without_a_locale_only_codes_are_markets():
    with pytest.raises(UnknownMarketError) as caught:
        market_code("Sverige")
    assert not isinstance(caught.value, UnknownCountryNameError)


@pytest.mark.parametrize(
    ("name", "locale", "suggested"),
    [("Sverje", "sv", "SE (Sverige)"), ("Norgee", "nb", "NO (Norge)"), ("Itlia", "it", "IT")],
)
def test_an_unknown_name_suggests_the_closest_codes(name, locale, suggested):
    with pytest.raises(UnknownCountryNameError) as caught:
        market_code(name, locale=locale)
    assert caught.value.code == name
    assert caught.value.field == "market"
    assert any(code == suggested[:2] for code, _ in caught.value.suggestions)
    assert "did you mean" in str(caught.value)
    assert suggested in str(caught.value)
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize("name", ["zzzzzz", "x" * 5000])
def test_a_name_that_is_close_to_nothing_says_what_is_accepted(name):
    with pytest.raises(UnknownCountryNameError) as caught:
        market_code(name, locale="sv")
    assert caught.value.suggestions == ()
    assert "'SE'" in str(caught.value)
    assert "Sverige" in str(caught.value)


@pytest.mark.parametrize("name", ["EU", "Europeiska unionen", "Världen", "Latinamerika"])
def test_the_name_of_a_grouping_is_no_market(name):
    with pytest.raises(UnknownCountryNameError):
        market_code(name, locale="sv")


@given(st.sampled_from(sorted(set(get_global("territory_languages")) - NOT_COUNTRIES)))
def test_every_countrys_name_in_every_language_is_its_code(code):
    for locale in ("en", *LANGUAGES):
        assert market_code(market_name(code, locale=locale), locale=locale) == code
        assert market_code(market_name(code, locale=locale).upper(), locale="en") == code


def test_a_locale_is_checked_before_the_name():
    with pytest.raises(UnknownLocaleError):
        market_code("SE", locale="xx")


@pytest.mark.parametrize("written", ["\u0131T", "\u0131t", "\uff24\uff25"])
def test_a_market_with_a_letter_outside_ascii_is_refused(written):
    with pytest.raises(UnknownMarketError):
        market_code(written)
