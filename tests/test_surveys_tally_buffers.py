"""Survey tallies from buffers (NumPy arrays, bytes, array.array, memoryview) and the
fast weighted path: each gives exactly what the answers given one by one give, and
refuses the same answer or weight, at the same position, with the same error."""

import array
import decimal
import pickle
import random
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner.errors import (
    HubPartnerError,
    InvalidAmountError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingScoreError,
    ScoreTypeError,
)
from hubpartner.surveys import (
    CES_5_EFFORT,
    CES_7,
    CSAT_5,
    NPS,
    CesTally,
    CsatTally,
    NpsScale,
    NpsTally,
    Scale,
    WeightedNpsTally,
)
from hubpartner.surveys import tally as module

from .refusals import refused

# Every integer type a buffer can hold, by NumPy dtype and by array.array typecode.
DTYPES = ["i1", "u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", ">i2", ">i4", ">i8"]
TYPECODES = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q"]


def outcome(build):
    """What ``build()`` gives: the tally, or the error's class, field, position and
    value (the value compared by equality: a buffer's answer is an int)."""
    try:
        return build()
    except HubPartnerError as error:
        return type(error), error.field, getattr(error, "position", None), error.value


def fits(values, kind):
    """Whether every value fits the buffer type ``kind`` (a dtype or a typecode)."""
    if kind in TYPECODES:
        info = array.array(kind).itemsize * 8
        signed = kind.islower()
    else:
        info = np.dtype(kind).itemsize * 8
        signed = np.dtype(kind).kind == "i"
    low, high = (-(2 ** (info - 1)), 2 ** (info - 1) - 1) if signed else (0, 2**info - 1)
    return all(low <= value <= high for value in values)


def buffers(values):
    """``values`` in every buffer that can hold them."""
    made = [np.array(values, dtype=kind) for kind in DTYPES if fits(values, kind)]
    made += [array.array(code, values) for code in TYPECODES if fits(values, code)]
    if fits(values, "B"):
        made += [bytes(values), bytearray(values), memoryview(bytes(values))]
    made.append(np.array(values, dtype=np.int64).repeat(2)[::2])  # not contiguous
    return made


answers = st.lists(
    st.one_of(st.integers(0, 10), st.integers(-300, 300), st.integers(-(2**62), 2**62)),
    max_size=60,
)


@given(answers)
def test_a_buffer_counts_and_refuses_exactly_as_its_list_does(values):
    expected = outcome(lambda: NpsTally.from_scores(values))
    for buffer in buffers(values):
        assert outcome(lambda buffer=buffer: NpsTally.from_scores(buffer)) == expected


@given(
    st.sampled_from(
        [CES_7, CES_5_EFFORT, CSAT_5, Scale(0, 127, (100, 127)), Scale(0, 255, (9, 255))]
    ),
    answers,
)
def test_a_buffer_of_answers_on_any_scale_counts_as_its_list(scale, values):
    for kind in (CesTally, CsatTally):
        expected = outcome(lambda kind=kind: kind.from_scores(values, scale=scale))
        for buffer in buffers(values):
            got = outcome(lambda kind=kind, b=buffer: kind.from_scores(b, scale=scale))
            assert got == expected


@given(st.lists(st.integers(0, 255), max_size=60))
def test_bytes_are_answers_one_per_byte(values):
    # a brute-force reference: the categories counted by hand
    if all(value <= 10 for value in values):
        tally = NpsTally.from_scores(bytes(values))
        assert tally.promoters == sum(value >= 9 for value in values)
        assert tally.detractors == sum(value <= 6 for value in values)
        assert tally.n == len(values)
    else:
        first = next(i for i, value in enumerate(values) if value > 10)
        with refused(InvalidScoreError, f"scores[{first}]", values[first]):
            NpsTally.from_scores(bytes(values))


