"""Rule sets: every number of the points program, as dated data.

HubSpot changes its rules "at its sole discretion", so hubpartner keeps every
number — rates, the growth-market multiplier and list, the currency table, the life
of a sold point, the presentation rounding — in a frozen :class:`ProgramRules`
value. The published rule sets ship as TOML files inside the package; a user can
inspect them, derive new ones, or load their own::

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from hubpartner import rules
    >>> current = rules.for_date(date(2025, 8, 1))
    >>> current.effective
    datetime.date(2025, 7, 15)
    >>> current.usd_100_in("EUR")
    Decimal('88')
    >>> with_sek = current.with_currency("SEK", Decimal("1000"))
    >>> with_sek.usd_100_in("SEK")
    Decimal('1000')

The TOML schema is documented in ``docs/rules.md``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from ._checks import (
    MAX_AMOUNT_PLACES,
    MAX_DAYS,
    MAX_MAGNITUDE,
    MAX_MONTHS,
    NamedChoice,
    at_least_zero,
    calendar_date,
    cldr_locale,
    each_item,
    function,
    instance,
    instance_of,
    is_day,
    is_days,
    is_months,
    is_positive_count,
    is_text,
    member,
    non_empty,
    sequence,
    whole_number,
)
from ._said import a_value
from ._toml import Problems, number, packaged_source, parse_toml
from .decimals import MAX_PLACES, Rounding, RoundingPolicy
from .errors import (
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
    MissingRateError,
    NoRulesInForceError,
    RulesFileError,
    as_written,
    shown,
)
from .markets import market_code
from .messages import Message, message
from .money import Money, currency_code

__all__ = [
    "LegacySoldRate",
    "MonthDay",
    "PointRates",
    "ProgramRules",
    "Reevaluation",
    "ReevaluationDay",
    "Track",
    "dumps",
    "for_date",
    "load",
    "loads",
    "published",
]

SCHEMA_VERSION = 1

#: The bounds of a rule set's rates — the points per USD 100 of each track, the growth
#: multiplier and the local amount of a currency treated as USD 100: each is below the
#: upper bound, and one that is not 0 is at least the lower, as every rate has at most
#: 10 decimal places. (Only a track's points may be 0: a track that earns nothing. The
#: bounds keep the arithmetic on points and money small; they are no number of
#: HubSpot's, but the library's bounds of amounts, MAX_MAGNITUDE and MAX_AMOUNT_PLACES.)
RATE_BOUNDS = (
    Decimal((0, (1,), -MAX_AMOUNT_PLACES)),  # 1E-10
    Decimal((0, (1,), len(str(MAX_MAGNITUDE)) - 1)),  # 1E+15
)


def _rate(value: Any, *, field: str, zero: bool = False) -> Decimal:
    """Return ``value`` as a rate within :data:`RATE_BOUNDS`: greater than 0, or 0 as
    well when ``zero`` (the points of a track that earns nothing)."""
    low, high = RATE_BOUNDS
    expected = (
        message(
            "a number of points of 0 or more, below {high} (at least {low} unless 0)",
            high=high,
            low=low,
        )
        if zero
        else message("an amount greater than 0, from {low} to below {high}", low=low, high=high)
    )
    found = at_least_zero(value, field=field, expected=expected, places=MAX_AMOUNT_PLACES)
    if found >= high or (found < low and not (zero and found == 0)):
        raise InvalidAmountError(field, value, expected)
    return found


def _point_rate(value: Any, attribute: attrs.Attribute[Any]) -> Decimal:
    return _rate(value, field=attribute.name, zero=True)


def _positive_rate(value: Any, attribute: attrs.Attribute[Any]) -> Decimal:
    return _rate(value, field=attribute.name)


if TYPE_CHECKING:  # the CSV and file readers are loaded by load() alone
    from ._files import Source

if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converters below

    def _to_point_rate(value: Decimal | int | str) -> Decimal: ...
    def _to_positive_rate(value: Decimal | int | str) -> Decimal: ...

else:
    _to_point_rate = attrs.Converter(_point_rate, takes_field=True)
    _to_positive_rate = attrs.Converter(_positive_rate, takes_field=True)


class Track(NamedChoice):
    """How points are earned: two sold tracks and the managed track.

    "Sold" means sourced plus assisted.
    """

    SOURCED = "sourced"
    ASSISTED = "assisted"
    MANAGED = "managed"

    @property
    def is_sold(self) -> bool:
        """True for the sold tracks (sourced, assisted)."""
        return self is not Track.MANAGED

    @property
    def label(self) -> Message:
        """The track's name for people, a message said in every language (its
        ``value`` is the name files and JSON use).

        >>> from hubpartner.messages import translate
        >>> Track.ASSISTED.label, translate(Track.ASSISTED.label, "sv")
        ('assisted', 'partnerassisterad')
        """
        if self is Track.SOURCED:
            # Translators: the track of points for a deal the partner sourced (brought in)
            return message("sourced")
        if self is Track.ASSISTED:
            # Translators: the track of points for a deal the partner assisted HubSpot with
            return message("assisted")
        # Translators: the track of points for clients the partner manages
        return message("managed")


@attrs.frozen
class PointRates:
    """Points per USD 100 of MRR for each track (0 for a track that earns nothing),
    within :data:`RATE_BOUNDS`."""

    sourced: Decimal = attrs.field(converter=_to_point_rate)
    assisted: Decimal = attrs.field(converter=_to_point_rate)
    managed: Decimal = attrs.field(converter=_to_point_rate)

    def for_track(self, track: Track) -> Decimal:
        """Return the rate of ``track``."""
        track = member(Track, track, field="track")
        if track is Track.SOURCED:
            return self.sourced
        if track is Track.ASSISTED:
            return self.assisted
        return self.managed


@attrs.frozen
class LegacySoldRate:
    """Sold points on a product line first sold before a date keep an older rate.

    From 2024-02-27, upsells on a product line first sold before that date earn 3
    points per USD 100 instead of the sourced rate of 5.
    """

    first_sold_before: date = attrs.field(validator=is_day)
    points_per_usd_100: Decimal = attrs.field(converter=_to_point_rate)


_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")
_MONTH_DAY_EXPECTED = message("a day of the year written MM-DD, such as 01-15")
#: A year without February 29, and its shortest month: a day of the year that exists
#: then exists every year, and a day of the month that exists then exists every month.
_COMMON_YEAR, _SHORTEST_MONTH = 2001, 2


@attrs.frozen(order=True)
class MonthDay:
    """A day of the calendar year, such as January 15: ``MonthDay(1, 15)``, written
    ``"01-15"``."""

    month: int = attrs.field(validator=is_positive_count)
    day: int = attrs.field(validator=is_positive_count)

    def __attrs_post_init__(self) -> None:
        try:
            date(_COMMON_YEAR, self.month, self.day)
        except (ValueError, OverflowError):
            raise InvalidValueError("month_day", str(self), _MONTH_DAY_EXPECTED) from None

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: Any, *, field: str = "month_day") -> MonthDay:
        """Read ``"MM-DD"``, such as ``"07-15"`` (February 29 is not a day of every
        year, so it is refused)."""
        found = _MONTH_DAY.fullmatch(text) if isinstance(text, str) else None
        if found is None:
            raise InvalidValueError(field, text, _MONTH_DAY_EXPECTED)
        return cls(int(found[1]), int(found[2]))

    def name(self, locale: str = "en") -> str:
        """The day in words, by CLDR: ``'January 15'`` in English.

        >>> MonthDay(7, 15).name(), MonthDay(7, 15).name("sv")
        ('July 15', '15 juli')

        A ``locale`` CLDR does not know raises
        :class:`~hubpartner.errors.UnknownLocaleError`.
        """
        from babel.dates import format_skeleton

        where = cldr_locale(locale)
        return format_skeleton("MMMMd", date(_COMMON_YEAR, self.month, self.day), locale=where)

    def last_on_or_before(self, day: date, *, field: str = "day") -> date:
        """The latest date on or before ``day`` that falls on this day of the year.

        Before the first such day of the calendar (0001-01-01 on), there is none:
        :class:`~hubpartner.errors.InvalidValueError` names ``field``.
        """
        day = calendar_date(day, field=field)
        this_year = date(day.year, self.month, self.day)
        if this_year <= day:
            return this_year
        if day.year == date.min.year:
            raise InvalidValueError(
                field,
                day,
                message(
                    "a date on or after {day}, the calendar's first {month_day}",
                    day=this_year,
                    month_day=str(self),
                ),
            )
        return date(day.year - 1, self.month, self.day)


def _month_day(value: Any, attribute: attrs.Attribute[Any]) -> MonthDay:
    if isinstance(value, MonthDay):
        return value
    return MonthDay.parse(value, field=attribute.name)


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converter below

    def _to_month_day(value: MonthDay | str) -> MonthDay: ...

else:
    _to_month_day = attrs.Converter(_month_day, takes_field=True)


@attrs.frozen
class ReevaluationDay:
    """A day on which tiers are re-evaluated (``on``), and the first day of the window
    it looks back over (``window_from``): January 15 looks back to August 15."""

    on: MonthDay = attrs.field(converter=_to_month_day)
    window_from: MonthDay = attrs.field(converter=_to_month_day)

    def window_start(self, day: date, *, field: str = "day") -> date:
        """The first day of the window of the re-evaluation held on ``day`` (a day whose
        window would start before the calendar raises an error naming ``field``)."""
        return self.window_from.last_on_or_before(day, field=field)


def _reevaluation_days(value: Any) -> tuple[ReevaluationDay, ...]:
    days = sequence(value, field="days")
    for item in days:
        if not isinstance(item, ReevaluationDay):
            raise InvalidTypeError("days", item, a_value(ReevaluationDay))
    if not days or len({item.on.day for item in days}) != 1:
        raise InvalidValueError(
            "days",
            [str(item.on) for item in days],
            message("one or more re-evaluation days, all on the same day of the month"),
        )
    try:  # each month of a history is judged on that day, so every month must have it
        date(_COMMON_YEAR, _SHORTEST_MONTH, days[0].on.day)
    except ValueError:
        raise InvalidValueError(
            "days",
            [str(item.on) for item in days],
            message("re-evaluation days on a day every month has (the 1st to the 28th)"),
        ) from None
    return tuple(sorted(days, key=lambda item: item.on))


@attrs.frozen
class Reevaluation:
    """When tiers are re-evaluated, and what protects a tier from a downgrade.

    Downgrades happen only on the re-evaluation ``days``; a tier is never downgraded
    within ``retention_months`` of being earned. A month of history is judged on the
    re-evaluation days' day of the month (:attr:`judgement_day`).
    """

    days: tuple[ReevaluationDay, ...] = attrs.field(converter=_reevaluation_days)
    retention_months: int = attrs.field(validator=is_months)

    @property
    def judgement_day(self) -> int:
        """The day of the month on which each month of history is judged."""
        return self.days[0].on.day

    def on(self, day: date) -> ReevaluationDay | None:
        """The re-evaluation held on ``day``, or None on any other day."""
        day = calendar_date(day, field="day")
        for item in self.days:
            if (item.on.month, item.on.day) == (day.month, day.day):
                return item
        return None


def _currencies(value: Any) -> Mapping[str, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "currencies", value, message("a mapping of currency code to amount")
        )
    table: dict[str, Decimal] = {}
    for code, amount in value.items():
        checked = currency_code(code, field="currencies")
        if checked in table:
            raise InvalidValueError(
                "currencies",
                code,
                message(
                    "each currency once, in any case; {currency} is given twice",
                    currency=checked,
                ),
            )
        table[checked] = _rate(amount, field=f"currencies.{code}")
    return MappingProxyType(dict(sorted(table.items())))


def _countries(value: Any) -> frozenset[str]:
    return frozenset(each_item(market_code, value, field="growth_markets"))


def _sold_tracks(value: Any) -> frozenset[Track]:
    tracks = frozenset(
        member(Track, item, field="sold_minimum_tracks")
        for item in sequence(value, field="sold_minimum_tracks")
    )
    if not tracks or Track.MANAGED in tracks:
        raise InvalidValueError(
            "sold_minimum_tracks", value, message("one or both of 'sourced' and 'assisted'")
        )
    return tracks


def _sources(value: Any) -> tuple[str, ...]:
    items = sequence(value, field="sources")
    for item in items:
        non_empty(item, field="sources")
    return items


@attrs.frozen
class ProgramRules:
    """One dated rule set of the points program.

    ``effective`` is the day it took effect; it stays in force until the next one.
    ``currencies`` maps each currency code to the local amount HubSpot treats as
    USD 100. ``rounding`` is the policy for presenting points; money is presented at
    its currency's minor unit with the same rounding mode. ``reevaluation`` is the
    tier re-evaluation calendar, ``activity_period_days`` the period over which a
    tier's minimum of qualifying activities is counted, and
    ``reach_gold_within_months`` the months a new partner has to reach Gold; when not
    given, they are those of the published rule set in force on ``effective``.
    """

    effective: date = attrs.field(validator=is_day)
    name: str = attrs.field(validator=is_text)
    points_per_usd_100: PointRates = attrs.field(
        validator=instance_of(PointRates, a_value(PointRates))
    )
    growth_multiplier: Decimal = attrs.field(converter=_to_positive_rate)
    growth_markets: frozenset[str] = attrs.field(converter=_countries)
    currencies: Mapping[str, Decimal] = attrs.field(converter=_currencies, hash=False)
    sold_minimum_tracks: frozenset[Track] = attrs.field(converter=_sold_tracks)
    sold_points_lifetime_months: int = attrs.field(validator=is_months)
    rounding: RoundingPolicy = attrs.field(
        validator=instance_of(RoundingPolicy, a_value(RoundingPolicy))
    )
    legacy_sold_rate: LegacySoldRate | None = attrs.field(
        default=None,
        validator=instance_of(
            LegacySoldRate, a_value(LegacySoldRate, or_none=True), optional=True
        ),
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_sources)
    reevaluation: Reevaluation = attrs.field(
        default=attrs.Factory(lambda self: _in_force(self).reevaluation, takes_self=True),
        validator=instance_of(Reevaluation, a_value(Reevaluation)),
    )
    activity_period_days: int = attrs.field(
        default=attrs.Factory(lambda self: _in_force(self).activity_period_days, takes_self=True),
        validator=is_days,
    )
    reach_gold_within_months: int = attrs.field(
        default=attrs.Factory(
            lambda self: _in_force(self).reach_gold_within_months, takes_self=True
        ),
        validator=is_months,
    )

    def __repr__(self) -> str:
        return f"<ProgramRules effective {self.effective.isoformat()}: {self.name!r}>"

    @functools.cached_property
    def _derived(self) -> dict[Hashable, Any]:
        """What the points calculator derived from this rule set, by market and
        currency (its own bounded cache, see :func:`hubpartner._cache.remember`): not a
        field, so never compared, hashed, shown or copied by ``attrs.evolve``."""
        return {}

    def usd_100_in(self, currency: str) -> Decimal:
        """Return the amount of ``currency`` that HubSpot treats as USD 100.

        Raises :class:`~hubpartner.errors.UnknownCurrencyError` for a code that is
        not ISO 4217, and :class:`~hubpartner.errors.MissingRateError` for a valid
        currency this rule set does not list (add it with :meth:`with_currency`).
        """
        code = currency_code(currency)
        try:
            return self.currencies[code]
        except KeyError:
            raise MissingRateError(code, self.effective, list(self.currencies)) from None

    def in_usd(self, amount: Money) -> Fraction:
        """``amount`` in US dollars as the points compare currencies: through this rule
        set's local amount for USD 100, exactly (never at market rates).

            >>> from hubpartner import Money
            >>> for_date(date(2025, 8, 1)).in_usd(Money("88", "EUR"))
            Fraction(100, 1)
        """
        money = instance(amount, Money, field="amount", expected=a_value(Money))
        return Fraction(money.amount) * 100 / Fraction(self.usd_100_in(money.currency))

    def rate(self, track: Track, *, product_line_first_sold: date | None = None) -> Decimal:
        """Return the points per USD 100 for ``track``, before any growth multiplier.

        For a sold track, a product line first sold before the legacy cut-off date
        (2024-02-27 in the published sets) earns the legacy rate.
        """
        track = member(Track, track, field="track")
        if product_line_first_sold is not None:
            first_sold = calendar_date(product_line_first_sold, field="product_line_first_sold")
            if (
                track.is_sold
                and self.legacy_sold_rate is not None
                and first_sold < self.legacy_sold_rate.first_sold_before
            ):
                return self.legacy_sold_rate.points_per_usd_100
        return self.points_per_usd_100.for_track(track)

    def is_growth_market(self, market: str) -> bool:
        """Return whether a client in ``market`` earns the growth multiplier."""
        return market_code(market) in self.growth_markets

    def market_multiplier(self, market: str) -> Decimal:
        """Return the multiplier for a client in ``market`` (1 outside growth markets)."""
        return self.growth_multiplier if self.is_growth_market(market) else Decimal(1)

    def with_currency(self, currency: str, usd_100: Decimal | int | str) -> ProgramRules:
        """Return a copy that also treats ``usd_100`` of ``currency`` as USD 100.

        An existing rate for the currency is replaced.
        """
        code = currency_code(currency)
        amount = _rate(usd_100, field="usd_100")
        return attrs.evolve(self, currencies={**self.currencies, code: amount})

    def with_growth_markets(self, countries: Iterable[str]) -> ProgramRules:
        """Return a copy whose growth markets are exactly ``countries``."""
        return attrs.evolve(
            self, growth_markets=each_item(market_code, countries, field="countries")
        )


def _in_force(rule_set: ProgramRules) -> ProgramRules:
    """The published rule set in force on ``rule_set``'s effective date, whose calendar
    and tier numbers a rule set that leaves them out takes."""
    return for_date(calendar_date(rule_set.effective, field="effective"))


def rules_in_force(rules_for: Any, day: date, *, field: str = "rules_for") -> ProgramRules:
    """``rules_for(day)``, the rule set a caller's function picks for ``day``, if it is
    one (a ``rules_for=`` argument such as :func:`for_date`)."""
    found = function(rules_for, field=field, expected=_RULES_FOR)(day)
    if not isinstance(found, ProgramRules):
        raise InvalidTypeError(field, found, _RULES_FOR)
    return found


#: What a ``rules_for=`` argument must be.
_RULES_FOR = message("a function from a date to its ProgramRules, such as rules.for_date")


def rules_function(value: Any, *, field: str = "rules_for") -> Callable[[date], ProgramRules]:
    """``value`` if it can pick the rule set of a date (a ``rules_for=`` argument)."""
    chosen: Callable[[date], ProgramRules] = function(value, field=field, expected=_RULES_FOR)
    return chosen


# -- the published rule sets ----------------------------------------------------------


def published() -> tuple[ProgramRules, ...]:
    """Return the rule sets that ship with hubpartner, oldest first.

    They are read from the package's data files once, on first use.
    """
    return _published()


def _published() -> tuple[ProgramRules, ...]:
    return tuple(_published_file(name) for _, name in _published_names())


#: The name of a packaged rule file: the day its rule set takes effect.
_PUBLISHED_NAME = re.compile(r"rules-([0-9]{4}-[0-9]{2}-[0-9]{2})\.toml")


@functools.cache
def _published_names() -> tuple[tuple[date, str], ...]:
    """The packaged rule files, each with the day it takes effect (read from its
    name, so that a day's rule set is found without reading the others), oldest
    first."""
    from . import _package

    found = []
    for name in _package.names("data"):
        if not (name.startswith("rules-") and name.endswith(".toml")):
            continue
        named = _PUBLISHED_NAME.fullmatch(name)
        if named is None:
            _misnamed(name, "rules-YYYY-MM-DD.toml")
        found.append((date.fromisoformat(named[1]), name))
    return tuple(sorted(found))


@functools.lru_cache(maxsize=16)
def _published_file(name: str) -> ProgramRules:
    """The rule set of the packaged file ``name``, read once; its effective date must
    be the one its name gives."""
    from . import _package

    source = packaged_source(name)
    text = _package.read_bytes("data", name).decode("utf-8")
    document = parse_toml(text, source=source, error=RulesFileError)
    # The published sets are complete: nothing in them is taken from another.
    found = _from_document(document, source, inherit=False)
    if name != f"rules-{found.effective.isoformat()}.toml":
        _misnamed(name, f"rules-{found.effective.isoformat()}.toml")
    return found


def _misnamed(name: str, expected: str) -> NoReturn:
    """Refuse the packaged rule file ``name``, which should be named ``expected``."""
    from .errors import RulesProblem  # made when a document first has a problem

    problem = message("expected {expected}, got {value}", expected=expected, value=name)
    raise RulesFileError(packaged_source(name), [RulesProblem("effective", problem)])


def for_date(on: date) -> ProgramRules:
    """Return the published rule set in force on ``on``.

    A rule set is in force from its ``effective`` date until the next one takes
    effect. Before the first (2022-07-18) there is no points model, and
    :class:`~hubpartner.errors.NoRulesInForceError` (a ``LookupError``) is raised.
    Only the file of the rule set in force is read (the first time it is asked for).

        >>> for_date(date(2025, 7, 14)).effective
        datetime.date(2024, 2, 27)
    """
    on = calendar_date(on, field="on")
    names = _published_names()
    in_force = [name for effective, name in names if effective <= on]
    if not in_force:
        raise NoRulesInForceError(on, names[0][0])
    return _published_file(in_force[-1])


# -- reading and writing TOML -----------------------------------------------------------


_TABLES: dict[str, frozenset[str]] = {
    "points_per_usd_100": frozenset({"sourced", "assisted", "managed"}),
    "legacy_sold_rate": frozenset({"first_sold_before", "points_per_usd_100"}),
    "growth_markets": frozenset({"multiplier", "countries"}),
    "currencies": frozenset(),
    "tiers": frozenset(
        {"sold_minimum_tracks", "activity_period_days", "reach_gold_within_months"}
    ),
    "reevaluation": frozenset({"days", "retention_months"}),
    "sold_points": frozenset({"lifetime_months"}),
    "presentation": frozenset({"places", "rounding"}),
}
_TOP = frozenset({"schema", "effective", "name", "sources"})
_OPTIONAL = frozenset({"legacy_sold_rate", "sources", "reevaluation"})
#: Keys of a table that a file may leave out (the published rules' values then apply).
_OPTIONAL_KEYS = frozenset({"tiers.activity_period_days", "tiers.reach_gold_within_months"})


# Translators: a problem of a key that a file must give and does not
MISSING = message("missing")


def unknown_key(keys: Iterable[str]) -> Message:
    """The problem of a key a file may not give: the ``keys`` it may."""
    return message("unknown key; expected one of {keys}", keys=", ".join(keys))


def _toml_date(value: Any, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidTypeError(field, value, message("a TOML local date such as 2025-07-15"))
    return value


def _toml_days(value: Any) -> tuple[ReevaluationDay, ...]:
    expected = message('a list of tables such as { on = "01-15", window_from = "08-15" }')
    days = []
    for item in sequence(value, field="days"):
        if not isinstance(item, dict) or set(item) != {"on", "window_from"}:
            raise InvalidValueError("days", item, expected)
        days.append(ReevaluationDay(item["on"], item["window_from"]))
    return _reevaluation_days(days)


def _read(data: dict[str, Any], problems: Problems) -> dict[str, Any]:
    for key in data:
        if key not in _TOP and key not in _TABLES:
            problems.add(as_written(key), unknown_key(sorted(_TOP | set(_TABLES))))
    for key in sorted((_TOP | set(_TABLES)) - _OPTIONAL):
        if key not in data:
            problems.add(key, MISSING)
    tables: dict[str, dict[str, Any]] = {}
    for name, keys in _TABLES.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            problems.add(
                name,
                message("expected a table [{name}], got {value}", name=name, value=shown(table)),
            )
            table = {}
        tables[name] = table
        if keys:
            for key in table:
                if key not in keys:
                    problems.add(f"{name}.{as_written(key)}", unknown_key(sorted(keys)))
            if name in data:
                for key in sorted(keys - set(table)):
                    if f"{name}.{key}" not in _OPTIONAL_KEYS:
                        problems.add(f"{name}.{key}", MISSING)

    problems.schema(data, version=SCHEMA_VERSION)

    field = problems.check

    def points(key: str) -> Callable[[Any], Decimal]:
        return lambda value: _rate(number(value, field=key), field=key, zero=True)

    def count(key: str, minimum: int, maximum: int) -> Callable[[Any], int]:
        return lambda value: whole_number(value, field=key, minimum=minimum, maximum=maximum)

    def positive(key: str) -> Callable[[Any], Decimal]:
        return lambda value: _rate(number(value, field=key), field=key)

    rates = tables["points_per_usd_100"]
    rate_values = {
        track.value: field(
            f"points_per_usd_100.{track.value}", points(track.value), rates.get(track.value)
        )
        for track in Track
    }
    legacy_table = tables["legacy_sold_rate"]
    legacy = None
    if legacy_table:
        before = field(
            "legacy_sold_rate.first_sold_before",
            lambda v: _toml_date(v, "first_sold_before"),
            legacy_table.get("first_sold_before"),
        )
        legacy_rate = field(
            "legacy_sold_rate.points_per_usd_100",
            points("points_per_usd_100"),
            legacy_table.get("points_per_usd_100"),
        )
        if before is not None and legacy_rate is not None:
            legacy = LegacySoldRate(before, legacy_rate)
    growth = tables["growth_markets"]
    currencies = tables["currencies"]
    currency_values: dict[str, Decimal] = {}
    written: dict[str, str] = {}  # each currency's code as the file first wrote it
    for code, amount in currencies.items():
        at = f"currencies.{as_written(code)}"
        checked = field(at, currency_code, code)
        value = field(at, positive(at), amount)
        if checked in written:
            problems.add(
                at,
                message(
                    "{currency} is given twice (also as currencies.{other}); "
                    "give each currency once, in any case",
                    currency=checked,
                    other=as_written(written[checked]),
                ),
            )
        elif checked is not None:
            written[checked] = code
            if value is not None:
                currency_values[checked] = value
    presentation = tables["presentation"]
    places = field(
        "presentation.places", count("places", 0, MAX_PLACES), presentation.get("places")
    )
    mode = field(
        "presentation.rounding",
        lambda v: Rounding.from_name(v, field="rounding"),
        presentation.get("rounding"),
    )
    rounding = None
    if places is not None and mode is not None:
        rounding = field("presentation.places", lambda p: RoundingPolicy(p, mode), places)
    calendar = tables["reevaluation"]
    days = field("reevaluation.days", _toml_days, calendar.get("days"))
    retention = field(
        "reevaluation.retention_months",
        count("retention_months", 1, MAX_MONTHS),
        calendar.get("retention_months"),
    )
    tiers = tables["tiers"]
    optional = {
        "reevaluation": (
            Reevaluation(days, retention) if days is not None and retention is not None else None
        ),
        "activity_period_days": field(
            "tiers.activity_period_days",
            count("activity_period_days", 1, MAX_DAYS),
            tiers.get("activity_period_days"),
        ),
        "reach_gold_within_months": field(
            "tiers.reach_gold_within_months",
            count("reach_gold_within_months", 1, MAX_MONTHS),
            tiers.get("reach_gold_within_months"),
        ),
    }

    return {
        **{key: value for key, value in optional.items() if value is not None},
        "effective": field(
            "effective", lambda v: _toml_date(v, "effective"), data.get("effective")
        ),
        "name": field("name", lambda v: non_empty(v, field="name"), data.get("name")),
        "sources": field("sources", _sources, data.get("sources", [])),
        "points_per_usd_100": (
            PointRates(**rate_values) if None not in rate_values.values() else None
        ),
        "legacy_sold_rate": legacy,
        "growth_multiplier": field(
            "growth_markets.multiplier", positive("growth_multiplier"), growth.get("multiplier")
        ),
        "growth_markets": field("growth_markets.countries", _countries, growth.get("countries")),
        "currencies": currency_values,
        "sold_minimum_tracks": field(
            "tiers.sold_minimum_tracks", _sold_tracks, tiers.get("sold_minimum_tracks")
        ),
        "sold_points_lifetime_months": field(
            "sold_points.lifetime_months",
            count("lifetime_months", 1, MAX_MONTHS),
            tables["sold_points"].get("lifetime_months"),
        ),
        "rounding": rounding,
    }


def loads(text: str, *, source: str = "<string>") -> ProgramRules:
    """Return the rule set written as TOML in ``text``.

    Every problem in the document is collected and reported together in one
    :class:`~hubpartner.errors.RulesFileError` (a ``ValueError``), each with its key
    and what was expected. ``source`` names the document in messages.
    """
    return _from_document(parse_toml(text, source=source, error=RulesFileError), source)


def load(path: Source) -> ProgramRules:
    """Return the rule set in the TOML file at ``path`` (schema in ``docs/rules.md``).

    Problems are reported as for :func:`loads`, naming the file.
    """
    from ._files import read_toml, source_name

    return _from_document(read_toml(path, error=RulesFileError), source_name(path))


def _from_document(data: dict[str, Any], source: str, *, inherit: bool = True) -> ProgramRules:
    """The rule set of a TOML document. With ``inherit``, the re-evaluation calendar,
    the activity period and the months to reach Gold it leaves out are the published
    rule set's in force on its effective date; without, leaving them out is a
    problem."""
    problems = Problems()
    values = _read(data, problems)
    left_out = {
        where: key
        for where, key in (
            ("reevaluation", "reevaluation"),
            ("tiers.activity_period_days", "activity_period_days"),
            ("tiers.reach_gold_within_months", "reach_gold_within_months"),
        )
        if key not in values
    }
    if left_out and not inherit:
        for where in left_out:
            problems.add(where, MISSING)
    elif left_out and values["effective"] is not None:
        try:
            for_date(values["effective"])
        except NoRulesInForceError as exc:
            for where in left_out:
                problems.add(
                    where,
                    message(
                        "missing, and no published rule set was in force on {on} to take it from",
                        on=exc.on,
                    ),
                )
    if problems.found:
        raise RulesFileError(source, problems.in_file_order(data))
    return ProgramRules(**values)


def _toml_number(value: Decimal) -> str:
    return f"{value:f}"


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string: JSON's escapes, which TOML shares, and
    ``\u007f`` for the one control character TOML escapes and JSON does not."""
    import json

    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def dumps(rule_set: ProgramRules) -> str:
    """Return ``rule_set`` as TOML text that :func:`loads` reads back to an equal value."""
    instance(rule_set, ProgramRules, field="rule_set", expected=a_value(ProgramRules))
    lines = [
        f"# {_toml_string(rule_set.name)}",
        f"schema = {SCHEMA_VERSION}",
        f"effective = {rule_set.effective.isoformat()}",
        f"name = {_toml_string(rule_set.name)}",
        "sources = [" + ", ".join(_toml_string(s) for s in rule_set.sources) + "]",
        "",
        "[points_per_usd_100]",
    ]
    rates = rule_set.points_per_usd_100
    lines += [
        f"sourced = {_toml_number(rates.sourced)}",
        f"assisted = {_toml_number(rates.assisted)}",
        f"managed = {_toml_number(rates.managed)}",
        "",
    ]
    if rule_set.legacy_sold_rate is not None:
        legacy = rule_set.legacy_sold_rate
        lines += [
            "[legacy_sold_rate]",
            f"first_sold_before = {legacy.first_sold_before.isoformat()}",
            f"points_per_usd_100 = {_toml_number(legacy.points_per_usd_100)}",
            "",
        ]
    countries = ", ".join(_toml_string(c) for c in sorted(rule_set.growth_markets))
    calendar = rule_set.reevaluation
    days = ", ".join(
        f'{{ on = "{item.on}", window_from = "{item.window_from}" }}' for item in calendar.days
    )
    lines += [
        "[growth_markets]",
        f"multiplier = {_toml_number(rule_set.growth_multiplier)}",
        f"countries = [{countries}]",
        "",
        "[currencies]",
        *(f"{code} = {_toml_number(amount)}" for code, amount in rule_set.currencies.items()),
        "",
        "[tiers]",
        "sold_minimum_tracks = ["
        + ", ".join(_toml_string(t.value) for t in Track if t in rule_set.sold_minimum_tracks)
        + "]",
        f"activity_period_days = {rule_set.activity_period_days}",
        f"reach_gold_within_months = {rule_set.reach_gold_within_months}",
        "",
        "[reevaluation]",
        f"days = [{days}]",
        f"retention_months = {calendar.retention_months}",
        "",
        "[sold_points]",
        f"lifetime_months = {rule_set.sold_points_lifetime_months}",
        "",
        "[presentation]",
        f"places = {rule_set.rounding.places}",
        f"rounding = {_toml_string(rule_set.rounding.mode.value)}",
    ]
    return "\n".join(lines) + "\n"
