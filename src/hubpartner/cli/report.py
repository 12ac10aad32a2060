"""``hubpartner report``: the partner's whole standing in one view — tier and
progress, points with what expires ahead, clients with engagement bands and renewal
alerts, and the NPS trend — in the terminal or as one self-contained HTML file.

With no input file it shows hubpartner's bundled example (the files of
``docs/examples``) on the example's own day, and says so in its first line.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from .. import _html, _views
from .._files import source_name
from ..clients import read_portfolio
from ..errors import InvalidValueError, OutputFileError, as_written
from ..ledger import Ledger, read_ledger
from ..messages import Message, joined, message, plural
from ..present import Presenter
from ..report import NpsStanding, Standing, standing
from ..surveys import NpsTally, SurveyKind, read_responses
from ..tiers import load_thresholds
from ._commands import command_help
from ._options import add_file_format, add_format, file_format, input_file, iso_date
from ._output import csv_of, json_text, presenter_of, table, text, width
from .portfolio import alert_lines, band_lines, client_lines
from .surveys import group_lines, shown_nps
from .tiers import evaluation_lines, held_line

#: The bundled example's files, by the option that would give your own.
EXAMPLE_FILES = {
    "ledger": "points-ledger.csv",
    "portfolio": "portfolio.csv",
    "responses": "nps-responses.csv",
    "thresholds": "thresholds.toml",
}
#: The options of the inputs, in the order the report names them.
_OPTIONS = {name: f"--{name}" for name in EXAMPLE_FILES}

EXAMPLE_NOTE = message(
    "Example data (hubpartner's bundled example): pass {ledger}, {portfolio}, {responses} "
    "and {thresholds} for your own",
    **{name: f"--{name}" for name in EXAMPLE_FILES},
)


def add_parser(commands: Any) -> None:
    """Add ``report`` to the command line."""
    parser = commands.add_parser("report", help=command_help("report"))
    for name, what in (
        ("ledger", message("a points ledger CSV")),
        ("portfolio", message("a portfolio CSV, one row per client product")),
        ("responses", message("an NPS responses CSV")),
    ):
        parser.add_argument(f"--{name}", type=input_file, metavar="CSV", help=what)
    parser.add_argument(
        "--thresholds",
        type=input_file,
        # Translators: the placeholder of an option's value: a file
        metavar=message("FILE"),
        help=message("your thresholds TOML"),
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        # Translators: the placeholder of an option's value: a day, YYYY-MM-DD
        metavar=message("DATE"),
        help=message("the day (default: today; the example's own day for the example)"),
    )
    parser.add_argument(
        "--html",
        metavar=message("FILE"),
        help=message(
            "write the report to this HTML file instead of printing it (- prints the page)"
        ),
    )
    add_file_format(parser)
    add_format(parser)
    parser.set_defaults(run=run, usage_error=parser.error)


@contextmanager
def _example(name: str) -> Iterator[str]:
    """The path of a file of the bundled example."""
    with resources.as_file(resources.files("hubpartner") / "data" / "example" / name) as path:
        yield str(path)


def example_day(ledger: Ledger) -> date:
    """The example's own day: the last day its ledger names, so that what a newcomer
    sees first never changes with the calendar."""
    return max([d.on for d in ledger.deals] + [m.month for m in ledger.managed])


def _inputs(args: argparse.Namespace, stack: ExitStack) -> tuple[dict[str, Any], bool]:
    """The input files by name (the bundled example's when none is given), and
    whether they are the example's."""
    given = {name: getattr(args, name) for name in EXAMPLE_FILES}
    if any(value is not None for value in given.values()):
        return given, False
    return {
        name: stack.enter_context(_example(file)) for name, file in EXAMPLE_FILES.items()
    }, True


def build(args: argparse.Namespace) -> tuple[Standing, dict[str, Any], bool]:
    """The standing the options ask for, the files it was made from and whether they
    are the bundled example."""
    with ExitStack() as stack:
        files, example = _inputs(args, stack)
        formats = file_format(args)
        ledger = None if files["ledger"] is None else read_ledger(files["ledger"], **formats)
        portfolio = (
            None if files["portfolio"] is None else read_portfolio(files["portfolio"], **formats)
        )
        responses = (
            None
            if files["responses"] is None
            else read_responses(
                files["responses"], kind=SurveyKind.NPS, missing="exclude", **formats
            ).responses
        )
        thresholds = None if files["thresholds"] is None else load_thresholds(files["thresholds"])
    if args.as_of is not None:
        day = args.as_of
    elif example:
        assert ledger is not None
        day = example_day(ledger)
    else:
        day = date.today()
    try:
        result = standing(
            as_of=day,
            ledger=ledger,
            portfolio=portfolio,
            responses=responses,
            thresholds=thresholds,
        )
    except InvalidValueError as exc:  # a day too near the calendar's ends, said as the option
        if exc.field != "as_of":
            raise
        option = "--as-of" if args.as_of is not None else "--as-of (default: today)"
        raise InvalidValueError(option, day.isoformat(), exc.expected) from None
    names = {name: source_name(value) for name, value in files.items() if value is not None}
    return result, names, example


def run(args: argparse.Namespace) -> str:
    """The report in the terminal, as JSON, or written to an HTML file."""
    if args.html is not None and args.format != "table":
        args.usage_error(
            message(
                "--html writes the report as a page; --format {format} prints it: give one",
                format=args.format,
            )
        )
    path = None if args.html in (None, "-") else _target(args)
    result, names, example = build(args)
    say = presenter_of(args)
    if args.format == "json":
        return json_text(_json(result, names, example))
    if args.format == "csv":
        return csv_of(args, CSV_HEADER, csv_rows(result))
    if args.html is None:
        return "\n".join(terminal(result, names, example, say))
    page = html_page(result, names, example, say)
    if path is None:  # the page itself, to standard output, as `-` reads standard input
        return page
    try:
        _write_whole(path, page)
    except (OSError, ValueError) as exc:  # ValueError: a name with a NUL character
        raise OutputFileError(str(path), getattr(exc, "strerror", None) or str(exc)) from None
    return say.text(
        message("hubpartner: the report was written to {path}", path=as_written(str(path)))
    )


def _target(args: argparse.Namespace) -> Path:
    """The HTML file to write: not a directory, nor one of the files the report reads
    (which writing it would overwrite)."""
    name = args.html
    path = Path(name)
    if path.is_dir():
        raise InvalidValueError(
            "--html", name, message("a file to write, not a directory such as this one")
        )
    with ExitStack() as stack:
        files, _ = _inputs(args, stack)
        for option, value in files.items():
            if isinstance(value, str) and _same_file(value, name):
                raise InvalidValueError(
                    "--html",
                    name,
                    message(
                        "a file other than the report's {option} file, which it would overwrite",
                        option=_OPTIONS[option],
                    ),
                )
    return path


def _same_file(first: str, second: str) -> bool:
    """Whether the paths name one file (through a link, too); False when either is
    not there."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def _write_whole(path: Path, page: str) -> None:
    """Write ``page`` to ``path`` whole or not at all: to a new file in the same
    folder, which then takes the place of ``path`` (whose permissions it gets), so
    that a write that fails (a full disk, an interruption) leaves the file there was
    as it was, and no part of the page. A file that is not a regular file (a device
    such as ``/dev/null``) is written as it is; one the user may not write is
    refused as writing it would be."""
    real = os.path.realpath(path)  # through a link, to the file it names
    try:
        there: os.stat_result | None = os.stat(real)
    except OSError:  # none yet (or none that can be seen: creating it says why)
        there = None
    if there is not None and not stat.S_ISREG(there.st_mode):
        with open(real, "w", encoding="utf-8") as device:
            device.write(page)
        return
    if there is not None and not os.access(real, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), real)
    temporary = os.path.join(os.path.dirname(real), f".hubpartner-{uuid.uuid4().hex}.tmp")
    try:
        # a new page as the user's mask makes new files; a page written again readable
        # by its owner alone until it has the file's own mode, before the page is in it
        mode = 0o666 if there is None else 0o600
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except PermissionError:
        if there is None:  # a new file in a folder the user may not write to
            raise
        # a file the user may write in a folder they may not: written where it is
        with open(real, "w", encoding="utf-8") as in_place:
            in_place.write(page)
        return
    try:
        if there is not None:
            os.chmod(temporary, stat.S_IMODE(there.st_mode))
        with open(descriptor, "w", encoding="utf-8") as written:
            written.write(page)
            written.flush()
            os.fsync(written.fileno())
        os.replace(temporary, real)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


# -- what the report says -----------------------------------------------------------------


def _first_line(result: Standing, names: dict[str, str], example: bool) -> Message:
    """The first line: the example note, or the day and the files the report is of."""
    if example:
        return EXAMPLE_NOTE
    return message(
        "Standing on {day} from {files}",
        day=result.as_of,
        files=joined([f"{_OPTIONS[name]} {value}" for name, value in names.items()], ", "),
    )


def _missing(options: list[str], result: Standing) -> Message:
    """The line of a section whose input was not given: the options still needed."""
    needed = [option for option in options if option.removeprefix("--") not in result.inputs]
    return message("not shown: give {options}", options=", ".join(needed))


def _headings() -> dict[str, Message]:
    return {
        "tier": message("Tier and progress"),
        "points": message("Points and expirations"),
        "clients": message("Clients, engagement and renewals"),
        "nps": message("NPS trend"),
    }


def _expiring(result: Standing) -> Message:
    assert result.points is not None
    return plural(
        "Sold points expiring in the next {count} month: {points}",
        "Sold points expiring in the next {count} months: {points}",
        count=len(result.points.expiring),
        points=result.points.expiring_total,
    )


def _nps_options(nps: NpsStanding) -> argparse.Namespace:
    """The settings of the NPS tables, as the ``surveys`` command's options give them."""
    return argparse.Namespace(
        by=nps.by, confidence=nps.confidence, method=nps.method, min_count=nps.min_count
    )


def _nps_title(nps: NpsStanding, say: Presenter) -> Message:
    level = say.percent(Decimal(repr(nps.confidence)), places=0)
    return message(
        "NPS by {period} with {level} {method} intervals",
        # Translators: the NPS trend is grouped by calendar quarter or by month
        period=message("quarter") if nps.by == "quarter" else message("month"),
        level=level,
        method=nps.method,
    )


def terminal(result: Standing, names: dict[str, str], example: bool, say: Presenter) -> list[str]:
    """The report's lines for the terminal, section by section."""
    headings = _headings()
    lines = [say.text(_first_line(result, names, example))]

    def heading(key: str) -> None:
        said = say.text(headings[key])
        lines.extend(["", said, "-" * width(said)])

    heading("tier")
    if result.tier is None:
        lines.append(say.text(_missing(["--ledger", "--thresholds"], result)))
    else:
        tier = result.tier
        assert result.points is not None
        lines += evaluation_lines(
            tier.evaluation,
            tier.progress,
            result.points.held,
            result.as_of,
            certified=tier.certified,
            say=say,
        )
    heading("points")
    if result.points is None:
        lines.append(say.text(_missing(["--ledger"], result)))
    else:
        if result.tier is None:
            lines.append(say.text(held_line(result.points.held, say)))
        lines.append(say.text(_expiring(result)))
        lines += table(
            [[say.month(first), text(points, say)] for first, points in result.points.expiring],
            right={1},
        )
    heading("clients")
    if result.clients is None:
        lines.append(say.text(_missing(["--portfolio"], result)))
    else:
        clients = result.clients
        lines += alert_lines(clients.alerts, clients.renewals_within, say)
        lines += client_lines(clients.rows, "name", say)
        lines.append(say.text(message("Engagement bands:")))
        lines += band_lines(dict(clients.bands), _model(), say)
    heading("nps")
    if result.nps is None:
        lines.append(say.text(_missing(["--responses"], result)))
    else:
        lines.append(say.text(_nps_title(result.nps, say)))
        lines += group_lines(SurveyKind.NPS, _nps_options(result.nps), result.nps.groups, say)
    return lines


def _model() -> Any:
    from ..engagement import default_model

    return default_model()


# -- the HTML file --------------------------------------------------------------------------

#: The page's style: readable on a screen, and printed without colours wasted or a
#: chart cut across two pages.
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em;
       padding: 0 1em; color: #222222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #cccccc; }
section { margin-bottom: 2em; } figure { margin: 1em 0; }
figcaption, .note { color: #555555; font-size: 0.9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section, figure, table { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _number(value: Decimal | int, say: Presenter, *, signed: bool = False) -> _html.Html:
    shown = text(value, say, signed=signed) if isinstance(value, Decimal) else say.number(value)
    return _html.number(value, shown)


def _span(low: _html.Html, high: _html.Html, say: Presenter) -> _html.Html:
    """An interval in the locale's words, its bounds as HTML numbers."""
    # Translators: an interval in a table cell, from {low} to {high}
    said = _html.escape(say.text(message("{low} to {high}", low="\x00low", high="\x00high")))
    return _html.Html(said.replace("\x00low", low).replace("\x00high", high))


def _paragraph(said: str) -> str:
    return f"<p>{_html.escape(said)}</p>"


def _figure(chart: str, caption: str, name: str) -> str:
    return (
        f'<figure data-figure="{name}">{chart}'
        f"<figcaption>{_html.escape(caption)}</figcaption></figure>"
    )


def _tier_html(result: Standing, say: Presenter) -> list[str]:
    assert result.tier is not None
    assert result.points is not None
    lines = evaluation_lines(
        result.tier.evaluation,
        result.tier.progress,
        result.points.held,
        result.as_of,
        certified=result.tier.certified,
        say=say,
    )
    progress = result.tier.progress
    return [
        _paragraph(lines[0]),
        _paragraph(lines[1]),
        _views.progress(progress, say),
        *([] if progress.next is None else [_paragraph(lines[-1])]),
    ]


def _points_html(result: Standing, say: Presenter) -> list[str]:
    points = result.points
    assert points is not None
    over_time = _views.points_over_time(
        points.over_time, say, None if result.tier is None else result.tier.thresholds
    )
    ahead = _html.svg_bars(
        [say.month(first) for first, _ in points.expiring],
        [value for _, value in points.expiring],
        title=_expiring(result),
        locale=say,
    )
    rows = [[say.month(first), _number(value, say)] for first, value in points.expiring]
    return [
        _figure(
            over_time,
            say.text(message("Active points at each month's end, with the tiers' totals")),
            "points-over-time",
        ),
        _paragraph(say.text(_expiring(result))),
        _html.table([message("month"), message("points")], rows, numeric={1}, locale=say),
        _figure(ahead, say.text(_expiring(result)), "expiring"),
    ]


def _clients_html(result: Standing, say: Presenter) -> list[str]:
    clients = result.clients
    assert clients is not None
    parts = [_paragraph(alert_lines(clients.alerts, clients.renewals_within, say)[0])]
    if clients.alerts:
        parts.append(
            _html.table(
                # Translators: a column header: the renewal date
                [message("renewal"), message("days left"), message("client"), message("name")],
                [
                    [say.short_date(a.on), _number(a.days_left, say), a.client, a.name]
                    for a in clients.alerts
                ],
                numeric={1},
                locale=say,
            )
        )
    counts = clients.band_counts()
    bands = _html.svg_bars(
        [band.label for band in counts],
        list(counts.values()),
        title=message("Clients per engagement band"),
        locale=say,
    )
    return [
        *parts,
        _views.client_table(clients.rows, say),
        _figure(bands, say.text(message("Clients per engagement band")), "bands"),
    ]


def _nps_html(result: Standing, say: Presenter) -> list[str]:
    nps = result.nps
    assert nps is not None
    options = _nps_options(nps)
    shown = []
    for found in nps.groups:
        assert isinstance(found.tally, NpsTally)
        shown.append(shown_nps(found.tally, options))
    labels = [
        say.quarter(g.period.start) if nps.by == "quarter" else say.month(g.period.start)
        for g in nps.groups
        if g.period is not None
    ]
    title = say.text(_nps_title(nps, say))
    marked = plural(
        "hollow: fewer than {count} answer",
        "hollow: fewer than {count} answers",
        count=nps.min_count,
    )
    rows = [
        [
            label,
            _number(found.tally.n, say),
            _number(score, say, signed=True),
            _span(_number(low, say, signed=True), _number(high, say, signed=True), say),
            say.text(
                plural(
                    "fewer than {count} answer",
                    "fewer than {count} answers",
                    count=nps.min_count,
                )
            )
            if found.below_minimum
            else "",
        ]
        for label, found, (score, low, high) in zip(labels, nps.groups, shown, strict=True)
    ]
    parts = [
        _paragraph(title),
        _html.table(
            [message("period"), message("answers"), message("NPS"), message("interval"), ""],
            rows,
            numeric={1, 2, 3},
            locale=say,
        ),
    ]
    if nps.groups:
        chart = _html.svg_band_chart(
            [score for score, _, _ in shown],
            [low for _, low, _ in shown],
            [high for _, _, high in shown],
            marked={i for i, g in enumerate(nps.groups) if g.below_minimum},
            x_labels=labels,
            y_label=message("NPS"),
            title=title,
            locale=say,
        )
        parts.append(_figure(chart, f"{title}; {say.text(marked)}", "nps-trend"))
    return parts


def html_page(result: Standing, names: dict[str, str], example: bool, say: Presenter) -> str:
    """The report as one self-contained HTML5 page: inline style and SVG, no script,
    nothing fetched from the network."""
    headings = _headings()
    title = say.text(message("Partner standing on {day}", day=result.as_of))
    first = say.text(_first_line(result, names, example))
    builders = {
        "tier": (result.tier, _tier_html, ["--ledger", "--thresholds"]),
        "points": (result.points, _points_html, ["--ledger"]),
        "clients": (result.clients, _clients_html, ["--portfolio"]),
        "nps": (result.nps, _nps_html, ["--responses"]),
    }
    sections = []
    for key, (section, builder, options) in builders.items():
        body = (
            [f'<p class="note">{_html.escape(say.text(_missing(options, result)))}</p>']
            if section is None
            else builder(result, say)
        )
        sections.append(
            f'<section id="{key}"><h2>{_html.escape(say.text(headings[key]))}</h2>'
            + "\n".join(body)
            + "</section>"
        )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{say.locale.replace("_", "-")}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_html.escape(title)}</title>",
            f"<style>{STYLE}</style></head>",
            "<body>",
            f"<h1>{_html.escape(title)}</h1>",
            f'<p class="note" id="inputs">{_html.escape(first)}</p>',
            *sections,
            "</body></html>",
            "",
        ]
    )


