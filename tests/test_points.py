"""Points from MRR: DOMAIN.md §2 worked examples and the laws of the calculator."""

import decimal
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hubpartner import Money, Rounding, RoundingPolicy, Track, points, rules
from hubpartner.decimals import exact_context
from hubpartner.errors import (
    AmountTypeError,
    HubPartnerError,
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
    MissingRateError,
    UnknownMarketError,
)

from . import strategies
from .expansions import expansion
from .refusals import refused
from .strategies import (
    EXACT_CURRENCIES,
    GROWTH,
    NOT_AMOUNTS,
    NOT_GROWTH,
    amounts,
    markets,
    money,
    published_rules,
    rounding_policies,
    sold_tracks,
    tracks,
)

R2022, R2024, R2025 = rules.published()
USD_1000 = Money("1000", "USD")


def points_of(amount, *, track, market, rule_set):
    if track is Track.MANAGED:
        return points.managed_points(amount, market=market, rules=rule_set)
    return points.sold_points(amount, track=track, market=market, rules=rule_set)


# -- worked examples --------------------------------------------------------------------


@pytest.mark.parametrize("rule_set", [R2022, R2024, R2025])
def test_servicing_a_usd_1000_client_earns_10_managed_points(rule_set):
    # DOMAIN.md §2 [seed 004]: USD 1,000 a month managed -> 10 managed points
    assert points.managed_points(USD_1000, market="US", rules=rule_set) == 10


def test_2021_sale_earned_3_per_100():
    # DOMAIN.md §2 [public, 2024 page]: Oct 2021, Marketing Hub Pro, USD 1,000 -> 30
    assert points.sold_points(USD_1000, track=Track.SOURCED, market="US", rules=R2022) == 30


# DOMAIN.md §2 [public, 2024 page]: net-new and cross-sold product lines sold on or
# after 2024-02-27 (and later upsells of them) earn 5; upsells on a product line
# first sold before that date keep the old rate of 3.
@pytest.mark.parametrize(
    ("sold_on", "first_sold", "expected"),
    [
        (date(2024, 3, 15), date(2024, 3, 15), 50),  # Mar 2024 cross-sell of Sales Hub Pro
        (date(2024, 3, 15), date(2021, 10, 1), 30),  # upsell of a line first sold Oct 2021
        (date(2024, 3, 15), date(2024, 2, 26), 30),  # first sold the day before the cut-off
        (date(2024, 3, 15), date(2024, 2, 27), 50),  # first sold on the cut-off
        (date(2025, 9, 1), date(2024, 3, 15), 50),  # later upsell of a line sold after it
        (date(2025, 9, 1), date(2023, 6, 1), 30),  # the rule still holds in 2025
    ],
)
def test_upsells_keep_the_rate_of_their_product_line(sold_on, first_sold, expected):
    result = points.sold_points(
        USD_1000,
        track=Track.SOURCED,
        market="US",
        rules=rules.for_date(sold_on),
        product_line_first_sold=first_sold,
    )
    assert result == expected


def test_assisted_earns_3_per_100_in_every_set():
    for rule_set in (R2022, R2024, R2025):
        assert (
            points.sold_points(USD_1000, track=Track.ASSISTED, market="US", rules=rule_set) == 30
        )


@pytest.mark.parametrize(
    ("amount", "rule_set", "sourced"),
    [
        # the local amount treated as USD 100 earns the USD 100 points
        (Money("75", "EUR"), R2024, 5),
        (Money("88", "EUR"), R2025, 5),
        (Money("12000", "JPY"), R2024, 5),
        (Money("14400", "JPY"), R2025, 5),
        (Money("300300", "COP"), R2024, 5),
        (Money("408000", "COP"), R2025, 5),
        (Money("1000", "EUR"), R2024, Decimal("66.66666666666666666666666666666666666667")),
        (Money("1000", "EUR"), R2025, Decimal("56.81818181818181818181818181818181818182")),
        (Money("1000000", "JPY"), R2025, Decimal("347.2222222222222222222222222222222222222")),
        (Money("62.50", "GBP"), R2024, 5),
    ],
)
def test_currency_tables_before_and_from_2025_07_15(amount, rule_set, sourced):
    assert points.sold_points(amount, track=Track.SOURCED, market="DE", rules=rule_set) == sourced


def test_colombian_pesos_in_colombia_are_doubled():
    # COP under both tables; Colombia is in Latin America, a growth market
    cop = Money("408000", "COP")
    assert points.sold_points(cop, track=Track.SOURCED, market="CO", rules=R2025) == 10
    assert (
        points.sold_points(Money("300300", "COP"), track=Track.ASSISTED, market="CO", rules=R2024)
        == 6
    )
    assert points.managed_points(cop, market="CO", rules=R2025) == 2


@pytest.mark.parametrize("market", ["IN", "BR", "MX", "SG", "VN", "PH"])
def test_growth_markets_double_every_track(market):
    # DOMAIN.md §2: 5 -> 10, 3 -> 6, 1 -> 2
    assert points.sold_points(USD_1000, track=Track.SOURCED, market=market, rules=R2025) == 100
    assert points.sold_points(USD_1000, track=Track.ASSISTED, market=market, rules=R2025) == 60
    assert points.managed_points(USD_1000, market=market, rules=R2025) == 20


def test_the_multiplier_follows_the_client_not_the_currency():
    sgd = Money("129", "SGD")
    assert points.sold_points(sgd, track=Track.SOURCED, market="SG", rules=R2025) == 10
    assert points.sold_points(sgd, track=Track.SOURCED, market="US", rules=R2025) == 5


