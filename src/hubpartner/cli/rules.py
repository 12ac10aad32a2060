"""``hubpartner rules show|check``: the published rule sets, and your own."""

from __future__ import annotations

import argparse
import tomllib
from datetime import date
from decimal import Decimal
from typing import Any

from .._files import source_name
from ..errors import RulesFileError
from ..messages import message
from ..rules import dumps, for_date, load
from ..tiers import Tier
from ._commands import command_help
from ._options import add_format, input_file, iso_date
from ._output import FileRefused, checked_file, csv_of, json_text, presenter_of


def add_parser(commands: Any) -> None:
    """Add ``rules show`` and ``rules check`` to the command line."""
    parser = commands.add_parser("rules", help=command_help("rules"))
    actions = parser.add_subparsers(dest="action", required=True)
    show_parser = actions.add_parser("show", help=message("print a published rule set as TOML"))
    show_parser.add_argument(
        "--date",
        type=iso_date,
        metavar=message("DATE"),
        help=message("the rules in force on this date (default: today)"),
    )
    add_format(show_parser)
    show_parser.set_defaults(run=show)
    check_parser = actions.add_parser("check", help=message("check a rules file"))
    check_parser.add_argument(
        "file",
        type=input_file,
        metavar=message("file"),
        help=message("a TOML rules file, or - to read stdin"),
    )
    add_format(check_parser)
    check_parser.set_defaults(run=check)


#: The keys of a rule set (as its TOML writes them, dotted) whose numbers are
#: quantities — rates, multipliers, amounts — and so decimal strings in JSON; every
#: other number in it is a count (days, months, places) and stays a JSON integer.
QUANTITIES = (
    "points_per_usd_100.",
    "legacy_sold_rate.points_per_usd_100",
    "growth_markets.multiplier",
    "currencies.",
)


def _quantities(data: Any, key: str = "") -> Any:
    """``data`` (a rule set read from its TOML) with every number under a key of
    :data:`QUANTITIES` made a ``Decimal``."""
    if isinstance(data, dict):
        return {k: _quantities(v, f"{key}.{k}" if key else k) for k, v in data.items()}
    if isinstance(data, list):
        return [_quantities(item, key) for item in data]
    quantity = any(key.startswith(q) if q.endswith(".") else key == q for q in QUANTITIES)
    if quantity and isinstance(data, int) and not isinstance(data, bool):
        return Decimal(data)
    return data


def _flat(data: Any, key: str = "") -> list[list[Any]]:
    """The ``[key, value]`` rows of a rule set: a table's keys dotted, a list of
    tables numbered from 0, a list of values left whole (one cell)."""
    if isinstance(data, dict):
        return [row for k, v in data.items() for row in _flat(v, f"{key}.{k}" if key else k)]
    if isinstance(data, list) and any(isinstance(item, dict) for item in data):
        return [row for i, item in enumerate(data) for row in _flat(item, f"{key}.{i}")]
    return [[key, data]]


def show(args: argparse.Namespace) -> str:
    """The rule set in force on a date: as TOML (the table format, which
    :func:`hubpartner.rules.loads` reads back), as JSON or as ``key,value`` CSV."""
    written = dumps(for_date(args.date or date.today()))
    if args.format == "table":
        return written.rstrip("\n")
    data = _quantities(tomllib.loads(written, parse_float=Decimal))
    if args.format == "json":
        return json_text({"type": "rules", **data})
    return csv_of(args, ["key", "value"], _flat(data))


def check(args: argparse.Namespace) -> str:
    """Whether a rules file reads; its problems are reported as errors (and a tier
    thresholds file is pointed to ``tiers check``)."""
    name = source_name(args.file)
    try:
        checked = load(args.file)
    except RulesFileError as exc:
        if {t.value for t in Tier} & {problem.where for problem in exc.problems}:
            from ..errors import RulesProblem  # made when a rules file is refused

            hint = RulesProblem(
                "(document)",
                message(
                    "this looks like a tier thresholds file; check it with: "
                    "hubpartner tiers check {name}",
                    name=name,
                ),
            )
            exc = RulesFileError(exc.source, [hint, *exc.problems])
        if args.format == "table":
            raise exc from None
        raise FileRefused(checked_file(args, exc), exc) from None
    if args.format != "table":
        return checked_file(args, None, effective=checked.effective, name=checked.name)
    say = presenter_of(args)
    return say.text(
        message(
            "{name}: ok, rules effective {effective} ({rules})",
            name=name,
            effective=say.date(checked.effective),
            rules=checked.name,
        )
    )
