"""Argument types and options shared by the commands."""

from __future__ import annotations

import argparse
import math
import re
import sys
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from ..messages import message

if TYPE_CHECKING:
    from .._files import CsvFormat
    from ..rules import ProgramRules, Track


def input_file(text: str) -> str | TextIO | BinaryIO:
    """A file to read, or ``-`` for standard input: its bytes, which the file's reader
    reads in the ``--encoding`` given, as it reads a file (its text where standard
    input has no bytes to give, as when replaced by a text stream)."""
    if text != "-":
        return text
    if sys.stdin is None:  # closed when the command started: never read as no file
        raise argparse.ArgumentTypeError(
            message("- reads standard input, which is closed; give a file")
        )
    return getattr(sys.stdin, "buffer", sys.stdin)


def written_number(text: str) -> Decimal:
    """The number an option's value writes with the digits 0 to 9 (``Decimal`` reads
    other scripts' digits and ``1_000`` too), or -1, which no option takes, when it
    writes none."""
    from .._checks import in_digits  # loaded with the command's library module

    if not in_digits(text):
        return Decimal(-1)
    try:
        return Decimal(text)
    except ArithmeticError:
        return Decimal(-1)


#: The longest argument value an error message repeats whole.
_SHOWN = 60

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: The largest whole number a count option takes (days, answers, activities …).
MAX_COUNT = 10**9


def quoted(text: str) -> str:
    """An argument value as an error message shows it: quoted, and shortened in the
    middle when it is long, so a huge argument never makes a huge message."""
    if len(text) <= _SHOWN:
        return repr(text)
    half = _SHOWN // 2
    return repr(text[:half]) + f"…({len(text) - 2 * half} more characters)…" + repr(text[-half:])


def iso_date(text: str) -> date:
    """A date argument written exactly YYYY-MM-DD, such as ``2025-08-01`` (not the
    other forms ISO 8601 allows, such as ``20250801`` or ``2025-W31-5``)."""
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(
        message(
            "{value} is not a date; expected YYYY-MM-DD, such as 2025-08-01", value=quoted(text)
        )
    )


def rate(text: str) -> tuple[str, str]:
    """A ``CODE=AMOUNT`` argument: the amount of a currency treated as USD 100."""
    code, sep, amount = text.partition("=")
    if not sep or not code or not amount:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a rate; expected CODE=AMOUNT, the amount of the currency "
                "treated as USD 100, such as SEK=1000",
                value=quoted(text),
            )
        )
    return code, amount


def track(text: str) -> Track:
    """A track argument: sourced, assisted or managed."""
    from ..rules import Track

    try:
        return Track(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a track; expected sourced, assisted or managed", value=quoted(text)
            )
        ) from None


def non_negative(text: str) -> int:
    """A whole number from 0 to :data:`MAX_COUNT`, written with the digits 0-9."""
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(MAX_COUNT))
    if not digits or int(text) > MAX_COUNT:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a whole number from 0 to {maximum}",
                value=quoted(text),
                maximum=MAX_COUNT,
            )
        )
    return int(text)


def points(text: str) -> Decimal:
    """A number of points of 0 or more, written with the digits 0 to 9."""
    value = written_number(text)
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(
            message("{value} is not a number of points of 0 or more", value=quoted(text))
        )
    return value


def confidence(text: str) -> float:
    """A confidence level between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a confidence level; expected a number between 0 and 1, "
                "such as 0.95",
                value=quoted(text),
            )
        )
    return value


def add_json(parser: argparse.ArgumentParser) -> None:
    """The ``--json`` option of a command that prints results."""
    parser.add_argument("--json", action="store_true", help=message("print one JSON object"))


#: What a command can print: a table for people, or JSON or CSV for programs.
FORMATS = ("table", "json", "csv")


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format table|json|csv`` (``dest="format"``, table by default), and ``--json``,
    the same as ``--format json``: what a command prints."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help=message(
            "print a table for people (the default), JSON, or CSV with a header row "
            "(with --locale sv, de … Excel's form: ; and decimal commas)"
        ),
    )
    which.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help=message("print one JSON object"),
    )


def add_certification(parser: argparse.ArgumentParser) -> None:
    """``--certified`` (the default) or ``--not-certified`` (``dest="certified"``):
    whether the partner holds a valid Solutions Partner certification."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--certified",
        dest="certified",
        action="store_true",
        default=True,
        help=message("a valid Solutions Partner certification is held (the default)"),
    )
    which.add_argument(
        "--not-certified",
        dest="certified",
        action="store_false",
        help=message("no valid Solutions Partner certification: no tier"),
    )


def add_activities(parser: argparse.ArgumentParser) -> None:
    """``--activities N``: the qualifying activities of the thresholds' period."""
    parser.add_argument(
        "--activities",
        type=non_negative,
        metavar="N",
        help=message("qualifying activities in the thresholds' period"),
    )


