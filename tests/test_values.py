"""The contract every value type keeps: immutable, equal by value, hashable, a
useful repr, and ``NotImplemented`` (not an exception) against foreign types."""

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from hubpartner import (
    Money,
    PointsEstimate,
    Rounding,
    RoundingPolicy,
    managed,
    reviews,
    rules,
    surveys,
    tiers,
)
from hubpartner.errors import RulesProblem
from hubpartner.rules import LegacySoldRate, PointRates

R2025 = rules.published()[-1]

# (value, an equal value built separately, a different value)
CASES = [
    (Money("1.50", "EUR"), Money(Decimal("1.5"), "eur"), Money("1.50", "USD")),
    (
        RoundingPolicy(2, Rounding.HALF_UP),
        RoundingPolicy(2, "half-up"),
        RoundingPolicy(2, Rounding.HALF_EVEN),
    ),
    (PointRates(5, 3, 1), PointRates("5", "3.0", "1"), PointRates(3, 3, 1)),
    (
        LegacySoldRate(date(2024, 2, 27), 3),
        LegacySoldRate(date(2024, 2, 27), "3"),
        LegacySoldRate(date(2024, 2, 28), 3),
    ),
    (R2025, rules.loads(rules.dumps(R2025)), R2025.with_currency("SEK", 1000)),
    (
        PointsEstimate(Decimal(50), Decimal(5), 2),
        PointsEstimate(Decimal("50.0"), Decimal(5), 2),
        PointsEstimate(Decimal(50), Decimal(5), 1),
    ),
    (RulesProblem("a", "missing"), RulesProblem("a", "missing"), RulesProblem("b", "missing")),
    (
        surveys.NpsTally(1, 2, 3),
        surveys.NpsTally.from_counts(promoters=1, passives=2, detractors=3),
        surveys.NpsTally(3, 2, 1),
    ),
    (
        # a weight of 0 as well, so that other promoters still fit the sum of squares
        surveys.WeightedNpsTally.from_scores([10, 9], [2, 0]),
        surveys.WeightedNpsTally(2, 0, 0, 4, 2),
        surveys.WeightedNpsTally.from_scores([10, 9], [2, Fraction(1, 2)]),
    ),
    (surveys.CesTally.from_scores([7]), surveys.CesTally.from_counts({7: 1}), surveys.CesTally()),
    (
        surveys.CsatTally.from_scores([5, 1]),
        surveys.CsatTally(surveys.CSAT_5, (1, 0, 0, 0, 1)),
        surveys.CsatTally(),
    ),
    (surveys.CES_7, surveys.Scale(1, 7, (5, 7), True, "CES 1-7 agree scale"), surveys.CSAT_5),
    (surveys.NPS, surveys.NpsScale(), surveys.NpsScale(1, 10, 6, 9)),
    (
        surveys.Response(date(2025, 1, 1), 9, "ann"),
        surveys.Response(datetime(2025, 1, 1), 9, "ann"),
        surveys.Response(date(2025, 1, 1), 9, "bob"),
    ),
    (
        surveys.Period.month(date(2025, 3, 9)),
        surveys.Period(date(2025, 3, 1), date(2025, 4, 1), "2025-03"),
        surveys.Period.quarter(date(2025, 3, 9)),
    ),
    (
        surveys.Trailing(7, [date(2025, 1, 7)]),
        surveys.Trailing(7, (date(2025, 1, 7),)),
        surveys.Trailing(8, [date(2025, 1, 7)]),
    ),
    (
        surveys.Survey("nps", "email", "en", "Acme", date(2025, 1, 6)),
        surveys.Survey(
            surveys.SurveyKind.NPS, surveys.Channel.EMAIL, "en", "Acme", datetime(2025, 1, 6)
        ),
        surveys.Survey("nps", "link", "en", "Acme", date(2025, 1, 6)),
    ),
    (
        surveys.Send(date(2025, 1, 1), None),
        surveys.Send(date(2025, 1, 1), None),
        surveys.Send(date(2025, 4, 1), None),
    ),
    (
        surveys.Range(Fraction(1), Fraction(2)),
        surveys.Range(Fraction(2, 2), Fraction(4, 2)),
        surveys.Range(Fraction(0), Fraction(2)),
    ),
]
CASES += [
    (
        reviews.Reviewer("ann", "Ann", "a@x.example", "AB", "hubspot-login"),
        reviews.Reviewer("ann", "Ann", "a@x.example", "AB", reviews.Authentication.HUBSPOT_LOGIN),
        reviews.Reviewer("ann", "Ann", "a@x.example", "AB", "linkedin"),
    ),
    (reviews.Ratings(5, ["A"]), reviews.Ratings(5, ("A",)), reviews.Ratings(4)),
    (reviews.ReviewText("T", "B"), reviews.ReviewText("T", "B"), reviews.ReviewText("T", "C")),
    (
        reviews.PaidService("s", "p", "c", True),
        reviews.PaidService("s", "p", "c", True),
        reviews.PaidService("s", "p", "c", False),
    ),
    (
        reviews.DirectoryProfile("p"),
        reviews.DirectoryProfile("p", []),
        reviews.DirectoryProfile("q"),
    ),
    (reviews.review_rules().scale, reviews.RatingScale(1, 5), reviews.RatingScale(1, 10)),
    (
        reviews.Recipient(reviews.Role.PARTNER, "p"),
        reviews.Recipient(reviews.Role.PARTNER, "p"),
        reviews.Recipient(reviews.Role.REVIEWER, "p"),
    ),
]
CASES += [
    (tiers.PointsHeld(1, 2, 3), tiers.PointsHeld("1", "2.0", 3), tiers.PointsHeld(3, 2, 1)),
    (
        tiers.TierRequirement("gold", 100, 20),
        tiers.TierRequirement(tiers.Tier.GOLD, "100", 20),
        tiers.TierRequirement("gold", 100, 30),
    ),
    (
        tiers.SoldDeal("c", date(2025, 1, 1), "sourced", 5),
        tiers.SoldDeal("c", date(2025, 1, 1), "sourced", "5"),
        tiers.SoldDeal("c", date(2025, 1, 1), "assisted", 5),
    ),
    (
        managed.Event(date(2025, 1, 1), "end-services"),
        managed.Event(date(2025, 1, 1), managed.EventKind.END_SERVICES),
        managed.Event(date(2025, 1, 2), "end-services"),
    ),
    (
        managed.ActivePeriod(date(2025, 1, 1), None),
        managed.ActivePeriod(date(2025, 1, 1), None),
        managed.ActivePeriod(date(2025, 1, 1), date(2025, 2, 1)),
    ),
]
IDS = [type(case[0]).__name__ for case in CASES]


