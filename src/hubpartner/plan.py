"""Plan the next tier: what is at risk before the next re-evaluation, what each
opportunity in the client base is worth in points, and the smallest set of actions
that reaches (or keeps) a tier by a day.

Nothing here is a new rule: the points come from :mod:`~hubpartner.points`, the
lapse of managed credit from :mod:`~hubpartner.managed`, expirations from the
:class:`~hubpartner.ledger.Ledger`, the credited tier from
:func:`~hubpartner.tiers.reevaluate`, the opportunities from
:func:`~hubpartner.engagement.opportunities` and their MRR from your price list.
:func:`smallest_set` is exact: no smaller set of the actions given closes the gaps,
and no set as small costs less MRR::

    >>> from datetime import date
    >>> from hubpartner import rules
    >>> from hubpartner.plan import Action, Needed, smallest_set
    >>> actions = [Action("c1", "cross-sell", "sourced", 60, mrr=Money("1200", "USD"),
    ...                   offer="sales:starter"),
    ...            Action("c2", "upsell", "sourced", 40, mrr=Money("800", "USD"),
    ...                   offer="marketing:enterprise"),
    ...            Action("c3", "upsell", "sourced", 25, mrr=Money("500", "USD"),
    ...                   offer="service:professional")]
    >>> chosen = smallest_set(actions, Needed(total=60, sold=60),
    ...                       rules=rules.for_date(date(2025, 8, 1)))
    >>> [action.client for action in chosen]
    ['c1']
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from . import _choose
from ._checks import (
    Choice,
    boolean,
    calendar_date,
    each,
    instance,
    instance_of,
    is_day,
    is_flag,
    is_key,
    is_optional_count,
    is_optional_day,
    is_text,
    member,
    month_starts,
    non_empty,
    sequence,
    to_points,
    to_tuple,
    whole_number,
)
from ._prices import Price, PriceList, load_prices, prices_from_toml
from ._said import a_value, and_list, plain
from .clients import ClientRecord, Portfolio
from .decimals import EXACT, exact_context
from .engagement import Catalogue, OpportunityKind, Subscription, opportunities
from .errors import InvalidTypeError, InvalidValueError, MissingPriceError, PricesFileError
from .ledger import Ledger, PointsHeld
from .managed import (
    Condition,
    Event,
    ManagedRules,
    _replay,
    default_managed_rules,
    managed_credit_status,
)
from .markets import market_code
from .messages import Message, joined, message, plural
from .money import Money
from .points import present, sold_points
from .rules import ProgramRules, Track, for_date, rules_function, rules_in_force
from .tiers import (
    EliteStatus,
    MonthRecord,
    Thresholds,
    Tier,
    TierRequirement,
    _beyond_points,
    _to_optional_tier,
    _to_reasons,
    evaluate,
    reevaluate,
    sold_track_name,
)

__all__ = [
    "Action",
    "ActionKind",
    "ExpiringPoints",
    "ManagedRisk",
    "MissingPriceError",
    "Needed",
    "Plan",
    "PlannedAction",
    "Price",
    "PriceList",
    "PricesFileError",
    "Shortfall",
    "TierOutlook",
    "TierPlan",
    "expiring_points",
    "load_prices",
    "managed_risks",
    "next_reevaluation",
    "outlook",
    "plan",
    "plan_actions",
    "prices_from_toml",
    "sale_actions",
    "smallest_set",
]

_ZERO = Decimal(0)

T = TypeVar("T")


# -- actions ----------------------------------------------------------------------------


class ActionKind(Choice):
    """What an action does: sell the next edition of a hub the client has (upsell),
    sell a hub it lacks (cross-sell), or do a qualifying activity that keeps managed
    credit (keep-managed)."""

    FIELD = enum.nonmember("kind")

    UPSELL = "upsell"
    CROSS_SELL = "cross-sell"
    KEEP_MANAGED = "keep-managed"

    @property
    def label(self) -> Message:
        """The kind in words, a message said in every language (its ``value`` is the
        name files and JSON use)."""
        if self is ActionKind.UPSELL:
            # Translators: an action of a plan: sell the next edition of a hub
            return message("upsell")
        if self is ActionKind.CROSS_SELL:
            # Translators: an action of a plan: sell a hub the client lacks
            return message("cross-sell")
        # Translators: an action of a plan: a qualifying activity that keeps managed credit
        return message("keep managed credit")


def _optional_offer(value: Any) -> Subscription | None:
    return None if value is None else Subscription.of(value, field="offer")


def _optional_window(value: Any) -> tuple[date, date] | None:
    if value is None:
        return None
    if not isinstance(value, tuple) or len(value) != 2:
        raise InvalidTypeError("window", value, message("a pair of dates (from, until), or None"))
    start = calendar_date(value[0], field="window")
    end = calendar_date(value[1], field="window")
    if end < start:
        raise InvalidValueError("window", value, message("a first day on or before the last"))
    return (start, end)


@attrs.frozen
class Action:
    """Something the partner can do for a client, valued in points on one track.

    A sale (``upsell`` or ``cross-sell``) names its ``offer`` and the ``mrr`` it adds,
    and earns sold points on ``track`` (sourced or assisted). A ``keep-managed``
    action is a qualifying activity between the two days of its ``window``; it adds
    no MRR and keeps the client's managed points a month on the managed track.
    """

    client: str = attrs.field(validator=is_key)
    kind: ActionKind = attrs.field(converter=ActionKind)
    track: Track = attrs.field(converter=Track)
    points: Decimal = attrs.field(converter=to_points)
    mrr: Money | None = attrs.field(
        default=None, validator=instance_of(Money, a_value(Money, or_none=True), optional=True)
    )
    offer: Subscription | None = attrs.field(default=None, converter=_optional_offer)
    window: tuple[date, date] | None = attrs.field(default=None, converter=_optional_window)

    def __attrs_post_init__(self) -> None:
        if self.kind is ActionKind.KEEP_MANAGED:
            if self.track is not Track.MANAGED:
                raise InvalidValueError("track", self.track.value, message("managed"))
            if self.mrr is not None:
                raise InvalidValueError(
                    "mrr", self.mrr, message("None: keeping managed credit adds no MRR")
                )
            if self.window is None:
                raise InvalidValueError(
                    "window", None, message("the days between which the activity keeps credit")
                )
            return
        if not self.track.is_sold:
            raise InvalidValueError("track", self.track.value, message("sourced or assisted"))
        if self.mrr is None or self.mrr.amount <= 0:
            raise InvalidValueError("mrr", self.mrr, message("the MRR the sale adds, above 0"))
        if self.offer is None:
            raise InvalidValueError("offer", None, message("the subscription the sale offers"))

    @property
    def held(self) -> PointsHeld:
        """The action's points, on its track."""
        return PointsHeld(**{self.track.value: self.points})

    def said(self, rules: ProgramRules | None = None) -> Message:
        """The action in words, its points rounded by ``rules``' presentation policy
        (exact without rules)."""
        points = plain(self.points) if rules is None else _shown(self.points, rules)
        if self.kind is ActionKind.KEEP_MANAGED:
            assert self.window is not None
            return message(
                "{client}: a qualifying activity from {start} to {end} keeps {points} managed "
                "points a month",
                client=self.client,
                start=self.window[0],
                end=self.window[1],
                points=points,
            )
        # Translators: {kind} is upsell or cross-sell, {offer} a subscription as data
        # writes it (such as 'sales:professional'), {track} sourced or assisted
        return message(
            "{client}: {kind} {offer}, MRR +{mrr}, {points} {track} points",
            client=self.client,
            kind=self.kind.label,
            offer=str(self.offer),
            mrr=self.mrr,
            points=points,
            track=self.track.label,
        )