def test_an_integer_buffer_is_counted_without_checking_each_answer(monkeypatch):
    def one_by_one(value, position, low, high, missing, *, field=None):
        raise AssertionError(f"answer {position} was checked one by one")

    monkeypatch.setattr(module, "check_answer", one_by_one)
    scores = [0, 10, 9, 10, 6, 7]
    for buffer in (np.array(scores), np.array(scores, dtype=np.uint8), bytes(scores)):
        assert NpsTally.from_scores(buffer) == NpsTally(3, 1, 2)
    assert CesTally.from_scores(array.array("h", [1, 7, 7])).counts == (1, 0, 0, 0, 0, 0, 2)
    weighted = WeightedNpsTally.from_scores(np.array(scores), [1, 2, 3, 4, 5, 6])
    assert (weighted.promoters, weighted.passives, weighted.detractors) == (9, 6, 6)


def test_a_numpy_integer_array_is_counted_by_the_bincount_it_names(monkeypatch):
    def no_bytes(answers, low, high):
        raise AssertionError("the array was coded as bytes")

    monkeypatch.setattr(module, "_codes", no_bytes)
    scores = np.array([0, 10, 9, 10, 6, 7, 8], dtype=np.int64)
    assert NpsTally.from_scores(scores) == NpsTally(3, 2, 2)
    assert NpsTally.from_scores(scores[::2]) == NpsTally(1, 1, 2)  # 0, 9, 6, 8: a step
    assert CsatTally.from_scores(np.array([5, 1, 5], dtype=np.uint32)).counts == (1, 0, 0, 0, 2)


def test_an_array_on_a_scale_bincount_cannot_count_is_counted_as_its_list():
    # below 0, or so far above it that a count per value up to it would not fit
    signed = Scale(-2, 2, (1, 2))
    assert CsatTally.from_scores(np.array([1, 2]), scale=signed).counts == (0, 0, 0, 1, 1)
    far = Scale(10**14, 10**14 + 4, (10**14 + 3, 10**14 + 4))
    with refused(InvalidScoreError, "scores[0]", 0):
        CsatTally.from_scores(np.array([0], dtype=np.int8), scale=far)


def test_the_masked_answers_of_a_masked_array_are_missing():
    # never the data under the mask, whatever the array's type
    for dtype in ("<i8", ">i4", "u1", "<f8"):
        masked = np.ma.array([9, 99, 3], mask=[0, 1, 0], dtype=dtype)
        with refused(MissingScoreError, "scores[1]", None):
            NpsTally.from_scores(masked)
        assert NpsTally.from_scores(masked, missing="exclude") == NpsTally(1, 0, 1)
    with refused(MissingScoreError, "scores[0]", None):
        NpsTally.from_scores(np.ma.masked_all(3, dtype="i8"))
    assert CesTally.from_scores(np.ma.array([7, 1], mask=[1, 0]), missing="exclude").n == 1


def test_a_masked_array_with_nothing_masked_is_counted_from_its_data():
    for masked in (np.ma.array([9, 3, 10]), np.ma.array([9, 3, 10], mask=[0, 0, 0])):
        assert NpsTally.from_scores(masked) == NpsTally(2, 0, 1)
    with refused(InvalidScoreError, "scores[1]", 11):
        NpsTally.from_scores(np.ma.array([9, 11]))


def test_masked_weights_are_missing_and_skipped_with_their_answers():
    weights = np.ma.array([2.0, 5.0, 1.0], mask=[0, 1, 0])
    scores = np.ma.array([9, 99, 3], mask=[0, 1, 0])
    assert WeightedNpsTally.from_scores(
        scores, weights, missing="exclude"
    ) == WeightedNpsTally.from_scores([9, 3], [2, 1])
    with refused(InvalidTypeError, "weights[1]", None):
        WeightedNpsTally.from_scores([9, 8, 3], weights)


class Namespaced(array.array):
    """An integer buffer that names a namespace: ``space`` (which lacks ``bincount`` or
    whose ``max`` fails)."""

    space: object = None

    def __array_namespace__(self):
        return self.space


class NoBincount:
    @staticmethod
    def asarray(values):
        return values

    @staticmethod
    def max(values):
        return max(values)