def test_managed_credit_split_between_two_and_three_partners():
    # DOMAIN.md §2 [seed 004]: divided equally among the partners servicing the client
    assert points.managed_points(USD_1000, market="US", rules=R2025, partners=2) == 5
    third = points.managed_points(USD_1000, market="US", rules=R2025, partners=3)
    assert third == Decimal("3.333333333333333333333333333333333333333")
    assert points.managed_shares(USD_1000, market="US", rules=R2025, partners=3) == (
        Decimal("3.34"),
        Decimal("3.33"),
        Decimal("3.33"),
    )
    assert points.managed_shares(USD_1000, market="US", rules=R2025, partners=2) == (
        Decimal("5.00"),
        Decimal("5.00"),
    )


def eur_1000_shared_with_one_other_partner():
    """The calculator's answer for EUR 1000 of MRR in Germany (2025 rules), sourced, also
    managed by you and one other partner."""
    return points.estimate(
        Money("1000", "EUR"),
        market="DE",
        track=Track.SOURCED,
        manage=True,
        other_partners=1,
        rules=R2025,
    )


def test_estimate_is_the_dashboard_calculator():
    result = eur_1000_shared_with_one_other_partner()
    assert result.partners == 2
    assert points.present(result.sold, rules=R2025) == Decimal("56.82")
    assert points.present(result.managed, rules=R2025) == Decimal("5.68")
    assert points.present(result.total, rules=R2025) == Decimal("62.50")


def test_estimate_without_managing_has_no_managed_points():
    result = points.estimate(
        USD_1000, market="IN", track=Track.ASSISTED, manage=False, rules=R2025
    )
    assert (result.sold, result.managed, result.total, result.partners) == (60, 0, 60, 0)


def test_estimate_refuses_other_partners_without_managing():
    with pytest.raises(InvalidValueError, match="other_partners"):
        points.estimate(
            USD_1000,
            market="US",
            track=Track.SOURCED,
            manage=False,
            other_partners=1,
            rules=R2025,
        )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"manage": 1}, InvalidTypeError),
        ({"manage": True, "other_partners": -1}, InvalidValueError),
        ({"manage": True, "other_partners": True}, InvalidTypeError),
        ({"manage": True, "track": Track.MANAGED}, InvalidValueError),
        ({"manage": True, "track": "sourced"}, InvalidTypeError),
    ],
)
def test_estimate_refuses_bad_arguments(kwargs, error):
    arguments = {"market": "US", "track": Track.SOURCED, "rules": R2025, **kwargs}
    with pytest.raises(error):
        points.estimate(USD_1000, **arguments)


def test_currency_tab_both_directions():
    eur = Money("880", "EUR")
    assert points.money_to_points(eur, track=Track.SOURCED, market="DE", rules=R2025) == 50
    assert points.money_to_points(eur, track=Track.MANAGED, market="DE", rules=R2025) == 10
    assert (
        points.points_to_money(50, currency="EUR", track=Track.SOURCED, market="DE", rules=R2025)
        == eur
    )
    assert (
        points.points_to_money("20", currency="EUR", track=Track.MANAGED, market="IN", rules=R2025)
        == eur
    )
    assert (
        points.points_to_money(
            Decimal("30"), currency="USD", track=Track.ASSISTED, market="US", rules=R2022
        )
        == USD_1000
    )


def test_points_to_money_refuses_a_track_that_earns_nothing():
    no_managed = R2025.with_currency("USD", 100)
    import attrs

    no_managed = attrs.evolve(no_managed, points_per_usd_100=rules.PointRates(5, 3, 0))
    with pytest.raises(InvalidValueError, match="earns points"):
        points.points_to_money(
            1, currency="USD", track=Track.MANAGED, market="US", rules=no_managed
        )


def test_unlisted_currency_is_an_error_that_says_how_to_add_it():
    sek = Money("1000", "SEK")
    with pytest.raises(MissingRateError, match="with_currency"):
        points.sold_points(sek, track=Track.SOURCED, market="SE", rules=R2025)
    with_sek = R2025.with_currency("SEK", "1100")
    assert points.sold_points(sek, track=Track.SOURCED, market="SE", rules=with_sek) == Decimal(
        "4.545454545454545454545454545454545454545"
    )


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (
            lambda: points.sold_points(1000, track=Track.SOURCED, market="US", rules=R2025),
            InvalidTypeError,
        ),
        (
            lambda: points.sold_points(
                Money(-1, "USD"), track=Track.SOURCED, market="US", rules=R2025
            ),
            InvalidAmountError,
        ),
        (
            lambda: points.sold_points(USD_1000, track=Track.MANAGED, market="US", rules=R2025),
            InvalidValueError,
        ),
        (
            lambda: points.sold_points(USD_1000, track=Track.SOURCED, market="USA", rules=R2025),
            UnknownMarketError,
        ),
        (
            lambda: points.sold_points(USD_1000, track=Track.SOURCED, market="US", rules=None),
            InvalidTypeError,
        ),
        (
            lambda: points.managed_points(USD_1000, market="US", rules=R2025, partners=0),
            InvalidValueError,
        ),
        (
            lambda: points.managed_points(USD_1000, market="US", rules=R2025, partners=2.0),
            InvalidTypeError,
        ),
        (
            lambda: points.points_to_money(
                -1, currency="USD", track=Track.SOURCED, market="US", rules=R2025
            ),
            InvalidAmountError,
        ),
        (lambda: points.allocate(Decimal(-1), 2, rounding=R2025.rounding), InvalidAmountError),
        (lambda: points.allocate(Decimal(1), 0, rounding=R2025.rounding), InvalidValueError),
    ],
)
def test_bad_input_is_refused_with_a_specific_error(call, error):
    with pytest.raises(error):
        call()


