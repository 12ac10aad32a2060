"""Exact decimal arithmetic and named rounding policies.

hubpartner never reads or changes the caller's decimal context. Sums, differences
and products are computed **exactly** (a local context with the largest precision
the platform allows, and the ``Inexact`` condition trapped). Divisions — by a
currency's USD 100 amount or by a number of partners — cannot always be exact in
decimal, so a value that needs one is computed as an exact ``Fraction`` and turned
into a ``Decimal`` **once, at the end**, by :func:`from_fraction`: exactly when its
decimal expansion terminates, else to :data:`DIVISION_PRECISION` significant digits
with ``ROUND_HALF_EVEN``. No result is a sum or a product of rounded quotients::

    >>> from fractions import Fraction
    >>> from_fraction(Fraction(1000, 88) * 5 + Fraction(1000, 88) / 2)
    Decimal('62.5')

Rounding for people happens only at presentation, by a :class:`RoundingPolicy`::

    >>> from decimal import Decimal
    >>> policy = RoundingPolicy(places=2, mode=Rounding.HALF_UP)
    >>> policy.apply(Decimal("2.345"))
    Decimal('2.35')
    >>> policy.name
    'half-up to 2 places'
"""

from __future__ import annotations

import decimal
import enum
import functools
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ._checks import (
    MAX_EXACT_DIGITS,
    USUAL_TRAPS,
    NamedChoice,
    bounded,
    member,
    new_context,
    to_decimal,
)
from ._said import a_value
from .errors import InvalidTypeError, InvalidValueError
from .messages import Message, message, plural

__all__ = [
    "DIVISION_PRECISION",
    "Rounding",
    "RoundingPolicy",
    "divide",
    "exact_context",
    "from_fraction",
    "presentation_context",
    "to_decimal",
]

#: Significant digits kept by every division whose decimal expansion does not end.
DIVISION_PRECISION = 40

#: The exact values :func:`from_fraction`, :func:`divide` and
#: :meth:`RoundingPolicy.apply` take: at most this many digits above and below the point.
_EXACT_LIMIT = 10**MAX_EXACT_DIGITS


def _exact_expected() -> Message:
    return message(
        "a value whose numerator and denominator have at most {digits} digits",
        digits=MAX_EXACT_DIGITS,
    )


def exact_fraction(value: Fraction | int, *, field: str) -> Fraction | int:
    """``value`` if its numerator and denominator have at most
    :data:`~hubpartner._checks.MAX_EXACT_DIGITS` digits (so that converting it is quick)."""
    if abs(value.numerator) >= _EXACT_LIMIT or value.denominator >= _EXACT_LIMIT:
        raise InvalidValueError(field, value, _exact_expected())
    return value


def _exact_decimal(value: Any, *, field: str) -> Decimal:
    """``value`` if it is a finite ``Decimal`` with at most
    :data:`~hubpartner._checks.MAX_EXACT_DIGITS` digits above and below the point."""
    if not isinstance(value, Decimal):
        raise InvalidTypeError(field, value, a_value(Decimal))
    if not value.is_finite():
        raise InvalidValueError(field, value, message("a finite Decimal"))
    return bounded(value, value, field=field, places=MAX_EXACT_DIGITS, digits=MAX_EXACT_DIGITS)


def _exact() -> decimal.Context:
    return new_context(decimal.MAX_PREC, traps=(*USUAL_TRAPS, decimal.Inexact))


# The contexts hubpartner computes in. Each is a module-level object that is never
# installed as the current context and is used only through its methods (``EXACT.add``,
# ``DIVISION.divide``): building a context costs more than the arithmetic it does, and
# a point is computed in well under that. Nothing reads their flags; the conditions
# that matter are traps, which raise in the caller's thread.
#: A pristine exact context, never computed in: :func:`exact_context` hands out copies.
_EXACT_TEMPLATE = _exact()
#: Exact addition, subtraction and multiplication (see :func:`exact_context`).
EXACT = _exact()
#: Division to :data:`DIVISION_PRECISION` significant digits, half-even.
DIVISION = new_context(DIVISION_PRECISION)
#: Exact arithmetic whose quantize may round (a rounding policy's).
_QUANTIZE = _exact()
_QUANTIZE.traps[decimal.Inexact] = False


