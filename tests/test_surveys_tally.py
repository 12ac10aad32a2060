"""Survey tallies: answers counted by hand, strict input, and the laws of merging."""

import math
import numbers
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from hubpartner import Rounding, surveys
from hubpartner._checks import MAX_COUNT
from hubpartner.errors import (
    EmptyTallyError,
    HubPartnerError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingScoreError,
    ScoreTypeError,
)
from hubpartner.surveys import CesTally, CsatTally, NpsTally, Scale, WeightedNpsTally

from .refusals import refused
from .strategies import nps_scores, nps_tallies, scale_answers, scales

# -- worked values, computed by hand ---------------------------------------------------


def test_nps_of_seven_answers_is_rounded_once_not_per_share():
    # n=7, P=2, D=1: 100*(2-1)/7 = 14.2857...; rounding the shares first would give
    # round(28.57) - round(14.29) = 29 - 14 = 15
    tally = NpsTally.from_scores([9, 10, 7, 8, 7, 8, 3])
    assert (tally.promoters, tally.passives, tally.detractors) == (2, 4, 1)
    assert tally.score == Fraction(100, 7)
    assert tally.rounded() == Decimal("14")
    assert tally.rounded(places=1) == Decimal("14.3")
    assert tally.rounded(rounding=Rounding.UP) == Decimal("15")


def test_nps_categories_at_their_boundaries():
    tally = NpsTally.from_scores([0, 6, 7, 8, 9, 10])
    assert (tally.detractors, tally.passives, tally.promoters) == (2, 2, 2)
    assert tally.score == 0


def test_half_points_round_half_up_by_default():
    # 100*(1-0)/8 = 12.5 -> 13 half-up, 12 half-even; -12.5 -> -13 half-up
    assert NpsTally.from_counts(promoters=1, passives=7).rounded() == 13
    assert NpsTally.from_counts(promoters=1, passives=7).rounded(rounding=Rounding.HALF_EVEN) == 12
    assert NpsTally.from_counts(detractors=1, passives=7).rounded() == -13


def test_weighted_nps_uses_kish_effective_sample_size():
    tally = WeightedNpsTally.from_scores([10, 9, 3, 7], [2, 1, 1, Decimal("0.5")])
    # promoters 3, passives 0.5, detractors 1 of 4.5
    assert tally.score == Fraction(100 * 2, Fraction(9, 2))
    assert tally.effective_n == Fraction(81, 4) / Fraction(25, 4)  # 4.5^2 / 6.25
    p, d = Fraction(3) / Fraction(9, 2), Fraction(1) / Fraction(9, 2)
    variance = (p + d) - (p - d) ** 2
    assert tally.variance == 10_000 * variance
    assert tally.standard_error == pytest.approx(100 * math.sqrt(variance / tally.effective_n))
    assert tally.rounded() == Decimal("44")


def test_float_weights_are_taken_exactly():
    tally = WeightedNpsTally.from_scores([10], [0.1])
    assert tally.promoters == Fraction(0.1)


@pytest.mark.parametrize(
    ("weights", "error"),
    [
        ([1, -1], InvalidValueError),
        ([1, float("inf")], InvalidValueError),
        ([1, float("nan")], InvalidValueError),
        ([1, True], InvalidTypeError),
        ([1, "2"], InvalidTypeError),
        ([1], InvalidValueError),
    ],
)
def test_bad_weights_are_refused(weights, error):
    with pytest.raises(error):
        WeightedNpsTally.from_scores([10, 9], weights)


def test_ces_mean_and_agree_share_on_hubspots_scale():
    tally = CesTally.from_scores([7, 6, 5, 1, 2])
    assert tally.score == tally.mean == Fraction(21, 5)
    assert tally.agree_share == Fraction(3, 5)
    assert tally.rounded() == Decimal("4.20")
    assert tally.count(7) == 1
    assert tally.scale.higher_is_better


def test_ces_on_an_effort_scale_counts_low_effort_as_good():
    tally = CesTally.from_scores([1, 2, 2, 5], scale=surveys.CES_5_EFFORT)
    assert tally.mean == Fraction(10, 4)
    assert tally.agree_share == Fraction(3, 4)
    assert not tally.scale.higher_is_better
    with pytest.raises(InvalidScoreError):
        CesTally.from_scores([6], scale=surveys.CES_5_EFFORT)


