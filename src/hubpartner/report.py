"""The partner's whole standing on a day, assembled from the library's own results.

:func:`standing` puts together what the partner dashboard shows in one view — the
tier and the progress toward the next, the points held with what expires in the
months ahead, the client table with engagement bands and renewal alerts, and the NPS
trend with its intervals — from whichever inputs you have. It does no arithmetic of
its own: every number comes from :mod:`~hubpartner.ledger`, :mod:`~hubpartner.tiers`,
:mod:`~hubpartner.clients`, :mod:`~hubpartner.engagement` and
:mod:`~hubpartner.surveys`. A section whose input is missing is None::

    >>> from datetime import date
    >>> from hubpartner.ledger import Ledger, SoldDeal
    >>> from hubpartner.report import standing
    >>> ledger = Ledger([SoldDeal("c-1", date(2025, 6, 2), "sourced", 50)])
    >>> now = standing(ledger=ledger, as_of=date(2025, 8, 1))
    >>> now.points.held.total, now.tier, now.clients, now.nps
    (Decimal('50'), None, None, None)
    >>> now.inputs
    ('ledger',)

The defaults — 3 months of expirations ahead, 12 months of points history, renewals
within 30 days, NPS by quarter with 95 % adjusted-Wald intervals and groups of fewer
than 5 answers marked — are parameters, not constants of the arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import attrs

from . import rules as published
from ._checks import (
    MAX_MONTHS,
    boolean,
    calendar_date,
    each,
    instance,
    instance_of,
    is_count,
    is_day,
    is_flag,
    last_of_month,
    shift,
    to_tuple,
    whole_number,
)
from ._said import a_value
from .clients import ClientRow, Portfolio, RenewalAlert, client_table, renewal_alerts
from .decimals import exact_sum
from .engagement import Band, ClientEngagement, assess, by_band
from .errors import InvalidTypeError, InvalidValueError
from .ledger import Ledger, PointsHeld
from .messages import message
from .rules import ProgramRules
from .surveys import Group, NpsTally, Response, SurveyKind, group
from .tiers import Evaluation, Progress, Thresholds, evaluate, progress

__all__ = [
    "ClientsStanding",
    "NpsStanding",
    "PointsStanding",
    "Standing",
    "TierStanding",
    "standing",
]

#: How many months of expirations the report looks ahead, by default.
EXPIRING_MONTHS = 3
#: How many months of active points the report's history shows, by default.
HISTORY_MONTHS = 12
#: The renewal alerts' window in days, by default (the ``clients`` command's too).
RENEWALS_WITHIN_DAYS = 30
#: NPS groups with fewer answers than this are marked, by default.
MIN_COUNT = 5
#: The NPS intervals' confidence level and method, by default.
CONFIDENCE = 0.95
METHOD: Literal["adjusted-wald", "wald"] = "adjusted-wald"


@attrs.frozen
class PointsStanding:
    """The points held on the day, the points active at the end of each month up to
    it, and the sold points that stop counting in each month ahead."""

    held: PointsHeld = attrs.field(validator=instance_of(PointsHeld, a_value(PointsHeld)))
    over_time: tuple[tuple[date, PointsHeld], ...] = attrs.field(converter=to_tuple)
    expiring: tuple[tuple[date, Decimal], ...] = attrs.field(converter=to_tuple)

    @property
    def expiring_total(self) -> Decimal:
        """The sold points that stop counting in the months ahead, together."""
        return exact_sum(points for _, points in self.expiring)


@attrs.frozen
class TierStanding:
    """The tier met on the day, why the higher tiers are not, and the progress per
    track toward the next."""

    thresholds: Thresholds = attrs.field(validator=instance_of(Thresholds, a_value(Thresholds)))
    certified: bool = attrs.field(validator=is_flag)
    evaluation: Evaluation = attrs.field(validator=instance_of(Evaluation, a_value(Evaluation)))
    progress: Progress = attrs.field(validator=instance_of(Progress, a_value(Progress)))


@attrs.frozen
class ClientsStanding:
    """The client table (by MRR), the renewals due within ``renewals_within`` days,
    and the clients per engagement band."""

    rows: tuple[ClientRow, ...] = attrs.field(
        converter=to_tuple, validator=each(ClientRow, a_value(ClientRow))
    )
    renewals_within: int = attrs.field(validator=is_count)
    alerts: tuple[RenewalAlert, ...] = attrs.field(
        converter=to_tuple, validator=each(RenewalAlert, a_value(RenewalAlert))
    )
    bands: tuple[tuple[Band, tuple[ClientEngagement, ...]], ...] = attrs.field(converter=to_tuple)

    def band_counts(self) -> dict[Band, int]:
        """How many clients each band holds, low to high."""
        return {band: len(clients) for band, clients in self.bands}


@attrs.frozen
class NpsStanding:
    """The NPS of each quarter (or month) up to the day, with the interval settings
    and the minimum count under which a group is marked."""

    groups: tuple[Group, ...] = attrs.field(
        converter=to_tuple, validator=each(Group, a_value(Group))
    )
    by: str = attrs.field(validator=attrs.validators.in_(("month", "quarter")))
    confidence: float = attrs.field(validator=instance_of(float, message("a float")))
    method: str = attrs.field(validator=attrs.validators.in_(("adjusted-wald", "wald")))
    min_count: int = attrs.field(validator=is_count)


@attrs.frozen
class Standing:
    """The partner's standing on ``as_of``: each section, or None when its input was
    not given (the tier needs both a ledger and thresholds)."""

    as_of: date = attrs.field(validator=is_day)
    points: PointsStanding | None = attrs.field(
        validator=instance_of(PointsStanding, a_value(PointsStanding, or_none=True), optional=True)
    )
    tier: TierStanding | None = attrs.field(
        validator=instance_of(TierStanding, a_value(TierStanding, or_none=True), optional=True)
    )
    clients: ClientsStanding | None = attrs.field(
        validator=instance_of(
            ClientsStanding, a_value(ClientsStanding, or_none=True), optional=True
        )
    )
    nps: NpsStanding | None = attrs.field(
        validator=instance_of(NpsStanding, a_value(NpsStanding, or_none=True), optional=True)
    )
    thresholds_given: bool = attrs.field(default=False, validator=is_flag)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The inputs the standing was made from: ``ledger``, ``thresholds``,
        ``portfolio`` and ``responses``, those given."""
        given = {
            "ledger": self.points is not None,
            "thresholds": self.thresholds_given,
            "portfolio": self.clients is not None,
            "responses": self.nps is not None,
        }
        return tuple(name for name, present in given.items() if present)