# -- CSV ----------------------------------------------------------------------------------

#: The columns of the report as CSV: one row per number the terminal shows.
CSV_HEADER = ("section", "item", "detail", "value")


def csv_rows(result: Standing) -> list[tuple[Any, ...]]:
    """The report's numbers as CSV rows (section, item, detail, value): the tier and
    each track's progress, the points held and expiring, the clients per band and
    the alerts, and each period's NPS with its interval as shown."""
    rows: list[tuple[Any, ...]] = []
    if result.tier is not None:
        rows.append(("tier", "tier", "", result.tier.evaluation.tier))
        for track in result.tier.progress.tracks:
            rows += [
                ("tier", track.track, "held", track.held),
                ("tier", track.track, "next_required", track.next_required),
                ("tier", track.track, "gap", track.gap),
            ]
    if result.points is not None:
        held = result.points.held
        for name in ("sourced", "assisted", "managed", "total"):
            rows.append(("points", "held", name, getattr(held, name)))
        rows += [("points", "expiring", first, value) for first, value in result.points.expiring]
    if result.clients is not None:
        rows += [
            ("clients", "band", band, count)
            for band, count in result.clients.band_counts().items()
        ]
        rows += [("clients", "renewal", a.client, a.on) for a in result.clients.alerts]
    if result.nps is not None:
        options = _nps_options(result.nps)
        for found in result.nps.groups:
            assert isinstance(found.tally, NpsTally)
            assert found.period is not None
            score, low, high = shown_nps(found.tally, options)
            label = found.period.label
            rows += [
                ("nps", label, "answers", found.tally.n),
                ("nps", label, "score", score),
                ("nps", label, "low", low),
                ("nps", label, "high", high),
            ]
    return rows