@attrs.frozen
class Needed:
    """The points still needed on each requirement of a tier: in total, toward the
    sold minimum (on the tracks the rule set counts), and managed."""

    total: Decimal = attrs.field(default=_ZERO, converter=to_points)
    sold: Decimal = attrs.field(default=_ZERO, converter=to_points)
    managed: Decimal = attrs.field(default=_ZERO, converter=to_points)

    @classmethod
    def between(
        cls, held: PointsHeld, requirement: TierRequirement, rules: ProgramRules
    ) -> Needed:
        """What ``held`` lacks of ``requirement``'s points under ``rules``."""
        instance(held, PointsHeld, field="held", expected=a_value(PointsHeld))
        instance(
            requirement, TierRequirement, field="requirement", expected=a_value(TierRequirement)
        )
        _rules(rules)
        exact = exact_context()

        def short(required: Decimal | None, have: Decimal) -> Decimal:
            return _ZERO if required is None else max(_ZERO, exact.subtract(required, have))

        return cls(
            short(requirement.total, held.total),
            short(requirement.sold_minimum, held.sold_for_minimum(rules.sold_minimum_tracks)),
            short(requirement.managed_minimum, held.managed),
        )

    @property
    def any(self) -> bool:
        """Whether any points are still needed."""
        return bool(self.total or self.sold or self.managed)

    def said(self, rules: ProgramRules) -> Message:
        """The gaps left, in words (``rules`` name the sold minimum's tracks and round
        the points by their presentation policy)."""
        _rules(rules)
        tracks = and_list([t.label for t in Track if t in rules.sold_minimum_tracks])
        parts = []
        if self.total:
            parts.append(message("total points {short} short", short=_shown(self.total, rules)))
        if self.sold:
            parts.append(
                message(
                    "sold minimum ({tracks}) {short} short",
                    tracks=tracks,
                    short=_shown(self.sold, rules),
                )
            )
        if self.managed:
            parts.append(
                message("managed minimum {short} short", short=_shown(self.managed, rules))
            )
        return joined(parts, "; ")


def _shown(points: Decimal, rules: ProgramRules) -> Decimal:
    """Points as a message shows them: rounded by ``rules``' presentation policy,
    without trailing zeros (120, 24.72)."""
    return plain(present(points, rules=rules).normalize(exact_context()))


