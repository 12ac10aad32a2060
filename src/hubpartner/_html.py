"""Small HTML and inline-SVG pieces for notebooks and the report (private).

Everything here returns a ``str`` of HTML built from escaped text alone: no
JavaScript, no stylesheet or font from the network, no ``<html>`` or ``<head>`` —
a fragment that a notebook shows as it is and that the report puts in its page.
Every text (a message is said in the locale's language first) goes through
:func:`escape`; a piece of HTML made here is an :class:`Html`, which is put in as it
is. Each drawn number is also written, exactly, in a ``data-value`` attribute, so
that a program (or a test) reads back what was drawn::

    >>> from decimal import Decimal
    >>> shown = table(["client", "points"], [["<b>Acme</b>", number(Decimal("62.5"), "62.5")]],
    ...               numeric={1})
    >>> import re
    >>> re.findall(r"<td[^>]*>(.*?)</td>", shown)
    ['&lt;b&gt;Acme&lt;/b&gt;', '<span data-value="62.5">62.5</span>']
    >>> bar(Decimal("1.4"), label="sourced")[:70]
    '<div class="hubpartner-bar" role="img" aria-label="sourced" title="sou'
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

from ._checks import MAX_AMOUNT_PLACES, MAX_COUNT, MAX_MAGNITUDE, sequence, whole_number
from .decimals import DIVISION, EXACT
from .errors import InvalidTypeError, InvalidValueError
from .messages import Message, message, plural

if TYPE_CHECKING:
    from .present import Presenter

__all__ = [
    "Html",
    "Results",
    "bar",
    "escape",
    "interval_bar",
    "number",
    "svg_band_chart",
    "svg_bars",
    "svg_line_chart",
    "table",
]

#: A number that can be drawn: exact (``int``, ``Decimal``, ``Fraction``) or a
#: statistic's ``float``.
Number = int | Decimal | Fraction | float

#: The colours of the series of a line chart, in turn (a palette that stays
#: distinguishable for the common kinds of colour blindness: Okabe and Ito's).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
#: The colour of a threshold line, of a bar's empty part and of the grid.
MUTED = "#999999"
#: The font of every text drawn, the reader's own sans-serif.
FONT = "font-family:system-ui,sans-serif;font-size:12px"
#: The room, in pixels, around a chart's plot for its axis labels.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 96, 16, 40
#: The finest step of a chart's axis: a number with more places than an amount has
#: (:data:`~hubpartner._checks.MAX_AMOUNT_PLACES`) is drawn, not written.
SMALLEST_STEP = Decimal((0, (1,), -MAX_AMOUNT_PLACES))
#: The smallest and largest width or height of a chart, in pixels.
MIN_SIZE, MAX_SIZE = 120, 4000


class Html(str):
    """A text that is already HTML (made here, its texts escaped): :func:`escape`
    and :func:`table` put it in as it is."""

    __slots__ = ()


T = TypeVar("T")


class Results(tuple[T, ...], Generic[T]):
    """A tuple of results (the rows of the client table, say) that shows itself as
    HTML in a notebook: it equals, hashes and prints as the plain tuple of its items,
    each of which must be a :attr:`ITEM` (``EXPECTED`` says so to a caller)."""

    __slots__ = ()

    ITEM: ClassVar[type | tuple[type, ...]]
    EXPECTED: ClassVar[Message]

    def __new__(cls, items: Iterable[T] = ()) -> Self:
        found = sequence(items, field="items")
        for position, item in enumerate(found):
            if not cls._accepts(item):
                raise InvalidTypeError(f"items[{position}]", item, cls.EXPECTED)
        return super().__new__(cls, found)

    @classmethod
    def _accepts(cls, item: Any) -> bool:
        return isinstance(item, cls.ITEM)


def escape(text: object) -> Html:
    """``text`` with ``<``, ``>``, ``&`` and both quotes escaped; an :class:`Html`
    stays as it is.

        >>> escape('<script>alert("1")</script>')
        '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;'
    """
    if isinstance(text, Html):
        return text
    # the standard library's ``html`` loads its table of named characters (``html.entities``),
    # which only drawing needs: loaded on the first escape, not with the results it draws
    from html import escape as escaped

    return Html(escaped(str(text), quote=True))


def _said(text: Any, presenter: Presenter) -> Html:
    """``text`` said for the presenter's people (a message translated, its values
    shown the locale's way), escaped; an :class:`Html` as it is."""
    if isinstance(text, Html):
        return text
    return escape(presenter.text(text) if isinstance(text, str) else presenter.value(text))


