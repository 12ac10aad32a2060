"""The API contract: every public callable checks what it is given.

Every public function, constructor and value-class method named in ``__all__`` (see
``tests/contract.py``) is called with valid arguments, then with hostile values
(None, strings, floats, NaN, a bool, huge numbers, a wrong value object, a wrong
enum member, a list …) in place of one parameter at a time. Each call succeeds or
raises a :class:`~hubpartner.errors.HubPartnerError` that also derives from the
built-in a caller expects and names the parameter; none raises anything else,
none runs past the time limit, and none accepts a value of a kind the parameter
does not take. ``python tests/benchmarks/contract_counts.py`` prints the counts.
"""

import inspect
import pickle
import time
from datetime import date
from decimal import Decimal

import pytest

from hubpartner import Money, clients, ledger, managed, rules, surveys, tiers
from hubpartner._checks import Choice
from hubpartner.decimals import to_decimal
from hubpartner.errors import (
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    UnknownLocaleError,
)
from hubpartner.markets import market_name
from hubpartner.rules import MonthDay
from hubpartner.surveys import Cadence, Interval, Survey

from .contract import HOSTILE, TIME_LIMIT, Target, run, targets
from .contract_examples import EXAMPLES, OVERRIDES

TARGETS = targets()


@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_every_public_callable_refuses_hostile_arguments_with_a_library_error(target):
    report = run(target)
    assert not report.problems, (
        f"{report.calls} calls, {report.foreign} non-library exceptions, {report.hangs} "
        f"hangs (limit {TIME_LIMIT} s), {len(report.problems)} problems:\n"
        + "\n".join(report.problems)
    )


def test_the_walk_reaches_every_module_and_every_parameter():
    names = {target.name for target in TARGETS}
    for expected in (
        "points.sold_points",
        "money.Money.format",
        "reviews.submit_review",
        "tiers.reevaluate",
        "responses.group",
        "lifecycle.Survey",
        "managed.Condition",
    ):
        assert expected in names
    for target in TARGETS:
        for parameter in target.parameters:
            if parameter.default is inspect.Parameter.empty:
                assert target.example(parameter) is not None, (target.name, parameter.name)


def test_every_override_names_a_parameter_of_a_public_callable():
    known = {f"{t.name}:{p.name}" for t in TARGETS for p in t.parameters}
    assert set(OVERRIDES) <= known, sorted(set(OVERRIDES) - known)


# -- the walk finds what it is meant to find --------------------------------------------------


def _target(call):
    return Target(
        f"test.{call.__name__}", call, tuple(inspect.signature(call).parameters.values()), False
    )


def _careless(amount: Money) -> str:
    return amount.currency  # AttributeError for anything but a Money


def _slow(amount: Money) -> str:
    if not isinstance(amount, Money):
        time.sleep(TIME_LIMIT + 1)
    return "done"


def _trusting(amount: Money) -> str:
    return "done"  # takes anything


def test_the_walk_reports_a_foreign_exception():
    report = run(_target(_careless))
    assert report.foreign > 0
    assert any("AttributeError" in problem for problem in report.problems)


def test_the_walk_reports_a_call_past_the_time_limit():
    chosen = tuple(item for item in HOSTILE if item.name == "None")
    report = run(_target(_slow), limit=0.2, hostile=chosen)
    assert report.hangs == 1
    assert "past the limit of 0.2 s" in report.problems[0]


def test_the_walk_reports_a_hostile_value_accepted():
    report = run(_target(_trusting))
    assert "test._trusting(amount=object()): accepted" in report.problems
    assert "test._trusting(amount=None): accepted" in report.problems


# -- some of what the walk found, by class of defect ------------------------------------------


#: Every parameter that takes a locale, each with a call that gives it one.
LOCALE_CALLS = {
    "Money.format": lambda locale: Money("1234.5", "EUR").format(locale),
    "market_name": lambda locale: market_name("SE", locale=locale),
    "MonthDay.name": lambda locale: MonthDay(7, 15).name(locale),
    "Survey(language=)": lambda locale: Survey("nps", "email", locale, "Acme", date(2025, 1, 6)),
}


@pytest.mark.parametrize("call", LOCALE_CALLS.values(), ids=LOCALE_CALLS)
@pytest.mark.parametrize("locale", ["", "x", "xx_YY", "en_US_POSIX_XX", "@@", "x" * 10_000])
def test_babel_locale_errors_are_wrapped_in_a_library_error(call, locale):
    with pytest.raises(UnknownLocaleError) as caught:
        call(locale)
    assert isinstance(caught.value, ValueError)
    assert caught.value.identifier == locale
    assert caught.value.field in ("locale", "language")


@pytest.mark.parametrize("call", LOCALE_CALLS.values(), ids=LOCALE_CALLS)
def test_a_locale_is_never_read_from_the_environment(call):
    with pytest.raises(InvalidTypeError) as caught:
        call(None)  # Babel would read LC_ALL, LANG … for None
    assert caught.value.field in ("locale", "language")