class MaxRefuses(NoBincount):
    @staticmethod
    def max(values):
        raise TypeError("no max of this")


@pytest.mark.parametrize("space", [NoBincount(), MaxRefuses()])
def test_a_namespace_that_cannot_count_leaves_the_buffer_path_to_count(space):
    buffer = Namespaced("q", [10, 9, 3, 7])
    buffer.space = space
    assert NpsTally.from_scores(buffer) == NpsTally(2, 1, 1)
    off = Namespaced("q", [10, 11])
    off.space = space
    with refused(InvalidScoreError, "scores[1]", 11):
        NpsTally.from_scores(off)


@given(st.lists(st.integers(-3, 14), max_size=40), st.sampled_from(["<i8", "<u2", "i1"]))
def test_what_bincount_counts_equals_the_buffer_path(values, dtype):
    if not fits(values, dtype):
        return
    array_ = np.array(values, dtype=dtype)
    by_bytes = outcome(lambda: NpsTally.from_scores(memoryview(array_)))  # no namespace
    assert outcome(lambda: NpsTally.from_scores(array_)) == by_bytes
    for kind in (CesTally, CsatTally):
        expected = outcome(lambda kind=kind: kind.from_scores(memoryview(array_)))
        assert outcome(lambda kind=kind: kind.from_scores(array_)) == expected


@pytest.mark.parametrize(
    ("buffer", "error", "position", "value"),
    [
        (np.array([10, 11]), InvalidScoreError, 1, 11),
        (np.array([10, -1], dtype=np.int8), InvalidScoreError, 1, -1),
        (np.array([9, 2**40]), InvalidScoreError, 1, 2**40),
        (np.array([9, 0xD800], dtype="<u2"), InvalidScoreError, 1, 0xD800),
        (np.array([9, 2**31 - 1], dtype="<i4"), InvalidScoreError, 1, 2**31 - 1),
        (bytes([9, 9, 200]), InvalidScoreError, 2, 200),
        (np.array([10.0, 6.5]), InvalidScoreError, 1, 6.5),
        (np.array([10, True]), None, None, None),
        (np.array([True, False]), ScoreTypeError, 0, True),
    ],
)
def test_a_refused_answer_in_a_buffer_is_named_by_its_position(buffer, error, position, value):
    if error is None:  # NumPy made [10, 1] of it: an int array has no bools
        assert NpsTally.from_scores(buffer) == NpsTally(1, 0, 1)
        return
    with refused(error, f"scores[{position}]", value):
        NpsTally.from_scores(buffer)


def test_a_float_buffer_follows_the_rules_of_float_answers():
    column = np.array([10.0, 9.0, np.nan, 3.0])
    assert NpsTally.from_scores(column, missing="exclude") == NpsTally(2, 0, 1)
    with pytest.raises(MissingScoreError) as caught:
        NpsTally.from_scores(column)
    assert caught.value.position == 2


@pytest.mark.parametrize(
    "buffer", [np.zeros((2, 2), dtype=np.int64), np.array(5), memoryview(b"ab").cast("B", (1, 2))]
)
def test_a_buffer_of_other_than_one_dimension_is_refused(buffer):
    with refused(InvalidTypeError, "scores", buffer, "an iterable of whole-number answers"):
        NpsTally.from_scores(buffer)
    with refused(InvalidTypeError, "weights", buffer, "an iterable of numbers"):
        WeightedNpsTally.from_scores([], buffer)


def test_a_buffer_memoryview_cannot_list_is_read_as_an_iterable():
    # complex numbers and objects: read one by one, as any iterable is
    with refused(ScoreTypeError, "scores[0]", 9 + 0j):
        NpsTally.from_scores(np.array([9 + 0j]))
    assert NpsTally.from_scores(np.array([9, 3], dtype=object)) == NpsTally(1, 0, 1)
    assert NpsTally.from_scores(np.array([9, 3], dtype=">i8")) == NpsTally(1, 0, 1)
    exporter = pickle.PickleBuffer(np.array([9 + 0j]))  # a buffer, not an iterable
    with refused(InvalidTypeError, "scores", exporter, "an iterable of whole-number answers"):
        NpsTally.from_scores(exporter)


