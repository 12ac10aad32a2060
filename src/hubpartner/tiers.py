"""Partner tiers: thresholds, evaluation, progress, points over time, re-evaluation.

Sold and managed points add up to a tier — Gold < Platinum < Diamond < Elite, and no
tier below Gold — and there is **no tier without a valid Solutions Partner
certification**. HubSpot publishes its thresholds only as an image, so the
:class:`Thresholds` are rule data **you** supply (``docs/examples/thresholds.toml``
shows the format, with illustrative numbers)::

    >>> from datetime import date
    >>> from hubpartner import rules
    >>> from hubpartner.tiers import PointsHeld, Thresholds, TierRequirement, evaluate
    >>> thresholds = Thresholds([
    ...     TierRequirement("gold", total=100, sold_minimum=20),
    ...     TierRequirement("platinum", total=300, sold_minimum=60, managed_minimum=40),
    ... ])
    >>> held = PointsHeld(sourced=80, assisted=10, managed=150)
    >>> evaluate(held, thresholds=thresholds, certified=True,
    ...          rules=rules.for_date(date(2025, 8, 1))).tier
    <Tier.GOLD: 'gold'>
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from os import PathLike
from types import MappingProxyType
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ._checks import boolean, calendar_date, member, whole_number
from ._csvfile import read_rows
from .decimals import Rounding, exact_context, to_decimal
from .errors import (
    DataFileError,
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    RowProblem,
    RulesProblem,
)
from .money import Money
from .points import points_to_money, sold_points
from .rules import ProgramRules, Track, for_date

__all__ = [
    "ClientPoints",
    "Decision",
    "EliteRequirements",
    "EliteStatus",
    "Evaluation",
    "Expiry",
    "Ledger",
    "LedgerFileError",
    "ManagedMonth",
    "MonthRecord",
    "PointsHeld",
    "Progress",
    "SoldDeal",
    "Thresholds",
    "ThresholdsFileError",
    "Tier",
    "TierRequirement",
    "TrackProgress",
    "WhatIf",
    "evaluate",
    "load_thresholds",
    "progress",
    "read_history",
    "read_ledger",
    "reevaluate",
    "thresholds_from_toml",
    "what_if",
]


class ThresholdsFileError(DataFileError):
    """A thresholds file with one or more problems; every problem is reported."""

    kind = "thresholds"


class LedgerFileError(DataFileError):
    """A points or history CSV with one or more bad rows; every row is reported."""

    kind = "points file"


@functools.total_ordering
class Tier(enum.Enum):
    """A partner tier; tiers compare from Gold (lowest) to Elite."""

    GOLD = "gold"
    PLATINUM = "platinum"
    DIAMOND = "diamond"
    ELITE = "elite"

    @property
    def rank(self) -> int:
        """0 for Gold up to 3 for Elite."""
        return list(Tier).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tier):
            return NotImplemented
        return self.rank < other.rank


def _tier(value: Any) -> Tier:
    return member(Tier, value, field="tier", expected="gold, platinum, diamond or elite")


def _points(value: Any, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0:
        raise InvalidValueError(field, value, "a number of points of 0 or more")
    return number


def _sourced(value: Any) -> Decimal:
    return _points(value, "sourced")


def _assisted(value: Any) -> Decimal:
    return _points(value, "assisted")


def _managed(value: Any) -> Decimal:
    return _points(value, "managed")


@attrs.frozen
class PointsHeld:
    """Points per track. "Sold" is sourced plus assisted; "total" is all three."""

    sourced: Decimal = attrs.field(default=Decimal(0), converter=_sourced)
    assisted: Decimal = attrs.field(default=Decimal(0), converter=_assisted)
    managed: Decimal = attrs.field(default=Decimal(0), converter=_managed)

    def __add__(self, other: object) -> PointsHeld:
        if not isinstance(other, PointsHeld):
            return NotImplemented
        add = exact_context().add
        return PointsHeld(
            add(self.sourced, other.sourced),
            add(self.assisted, other.assisted),
            add(self.managed, other.managed),
        )

    @property
    def sold(self) -> Decimal:
        """Sourced plus assisted points."""
        return exact_context().add(self.sourced, self.assisted)

    @property
    def total(self) -> Decimal:
        """All points."""
        return exact_context().add(self.sold, self.managed)

    def sold_for_minimum(self, tracks: frozenset[Track]) -> Decimal:
        """The sold points a tier's sold minimum counts (sourced only from 2025-07-15)."""
        counted = Decimal(0)
        if Track.SOURCED in tracks:
            counted = exact_context().add(counted, self.sourced)
        if Track.ASSISTED in tracks:
            counted = exact_context().add(counted, self.assisted)
        return counted


