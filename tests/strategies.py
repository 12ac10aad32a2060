"""Hypothesis strategies for hubpartner's values, built once and shared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from hubpartner import Money, ProgramRules, Rounding, RoundingPolicy, Track, rules, surveys
from hubpartner.rules import LegacySoldRate, MonthDay, PointRates, Reevaluation, ReevaluationDay

PUBLISHED = rules.published()
#: Currencies listed by every published rule set.
LISTED_CURRENCIES = sorted(set.intersection(*(set(r.currencies) for r in PUBLISHED)))
#: Currencies whose USD-100 amount is a power of ten in every published set, so
#: that dividing by it is exact in decimal.
EXACT_CURRENCIES = ["USD"]
GROWTH = sorted(PUBLISHED[-1].growth_markets)
NOT_GROWTH = ["US", "DE", "GB", "FR", "JP", "AU", "CA", "ZA", "SE", "ES", "PT", "NL"]


def published_rules() -> st.SearchStrategy[ProgramRules]:
    """One of the rule sets that ship with the package."""
    return st.sampled_from(PUBLISHED)


def amounts(
    *, max_value: int = 10**9, places: int = 2, allow_zero: bool = True
) -> st.SearchStrategy[Decimal]:
    """Non-negative decimal amounts with at most ``places`` decimal places."""
    low = 0 if allow_zero else 1
    return st.integers(min_value=low, max_value=max_value * 10**places).map(
        lambda units: Decimal(units).scaleb(-places)
    )


def money(currencies: list[str] | None = None, **kwargs: object) -> st.SearchStrategy[Money]:
    """Money in one of ``currencies`` (default: those every published set lists)."""
    codes = st.sampled_from(currencies or LISTED_CURRENCIES)
    return st.builds(Money, amounts(**kwargs), codes)  # type: ignore[arg-type]


def markets() -> st.SearchStrategy[str]:
    """Client markets, growth and not."""
    return st.sampled_from(GROWTH + NOT_GROWTH)


def sold_tracks() -> st.SearchStrategy[Track]:
    return st.sampled_from([Track.SOURCED, Track.ASSISTED])


def tracks() -> st.SearchStrategy[Track]:
    return st.sampled_from(list(Track))


def dates(
    min_value: date = date(2015, 1, 1), max_value: date = date(2035, 12, 31)
) -> st.SearchStrategy[date]:
    return st.dates(min_value=min_value, max_value=max_value)


def rates() -> st.SearchStrategy[Decimal]:
    return amounts(max_value=50, places=2)


def positive_amounts() -> st.SearchStrategy[Decimal]:
    return amounts(max_value=10**7, places=4, allow_zero=False)


def rounding_policies() -> st.SearchStrategy[RoundingPolicy]:
    return st.builds(RoundingPolicy, st.integers(0, 6), st.sampled_from(list(Rounding)))


def month_days():
    """Days of the calendar year (never February 29, which not every year has)."""
    return st.dates(date(2001, 1, 1), date(2001, 12, 31)).map(lambda d: MonthDay(d.month, d.day))


@st.composite
def reevaluations(draw):
    """Re-evaluation calendars: one to four days on one day of the month, each with
    the first day of its window."""
    on_day = draw(st.integers(1, 28))
    months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True))
    days = [ReevaluationDay(MonthDay(m, on_day), draw(month_days())) for m in months]
    return Reevaluation(days, draw(st.integers(1, 24)))


def rule_sets() -> st.SearchStrategy[ProgramRules]:
    """Arbitrary valid rule sets, built directly (not by filtering)."""
    return st.builds(
        ProgramRules,
        effective=dates(),
        # any text a name may be, control characters included: a dump writes each
        # escaped, in its comment line too
        name=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1).filter(
            str.strip
        ),
        points_per_usd_100=st.builds(PointRates, rates(), rates(), rates()),
        growth_multiplier=positive_amounts(),
        growth_markets=st.frozensets(st.sampled_from(GROWTH + NOT_GROWTH)),
        currencies=st.dictionaries(
            st.sampled_from(["USD", "EUR", "JPY", "SEK", "NOK", "BRL", "COP", "GBP"]),
            positive_amounts(),
            min_size=1,
        ),
        sold_minimum_tracks=st.sampled_from(
            [frozenset({Track.SOURCED}), frozenset({Track.SOURCED, Track.ASSISTED})]
        ),
        sold_points_lifetime_months=st.integers(1, 60),
        rounding=rounding_policies(),
        reevaluation=reevaluations(),
        activity_period_days=st.integers(1, 400),
        reach_gold_within_months=st.integers(1, 60),
        legacy_sold_rate=st.none() | st.builds(LegacySoldRate, dates(), rates()),
        sources=st.lists(st.sampled_from(["https://example.org/a", "https://example.org/ü"])),
    )


#: Values that must be refused wherever an amount enters.
NOT_AMOUNTS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["NaN", "nan", "-Infinity", "inf", "sNaN", "", "12,5", "1e3x", "abc"]),
    st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]),
    st.none(),
    st.complex_numbers(),
)


# -- surveys ----------------------------------------------------------------------------

NPS_ANSWERS = st.integers(min_value=0, max_value=10)


def nps_scores(min_size: int = 0, max_size: int = 300) -> st.SearchStrategy[list[int]]:
    return st.lists(NPS_ANSWERS, min_size=min_size, max_size=max_size)


def nps_tallies(*, non_empty: bool = False) -> st.SearchStrategy[surveys.NpsTally]:
    counts = st.integers(min_value=0, max_value=10_000)
    tallies = st.builds(surveys.NpsTally, counts, counts, counts)
    return tallies.filter(lambda t: t.n > 0) if non_empty else tallies


def scales() -> st.SearchStrategy[surveys.Scale]:
    return st.sampled_from([surveys.CES_7, surveys.CES_5_EFFORT, surveys.CSAT_5])


def scale_answers(scale: surveys.Scale, min_size: int = 0) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(scale.low, scale.high), min_size=min_size, max_size=200)


def confidences() -> st.SearchStrategy[float]:
    return st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.999])


def methods() -> st.SearchStrategy[str]:
    return st.sampled_from(["wald", "adjusted-wald"])


#: Currencies a generated price list chooses from (any CLDR currency would do).
PRICE_CURRENCIES = ["EUR", "USD", "GBP", "SEK", "JPY", "BRL"]


@st.composite
def price_lists(draw):
    """Price lists of the packaged catalogue: some currencies, each pricing some of
    its hubs' editions, by a flat price or a price per seat."""
    from hubpartner._prices import MAX_SEATS, Price, PriceList
    from hubpartner.engagement import Subscription, default_catalogue

    offers = [Subscription(h.key, e) for h in default_catalogue().hubs for e in h.editions]
    prices = st.builds(
        Price,
        amounts(max_value=10**6, places=4),
        st.none() | st.integers(min_value=1, max_value=MAX_SEATS),
    )
    currencies = draw(st.lists(st.sampled_from(PRICE_CURRENCIES), min_size=1, unique=True))
    return PriceList(
        {
            code: draw(st.dictionaries(st.sampled_from(offers), prices, max_size=len(offers)))
            for code in currencies
        }
    )
