"""The rule by which hubpartner turns an exact fraction into a ``Decimal``, written out
by hand for the tests to compare with (no tests here)."""

import decimal
from decimal import Decimal


def expansion(value):
    """``value`` (a ``Fraction``) with every digit of its decimal expansion when that
    ends, in as few places as it needs (none for a whole number); else rounded
    half-even to 40 significant digits."""
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        context = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)
        return context.divide(Decimal(value.numerator), Decimal(value.denominator))
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    whole = int(value * 10**places)
    return Decimal((int(whole < 0), tuple(int(digit) for digit in str(abs(whole))), -places))