# -- thresholds -----------------------------------------------------------------------------


def _required(value: Any) -> Decimal:
    return _points(value, "points")


def _optional_points(value: Any) -> Decimal | None:
    return None if value is None else _points(value, "managed_minimum")


def _optional_count(value: Any) -> int | None:
    return None if value is None else whole_number(value, field="qualifying_activities", minimum=0)


@attrs.frozen
class TierRequirement:
    """What one tier requires: total points, a sold minimum, an optional managed
    minimum and an optional number of qualifying activities in the period."""

    tier: Tier = attrs.field(converter=_tier)
    total: Decimal = attrs.field(converter=_required)
    sold_minimum: Decimal = attrs.field(converter=_required)
    managed_minimum: Decimal | None = attrs.field(default=None, converter=_optional_points)
    qualifying_activities: int | None = attrs.field(default=None, converter=_optional_count)


def _share(value: Any) -> Decimal | None:
    if value is None:
        return None
    share = to_decimal(value, field="retention")
    if not 0 <= share <= 1:
        raise InvalidValueError("retention", value, "a share from 0 to 1, such as 0.85")
    return share


def _flag(value: Any) -> bool:
    return boolean(value, field="flag")


@attrs.frozen
class EliteRequirements:
    """Elite's extra requirements (2022): an invitation, customer retention of at
    least, and dollar retention above, a share; a number of certifications."""

    invitation: bool = attrs.field(default=True, converter=_flag)
    customer_retention_min: Decimal | None = attrs.field(default=None, converter=_share)
    dollar_retention_above: Decimal | None = attrs.field(default=None, converter=_share)
    certifications_min: int | None = attrs.field(default=None, converter=_optional_count)


@attrs.frozen
class EliteStatus:
    """What a partner has toward Elite's extra requirements."""

    invited: bool = attrs.field(default=False, converter=_flag)
    customer_retention: Decimal = attrs.field(default=Decimal(0), converter=_share)
    dollar_retention: Decimal = attrs.field(default=Decimal(0), converter=_share)
    certifications: int = attrs.field(default=0, converter=_optional_count)


def _requirements(value: Any) -> tuple[TierRequirement, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, TierRequirement):
            raise InvalidTypeError("requirements", item, "a TierRequirement")
    tiers = [item.tier for item in items]
    if not items or tiers != sorted(set(tiers)):
        raise InvalidValueError(
            "requirements", [t.value for t in tiers], "one requirement per tier, from Gold up"
        )
    return items


@attrs.frozen
class Thresholds:
    """The tier thresholds you supply: one :class:`TierRequirement` per tier, from
    Gold up, Elite's extra requirements, and the period over which qualifying
    activities are counted."""

    requirements: tuple[TierRequirement, ...] = attrs.field(converter=_requirements)
    elite: EliteRequirements | None = None
    activity_period_days: int = 90

    def requirement(self, tier: Tier) -> TierRequirement | None:
        """The requirement of ``tier``, or None if the thresholds stop below it."""
        for item in self.requirements:
            if item.tier is tier:
                return item
        return None

    @property
    def top(self) -> Tier:
        """The highest tier the thresholds describe."""
        return self.requirements[-1].tier


_TIER_KEYS = frozenset({"total", "sold_minimum", "managed_minimum", "qualifying_activities"})
_ELITE_KEYS = frozenset(
    {"invitation", "customer_retention_min", "dollar_retention_above", "certifications_min"}
)