def _presenter(locale: str | Presenter) -> Presenter:
    from .present import Presenter

    return Presenter.of(locale)


def _number(value: Any, *, field: str) -> float:
    """``value`` as a float to draw with, if it is a finite number (not a bool)
    below :data:`~hubpartner._checks.MAX_MAGNITUDE` in magnitude."""
    if isinstance(value, bool) or not isinstance(value, Number):
        raise InvalidTypeError(
            field, value, message("a number: an int, a Decimal, a Fraction or a float")
        )
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        raise InvalidValueError(field, value, message("a finite number"))
    if not -MAX_MAGNITUDE < value < MAX_MAGNITUDE:
        raise InvalidValueError(
            field,
            value,
            message("a number below {limit} in magnitude", limit=MAX_MAGNITUDE),
        )
    return float(value)


def _exact(value: Number) -> str:
    """The ``data-value`` of a number: a Decimal in plain notation, a Fraction as
    ``2/3`` (or ``3``), a float by its shortest round-tripping ``repr``."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _attributes(**named: Any) -> str:
    """`` name="value"`` for each attribute (``_`` in a name becomes ``-``), the
    value escaped; None leaves an attribute out."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in named.items()
        if value is not None
    )


def number(value: Number, shown: str) -> Html:
    """A number as ``shown`` (say, by a :class:`~hubpartner.present.Presenter`) in a
    ``<span>`` that keeps it exactly in ``data-value``.

        >>> from fractions import Fraction
        >>> number(Fraction(2, 3), "66.7%")
        '<span data-value="2/3">66.7%</span>'
    """
    _number(value, field="value")
    return Html(f"<span{_attributes(data_value=_exact(value))}>{escape(shown)}</span>")


