"""Markets: ISO 3166-1 alpha-2 country codes from CLDR."""

import pytest

from hubpartner.errors import InvalidTypeError, UnknownMarketError
from hubpartner.markets import NOT_COUNTRIES, market_code, market_name


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
