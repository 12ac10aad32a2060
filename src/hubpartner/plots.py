"""Pictures of results for notebooks: tier progress, points over time, the NPS trend
and the engagement bands, drawn with matplotlib (the ``plot`` extra:
``pip install 'hubpartner[plot]'``).

Each function draws on the ``Axes`` you give as ``ax=`` (or on a new figure of its
own, made without pyplot, so no global state changes), returns the ``Axes`` and
never calls ``show()``. Every number drawn is one the value holds — nothing is
computed again — and every word is a message said in ``locale``'s language, with the
axes' numbers and dates written the locale's way.

Each kind of mark has a ``gid`` (matplotlib's id of an artist) that names what it
shows, so that you can find and restyle it: ``"held"``, ``"gap"`` and ``"keep"``
(progress), ``"unmet"`` and ``"met"`` (an evaluation), ``"active"``, ``"expiring"``,
``"as-of"`` and ``"threshold-gold"`` … (points over time), ``"score"``,
``"interval"`` and ``"below-minimum"`` (the NPS trend), ``"band"`` (the engagement
bands).

Importing this module does not import matplotlib; a function called without it
raises :class:`~hubpartner.errors.MissingExtraError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._checks import (
    MAX_MONTHS,
    calendar_date,
    months_between,
    sequence,
    shifted,
    whole_number,
)
from .decimals import EXACT
from .errors import InvalidTypeError, InvalidValueError, MissingExtraError
from .messages import Message, message, plural
from .present import Presenter

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .ledger import Ledger, PointsHeld
    from .surveys.responses import Group
    from .tiers import Evaluation, Progress, Thresholds

__all__ = [
    "plot_engagement_bands",
    "plot_nps_trend",
    "plot_points_over_time",
    "plot_progress",
]

#: The width, in days, of a month's bar of expiring points on a time axis.
_MONTH_BAR_DAYS = 24
#: The share of a colour a confidence band shows.
_BAND_ALPHA = 0.2


def _axes(ax: Any, feature: str) -> Axes:
    """``ax``, or the Axes of a new figure made without pyplot; matplotlib missing is
    a :class:`MissingExtraError` naming ``feature``."""
    try:
        import matplotlib.axes
        import matplotlib.figure
    except ImportError:
        raise MissingExtraError(
            "plot", "matplotlib", feature=f"hubpartner.plots.{feature}"
        ) from None
    if ax is None:
        return matplotlib.figure.Figure().add_subplot()
    if not isinstance(ax, matplotlib.axes.Axes):
        raise InvalidTypeError("ax", ax, message("a matplotlib Axes, or None for a new figure"))
    return ax


def _number_axis(axis: Any, say: Presenter, *, counts: bool = False) -> None:
    """The numbers of ``axis`` written the locale's way; ``counts`` ticks whole
    numbers only."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if counts:
        axis.set_major_locator(MaxNLocator(integer=True))
    # ``value``, not ``number``: an axis may reach a round number past the largest
    # value a user gives (10^15), which a tick is, not a value given
    axis.set_major_formatter(FuncFormatter(lambda value, _: say.value(_tick(value))))


def _tick(value: float) -> Decimal:
    """A tick's place as a number to show: to 12 significant digits (a place on an
    axis is a float, ``0.30000000000000004`` meaning 0.3), and never ``-0``, whatever
    the current decimal context."""
    return EXACT.plus(Decimal(f"{float(value):.12g}"))


def _label(text: Message | str, say: Presenter) -> str:
    return say.text(text)


# -- tier progress ----------------------------------------------------------------------------


def _track_name(track: str) -> Message | str:
    """A progress track's name for people (a name the library does not give, as it is)."""
    names: dict[str, Message] = {
        "combined": message("combined"),
        "sold": message("sold"),
        "sourced": message("sourced"),
        "managed": message("managed"),
    }
    return names.get(track, track)


def _tier_said(tier: Any) -> Message:
    return message("no tier") if tier is None else tier.label


def plot_progress(
    progress_or_evaluation: Progress | Evaluation,
    *,
    ax: Axes | None = None,
    locale: str | Presenter = "en",
) -> Axes:
    """The tier progress as a bar per track, or an evaluation as a bar per tier.

    A :class:`~hubpartner.tiers.Progress` gives, per track (combined, the sold
    minimum's and managed), the points held (``"held"``), the gap to the next tier
    after them (``"gap"``; none at the top tier) and the minimum that keeps the
    current tier (``"keep"``). An :class:`~hubpartner.tiers.Evaluation` holds no
    points: it gives, per tier from Gold up to the highest it judged, how many of the
    tier's requirements are not met (``"unmet"``), and marks the tier met (``"met"``).
    """
    from .tiers import Evaluation, Progress

    if not isinstance(progress_or_evaluation, Progress | Evaluation):
        raise InvalidTypeError(
            "progress_or_evaluation",
            progress_or_evaluation,
            message("a Progress or an Evaluation (from hubpartner.tiers)"),
        )
    chosen = _axes(ax, "plot_progress")
    say = Presenter.of(locale)
    if isinstance(progress_or_evaluation, Progress):
        _progress(progress_or_evaluation, chosen, say)
    else:
        _evaluation(progress_or_evaluation, chosen, say)
    return chosen


