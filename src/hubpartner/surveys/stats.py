"""Statistics of survey scores: confidence levels, intervals, comparisons, sample sizes.

Descriptive values stay exact (``Fraction``); what needs a square root, the normal
or Student's t distribution — standard errors, intervals, z and p — is a ``float``.
Student's t is computed here with the standard library alone
(:func:`student_t_quantile`).

    >>> sample_size(5)
    1537
"""

from __future__ import annotations

import enum
import math
import numbers
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Self

import attrs

from .._checks import (
    MAX_COUNT,
    MAX_MAGNITUDE,
    MAX_T_CDF_DEGREES,
    Choice,
    instance_of,
    member,
    whole_number,
)
from ..decimals import Rounding, RoundingPolicy
from ..errors import InvalidTypeError, InvalidValueError
from ..messages import Message, message

__all__ = [
    "Interval",
    "IntervalMethod",
    "NetScore",
    "NpsComparison",
    "compare",
    "confidence_level",
    "sample_size",
    "student_t_cdf",
    "student_t_quantile",
    "t_critical_value",
    "wilson",
]

_NORMAL = NormalDist()

# The statistics an empty tally has none of, as its errors name them.
# Translators: a statistic of a survey tally, as in "the NPS tally has
# no answers, so its score is undefined".
SCORE = message("score")
# Translators: a statistic: the share of answers that are promoters (9-10).
PROMOTER_SHARE = message("promoter share")
# Translators: a statistic: the share of answers that are detractors (0-6).
DETRACTOR_SHARE = message("detractor share")
# Translators: a statistic of a survey tally (the sample variance).
VARIANCE = message("variance")
# Translators: a statistic of a survey tally: its confidence interval.
INTERVAL = message("interval")


class _Bounds(NamedTuple):
    low: float
    high: float


class Interval(_Bounds):
    """A confidence interval: ``low`` and ``high``, in the statistic's own units (real
    numbers, kept as floats, ``low`` not above ``high``).

    Each bound is finite and within a float's range: an infinity, or a number too
    large for a float (``10**400``), raises
    :class:`~hubpartner.errors.InvalidValueError`.
    """

    __slots__ = ()

    def __new__(cls, low: float, high: float) -> Self:
        first, last = _finite(low, field="low"), _finite(high, field="high")
        if last < first:
            raise InvalidValueError(
                "high", high, message("a number of at least low ({low})", low=first)
            )
        return super().__new__(cls, first, last)


class IntervalMethod(Choice):
    """How an NPS interval is computed.

    ``WALD`` uses the observed shares. ``ADJUSTED_WALD`` (Rocks 2016, *The American
    Statistician* 70:365-372) first adds 3/4 of a promoter and 3/4 of a detractor,
    so 3 answers in all, which keeps the coverage near the nominal level for small
    samples and extreme scores.
    """

    FIELD = enum.nonmember("method")

    WALD = "wald"
    ADJUSTED_WALD = "adjusted-wald"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    @classmethod
    def from_name(cls, value: Any, *, field: str = "method") -> IntervalMethod:
        """Return the method named ``value`` (``"wald"`` or ``"adjusted-wald"``)."""
        return member(cls, value, field=field, expected=message("'adjusted-wald' or 'wald'"))


def confidence_level(value: Any, *, field: str = "confidence") -> float:
    """Return ``value`` as a float strictly between 0 and 1 (not a bool, not NaN)."""
    expected = message("a number between 0 and 1, such as 0.95")
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise InvalidTypeError(field, value, expected)
    if isinstance(value, Decimal) and not value.is_finite():  # a signaling NaN has no float
        raise InvalidValueError(field, value, expected)
    try:
        level = float(value)
    except OverflowError:  # an int or a Fraction too large for a float
        level = math.inf
    if not 0 < level < 1:  # also refuses NaN
        raise InvalidValueError(field, value, expected)
    return level