def table(
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Collection[int] = frozenset(),
    caption: Any = None,
    locale: str | Presenter = "en",
) -> Html:
    """A ``<table>`` with a ``header`` row and ``rows`` of cells, each cell a text
    (escaped; a message said in ``locale``'s language), a value shown by the
    locale's :class:`~hubpartner.present.Presenter`, or an :class:`Html` (a
    :func:`number`, a :func:`bar`) put in as it is. The columns whose positions are
    in ``numeric`` are aligned right; ``caption`` is said above the table.

    Every row must have as many cells as the header.
    """
    presenter = _presenter(locale)
    names = sequence(header, field="header")
    width = len(names)
    right = frozenset(
        whole_number(column, field="numeric", minimum=0, maximum=max(width - 1, 0))
        for column in sequence(numeric, field="numeric")
    )
    cell = "padding:2px 8px;border-bottom:1px solid #dddddd;"

    def cells(tag: str, values: Sequence[Any]) -> str:
        return "".join(
            f'<{tag} style="{cell}text-align:{"right" if i in right else "left"}">'
            f"{_said(value, presenter)}</{tag}>"
            for i, value in enumerate(values)
        )

    body = []
    for position, row in enumerate(sequence(rows, field="rows")):
        values = sequence(row, field=f"rows[{position}]")
        if len(values) != width:
            raise InvalidValueError(
                f"rows[{position}]",
                values,
                plural(
                    "a row of {count} cell, one per column",
                    "a row of {count} cells, one per column",
                    count=width,
                ),
            )
        body.append(f"<tr>{cells('td', values)}</tr>")
    said = "" if caption is None else f"<caption>{_said(caption, presenter)}</caption>"
    return Html(
        '<table class="hubpartner" style="border-collapse:collapse;'
        f'{FONT};font-variant-numeric:tabular-nums">{said}'
        f"<thead><tr>{cells('th', names)}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def bar(fraction: Number, *, label: Any, locale: str | Presenter = "en") -> Html:
    """A horizontal bar filled to ``fraction`` (clamped to 0 … 1), a ``<div>`` with
    inline style; ``label`` (said in ``locale``'s language) names it for a screen
    reader and in a tooltip. ``data-value`` holds the fraction drawn."""
    drawn = min(max(_number(fraction, field="fraction"), 0.0), 1.0)
    exact: Number = fraction if 0 <= fraction <= 1 else (0 if fraction < 0 else 1)
    said = _said(label, _presenter(locale))
    return Html(
        f'<div class="hubpartner-bar" role="img"{_attributes(aria_label=said, title=said)}'
        f'{_attributes(data_value=_exact(exact))} style="display:inline-block;'
        f'width:120px;height:10px;background:#eeeeee;vertical-align:middle">'
        f'<div style="width:{drawn * 100:.2f}%;height:100%;background:{PALETTE[0]}"></div>'
        "</div>"
    )


def interval_bar(
    value: Number | None,
    low: Number | None,
    high: Number | None,
    *,
    lowest: Number,
    highest: Number,
    label: Any,
    locale: str | Presenter = "en",
) -> Html:
    """A small inline ``<svg>`` of the scale from ``lowest`` to ``highest`` with the
    interval from ``low`` to ``high`` shaded on it and a dot at ``value`` (each
    clamped to the scale; a None is not drawn); ``label`` (said in ``locale``'s
    language) is its ``<title>``. ``data-value``, ``data-low`` and ``data-high``
    hold the numbers given."""
    start = _number(lowest, field="lowest")
    span = _number(highest, field="highest") - start
    if span <= 0:
        raise InvalidValueError(
            "highest", highest, message("a number above lowest ({lowest})", lowest=lowest)
        )
    width, height = 120, 14

    def x(given: Number, field: str) -> float:
        share = (_number(given, field=field) - start) / span
        return min(max(share, 0.0), 1.0) * width

    parts = [f'<rect x="0" y="6" width="{width}" height="2" fill="#eeeeee"/>']
    if low is not None and high is not None:
        left = x(low, "low")
        parts.append(
            f'<rect x="{left:.2f}" y="2" width="{x(high, "high") - left:.2f}" height="10" '
            f'fill="{PALETTE[0]}" fill-opacity="0.3"/>'
        )
    if value is not None:
        parts.append(f'<circle cx="{x(value, "value"):.2f}" cy="7" r="3" fill="{PALETTE[0]}"/>')
    exact = {
        name: None if given is None else _exact(given)
        for name, given in (("data_value", value), ("data_low", low), ("data_high", high))
    }
    return Html(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hubpartner-interval" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f"{_attributes(**exact)}><title>{_said(label, _presenter(locale))}</title>"
        f"{''.join(parts)}</svg>"
    )


# -- charts --------------------------------------------------------------------------------


def _size(value: Any, *, field: str) -> int:
    return whole_number(value, field=field, minimum=MIN_SIZE, maximum=MAX_SIZE)


def _nice_step(span: float) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) that cuts ``span`` into about
    five parts, and at least :data:`SMALLEST_STEP`."""
    rough = span / 5
    if rough < float(SMALLEST_STEP):
        # a span so small that a fifth of it may underflow to 0.0, which has no logarithm
        return SMALLEST_STEP.normalize(EXACT)
    power = max(Decimal((0, (1,), math.floor(math.log10(rough)))), SMALLEST_STEP)
    for multiple in (1, 2, 5):
        if EXACT.multiply(power, multiple) >= Decimal(repr(rough)):
            return EXACT.multiply(power, multiple).normalize(EXACT)
    return EXACT.multiply(power, 10).normalize(EXACT)


class _Plot:
    """Where a value goes on a chart: the plot's rectangle and the scale of its
    vertical axis, from ``low`` to ``high`` (widened to round numbers)."""

    def __init__(self, low: float, high: float, width: int, height: int) -> None:
        if high == low:  # one value alone: a unit around it
            low, high = low - 1, high + 1
        self.step = step = _nice_step(high - low)
        self.first = EXACT.multiply(math.floor(DIVISION.divide(Decimal(repr(low)), step)), step)
        self.last = EXACT.multiply(math.ceil(DIVISION.divide(Decimal(repr(high)), step)), step)
        self.left, self.top = MARGIN_LEFT, MARGIN_TOP
        self.right, self.bottom = width - MARGIN_RIGHT, height - MARGIN_BOTTOM

    def y(self, value: float) -> float:
        share = (value - float(self.first)) / float(EXACT.subtract(self.last, self.first))
        return self.bottom - share * (self.bottom - self.top)

    def x(self, index: int, count: int) -> float:
        if count == 1:
            return (self.left + self.right) / 2
        return self.left + index * (self.right - self.left) / (count - 1)

    def ticks(self) -> list[Decimal]:
        span = EXACT.subtract(self.last, self.first)
        count = int(DIVISION.divide(span, self.step))
        return [EXACT.add(self.first, EXACT.multiply(self.step, i)) for i in range(count + 1)]


def _svg(title: Html, width: int, height: int, parts: Iterable[str]) -> Html:
    return Html(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hubpartner-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" style="{FONT}">'
        f"<title>{title}</title>{''.join(parts)}</svg>"
    )


def _axes(plot: _Plot, x_labels: Sequence[Html], y_label: Html, presenter: Presenter) -> list[str]:
    """The grid with the vertical axis' numbers, the labels under the plot and the
    vertical axis' name."""
    parts = []
    # a tick is shown as a value in a message is (``value``, not ``number``): the axis
    # may reach a round number past the largest value a user gives (10^15)
    for tick in plot.ticks():
        y = plot.y(float(tick))
        parts.append(
            f'<line x1="{plot.left}" y1="{y:.2f}" x2="{plot.right}" y2="{y:.2f}" '
            f'stroke="#eeeeee"/>'
            f'<text x="{plot.left - 4}" y="{y + 4:.2f}" text-anchor="end"'
            f"{_attributes(data_tick=_exact(tick))}>{escape(presenter.value(tick))}</text>"
        )
    for index, label in enumerate(x_labels):
        x = plot.x(index, len(x_labels))
        parts.append(
            f'<text x="{x:.2f}" y="{plot.bottom + 16}" text-anchor="middle" '
            f'class="x-label">{label}</text>'
        )
    middle = (plot.top + plot.bottom) / 2
    parts.append(
        f'<text x="12" y="{middle:.2f}" text-anchor="middle" class="y-label" '
        f'transform="rotate(-90 12 {middle:.2f})">{y_label}</text>'
    )
    return parts


