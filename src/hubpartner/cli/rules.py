"""``hubpartner rules show|check``: the published rule sets, and your own."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .._files import source_name
from ..errors import RulesFileError, RulesProblem
from ..messages import message
from ..rules import dumps, for_date, load
from ..tiers import Tier
from ._options import input_file, iso_date
from ._output import presenter_of


def add_parser(commands: Any) -> None:
    """Add ``rules show`` and ``rules check`` to the command line."""
    parser = commands.add_parser("rules", help=message("the rule sets"))
    actions = parser.add_subparsers(dest="action", required=True)
    show_parser = actions.add_parser("show", help=message("print a published rule set as TOML"))
    show_parser.add_argument(
        "--date",
        type=iso_date,
        metavar=message("DATE"),
        help=message("the rules in force on this date (default: today)"),
    )
    show_parser.set_defaults(run=show)
    check_parser = actions.add_parser("check", help=message("check a rules file"))
    check_parser.add_argument(
        "file",
        type=input_file,
        metavar=message("file"),
        help=message("a TOML rules file, or - to read stdin"),
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
                message(
                    "this looks like a tier thresholds file; check it with: "
                    "hubpartner tiers check {name}",
                    name=name,
                ),
            )
            raise RulesFileError(exc.source, [hint, *exc.problems]) from None
        raise
    say = presenter_of(args)
    return say.text(
        message(
            "{name}: ok, rules effective {effective} ({rules})",
            name=name,
            effective=say.date(checked.effective),
            rules=checked.name,
        )
    )
