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

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from os import PathLike
from types import MappingProxyType
from typing import Any

import attrs

from ._checks import calendar_date, whole_number
from ._data import packaged_names, packaged_text
from .decimals import Rounding, RoundingPolicy, to_decimal
from .errors import (
    InvalidTypeError,
    InvalidValueError,
    MissingRateError,
    NoRulesInForceError,
    RulesFileError,
    RulesProblem,
    UnknownCurrencyError,
    UnknownMarketError,
)
from .markets import market_code
from .money import currency_code

__all__ = [
    "LegacySoldRate",
    "PointRates",
    "ProgramRules",
    "Track",
    "dumps",
    "for_date",
    "load",
    "loads",
    "published",
]

SCHEMA_VERSION = 1


class Track(enum.Enum):
    """How points are earned: two sold tracks and the managed track.

    "Sold" means sourced plus assisted.
    """

    SOURCED = "sourced"
    ASSISTED = "assisted"
    MANAGED = "managed"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    @property
    def is_sold(self) -> bool:
        """True for the sold tracks (sourced, assisted)."""
        return self is not Track.MANAGED


def _points_rate(value: Any, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise InvalidValueError(field, value, "a number of points of 0 or more")
    return number


def _sourced(value: Any) -> Decimal:
    return _points_rate(value, "sourced")


def _assisted(value: Any) -> Decimal:
    return _points_rate(value, "assisted")


def _managed(value: Any) -> Decimal:
    return _points_rate(value, "managed")


def _legacy_rate(value: Any) -> Decimal:
    return _points_rate(value, "points_per_usd_100")


@attrs.frozen
class PointRates:
    """Points per USD 100 of MRR for each track."""

    sourced: Decimal = attrs.field(converter=_sourced)
    assisted: Decimal = attrs.field(converter=_assisted)
    managed: Decimal = attrs.field(converter=_managed)

    def for_track(self, track: Track) -> Decimal:
        """Return the rate of ``track``."""
        if track is Track.SOURCED:
            return self.sourced
        if track is Track.ASSISTED:
            return self.assisted
        return self.managed


def _first_sold_before(value: Any) -> date:
    return calendar_date(value, field="first_sold_before")


def _effective(value: Any) -> date:
    return calendar_date(value, field="effective")


@attrs.frozen
class LegacySoldRate:
    """Sold points on a product line first sold before a date keep an older rate.

    From 2024-02-27, upsells on a product line first sold before that date earn 3
    points per USD 100 instead of the sourced rate of 5.
    """

    first_sold_before: date = attrs.field(converter=_first_sold_before)
    points_per_usd_100: Decimal = attrs.field(converter=_legacy_rate)


def _positive_amount(value: Any, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number <= 0:
        raise InvalidValueError(field, value, "an amount greater than 0")
    return number


def _usd_100_amount(value: Any) -> Decimal:
    return _positive_amount(value, "amount")


def _currencies(value: Any) -> Mapping[str, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("currencies", value, "a mapping of currency code to amount")
    table = {
        currency_code(code, field="currencies"): _positive_amount(amount, f"currencies.{code}")
        for code, amount in value.items()
    }
    return MappingProxyType(dict(sorted(table.items())))


def _countries(value: Any) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("growth_markets", value, "a collection of country codes")
    return frozenset(market_code(code, field="growth_markets") for code in value)


def _sold_tracks(value: Any) -> frozenset[Track]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("sold_minimum_tracks", value, "a collection of sold tracks")
    tracks = frozenset(_track(item, "sold_minimum_tracks") for item in value)
    if not tracks or Track.MANAGED in tracks:
        raise InvalidValueError(
            "sold_minimum_tracks", value, "one or both of 'sourced' and 'assisted'"
        )
    return tracks


def _track(value: Any, field: str) -> Track:
    if isinstance(value, Track):
        return value
    try:
        return Track(value)
    except ValueError:
        raise InvalidValueError(
            field, value, "one of " + ", ".join(repr(t.value) for t in Track)
        ) from None


def _sources(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError("sources", value, "a collection of URLs as str")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str) or not item:
            raise InvalidTypeError("sources", item, "a non-empty str")
    return items


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidTypeError("name", value, "a non-empty str")
    return value


def _multiplier(value: Any) -> Decimal:
    return _positive_amount(value, "growth_multiplier")


def _lifetime(value: Any) -> int:
    return whole_number(value, field="sold_points_lifetime_months", minimum=1)


def _rounding(value: Any) -> RoundingPolicy:
    if not isinstance(value, RoundingPolicy):
        raise InvalidTypeError("rounding", value, "a RoundingPolicy")
    return value


def _legacy(value: Any) -> LegacySoldRate | None:
    if value is not None and not isinstance(value, LegacySoldRate):
        raise InvalidTypeError("legacy_sold_rate", value, "a LegacySoldRate or None")
    return value


def _rates(value: Any) -> PointRates:
    if not isinstance(value, PointRates):
        raise InvalidTypeError("points_per_usd_100", value, "a PointRates")
    return value


@attrs.frozen
class ProgramRules:
    """One dated rule set of the points program.

    ``effective`` is the day it took effect; it stays in force until the next one.
    ``currencies`` maps each currency code to the local amount HubSpot treats as
    USD 100. ``rounding`` is the policy for presenting points; money is presented at
    its currency's minor unit with the same rounding mode.
    """

    effective: date = attrs.field(converter=_effective)
    name: str = attrs.field(converter=_name)
    points_per_usd_100: PointRates = attrs.field(converter=_rates)
    growth_multiplier: Decimal = attrs.field(converter=_multiplier)
    growth_markets: frozenset[str] = attrs.field(converter=_countries)
    currencies: Mapping[str, Decimal] = attrs.field(converter=_currencies, hash=False)
    sold_minimum_tracks: frozenset[Track] = attrs.field(converter=_sold_tracks)
    sold_points_lifetime_months: int = attrs.field(converter=_lifetime)
    rounding: RoundingPolicy = attrs.field(converter=_rounding)
    legacy_sold_rate: LegacySoldRate | None = attrs.field(default=None, converter=_legacy)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_sources)

    def __repr__(self) -> str:
        return f"<ProgramRules effective {self.effective.isoformat()}: {self.name!r}>"

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

    def rate(self, track: Track, *, product_line_first_sold: date | None = None) -> Decimal:
        """Return the points per USD 100 for ``track``, before any growth multiplier.

        For a sold track, a product line first sold before the legacy cut-off date
        (2024-02-27 in the published sets) earns the legacy rate.
        """
        track = _track(track, "track")
        if (
            product_line_first_sold is not None
            and track.is_sold
            and self.legacy_sold_rate is not None
        ):
            first_sold = calendar_date(product_line_first_sold, field="product_line_first_sold")
            if first_sold < self.legacy_sold_rate.first_sold_before:
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
        amount = _positive_amount(usd_100, f"currencies.{code}")
        return attrs.evolve(self, currencies={**self.currencies, code: amount})

    def with_growth_markets(self, countries: Iterable[str]) -> ProgramRules:
        """Return a copy whose growth markets are exactly ``countries``."""
        return attrs.evolve(self, growth_markets=countries)


# -- the published rule sets ----------------------------------------------------------


def published() -> tuple[ProgramRules, ...]:
    """Return the rule sets that ship with hubpartner, oldest first.

    They are read from the package's data files once, on first use.
    """
    return _published()


@functools.cache
def _published() -> tuple[ProgramRules, ...]:
    found = [
        loads(packaged_text(name), source=f"hubpartner/data/{name}")
        for name in packaged_names("rules-", ".toml")
    ]
    return tuple(sorted(found, key=lambda r: r.effective))


def for_date(on: date) -> ProgramRules:
    """Return the published rule set in force on ``on``.

    A rule set is in force from its ``effective`` date until the next one takes
    effect. Before the first (2022-07-18) there is no points model, and
    :class:`~hubpartner.errors.NoRulesInForceError` (a ``LookupError``) is raised.

        >>> for_date(date(2025, 7, 14)).effective
        datetime.date(2024, 2, 27)
    """
    on = calendar_date(on, field="date")
    sets = published()
    in_force = [r for r in sets if r.effective <= on]
    if not in_force:
        raise NoRulesInForceError(on, sets[0].effective)
    return in_force[-1]


# -- reading and writing TOML -----------------------------------------------------------


class _Problems:
    """Collects every problem of a rules document instead of stopping at the first."""

    def __init__(self) -> None:
        self.found: list[RulesProblem] = []

    def add(self, key: str, message: str) -> None:
        self.found.append(RulesProblem(key, message))

    def check(self, key: str, convert: Callable[[Any], Any], raw: Any) -> Any:
        """Return ``convert(raw)``, or None (noting why) if it is refused or absent."""
        if raw is None:
            return None
        try:
            return convert(raw)
        except (
            InvalidValueError,
            InvalidTypeError,
            UnknownCurrencyError,
            UnknownMarketError,
        ) as exc:
            self.add(key, f"expected {exc.expected}, got {exc.value!r}")
            return None


def _in_file_order(data: dict[str, Any], found: list[RulesProblem]) -> list[RulesProblem]:
    """Sort problems by where their key stands in the document; missing keys last."""
    top = list(data)

    def position(problem: RulesProblem) -> tuple[int, int]:
        head, _, rest = problem.key.partition(".")
        if head not in data:
            return (len(top), 0)
        table = data[head]
        inner = list(table) if isinstance(table, dict) else []
        return (top.index(head), inner.index(rest) if rest in inner else len(inner))

    return sorted(found, key=position)


_TABLES: dict[str, frozenset[str]] = {
    "points_per_usd_100": frozenset({"sourced", "assisted", "managed"}),
    "legacy_sold_rate": frozenset({"first_sold_before", "points_per_usd_100"}),
    "growth_markets": frozenset({"multiplier", "countries"}),
    "currencies": frozenset(),
    "tiers": frozenset({"sold_minimum_tracks"}),
    "sold_points": frozenset({"lifetime_months"}),
    "presentation": frozenset({"places", "rounding"}),
}
_TOP = frozenset({"schema", "effective", "name", "sources"})
_OPTIONAL = frozenset({"legacy_sold_rate", "sources"})


def _toml_date(value: Any, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidTypeError(field, value, "a TOML local date such as 2025-07-15")
    return value


def _read(data: dict[str, Any], problems: _Problems) -> dict[str, Any]:
    for key in data:
        if key not in _TOP and key not in _TABLES:
            problems.add(
                key, "unknown key; expected one of " + ", ".join(sorted(_TOP | set(_TABLES)))
            )
    for key in sorted((_TOP | set(_TABLES)) - _OPTIONAL):
        if key not in data:
            problems.add(key, "missing")
    tables: dict[str, dict[str, Any]] = {}
    for name, keys in _TABLES.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            problems.add(name, f"expected a table [{name}], got {table!r}")
            table = {}
        tables[name] = table
        if keys:
            for key in table:
                if key not in keys:
                    problems.add(
                        f"{name}.{key}", "unknown key; expected one of " + ", ".join(sorted(keys))
                    )
            if name in data:
                for key in sorted(keys - set(table)):
                    problems.add(f"{name}.{key}", "missing")

    if "schema" in data and data["schema"] != SCHEMA_VERSION:
        problems.add("schema", f"expected {SCHEMA_VERSION}, got {data['schema']!r}")

    field = problems.check
    rates = tables["points_per_usd_100"]
    rate_values = {
        track: field(f"points_per_usd_100.{track}", convert, rates.get(track))
        for track, convert in (
            ("sourced", _sourced),
            ("assisted", _assisted),
            ("managed", _managed),
        )
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
            _legacy_rate,
            legacy_table.get("points_per_usd_100"),
        )
        if before is not None and legacy_rate is not None:
            legacy = LegacySoldRate(before, legacy_rate)
    growth = tables["growth_markets"]
    currencies = tables["currencies"]
    currency_values: dict[str, Decimal] = {}
    for code, amount in currencies.items():
        checked = field(f"currencies.{code}", currency_code, code)
        value = field(f"currencies.{code}", _usd_100_amount, amount)
        if checked is not None and value is not None:
            currency_values[checked] = value
    presentation = tables["presentation"]
    places = field(
        "presentation.places",
        lambda v: whole_number(v, field="places", minimum=0),
        presentation.get("places"),
    )
    mode = field(
        "presentation.rounding",
        lambda v: Rounding.from_name(v, field="rounding"),
        presentation.get("rounding"),
    )
    rounding = None
    if places is not None and mode is not None:
        rounding = field("presentation.places", lambda p: RoundingPolicy(p, mode), places)

    return {
        "effective": field(
            "effective", lambda v: _toml_date(v, "effective"), data.get("effective")
        ),
        "name": field("name", _name, data.get("name")),
        "sources": field("sources", _sources, data.get("sources", [])),
        "points_per_usd_100": (
            PointRates(**rate_values) if None not in rate_values.values() else None
        ),
        "legacy_sold_rate": legacy,
        "growth_multiplier": field(
            "growth_markets.multiplier", _multiplier, growth.get("multiplier")
        ),
        "growth_markets": field("growth_markets.countries", _countries, growth.get("countries")),
        "currencies": currency_values,
        "sold_minimum_tracks": field(
            "tiers.sold_minimum_tracks",
            _sold_tracks,
            tables["tiers"].get("sold_minimum_tracks"),
        ),
        "sold_points_lifetime_months": field(
            "sold_points.lifetime_months", _lifetime, tables["sold_points"].get("lifetime_months")
        ),
        "rounding": rounding,
    }


def loads(text: str, *, source: str = "<string>") -> ProgramRules:
    """Return the rule set written as TOML in ``text``.

    Every problem in the document is collected and reported together in one
    :class:`~hubpartner.errors.RulesFileError` (a ``ValueError``), each with its key
    and what was expected. ``source`` names the document in messages.
    """
    import tomllib

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RulesFileError(
            source, [RulesProblem("(document)", f"not valid TOML: {exc}")]
        ) from None
    problems = _Problems()
    values = _read(data, problems)
    if problems.found:
        raise RulesFileError(source, _in_file_order(data, problems.found))
    return ProgramRules(**values)


def load(path: str | PathLike[str]) -> ProgramRules:
    """Return the rule set in the TOML file at ``path`` (schema in ``docs/rules.md``).

    Problems are reported as for :func:`loads`, naming the file.
    """
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise RulesFileError(
            name, [RulesProblem("(file)", f"cannot be read: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RulesFileError(name, [RulesProblem("(file)", "is not UTF-8 text")]) from None
    return loads(text, source=name)


def _toml_number(value: Decimal) -> str:
    return f"{value:f}"


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def dumps(rule_set: ProgramRules) -> str:
    """Return ``rule_set`` as TOML text that :func:`loads` reads back to an equal value."""
    lines = [
        f"# {rule_set.name}",
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
        "",
        "[sold_points]",
        f"lifetime_months = {rule_set.sold_points_lifetime_months}",
        "",
        "[presentation]",
        f"places = {rule_set.rounding.places}",
        f"rounding = {_toml_string(rule_set.rounding.mode.value)}",
    ]
    return "\n".join(lines) + "\n"
