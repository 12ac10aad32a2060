"""Hostile numbers, counts and dates: each is refused quickly, by name, or answered.

A careless user, a broken export or a malicious file can hand the library a number
with a billion digits (``1e999999999``), one so small that adding it to 1 needs a
billion digits (``1e-999999999``), an int too long for ``str``, a count that would
drive a loop for ever (``10**20`` partners) or a date at the calendar's end
(``date.max``). None of them may crash, hang or change an answer: each is refused
with the library's error, naming the field and keeping the value, or answered
correctly. The bounds are named constants of ``hubpartner._checks`` and the
"Bounds" table of ``docs/index.md``.

Every refusal is timed: :data:`QUICK` is far more than a clear error takes, and far
less than the work the refused value would have driven.
"""

from __future__ import annotations

import functools
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, Track, clients, ledger, managed, points, rules, tiers
from hubpartner._checks import (
    MAX_AMOUNT_PLACES,
    MAX_COUNT,
    MAX_DAYS,
    MAX_EXTRA_QUESTIONS,
    MAX_MAGNITUDE,
    MAX_MONTHS,
    MAX_PARTNERS,
    MAX_POINT_PLACES,
    MAX_SCALE_SIZE,
    MAX_T_CDF_DEGREES,
)
from hubpartner.decimals import Rounding, RoundingPolicy, divide, from_fraction
from hubpartner.errors import (
    HubPartnerError,
    IncompleteHistoryError,
    InvalidAmountError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    PortfolioFileError,
    ResponsesFileError,
    RulesFileError,
    shown,
)
from hubpartner.reviews import RatingScale
from hubpartner.surveys import lifecycle, responses, scales, stats, tally

#: Seconds a refusal may take: generous for an error, hopeless for the refused work.
QUICK = 1.0

CURRENT = rules.for_date(date(2025, 8, 1))
HALF_UP = RoundingPolicy(2, Rounding.HALF_UP)

#: Numbers no amount, rate or number of points may be.
HUGE_NUMBERS = [
    "1e999999999",
    "-1e999999999",
    "1e999999999999999999",
    "1E+15",
    "1000000000000000",
    Decimal("1e999999999"),
    Decimal("-1e999999999999999999"),
    10**15,
    10**5000,
    -(10**5000),
    "9" * 5000,
]
#: Numbers with more digits after the point than any amount or rate may have.
TINY_NUMBERS = ["1e-999999999", Decimal("1e-999999999"), "0." + "0" * 5000 + "1"]


def label(value):
    """A short test id for a hostile value (pytest's own would write out a huge int)."""
    try:
        text = repr(value)
    except Exception:  # an int (or a value holding one) too long for str, a broken repr
        return f"huge-{type(value).__name__}"
    return text if len(text) < 40 else text[:30] + "..."


def refused(error, field, call, *args, **kwargs):
    """Call, expecting ``error`` naming ``field``, quickly, with a message that can be
    built and read; return the error."""
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    assert time.perf_counter() - start < QUICK
    assert isinstance(caught.value, HubPartnerError)
    assert caught.value.field == field
    assert len(str(caught.value)) < 2_000
    return caught.value


def quick(call, *args, **kwargs):
    """Call and return the answer, which must come quickly."""
    start = time.perf_counter()
    answer = call(*args, **kwargs)
    assert time.perf_counter() - start < QUICK
    return answer


COEFFICIENTS = st.integers(1, 10**6)


def decimals_from(exponents, digits=COEFFICIENTS):
    """Decimals ``digits x 10**exponent`` of either sign, built directly."""
    return st.builds(
        lambda sign, coefficient, exponent: Decimal(
            (sign, tuple(int(d) for d in str(coefficient)), exponent)
        ),
        st.sampled_from([0, 1]),
        digits,
        exponents,
    )


# -- messages ---------------------------------------------------------------------------


class Unshowable:
    def __repr__(self):
        raise RuntimeError("no repr")


@pytest.mark.parametrize(
    "value",
    [10**5000, -(10**5000), [1, 10**5000], {"a": 10**5000}, Unshowable(), "x" * 10**6],
    ids=label,
)
def test_a_value_is_shown_short_and_never_fails(value):
    text = quick(shown, value)
    assert 0 < len(text) <= 200


def test_a_huge_int_is_shown_by_its_size():
    assert "5000 digits" in shown(10**4999 + 1)
    assert shown(-(10**5000)).startswith("<a negative int")


def test_a_short_value_is_shown_as_its_repr():
    assert shown("USD") == "'USD'"
    assert shown(Decimal("1.50")) == "Decimal('1.50')"
    assert shown([1, 2, 3]) == "[1, 2, 3]"


