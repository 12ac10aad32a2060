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

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._checks import (
    MAX_DAYS,
    MAX_MONTHS,
    Choice,
    at_least_zero,
    boolean,
    calendar_date,
    each,
    each_item,
    instance,
    instance_of,
    is_count,
    is_day,
    is_flag,
    is_optional_count,
    is_optional_day,
    is_optional_days,
    is_positive_count,
    is_text,
    member,
    month_starts,
    months_between,
    non_empty,
    sequence,
    share,
    shift,
    shifted,
    to_month,
    to_optional_points,
    to_optional_share,
    to_points,
    to_share,
    to_tuple,
    whole_number,
)
from ._files import (
    Columns,
    Problems,
    Source,
    Table,
    number,
    parse_toml,
    read_toml,
    source_name,
    table_of,
    yes_no,
)
from ._said import Named, a_value, and_list, plain, said_in
from .decimals import Rounding, exact_context
from .errors import (
    HubPartnerError,
    IncompleteHistoryError,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    RowProblem,
    ThresholdsFileError,
    as_written,
    shown,
)
from .ledger import (
    ClientPoints,
    Expiry,
    Ledger,
    ManagedMonth,
    PointChange,
    PointsHeld,
    SoldDeal,
    each_track,
    managed_months,
    read_ledger,
)
from .markets import market_code
from .messages import Message, joined, message, plural
from .money import Money, currency_code
from .points import points_to_money
from .rules import (
    MISSING,
    ProgramRules,
    Track,
    for_date,
    rules_function,
    rules_in_force,
    unknown_key,
)

__all__ = [
    "ClientPoints",
    "Decision",
    "EliteRequirements",
    "EliteStatus",
    "Evaluation",
    "Expiry",
    "GoldDeadline",
    "GoldState",
    "Ledger",
    "LedgerFileError",
    "ManagedMonth",
    "MonthRecord",
    "PointChange",
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
    "gold_deadline",
    "load_thresholds",
    "managed_months",
    "progress",
    "read_history",
    "read_ledger",
    "reevaluate",
    "sold_track_name",
    "thresholds_from_toml",
    "tier_name",
    "what_if",
]


@functools.total_ordering
class Tier(Choice):
    """A partner tier; tiers compare from Gold (lowest) to Elite."""

    GOLD = "gold"
    PLATINUM = "platinum"
    DIAMOND = "diamond"
    ELITE = "elite"

    @property
    def rank(self) -> int:
        """0 for Gold up to 3 for Elite."""
        return list(Tier).index(self)

    @property
    def label(self) -> Message:
        """The tier's name as the dashboard writes it, a message said in every
        language (its ``value`` is the name files and JSON use)."""
        # Translators: the names of the partner tiers, from the lowest to the highest
        names = (message("Gold"), message("Platinum"), message("Diamond"), message("Elite"))
        return names[self.rank]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tier):
            return NotImplemented
        return self.rank < other.rank


# -- thresholds -----------------------------------------------------------------------------


@attrs.frozen
class TierRequirement:
    """What one tier requires: total points, a sold minimum, an optional managed
    minimum and an optional number of qualifying activities in the period."""

    tier: Tier = attrs.field(converter=Tier)
    total: Decimal = attrs.field(converter=to_points)
    sold_minimum: Decimal = attrs.field(converter=to_points)
    managed_minimum: Decimal | None = attrs.field(default=None, converter=to_optional_points)
    qualifying_activities: int | None = attrs.field(default=None, validator=is_optional_count)


@attrs.frozen
class EliteRequirements:
    """Elite's extra requirements (2022): an invitation, customer retention of at
    least, and dollar retention above, a share; a number of certifications."""

    invitation: bool = attrs.field(default=True, validator=is_flag)
    customer_retention_min: Decimal | None = attrs.field(default=None, converter=to_optional_share)
    dollar_retention_above: Decimal | None = attrs.field(default=None, converter=to_optional_share)
    certifications_min: int | None = attrs.field(default=None, validator=is_optional_count)


@attrs.frozen
class EliteStatus:
    """What a partner has toward Elite's extra requirements."""

    invited: bool = attrs.field(default=False, validator=is_flag)
    customer_retention: Decimal = attrs.field(default=Decimal(0), converter=to_share)
    dollar_retention: Decimal = attrs.field(default=Decimal(0), converter=to_share)
    certifications: int = attrs.field(default=0, validator=is_count)


def _requirements(value: Any) -> tuple[TierRequirement, ...]:
    items = sequence(value, field="requirements")
    for item in items:
        if not isinstance(item, TierRequirement):
            raise InvalidTypeError("requirements", item, a_value(TierRequirement))
    tiers = [item.tier for item in items]
    if not items or tiers != sorted(set(tiers)):
        raise InvalidValueError(
            "requirements",
            [t.value for t in tiers],
            message("one requirement per tier, from Gold up"),
        )
    falls = _falls(items)
    if falls:
        index, name, value, expected = falls[0]
        raise InvalidValueError(f"requirements[{index}].{name}", value, expected)
    return items


#: What a tier requires, in the order a thresholds table lists it: each rises (the
#: total) or never falls (the minimums) from one tier to the next.
_RISING = ("total", "sold_minimum", "managed_minimum", "qualifying_activities")