# -- strict input and the empty case ---------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "error", "position"),
    [
        ([10, True], ScoreTypeError, 1),
        ([False], ScoreTypeError, 0),
        ([9, 8, None], MissingScoreError, 2),
        ([float("nan")], MissingScoreError, 0),
        ([Decimal("NaN")], MissingScoreError, 0),
        ([6.5], InvalidScoreError, 0),
        ([10.0, 6.5], InvalidScoreError, 1),
        ([float("inf")], InvalidScoreError, 0),
        ([9, float("-inf")], InvalidScoreError, 1),
        ([Decimal("Infinity")], InvalidScoreError, 0),
        ([Decimal("9.5")], InvalidScoreError, 0),
        ([Fraction(13, 2)], InvalidScoreError, 0),
        ([10.0, 11.0], InvalidScoreError, 1),
        ([10, 11], InvalidScoreError, 1),
        ([-1], InvalidScoreError, 0),
        (["9"], ScoreTypeError, 0),
        ([b"9"], ScoreTypeError, 0),
        ([1, 2, 3, 1, True], ScoreTypeError, 4),
        ([9.0, 9.0, False], ScoreTypeError, 2),
        ([9, 9, 9.0, "10"], ScoreTypeError, 3),
    ],
)
def test_bad_answers_name_their_position_and_value(scores, error, position):
    with pytest.raises(error) as caught:
        NpsTally.from_scores(scores)
    assert caught.value.position == position
    assert f"scores[{position}]" in str(caught.value)
    assert repr(scores[position]) in str(caught.value)
    assert isinstance(caught.value, HubPartnerError)


class Float64(float):
    """Stands in for numpy.float64, a subclass of float."""


class Int64:
    """Stands in for numpy.int64: registered as an Integral, not an int subclass."""

    def __init__(self, value):
        self.value = value

    def __int__(self):
        return self.value

    __index__ = __int__

    def __eq__(self, other):
        return self.value == other

    __hash__ = None


