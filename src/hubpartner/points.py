"""Points from MRR: the points calculator of the partner dashboard.

Points are earned per USD 100 of monthly recurring revenue (or the local amount a
rule set treats as USD 100), at a rate that depends on the track, doubled (by the
rule set's growth multiplier) for a client located in a growth market::

    >>> from datetime import date
    >>> from hubpartner import Money, Track, points, rules
    >>> current = rules.for_date(date(2025, 8, 1))
    >>> points.managed_points(Money("1000", "USD"), market="US", rules=current)
    Decimal('10')
    >>> points.sold_points(Money("1000", "USD"), track=Track.SOURCED, market="IN", rules=current)
    Decimal('100')

Every result is computed as an exact fraction and turned into a ``Decimal`` once, at
the end: exactly when its decimal expansion terminates, else correctly rounded to 40
significant digits. No result is a sum or a multiple of rounded quotients, so a total
that is exactly 62.5 is ``Decimal('62.5')``. Round only to show a value, with
:func:`present`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import Any, NamedTuple

import attrs

from ._cache import remember
from ._checks import (
    MAX_MAGNITUDE,
    MAX_PARTNERS,
    MAX_POINT_PLACES,
    boolean,
    to_points,
    whole_number,
)
from ._said import plain
from .decimals import (
    DIVISION,
    DIVISION_PRECISION,
    EXACT,
    RoundingPolicy,
    exact_fraction,
    fraction_decimal,
    from_fraction,
    to_decimal,
)
from .errors import InvalidAmountError, InvalidTypeError, InvalidValueError
from .messages import message
from .money import Money, currency_code
from .rules import ProgramRules, Track

__all__ = [
    "PointsEstimate",
    "Track",
    "allocate",
    "estimate",
    "managed_points",
    "managed_shares",
    "money_to_points",
    "points_to_money",
    "present",
    "sold_points",
]


def _mrr(value: Any, field: str) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(field, value, message("a Money, such as Money('1000', 'USD')"))
    if value.amount < 0:
        raise InvalidAmountError(field, value, message("an amount of 0 or more"))
    return value


def _rules(value: Any) -> ProgramRules:
    if not isinstance(value, ProgramRules):
        raise InvalidTypeError(
            "rules", value, message("a ProgramRules, such as rules.for_date(date(2025, 8, 1))")
        )
    return value


def _track(value: Any, *, sold_only: bool) -> Track:
    if not isinstance(value, Track):
        raise InvalidTypeError("track", value, message("a Track, such as Track.SOURCED"))
    if sold_only and not value.is_sold:
        raise InvalidValueError(
            "track", value, message("a sold track, Track.SOURCED or Track.ASSISTED")
        )
    return value


#: How many entries a rule set keeps of the points factors it derived for the
#: calculator — one per (market, currency) pair, and one per estimate by (market,
#: currency, track, partners) — before it empties its cache (see
#: :func:`hubpartner._cache.remember`).
FACTORS_KEPT = 4096


class _Factor(NamedTuple):
    """An exact factor ``p / q`` in lowest terms that an amount is multiplied by."""

    p_decimal: Decimal
    q_decimal: Decimal
    p: int
    q: int
    #: The part of ``q`` prime to 10: the product with an amount has a finite decimal
    #: expansion exactly when it divides the amount's numerator.
    rest: int
    #: Whether the 2s and 5s of ``q`` are few enough for an estimate's values to be
    #: plainly within bounds (see :data:`_ROOM`).
    roomy: bool


class _Rates(NamedTuple):
    """A rule set's factors for an amount of a currency from a client in a market."""

    sourced: _Factor
    assisted: _Factor
    managed: _Factor
    #: growth multiplier / USD 100 amount, which a rate multiplies
    base: _Factor


#: An estimate's values are plainly numbers of points — below 10^15, of at most
#: MAX_POINT_PLACES (100) places — when each is below 10^15 and not below 10^-60
#: (40 significant digits of a division end by 10^-99), the amount has at most 10
#: places (its denominator has at most 33 2s and 14 5s) and the factors' denominators
#: have at most 60 2s and 60 5s (an exact product has at most 33 + 60 places): then
#: the checks of PointsEstimate's constructor would all pass.
_ROOM = 60
_PLAIN_DENOMINATOR = 10**10
_MAGNITUDE_DIGITS = len(str(MAX_MAGNITUDE)) - 1
_ZERO = Decimal(0)