def _shown(value: Decimal | int | None) -> Message | Decimal | int:
    """A requirement's value as a message shows it; "none" for a minimum not given."""
    if value is None:
        # Translators: a minimum that the thresholds do not give
        return message("none")
    return plain(value) if isinstance(value, Decimal) else value


def _falls(
    items: Iterable[TierRequirement],
) -> list[tuple[int, str, Decimal | int | None, Message]]:
    """Where thresholds do not rise from a tier to the next: the index of the higher
    tier's requirement, the attribute, its value and what was expected. A higher tier
    requires more points in total than the tier below, and minimums at least as high
    (a minimum not given counts as 0)."""
    found = []
    for index, (lower, higher) in enumerate(itertools.pairwise(items), start=1):
        for name in _RISING:
            low, high = getattr(lower, name), getattr(higher, name)
            below = lower.tier.value
            if name == "total" and high <= low:
                # Translators: {tier} is a tier's key in the thresholds file, such as gold
                said = message("more than {tier}'s total ({value})", tier=below, value=_shown(low))
                found.append((index, name, high, said))
            elif name != "total" and (high or 0) < (low or 0):
                # Translators: {tier} is a tier's key and {name} one of its keys in the
                # thresholds file, such as gold and sold_minimum
                said = message(
                    "at least {tier}'s {name} ({value})", tier=below, name=name, value=_shown(low)
                )
                found.append((index, name, high, said))
    return found


@attrs.frozen
class Thresholds:
    """The tier thresholds you supply: one :class:`TierRequirement` per tier, from
    Gold up, and Elite's extra requirements. ``activity_period_days``, when given,
    replaces the rule set's period over which qualifying activities are counted
    (:meth:`activity_period`)."""

    requirements: tuple[TierRequirement, ...] = attrs.field(converter=_requirements)
    elite: EliteRequirements | None = attrs.field(
        default=None,
        validator=instance_of(
            EliteRequirements, a_value(EliteRequirements, or_none=True), optional=True
        ),
    )
    activity_period_days: int | None = attrs.field(default=None, validator=is_optional_days)

    def activity_period(self, rules: ProgramRules) -> int:
        """The days over which a tier's qualifying activities are counted: yours, or
        the rule set's."""
        _rules(rules)
        if self.activity_period_days is not None:
            return self.activity_period_days
        return rules.activity_period_days

    def requirement(self, tier: Tier) -> TierRequirement | None:
        """The requirement of ``tier``, or None if the thresholds stop below it."""
        tier = member(Tier, tier, field="tier")
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
    return _thresholds(parse_toml(text, source=source, error=ThresholdsFileError), source)


def load_thresholds(path: Source) -> Thresholds:
    """Read a thresholds TOML file (see :func:`thresholds_from_toml`)."""
    return _thresholds(read_toml(path, error=ThresholdsFileError), source_name(path))


def _thresholds(data: dict[str, Any], source: str) -> Thresholds:
    problems = Problems()
    problems.schema(data)
    for key in data:
        if key not in {"schema", "activity_period_days"} and key not in {t.value for t in Tier}:
            problems.add(
                as_written(key), message("unknown key; expected a tier or activity_period_days")
            )
    requirements = []
    elite = None
    for tier in Tier:
        table = data.get(tier.value)
        if table is None:
            continue
        if not isinstance(table, dict):
            problems.add(
                tier.value,
                message(
                    "expected a table [{name}], got {value}", name=tier.value, value=shown(table)
                ),
            )
            continue
        requirement = _requirement(tier, table, problems)
        if requirement is not None:
            requirements.append(requirement)
        if tier is Tier.ELITE:
            elite = _elite(table, problems)
    period = problems.check(
        "activity_period_days",
        lambda v: whole_number(v, field="activity_period_days", minimum=1, maximum=MAX_DAYS),
        data.get("activity_period_days"),
    )
    if not requirements and not problems.found:
        problems.add(
            "(document)", message("no tier; expected a table [gold] and any tiers above it")
        )
    for index, name, value, expected in _falls(requirements):
        problems.add(
            f"{requirements[index].tier.value}.{name}",
            message(
                "expected {expected}, got {value}; thresholds rise from tier to tier",
                expected=expected,
                value=_shown(value),
            ),
        )
    if problems.found:
        raise ThresholdsFileError(source, problems.in_file_order(data))
    return Thresholds(requirements, elite, period)


def _points_of(key: str) -> Callable[[Any], Decimal]:
    return lambda value: at_least_zero(number(value, field=key), field=key)


def _share_of(key: str) -> Callable[[Any], Decimal]:
    return lambda value: share(number(value, field=key), field=key)


def _count_of(key: str) -> Callable[[Any], int]:
    return lambda value: whole_number(value, field=key, minimum=0)


def _requirement(tier: Tier, table: dict[str, Any], problems: Problems) -> TierRequirement | None:
    """The requirement a tier's table describes, or None (noting why) if it cannot."""
    before = len(problems.found)
    allowed = _TIER_KEYS | (_ELITE_KEYS if tier is Tier.ELITE else frozenset())
    for key in table:
        if key not in allowed:
            problems.add(f"{tier.value}.{as_written(key)}", unknown_key(sorted(allowed)))
    for key in ("total", "sold_minimum"):
        if key not in table:
            problems.add(f"{tier.value}.{key}", MISSING)
    values = {
        key: problems.check(f"{tier.value}.{key}", convert(key), table.get(key))
        for key, convert in (
            ("total", _points_of),
            ("sold_minimum", _points_of),
            ("managed_minimum", _points_of),
            ("qualifying_activities", _count_of),
        )
    }
    if len(problems.found) > before:
        return None
    return TierRequirement(tier, **values)


