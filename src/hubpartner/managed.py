"""Managed relationships: when a partner earns managed MRR credit for a client.

A partner earns managed credit for a client's account while **all** of these hold
(HubSpot Knowledge Base, "Earn Managed MRR Credit"):

1. a user exists for the employee in the partner account;
2. the client is assigned to that user;
3. the same user exists in the client's HubSpot account;
4. that user performs qualifying activities there.

The relationship is a **timeline** of dated :class:`Event` values. Some events end it
at once ("End services", removing all partner employees from the client's account —
at once, or one by one until the last of them leaves it); after any other change it
ends 60 days after the partner's last qualifying activity.
Which events are which, the 60 days and the qualifying actions per tool are rule data
(``data/managed.toml``, :class:`ManagedRules`). Events of one day are taken in a
defined order, whatever order they are given in: first whoever is set up that day
(added to the partner account, assigned the client, added to the client's account),
then the day's activities, then removals, and last the events that end a
relationship at once::

    >>> from datetime import date
    >>> from hubpartner.managed import Event, managed_credit_status
    >>> events = [
    ...     Event(date(2025, 1, 6), "employee-added", user="kim"),
    ...     Event(date(2025, 1, 6), "client-assigned", user="kim"),
    ...     Event(date(2025, 1, 7), "user-added-to-client", user="kim"),
    ...     Event(date(2025, 1, 8), "activity", user="kim", tool="blog", action="publish"),
    ... ]
    >>> managed_credit_status(events, as_of=date(2025, 2, 1)).receiving
    True
    >>> status = managed_credit_status(events, as_of=date(2025, 3, 9))
    >>> status.receiving, status.reasons
    (False, ('a qualifying activity in the last 60 days',))
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal

import attrs

from ._checks import (
    MAX_PARTNERS,
    Choice,
    calendar_date,
    day_range,
    each,
    each_item,
    instance,
    instance_of,
    is_day,
    is_days,
    is_flag,
    is_optional_day,
    is_optional_text,
    is_positive_count,
    key_text,
    last_of_month,
    member,
    month_starts,
    sequence,
    shift,
    shifted,
    to_frozenset,
    to_points,
    to_tuple,
    whole_number,
)
from ._files import (
    Columns,
    Problems,
    Shared,
    Source,
    Table,
    date_cell,
    packaged_source,
    packaged_toml,
    table_of,
)
from .engagement import Action, tool_key
from .errors import (
    EventsFileError,
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    RowProblem,
)
from .markets import market_code
from .messages import Message, joined, message, plural
from .money import Money
from .points import managed_points
from .present import Presenter, localized
from .rules import ProgramRules, for_date, rules_function, rules_in_force

__all__ = [
    "ActivePeriod",
    "Condition",
    "CreditStatus",
    "Event",
    "EventKind",
    "ManagedRules",
    "MonthlyCredit",
    "UncountedActivity",
    "active_periods",
    "default_managed_rules",
    "managed_credit_status",
    "monthly_managed_points",
    "qualifying_activities",
    "read_events",
]


class EventKind(Choice):
    """What happened in a managed relationship."""

    FIELD = enum.nonmember("kind")

    EMPLOYEE_ADDED = "employee-added"
    EMPLOYEE_REMOVED = "employee-removed"
    CLIENT_ASSIGNED = "client-assigned"
    CLIENT_UNASSIGNED = "client-unassigned"
    USER_ADDED_TO_CLIENT = "user-added-to-client"
    USER_REMOVED_FROM_CLIENT = "user-removed-from-client"
    ACTIVITY = "activity"
    END_SERVICES = "end-services"
    ALL_EMPLOYEES_REMOVED = "all-employees-removed"


_USER_EVENTS = frozenset(
    {
        EventKind.EMPLOYEE_ADDED,
        EventKind.EMPLOYEE_REMOVED,
        EventKind.CLIENT_ASSIGNED,
        EventKind.CLIENT_UNASSIGNED,
        EventKind.USER_ADDED_TO_CLIENT,
        EventKind.USER_REMOVED_FROM_CLIENT,
        EventKind.ACTIVITY,
    }
)


def _tool(value: Any) -> str:
    """A tool as the engagement module reads its name (``Landing pages`` is
    ``landing-pages``): so that an event holds no tool the rules cannot read."""
    return tool_key(value, field="tool")


@attrs.frozen
class Event:
    """One dated event of a relationship. User events name the ``user``; an
    ``activity`` also names the ``tool`` (kept as :func:`~hubpartner.engagement.tool_key`
    reads it: ``Landing pages`` is ``landing-pages``) and the ``action``."""

    on: date = attrs.field(validator=is_day)
    kind: EventKind = attrs.field(converter=EventKind)
    user: str | None = attrs.field(default=None, validator=is_optional_text)
    tool: str | None = attrs.field(default=None, converter=attrs.converters.optional(_tool))
    action: Action | None = attrs.field(default=None, converter=attrs.converters.optional(Action))

    def __attrs_post_init__(self) -> None:
        if self.kind in _USER_EVENTS and self.user is None:
            raise InvalidValueError(
                "user",
                None,
                # Translators: {kind} is the kind of event as data writes it, such as
                # 'employee-added'.
                message("the user a {kind} event is about", kind=repr(self.kind.value)),
            )
        if self.kind is EventKind.ACTIVITY and (self.tool is None or self.action is None):
            missing = ("tool", None) if self.tool is None else ("action", None)
            raise InvalidValueError(*missing, message("a tool and an action for an activity"))


def _enders(value: Any) -> frozenset[EventKind]:
    return frozenset(each_item(EventKind.parse, value, field="ends_immediately"))


def _qualifying(value: Any) -> Mapping[str, frozenset[Action]]:
    if not isinstance(value, Mapping) or "default" not in value:
        raise InvalidTypeError(
            "qualifying", value, message("a mapping of tool to actions with a 'default' entry")
        )
    table = {}
    for tool, actions in value.items():
        chosen = frozenset(
            member(Action, a, field="qualifying", expected=message("create, publish or edit"))
            for a in sequence(actions, field=f"qualifying.{tool}")
        )
        if not all(action.counts_as_use for action in chosen):
            raise InvalidValueError(
                f"qualifying.{tool}",
                sorted(a.value for a in chosen),
                message("create, publish or edit only: logging in or viewing never qualifies"),
            )
        key = tool_key(tool, field="qualifying")
        if key in table:
            raise InvalidValueError(
                "qualifying", tool, message("each tool once (it is {key})", key=repr(key))
            )
        table[key] = chosen
    return MappingProxyType(table)


def _monthly(value: Any) -> Literal["month-end", "any-day"]:
    if value not in ("month-end", "any-day"):
        raise InvalidValueError("monthly_credit", value, message("'month-end' or 'any-day'"))
    return "month-end" if value == "month-end" else "any-day"


@attrs.frozen
class ManagedRules:
    """The rule data of managed relationships (defaults in ``data/managed.toml``)."""

    lapse_days: int = attrs.field(validator=is_days)
    ends_immediately: frozenset[EventKind] = attrs.field(converter=_enders)
    qualifying: Mapping[str, frozenset[Action]] = attrs.field(converter=_qualifying, hash=False)
    monthly_credit: Literal["month-end", "any-day"] = attrs.field(
        default="month-end", converter=_monthly
    )

    def qualifies(self, tool: str, action: Action) -> bool:
        """Whether ``action`` with ``tool`` is a qualifying activity (tool names are
        read as the engagement module reads them: ``Landing pages`` is
        ``landing-pages``)."""
        allowed = self.qualifying.get(tool_key(tool), self.qualifying["default"])
        return member(Action, action, field="action") in allowed


@functools.cache
def default_managed_rules() -> ManagedRules:
    """The packaged rule data (read once, on first use)."""
    return _managed_rules_from(packaged_toml("managed.toml"), packaged_source("managed.toml"))


def _managed_rules_from(data: dict[str, Any], source: str) -> ManagedRules:
    """The managed rules of a document written like ``data/managed.toml``, checked
    whole: every problem is reported with its key in one
    :class:`~hubpartner.errors.RulesFileError` naming ``source``."""
    problems = Problems()
    problems.schema(data)
    needed = ("lapse_days", "ends_immediately", "qualifying")
    problems.keys(data, required=needed, optional=("schema", "monthly_credit"))
    rules = None
    if not problems.found:
        values = {key: data[key] for key in (*needed, "monthly_credit") if key in data}
        rules = problems.build(lambda: ManagedRules(**values))
    problems.raise_found(source)
    assert rules is not None  # built, or a problem was raised
    return rules


# -- replaying a timeline -----------------------------------------------------------------


class Condition(Choice):
    """The four conditions for managed credit.

    How recent the qualifying activity must be is rule data: :meth:`describe` says it
    with the number of days of the rules in use.
    """

    USER_IN_PARTNER_ACCOUNT = "a user for the employee in the partner account"
    CLIENT_ASSIGNED = "the client assigned to that user"
    USER_IN_CLIENT_ACCOUNT = "the same user in the client's HubSpot account"
    QUALIFYING_ACTIVITY = "a qualifying activity within the lapse period"

    def describe(
        self, rules: ManagedRules | None = None, *, locale: str | Presenter = "en"
    ) -> str:
        """The condition in words, with the lapse period of ``rules`` (default: the
        packaged rules), for people of ``locale`` (see
        :func:`~hubpartner.present.localized`; English by default).

            >>> Condition.QUALIFYING_ACTIVITY.describe()
            'a qualifying activity in the last 60 days'
            >>> Condition.QUALIFYING_ACTIVITY.describe(locale="sv")
            'en kvalificerande aktivitet under de senaste 60 dagarna'
        """
        return localized(self._said(_chosen(rules)), locale)

    def _said(self, rules: ManagedRules) -> Message:
        if self is Condition.QUALIFYING_ACTIVITY:
            return plural(
                "a qualifying activity in the last {count} day",
                "a qualifying activity in the last {count} days",
                count=rules.lapse_days,
            )
        return {
            Condition.USER_IN_PARTNER_ACCOUNT: message(
                "a user for the employee in the partner account"
            ),
            Condition.CLIENT_ASSIGNED: message("the client assigned to that user"),
            Condition.USER_IN_CLIENT_ACCOUNT: message(
                "the same user in the client's HubSpot account"
            ),
        }[self]


@attrs.frozen
class ActivePeriod:
    """Days the relationship was active: ``start`` to ``end`` (excluded); ``end`` is
    None while it is still active."""

    start: date = attrs.field(validator=is_day)
    end: date | None = attrs.field(validator=is_optional_day)

    def covers(self, day: date) -> bool:
        """Whether the relationship was active on ``day``."""
        day = calendar_date(day, field="day")
        return self.start <= day and (self.end is None or day < self.end)


#: The conditions a user meets by being set up (the first three).
_SETUP = (
    Condition.USER_IN_PARTNER_ACCOUNT,
    Condition.CLIENT_ASSIGNED,
    Condition.USER_IN_CLIENT_ACCOUNT,
)


@attrs.frozen
class UncountedActivity:
    """An activity that did not count, and why: the conditions its user did not meet
    that day (``missing``; ``never_met`` are those the user had never met before it)
    and whether its action qualifies with its tool (``qualifying``)."""

    event: Event = attrs.field(validator=instance_of(Event, message("an Event")))
    missing: tuple[Condition, ...] = attrs.field(
        converter=to_tuple, validator=each(Condition, message("a Condition"))
    )
    qualifying: bool = attrs.field(validator=is_flag)
    never_met: frozenset[Condition] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        validator=each(Condition, message("a Condition")),
    )

    def describe(self, *, locale: str | Presenter = "en") -> str:
        """What happened, in words, for people of ``locale`` (see
        :func:`~hubpartner.present.localized`; English by default, with the day
        written as an ISO date).

        >>> from datetime import date
        >>> UncountedActivity(
        ...     Event(date(2025, 1, 5), "activity", user="kim", tool="blog", action="publish"),
        ...     (Condition.USER_IN_CLIENT_ACCOUNT,), True,
        ...     frozenset({Condition.USER_IN_CLIENT_ACCOUNT}),
        ... ).describe()
        "an activity on 2025-01-05 did not count: kim was not yet in the client's account"
        """
        return localized(self._said(), locale)

    def _said(self) -> Message:
        user, tool, action = self.event.user, self.event.tool, self.event.action
        parts = [
            _unmet(condition, condition in self.never_met, user or "")
            for condition in self.missing
        ]
        if not self.qualifying:
            assert action is not None
            parts.append(
                # Translators: {tool} is a tool's key, such as 'email', and {action}
                # what was done with it, such as 'login' (both as data writes them).
                message(
                    "{tool} {action} is not a qualifying activity", tool=tool, action=action.value
                )
            )
        return message(
            "an activity on {day} did not count: {reasons}",
            day=self.event.on,
            reasons=joined(parts, "; "),
        )


def _unmet(condition: Condition, never: bool, user: str) -> Message:
    """Why a ``user``'s activity did not count: a condition it had not met yet
    (``never``) or no longer met."""
    if condition is Condition.USER_IN_PARTNER_ACCOUNT:
        return (
            message("{user} was not yet a user in the partner account", user=user)
            if never
            else message("{user} was no longer a user in the partner account", user=user)
        )
    if condition is Condition.CLIENT_ASSIGNED:
        return (
            message("the client was not yet assigned to {user}", user=user)
            if never
            else message("the client was no longer assigned to {user}", user=user)
        )
    return (
        message("{user} was not yet in the client's account", user=user)
        if never
        else message("{user} was no longer in the client's account", user=user)
    )


#: What each event does to the first three conditions: the user it names now meets
#: the condition, no longer meets it, or no user meets it any more.
_GRANTS = {
    EventKind.EMPLOYEE_ADDED: Condition.USER_IN_PARTNER_ACCOUNT,
    EventKind.CLIENT_ASSIGNED: Condition.CLIENT_ASSIGNED,
    EventKind.USER_ADDED_TO_CLIENT: Condition.USER_IN_CLIENT_ACCOUNT,
}
_REVOKES = {
    EventKind.EMPLOYEE_REMOVED: Condition.USER_IN_PARTNER_ACCOUNT,
    EventKind.CLIENT_UNASSIGNED: Condition.CLIENT_ASSIGNED,
    EventKind.USER_REMOVED_FROM_CLIENT: Condition.USER_IN_CLIENT_ACCOUNT,
}
_REVOKES_FROM_ALL = {
    EventKind.END_SERVICES: Condition.CLIENT_ASSIGNED,
    EventKind.ALL_EMPLOYEES_REMOVED: Condition.USER_IN_CLIENT_ACCOUNT,
}


class _Replay:
    """The state of a relationship as its events are replayed in date order."""

    def __init__(self, rules: ManagedRules) -> None:
        self.rules = rules
        self.in_partner: set[str] = set()
        self.assigned: set[str] = set()
        self.in_client: set[str] = set()
        self.last_activity: dict[str, date] = {}
        self.last_counted: date | None = None
        self.since: date | None = None
        self.periods: list[ActivePeriod] = []
        self.ended_by: Event | None = None
        self.counted = 0
        self.ever: dict[Condition, set[str]] = {condition: set() for condition in _SETUP}
        self.uncounted: list[UncountedActivity] = []

    def _lapse_date(self) -> date | None:
        """The day credit lapses without another qualifying activity, or None if
        there was none (or the day is past the calendar's last)."""
        if self.last_counted is None:
            return None
        return shifted(self.last_counted, days=self.rules.lapse_days)

    def advance(self, day: date) -> None:
        """Close the active period if it lapsed before ``day``."""
        lapse = self._lapse_date()
        if self.since is not None and lapse is not None and lapse <= day:
            self._close(lapse)

    def _close(self, day: date) -> None:
        assert self.since is not None
        self.periods.append(ActivePeriod(self.since, day))
        self.since = None

    def _members(self, condition: Condition) -> set[str]:
        """The users who meet one of the first three conditions."""
        return {
            Condition.USER_IN_PARTNER_ACCOUNT: self.in_partner,
            Condition.CLIENT_ASSIGNED: self.assigned,
            Condition.USER_IN_CLIENT_ACCOUNT: self.in_client,
        }[condition]

    def apply(self, event: Event) -> None:
        self.advance(event.on)
        user = event.user or ""
        kind = event.kind
        if kind in _GRANTS:
            self._members(_GRANTS[kind]).add(user)
            self.ever[_GRANTS[kind]].add(user)
        elif kind in _REVOKES:
            self._members(_REVOKES[kind]).discard(user)
        elif kind in _REVOKES_FROM_ALL:
            self._members(_REVOKES_FROM_ALL[kind]).clear()
        else:  # the only other kind: an activity
            self._activity(event, user)
        if self._ends_at_once(kind) and self.since is not None:
            self._close(event.on)
            self.last_counted = None
            self.ended_by = event

    def _activity(self, event: Event, user: str) -> None:
        """Count a qualifying activity of a user who is set up, or note why not."""
        if self._counts(event):
            self.last_activity[user] = event.on
            self.last_counted = event.on
            self.counted += 1
            if self.since is None:
                self.since = event.on
                self.ended_by = None
            return
        lacking = tuple(c for c in _SETUP if user not in self._members(c))
        assert event.tool is not None
        assert event.action is not None
        self.uncounted.append(
            UncountedActivity(
                event,
                lacking,
                self.rules.qualifies(event.tool, event.action),
                frozenset(c for c in lacking if user not in self.ever[c]),
            )
        )

    def _ends_at_once(self, kind: EventKind) -> bool:
        """Whether ``kind`` ends the relationship at once: by the rule data, or because
        it removed the last partner user from the client's account — which is removing
        them all ("all-employees-removed" in the rule data)."""
        enders = self.rules.ends_immediately
        return kind in enders or (
            kind is EventKind.USER_REMOVED_FROM_CLIENT
            and not self.in_client
            and EventKind.ALL_EMPLOYEES_REMOVED in enders
        )

    def _counts(self, event: Event) -> bool:
        assert event.user is not None
        assert event.tool is not None
        assert event.action is not None
        return (
            self.rules.qualifies(event.tool, event.action)
            and event.user in self.in_partner
            and event.user in self.assigned
            and event.user in self.in_client
        )

    def missing(self, day: date) -> tuple[Condition, ...]:
        """The conditions not met on ``day`` by the user closest to meeting them all."""
        users = self.in_partner | self.assigned | self.in_client | set(self.last_activity)
        best: tuple[Condition, ...] = tuple(Condition)
        for user in sorted(users):
            recent = self.last_activity.get(user)
            lacking = tuple(
                condition
                for condition, met in (
                    (Condition.USER_IN_PARTNER_ACCOUNT, user in self.in_partner),
                    (Condition.CLIENT_ASSIGNED, user in self.assigned),
                    (Condition.USER_IN_CLIENT_ACCOUNT, user in self.in_client),
                    (
                        Condition.QUALIFYING_ACTIVITY,
                        recent is not None
                        and (day - recent).days < self.rules.lapse_days
                        and self.ended_by is None,
                    ),
                )
                if not met
            )
            if len(lacking) < len(best):
                best = lacking
        return best


#: The order of the events of one day: whoever is set up that day is set up before
#: the day's activities, removals follow the activities, and the events that end a
#: relationship at once come last. Within each step the events are ordered by kind,
#: user, tool and action, so that the order they are given in never matters.
_SAME_DAY_STEPS = (
    frozenset(
        {EventKind.EMPLOYEE_ADDED, EventKind.CLIENT_ASSIGNED, EventKind.USER_ADDED_TO_CLIENT}
    ),
    frozenset({EventKind.ACTIVITY}),
    frozenset(
        {
            EventKind.EMPLOYEE_REMOVED,
            EventKind.CLIENT_UNASSIGNED,
            EventKind.USER_REMOVED_FROM_CLIENT,
        }
    ),
    frozenset({EventKind.END_SERVICES, EventKind.ALL_EMPLOYEES_REMOVED}),
)
_KINDS = list(EventKind)


def _in_order(event: Event) -> tuple[date, int, int, str, str, str]:
    step = next(i for i, kinds in enumerate(_SAME_DAY_STEPS) if event.kind in kinds)
    return (
        event.on,
        step,
        _KINDS.index(event.kind),
        event.user or "",
        event.tool or "",
        "" if event.action is None else event.action.value,
    )


def _timeline(events: Iterable[Event]) -> list[Event]:
    items = sequence(events, field="events")
    for item in items:
        if not isinstance(item, Event):
            raise InvalidTypeError("events", item, message("an Event"))
    return sorted(items, key=_in_order)


def _chosen(rules: Any) -> ManagedRules:
    """``rules``, or the packaged rule data when None."""
    if rules is None:
        return default_managed_rules()
    expected = message("a ManagedRules, or None for the packaged one")
    return instance(rules, ManagedRules, field="rules", expected=expected)


def _replay(events: Iterable[Event], until: date, rules: ManagedRules | None) -> _Replay:
    state = _Replay(_chosen(rules))
    for event in _timeline(events):
        if event.on > until:
            break
        state.apply(event)
    state.advance(until)
    return state


@attrs.frozen
class CreditStatus:
    """Whether a partner receives managed credit for a client on ``on``.

    When it does not, ``missing`` lists **every** condition not met (for the user
    closest to meeting them all) and ``ended_by`` the event that ended the
    relationship at once, if one did. ``lapses_on`` is the day credit stops unless
    another qualifying activity happens. ``uncounted`` holds the activities of the
    lapse period up to ``on`` that did not count, each with why.
    """

    on: date = attrs.field(validator=is_day)
    receiving: bool = attrs.field(validator=is_flag)
    missing: tuple[Condition, ...] = attrs.field(
        converter=to_tuple, validator=each(Condition, message("a Condition"))
    )
    active_since: date | None = attrs.field(validator=is_optional_day)
    lapses_on: date | None = attrs.field(validator=is_optional_day)
    ended_by: Event | None = attrs.field(
        validator=instance_of(Event, message("an Event or None"), optional=True)
    )
    rules: ManagedRules = attrs.field(
        factory=lambda: default_managed_rules(),
        repr=False,
        validator=instance_of(ManagedRules, message("a ManagedRules")),
    )
    uncounted: tuple[UncountedActivity, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=each(UncountedActivity, message("an UncountedActivity")),
    )

    @property
    def notes(self) -> tuple[str, ...]:
        """What happened, when credit is not received: the event that ended the
        relationship at once, and why each activity of the lapse period before ``on``
        did not count (in English; :meth:`notes_in` says them in another language)."""
        found = []
        if self.ended_by is not None:
            found.append(
                # Translators: {ender} is the event that ended the relationship: its
                # kind as data writes it (such as 'end-services'), or a sentence.
                message(
                    "ended at once on {day} by {ender}", day=self.ended_by.on, ender=self._ender()
                )
            )
        if Condition.QUALIFYING_ACTIVITY in self.missing:
            found += [item._said() for item in self.uncounted]
        return tuple(found)

    def notes_in(self, locale: str | Presenter = "en") -> tuple[str, ...]:
        """The :attr:`notes` for people of ``locale`` (see
        :func:`~hubpartner.present.localized`)."""
        chosen = Presenter.of(locale)
        return tuple(localized(note, chosen) for note in self.notes)

    def _ender(self) -> str:
        assert self.ended_by is not None
        if self.ended_by.kind is EventKind.USER_REMOVED_FROM_CLIENT:
            return message(
                "removing {user}, the last partner user, from the client's account",
                user=self.ended_by.user,
            )
        return str(self.ended_by.kind.value)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The missing conditions in words, with the lapse period of the rules used,
        then the :attr:`notes` on what happened (in English; :meth:`reasons_in` says
        them in another language)."""
        return tuple(condition._said(self.rules) for condition in self.missing) + self.notes

    def reasons_in(self, locale: str | Presenter = "en") -> tuple[str, ...]:
        """The :attr:`reasons` for people of ``locale`` (see
        :func:`~hubpartner.present.localized`): in Swedish, say, with Swedish dates.

            >>> from datetime import date
            >>> managed_credit_status([], as_of=date(2025, 1, 6)).reasons_in("it")[0]
            "un utente per il dipendente nell'account partner"
        """
        chosen = Presenter.of(locale)
        return tuple(localized(reason, chosen) for reason in self.reasons)


def managed_credit_status(
    events: Iterable[Event], *, as_of: date, rules: ManagedRules | None = None
) -> CreditStatus:
    """Answer "is this partner receiving managed credit for this client on ``as_of``,
    and if not, why?" from the relationship's events up to that day."""
    day = calendar_date(as_of, field="as_of")
    state = _replay(events, day, rules)
    receiving = state.since is not None and state.since <= day
    lapse = None
    if receiving:
        assert state.last_counted is not None  # an active period has a counted activity
        lapse = shift(state.last_counted, days=state.rules.lapse_days, field="events")
    missing = () if receiving else state.missing(day)
    return CreditStatus(
        day,
        receiving,
        missing,
        state.since if receiving else None,
        lapse,
        None if receiving else state.ended_by,
        state.rules,
        tuple(
            item for item in state.uncounted if (day - item.event.on).days < state.rules.lapse_days
        ),
    )


def active_periods(
    events: Iterable[Event], *, until: date, rules: ManagedRules | None = None
) -> tuple[ActivePeriod, ...]:
    """The periods the relationship was active, up to and including ``until``."""
    day = calendar_date(until, field="until")
    state = _replay(events, day, rules)
    periods = list(state.periods)
    if state.since is not None:
        periods.append(ActivePeriod(state.since, None))
    return tuple(periods)


def qualifying_activities(
    events: Iterable[Event], *, start: date, end: date, rules: ManagedRules | None = None
) -> int:
    """How many qualifying activities counted for the relationship from ``start`` to
    ``end`` (both included) — for tiers that require a minimum number."""
    first, last = day_range(start, end)
    previous = shifted(first, days=-1)  # None for the calendar's first day
    before = 0 if previous is None else _replay(events, previous, rules).counted
    return _replay(events, last, rules).counted - before


@attrs.frozen
class MonthlyCredit:
    """One month of a relationship: whether it earned credit, shared by how many
    partners, and this partner's managed points."""

    month: date = attrs.field(validator=is_day)
    active: bool = attrs.field(validator=is_flag)
    partners: int = attrs.field(validator=is_positive_count)
    points: Decimal = attrs.field(converter=to_points)


def _partners_per_month(
    partners: int | Mapping[date, int], first: date, last: date
) -> Callable[[date], int]:
    """The number of partners servicing the client in a month: ``partners`` is one
    count, or a count per month keyed by the months' first days from ``first`` to
    ``last`` (every other key is refused, never ignored; a month not named has 1)."""
    if not isinstance(partners, Mapping):
        if not isinstance(partners, int):
            raise InvalidTypeError("partners", partners, message("an int, or a count per month"))
        count = whole_number(partners, field="partners", minimum=1, maximum=MAX_PARTNERS)
        return lambda _: count
    span = {"first": first.isoformat(), "last": last.isoformat()}
    counts = {}
    for month, value in partners.items():
        day = calendar_date(month, field="partners")
        where = f"partners[{day.isoformat()}]"
        if day.day != 1:
            raise InvalidValueError(
                "partners",
                day,
                message("months named by the first day of a month from {first} to {last}", **span),
            )
        if not first <= day <= last:
            raise InvalidValueError(
                "partners", day, message("months of the range, from {first} to {last}", **span)
            )
        counts[day] = whole_number(value, field=where, minimum=1, maximum=MAX_PARTNERS)
    return lambda month: counts.get(month, 1)


def _every_month(program: ProgramRules) -> Callable[[date], ProgramRules]:
    """``program`` for every month."""
    return lambda _: program


def monthly_managed_points(
    events: Iterable[Event],
    *,
    mrr: Money,
    market: str,
    start: date,
    end: date,
    program: ProgramRules | None = None,
    rules_for: Callable[[date], ProgramRules] | None = None,
    partners: int | Mapping[date, int] = 1,
    rules: ManagedRules | None = None,
) -> tuple[MonthlyCredit, ...]:
    """The managed points a relationship earned in each month from ``start`` to
    ``end`` (months named by their first day).

    A month earns credit when the relationship is active on its last day (or on any
    day, by the rule data), and is priced by the rule set in force on its last day:
    ``rules_for`` picks it (the published rule sets by default); ``program`` instead
    prices every month with one rule set (give one of the two, not both). The
    client's managed points are split equally among the partners servicing it that
    month: ``partners`` is a count, or a count per month keyed by the first day of
    months of the range (a month not named has 1; any other key is refused).
    """
    instance(mrr, Money, field="mrr", expected=message("a Money, such as Money('1000', 'USD')"))
    market_code(market)
    if program is not None:
        instance(
            program, ProgramRules, field="program", expected=message("a ProgramRules or None")
        )
    if rules_for is not None:
        rules_function(rules_for)
    if program is not None and rules_for is not None:
        raise InvalidValueError(
            "rules_for",
            rules_for,
            message(
                "program= (one rule set for every month) or rules_for= (the rule set of each "
                "month), not both"
            ),
        )
    pricing = (rules_for or for_date) if program is None else _every_month(program)
    chosen = _chosen(rules)
    first_day, last_day = day_range(start, end)
    months = month_starts(first_day, last_day, field="end")
    first, last = months[0], months[-1]
    shared_by = _partners_per_month(partners, first, last)
    timeline = _timeline(events)
    periods = active_periods(timeline, until=last_of_month(last), rules=chosen)
    result = []
    for month in months:
        month_end = last_of_month(month)
        if chosen.monthly_credit == "month-end":
            active = any(p.covers(month_end) for p in periods)
        else:
            active = any(
                p.start <= month_end and (p.end is None or p.end > month) for p in periods
            )
        count = shared_by(month)
        earned = (
            managed_points(
                mrr, market=market, rules=rules_in_force(pricing, month_end), partners=count
            )
            if active
            else Decimal(0)
        )
        result.append(MonthlyCredit(month, active, count, earned))
    return tuple(result)


# -- events from a file ------------------------------------------------------------------


def read_events(
    path: Source | Table,
    *,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    locale: str = "en",
) -> Mapping[str, tuple[Event, ...]]:
    """Read the events of managed relationships from CSV: each client's events, in the
    order of the file's lines, in an immutable mapping with the clients sorted.

    Required columns: ``date`` (YYYY-MM-DD), ``client`` (an id of at most 10,000
    characters, as :func:`~hubpartner.ledger.read_ledger` takes it) and ``kind`` (an
    :class:`EventKind` value, in any case). Optional: ``user``, ``tool`` and
    ``action`` (an :class:`~hubpartner.engagement.Action` value, in any case); a
    blank cell in them means not given. Which of those an event needs depends on its
    kind, as :class:`Event` says: a user event names its ``user``, an ``activity`` its
    ``tool`` (read as users write it: ``Landing pages`` is ``landing-pages``) and its
    ``action``; a row that lacks one is a problem of its line naming the column. The
    same event twice (the same client, and every cell reading the same) is a problem
    of the second line, naming the first: an event is never counted twice.
    Every bad row is reported by its line, in one
    :class:`~hubpartner.errors.EventsFileError`; nothing is dropped.

    The file is read with ``delimiter``, in ``encoding``, as ``locale`` writes (see
    ``docs/files.md``).
    """
    table = table_of(path, delimiter, encoding, locale)
    rows, problems = table.rows(Columns(("date", "client", "kind")), EventsFileError)
    found: dict[str, list[Event]] = {}
    # each event read, with its client, and the line it is first on
    lines: dict[tuple[str, Event], int] = {}
    # equal cells read once and kept once (a client's id, a day)
    clients, days = Shared(), Shared()
    for line, cells in rows:
        try:
            written = cells["date"]
            on = days.get(written) or days.keep(written, date_cell(written))
            action = cells.get("action", "").lower()
            event = Event(
                on,
                cells["kind"].lower(),
                user=cells.get("user") or None,
                tool=cells.get("tool") or None,
                action=action or None,
            )
            # a client's id as the ledger takes it: not blank, of a bounded length,
            # printable
            id_cell = cells["client"]
            client = clients.get(id_cell) or clients.keep(
                id_cell, key_text(id_cell, field="client")
            )
        except HubPartnerError as exc:
            problems.append(RowProblem(line, exc.message))
            continue
        earlier = lines.setdefault((client, event), line)
        if earlier != line:
            problems.append(
                RowProblem(line, message("the same event as line {line}", line=earlier))
            )
            continue
        found.setdefault(client, []).append(event)
    del lines, clients, days
    if problems:
        problems.sort(key=lambda problem: problem.line)
        table.refuse(EventsFileError, problems)
    return MappingProxyType({client: tuple(found[client]) for client in sorted(found)})