def thresholds_from_toml(text: str, *, source: str = "<string>") -> Thresholds:
    """Read thresholds written like ``docs/examples/thresholds.toml``; every problem
    is reported with its key in one :class:`ThresholdsFileError`."""
    import tomllib

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ThresholdsFileError(
            source, [RulesProblem("(document)", f"not valid TOML: {exc}")]
        ) from None
    problems: list[RulesProblem] = []
    requirements = []
    elite = None
    for key in data:
        if key not in {"schema", "activity_period_days"} and key not in {t.value for t in Tier}:
            problems.append(
                RulesProblem(key, "unknown key; expected a tier or activity_period_days")
            )
    for tier in Tier:
        table = data.get(tier.value)
        if table is None:
            continue
        if not isinstance(table, dict):
            problems.append(RulesProblem(tier.value, f"expected a table [{tier.value}]"))
            continue
        allowed = _TIER_KEYS | (_ELITE_KEYS if tier is Tier.ELITE else frozenset())
        for key in table:
            if key not in allowed:
                problems.append(
                    RulesProblem(
                        f"{tier.value}.{key}",
                        "unknown key; expected " + ", ".join(sorted(allowed)),
                    )
                )
        try:
            requirements.append(
                TierRequirement(
                    tier,
                    table.get("total"),
                    table.get("sold_minimum"),
                    table.get("managed_minimum"),
                    table.get("qualifying_activities"),
                )
            )
            if tier is Tier.ELITE:
                elite = EliteRequirements(
                    table.get("invitation", True),
                    table.get("customer_retention_min"),
                    table.get("dollar_retention_above"),
                    table.get("certifications_min"),
                )
        except HubPartnerError as exc:
            problems.append(RulesProblem(tier.value, str(exc)))
    try:
        period = whole_number(
            data.get("activity_period_days", 90), field="activity_period_days", minimum=1
        )
        if not problems:
            return Thresholds(requirements, elite, period)
    except HubPartnerError as exc:
        problems.append(RulesProblem("thresholds", str(exc)))
    raise ThresholdsFileError(source, problems)


