"""Customer feedback surveys: NPS, CES and CSAT — exact, mergeable, honest.

Answers are first **counted** into a tally; every score and statistic is computed
from the counts. Tallies add, so segments, months or partitions of a large data set
can be counted separately (on one machine or in a map-reduce) and combined::

    >>> from hubpartner.surveys import NpsTally
    >>> march = NpsTally.from_scores([10, 9, 9, 8, 6, 3, 10])
    >>> april = NpsTally.from_counts(promoters=2, passives=1, detractors=1)
    >>> both = march + april
    >>> both
    NpsTally(promoters=6, passives=2, detractors=3)
    >>> both.score
    Fraction(300, 11)
    >>> both.rounded()
    Decimal('27')

Scores are exact (``Fraction``) and rounded only for presentation, by a named
policy. A tally with no answers has **no score**: asking for one raises
:class:`~hubpartner.errors.EmptyTallyError`, never returns 0. Statistics that need
a square root or the normal distribution (standard errors, intervals, z, p) are
``float``.
"""

from __future__ import annotations

import enum
import functools
import math
import numbers
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from os import PathLike
from typing import Any, ClassVar, Literal, Self, TypeAlias

import attrs

from ._checks import boolean, member, whole_number
from ._csvfile import read_rows
from ._data import packaged_text
from ._stats import (
    Interval,
    IntervalMethod,
    confidence_level,
    critical_value,
    net_shares,
    net_variance,
    two_sided_p,
    wilson,
)
from .decimals import Rounding, RoundingPolicy, exact_context
from .errors import (
    EmptyTallyError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingScoreError,
    ResponsesFileError,
    RowProblem,
    ScoreTypeError,
)

__all__ = [
    "CES_5_EFFORT",
    "CES_7",
    "CSAT_5",
    "NPS",
    "Cadence",
    "CesTally",
    "Channel",
    "CsatTally",
    "Group",
    "Interval",
    "IntervalMethod",
    "LatestNps",
    "NpsComparison",
    "NpsScale",
    "NpsTally",
    "Period",
    "Range",
    "Response",
    "ResponsesFile",
    "Scale",
    "Send",
    "Survey",
    "SurveyKind",
    "SurveyRules",
    "Trailing",
    "WeightedNpsTally",
    "accepts_responses",
    "compare",
    "expected_responses",
    "group",
    "latest_per_contact",
    "nps_question",
    "read_responses",
    "response_rate",
    "sample_size",
    "send_schedule",
    "shows_web_survey",
    "survey_rules",
    "unpublish",
]

Missing = Literal["error", "exclude"]
MethodName = IntervalMethod | Literal["wald", "adjusted-wald"]


# -- scales -----------------------------------------------------------------------------


def _int_field(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "an int")
    return value


@attrs.frozen
class NpsScale:
    """The Net Promoter scale: answers ``low``..``high`` split into three categories.

    The standard scale (:data:`NPS`) is 0-10 with detractors 0-6, passives 7-8 and
    promoters 9-10.
    """

    low: int = 0
    high: int = 10
    detractors_up_to: int = 6
    promoters_from: int = 9

    def __attrs_post_init__(self) -> None:
        for name in ("low", "high", "detractors_up_to", "promoters_from"):
            _int_field(getattr(self, name), name)
        if not self.low <= self.detractors_up_to < self.promoters_from <= self.high:
            raise InvalidValueError(
                "scale",
                self,
                "low <= detractors_up_to < promoters_from <= high",
            )


#: The standard 0-10 Net Promoter scale.
NPS = NpsScale()


@attrs.frozen
class Scale:
    """An answer scale ``low``..``high`` with a direction and a top box.

    ``higher_is_better`` says which end is good; ``top_box`` is the inclusive range
    of good answers: "agree" on HubSpot's CES scale, "satisfied" on a CSAT scale.
    """

    low: int
    high: int
    top_box: tuple[int, int]
    higher_is_better: bool = True
    name: str = ""

    def __attrs_post_init__(self) -> None:
        _int_field(self.low, "low")
        _int_field(self.high, "high")
        if not self.low < self.high:
            raise InvalidValueError("high", self.high, f"a number above low ({self.low})")
        boolean(self.higher_is_better, field="higher_is_better")
        first, last = self.top_box
        _int_field(first, "top_box")
        _int_field(last, "top_box")
        if not self.low <= first <= last <= self.high:
            raise InvalidValueError(
                "top_box", self.top_box, f"a range within {self.low}..{self.high}"
            )
        good_end = self.high if self.higher_is_better else self.low
        if good_end not in (first, last):
            raise InvalidValueError(
                "top_box", self.top_box, f"a range that includes the good end ({good_end})"
            )

    @property
    def size(self) -> int:
        """How many answers the scale has."""
        return self.high - self.low + 1

    def __contains__(self, answer: object) -> bool:
        return isinstance(answer, int) and self.low <= answer <= self.high


#: HubSpot's CES scale: 1-7, strongly disagree to strongly agree that the company
#: made it easy; higher means less effort, and 5-7 agree.
CES_7 = Scale(1, 7, (5, 7), True, "CES 1-7 agree scale")
#: A CES "effort" scale: 1 (very low effort) to 5 (very high effort); 1-2 are low.
CES_5_EFFORT = Scale(1, 5, (1, 2), False, "CES 1-5 effort scale")
#: A CSAT scale: 1 (very unsatisfied) to 5 (very satisfied); 4-5 are satisfied.
CSAT_5 = Scale(1, 5, (4, 5), True, "CSAT 1-5 scale")


# -- counting answers -------------------------------------------------------------------


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float | Decimal):
        return value != value  # NaN
    return False


def _check_missing(missing: Any) -> Missing:
    if missing not in ("error", "exclude"):
        raise InvalidValueError("missing", missing, "'error' (the default) or 'exclude'")
    return "exclude" if missing == "exclude" else "error"


def _count(values: Sequence[Any], low: int, high: int, missing: Missing) -> Counter[int]:
    """Count valid int answers; name the position of the first invalid one.

    The common case — plain ints — is checked and counted in C: the set of the
    values' types shows that every one is an ``int`` (and no ``bool``, ``float`` or
    ``None`` hides among them), then the values are packed into ``bytes`` (which
    refuses anything outside 0..255) and each answer of the scale is counted with
    ``bytes.count``; answers outside the scale are caught because the counts then
    fall short. That costs about as much as ``collections.Counter`` alone. Anything
    else is checked one by one, so that an error can say where the answer is.
    """
    if set(map(type, values)) <= {int}:
        counts = _count_ints(values, low, high)
        if counts is not None:
            return counts
    counts = Counter()
    for position, value in enumerate(values):
        answer = _answer(value, position, low, high, missing)
        if answer is not None:
            counts[answer] += 1
    return counts


