"""Points held over time: sold deals, months of managed credit, and the ledger of both.

A :class:`Ledger` holds every dated sold deal and every month of managed credit. A
sold point stays active for the rule set's lifetime (12 months in the published sets,
rule data) from the day it was earned, then expires; a month's managed credit is
active during that month::

    >>> from datetime import date
    >>> from hubpartner.ledger import Ledger, ManagedMonth, SoldDeal
    >>> ledger = Ledger(
    ...     [SoldDeal("c1", date(2024, 9, 10), "sourced", 50),
    ...      SoldDeal("c2", date(2025, 2, 18), "assisted", 60)],
    ...     [ManagedMonth("c1", date(2025, 8, 1), 200)],
    ... )
    >>> ledger.active(date(2025, 8, 15))
    PointsHeld(sourced=Decimal('50'), assisted=Decimal('60'), managed=Decimal('200'))
    >>> ledger.active(date(2025, 9, 10)).sourced  # a year after the sale
    Decimal('0')

:func:`managed_months` turns a relationship's monthly managed credit (from
:func:`hubpartner.managed.monthly_managed_points`) into the ledger's managed months.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
from dateutil.relativedelta import relativedelta

from ._checks import (
    MAX_MONTHS,
    boolean,
    calendar_date,
    day_range,
    each,
    instance,
    instance_of,
    is_day,
    is_flag,
    is_key,
    is_optional_months,
    key_text,
    last_of_month,
    member,
    month_starts,
    months_between,
    sequence,
    shift,
    shifted,
    to_month,
    to_optional_text,
    to_points,
    to_tuple,
    whole_number,
)
from ._files import Columns, Shared, Source, Table, table_of, yes_no
from ._files import date_cell as _date_cell
from ._html import Results
from ._said import a_value
from .decimals import exact_context, exact_sum
from .errors import (
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    RowProblem,
)
from .managed import MonthlyCredit
from .messages import message
from .money import Money
from .points import sold_points
from .rules import ProgramRules, Track, for_date, rules_function, rules_in_force

if TYPE_CHECKING:
    from .present import Presenter
    from .tiers import Thresholds

__all__ = [
    "ClientPoints",
    "Expiry",
    "Ledger",
    "ManagedMonth",
    "MonthPoints",
    "PointChange",
    "PointsHeld",
    "PointsOverTime",
    "SoldDeal",
    "managed_months",
    "read_ledger",
]


@attrs.frozen
class PointsHeld:
    """Points per track. "Sold" is sourced plus assisted; "total" is all three."""

    sourced: Decimal = attrs.field(default=Decimal(0), converter=to_points)
    assisted: Decimal = attrs.field(default=Decimal(0), converter=to_points)
    managed: Decimal = attrs.field(default=Decimal(0), converter=to_points)

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
        tracks = frozenset(each_track(tracks))
        counted = Decimal(0)
        if Track.SOURCED in tracks:
            counted = exact_context().add(counted, self.sourced)
        if Track.ASSISTED in tracks:
            counted = exact_context().add(counted, self.assisted)
        return counted


def each_track(tracks: Any, *, field: str = "tracks") -> tuple[Track, ...]:
    """The tracks of ``tracks`` (a set or list of Track values, or their names)."""
    return tuple(member(Track, item, field=field) for item in sequence(tracks, field=field))


def _sold_track(value: Any) -> Track:
    expected = message("sourced or assisted")
    track = member(Track, value, field="track", expected=expected)
    if not track.is_sold:
        raise InvalidValueError("track", value, expected)
    return track


@attrs.frozen
class SoldDeal:
    """Sold points earned on a day for a client, on a track, in a growth market or not."""

    client: str = attrs.field(validator=is_key)
    on: date = attrs.field(validator=is_day)
    track: Track = attrs.field(converter=_sold_track)
    points: Decimal = attrs.field(converter=to_points)
    growth_market: bool = attrs.field(default=False, validator=is_flag)

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
        if rules is None:
            chosen = for_date(calendar_date(on, field="on"))
        else:
            chosen = instance(
                rules, ProgramRules, field="rules", expected=a_value(ProgramRules, or_none=True)
            )
        earned = sold_points(
            mrr,
            track=track,
            market=market,
            rules=chosen,
            product_line_first_sold=product_line_first_sold,
        )
        return cls(client, on, track, earned, chosen.is_growth_market(market))


@attrs.frozen
class MonthPoints:
    """The points a client earned a partner in one month (named by its first day),
    by track: a row of :func:`hubpartner.dask.points_by_month`. ``partner`` is None
    when the deals name no partner."""

    partner: str | None = attrs.field(converter=to_optional_text)
    client: str = attrs.field(validator=is_key)
    month: date = attrs.field(converter=to_month)
    points: PointsHeld = attrs.field(validator=instance_of(PointsHeld, a_value(PointsHeld)))


@attrs.frozen
class ManagedMonth:
    """The managed points a client earned the partner in one month (named by any day
    of it; kept as its first day)."""

    client: str = attrs.field(validator=is_key)
    month: date = attrs.field(converter=to_month)
    points: Decimal = attrs.field(converter=to_points)
    growth_market: bool = attrs.field(default=False, validator=is_flag)


def managed_months(
    client: str, credits: Iterable[MonthlyCredit], *, growth_market: bool = False
) -> tuple[ManagedMonth, ...]:
    """The ledger's managed months of ``client`` from the monthly managed credit of
    its relationship (:func:`hubpartner.managed.monthly_managed_points`); months
    without credit are left out.

        >>> from hubpartner.managed import MonthlyCredit
        >>> months = managed_months("c1", [
        ...     MonthlyCredit(date(2025, 1, 1), True, 2, Decimal(5)),
        ...     MonthlyCredit(date(2025, 2, 1), False, 2, Decimal(0)),
        ... ])
        >>> [(m.month.isoformat(), m.points) for m in months]
        [('2025-01-01', Decimal('5'))]
    """
    key_text(client, field="client")
    boolean(growth_market, field="growth_market")
    result = []
    for credit in sequence(credits, field="credits"):
        if not isinstance(credit, MonthlyCredit):
            raise InvalidTypeError("credits", credit, message("MonthlyCredit values"))
        if credit.active:
            result.append(ManagedMonth(client, credit.month, credit.points, growth_market))
    return tuple(result)


@attrs.frozen
class Expiry:
    """A sold deal and the day its points stop counting."""

    deal: SoldDeal = attrs.field(validator=instance_of(SoldDeal, a_value(SoldDeal)))
    on: date = attrs.field(validator=is_day)


@attrs.frozen
class ClientPoints:
    """One client's row of the points breakdown."""

    client: str = attrs.field(validator=is_key)
    deals: tuple[SoldDeal, ...] = attrs.field(
        converter=to_tuple, validator=each(SoldDeal, a_value(SoldDeal))
    )
    managed: tuple[ManagedMonth, ...] = attrs.field(
        converter=to_tuple, validator=each(ManagedMonth, a_value(ManagedMonth))
    )
    active_sold: Decimal = attrs.field(converter=to_points)
    active_managed: Decimal = attrs.field(converter=to_points)