def load_thresholds(path: str | PathLike[str]) -> Thresholds:
    """Read a thresholds TOML file (see :func:`thresholds_from_toml`)."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ThresholdsFileError(
            name, [RulesProblem("(file)", f"cannot be read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise ThresholdsFileError(name, [RulesProblem("(file)", "is not UTF-8 text")]) from None
    return thresholds_from_toml(text, source=name)


# -- evaluation -----------------------------------------------------------------------------


def _unmet(
    requirement: TierRequirement,
    points: PointsHeld,
    sold_tracks: frozenset[Track],
    activities: int | None,
    elite: EliteRequirements | None,
    status: EliteStatus | None,
) -> tuple[str, ...]:
    reasons = []
    if points.total < requirement.total:
        reasons.append(f"total points {points.total:f} < {requirement.total:f}")
    sold = points.sold_for_minimum(sold_tracks)
    if sold < requirement.sold_minimum:
        counted = " + ".join(t.value for t in Track if t in sold_tracks)
        reasons.append(f"sold points ({counted}) {sold:f} < {requirement.sold_minimum:f}")
    if requirement.managed_minimum is not None and points.managed < requirement.managed_minimum:
        reasons.append(f"managed points {points.managed:f} < {requirement.managed_minimum:f}")
    if requirement.qualifying_activities is not None:
        if activities is None:
            reasons.append("the number of qualifying activities was not given")
        elif activities < requirement.qualifying_activities:
            reasons.append(
                f"qualifying activities {activities} < {requirement.qualifying_activities}"
            )
    if requirement.tier is Tier.ELITE and elite is not None:
        have = status or EliteStatus()
        if elite.invitation and not have.invited:
            reasons.append("Elite is by invitation")
        if (
            elite.customer_retention_min is not None
            and have.customer_retention < elite.customer_retention_min
        ):
            reasons.append(
                f"customer retention {have.customer_retention} < {elite.customer_retention_min}"
            )
        if (
            elite.dollar_retention_above is not None
            and have.dollar_retention <= elite.dollar_retention_above
        ):
            above = elite.dollar_retention_above
            reasons.append(f"dollar retention {have.dollar_retention} is not above {above}")
        if elite.certifications_min is not None and have.certifications < elite.certifications_min:
            reasons.append(f"certifications {have.certifications} < {elite.certifications_min}")
    return tuple(reasons)


@attrs.frozen
class Evaluation:
    """The tier met (None below Gold or without certification) and, for every tier
    not met, why not."""

    tier: Tier | None
    unmet: tuple[tuple[Tier, tuple[str, ...]], ...]

    def reasons(self, tier: Tier) -> tuple[str, ...]:
        """Why ``tier`` is not met (empty when it is)."""
        return dict(self.unmet).get(tier, ())


_NO_CERTIFICATE = "no valid Solutions Partner certification"


def evaluate(
    points: PointsHeld,
    *,
    thresholds: Thresholds,
    certified: bool,
    rules: ProgramRules,
    activities: int | None = None,
    elite: EliteStatus | None = None,
) -> Evaluation:
    """The highest tier whose every requirement ``points`` meet.

    Without a valid Solutions Partner certification there is no tier. The sold
    minimum counts the tracks the rule set names (sourced only from 2025-07-15).
    """
    if not isinstance(points, PointsHeld):
        raise InvalidTypeError("points", points, "a PointsHeld")
    boolean(certified, field="certified")
    unmet = []
    met = None
    for requirement in thresholds.requirements:
        reasons = _unmet(
            requirement, points, rules.sold_minimum_tracks, activities, thresholds.elite, elite
        )
        if not certified:
            reasons = (_NO_CERTIFICATE, *reasons)
        if reasons:
            unmet.append((requirement.tier, reasons))
        else:
            met = requirement.tier
    return Evaluation(met, tuple(unmet))


# -- progress and insights ------------------------------------------------------------------


@attrs.frozen
class TrackProgress:
    """One track of the progress chart: points held, what the next tier requires and
    the gap (never negative), and the minimum to keep the current tier."""

    track: str
    held: Decimal
    next_required: Decimal | None
    gap: Decimal | None
    keep_required: Decimal | None


@attrs.frozen
class Progress:
    """Tier progress and insights: the current and next tier, per track."""

    tier: Tier | None
    next: Tier | None
    tracks: tuple[TrackProgress, ...]

    def track(self, name: str) -> TrackProgress:
        """The progress of ``name``: combined, sold or managed."""
        for item in self.tracks:
            if item.track == name:
                return item
        raise InvalidValueError("track", name, "combined, sold or managed")


def _gap(required: Decimal | None, held: Decimal) -> Decimal | None:
    if required is None:
        return None
    return max(Decimal(0), exact_context().subtract(required, held))


def progress(
    points: PointsHeld,
    *,
    thresholds: Thresholds,
    certified: bool,
    rules: ProgramRules,
    activities: int | None = None,
    elite: EliteStatus | None = None,
) -> Progress:
    """Per track (combined, sold, managed): the points held, the points the next tier
    requires and the gap, and the minimum that keeps the current tier. At the top
    tier there is no next tier."""
    result = evaluate(
        points,
        thresholds=thresholds,
        certified=certified,
        rules=rules,
        activities=activities,
        elite=elite,
    )
    current = result.tier
    following = [r.tier for r in thresholds.requirements if current is None or r.tier > current]
    nxt = following[0] if following else None
    upcoming = None if nxt is None else thresholds.requirement(nxt)
    keeping = None if current is None else thresholds.requirement(current)
    sold = points.sold_for_minimum(rules.sold_minimum_tracks)
    rows = [
        ("combined", points.total, "total"),
        ("sold", sold, "sold_minimum"),
        ("managed", points.managed, "managed_minimum"),
    ]
    tracks = []
    for name, held, attribute in rows:
        required = None if upcoming is None else getattr(upcoming, attribute)
        keep = None if keeping is None else getattr(keeping, attribute)
        tracks.append(TrackProgress(name, held, required, _gap(required, held), keep))
    return Progress(current, nxt, tuple(tracks))


# -- points over time -----------------------------------------------------------------------


def _client(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidTypeError("client", value, "a non-empty str")
    return value


def _sold_track(value: Any) -> Track:
    track = member(Track, value, field="track", expected="sourced or assisted")
    if not track.is_sold:
        raise InvalidValueError("track", value, "sourced or assisted")
    return track


def _day(value: Any) -> date:
    return calendar_date(value, field="on")


def _month(value: Any) -> date:
    return calendar_date(value, field="month").replace(day=1)


def _deal_points(value: Any) -> Decimal:
    return _points(value, "points")


@attrs.frozen
class SoldDeal:
    """Sold points earned on a day for a client, on a track, in a growth market or not."""

    client: str = attrs.field(converter=_client)
    on: date = attrs.field(converter=_day)
    track: Track = attrs.field(converter=_sold_track)
    points: Decimal = attrs.field(converter=_deal_points)
    growth_market: bool = attrs.field(default=False, converter=_flag)

    @classmethod
    def from_mrr(
        cls,
        client: str,
        on: date,
        mrr: Money,
        *,
        track: Track,
        market: str,
        product_line_first_sold: date | None = None,
        rules: ProgramRules | None = None,
    ) -> SoldDeal:
        """A deal whose points come from its MRR under the rules in force that day."""
        chosen = rules or for_date(on)
        earned = sold_points(
            mrr,
            track=track,
            market=market,
            rules=chosen,
            product_line_first_sold=product_line_first_sold,
        )
        return cls(client, on, track, earned, chosen.is_growth_market(market))


@attrs.frozen
class ManagedMonth:
    """The managed points a client earned the partner in one month."""

    client: str = attrs.field(converter=_client)
    month: date = attrs.field(converter=_month)
    points: Decimal = attrs.field(converter=_deal_points)
    growth_market: bool = attrs.field(default=False, converter=_flag)


@attrs.frozen
class Expiry:
    """A sold deal and the day its points stop counting."""

    deal: SoldDeal
    on: date


def _deals(value: Any) -> tuple[SoldDeal, ...]:
    return tuple(value)


def _months(value: Any) -> tuple[ManagedMonth, ...]:
    return tuple(value)


def _lifetime(value: Any) -> int:
    return whole_number(value, field="lifetime_months", minimum=1)


@attrs.frozen
class ClientPoints:
    """One client's row of the points breakdown."""

    client: str
    deals: tuple[SoldDeal, ...]
    managed: tuple[ManagedMonth, ...]
    active_sold: Decimal
    active_managed: Decimal