def _labels(x_labels: Any, count: int, presenter: Presenter) -> list[Html]:
    labels = sequence(x_labels, field="x_labels")
    if len(labels) != count:
        raise InvalidValueError(
            "x_labels", labels, message("one label per value: {count}", count=count)
        )
    return [_said(label, presenter) for label in labels]


def svg_line_chart(
    series: Mapping[Any, Sequence[Number]],
    *,
    thresholds: Mapping[Any, Number] | Iterable[tuple[Any, Number]] = (),
    x_labels: Sequence[Any],
    y_label: Any,
    title: Any = None,
    width: int = 480,
    height: int = 240,
    locale: str | Presenter = "en",
) -> Html:
    """An inline ``<svg>`` line chart: one line per named series (each a value per
    ``x_labels`` entry) and a dashed horizontal line per named threshold, the
    vertical axis named ``y_label``; ``title`` (by default ``y_label``) is the
    chart's ``<title>``. Every text is said in ``locale``'s language.

    Each point is a ``<circle>`` with ``data-series``, ``data-index`` and the exact
    ``data-value``; each threshold a ``<line>`` with ``data-threshold`` and
    ``data-value``.
    """
    presenter = _presenter(locale)
    if not isinstance(series, Mapping) or not series:
        raise InvalidTypeError(
            "series", series, message("a mapping of each series' name to its values")
        )
    lines = {name: sequence(values, field=f"series[{name!r}]") for name, values in series.items()}
    count = len(next(iter(lines.values())))
    for name, values in lines.items():
        if len(values) != count or not 0 < count <= MAX_COUNT:
            raise InvalidValueError(
                f"series[{name!r}]",
                values,
                message("a value per label, as many as the first series: {count}", count=count),
            )
    marks = tuple(thresholds.items() if isinstance(thresholds, Mapping) else thresholds)
    drawn = [
        _number(value, field=f"series[{name!r}][{i}]")
        for name, values in lines.items()
        for i, value in enumerate(values)
    ] + [_number(value, field=f"thresholds[{name!r}]") for name, value in marks]
    labels = _labels(x_labels, count, presenter)
    width, height = _size(width, field="width"), _size(height, field="height")
    plot = _Plot(min(drawn), max(drawn), width, height)
    said_y = _said(y_label, presenter)
    parts = _axes(plot, labels, said_y, presenter)
    for (name, value), colour in zip(marks, _colours(len(marks), start=3), strict=True):
        y = plot.y(float(value))
        said = _said(name, presenter)
        parts.append(
            f'<line x1="{plot.left}" y1="{y:.2f}" x2="{plot.right}" y2="{y:.2f}" '
            f'stroke="{colour}" stroke-dasharray="4 3"'
            f"{_attributes(data_threshold=said, data_value=_exact(value))}/>"
            f'<text x="{plot.right + 4}" y="{y + 4:.2f}" fill="{colour}">{said}</text>'
        )
    for (name, values), colour in zip(lines.items(), _colours(len(lines)), strict=True):
        said = _said(name, presenter)
        points = [(plot.x(i, count), plot.y(float(value))) for i, value in enumerate(values)]
        path = " ".join(f"{x:.2f},{y:.2f}" for x, y in points)
        parts.append(
            f'<g class="series"{_attributes(data_series=said)}>'
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        parts.extend(
            f'<circle cx="{x:.2f}" cy="{y:.2f}" r="3" fill="{colour}"'
            f"{_attributes(data_series=said, data_index=i, data_value=_exact(value))}/>"
            for i, ((x, y), value) in enumerate(zip(points, values, strict=True))
        )
        last_y = points[-1][1]
        parts.append(
            f'<text x="{plot.right + 4}" y="{last_y + 4:.2f}" fill="{colour}">{said}</text></g>'
        )
    return _svg(said_y if title is None else _said(title, presenter), width, height, parts)


def _colours(count: int, *, start: int = 0) -> list[str]:
    return [PALETTE[(start + i) % len(PALETTE)] for i in range(count)]


def svg_band_chart(
    points: Sequence[Number | None],
    low: Sequence[Number | None],
    high: Sequence[Number | None],
    *,
    marked: Collection[int] = frozenset(),
    x_labels: Sequence[Any],
    y_label: Any,
    title: Any = None,
    width: int = 480,
    height: int = 240,
    locale: str | Presenter = "en",
) -> Html:
    """An inline ``<svg>`` of a line through ``points`` with the band from ``low``
    to ``high`` around it (an interval per point); the points whose positions are in
    ``marked`` (say, groups under the minimum count) are drawn hollow. A point that
    is None is not drawn (a group without a score), nor is an interval whose bounds
    are None.

    Each point is a ``<circle>`` with ``data-index``, ``data-value`` and, where it
    has an interval, ``data-low`` and ``data-high``; a marked one also has
    ``data-marked="true"``.
    """
    presenter = _presenter(locale)
    centre = sequence(points, field="points")
    count = len(centre)
    if not 0 < count <= MAX_COUNT:
        raise InvalidValueError("points", centre, message("at least one value"))
    bounds = {"low": sequence(low, field="low"), "high": sequence(high, field="high")}
    for field, values in bounds.items():
        if len(values) != count:
            raise InvalidValueError(
                field, values, message("a bound per value: {count}", count=count)
            )
    hollow = frozenset(
        whole_number(i, field="marked", minimum=0, maximum=count - 1)
        for i in sequence(marked, field="marked")
    )
    columns = list(zip(centre, bounds["low"], bounds["high"], strict=True))
    drawn = [
        _number(value, field=f"{field}[{i}]")
        for i, row in enumerate(columns)
        for field, value in zip(("points", "low", "high"), row, strict=True)
        if value is not None
    ]
    if not drawn:
        raise InvalidValueError("points", centre, message("at least one value that is a number"))
    labels = _labels(x_labels, count, presenter)
    width, height = _size(width, field="width"), _size(height, field="height")
    plot = _Plot(min(drawn), max(drawn), width, height)
    said_y = _said(y_label, presenter)
    parts = _axes(plot, labels, said_y, presenter)
    colour = PALETTE[0]
    for i, (_, lower, upper) in enumerate(columns):
        if lower is None or upper is None:
            continue
        x = plot.x(i, count)
        top, bottom = plot.y(float(upper)), plot.y(float(lower))
        parts.append(
            f'<rect x="{x - 6:.2f}" y="{top:.2f}" width="12" height="{bottom - top:.2f}" '
            f'fill="{colour}" fill-opacity="0.2"'
            f"{_attributes(data_index=i, data_low=_exact(lower), data_high=_exact(upper))}/>"
        )
    shown = [(i, plot.x(i, count), value) for i, value in enumerate(centre) if value is not None]
    path = " ".join(f"{x:.2f},{plot.y(float(value)):.2f}" for _, x, value in shown)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for i, x, value in shown:
        _, lower, upper = columns[i]
        fill = "#ffffff" if i in hollow else colour
        parts.append(
            f'<circle cx="{x:.2f}" cy="{plot.y(float(value)):.2f}" r="4" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"'
            + _attributes(
                data_index=i,
                data_value=_exact(value),
                data_low=None if lower is None else _exact(lower),
                data_high=None if upper is None else _exact(upper),
                data_marked="true" if i in hollow else None,
            )
            + "/>"
        )
    return _svg(said_y if title is None else _said(title, presenter), width, height, parts)


def svg_bars(
    labels: Sequence[Any],
    values: Sequence[Number],
    *,
    title: Any,
    width: int = 480,
    height: int = 240,
    locale: str | Presenter = "en",
) -> Html:
    """An inline ``<svg>`` of a vertical bar per label, as high as its value (bars
    of negative values hang below the zero line), each value shown above its bar by
    ``locale``'s :class:`~hubpartner.present.Presenter`. ``title`` is the chart's
    ``<title>``.

    Each bar is a ``<rect>`` with ``data-label`` and the exact ``data-value``.
    """
    presenter = _presenter(locale)
    heights = sequence(values, field="values")
    if not 0 < len(heights) <= MAX_COUNT:
        raise InvalidValueError("values", heights, message("at least one value"))
    drawn = [_number(value, field=f"values[{i}]") for i, value in enumerate(heights)]
    said = _labels(labels, len(heights), presenter)
    width, height = _size(width, field="width"), _size(height, field="height")
    plot = _Plot(min([0.0, *drawn]), max([0.0, *drawn]), width, height)
    parts = []
    slot = (plot.right - plot.left) / len(heights)
    zero = plot.y(0.0)
    for i, (label, value, exact) in enumerate(zip(said, drawn, heights, strict=True)):
        x = plot.left + i * slot
        top = min(plot.y(value), zero)
        parts.append(
            f'<rect x="{x + slot * 0.15:.2f}" y="{top:.2f}" width="{slot * 0.7:.2f}" '
            f'height="{abs(zero - plot.y(value)):.2f}" fill="{PALETTE[0]}"'
            f"{_attributes(data_label=label, data_value=_exact(exact))}/>"
            f'<text x="{x + slot / 2:.2f}" y="{top - 4:.2f}" text-anchor="middle">'
            f"{escape(presenter.value(exact))}</text>"
            f'<text x="{x + slot / 2:.2f}" y="{plot.bottom + 16}" text-anchor="middle" '
            f'class="x-label">{label}</text>'
        )
    parts.append(
        f'<line x1="{plot.left}" y1="{zero:.2f}" x2="{plot.right}" y2="{zero:.2f}" '
        f'stroke="{MUTED}"/>'
    )
    return _svg(_said(title, presenter), width, height, parts)
