"""Survey statistics: variance, standard errors, intervals, comparisons, sample sizes."""

import math
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner.errors import (
    EmptyTallyError,
    InvalidTypeError,
    InvalidValueError,
    TooFewAnswersError,
)
from hubpartner.surveys import CsatTally, NpsTally, stats

from .refusals import refused
from .strategies import confidences, methods, nps_tallies, scale_answers, scales

Z95 = 1.959963984540054


# -- worked values, computed by hand ---------------------------------------------------


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
    # the Wald standard error is 0: the z of samples that differ would be infinite
    expected = (
        "'adjusted-wald' to compare samples that do not vary (each all promoters, all "
        "passives or all detractors) and differ: their Wald standard error is 0, so their "
        "z is infinite"
    )
    for a, b in [(all_promoters, all_detractors), (NpsTally(0, 3, 0), all_detractors)]:
        with refused(InvalidValueError, "method", "wald", expected):
            surveys.compare(a, b, method="wald")
    apart = surveys.compare(all_promoters, all_detractors)
    assert math.isfinite(apart.z)
    assert apart.p_value < 0.01


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


# -- strict input ----------------------------------------------------------------------


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1, float("nan"), True, "0.95"])
def test_confidence_must_lie_strictly_between_0_and_1(confidence):
    tally = NpsTally(1, 1, 1)
    with pytest.raises((InvalidValueError, InvalidTypeError)):
        tally.interval(confidence=confidence)


def test_unknown_interval_method_is_refused():
    with pytest.raises(InvalidValueError, match="adjusted-wald"):
        NpsTally(1, 1, 1).interval(method="wilson")


def test_compare_refuses_what_is_not_an_nps_tally():
    with pytest.raises(InvalidTypeError, match="b"):
        surveys.compare(NpsTally(1), CsatTally.from_scores([5]))


# -- laws ------------------------------------------------------------------------------


@given(nps_tallies(non_empty=True))
def test_swapping_promoters_and_detractors_negates_nps_and_keeps_variance(tally):
    mirrored = NpsTally(tally.detractors, tally.passives, tally.promoters)
    assert mirrored.score == -tally.score
    assert mirrored.variance == tally.variance
    low, high = tally.interval(method="wald")
    assert mirrored.interval(method="wald") == pytest.approx((-high, -low))


@given(nps_tallies(non_empty=True), confidences(), methods())
def test_interval_bounds_are_ordered_and_clipped(tally, confidence, method):
    low, high = tally.interval(confidence=confidence, method=method)
    assert -100 <= low <= high <= 100


@given(nps_tallies(non_empty=True), confidences())
def test_the_wald_interval_contains_the_score(tally, confidence):
    low, high = tally.interval(confidence=confidence, method="wald")
    assert low - 1e-9 <= float(tally.score) <= high + 1e-9


def _has_a_test(drawn):
    """Whether the samples a and b have a test by the method: the Wald one has none
    for samples that do not vary and differ."""
    a, b, _, method = drawn
    return method != "wald" or a.variance or b.variance or a.score == b.score


@given(
    st.tuples(
        nps_tallies(non_empty=True), nps_tallies(non_empty=True), confidences(), methods()
    ).filter(_has_a_test)
)
def test_comparison_is_antisymmetric_with_p_in_0_1(drawn):
    a, b, confidence, method = drawn
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


@given(nps_tallies(non_empty=True), st.integers(1, 20))
def test_sample_size_reaches_the_margin(pilot, margin):
    n = surveys.sample_size(margin, expected=pilot)
    variance = float(pilot.variance)
    assert Z95 * math.sqrt(variance / n) <= margin + 1e-9
    if n > 1:
        assert Z95 * math.sqrt(variance / (n - 1)) > margin - 1e-9


# -- Student's t, for the CES interval -------------------------------------------------