def smallest_set(
    actions: Iterable[Action], needed: Needed, *, rules: ProgramRules
) -> tuple[Action, ...] | None:
    """The fewest of ``actions`` whose points close every gap of ``needed`` — sold
    points count toward the sold minimum only on the tracks ``rules`` name, managed
    points only toward the managed minimum and the total — and among the smallest
    sets, the one that adds the least MRR (compared in USD through ``rules``' local
    amounts); None if all of them together cannot. Exact; see
    :mod:`hubpartner._choose` for the search and its cost.

    The actions come back in the order given.
    """
    chosen = _each_of(actions, Action, field="actions")
    instance(needed, Needed, field="needed", expected=a_value(Needed))
    _rules(rules)
    costs: dict[Money | None, Fraction] = {}  # equal MRR, one conversion
    items = []
    for index, action in enumerate(chosen):
        if action.mrr not in costs:
            costs[action.mrr] = Fraction(0) if action.mrr is None else rules.in_usd(action.mrr)
        kind = (
            _choose.M
            if action.track is Track.MANAGED
            else _choose.A
            if action.track in rules.sold_minimum_tracks
            else _choose.B
        )
        items.append(_choose.Item(kind, action.points, costs[action.mrr], index))
    found = _choose.choose(items, needed.total, needed.sold, needed.managed)
    return None if found is None else tuple(chosen[i] for i in sorted(found))


def _each_of(values: Any, kind: type[T], *, field: str) -> list[T]:
    """``values`` (a list or another iterable, not a bare ``str``) as a list, each
    checked to be a ``kind``; an error names ``field`` and the item's position."""
    found = list(sequence(values, field=field))
    for index, value in enumerate(found):
        if not isinstance(value, kind):
            raise InvalidTypeError(f"{field}[{index}]", value, a_value(kind))
    return found


def _rules(value: Any) -> ProgramRules:
    return instance(value, ProgramRules, field="rules", expected=a_value(ProgramRules))


def _optional(value: Any, kind: type[T], *, field: str) -> T | None:
    """``value``, None or checked to be a ``kind`` (the error names ``field``)."""
    if value is None:
        return None
    return instance(value, kind, field=field, expected=a_value(kind, or_none=True))


def _default_market(value: Any) -> str | None:
    return None if value is None else market_code(value, field="default_market")


# -- the next re-evaluation -------------------------------------------------------------


def next_reevaluation(
    as_of: date, *, rules_for: Callable[[date], ProgramRules] = for_date
) -> date:
    """The first re-evaluation day after ``as_of`` under the rules in force on it
    (January 15 or July 15 in the published rules).

        >>> next_reevaluation(date(2025, 8, 1)), next_reevaluation(date(2026, 1, 15))
        (datetime.date(2026, 1, 15), datetime.date(2026, 7, 15))
    """
    day = calendar_date(as_of, field="as_of")
    rules_for = rules_function(rules_for)
    for year in range(day.year, min(day.year + 2, date.max.year) + 1):
        for held_on in rules_in_force(rules_for, day).reevaluation.days:
            candidate = date(year, held_on.on.month, held_on.on.day)
            if candidate > day and rules_in_force(rules_for, candidate).reevaluation.on(candidate):
                return candidate
    raise InvalidValueError(
        "as_of", day, message("a date before the calendar's last re-evaluation day")
    )


# -- risks ------------------------------------------------------------------------------


@attrs.frozen
class ManagedRisk:
    """One managed client's credit on the way to the planned day.

    ``points`` are the managed points of its latest month in the ledger (on or before
    the day of the plan). ``receiving`` is None when no events were given for the
    client, so when its credit lapses is not known (the plan assumes it continues).
    ``lapses_on`` is the day credit stops unless a qualifying activity comes first,
    and ``days_left`` the days until then. ``reasons`` say why it is not received,
    or when it lapses.
    """

    client: str = attrs.field(validator=is_key)
    points: Decimal = attrs.field(converter=to_points)
    receiving: bool | None = attrs.field(validator=attrs.validators.optional(is_flag))
    last_activity: date | None = attrs.field(validator=is_optional_day)
    lapses_on: date | None = attrs.field(validator=is_optional_day)
    days_left: int | None = attrs.field(validator=is_optional_count)
    lapses_by_plan: bool = attrs.field(validator=is_flag)
    reasons: tuple[str, ...] = attrs.field(converter=_to_reasons)
    # The days a qualifying activity keeps (or restarts) credit through the planned
    # day, when one activity is all it takes; None otherwise.
    window: tuple[date, date] | None = attrs.field(default=None, converter=_optional_window)


@attrs.frozen
class ExpiringPoints:
    """Sold points of one client and track that expire after the day of the plan and
    on or before the planned day, and the first day they do."""

    client: str = attrs.field(validator=is_key)
    track: Track = attrs.field(converter=Track)
    points: Decimal = attrs.field(converter=to_points)
    first_on: date = attrs.field(validator=is_day)


