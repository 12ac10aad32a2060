"""Presentation: values shown to people in their language, by CLDR.

Values carry no locale. A :class:`Presenter` shows them for one: numbers, money,
percentages, points, dates, months, quarters and country names by Babel from CLDR
data, never by f-string, and the library's messages in the locale's language::

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from hubpartner import Money
    >>> from hubpartner.present import Presenter
    >>> sv = Presenter.for_locale("sv_SE.UTF-8")
    >>> sv.locale, sv.language
    ('sv_SE', 'sv')
    >>> sv.money(Money("1234.5", "EUR"))
    '1\\xa0234,50\\xa0€'
    >>> sv.number(Decimal("62.5"), places=2), sv.percent(Decimal("0.714"))
    ('62,50', '71,4\\xa0%')
    >>> sv.date(date(2025, 7, 15)), sv.month(date(2025, 3, 1)), sv.country("NO")
    ('15 juli 2025', 'mars 2025', 'Norge')

:func:`resolve_locale` reads the names people write (``sv-SE``, ``sv_SE.UTF-8``,
``nb``, ``no``, ``it_IT``) and refuses the rest, listing the supported locales.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
import sys
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from ._checks import (
    MAX_POINT_PLACES,
    instance_of,
    new_context,
    places_context,
    to_decimal,
    whole_number,
)
from .decimals import EXACT, MAX_PLACES, Rounding, RoundingPolicy
from .errors import (
    HubPartnerError,
    InvalidAmountError,
    InvalidTypeError,
    UnknownLocaleError,
    shown,
)
from .messages import (
    LANGUAGES,
    MESSAGE_DIGITS,
    Message,
    Translation,
    message,
    translation,
)

if TYPE_CHECKING:
    from .money import Money

__all__ = [
    "SUPPORTED",
    "Presenter",
    "localized",
    "read_money",
    "read_number",
    "resolve_locale",
]

#: The languages hubpartner speaks: English, and those of :data:`~hubpartner.messages.LANGUAGES`.
SUPPORTED = ("en", *LANGUAGES)

#: Other names for a language people write: Norwegian is written in Bokmål here.
_ALIASES = {"no": "nb", "nn": "nb"}

_POSIX = re.compile(r"(?P<name>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)(?:\.[^@]*)?(?:@.*)?")


def resolve_locale(name: Any, *, field: str = "locale") -> str:
    """The CLDR locale of a name people write — ``'sv'``, ``'sv-SE'``,
    ``'sv_SE.UTF-8'``, ``'no'`` (Bokmål), ``'C'`` or ``'POSIX'`` (English) — when its
    language is one hubpartner speaks; otherwise
    :class:`~hubpartner.errors.UnknownLocaleError`, which lists them.

        >>> resolve_locale("sv_SE.UTF-8"), resolve_locale("no"), resolve_locale("it-IT")
        ('sv_SE', 'nb', 'it_IT')
    """
    if not isinstance(name, str):
        raise InvalidTypeError(field, name, message("a locale such as 'sv_SE' (a str)"))
    text = name.strip()
    if text.split(".")[0] in ("C", "POSIX", ""):
        return "en"
    found = _POSIX.fullmatch(text)
    if found is None:
        raise _unsupported(name, field)
    from babel import Locale
    from babel import UnknownLocaleError as BabelUnknownLocaleError

    language, _, region = found["name"].replace("-", "_").partition("_")
    language = _ALIASES.get(language.lower(), language)
    if language.lower() == "pt" and not region:  # the Portuguese of the catalogs
        region = "BR"
    identifier = f"{language}_{region}" if region else language
    try:
        parsed = Locale.parse(identifier)
    except (BabelUnknownLocaleError, ValueError, TypeError):
        raise _unsupported(name, field) from None
    if _language_of(parsed) not in SUPPORTED:
        raise _unsupported(name, field)
    return str(parsed)


#: The spaces people and spreadsheets put between groups of digits: a space, a
#: no-break space, a narrow no-break space.
_SPACES = (" ", "\xa0", "\u202f")
#: The apostrophes Swiss locales group digits with.
_APOSTROPHES = ("'", "\u2019")
#: A plain number as machines write it: digits, one optional point and fraction.
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
#: A number as a locale may write it: a sign, digits, marks and group separators.
_WRITTEN = re.compile(r"[+-]?[0-9][0-9.,' ]*")
#: The most characters of a number read from text: 15 digits before the point, 100
#: after it, their group marks and a sign.
_LONGEST_NUMBER = 160


def read_number(
    text: Any, *, locale: str, field: str = "value", places: int | None = None
) -> Decimal:
    """The number ``text`` as written in ``locale``, exactly: ``'1 290,50'`` in
    Swedish, ``'1.290,50'`` in Italian, ``'1,290.50'`` in English, by CLDR. The
    plain form machines write (``'1290.50'``) is read in every locale too.

    A number that the locale and the plain form read differently is refused, and so
    is ``'1,000'`` where the comma is the decimal mark: it is 1 there and a thousand
    in English, and hubpartner never guesses which was meant. When the writer is
    known to give three decimals (``places=3``, as an amount in a currency with three
    minor digits), the mark is read as the locale's; more generally, ``places`` says
    how many decimals the writer gives at most, and a reading with more is not the
    one meant (``'1.000'`` with ``places=0`` is a thousand in Italian).

        >>> read_number("1 290,50", locale="sv"), read_number("1.290,50", locale="it")
        (Decimal('1290.50'), Decimal('1290.50'))
        >>> read_number("1290.50", locale="sv"), read_number("1,125", locale="sv", places=3)
        (Decimal('1290.50'), Decimal('1.125'))
        >>> read_number("1,000", locale="sv")
        Traceback (most recent call last):
        ...
        hubpartner.errors.InvalidAmountError: value: '1,000' is not accepted; expected ...
    """
    if not isinstance(text, str):
        raise InvalidTypeError(field, text, message("a number written as text (a str)"))
    where = resolve_locale(locale)
    from babel.numbers import (
        NumberFormatError,
        get_decimal_symbol,
        get_group_symbol,
        parse_decimal,
    )

    point = get_decimal_symbol(where)
    group = get_group_symbol(where)
    written = text.strip().replace("\u2212", "-")
    if len(written) > _LONGEST_NUMBER:
        raise InvalidAmountError(
            field, text, message("a text of at most {length} characters", length=_LONGEST_NUMBER)
        )
    shape = written
    for mark in (*_SPACES, *_APOSTROPHES):
        shape = shape.replace(mark, "'" if mark in _APOSTROPHES else " ")
    if not _WRITTEN.fullmatch(shape):
        raise InvalidAmountError(field, text, _expected_number(where))
    if group in _SPACES or group in _APOSTROPHES:
        kind = _SPACES if group in _SPACES else _APOSTROPHES
        for mark in kind:
            written = written.replace(mark, group)
    plain = Decimal(written) if _PLAIN.fullmatch(written) else None
    try:
        # Babel formats the number again to judge it, in the current context
        with decimal.localcontext(new_context(len(written) + 40)):
            local: Decimal | None = parse_decimal(written, locale=where, strict=True)
    except NumberFormatError:
        local = None
    if places is not None:  # a reading with more decimals than the writer gives is not it
        plain = plain if plain is None or _places(plain) <= places else None
        local = local if local is None or _places(local) <= places else None
    three = re.fullmatch(r"[+-]?[0-9]{1,3},[0-9]{3}", written)
    if (three and point == "," and places != 3) or (
        local is not None and plain is not None and local != plain
    ):
        raise InvalidAmountError(field, text, _ambiguous(where, written))
    found = local if local is not None else plain
    if found is None:
        raise InvalidAmountError(field, text, _expected_number(where))
    return found


def decimal_mark(locale: str) -> str:
    """The decimal mark ``locale`` writes numbers with (``","`` in Swedish).

    >>> decimal_mark("sv"), decimal_mark("en")
    (',', '.')
    """
    from babel.numbers import get_decimal_symbol

    return str(get_decimal_symbol(locale))


def _places(number: Decimal) -> int:
    """The decimal places of the finite ``number``."""
    return -int(number.as_tuple().exponent)


def _expected_number(where: str) -> Message:
    return message(
        "a number written as in {locale}, such as {example}, or as 1234.5",
        locale=where,
        example=_formatted(Decimal("1234.5"), where),
    )


def _ambiguous(where: str, written: str) -> Message:
    return message(
        "a number that reads one way only; {value} reads two ways in {locale}: write it "
        "with its decimals (as {example}) or without a group mark",
        value=repr(written),
        locale=where,
        example=_formatted(Decimal("1000"), where, "#,##0.00"),
    )


def _formatted(number: Decimal, where: str, pattern: str | None = None) -> str:
    """``number`` by Babel's ``format_decimal`` for ``where``, whatever the current
    decimal context."""
    from babel.numbers import format_decimal

    with decimal.localcontext(_context(number)):
        return str(format_decimal(number, format=pattern, locale=where))


def read_money(text: Any, *, currency: str, locale: str, field: str = "amount") -> Money:
    """An amount of ``currency`` as written in ``locale``, with or without the
    currency's symbol or code: the inverse of :meth:`Presenter.money`.

        >>> read_money("1\xa0234,50\xa0kr", currency="SEK", locale="sv")
        Money(amount=Decimal('1234.50'), currency='SEK')
    """
    from babel.numbers import get_currency_precision, get_currency_symbol

    from .money import Money, currency_code

    code = currency_code(currency)
    if not isinstance(text, str):
        raise InvalidTypeError(field, text, message("an amount written as text (a str)"))
    where = resolve_locale(locale)
    bare = text
    for mark in sorted({get_currency_symbol(code, where), code}, key=len, reverse=True):
        bare = bare.replace(mark, "")
    bare = bare.strip(" \xa0\u202f")
    places = get_currency_precision(code)
    return Money(read_number(bare, locale=where, field=field, places=places), code)


def _language_of(parsed: Any) -> str:
    language = _ALIASES.get(parsed.language, parsed.language)
    if language == "pt":
        return "pt_BR"
    return str(language)


def _unsupported(name: Any, field: str) -> UnknownLocaleError:
    return UnknownLocaleError(name, field, SUPPORTED)


@attrs.frozen
class Presenter:
    """Shows values for people in one ``locale`` (a CLDR identifier hubpartner
    speaks; make one with :meth:`for_locale`)."""

    locale: str = attrs.field(validator=instance_of(str, message("a CLDR locale (a str)")))

    @classmethod
    def for_locale(cls, name: str) -> Presenter:
        """The presenter of a locale written as people write it (see
        :func:`resolve_locale`)."""
        return cls(resolve_locale(name))

    @classmethod
    def of(cls, locale: str | Presenter) -> Presenter:
        """``locale`` if it is a presenter, else the presenter of the locale written
        as people write it (see :func:`resolve_locale`)."""
        return locale if isinstance(locale, Presenter) else cls.for_locale(locale)

    @property
    def language(self) -> str:
        """The language of the locale's messages: ``'sv'`` for ``sv_SE``."""
        return _language_of(_babel_locale(self.locale))

    @property
    def _translation(self) -> Translation | None:
        return translation(self.language)

    def text(self, said: str) -> str:
        """A message in the locale's language, its numbers, dates and amounts shown
        the locale's way; any other text as it is.

            >>> from hubpartner.messages import message
            >>> Presenter("sv").text(message("line {line}", line=1200))
            'rad 1\xa0200'
        """
        if isinstance(said, Message):
            return said.say(self._translation, self.value)
        return said

    def value(self, given: Any) -> str:
        """Any value as it is shown in a message: a number, a date or an amount of
        money the locale's way, a message translated, anything else by ``str``."""
        # no Money exists before hubpartner.money is loaded, so a run that has none
        # does not load it to ask
        money = sys.modules.get(f"{__package__}.money")
        if isinstance(given, Message):
            return self.text(given)
        if isinstance(given, bool | str):
            return str(given)
        if isinstance(given, int | Decimal | Fraction):
            number = _in_message(given)
            return shown(given) if number is None else self._apply("decimal", number, None)
        if money is not None and isinstance(given, money.Money):
            return self.money(given)
        if isinstance(given, datetime.date):
            return self.date(given)
        return str(given)

    def number(
        self, value: Decimal | int | Fraction, *, places: int | None = None, signed: bool = False
    ) -> str:
        """A number with the locale's decimal mark and grouping; with ``places``,
        rounded half-up to that many places and shown with them all; ``signed`` puts
        a plus sign before a positive number.

            >>> Presenter("it").number(Decimal("-1234567.5")), Presenter("en").number(3, places=2)
            ('-1.234.567,5', '3.00')
        """
        exact = _as_decimal(value, places)
        shown = self._apply("decimal", exact, places)
        if signed and exact > 0:
            from babel.numbers import get_plus_sign_symbol

            return str(get_plus_sign_symbol(self.locale)) + shown
        return shown

    def _apply(self, kind: str, exact: Decimal, places: int | None) -> str:
        """``exact`` by the locale's own ``kind`` of pattern (``decimal`` or
        ``percent``), with ``places`` decimals, or all it has."""
        import copy

        where = _babel_locale(self.locale)
        formats = where.decimal_formats if kind == "decimal" else where.percent_formats
        pattern = copy.copy(formats[None])
        if places is not None:
            pattern.frac_prec = (places, places)
        with decimal.localcontext(_context(exact)):
            return str(pattern.apply(exact, where, decimal_quantization=places is not None))

    def points(self, value: Decimal | int | Fraction, *, rounding: RoundingPolicy) -> str:
        """A number of points rounded for people by ``rounding``."""
        return self.number(rounding.apply(_as_decimal(value, None)), places=rounding.places)

    def money(self, amount: Money, *, mode: Rounding = Rounding.HALF_UP) -> str:
        """An amount of money in its currency, at the currency's minor unit."""
        from babel.numbers import format_currency

        shown = amount.quantized(mode).amount
        with decimal.localcontext(_context(shown)):
            return str(format_currency(shown, amount.currency, locale=self.locale))

    def percent(self, share: Decimal | Fraction, *, places: int = 1) -> str:
        """A share (0.714) as a percentage (71.4 %), rounded half-up to ``places``, by
        the locale's pattern.

            >>> Presenter("sv").percent(Decimal("0.714")), Presenter("en").percent(Fraction(1, 3))
            ('71,4\xa0%', '33.3%')
        """
        whole = RoundingPolicy(places, Rounding.HALF_UP).apply(
            EXACT.multiply(_as_decimal(share, None), 100)
        )
        return self._apply("percent", whole.scaleb(-2, _context(whole)), places)

    def date(self, day: datetime.date) -> str:
        """A day written out: ``15 juli 2025``, ``July 15, 2025``."""
        from babel.dates import format_date

        return str(format_date(day, format="long", locale=self.locale))

    def short_date(self, day: datetime.date) -> str:
        """A day in the locale's short numeric form: ``2025-07-15``, ``7/15/25``."""
        from babel.dates import format_date

        return str(format_date(day, format="short", locale=self.locale))

    def month(self, day: datetime.date) -> str:
        """The month of ``day``: ``mars 2025``, ``March 2025``."""
        from babel.dates import format_skeleton

        return str(format_skeleton("yMMMM", day, locale=self.locale))

    def quarter(self, day: datetime.date) -> str:
        """The quarter of ``day``: ``Q1 2025`` or the locale's own words."""
        from babel.dates import format_skeleton

        return str(format_skeleton("yQQQ", day, locale=self.locale))

    def read_number(self, text: str, *, field: str = "value") -> Decimal:
        """A number as written in the locale (see :func:`read_number`)."""
        return read_number(text, locale=self.locale, field=field)

    def country(self, code: str) -> str:
        """A country's name in the locale's language, by CLDR."""
        from .markets import market_name

        return market_name(code, locale=self.locale)