def test_a_scale_that_bytes_cannot_code_is_counted_from_the_list():
    signed = Scale(-2, 2, (1, 2))
    assert CesTally.from_scores(np.array([-2, 2, 2]), scale=signed).counts == (1, 0, 0, 0, 2)
    wide = NpsScale(0, 200, 100, 150)
    assert NpsTally.from_scores(np.array([0, 200, 120]), scale=wide) == NpsTally(1, 1, 1)


def test_the_flag_tables_are_cached_by_value_and_bounded():
    first = module._flag_tables(0, (0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2))
    assert module._flag_tables(NPS.low, module._nps_classes(NpsScale())) is first
    assert module._flag_tables.cache_info().maxsize == module.FLAG_TABLES_CACHED
    for low in range(module.FLAG_TABLES_CACHED + 5):
        module._flag_tables(low, (0, 1))
    assert module._flag_tables.cache_info().currsize <= module.FLAG_TABLES_CACHED


# -- weighted tallies -------------------------------------------------------------------


@pytest.fixture
def summed_in_c(monkeypatch):
    """Fail the test if any weight is checked one by one: the fast path must be taken."""

    def one_by_one(value, position):
        raise AssertionError(f"weight {position} was checked one by one")

    monkeypatch.setattr(module, "check_weight", one_by_one)


def weighted_by_hand(scores, weights, scale=NPS):
    """The weighted sums, one Fraction at a time."""
    sums = {"p": Fraction(0), "n": Fraction(0), "d": Fraction(0)}
    squares = Fraction(0)
    for score, weight in zip(scores, weights, strict=True):
        w = Fraction(weight)
        key = (
            "d"
            if score <= scale.detractors_up_to
            else "p"
            if score >= scale.promoters_from
            else "n"
        )
        sums[key] += w
        squares += w * w
    return sums["p"], sums["n"], sums["d"], squares, len(scores)


int_weights = st.integers(0, 10**15 - 1) | st.integers(0, 5)
float_weights = st.floats(0, 1e15, exclude_max=True, allow_subnormal=True)


@st.composite
def scores_and_weights(draw, weights=int_weights):
    scores = draw(st.lists(st.integers(0, 10), max_size=60))
    return scores, draw(st.lists(weights, min_size=len(scores), max_size=len(scores)))


@pytest.mark.parametrize("weights", [int_weights, float_weights], ids=["int", "float"])
@given(data=st.data())
def test_int_and_float_weights_sum_exactly_as_by_hand(weights, data):
    scores, weights = data.draw(scores_and_weights(weights))
    tally = WeightedNpsTally.from_scores(scores, weights)
    sums = (tally.promoters, tally.passives, tally.detractors, tally.sum_of_squares, tally.answers)
    assert sums == weighted_by_hand(scores, weights)
    buffers = (np.array(scores, dtype=np.int64), np.array(weights))
    assert WeightedNpsTally.from_scores(*buffers) == tally


BAD_WEIGHTS = [-1, True, False, 10**15, 2**70, -(2**70), float("nan"), float("inf"), -0.5]
bad_weight = st.sampled_from([*BAD_WEIGHTS, 1e15, 1e300, "2", None, Decimal("-1"), 5e-324])


@given(
    st.lists(st.integers(-2, 12), min_size=1, max_size=30),
    st.data(),
)
def test_weights_and_answers_are_refused_as_one_by_one(scores, data):
    weights = data.draw(
        st.lists(
            st.one_of(int_weights, float_weights, bad_weight),
            min_size=len(scores),
            max_size=len(scores),
        )
    )
    expected = outcome(lambda: module._weighted_one_by_one(scores, weights, NPS, "error"))
    assert outcome(lambda: WeightedNpsTally.from_scores(scores, weights)) == expected