# Student's t table (two-decimal tables to 3 decimals): (df, p, t_p)
T_TABLE = [
    (1, 0.95, 6.314),
    (1, 0.975, 12.706),
    (1, 0.995, 63.657),
    (2, 0.95, 2.920),
    (2, 0.975, 4.303),
    (2, 0.995, 9.925),
    (3, 0.975, 3.182),
    (3, 0.995, 5.841),
    (4, 0.9995, 8.610),
    (5, 0.95, 2.015),
    (5, 0.975, 2.571),
    (10, 0.975, 2.228),
    (10, 0.995, 3.169),
    (20, 0.999, 3.552),
    (30, 0.95, 1.697),
    (30, 0.975, 2.042),
    (100, 0.975, 1.984),
    (1000, 0.975, 1.962),
    (5000, 0.975, 1.960),
    (100_000, 0.995, 2.576),
]


@pytest.mark.parametrize(("df", "p", "expected"), T_TABLE)
def test_t_quantiles_match_the_published_table(df, p, expected):
    assert round(stats.student_t_quantile(p, df), 3) == expected
    assert round(stats.student_t_quantile(1 - p, df), 3) == -expected
    assert stats.student_t_cdf(stats.student_t_quantile(p, df), df) == pytest.approx(p, abs=1e-12)


def test_t_distribution_by_its_closed_forms():
    # df = 1 is the Cauchy distribution, df = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2))
    assert stats.student_t_cdf(1.0, 1) == pytest.approx(0.75)
    assert stats.student_t_cdf(-1.0, 1) == pytest.approx(0.25)
    assert stats.student_t_cdf(3.0, 2) == pytest.approx(0.5 + 3 / (2 * math.sqrt(11)))
    assert stats.student_t_quantile(0.5, 7) == 0.0
    assert stats.student_t_quantile(0.9, 1) == pytest.approx(math.tan(math.pi * 0.4))


@pytest.mark.parametrize(("p", "df"), [(0.5, 0), (0.5, 1.5), (0.5, True), (0, 3), (1, 3)])
def test_t_quantile_refuses_what_has_no_quantile(p, df):
    with pytest.raises((InvalidValueError, InvalidTypeError)):
        stats.student_t_quantile(p, df)


@given(st.floats(0.5, 0.9999999), st.integers(1, 3000), st.integers(1, 50))
def test_t_quantiles_grow_with_p_and_shrink_towards_the_normal_with_df(p, df, more):
    t = stats.student_t_quantile(p, df)
    assert t >= NormalDist().inv_cdf(p) - 1e-9
    assert stats.student_t_quantile(p, df + more) <= t + 1e-9
    assert stats.student_t_quantile(min(p + 1e-4, 0.99999995), df) >= t
    assert stats.student_t_cdf(t, df) == pytest.approx(p, abs=1e-10)


def test_ces_interval_is_a_t_interval_on_the_mean():
    tally = surveys.CesTally.from_scores([6, 5, 5, 4, 6, 7])
    # mean 5.5; sample variance (.25 + .25 + .25 + 2.25 + .25 + 2.25) / 5 = 1.1
    assert tally.variance == Fraction(11, 10)
    assert tally.standard_error == pytest.approx(math.sqrt(1.1 / 6))
    low, high = tally.interval()
    half = 2.570581836 * math.sqrt(1.1 / 6)  # t(0.975, 5)
    assert (low, high) == pytest.approx((5.5 - half, 5.5 + half))
    low90, high90 = tally.interval(0.9)
    assert low < low90 < high90 < high


def test_ces_interval_stays_on_the_scale_and_is_a_point_without_spread():
    assert surveys.CesTally.from_scores([7, 7, 7]).interval() == (7.0, 7.0)
    low, high = surveys.CesTally.from_scores([7, 1]).interval()
    assert (low, high) == (1.0, 7.0)  # the t interval, clipped to 1..7


def test_ces_agree_share_has_a_wilson_interval_in_percent():
    tally = surveys.CesTally.from_scores([7, 6, 5, 1, 2])
    low, high = tally.agree_interval()
    expected = CsatTally.from_scores([5, 4, 4, 2, 1]).interval()  # 3 of 5 in the top box
    assert (low, high) == pytest.approx(tuple(expected))
    assert tally.agree_interval(0.9).low > low


