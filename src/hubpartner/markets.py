"""Markets: the country a client is located in, as an ISO 3166-1 alpha-2 code.

    >>> market_code("de")
    'DE'
    >>> market_name("IN", locale="sv")
    'Indien'

A country may also be given by its name in the user's language, or in any language
hubpartner speaks, where a locale is passed (the command line and the file loaders
do; the library's other functions take codes)::

    >>> market_code("Sverige", locale="sv"), market_code("norge", locale="en")
    ('SE', 'NO')
    >>> market_code("Italie", locale="fr"), market_code("イタリア", locale="ja")
    ('IT', 'IT')

Codes are checked against the territories of CLDR's territory information (the
supplemental data Babel ships, keyed by two-letter code), less ``ZZ`` (Unknown
Region). CLDR's groupings under two-letter codes — ``EU`` (European Union), ``EZ``
(Eurozone), ``UN`` (United Nations), ``QO`` (Outlying Oceania) — and the pseudo-locale
regions ``XA`` and ``XB`` are not countries, so they are not markets either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._cache import code_reader
from ._checks import cldr_locale
from .errors import InvalidTypeError, UnknownCountryNameError, UnknownMarketError
from .messages import message

__all__ = ["NOT_COUNTRIES", "market_code", "market_name"]

#: Two-letter CLDR territory codes that name groupings or placeholders, not countries.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def market_code(code: Any, *, field: str = "market", locale: str | None = None) -> str:
    """Return ``code`` upper-cased if it is a country code known to CLDR; with a
    ``locale``, the code of a country named ``code`` in that locale's language or in
    any language hubpartner speaks (any case, with or without accents) too.

    Raises :class:`~hubpartner.errors.UnknownMarketError` (a ``LookupError``)
    otherwise — with a ``locale``, its subclass
    :class:`~hubpartner.errors.UnknownCountryNameError`, which suggests the closest
    codes — or :class:`~hubpartner.errors.InvalidTypeError` for a non-string.

        >>> market_code("Sverje", locale="sv")
        Traceback (most recent call last):
        ...
        hubpartner.errors.UnknownCountryNameError: market: 'Sverje' is neither a country code ...
    """
    if not isinstance(code, str):
        raise InvalidTypeError(
            field, code, message("a two-letter ISO 3166-1 country code as a str")
        )
    if locale is not None:
        cldr_locale(locale)
    normal = _country_of(code)
    if normal is not None:
        return normal
    if locale is None:
        raise UnknownMarketError(code, field)
    from ._names import find, name_of

    found, suggested = find(code, locale=locale, names=_country_names)
    if found is None:
        named = [(each, name_of(each, locale=locale, names=_country_names)) for each in suggested]
        raise UnknownCountryNameError(code, field, named)
    return found


def _is_country(code: str) -> bool:
    from babel.core import get_global

    return code not in NOT_COUNTRIES and code in get_global("territory_languages")


#: How many written codes :func:`market_code` remembers the reading of.
CODES_KEPT = 1024
#: A written country code's reading, once per spelling (Babel's lookup is slower).
_country_of = code_reader(_is_country, size=CODES_KEPT)


def _country_names(locale: str) -> Mapping[str, tuple[str]]:
    """Each market's CLDR name in ``locale``."""
    return {
        code: (str(name),)
        for code, name in cldr_locale(locale).territories.items()
        if _is_country(code)
    }


def market_name(code: str, *, locale: str = "en") -> str:
    """Return the CLDR name of the country ``code`` in ``locale`` (``'sv'``, ``'de_DE'``
    or ``'de-DE'``); a locale CLDR does not know raises
    :class:`~hubpartner.errors.UnknownLocaleError`."""
    country = market_code(code, field="code")
    return str(cldr_locale(locale).territories[country])