def _count_ints(values: Sequence[int], low: int, high: int) -> Counter[int] | None:
    """Count plain ints on the scale ``low..high``, or None if any lies outside it."""
    if low >= 0 and high <= 255:
        try:
            packed = bytes(values)
        except ValueError:  # a value outside 0..255
            return None
        counts = Counter({answer: packed.count(answer) for answer in range(low, high + 1)})
        return counts if counts.total() == len(values) else None
    counts = Counter(values)
    return counts if all(low <= answer <= high for answer in counts) else None


def _answer(value: Any, position: int, low: int, high: int, missing: Missing) -> int | None:
    """Return one answer as an int, None if it is missing and excluded, or raise."""
    if _is_missing(value):
        if missing == "exclude":
            return None
        raise MissingScoreError(position, value)
    expected = f"an int from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        note = " (a bool is not a score)" if isinstance(value, bool) else ""
        raise ScoreTypeError(position, value, expected + note)
    answer = int(value)
    if not low <= answer <= high:
        raise InvalidScoreError(position, value, expected)
    return answer


def _as_sequence(scores: Iterable[Any]) -> Sequence[Any]:
    if isinstance(scores, list | tuple):
        return scores
    if isinstance(scores, str | bytes) or not isinstance(scores, Iterable):
        raise InvalidTypeError("scores", scores, "an iterable of int answers")
    return list(scores)


def _count_field(value: Any, field: str) -> int:
    return whole_number(value, field=field, minimum=0)


# -- NPS --------------------------------------------------------------------------------


def _promoters(value: Any) -> int:
    return _count_field(value, "promoters")


def _passives(value: Any) -> int:
    return _count_field(value, "passives")


def _detractors(value: Any) -> int:
    return _count_field(value, "detractors")