def _progress(progress: Progress, ax: Axes, say: Presenter) -> None:
    names = [_label(_track_name(t.track), say) for t in progress.tracks]
    rows = list(range(len(names)))
    held = [float(t.held) for t in progress.tracks]
    ax.barh(rows, held, gid="held", label=say.text(message("points held")))
    if progress.next is not None:
        gaps = [float(t.gap or 0) for t in progress.tracks]
        ax.barh(
            rows,
            gaps,
            left=held,
            gid="gap",
            alpha=0.35,
            hatch="//",
            label=say.text(message("still needed for {tier}", tier=progress.next.label)),
        )
    kept = [
        (float(t.keep_required), row)
        for row, t in zip(rows, progress.tracks, strict=True)
        if t.keep_required is not None
    ]
    if kept:  # the current tier's minimums: there are none below Gold
        ax.plot(
            [x for x, _ in kept],
            [row for _, row in kept],
            linestyle="none",
            marker="|",
            markersize=18,
            color="black",
            gid="keep",
            label=say.text(message("to keep {tier}", tier=_tier_said(progress.tier))),
        )
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    ax.set_xlabel(say.text(message("points")))
    ax.set_title(say.text(message("tier progress: {tier}", tier=_tier_said(progress.tier))))
    _number_axis(ax.xaxis, say)
    ax.legend(loc="best")


def _evaluation(evaluation: Evaluation, ax: Axes, say: Presenter) -> None:
    from .tiers import Tier

    unmet = dict(evaluation.unmet)
    met = evaluation.tier
    shown = [t for t in Tier if t in unmet or (met is not None and t <= met)]
    columns = list(range(len(shown)))
    counts = [len(unmet.get(t, ())) for t in shown]
    ax.bar(columns, counts, gid="unmet", label=say.text(message("requirements not met")))
    if met is not None:
        ax.plot(
            [shown.index(met)],
            [0],
            linestyle="none",
            marker="*",
            markersize=16,
            gid="met",
            label=say.text(message("tier met")),
        )
    ax.set_xticks(columns, [say.text(t.label) for t in shown])
    ax.set_ylabel(say.text(message("requirements not met")))
    ax.set_title(say.text(message("tier met: {tier}", tier=_tier_said(met))))
    _number_axis(ax.yaxis, say, counts=True)
    ax.legend(loc="upper left")


# -- points over time ----------------------------------------------------------------------------


def _timeline(value: Any) -> tuple[tuple[date, PointsHeld], ...]:
    """``value`` as a timeline: (day, points held) pairs, as ``Ledger.over_time`` gives."""
    from .ledger import PointsHeld

    expected = message("a Ledger, or (day, PointsHeld) pairs as Ledger.over_time gives")
    pairs = sequence(value, field="ledger_or_timeline")
    for position, pair in enumerate(pairs):
        match pair:
            case (date() as day, PointsHeld()):
                calendar_date(day, field=f"ledger_or_timeline[{position}][0]")
            case _:
                raise InvalidTypeError(f"ledger_or_timeline[{position}]", pair, expected)
    return pairs


def _first_day(ledger: Ledger, as_of: date) -> date:
    """The ledger's first day with points, or ``as_of`` when it has none before it;
    at most :data:`~hubpartner._checks.MAX_MONTHS` months of them up to ``as_of``."""
    days = [d.on for d in ledger.deals] + [m.month for m in ledger.managed]
    earliest = shifted(as_of.replace(day=1), months=1 - MAX_MONTHS) or date.min
    return max(earliest, min([as_of, *days]))