def test_a_ces_interval_needs_two_answers():
    with pytest.raises(TooFewAnswersError, match="at least 2") as caught:
        surveys.CesTally.from_scores([5]).interval()
    assert isinstance(caught.value, EmptyTallyError)
    assert (caught.value.n, caught.value.needed) == (1, 2)
    with pytest.raises(EmptyTallyError):
        surveys.CesTally().agree_interval()
    with pytest.raises(TooFewAnswersError):
        _ = surveys.CesTally.from_scores([5]).variance
    with pytest.raises(EmptyTallyError, match="no answers"):
        _ = surveys.CesTally().variance


@given(st.data())
def test_ces_intervals_contain_their_statistics(data):
    scale = data.draw(scales())
    answers = data.draw(scale_answers(scale, min_size=2))
    tally = surveys.CesTally.from_scores(answers, scale=scale)
    confidence = data.draw(confidences())
    low, high = tally.interval(confidence)
    assert scale.low <= low <= float(tally.mean) + 1e-9
    assert float(tally.mean) - 1e-9 <= high <= scale.high
    low, high = tally.agree_interval(confidence)
    assert 0 <= low <= 100 * float(tally.agree_share) + 1e-9 <= high + 2e-9 <= 100 + 2e-9


@pytest.mark.parametrize("p", [0.9, 0.975, 0.995, 0.99999, 0.9999995, 0.99999995])
def test_the_expansion_takes_over_where_it_is_as_good_as_newton(p):
    df = stats.EXPANSION_FROM_DF - 1
    newton = stats.student_t_quantile(p, df)
    expansion = stats._cornish_fisher(NormalDist().inv_cdf(p), df)
    assert abs(newton - expansion) < 1e-9


# -- what mutation testing asked for (docs/testing.md) ----------------------------------


@pytest.mark.parametrize("t", [-2.5, 0.3, 1.0, 4.0])
def test_t_distribution_by_its_closed_forms_for_three_and_four_degrees(t):
    # Student's t with 3 and 4 degrees of freedom in closed form
    three = 0.5 + (t / (math.sqrt(3) * (1 + t * t / 3)) + math.atan(t / math.sqrt(3))) / math.pi
    squared = t * t / 4
    four = 0.5 + 3 / 8 * t / math.sqrt(1 + squared) * (1 - squared / (3 * (1 + squared)))
    assert stats.student_t_cdf(t, 3) == pytest.approx(three, abs=1e-14)
    assert stats.student_t_cdf(t, 4) == pytest.approx(four, abs=1e-14)


@pytest.mark.parametrize("df", [2.0, True])
def test_degrees_of_freedom_of_the_wrong_type_are_named(df):
    expected = "an int number of degrees of freedom of 1 or more"
    with refused(InvalidTypeError, "df", df, expected):
        stats.student_t_cdf(1.0, df)
    with refused(InvalidTypeError, "df", df, expected):
        stats.student_t_quantile(0.9, df)


def test_too_few_degrees_of_freedom_are_named_with_the_range_each_function_takes():
    with refused(
        InvalidValueError, "df", 0, "an int number of degrees of freedom from 1 to 1,000,000"
    ):
        stats.student_t_cdf(1.0, 0)
    expected = "an int number of degrees of freedom from 1 to 999,999,999,999,999"
    with refused(InvalidValueError, "df", 0, expected):
        stats.student_t_quantile(0.9, 0)


@pytest.mark.parametrize("p", [0, 1, 0.0, 1.5, -0.5, "0.5", None, True])
def test_a_refused_probability_is_named(p):
    with refused(InvalidValueError, "p", p, "a probability strictly between 0 and 1"):
        stats.student_t_quantile(p, 3)


def test_from_the_expansion_threshold_on_the_quantile_is_the_expansion():
    df = stats.EXPANSION_FROM_DF
    z = NormalDist().inv_cdf(0.975)
    assert stats.student_t_quantile(0.975, df) == stats._cornish_fisher(z, df)
    assert stats.student_t_quantile(0.975, df - 1) != stats._cornish_fisher(z, df - 1)