@attrs.frozen
class Ledger:
    """Every sold deal and every month of managed credit, and how long a sold point
    stays active (the rule set's lifetime, 12 months by default).

    Sold points are active from their day until ``lifetime_months`` later. A month's
    managed credit is active during that month: managed points measure what a partner
    manages now.
    """

    deals: tuple[SoldDeal, ...] = attrs.field(default=(), converter=_deals)
    managed: tuple[ManagedMonth, ...] = attrs.field(default=(), converter=_months)
    lifetime_months: int = attrs.field(default=12, converter=_lifetime)
    # Derived once: each deal with the day it expires, in the order of ``deals``;
    # and the managed points of each month.
    _expiring: tuple[tuple[SoldDeal, date], ...] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _by_month: Mapping[date, Decimal] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        life = relativedelta(months=self.lifetime_months)
        object.__setattr__(self, "_expiring", tuple((d, d.on + life) for d in self.deals))
        totals: dict[date, Decimal] = {}
        exact = exact_context()
        for entry in self.managed:
            totals[entry.month] = exact.add(totals.get(entry.month, Decimal(0)), entry.points)
        object.__setattr__(self, "_by_month", MappingProxyType(totals))

    def expires(self, deal: SoldDeal) -> date:
        """The day ``deal``'s points stop counting."""
        return deal.on + relativedelta(months=self.lifetime_months)

    def _active_deals(self, on: date) -> list[SoldDeal]:
        return [d for d, end in self._expiring if d.on <= on < end]

    def active(self, on: date) -> PointsHeld:
        """The points active on ``on``."""
        day = calendar_date(on, field="on")
        exact = exact_context()
        sourced = assisted = managed = Decimal(0)
        for deal in self._active_deals(day):
            if deal.track is Track.SOURCED:
                sourced = exact.add(sourced, deal.points)
            else:
                assisted = exact.add(assisted, deal.points)
        managed = self._by_month.get(day.replace(day=1), Decimal(0))
        return PointsHeld(sourced, assisted, managed)

    def earned_by(self, on: date) -> PointsHeld:
        """Every point earned up to ``on``, active or not."""
        day = calendar_date(on, field="on")
        return sum(
            (
                PointsHeld(
                    d.points if d.track is Track.SOURCED else 0,
                    d.points if d.track is Track.ASSISTED else 0,
                )
                for d in self.deals
                if d.on <= day
            ),
            PointsHeld(
                managed=sum((m.points for m in self.managed if m.month <= day), Decimal(0))
            ),
        )

    def expired(self, on: date) -> tuple[Expiry, ...]:
        """The deals whose points had expired by ``on``, and when."""
        day = calendar_date(on, field="on")
        return tuple(Expiry(d, end) for d, end in self._expiring if end <= day)

    def over_time(self, start: date, end: date) -> tuple[tuple[date, PointsHeld], ...]:
        """The active points at the end of each month from ``start`` to ``end``."""
        month = calendar_date(start, field="start").replace(day=1)
        last = calendar_date(end, field="end").replace(day=1)
        result = []
        while month <= last:
            month_end = month + relativedelta(months=1, days=-1)
            result.append((month_end, self.active(month_end)))
            month = month + relativedelta(months=1)
        return tuple(result)

    def expiring(self, as_of: date, months: int = 3) -> tuple[tuple[date, Decimal], ...]:
        """The sold points that will stop counting in each of the next ``months``
        months (named by their first day; the first is ``as_of``'s month, after
        ``as_of``)."""
        day = calendar_date(as_of, field="as_of")
        count = whole_number(months, field="months", minimum=1)
        result = []
        start = day.replace(day=1)
        for index in range(count):
            first = start + relativedelta(months=index)
            following = first + relativedelta(months=1)
            lower = max(first, day + relativedelta(days=1))
            total = sum(
                (d.points for d, end in self._expiring if lower <= end < following),
                Decimal(0),
            )
            result.append((first, total))
        return tuple(result)

    def breakdown(
        self, on: date, *, track: Track | None = None, growth_market: bool | None = None
    ) -> tuple[ClientPoints, ...]:
        """The points per client: each client's deals and managed months, and the
        points active on ``on``; filter by deal type (track) and market type."""
        day = calendar_date(on, field="on")
        deals = [
            d
            for d in self.deals
            if (track is None or d.track is track)
            and (growth_market is None or d.growth_market is growth_market)
        ]
        months = [
            m
            for m in self.managed
            if (track is None or track is Track.MANAGED)
            and (growth_market is None or m.growth_market is growth_market)
        ]
        if track is Track.MANAGED:
            deals = []
        by_client: dict[str, tuple[list[SoldDeal], list[ManagedMonth]]] = {}
        for deal in deals:
            by_client.setdefault(deal.client, ([], []))[0].append(deal)
        for entry in months:
            by_client.setdefault(entry.client, ([], []))[1].append(entry)
        active = set(self._active_deals(day))
        rows = []
        for client in sorted(by_client):
            own = tuple(by_client[client][0])
            managed = tuple(by_client[client][1])
            rows.append(
                ClientPoints(
                    client,
                    own,
                    managed,
                    sum((d.points for d in own if d in active), Decimal(0)),
                    sum((m.points for m in managed if m.month == day.replace(day=1)), Decimal(0)),
                )
            )
        return tuple(rows)


