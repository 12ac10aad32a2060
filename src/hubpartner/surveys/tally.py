"""Tallies: answers counted into values that add, and the scores computed from them.

Every tally is frozen; ``a + b`` is associative and commutative with the empty tally
as its identity, so segments, months or partitions of a large data set can be counted
separately and merged.

    >>> NpsTally.from_scores([10, 9, 7, 3]) + NpsTally.from_counts(promoters=1)
    NpsTally(promoters=3, passives=1, detractors=1)
"""

from __future__ import annotations

import math
import numbers
import operator
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal, Self, TypeAlias

import attrs

from .._checks import (
    MAX_COUNT,
    MAX_MAGNITUDE,
    MAX_POINT_PLACES,
    below_magnitude,
    bounded,
    each_item,
    instance,
    is_count,
    non_negative_int,
    to_fraction,
)
from ..decimals import Rounding, exact_context
from ..errors import (
    EmptyTallyError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingScoreError,
    ScoreTypeError,
    TooFewAnswersError,
    shown,
)
from ..messages import Message, message, plural
from .scales import CES_7, CSAT_5, NPS, NpsScale, Scale
from .stats import (
    DETRACTOR_SHARE,
    INTERVAL,
    PROMOTER_SHARE,
    SCORE,
    VARIANCE,
    Interval,
    NetScore,
    confidence_level,
    rounding_policy,
    t_critical_value,
    wilson,
)

__all__ = ["AnyTally", "CesTally", "CsatTally", "NpsTally", "WeightedNpsTally"]

Missing = Literal["error", "exclude"]


def is_missing(value: object) -> bool:
    """None, a NaN of any kind (float, Decimal, NumPy), or pandas' ``pd.NA`` or
    ``pd.NaT``: an answer not given."""
    if value is None or _is_pandas_gap(value):
        return True
    if isinstance(value, Decimal):
        return value.is_nan()
    if isinstance(value, int) or not isinstance(value, numbers.Real):
        return False
    return bool(value != value)  # NaN, also of a NumPy float