# Decimal weights in and out of bounds: every edge that the checks of one weight judge
EDGE_DECIMALS = [
    "0",
    "-0",
    "0E-100",
    "0E-101",
    "-0E-150",
    "1E-100",
    "1E-101",
    "1." + "0" * 100,
    "1." + "0" * 101,
    "999999999999999.9",
    "1E+15",
    "1E+999999999",
    "1E-999999999",
    "0E-999999999",
    "-1E-30",
    "NaN",
    "sNaN",
    "Infinity",
]
decimal_weights = (
    st.decimals(min_value=0, max_value=10**15 - 1, allow_nan=False, places=3)
    | st.decimals(min_value=0, max_value=10, allow_nan=False)
    | st.sampled_from(EDGE_DECIMALS).map(Decimal)
)


@pytest.mark.usefixtures("summed_in_c")
def test_decimal_weights_are_summed_without_checking_each_one():
    weights = [Decimal("0.5"), Decimal("1.25"), Decimal("2"), Decimal("0E-3")]
    tally = WeightedNpsTally.from_scores([10, 9, 0, 7], weights)
    assert (tally.promoters, tally.passives, tally.detractors, tally.sum_of_squares) == (
        Fraction(7, 4),
        Fraction(0),
        Fraction(2),
        Fraction(93, 16),
    )


@pytest.mark.parametrize(
    "bad",
    [
        "1E+999999999",  # a sum with any of these three would need a billion digits
        "1E-999999999",
        "0E-999999999",
        "1." + "0" * 101,  # more places than a weight has, if only zeros
        "-1E-30",
        "NaN",
    ],
)
def test_a_decimal_weight_out_of_bounds_is_refused_by_position_before_any_sum(bad):
    weights = [Decimal("1.5"), Decimal(bad)]
    with pytest.raises(HubPartnerError) as caught:
        WeightedNpsTally.from_scores([10, 0], weights)
    assert caught.value.field == "weights[1]"


PRIMES = [2, 3, 5, 7, 11, 13, 10**9 + 7, 2**61 - 1, 2**127 - 1, 2**521 - 1]
fraction_weights = (
    st.fractions(min_value=0, max_value=10**15, max_denominator=12)
    | st.builds(Fraction, st.integers(0, 10**6), st.sampled_from(PRIMES))
    | st.sampled_from(
        [
            Fraction(-1, 3),
            Fraction(10**15),
            Fraction(10**16 - 1, 10),
            Fraction(1, 10**100),
            Fraction(1, 10**100 - 1),
            Fraction(0),
        ]
    )
)


@pytest.mark.parametrize("kind", [decimal_weights, fraction_weights], ids=["Decimal", "Fraction"])
@given(st.lists(st.integers(0, 10), min_size=1, max_size=30), st.data())
def test_decimal_and_fraction_weights_are_summed_and_refused_as_one_by_one(kind, scores, data):
    weights = data.draw(st.lists(kind, min_size=len(scores), max_size=len(scores)))
    expected = outcome(lambda: module._weighted_one_by_one(scores, weights, NPS, "error"))
    assert outcome(lambda: WeightedNpsTally.from_scores(scores, weights)) == expected
    if not isinstance(expected, tuple):
        assert (
            expected.promoters,
            expected.passives,
            expected.detractors,
            expected.sum_of_squares,
            expected.answers,
        ) == weighted_by_hand(scores, weights)


@pytest.mark.usefixtures("summed_in_c")
def test_fraction_weights_are_summed_over_their_common_denominator():
    weights = [Fraction(1, 3), Fraction(1, 4), Fraction(5, 6), Fraction(0)]
    tally = WeightedNpsTally.from_scores([10, 9, 0, 7], weights)
    assert (tally.promoters, tally.passives, tally.detractors, tally.sum_of_squares) == (
        Fraction(7, 12),
        Fraction(0),
        Fraction(5, 6),
        Fraction(1, 9) + Fraction(1, 16) + Fraction(25, 36),
    )