@attrs.frozen
class PointChange:
    """The points one client earned and lost on one track between two days: sold
    points earned by a deal and expired at the end of their lifetime; managed points
    earned with their month and lost when it ends."""

    client: str = attrs.field(validator=is_key)
    track: Track = attrs.field(converter=Track)
    earned: Decimal = attrs.field(converter=to_points)
    expired: Decimal = attrs.field(converter=to_points)

    @property
    def net(self) -> Decimal:
        """Earned less expired: how the points held on the track moved."""
        return exact_context().subtract(self.earned, self.expired)


@attrs.frozen
class Ledger:
    """Every sold deal and every month of managed credit (one per client and month).

    Sold points are active from their day for the sold-point lifetime of the rule set
    in force that day (``sold_points_lifetime_months``; ``rules_for`` picks the rule
    set, the published ones by default), or for ``lifetime_months`` when you give it.
    A month's managed credit is active during that month: managed points measure what
    a partner manages now.
    """

    deals: tuple[SoldDeal, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(SoldDeal, a_value(SoldDeal))
    )
    managed: tuple[ManagedMonth, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(ManagedMonth, a_value(ManagedMonth))
    )
    lifetime_months: int | None = attrs.field(default=None, validator=is_optional_months)
    rules_for: Callable[[date], ProgramRules] = attrs.field(
        default=for_date, eq=False, hash=False, repr=False, converter=rules_function
    )
    # Derived once: the day the deals of each day expire, by day (it takes part in
    # equality, so ledgers whose rules expire points differently differ; one pair
    # per day, never one per deal); and the managed points of each month.
    _expiries: tuple[tuple[date, date], ...] = attrs.field(init=False, repr=False)
    _ends: Mapping[date, date] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _by_month: Mapping[date, Decimal] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        ends: dict[date, date] = {}
        for i, deal in enumerate(self.deals):
            if deal.on not in ends:
                ends[deal.on] = self._expiry(deal, f"deals[{i}].on")
        object.__setattr__(self, "_ends", MappingProxyType(ends))
        object.__setattr__(self, "_expiries", tuple(sorted(ends.items())))
        seen: dict[str, set[date]] = {}  # by client, so that a pair is never held per month
        for entry in self.managed:
            months = seen.setdefault(entry.client, set())
            if entry.month in months:
                raise InvalidValueError(
                    "managed",
                    (entry.client, f"{entry.month:%Y-%m}"),
                    message("one managed month per client and month, not the same month twice"),
                )
            months.add(entry.month)
        del seen
        totals: dict[date, Decimal] = {}
        exact = exact_context()
        for entry in self.managed:
            totals[entry.month] = exact.add(totals.get(entry.month, Decimal(0)), entry.points)
        object.__setattr__(self, "_by_month", MappingProxyType(totals))

    def _expiring(self) -> Iterator[tuple[SoldDeal, date]]:
        """Each deal with the day it expires, in the order of ``deals``."""
        ends = self._ends
        return ((deal, ends[deal.on]) for deal in self.deals)

    def expires(self, deal: SoldDeal) -> date:
        """The day ``deal``'s points stop counting (a day past the calendar's last is
        an error naming ``deal.on``)."""
        instance(deal, SoldDeal, field="deal", expected=a_value(SoldDeal))
        return self._expiry(deal, "deal.on")

    def _expiry(self, deal: SoldDeal, field: str) -> date:
        months = self.lifetime_months
        if months is None:
            months = rules_in_force(self.rules_for, deal.on).sold_points_lifetime_months
        return shift(deal.on, months=months, field=field)

    def _active_deals(self, on: date) -> list[SoldDeal]:
        return [d for d, end in self._expiring() if d.on <= on < end]

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
            PointsHeld(managed=exact_sum(m.points for m in self.managed if m.month <= day)),
        )

    def expired(self, on: date) -> tuple[Expiry, ...]:
        """The deals whose points had expired by ``on``, and when."""
        day = calendar_date(on, field="on")
        return tuple(Expiry(d, end) for d, end in self._expiring() if end <= day)

    def over_time(self, start: date, end: date) -> PointsOverTime:
        """The active points at the end of each month from ``start`` to ``end`` (at
        most 1,200 months, :data:`~hubpartner._checks.MAX_MONTHS`): a tuple of
        ``(day, PointsHeld)`` pairs, which a notebook shows as a table and a chart."""
        first_day, last_day = day_range(start, end)
        result = []
        for month in month_starts(first_day, last_day, field="end"):
            month_end = last_of_month(month)
            result.append((month_end, self.active(month_end)))
        return PointsOverTime(result)

    def changes(self, start: date, end: date) -> tuple[PointChange, ...]:
        """The points each client earned and lost on each track from ``start`` to
        ``end`` (both included), by client and then track; a client and track with
        no change are left out. Per track, what was earned less what expired is how
        the active points moved from the day before ``start`` to ``end``."""
        first, last = day_range(start, end)
        moves: dict[tuple[str, Track], tuple[Decimal, Decimal]] = {}
        exact = exact_context()

        def note(
            client: str, track: Track, points: Decimal, begins: date, ends: date | None
        ) -> None:
            # ``ends`` is None for December 9999, which ends past the calendar
            earned, expired = moves.get((client, track), (Decimal(0), Decimal(0)))
            if first <= begins <= last:
                earned = exact.add(earned, points)
            if ends is not None and first <= ends <= last:
                expired = exact.add(expired, points)
            if earned or expired:
                moves[(client, track)] = (earned, expired)

        for deal, ends in self._expiring():
            note(deal.client, deal.track, deal.points, deal.on, ends)
        for entry in self.managed:
            note(
                entry.client,
                Track.MANAGED,
                entry.points,
                entry.month,
                shifted(entry.month, months=1),
            )
        order = list(Track)
        return tuple(
            PointChange(client, track, *moves[(client, track)])
            for client, track in sorted(moves, key=lambda key: (key[0], order.index(key[1])))
        )

    def expiring(self, as_of: date, months: int = 3) -> tuple[tuple[date, Decimal], ...]:
        """The sold points that will stop counting in each of the next ``months``
        months (named by their first day; the first is ``as_of``'s month, after
        ``as_of``): at most 1,200 months, and none past the calendar's last."""
        day = calendar_date(as_of, field="as_of")
        left = months_between(day, date.max) + 1
        count = whole_number(months, field="months", minimum=1, maximum=min(MAX_MONTHS, left))
        after = shifted(day, days=1)  # None when as_of is the calendar's last day
        result = []
        start = day.replace(day=1)
        for index in range(count):
            first = start + relativedelta(months=index)
            following = shifted(first, months=1)  # None for December 9999
            lower = None if after is None else max(first, after)
            total = exact_sum(
                d.points for d, end in self._expiring() if _between(end, lower, following)
            )
            result.append((first, total))
        return tuple(result)

    def breakdown(
        self, on: date, *, track: Track | None = None, growth_market: bool | None = None
    ) -> tuple[ClientPoints, ...]:
        """The points per client: each client's deals and managed months, and the
        points active on ``on``; filter by deal type (track) and market type."""
        day = calendar_date(on, field="on")
        if track is not None:
            track = member(Track, track, field="track")
        if growth_market is not None:
            boolean(growth_market, field="growth_market")
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
                    exact_sum(d.points for d in own if d in active),
                    exact_sum(m.points for m in managed if m.month == day.replace(day=1)),
                )
            )
        return tuple(rows)