def plot_points_over_time(
    ledger_or_timeline: Ledger | Sequence[tuple[date, PointsHeld]],
    *,
    as_of: date,
    thresholds: Thresholds | None = None,
    months_ahead: int = 3,
    start: date | None = None,
    ax: Axes | None = None,
    locale: str | Presenter = "en",
) -> Axes:
    """The active points at the end of each month (``"active"``), the sold points
    expiring in each of the ``months_ahead`` months from ``as_of`` (``"expiring"``)
    and each tier's total points as a horizontal line (``"threshold-gold"`` …);
    ``"as-of"`` marks ``as_of``.

    From a :class:`~hubpartner.ledger.Ledger` the months run from ``start`` (by
    default the ledger's first day) to ``as_of``'s month, as
    :meth:`~hubpartner.ledger.Ledger.over_time` gives them, and the expiring points
    are :meth:`~hubpartner.ledger.Ledger.expiring`'s. A timeline — the (day,
    :class:`~hubpartner.ledger.PointsHeld`) pairs ``over_time`` gives — is drawn as it
    is, and knows nothing of what expires (``start`` and ``months_ahead`` are then
    checked, and not used).
    """
    from .ledger import Ledger
    from .tiers import Thresholds

    day = calendar_date(as_of, field="as_of")
    if thresholds is not None and not isinstance(thresholds, Thresholds):
        raise InvalidTypeError(
            "thresholds", thresholds, message("a Thresholds (from hubpartner.tiers), or None")
        )
    first = None if start is None else calendar_date(start, field="start")
    if first is not None and not (first <= day and months_between(first, day) < MAX_MONTHS):
        raise InvalidValueError(
            "start",
            first,
            message(
                "a day on or before as_of ({as_of}), and at most {months} months before it",
                as_of=day,
                months=MAX_MONTHS - 1,
            ),
        )
    left = min(MAX_MONTHS, months_between(day, date.max) + 1)  # none past the calendar
    ahead = whole_number(months_ahead, field="months_ahead", minimum=1, maximum=left)
    expiring: tuple[tuple[date, Decimal], ...] = ()
    timeline: Sequence[tuple[date, PointsHeld]]
    if isinstance(ledger_or_timeline, Ledger):
        first = _first_day(ledger_or_timeline, day) if first is None else first
        timeline = ledger_or_timeline.over_time(first, day)
        expiring = ledger_or_timeline.expiring(day, ahead)
    else:
        timeline = _timeline(ledger_or_timeline)
    chosen = _axes(ax, "plot_points_over_time")
    say = Presenter.of(locale)
    chosen.plot(
        _day_numbers([end for end, _ in timeline]),
        [float(points.total) for _, points in timeline],
        marker="o",
        gid="active",
        label=say.text(message("active points")),
    )
    if expiring:
        chosen.bar(
            _day_numbers([first for first, _ in expiring]),
            [float(points) for _, points in expiring],
            width=_MONTH_BAR_DAYS,
            align="edge",
            alpha=0.6,
            gid="expiring",
            label=say.text(message("points expiring")),
        )
    chosen.axvline(_day_numbers([day])[0], color="grey", linestyle=":", gid="as-of")
    for requirement in () if thresholds is None else thresholds.requirements:
        level = float(requirement.total)
        chosen.axhline(
            level, linestyle="--", linewidth=1, gid=f"threshold-{requirement.tier.value}"
        )
        chosen.text(
            1.0,
            level,
            say.text(requirement.tier.label),
            transform=chosen.get_yaxis_transform(),
            horizontalalignment="right",
            verticalalignment="bottom",
        )
    _date_axis(chosen.xaxis, say)
    _number_axis(chosen.yaxis, say)
    chosen.set_ylabel(say.text(message("points")))
    chosen.set_title(say.text(message("points over time, as of {day}", day=day)))
    chosen.legend(loc="upper left")
    return chosen


def _dates() -> Any:
    """matplotlib's dates module (its functions carry no types)."""
    from matplotlib import dates

    return dates


def _day_numbers(days: list[date]) -> list[float]:
    """``days`` as the numbers of matplotlib's time axis."""
    return [float(number) for number in _dates().date2num(days)]


def _date_axis(axis: Any, say: Presenter) -> None:
    """The days of ``axis`` written the locale's short way."""
    from matplotlib.ticker import FuncFormatter

    dates = _dates()
    axis.set_major_locator(dates.AutoDateLocator(maxticks=6))
    axis.set_tick_params(labelrotation=30)
    axis.set_major_formatter(
        FuncFormatter(lambda value, _: say.short_date(dates.num2date(value).date()))
    )


# -- the NPS trend ------------------------------------------------------------------------------


def _groups(value: Any) -> tuple[Group, ...]:
    from .surveys.responses import Group
    from .surveys.tally import NpsTally, WeightedNpsTally

    found = sequence(value, field="groups")
    for position, item in enumerate(found):
        if not isinstance(item, Group) or not isinstance(item.tally, NpsTally | WeightedNpsTally):
            raise InvalidTypeError(
                f"groups[{position}]",
                item,
                message("a Group of NPS answers, as hubpartner.surveys.group gives"),
            )
    return found