def exact_context() -> decimal.Context:
    """Return a new context for exact addition, subtraction and multiplication.

    Its precision is the largest the platform allows, so those operations never
    round, and any operation that would have to round raises ``decimal.Inexact``.
    Never divide in it: use :func:`divide`. Each call returns a fresh copy, which the
    caller may change.
    """
    return _EXACT_TEMPLATE.copy()


def exact_sum(values: Iterable[Decimal | int]) -> Decimal:
    """The sum of ``values``, exactly, whatever the current decimal context (the
    built-in ``sum`` adds in it, so a narrow one rounds).

        >>> exact_sum([Decimal("0.1"), 2, Decimal("1E+30")])
        Decimal('1000000000000000000000000000002.1')
        >>> exact_sum([])
        Decimal('0')
    """
    return functools.reduce(EXACT.add, values, Decimal(0))


def from_fraction(value: Fraction | int) -> Decimal:
    """Return ``value`` as a ``Decimal``, converted once and independently of the
    caller's decimal context.

    The result is exact when the decimal expansion of ``value`` terminates (its
    denominator has no prime factor but 2 and 5), however many digits that takes;
    otherwise it is ``value`` correctly rounded, half-even, to
    :data:`DIVISION_PRECISION` significant digits.

        >>> from_fraction(Fraction(125, 2))
        Decimal('62.5')
        >>> from_fraction(Fraction(2, 3))
        Decimal('0.6666666666666666666666666666666666666667')
    """
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise InvalidTypeError("value", value, message("a Fraction or an int"))
    exact_fraction(value, field="value")
    return fraction_decimal(value.numerator, value.denominator)  # in lowest terms