def add_rules(parser: argparse.ArgumentParser, *, default_day: str | None = None) -> None:
    """``--date`` or ``--rules``, and ``--rate``: which rule set a command uses;
    ``default_day`` says, in the help, which day's rules are used without ``--date``."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--date",
        type=iso_date,
        metavar=message("DATE"),
        help=message(
            "use the published rules in force on this date (default: {day})",
            day=message("today") if default_day is None else default_day,
        ),
    )
    which.add_argument(
        "--rules",
        type=input_file,
        metavar=message("FILE"),
        help=message("use the rules in this TOML file"),
    )
    parser.add_argument(
        "--rate",
        type=rate,
        action="append",
        default=[],
        # Translators: the placeholder of --rate's value: a currency code, =, an amount
        metavar=message("CODE=AMOUNT"),
        help=message("treat AMOUNT of currency CODE as USD 100 (repeatable)"),
    )


def selected_rules(args: argparse.Namespace) -> ProgramRules:
    """The rule set the options of :func:`add_rules` chose (today's by default)."""
    from .. import rules

    chosen = rules.load(args.rules) if args.rules else rules.for_date(args.date or date.today())
    for code, amount in args.rate:
        chosen = chosen.with_currency(code, amount)
    return chosen


#: The environment variables that choose the locale when ``--locale`` is not given, in
#: order: hubpartner's own, then the POSIX ones (the first set and non-empty wins).
LOCALE_VARIABLES = ("HUBPARTNER_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG")


#: How a locale is written: a letter first, then letters, digits and ``_-.@``.
_LOCALE_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9_.@-]*")


def resolved_locale(text: str, *, field: str) -> str:
    """The CLDR identifier of the locale ``text`` names, given as ``field``; an
    :class:`~hubpartner.errors.UnknownLocaleError` for one hubpartner does not speak,
    or that is not written as a locale (empty, ``../../etc``)."""
    from ..errors import UnknownLocaleError
    from ..present import SUPPORTED, resolve_locale

    if not _LOCALE_SHAPE.fullmatch(text):
        raise UnknownLocaleError(text, field, SUPPORTED)
    return resolve_locale(text, field=field)


def locale(text: str) -> str:
    """A ``--locale`` argument: the CLDR identifier of a locale hubpartner speaks
    (``sv-SE``, ``sv_SE.UTF-8``, ``no``, ``C`` …)."""
    from ..errors import UnknownLocaleError

    try:
        return resolved_locale(text, field="--locale")
    except UnknownLocaleError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def add_locale(parser: argparse.ArgumentParser) -> None:
    """The ``--locale`` option every command has: the language and conventions of what
    it prints for people (``dest="locale"``, the resolved CLDR identifier; when not
    given, the environment's, as :func:`hubpartner.cli.main` chooses it)."""
    from ..messages import message

    parser.add_argument(
        "--locale",
        type=locale,
        default=argparse.SUPPRESS,
        metavar=message("LOCALE"),
        help=message(
            "the language and number format of the output, such as sv, nb or it "
            "(default: HUBPARTNER_LOCALE, then LC_ALL, LC_MESSAGES, LANG, then en)"
        ),
    )


def delimiter(text: str) -> str | None:
    """A ``--delimiter``: ``,`` or comma, ``;`` or semicolon, a tab or tab, or auto
    (the default: found from the file's header)."""
    return _file_format("delimiter", text).delimiter


def encoding(text: str) -> str:
    """An ``--encoding``: utf-8 (the default), cp1252 or latin-1, by any of their names."""
    return _file_format("encoding", text).encoding


def _file_format(option: str, text: str) -> CsvFormat:
    """The file format whose ``option`` is ``text``; a refusal says what is accepted."""
    from .._files import CsvFormat
    from ..errors import InvalidValueError

    try:
        return CsvFormat(**{option: text})
    except InvalidValueError as exc:
        value, expected = quoted(text), exc.expected
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a delimiter; expected {expected}", value=value, expected=expected
            )
            if option == "delimiter"
            else message(
                "{value} is not an encoding hubpartner reads; expected {expected}",
                value=value,
                expected=expected,
            )
        ) from None


def add_file_format(parser: argparse.ArgumentParser) -> None:
    """``--delimiter`` and ``--encoding``: how a command's CSV file is written (its
    numbers are read as ``--locale`` writes them)."""
    parser.add_argument(
        "--delimiter",
        type=delimiter,
        default=None,
        metavar="{auto,comma,semicolon,tab}",
        help=message(
            "the CSV file's delimiter: comma (,), semicolon (;) or tab; by default "
            "found from the header"
        ),
    )
    parser.add_argument(
        "--encoding",
        type=encoding,
        default="utf-8",
        metavar="{utf-8,cp1252,latin-1}",
        help=message(
            "the CSV file's encoding (default utf-8, with or without a byte order mark; "
            "cp1252 for Excel on Windows)"
        ),
    )


def file_format(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords a loader reads the command's CSV file with: the options of
    :func:`add_file_format`, and the locale of its numbers (``--locale``)."""
    return {
        "delimiter": args.delimiter,
        "encoding": args.encoding,
        "locale": args.locale,
    }


def market(text: str) -> str:
    """A ``--market``: a country's code, or its name in a language hubpartner speaks
    (``Sverige``, ``Norge``, ``Italia``)."""
    from ..errors import UnknownCountryNameError
    from ..markets import market_code

    try:
        return market_code(text, field="--market", locale="en")
    except UnknownCountryNameError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def currency(text: str) -> str:
    """A ``--currency``: a currency's code, or its name in a language hubpartner
    speaks (``svensk krona``, ``euro``)."""
    from ..errors import NotMoneyError, UnknownCurrencyNameError
    from ..money import currency_code

    try:
        return currency_code(text, field="--currency", locale="en")
    except UnknownCurrencyNameError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None
    except NotMoneyError as exc:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a currency; expected {expected}",
                value=quoted(text),
                expected=exc.expected,
            )
        ) from None