# -- re-evaluation ----------------------------------------------------------------------------


def _month_points(value: Any) -> PointsHeld:
    if not isinstance(value, PointsHeld):
        raise InvalidTypeError("points", value, "a PointsHeld")
    return value


@attrs.frozen
class MonthRecord:
    """A month of history: the points and the certification on its 15th."""

    month: date = attrs.field(converter=_month)
    points: PointsHeld = attrs.field(converter=_month_points)
    certified: bool = attrs.field(converter=_flag)
    activities: int | None = None
    elite: EliteStatus | None = None

    @property
    def day(self) -> date:
        """The 15th of the month, when the month is judged."""
        return self.month.replace(day=15)


class Change(enum.Enum):
    """What a month's decision did to the credited tier."""

    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    KEPT = "kept"
    NONE = "no change"


@attrs.frozen
class Decision:
    """The credited tier after one month, the tier met that month, and why."""

    on: date
    met: Tier | None
    credited: Tier | None
    change: Change
    reason: str


def _name(tier: Tier | None) -> str:
    return "no tier" if tier is None else tier.value.capitalize()


def reevaluate(
    history: Iterable[MonthRecord],
    *,
    thresholds: Thresholds,
    rules_for: Callable[[date], ProgramRules] = for_date,
    credited: Tier | None = None,
    earned_on: date | None = None,
) -> tuple[Decision, ...]:
    """Simulate the credited tier through a monthly history, with a decision and its
    reason each month.

    A tier met above the credited one is credited at once. Downgrades happen only on
    January 15 (window: August 15 - January 15) and July 15 (February 15 - July 15):
    never within 6 months of earning the tier; the tier is kept if its criteria were
    met in at least one month of the window, else the partner drops to the highest
    tier met in the window. A certification that has expired at a re-evaluation
    leads to a downgrade (no tier without certification).
    """
    records = sorted(history, key=lambda r: r.month)
    current = None if credited is None else _tier(credited)
    since = earned_on
    seen: list[tuple[date, Tier | None]] = []
    decisions = []
    for record in records:
        day = record.day
        met = evaluate(
            record.points,
            thresholds=thresholds,
            certified=record.certified,
            rules=rules_for(day),
            activities=record.activities,
            elite=record.elite,
        ).tier
        seen.append((day, met))
        if met is not None and (current is None or met > current):
            change, reason = Change.UPGRADE, f"met {_name(met)} criteria"
            current, since = met, day
        elif day.month not in (1, 7):
            change = Change.NONE
            reason = "downgrades happen only on January 15 and July 15"
        elif current is None:
            change, reason = Change.NONE, "no tier to re-evaluate"
        elif not record.certified:
            change, reason = Change.DOWNGRADE, "certification expired at re-evaluation"
            current, since = None, None
        elif since is not None and since + relativedelta(months=6) > day:
            change = Change.KEPT
            reason = f"earned on {since.isoformat()}, less than 6 months ago"
        else:
            window_start = day - relativedelta(months=5)
            window = [(d, m) for d, m in seen if window_start <= d <= day]
            kept = [d for d, m in window if m is not None and m >= current]
            if kept:
                change = Change.KEPT
                reason = (
                    f"met {_name(current)} criteria on {kept[-1].isoformat()}, within the window"
                )
            else:
                highest = max((m for _, m in window if m is not None), default=None)
                change = Change.DOWNGRADE
                reason = (
                    f"{_name(current)} criteria not met from {window_start.isoformat()} to "
                    f"{day.isoformat()}; highest tier met in the window: {_name(highest)}"
                )
                current, since = highest, (day if highest is not None else None)
        decisions.append(Decision(day, met, current, change, reason))
    return tuple(decisions)