def localized(text: str, locale: str | Presenter = "en") -> str:
    """``text`` for people of ``locale`` — a name people write (see
    :func:`resolve_locale`) or a :class:`Presenter`. A message is said in the
    locale's language, its numbers, dates and amounts shown the locale's way; in an
    English locale it stays the English message, as the library writes it (so that it
    can still be said in another language later).

        >>> from hubpartner.messages import message
        >>> said = message("line {line}", line=1200)
        >>> localized(said), localized(said, "sv_SE"), localized(said, Presenter("it"))
        ('line 1,200', 'rad 1\xa0200', 'riga 1.200')
    """
    chosen = Presenter.of(locale)
    return text if chosen.language == "en" else chosen.text(text)


def _as_decimal(value: Decimal | int | Fraction, places: int | None) -> Decimal:
    """``value`` exactly as a bounded ``Decimal`` (a Fraction to its 40 significant
    digits), rounded half-up to ``places`` when they are given."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | Fraction):
        raise InvalidTypeError("value", value, message("a Decimal, an int or a Fraction"))
    if isinstance(value, Fraction):
        from .decimals import from_fraction

        value = from_fraction(value)
    exact = to_decimal(value, field="value", places=MAX_POINT_PLACES)
    if places is not None:
        whole_number(places, field="places", minimum=0, maximum=MAX_POINT_PLACES)
        if places > MAX_PLACES:  # more than a rounding policy's, as a file's value can have
            step = Decimal((0, (1,), -places))
            return exact.quantize(step, decimal.ROUND_HALF_UP, places_context(places))
        return RoundingPolicy(places, Rounding.HALF_UP).apply(exact)
    return exact


def _in_message(given: int | Decimal | Fraction) -> Decimal | None:
    """``given`` as a ``Decimal`` to show in a message — a bound or a count, or a
    value that was refused for being too large or too precise — or None when it is
    not finite or too long to show whole (then it is shown shortened)."""
    if isinstance(given, Fraction):
        from .decimals import from_fraction

        try:
            given = from_fraction(given)
        except HubPartnerError:
            return None
    if isinstance(given, int) and abs(given) >= 10**MESSAGE_DIGITS:
        return None
    number = Decimal(given)
    if not number.is_finite() or abs(number.adjusted()) > MESSAGE_DIGITS:
        return None
    if len(number.as_tuple().digits) > MESSAGE_DIGITS:
        return None
    return number


def _context(exact: Decimal) -> decimal.Context:
    """A context wide enough to show ``exact`` without rounding it, whatever the
    caller's context is."""
    return new_context(len(exact.as_tuple().digits) + 40)


@functools.cache
def _babel_locale(identifier: str) -> Any:
    from babel import Locale

    return Locale.parse(identifier)