def test_a_long_text_is_shown_by_its_ends():
    text = shown("a" * 1000 + "z")
    assert text.startswith("'aaa")
    assert text.endswith("az'")
    assert "..." in text


@given(st.integers() | st.text() | st.lists(st.integers(min_value=10**4000, max_value=10**4400)))
def test_an_error_can_always_be_built_and_read(value):
    for error in (
        InvalidValueError("field", value, "something else"),
        InvalidTypeError("field", value, "something else"),
        InvalidAmountError("field", value, "something else"),
    ):
        assert str(error).startswith("field: ")
        assert error.value is value


def test_an_error_about_an_unshowable_value_is_still_an_error():
    error = InvalidValueError("field", Unshowable(), "something else")
    assert "Unshowable" in str(error)


def test_a_history_missing_many_months_lists_a_few():
    months = [date(year, month, 1) for year in range(2000, 3000) for month in range(1, 13)]
    error = IncompleteHistoryError(months, "no record for the months", "a record for each")
    assert len(str(error)) < 500
    assert "2000-01" in str(error)
    assert "11,990 more" in str(error)
    assert error.value[-1] == "2999-12"


# -- amounts of money -------------------------------------------------------------------


@pytest.mark.parametrize("amount", HUGE_NUMBERS + TINY_NUMBERS, ids=label)
def test_money_refuses_an_amount_beyond_its_bounds(amount):
    error = refused(InvalidAmountError, "amount", Money, amount, "USD")
    assert error.value is amount


@given(decimals_from(st.integers(15, 10**9)).filter(lambda d: d != 0))
def test_money_refuses_every_magnitude_from_ten_to_the_fifteen(amount):
    refused(InvalidAmountError, "amount", Money, amount, "EUR")


@given(decimals_from(st.integers(-(10**9), -MAX_AMOUNT_PLACES - 1), st.integers(1, 9)))
def test_money_refuses_more_than_ten_decimal_places(amount):
    refused(InvalidAmountError, "amount", Money, amount, "EUR")


@given(
    st.decimals(
        min_value=-(MAX_MAGNITUDE - 1), max_value=MAX_MAGNITUDE - 1, places=MAX_AMOUNT_PLACES
    )
)
def test_money_keeps_every_amount_within_its_bounds_exactly(amount):
    kept = quick(Money, amount, "EUR").amount
    assert kept == amount
    assert kept.as_tuple().exponent == amount.as_tuple().exponent or amount == 0


def test_money_takes_the_largest_and_finest_amounts():
    assert Money("999999999999999.9999999999", "USD").amount == Decimal(
        "999999999999999.9999999999"
    )
    assert Money("-0.0000000001", "USD").amount == Decimal("-1E-10")


@pytest.mark.parametrize("zero", ["-0", "-0.00", Decimal("-0"), Decimal("-0E+3")], ids=label)
def test_a_negative_zero_amount_is_zero(zero):
    amount = Money(zero, "USD").amount
    assert amount == 0
    assert not amount.is_signed()
    assert str(Money(zero, "USD")).startswith("USD 0")


def test_a_zero_amount_has_at_most_ten_places_too():
    assert Money("0.0000000000", "USD").amount.as_tuple().exponent == -MAX_AMOUNT_PLACES
    assert Money("0E+5", "USD").amount == 0
    refused(InvalidAmountError, "amount", Money, "0E-11", "USD")
    refused(InvalidAmountError, "amount", Money, Decimal("0E-999999999"), "USD")


def test_a_sum_beyond_the_bound_is_refused():
    largest = Money("999999999999999", "USD")
    refused(InvalidAmountError, "amount", largest.__add__, Money("1", "USD"))
    refused(InvalidAmountError, "amount", (-largest).__sub__, Money("1", "USD"))


def test_a_quotient_keeps_its_forty_digits_and_adds():
    # 1 assisted point is 88/3 EUR: a quotient with 40 significant digits, which the
    # library keeps; it still adds to money you give and rounds for display.
    amount = points.points_to_money(
        1, currency="EUR", track=Track.ASSISTED, market="US", rules=CURRENT
    )
    assert amount.amount == Decimal("29.33333333333333333333333333333333333333")
    total = amount + Money("0.67", "EUR")
    assert total.amount == Decimal("30.00333333333333333333333333333333333333")
    assert total.quantized().amount == Decimal("30.00")
    assert (-amount).amount == amount.amount.copy_negate()


def test_a_quotient_beyond_the_bound_is_refused_by_its_points():
    refused(
        InvalidAmountError,
        "points",
        points.points_to_money,
        "99999999999999",
        currency="COP",
        track=Track.ASSISTED,
        market="US",
        rules=CURRENT,
    )