@pytest.mark.parametrize(("value", "same", "other"), CASES, ids=IDS)
def test_values_are_immutable(value, same, other):
    field = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, getattr(other, field))
    assert getattr(value, field) == getattr(same, field)


@pytest.mark.parametrize(("value", "same", "other"), CASES, ids=IDS)
def test_values_compare_and_hash_by_value(value, same, other):
    assert value == same
    assert hash(value) == hash(same)
    assert value != other
    assert len({value, same, other}) == 2


@pytest.mark.parametrize(("value", "same", "other"), CASES, ids=IDS)
def test_foreign_types_are_not_implemented(value, same, other):
    assert value.__eq__(object()) is NotImplemented
    assert value != "a string"
    assert value != 0


@pytest.mark.parametrize(("value", "same", "other"), CASES, ids=IDS)
def test_repr_names_the_type_and_is_stable(value, same, other):
    text = repr(value)
    assert type(value).__name__ in text
    assert text == repr(value)


@pytest.mark.parametrize(("value", "same", "other"), CASES, ids=IDS)
def test_evolve_returns_a_new_value_and_leaves_the_old_one(value, same, other):
    field = attrs.fields(type(value))[0].name
    changed = attrs.evolve(value, **{field: getattr(other, field)})
    assert getattr(changed, field) == getattr(other, field)
    assert value == same


def test_reprs_evaluate_back_to_equal_values_where_they_are_code():
    namespace = {
        "Money": Money,
        "Decimal": Decimal,
        "RoundingPolicy": RoundingPolicy,
        "Rounding": Rounding,
        "PointRates": PointRates,
        "PointsEstimate": PointsEstimate,
        "NpsTally": surveys.NpsTally,
        "Fraction": Fraction,
    }
    for value, _, _ in CASES:
        if type(value).__name__ in namespace:
            assert eval(repr(value), namespace) == value
