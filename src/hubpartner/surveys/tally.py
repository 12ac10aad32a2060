"""Tallies: answers counted into values that add, and the scores computed from them.

Every tally is frozen; ``a + b`` is associative and commutative with the empty tally
as its identity, so segments, months or partitions of a large data set can be counted
separately and merged.

    >>> NpsTally.from_scores([10, 9, 7, 3]) + NpsTally.from_counts(promoters=1)
    NpsTally(promoters=3, passives=1, detractors=1)
"""

from __future__ import annotations

import array
import decimal
import functools
import math
import numbers
import operator
import sys
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import compress, repeat
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
    places_context,
    to_decimal,
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
    Fraction or another registered real type that Python reads as a number (NumPy's
    numbers register themselves; its ``timedelta64``, registered as an integer, is a
    duration, which ``float`` refuses).

        >>> is_number(9), is_number(True), is_number("9")
        (True, False, False)
    """
    if isinstance(value, int | float | Decimal | Fraction):
        return not isinstance(value, bool)
    if not isinstance(value, numbers.Real):
        return False
    try:
        float(value)
    except TypeError:
        return False
    return True


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


def _kinds(values: Sequence[Any]) -> set[type]:
    """The types of ``values``. When they are a plain list or tuple (whose length and
    first item are what iterating it gives) all of the first one's type, the usual
    case, they are counted against it in C (an identity test each), which is faster
    than building the set; otherwise the set is built.

        >>> sorted(kind.__name__ for kind in _kinds([1, 2.0, 3]))
        ['float', 'int']
    """
    if type(values) in (list, tuple) and values:
        first = type(values[0])
        if operator.countOf(map(type, values), first) == len(values):
            return {first}
    return set(map(type, values))


def _count(values: Sequence[Any], low: int, high: int, missing: Missing) -> Counter[int]:
    """Count valid answers; name the position of the first invalid one.

    This is the straightforward path, taken when :func:`_codes` cannot code the
    answers as bytes (a scale beyond 0..255, or answers that are not plain ints or
    whole floats) or found one off the scale. Plain ints are still counted in C
    (``collections.Counter``), and floats (a pandas column) are turned into ints in C
    first, if every one is whole; anything else is checked one by one, so that an
    error can say where the answer is.
    """
    kinds = _kinds(values)
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
    counts = Counter(values)
    return counts if all(low <= answer <= high for answer in counts) else None


def _whole_floats(values: Sequence[Any]) -> list[int] | None:
    """The ints and floats ``values`` as ints, or None if any is not whole (or NaN)."""
    try:
        ints = list(map(int, values))
    except (OverflowError, ValueError):  # an infinity or a NaN
        return None
    return ints if all(map(operator.eq, ints, values)) else None


# -- answers as bytes: the fast path -----------------------------------------------------
#
# Answers that are plain ints (or whole floats, or the items of an integer buffer such
# as a NumPy array) from 0 to 255 are coded as ``bytes``, one byte per answer, in C.
# Each class of answers (an NPS category, or one answer of a CES or CSAT scale) is then
# counted in two passes in C: ``bytes.translate`` turns the codes into flags (1 for an
# answer of the class, 0 for another), and ``zlib.adler32`` sums the flags (see
# :func:`_flag_sum`). The first table also flags every code that is no answer of the
# scale with a byte of 128, which ``bytes.isascii`` finds at once: then the answers are
# checked one by one (:func:`_count`), so that the error names the first bad one.

#: How many sets of translation tables (one per scale) :func:`_flag_tables` keeps.
FLAG_TABLES_CACHED = 32

#: ``zlib.adler32``'s low half is 1 + the sum of the bytes modulo 65521: exact for a
#: chunk of bytes that sum to at most this.
_ADLER_EXACT = 65519

#: Flags (bytes of 0 or 1) summed per call of ``zlib.adler32``.
_FLAG_CHUNK = _ADLER_EXACT

#: The formats of integer buffers :func:`_narrowed` reads: little-endian, or native
#: on a little-endian machine.
_INTEGER_FORMATS = frozenset(
    [f"<{code}" for code in "bBhHiIlLqQ"]
    + (
        [f"{order}{code}" for order in ("", "@", "=") for code in "bBhHiIlLqQnN"]
        if sys.byteorder == "little"
        else []
    )
)

#: The formats of buffers whose items ``memoryview.tolist`` reads.
_LISTED_FORMATS = frozenset("cbB?hHiIlLqQnNfdP")

#: Floats are weighed exactly as ints over 2**_FLOAT_SHIFT (see :func:`_exact_weights`).
_FLOAT_SHIFT = 64


def _view(scores: Any, field: str) -> memoryview | None:
    """A view of ``scores`` if it exposes the buffer protocol (``bytes``,
    ``bytearray``, ``array.array``, ``memoryview``, a NumPy array), else None. A buffer
    of other than one dimension is refused: its answers have no single position."""
    try:
        view = memoryview(scores)
    except (TypeError, ValueError):  # no buffer, or one NumPy cannot export (dates)
        return None
    if view.ndim != 1:
        raise InvalidTypeError(field, scores, _iterable_of(field))
    # a format memoryview cannot read (big-endian, complex, objects): an iterable
    return view if view.format.lstrip("@") in _LISTED_FORMATS else None


def _iterable_of(field: str) -> Message:
    """What ``scores`` or ``weights`` may be."""
    if field == "scores":
        return message("an iterable of whole-number answers")
    return message("an iterable of numbers")


def _unmasked(values: Any) -> Any:
    """``values`` as it is, unless it is a one-dimensional NumPy masked array (found by
    what it has: a ``mask``, ``filled`` and ``compressed``): then the plain array of
    its data when nothing is masked, else its items with None for each masked one
    (``tolist()``), a missing answer, so that the data under a mask is never read.

        >>> class Masked(list):  # stands in for numpy.ma.array([9, 3], mask=[0, 1])
        ...     mask = type("Mask", (), {"any": lambda self: True})()
        ...     ndim = 1
        ...     def filled(self): ...
        ...     def compressed(self): ...
        ...     def tolist(self): return [9, None]
        >>> _unmasked(Masked([9, 3])), _unmasked([9, 3])
        ([9, None], [9, 3])
    """
    mask = getattr(values, "mask", None)
    if not (
        mask is not None
        and getattr(values, "ndim", None) == 1
        and callable(getattr(values, "filled", None))
        and callable(getattr(values, "compressed", None))
    ):
        return values
    if not mask.any():
        return values.data
    return values.tolist()


def _answers(scores: Any) -> Sequence[Any] | memoryview:
    """``scores`` as :func:`_as_sequence` gives them, or as a view of its buffer."""
    if isinstance(scores, list | tuple) and type(scores) in (list, tuple):
        return scores
    scores = _unmasked(scores)  # a masked array's items are a list: read as one
    view = _view(scores, "scores")
    return view if view is not None else _as_sequence(scores)


def _listed(answers: Sequence[Any] | memoryview) -> Sequence[Any]:
    """The answers one by one: a buffer's items as Python numbers."""
    if not isinstance(answers, memoryview):
        return answers
    return answers.tolist()