def _elite(table: dict[str, Any], problems: Problems) -> EliteRequirements | None:
    """Elite's extra requirements from its table, or None (noting why) if it cannot."""
    before = len(problems.found)
    values = {
        key: problems.check(f"elite.{key}", convert, table.get(key))
        for key, convert in (
            ("invitation", lambda v: boolean(v, field="invitation")),
            ("customer_retention_min", _share_of("customer_retention_min")),
            ("dollar_retention_above", _share_of("dollar_retention_above")),
            ("certifications_min", _count_of("certifications_min")),
        )
    }
    if len(problems.found) > before:
        return None
    if values["invitation"] is None:
        del values["invitation"]
    return EliteRequirements(**values)


# -- evaluation -----------------------------------------------------------------------------


def _unmet(
    requirement: TierRequirement,
    points: PointsHeld,
    sold_tracks: frozenset[Track],
    activities: int | None,
    elite: EliteRequirements | None,
    status: EliteStatus | None,
) -> tuple[Message, ...]:
    return _point_gaps(requirement, points, sold_tracks) + _beyond_points(
        requirement, activities, elite, status
    )


def _point_gaps(
    requirement: TierRequirement, points: PointsHeld, sold_tracks: frozenset[Track]
) -> tuple[Message, ...]:
    """The requirements of points that ``points`` do not meet, in words."""
    reasons = []
    if points.total < requirement.total:
        reasons.append(
            message(
                "total points {held} < {required}",
                held=plain(points.total),
                required=plain(requirement.total),
            )
        )
    sold = points.sold_for_minimum(sold_tracks)
    if sold < requirement.sold_minimum:
        reasons.append(
            # Translators: {tracks} are the tracks the sold minimum counts, such as sourced
            message(
                "sold points ({tracks}) {held} < {required}",
                tracks=joined([t.label for t in Track if t in sold_tracks], " + "),
                held=plain(sold),
                required=plain(requirement.sold_minimum),
            )
        )
    if requirement.managed_minimum is not None and points.managed < requirement.managed_minimum:
        reasons.append(
            message(
                "managed points {held} < {required}",
                held=plain(points.managed),
                required=plain(requirement.managed_minimum),
            )
        )
    return tuple(reasons)


def _beyond_points(
    requirement: TierRequirement,
    activities: int | None,
    elite: EliteRequirements | None,
    status: EliteStatus | None,
) -> tuple[Message, ...]:
    """The requirements other than points that are not met (qualifying activities,
    Elite's invitation, retention and certifications), in words: no MRR meets them."""
    reasons = []
    if requirement.qualifying_activities is not None:
        if activities is None:
            reasons.append(message("the number of qualifying activities was not given"))
        elif activities < requirement.qualifying_activities:
            reasons.append(
                message(
                    "qualifying activities {held} < {required}",
                    held=activities,
                    required=requirement.qualifying_activities,
                )
            )
    if requirement.tier is Tier.ELITE and elite is not None:
        have = status or EliteStatus()
        if elite.invitation and not have.invited:
            reasons.append(message("Elite is by invitation"))
        if (
            elite.customer_retention_min is not None
            and have.customer_retention < elite.customer_retention_min
        ):
            reasons.append(
                message(
                    "customer retention {held} < {required}",
                    held=plain(have.customer_retention),
                    required=plain(elite.customer_retention_min),
                )
            )
        if (
            elite.dollar_retention_above is not None
            and have.dollar_retention <= elite.dollar_retention_above
        ):
            reasons.append(
                message(
                    "dollar retention {held} is not above {required}",
                    held=plain(have.dollar_retention),
                    required=plain(elite.dollar_retention_above),
                )
            )
        if elite.certifications_min is not None and have.certifications < elite.certifications_min:
            reasons.append(
                message(
                    "certifications {held} < {required}",
                    held=have.certifications,
                    required=elite.certifications_min,
                )
            )
    return tuple(reasons)


def _optional_tier(value: Any, attribute: attrs.Attribute[Any]) -> Tier | None:
    return None if value is None else member(Tier, value, field=attribute.name)


def _reasons(value: Any, *, field: str) -> tuple[str, ...]:
    return each_item(non_empty, value, field=field)


def _unmet_pairs(value: Any) -> tuple[tuple[Tier, tuple[str, ...]], ...]:
    pairs = []
    for position, pair in enumerate(sequence(value, field="unmet")):
        field = f"unmet[{position}]"
        match pair:
            case (tier, reasons):
                pairs.append((member(Tier, tier, field=field), _reasons(reasons, field=field)))
            case _:
                raise InvalidTypeError(field, pair, message("a (Tier, reasons) pair"))
    return tuple(pairs)


if TYPE_CHECKING:
    from .present import Presenter

if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converters below

    def _to_optional_tier(value: Tier | str | None) -> Tier | None: ...
    def _to_reasons(value: Iterable[str]) -> tuple[str, ...]: ...

else:
    _to_optional_tier = attrs.Converter(_optional_tier, takes_field=True)
    _to_reasons = attrs.Converter(
        lambda value, attribute: _reasons(value, field=attribute.name), takes_field=True
    )