@given(NOT_AMOUNTS)
def test_floats_bools_and_nan_are_refused_wherever_an_amount_enters(value):
    refusals = (AmountTypeError, InvalidAmountError)
    with pytest.raises(refusals):
        Money(value, "USD")
    with pytest.raises(refusals):
        points.points_to_money(
            value, currency="USD", track=Track.SOURCED, market="US", rules=R2025
        )
    with pytest.raises(refusals):
        points.allocate(value, 2, rounding=R2025.rounding)
    with pytest.raises(refusals):
        points.present(value, rules=R2025)
    with pytest.raises(refusals):
        R2025.with_currency("SEK", value)


# -- laws -------------------------------------------------------------------------------


@given(published_rules(), tracks(), markets(), amounts(), amounts())
def test_points_are_additive_exactly_for_usd(rule_set, track, market, a, b):
    exact = exact_context()
    left = exact.add(
        points_of(Money(a, "USD"), track=track, market=market, rule_set=rule_set),
        points_of(Money(b, "USD"), track=track, market=market, rule_set=rule_set),
    )
    both = points_of(Money(exact.add(a, b), "USD"), track=track, market=market, rule_set=rule_set)
    assert left == both


@given(
    published_rules(),
    tracks(),
    markets(),
    st.sampled_from(sorted(R2025.currencies)),
    amounts(),
    amounts(),
)
def test_points_are_additive_within_1e_9_for_any_currency(rule_set, track, market, code, a, b):
    exact = exact_context()
    left = exact.add(
        points_of(Money(a, code), track=track, market=market, rule_set=rule_set),
        points_of(Money(b, code), track=track, market=market, rule_set=rule_set),
    )
    both = points_of(Money(exact.add(a, b), code), track=track, market=market, rule_set=rule_set)
    assert abs(exact.subtract(left, both)) <= Decimal("1e-9")


@given(published_rules(), tracks(), markets(), money(), amounts())
def test_more_mrr_never_earns_fewer_points(rule_set, track, market, amount, extra):
    more = amount + Money(extra, amount.currency)
    assert points_of(amount, track=track, market=market, rule_set=rule_set) <= points_of(
        more, track=track, market=market, rule_set=rule_set
    )


@given(published_rules(), tracks(), st.sampled_from(GROWTH), st.sampled_from(NOT_GROWTH), money())
def test_growth_market_points_are_exactly_double(rule_set, track, growth, other, amount):
    doubled = points_of(amount, track=track, market=growth, rule_set=rule_set)
    plain = points_of(amount, track=track, market=other, rule_set=rule_set)
    exact = exact_context()
    twice = exact.multiply(plain, Decimal(2))
    usd_100 = rule_set.usd_100_in(amount.currency)
    if is_exact(plain, exact.multiply(amount.amount, rule_set.rate(track)), usd_100):
        assert doubled == twice
    else:  # both are the exact points rounded once to 40 digits
        assert abs(exact.subtract(doubled, twice)) <= doubled.scaleb(-39)


@given(published_rules(), markets(), money(currencies=EXACT_CURRENCIES), st.integers(1, 12))
def test_managed_shares_are_equal_and_add_up_for_usd(rule_set, market, amount, partners):
    share = points.managed_points(amount, market=market, rules=rule_set, partners=partners)
    whole = points.managed_points(amount, market=market, rules=rule_set)
    total = exact_context().multiply(share, Decimal(partners))
    # USD 100 divides exactly; a share is exact unless it does not terminate
    assert abs(total - whole) <= Decimal("1e-30") * max(whole, Decimal(1))


@given(published_rules(), markets(), money(), st.integers(1, 12))
def test_each_partner_gets_an_equal_share_of_managed_points(rule_set, market, amount, partners):
    share = points.managed_points(amount, market=market, rules=rule_set, partners=partners)
    whole = points.managed_points(amount, market=market, rules=rule_set)
    total = exact_context().multiply(share, Decimal(partners))
    assert abs(total - whole) <= Decimal("1e-30") * max(whole, Decimal(1))


@given(amounts(max_value=10**6, places=6), st.integers(1, 50), rounding_policies())
def test_allocation_sums_to_the_presented_whole_and_shares_differ_by_one_unit(
    value, partners, policy
):
    shares = points.allocate(value, partners, rounding=policy)
    assert len(shares) == partners
    assert sum(shares, Decimal(0)) == policy.apply(value)
    assert max(shares) - min(shares) <= policy.unit
    for share in shares:
        assert share == policy.apply(share)
    assert list(shares) == sorted(shares, reverse=True)


@given(published_rules(), markets(), money(), st.integers(1, 12))
def test_managed_shares_sum_to_the_presented_whole(rule_set, market, amount, partners):
    shares = points.managed_shares(amount, market=market, rules=rule_set, partners=partners)
    whole = points.managed_points(amount, market=market, rules=rule_set)
    assert sum(shares, Decimal(0)) == points.present(whole, rules=rule_set)


@given(published_rules(), tracks(), markets(), money())
def test_currency_round_trip_returns_the_input_at_minor_unit_precision(
    rule_set, track, market, amount
):
    assume(rule_set.rate(track) > 0)
    value = points.money_to_points(amount, track=track, market=market, rules=rule_set)
    back = points.points_to_money(
        value, currency=amount.currency, track=track, market=market, rules=rule_set
    )
    assert back.currency == amount.currency
    # The two directions agree: the amount comes back to 40 significant digits, so it
    # is shown as the input is, unless the input lies exactly half-way between two
    # minor units (COP 76.50 shown in whole pesos), where the last digit decides.
    assert abs(back.amount - amount.amount) <= abs(amount.amount) * Decimal("1e-38")
    halves = amount.amount.scaleb(amount.minor_units) * 2
    if not (halves == halves.to_integral_value() and halves % 2 == 1):
        assert back.quantized() == amount.quantized()