class Float32:
    """Stands in for numpy.float32: registered as a Real, not a float subclass."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        return self.value

    def __int__(self):
        return int(self.value)

    def __eq__(self, other):
        return self.value == other

    def __ne__(self, other):
        return self.value != other

    __hash__ = None


class Bool:
    """Stands in for numpy.bool_, which is registered as no kind of number."""

    def __bool__(self):
        return True


numbers.Integral.register(Int64)
numbers.Real.register(Float32)

WHOLE = [10.0, 9.0, Decimal(9), Decimal("7.00"), Fraction(8), Float64(6), Int64(0), Float32(10.0)]


@pytest.mark.parametrize("tally", [NpsTally, CesTally, CsatTally])
def test_whole_numbers_of_any_numeric_type_are_answers(tally):
    # a pandas column of floats (10.0), Decimals from a database, NumPy numbers
    scale = surveys.NPS if tally is NpsTally else Scale(0, 10, (9, 10))
    ints = [int(value) for value in WHOLE]
    assert tally.from_scores(WHOLE, scale=scale) == tally.from_scores(ints, scale=scale)
    assert tally.from_scores(tuple(WHOLE[:2]), scale=scale) == tally.from_scores(
        [10, 9], scale=scale
    )


def test_a_column_of_whole_floats_with_gaps_follows_the_missing_policy():
    column = [10.0, 9.0, float("nan"), Float64(3), Float32(float("nan"))]
    assert NpsTally.from_scores(column, missing="exclude") == NpsTally(2, 0, 1)
    with pytest.raises(MissingScoreError) as caught:
        NpsTally.from_scores(column)
    assert caught.value.position == 2
    with pytest.raises(MissingScoreError):
        NpsTally.from_scores([Decimal("sNaN")])


@pytest.mark.parametrize(
    ("value", "error"),
    [(Float32(6.5), InvalidScoreError), (Float32(float("inf")), InvalidScoreError)],
)
def test_numpy_like_numbers_that_are_not_whole_are_refused(value, error):
    with pytest.raises(error, match=r"scores\[1\]"):
        CsatTally.from_scores([5, value])
    with pytest.raises(ScoreTypeError, match=r"scores\[0\]"):
        NpsTally.from_scores([Bool()])


def test_weighted_tallies_take_whole_floats_too():
    weighted = WeightedNpsTally.from_scores([10.0, Decimal(3), Int64(9)], [1, 2, 1])
    assert weighted == WeightedNpsTally.from_scores([10, 3, 9], [1, 2, 1])
    with pytest.raises(InvalidScoreError):
        WeightedNpsTally.from_scores([6.5], [1])


def test_counts_made_elsewhere_may_be_numpy_numbers_or_whole_floats():
    # pandas: df.score.value_counts().to_dict() gives float keys and NumPy counts
    counts = {7.0: Int64(2), 5.0: Int64(1), Decimal(1): 1}
    assert CesTally.from_counts(counts) == CesTally.from_counts({7: 2, 5: 1, 1: 1})
    assert NpsTally.from_counts(promoters=Int64(2), detractors=Int64(1)) == NpsTally(2, 0, 1)
    with pytest.raises(InvalidValueError):
        CesTally.from_counts({6.5: 1})
    with pytest.raises(InvalidValueError):
        CesTally.from_counts({7: 1.5})
    with pytest.raises(InvalidTypeError):
        NpsTally.from_counts(promoters=True)


@given(st.lists(st.integers(0, 10)), st.randoms(use_true_random=False))
def test_whole_answers_count_the_same_whatever_their_type(scores, rng):
    kinds = [int, float, Decimal, Fraction, Float64, Int64]
    mixed = [rng.choice(kinds)(score) for score in scores]
    assert NpsTally.from_scores(mixed) == NpsTally.from_scores(scores)
    assert CsatTally.from_scores(mixed, scale=Scale(0, 10, (9, 10))) == CsatTally.from_scores(
        scores, scale=Scale(0, 10, (9, 10))
    )


def test_a_bool_is_not_a_score_even_hidden_among_equal_ints():
    with pytest.raises(ScoreTypeError, match="a bool is not a score"):
        NpsTally.from_scores([1] * 1000 + [True])


def test_missing_answers_are_excluded_only_when_asked():
    scores = [10, None, float("nan"), 3]
    assert NpsTally.from_scores(scores, missing="exclude") == NpsTally(1, 0, 1)
    with pytest.raises(MissingScoreError, match="missing='exclude'"):
        NpsTally.from_scores(scores)
    with pytest.raises(InvalidScoreError):
        NpsTally.from_scores([None, 12], missing="exclude")
    with pytest.raises(InvalidValueError, match="'exclude'"):
        NpsTally.from_scores(scores, missing="drop")


def test_integer_types_other_than_int_are_counted():
    class Score(int):
        pass

    assert NpsTally.from_scores([Score(10), 9, Score(0)]) == NpsTally(2, 0, 1)


def test_scores_can_be_any_iterable_but_not_a_string():
    assert NpsTally.from_scores(iter([10, 9])) == NpsTally(2, 0, 0)
    assert NpsTally.from_scores(x for x in (0, 7)) == NpsTally(0, 1, 1)
    with pytest.raises(InvalidTypeError):
        NpsTally.from_scores("910")
    with pytest.raises(InvalidTypeError):
        NpsTally.from_scores(10)


@pytest.mark.parametrize(
    "ask",
    [
        lambda t: t.score,
        lambda t: t.rounded(),
        lambda t: t.variance,
        lambda t: t.standard_error,
        lambda t: t.interval(),
        lambda t: t.margin_of_error(),
        lambda t: t.promoter_share,
        lambda t: t.detractor_share,
    ],
)
def test_an_empty_nps_is_undefined_never_zero(ask):
    with pytest.raises(EmptyTallyError, match="undefined"):
        ask(NpsTally())
    with pytest.raises(EmptyTallyError):
        ask(WeightedNpsTally())
    with pytest.raises(EmptyTallyError):
        ask(NpsTally.from_scores([None], missing="exclude"))


@pytest.mark.parametrize(
    "ask",
    [
        lambda: CesTally().score,
        lambda: CesTally().agree_share,
        lambda: CesTally().rounded(),
        lambda: CsatTally().score,
        lambda: CsatTally().mean,
        lambda: CsatTally().interval(),
        lambda: surveys.compare(NpsTally(), NpsTally(1)),
        lambda: WeightedNpsTally.from_scores([9], [0]).score,
    ],
)
def test_every_empty_score_raises_the_same_error(ask):
    with pytest.raises(EmptyTallyError):
        ask()


def test_counts_must_be_whole_numbers():
    for bad in (-1, True, 1.0):
        with pytest.raises((InvalidValueError, InvalidTypeError)):
            NpsTally(promoters=bad)
    with pytest.raises(InvalidValueError):
        CesTally.from_counts({8: 1})
    with pytest.raises(InvalidValueError):
        CesTally(surveys.CES_7, (1, 2))
    with pytest.raises(InvalidTypeError):
        CsatTally.from_counts([(5, 1)])


def test_tallies_on_different_scales_or_kinds_do_not_add():
    with pytest.raises(InvalidValueError, match="same scale"):
        CesTally.from_scores([1]) + CesTally.from_scores([1], scale=surveys.CES_5_EFFORT)
    with pytest.raises(TypeError):
        CesTally() + CsatTally()
    with pytest.raises(TypeError):
        NpsTally() + CsatTally()


def test_scales_beyond_a_byte_are_counted_too():
    signed = Scale(-2, 2, (1, 2), name="-2..2")
    assert CesTally.from_scores([-2, 2, 2], scale=signed).mean == Fraction(2, 3)
    with pytest.raises(InvalidScoreError, match=r"scores\[1\]"):
        CesTally.from_scores([-2, 3], scale=signed)
    wide = Scale(1, 1000, (900, 1000))
    assert CsatTally.from_scores([1000, 1], scale=wide).score == 50


def test_out_of_byte_values_on_a_small_scale_are_reported_by_position():
    with pytest.raises(InvalidScoreError, match=r"scores\[2\]"):
        NpsTally.from_scores([1, 2, 300])
    with pytest.raises(InvalidScoreError, match=r"scores\[0\]"):
        NpsTally.from_scores([-5, 2])


def test_other_real_weights_are_taken_through_float():
    class Weight:
        def __init__(self, value):
            self.value = value

        def __float__(self):
            return self.value

    numbers.Real.register(Weight)
    tally = WeightedNpsTally.from_scores([10, 0], [Weight(0.5), Weight(0.25)])
    assert tally.total_weight == Fraction(3, 4)


def test_weighted_tallies_refuse_bad_fields_and_skip_excluded_answers():
    with pytest.raises(InvalidValueError):
        WeightedNpsTally(promoters=-1)
    with pytest.raises(InvalidTypeError):
        WeightedNpsTally(promoters=1.5)
    tally = WeightedNpsTally.from_scores([10, None], [1, 5], missing="exclude")
    assert (tally.n, tally.total_weight) == (1, 1)
    assert tally.__add__(1) is NotImplemented
    assert tally.margin_of_error(method="wald") == 0


def test_histogram_tallies_refuse_bad_counts_scales_and_answers():
    with pytest.raises(InvalidTypeError):
        CesTally(surveys.CES_7, "1234567")
    with pytest.raises(InvalidTypeError):
        CesTally(scale="CES")
    with pytest.raises(InvalidValueError):
        CesTally().count(8)
    assert CsatTally().__add__(NpsTally()) is NotImplemented


# -- laws ------------------------------------------------------------------------------


def by_hand(scores):
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return Fraction(100 * (promoters - detractors), len(scores))


@given(nps_scores(min_size=1))
def test_nps_is_the_exact_fraction_and_lies_in_range(scores):
    tally = NpsTally.from_scores(scores)
    assert tally.n == len(scores)
    assert tally.score == by_hand(scores)
    assert -100 <= tally.score <= 100
    assert isinstance(tally.score, Fraction)


@given(nps_scores(min_size=1), st.randoms(use_true_random=False))
def test_nps_does_not_depend_on_the_order_of_answers(scores, rng):
    shuffled = list(scores)
    rng.shuffle(shuffled)
    assert NpsTally.from_scores(shuffled) == NpsTally.from_scores(scores)


@given(nps_tallies(non_empty=True), st.data())
def test_moving_one_answer_up_a_category_adds_exactly_100_over_n(tally, data):
    moves = []
    if tally.detractors:
        moves.append(NpsTally(tally.promoters, tally.passives + 1, tally.detractors - 1))
    if tally.passives:
        moves.append(NpsTally(tally.promoters + 1, tally.passives - 1, tally.detractors))
    if not moves:  # all promoters: nothing can move up
        return
    moved = data.draw(st.sampled_from(moves))
    assert moved.score - tally.score == Fraction(100, tally.n)


@given(nps_tallies(), nps_tallies(), nps_tallies())
def test_tally_addition_is_associative_commutative_with_identity(a, b, c):
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a + NpsTally() == a == NpsTally() + a
    assert sum([a, b, c], NpsTally()) == a + b + c


@given(nps_scores(), nps_scores())
def test_merging_two_tallies_equals_the_tally_of_the_concatenation(xs, ys):
    assert NpsTally.from_scores(xs) + NpsTally.from_scores(ys) == NpsTally.from_scores(xs + ys)


@given(nps_scores(), st.integers(1, 8))
def test_any_partition_merges_back_to_the_whole(scores, parts):
    pieces = [scores[i::parts] for i in range(parts)]
    merged = sum((NpsTally.from_scores(p) for p in pieces), NpsTally())
    assert merged == NpsTally.from_scores(scores)


@given(nps_scores(min_size=1))
def test_equal_weights_give_the_unweighted_nps(scores):
    weighted = WeightedNpsTally.from_scores(scores, [3] * len(scores))
    plain = NpsTally.from_scores(scores)
    assert weighted.score == plain.score
    assert weighted.effective_n == plain.n
    assert weighted.variance == plain.variance
    assert weighted.standard_error == pytest.approx(plain.standard_error)
    assert weighted.interval() == pytest.approx(plain.interval())


@given(nps_scores(), nps_scores())
def test_weighted_tallies_merge_like_their_data(xs, ys):
    wx = [1 + i % 3 for i in range(len(xs))]
    wy = [Fraction(1, 1 + i % 4) for i in range(len(ys))]
    merged = WeightedNpsTally.from_scores(xs, wx) + WeightedNpsTally.from_scores(ys, wy)
    assert merged == WeightedNpsTally.from_scores(xs + ys, wx + wy)
    assert merged + WeightedNpsTally() == merged


@given(st.data())
def test_histogram_tallies_merge_like_their_data(data):
    scale = data.draw(scales())
    cls = data.draw(st.sampled_from([CesTally, CsatTally]))
    xs, ys = data.draw(scale_answers(scale)), data.draw(scale_answers(scale))
    a = cls.from_scores(xs, scale=scale)
    b = cls.from_scores(ys, scale=scale)
    assert a + b == cls.from_scores(xs + ys, scale=scale) == b + a
    assert a + cls(scale) == a


@given(st.data())
def test_ces_mean_and_agree_share_stay_on_the_scale(data):
    scale = data.draw(scales())
    answers = data.draw(scale_answers(scale, min_size=1))
    tally = CesTally.from_scores(answers, scale=scale)
    assert tally.score == Fraction(sum(answers), len(answers))
    assert 0 <= tally.agree_share <= 1
    first, last = scale.top_box
    assert tally.agree_share == Fraction(sum(first <= a <= last for a in answers), len(answers))


def test_from_scores_agrees_with_counting_by_hand_on_a_large_random_sample():
    rng = random.Random(2024)
    scores = [rng.randint(0, 10) for _ in range(100_000)]
    tally = NpsTally.from_scores(scores)
    assert tally.promoters == sum(s >= 9 for s in scores)
    assert tally.detractors == sum(s <= 6 for s in scores)
    assert tally.n == len(scores)


@st.composite
def scales_and_answers(draw):
    low = draw(st.integers(-300, 300))
    high = draw(st.integers(low + 1, low + 400))
    scale = Scale(low, high, (high, high))
    answers = draw(st.lists(st.integers(low - 3, high + 3), max_size=50))
    return scale, answers


@given(scales_and_answers())
def test_any_scale_refuses_exactly_the_answers_off_it(case):
    scale, answers = case
    outside = [i for i, a in enumerate(answers) if not scale.low <= a <= scale.high]
    if outside:
        with pytest.raises(InvalidScoreError) as caught:
            CsatTally.from_scores(answers, scale=scale)
        assert caught.value.position == outside[0]
    else:
        tally = CsatTally.from_scores(answers, scale=scale)
        for answer in range(scale.low, scale.high + 1):
            assert tally.count(answer) == answers.count(answer)


# -- a map-reduce of answers, as a state machine ---------------------------------------
#
# Answers arrive one by one, each to one of several partitions (workers); partitions
# are merged into others at any time and in any order. Whatever happens, the tallies
# of the partitions add up to the tally of every answer seen, and merging never
# creates or loses an answer.


class MapReduce(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[int] = []
        self.nps: dict[int, NpsTally] = {}
        self.ces: dict[int, CesTally] = {}

    workers = Bundle("workers")

    @rule(target=workers, worker=st.integers(0, 1000))
    def start(self, worker):
        self.nps.setdefault(worker, NpsTally())
        self.ces.setdefault(worker, CesTally())
        return worker

    @rule(worker=workers, answers=st.lists(st.integers(0, 10), max_size=20))
    def count(self, worker, answers):
        if worker not in self.nps:
            return
        self.nps[worker] = self.nps[worker] + NpsTally.from_scores(answers)
        ces_answers = [1 + a % 7 for a in answers]
        self.ces[worker] = self.ces[worker] + CesTally.from_scores(ces_answers)
        self.seen.extend(answers)

    @rule(source=workers, into=workers)
    def merge(self, source, into):
        if source == into or source not in self.nps or into not in self.nps:
            return
        self.nps[into] = self.nps.pop(source) + self.nps[into]
        self.ces[into] = self.ces[into] + self.ces.pop(source)

    @invariant()
    def partitions_add_up_to_everything_seen(self):
        total = sum(self.nps.values(), NpsTally())
        assert total == NpsTally.from_scores(self.seen)
        assert sum(self.ces.values(), CesTally()) == CesTally.from_scores(
            [1 + a % 7 for a in self.seen]
        )

    @invariant()
    def the_score_exists_exactly_when_something_was_answered(self):
        total = sum(self.nps.values(), NpsTally())
        assert (total.n > 0) == bool(self.seen)
        if self.seen:
            promoters = sum(a >= 9 for a in self.seen)
            detractors = sum(a <= 6 for a in self.seen)
            assert total.score * len(self.seen) == 100 * (promoters - detractors)


TestMapReduce = MapReduce.TestCase


# -- what mutation testing asked for (docs/testing.md) ----------------------------------


@pytest.mark.parametrize("field", ["promoters", "passives", "detractors"])
@pytest.mark.parametrize(
    ("value", "error", "expected"),
    [
        (-1, InvalidValueError, "a whole number from 0 to 1,000,000,000,000"),
        (2.5, InvalidValueError, "a whole number from 0 to 1,000,000,000,000"),
        ("3", InvalidTypeError, "a whole number of 0 or more"),
    ],
)
def test_a_refused_count_names_its_category(field, value, error, expected):
    with refused(error, field, value, expected):
        NpsTally.from_counts(**{field: value})


@pytest.mark.parametrize(
    ("weight", "error", "expected"),
    [
        ("2", InvalidTypeError, "a number of 0 or more"),
        (True, InvalidTypeError, "a number of 0 or more"),
        (-1, InvalidValueError, "a finite number of 0 or more below 10^15"),
        (Decimal("-0.5"), InvalidValueError, "a finite number of 0 or more below 10^15"),
        (float("inf"), InvalidValueError, "a finite number of 0 or more below 10^15"),
        (Decimal("Infinity"), InvalidValueError, "a finite number of 0 or more below 10^15"),
    ],
)
def test_a_refused_weight_is_named_by_its_position(weight, error, expected):
    with refused(error, "weights[1]", weight, expected):
        WeightedNpsTally.from_scores([10, 9, 0], [1, weight, 1])


def test_a_nan_weight_is_named_by_its_position():
    with pytest.raises(InvalidValueError) as caught:
        WeightedNpsTally.from_scores([10, 9], [1, float("nan")])
    assert caught.value.field == "weights[1]"
    assert math.isnan(caught.value.value)


def test_weights_and_answers_of_different_lengths_are_refused_by_count():
    expected = "one weight per answer (2 answers), not 1 weight"
    with refused(InvalidValueError, "weights", [1], expected):
        WeightedNpsTally.from_scores([10, 9], [1])


def test_a_bad_answer_among_weighted_ones_is_named_by_its_position():
    with pytest.raises(InvalidScoreError) as caught:
        WeightedNpsTally.from_scores([10, 11], [1, 1])
    assert (caught.value.position, caught.value.field, caught.value.value) == (1, "scores[1]", 11)


def test_weighted_answers_after_an_excluded_one_still_count():
    tally = WeightedNpsTally.from_scores([None, 10, 3], [1, 2, 1], missing="exclude")
    assert (tally.promoters, tally.detractors, tally.answers) == (2, 1, 2)


@pytest.mark.parametrize(
    ("weights", "promoters", "detractors", "squares"),
    [
        ([2, 1, 3], Fraction(3), Fraction(3), Fraction(14)),
        ([Fraction(1, 3), Fraction(1, 3), Fraction(1, 2)], Fraction(2, 3), Fraction(1, 2), None),
        ([0.5, 0.25, 2.0], Fraction(3, 4), Fraction(2), Fraction(69, 16)),
        ([Decimal("0.5"), 1, Fraction(1, 2)], Fraction(3, 2), Fraction(1, 2), Fraction(3, 2)),
    ],
)
def test_weighted_nps_sums_int_fraction_float_and_decimal_weights_exactly(
    weights, promoters, detractors, squares
):
    tally = WeightedNpsTally.from_scores([10, 9, 0], weights)
    assert (tally.promoters, tally.passives, tally.detractors) == (promoters, 0, detractors)
    expected_squares = sum(Fraction(w) ** 2 for w in weights) if squares is None else squares
    assert tally.sum_of_squares == expected_squares
    assert tally.score == 100 * (promoters - detractors) / (promoters + detractors)


@pytest.mark.parametrize(
    ("tally", "ask", "kind", "statistic"),
    [
        (WeightedNpsTally(), lambda t: t.score, "weighted NPS", "score"),
        (
            WeightedNpsTally(answers=1),
            lambda t: t.effective_n,
            "weighted NPS",
            "effective sample size",
        ),
        (CesTally(), lambda t: t.mean, "CES", "mean"),
        (CesTally(), lambda t: t.agree_interval(), "CES", "agree interval"),
        (CsatTally(), lambda t: t.score, "CSAT", "score"),
        (CsatTally(), lambda t: t.interval(), "CSAT", "interval"),
    ],
)
def test_an_empty_tally_names_its_kind_and_the_statistic_asked(tally, ask, kind, statistic):
    with pytest.raises(EmptyTallyError) as caught:
        ask(tally)
    assert (caught.value.kind, caught.value.statistic) == (kind, statistic)


def test_counts_of_the_5_point_effort_scale_stay_on_it():
    tally = CesTally.from_counts({1: 2, 2: 1, 5: 3}, scale=surveys.CES_5_EFFORT)
    assert tally.scale == surveys.CES_5_EFFORT
    assert tally.counts == (2, 1, 0, 0, 3)
    assert tally.agree_share == Fraction(1, 2)
    with refused(InvalidTypeError, "scale", "1-5", "a Scale, such as surveys.CES_7"):
        CesTally.from_counts({1: 2}, scale="1-5")


def test_counts_from_a_mapping_are_taken_as_given():
    assert CsatTally.from_counts({5: 2, 4.0: 1, Decimal(1): 3}).counts == (3, 0, 0, 1, 2)


@pytest.mark.parametrize(
    ("counts", "error", "field", "value", "expected"),
    [
        ([5, 5], InvalidTypeError, "counts", [5, 5], "a mapping of answer to count"),
        ({True: 1}, InvalidValueError, "counts", True, "answers from 1 to 5 as keys"),
        ({"5": 1}, InvalidValueError, "counts", "5", "answers from 1 to 5 as keys"),
        ({6: 1}, InvalidValueError, "counts", 6, "answers from 1 to 5 as keys"),
        (
            {5: -1},
            InvalidValueError,
            "counts[5]",
            -1,
            "a whole number from 0 to 1,000,000,000,000",
        ),
        ({4.0: "1"}, InvalidTypeError, "counts[4.0]", "1", "a whole number of 0 or more"),
    ],
)
def test_a_refused_mapping_of_counts_names_the_answer_or_its_count(
    counts, error, field, value, expected
):
    with refused(error, field, value, expected):
        CsatTally.from_counts(counts)


@pytest.mark.parametrize("answer", [0, 8, 2.0])
def test_asking_the_count_of_an_answer_off_the_scale_names_it(answer):
    with refused(InvalidValueError, "answer", answer, "an int from 1 to 7"):
        CesTally.from_scores([1, 7]).count(answer)


def test_plain_ints_and_whole_floats_are_counted_without_checking_each_answer(monkeypatch):
    # The common case is checked and counted in C (see tally._count); only other
    # answers are checked one by one, so that an error can name the position.
    from hubpartner.surveys import tally as module

    def one_by_one(value, position, low, high, missing):
        raise AssertionError(f"answer {position} was checked one by one")

    monkeypatch.setattr(module, "check_answer", one_by_one)
    assert NpsTally.from_scores([0, 10, 9, 10, 6]) == NpsTally(3, 0, 2)
    assert NpsTally.from_scores([0.0, 10.0, 9, 7.0]) == NpsTally(2, 1, 1)
    assert CesTally.from_scores([1, 7, 7]).counts == (1, 0, 0, 0, 0, 0, 2)
    wide = Scale(0, 300, (250, 300))
    assert CsatTally.from_scores([0, 300, 256, 255], scale=wide).top_box_count == 3
    assert CsatTally.from_scores([0, 256], scale=Scale(0, 256, (200, 256))).count(256) == 1


def test_a_complex_nan_is_a_wrong_type_not_a_missing_answer():
    with pytest.raises(ScoreTypeError) as caught:
        NpsTally.from_scores([9, complex("nan")], missing="exclude")
    assert (caught.value.position, caught.value.field) == (1, "scores[1]")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9", "a whole number from 0 to 10"),
        ([9], "a whole number from 0 to 10"),
        (True, "a whole number from 0 to 10 (a bool is not a score)"),
    ],
)
def test_an_answer_of_the_wrong_type_says_what_an_answer_is(value, expected):
    with pytest.raises(ScoreTypeError) as caught:
        NpsTally.from_scores([9, value, 7])
    error = caught.value
    assert (error.field, error.expected) == ("scores[1]", expected)


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "expected"),
    [
        (
            lambda: NpsTally.from_scores([9], missing="skip"),
            InvalidValueError,
            "missing",
            "skip",
            "'error' (the default) or 'exclude'",
        ),
        (
            lambda: NpsTally.from_scores("910"),
            InvalidTypeError,
            "scores",
            "910",
            "an iterable of whole-number answers",
        ),
        (lambda: CesTally(counts=[1, -1, 0, 0, 0, 0, 0]), InvalidValueError, "counts", -1, None),
        (
            lambda: CesTally(counts=(1, 2)),
            InvalidValueError,
            "counts",
            (1, 2),
            "7 counts, one per answer 1..7",
        ),
        (
            lambda: CesTally(scale="1-7"),
            InvalidTypeError,
            "scale",
            "1-7",
            "a Scale, such as surveys.CES_7",
        ),
        (
            lambda: CesTally.from_scores([5], scale="1-7"),
            InvalidTypeError,
            "scale",
            "1-7",
            "a Scale, such as surveys.CES_7",
        ),
        (
            lambda: (
                CesTally.from_scores([5]) + CesTally.from_scores([5], scale=surveys.CES_5_EFFORT)
            ),
            InvalidValueError,
            "scale",
            surveys.CES_5_EFFORT,
            "the same scale as the left tally (CES 1-7 agree scale)",
        ),
    ],
)
def test_a_refused_tally_argument_is_named(call, error, field, value, expected):
    with refused(error, field, value, expected):
        call()


@pytest.mark.parametrize("kind", [CesTally, CsatTally])
def test_histogram_tallies_exclude_missing_answers_when_asked(kind):
    assert kind.from_scores([None, 5, float("nan")], missing="exclude").n == 1


def test_counts_made_elsewhere_may_reach_a_trillion():
    assert NpsTally.from_counts(promoters=MAX_COUNT).promoters == MAX_COUNT
    with refused(InvalidValueError, "promoters", MAX_COUNT + 1):
        NpsTally.from_counts(promoters=MAX_COUNT + 1)


WEIGHT = "a finite number of 0 or more below 10^15"


@pytest.mark.parametrize("weight", [Fraction(1, 10**100), Fraction(10**15), Fraction(-1, 2)])
def test_a_fraction_weight_is_refused_past_100_places_or_10_to_the_15(weight):
    with refused(InvalidValueError, "weights[0]", weight, WEIGHT):
        WeightedNpsTally.from_scores([9], [weight])


def test_a_fraction_weight_may_have_up_to_100_places_and_stay_below_10_to_the_15():
    finest, largest = Fraction(1, 10**100 - 1), Fraction(10**15 - 1)
    assert WeightedNpsTally.from_scores([9, 0], [finest, largest]).promoters == finest


@pytest.mark.parametrize("weight", [10**15, Decimal("1E+15")])
def test_a_weight_of_10_to_the_15_is_refused_with_its_value(weight):
    with pytest.raises(InvalidValueError) as caught:
        WeightedNpsTally.from_scores([9], [weight])
    assert (caught.value.field, caught.value.value) == ("weights[0]", weight)


def test_a_weighted_tally_names_weights_and_a_scale_it_refuses():
    with refused(InvalidTypeError, "weights", "12", "an iterable of numbers"):
        WeightedNpsTally.from_scores([1, 2], "12")
    with refused(InvalidTypeError, "scale", surveys.CES_7, "an NpsScale, such as surveys.NPS"):
        NpsTally.from_scores([9], scale=surveys.CES_7)


def test_a_weighted_tally_refuses_a_sum_of_squares_its_weights_cannot_have():
    with pytest.raises(InvalidValueError) as caught:
        WeightedNpsTally(promoters=2, sum_of_squares=5, answers=1)
    assert (caught.value.field, caught.value.value) == ("sum_of_squares", 5)
    assert caught.value.expected == (
        "the sum of the square of 1 weight that adds up to Fraction(2, 1): "
        "from (Σw)²/answers to (Σw)²"
    )