@pytest.mark.parametrize("call", LOCALE_CALLS.values(), ids=LOCALE_CALLS)
def test_a_locale_may_be_written_with_a_hyphen(call):
    hyphen, underscore = call("sv-SE"), call("sv_SE")
    if isinstance(hyphen, Survey):  # a survey keeps its language as it is written
        hyphen, underscore = hyphen.language, underscore.language.replace("_", "-")
    assert hyphen == underscore


def test_money_format_in_a_locale_written_with_a_hyphen():
    assert Money("1234.5", "EUR").format("de-DE") == "1.234,50\xa0€"


@pytest.mark.parametrize(
    "value",
    [10**4999 + 1, True, ["gold"], Decimal("sNaN")],
    ids=["5,000-digit int", "True", "list", "sNaN"],
)
def test_an_enum_refuses_by_name_what_python_s_own_lookup_cannot_show(value):
    # Enum's lookup builds a ValueError showing the value, which fails for an int of
    # more than 4,300 digits; hubpartner's enums refuse it with their own error
    with pytest.raises(InvalidValueError) as caught:
        tiers.Tier(value)
    assert caught.value.field == "tier"
    assert "is not accepted" in str(caught.value)


def test_an_enum_still_finds_its_members_and_builds_enums_functionally():
    assert tiers.Tier("gold") is tiers.Tier(tiers.Tier.GOLD) is tiers.Tier.GOLD
    assert pickle.loads(pickle.dumps(Cadence.SIX_MONTHS)) is Cadence.SIX_MONTHS
    made = Choice("Made", [("ONE", 1)])
    assert made(1) is made.ONE
    with pytest.raises(InvalidValueError):
        made(2)


@pytest.mark.parametrize("places", [None, -1, 1.5, True, 10**100])
def test_to_decimal_checks_its_places(places):
    with pytest.raises(HubPartnerError) as caught:
        to_decimal("1.5", field="amount", places=places)
    assert caught.value.field == "places"


def test_a_signaling_nan_is_refused_by_an_enum_of_numbers():
    # comparing Decimal("sNaN") raises InvalidOperation, even with ==
    for call in (
        lambda: Cadence(Decimal("sNaN")),
        lambda: Cadence.parse(Decimal("sNaN"), field="c"),
    ):
        with pytest.raises(HubPartnerError):
            call()
    assert Cadence(3) is Cadence.QUARTERLY


@pytest.mark.parametrize(
    "load",
    [
        rules.load,
        tiers.load_thresholds,
        tiers.read_history,
        ledger.read_ledger,
        surveys.read_responses,
        clients.read_portfolio,
    ],
    ids=["rules", "thresholds", "history", "ledger", "responses", "portfolio"],
)
@pytest.mark.parametrize("path", [None, 5, object(), [EXAMPLES]])
def test_every_loader_refuses_what_is_neither_a_path_nor_a_stream(load, path):
    with pytest.raises(InvalidTypeError) as caught:
        load(path)
    assert caught.value.field == "path"


@pytest.mark.parametrize(
    "call",
    [
        lambda rules_for: ledger.Ledger(
            [ledger.SoldDeal("c", date(2025, 1, 1), "sourced", 5)], rules_for=rules_for
        ),
        lambda rules_for: ledger.read_ledger(EXAMPLES / "points-ledger.csv", rules_for=rules_for),
        lambda rules_for: tiers.reevaluate(
            [],
            thresholds=tiers.Thresholds([tiers.TierRequirement("gold", 100, 20)]),
            rules_for=rules_for,
        ),
        lambda rules_for: tiers.gold_deadline(
            date(2024, 1, 1), as_of=date(2025, 1, 1), rules_for=rules_for
        ),
        lambda rules_for: managed.monthly_managed_points(
            [],
            mrr=Money(100, "USD"),
            market="US",
            start=date(2025, 1, 1),
            end=date(2025, 2, 1),
            rules_for=rules_for,
        ),
    ],
    ids=["Ledger", "read_ledger", "reevaluate", "gold_deadline", "monthly_managed_points"],
)
@pytest.mark.parametrize("rules_for", ["2025", rules.for_date(date(2025, 8, 1)), object()])
def test_every_rules_for_is_a_function(call, rules_for):
    with pytest.raises(InvalidTypeError) as caught:
        call(rules_for)
    assert caught.value.field == "rules_for"


def test_a_rules_for_that_returns_no_rule_set_is_refused():
    with pytest.raises(InvalidTypeError) as caught:
        tiers.gold_deadline(date(2024, 1, 1), as_of=date(2025, 1, 1), rules_for=lambda day: 24)
    assert caught.value.field == "rules_for"
    assert caught.value.value == 24


def test_an_interval_is_two_real_numbers_in_order():
    assert Interval(0, 1) == (0.0, 1.0)
    for low, high in [(None, 1), ("0", 1), (True, 1), (0, float("nan")), (2, 1)]:
        with pytest.raises(HubPartnerError):
            Interval(low, high)