# -- JSON -----------------------------------------------------------------------------------


def _json(result: Standing, names: dict[str, str], example: bool) -> dict[str, Any]:
    """The standing as plain data: each result the record :func:`records.to_record`
    makes of it, every other number by the one number rule."""
    from ..records import SCHEMA_VERSION, plain, to_record, to_records

    data: dict[str, Any] = {
        "type": "standing",
        "schema": SCHEMA_VERSION,
        "as_of": result.as_of,
        "example": example,
        "files": names,
        "inputs": list(result.inputs),
        "tier": None,
        "points": None,
        "clients": None,
        "nps": None,
    }
    if result.tier is not None:
        data["tier"] = {
            "certified": result.tier.certified,
            "evaluation": to_record(result.tier.evaluation),
            "progress": to_record(result.tier.progress),
        }
    if result.points is not None:
        points = result.points
        data["points"] = {
            "held": to_record(points.held),
            "over_time": [{"month_end": d, "held": to_record(h)} for d, h in points.over_time],
            "expiring": [{"month": d, "points": p} for d, p in points.expiring],
            "expiring_total": points.expiring_total,
        }
    if result.clients is not None:
        clients = result.clients
        data["clients"] = {
            "renewals_within_days": clients.renewals_within,
            "alerts": to_records(clients.alerts),
            "rows": to_records(clients.rows),
            "bands": {band.value: count for band, count in clients.band_counts().items()},
        }
    if result.nps is not None:
        nps = result.nps
        options = _nps_options(nps)
        shown = []
        for found in nps.groups:
            assert isinstance(found.tally, NpsTally)
            score, low, high = shown_nps(found.tally, options)
            shown.append({"score": score, "interval": [low, high]})
        data["nps"] = {
            "by": nps.by,
            "confidence": plain(nps.confidence),
            "method": nps.method,
            "min_count": nps.min_count,
            "groups": to_records(nps.groups),
            "shown": shown,
        }
    return data