# -- what-if ---------------------------------------------------------------------------------


@attrs.frozen
class WhatIf:
    """The MRR that would close the gap to ``tier`` on one track, or why it cannot."""

    tier: Tier | None
    points: Decimal
    mrr: Money | None
    reason: str


def what_if(
    points: PointsHeld,
    *,
    thresholds: Thresholds,
    certified: bool,
    rules: ProgramRules,
    currency: str,
    track: Track,
    market: str,
) -> WhatIf:
    """The MRR, in ``currency`` on ``track`` for a client in ``market``, that would
    close every point gap to the next tier (rounded up to the currency's minor unit,
    so that it is enough). Gaps a track cannot close (managed points do not count as
    sold) are named instead."""
    now = progress(points, thresholds=thresholds, certified=certified, rules=rules)
    if now.next is None:
        return WhatIf(None, Decimal(0), None, "already at the top tier")
    if not certified:
        return WhatIf(now.next, Decimal(0), None, _NO_CERTIFICATE)
    combined, sold, managed = (
        now.track(name).gap or Decimal(0) for name in ("combined", "sold", "managed")
    )
    counts_for_sold = track in rules.sold_minimum_tracks
    if sold > 0 and not counts_for_sold:
        return WhatIf(
            now.next,
            sold,
            None,
            f"{track.value} points do not count toward the sold minimum ({sold:f} short)",
        )
    if managed > 0 and track is not Track.MANAGED:
        return WhatIf(
            now.next,
            managed,
            None,
            f"only managed points close the managed gap ({managed:f} short)",
        )
    needed = max(
        combined,
        sold if counts_for_sold else Decimal(0),
        managed if track is Track.MANAGED else Decimal(0),
    )
    amount = points_to_money(needed, currency=currency, track=track, market=market, rules=rules)
    return WhatIf(
        now.next,
        needed,
        amount.quantized(Rounding.CEILING),
        f"closes the gap to {_name(now.next)}",
    )