# -- points -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", HUGE_NUMBERS, ids=label)
def test_points_beyond_the_bound_are_refused_everywhere(value):
    refused(InvalidAmountError, "points", points.allocate, value, 3, rounding=HALF_UP)
    refused(InvalidAmountError, "value", points.present, value, rules=CURRENT)
    refused(
        InvalidAmountError,
        "points",
        points.points_to_money,
        value,
        currency="EUR",
        track=Track.SOURCED,
        market="US",
        rules=CURRENT,
    )
    refused(InvalidAmountError, "sourced", ledger.PointsHeld, value)
    refused(
        InvalidAmountError, "points", ledger.SoldDeal, "c1", date(2025, 1, 1), "sourced", value
    )
    refused(InvalidAmountError, "points", ledger.ManagedMonth, "c1", date(2025, 1, 1), value)
    refused(InvalidAmountError, "total", tiers.TierRequirement, "gold", value, 0)
    refused(InvalidAmountError, "sold", points.PointsEstimate, value, 0, 0)


@pytest.mark.parametrize("value", TINY_NUMBERS, ids=label)
def test_points_with_too_many_places_are_refused(value):
    refused(InvalidAmountError, "points", points.allocate, value, 3, rounding=HALF_UP)
    refused(InvalidAmountError, "managed", ledger.PointsHeld, 0, 0, value)


def test_points_keep_the_forty_digits_of_a_quotient():
    sold = points.sold_points(
        Money("0.01", "COP"), track=Track.ASSISTED, market="US", rules=CURRENT
    )
    assert len(sold.as_tuple().digits) == 40
    assert -sold.as_tuple().exponent <= MAX_POINT_PLACES
    assert ledger.SoldDeal("c1", date(2025, 1, 1), "assisted", sold).points == sold


def test_points_held_that_add_beyond_the_bound_are_refused():
    largest = ledger.PointsHeld(sourced="999999999999999")
    refused(InvalidAmountError, "sourced", largest.__add__, ledger.PointsHeld(sourced=1))


@pytest.mark.parametrize("partners", [MAX_PARTNERS + 1, 10**9, 10**20, 10**5000], ids=label)
def test_partners_sharing_a_client_are_bounded(partners):
    refused(
        InvalidValueError, "partners", points.allocate, Decimal(10), partners, rounding=HALF_UP
    )
    for managed_points in (points.managed_points, points.managed_shares):
        refused(
            InvalidValueError,
            "partners",
            managed_points,
            Money("10", "USD"),
            market="US",
            rules=CURRENT,
            partners=partners,
        )
    refused(
        InvalidValueError,
        "other_partners",
        points.estimate,
        Money("10", "USD"),
        market="US",
        track=Track.SOURCED,
        manage=True,
        other_partners=partners,
        rules=CURRENT,
    )


def test_an_estimate_is_shared_by_at_most_the_most_partners():
    refused(InvalidValueError, "partners", points.PointsEstimate, 1, 1, MAX_PARTNERS + 1)
    assert points.PointsEstimate(1, 1, MAX_PARTNERS).partners == MAX_PARTNERS


def test_the_most_partners_share_quickly():
    shares = quick(points.allocate, Decimal(10), MAX_PARTNERS, rounding=HALF_UP)
    assert len(shares) == MAX_PARTNERS
    assert sum(shares) == 10
    estimate = points.estimate(
        Money("10", "USD"),
        market="US",
        track=Track.SOURCED,
        manage=True,
        other_partners=MAX_PARTNERS - 1,
        rules=CURRENT,
    )
    assert estimate.partners == MAX_PARTNERS


# -- exact arithmetic -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [Fraction(1, 10**5000), Fraction(10**5000), Fraction(3**3000, 7**2000), 10**5000],
    ids=label,
)
def test_from_fraction_refuses_values_with_thousands_of_digits(value):
    refused(InvalidValueError, "value", from_fraction, value)


@pytest.mark.parametrize("value", [Decimal("1e999999999"), Decimal("1e-999999999")], ids=label)
def test_divide_and_rounding_refuse_values_beyond_their_digits(value):
    refused(InvalidValueError, "numerator", divide, value, Decimal(3))
    refused(InvalidValueError, "denominator", divide, Decimal(3), value)
    refused(InvalidValueError, "value", HALF_UP.apply, value)


@pytest.mark.parametrize("value", [Fraction(1, 10**5000), Fraction(10**5000), 10**5000], ids=label)
def test_rounding_refuses_exact_values_beyond_their_digits(value):
    refused(InvalidValueError, "value", HALF_UP.apply, value)


def test_divide_takes_finite_decimals_and_refuses_zero():
    refused(InvalidTypeError, "numerator", divide, 1, Decimal(3))
    refused(InvalidValueError, "denominator", divide, Decimal(1), Decimal("NaN"))
    refused(InvalidValueError, "denominator", divide, Decimal(1), Decimal("0.00"))
    assert divide(Decimal(1), Decimal(8)) == Decimal("0.125")