@given(
    published_rules(),
    tracks(),
    markets(),
    st.sampled_from(sorted(R2025.currencies)),
    amounts(max_value=10**6, places=2),
)
def test_points_round_trip_returns_the_input_at_presentation_precision(
    rule_set, track, market, code, value
):
    money_value = points.points_to_money(
        value, currency=code, track=track, market=market, rules=rule_set
    )
    again = points.money_to_points(money_value, track=track, market=market, rules=rule_set)
    assert points.present(again, rules=rule_set) == points.present(value, rules=rule_set)


@given(published_rules(), sold_tracks(), markets(), money(), st.booleans(), st.integers(0, 5))
def test_estimate_agrees_with_the_parts(rule_set, track, market, amount, manage, others):
    others = others if manage else 0
    result = points.estimate(
        amount, market=market, track=track, manage=manage, other_partners=others, rules=rule_set
    )
    assert result.sold == points.sold_points(amount, track=track, market=market, rules=rule_set)
    expected_managed = (
        points.managed_points(amount, market=market, rules=rule_set, partners=others + 1)
        if manage
        else 0
    )
    assert result.managed == expected_managed


@given(published_rules(), tracks(), markets(), money())
def test_results_do_not_depend_on_the_global_decimal_context(rule_set, track, market, amount):
    expected = points_of(amount, track=track, market=market, rule_set=rule_set)
    shares = points.managed_shares(amount, market=market, rules=rule_set, partners=3)

    def estimate():
        return points.estimate(
            amount,
            market=market,
            track=Track.SOURCED,
            manage=True,
            other_partners=2,
            rules=rule_set,
        )

    def back():
        return points.points_to_money(
            expected,
            currency=amount.currency,
            track=Track.SOURCED,
            market=market,
            rules=rule_set,
        )

    whole, money_back = estimate(), back()
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        assert points_of(amount, track=track, market=market, rule_set=rule_set) == expected
        assert points.managed_shares(amount, market=market, rules=rule_set, partners=3) == shares
        assert estimate() == whole
        assert back() == money_back


def test_allocation_example_with_whole_points():
    whole_points = RoundingPolicy(0, Rounding.HALF_UP)
    assert points.allocate(Decimal(10), 3, rounding=whole_points) == (4, 3, 3)
    assert points.allocate(Decimal("0.4"), 2, rounding=whole_points) == (0, 0)


# -- one conversion at the end: exact fractions, never sums of rounded quotients ------


def is_exact(value, numerator, denominator):
    """Whether the decimal ``value`` is exactly ``numerator / denominator``, checked by
    multiplying back (no division)."""
    exact = exact_context()
    return exact.multiply(value, denominator) == numerator


def test_an_estimate_whose_total_is_exactly_62_5_says_so():
    # EUR 1000 at EUR 88 per USD 100: sold 5 x 1000/88, managed 1 x 1000/88 / 2, and
    # the total 5.5 x 1000/88 = 62.5 exactly, although neither part terminates
    result = eur_1000_shared_with_one_other_partner()
    assert result.total == Decimal("62.5")
    assert str(result.total) == "62.5"
    assert result.sold == Decimal("56.81818181818181818181818181818181818182")
    assert result.managed == Decimal("5.681818181818181818181818181818181818182")


def test_growth_market_points_are_one_conversion_of_the_exact_double():
    # 1000/75 x 5 = 66.66..., doubled in India: the exact 133.33... rounded once
    doubled = points.sold_points(
        Money("1000", "EUR"), track=Track.SOURCED, market="IN", rules=R2024
    )
    assert doubled == Decimal("133.3333333333333333333333333333333333333")