def fraction_decimal(numerator: int, denominator: int) -> Decimal:
    """:func:`from_fraction` of ``numerator / denominator``, ints in lowest terms
    (``denominator`` > 0) that the caller has bounded: no check, no ``Fraction``."""
    twos = (denominator & -denominator).bit_length() - 1
    rest = denominator >> twos
    fives = 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return DIVISION.divide(Decimal(numerator), Decimal(denominator))
    places = max(twos, fives)
    return Decimal(numerator * (10**places // denominator)).scaleb(-places, EXACT)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Return ``numerator / denominator`` by :func:`from_fraction`'s rule: exact when
    the quotient terminates, else to :data:`DIVISION_PRECISION` significant digits.

        >>> divide(Decimal(1000), Decimal(88))
        Decimal('11.36363636363636363636363636363636363636')
    """
    top = _exact_decimal(numerator, field="numerator")
    bottom = _exact_decimal(denominator, field="denominator")
    if bottom.is_zero():
        raise InvalidValueError("denominator", denominator, message("a Decimal other than 0"))
    return from_fraction(Fraction(top) / Fraction(bottom))


class Rounding(NamedChoice):
    """A rounding mode, by the name people use for it."""

    FIELD = enum.nonmember("mode")

    HALF_UP = "half-up"
    HALF_EVEN = "half-even"
    HALF_DOWN = "half-down"
    UP = "up"
    DOWN = "down"
    CEILING = "ceiling"
    FLOOR = "floor"

    @classmethod
    def from_name(cls, value: Any, *, field: str = "mode") -> Rounding:
        """Return the mode named ``value`` (``'half-up'`` …), or a mode unchanged."""
        return member(cls, value, field=field)

    @property
    def decimal_mode(self) -> str:
        """The matching constant of the :mod:`decimal` module."""
        return _DECIMAL_MODES[self]

    @property
    def label(self) -> Message:
        """The mode's name for people, a message said in every language.

        >>> from hubpartner.messages import translate
        >>> Rounding.HALF_UP.label, translate(Rounding.HALF_UP.label, "it")
        ('half-up', 'metà per eccesso')
        """
        return _labels()[self]


_DECIMAL_MODES = {
    Rounding.HALF_UP: decimal.ROUND_HALF_UP,
    Rounding.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    Rounding.HALF_DOWN: decimal.ROUND_HALF_DOWN,
    Rounding.UP: decimal.ROUND_UP,
    Rounding.DOWN: decimal.ROUND_DOWN,
    Rounding.CEILING: decimal.ROUND_CEILING,
    Rounding.FLOOR: decimal.ROUND_FLOOR,
}


def _labels() -> dict[Rounding, Message]:
    # Translators: the names of rounding modes, as in "half-up to 2 places"
    return {
        Rounding.HALF_UP: message("half-up"),
        Rounding.HALF_EVEN: message("half-even"),
        Rounding.HALF_DOWN: message("half-down"),
        Rounding.UP: message("up"),
        Rounding.DOWN: message("down"),
        Rounding.CEILING: message("ceiling"),
        Rounding.FLOOR: message("floor"),
    }


#: The most decimal places a policy may round to.
MAX_PLACES = 18


def _check_places(instance: object, attribute: attrs.Attribute[int], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(attribute.name, value, message("an int number of decimal places"))
    if not 0 <= value <= MAX_PLACES:
        raise InvalidValueError(
            attribute.name,
            value,
            message("a number of decimal places from 0 to {maximum}", maximum=MAX_PLACES),
        )


@attrs.frozen
class RoundingPolicy:
    """How a value is rounded when it is shown: a number of places and a mode.

    Nothing inside hubpartner is rounded; a policy is applied only to produce a
    value for people (a table, a dashboard, a JSON field).
    """

    places: int = attrs.field(validator=_check_places)
    mode: Rounding = attrs.field(converter=Rounding)

    @property
    def name(self) -> Message:
        """A human name for the policy, such as ``'half-up to 2 places'``: a message,
        English as text, that :meth:`describe` says in other languages."""
        return plural(
            "{mode} to {count} place",
            "{mode} to {count} places",
            count=self.places,
            mode=self.mode.label,
        )

    def describe(self, locale: str = "en") -> str:
        """The policy's :attr:`name` in ``locale``'s words (a locale hubpartner speaks).

        >>> RoundingPolicy(1, Rounding.HALF_EVEN).describe("sv")
        'halvt till jämnt till 1 decimal'
        """
        from ._said import said_in

        return said_in(self.name, locale)

    @property
    def unit(self) -> Decimal:
        """The smallest step a presented value can take, e.g. ``Decimal('0.01')``."""
        return Decimal(1).scaleb(-self.places, EXACT)

    def apply(self, value: Decimal | Fraction | int) -> Decimal:
        """Return ``value`` rounded to :attr:`places` by :attr:`mode`.

        A ``Fraction`` is rounded exactly, as if it had infinitely many digits:

            >>> from fractions import Fraction
            >>> RoundingPolicy(0, Rounding.HALF_UP).apply(Fraction(100, 7))
            Decimal('14')
            >>> RoundingPolicy(1, Rounding.HALF_UP).apply(Fraction(-29, 2))
            Decimal('-14.5')
        """
        if isinstance(value, Decimal):
            return _exact_decimal(value, field="value").quantize(
                self.unit, rounding=self.mode.decimal_mode, context=_QUANTIZE
            )
        if isinstance(value, bool) or not isinstance(value, Fraction | int):
            raise InvalidTypeError("value", value, message("a Decimal, a Fraction or an int"))
        return self._apply_fraction(Fraction(exact_fraction(value, field="value")))

    def _apply_fraction(self, value: Fraction) -> Decimal:
        # Every rounding mode depends only on the sign, the integer part below the
        # value and whether what lies above it is 0, under a half, a half or more.
        # A stand-in decimal with the same four facts rounds exactly like the value.
        scaled = value * 10**self.places
        whole, rest = divmod(scaled.numerator, scaled.denominator)
        twice = 2 * rest
        if rest == 0:
            tail = Decimal(0)
        elif twice < scaled.denominator:
            tail = Decimal("0.25")
        elif twice == scaled.denominator:
            tail = Decimal("0.5")
        else:
            tail = Decimal("0.75")
        stand_in = EXACT.add(Decimal(whole), tail)
        rounded = stand_in.quantize(Decimal(1), rounding=self.mode.decimal_mode, context=_QUANTIZE)
        return rounded.scaleb(-self.places, EXACT)

    def with_places(self, places: int) -> RoundingPolicy:
        """Return the same mode at another number of places (e.g. a currency's)."""
        return attrs.evolve(self, places=places)


def presentation_context(value: Decimal) -> decimal.Context:
    """Return a context wide enough to format ``value`` without rounding it.

    Formatting libraries compute in the current context; hubpartner installs this
    one around them so that a caller's narrow global context cannot change a
    displayed number.
    """
    digits = len(to_decimal(value, field="value").as_tuple().digits)
    return new_context(max(DIVISION_PRECISION, digits + 20))