def _monthly_points(ledger: Ledger, as_of: date) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Each client's managed points of its latest month in the ledger on or before
    ``as_of``'s month: of those whose latest month is ``as_of``'s or the one before
    (credit the ledger shows as current: a month's row may not be there yet), and of
    every client."""
    month = as_of.replace(day=1)
    before = (month - timedelta(days=1)).replace(day=1) if month > date.min else month
    latest: dict[str, tuple[date, Decimal]] = {}
    for entry in ledger.managed:
        if entry.month <= month and (
            entry.client not in latest or entry.month > latest[entry.client][0]
        ):
            latest[entry.client] = (entry.month, entry.points)
    recent = {c: points for c, (m, points) in latest.items() if m >= before}
    return recent, {c: points for c, (_, points) in latest.items()}


def managed_risks(
    ledger: Ledger,
    *,
    as_of: date,
    by: date,
    events: Mapping[str, Iterable[Event]] | None = None,
    portfolio: Portfolio | None = None,
    rules: ManagedRules | None = None,
) -> tuple[ManagedRisk, ...]:
    """Every managed client — with managed points in ``as_of``'s month, managed in the
    ``portfolio``, or with ``events`` — and when its credit lapses, soonest first
    (clients whose lapse is not known last, then by client).

    ``events`` maps a client to its relationship's events (see
    :mod:`hubpartner.managed`); the lapse period is ``rules``' (60 days by default).
    """
    day, until = _days(as_of, by)
    instance(ledger, Ledger, field="ledger", expected=a_value(Ledger))
    portfolio = _optional(portfolio, Portfolio, field="portfolio")
    timelines = _timelines(events)
    chosen = default_managed_rules() if rules is None else rules
    instance(chosen, ManagedRules, field="rules", expected=a_value(ManagedRules, or_none=True))
    lapse = chosen.lapse_days
    # The first day an activity keeps credit through ``until``: its lapse day is after it.
    keeps_from = max(day, until - timedelta(days=lapse - 1))
    recent, latest = _monthly_points(ledger, day)
    clients = set(recent) | set(timelines)
    if portfolio is not None:
        instance(
            portfolio, Portfolio, field="portfolio", expected=a_value(Portfolio, or_none=True)
        )
        clients |= {c.id for c in portfolio.clients if c.relationship.managed}
    found = []
    for client in sorted(clients):
        points = latest.get(client, _ZERO)
        if client not in timelines:
            found.append(
                ManagedRisk(
                    client,
                    points,
                    None,
                    None,
                    None,
                    None,
                    False,
                    (
                        message(
                            "no events given for this client: when its credit lapses is not known"
                        ),
                    ),
                )
            )
            continue
        status = managed_credit_status(timelines[client], as_of=day, rules=chosen)
        counted = _replay(timelines[client], day, chosen).last_activity.values()
        last = max(counted, default=None)
        if status.receiving:
            assert status.lapses_on is not None
            lapses = status.lapses_on <= until
            found.append(
                ManagedRisk(
                    client,
                    points,
                    True,
                    last,
                    status.lapses_on,
                    (status.lapses_on - day).days,
                    lapses,
                    (
                        message(
                            "credit lapses on {day} unless a qualifying activity comes first",
                            day=status.lapses_on,
                        ),
                    ),
                    (keeps_from, until) if lapses else None,
                )
            )
            continue
        # one qualifying activity is all it takes: a relationship ended at once and
        # not set up again misses its client's assignment too
        restartable = status.missing == (Condition.QUALIFYING_ACTIVITY,)
        found.append(
            ManagedRisk(
                client,
                points,
                False,
                last,
                None,
                None,
                True,
                status.reasons,
                (keeps_from, until) if restartable else None,
            )
        )
    return tuple(
        sorted(
            found,
            key=lambda risk: (
                risk.receiving is None,
                risk.days_left if risk.days_left is not None else -1,
                risk.client,
            ),
        )
    )


def expiring_points(ledger: Ledger, *, as_of: date, by: date) -> tuple[ExpiringPoints, ...]:
    """The sold points active on ``as_of`` that expire on or before ``by``, per client
    and track, soonest first (then by client and track)."""
    day, until = _days(as_of, by)
    instance(ledger, Ledger, field="ledger", expected=a_value(Ledger))
    totals: dict[tuple[str, Track], tuple[Decimal, date]] = {}
    exact = exact_context()
    for deal in ledger.deals:
        if deal.on > day:
            continue
        ends = ledger.expires(deal)
        if day < ends <= until:
            points, first = totals.get((deal.client, deal.track), (_ZERO, ends))
            totals[(deal.client, deal.track)] = (exact.add(points, deal.points), min(first, ends))
    order = list(Track)
    return tuple(
        ExpiringPoints(client, track, points, first)
        for (client, track), (points, first) in sorted(
            totals.items(), key=lambda item: (item[1][1], item[0][0], order.index(item[0][1]))
        )
    )


def _days(as_of: date, by: date) -> tuple[date, date]:
    day = calendar_date(as_of, field="as_of")
    until = calendar_date(by, field="by")
    if until <= day:
        raise InvalidValueError("by", until, message("a day after as_of ({day})", day=day))
    return day, until


def _timelines(events: Mapping[str, Iterable[Event]] | None) -> dict[str, tuple[Event, ...]]:
    if events is None:
        return {}
    if not isinstance(events, Mapping):
        raise InvalidTypeError(
            "events", events, message("a mapping of client to its events, or None")
        )
    found = {}
    for client, timeline in events.items():
        non_empty(client, field="events")
        found[client] = tuple(_each_of(timeline, Event, field=f"events[{client}]"))
    return found


# -- the outlook ------------------------------------------------------------------------


def _described(thresholds: Thresholds, tier: Any, *, field: str) -> Tier:
    """``tier`` as a :class:`Tier` the ``thresholds`` describe (``field`` names it)."""
    chosen = member(Tier, tier, field=field)
    if thresholds.requirement(chosen) is None:
        raise InvalidValueError(
            field,
            chosen.value,
            message(
                "a tier the thresholds describe: {tiers}",
                tiers=and_list([r.tier.label for r in thresholds.requirements]),
            ),
        )
    return chosen


@attrs.frozen
class Shortfall:
    """One track of a tier's points on the planned day: held, required, short."""

    track: str = attrs.field(validator=is_text)
    held: Decimal = attrs.field(converter=to_points)
    required: Decimal = attrs.field(converter=to_points)

    @property
    def short(self) -> Decimal:
        """The points missing (0 when the requirement is met)."""
        return max(_ZERO, exact_context().subtract(self.required, self.held))


