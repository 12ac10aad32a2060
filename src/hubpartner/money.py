"""Money: an exact ``Decimal`` amount with an ISO 4217 currency code.

    >>> from hubpartner import Money
    >>> mrr = Money("1000", "eur")
    >>> mrr
    Money(amount=Decimal('1000'), currency='EUR')
    >>> mrr + Money("250.50", "EUR")
    Money(amount=Decimal('1250.50'), currency='EUR')
    >>> str(mrr)
    'EUR 1000'
    >>> Money("199.995", "EUR").quantized()
    Money(amount=Decimal('200.00'), currency='EUR')

Amounts in different currencies never mix: adding, subtracting or ordering them
raises :class:`~hubpartner.errors.CurrencyMismatchError`. Currency codes are checked
against the CLDR data that Babel ships; the number of minor-unit digits (2 for EUR,
0 for JPY) comes from there too.

An amount is below 10^15 in magnitude, and one you give has at most 10 decimal places
(so ``1e999999999`` and ``1e-999999999`` are refused at once, by name)::

    >>> Money("1e999999999", "EUR")
    Traceback (most recent call last):
    ...
    hubpartner.errors.InvalidAmountError: amount: '1e999999999' is not accepted; expected a ...

Sums and differences are held to the same magnitude; an amount hubpartner computes
by a division (:func:`hubpartner.points.points_to_money`) keeps its 40 significant
digits, so it may have more places: round it with :meth:`Money.quantized`.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from ._cache import code_reader
from ._checks import below_magnitude, cldr_locale, to_number
from .decimals import EXACT, Rounding, RoundingPolicy, presentation_context
from .errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    NotMoneyError,
    UnknownCurrencyError,
    UnknownCurrencyNameError,
)
from .messages import Message, message

__all__ = ["NOT_MONEY", "Money", "currency_code", "minor_units"]

#: The ISO 4217 codes that CLDR knows but that name no money, and what each names:
#: they are refused as currencies. (The X-codes of money — XAF, XCD, XCG, XOF and
#: XPF, the CFA and CFP francs, the East Caribbean dollar and the Caribbean guilder —
#: are currencies like any other.)
NOT_MONEY: Mapping[str, str] = MappingProxyType(
    {
        # Translators: what an ISO 4217 code names, in "XAG is ISO 4217's code for {what}"
        "XAG": message("silver"),
        "XAU": message("gold"),
        "XPD": message("palladium"),
        "XPT": message("platinum"),
        "XBA": message("the European Composite Unit, a bond market unit"),
        "XBB": message("the European Monetary Unit, a bond market unit"),
        "XBC": message("the European Unit of Account 9, a bond market unit"),
        "XBD": message("the European Unit of Account 17, a bond market unit"),
        "XDR": message("the IMF's special drawing rights, a unit of account"),
        "XAD": message("the Arab Accounting Dinar, a unit of account"),
        "XSU": message("the Sucre, a unit of account"),
        "XUA": message("the ADB Unit of Account"),
        "XEU": message("the European Currency Unit, a former unit of account"),
        "XFO": message("the French gold franc, a former unit of account"),
        "XFU": message("the French UIC franc, a former unit of account"),
        "XRE": message("RINET funds, a former unit of account"),
        "XTS": message("testing"),
        "XXX": message("no currency at all"),
    }
)


def currency_code(code: Any, *, field: str = "currency", locale: str | None = None) -> str:
    """Return ``code`` upper-cased if it is an ISO 4217 code of money known to CLDR;
    with a ``locale``, the code of a currency named ``code`` in that locale's
    language or in any language hubpartner speaks (any case, with or without
    accents, singular or plural) too.

        >>> currency_code("sek"), currency_code("svenska kronor", locale="sv")
        ('SEK', 'SEK')
        >>> currency_code("Norwegian krone", locale="nb"), currency_code("euro", locale="it")
        ('NOK', 'EUR')

    Raises :class:`~hubpartner.errors.UnknownCurrencyError` (a ``LookupError``)
    otherwise — with a ``locale``, its subclass
    :class:`~hubpartner.errors.UnknownCurrencyNameError`, which suggests the closest
    codes; :class:`~hubpartner.errors.NotMoneyError` for a code of :data:`NOT_MONEY`,
    such as ``XAU`` (gold) or ``XTS`` (testing) — or
    :class:`~hubpartner.errors.InvalidTypeError` for a non-string.
    """
    if not isinstance(code, str):
        raise InvalidTypeError(field, code, message("a three-letter ISO 4217 code as a str"))
    if locale is not None:
        cldr_locale(locale)
    normal = _currency_of(code)
    if normal is None:
        if locale is None:
            raise UnknownCurrencyError(code, field)
        from ._names import find, name_of

        found, suggested = find(code, locale=locale, names=_currency_names)
        if found is None:
            named = [
                (each, name_of(each, locale=locale, names=_currency_names))
                for each in suggested
                if each not in NOT_MONEY
            ]
            raise UnknownCurrencyNameError(code, field, named)
        normal = found
    if normal in NOT_MONEY:
        raise NotMoneyError(code, NOT_MONEY[normal], field)
    return normal


def _is_currency(code: str) -> bool:
    from babel.core import get_global

    return len(code) == 3 and code in get_global("all_currencies")


_ZERO = Decimal(0)

#: How many written codes :func:`currency_code` remembers the reading of.
CODES_KEPT = 1024
#: A written currency code's reading, once per spelling (Babel's lookup is slower).
_currency_of = code_reader(_is_currency, size=CODES_KEPT)


def _currency_names(locale: str) -> Mapping[str, list[str]]:
    """Each currency's CLDR names in ``locale``: its name, then its names for one and
    for several (``svensk krona``, ``svenska kronor``)."""
    from babel.numbers import get_currency_name

    where = cldr_locale(locale)
    return {
        code: [str(name), *(get_currency_name(code, count, where) for count in (1, 2))]
        for code, name in where.currencies.items()
        if _is_currency(code)
    }


def minor_units(currency: str) -> int:
    """Return the number of decimal digits of ``currency``'s minor unit, from CLDR.

    >>> minor_units("EUR"), minor_units("JPY")
    (2, 0)
    """
    from babel.numbers import get_currency_precision

    return get_currency_precision(currency_code(currency))


# Translators: a verb that fills "EUR to {operation} with an amount in SEK"
_ADD = message("add")
# Translators: a verb that fills "EUR to {operation} with an amount in SEK"
_SUBTRACT = message("subtract")
# Translators: a verb that fills "EUR to {operation} with an amount in SEK"
_COMPARE = message("compare")


@attrs.frozen(order=False)
class Money:
    """An exact amount of one currency.

    ``amount`` accepts a ``Decimal``, an ``int`` or a numeric ``str`` below 10^15 in
    magnitude with at most 10 decimal places, and is kept as a ``Decimal`` exactly as
    given (a negative zero is zero); ``float``, ``bool``, NaN, infinities and numbers
    beyond those bounds are rejected. ``currency`` is an ISO 4217 code (any case)
    known to CLDR.
    """

    amount: Decimal = attrs.field(converter=to_number)
    currency: str = attrs.field(converter=currency_code)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Return an amount of nothing in ``currency``, the start of a sum."""
        return cls._computed(_ZERO, currency_code(currency))

    @classmethod
    def _computed(cls, amount: Decimal, currency: str) -> Money:
        """Money hubpartner computed from valid money: a sum, a difference, a rounded
        amount or a quotient. Its magnitude is checked; its places are those of exact
        arithmetic (a quotient keeps 40 significant digits), so they are not."""
        money = cls.__new__(cls)
        object.__setattr__(money, "amount", below_magnitude(amount, amount, field="amount"))
        object.__setattr__(money, "currency", currency)
        return money

    def _same_currency(self, other: Money, operation: Message) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(operation, self.currency, other.currency)

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, _ADD)
        return Money._computed(EXACT.add(self.amount, other.amount), self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, _SUBTRACT)
        return Money._computed(EXACT.subtract(self.amount, other.amount), self.currency)

    def __neg__(self) -> Money:
        return Money._computed(EXACT.minus(self.amount), self.currency)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, _COMPARE)
        return self.amount < other.amount

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, _COMPARE)
        return self.amount <= other.amount

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, _COMPARE)
        return self.amount > other.amount

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, _COMPARE)
        return self.amount >= other.amount

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:f}"

    @property
    def minor_units(self) -> int:
        """Decimal digits of this currency's minor unit, from CLDR (2 for EUR)."""
        return minor_units(self.currency)

    def quantized(self, mode: Rounding = Rounding.HALF_UP) -> Money:
        """Return the amount rounded to the currency's minor unit, for presentation."""
        policy = RoundingPolicy(places=self.minor_units, mode=mode)
        return Money._computed(policy.apply(self.amount), self.currency)

    def format(self, locale: str, *, mode: Rounding = Rounding.HALF_UP) -> str:
        """Return the amount formatted for people in ``locale``, by CLDR.

        The amount is first rounded to the currency's minor unit by ``mode``. A
        ``locale`` CLDR does not know raises
        :class:`~hubpartner.errors.UnknownLocaleError`.

            >>> Money("1234.5", "EUR").format("de_DE")
            '1.234,50\\xa0€'
            >>> Money("1234.5", "JPY").format("en_US")
            '¥1,235'
        """
        from babel.numbers import format_currency

        where = cldr_locale(locale)
        amount = self.quantized(mode).amount
        with decimal.localcontext(presentation_context(amount)):
            return format_currency(amount, self.currency, locale=where)