def _real(value: Any, *, field: str) -> float:
    """Return ``value`` as a float if it is a real number (not a bool, not NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise InvalidTypeError(field, value, message("a real number"))
    if isinstance(value, Decimal) and value.is_nan():
        raise InvalidValueError(field, value, _not_nan())
    try:
        number = float(value)
    except OverflowError:  # an int or a Fraction too large for a float
        large: Any = value
        number = math.inf if large > 0 else -math.inf
    if math.isnan(number):
        raise InvalidValueError(field, value, _not_nan())
    return number


def _not_nan() -> Message:
    return message("a real number, not NaN")


def _finite(value: Any, *, field: str) -> float:
    """Return ``value`` as a float if it is a real number a float holds, not an infinity
    (nor NaN, nor a number beyond a float's range)."""
    number = _real(value, field=field)
    if not math.isfinite(number):
        raise InvalidValueError(
            field, value, message("a finite real number within a float's range (about ±1.8e308)")
        )
    return number


def rounding_policy(places: Any, rounding: Any) -> RoundingPolicy:
    """The policy that rounds a score for presentation, from the ``places`` and
    ``rounding`` arguments of a ``rounded`` method (an error names them)."""
    return RoundingPolicy(places, Rounding.from_name(rounding, field="rounding"))


def critical_value(confidence: float) -> float:
    """Return z such that a standard normal lies within ±z with ``confidence``."""
    return _NORMAL.inv_cdf(0.5 + confidence / 2)


#: Degrees of freedom from which the t quantile is the Cornish-Fisher expansion alone
#: (there it agrees with Newton's method within 1e-9 up to a confidence of 0.9999999).
EXPANSION_FROM_DF = 1000
#: Newton steps stop when a step is below this share of the quantile ...
_STEP_TOLERANCE = 1e-12
#: ... or after this many steps (from the normal quantile, a few suffice).
_MAX_STEPS = 100


def _degrees_of_freedom(df: Any, maximum: int) -> int:
    if isinstance(df, bool) or not isinstance(df, int):
        raise InvalidTypeError(
            "df", df, message("an int number of degrees of freedom of 1 or more")
        )
    if not 1 <= df <= maximum:
        raise InvalidValueError(
            "df",
            df,
            message("an int number of degrees of freedom from 1 to {most}", most=maximum),
        )
    return df


def student_t_cdf(t: float, df: int) -> float:
    """Return P(T <= ``t``) for Student's t with ``df`` (whole) degrees of freedom.

    Computed by the finite sums of Abramowitz and Stegun 26.7.3 (odd ``df``) and
    26.7.4 (even ``df``), in ``df/2`` terms, so ``df`` is at most a million
    (:data:`~hubpartner._checks.MAX_T_CDF_DEGREES`).

        >>> round(student_t_cdf(2.228, 10), 4)
        0.975
    """
    df = _degrees_of_freedom(df, MAX_T_CDF_DEGREES)
    t = _real(t, field="t")
    theta = math.atan(abs(t) / math.sqrt(df))
    squared = math.cos(theta) ** 2
    total = 0.0
    if df % 2:  # cos + 2/3 cos^3 + 2.4/(3.5) cos^5 + ... (up to cos^(df-2))
        term = math.cos(theta)
        for k in range(1, (df - 1) // 2 + 1):
            total += term
            term *= 2 * k / (2 * k + 1) * squared
        both_sides = 2 / math.pi * (theta + math.sin(theta) * total)
    else:  # 1 + 1/2 cos^2 + 1.3/(2.4) cos^4 + ... (up to cos^(df-2))
        term = 1.0
        for k in range(1, df // 2 + 1):
            total += term
            term *= (2 * k - 1) / (2 * k) * squared
        both_sides = math.sin(theta) * total
    return 0.5 + math.copysign(both_sides / 2, t)


def _t_density(t: float, df: int) -> float:
    log = (
        math.lgamma((df + 1) / 2)
        - math.lgamma(df / 2)
        - math.log(df * math.pi) / 2
        - (df + 1) / 2 * math.log1p(t * t / df)
    )
    return math.exp(log)


def _cornish_fisher(z: float, df: int) -> float:
    # Abramowitz and Stegun 26.7.5: the t quantile from the normal one, in powers of 1/df
    z2 = z * z
    terms = (
        z,
        z * (z2 + 1) / 4,
        z * ((5 * z2 + 16) * z2 + 3) / 96,
        z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384,
        z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160,
    )
    return math.fsum(term / float(df) ** power for power, term in enumerate(terms))


def student_t_quantile(p: float, df: int) -> float:
    """Return the ``p`` quantile of Student's t with ``df`` (whole) degrees of freedom.

    Up to :data:`EXPANSION_FROM_DF` degrees of freedom, Newton's method on
    :func:`student_t_cdf`, from the normal quantile (which lies below the t quantile,
    where the distribution function is concave, so the steps never overshoot); above,
    the Cornish-Fisher expansion (Abramowitz and Stegun 26.7.5). ``df`` is below
    10^15, more than any tally's answers.

        >>> round(student_t_quantile(0.975, 10), 3)
        2.228
    """
    df = _degrees_of_freedom(df, MAX_MAGNITUDE - 1)
    if isinstance(p, bool) or not isinstance(p, int | float) or not 0 < p < 1:
        raise InvalidValueError("p", p, message("a probability strictly between 0 and 1"))
    if p < 0.5:
        return -student_t_quantile(1 - p, df)
    z = _NORMAL.inv_cdf(p)
    if df >= EXPANSION_FROM_DF:
        return _cornish_fisher(z, df)
    t, step, steps = z, math.inf, 0
    while step > _STEP_TOLERANCE * t and steps < _MAX_STEPS:
        step = (p - student_t_cdf(t, df)) / _t_density(t, df)
        t += step
        steps += 1
    return t


def t_critical_value(confidence: float, df: int) -> float:
    """Return t such that Student's t with ``df`` degrees of freedom lies within ±t
    with ``confidence``."""
    return student_t_quantile(0.5 + confidence_level(confidence) / 2, df)


def two_sided_p(z: float) -> float:
    """Return the two-sided p-value of a standard normal statistic ``z``."""
    return min(1.0, 2 * (1 - _NORMAL.cdf(abs(z))))


def net_shares(
    promoters: Fraction, detractors: Fraction, n: Fraction, method: IntervalMethod
) -> tuple[Fraction, Fraction, Fraction]:
    """Return the promoter share, detractor share and sample size a method uses."""
    if method is IntervalMethod.ADJUSTED_WALD:
        extra = Fraction(3, 4)
        n = n + 3
        return (promoters + extra) / n, (detractors + extra) / n, n
    return promoters / n, detractors / n, n


def net_variance(p: Fraction, d: Fraction) -> Fraction:
    """Return the per-respondent variance of a net score with shares ``p`` and ``d``.

    Each answer is +1 (promoter), 0 or -1 (detractor); the variance
    E[X²] - E[X]² = (p + d) - (p - d)² includes the covariance of the two shares.
    """
    return (p + d) - (p - d) ** 2


def wilson(successes: int, n: int, confidence: float) -> Interval:
    """Return the Wilson score interval of a proportion, as shares in [0, 1]:
    ``successes`` of ``n`` (from 1 to below 10^15) at ``confidence``."""
    n = whole_number(n, field="n", minimum=1, maximum=MAX_MAGNITUDE - 1)
    successes = whole_number(successes, field="successes", minimum=0, maximum=n)
    z = critical_value(confidence_level(confidence))
    share = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (share + z2 / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


MethodName = IntervalMethod | Literal["wald", "adjusted-wald"]


def net_estimate(
    promoters: Fraction, detractors: Fraction, n: Fraction, method: MethodName
) -> tuple[Fraction, float]:
    chosen = IntervalMethod.from_name(method)
    p, d, size = net_shares(promoters, detractors, n, chosen)
    return 100 * (p - d), 100 * math.sqrt(net_variance(p, d) / size)


def net_margin(
    promoters: Fraction, detractors: Fraction, n: Fraction, confidence: float, method: MethodName
) -> float:
    _, error = net_estimate(promoters, detractors, n, method)
    return critical_value(confidence_level(confidence)) * error


def net_interval(
    promoters: Fraction, detractors: Fraction, n: Fraction, confidence: float, method: MethodName
) -> Interval:
    centre, error = net_estimate(promoters, detractors, n, method)
    half = critical_value(confidence_level(confidence)) * error
    return Interval(max(-100.0, float(centre) - half), min(100.0, float(centre) + half))


class NetScore:
    """The statistics every NPS tally shares, from its shares and its sample size.

    A tally that derives from it has a ``score``, a ``promoter_share`` and a
    ``detractor_share``, refuses statistics when empty (``_require``) and says which
    promoters, detractors and sample size the statistics use (``_shares``).
    """

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def score(self) -> Fraction: ...
        @property
        def promoter_share(self) -> Fraction: ...
        @property
        def detractor_share(self) -> Fraction: ...
        def _require(self, statistic: str) -> None: ...
        def _shares(self) -> tuple[Fraction, Fraction, Fraction]: ...

    def rounded(self, places: int = 0, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
        """Return the score rounded for presentation.

        The exact difference is rounded once; the shares are never rounded first
        (n=7 with 2 promoters and 1 detractor is 14, not 29 - 14 = 15).
        """
        return rounding_policy(places, rounding).apply(self.score)

    @property
    def variance(self) -> Fraction:
        """The per-answer variance in NPS points², 100²*((p + d) - (p - d)²), exactly."""
        self._require(VARIANCE)
        return 10_000 * net_variance(self.promoter_share, self.detractor_share)

    @property
    def standard_error(self) -> float:
        """The standard error of the score in NPS points, √(variance / n)."""
        # Translators: a statistic of a survey tally.
        self._require(message("standard error"))
        return math.sqrt(self.variance / self._shares()[2])

    def margin_of_error(
        self, confidence: float = 0.95, method: MethodName = "adjusted-wald"
    ) -> float:
        """Half the width of the interval before clipping, in NPS points."""
        # Translators: a statistic of a survey tally.
        self._require(message("margin of error"))
        return net_margin(*self._shares(), confidence, method)

    def interval(self, confidence: float = 0.95, method: MethodName = "adjusted-wald") -> Interval:
        """The confidence interval of the score in NPS points, clipped to [-100, 100].

        ``method`` is ``"adjusted-wald"`` (the default; Rocks 2016) or ``"wald"``.
        """
        self._require(INTERVAL)
        return net_interval(*self._shares(), confidence, method)


def _exact(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidTypeError("difference", value, message("an exact difference (a Fraction)"))
    return Fraction(value)


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converters below

    def _to_finite(value: float) -> float: ...
    def _to_confidence(value: float) -> float: ...

else:
    _to_finite = attrs.Converter(
        lambda value, attribute: _finite(value, field=attribute.name), takes_field=True
    )
    _to_confidence = attrs.Converter(
        lambda value, attribute: confidence_level(value, field=attribute.name), takes_field=True
    )


@attrs.frozen
class NpsComparison:
    """Two independent NPS values compared: ``difference`` is ``a.score - b.score``.

    ``difference`` is the observed difference, exact and signed. ``standard_error``,
    ``z``, ``p_value`` (two-sided) and ``interval`` (clipped to [-200, 200]) are
    computed by ``method`` at ``confidence``; each is a finite float.
    """

    difference: Fraction = attrs.field(converter=_exact)
    standard_error: float = attrs.field(converter=_to_finite)
    z: float = attrs.field(converter=_to_finite)
    p_value: float = attrs.field(converter=_to_finite)
    interval: Interval = attrs.field(validator=instance_of(Interval, message("an Interval")))
    confidence: float = attrs.field(converter=_to_confidence)
    method: IntervalMethod = attrs.field(converter=IntervalMethod)


def compare(
    a: NetScore, b: NetScore, *, confidence: float = 0.95, method: MethodName = "adjusted-wald"
) -> NpsComparison:
    """Compare the NPS of two independent samples, keeping the sign of a - b.

    The adjusted-Wald method centres the test and the interval on the difference of
    the adjusted scores; the observed difference is reported unchanged.

    The Wald method has no test when neither sample varies (each is all promoters, all
    passives or all detractors): the standard error is then 0. Samples that agree have
    a z of 0 and a p-value of 1; samples that differ raise
    :class:`~hubpartner.errors.InvalidValueError` naming ``method``, since their z
    would be infinite: compare them with ``"adjusted-wald"``, which is never without a
    standard error.

        >>> from hubpartner.surveys import NpsTally
        >>> a = NpsTally.from_counts(promoters=60, passives=25, detractors=15)
        >>> b = NpsTally.from_counts(promoters=40, passives=30, detractors=30)
        >>> result = compare(a, b, method="wald")
        >>> result.difference, round(result.z, 2), result.p_value < 0.01
        (Fraction(35, 1), 3.15, True)
    """
    for name, tally in (("a", a), ("b", b)):
        if not isinstance(tally, NetScore):
            raise InvalidTypeError(name, tally, message("an NpsTally or a WeightedNpsTally"))
    level = confidence_level(confidence)
    chosen = IntervalMethod.from_name(method)
    difference = a.score - b.score
    centre_a, error_a = net_estimate(*a._shares(), chosen)
    centre_b, error_b = net_estimate(*b._shares(), chosen)
    centre = float(centre_a - centre_b)
    error = math.hypot(error_a, error_b)
    if error == 0 and centre != 0:  # neither sample varies, and they differ
        raise InvalidValueError(
            "method",
            chosen.value,
            message(
                "'adjusted-wald' to compare samples that do not vary (each all promoters, "
                "all passives or all detractors) and differ: their Wald standard error is "
                "0, so their z is infinite"
            ),
        )
    z = centre / error if error else 0.0  # samples that do not vary and agree
    half = critical_value(level) * error
    interval = Interval(max(-200.0, centre - half), min(200.0, centre + half))
    return NpsComparison(difference, error, z, two_sided_p(z), interval, level, chosen)


#: The width of the NPS range, from -100 to 100.
_NPS_WIDTH = 200


def sample_size(
    margin: float | int | Decimal | Fraction,
    *,
    confidence: float = 0.95,
    expected: NetScore | None = None,
) -> int:
    """Return how many answers give an NPS margin of error of at most ``margin`` points.

    Without ``expected`` (a pilot tally), the worst case is assumed: half promoters,
    half detractors, a variance of 100² per answer. ``margin`` is above 0 and at most
    200 (the width of the NPS range), and no finer than needs more than 10^12 answers
    (:data:`~hubpartner._checks.MAX_COUNT`).

        >>> sample_size(5)
        1537
    """
    expected_margin = message("a number of NPS points above 0 and at most {most}", most=_NPS_WIDTH)
    if isinstance(margin, bool) or not isinstance(margin, numbers.Real | Decimal):
        raise InvalidTypeError("margin", margin, expected_margin)
    # NaN is not equal to itself; a Decimal NaN is not even compared
    finite = margin.is_finite() if isinstance(margin, Decimal) else margin == margin
    if not finite or not 0 < margin <= _NPS_WIDTH:
        raise InvalidValueError("margin", margin, expected_margin)
    wanted = float(margin)
    if expected is not None and not isinstance(expected, NetScore):
        raise InvalidTypeError(
            "expected", expected, message("a pilot NpsTally or WeightedNpsTally, or None")
        )
    variance = Fraction(10_000) if expected is None else expected.variance
    z = critical_value(confidence_level(confidence))
    square = wanted * wanted  # 0.0 when it underflows
    needed = z * z * float(variance) / square if square else math.inf
    if needed > MAX_COUNT:
        raise InvalidValueError(
            "margin",
            margin,
            message("a margin that at most {most} answers reach", most=MAX_COUNT),
        )
    return max(1, math.ceil(needed))
