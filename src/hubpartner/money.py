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

from ._checks import below_magnitude, cldr_locale, to_number
from .decimals import Rounding, RoundingPolicy, exact_context, presentation_context
from .errors import CurrencyMismatchError, InvalidTypeError, NotMoneyError, UnknownCurrencyError

__all__ = ["NOT_MONEY", "Money", "currency_code", "minor_units"]

#: The ISO 4217 codes that CLDR knows but that name no money, and what each names:
#: they are refused as currencies. (The X-codes of money — XAF, XCD, XCG, XOF and
#: XPF, the CFA and CFP francs, the East Caribbean dollar and the Caribbean guilder —
#: are currencies like any other.)
NOT_MONEY: Mapping[str, str] = MappingProxyType(
    {
        "XAG": "silver",
        "XAU": "gold",
        "XPD": "palladium",
        "XPT": "platinum",
        "XBA": "the European Composite Unit, a bond market unit",
        "XBB": "the European Monetary Unit, a bond market unit",
        "XBC": "the European Unit of Account 9, a bond market unit",
        "XBD": "the European Unit of Account 17, a bond market unit",
        "XDR": "the IMF's special drawing rights, a unit of account",
        "XAD": "the Arab Accounting Dinar, a unit of account",
        "XSU": "the Sucre, a unit of account",
        "XUA": "the ADB Unit of Account",
        "XEU": "the European Currency Unit, a former unit of account",
        "XFO": "the French gold franc, a former unit of account",
        "XFU": "the French UIC franc, a former unit of account",
        "XRE": "RINET funds, a former unit of account",
        "XTS": "testing",
        "XXX": "no currency at all",
    }
)


def currency_code(code: Any, *, field: str = "currency") -> str:
    """Return ``code`` upper-cased if it is an ISO 4217 code of money known to CLDR.

        >>> currency_code("sek")
        'SEK'

    Raises :class:`~hubpartner.errors.UnknownCurrencyError` (a ``LookupError``)
    otherwise — :class:`~hubpartner.errors.NotMoneyError` for a code of
    :data:`NOT_MONEY`, such as ``XAU`` (gold) or ``XTS`` (testing) — or
    :class:`~hubpartner.errors.InvalidTypeError` for a non-string.
    """
    if not isinstance(code, str):
        raise InvalidTypeError(field, code, "a three-letter ISO 4217 code as a str")
    from babel.core import get_global

    normal = code.strip().upper()
    if len(normal) != 3 or normal not in get_global("all_currencies"):
        raise UnknownCurrencyError(code, field)
    if normal in NOT_MONEY:
        raise NotMoneyError(code, NOT_MONEY[normal], field)
    return normal


def minor_units(currency: str) -> int:
    """Return the number of decimal digits of ``currency``'s minor unit, from CLDR.

    >>> minor_units("EUR"), minor_units("JPY")
    (2, 0)
    """
    from babel.numbers import get_currency_precision

    return get_currency_precision(currency_code(currency))


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
        return cls(Decimal(0), currency)

    @classmethod
    def _computed(cls, amount: Decimal, currency: str) -> Money:
        """Money hubpartner computed from valid money: a sum, a difference, a rounded
        amount or a quotient. Its magnitude is checked; its places are those of exact
        arithmetic (a quotient keeps 40 significant digits), so they are not."""
        money = cls.__new__(cls)
        object.__setattr__(money, "amount", below_magnitude(amount, amount, field="amount"))
        object.__setattr__(money, "currency", currency)
        return money

    def _same_currency(self, other: Money, operation: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(operation, self.currency, other.currency)

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "add")
        return Money._computed(exact_context().add(self.amount, other.amount), self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "subtract")
        return Money._computed(exact_context().subtract(self.amount, other.amount), self.currency)

    def __neg__(self) -> Money:
        return Money._computed(exact_context().minus(self.amount), self.currency)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
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
