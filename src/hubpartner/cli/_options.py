"""Argument types and options shared by the commands."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, NoReturn, TextIO, TypeVar

from ..messages import Message, message

if TYPE_CHECKING:
    from .._files import CsvFormat
    from ..rules import ProgramRules, Track

T = TypeVar("T")


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


class InLocale(Generic[T]):
    """The type of an option whose value is read as files are read in the run's
    locale (see docs/files.md): ``read(text, locale)``. The command line's parser
    (:class:`~hubpartner.cli._language.Parser`) reads the option so, in the locale it
    speaks; argparse calls a type with the text alone, which reads it in English.

    ``read`` refuses a value with an ``argparse.ArgumentTypeError`` whose message says
    what the option takes, or with an :class:`~hubpartner.errors.InvalidValueError`
    whose ``expected`` the parser says naming the option and the value as typed (a
    number that reads two ways, or beyond the library's bounds).
    """

    def __init__(self, read: Callable[[str, str], T]) -> None:
        self.read = read
        self.__name__ = read.__name__  # argparse names a type by it

    def __call__(self, text: str) -> T:
        return self.read(text, "en")


#: The marks a locale may group digits with besides ``.``, ``,`` and ``'``: spaces
#: (plain, no-break, narrow no-break) and the typographic apostrophe.
_GROUP_SPACES = str.maketrans("", "", " \xa0\u202f\u2019")
#: A number with its group spaces taken out: a sign, then digits and marks.
_NUMBER = re.compile(r"[+-]?[0-9][0-9.,']*")


def option_number(text: str, locale: str, *, whole: bool = False) -> Decimal | None:
    """The number an option's value writes, read as a file's number is read in
    ``locale`` (:func:`hubpartner.present.read_number`: the locale's form, such as
    ``1.234,5`` in Italian, or the plain ``1234.5``; a count, ``whole``, has no
    decimals), or None when it is not written with the digits 0 to 9 and marks alone
    (``1e3``, ``1_000``, ``nan``, other scripts' digits). A number that reads two ways
    in the locale, or is not written as the locale writes numbers, is an
    :class:`~hubpartner.errors.InvalidAmountError`."""
    from .._checks import in_digits  # loaded with the command's library module
    from ..present import read_number

    bare = text.strip().translate(_GROUP_SPACES)
    if not in_digits(bare) or not _NUMBER.fullmatch(bare):
        return None
    return read_number(text, locale=locale, places=0 if whole else None)


#: The longest argument value an error message repeats whole.
_SHOWN = 60

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: The largest whole number a count option takes (days, answers, activities …).
MAX_COUNT = 10**9


def option_refused(option: str, written: str, expected: Message) -> Message:
    """An option's value refused as the library refuses a value: the option, what was
    written for it (quoted), what is accepted."""
    return message(
        "{field}: {value} is not accepted; expected {expected}",
        field=option,
        value=quoted(written),
        expected=expected,
    )


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


def _whole_number(text: str, locale: str) -> int:
    """A whole number from 0 to :data:`MAX_COUNT`, written with the digits 0-9 as
    the locale or the plain form writes it (``1.000`` is a thousand in Italian)."""
    from ..errors import InvalidValueError

    try:
        number = option_number(text, locale, whole=True)
    except InvalidValueError:
        number = None
    if number is None or not 0 <= number <= MAX_COUNT:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a whole number from 0 to {maximum}",
                value=quoted(text),
                maximum=MAX_COUNT,
            )
        )
    return int(number)


#: A count option: :func:`_whole_number`.
non_negative = InLocale(_whole_number)


def _points(text: str, locale: str) -> Decimal:
    """A number of points of 0 or more, below 10^15 and with at most 100 decimal
    places, as a number of points is anywhere."""
    from .._checks import at_least_zero

    number = option_number(text, locale)
    if number is None or number < 0:
        raise argparse.ArgumentTypeError(
            message("{value} is not a number of points of 0 or more", value=quoted(text))
        )
    return at_least_zero(number, field="points")


#: A points option: :func:`_points`.
points = InLocale(_points)

#: The most decimal places of a confidence level: half the digits a float holds, so
#: that the share beyond the level (at least 10^-7 of the whole) is still resolved to
#: about 10^-9 of itself where the statistics compute a quantile near 1.
CONFIDENCE_PLACES = sys.float_info.dig // 2


def _confidence(text: str, locale: str) -> float:
    """A confidence level between 0 and 1 with at most :data:`CONFIDENCE_PLACES`
    decimal places (trailing zeros aside), such as 0.95."""
    from ..decimals import EXACT

    number = option_number(text, locale)
    places = 0 if number is None else -int(number.normalize(EXACT).as_tuple().exponent)
    if number is None or not 0 < number < 1 or places > CONFIDENCE_PLACES:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a confidence level; expected a number between 0 and 1 "
                "with at most {places} decimal places, such as 0.95",
                value=quoted(text),
                places=CONFIDENCE_PLACES,
            )
        )
    return float(number)


#: The ``--confidence`` option: :func:`_confidence`.
confidence = InLocale(_confidence)


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


def option_part(text: str) -> str:
    """A part of an option's value as a message repeats it: as written when it is
    short and printable, else quoted and shortened (see :func:`quoted`)."""
    said = quoted(text)
    return text if text.isprintable() and said == repr(text) else said


def checked_rates(
    args: argparse.Namespace, refuse: Callable[[Message], NoReturn]
) -> dict[str, Decimal]:
    """The amounts of the ``--rate`` options by currency code, each refused by
    ``refuse`` in the option's words: a currency code CLDR does not know, a currency
    given twice, an amount that is not a number greater than 0 as ``--locale`` or
    the plain form writes it (one that reads two ways too), or beyond the bounds of
    a rate."""
    from .._checks import above_zero
    from ..errors import InvalidValueError, UnknownCurrencyError
    from ..money import currency_code

    rates: dict[str, Decimal] = {}
    first: dict[str, str] = {}
    for code, amount in args.rate:
        shown = {"code": option_part(code), "amount": option_part(amount)}
        try:
            checked = currency_code(code)
        except UnknownCurrencyError:
            refuse(
                message(
                    "--rate {code}={amount}: {quoted} is not a currency code known to CLDR",
                    quoted=quoted(code),
                    **shown,
                )
            )
        if checked in first:
            refuse(
                message(
                    "--rate {code}={amount}: {currency} has a rate already (--rate {first}); "
                    "give each currency one rate",
                    currency=checked,
                    first=first[checked],
                    **shown,
                )
            )
        first[checked] = option_part(code + "=" + amount)
        try:
            number = option_number(amount, args.locale)
            if number is None or number <= 0:
                refuse(
                    message(
                        "--rate {code}={amount}: expected the amount of {currency} treated as "
                        "USD 100, a number greater than 0",
                        currency=checked,
                        **shown,
                    )
                )
            rates[checked] = above_zero(number, field="--rate")
        except InvalidValueError as exc:  # reads two ways, or beyond a rate's bounds
            refuse(option_refused("--rate " + checked, amount, exc.expected))
    return rates


def selected_rules(
    args: argparse.Namespace, refuse: Callable[[Message], NoReturn], *, day: date | None = None
) -> ProgramRules:
    """The rule set the options of :func:`add_rules` chose — those in force on
    ``--date``, else on ``day``, else today — with the ``--rate`` amounts, which are
    checked first (see :func:`checked_rates`)."""
    from .. import rules

    rates = checked_rates(args, refuse)
    chosen = (
        rules.load(args.rules) if args.rules else rules.for_date(args.date or day or date.today())
    )
    for code, amount in rates.items():
        chosen = chosen.with_currency(code, amount)
    return chosen


def as_typed(value: object) -> str:
    """An option's value as the command line writes it: a date as YYYY-MM-DD, a number
    in its plain form (``1000000``, never ``1E+6``), a text as it is."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


@contextmanager
def in_options(
    refuse: Callable[[Message], NoReturn], options: Mapping[str, tuple[str, object]]
) -> Iterator[None]:
    """Refuse a value the library refuses as the option it came from: an
    :class:`~hubpartner.errors.InvalidValueError` (or ``InvalidTypeError``) whose
    ``field``, the library's name for the value, is a key of ``options``, which gives
    the option and its value (said as typed: see :func:`as_typed`). Any other refusal
    is left as it is."""
    from ..errors import InvalidTypeError, InvalidValueError

    try:
        yield
    except (InvalidValueError, InvalidTypeError) as exc:
        if exc.field not in options:
            raise
        option, value = options[exc.field]
        refuse(option_refused(option, as_typed(value), exc.expected))


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
            "the language and number format of the output and of the numbers options and "
            "files give, such as sv, nb or it "
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