def test_managed_shares_allocate_the_exact_whole():
    # Just below 0.005 points, the exact whole is shown as 0.00; rounding it to 40
    # digits first would reach the half-way point 0.005 and show 0.01. (An amount you
    # give has at most 10 places, so its managed points are never that close to a
    # half-way point; an exact whole is.)
    just_below = Fraction(1, 200) - Fraction(1, 10**45)
    assert points.allocate(just_below, 2, rounding=R2025.rounding) == (
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert points.allocate(Fraction(1, 200), 1, rounding=R2025.rounding) == (Decimal("0.01"),)
    with_sek = R2025.with_currency("SEK", 300)
    amount = Money("1.4999999999", "SEK")  # 0.0049999999996666... managed points
    shares = points.managed_shares(amount, market="US", rules=with_sek, partners=2)
    assert shares == (Decimal("0.00"), Decimal("0.00"))


def test_points_estimate_values_are_checked():
    assert points.PointsEstimate(Decimal(5), Decimal(1), 1).total == 6
    with pytest.raises(InvalidAmountError):
        points.PointsEstimate(Decimal(-5), Decimal(1), 1)
    with pytest.raises(InvalidTypeError):
        points.PointsEstimate(Decimal(5), Decimal(1), True)
    with pytest.raises(InvalidValueError, match="total"):
        points.PointsEstimate(Decimal(5), Decimal(1), 1, total=Decimal(7))


@given(published_rules(), sold_tracks(), markets(), money(), st.integers(0, 5))
def test_an_estimate_total_is_the_sum_exactly_when_both_parts_are_exact(
    rule_set, track, market, amount, others
):
    result = points.estimate(
        amount, market=market, track=track, manage=True, other_partners=others, rules=rule_set
    )
    exact = exact_context()
    usd_100 = rule_set.usd_100_in(amount.currency)
    multiplier = rule_set.market_multiplier(market)
    earned = exact.multiply(amount.amount, multiplier)
    sold_exact = is_exact(result.sold, exact.multiply(earned, rule_set.rate(track)), usd_100)
    managed_exact = is_exact(
        result.managed,
        exact.multiply(earned, rule_set.rate(Track.MANAGED)),
        exact.multiply(usd_100, Decimal(others + 1)),
    )
    if sold_exact and managed_exact:
        assert result.total == exact.add(result.sold, result.managed)
    # whatever the parts, the total is within the rounding of the parts
    difference = abs(exact.subtract(result.total, exact.add(result.sold, result.managed)))
    assert difference <= exact.add(result.sold, result.managed).scaleb(-38)


@given(
    published_rules(),
    tracks(),
    markets(),
    st.sampled_from(sorted(R2025.currencies)),
    amounts(max_value=10**6, places=4),
)
def test_money_to_points_undoes_points_to_money(rule_set, track, market, code, value):
    assume(rule_set.rate(track) > 0)
    amount = points.points_to_money(
        value, currency=code, track=track, market=market, rules=rule_set
    )
    back = points.money_to_points(amount, track=track, market=market, rules=rule_set)
    exact = exact_context()
    per_usd_100 = exact.multiply(rule_set.rate(track), rule_set.market_multiplier(market))
    if is_exact(
        amount.amount, exact.multiply(value, rule_set.usd_100_in(code)), per_usd_100
    ):  # the amount is exact, so the way back is too
        assert back == value
    assert abs(exact.subtract(back, value)) <= max(value, Decimal(1)).scaleb(-38)


# -- what mutation testing asked for (docs/testing.md) ----------------------------------


def test_an_estimate_total_may_differ_from_the_sum_only_within_forty_digits():
    exact = exact_context()
    # a total may differ from sold + managed by at most (sold + managed) x 10^(2 - 40)
    furthest = exact.add(Decimal(55), Decimal("55E-38"))
    near = points.PointsEstimate(sold=50, managed=5, partners=2, total=furthest)
    assert near.total == furthest
    too_far = exact.add(furthest, Decimal("1E-38"))
    expected = "sold + managed (55) to 40 significant digits"
    with refused(InvalidValueError, "total", too_far, expected):
        points.PointsEstimate(sold=50, managed=5, partners=2, total=too_far)


@pytest.mark.parametrize(
    ("kwargs", "error", "field", "value", "expected"),
    [
        ({"manage": 1}, InvalidTypeError, "manage", 1, "True or False"),
        ({"other_partners": -1}, InvalidValueError, "other_partners", -1, "an int of at least 0"),
        (
            {"manage": False, "other_partners": 1},
            InvalidValueError,
            "other_partners",
            1,
            "0 when manage=False: other partners share only the managed points",
        ),
    ],
)
def test_a_refused_estimate_argument_is_named(kwargs, error, field, value, expected):
    arguments = {"market": "US", "track": Track.SOURCED, "manage": True, "rules": R2025, **kwargs}
    with refused(error, field, value, expected):
        points.estimate(USD_1000, **arguments)


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "expected"),
    [
        (
            lambda: points.money_to_points(1000, track=Track.SOURCED, market="US", rules=R2025),
            InvalidTypeError,
            "amount",
            1000,
            "a Money, such as Money('1000', 'USD')",
        ),
        (
            lambda: points.money_to_points(
                Money(-1, "USD"), track=Track.SOURCED, market="US", rules=R2025
            ),
            InvalidAmountError,
            "amount",
            Money(-1, "USD"),
            "an amount of 0 or more",
        ),
        (
            lambda: points.allocate("ten", 2, rounding=R2025.rounding),
            InvalidAmountError,
            "points",
            "ten",
            "a number written with digits, such as '1000' or '62.50'",
        ),
        (
            lambda: points.allocate(Decimal(-1), 2, rounding=R2025.rounding),
            InvalidAmountError,
            "points",
            Decimal(-1),
            "a number of points of 0 or more",
        ),
        (
            lambda: points.allocate(Fraction(-1, 3), 2, rounding=R2025.rounding),
            InvalidAmountError,
            "points",
            Fraction(-1, 3),
            "a number of points of 0 or more",
        ),
        (
            lambda: points.allocate(Decimal(10), 0, rounding=R2025.rounding),
            InvalidValueError,
            "partners",
            0,
            "an int of at least 1",
        ),
        (
            lambda: points.present("ten", rules=R2025),
            InvalidAmountError,
            "value",
            "ten",
            "a number written with digits, such as '1000' or '62.50'",
        ),
        (
            lambda: R2025.with_currency("SEK", 0),
            InvalidAmountError,
            "usd_100",
            0,
            "an amount greater than 0, from 1E-10 to below 1E+15",
        ),
    ],
)
def test_a_refused_points_argument_is_named(call, error, field, value, expected):
    with refused(error, field, value, expected):
        call()


def sold(mrr=USD_1000, **kwargs):
    return points.sold_points(
        mrr, **{"track": Track.SOURCED, "market": "US", "rules": R2025, **kwargs}
    )


def to_money(value, **kwargs):
    arguments = {"currency": "USD", "track": Track.SOURCED, "market": "US", "rules": R2025}
    return points.points_to_money(value, **{**arguments, **kwargs})