def test_exact_points_beyond_the_bound_are_refused():
    refused(InvalidAmountError, "points", points.allocate, Fraction(10**15), 2, rounding=HALF_UP)
    refused(
        InvalidValueError, "points", points.allocate, Fraction(1, 10**5000), 2, rounding=HALF_UP
    )


def test_a_rounding_policy_refuses_a_huge_number_of_places():
    refused(InvalidValueError, "places", RoundingPolicy, 10**5000, Rounding.HALF_UP)


# -- rates and currency amounts ---------------------------------------------------------


@pytest.mark.parametrize("value", HUGE_NUMBERS + TINY_NUMBERS + ["0.00000000001"], ids=label)
def test_rates_and_currency_amounts_are_bounded(value):
    refused(InvalidAmountError, "usd_100", CURRENT.with_currency, "SEK", value)
    refused(InvalidAmountError, "sourced", rules.PointRates, value, 1, 1)
    refused(
        InvalidAmountError, "points_per_usd_100", rules.LegacySoldRate, date(2024, 2, 27), value
    )
    refused(
        InvalidAmountError, "growth_multiplier", attrs.evolve, CURRENT, growth_multiplier=value
    )


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("points_per_usd_100.sourced", "sourced = 1000000000000000000000"),
        ("currencies.EUR", 'EUR = "1e999999999"'),
        ("growth_markets.multiplier", "multiplier = 1000000000000000"),
    ],
)
def test_a_rules_file_with_an_unbounded_number_is_refused_by_key(key, text):
    document = rules.dumps(CURRENT)
    name = text.split(" = ")[0]
    lines = [text if line.startswith(f"{name} = ") else line for line in document.splitlines()]
    start = time.perf_counter()
    with pytest.raises(RulesFileError) as caught:
        rules.loads("\n".join(lines))
    assert time.perf_counter() - start < QUICK
    assert [problem.key for problem in caught.value.problems] == [key]


@pytest.mark.parametrize(
    "field",
    ["sold_points_lifetime_months", "reach_gold_within_months"],
)
def test_the_months_of_a_rule_set_are_bounded(field):
    refused(InvalidValueError, field, attrs.evolve, CURRENT, **{field: MAX_MONTHS + 1})
    assert attrs.evolve(CURRENT, **{field: MAX_MONTHS}).effective == CURRENT.effective


def test_the_days_and_retention_of_a_rule_set_are_bounded():
    refused(
        InvalidValueError,
        "activity_period_days",
        attrs.evolve,
        CURRENT,
        activity_period_days=MAX_DAYS + 1,
    )
    refused(
        InvalidValueError,
        "retention_months",
        rules.Reevaluation,
        CURRENT.reevaluation.days,
        10**20,
    )


@pytest.mark.parametrize(
    ("month", "field"),
    [(13, "month_day"), (10**11, "month_day"), (10**20, "month"), (10**5000, "month")],
    ids=label,
)
def test_a_day_of_the_year_with_a_huge_month_is_refused(month, field):
    refused(InvalidValueError, field, rules.MonthDay, month, 1)


def test_a_day_of_the_year_before_the_calendar_is_refused():
    refused(InvalidValueError, "day", rules.MonthDay(12, 31).last_on_or_before, date.min)
    assert rules.MonthDay(1, 1).last_on_or_before(date.min) == date.min


# -- surveys ----------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [MAX_EXTRA_QUESTIONS + 1, 10**9, 10**20, 10**5000], ids=label)
def test_extra_questions_are_bounded(extra):
    refused(InvalidValueError, "extra_questions", lifecycle.response_rate, extra)
    refused(
        InvalidValueError,
        "extra_questions",
        lifecycle.expected_responses,
        100,
        extra_questions=extra,
    )


def test_the_most_extra_questions_are_answered_quickly():
    rate = quick(lifecycle.response_rate, MAX_EXTRA_QUESTIONS)
    assert 0 < rate.low < rate.high < Fraction(1, 10**15)


@pytest.mark.parametrize("recipients", [MAX_COUNT + 1, 10**20, 10**5000], ids=label)
def test_recipients_are_bounded(recipients):
    refused(InvalidValueError, "recipients", lifecycle.expected_responses, recipients)


@pytest.mark.parametrize(
    "count",
    [MAX_COUNT + 1, 10**20, 10**5000, Decimal("1e999999999"), 1e300, float(10**13)],
    ids=label,
)
def test_counts_of_answers_are_bounded(count):
    refused(InvalidValueError, "promoters", tally.NpsTally.from_counts, promoters=count)
    refused(InvalidValueError, "counts[1]", tally.CesTally.from_counts, {1: count})
    refused(InvalidValueError, "counts[5]", tally.CsatTally.from_counts, {5: count})


