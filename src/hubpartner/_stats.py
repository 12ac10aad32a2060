"""Normal-theory statistics for proportions (private to the survey scorers).

Descriptive values stay exact (``Fraction``); what needs a square root or the
normal distribution — standard errors, intervals, z and p — is a ``float``.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from statistics import NormalDist
from typing import Any, NamedTuple

from ._checks import member
from .errors import InvalidTypeError, InvalidValueError

_NORMAL = NormalDist()


class Interval(NamedTuple):
    """A confidence interval: ``low`` and ``high``, in the statistic's own units."""

    low: float
    high: float


class IntervalMethod(enum.Enum):
    """How an NPS interval is computed.

    ``WALD`` uses the observed shares. ``ADJUSTED_WALD`` (Rocks 2016, *The American
    Statistician* 70:365-372) first adds 3/4 of a promoter and 3/4 of a detractor,
    so 3 answers in all, which keeps the coverage near the nominal level for small
    samples and extreme scores.
    """

    WALD = "wald"
    ADJUSTED_WALD = "adjusted-wald"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    @classmethod
    def from_name(cls, value: Any) -> IntervalMethod:
        """Return the method named ``value`` (``"wald"`` or ``"adjusted-wald"``)."""
        return member(cls, value, field="method", expected="'adjusted-wald' or 'wald'")


def confidence_level(value: Any) -> float:
    """Return ``value`` as a float strictly between 0 and 1 (not a bool, not NaN)."""
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise InvalidTypeError("confidence", value, "a number between 0 and 1, such as 0.95")
    level = float(value)
    if not 0 < level < 1:  # also refuses NaN
        raise InvalidValueError("confidence", value, "a number between 0 and 1, such as 0.95")
    return level


def critical_value(confidence: float) -> float:
    """Return z such that a standard normal lies within ±z with ``confidence``."""
    return _NORMAL.inv_cdf(0.5 + confidence / 2)


def two_sided_p(z: float) -> float:
    """Return the two-sided p-value of a standard normal statistic ``z``."""
    if math.isinf(z):
        return 0.0
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
    """Return the Wilson score interval of a proportion, as shares in [0, 1]."""
    z = critical_value(confidence)
    share = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (share + z2 / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))