@attrs.frozen
class TierOutlook:
    """The tier on the planned day with no new business.

    ``now`` is the tier credited on the day of the plan, ``met`` the tier the points
    projected to the planned day meet, and ``credited`` the tier the re-evaluations
    up to that day leave (the history of the window with the projection). ``held``
    are the projected points; ``shortfalls`` compare them with ``now``'s
    requirements, track by track; ``reason`` is the last re-evaluation decision's.
    """

    as_of: date = attrs.field(validator=is_day)
    by: date = attrs.field(validator=is_day)
    now: Tier | None = attrs.field(converter=_to_optional_tier)
    met: Tier | None = attrs.field(converter=_to_optional_tier)
    credited: Tier | None = attrs.field(converter=_to_optional_tier)
    held: PointsHeld = attrs.field(validator=instance_of(PointsHeld, a_value(PointsHeld)))
    shortfalls: tuple[Shortfall, ...] = attrs.field(
        converter=to_tuple, validator=each(Shortfall, a_value(Shortfall))
    )
    reason: str = attrs.field(validator=is_text)

    @property
    def safe(self) -> bool:
        """Whether the tier credited now is still credited on the planned day."""
        return self.now is None or (self.credited is not None and self.credited >= self.now)

    def said(self) -> Message:
        """Whether the tier is safe, in words."""
        if self.now is None:
            return message("no tier is credited now, so none is at risk")
        if self.safe:
            return message("{tier} is safe on {day}", tier=self.now.label, day=self.by)
        if self.credited is None:
            return message(
                "{tier} is at risk: on {day} the partner would have no tier",
                tier=self.now.label,
                day=self.by,
            )
        return message(
            "{tier} is at risk: on {day} the partner would be credited {credited}",
            tier=self.now.label,
            day=self.by,
            credited=self.credited.label,
        )


class _Projection:
    """The points on a day: the ledger's up to the day of the plan; after it, the
    sold points of deals made by then that are still active, and the managed points
    of the clients whose credit continues."""

    def __init__(self, ledger: Ledger, as_of: date, risks: Iterable[ManagedRisk]) -> None:
        self.ledger = ledger
        self.as_of = as_of
        self.sold = attrs.evolve(ledger, deals=[d for d in ledger.deals if d.on <= as_of])
        self.current = _monthly_points(ledger, as_of)[0]
        self.lapses = {
            risk.client: risk.lapses_on if risk.receiving else as_of
            for risk in risks
            if risk.receiving is not None
        }

    def on(self, day: date) -> PointsHeld:
        if day <= self.as_of:
            return self.ledger.active(day)
        sold = self.sold.active(day)
        exact = exact_context()
        managed = _ZERO
        for client, points in self.current.items():
            lapses = self.lapses.get(client)
            if lapses is None or lapses > day:
                managed = exact.add(managed, points)
        return PointsHeld(sold.sourced, sold.assisted, managed)


def outlook(
    ledger: Ledger,
    *,
    thresholds: Thresholds,
    as_of: date,
    by: date,
    certified: bool = True,
    activities: int | None = None,
    elite: EliteStatus | None = None,
    credited: Tier | None = None,
    earned_on: date | None = None,
    risks: Iterable[ManagedRisk] = (),
    rules_for: Callable[[date], ProgramRules] = for_date,
) -> TierOutlook:
    """Simulate forward to ``by`` with no new business: sold points expire as the
    ledger says, managed credit continues except where ``risks`` (from
    :func:`managed_risks`) say it lapses, and each month from the start of ``by``'s
    re-evaluation window is judged as :func:`~hubpartner.tiers.reevaluate` judges it.
    ``credited`` is the tier credited before the first month of the window (by
    default the tier met on ``as_of``) and ``earned_on`` when it was earned, as
    ``reevaluate`` takes them; the tier credited now is the one the months judged by
    ``as_of`` leave."""
    day, until = _days(as_of, by)
    instance(thresholds, Thresholds, field="thresholds", expected=a_value(Thresholds))
    instance(ledger, Ledger, field="ledger", expected=a_value(Ledger))
    boolean(certified, field="certified")
    rules_for = rules_function(rules_for)
    projection = _Projection(ledger, day, _each_of(risks, ManagedRisk, field="risks"))
    if credited is None:
        start = evaluate(
            ledger.active(day),
            thresholds=thresholds,
            certified=certified,
            rules=rules_in_force(rules_for, day),
            activities=activities,
            elite=elite,
        ).tier
    else:
        start = _described(thresholds, credited, field="credited")
    if earned_on is not None and calendar_date(earned_on, field="earned_on") > day:
        raise InvalidValueError(
            "earned_on", earned_on, message("a day on or before as_of ({day})", day=day)
        )
    by_rules = rules_in_force(rules_for, until)
    held = projection.on(until)
    met = evaluate(
        held,
        thresholds=thresholds,
        certified=certified,
        rules=by_rules,
        activities=activities,
        elite=elite,
    ).tier
    reevaluation = by_rules.reevaluation.on(until)
    first = (reevaluation.window_start(until, field="by") if reevaluation else day).replace(day=1)
    history = []
    for month in month_starts(first, until, field="by"):
        judged = month.replace(day=rules_in_force(rules_for, month).reevaluation.judgement_day)
        if judged > until:
            judged = until
        history.append(MonthRecord(month, projection.on(judged), certified, activities, elite))
    decisions = reevaluate(
        history,
        thresholds=thresholds,
        rules_for=rules_for,
        credited=start,
        earned_on=earned_on,
        partial_windows=True,
    )
    last = decisions[-1]
    # The tier credited on ``as_of``: after the months of the window judged by then (a
    # tier met is credited at once), else the one given or met that day.
    now = next((d.credited for d in reversed(decisions) if d.on <= day), start)
    shortfalls: list[Shortfall] = []
    requirement = None if now is None else thresholds.requirement(now)
    if requirement is not None:
        shortfalls.append(Shortfall("combined", held.total, requirement.total))
        shortfalls.append(
            Shortfall(
                sold_track_name(by_rules.sold_minimum_tracks),
                held.sold_for_minimum(by_rules.sold_minimum_tracks),
                requirement.sold_minimum,
            )
        )
        if requirement.managed_minimum is not None:
            shortfalls.append(Shortfall("managed", held.managed, requirement.managed_minimum))
    return TierOutlook(day, until, now, met, last.credited, held, shortfalls, last.reason)