NO_MANAGED_POINTS = attrs.evolve(R2025, points_per_usd_100=rules.PointRates(5, 3, 0))


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "expected"),
    [
        (
            lambda: sold(1000),
            InvalidTypeError,
            "mrr",
            1000,
            "a Money, such as Money('1000', 'USD')",
        ),
        (
            lambda: sold(Money(-1, "USD")),
            InvalidAmountError,
            "mrr",
            Money(-1, "USD"),
            "an amount of 0 or more",
        ),
        (
            lambda: points.managed_points(1000, market="US", rules=R2025),
            InvalidTypeError,
            "mrr",
            1000,
            "a Money, such as Money('1000', 'USD')",
        ),
        (
            lambda: points.managed_points(Money(-1, "USD"), market="US", rules=R2025),
            InvalidAmountError,
            "mrr",
            Money(-1, "USD"),
            "an amount of 0 or more",
        ),
        (
            lambda: sold(rules="2025-08-01"),
            InvalidTypeError,
            "rules",
            "2025-08-01",
            "a ProgramRules, such as rules.for_date(date(2025, 8, 1))",
        ),
        (
            lambda: sold(track="sourced"),
            InvalidTypeError,
            "track",
            "sourced",
            "a Track, such as Track.SOURCED",
        ),
        (
            lambda: sold(track=Track.MANAGED),
            InvalidValueError,
            "track",
            Track.MANAGED,
            "a sold track, Track.SOURCED or Track.ASSISTED",
        ),
        (lambda: to_money("ten"), InvalidAmountError, "points", "ten", None),
        (
            lambda: to_money(-1),
            InvalidAmountError,
            "points",
            -1,
            "a number of points of 0 or more",
        ),
        (lambda: to_money(1, track="managed"), InvalidTypeError, "track", "managed", None),
        (
            lambda: to_money(1, track=Track.MANAGED, rules=NO_MANAGED_POINTS),
            InvalidValueError,
            "track",
            Track.MANAGED,
            "a track that earns points under the rules of 2025-07-15",
        ),
    ],
)
def test_a_refused_mrr_rule_set_track_or_number_of_points_is_named(
    call, error, field, value, expected
):
    with refused(error, field, value, expected):
        call()


def test_allocation_names_a_rounding_that_is_no_policy():
    with refused(
        InvalidTypeError, "rounding", "half-up", "a RoundingPolicy, such as rules.rounding"
    ):
        points.allocate(Decimal(10), 3, rounding="half-up")


def test_allocation_names_points_that_are_no_number():
    with refused(InvalidAmountError, "points", "ten"):
        points.allocate("ten", 3, rounding=R2025.rounding)


def test_an_estimate_names_an_amount_that_is_no_money():
    expected = "a Money, such as Money('1000', 'USD')"
    with refused(InvalidTypeError, "amount", 1000, expected):
        points.estimate(1000, market="US", track=Track.SOURCED, manage=False, rules=R2025)


# -- said in every language -------------------------------------------------------------


def test_a_refusal_of_points_is_said_in_swedish_and_italian():
    import attrs

    from hubpartner.present import Presenter

    nothing = attrs.evolve(R2025, points_per_usd_100=rules.PointRates(5, 3, 0))
    with pytest.raises(InvalidValueError) as caught:
        points.points_to_money(1, currency="USD", track=Track.MANAGED, market="US", rules=nothing)
    english = "a track that earns points under the rules of 2025-07-15"
    assert caught.value.expected == english
    swedish = Presenter.for_locale("sv").text(caught.value.expected)
    assert swedish == "ett spår som ger poäng enligt reglerna från 15 juli 2025"
    italian = Presenter.for_locale("it").text(caught.value.expected)
    assert italian == "un percorso che fa guadagnare punti secondo le regole del 15 luglio 2025"
    with pytest.raises(InvalidValueError) as sharing:
        points.estimate(
            USD_1000, market="US", track=Track.SOURCED, manage=False, other_partners=1, rules=R2025
        )
    assert "partner" in sharing.value.say("sv")
    assert "hanterade poäng" in sharing.value.say("sv")
    assert "punti gestiti" in sharing.value.say("it")
    with pytest.raises(InvalidTypeError) as money:
        points.sold_points(1000, track=Track.SOURCED, market="US", rules=R2025)
    assert (
        "förväntade en Money (ett belopp), till exempel Money('1000', 'USD')"
        in money.value.say("sv")
    )


# -- the fast path: the same numbers and the same refusals as the rule, written here ----


def _reference_points(amount, *, rate, market, rule_set, partners=1):
    """DOMAIN.md §2: amount x rate x growth multiplier / (USD 100 amount x partners)."""
    growing = market.strip().upper() in rule_set.growth_markets
    multiplier = Fraction(rule_set.growth_multiplier) if growing else 1
    usd_100 = Fraction(rule_set.currencies[amount.currency])
    return Fraction(amount.amount) * Fraction(rate) * multiplier / (usd_100 * partners)


def _reference_rate(rule_set, track, first_sold):
    legacy = rule_set.legacy_sold_rate
    if first_sold is not None and legacy is not None and first_sold < legacy.first_sold_before:
        return legacy.points_per_usd_100
    return getattr(rule_set.points_per_usd_100, track.value)


def _same(result, expected):
    assert result == expected
    assert str(result) == str(expected)  # the same digits and exponent, not only the value