def test_a_tally_holds_at_most_the_bound_and_sums_to_it():
    refused(InvalidValueError, "detractors", tally.NpsTally, 0, 0, MAX_COUNT + 1)
    refused(InvalidValueError, "answers", tally.WeightedNpsTally, answers=10**20)
    largest = tally.NpsTally(MAX_COUNT, 0, 0)
    refused(InvalidValueError, "promoters", largest.__add__, tally.NpsTally(1, 0, 0))
    interval = quick(tally.NpsTally(MAX_COUNT, MAX_COUNT, MAX_COUNT).interval)
    assert interval.low < 0 < interval.high


@pytest.mark.parametrize(
    "answer",
    [Decimal("1e999999999"), Decimal("-1e999999999999999999"), 10**5000, 1e300],
    ids=label,
)
def test_a_hostile_answer_is_refused_by_its_position(answer):
    refused(InvalidScoreError, "scores[1]", tally.NpsTally.from_scores, [9, answer])
    refused(InvalidScoreError, "scores[0]", tally.CesTally.from_scores, [answer])


@pytest.mark.parametrize("score", [Decimal("1e999999999"), 10**5000, -(10**15), 1e300], ids=label)
def test_a_response_refuses_a_score_beyond_the_bound(score):
    refused(InvalidValueError, "score", responses.Response, date(2025, 1, 1), score)


@pytest.mark.parametrize(
    "weight",
    [Decimal("1e999999999"), Decimal("1e-999999999"), 10**5000, Fraction(1, 10**5000)],
    ids=label,
)
def test_a_hostile_weight_is_refused_by_its_position(weight):
    refused(
        InvalidValueError, "weights[1]", tally.WeightedNpsTally.from_scores, [9, 9], [1, weight]
    )
    refused(InvalidValueError, "weight", responses.Response, date(2025, 1, 1), 9, weight=weight)


@pytest.mark.parametrize(
    ("sums", "answers"),
    [((Fraction(1, 10**5000), Fraction(1, 10**9000)), 2), ((2, 5), 1), ((2, 1), 2), ((1, 0), 0)],
    ids=label,
)
def test_a_weighted_tally_holds_sums_that_weights_can_have(sums, answers):
    total, squares = sums
    with pytest.raises(InvalidValueError) as caught:
        tally.WeightedNpsTally(total, 0, 0, squares, answers)
    assert caught.value.field in {"promoters", "sum_of_squares"}


def test_a_weighted_tally_of_tiny_weights_has_a_standard_error():
    tiny = tally.WeightedNpsTally.from_scores([10, 0], [Decimal("1e-100"), Decimal("1e-100")])
    # equal weights, however small, give the unweighted standard error
    assert quick(lambda: tiny.standard_error) == tally.NpsTally(1, 0, 1).standard_error


def test_a_float_weight_is_still_taken_at_its_exact_value():
    weighted = tally.WeightedNpsTally.from_scores([9, 0], [0.1, 1e-300])
    assert weighted.promoters == Fraction(0.1)
    assert weighted.detractors == Fraction(1e-300)


@pytest.mark.parametrize("high", [MAX_SCALE_SIZE + 1, 10**9, 10**20, 10**5000], ids=label)
def test_a_scale_has_a_bounded_number_of_answers(high):
    refused(InvalidValueError, "high", scales.Scale, 1, high, (1, 2), False)
    refused(InvalidValueError, "high", scales.NpsScale, 0, high, 1, 2)
    refused(InvalidValueError, "high", RatingScale, 1, high)


def test_the_largest_scale_counts_quickly():
    scale = scales.Scale(1, MAX_SCALE_SIZE, (MAX_SCALE_SIZE - 9, MAX_SCALE_SIZE))
    counted = quick(tally.CsatTally.from_scores, list(range(1, MAX_SCALE_SIZE + 1)), scale=scale)
    assert counted.n == MAX_SCALE_SIZE
    assert counted.score == 1


@pytest.mark.parametrize("df", [MAX_T_CDF_DEGREES + 1, 10**9, 10**20], ids=label)
def test_the_t_distribution_function_bounds_its_degrees_of_freedom(df):
    refused(InvalidValueError, "df", stats.student_t_cdf, 1.0, df)


def test_the_t_quantile_takes_any_tally_size_quickly():
    assert abs(quick(stats.student_t_quantile, 0.975, 3 * MAX_COUNT) - 1.96) < 0.001
    refused(InvalidValueError, "df", stats.student_t_quantile, 0.975, 10**5000)
    assert 0.9 < quick(stats.student_t_cdf, 1.3, MAX_T_CDF_DEGREES) < 0.91