# -- opportunities ----------------------------------------------------------------------


def _market(client: ClientRecord, default_market: str | None) -> str:
    if client.market is not None:
        return client.market
    if default_market is None:
        raise InvalidValueError(
            "market",
            None,
            message(
                "the market of client {client}: a market column in the portfolio, or "
                "default_market (--market on the command line) for clients without one",
                client=client.id,
            ),
        )
    return default_market


def sale_actions(
    portfolio: Portfolio,
    *,
    prices: PriceList,
    rules: ProgramRules,
    track: Track = Track.SOURCED,
    default_market: str | None = None,
    catalogue: Catalogue | None = None,
    first_sold: Mapping[tuple[str, str], date] | None = None,
) -> tuple[Action, ...]:
    """Every client's engagement opportunities — the next edition of each hub it has,
    the first paid edition of each hub it lacks — as sales: the MRR each adds at the
    ``prices`` in the client's currency (an upsell adds the difference between the
    two editions' prices), and the sold points that MRR earns on ``track`` for a
    client in its market under ``rules``. An offer that adds no MRR earns nothing and
    is left out; a client with no products has no currency to price in, and is too.

    An upsell is valued as a product line first sold on or after the rule set's
    legacy cut-off (2024-02-27) unless ``first_sold`` maps the client and hub
    (``("c-001", "marketing")``) to the day the line was first sold: a line first
    sold before it keeps the legacy rate. The MRR an upsell adds is the difference
    of the two editions' list prices, not of what the client pays now.

    A missing price is an error (:class:`~hubpartner.errors.MissingPriceError`) that
    names the hub, the edition and the currency.
    """
    instance(portfolio, Portfolio, field="portfolio", expected=a_value(Portfolio))
    instance(prices, PriceList, field="prices", expected=a_value(PriceList))
    _rules(rules)
    track = member(Track, track, field="track")
    if not track.is_sold:
        raise InvalidValueError("track", track.value, message("sourced or assisted"))
    lines = _first_sold(first_sold)
    default_market = _default_market(default_market)
    found = []
    priced: dict[tuple[Subscription, str], Money] = {}  # each offer priced once

    def price(offer: Subscription, currency: str) -> Money:
        if (offer, currency) not in priced:
            priced[(offer, currency)] = prices.price(offer, currency)
        return priced[(offer, currency)]

    for client in sorted(portfolio.clients, key=lambda c: c.id):
        if client.mrr is None:
            continue
        currency = client.mrr.currency
        market = _market(client, default_market)
        held = {s.hub: s for s in client.subscriptions}
        for opportunity in opportunities(client.subscriptions, catalogue=catalogue):
            offer = opportunity.offer
            mrr = price(offer, currency)
            if opportunity.kind is OpportunityKind.UPSELL:
                mrr = mrr - price(held[offer.hub], currency)
                kind = ActionKind.UPSELL
            else:
                kind = ActionKind.CROSS_SELL
            if mrr.amount <= 0:
                continue
            points = sold_points(
                mrr,
                track=track,
                market=market,
                rules=rules,
                product_line_first_sold=lines.get((client.id, offer.hub))
                if kind is ActionKind.UPSELL
                else None,
            )
            found.append(Action(client.id, kind, track, points, mrr, offer))
    return tuple(found)