def _codes(answers: Sequence[Any] | memoryview, low: int, high: int) -> bytes | None:
    """The answers as bytes, one per answer, or None if they are not all plain ints
    (or whole floats, or the items of an integer buffer) from 0 to 255, or the scale
    is not within 0..255. Whether each is on the scale is left to :func:`_flag_counts`."""
    if low < 0 or high > 255:
        return None
    if isinstance(answers, memoryview):
        return _narrowed(answers)
    kinds = _kinds(answers)
    ints: Sequence[Any] | None = answers
    if not kinds <= {int}:
        if not all(issubclass(kind, float) or kind is int for kind in kinds):
            return None
        ints = _whole_floats(answers)
    try:
        return None if ints is None else bytes(ints)
    except ValueError:  # a value outside 0..255
        return None


def _narrowed(view: memoryview) -> bytes | None:
    """The items of a contiguous little-endian integer buffer as bytes, one per item,
    or None if any item of a wider (or signed) type is not from 0 to 127, or the buffer
    holds no such integers.

    Wider integers are narrowed in C by Unicode's decoders: UTF-32 reads each four
    bytes as one code point (UTF-16 each two) and refuses a surrogate or a value above
    U+10FFFF; a decoded text that is all ASCII proves that every item was below 128,
    that is, that every byte but the lowest of each item is 0. An 8-byte item decodes
    to two code points (its low and its high half), which UTF-16 then joins into one:
    ASCII only when the high half is 0.
    """
    if view.format not in _INTEGER_FORMATS or not view.c_contiguous:
        return None
    if view.itemsize == 1:
        codes = view.tobytes()
        return codes if view.format[-1] == "B" or codes.isascii() else None
    try:
        text = str(view, "utf-16-le" if view.itemsize == 2 else "utf-32-le")
    except UnicodeDecodeError:  # a surrogate, or above U+10FFFF: no answer
        return None
    if text.isascii() and view.itemsize == 8:
        text = text.encode("ascii").decode("utf-16-le")
    return text.encode("ascii") if text.isascii() else None