def test_a_wilson_interval_refuses_counts_beyond_the_bound():
    refused(InvalidValueError, "n", stats.wilson, 1, 10**5000, 0.95)
    refused(InvalidValueError, "successes", stats.wilson, 3, 2, 0.95)
    refused(InvalidValueError, "n", stats.wilson, 0, 0, 0.95)


@pytest.mark.parametrize(
    "margin",
    [Decimal("1e-999999999"), 1e-300, Fraction(1, 10**5000), 10**5000, 201],
    ids=label,
)
def test_a_sample_size_refuses_margins_beyond_its_bounds(margin):
    refused(InvalidValueError, "margin", stats.sample_size, margin)


def test_the_finest_margin_needs_at_most_the_most_answers():
    assert quick(stats.sample_size, 200) == 1
    assert stats.sample_size(Decimal("0.02")) <= MAX_COUNT


@pytest.mark.parametrize(
    "level", [10**5000, Decimal("1e999999999"), Fraction(10**5000)], ids=label
)
def test_a_confidence_level_beyond_the_bound_is_refused(level):
    refused(InvalidValueError, "confidence", stats.confidence_level, level)


# -- survey dates -----------------------------------------------------------------------


def test_a_send_count_beyond_the_calendar_is_refused():
    refused(
        InvalidValueError,
        "count",
        lifecycle.send_schedule,
        date(2025, 1, 1),
        lifecycle.Cadence.QUARTERLY,
        count=10**9,
    )
    sends = quick(lifecycle.send_schedule, date(9999, 1, 31), lifecycle.Cadence.QUARTERLY, count=4)
    assert sends[-1].on == date(9999, 10, 31)
    refused(
        InvalidValueError,
        "count",
        lifecycle.send_schedule,
        date(9999, 1, 31),
        lifecycle.Cadence.QUARTERLY,
        count=5,
    )


def test_a_reminder_beyond_the_calendar_is_refused():
    for start, after in ((date(2025, 1, 1), timedelta.max), (date.max, timedelta(days=1))):
        refused(
            InvalidValueError,
            "reminder_after",
            lifecycle.send_schedule,
            start,
            lifecycle.Cadence.QUARTERLY,
            count=1,
            reminder_after=after,
        )


@pytest.mark.parametrize(
    "grace", [timedelta(days=MAX_DAYS + 1), timedelta(seconds=-1), timedelta.max, 14], ids=label
)
def test_the_grace_of_an_email_survey_is_bounded(grace):
    published = lifecycle.survey_rules()
    refused(InvalidValueError, "email_grace", attrs.evolve, published, email_grace=grace)


def test_an_email_survey_unpublished_at_the_calendar_end_still_accepts_answers():
    survey = lifecycle.Survey("nps", "email", "en", "Acme", date(9999, 12, 1))
    closed = lifecycle.unpublish(survey, datetime(9999, 12, 31))
    assert lifecycle.accepts_responses(closed, datetime.max)
    assert not lifecycle.accepts_responses(
        lifecycle.unpublish(survey, datetime(9999, 12, 1)), datetime.max
    )


@pytest.mark.parametrize("days", [MAX_DAYS + 1, 10**9, 10**20, 10**5000], ids=label)
def test_a_trailing_window_has_a_bounded_number_of_days(days):
    refused(InvalidValueError, "days", responses.Trailing, days, [date(2025, 1, 1)])


@pytest.mark.parametrize("end", [date.min, date.max], ids=label)
def test_a_trailing_window_beyond_the_calendar_is_refused(end):
    refused(InvalidValueError, "ends[1]", responses.Trailing, 30, [date(2025, 1, 1), end])


def test_a_trailing_window_at_the_calendar_ends_is_answered():
    first = responses.Trailing(1, [date.min]).periods()[0]
    assert (first.start, first.end) == (date.min, date(1, 1, 2))


@pytest.mark.parametrize("by", ["month", "quarter"], ids=label)
def test_a_response_in_the_calendars_last_month_is_refused_by_position(by):
    answers = [responses.Response(date(2025, 1, 1), 9), responses.Response(date.max, 9)]
    refused(InvalidValueError, "responses[1].at", responses.group, answers, kind="nps", by=by)
    assert len(responses.group(answers, kind="nps", by="all")) == 1
    refused(InvalidValueError, "day", getattr(responses.Period, by), date.max)


def test_a_response_in_the_calendars_first_month_is_grouped():
    (group,) = responses.group([responses.Response(date.min, 9)], kind="nps", by="quarter")
    assert group.period.start == date.min


# -- ledger -----------------------------------------------------------------------------


@pytest.mark.parametrize("months", [MAX_MONTHS + 1, 10**9, 10**20, 10**5000], ids=label)
def test_the_months_of_a_ledger_are_bounded(months):
    refused(InvalidValueError, "months", ledger.Ledger().expiring, date(2025, 1, 1), months)
    refused(InvalidValueError, "lifetime_months", ledger.Ledger, (), (), months)