def _first_sold(value: Any) -> dict[tuple[str, str], date]:
    """``first_sold`` checked: (client, hub) pairs mapped to days."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "first_sold",
            value,
            message("a mapping of (client, hub) to the day the line was first sold, or None"),
        )
    found = {}
    for key, day in value.items():
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
            raise InvalidTypeError("first_sold", key, message("a (client, hub) pair of texts"))
        found[key] = calendar_date(day, field=f"first_sold[{key[0]}, {key[1]}]")
    return found


def _keep_actions(risks: Iterable[ManagedRisk]) -> tuple[Action, ...]:
    return tuple(
        Action(
            risk.client, ActionKind.KEEP_MANAGED, Track.MANAGED, risk.points, window=risk.window
        )
        for risk in risks
        if risk.window is not None and risk.points > 0
    )


# -- the plan ---------------------------------------------------------------------------


@attrs.frozen
class PlannedAction:
    """An action of a plan and why it is there: the gaps its points help close."""

    action: Action = attrs.field(validator=instance_of(Action, a_value(Action)))
    reason: str = attrs.field(validator=is_text)


@attrs.frozen
class Plan:
    """The smallest set of actions that reaches ``target``'s point requirements by
    ``by`` (fewest actions, then least MRR).

    ``held`` are the points projected to ``by`` with no new business, ``needed``
    what they lack of the target's, ``actions`` the plan (empty when nothing is
    needed, or when no set of the actions reaches the target: ``reached`` says
    which), ``beyond_points`` the target's requirements that no action meets
    (certification, qualifying activities, Elite's invitation and retention), and
    ``reason`` all of it in words.
    """

    target: Tier | None = attrs.field(converter=_to_optional_tier)
    by: date = attrs.field(validator=is_day)
    held: PointsHeld = attrs.field(validator=instance_of(PointsHeld, a_value(PointsHeld)))
    needed: Needed = attrs.field(validator=instance_of(Needed, a_value(Needed)))
    actions: tuple[PlannedAction, ...] = attrs.field(
        converter=to_tuple, validator=each(PlannedAction, a_value(PlannedAction))
    )
    reached: bool = attrs.field(validator=is_flag)
    reason: str = attrs.field(validator=is_text)
    beyond_points: tuple[str, ...] = attrs.field(default=(), converter=_to_reasons)

    @property
    def mrr(self) -> tuple[Money, ...]:
        """The MRR the plan's sales add, one sum per currency (sorted by code)."""
        sums: dict[str, Money] = {}
        for planned in self.actions:
            mrr = planned.action.mrr
            if mrr is not None:
                sums[mrr.currency] = sums.get(mrr.currency, Money.zero(mrr.currency)) + mrr
        return tuple(sums[code] for code in sorted(sums))

    @property
    def after(self) -> PointsHeld:
        """The points on ``by`` with the plan's actions."""
        total = self.held
        for planned in self.actions:
            total = total + planned.action.held
        return total


def _why(track: Track, needed: Needed, rules: ProgramRules) -> Message:
    """Why an action on ``track`` is in a plan: the gaps of ``needed`` its points
    help close."""
    gaps = []
    if needed.total:
        gaps.append(message("the total ({short} short)", short=_shown(needed.total, rules)))
    if needed.sold and track in rules.sold_minimum_tracks:
        gaps.append(message("the sold minimum ({short} short)", short=_shown(needed.sold, rules)))
    if needed.managed and track is Track.MANAGED:
        gaps.append(
            message("the managed minimum ({short} short)", short=_shown(needed.managed, rules))
        )
    # Translators: why an action is in a plan; {gaps} lists the requirements it helps meet
    return message("counts toward {gaps}", gaps=and_list(gaps))


def plan_actions(
    actions: Iterable[Action],
    *,
    held: PointsHeld,
    thresholds: Thresholds,
    target: Tier,
    by: date,
    rules: ProgramRules,
    certified: bool = True,
    activities: int | None = None,
    elite: EliteStatus | None = None,
) -> Plan:
    """The smallest set of ``actions`` that brings ``held`` to ``target``'s point
    requirements under ``rules`` (see :func:`smallest_set`), with the requirements
    no action meets, and why each action is in the plan."""
    instance(held, PointsHeld, field="held", expected=a_value(PointsHeld))
    instance(thresholds, Thresholds, field="thresholds", expected=a_value(Thresholds))
    _rules(rules)
    boolean(certified, field="certified")
    if activities is not None:  # a count, as tiers.evaluate takes it
        whole_number(activities, field="activities", minimum=0)
    _optional(elite, EliteStatus, field="elite")
    target = _described(thresholds, target, field="target")
    requirement = thresholds.requirement(target)
    assert requirement is not None  # a tier the thresholds describe
    beyond = list(_beyond_points(requirement, activities, thresholds.elite, elite))
    if not certified:
        beyond.insert(0, message("no valid Solutions Partner certification"))
    needed = Needed.between(held, requirement, rules)
    every = _each_of(actions, Action, field="actions")
    if not needed.any:
        reason = message(
            "no action needed: the points on {day} meet {tier}'s point requirements",
            day=by,
            tier=target.label,
        )
        return Plan(target, by, held, needed, (), True, _with_beyond(reason, beyond), beyond)
    chosen = smallest_set(every, needed, rules=rules)
    if chosen is None:
        left = held
        for action in every:
            left = left + action.held
        reason = message(
            "no set of actions reaches {tier} by {day}: all of them together leave {gaps}",
            tier=target.label,
            day=by,
            gaps=Needed.between(left, requirement, rules).said(rules),
        )
        return Plan(target, by, held, needed, (), False, _with_beyond(reason, beyond), beyond)
    ordered = sorted(
        chosen,
        key=lambda a: (
            a.kind is ActionKind.KEEP_MANAGED,
            EXACT.minus(a.points),
            a.client,
            str(a.offer),
        ),
    )
    reasons = {track: _why(track, needed, rules) for track in {a.track for a in ordered}}
    planned = [PlannedAction(action, reasons[action.track]) for action in ordered]
    reason = plural(
        "{count} action reaches {tier}'s point requirements by {day}",
        "{count} actions reach {tier}'s point requirements by {day}",
        count=len(planned),
        tier=target.label,
        day=by,
    )
    return Plan(target, by, held, needed, planned, True, _with_beyond(reason, beyond), beyond)


def _with_beyond(reason: Message, beyond: list[Message]) -> Message:
    if not beyond:
        return reason
    return message(
        "{reason}; money cannot meet: {requirements}",
        reason=reason,
        requirements=joined(beyond, "; "),
    )


@attrs.frozen
class TierPlan:
    """Everything :func:`plan` found: the managed clients at risk, the points that
    expire, the tier outlook, the opportunities valued in points, the plan, and the
    rule set in force on the planned day (which valued the sales)."""

    as_of: date = attrs.field(validator=is_day)
    by: date = attrs.field(validator=is_day)
    managed: tuple[ManagedRisk, ...] = attrs.field(
        converter=to_tuple, validator=each(ManagedRisk, a_value(ManagedRisk))
    )
    expiring: tuple[ExpiringPoints, ...] = attrs.field(
        converter=to_tuple, validator=each(ExpiringPoints, a_value(ExpiringPoints))
    )
    outlook: TierOutlook = attrs.field(validator=instance_of(TierOutlook, a_value(TierOutlook)))
    opportunities: tuple[Action, ...] = attrs.field(
        converter=to_tuple, validator=each(Action, a_value(Action))
    )
    plan: Plan | None = attrs.field(
        validator=instance_of(Plan, a_value(Plan, or_none=True), optional=True)
    )
    reason: str = attrs.field(validator=is_text)
    rules: ProgramRules = attrs.field(
        validator=instance_of(ProgramRules, a_value(ProgramRules)), repr=False
    )


def plan(
    ledger: Ledger,
    portfolio: Portfolio,
    *,
    thresholds: Thresholds,
    prices: PriceList,
    as_of: date,
    target: Tier | None = None,
    by: date | None = None,
    track: Track = Track.SOURCED,
    certified: bool = True,
    activities: int | None = None,
    elite: EliteStatus | None = None,
    credited: Tier | None = None,
    earned_on: date | None = None,
    events: Mapping[str, Iterable[Event]] | None = None,
    managed_rules: ManagedRules | None = None,
    rules_for: Callable[[date], ProgramRules] = for_date,
    default_market: str | None = None,
    catalogue: Catalogue | None = None,
    first_sold: Mapping[tuple[str, str], date] | None = None,
) -> TierPlan:
    """What is at risk before ``by`` (the next re-evaluation day by default), what
    each opportunity is worth, and the smallest set of actions that reaches
    ``target`` by then.

    Without a ``target``, the plan keeps the tier credited now when the outlook says
    it is at risk, and otherwise reaches the tier above the one credited on ``by``
    (none above the top tier). Sales are valued on ``track`` (sourced or assisted)
    under the rules in force on ``by``; keeping managed credit is one qualifying
    activity for a client whose credit would lapse by then.
    """
    instance(ledger, Ledger, field="ledger", expected=a_value(Ledger))
    instance(portfolio, Portfolio, field="portfolio", expected=a_value(Portfolio))
    day = calendar_date(as_of, field="as_of")
    target = None if target is None else member(Tier, target, field="target")
    managed_rules = _optional(managed_rules, ManagedRules, field="managed_rules")
    default_market = _default_market(default_market)
    rules_for = rules_function(rules_for)
    until = next_reevaluation(day, rules_for=rules_for) if by is None else by
    risks = managed_risks(
        ledger, as_of=day, by=until, events=events, portfolio=portfolio, rules=managed_rules
    )
    expiring = expiring_points(ledger, as_of=day, by=until)
    seen = outlook(
        ledger,
        thresholds=thresholds,
        as_of=day,
        by=until,
        certified=certified,
        activities=activities,
        elite=elite,
        credited=credited,
        earned_on=earned_on,
        risks=risks,
        rules_for=rules_for,
    )
    rules = rules_in_force(rules_for, until)
    actions = (
        *sale_actions(
            portfolio,
            prices=prices,
            rules=rules,
            track=track,
            default_market=default_market,
            catalogue=catalogue,
            first_sold=first_sold,
        ),
        *_keep_actions(risks),
    )
    if target is None:
        if not seen.safe:
            goal: Tier | None = seen.now
        else:
            above = [
                r.tier
                for r in thresholds.requirements
                if seen.credited is None or r.tier > seen.credited
            ]
            goal = above[0] if above else None
    else:
        goal = target
    if goal is None:
        return TierPlan(
            day,
            until,
            risks,
            expiring,
            seen,
            actions,
            None,
            message("already at the top tier"),
            rules,
        )
    found = plan_actions(
        actions,
        held=seen.held,
        thresholds=thresholds,
        target=goal,
        by=until,
        rules=rules,
        certified=certified,
        activities=activities,
        elite=elite,
    )
    return TierPlan(day, until, risks, expiring, seen, actions, found, found.reason, rules)