@functools.lru_cache(maxsize=FLAG_TABLES_CACHED)
def _flag_tables(low: int, classes: tuple[int, ...]) -> tuple[bytes, ...]:
    """``bytes.translate`` tables that flag the answers of each class but the last
    (``classes[answer - low]`` is the class of an answer, 0 to the last), and in the
    first table every byte that is no answer with 128. Cached by value (a scale's
    lowest answer and its classes), for at most :data:`FLAG_TABLES_CACHED` scales."""
    tables = []
    for wanted in range(max(classes)):
        table = bytearray([0x80 if wanted == 0 else 0]) * 256
        for answer, kind in enumerate(classes, start=low):
            table[answer] = kind == wanted
        tables.append(bytes(table))
    return tuple(tables)


def _flag_sum(flags: bytes) -> int:
    """The number of 1s in ``flags`` (bytes of 0 and 1), summed in C."""
    return _byte_sum(flags, 1)


def _byte_sum(data: bytes, largest: int = 255) -> int:
    """The sum of the bytes of ``data`` (none above ``largest``), in C: by
    ``zlib.adler32`` over chunks small enough to sum exactly."""
    chunk = _ADLER_EXACT // largest
    view = memoryview(data)
    return sum(
        (zlib.adler32(view[start : start + chunk]) & 0xFFFF) - 1
        for start in range(0, len(data), chunk)
    )


def _flag_counts(codes: bytes, low: int, classes: tuple[int, ...]) -> list[int] | None:
    """How many of ``codes`` fall in each class, or None if one is off the scale."""
    tables = _flag_tables(low, classes)
    first = codes.translate(tables[0])
    if not first.isascii():
        return None
    counts = [_flag_sum(first)] + [_flag_sum(codes.translate(table)) for table in tables[1:]]
    return [*counts, len(codes) - sum(counts)]


def _class_counts(
    scores: Any, low: int, high: int, classes: tuple[int, ...], missing: Any
) -> list[int]:
    """How many answers fall in each class (``classes[answer - low]`` is the class of
    an answer): fast from bytes, else counted one by one."""
    answers = _answers(scores)
    policy = check_missing(missing)
    if isinstance(answers, memoryview):
        counted = _counted_by_namespace(scores, answers, low, high)
        if counted is not None:
            totals = [0] * (max(classes) + 1)
            for kind, count in zip(classes, counted, strict=True):
                totals[kind] += count
            return totals
    codes = _codes(answers, low, high)
    counts = None if codes is None else _flag_counts(codes, low, classes)
    if counts is not None:
        return counts
    totals = [0] * (max(classes) + 1)
    for answer, count in _count(_listed(answers), low, high, policy).items():
        totals[classes[answer - low]] += count
    return totals