def test_fractions_whose_common_denominator_is_too_large_are_summed_one_by_one():
    # two denominators of 300 bits each: a common one of 600, past the bound
    weights = [Fraction(1, 2**300 - 153), Fraction(1, 2**300 - 157)]
    assert module._over_common_denominator(weights) is None
    assert module._over_common_denominator([Fraction(1, 10**100)]) is None  # no weight
    tally = WeightedNpsTally.from_scores([10, 0], weights)
    assert (tally.promoters, tally.detractors) == tuple(weights)


def test_fraction_weights_out_of_bounds_are_refused_before_any_product():
    huge = Fraction(10**100_000 + 1, 3)  # as ints over a common denominator: 100k digits
    assert module._over_common_denominator([huge] * 1000) is None
    with refused(InvalidValueError, "weights[0]", huge):
        WeightedNpsTally.from_scores([10] * 1000, [huge] * 1000)
    assert module._over_common_denominator([Fraction(1, 3), Fraction(-1, 2)]) is None


def test_weights_of_other_types_are_summed_one_by_one_as_before():
    weights = [Decimal("0.5"), Fraction(1, 3), 2, 0.25]
    tally = WeightedNpsTally.from_scores([10, 9, 0, 7], weights)
    assert (tally.promoters, tally.passives, tally.detractors) == (
        Fraction(5, 6),
        Fraction(1, 4),
        Fraction(2),
    )


@pytest.mark.usefixtures("summed_in_c")
def test_int_and_float_weights_are_summed_without_checking_each_one():
    tally = WeightedNpsTally.from_scores([10, 9, 0, 7], [1, 2, 3, 4])
    assert (tally.promoters, tally.passives, tally.detractors) == (3, 4, 3)
    tally = WeightedNpsTally.from_scores([10, 0], [0.5, 0.25])
    assert (tally.promoters, tally.detractors, tally.sum_of_squares) == (
        Fraction(1, 2),
        Fraction(1, 4),
        Fraction(5, 16),
    )
    tally = WeightedNpsTally.from_scores(bytes([10, 0]), np.array([3, 1]))
    assert (tally.promoters, tally.detractors) == (3, 1)


@given(
    st.lists(st.integers(0, 2**80) | st.integers(0, 10**6), max_size=40),
    st.data(),
)
def test_sums_of_products_in_c_and_in_python_are_the_same_exact_ints(ints, data):
    flags = bytes(data.draw(st.lists(st.integers(0, 1), min_size=len(ints), max_size=len(ints))))
    exact = sum(value * value for value in ints)
    # math.sumprod where Python has it (3.12 and later), and the Python fallbacks
    for products in {module._products, module._products_by_map}:
        assert products(ints, ints) == exact
    flagged = sum(value for value, flag in zip(ints, flags, strict=True) if flag)
    for flagged_sum in {module._flagged, module._flagged_by_compress}:
        assert flagged_sum(ints, flags) == flagged


@pytest.mark.usefixtures("summed_in_c")
def test_int_weights_adding_up_past_the_bound_of_one_are_summed_without_checking_each():
    below = 10**15 - 1  # the largest weight: three of them add up past 10^15
    tally = WeightedNpsTally.from_scores([10, 8, 0], [below] * 3)
    assert (tally.promoters, tally.passives, tally.detractors) == (below, below, below)
    assert tally.sum_of_squares == 3 * below**2


@pytest.mark.parametrize(
    ("weights", "position"),
    [
        ([5, 10**15], 1),  # the sum past the bound, and one weight too
        ([2**64, 3], 0),  # beyond 64 bits: judged by min, then by max
        ([7, -1], 1),  # below 0
        ([-(2**70), 1], 0),
    ],
)
def test_int_weights_out_of_bounds_are_refused_by_position(weights, position):
    assert module._int_weight_sums(weights, 1, bytes(len(weights))) is None
    with refused(InvalidValueError, f"weights[{position}]", weights[position]):
        WeightedNpsTally.from_scores([10] * len(weights), weights)