@pytest.mark.parametrize("n", range(1, 40))
@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
def test_a_wilson_interval_of_all_or_no_answers_ends_exactly_at_100_or_0(n, confidence):
    low, high = CsatTally.from_counts({5: n}).interval(confidence)
    assert 0 < low < high <= 100.0
    low, high = surveys.CesTally.from_counts({1: n}).agree_interval(confidence)
    assert 0.0 <= low < high < 100


@pytest.mark.parametrize(
    ("ask", "statistic"),
    [
        (lambda t: t.margin_of_error(), "margin of error"),
        (lambda t: t.interval(), "interval"),
        (lambda t: t.standard_error, "standard error"),
        (lambda t: t.variance, "variance"),
    ],
)
@pytest.mark.parametrize(
    ("tally", "kind"), [(NpsTally(), "NPS"), (surveys.WeightedNpsTally(), "weighted NPS")]
)
def test_an_empty_nps_names_the_statistic_asked(tally, kind, ask, statistic):
    with pytest.raises(EmptyTallyError) as caught:
        ask(tally)
    assert (caught.value.kind, caught.value.statistic) == (kind, statistic)


@pytest.mark.parametrize("side", ["a", "b"])
def test_compare_names_the_side_that_is_not_an_nps_tally(side):
    csat = CsatTally.from_scores([5])
    sides = {"a": NpsTally(1), "b": NpsTally(1), side: csat}
    with refused(InvalidTypeError, side, csat, "an NpsTally or a WeightedNpsTally"):
        surveys.compare(**sides)


def test_a_comparison_interval_is_clipped_to_200_points_either_way():
    mostly_promoters = NpsTally.from_counts(promoters=9, detractors=1)
    mostly_detractors = NpsTally.from_counts(promoters=1, detractors=9)
    up = surveys.compare(mostly_promoters, mostly_detractors, method="wald", confidence=0.9)
    assert up.interval.high == 200.0
    assert -200.0 < up.interval.low < 160
    assert up.confidence == 0.9
    down = surveys.compare(mostly_detractors, mostly_promoters, method="wald")
    assert down.interval.low == -200.0
    assert -160 < down.interval.high < 200.0


@pytest.mark.parametrize(
    ("margin", "error"),
    [
        ("5", InvalidTypeError),
        (True, InvalidTypeError),
        (0, InvalidValueError),
        (-1, InvalidValueError),
        (Decimal("Infinity"), InvalidValueError),
    ],
)
def test_a_refused_margin_is_named(margin, error):
    with refused(error, "margin", margin, "a number of NPS points above 0 and at most 200"):
        surveys.sample_size(margin)


def test_a_margin_finer_than_the_most_answers_reach_is_named():
    with refused(InvalidValueError, "margin", Decimal("1e-10")) as caught:
        surveys.sample_size(Decimal("1e-10"))
    assert "at most 1,000,000,000,000 answers" in str(caught.value)


@pytest.mark.parametrize("margin", [0.5, 1, 3, Fraction(7, 3), Decimal("2.5")])
def test_the_worst_case_sample_size_is_that_of_half_promoters_half_detractors(margin):
    worst = NpsTally.from_counts(promoters=1, detractors=1)
    assert surveys.sample_size(margin) == surveys.sample_size(margin, expected=worst)


@pytest.mark.parametrize(
    ("confidence", "error"),
    [
        ("0.95", InvalidTypeError),
        (True, InvalidTypeError),
        (1, InvalidValueError),
        (0.0, InvalidValueError),
        (Decimal("sNaN"), InvalidValueError),
        (Decimal("Infinity"), InvalidValueError),
        (10**400, InvalidValueError),
        (Fraction(10**400, 3), InvalidValueError),
    ],
    ids=["str", "bool", "1", "0.0", "sNaN", "Infinity", "int", "Fraction"],
)
def test_a_refused_confidence_is_named(confidence, error):
    with refused(error, "confidence", confidence, "a number between 0 and 1, such as 0.95"):
        NpsTally(1, 1, 1).interval(confidence=confidence)


def test_an_unknown_interval_method_is_named():
    with refused(InvalidValueError, "method", "wilson", "'adjusted-wald' or 'wald'"):
        NpsTally(1, 1, 1).interval(method="wilson")