@st.composite
def priced(draw, rule_sets=None):
    """A rule set (published or arbitrary, with a fresh cache) and Money in a currency
    it lists, of up to 10 places, from 0 to below 10^15."""
    rule_set = attrs.evolve(draw(rule_sets or (published_rules() | strategies.rule_sets())))
    currency = draw(st.sampled_from(sorted(rule_set.currencies)))
    places = draw(st.integers(0, 10))
    units = draw(st.integers(0, 10**15 * 10**places - 1))
    return rule_set, Money(Decimal(units).scaleb(-places), currency)


#: Markets as users write them: codes of growth markets and others, in any case.
WRITTEN_MARKETS = st.sampled_from(GROWTH + NOT_GROWTH).flatmap(
    lambda code: st.sampled_from([code, code.lower(), f" {code} "])
)


@given(priced(), sold_tracks(), WRITTEN_MARKETS, st.none() | strategies.dates())
def test_sold_points_are_the_rule_of_domain_md_written_here(priced, track, market, first_sold):
    rule_set, amount = priced
    rate = _reference_rate(rule_set, track, first_sold)
    expected = expansion(_reference_points(amount, rate=rate, market=market, rule_set=rule_set))
    for _ in ("a rule set that has not seen the market", "one that has"):
        result = points.sold_points(
            amount,
            track=track,
            market=market,
            rules=rule_set,
            product_line_first_sold=first_sold,
        )
        _same(result, expected)


@given(priced(), tracks(), WRITTEN_MARKETS, st.integers(1, 12))
def test_managed_and_currency_tab_points_are_the_rule_written_here(
    priced, track, market, partners
):
    rule_set, amount = priced
    managed = rule_set.points_per_usd_100.managed
    rate = getattr(rule_set.points_per_usd_100, track.value)
    for _ in ("cold", "warm"):
        _same(
            points.managed_points(amount, market=market, rules=rule_set, partners=partners),
            expansion(
                _reference_points(
                    amount, rate=managed, market=market, rule_set=rule_set, partners=partners
                )
            ),
        )
        _same(
            points.money_to_points(amount, track=track, market=market, rules=rule_set),
            expansion(_reference_points(amount, rate=rate, market=market, rule_set=rule_set)),
        )


@given(priced(), sold_tracks(), WRITTEN_MARKETS, st.booleans(), st.integers(0, 12))
def test_an_estimate_is_the_rule_written_here(priced, track, market, manage, others):
    rule_set, amount = priced
    others = others if manage else 0
    rate = getattr(rule_set.points_per_usd_100, track.value)
    sold = _reference_points(amount, rate=rate, market=market, rule_set=rule_set)
    managed = (
        _reference_points(
            amount,
            rate=rule_set.points_per_usd_100.managed,
            market=market,
            rule_set=rule_set,
            partners=others + 1,
        )
        if manage
        else Fraction(0)
    )
    expected = [expansion(value) for value in (sold, managed, sold + managed)]
    for _ in ("cold", "warm"):

        def estimate():
            return points.estimate(
                amount,
                market=market,
                track=track,
                manage=manage,
                other_partners=others,
                rules=rule_set,
            )

        if max(expected) >= 10**15:  # not a number of points: the estimate names it
            with pytest.raises(InvalidAmountError) as caught:
                estimate()
            assert caught.value.field in ("sold", "managed", "total")
            continue
        result = estimate()
        for value, reference in zip(
            (result.sold, result.managed, result.total), expected, strict=True
        ):
            _same(value, reference)
        assert result.partners == (others + 1 if manage else 0)
        assert result == points.PointsEstimate(
            sold=result.sold, managed=result.managed, partners=result.partners, total=result.total
        )


def _outcome(call):
    """What ``call()`` gives: its value, or its error's class, field, value and words."""
    try:
        return ("value", call())
    except HubPartnerError as error:
        shown = {key: repr(value) for key, value in vars(error).items()}
        return (type(error), shown, str(error))


#: Arguments a caller may pass, good and bad, for a rule set that has seen the good ones.
HOSTILE_MRR = st.sampled_from(
    [Money("1234.5", "EUR"), Money("-1", "EUR"), Money("0", "EUR"), Money("10", "SEK"), 1000]
)
HOSTILE_TRACK = st.sampled_from([*Track, "sourced", None, 1])
HOSTILE_MARKET = st.sampled_from(["DE", "de", "IN", "ZZ", "EU", "", 42, None, ("DE",), ["DE"]])
HOSTILE_FLAG = st.sampled_from([True, False, 1, 0, None, "yes"])
HOSTILE_OTHERS = st.sampled_from([0, 1, 2, 998, 999, 1000, -1, True, False, 1.0, Decimal(1)])
HOSTILE_DAY = st.sampled_from([None, date(2021, 10, 1), datetime(2021, 10, 1), "2021-10-01"])
HOSTILE_RULES = st.sampled_from(["warm", "other", None])


def _warm(rule_set):
    """``rule_set``'s copy that has already computed with every good argument above."""
    warm = attrs.evolve(rule_set)
    for market in ("DE", "de", "IN"):
        for track in (Track.SOURCED, Track.ASSISTED):
            for manage, others in [(False, 0)] + [(True, n) for n in (0, 1, 2, 998, 999)]:
                points.estimate(
                    Money("1", "EUR"),
                    market=market,
                    track=track,
                    manage=manage,
                    other_partners=others,
                    rules=warm,
                )
            points.sold_points(Money("1", "EUR"), track=track, market=market, rules=warm)
    return warm


WARM_2025 = _warm(R2025)