def _factor(numerator: int, denominator: int) -> _Factor:
    """The factor ``numerator / denominator`` (``denominator`` > 0)."""
    common = gcd(numerator, denominator)
    p, q = numerator // common, denominator // common
    twos = (q & -q).bit_length() - 1
    rest, fives = q >> twos, 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    return _Factor(Decimal(p), Decimal(q), p, q, rest, max(twos, fives) <= _ROOM)


def _times(amount: Decimal, factor: _Factor) -> Decimal:
    """``from_fraction(Fraction(amount) * p / q)`` for the factor ``p / q``."""
    numerator, denominator = amount.as_integer_ratio()
    return _product(amount, numerator, denominator, factor)


def _product(amount: Decimal, numerator: int, denominator: int, factor: _Factor) -> Decimal:
    """:func:`_times` of ``amount``, whose integer ratio is ``numerator / denominator``:
    one correctly rounded division to 40 digits when the product does not terminate,
    else the exact product in its shortest form."""
    p_decimal, q_decimal, p, q, rest, _ = factor
    if numerator % rest:
        return DIVISION.divide(EXACT.multiply(amount, p_decimal), q_decimal)
    top, bottom = numerator * p, denominator * q
    common = gcd(top, bottom)
    return fraction_decimal(top // common, bottom // common)


def _exactly(amount: Decimal, factor: _Factor) -> Fraction:
    """``Fraction(amount) * p / q`` for the factor ``p / q``."""
    numerator, denominator = amount.as_integer_ratio()
    return Fraction(numerator * factor.p, denominator * factor.q)


def _rates(rules: ProgramRules, market: str, currency: str) -> _Rates:
    """The factors of ``rules`` for an amount of ``currency`` (a code a Money holds)
    from a client in ``market``: sourced, assisted and managed points per unit of the
    amount (rate x growth multiplier / USD 100 amount), and the growth multiplier /
    USD 100 amount alone. The currency's rate is looked up first (it may be missing),
    then the market is checked; the rule set keeps the factors only once both are."""
    key = (market, currency)
    cache = rules._derived
    try:
        found: _Rates | None = cache.get(key)
    except TypeError:  # an unhashable market, refused by name below
        found = None
    if found is None:
        usd_100 = rules.usd_100_in(currency).as_integer_ratio()
        multiplier = rules.market_multiplier(market).as_integer_ratio()
        top, bottom = multiplier[0] * usd_100[1], multiplier[1] * usd_100[0]
        rates = rules.points_per_usd_100
        sourced, assisted, managed = (
            _factor(top * rate[0], bottom * rate[1])
            for rate in (
                rates.sourced.as_integer_ratio(),
                rates.assisted.as_integer_ratio(),
                rates.managed.as_integer_ratio(),
            )
        )
        found = _Rates(sourced, assisted, managed, _factor(top, bottom))
        remember(cache, key, found, size=FACTORS_KEPT)
    return found


def sold_points(
    mrr: Money,
    *,
    track: Track,
    market: str,
    rules: ProgramRules,
    product_line_first_sold: date | None = None,
) -> Decimal:
    """Return the sold points that ``mrr`` of a client in ``market`` earns on ``track``.

    ``track`` is :attr:`Track.SOURCED` or :attr:`Track.ASSISTED`. Give
    ``product_line_first_sold`` for an upsell: a product line first sold before the
    rule set's legacy cut-off (2024-02-27) earns the legacy rate (3, not 5).

        >>> from hubpartner import rules
        >>> march_2024 = rules.for_date(date(2024, 3, 1))
        >>> sold_points(Money("1000", "USD"), track=Track.SOURCED, market="US",
        ...             rules=march_2024, product_line_first_sold=date(2021, 10, 1))
        Decimal('30')
    """
    if product_line_first_sold is None and isinstance(rules, ProgramRules):
        # The rule set's factors for a market and currency it has seen: the market was
        # checked then, a Money's currency always is, and its amount is checked here.
        try:
            rates = rules._derived[market, mrr.currency]
        except (KeyError, TypeError, AttributeError):  # unseen, unhashable, no Money
            rates = None
        if (
            rates is not None
            and (track is Track.SOURCED or track is Track.ASSISTED)
            and isinstance(mrr, Money)
            and not mrr.amount.is_signed()
        ):
            return _times(mrr.amount, rates[track is Track.ASSISTED])
    factor = _sold(mrr, track, market, rules, product_line_first_sold)
    return _times(mrr.amount, factor)


def _sold(
    mrr: Money, track: Track, market: str, rules: ProgramRules, first_sold: date | None
) -> _Factor:
    mrr = _mrr(mrr, "mrr")
    rules = _rules(rules)
    track = _track(track, sold_only=True)
    rate = rules.rate(track, product_line_first_sold=first_sold)
    rates = _rates(rules, market, mrr.currency)
    if rate == rules.points_per_usd_100.for_track(track):
        return rates.sourced if track is Track.SOURCED else rates.assisted
    per_100 = rate.as_integer_ratio()  # an upsell's legacy rate
    return _factor(rates.base.p * per_100[0], rates.base.q * per_100[1])


def managed_points(mrr: Money, *, market: str, rules: ProgramRules, partners: int = 1) -> Decimal:
    """Return one partner's managed points for servicing a client paying ``mrr``.

    When ``partners`` partners service the client, the managed credit is divided
    equally among them.
    """
    factor = _managed(mrr, market, rules, partners)
    return _times(mrr.amount, factor)


def _managed(mrr: Money, market: str, rules: ProgramRules, partners: int) -> _Factor:
    mrr = _mrr(mrr, "mrr")
    rules = _rules(rules)
    partners = _partners(partners, field="partners")
    whole = _rates(rules, market, mrr.currency).managed
    return whole if partners == 1 else _factor(whole.p, whole.q * partners)


def _partners(value: Any, *, field: str, others: bool = False) -> int:
    """The number of partners sharing a client, from 1 to
    :data:`~hubpartner._checks.MAX_PARTNERS`; with ``others``, the partners besides
    you (from 0)."""
    if others:
        return whole_number(value, field=field, minimum=0, maximum=MAX_PARTNERS - 1)
    return whole_number(value, field=field, minimum=1, maximum=MAX_PARTNERS)


def _sharing(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    whole_number(value, field=attribute.name, minimum=0, maximum=MAX_PARTNERS)


def _sum_of_parts(estimate: PointsEstimate) -> Decimal:
    return EXACT.add(estimate.sold, estimate.managed)


@attrs.frozen
class PointsEstimate:
    """The points calculator's answer: estimated ``sold``, ``managed`` and ``total``.

    ``partners`` is how many partners share the managed points (you included), or
    0 when you will not manage the client. :func:`estimate` computes ``total`` from
    the exact points, so it is exactly ``sold + managed`` whenever both are exact
    and never a sum of rounded values (given none, it is ``sold + managed``).
    """

    sold: Decimal = attrs.field(converter=to_points)
    managed: Decimal = attrs.field(converter=to_points)
    partners: int = attrs.field(validator=_sharing)
    total: Decimal = attrs.field(
        default=attrs.Factory(_sum_of_parts, takes_self=True), converter=to_points
    )

    def __attrs_post_init__(self) -> None:
        # sold, managed and total may each be rounded to DIVISION_PRECISION digits
        parts = _sum_of_parts(self)
        error = EXACT.abs(EXACT.subtract(self.total, parts))
        if error > EXACT.scaleb(parts, Decimal(2 - DIVISION_PRECISION)):
            raise InvalidValueError(
                "total",
                self.total,
                message(
                    "sold + managed ({sum}) to {digits} significant digits",
                    sum=plain(parts),
                    digits=DIVISION_PRECISION,
                ),
            )

    @classmethod
    def _computed(
        cls, sold: Decimal, managed: Decimal, partners: int, total: Decimal
    ) -> PointsEstimate:
        """The estimate :func:`estimate` computed from checked arguments, whose values
        are plainly within bounds (see :data:`_ROOM`) and whose total is the exact sum
        converted once: what the constructor would check holds already."""
        made = cls.__new__(cls)
        object.__setattr__(made, "sold", sold)
        object.__setattr__(made, "managed", managed)
        object.__setattr__(made, "partners", partners)
        object.__setattr__(made, "total", total)
        return made


def estimate(
    amount: Money,
    *,
    market: str,
    track: Track,
    manage: bool,
    other_partners: int = 0,
    rules: ProgramRules,
) -> PointsEstimate:
    """Return the dashboard calculator's estimate for selling ``amount`` of MRR.

    ``amount`` is the sold amount in the client's currency and ``market`` the
    client's country. With ``manage=True`` you also service the client, sharing its
    managed points with ``other_partners`` other partners.

        >>> from hubpartner import rules
        >>> result = estimate(Money("1000", "USD"), market="US", track=Track.SOURCED,
        ...                   manage=True, other_partners=1,
        ...                   rules=rules.for_date(date(2025, 8, 1)))
        >>> result.sold, result.managed, result.total
        (Decimal('50'), Decimal('5'), Decimal('55'))

    Each value is converted once from the exact points; the total of sold and
    managed points that do not terminate may well do so (EUR 1000 in Germany under
    the 2025 rules, sharing with one other partner, totals exactly 62.5).
    """
    if (
        type(other_partners) is int  # not a bool
        and (
            (manage is True and 0 <= other_partners < MAX_PARTNERS)
            or (manage is False and other_partners == 0)
        )
        and isinstance(rules, ProgramRules)
        and (track is Track.SOURCED or track is Track.ASSISTED)
    ):
        partners = other_partners + 1 if manage else 0
        # An estimate the rule set has made: every argument was checked then, but the
        # amount, checked here (its currency is a Money's).
        try:
            factors = rules._derived[market, amount.currency, track is Track.ASSISTED, partners]
        except (KeyError, TypeError, AttributeError):  # unseen, unhashable, no Money
            factors = None
        if factors is not None and isinstance(amount, Money) and not amount.amount.is_signed():
            sold, managed, total, roomy = factors
            mrr = amount.amount
            numerator, denominator = mrr.as_integer_ratio()
            if roomy and denominator <= _PLAIN_DENOMINATOR:
                sold_value = _product(mrr, numerator, denominator, sold)
                managed_value = (
                    _ZERO if managed is None else _product(mrr, numerator, denominator, managed)
                )
                total_value = _product(mrr, numerator, denominator, total)
                if (
                    -_ROOM <= sold_value.adjusted() < _MAGNITUDE_DIGITS
                    and -_ROOM <= managed_value.adjusted() < _MAGNITUDE_DIGITS
                    and -_ROOM <= total_value.adjusted() < _MAGNITUDE_DIGITS
                ):
                    return PointsEstimate._computed(
                        sold_value, managed_value, partners, total_value
                    )
    return _estimate(amount, market, track, manage, other_partners, rules)


def _estimate(
    amount: Money,
    market: str,
    track: Track,
    manage: bool,
    other_partners: int,
    rules: ProgramRules,
) -> PointsEstimate:
    amount = _mrr(amount, "amount")
    boolean(manage, field="manage")
    other_partners = _partners(other_partners, field="other_partners", others=True)
    if not manage and other_partners:
        raise InvalidValueError(
            "other_partners",
            other_partners,
            message("0 when manage=False: other partners share only the managed points"),
        )
    sold = _sold(amount, track, market, rules, None)
    partners = other_partners + 1 if manage else 0
    managed = _managed(amount, market, rules, partners) if manage else None
    total = sold
    if managed is not None:
        total = _factor(sold.p * managed.q + managed.p * sold.q, sold.q * managed.q)
    remember(
        rules._derived,
        (market, amount.currency, track is Track.ASSISTED, partners),
        (sold, managed, total, sold.roomy and total.roomy and (managed is None or managed.roomy)),
        size=FACTORS_KEPT,
    )
    mrr = amount.amount
    return PointsEstimate(
        sold=_times(mrr, sold),
        managed=Decimal(0) if managed is None else _times(mrr, managed),
        partners=partners,
        total=_times(mrr, total),
    )


def money_to_points(amount: Money, *, track: Track, market: str, rules: ProgramRules) -> Decimal:
    """Return the points ``amount`` of MRR is worth on ``track`` (the currency tab).

    >>> from hubpartner import rules
    >>> money_to_points(Money("880", "EUR"), track=Track.SOURCED, market="DE",
    ...                 rules=rules.for_date(date(2025, 8, 1)))
    Decimal('50')
    """
    amount = _mrr(amount, "amount")
    rules = _rules(rules)
    rate = rules.rate(_track(track, sold_only=False))
    return _times(amount.amount, _factor_of(rules, rate, market, amount.currency))


def _factor_of(rules: ProgramRules, rate: Decimal, market: str, currency: str) -> _Factor:
    base = _rates(rules, market, currency).base
    per_100 = rate.as_integer_ratio()
    return _factor(base.p * per_100[0], base.q * per_100[1])


def points_to_money(
    points: Decimal | int | str,
    *,
    currency: str,
    track: Track,
    market: str,
    rules: ProgramRules,
) -> Money:
    """Return the MRR in ``currency`` that earns ``points`` on ``track`` (the currency tab).

    The inverse of :func:`money_to_points`: the amount is exact when its decimal
    expansion terminates, and then ``money_to_points`` gives ``points`` back exactly;
    otherwise it is correct to 40 significant digits — use :meth:`Money.quantized` to
    show it.

        >>> from hubpartner import rules
        >>> points_to_money(50, currency="JPY", track=Track.SOURCED, market="JP",
        ...                 rules=rules.for_date(date(2025, 8, 1)))
        Money(amount=Decimal('144000'), currency='JPY')
    """
    value = to_decimal(points, field="points", places=MAX_POINT_PLACES)
    if value < 0:
        raise InvalidAmountError("points", points, message("a number of points of 0 or more"))
    rules = _rules(rules)
    track = _track(track, sold_only=False)
    per_usd_100 = Fraction(rules.rate(track)) * Fraction(rules.market_multiplier(market))
    if per_usd_100 == 0:
        raise InvalidValueError(
            "track",
            track,
            message(
                "a track that earns points under the rules of {effective}",
                effective=rules.effective,
            ),
        )
    usd_100 = rules.usd_100_in(currency)
    amount = Fraction(value) * Fraction(usd_100) / per_usd_100
    if amount >= MAX_MAGNITUDE:
        raise InvalidAmountError(
            "points",
            points,
            message(
                "points worth less than {currency} 10^15 under these rules",
                currency=currency_code(currency),
            ),
        )
    return Money._computed(from_fraction(amount), currency_code(currency))


def allocate(
    points: Decimal | Fraction, partners: int, *, rounding: RoundingPolicy
) -> tuple[Decimal, ...]:
    """Split ``points`` into ``partners`` presented shares that add up exactly.

    ``points`` is a ``Decimal`` (an ``int`` or a numeric ``str``) or an exact
    ``Fraction``. The whole is rounded once by ``rounding``; it is then divided into
    units of that precision, every partner gets the same number of units, and the
    units left over go one each to the first partners. Shares differ by at most one
    unit.

        >>> from hubpartner import Rounding, RoundingPolicy
        >>> allocate(Decimal(10), 3, rounding=RoundingPolicy(2, Rounding.HALF_UP))
        (Decimal('3.34'), Decimal('3.33'), Decimal('3.33'))
    """
    value = (
        _fraction_points(points)
        if isinstance(points, Fraction)
        else to_decimal(points, field="points", places=MAX_POINT_PLACES)
    )
    if value < 0:
        raise InvalidAmountError("points", points, message("a number of points of 0 or more"))
    partners = _partners(partners, field="partners")
    if not isinstance(rounding, RoundingPolicy):
        raise InvalidTypeError(
            "rounding", rounding, message("a RoundingPolicy, such as rules.rounding")
        )
    units = int(rounding.apply(value).scaleb(rounding.places, EXACT))
    each, left_over = divmod(units, partners)
    return tuple(
        Decimal(each + (1 if i < left_over else 0)).scaleb(-rounding.places, EXACT)
        for i in range(partners)
    )


def managed_shares(
    mrr: Money, *, market: str, rules: ProgramRules, partners: int
) -> tuple[Decimal, ...]:
    """Return each partner's presented managed points when ``partners`` service a client.

    The shares add up exactly to the client's whole managed points as presented by
    the rule set's rounding policy (see :func:`allocate`), rounded from the exact
    whole, never from a rounded one.
    """
    factor = _managed(mrr, market, rules, 1)
    whole = _exactly(mrr.amount, factor)
    return allocate(whole, partners, rounding=_rules(rules).rounding)


def present(value: Decimal, *, rules: ProgramRules) -> Decimal:
    """Return points rounded for people by the rule set's presentation policy.

    >>> from hubpartner import rules
    >>> present(Decimal("56.818181"), rules=rules.for_date(date(2025, 8, 1)))
    Decimal('56.82')
    """
    points = to_decimal(value, field="value", places=MAX_POINT_PLACES)
    if points < 0:
        raise InvalidAmountError("value", value, message("a number of points of 0 or more"))
    return _rules(rules).rounding.apply(points)


def _fraction_points(value: Fraction) -> Fraction:
    """Exact points below :data:`~hubpartner._checks.MAX_MAGNITUDE` in magnitude, in
    digits the rounding takes."""
    if abs(value) >= MAX_MAGNITUDE:
        raise InvalidAmountError("points", value, message("a number of points below 10^15"))
    return Fraction(exact_fraction(value, field="points"))
