"""Survey scores: hand-worked values, strict input, and the laws of the tallies."""

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Rounding, surveys
from hubpartner.errors import (
    EmptyTallyError,
    HubPartnerError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    MissingScoreError,
    ScoreTypeError,
)
from hubpartner.surveys import CesTally, CsatTally, NpsTally, WeightedNpsTally

from .strategies import (
    confidences,
    methods,
    nps_scores,
    nps_tallies,
    scale_answers,
    scales,
)

Z95 = 1.959963984540054


# -- worked values, computed by hand ----------------------------------------------------


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


def test_variance_standard_error_and_intervals_by_hand():
    tally = NpsTally.from_counts(promoters=2, passives=4, detractors=1)
    # p = 2/7, d = 1/7: (p + d) - (p - d)^2 = 3/7 - 1/49 = 20/49 -> x 100^2
    assert tally.variance == Fraction(200_000, 49)
    se = math.sqrt(200_000 / 49 / 7)
    assert tally.standard_error == pytest.approx(se)
    # Wald: 100/7 +- 1.96 * se
    low, high = tally.interval(method="wald")
    assert low == pytest.approx(100 / 7 - Z95 * se)
    assert high == pytest.approx(100 / 7 + Z95 * se)
    assert tally.margin_of_error(method="wald") == pytest.approx(Z95 * se)
    # adjusted Wald: P = 2.75, D = 1.75, n = 10 -> centre 10, variance .45 - .01 = .44
    adjusted_se = 100 * math.sqrt(0.44 / 10)
    low, high = tally.interval()
    assert low == pytest.approx(10 - Z95 * adjusted_se)
    assert high == pytest.approx(10 + Z95 * adjusted_se)
    assert tally.margin_of_error() == pytest.approx(Z95 * adjusted_se)


def test_the_covariance_term_widens_the_interval():
    # Var(p - d) = p(1-p) + d(1-d) + 2pd = .24 + .24 + .32 = .8 for p = d = .4;
    # the naive variance without the covariance term, .48, is too small
    tally = NpsTally.from_counts(promoters=40, passives=20, detractors=40)
    naive = 100 * math.sqrt((0.4 * 0.6 + 0.4 * 0.6) / 100)
    assert tally.standard_error == pytest.approx(100 * math.sqrt(0.8 / 100))
    assert tally.standard_error > naive


def test_confidence_level_is_a_parameter():
    tally = NpsTally.from_counts(promoters=30, passives=40, detractors=30)
    assert tally.interval(Decimal("0.9")) == tally.interval(0.9) == tally.interval(Fraction(9, 10))
    z90 = 1.6448536269514722
    low, high = tally.interval(confidence=0.90, method="wald")
    assert high - low == pytest.approx(2 * z90 * tally.standard_error)
    narrow, wide = tally.interval(confidence=0.8), tally.interval(confidence=0.99)
    assert wide.low < narrow.low < narrow.high < wide.high


def test_intervals_are_clipped_to_the_scale():
    assert NpsTally.from_counts(promoters=3).interval(method="wald") == (100.0, 100.0)
    low, high = NpsTally.from_counts(promoters=3).interval()
    assert high == 100.0
    assert low < 100
    low, high = NpsTally.from_counts(promoters=1, detractors=1).interval(method="wald")
    assert (low, high) == (-100.0, 100.0)


def test_two_sample_comparison_by_hand():
    a = NpsTally.from_counts(promoters=60, passives=25, detractors=15)
    b = NpsTally.from_counts(promoters=40, passives=30, detractors=30)
    # var_a = .75 - .45^2 = .5475, var_b = .70 - .10^2 = .69
    se = 100 * math.sqrt(0.5475 / 100 + 0.69 / 100)
    result = surveys.compare(a, b, method="wald")
    assert result.difference == 35
    assert result.standard_error == pytest.approx(se)
    assert result.z == pytest.approx(35 / se)
    assert result.p_value == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(35 / se / math.sqrt(2)))))
    assert result.interval.low == pytest.approx(35 - Z95 * se)
    backwards = surveys.compare(b, a, method="wald")
    assert backwards.difference == -35
    assert backwards.z == pytest.approx(-result.z)