@pytest.mark.parametrize(
    ("successes", "n", "field"), [(6, 5, "successes"), (-1, 5, "successes"), (1, 0, "n")]
)
def test_wilson_takes_at_most_n_successes_of_at_least_one_trial(successes, n, field):
    with pytest.raises(InvalidValueError) as caught:
        stats.wilson(successes, n, 0.95)
    assert caught.value.field == field


def test_a_pilot_that_is_no_nps_tally_is_named():
    pilot = CsatTally.from_scores([5])
    with refused(
        InvalidTypeError, "expected", pilot, "a pilot NpsTally or WeightedNpsTally, or None"
    ):
        surveys.sample_size(5, expected=pilot)


@pytest.mark.parametrize(
    ("low", "high", "error", "field", "value", "expected"),
    [
        ("1", 2.0, InvalidTypeError, "low", "1", "a real number"),
        (True, 2.0, InvalidTypeError, "low", True, "a real number"),
        (1.0, Decimal("NaN"), InvalidValueError, "high", None, "a real number, not NaN"),
        (float("nan"), 2.0, InvalidValueError, "low", None, "a real number, not NaN"),
    ],
)
def test_a_refused_bound_of_an_interval_is_named(low, high, error, field, value, expected):
    with pytest.raises(error) as caught:
        stats.Interval(low, high)
    assert (caught.value.field, caught.value.expected) == (field, expected)
    if value is not None:
        assert caught.value.value == value


FINITE = "a finite real number within a float's range (about ±1.8e308)"


@pytest.mark.parametrize(
    ("low", "high", "field", "value"),
    [
        (-math.inf, math.inf, "low", -math.inf),
        (0.0, math.inf, "high", math.inf),
        (Decimal("-Infinity"), 1, "low", Decimal("-Infinity")),
        (0, Decimal("Infinity"), "high", Decimal("Infinity")),
        (-(10**400), 10**400, "low", -(10**400)),
        (0, Fraction(10**400, 3), "high", Fraction(10**400, 3)),
        (0, Decimal("1E+400"), "high", Decimal("1E+400")),
    ],
    ids=["infinities", "inf", "Decimal -inf", "Decimal inf", "ints", "Fraction", "Decimal"],
)
def test_an_interval_bound_beyond_a_float_is_refused(low, high, field, value):
    with refused(InvalidValueError, field, value, FINITE):
        stats.Interval(low, high)


def test_an_interval_whose_high_is_below_its_low_is_refused():
    with refused(InvalidValueError, "high", Fraction(1, 2)) as caught:
        stats.Interval(1, Fraction(1, 2))
    assert "at least low (1.0)" in str(caught.value)


def test_an_interval_method_shows_its_name():
    assert repr(surveys.IntervalMethod.WALD) == "IntervalMethod.WALD"


def test_interval_bounds_of_any_real_type_within_a_float_are_floats():
    assert stats.Interval(Decimal(1), Fraction(3, 2)) == (1.0, 1.5)
    largest = 1.7976931348623157e308
    assert stats.Interval(-largest, int(largest)) == (-largest, largest)


@pytest.mark.parametrize("name", ["standard_error", "z", "p_value"])
@pytest.mark.parametrize("value", [math.inf, -math.inf, 10**400], ids=["inf", "-inf", "10**400"])
def test_a_comparison_statistic_is_a_finite_float(name, value):
    good = surveys.compare(NpsTally(60, 25, 15), NpsTally(40, 30, 30), method="wald")
    with refused(InvalidValueError, name, value, FINITE):
        attrs.evolve(good, **{name: value})


def test_a_t_that_is_no_real_number_is_named():
    with refused(InvalidTypeError, "t", "1.5", "a real number"):
        stats.student_t_cdf("1.5", 3)


@pytest.mark.parametrize("difference", [0.5, True, "35"])
def test_a_comparison_whose_difference_is_not_exact_is_named(difference):
    good = surveys.compare(NpsTally(60, 25, 15), NpsTally(40, 30, 30), method="wald")
    with refused(InvalidTypeError, "difference", difference, "an exact difference (a Fraction)"):
        attrs.evolve(good, difference=difference)
    assert attrs.evolve(good, difference=35).difference == Fraction(35)