def standing(
    *,
    as_of: date,
    ledger: Ledger | None = None,
    portfolio: Portfolio | None = None,
    responses: Iterable[Response] | None = None,
    thresholds: Thresholds | None = None,
    rules: ProgramRules | None = None,
    certified: bool = True,
    expiring_months: int = EXPIRING_MONTHS,
    history_months: int = HISTORY_MONTHS,
    renewals_within: int = RENEWALS_WITHIN_DAYS,
    by: Literal["month", "quarter"] = "quarter",
    min_count: int = MIN_COUNT,
    confidence: float = CONFIDENCE,
    method: Literal["adjusted-wald", "wald"] = METHOD,
) -> Standing:
    """The standing on ``as_of`` from the inputs given (each optional).

    The tier is evaluated on the ledger's points active on ``as_of`` against
    ``thresholds``, under ``rules`` (default: those in force on ``as_of``). Only the
    responses given on or before ``as_of`` count toward the NPS trend.

    ``expiring_months`` and ``history_months`` are from 1 to 1,200
    (:data:`~hubpartner._checks.MAX_MONTHS`); with a ledger, the months they span
    from ``as_of``'s lie on the calendar, else
    :class:`~hubpartner.errors.InvalidValueError` names ``as_of``.
    """
    day = calendar_date(as_of, field="as_of")
    boolean(certified, field="certified")
    ahead = whole_number(expiring_months, field="expiring_months", minimum=1, maximum=MAX_MONTHS)
    past = whole_number(history_months, field="history_months", minimum=1, maximum=MAX_MONTHS)
    if ledger is not None:
        instance(ledger, Ledger, field="ledger", expected=a_value(Ledger, or_none=True))
    if thresholds is not None:
        instance(
            thresholds, Thresholds, field="thresholds", expected=a_value(Thresholds, or_none=True)
        )
    if portfolio is not None:
        instance(
            portfolio, Portfolio, field="portfolio", expected=a_value(Portfolio, or_none=True)
        )
    points = tier = clients = nps = None
    if ledger is not None:
        # the history's first month and the last month ahead lie on the calendar
        start = shift(day, field="as_of", months=1 - past).replace(day=1)
        shift(day, field="as_of", months=ahead - 1)
        points = PointsStanding(
            ledger.active(day),
            ledger.over_time(start, last_of_month(day)),
            ledger.expiring(day, ahead),
        )
        if thresholds is not None:
            chosen = published.for_date(day) if rules is None else rules
            options: dict[str, Any] = {
                "thresholds": thresholds,
                "certified": certified,
                "rules": chosen,
            }
            tier = TierStanding(
                thresholds,
                certified,
                evaluate(points.held, **options),
                progress(points.held, **options),
            )
    if portfolio is not None:
        assessed = assess(
            (client.id, client.company.name, client.scored_usage) for client in portfolio.clients
        )
        clients = ClientsStanding(
            client_table(portfolio, sort_by="name"),
            renewals_within,
            renewal_alerts(portfolio, as_of=day, within_days=renewals_within),
            tuple(by_band(assessed).items()),
        )
    if responses is not None:
        if by not in ("month", "quarter"):
            raise InvalidValueError("by", by, message("'month' or 'quarter'"))
        if isinstance(confidence, bool) or not isinstance(confidence, float):
            raise InvalidTypeError("confidence", confidence, message("a float between 0 and 1"))
        answered = [r for r in responses if _answered_by(r, day)]
        groups = group(answered, kind=SurveyKind.NPS, by=by, min_count=min_count)
        for found in groups:  # a weighted tally is never asked for: the plain one
            assert isinstance(found.tally, NpsTally)
            found.tally.interval(confidence, method)  # the interval settings are checked
        nps = NpsStanding(groups, by, confidence, method, min_count)
    return Standing(day, points, tier, clients, nps, thresholds is not None)


def _answered_by(response: Any, day: date) -> bool:
    if not isinstance(response, Response):
        raise InvalidTypeError("responses", response, a_value(Response))
    return response.at.date() <= day