def test_adjusted_comparison_reports_the_observed_difference():
    a = NpsTally.from_counts(promoters=6, passives=2, detractors=2)
    b = NpsTally.from_counts(promoters=2, passives=2, detractors=6)
    result = surveys.compare(a, b)
    assert result.difference == 80
    assert result.method is surveys.IntervalMethod.ADJUSTED_WALD
    # adjusted: (6.75 - 2.75)/13 - (2.75 - 6.75)/13 = 8/13
    assert result.z == pytest.approx(100 * 8 / 13 / result.standard_error)


def test_comparison_without_variation():
    all_promoters = NpsTally.from_counts(promoters=5)
    all_detractors = NpsTally.from_counts(detractors=5)
    same = surveys.compare(all_promoters, all_promoters, method="wald")
    assert (same.z, same.p_value) == (0.0, 1.0)
    apart = surveys.compare(all_promoters, all_detractors, method="wald")
    assert (apart.z, apart.p_value) == (math.inf, 0.0)
    assert apart.interval == (200.0, 200.0)


def test_sample_size_for_a_margin_of_error():
    # worst case: variance 100^2; (1.96 * 100 / 5)^2 = 1536.6 -> 1537
    assert surveys.sample_size(5) == 1537
    assert surveys.sample_size(Decimal("10")) == 385
    pilot = NpsTally.from_counts(promoters=50, passives=30, detractors=20)
    # variance .7 - .09 = .61 -> (1.96 * 100 * sqrt(.61) / 5)^2 = 937.3
    assert surveys.sample_size(5, expected=pilot) == 938
    with pytest.raises(InvalidValueError):
        surveys.sample_size(0)
    with pytest.raises(InvalidValueError):
        surveys.sample_size(float("nan"))
    with pytest.raises(InvalidTypeError):
        surveys.sample_size(True)


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


def test_csat_top_box_percentage_mean_and_wilson_interval():
    tally = CsatTally.from_scores([5, 4, 3, 2, 5])
    assert tally.score == 60
    assert tally.mean == Fraction(19, 5)
    # Wilson, n = 5, p = .6, z = 1.96
    z2 = Z95**2
    centre = (0.6 + z2 / 10) / (1 + z2 / 5)
    half = Z95 * math.sqrt(0.6 * 0.4 / 5 + z2 / 100) / (1 + z2 / 5)
    low, high = tally.interval()
    assert low == pytest.approx(100 * (centre - half))
    assert high == pytest.approx(100 * (centre + half))
    assert tally.rounded() == 60


def test_csat_interval_at_the_extremes_stays_in_range():
    low, high = CsatTally.from_counts({5: 10}).interval()
    assert 0 < low < high == pytest.approx(100)
    low, high = CsatTally.from_counts({1: 10}).interval()
    assert low == pytest.approx(0)
    assert 0 < high < 100


# -- strict input and the empty case ------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "error", "position"),
    [
        ([10, True], ScoreTypeError, 1),
        ([False], ScoreTypeError, 0),
        ([9, 8, None], MissingScoreError, 2),
        ([float("nan")], MissingScoreError, 0),
        ([Decimal("NaN")], MissingScoreError, 0),
        ([6.5], ScoreTypeError, 0),
        ([9.0], ScoreTypeError, 0),
        ([10, 11], InvalidScoreError, 1),
        ([-1], InvalidScoreError, 0),
        (["9"], ScoreTypeError, 0),
        ([Decimal(9)], ScoreTypeError, 0),
        ([1, 2, 3, 1, True], ScoreTypeError, 4),
        ([9, 9, 9.0], ScoreTypeError, 2),
    ],
)
def test_bad_answers_name_their_position_and_value(scores, error, position):
    with pytest.raises(error) as caught:
        NpsTally.from_scores(scores)
    assert caught.value.position == position
    assert f"scores[{position}]" in str(caught.value)
    assert repr(scores[position]) in str(caught.value)
    assert isinstance(caught.value, HubPartnerError)


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


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1, float("nan"), True, "0.95"])
def test_confidence_must_lie_strictly_between_0_and_1(confidence):
    tally = NpsTally(1, 1, 1)
    with pytest.raises((InvalidValueError, InvalidTypeError)):
        tally.interval(confidence=confidence)


