"""The ``hubpartner`` command: the library's calculators on the command line.

Each command lives in a module of its own that adds its parser (``add_parser``) and
names the function that runs it (``set_defaults(run=...)``). Bad input is reported
on standard error, one line per problem, with exit status :data:`EXIT_BAD_INPUT` and
never a traceback. The commands are the only part of hubpartner that reads the clock
(the default ``--date`` and ``--as-of`` are today) and the only part that prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..errors import DataFileError, HubPartnerError, MissingRateError
from . import points, portfolio, rules, surveys, tiers

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "build_parser", "main"]

#: The command did what was asked.
EXIT_OK = 0
#: The command line or an input file was refused; the problems are on standard error.
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    """A command-line mistake, reported on one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _version() -> str:
    from .. import __version__

    return str(__version__)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line; each command sets ``run``."""
    parser = _Parser(
        prog="hubpartner",
        description="HubSpot Solutions Partner Program calculators.",
    )
    parser.add_argument("--version", action="version", version=f"hubpartner {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for command in (points, surveys, portfolio, tiers, rules):
        command.add_parser(commands)
    return parser


def _fail(message: str) -> int:
    print(f"hubpartner: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        run: Callable[[argparse.Namespace], str] = args.run
        output = run(args)
    except _UsageError as exc:
        return _fail(str(exc))
    except DataFileError as exc:
        for problem in exc.problems:
            _fail(f"{exc.source}: {problem.where}: {problem.message}")
        return EXIT_BAD_INPUT
    except MissingRateError as exc:
        return _fail(f"{exc} (on the command line: --rate {exc.currency}=AMOUNT)")
    except HubPartnerError as exc:
        return _fail(str(exc))
    print(output)
    return EXIT_OK