@given(HOSTILE_MRR, HOSTILE_TRACK, HOSTILE_MARKET, HOSTILE_DAY, HOSTILE_RULES)
def test_a_rule_set_that_has_computed_refuses_what_a_fresh_one_refuses(
    mrr, track, market, first_sold, which
):
    def call(rule_set):
        return lambda: points.sold_points(
            mrr, track=track, market=market, rules=rule_set, product_line_first_sold=first_sold
        )

    fresh = {"warm": attrs.evolve(R2025), "other": object(), None: None}[which]
    warm = {"warm": WARM_2025, "other": fresh, None: None}[which]
    assert _outcome(call(warm)) == _outcome(call(fresh))


@given(HOSTILE_MRR, HOSTILE_TRACK, HOSTILE_MARKET, HOSTILE_FLAG, HOSTILE_OTHERS)
def test_an_estimate_by_a_rule_set_that_has_computed_refuses_what_a_fresh_one_refuses(
    mrr, track, market, manage, others
):
    def call(rule_set):
        return lambda: points.estimate(
            mrr, market=market, track=track, manage=manage, other_partners=others, rules=rule_set
        )

    assert _outcome(call(WARM_2025)) == _outcome(call(attrs.evolve(R2025)))


def test_a_rule_set_keeps_a_bounded_number_of_factors(monkeypatch):
    monkeypatch.setattr(points, "FACTORS_KEPT", 5)
    rule_set = attrs.evolve(R2025)
    amount = Money("1000", "EUR")
    for market in GROWTH + NOT_GROWTH:
        expected = expansion(
            _reference_points(
                amount,
                rate=rule_set.points_per_usd_100.sourced,
                market=market,
                rule_set=rule_set,
            )
        )
        _same(
            points.sold_points(amount, track=Track.SOURCED, market=market, rules=rule_set),
            expected,
        )
        assert 1 <= len(rule_set._derived) <= 5
    for key in rule_set._derived:  # immutable values: codes, a flag, a count
        assert all(isinstance(part, str | bool | int) for part in key)


def test_a_rule_set_derived_from_another_computes_with_its_own_numbers():
    amount = Money("880", "EUR")
    assert points.sold_points(amount, track=Track.SOURCED, market="DE", rules=R2025) == 50
    cheaper = R2025.with_currency("EUR", Decimal(44))
    assert points.sold_points(amount, track=Track.SOURCED, market="DE", rules=cheaper) == 100
    growing = R2025.with_growth_markets(["DE"])
    assert points.sold_points(amount, track=Track.SOURCED, market="DE", rules=growing) == 100
    assert points.sold_points(amount, track=Track.SOURCED, market="DE", rules=R2025) == 50
    equal = attrs.evolve(R2025)
    assert equal == R2025
    assert equal._derived is not R2025._derived
    assert repr(equal) == repr(R2025)


@pytest.mark.parametrize(
    ("amount", "rule_set"),
    [
        # an amount hubpartner computed by a division: 40 significant digits, not 10 places
        (
            points.points_to_money(
                1, currency="EUR", track=Track.ASSISTED, market="DE", rules=R2025
            ),
            R2025,
        ),
        # factors whose denominators hold more 2s than an estimate is plainly sure of
        (
            Money("3", "EUR"),
            attrs.evolve(
                R2025,
                points_per_usd_100=rules.PointRates("0.0000000001", "3", "0.0000000001"),
                growth_multiplier=Decimal("1.0000000001"),
                growth_markets=["DE"],
                currencies={"EUR": 2**49},
            ),
        ),
    ],
)
def test_an_estimate_beyond_the_plain_bounds_is_checked_whole_every_time(amount, rule_set):
    rule_set = attrs.evolve(rule_set)
    rates = rule_set.points_per_usd_100
    sold = _reference_points(amount, rate=rates.sourced, market="DE", rule_set=rule_set)
    managed = _reference_points(
        amount, rate=rates.managed, market="DE", rule_set=rule_set, partners=2
    )
    for _ in ("cold", "warm"):
        result = points.estimate(
            amount, market="DE", track=Track.SOURCED, manage=True, other_partners=1, rules=rule_set
        )
        _same(result.sold, expansion(sold))
        _same(result.managed, expansion(managed))
        _same(result.total, expansion(sold + managed))


@pytest.mark.parametrize("market", [["DE"], {"DE"}, {"DE": 1}])
def test_an_unhashable_market_is_refused_by_name(market):
    for call in (
        lambda: points.sold_points(USD_1000, track=Track.SOURCED, market=market, rules=R2025),
        lambda: points.managed_points(USD_1000, market=market, rules=R2025),
        lambda: points.money_to_points(USD_1000, track=Track.SOURCED, market=market, rules=R2025),
        lambda: points.estimate(
            USD_1000, market=market, track=Track.SOURCED, manage=True, rules=R2025
        ),
    ):
        with refused(InvalidTypeError, "market", market):
            call()


def test_an_estimate_of_too_many_points_is_refused_by_name_cold_and_warm():
    generous = attrs.evolve(R2025.with_currency("SEK", Decimal("0.0000000001")))
    for _ in ("cold", "warm"):
        with refused(InvalidAmountError, "sold", Decimal("49999999999500000000")):
            points.estimate(
                Money("999999999.99", "SEK"),
                market="SE",
                track=Track.SOURCED,
                manage=False,
                rules=generous,
            )


@pytest.mark.parametrize("value", [Decimal("-1"), -1, "-0.001"])
def test_present_refuses_a_negative_number_of_points_as_documented(value):
    with pytest.raises(InvalidAmountError, match="a number of points of 0 or more"):
        points.present(value, rules=rules.for_date(date(2025, 8, 1)))
    assert points.present(Decimal("-0"), rules=rules.for_date(date(2025, 8, 1))) == 0