@pytest.mark.usefixtures("summed_in_c")
def test_weights_beyond_64_bits_over_their_unit_are_summed_without_checking_each():
    # floats of 1 or more are ints of 2**64 or more over their unit of 2**64
    tally = WeightedNpsTally.from_scores([10, 8, 0], [1.5, 2.0, 1e14])
    assert (tally.promoters, tally.passives, tally.detractors) == (
        Fraction(3, 2),
        Fraction(2),
        Fraction(10**14),
    )
    weights = [Fraction(1, 2**70), Fraction(10**14)]  # 10**14 x 2**70 over 2**70
    tally = WeightedNpsTally.from_scores([10, 0], weights)
    assert (tally.promoters, tally.detractors) == tuple(weights)


def test_an_int_weight_beyond_64_bits_and_the_bound_is_refused_before_any_sum(monkeypatch):
    huge = 1 << 10**6  # summed into each of the others, it would be copied each time

    def no_sum(*args):
        raise AssertionError("summed before every bound was judged")

    monkeypatch.setattr(module, "sum", no_sum, raising=False)
    assert module._int_weight_sums([huge] + [1] * 1000, 1, bytes(1001)) is None
    monkeypatch.undo()
    with refused(InvalidValueError, "weights[0]", huge):
        WeightedNpsTally.from_scores([10] * 1001, [huge] + [1] * 1000)


@pytest.mark.parametrize("size", [module._UNSIGNED_CHUNK - 1, module._UNSIGNED_CHUNK + 1])
def test_a_negative_int_weight_in_any_chunk_is_found(size):
    weights = [3] * size
    assert module._unsigned_64(weights)
    weights[-1] = -1
    assert not module._unsigned_64(weights)
    with refused(InvalidValueError, f"weights[{size - 1}]", -1):
        WeightedNpsTally.from_scores([10] * size, weights)


def test_a_float_weight_far_too_large_is_refused_as_one_by_one():
    with refused(InvalidValueError, "weights[1]", 1e300):
        WeightedNpsTally.from_scores([10, 0], [0.5, 1e300])


def test_whole_floats_on_a_scale_beyond_a_byte_are_counted_as_ints():
    wide = Scale(0, 300, (250, 300))
    assert CsatTally.from_scores([0.0, 300.0, 256.0], scale=wide).top_box_count == 2


def test_a_float_weight_too_fine_to_scale_is_summed_one_by_one():
    tiny = 5e-324  # the smallest float: 2^-1074
    tally = WeightedNpsTally.from_scores([10, 0], [tiny, 1e14])
    assert tally.promoters == Fraction(tiny)
    assert tally.detractors == Fraction(10**14)


def test_a_weighted_tally_of_excluded_answers_skips_their_weights():
    tally = WeightedNpsTally.from_scores([10, None], [1, "not checked"], missing="exclude")
    assert tally.answers == 1
    with refused(InvalidTypeError, "weights[1]", "2"):
        WeightedNpsTally.from_scores([10, 9], [1, "2"])


@pytest.mark.parametrize("extra", [-1, 0, 1, 5])
def test_flags_are_summed_exactly_across_chunks(extra):
    # all ones is the worst case of adler32's modulus; random flags the common one
    size = 3 * module._FLAG_CHUNK + extra
    assert module._flag_sum(bytes([1]) * size) == size
    flags = bytes(random.Random(size).choices([0, 1], k=size))
    assert module._flag_sum(flags) == sum(flags)


@pytest.mark.parametrize("bad", [0, module._FLAG_CHUNK, 199_999])
@pytest.mark.parametrize("dtype", ["<i8", "<u4", "<i2", "u1"])
def test_a_large_buffer_counts_as_by_hand_and_names_its_one_bad_answer(bad, dtype):
    scores = np.random.default_rng(bad).integers(0, 11, 200_000).astype(dtype)
    expected = NpsTally(
        int((scores >= 9).sum()),
        int(((scores >= 7) & (scores <= 8)).sum()),
        int((scores <= 6).sum()),
    )
    assert NpsTally.from_scores(scores) == expected
    scores[bad] = 11
    with refused(InvalidScoreError, f"scores[{bad}]", 11):
        NpsTally.from_scores(scores)