def plot_nps_trend(
    groups: Sequence[Group],
    *,
    ax: Axes | None = None,
    min_count: int | None = None,
    confidence: float = 0.95,
    locale: str | Presenter = "en",
) -> Axes:
    """The NPS of each period as a line (``"score"``; one per segment), its
    ``confidence`` interval as a band (``"interval"``), and the groups under the
    minimum count marked (``"below-minimum"``).

    ``groups`` are :func:`~hubpartner.surveys.group`'s NPS groups. A group is under
    the minimum when it is flagged ``below_minimum`` — by ``group(min_count=...)`` —
    or, when ``min_count`` is given here, when it has fewer answers than that.
    """
    found = _groups(groups)
    minimum = None if min_count is None else whole_number(min_count, field="min_count", minimum=0)
    from .surveys.stats import confidence_level

    level = confidence_level(confidence)
    chosen = _axes(ax, "plot_nps_trend")
    say = Presenter.of(locale)
    periods: list[Any] = []
    for item in found:
        if item.period not in periods:
            periods.append(item.period)
    segments: dict[str | None, list[Group]] = {}
    for item in found:
        segments.setdefault(item.segment, []).append(item)
    for segment, members in segments.items():
        xs = [periods.index(g.period) for g in members]
        bounds = [g.tally.interval(level) for g in members]
        label = message("NPS") if segment is None else segment
        (line,) = chosen.plot(
            xs,
            [float(g.tally.score) for g in members],
            marker="o",
            gid="score",
            label=say.text(label),
        )
        chosen.fill_between(
            xs,
            [b.low for b in bounds],
            [b.high for b in bounds],
            color=line.get_color(),
            alpha=_BAND_ALPHA,
            gid="interval",
        )
    flagged = [g for g in found if (g.below_minimum if minimum is None else g.tally.n < minimum)]
    if flagged:
        chosen.plot(
            [periods.index(g.period) for g in flagged],
            [float(g.tally.score) for g in flagged],
            linestyle="none",
            marker="x",
            markersize=12,
            color="red",
            gid="below-minimum",
            label=say.text(_under(minimum)),
        )
    chosen.set_xticks(list(range(len(periods))), [_period(p, say) for p in periods])
    chosen.set_ylim(-100, 100)
    chosen.set_ylabel(say.text(message("NPS")))
    chosen.set_title(
        say.text(message("NPS with its {level} interval", level=_percent(level, say)))
    )
    _number_axis(chosen.yaxis, say)
    if found:
        chosen.legend(loc="lower left")
    return chosen


def _percent(level: float, say: Presenter) -> str:
    """A confidence level as a percentage with the places it has (95 %, 97.5 %)."""
    share = _tick(level)
    places = max(0, -int(EXACT.multiply(share, 100).normalize(EXACT).as_tuple().exponent))
    return say.percent(share, places=places)


def _under(minimum: int | None) -> Message:
    if minimum is None:
        return message("fewer answers than the minimum")
    return plural("fewer than {count} answer", "fewer than {count} answers", count=minimum)


def _period(period: Any, say: Presenter) -> str:
    if period is None:
        # Translators: the period of a group of answers: every answer, whenever given
        return say.text(message("all"))
    return say.text(period.label)


# -- engagement bands ---------------------------------------------------------------------------


def plot_engagement_bands(
    assessments_or_table: Sequence[Any],
    *,
    ax: Axes | None = None,
    locale: str | Presenter = "en",
) -> Axes:
    """The number of clients in each engagement band, low to high, as bars
    (``"band"``), each with its count written above it.

    ``assessments_or_table`` is what :func:`~hubpartner.engagement.assess` or
    :func:`~hubpartner.clients.client_table` gives: a band with no client is a bar of 0.
    """
    from .clients import ClientRow
    from .engagement import Band, ClientEngagement

    items = sequence(assessments_or_table, field="assessments_or_table")
    for position, item in enumerate(items):
        if not isinstance(item, ClientEngagement | ClientRow):
            raise InvalidTypeError(
                f"assessments_or_table[{position}]",
                item,
                message("a ClientEngagement (from assess) or a ClientRow (from client_table)"),
            )
    chosen = _axes(ax, "plot_engagement_bands")
    say = Presenter.of(locale)
    counts = [sum(1 for item in items if item.band is band) for band in Band]
    columns = list(range(len(counts)))
    bars = chosen.bar(columns, counts, gid="band")
    chosen.bar_label(bars, labels=[say.number(count) for count in counts])
    chosen.set_xticks(columns, [say.text(band.label) for band in Band])
    chosen.set_ylabel(say.text(message("clients")))
    chosen.set_title(say.text(message("clients per engagement band")))
    _number_axis(chosen.yaxis, say, counts=True)
    return chosen
