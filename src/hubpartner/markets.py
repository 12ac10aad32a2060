"""Markets: the country a client is located in, as an ISO 3166-1 alpha-2 code.

    >>> market_code("de")
    'DE'
    >>> market_name("IN", locale="sv")
    'Indien'

Codes are checked against the territories of CLDR's territory information (the
supplemental data Babel ships, keyed by two-letter code), less ``ZZ`` (Unknown
Region). CLDR's groupings under two-letter codes — ``EU`` (European Union), ``EZ``
(Eurozone), ``UN`` (United Nations), ``QO`` (Outlying Oceania) — and the pseudo-locale
regions ``XA`` and ``XB`` are not countries, so they are not markets either.
"""

from __future__ import annotations

from typing import Any

from ._checks import cldr_locale
from .errors import InvalidTypeError, UnknownMarketError

__all__ = ["NOT_COUNTRIES", "market_code", "market_name"]

#: Two-letter CLDR territory codes that name groupings or placeholders, not countries.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def market_code(code: Any, *, field: str = "market") -> str:
    """Return ``code`` upper-cased if it is a country code known to CLDR.

    Raises :class:`~hubpartner.errors.UnknownMarketError` (a ``LookupError``)
    otherwise, or :class:`~hubpartner.errors.InvalidTypeError` for a non-string.
    """
    if not isinstance(code, str):
        raise InvalidTypeError(field, code, "a two-letter ISO 3166-1 country code as a str")
    from babel.core import get_global

    normal = code.strip().upper()
    if normal in NOT_COUNTRIES or normal not in get_global("territory_languages"):
        raise UnknownMarketError(code, field)
    return normal


def market_name(code: str, *, locale: str = "en") -> str:
    """Return the CLDR name of the country ``code`` in ``locale`` (``'sv'``, ``'de_DE'``
    or ``'de-DE'``); a locale CLDR does not know raises
    :class:`~hubpartner.errors.UnknownLocaleError`."""
    country = market_code(code, field="code")
    return str(cldr_locale(locale).territories[country])