def _rules(value: Any) -> ProgramRules:
    return instance(
        value,
        ProgramRules,
        field="rules",
        expected=message("a ProgramRules, such as rules.for_date(…)"),
    )


@attrs.frozen
class Evaluation:
    """The tier met (None below Gold or without certification) and, for every tier
    not met, why not."""

    tier: Tier | None = attrs.field(converter=_to_optional_tier)
    unmet: tuple[tuple[Tier, tuple[str, ...]], ...] = attrs.field(converter=_unmet_pairs)

    def reasons(self, tier: Tier) -> tuple[str, ...]:
        """Why ``tier`` is not met (empty when it is)."""
        return dict(self.unmet).get(member(Tier, tier, field="tier"), ())

    def to_html(self, locale: str | Presenter = "en") -> str:
        """The tier met and why each other tier is not, as an HTML table for people
        of ``locale`` (a notebook shows it)."""
        from ._views import evaluation

        return evaluation(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()


_NO_CERTIFICATE = message("no valid Solutions Partner certification")


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
        raise InvalidTypeError("points", points, a_value(PointsHeld))
    instance(thresholds, Thresholds, field="thresholds", expected=a_value(Thresholds))
    boolean(certified, field="certified")
    _rules(rules)
    if activities is not None:  # a count, like MonthRecord.activities
        whole_number(activities, field="activities", minimum=0)
    if elite is not None:
        instance(elite, EliteStatus, field="elite", expected=a_value(EliteStatus, or_none=True))
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
    the gap (never negative), and the minimum to keep the current tier.

    ``track`` is ``"combined"``, ``"managed"``, or the sold minimum's track named after
    what it counts: ``"sourced"`` where the rule set counts sourced points only (from
    2025-07-15), ``"sold"`` where it counts sourced and assisted points.
    """

    track: str = attrs.field(validator=is_text)
    held: Decimal = attrs.field(converter=to_points)
    next_required: Decimal | None = attrs.field(converter=to_optional_points)
    gap: Decimal | None = attrs.field(converter=to_optional_points)
    keep_required: Decimal | None = attrs.field(converter=to_optional_points)


@attrs.frozen
class Progress:
    """Tier progress and insights: the current and next tier, per track."""

    tier: Tier | None = attrs.field(converter=_to_optional_tier)
    next: Tier | None = attrs.field(converter=_to_optional_tier)
    tracks: tuple[TrackProgress, ...] = attrs.field(
        converter=to_tuple, validator=each(TrackProgress, a_value(TrackProgress))
    )

    def track(self, name: str) -> TrackProgress:
        """The progress of ``name``: ``"combined"``, the sold minimum's track by its
        name (``"sourced"`` or ``"sold"``) or ``"managed"``; ``"sold"`` always names
        the sold minimum's track."""
        for item in self.tracks:
            if item.track == name:
                return item
        if name == _SOLD:
            return self.tracks[1]
        names = [item.track for item in self.tracks]
        raise InvalidValueError(
            "name",
            name,
            message(
                "{names} or {last} (or {sold})",
                names=", ".join(names[:-1]),
                last=names[-1],
                sold=repr(_SOLD),
            ),
        )

    def to_html(self, locale: str | Presenter = "en") -> str:
        """A row per track with a bar of the points held toward the next tier, as an
        HTML table for people of ``locale`` (a notebook shows it)."""
        from ._views import progress

        return progress(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()


_SOLD = "sold"


def sold_track_name(tracks: frozenset[Track]) -> str:
    """The name of the sold minimum's track, after the tracks it counts.

    >>> sold = frozenset({Track.SOURCED, Track.ASSISTED})
    >>> sold_track_name(frozenset({Track.SOURCED})), sold_track_name(sold)
    ('sourced', 'sold')
    """
    chosen = each_track(tracks)
    counted = [t for t in Track if t in chosen]
    return counted[0].value if len(counted) == 1 else _SOLD


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
    """Per track (combined, the sold minimum's — named after what it counts — and
    managed): the points held, the points the next tier requires and the gap, and
    the minimum that keeps the current tier. At the top tier there is no next tier."""
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
        (sold_track_name(rules.sold_minimum_tracks), sold, "sold_minimum"),
        ("managed", points.managed, "managed_minimum"),
    ]
    tracks = []
    for name, held, attribute in rows:
        required = None if upcoming is None else getattr(upcoming, attribute)
        keep = None if keeping is None else getattr(keeping, attribute)
        tracks.append(TrackProgress(name, held, required, _gap(required, held), keep))
    return Progress(current, nxt, tuple(tracks))


# -- re-evaluation ----------------------------------------------------------------------------


@attrs.frozen
class MonthRecord:
    """A month of history: the points and the certification on the day it is judged
    (the 15th in the published rules)."""

    month: date = attrs.field(converter=to_month)
    points: PointsHeld = attrs.field(validator=instance_of(PointsHeld, a_value(PointsHeld)))
    certified: bool = attrs.field(validator=is_flag)
    activities: int | None = attrs.field(default=None, validator=is_optional_count)
    elite: EliteStatus | None = attrs.field(
        default=None,
        validator=instance_of(EliteStatus, a_value(EliteStatus, or_none=True), optional=True),
    )

    @property
    def day(self) -> date:
        """The day the month is judged by the published rules in force that month (the
        15th); :meth:`judged_on` takes other rules."""
        return self.judged_on(for_date(self.month))

    def judged_on(self, rules: ProgramRules) -> date:
        """The day the month is judged: the re-evaluation days' day of the month (the
        15th in the published rules)."""
        return self.month.replace(day=_rules(rules).reevaluation.judgement_day)


class Change(Choice):
    """What a month's decision did to the credited tier."""

    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    KEPT = "kept"
    NONE = "no change"

    @property
    def label(self) -> Message:
        """The change in words, a message said in every language (its ``value`` is
        the name JSON uses)."""
        # Translators: what a month's re-evaluation did to the partner's tier
        names = (message("upgrade"), message("downgrade"), message("kept"), message("no change"))
        return names[list(Change).index(self)]


@attrs.frozen
class Decision:
    """The credited tier after one month, the tier met that month, and why."""

    on: date = attrs.field(validator=is_day)
    met: Tier | None = attrs.field(converter=_to_optional_tier)
    credited: Tier | None = attrs.field(converter=_to_optional_tier)
    change: Change = attrs.field(converter=Change)
    reason: str = attrs.field(validator=is_text)


def tier_name(tier: Tier | None, locale: str = "en") -> str:
    """The tier as the dashboard writes it, or "no tier", in ``locale``'s words (a
    message, English as text, by default).

    >>> tier_name(Tier.DIAMOND), tier_name(None), tier_name(None, "it")
    ('Diamond', 'no tier', 'nessun livello')
    """
    # Translators: what a partner below Gold, or without certification, has
    said = message("no tier") if tier is None else member(Tier, tier, field="tier").label
    return said_in(said, locale)


def _protected(since: date, months: int, day: date) -> bool:
    """Whether a tier earned on ``since`` is within its ``months`` of retention on
    ``day`` (it is, if they end past the calendar's last day)."""
    until = shifted(since, months=months)
    return until is None or until > day


def _in_order(history: Iterable[MonthRecord]) -> list[MonthRecord]:
    """The records sorted by month; a month given twice, or missing between the first
    and the last, raises :class:`~hubpartner.errors.IncompleteHistoryError`."""
    records = []
    for record in sequence(history, field="history"):
        if not isinstance(record, MonthRecord):
            raise InvalidTypeError("history", record, a_value(MonthRecord))
        records.append(record)
    records.sort(key=lambda r: r.month)
    months = [r.month for r in records]
    repeated = sorted(m for m, count in Counter(months).items() if count > 1)
    if repeated:
        raise IncompleteHistoryError(
            repeated,
            message("more than one record for the months"),
            message("one record per month"),
        )
    if records:
        every = month_starts(months[0], months[-1], field="history")
        held = set(months)
        missing = [m for m in every if m not in held]
        if missing:
            raise IncompleteHistoryError(
                missing,
                message("no record for the months"),
                message(
                    "a record for every month from {first} to {last}",
                    first=f"{months[0]:%Y-%m}",
                    last=f"{months[-1]:%Y-%m}",
                ),
            )
    return records


def reevaluate(
    history: Iterable[MonthRecord],
    *,
    thresholds: Thresholds,
    rules_for: Callable[[date], ProgramRules] = for_date,
    credited: Tier | None = None,
    earned_on: date | None = None,
    partial_windows: bool = False,
) -> tuple[Decision, ...]:
    """Simulate the credited tier through a monthly history, with a decision and its
    reason each month.

    Each month is judged on the re-evaluation days' day of the month, by the rule set
    in force that day (``rules_for``; the published ones by default), whose
    re-evaluation calendar is rule data. A tier met above the credited one is
    credited at once. Downgrades happen only on the re-evaluation days — January 15
    (window: August 15 - January 15) and July 15 (February 15 - July 15) in the
    published rules — and never within the retention period (6 months) of earning
    the tier; the tier is kept if its criteria were met in at least one month of the
    window, else the partner drops to the highest tier met in the window. A
    certification that has expired at a re-evaluation leads to a downgrade (no tier
    without certification).

    The history must hold one record for every month from its first to its last:
    a month missing or given twice raises
    :class:`~hubpartner.errors.IncompleteHistoryError`, never counts as "not met". So
    does a re-evaluation whose window starts before the history's first month —
    unless ``partial_windows`` is true: the window is then judged on the months the
    history holds, and the reason says so.
    """
    boolean(partial_windows, field="partial_windows")
    instance(thresholds, Thresholds, field="thresholds", expected=a_value(Thresholds))
    rules_for = rules_function(rules_for)
    records = _in_order(history)
    known_from = records[0].month if records else None
    current = None if credited is None else member(Tier, credited, field="credited")
    since = None if earned_on is None else calendar_date(earned_on, field="earned_on")
    seen: list[tuple[date, Tier | None]] = []
    decisions = []
    for record in records:
        day = record.judged_on(rules_in_force(rules_for, record.month))
        rules = rules_in_force(rules_for, day)
        calendar = rules.reevaluation
        met = evaluate(
            record.points,
            thresholds=thresholds,
            certified=record.certified,
            rules=rules,
            activities=record.activities,
            elite=record.elite,
        ).tier
        seen.append((day, met))
        reevaluation = calendar.on(day)
        if met is not None and (current is None or met > current):
            change, reason = Change.UPGRADE, message("met {tier} criteria", tier=met.label)
            current, since = met, day
        elif reevaluation is None:
            change = Change.NONE
            days = and_list([Named(item.on.name(), item.on.name) for item in calendar.days])
            reason = message("downgrades happen only on {days}", days=days)
        elif current is None:
            change, reason = Change.NONE, message("no tier to re-evaluate")
        elif not record.certified:
            change = Change.DOWNGRADE
            reason = message("certification expired at re-evaluation")
            current, since = None, None
        elif since is not None and _protected(since, calendar.retention_months, day):
            change = Change.KEPT
            reason = plural(
                "earned on {since}, less than {count} month ago",
                "earned on {since}, less than {count} months ago",
                count=calendar.retention_months,
                since=since,
            )
        else:
            window_start = reevaluation.window_start(day, field="history")
            window = [(d, m) for d, m in seen if window_start <= d <= day]
            assert known_from is not None
            unknown = [
                m
                for m in month_starts(window_start, known_from, field="history")
                if window_start <= m.replace(day=calendar.judgement_day) and m < known_from
            ]
            if unknown and not partial_windows:
                raise IncompleteHistoryError(
                    unknown,
                    message(
                        "the re-evaluation on {day} looks back to {start}, and the history has "
                        "no record for the months",
                        day=day.isoformat(),
                        start=window_start.isoformat(),
                    ),
                    message(
                        "a record for every month of the window, or partial_windows=True to "
                        "judge it on the months the history holds"
                    ),
                )
            # Translators: said after the reason of a downgrade, {month} a month such as 2025-03
            partly = plural(
                " (judged on the {count} month of it the history holds, from {month})",
                " (judged on the {count} months of it the history holds, from {month})",
                count=len(window),
                month=f"{known_from:%Y-%m}",
            )
            kept = [d for d, m in window if m is not None and m >= current]
            if kept:
                change = Change.KEPT
                reason = message(
                    "met {tier} criteria on {day}, within the window",
                    tier=current.label,
                    day=kept[-1],
                )
            else:
                highest = max((m for _, m in window if m is not None), default=None)
                change = Change.DOWNGRADE
                reason = message(
                    "{tier} criteria not met from {start} to {end}; highest tier met in the "
                    "window: {highest}{partly}",
                    tier=current.label,
                    start=window_start,
                    end=day,
                    highest=tier_name(highest),
                    partly=partly if unknown else "",
                )
                current, since = highest, (day if highest is not None else None)
        decisions.append(Decision(day, met, current, change, reason))
    return tuple(decisions)


# -- new partners: Gold within the rule set's months ------------------------------------------


class GoldState(Choice):
    """Where a new partner stands with the rule to reach Gold in time."""

    REACHED = "reached"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"

    @property
    def label(self) -> Message:
        """The state in a word, a message said in every language (its ``value`` is the
        name JSON uses)."""
        # Translators: where a new partner stands with reaching Gold in time
        names = (message("reached"), message("late"), message("missed"), message("pending"))
        return names[list(GoldState).index(self)]


@attrs.frozen
class GoldDeadline:
    """By when a partner that joined on ``joined`` must reach Gold (``deadline``,
    ``months`` after joining; reaching it that day is in time), and the earliest day
    known on which it held a tier (``reached_on``), as known on ``as_of``."""

    joined: date = attrs.field(validator=is_day)
    months: int = attrs.field(validator=is_positive_count)
    deadline: date = attrs.field(validator=is_day)
    as_of: date = attrs.field(validator=is_day)
    reached_on: date | None = attrs.field(validator=is_optional_day)

    @property
    def state(self) -> GoldState:
        """Reached in time, reached late, missed, or still pending."""
        if self.reached_on is not None:
            return GoldState.REACHED if self.reached_on <= self.deadline else GoldState.LATE
        return GoldState.PENDING if self.as_of <= self.deadline else GoldState.MISSED

    @property
    def days_left(self) -> int:
        """The days from ``as_of`` to the deadline (0 once it has passed)."""
        return max(0, (self.deadline - self.as_of).days)

    def describe(self, locale: str = "en") -> str:
        """The state in words, in ``locale``'s (a locale hubpartner speaks; English, the
        default, writes dates as YYYY-MM-DD; ``docs/tiers.md`` shows one in Swedish)."""
        return said_in(self._said(), locale)

    def _said(self) -> Message:
        terms = plural(
            "{count} month from joining on {joined}",
            "{count} months from joining on {joined}",
            count=self.months,
            joined=self.joined,
        )
        state = self.state
        if state is GoldState.REACHED:
            return plural(
                "reached Gold on {reached}, within {count} month of joining on {joined} "
                "(by {deadline})",
                "reached Gold on {reached}, within {count} months of joining on {joined} "
                "(by {deadline})",
                count=self.months,
                reached=self.reached_on,
                joined=self.joined,
                deadline=self.deadline,
            )
        if state is GoldState.LATE:
            return message(
                "reached Gold on {reached} (the earliest day known), after the deadline "
                "{deadline} ({terms})",
                reached=self.reached_on,
                deadline=self.deadline,
                terms=terms,
            )
        if state is GoldState.MISSED:
            return message(
                "had not reached Gold by {deadline} ({terms})", deadline=self.deadline, terms=terms
            )
        return plural(
            "must reach Gold by {deadline} ({terms}): {count} day left",
            "must reach Gold by {deadline} ({terms}): {count} days left",
            count=self.days_left,
            deadline=self.deadline,
            terms=terms,
        )


def gold_deadline(
    joined: date,
    *,
    as_of: date,
    history: Iterable[Decision] = (),
    evaluation: Evaluation | None = None,
    rules_for: Callable[[date], ProgramRules] = for_date,
) -> GoldDeadline:
    """By when a new partner that joined on ``joined`` must reach Gold, and whether it
    did, as known on ``as_of``.

    The months come from the rule set in force on the day it joined (``rules_for``;
    24 in the published sets). It reached Gold on the first day of ``history`` (the
    decisions of :func:`reevaluate`) from ``joined`` to ``as_of`` that credited it a
    tier; failing that, on ``as_of`` if ``evaluation`` (the tier met that day) met
    one — the earliest day an evaluation knows, so give the history to know more.
    """
    start = calendar_date(joined, field="joined")
    today = calendar_date(as_of, field="as_of")
    if today < start:
        raise InvalidValueError(
            "as_of", today, message("a date on or after joined ({joined})", joined=start)
        )
    decisions = sequence(history, field="history")
    for decision in decisions:
        if not isinstance(decision, Decision):
            raise InvalidTypeError(
                "history", decision, message("a Decision, as reevaluate returns")
            )
    if evaluation is not None and not isinstance(evaluation, Evaluation):
        raise InvalidTypeError("evaluation", evaluation, a_value(Evaluation, or_none=True))
    months = rules_in_force(rules_for, start).reach_gold_within_months
    credited = sorted(d.on for d in decisions if d.credited is not None and start <= d.on <= today)
    reached = credited[0] if credited else None
    if reached is None and evaluation is not None and evaluation.tier is not None:
        reached = today
    deadline = shift(start, months=months, field="joined")
    return GoldDeadline(start, months, deadline, today, reached)


# -- what-if ---------------------------------------------------------------------------------


@attrs.frozen
class WhatIf:
    """What it would take to reach ``tier``, the next tier, on one track.

    ``points`` is the point gap the track must close and ``mrr`` the MRR that closes
    it (None when there is no point gap, or when the track cannot close it).
    ``beyond_points`` names the requirements that no MRR meets (qualifying activities,
    Elite's invitation and retention, certification); ``reason`` says it all in words.
    """

    tier: Tier | None = attrs.field(converter=_to_optional_tier)
    points: Decimal = attrs.field(converter=to_points)
    mrr: Money | None = attrs.field(
        validator=instance_of(Money, a_value(Money, or_none=True), optional=True)
    )
    reason: str = attrs.field(validator=is_text)
    beyond_points: tuple[str, ...] = attrs.field(default=(), converter=_to_reasons)

    @property
    def closes(self) -> bool:
        """Whether the MRR alone reaches the next tier."""
        return self.mrr is not None and not self.beyond_points


def what_if(
    points: PointsHeld,
    *,
    thresholds: Thresholds,
    certified: bool,
    rules: ProgramRules,
    currency: str,
    track: Track,
    market: str,
    activities: int | None = None,
    elite: EliteStatus | None = None,
) -> WhatIf:
    """The MRR, in ``currency`` on ``track`` for a client in ``market``, that would
    close every point gap to the next tier (rounded up to the currency's minor unit,
    so that it is enough).

    It takes what :func:`evaluate` takes, so the next tier is the one above the tier
    met. Gaps a track cannot close (managed points do not count toward the sold
    minimum) and requirements no MRR meets (qualifying activities, Elite's
    invitation, retention and certifications) are named instead.
    """
    currency_code(currency)
    market_code(market)
    track = member(Track, track, field="track")
    now = progress(
        points,
        thresholds=thresholds,
        certified=certified,
        rules=rules,
        activities=activities,
        elite=elite,
    )
    if now.next is None:
        return WhatIf(None, Decimal(0), None, message("already at the top tier"))
    if not certified:
        return WhatIf(now.next, Decimal(0), None, _NO_CERTIFICATE, (_NO_CERTIFICATE,))
    requirement = thresholds.requirement(now.next)
    assert requirement is not None  # the next tier is one the thresholds describe
    beyond = _beyond_points(requirement, activities, thresholds.elite, elite)
    # Translators: said after a reason; {reasons} are requirements no MRR meets
    money_cannot = (
        message("; money cannot close: {reasons}", reasons=joined(beyond, "; ")) if beyond else ""
    )
    combined, sold, managed = (track.gap or Decimal(0) for track in now.tracks)
    counts_for_sold = track in rules.sold_minimum_tracks
    if sold > 0 and not counts_for_sold:
        return WhatIf(
            now.next,
            sold,
            None,
            message(
                "{track} points do not count toward the sold minimum, which counts {counted} "
                "points ({short} short){rest}",
                track=track.label,
                counted=and_list([t.label for t in Track if t in rules.sold_minimum_tracks]),
                short=plain(sold),
                rest=money_cannot,
            ),
            beyond,
        )
    if managed > 0 and track is not Track.MANAGED:
        return WhatIf(
            now.next,
            managed,
            None,
            message(
                "only managed points close the managed gap ({short} short){rest}",
                short=plain(managed),
                rest=money_cannot,
            ),
            beyond,
        )
    needed = max(
        combined,
        sold if counts_for_sold else Decimal(0),
        managed if track is Track.MANAGED else Decimal(0),
    )
    if needed == 0:
        reason = message("no point gap to {tier}{rest}", tier=now.next.label, rest=money_cannot)
        return WhatIf(now.next, needed, None, reason, beyond)
    amount = points_to_money(needed, currency=currency, track=track, market=market, rules=rules)
    if beyond:
        reason = message(
            "closes the point gap to {tier} ({needed}){rest}",
            tier=now.next.label,
            needed=plain(needed),
            rest=money_cannot,
        )
    else:
        reason = message("closes the gap to {tier}", tier=now.next.label)
    return WhatIf(now.next, needed, amount.quantized(Rounding.CEILING), reason, beyond)


# -- files ---------------------------------------------------------------------------------


def _month_cell(text: str) -> date:
    try:
        return date.fromisoformat(text + "-01")
    except ValueError:
        raise InvalidValueError(
            "month", text, message("a month written YYYY-MM, such as 2025-03")
        ) from None


_COUNT_CELL = re.compile(r"[0-9]{1,18}")
_ELITE_COLUMNS = ("invited", "customer_retention", "dollar_retention", "certifications")


def _count_cell(text: str, *, field: str) -> int:
    if not _COUNT_CELL.fullmatch(text):
        raise InvalidValueError(
            field, text, message("a whole number of 0 or more, such as 30 (at most 18 digits)")
        )
    return int(text)


def _elite_cells(cells: dict[str, str]) -> EliteStatus | None:
    """Elite's extra requirements of a row, or None when its row gives none.

    A row fills every Elite column the file has, or none of them; a column the file
    lacks counts as EliteStatus's default (not invited, 0, 0, 0), which meets no
    Elite requirement.
    """
    present = [column for column in _ELITE_COLUMNS if column in cells]
    blank = [column for column in present if not cells[column]]
    if len(blank) == len(present):
        return None
    if blank:
        raise InvalidValueError(
            "elite",
            {column: cells[column] for column in present},
            plural(
                "every Elite column of the file filled, or none; {columns} is blank",
                "every Elite column of the file filled, or none; {columns} are blank",
                count=len(blank),
                columns=", ".join(blank),
            ),
        )
    values: dict[str, Any] = {
        column: cells[column]
        for column in ("customer_retention", "dollar_retention")
        if column in cells
    }
    if "invited" in cells:
        values["invited"] = yes_no(cells["invited"], field="invited")
    if "certifications" in cells:
        values["certifications"] = _count_cell(cells["certifications"], field="certifications")
    return EliteStatus(**values)


def read_history(
    path: Source | Table,
    *,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    locale: str = "en",
) -> tuple[MonthRecord, ...]:
    """Read a monthly history from CSV: columns ``month`` (YYYY-MM), ``sourced``,
    ``assisted``, ``managed`` and ``certified`` (yes/no), and optionally
    ``activities`` (the qualifying activities of the period) and Elite's ``invited``
    (yes/no), ``customer_retention`` and ``dollar_retention`` (shares such as 0.9) and
    ``certifications``. Every bad row is reported, and a month on two lines too, or
    one that would make the history span more than 1,200 months (a century,
    :data:`~hubpartner._checks.MAX_MONTHS`) with the months of the lines before it.

    The five required columns are filled on every row: a blank is refused, never read
    as 0 or no. A blank ``activities`` cell means the month's count is not known (a
    tier that requires activities is then not met), never 0. A row fills every Elite
    column the file has, or none (the month then has no Elite status); an Elite
    column the file lacks counts as not invited, 0 and 0, which meet no Elite
    requirement.

    The file is read with ``delimiter``, in ``encoding``, and its numbers as
    ``locale`` writes them (see ``docs/files.md``).
    """
    table = table_of(path, delimiter, encoding, locale)
    columns = Columns(
        required=("month", "sourced", "assisted", "managed", "certified"),
        numbers=("sourced", "assisted", "managed", "customer_retention", "dollar_retention"),
        counts=("activities", "certifications"),
    )
    rows, problems = table.rows(columns, LedgerFileError)
    records = []
    lines: dict[date, int] = {}
    span: tuple[date, date] | None = None  # the first and last months read
    for line, cells in rows:
        try:
            month = _month_cell(cells["month"])
            if month in lines:
                raise InvalidValueError(
                    "month",
                    cells["month"],
                    message("a month not already on line {line}", line=lines[month]),
                )
            if span is not None:
                low, high = span
                far = high if month < low else low
                if abs(months_between(far, month)) >= MAX_MONTHS:
                    raise InvalidValueError(
                        "month",
                        cells["month"],
                        message(
                            "a month that keeps the history within {months} months (the "
                            "lines before it span {first} to {last})",
                            months=MAX_MONTHS,
                            first=f"{low.year:04d}-{low.month:02d}",
                            last=f"{high.year:04d}-{high.month:02d}",
                        ),
                    )
            span = (month, month) if span is None else (min(span[0], month), max(span[1], month))
            lines[month] = line
            held = PointsHeld(cells["sourced"], cells["assisted"], cells["managed"])
            activities = cells.get("activities", "")
            records.append(
                MonthRecord(
                    month,
                    held,
                    yes_no(cells["certified"], field="certified"),
                    _count_cell(activities, field="activities") if activities else None,
                    _elite_cells(cells),
                )
            )
        except HubPartnerError as exc:
            problems.append(RowProblem(line, exc.message))
    if problems:
        problems.sort(key=lambda problem: problem.line)
        table.refuse(LedgerFileError, problems)
    return tuple(records)
