"""The HTML views of the results people look at (private): what a result's
``to_html`` — and so its ``_repr_html_`` in a notebook — shows.

Each view is a small fragment built with :mod:`hubpartner._html`: a ``<table>`` with
a caption, bars and charts, every text escaped and every number shown by a
:class:`~hubpartner.present.Presenter` of the locale asked for (English by default)
and kept exactly in ``data-value``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from . import _html
from ._html import Html
from .errors import HubPartnerError
from .messages import Message, joined, message, plural

if TYPE_CHECKING:
    from datetime import date

    from .clients import ClientRow
    from .engagement import Band, ClientEngagement, EngagementScore
    from .ledger import PointsHeld
    from .present import Presenter
    from .reviews import CategorySummary, Summary
    from .surveys.responses import Group
    from .tiers import Evaluation, Progress, Thresholds

#: The places a fraction that is not whole (a category's points) is shown with.
FRACTION_PLACES = 2
#: The places of an NPS or CSAT interval's bounds, and of a CES interval's (as the
#: ``surveys`` command shows them).
INTERVAL_PLACES, CES_PLACES = 1, 2

_NOTHING = "-"


def _presenter(locale: str | Presenter) -> Presenter:
    from .present import Presenter

    return Presenter.of(locale)


def _amount(value: Decimal | int | Fraction | None, say: Presenter) -> Html | str:
    """A number as people read it, kept exactly in ``data-value``: a Decimal with
    every place it has, a Fraction that is not whole to :data:`FRACTION_PLACES`;
    "-" for nothing."""
    if value is None:
        return _NOTHING
    places = 0
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))
    elif isinstance(value, Fraction) and value.denominator > 1:
        places = FRACTION_PLACES
    return _html.number(value, say.number(value, places=places))


def _share(part: Decimal | int | Fraction, whole: Decimal | int | Fraction) -> Fraction:
    """``part`` of ``whole`` (all of it when nothing is required)."""
    if whole == 0:
        return Fraction(1)
    return Fraction(part) / Fraction(whole)


# -- tiers ---------------------------------------------------------------------------------


def _tier(tier: Any) -> Message:
    # Translators: what a partner below Gold, or without certification, has
    return message("no tier") if tier is None else tier.label


def evaluation(result: Evaluation, locale: str | Presenter) -> Html:
    """The tier met and why each other tier is not."""
    say = _presenter(locale)
    rows = [[_tier(tier), joined(reasons, "; ")] for tier, reasons in result.unmet]
    return _html.table(
        # Translators: a column header: a partner tier; then why it is not met
        [message("tier"), message("reason")],
        rows,
        # Translators: the caption of a tier evaluation: the tier met
        caption=message("Tier: {tier}", tier=_tier(result.tier)),
        locale=say,
    )


def track_label(name: str) -> Message | str:
    """A track of tier progress for people: its name, or the name as it is."""
    # Translators: the track on which points are earned (a sale the partner sourced)
    sourced = message("sourced")
    # Translators: the track on which points are earned (a sale the partner assisted)
    assisted = message("assisted")
    # Translators: the track on which points are earned (a client the partner manages)
    managed = message("managed")
    # Translators: the points of every track together (a row of tier progress)
    combined = message("combined")
    # Translators: the partner sold to the client (a relationship)
    sold = message("sold")
    names = {
        "sourced": sourced,
        "assisted": assisted,
        "managed": managed,
        "combined": combined,
        "sold": sold,
    }
    return names.get(name, name)


def progress(result: Progress, locale: str | Presenter) -> Html:
    """A row per track: held, what the next tier requires, the gap, what keeps the
    current tier, and a bar of held / required."""
    say = _presenter(locale)
    rows = []
    for track in result.tracks:
        required = track.next_required
        if required is None:
            filled: Html | str = _NOTHING
        else:
            # Translators: the label of a progress bar: points held of those required
            label = message("{held} of {required}", held=track.held, required=required)
            filled = _html.bar(_share(track.held, required), label=label, locale=say)
        rows.append(
            [
                track_label(track.track),
                _amount(track.held, say),
                _amount(required, say),
                _amount(track.gap, say),
                _amount(track.keep_required, say),
                filled,
            ]
        )
    header = [
        message("track"),
        message("held"),
        message("for {tier}", tier=_tier(result.next)),
        message("gap"),
        message("to keep {tier}", tier=_tier(result.tier)),
        # Translators: a column header: a bar of the points held toward the next tier
        message("progress"),
    ]
    caption = (
        message("already at the top tier")
        if result.next is None
        # Translators: the caption of tier progress: the tier held, then the next
        else message("{tier}, toward {next}", tier=_tier(result.tier), next=_tier(result.next))
    )
    return _html.table(header, rows, numeric={1, 2, 3, 4}, caption=caption, locale=say)


# -- points over time ----------------------------------------------------------------------


def points_over_time(
    months: Sequence[tuple[date, PointsHeld]],
    locale: str | Presenter,
    thresholds: Thresholds | None = None,
) -> Html:
    """A table of the active points at the end of each month, per track and in all,
    and a line chart of them with each tier's total points of ``thresholds`` as a
    line."""
    from ._checks import instance
    from ._said import a_value
    from .tiers import Thresholds

    lines = []
    if thresholds is not None:
        instance(
            thresholds, Thresholds, field="thresholds", expected=a_value(Thresholds, or_none=True)
        )
        lines = [(item.tier.label, item.total) for item in thresholds.requirements]
    say = _presenter(locale)
    tracks = ("sourced", "assisted", "managed", "total")
    rows = [
        [say.month(day), *(_amount(getattr(held, name), say) for name in tracks)]
        for day, held in months
    ]
    # Translators: a column header: a month
    header: list[Any] = [message("month"), *(track_label(name) for name in tracks[:-1])]
    # Translators: a column header: the points of every track together
    header.append(message("total"))
    # Translators: the caption of the points held at the end of each month, and its chart
    title = message("points over time")
    shown = _html.table(header, rows, numeric={1, 2, 3, 4}, caption=title, locale=say)
    if not months:
        return shown
    chart = _html.svg_line_chart(
        {
            label: [getattr(held, name) for _, held in months]
            for label, name in zip(header[1:], tracks, strict=True)
        },
        thresholds=lines,
        x_labels=[say.short_date(day) for day, _ in months],
        # Translators: the name of a chart's axis: points (of the partner program)
        y_label=message("points"),
        title=title,
        locale=say,
    )
    return Html(f"<div>{chart}{shown}</div>")


# -- clients -------------------------------------------------------------------------------


def client_columns() -> list[Message]:
    """The columns of the client table, for people (the command line's table and the
    HTML view show the same)."""
    return [
        # Translators: a column header: the client's id
        message("client"),
        # Translators: a column header: the client's company name
        message("name"),
        # Translators: a column header: the HubSpot products the client holds
        message("products"),
        # Translators: a column header: sold, managed or both
        message("relationship"),
        message("MRR"),
        # Translators: a column header: the engagement score and band
        message("engagement"),
        # Translators: a column header: the renewal date
        message("renewal"),
    ]


def relationship_label(relationship: Any) -> Message:
    """How the partner relates to a client, for people."""
    # Translators: the partner sold to the client (a relationship)
    sold = message("sold")
    # Translators: the partner manages the client (a relationship; also a track)
    managed = message("managed")
    # Translators: the partner both sold to and manages the client (a relationship)
    both = message("both")
    return {"sold": sold, "managed": managed, "both": both}[relationship.value]


def _scored(score: int, band: Band, say: Presenter) -> Html:
    return Html(f"{_amount(score, say)} {_html.escape(say.text(band.label))}")


def client_table(rows: Sequence[ClientRow], locale: str | Presenter) -> Html:
    """The client table: id, name, products, relationship, MRR, engagement score and
    band, renewal date."""
    say = _presenter(locale)
    cells = [
        [
            row.client,
            row.name,
            ", ".join(row.products),
            relationship_label(row.relationship),
            _NOTHING if row.mrr is None else _html.number(row.mrr.amount, say.money(row.mrr)),
            _scored(row.engagement, row.band, say),
            _NOTHING if row.renewal is None else say.short_date(row.renewal),
        ]
        for row in rows
    ]
    header = client_columns()
    # Translators: the caption of the client table
    caption = plural("{count} client", "{count} clients", count=len(rows))
    return _html.table(header, cells, numeric={4, 5}, caption=caption, locale=say)


# -- engagement ----------------------------------------------------------------------------


def engagement(
    score: EngagementScore, locale: str | Presenter, *, client: ClientEngagement | None = None
) -> Html:
    """A client's engagement score and band, and a row per category: the points
    earned, those within reach of its subscriptions, the most, a bar of earned /
    most, and the tools it has but does not use."""
    say = _presenter(locale)
    rows = [
        [
            category.name,
            _amount(category.earned, say),
            _amount(category.within_reach, say),
            _amount(category.maximum, say),
            _html.bar(
                _share(category.earned, category.maximum),
                label=message(
                    "{held} of {required}", held=category.earned, required=category.maximum
                ),
                locale=say,
            ),
            ", ".join(category.unused) or _NOTHING,
        ]
        for category in score.categories
    ]
    header = [
        # Translators: a column header: a category of the engagement score
        message("category"),
        # Translators: a column header: the points a category earned
        message("points"),
        # Translators: a column header: the points the client's subscriptions allow
        message("within reach"),
        # Translators: a column header: the most points a category gives
        message("maximum"),
        message("progress"),
        # Translators: a column header: the tools the client has but does not use
        message("unused tools"),
    ]
    # Translators: the caption of a client's engagement: its score and band
    said = message("engagement score {score}, {band}", score=score.score, band=score.band.label)
    if client is not None:
        # Translators: who an engagement score is of: the company's name, then its id
        said = message(
            "{name} ({client}): {said}", name=client.name, client=client.client, said=said
        )
    return _html.table(header, rows, numeric={1, 2, 3}, caption=said, locale=say)


def assessment(clients: Sequence[ClientEngagement], locale: str | Presenter) -> Html:
    """A row per client — its score and band, its opportunities — and a bar chart of
    how many clients are in each band."""
    from .engagement import by_band

    say = _presenter(locale)
    rows = [
        [
            item.client,
            item.name,
            _scored(item.score, item.band, say),
            ", ".join(o.describe(locale=say) for o in item.opportunities) or _NOTHING,
        ]
        for item in clients
    ]
    header = [
        message("client"),
        message("name"),
        message("engagement"),
        # Translators: a column header: what could be offered to a client next
        message("opportunities"),
    ]
    table = _html.table(header, rows, numeric={2}, locale=say)
    if not clients:
        return table
    bands = by_band(clients)
    chart = _html.svg_bars(
        [band.label for band in bands],
        [len(found) for found in bands.values()],
        # Translators: the title of a chart: how many clients are in each engagement band
        title=message("clients per band"),
        locale=say,
    )
    return Html(f"<div>{chart}{table}</div>")


# -- surveys -------------------------------------------------------------------------------


class _Statistic(NamedTuple):
    """A group's score as a table shows it: what it is called, the score exactly and
    rounded as the ``surveys`` command shows it, its interval (None where it has none,
    as for a CES of one answer), the places of the interval's bounds and the ends of
    its scale."""

    name: Message
    score: Fraction
    rounded: Decimal
    interval: tuple[float, float] | None
    places: int
    scale: tuple[int, int]


def _statistic(found: Group) -> _Statistic:
    from .surveys.tally import CesTally, CsatTally

    tally = found.tally
    try:
        low, high = tally.interval()
        interval: tuple[float, float] | None = (low, high)
    except HubPartnerError:  # a CES of one answer has no interval
        interval = None
    if isinstance(tally, CesTally):
        scale = (tally.scale.low, tally.scale.high)
        return _Statistic(
            message("CES"), tally.score, tally.rounded(), interval, CES_PLACES, scale
        )
    if isinstance(tally, CsatTally):
        return _Statistic(
            message("CSAT %"), tally.score, tally.rounded(), interval, INTERVAL_PLACES, (0, 100)
        )
    return _Statistic(
        message("NPS"), tally.score, tally.rounded(), interval, INTERVAL_PLACES, (-100, 100)
    )


def _period(found: Group) -> Message | str:
    # Translators: the period of a group of answers: every answer, whenever given
    return message("all") if found.period is None else found.period.label


def _rounded(value: float, places: int, say: Presenter) -> str:
    return say.number(Decimal.from_float(value), places=places)


def survey_groups(groups: Sequence[Group], locale: str | Presenter, *, chart: bool) -> Html:
    """A row per group — period, segment, answers, the score, its interval as
    numbers and as a bar on the scale, and a note where the group has fewer answers
    than the minimum — and, with ``chart``, the scores with their intervals drawn
    over the periods (the groups under the minimum hollow)."""
    say = _presenter(locale)
    rows = []
    found_all = [_statistic(found) for found in groups]
    name = found_all[0].name if found_all else message("score")
    for found, shown in zip(groups, found_all, strict=True):
        low, high = shown.interval or (None, None)
        places = max(0, -int(shown.rounded.as_tuple().exponent))
        rows.append(
            [
                _period(found),
                found.segment or _NOTHING,
                _amount(found.tally.n, say),
                _html.number(shown.score, say.number(shown.rounded, places=places)),
                _NOTHING
                if low is None or high is None
                else message(
                    "{low} to {high}",
                    low=_rounded(low, shown.places, say),
                    high=_rounded(high, shown.places, say),
                ),
                _html.interval_bar(
                    shown.score,
                    low,
                    high,
                    lowest=shown.scale[0],
                    highest=shown.scale[1],
                    label=shown.name,
                    locale=say,
                ),
                # Translators: a note on a group with fewer answers than the minimum asked for
                message("below the minimum count") if found.below_minimum else "",
            ]
        )
    header = [
        message("period"),
        message("segment"),
        message("answers"),
        name,
        message("interval"),
        message("interval"),
        # Translators: a column header: a note on a group of answers
        message("note"),
    ]
    table = _html.table(header, rows, numeric={2, 3, 4}, locale=say)
    if not chart or not groups:
        return table
    drawn = _html.svg_band_chart(
        [shown.score for shown in found_all],
        [None if shown.interval is None else shown.interval[0] for shown in found_all],
        [None if shown.interval is None else shown.interval[1] for shown in found_all],
        marked={i for i, found in enumerate(groups) if found.below_minimum},
        x_labels=[
            _period(found)
            if found.segment is None
            else f"{say.text(_period(found))} {found.segment}"
            for found in groups
        ],
        y_label=name,
        # Translators: the title of a chart of survey scores with their confidence intervals
        title=message("{score} with its interval", score=name),
        locale=say,
    )
    return Html(f"<div>{drawn}{table}</div>")


# -- reviews -------------------------------------------------------------------------------


def review_summary(result: Summary | CategorySummary, locale: str | Presenter) -> Html:
    """How many reviews, their average, a bar per star of the share of reviews that
    gave it, and each rating category's count and average."""
    from .reviews import describe

    say = _presenter(locale)
    stars = [
        [
            _amount(star, say),
            _amount(count, say),
            _html.bar(
                _share(count, result.count) if result.count else 0,
                label=plural("{count} review", "{count} reviews", count=count),
                locale=say,
            ),
        ]
        for star, count in reversed(result.distribution)
    ]
    shown = _html.table(
        # Translators: column headers: the stars given, how many reviews gave them, and
        # their share of all reviews
        [message("stars"), message("reviews"), message("share")],
        stars,
        numeric={0, 1},
        caption=describe(result, locale=say.locale),
        locale=say,
    )
    categories = [
        [
            item.category,
            _amount(item.count, say),
            _amount(item.average_display, say) if item.count else _NOTHING,
        ]
        for item in getattr(result, "categories", ())
    ]
    if categories:
        shown = Html(
            shown
            + _html.table(
                [message("rating category"), message("reviews"), message("average rating")],
                categories,
                numeric={1, 2},
                locale=say,
            )
        )
    return Html(f"<div>{shown}</div>")