def _is_pandas_gap(value: object) -> bool:
    """Whether ``value`` is pandas' ``NA`` or ``NaT`` (looked up only where pandas is
    already imported: a value of pandas cannot exist without it)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def is_number(value: object) -> bool:
    """Whether ``value`` is a real number, not a bool: an int, a float, a Decimal, a
    Fraction or another registered real type (NumPy's numbers register themselves)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Real | Decimal)


def whole(value: Any) -> int | None:
    """Return the number ``value`` as an int if it is a whole number (``10``, ``10.0``,
    ``Decimal("10")``), or None if it is not (``6.5``, an infinity, NaN) or is a
    ``Decimal`` of 10^15 or more in magnitude (``Decimal("1e999999999")``, whose
    billion digits would take long to write out; no answer or count is that large)."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Decimal) and not (
        value.is_finite() and -MAX_MAGNITUDE < value < MAX_MAGNITUDE
    ):
        return None
    try:
        answer = int(value)
    except (OverflowError, ValueError):  # an infinity or a NaN
        return None
    return answer if answer == value else None


def check_missing(missing: Any) -> Missing:
    if missing not in ("error", "exclude"):
        raise InvalidValueError("missing", missing, message("'error' (the default) or 'exclude'"))
    return "exclude" if missing == "exclude" else "error"


def _count(values: Sequence[Any], low: int, high: int, missing: Missing) -> Counter[int]:
    """Count valid int answers; name the position of the first invalid one.

    The common case — plain ints — is checked and counted in C: the set of the
    values' types shows that every one is an ``int`` (and no ``bool``, ``float`` or
    ``None`` hides among them), then the values are packed into ``bytes`` (which
    refuses anything outside 0..255) and each answer of the scale is counted with
    ``bytes.count``; answers outside the scale are caught because the counts then
    fall short. That costs about as much as ``collections.Counter`` alone. Floats
    (a pandas column) are turned into ints in C first, if every one is whole.
    Anything else is checked one by one, so that an error can say where the answer
    is.
    """
    kinds = set(map(type, values))
    if kinds <= {int}:
        counts = _count_ints(values, low, high)
        if counts is not None:
            return counts
    elif all(kind is int or issubclass(kind, float) for kind in kinds):
        ints = _whole_floats(values)
        counts = None if ints is None else _count_ints(ints, low, high)
        if counts is not None:
            return counts
    counts = Counter()
    for position, value in enumerate(values):
        answer = check_answer(value, position, low, high, missing)
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


def _whole_floats(values: Sequence[Any]) -> list[int] | None:
    """The ints and floats ``values`` as ints, or None if any is not whole (or NaN)."""
    try:
        ints = list(map(int, values))
    except (OverflowError, ValueError):  # an infinity or a NaN
        return None
    return ints if all(map(operator.eq, ints, values)) else None


def check_answer(
    value: Any, position: int, low: int, high: int, missing: Missing, *, field: str | None = None
) -> int | None:
    """Return one answer as an int, None if it is missing and excluded, or raise.

    An answer is a whole number of any numeric type (``9``, ``9.0``,
    ``Decimal("9")``, a NumPy number), never a ``bool`` or a ``str``. An error names
    ``field`` (by default ``scores[position]``).
    """
    if is_missing(value):
        if missing == "exclude":
            return None
        raise MissingScoreError(position, value, field=field)
    expected = message("a whole number from {low} to {high}", low=low, high=high)
    if not is_number(value):
        if isinstance(value, bool):
            expected = message(
                "a whole number from {low} to {high} (a bool is not a score)", low=low, high=high
            )
        raise ScoreTypeError(position, value, expected, field=field)
    answer = whole(value)
    if answer is None or not low <= answer <= high:
        raise InvalidScoreError(position, value, expected, field=field)
    return answer


def _as_sequence(scores: Iterable[Any], field: str = "scores") -> Sequence[Any]:
    if isinstance(scores, list | tuple):
        return scores
    if isinstance(scores, str | bytes) or not isinstance(scores, Iterable):
        expected = (
            message("an iterable of whole-number answers")
            if field == "scores"
            else message("an iterable of numbers")
        )
        raise InvalidTypeError(field, scores, expected)
    return list(scores)


def _nps_scale(scale: Any) -> NpsScale:
    return instance(
        scale, NpsScale, field="scale", expected=message("an NpsScale, such as surveys.NPS")
    )


@attrs.frozen
class NpsTally(NetScore):
    """Counts of promoters, passives and detractors; ``NpsTally()`` is empty.

    Tallies add (``a + b``); the addition is associative and commutative, and the
    empty tally is its identity, so ``sum(tallies, NpsTally())`` merges any number.
    """

    promoters: int = attrs.field(default=0, validator=is_count)
    passives: int = attrs.field(default=0, validator=is_count)
    detractors: int = attrs.field(default=0, validator=is_count)

    @classmethod
    def from_scores(
        cls, scores: Iterable[object], *, missing: Missing = "error", scale: NpsScale = NPS
    ) -> NpsTally:
        """Count raw 0-10 answers.

        An answer is a whole number of any numeric type: ``9``, ``9.0`` (a pandas
        column of floats), ``Decimal("9")`` or a NumPy number. ``bool``, ``str``,
        fractional numbers (6.5), infinities and out-of-range answers raise an error
        naming the position and the value. Missing answers (``None``, NaN) are an
        error unless ``missing="exclude"``.
        """
        scale = _nps_scale(scale)
        values = _as_sequence(scores)
        counts = _count(values, scale.low, scale.high, check_missing(missing))
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
        """Build a tally from counts already made (whole numbers of any numeric type,
        such as NumPy's)."""
        return cls(
            count_of(promoters, field="promoters"),
            count_of(passives, field="passives"),
            count_of(detractors, field="detractors"),
        )

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
        self._require(PROMOTER_SHARE)
        return Fraction(self.promoters, self.n)

    @property
    def detractor_share(self) -> Fraction:
        """Detractors as a share of all answers, exactly (0..1)."""
        self._require(DETRACTOR_SHARE)
        return Fraction(self.detractors, self.n)

    @property
    def score(self) -> Fraction:
        """The NPS, 100*(promoters - detractors)/n, exactly, from -100 to 100."""
        self._require(SCORE)
        return Fraction(100 * (self.promoters - self.detractors), self.n)

    def _shares(self) -> tuple[Fraction, Fraction, Fraction]:
        return Fraction(self.promoters), Fraction(self.detractors), Fraction(self.n)


def check_weight(value: Any, position: int) -> Decimal | Fraction:
    """Return the weight of the answer at ``position`` exactly (see :func:`weight_of`)."""
    return weight_of(value, field=f"weights[{position}]")


def _weight() -> Message:
    """What a weight may be."""
    return message("a finite number of 0 or more below 10^15")


def weight_of(value: Any, *, field: str) -> Decimal | Fraction:
    """Return a weight exactly: a ``Fraction`` as it is, any other number as a Decimal
    (a float at its exact binary value). A weight is below
    :data:`~hubpartner._checks.MAX_MAGNITUDE`; a ``Decimal`` one has at most
    :data:`~hubpartner._checks.MAX_POINT_PLACES` places, a ``Fraction`` one a
    denominator of at most as many digits."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise InvalidTypeError(field, value, message("a number of 0 or more"))
    weight: Decimal | Fraction
    if isinstance(value, Fraction):
        if value.denominator >= 10**MAX_POINT_PLACES or abs(value) >= MAX_MAGNITUDE:
            raise InvalidValueError(field, value, _weight())
        weight = value
    else:
        # exact, also for a float; another real type (a NumPy float) through float
        number = Decimal(value if isinstance(value, int | float | Decimal) else float(value))
        if not number.is_finite():
            raise InvalidValueError(field, value, _weight())
        if isinstance(value, Decimal):
            weight = bounded(number, value, field=field, places=MAX_POINT_PLACES)
        else:  # an int, or a float's exact value (at most 1,074 places): its magnitude
            weight = below_magnitude(number, value, field=field)
    if weight < 0:
        raise InvalidValueError(field, value, _weight())
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


@attrs.frozen
class WeightedNpsTally(NetScore):
    """Sums of weights of promoters, passives and detractors, for a weighted NPS.

    ``sum_of_squares`` (Σw²) and ``answers`` are kept so that tallies still add and
    the standard error can use Kish's effective sample size (Σw)²/Σw².
    """

    promoters: Fraction = attrs.field(default=Fraction(0), converter=to_fraction)
    passives: Fraction = attrs.field(default=Fraction(0), converter=to_fraction)
    detractors: Fraction = attrs.field(default=Fraction(0), converter=to_fraction)
    sum_of_squares: Fraction = attrs.field(default=Fraction(0), converter=to_fraction)
    answers: int = attrs.field(default=0, validator=is_count)

    def __attrs_post_init__(self) -> None:
        # ``answers`` weights of 0 or more: Σw² <= (Σw)² <= answers x Σw² (the latter by
        # Cauchy-Schwarz), so that the effective sample size lies from 1 to ``answers``
        total, squares = self.total_weight, self.sum_of_squares
        if not squares <= total * total <= self.answers * squares:
            raise InvalidValueError(
                "sum_of_squares",
                squares,
                plural(
                    "the sum of the square of {count} weight that adds up to {total}: "
                    "from (Σw)²/answers to (Σw)²",
                    "the sum of the squares of {count} weights that add up to {total}: "
                    "from (Σw)²/answers to (Σw)²",
                    count=self.answers,
                    total=shown(total),
                ),
            )

    @classmethod
    def from_scores(
        cls,
        scores: Iterable[object],
        weights: Iterable[Any],
        *,
        missing: Missing = "error",
        scale: NpsScale = NPS,
    ) -> WeightedNpsTally:
        """Add up the weights of raw 0-10 answers, one weight per answer.

        Weights are finite numbers of 0 or more (a ``float`` weight is taken at its
        exact binary value). Answers are checked as in :meth:`NpsTally.from_scores`.
        """
        scale = _nps_scale(scale)
        values = _as_sequence(scores)
        weight_list = _as_sequence(weights, "weights")
        if len(weight_list) != len(values):
            raise InvalidValueError(
                "weights",
                weight_list,
                message(
                    "one weight per answer ({answers}), not {weights}",
                    answers=plural("{count} answer", "{count} answers", count=len(values)),
                    weights=plural("{count} weight", "{count} weights", count=len(weight_list)),
                ),
            )
        policy = check_missing(missing)
        promoters, passives, detractors, squares = (_ExactSum() for _ in range(4))
        exact = exact_context()
        answers = 0
        for position, (value, raw_weight) in enumerate(zip(values, weight_list, strict=True)):
            answer = check_answer(value, position, scale.low, scale.high, policy)
            if answer is None:
                continue
            weight = check_weight(raw_weight, position)
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
            # Translators: the kind of a tally, as in "the weighted NPS tally
            # has no answers".
            raise EmptyTallyError(message("weighted NPS"), statistic)

    @property
    def promoter_share(self) -> Fraction:
        """The promoters' share of the total weight, exactly (0..1)."""
        self._require(PROMOTER_SHARE)
        return self.promoters / self.total_weight

    @property
    def detractor_share(self) -> Fraction:
        """The detractors' share of the total weight, exactly (0..1)."""
        self._require(DETRACTOR_SHARE)
        return self.detractors / self.total_weight

    @property
    def effective_n(self) -> Fraction:
        """Kish's effective sample size (Σw)²/Σw², exactly."""
        # Translators: a statistic (Kish's effective sample size of weighted answers).
        self._require(message("effective sample size"))
        return self.total_weight**2 / self.sum_of_squares

    @property
    def score(self) -> Fraction:
        """The weighted NPS, 100*(Σw promoters - Σw detractors)/Σw, exactly."""
        self._require(SCORE)
        return 100 * (self.promoters - self.detractors) / self.total_weight

    def _shares(self) -> tuple[Fraction, Fraction, Fraction]:
        # weighted shares scaled to Kish's effective sample size
        n = self.effective_n
        return self.promoter_share * n, self.detractor_share * n, n


def _counts(value: Any) -> tuple[int, ...]:
    return each_item(non_negative_int, value, field="counts")


def _scale(value: Any) -> Scale:
    if not isinstance(value, Scale):
        raise InvalidTypeError("scale", value, message("a Scale, such as surveys.CES_7"))
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
        default=attrs.Factory(_default_scale, takes_self=True), converter=_scale
    )
    counts: tuple[int, ...] = attrs.field(
        default=attrs.Factory(_no_counts, takes_self=True), converter=_counts
    )

    def __attrs_post_init__(self) -> None:
        if len(self.counts) != self.scale.size:
            raise InvalidValueError(
                "counts",
                self.counts,
                plural(
                    "{count} count, one per answer {low}..{high}",
                    "{count} counts, one per answer {low}..{high}",
                    count=self.scale.size,
                    low=self.scale.low,
                    high=self.scale.high,
                ),
            )

    @classmethod
    def from_scores(
        cls, scores: Iterable[object], *, scale: Scale | None = None, missing: Missing = "error"
    ) -> Self:
        """Count raw answers on ``scale`` (default: the kind's scale).

        Answers are checked as for :meth:`NpsTally.from_scores`.
        """
        chosen = cls.DEFAULT_SCALE if scale is None else _scale(scale)
        values = _as_sequence(scores)
        counts = _count(values, chosen.low, chosen.high, check_missing(missing))
        return cls._from(counts, chosen)

    @classmethod
    def from_counts(cls, counts: Mapping[Any, Any], *, scale: Scale | None = None) -> Self:
        """Build a tally from ``{answer: count}`` (default scale: the kind's).

        Answers and counts are whole numbers of any numeric type, so the
        ``value_counts()`` of a pandas column of floats is accepted as it is.
        """
        chosen = cls.DEFAULT_SCALE if scale is None else _scale(scale)
        return cls._from(_answer_counts(counts, chosen), chosen)

    @classmethod
    def _from(cls, counts: Mapping[int, int], scale: Scale) -> Self:
        return cls(scale, [counts.get(answer, 0) for answer in range(scale.low, scale.high + 1)])

    def __add__(self, other: object) -> Self:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Histogram)
        if other.scale != self.scale:
            raise InvalidValueError(
                "scale",
                other.scale,
                message("the same scale as the left tally ({name})", name=self.scale.name),
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
        if isinstance(answer, bool) or answer not in self.scale:
            raise InvalidValueError(
                "answer",
                answer,
                message("an int from {low} to {high}", low=self.scale.low, high=self.scale.high),
            )
        return self.counts[answer - self.scale.low]

    def _require(self, statistic: str) -> None:
        if self.n == 0:
            raise EmptyTallyError(self.KIND, statistic)

    @property
    def mean(self) -> Fraction:
        """The mean answer (sum of answers ÷ number of answers), exactly."""
        # Translators: a statistic (the mean answer).
        self._require(message("mean"))
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
        # Translators: a statistic: the share of answers that agree (the top box).
        self._require(message("agree share"))
        return Fraction(self.top_box_count, self.n)

    def rounded(self, places: int = 2, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
        """Return the CES (the mean) rounded for presentation."""
        return rounding_policy(places, rounding).apply(self.score)

    @property
    def variance(self) -> Fraction:
        """The sample variance of the answers (dividing by n - 1), exactly; it needs at
        least 2 answers."""
        if self.n < 2:
            self._require(VARIANCE)
            raise TooFewAnswersError(self.KIND, VARIANCE, self.n, 2)
        mean = self.mean
        squares = sum(
            count * (answer - mean) ** 2
            for answer, count in zip(self._answers(), self.counts, strict=True)
        )
        return Fraction(squares) / (self.n - 1)

    @property
    def standard_error(self) -> float:
        """The standard error of the mean, √(variance / n), in points of the scale."""
        return math.sqrt(self.variance / self.n)

    def interval(self, confidence: float = 0.95) -> Interval:
        """The Student's t interval of the CES (the mean), clipped to the scale.

        mean ± t · standard error, with t the two-sided quantile of Student's t with
        n - 1 degrees of freedom; it needs at least 2 answers.
        """
        level = confidence_level(confidence)
        error = self.standard_error
        half = t_critical_value(level, self.n - 1) * error
        centre = float(self.mean)
        return Interval(max(self.scale.low, centre - half), min(self.scale.high, centre + half))

    def agree_interval(self, confidence: float = 0.95) -> Interval:
        """The Wilson score interval of the agree percentage (100 x ``agree_share``),
        within [0, 100]."""
        # Translators: a statistic: the confidence interval of the share that agrees.
        self._require(message("agree interval"))
        return _percent_interval(self.top_box_count, self.n, confidence)


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
        self._require(SCORE)
        return Fraction(100 * self.top_box_count, self.n)

    def rounded(self, places: int = 0, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
        """Return the CSAT percentage rounded for presentation."""
        return rounding_policy(places, rounding).apply(self.score)

    def interval(self, confidence: float = 0.95) -> Interval:
        """The Wilson score interval of the CSAT percentage, within [0, 100]."""
        self._require(INTERVAL)
        return _percent_interval(self.top_box_count, self.n, confidence)


def _percent_interval(successes: int, n: int, confidence: float) -> Interval:
    low, high = wilson(successes, n, confidence_level(confidence))
    return Interval(100 * low, 100 * high)


def count_of(value: Any, *, field: str) -> int:
    """Return a count made elsewhere as an int: a whole number from 0 to
    :data:`~hubpartner._checks.MAX_COUNT` of any numeric type (a NumPy integer,
    ``3.0``), never a ``bool``."""
    if not is_number(value):
        raise InvalidTypeError(field, value, message("a whole number of 0 or more"))
    count = whole(value)
    if count is None or not 0 <= count <= MAX_COUNT:
        raise InvalidValueError(
            field, value, message("a whole number from 0 to {most}", most=MAX_COUNT)
        )
    return count


def _answer_counts(counts: Mapping[Any, Any], scale: Scale) -> dict[int, int]:
    if not isinstance(counts, Mapping):
        raise InvalidTypeError("counts", counts, message("a mapping of answer to count"))
    found: dict[int, int] = {}
    for answer, count in counts.items():
        key = whole(answer) if is_number(answer) else None
        if key is None or key not in scale:
            raise InvalidValueError(
                "counts",
                answer,
                message("answers from {low} to {high} as keys", low=scale.low, high=scale.high),
            )
        found[key] = found.get(key, 0) + count_of(count, field=f"counts[{answer!r}]")
    return found


AnyNps: TypeAlias = NpsTally | WeightedNpsTally
AnyTally: TypeAlias = NpsTally | WeightedNpsTally | CesTally | CsatTally
