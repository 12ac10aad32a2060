"""``hubpartner rules show|check``: the published rule sets, and your own."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .._files import source_name
from ..errors import RulesFileError, RulesProblem
from ..rules import dumps, for_date, load
from ..tiers import Tier
from ._options import input_file, iso_date


def add_parser(commands: Any) -> None:
    """Add ``rules show`` and ``rules check`` to the command line."""
    parser = commands.add_parser("rules", help="the rule sets")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    show_parser = actions.add_parser("show", help="print a published rule set as TOML")
    show_parser.add_argument(
        "--date", type=iso_date, help="the rules in force on this date (default: today)"
    )
    show_parser.set_defaults(run=show)
    check_parser = actions.add_parser("check", help="check a rules file")
    check_parser.add_argument(
        "file", type=input_file, help="a TOML rules file, or - to read stdin"
    )
    check_parser.set_defaults(run=check)


def show(args: argparse.Namespace) -> str:
    """The rule set in force on a date, as TOML."""
    return dumps(for_date(args.date or date.today())).rstrip("\n")


def check(args: argparse.Namespace) -> str:
    """Whether a rules file reads; its problems are reported as errors (and a tier
    thresholds file is pointed to ``tiers check``)."""
    name = source_name(args.file)
    try:
        checked = load(args.file)
    except RulesFileError as exc:
        if {t.value for t in Tier} & {problem.where for problem in exc.problems}:
            hint = RulesProblem(
                "(document)",
                "this looks like a tier thresholds file; check it with: "
                f"hubpartner tiers check {name}",
            )
            raise RulesFileError(exc.source, [hint, *exc.problems]) from None
        raise
    return f"{name}: ok, rules effective {checked.effective.isoformat()} ({checked.name})"