def test_unknown_interval_method_is_refused():
    with pytest.raises(InvalidValueError, match="adjusted-wald"):
        NpsTally(1, 1, 1).interval(method="wilson")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"low": 5, "high": 1, "top_box": (1, 1)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": (2, 3)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": (4, 6)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": (4, 5), "higher_is_better": 1}, InvalidTypeError),
        ({"low": 1.0, "high": 5, "top_box": (4, 5)}, InvalidTypeError),
    ],
)
def test_invalid_scales_cannot_exist(kwargs, error):
    with pytest.raises(error):
        surveys.Scale(**kwargs)


def test_invalid_nps_scales_cannot_exist():
    with pytest.raises(InvalidValueError):
        surveys.NpsScale(detractors_up_to=9, promoters_from=9)


# -- laws ---------------------------------------------------------------------------------


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


@given(nps_tallies(non_empty=True))
def test_swapping_promoters_and_detractors_negates_nps_and_keeps_variance(tally):
    mirrored = NpsTally(tally.detractors, tally.passives, tally.promoters)
    assert mirrored.score == -tally.score
    assert mirrored.variance == tally.variance
    low, high = tally.interval(method="wald")
    assert mirrored.interval(method="wald") == pytest.approx((-high, -low))


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


@given(nps_tallies(non_empty=True), confidences(), methods())
def test_interval_bounds_are_ordered_and_clipped(tally, confidence, method):
    low, high = tally.interval(confidence=confidence, method=method)
    assert -100 <= low <= high <= 100


@given(nps_tallies(non_empty=True), confidences())
def test_the_wald_interval_contains_the_score(tally, confidence):
    low, high = tally.interval(confidence=confidence, method="wald")
    assert low - 1e-9 <= float(tally.score) <= high + 1e-9


@given(nps_tallies(non_empty=True), nps_tallies(non_empty=True), confidences(), methods())
def test_comparison_is_antisymmetric_with_p_in_0_1(a, b, confidence, method):
    ab = surveys.compare(a, b, confidence=confidence, method=method)
    ba = surveys.compare(b, a, confidence=confidence, method=method)
    assert ab.difference == a.score - b.score == -ba.difference
    assert ab.z == pytest.approx(-ba.z)
    assert ab.p_value == pytest.approx(ba.p_value)
    assert 0 <= ab.p_value <= 1
    assert ab.standard_error == pytest.approx(ba.standard_error)
    assert ab.interval.low == pytest.approx(-ba.interval.high)
    assert -200 <= ab.interval.low <= ab.interval.high <= 200


@given(nps_tallies(non_empty=True))
def test_a_sample_compared_with_itself_shows_no_difference(tally):
    result = surveys.compare(tally, tally)
    assert result.difference == 0
    assert result.z == 0
    assert result.p_value == 1


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
def test_csat_is_a_percentage_inside_its_wilson_interval(data):
    scale = data.draw(scales())
    answers = data.draw(scale_answers(scale, min_size=1))
    tally = CsatTally.from_scores(answers, scale=scale)
    assert 0 <= tally.score <= 100
    low, high = tally.interval(confidence=data.draw(confidences()))
    assert 0 <= low <= float(tally.score) + 1e-9
    assert float(tally.score) - 1e-9 <= high <= 100
    assert scale.low <= tally.mean <= scale.high


@given(st.data())
def test_ces_mean_and_agree_share_stay_on_the_scale(data):
    scale = data.draw(scales())
    answers = data.draw(scale_answers(scale, min_size=1))
    tally = CesTally.from_scores(answers, scale=scale)
    assert tally.score == Fraction(sum(answers), len(answers))
    assert 0 <= tally.agree_share <= 1
    first, last = scale.top_box
    assert tally.agree_share == Fraction(sum(first <= a <= last for a in answers), len(answers))


@given(nps_tallies(non_empty=True), st.integers(1, 20))
def test_sample_size_reaches_the_margin(pilot, margin):
    n = surveys.sample_size(margin, expected=pilot)
    variance = float(pilot.variance)
    assert Z95 * math.sqrt(variance / n) <= margin + 1e-9
    if n > 1:
        assert Z95 * math.sqrt(variance / (n - 1)) > margin - 1e-9


def test_from_scores_agrees_with_counting_by_hand_on_a_large_random_sample():
    rng = random.Random(2024)
    scores = [rng.randint(0, 10) for _ in range(100_000)]
    tally = NpsTally.from_scores(scores)
    assert tally.promoters == sum(s >= 9 for s in scores)
    assert tally.detractors == sum(s <= 6 for s in scores)
    assert tally.n == len(scores)