class _NetScore:
    """The statistics every NPS tally shares, from its shares and its sample size."""

    __slots__ = ()

    @property
    def score(self) -> Fraction:
        raise NotImplementedError

    @property
    def promoter_share(self) -> Fraction:
        raise NotImplementedError

    @property
    def detractor_share(self) -> Fraction:
        raise NotImplementedError

    def _require(self, statistic: str) -> None:
        raise NotImplementedError

    def _shares(self) -> tuple[Fraction, Fraction, Fraction]:
        """Promoters, detractors and n as the statistics see them."""
        raise NotImplementedError

    def rounded(self, places: int = 0, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
        """Return the score rounded for presentation.

        The exact difference is rounded once; the shares are never rounded first
        (n=7 with 2 promoters and 1 detractor is 14, not 29 - 14 = 15).
        """
        return RoundingPolicy(places, rounding).apply(self.score)

    @property
    def variance(self) -> Fraction:
        """The per-answer variance in NPS points², 100²*((p + d) - (p - d)²), exactly."""
        self._require("variance")
        return 10_000 * net_variance(self.promoter_share, self.detractor_share)

    @property
    def standard_error(self) -> float:
        """The standard error of the score in NPS points, √(variance / n)."""
        self._require("standard error")
        return math.sqrt(self.variance / self._shares()[2])

    def margin_of_error(
        self, confidence: float = 0.95, method: MethodName = "adjusted-wald"
    ) -> float:
        """Half the width of the interval before clipping, in NPS points."""
        self._require("margin of error")
        return _net_margin(*self._shares(), confidence, method)

    def interval(self, confidence: float = 0.95, method: MethodName = "adjusted-wald") -> Interval:
        """The confidence interval of the score in NPS points, clipped to [-100, 100].

        ``method`` is ``"adjusted-wald"`` (the default; Rocks 2016) or ``"wald"``.
        """
        self._require("interval")
        return _net_interval(*self._shares(), confidence, method)


@attrs.frozen
class NpsTally(_NetScore):
    """Counts of promoters, passives and detractors; ``NpsTally()`` is empty.

    Tallies add (``a + b``); the addition is associative and commutative, and the
    empty tally is its identity, so ``sum(tallies, NpsTally())`` merges any number.
    """

    promoters: int = attrs.field(default=0, converter=_promoters)
    passives: int = attrs.field(default=0, converter=_passives)
    detractors: int = attrs.field(default=0, converter=_detractors)

    @classmethod
    def from_scores(
        cls, scores: Iterable[int], *, missing: Missing = "error", scale: NpsScale = NPS
    ) -> NpsTally:
        """Count raw 0-10 answers.

        ``bool``, ``None``, NaN, non-integers and out-of-range answers raise an error
        naming the position and the value. Missing answers (``None``, NaN) are an
        error unless ``missing="exclude"``.
        """
        values = _as_sequence(scores)
        counts = _count(values, scale.low, scale.high, _check_missing(missing))
        detractors = passives = promoters = 0
        for answer, count in counts.items():
            if answer <= scale.detractors_up_to:
                detractors += count
            elif answer >= scale.promoters_from:
                promoters += count
            else:
                passives += count
        return cls(promoters, passives, detractors)

    @classmethod
    def from_counts(
        cls, *, promoters: int = 0, passives: int = 0, detractors: int = 0
    ) -> NpsTally:
        """Build a tally from counts already made."""
        return cls(promoters, passives, detractors)

    def __add__(self, other: object) -> NpsTally:
        if not isinstance(other, NpsTally):
            return NotImplemented
        return NpsTally(
            self.promoters + other.promoters,
            self.passives + other.passives,
            self.detractors + other.detractors,
        )

    @property
    def n(self) -> int:
        """The number of answers."""
        return self.promoters + self.passives + self.detractors

    def _require(self, statistic: str) -> None:
        if self.n == 0:
            raise EmptyTallyError("NPS", statistic)

    @property
    def promoter_share(self) -> Fraction:
        """Promoters as a share of all answers, exactly (0..1)."""
        self._require("promoter share")
        return Fraction(self.promoters, self.n)

    @property
    def detractor_share(self) -> Fraction:
        """Detractors as a share of all answers, exactly (0..1)."""
        self._require("detractor share")
        return Fraction(self.detractors, self.n)

    @property
    def score(self) -> Fraction:
        """The NPS, 100*(promoters - detractors)/n, exactly, from -100 to 100."""
        self._require("score")
        return Fraction(100 * (self.promoters - self.detractors), self.n)

    def _shares(self) -> tuple[Fraction, Fraction, Fraction]:
        return Fraction(self.promoters), Fraction(self.detractors), Fraction(self.n)


def _net_estimate(
    promoters: Fraction, detractors: Fraction, n: Fraction, method: MethodName
) -> tuple[Fraction, float]:
    chosen = IntervalMethod.from_name(method)
    p, d, size = net_shares(promoters, detractors, n, chosen)
    return 100 * (p - d), 100 * math.sqrt(net_variance(p, d) / size)


def _net_margin(
    promoters: Fraction, detractors: Fraction, n: Fraction, confidence: float, method: MethodName
) -> float:
    _, error = _net_estimate(promoters, detractors, n, method)
    return critical_value(confidence_level(confidence)) * error


def _net_interval(
    promoters: Fraction, detractors: Fraction, n: Fraction, confidence: float, method: MethodName
) -> Interval:
    centre, error = _net_estimate(promoters, detractors, n, method)
    half = critical_value(confidence_level(confidence)) * error
    return Interval(max(-100.0, float(centre) - half), min(100.0, float(centre) + half))


def _weight(value: Any, position: int) -> Decimal | Fraction:
    """Return a weight exactly: a ``Fraction`` as it is, any other number as a Decimal."""
    field = f"weights[{position}]"
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise InvalidTypeError(field, value, "a number of 0 or more")
    if isinstance(value, Fraction):
        weight: Decimal | Fraction = value
    elif isinstance(value, int | float | Decimal):
        weight = Decimal(value)  # exact, also for a float
    else:  # another real type, such as a NumPy float
        weight = Decimal(float(value))
    if isinstance(weight, Decimal) and not weight.is_finite():
        raise InvalidValueError(field, value, "a finite number of 0 or more")
    if weight < 0:
        raise InvalidValueError(field, value, "a finite number of 0 or more")
    return weight


class _ExactSum:
    """A running exact sum of Decimals and Fractions (Decimals summed in C)."""

    def __init__(self) -> None:
        self.decimal = Decimal(0)
        self.fraction = Fraction(0)
        self._context = exact_context()

    def add(self, value: Decimal | Fraction) -> None:
        if isinstance(value, Decimal):
            self.decimal = self._context.add(self.decimal, value)
        else:
            self.fraction += value

    def total(self) -> Fraction:
        return Fraction(self.decimal) + self.fraction


def _fraction_field(value: Any, field: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidTypeError(field, value, "an int or a Fraction of 0 or more")
    if value < 0:
        raise InvalidValueError(field, value, "an int or a Fraction of 0 or more")
    return Fraction(value)


def _w_promoters(value: Any) -> Fraction:
    return _fraction_field(value, "promoters")


def _w_passives(value: Any) -> Fraction:
    return _fraction_field(value, "passives")


def _w_detractors(value: Any) -> Fraction:
    return _fraction_field(value, "detractors")


def _w_squares(value: Any) -> Fraction:
    return _fraction_field(value, "sum_of_squares")


def _w_answers(value: Any) -> int:
    return _count_field(value, "answers")


@attrs.frozen
class WeightedNpsTally(_NetScore):
    """Sums of weights of promoters, passives and detractors, for a weighted NPS.

    ``sum_of_squares`` (Σw²) and ``answers`` are kept so that tallies still add and
    the standard error can use Kish's effective sample size (Σw)²/Σw².
    """

    promoters: Fraction = attrs.field(default=Fraction(0), converter=_w_promoters)
    passives: Fraction = attrs.field(default=Fraction(0), converter=_w_passives)
    detractors: Fraction = attrs.field(default=Fraction(0), converter=_w_detractors)
    sum_of_squares: Fraction = attrs.field(default=Fraction(0), converter=_w_squares)
    answers: int = attrs.field(default=0, converter=_w_answers)

    @classmethod
    def from_scores(
        cls,
        scores: Iterable[int],
        weights: Iterable[Any],
        *,
        missing: Missing = "error",
        scale: NpsScale = NPS,
    ) -> WeightedNpsTally:
        """Add up the weights of raw 0-10 answers, one weight per answer.

        Weights are finite numbers of 0 or more (a ``float`` weight is taken at its
        exact binary value). Answers are checked as in :meth:`NpsTally.from_scores`.
        """
        values = _as_sequence(scores)
        weight_list = _as_sequence(weights)
        if len(weight_list) != len(values):
            raise InvalidValueError(
                "weights", f"{len(weight_list)} weights", f"one weight per answer ({len(values)})"
            )
        policy = _check_missing(missing)
        promoters, passives, detractors, squares = (_ExactSum() for _ in range(4))
        exact = exact_context()
        answers = 0
        for position, (value, raw_weight) in enumerate(zip(values, weight_list, strict=True)):
            answer = _answer(value, position, scale.low, scale.high, policy)
            if answer is None:
                continue
            weight = _weight(raw_weight, position)
            if answer <= scale.detractors_up_to:
                detractors.add(weight)
            elif answer >= scale.promoters_from:
                promoters.add(weight)
            else:
                passives.add(weight)
            if isinstance(weight, Decimal):
                squares.add(exact.multiply(weight, weight))
            else:
                squares.add(weight * weight)
            answers += 1
        return cls(
            promoters.total(), passives.total(), detractors.total(), squares.total(), answers
        )

    def __add__(self, other: object) -> WeightedNpsTally:
        if not isinstance(other, WeightedNpsTally):
            return NotImplemented
        return WeightedNpsTally(
            self.promoters + other.promoters,
            self.passives + other.passives,
            self.detractors + other.detractors,
            self.sum_of_squares + other.sum_of_squares,
            self.answers + other.answers,
        )

    @property
    def n(self) -> int:
        """The number of answers (their weight is :attr:`total_weight`)."""
        return self.answers

    @property
    def total_weight(self) -> Fraction:
        """Σw over all answers."""
        return self.promoters + self.passives + self.detractors

    def _require(self, statistic: str) -> None:
        if self.total_weight == 0:
            raise EmptyTallyError("weighted NPS", statistic)

    @property
    def promoter_share(self) -> Fraction:
        """The promoters' share of the total weight, exactly (0..1)."""
        self._require("promoter share")
        return self.promoters / self.total_weight

    @property
    def detractor_share(self) -> Fraction:
        """The detractors' share of the total weight, exactly (0..1)."""
        self._require("detractor share")
        return self.detractors / self.total_weight

    @property
    def effective_n(self) -> Fraction:
        """Kish's effective sample size (Σw)²/Σw², exactly."""
        self._require("effective sample size")
        return self.total_weight**2 / self.sum_of_squares

    @property
    def score(self) -> Fraction:
        """The weighted NPS, 100*(Σw promoters - Σw detractors)/Σw, exactly."""
        self._require("score")
        return 100 * (self.promoters - self.detractors) / self.total_weight

    def _shares(self) -> tuple[Fraction, Fraction, Fraction]:
        # weighted shares scaled to Kish's effective sample size
        n = self.effective_n
        return self.promoter_share * n, self.detractor_share * n, n


AnyNps: TypeAlias = NpsTally | WeightedNpsTally


@attrs.frozen
class NpsComparison:
    """Two independent NPS values compared: ``difference`` is ``a.score - b.score``.

    ``difference`` is the observed difference, exact and signed. ``standard_error``,
    ``z``, ``p_value`` (two-sided) and ``interval`` (clipped to [-200, 200]) are
    computed by ``method`` at ``confidence``.
    """

    difference: Fraction
    standard_error: float
    z: float
    p_value: float
    interval: Interval
    confidence: float
    method: IntervalMethod


def compare(
    a: AnyNps, b: AnyNps, *, confidence: float = 0.95, method: MethodName = "adjusted-wald"
) -> NpsComparison:
    """Compare the NPS of two independent samples, keeping the sign of a - b.

    The adjusted-Wald method centres the test and the interval on the difference of
    the adjusted scores; the observed difference is reported unchanged.

        >>> a = NpsTally.from_counts(promoters=60, passives=25, detractors=15)
        >>> b = NpsTally.from_counts(promoters=40, passives=30, detractors=30)
        >>> result = compare(a, b, method="wald")
        >>> result.difference, round(result.z, 2), result.p_value < 0.01
        (Fraction(35, 1), 3.15, True)
    """
    for name, tally in (("a", a), ("b", b)):
        if not isinstance(tally, NpsTally | WeightedNpsTally):
            raise InvalidTypeError(name, tally, "an NpsTally or a WeightedNpsTally")
    level = confidence_level(confidence)
    chosen = IntervalMethod.from_name(method)
    difference = a.score - b.score
    centre_a, error_a = _net_estimate(*a._shares(), chosen)
    centre_b, error_b = _net_estimate(*b._shares(), chosen)
    centre = float(centre_a - centre_b)
    error = math.hypot(error_a, error_b)
    z = _z(centre, error)
    half = critical_value(level) * error
    interval = Interval(max(-200.0, centre - half), min(200.0, centre + half))
    return NpsComparison(difference, error, z, two_sided_p(z), interval, level, chosen)


def _z(centre: float, error: float) -> float:
    if error == 0:  # no variation in either sample
        return 0.0 if centre == 0 else math.copysign(math.inf, centre)
    return centre / error


def sample_size(
    margin: float | int | Decimal | Fraction,
    *,
    confidence: float = 0.95,
    expected: AnyNps | None = None,
) -> int:
    """Return how many answers give an NPS margin of error of at most ``margin`` points.

    Without ``expected`` (a pilot tally), the worst case is assumed: half promoters,
    half detractors, a variance of 100² per answer.

        >>> sample_size(5)
        1537
    """
    if isinstance(margin, bool) or not isinstance(margin, numbers.Real | Decimal):
        raise InvalidTypeError("margin", margin, "a number of NPS points above 0")
    if not (isinstance(margin, float | Decimal) and not math.isfinite(margin)) and margin > 0:
        wanted = float(margin)
    else:
        raise InvalidValueError("margin", margin, "a number of NPS points above 0")
    variance = Fraction(10_000) if expected is None else expected.variance
    z = critical_value(confidence_level(confidence))
    return max(1, math.ceil(z * z * float(variance) / (wanted * wanted)))


# -- CES and CSAT -------------------------------------------------------------------------


def _counts_tuple(value: Any) -> tuple[int, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("counts", value, "a sequence of counts, one per answer")
    return tuple(_count_field(count, "counts") for count in value)


def _scale_field(value: Any) -> Scale:
    if not isinstance(value, Scale):
        raise InvalidTypeError("scale", value, "a Scale, such as surveys.CES_7")
    return value


def _default_scale(self: _Histogram) -> Scale:
    return type(self).DEFAULT_SCALE


def _no_counts(self: _Histogram) -> tuple[int, ...]:
    return (0,) * self.scale.size


@attrs.frozen
class _Histogram:
    """Counts of each answer on a :class:`Scale` (the base of CES and CSAT tallies).

    A tally with no arguments is the empty tally on the kind's default scale.
    Tallies of the same kind on the same scale add.
    """

    DEFAULT_SCALE: ClassVar[Scale]
    KIND: ClassVar[str]

    scale: Scale = attrs.field(
        default=attrs.Factory(_default_scale, takes_self=True), converter=_scale_field
    )
    counts: tuple[int, ...] = attrs.field(
        default=attrs.Factory(_no_counts, takes_self=True), converter=_counts_tuple
    )

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != self.scale.size:
            raise InvalidValueError(
                "counts",
                self.counts,
                f"{self.scale.size} counts, one per answer {self.scale.low}..{self.scale.high}",
            )

    @classmethod
    def from_scores(
        cls, scores: Iterable[int], *, scale: Scale | None = None, missing: Missing = "error"
    ) -> Self:
        """Count raw answers on ``scale`` (default: the kind's scale).

        Answers are checked as for :meth:`NpsTally.from_scores`.
        """
        chosen = cls.DEFAULT_SCALE if scale is None else _scale_field(scale)
        values = _as_sequence(scores)
        counts = _count(values, chosen.low, chosen.high, _check_missing(missing))
        return cls._from(counts, chosen)

    @classmethod
    def from_counts(cls, counts: Mapping[int, int], *, scale: Scale | None = None) -> Self:
        """Build a tally from ``{answer: count}`` (default scale: the kind's)."""
        chosen = cls.DEFAULT_SCALE if scale is None else _scale_field(scale)
        _check_keys(counts, chosen)
        return cls._from(counts, chosen)

    @classmethod
    def _from(cls, counts: Mapping[int, int], scale: Scale) -> Self:
        return cls(scale, [counts.get(answer, 0) for answer in range(scale.low, scale.high + 1)])

    def __add__(self, other: object) -> Self:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Histogram)
        if other.scale != self.scale:
            raise InvalidValueError(
                "scale", other.scale, f"the same scale as the left tally ({self.scale.name})"
            )
        return type(self)(
            self.scale, [x + y for x, y in zip(self.counts, other.counts, strict=True)]
        )

    @property
    def n(self) -> int:
        """The number of answers."""
        return sum(self.counts)

    def count(self, answer: int) -> int:
        """How many answered ``answer``."""
        if answer not in self.scale:
            raise InvalidValueError(
                "answer", answer, f"an int from {self.scale.low} to {self.scale.high}"
            )
        return self.counts[answer - self.scale.low]

    def _require(self, statistic: str) -> None:
        if self.n == 0:
            raise EmptyTallyError(self.KIND, statistic)

    @property
    def mean(self) -> Fraction:
        """The mean answer (sum of answers ÷ number of answers), exactly."""
        self._require("mean")
        total = sum(
            answer * count for answer, count in zip(self._answers(), self.counts, strict=True)
        )
        return Fraction(total, self.n)

    def _answers(self) -> range:
        return range(self.scale.low, self.scale.high + 1)

    @property
    def top_box_count(self) -> int:
        """How many answers fall in the scale's top box."""
        first, last = self.scale.top_box
        return sum(self.counts[first - self.scale.low : last - self.scale.low + 1])


@attrs.frozen
class CesTally(_Histogram):
    """Counts of Customer Effort Score answers on a scale (default HubSpot's 1-7).

    ``CesTally()`` is the empty tally on :data:`CES_7`. Tallies on the same scale add.
    """

    DEFAULT_SCALE = CES_7
    KIND = "CES"

    @property
    def score(self) -> Fraction:
        """The CES: the sum of the answers divided by the number of answers, exactly."""
        return self.mean

    @property
    def agree_share(self) -> Fraction:
        """The share (0..1) of good answers: 5-7 ("agree") on the 7-point scale, or
        the low-effort box on an effort scale."""
        self._require("agree share")
        return Fraction(self.top_box_count, self.n)

    def rounded(self, places: int = 2, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
        """Return the CES (the mean) rounded for presentation."""
        return RoundingPolicy(places, rounding).apply(self.score)


@attrs.frozen
class CsatTally(_Histogram):
    """Counts of customer satisfaction answers on a scale (default 1-5, top box 4-5).

    ``CsatTally()`` is the empty tally on :data:`CSAT_5`. Tallies on the same scale add.
    """

    DEFAULT_SCALE = CSAT_5
    KIND = "CSAT"

    @property
    def score(self) -> Fraction:
        """The CSAT: positive answers (the top box) ÷ all answers x 100, exactly."""
        self._require("score")
        return Fraction(100 * self.top_box_count, self.n)

    def rounded(self, places: int = 0, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
        """Return the CSAT percentage rounded for presentation."""
        return RoundingPolicy(places, rounding).apply(self.score)

    def interval(self, confidence: float = 0.95) -> Interval:
        """The Wilson score interval of the CSAT percentage, within [0, 100]."""
        self._require("interval")
        low, high = wilson(self.top_box_count, self.n, confidence_level(confidence))
        return Interval(100 * low, 100 * high)


def _check_keys(counts: Mapping[int, int], scale: Scale) -> None:
    if not isinstance(counts, Mapping):
        raise InvalidTypeError("counts", counts, "a mapping of answer to count")
    for answer in counts:
        if answer not in scale or isinstance(answer, bool):
            raise InvalidValueError(
                "counts", answer, f"answers from {scale.low} to {scale.high} as keys"
            )


AnyTally: TypeAlias = NpsTally | WeightedNpsTally | CesTally | CsatTally


# -- responses over time and by segment -------------------------------------------------


class SurveyKind(enum.Enum):
    """The three kinds of customer feedback survey."""

    NPS = "nps"
    CES = "ces"
    CSAT = "csat"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


def _moment(value: Any, field: str) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise InvalidTypeError(field, value, "a datetime or a date")


def _response_at(value: Any) -> datetime:
    return _moment(value, "at")


def _optional_text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError("text", value, "a str or None")
    return value


def _optional_weight(value: Any) -> Decimal | Fraction | None:
    return None if value is None else _weight(value, 0)


@attrs.frozen
class Response:
    """One survey answer: when it was given, the score, and who and where it came from.

    ``at`` is a ``datetime`` (a ``date`` means its midnight). ``score`` is checked
    against the scale when responses are tallied. ``respondent`` identifies the
    contact, ``segment`` any grouping of yours, ``weight`` is optional.
    """

    at: datetime = attrs.field(converter=_response_at)
    score: Any
    respondent: str | None = attrs.field(default=None, converter=_optional_text)
    segment: str | None = attrs.field(default=None, converter=_optional_text)
    weight: Decimal | Fraction | None = attrs.field(default=None, converter=_optional_weight)
    comment: str | None = attrs.field(default=None, converter=_optional_text)


@attrs.frozen
class Period:
    """A span of time ``[start, end)`` with a ``label`` such as ``'2025-03'``."""

    start: date
    end: date
    label: str

    @classmethod
    def month(cls, day: date) -> Period:
        """The calendar month containing ``day``."""
        start = date(day.year, day.month, 1)
        end = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return cls(start, end, f"{day.year:04d}-{day.month:02d}")

    @classmethod
    def quarter(cls, day: date) -> Period:
        """The calendar quarter containing ``day``."""
        index = (day.month - 1) // 3
        start = date(day.year, 3 * index + 1, 1)
        end = date(day.year + (index + 1) // 4, (3 * index + 3) % 12 + 1, 1)
        return cls(start, end, f"{day.year:04d}-Q{index + 1}")


def _days(value: Any) -> int:
    return whole_number(value, field="days", minimum=1)


def _ends(value: Any) -> tuple[date, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("ends", value, "a collection of dates")
    ends = tuple(value)
    for end in ends:
        if isinstance(end, datetime) or not isinstance(end, date):
            raise InvalidTypeError("ends", end, "a date")
    return ends


@attrs.frozen
class Trailing:
    """A trailing window: for each day in ``ends``, the ``days`` days ending that day."""

    days: int = attrs.field(converter=_days)
    ends: tuple[date, ...] = attrs.field(converter=_ends)

    def periods(self) -> tuple[Period, ...]:
        """One period per end day, each ``days`` long and including its end day."""
        return tuple(
            Period(
                end - timedelta(days=self.days - 1),
                end + timedelta(days=1),
                f"{self.days} days to {end.isoformat()}",
            )
            for end in self.ends
        )


By: TypeAlias = Literal["month", "quarter", "all"] | Trailing


@attrs.frozen
class Group:
    """The tally of one period (and one segment, when grouping by segment).

    ``below_minimum`` flags a group with fewer answers than the minimum asked for:
    its score is shown but should not be trusted.
    """

    period: Period | None
    segment: str | None
    tally: AnyTally
    below_minimum: bool


def _scale_for(kind: SurveyKind, scale: Scale | NpsScale | None) -> Scale | NpsScale:
    if scale is not None:
        return scale
    defaults: dict[SurveyKind, Scale | NpsScale] = {
        SurveyKind.NPS: NPS,
        SurveyKind.CES: CES_7,
        SurveyKind.CSAT: CSAT_5,
    }
    return defaults[kind]


def _tally(
    kind: SurveyKind,
    scale: Scale | NpsScale,
    answers: list[int],
    weights: list[Decimal | Fraction] | None,
) -> AnyTally:
    if isinstance(scale, NpsScale):
        if weights is not None:
            return WeightedNpsTally.from_scores(answers, weights, scale=scale)
        return NpsTally.from_scores(answers, scale=scale)
    if kind is SurveyKind.CES:
        return CesTally.from_scores(answers, scale=scale)
    return CsatTally.from_scores(answers, scale=scale)


def _latest(responses: list[tuple[int, Response]]) -> list[tuple[int, Response]]:
    latest: dict[str, tuple[int, Response]] = {}
    anonymous = []
    for item in responses:
        who = item[1].respondent
        if who is None:
            anonymous.append(item)
        elif who not in latest or item[1].at >= latest[who][1].at:
            latest[who] = item
    return sorted([*anonymous, *latest.values()], key=lambda item: item[0])


def group(
    responses: Iterable[Response],
    *,
    kind: SurveyKind,
    by: By = "month",
    by_segment: bool = False,
    latest_per_respondent: bool = False,
    min_count: int = 0,
    weighted: bool = False,
    scale: Scale | NpsScale | None = None,
    missing: Missing = "error",
) -> tuple[Group, ...]:
    """Tally responses by calendar month or quarter, a trailing window, or all at once.

    With ``by_segment`` each period is split by ``Response.segment``. With
    ``latest_per_respondent`` only each respondent's latest answer **within a
    group** counts (answers without a respondent all count). Groups with fewer than
    ``min_count`` answers are flagged ``below_minimum``. ``weighted=True`` (NPS
    only) uses each response's weight. Groups come sorted by period, then segment;
    a period with no answers has no group.

    Every score is checked first; an error names the position in ``responses``.
    """
    kind = _kind(kind)
    chosen_scale = _scale_for(kind, scale)
    policy = _check_missing(missing)
    minimum = whole_number(min_count, field="min_count", minimum=0)
    if weighted and kind is not SurveyKind.NPS:
        raise InvalidValueError("weighted", weighted, "False for CES and CSAT surveys")
    items: list[tuple[int, Response, int]] = []
    for position, response in enumerate(responses):
        if not isinstance(response, Response):
            raise InvalidTypeError(f"responses[{position}]", response, "a Response")
        answer = _answer(response.score, position, chosen_scale.low, chosen_scale.high, policy)
        if answer is None:
            continue
        if weighted and response.weight is None:
            raise InvalidValueError(
                f"responses[{position}].weight", None, "a weight on every response"
            )
        items.append((position, response, answer))

    buckets: dict[tuple[Period | None, str | None], list[tuple[int, Response]]] = {}
    answers: dict[int, int] = {}
    for position, response, answer in items:
        answers[position] = answer
        segment = response.segment if by_segment else None
        for period in _periods_of(response.at.date(), by):
            buckets.setdefault((period, segment), []).append((position, response))

    groups = []
    for (period, segment), members in buckets.items():
        chosen = _latest(members) if latest_per_respondent else members
        values = [answers[position] for position, _ in chosen]
        weights = [w for _, r in chosen if (w := r.weight) is not None] if weighted else None
        tally = _tally(kind, chosen_scale, values, weights)
        groups.append(Group(period, segment, tally, len(values) < minimum))
    return tuple(
        sorted(
            groups,
            key=lambda g: (g.period.start if g.period else date.min, g.segment or ""),
        )
    )


def _periods_of(day: date, by: By) -> tuple[Period | None, ...]:
    if by == "month":
        return (Period.month(day),)
    if by == "quarter":
        return (Period.quarter(day),)
    if by == "all":
        return (None,)
    if isinstance(by, Trailing):
        return tuple(p for p in by.periods() if p.start <= day < p.end)
    raise InvalidValueError("by", by, "'month', 'quarter', 'all' or a Trailing window")


def _kind(value: Any) -> SurveyKind:
    return member(
        SurveyKind,
        value,
        field="kind",
        expected="SurveyKind.NPS, SurveyKind.CES or SurveyKind.CSAT",
    )


@attrs.frozen
class LatestNps:
    """What HubSpot keeps on a contact: the latest NPS rating, comment and date."""

    rating: int
    comment: str | None
    at: datetime


def latest_per_contact(responses: Iterable[Response]) -> dict[str, LatestNps]:
    """Return each contact's latest NPS rating, comment and date, from a stream.

    Of two answers at the same moment, the later in the stream wins. Answers with
    no respondent belong to no contact and are not in the result.
    """
    latest: dict[str, LatestNps] = {}
    for position, response in enumerate(responses):
        answer = _answer(response.score, position, NPS.low, NPS.high, "error")
        who = response.respondent
        if who is None or answer is None:
            continue
        if who not in latest or response.at >= latest[who].at:
            latest[who] = LatestNps(answer, response.comment, response.at)
    return latest


# -- HubSpot's published survey numbers --------------------------------------------------


@attrs.frozen
class Range:
    """An inclusive range ``low``..``high`` of exact values."""

    low: Fraction
    high: Fraction

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise InvalidValueError("low", self.low, f"at most high ({self.high})")


@attrs.frozen
class SurveyRules:
    """The numbers HubSpot publishes about feedback surveys (see ``data/surveys.toml``)."""

    email_grace: timedelta
    response_rate: Range
    extra_question_drop: Range
    nps_question: str

    def __attrs_post_init__(self) -> None:
        for name in ("response_rate", "extra_question_drop"):
            span = getattr(self, name)
            if not isinstance(span, Range) or span.low < 0 or span.high > 1:
                raise InvalidValueError(name, span, "a Range of shares within 0..1")
        if "{company}" not in self.nps_question:
            raise InvalidValueError(
                "nps_question", self.nps_question, "a text with a {company} placeholder"
            )


@functools.cache
def _packaged_survey_rules() -> SurveyRules:
    import tomllib

    data = tomllib.loads(packaged_text("surveys.toml"), parse_float=Decimal)
    return SurveyRules(
        email_grace=timedelta(days=data["email"]["answerable_days_after_unpublishing"]),
        response_rate=Range(
            Fraction(data["response_rate"]["low"]), Fraction(data["response_rate"]["high"])
        ),
        extra_question_drop=Range(
            Fraction(data["extra_question"]["drop_low"]),
            Fraction(data["extra_question"]["drop_high"]),
        ),
        nps_question=data["nps"]["question"],
    )


def survey_rules() -> SurveyRules:
    """Return the packaged survey numbers (read once, on first use).

    >>> survey_rules().email_grace.days
    14
    """
    return _packaged_survey_rules()


def response_rate(extra_questions: int = 0, *, rules: SurveyRules | None = None) -> Range:
    """Return the response rate to expect (5-15 %), lowered 30-50 % per extra question.

    >>> response_rate(1)
    Range(low=Fraction(1, 40), high=Fraction(21, 200))
    """
    chosen = rules or survey_rules()
    extra = whole_number(extra_questions, field="extra_questions", minimum=0)
    drop = chosen.extra_question_drop
    return Range(
        chosen.response_rate.low * (1 - drop.high) ** extra,
        chosen.response_rate.high * (1 - drop.low) ** extra,
    )


def expected_responses(
    recipients: int, *, extra_questions: int = 0, rules: SurveyRules | None = None
) -> Range:
    """Return how many of ``recipients`` to expect to answer, as an exact range.

    >>> expected_responses(1000)
    Range(low=Fraction(50, 1), high=Fraction(150, 1))
    """
    count = whole_number(recipients, field="recipients", minimum=0)
    rate = response_rate(extra_questions, rules=rules)
    return Range(count * rate.low, count * rate.high)


# -- the survey lifecycle ---------------------------------------------------------------


class Channel(enum.Enum):
    """How a survey reaches people."""

    EMAIL = "email"
    LINK = "link"
    WEB = "web"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


def _language(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError("language", value, "a CLDR locale identifier such as 'en' or 'sv'")
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise InvalidValueError(
            "language", value, "a CLDR locale identifier such as 'en' or 'sv'"
        ) from None
    return value


def _company(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidTypeError("company", value, "a non-empty str")
    return value


def _published(value: Any) -> datetime:
    return _moment(value, "published")


def _unpublished(value: Any) -> datetime | None:
    return None if value is None else _moment(value, "unpublished")


def _survey_kind(value: Any) -> SurveyKind:
    return _kind(value)


def _channel(value: Any) -> Channel:
    return member(
        Channel, value, field="channel", expected="Channel.EMAIL, Channel.LINK or Channel.WEB"
    )


@attrs.frozen
class Survey:
    """A feedback survey: one kind, one channel and **one language**.

    ``published`` and ``unpublished`` are moments (a ``date`` means its midnight).
    A survey in a language other than English carries its own translated
    ``question_template`` with a ``{company}`` placeholder.
    """

    kind: SurveyKind = attrs.field(converter=_survey_kind)
    channel: Channel = attrs.field(converter=_channel)
    language: str = attrs.field(converter=_language)
    company: str = attrs.field(converter=_company)
    published: datetime = attrs.field(converter=_published)
    unpublished: datetime | None = attrs.field(default=None, converter=_unpublished)
    question_template: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.unpublished is not None and self.unpublished < self.published:
            raise InvalidValueError(
                "unpublished",
                self.unpublished,
                f"a moment on or after published ({self.published})",
            )
        if self.question_template is not None and "{company}" not in self.question_template:
            raise InvalidValueError(
                "question_template", self.question_template, "a text with a {company} placeholder"
            )


def unpublish(survey: Survey, at: datetime | date) -> Survey:
    """Return the survey unpublished at ``at``."""
    if survey.unpublished is not None:
        raise InvalidValueError("survey", survey, "a survey that is still published")
    return attrs.evolve(survey, unpublished=at)


def accepts_responses(
    survey: Survey, at: datetime | date, *, rules: SurveyRules | None = None
) -> bool:
    """Return whether ``survey`` accepts an answer at ``at``.

    From publication on, a survey accepts answers until it is unpublished. An
    **email** survey can still be answered for 14 days (the ``email_grace`` of the
    survey rules) after it is unpublished: at any moment before unpublished + 14
    days. Link and web surveys stop when they are unpublished.
    """
    moment = _moment(at, "at")
    if moment < survey.published:
        return False
    if survey.unpublished is None or moment < survey.unpublished:
        return True
    if survey.channel is Channel.EMAIL:
        return moment < survey.unpublished + (rules or survey_rules()).email_grace
    return False


def shows_web_survey(
    survey: Survey,
    *,
    at: datetime | date,
    known_contact: bool,
    matches_criteria: bool,
    single_page_app: bool = False,
) -> bool:
    """Return whether a web survey is shown to a visitor.

    Only to a **known contact** (recognised by its cookie) that matches the survey's
    segmentation criteria, while the survey accepts answers, and never in a
    single-page app, which HubSpot's feedback surveys do not support.
    """
    for name, flag in (
        ("known_contact", known_contact),
        ("matches_criteria", matches_criteria),
        ("single_page_app", single_page_app),
    ):
        boolean(flag, field=name)
    return (
        survey.channel is Channel.WEB
        and known_contact
        and matches_criteria
        and not single_page_app
        and accepts_responses(survey, at)
    )


def nps_question(survey: Survey, *, rules: SurveyRules | None = None) -> str:
    """Return the NPS question with the company name filled in.

    The question cannot be changed except for the company name. English surveys use
    the standard text; a survey in another language needs its ``question_template``.

        >>> s = Survey(SurveyKind.NPS, Channel.EMAIL, "en", "Acme", date(2025, 1, 6))
        >>> nps_question(s)
        'How likely is it that you would recommend Acme to a friend or colleague?'
    """
    if survey.kind is not SurveyKind.NPS:
        raise InvalidValueError("survey", survey.kind, "an NPS survey")
    template = survey.question_template
    if template is None:
        if survey.language.split("_")[0].split("-")[0].lower() != "en":
            raise InvalidValueError(
                "question_template",
                None,
                f"a translated question for language {survey.language!r}: "
                "one survey per language, each with its own text",
            )
        template = (rules or survey_rules()).nps_question
    return template.replace("{company}", survey.company)


class Cadence(enum.Enum):
    """How often a relationship survey is sent: every 3, 6 or 12 months."""

    QUARTERLY = 3
    SIX_MONTHS = 6
    TWELVE_MONTHS = 12

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


@attrs.frozen
class Send:
    """One send of a survey, and its reminder (``None`` when no reminder is set)."""

    on: date
    reminder: date | None


def send_schedule(
    start: date,
    cadence: Cadence,
    *,
    count: int | None = None,
    until: date | None = None,
    reminder_after: timedelta | None = None,
) -> tuple[Send, ...]:
    """Return the send dates from ``start`` at ``cadence``, with their reminders.

    Give ``count`` sends or an ``until`` date (inclusive), not both. A send due on
    a day the month lacks (the 31st, say) goes out on the month's last day.

        >>> sends = send_schedule(date(2025, 1, 31), Cadence.QUARTERLY, count=3)
        >>> [send.on.isoformat() for send in sends]
        ['2025-01-31', '2025-04-30', '2025-07-31']
    """
    from dateutil.rrule import MONTHLY, rrule

    if isinstance(start, datetime) or not isinstance(start, date):
        raise InvalidTypeError("start", start, "a date")
    if not isinstance(cadence, Cadence):
        raise InvalidTypeError("cadence", cadence, "a Cadence, such as Cadence.QUARTERLY")
    if (count is None) == (until is None):
        raise InvalidValueError("count", count, "either count or until, not both and not neither")
    if count is not None:
        count = whole_number(count, field="count", minimum=1)
    if until is not None and (isinstance(until, datetime) or not isinstance(until, date)):
        raise InvalidTypeError("until", until, "a date")
    if reminder_after is not None and (
        not isinstance(reminder_after, timedelta) or reminder_after <= timedelta(0)
    ):
        raise InvalidValueError("reminder_after", reminder_after, "a positive timedelta")
    rule = rrule(
        MONTHLY,
        interval=cadence.value,
        dtstart=datetime(start.year, start.month, start.day),
        bymonthday=(start.day, -1),
        bysetpos=1,
        count=count,
        until=None if until is None else datetime(until.year, until.month, until.day),
    )
    return tuple(
        Send(moment.date(), None if reminder_after is None else moment.date() + reminder_after)
        for moment in rule
    )


# -- loading responses ------------------------------------------------------------------


@attrs.frozen
class ResponsesFile:
    """Responses read from a file, and the lines left out by the missing-answer policy."""

    responses: tuple[Response, ...]
    excluded_lines: tuple[int, ...]


_INTEGER = re.compile(r"[+-]?[0-9]+")


def read_responses(
    path: str | PathLike[str],
    *,
    kind: SurveyKind = SurveyKind.NPS,
    scale: Scale | NpsScale | None = None,
    score_column: str = "score",
    at_column: str = "at",
    respondent_column: str | None = "respondent",
    segment_column: str | None = None,
    weight_column: str | None = None,
    comment_column: str | None = "comment",
    missing: Missing = "error",
) -> ResponsesFile:
    """Read survey responses from a CSV file with a header row.

    ``score`` (an integer on the scale) and ``at`` (an ISO date or date-time) are
    required columns; respondent, segment, weight and comment columns are read
    when present (the respondent and comment columns are optional in the file).
    Every bad row is reported, with its line number and the reason, in one
    :class:`~hubpartner.errors.ResponsesFileError`; nothing is dropped silently. A
    row with an empty score is an error, or — with ``missing="exclude"`` — listed in
    ``excluded_lines``.
    """
    chosen_scale = _scale_for(_kind(kind), scale)
    policy = _check_missing(missing)
    wanted = [score_column, at_column, segment_column, weight_column]
    rows, problems = read_rows(
        path, required=[c for c in wanted if c is not None], error=ResponsesFileError
    )
    responses: list[Response] = []
    excluded: list[int] = []
    for line, row in rows:
        read = _read_row(
            row,
            chosen_scale,
            score_column,
            at_column,
            respondent_column,
            segment_column,
            weight_column,
            comment_column,
        )
        if isinstance(read, str):
            problems.append(RowProblem(line, read))
        elif read is None:
            if policy == "exclude":
                excluded.append(line)
            else:
                problems.append(
                    RowProblem(
                        line,
                        f"no {score_column!r}; missing answers are an error unless "
                        "they are excluded",
                    )
                )
        else:
            responses.append(read)
    if problems:
        problems.sort(key=lambda problem: problem.line)
        raise ResponsesFileError(str(path), problems)
    return ResponsesFile(tuple(responses), tuple(excluded))


def _read_row(
    row: Mapping[str, str],
    scale: Scale | NpsScale,
    score_column: str,
    at_column: str,
    respondent_column: str | None,
    segment_column: str | None,
    weight_column: str | None,
    comment_column: str | None,
) -> Response | str | None:
    """Return the row's response, None for a missing score, or why it is bad."""

    def cell(column: str | None) -> str:
        return "" if column is None else row.get(column, "")

    raw_score = cell(score_column)
    if not raw_score:
        return None
    if not _INTEGER.fullmatch(raw_score):
        return f"{score_column} {raw_score!r} is not an integer"
    score = int(raw_score)
    if not scale.low <= score <= scale.high:
        return f"{score_column} {score} is outside the scale {scale.low}..{scale.high}"
    raw_at = cell(at_column)
    try:
        at = datetime.fromisoformat(raw_at)
    except ValueError:
        return f"{at_column} {raw_at!r} is not an ISO date or date-time such as 2025-03-01"
    weight = None
    if weight_column is not None:
        raw_weight = cell(weight_column)
        try:
            weight = _weight(Decimal(raw_weight), 0)
        except (ArithmeticError, ValueError):
            return f"{weight_column} {raw_weight!r} is not a number of 0 or more"
    return Response(
        at=at,
        score=score,
        respondent=cell(respondent_column) or None,
        segment=cell(segment_column) or None,
        weight=weight,
        comment=cell(comment_column) or None,
    )