def test_a_ledger_range_beyond_the_bound_is_refused():
    refused(InvalidValueError, "end", ledger.Ledger().over_time, date.min, date.max)
    last = quick(ledger.Ledger().over_time, date(2000, 1, 1), date(2099, 12, 31))
    assert len(last) == MAX_MONTHS


def test_a_ledger_answers_at_the_calendar_ends():
    december = [ledger.ManagedMonth("c1", date(9999, 12, 1), 5)]
    book = ledger.Ledger((), december)
    assert book.over_time(date(9999, 12, 1), date.max) == (
        (date.max, ledger.PointsHeld(managed=5)),
    )
    (change,) = book.changes(date(9999, 1, 1), date.max)
    assert (change.earned, change.expired) == (5, 0)
    assert book.changes(date.min, date(1, 1, 31)) == ()
    assert ledger.Ledger().expiring(date(9999, 10, 15), 3)[-1] == (date(9999, 12, 1), 0)


def test_a_ledger_refuses_dates_whose_expiry_passes_the_calendar():
    deal = ledger.SoldDeal("c1", date(9999, 6, 1), "sourced", 5)
    refused(
        InvalidValueError,
        "deals[1].on",
        ledger.Ledger,
        [deal.__class__("c1", date(2025, 1, 1), "sourced", 1), deal],
        (),
        12,
    )
    assert ledger.Ledger().expiring(date(9999, 12, 15), 1) == ((date(9999, 12, 1), 0),)
    assert ledger.Ledger().expiring(date.max, 1) == ((date(9999, 12, 1), 0),)
    refused(InvalidValueError, "months", ledger.Ledger().expiring, date(9999, 12, 15), 2)


# -- managed relationships --------------------------------------------------------------


def _set_up(day):
    return [
        managed.Event(day, "employee-added", "ana"),
        managed.Event(day, "client-assigned", "ana"),
        managed.Event(day, "user-added-to-client", "ana"),
        managed.Event(day, "activity", "ana", "blog", "publish"),
    ]


@pytest.mark.parametrize("lapse", [MAX_DAYS + 1, 10**9, 10**20, 10**5000], ids=label)
def test_a_lapse_period_is_bounded(lapse):
    refused(
        InvalidValueError, "lapse_days", managed.ManagedRules, lapse, [], {"default": ["create"]}
    )


def test_a_relationship_answers_at_the_calendar_ends():
    assert not managed.managed_credit_status([], as_of=date.min).receiving
    assert managed.qualifying_activities(_set_up(date.min), start=date.min, end=date.min) == 1
    assert managed.active_periods(_set_up(date.max), until=date.max) == (
        managed.ActivePeriod(date.max, None),
    )
    (december,) = managed.monthly_managed_points(
        _set_up(date(9999, 12, 1)),
        mrr=Money("100", "USD"),
        market="US",
        start=date(9999, 12, 1),
        end=date.max,
        program=CURRENT,
    )
    assert december.active
    assert december.points == 1


def test_a_lapse_beyond_the_calendar_is_refused_by_the_events():
    refused(
        InvalidValueError,
        "events",
        managed.managed_credit_status,
        _set_up(date.max),
        as_of=date.max,
    )


def test_a_monthly_range_beyond_the_bound_is_refused():
    refused(
        InvalidValueError,
        "end",
        managed.monthly_managed_points,
        [],
        mrr=Money("100", "USD"),
        market="US",
        start=date.min,
        end=date.max,
        program=CURRENT,
    )


# -- clients ----------------------------------------------------------------------------


@pytest.mark.parametrize("within", [MAX_DAYS + 1, 99999999999, 10**5000], ids=label)
def test_a_renewal_window_is_bounded(within):
    refused(
        InvalidValueError,
        "within_days",
        clients.renewal_alerts,
        clients.Portfolio(()),
        as_of=date(2025, 1, 1),
        within_days=within,
    )


def test_a_renewal_window_beyond_the_calendar_is_refused():
    refused(
        InvalidValueError,
        "as_of",
        clients.renewal_alerts,
        clients.Portfolio(()),
        as_of=date.max,
        within_days=30,
    )
    assert clients.renewal_alerts(clients.Portfolio(()), as_of=date.max, within_days=0) == ()


@given(st.dates() | st.dates(min_value=date(9900, 1, 1)), st.integers(0, MAX_DAYS))
def test_a_renewal_window_is_answered_or_refused_by_its_day(today, within):
    alerts = functools.partial(clients.renewal_alerts, clients.Portfolio(()))
    if (date.max - today).days >= within:
        assert alerts(as_of=today, within_days=within) == ()
    else:  # the window would end after the calendar's last day
        refused(InvalidValueError, "as_of", alerts, as_of=today, within_days=within)