def _counted_by_namespace(array: Any, view: memoryview, low: int, high: int) -> list[int] | None:
    """How many of each answer from ``low`` to ``high`` (a scale within 0..255, as
    :func:`_codes` codes it) an integer array holds, counted in one pass by the
    ``bincount`` of the namespace the array names (the Array API's
    ``__array_namespace__``: NumPy's own, for a NumPy array, which hubpartner never
    imports); or None if the array names none, its namespace cannot count it, or the
    counts are not one per item, all on the scale: then the buffer path counts it, and
    finds and names the first answer off the scale."""
    name_namespace = getattr(array, "__array_namespace__", None)
    if low < 0 or high > 255 or view.format not in _INTEGER_FORMATS or name_namespace is None:
        return None
    namespace = name_namespace()
    try:
        # the data the buffer holds (a masked array's too, mask aside, as the buffer
        # path reads it); its largest answer first: a count is kept for every value
        # up to it
        data = namespace.asarray(array)
        if namespace.max(data) > high:
            return None
        counted = namespace.bincount(data, minlength=high + 1).tolist()
    except (AttributeError, TypeError, ValueError):  # a function missing, no answer, < 0
        return None
    # one count per value up to ``high``, of every item, none below the scale (whatever
    # the namespace's functions do)
    if len(counted) != high + 1 or sum(counted) != len(view) or any(counted[:low]):
        return None
    return counted[low:]  # type: ignore[no-any-return]