class Answers(list):
    """A list that misstates its length (as the number of its ints) and first item."""

    def __len__(self):
        return 2

    def __getitem__(self, index):
        return 7


mixed = st.lists(
    st.one_of(
        st.integers(0, 10),
        st.booleans(),
        st.floats(0, 10),
        st.decimals(0, 10, places=1),
        st.fractions(0, 10),
        st.builds(np.int64, st.integers(0, 10)),
        st.none(),
    ),
    max_size=12,
)


@given(mixed, st.sampled_from([list, tuple]))
def test_the_types_of_answers_and_weights_are_found_exactly(values, kind):
    assert module._kinds(kind(values)) == set(map(type, values))


def test_the_types_of_a_list_that_misstates_itself_are_found_by_iterating_it():
    values = Answers([3, 4, "nine"])
    assert module._kinds(values) == {int, str}
    with refused(ScoreTypeError, "scores[2]", "nine"):
        NpsTally.from_scores(values)


def test_a_weighted_tally_of_lists_that_misstate_themselves_counts_what_they_hold():
    scores, weights = Answers([9, 9, 3]), Answers([1, 2, 5])
    assert WeightedNpsTally.from_scores(scores, weights) == WeightedNpsTally.from_scores(
        [9, 9, 3], (1, 2, 5)
    )
    with refused(InvalidValueError, "weights", [1, 2]):
        WeightedNpsTally.from_scores(scores, Answers([1, 2]))


@pytest.mark.parametrize(
    "buffer",
    [
        memoryview(np.array([9, 3], dtype=">i4")),
        memoryview(np.array([9, 3], dtype="e")),
        memoryview(np.array([9.0, 3.0], dtype=">f8")),
    ],
)
def test_a_memoryview_in_a_format_python_cannot_read_is_refused(buffer):
    with refused(InvalidTypeError, "scores", buffer):
        NpsTally.from_scores(buffer)
    with refused(InvalidTypeError, "weights", buffer):
        WeightedNpsTally.from_scores([9, 3], buffer)
    # the array it views is read item by item
    assert NpsTally.from_scores(np.array([9, 3], dtype=">i4")) == NpsTally(1, 0, 1)


def test_a_duration_is_no_answer_and_no_weight():
    # NumPy registers timedelta64 as an integer; Python cannot read it as a number
    late = np.timedelta64(9, "D")
    with refused(ScoreTypeError, "scores[0]", late):
        NpsTally.from_scores([late])
    with refused(InvalidTypeError, "weights[0]", late):
        WeightedNpsTally.from_scores([9], [late])
    assert not module.is_number(late)
    assert module.is_number(np.int64(9))
    assert module.is_number(np.float32(0.5))


def test_weights_checked_one_by_one_leave_the_decimal_context_alone():
    with decimal.localcontext() as context:
        context.clear_flags()  # a copy of the current context keeps its flags
        context.traps[decimal.FloatOperation] = True
        context.capitals = 0
        excluded = WeightedNpsTally.from_scores([9, None], [0.1, 0.2], missing="exclude")
        fine = WeightedNpsTally.from_scores([9, 3, 7], [0.1, 2.0**-70, 0.3])
        assert not context.flags[decimal.FloatOperation]
    assert excluded == WeightedNpsTally.from_scores([9], [Fraction(0.1)])
    assert fine == WeightedNpsTally.from_scores(
        [9, 3, 7], [Fraction(0.1), Fraction(2.0**-70), Fraction(0.3)]
    )


def test_a_huge_int_weight_is_refused_before_it_is_written_out():
    huge = 1 << 10**6
    with refused(InvalidAmountError, "weights[1]", huge):
        WeightedNpsTally.from_scores([9, 3, None], [0.5, huge, 1], missing="exclude")