# -- tiers ------------------------------------------------------------------------------


def test_a_gold_deadline_beyond_the_calendar_is_refused():
    refused(
        InvalidValueError,
        "joined",
        tiers.gold_deadline,
        date(9999, 1, 1),
        as_of=date(9999, 1, 2),
        rules_for=lambda _: CURRENT,
    )


@pytest.mark.parametrize("activities", [-1, MAX_COUNT + 1, 10**5000], ids=label)
def test_the_activities_an_evaluation_counts_are_a_bounded_count(activities):
    gold = tiers.Thresholds([tiers.TierRequirement("gold", 10, 0, qualifying_activities=5)])
    for judge in (tiers.evaluate, tiers.progress):
        refused(
            InvalidValueError,
            "activities",
            judge,
            ledger.PointsHeld(10),
            thresholds=gold,
            certified=True,
            rules=CURRENT,
            activities=activities,
        )


def test_thresholds_are_bounded():
    refused(
        InvalidValueError,
        "activity_period_days",
        tiers.Thresholds,
        [tiers.TierRequirement("gold", 1, 0)],
        activity_period_days=10**9,
    )
    refused(InvalidValueError, "certifications", tiers.EliteStatus, certifications=10**20)
    refused(
        InvalidAmountError,
        "customer_retention",
        tiers.EliteStatus,
        customer_retention=TINY_NUMBERS[0],
    )


def _record(month, sourced=0):
    return tiers.MonthRecord(month, ledger.PointsHeld(sourced), True)


def test_a_history_at_the_calendar_end_is_re_evaluated():
    gold = tiers.Thresholds([tiers.TierRequirement("gold", 10, 0)])
    decisions = tiers.reevaluate(
        [_record(date(9999, 11, 1), 10), _record(date(9999, 12, 1), 10)],
        thresholds=gold,
        rules_for=lambda _: CURRENT,
    )
    assert [d.credited for d in decisions] == [tiers.Tier.GOLD, tiers.Tier.GOLD]


def test_a_window_before_the_calendar_is_refused_by_the_history():
    gold = tiers.Thresholds([tiers.TierRequirement("gold", 10, 0)])
    refused(
        InvalidValueError,
        "history",
        tiers.reevaluate,
        [_record(date(1, 1, 1))],
        thresholds=gold,
        rules_for=lambda _: CURRENT,
        credited="gold",
        partial_windows=True,
    )


# -- files ------------------------------------------------------------------------------


def problems_of(tmp_path, error, read, text, **options):
    """Read ``text`` from a file with ``read``, expecting ``error`` quickly, with a
    short message; return its problems."""
    path = tmp_path / "hostile.csv"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        read(path, **options)
    assert time.perf_counter() - start < QUICK
    assert len(str(caught.value)) < 2_000
    return caught.value.problems


def test_hostile_points_in_a_ledger_are_refused_by_line(tmp_path):
    problems = problems_of(
        tmp_path,
        LedgerFileError,
        ledger.read_ledger,
        "date,client,track,points\n2025-01-01,c1,sourced,1e999999999\n"
        f"2025-01-02,c1,sourced,{'9' * 5000}\n",
    )
    assert [p.line for p in problems] == [2, 3]
    assert all("points" in p.message for p in problems)


def test_hostile_numbers_in_a_tier_history_are_refused_by_line(tmp_path):
    problems = problems_of(
        tmp_path,
        LedgerFileError,
        tiers.read_history,
        "month,sourced,assisted,managed,certified,activities\n"
        f"2025-01,1,0,0,yes,{'9' * 5000}\n2025-02,1e-999999999,0,0,yes,\n",
    )
    assert [p.line for p in problems] == [2, 3]
    assert "activities" in problems[0].message
    assert "sourced" in problems[1].message


def test_hostile_answers_and_weights_are_refused_by_line(tmp_path):
    problems = problems_of(
        tmp_path,
        ResponsesFileError,
        responses.read_responses,
        f"at,score,weight\n2025-01-01,{'9' * 5000},1\n2025-01-02,9,1e999999999\n",
        weight_column="weight",
    )
    assert [p.line for p in problems] == [2, 3]


def test_a_hostile_mrr_in_a_portfolio_is_refused_by_line(tmp_path):
    problems = problems_of(
        tmp_path,
        PortfolioFileError,
        clients.read_portfolio,
        "client,company,relationship,hub,edition,mrr,currency\n"
        "c1,Acme,sold,marketing,professional,1e999999999,USD\n",
    )
    assert [p.line for p in problems] == [2]
    assert "mrr" in problems[0].message