class PointsOverTime(Results[tuple[date, PointsHeld]]):
    """The active points at the end of each month, as :meth:`Ledger.over_time` gives
    them: a tuple of ``(day, PointsHeld)`` pairs (equal to the plain tuple) that shows
    itself in a notebook as a table and a line chart per track."""

    __slots__ = ()

    ITEM = tuple
    EXPECTED = message("a (date, PointsHeld) pair")

    @classmethod
    def _accepts(cls, item: Any) -> bool:
        match item:
            case (date(), PointsHeld()):
                return isinstance(item, tuple)
        return False

    def to_html(
        self, locale: str | Presenter = "en", *, thresholds: Thresholds | None = None
    ) -> str:
        """A table of the points per track and in all at the end of each month, and a
        line chart of them, for people of ``locale``; with ``thresholds``, each tier's
        total points is a line on the chart."""
        from ._views import points_over_time

        return points_over_time(self, locale, thresholds)

    def _repr_html_(self) -> str:
        return self.to_html()


def _between(day: date, lower: date | None, upper: date | None) -> bool:
    """Whether ``lower <= day < upper``, where None is past the calendar's last day: no
    day is on or after such a ``lower``, every day is before such an ``upper``."""
    return lower is not None and lower <= day and (upper is None or day < upper)