def _nps_classes(scale: NpsScale) -> tuple[int, ...]:
    """The class of each answer of ``scale``: 0 detractor, 1 passive, 2 promoter."""
    return tuple(
        0 if answer <= scale.detractors_up_to else 2 if answer >= scale.promoters_from else 1
        for answer in range(scale.low, scale.high + 1)
    )


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
    """``scores`` as a list or tuple; a buffer's items as Python numbers. A subclass of
    list or tuple is listed by iterating it, as its items are counted, whatever its
    length or indexing say."""
    if isinstance(scores, list | tuple) and type(scores) in (list, tuple):
        return scores
    scores = _unmasked(scores)
    if type(scores) is list:  # a masked array's items
        return scores
    view = _view(scores, field)
    if view is not None:
        return _listed(view)
    if isinstance(scores, memoryview):  # of a format it cannot read item by item
        raise InvalidTypeError(
            field,
            scores,
            message(
                "a memoryview in a format Python reads, such as 'q' or 'd', or the array it views"
            ),
        )
    if isinstance(scores, str) or not isinstance(scores, Iterable):
        raise InvalidTypeError(field, scores, _iterable_of(field))
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

        ``scores`` may also be a one-dimensional buffer: a NumPy array, ``bytes`` or
        ``bytearray`` (one answer per byte), an ``array.array`` or a ``memoryview``.
        A contiguous integer buffer is counted in C without making a Python number
        of each answer (a NumPy integer array by NumPy's own ``bincount``, found
        through the array, never imported); any other (floats, a slice with a step) is
        read item by item under the same rules; one of two or more dimensions is
        refused.
        """
        scale = _nps_scale(scale)
        detractors, passives, promoters = _class_counts(
            scores, scale.low, scale.high, _nps_classes(scale), missing
        )
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
    if not is_number(value):
        raise InvalidTypeError(field, value, message("a number of 0 or more"))
    weight: Decimal | Fraction
    if isinstance(value, Fraction):
        if value.denominator >= 10**MAX_POINT_PLACES or abs(value) >= MAX_MAGNITUDE:
            raise InvalidValueError(field, value, _weight())
        weight = value
    elif isinstance(value, int):
        # judged before it is written as a Decimal, which takes time that grows with
        # the square of its digits
        weight = to_decimal(value, field=field)
    else:
        # exact: a Decimal as it is; a float, or another real type (a NumPy float)
        # through float, at its exact binary value, converted explicitly so that the
        # context's FloatOperation signal is neither raised nor flagged
        number = value if isinstance(value, Decimal) else Decimal.from_float(float(value))
        if not number.is_finite():
            raise InvalidValueError(field, value, _weight())
        if isinstance(value, Decimal):
            weight = bounded(number, value, field=field, places=MAX_POINT_PLACES)
        else:  # a float's exact value (at most 1,074 places): its magnitude
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


def _weighted_one_by_one(
    values: Sequence[Any], weights: Sequence[Any], scale: NpsScale, policy: Missing
) -> WeightedNpsTally:
    """The weighted tally of ``values``, each answer and weight checked one by one (the
    straightforward path: any weights, missing answers, or an error to name)."""
    promoters, passives, detractors, squares = (_ExactSum() for _ in range(4))
    exact = exact_context()
    answers = 0
    for position, (value, raw_weight) in enumerate(zip(values, weights, strict=True)):
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
    return WeightedNpsTally(
        promoters.total(), passives.total(), detractors.total(), squares.total(), answers
    )


def _weight_sums(
    answers: Sequence[Any] | memoryview, weights: Sequence[Any], scale: NpsScale
) -> tuple[Fraction, Fraction, Fraction, Fraction, int] | None:
    """The promoters', passives' and detractors' weights, Σw² and the number of
    answers, summed in C, or None when the answers cannot be coded as bytes or one is
    off the scale, or the weights are not all ints (or all floats, or all Decimals)
    within the bounds of a weight: then they are checked one by one."""
    codes = _codes(answers, scale.low, scale.high)
    if codes is None:
        return None
    tables = _flag_tables(scale.low, _nps_classes(scale))
    detractor_flags = codes.translate(tables[0])
    if not detractor_flags.isascii():
        return None
    passive_flags = codes.translate(tables[1])
    kinds = _kinds(weights)
    sums: Sequence[int | Fraction] | None
    if kinds == {Decimal}:
        sums, unit = _decimal_weight_sums(weights, detractor_flags, passive_flags), 1
    else:
        exact = _exact_weights(weights, kinds)
        if exact is None:
            return None
        ints, unit = exact
        sums = _small_weight_sums(ints, detractor_flags, passive_flags) if unit == 1 else None
        if sums is None:
            sums = _int_weight_sums(ints, unit, detractor_flags, passive_flags)
    if sums is None:
        return None
    detractors, passives, total, squares = sums
    promoters = total - detractors - passives
    return (
        Fraction(promoters, unit),
        Fraction(passives, unit),
        Fraction(detractors, unit),
        Fraction(squares, unit * unit),
        len(weights),
    )


#: ``bytes.translate`` tables of the low and the high byte of the square of a byte.
_SQUARE_LOW = bytes(value * value & 0xFF for value in range(256))
_SQUARE_HIGH = bytes(value * value >> 8 for value in range(256))


def _small_weight_sums(weights: Sequence[int], *flags: bytes) -> tuple[int, ...] | None:
    """For int weights from 0 to 255: the sum of the weights flagged by each of
    ``flags`` (bytes of 0 or 1, one per weight), then Σw and Σw², all in C; or None
    if a weight is above 255.

    The weights are packed into ``bytes``, then into one big int; a flagged sum masks
    that int with the flags (each 1 made 255 by a multiplication) and sums the bytes
    left. Σw² is summed from the low and the high byte of each square.
    """
    try:
        packed = bytes(weights)
    except ValueError:  # a weight above 255
        return None
    size = len(packed)
    whole = int.from_bytes(packed, "little")
    sums = [
        _byte_sum((whole & int.from_bytes(flagged, "little") * 0xFF).to_bytes(size, "little"))
        for flagged in flags
    ]
    squares = _byte_sum(packed.translate(_SQUARE_LOW)) + 256 * _byte_sum(
        packed.translate(_SQUARE_HIGH)
    )
    return (*sums, _byte_sum(packed), squares)


def _flagged_by_compress(weights: Sequence[int], flags: bytes) -> int:
    """The sum of the weights flagged 1 by ``flags`` (bytes of 0 or 1, one per weight)."""
    return sum(compress(weights, flags))


def _products_by_map(first: Iterable[int], second: Iterable[int]) -> int:
    """Σ a·b over two equally long iterables of ints, exactly."""
    return sum(map(operator.mul, first, second))


#: Σ a·b over two iterables of ints, exactly, in one pass in C: ``math.sumprod``
#: (Python 3.12 and later), which multiplies ints exactly; else :func:`_products_by_map`.
_products: Callable[[Iterable[int], Iterable[int]], int] = getattr(
    math, "sumprod", _products_by_map
)

#: The sum of int weights below 2**63 flagged 1 by bytes of 0 or 1: Σ w·f by
#: ``math.sumprod`` where Python has it, else :func:`_flagged_by_compress` (on Python
#: 3.11, twice as fast as multiplying by each flag).
_flagged: Callable[[Sequence[int], bytes], int] = getattr(math, "sumprod", _flagged_by_compress)


#: How many int weights :func:`_unsigned_64` copies into an array at once (512 KiB).
_UNSIGNED_CHUNK = 1 << 16


def _unsigned_64(ints: Sequence[int]) -> bool:
    """Whether every int of ``ints`` is from 0 to below 2**64: judged in C as an array
    of unsigned 64-bit ints takes them, :data:`_UNSIGNED_CHUNK` at a time (faster than
    ``min``, in memory that does not grow with the weights)."""
    try:
        for start in range(0, len(ints), _UNSIGNED_CHUNK):
            array.array("Q", ints[start : start + _UNSIGNED_CHUNK])
    except OverflowError:  # below 0, or of more than 64 bits
        return False
    return True


def _int_weight_sums(weights: Sequence[int], unit: int, *flags: bytes) -> tuple[int, ...] | None:
    """For int weights over ``unit`` (from :func:`_exact_weights`): the sum of the
    weights flagged by each of ``flags`` (bytes of 0 or 1, one per weight), then Σw and
    Σw², summed exactly in C; or None if a weight is below 0 or not below
    :data:`~hubpartner._checks.MAX_MAGNITUDE` ``x unit``.

    Every bound is judged before any sum grows past the size of a weight within them:
    weights below 2**64 add up cheaply, and since none is below 0, each is at most
    their sum, so the largest is looked for only when the sum reaches the bound; a
    weight beyond 64 bits (a float's or a Fraction's, over its unit) has every weight
    judged by ``min`` and ``max`` first."""
    bound = MAX_MAGNITUDE * unit
    if not _unsigned_64(weights) and not (min(weights) >= 0 and max(weights) < bound):
        return None
    total = sum(weights)
    if total >= bound and max(weights) >= bound:
        return None
    # ``math.sumprod`` multiplies ints beyond 64 bits one by one: then ``compress``
    flagged_sum = _flagged if unit == 1 else _flagged_by_compress
    sums = [flagged_sum(weights, flagged) for flagged in flags]
    return (*sums, total, _products(weights, weights))


def _decimal_weight_sums(weights: Sequence[Decimal], *flags: bytes) -> tuple[Fraction, ...] | None:
    """For weights that are all Decimals (one or more): the sum of the weights flagged
    by each of ``flags`` (bytes of 0 or 1, one per weight), then Σw and Σw², checked
    and added up exactly in C, as :func:`_int_weight_sums` gives them for ints; or None
    when a weight is not finite, is below 0, is not below
    :data:`~hubpartner._checks.MAX_MAGNITUDE` or has more than
    :data:`~hubpartner._checks.MAX_POINT_PLACES` places (judged as
    :func:`~hubpartner._checks.bounded` judges each). Every bound is checked before any
    sum, so that no sum ever grows past the digits a weight within bounds has."""
    if not all(map(Decimal.is_finite, weights)):
        return None
    zero = Decimal(0)
    if not (min(weights) >= zero and max(weights) < MAX_MAGNITUDE):
        return None
    # a zero's adjusted exponent is its exponent; any other number's is at least it
    if min(map(Decimal.adjusted, weights)) < -MAX_POINT_PLACES:
        return None
    places = places_context(MAX_POINT_PLACES)
    deque(map(places.quantize, weights, repeat(_SMALLEST_PLACE)), maxlen=0)
    if places.flags[decimal.Rounded]:  # a number with more places
        return None
    exact = exact_context()
    sums = [functools.reduce(exact.add, compress(weights, flagged), zero) for flagged in flags]
    total = functools.reduce(exact.add, weights, zero)
    squares = functools.reduce(exact.add, map(exact.multiply, weights, weights), zero)
    return tuple(map(Fraction, (*sums, total, squares)))


#: The place :data:`~hubpartner._checks.MAX_POINT_PLACES` places after the point.
_SMALLEST_PLACE = Decimal((0, (1,), -MAX_POINT_PLACES))


def _exact_weights(weights: Sequence[Any], kinds: set[type]) -> tuple[Sequence[int], int] | None:
    """Weights that are all plain ints, all floats or all Fractions (``kinds``: the
    types of the weights) as ints over a common ``unit``, with ``unit``: 1 for ints,
    2**:data:`_FLOAT_SHIFT` for floats (scaled in C, exactly), the least common
    denominator for Fractions; or None if they are of other types, a float is finer
    than that (or not finite), or the Fractions are out of bounds or their
    denominators too large (see :func:`_over_common_denominator`, which must judge the
    bounds before any product). Whether each int or float is from 0 to below
    :data:`~hubpartner._checks.MAX_MAGNITUDE` is left to :func:`_int_weight_sums`."""
    if kinds <= {int}:
        return weights, 1
    if kinds == {Fraction}:
        return _over_common_denominator(weights)
    if not all(issubclass(kind, float) for kind in kinds):
        return None
    try:
        scaled = list(map(math.ldexp, weights, repeat(_FLOAT_SHIFT)))
    except OverflowError:  # a float far above any weight
        return None
    if not all(map(float.is_integer, scaled)):  # finer than 2**-64, or not finite
        return None
    return list(map(int, scaled)), 1 << _FLOAT_SHIFT


#: The most bits of the common denominator over which Fraction weights are summed in C
#: (beyond it, each is summed one by one): it bounds the size of every int summed.
#: Mechanism, not a programme number.
COMMON_DENOMINATOR_BITS = 512


def _over_common_denominator(weights: Sequence[Fraction]) -> tuple[list[int], int] | None:
    """Fraction weights (one or more) as ints over their least common denominator,
    with it; or None if a weight is out of bounds (a denominator of more than
    :data:`~hubpartner._checks.MAX_POINT_PLACES` digits, below 0, not below
    :data:`~hubpartner._checks.MAX_MAGNITUDE`: checked before any product, so that no
    int made grows with a weight no check accepts) or the common denominator has more
    than :data:`COMMON_DENOMINATOR_BITS` bits."""
    numerators = list(map(operator.attrgetter("numerator"), weights))
    denominators = list(map(operator.attrgetter("denominator"), weights))
    # every bound of a weight before any product: none is as large as a weight beyond
    if max(denominators) >= 10**MAX_POINT_PLACES or min(numerators) < 0:
        return None
    limits = map(operator.mul, denominators, repeat(MAX_MAGNITUDE))
    if not all(map(operator.lt, numerators, limits)):
        return None
    common = 1
    for denominator in set(denominators):
        common = math.lcm(common, denominator)
        if common.bit_length() > COMMON_DENOMINATOR_BITS:
            return None
    factors = map(operator.floordiv, repeat(common), denominators)
    return list(map(operator.mul, numerators, factors)), common


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
        answers = _answers(scores)
        weight_list = _as_sequence(weights, "weights")
        if len(weight_list) != len(answers):
            raise InvalidValueError(
                "weights",
                weight_list,
                message(
                    "one weight per answer ({answers}), not {weights}",
                    answers=plural("{count} answer", "{count} answers", count=len(answers)),
                    weights=plural("{count} weight", "{count} weights", count=len(weight_list)),
                ),
            )
        policy = check_missing(missing)
        sums = _weight_sums(answers, weight_list, scale)
        if sums is not None:
            return cls(*sums)
        return _weighted_one_by_one(_listed(answers), weight_list, scale, policy)

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
        counts = _class_counts(scores, chosen.low, chosen.high, tuple(range(chosen.size)), missing)
        return cls(chosen, counts)

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


def nps_tally_of(counts: Sequence[int], scale: NpsScale) -> NpsTally:
    """The NPS tally of ``counts``: how many gave each answer of ``scale``, from its
    lowest answer up (the counts a file or a DataFrame column was read into)."""
    first_passive = scale.detractors_up_to + 1 - scale.low
    first_promoter = scale.promoters_from - scale.low
    return NpsTally.from_counts(
        promoters=sum(counts[first_promoter:]),
        passives=sum(counts[first_passive:first_promoter]),
        detractors=sum(counts[:first_passive]),
    )


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