# -- files ---------------------------------------------------------------------------------


def _yes(text: str, field: str) -> bool:
    value = text.lower()
    if value in ("yes", "true", "1"):
        return True
    if value in ("no", "false", "0", ""):
        return False
    raise InvalidValueError(field, text, "yes or no")


def read_ledger(path: str | PathLike[str], *, lifetime_months: int = 12) -> Ledger:
    """Read a points ledger from CSV: columns ``date``, ``client``, ``track`` (sourced,
    assisted or managed), ``points`` and, optionally, ``growth`` (yes/no). A managed
    row is the managed credit of its date's month. Every bad row is reported by line."""
    rows, problems = read_rows(
        path, required=("date", "client", "track", "points"), error=LedgerFileError
    )
    deals, months = [], []
    for line, cells in rows:
        try:
            on = date.fromisoformat(cells["date"])
            growth = _yes(cells.get("growth", ""), "growth")
            track = member(
                Track,
                cells["track"].lower(),
                field="track",
                expected="sourced, assisted or managed",
            )
            if track is Track.MANAGED:
                months.append(ManagedMonth(cells["client"], on, cells["points"], growth))
            else:
                deals.append(SoldDeal(cells["client"], on, track, cells["points"], growth))
        except (HubPartnerError, ValueError) as exc:
            problems.append(RowProblem(line, str(exc)))
    if problems:
        problems.sort(key=lambda problem: problem.line)
        raise LedgerFileError(str(path), problems)
    return Ledger(deals, months, lifetime_months)


def _month_cell(text: str) -> date:
    try:
        return date.fromisoformat(text + "-01")
    except ValueError:
        raise InvalidValueError(
            "month", text, "a month written YYYY-MM, such as 2025-03"
        ) from None


def read_history(path: str | PathLike[str]) -> tuple[MonthRecord, ...]:
    """Read a monthly history from CSV: columns ``month`` (YYYY-MM), ``sourced``,
    ``assisted``, ``managed`` and ``certified`` (yes/no). Every bad row is reported."""
    rows, problems = read_rows(
        path,
        required=("month", "sourced", "assisted", "managed", "certified"),
        error=LedgerFileError,
    )
    records = []
    for line, cells in rows:
        try:
            month = _month_cell(cells["month"])
            held = PointsHeld(
                cells["sourced"] or "0", cells["assisted"] or "0", cells["managed"] or "0"
            )
            records.append(MonthRecord(month, held, _yes(cells["certified"], "certified")))
        except (HubPartnerError, ValueError) as exc:
            problems.append(RowProblem(line, str(exc)))
    if problems:
        problems.sort(key=lambda problem: problem.line)
        raise LedgerFileError(str(path), problems)
    return tuple(records)