def read_ledger(
    path: Source | Table,
    *,
    lifetime_months: int | None = None,
    rules_for: Callable[[date], ProgramRules] = for_date,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    locale: str = "en",
) -> Ledger:
    """Read a points ledger from CSV: columns ``date``, ``client``, ``track`` (sourced,
    assisted or managed), ``points`` and, optionally, ``growth`` (yes/no). A managed
    row is the managed credit of its date's month (one row per client and month).
    Every row fills every column the file has: a blank cell is refused, never read
    as 0 or no; a file without a ``growth`` column holds no growth-market points.
    Every bad row is reported by line.

    Sold points expire by the rules in force on their day (``rules_for``), or after
    ``lifetime_months`` when you give it (see :class:`Ledger`); a sold row dated
    when no rules were in force is a problem of its line unless you give it.

    The file is read with ``delimiter``, in ``encoding``, and its ``points`` as
    ``locale`` writes numbers (see ``docs/files.md``).
    """
    table = table_of(path, delimiter, encoding, locale)
    rules_for = rules_function(rules_for)
    if lifetime_months is not None:
        whole_number(lifetime_months, field="lifetime_months", minimum=1, maximum=MAX_MONTHS)
    required = ("date", "client", "track", "points")
    columns = Columns(required, filled=(*required, "growth"), numbers=("points",))
    rows, problems = table.rows(columns, LedgerFileError)
    deals: list[SoldDeal] = []
    months: list[ManagedMonth] = []
    # each client's managed months, with their lines: by client, never a pair per month
    managed_lines: dict[str, dict[date, int]] = {}
    # equal cells read once and kept once (a client's id, a day, a number of points)
    clients, days, firsts, points, lasting = Shared(), Shared(), Shared(), Shared(), Shared()
    for line, cells in rows:
        try:
            written = cells["date"]
            on = days.get(written) or days.keep(written, _date_cell(written))
            growth = "growth" in cells and yes_no(cells["growth"], field="growth")
            track = member(
                Track,
                cells["track"].lower(),
                field="track",
                expected=message("sourced, assisted or managed"),
            )
            client = clients.keep(cells["client"], cells["client"])
            # a number of points read before is given as read (a new one is checked
            # by the value, which names it as written when it is refused)
            amount = points.get(cells["points"]) or cells["points"]
            if track is Track.MANAGED:
                month = firsts.get(on) or firsts.keep(on, on.replace(day=1))
                entry = ManagedMonth(client, month, amount, growth)
                points.keep(cells["points"], entry.points)
                held = managed_lines.setdefault(client, {})
                earlier = held.setdefault(entry.month, line)
                if earlier != line:
                    problems.append(
                        RowProblem(
                            line,
                            message(
                                "managed: {client}'s managed month {month} is already on line "
                                "{earlier}",
                                client=entry.client,
                                month=f"{entry.month:%Y-%m}",
                                earlier=earlier,
                            ),
                        )
                    )
                    continue
                months.append(entry)
            else:
                if lasting.get(on) is None:
                    # the rules that will say when these points expire, and that day
                    lifetime = (
                        lifetime_months
                        or rules_in_force(rules_for, on).sold_points_lifetime_months
                    )
                    lasting.keep(on, shift(on, months=lifetime, field="date"))
                deal = SoldDeal(client, on, track, amount, growth)
                points.keep(cells["points"], deal.points)
                deals.append(deal)
        except HubPartnerError as exc:
            problems.append(RowProblem(line, exc.message))
    del managed_lines, clients, days, firsts, points, lasting
    if problems:
        problems.sort(key=lambda problem: problem.line)
        table.refuse(LedgerFileError, problems)
    return Ledger(deals, months, lifetime_months, rules_for)
