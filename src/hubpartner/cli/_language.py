"""The command line in the user's language: which locale a run speaks, and argparse's
own words (usage, headings, its refusals) said through the run's presenter.

The locale is chosen before anything is parsed, so that help is printed in it:
``--locale`` wherever it stands on the command line (before ``--``), else
``HUBPARTNER_LOCALE``, else the first of the POSIX ``LC_ALL``, ``LC_MESSAGES`` and
``LANG`` that is set and not empty, else English. A locale the user gave hubpartner
(``--locale``, ``HUBPARTNER_LOCALE``) that it does not speak is an error; a POSIX one
it does not speak (``zh_CN.UTF-8``) means English, since it was not asked of
hubpartner. argparse is subclassed, never patched: its fixed texts and its refusals
are recognised by their English form and said again as catalog messages.
"""

from __future__ import annotations

import argparse
import copy
import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NoReturn

from ..errors import InvalidValueError, UnknownLocaleError
from ..messages import Message, message, plural
from ..present import Presenter
from ._options import LOCALE_VARIABLES, InLocale, add_locale, option_refused, resolved_locale

#: The option that chooses the locale.
LOCALE_OPTION = "--locale"


def chosen_locale(arguments: Sequence[str], environ: Mapping[str, str]) -> str:
    """The CLDR locale a run speaks (see the module's description); an unknown one
    given by ``--locale`` or ``HUBPARTNER_LOCALE`` is an
    :class:`~hubpartner.errors.UnknownLocaleError` naming where it came from."""
    given = _given(arguments)
    if given is not None:
        return resolved_locale(given, field=LOCALE_OPTION)
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        if name == LOCALE_VARIABLES[0]:
            return resolved_locale(value, field=name)
        try:
            return resolved_locale(value, field=name)
        except UnknownLocaleError:  # not asked of hubpartner: English
            return "en"
    return "en"


def _given(arguments: Sequence[str]) -> str | None:
    """The value of the last ``--locale`` before ``--``, if any."""
    found = None
    for position, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == LOCALE_OPTION and position + 1 < len(arguments):
            found = arguments[position + 1]
        elif argument.startswith(LOCALE_OPTION + "="):
            _, _, found = argument.partition("=")
    return found


def _fixed(text: str) -> Message | None:
    """argparse's fixed texts (headings and the help of its own options) as messages."""
    for said in (
        message("positional arguments"),
        message("options"),
        message("show this help message and exit"),
        message("show program's version number and exit"),
    ):
        if said == text:
            return said
    return None


def argparse_message(text: str) -> Message:
    """One of argparse's refusals, recognised by its English form, as a message (any
    other text as a message that says it as it is)."""
    for pattern, made in _refusals():
        found = pattern.fullmatch(text)
        if found is not None:
            return made(found[1], found.groupdict().get("two") or "")
    return message("{text}", text=text)


def _required(names: str, _: str) -> Message:
    return message("the following arguments are required: {arguments}", arguments=names)


def _one_of(names: str, _: str) -> Message:
    return message("one of the arguments {arguments} is required", arguments=names)


def _unrecognized(names: str, _: str) -> Message:
    return message("unrecognized arguments: {arguments}", arguments=names)


def _not_allowed(name: str, _: str) -> Message:
    return message("not allowed with argument {argument}", argument=name)


def _invalid_choice(value: str, choices: str) -> Message:
    return message("invalid choice: {value} (choose from {choices})", value=value, choices=choices)


def _ambiguous(option: str, matches: str) -> Message:
    return message(
        "ambiguous option: {option} could match {matches}", option=option, matches=matches
    )


def _invalid_value(kind: str, value: str) -> Message:
    return message("invalid {kind} value: {value}", kind=kind, value=value)


def _ignored(value: str, _: str) -> Message:
    return message("ignored explicit argument {value}", value=value)


def _expected_one(_: str, __: str) -> Message:
    return message("expected one argument")


def _expected_at_most_one(_: str, __: str) -> Message:
    return message("expected at most one argument")


def _expected_at_least_one(_: str, __: str) -> Message:
    return message("expected at least one argument")


def _expected_count(count: str, _: str) -> Message:
    return plural("expected {count} argument", "expected {count} arguments", count=int(count))


@functools.cache
def _refusals() -> tuple[tuple[re.Pattern[str], Callable[[str, str], Message]], ...]:
    """argparse's refusals this module words again, each by the pattern of its English
    text: compiled on first use, as only a refused command line needs them."""
    return (
        (re.compile(r"the following arguments are required: (.*)", re.S), _required),
        (re.compile(r"one of the arguments (.*) is required", re.S), _one_of),
        (re.compile(r"unrecognized arguments: (.*)", re.S), _unrecognized),
        (re.compile(r"not allowed with argument (.*)", re.S), _not_allowed),
        (re.compile(r"invalid choice: (.*?) \(choose from (?P<two>.*)\)", re.S), _invalid_choice),
        (re.compile(r"ambiguous option: (.*?) could match (?P<two>.*)", re.S), _ambiguous),
        (re.compile(r"invalid (.*?) value: (?P<two>.*)", re.S), _invalid_value),
        (re.compile(r"ignored explicit argument (.*)", re.S), _ignored),
        (re.compile(r"expected one argument()"), _expected_one),
        (re.compile(r"expected at most one argument()"), _expected_at_most_one),
        (re.compile(r"expected at least one argument()"), _expected_at_least_one),
        (re.compile(r"expected ([0-9]{1,6}) arguments?"), _expected_count),
    )


class UsageError(Exception):
    """A command-line mistake, reported with the usage of the command concerned;
    ``said`` is the message."""

    def __init__(self, parser: argparse.ArgumentParser, said: Message) -> None:
        super().__init__(str(said))
        self.parser = parser
        self.said = said


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, each text said by ``presenter``."""

    def __init__(self, prog: str, *, presenter: Presenter, **options: Any) -> None:
        super().__init__(prog, **options)
        self._presenter = presenter

    def _said(self, text: str) -> str:
        fixed = _fixed(text)
        return self._presenter.text(text if fixed is None else fixed)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = self._presenter.text(message("usage:")) + " "
        super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(None if heading is None else self._said(heading))

    def add_text(self, text: str | None) -> None:
        super().add_text(text if text is None or text == argparse.SUPPRESS else self._said(text))

    def _get_help_string(self, action: argparse.Action) -> str:
        # argparse asks only for a help that is given; its % are escaped, as the
        # translations may write a percent sign
        return self._said(action.help or "").replace("%", "%%")

    def _metavar_formatter(
        self, action: argparse.Action, default_metavar: str
    ) -> Callable[[int], tuple[str, ...]]:
        metavar = action.metavar
        # argparse checks each new argument's metavar with no default metavar: that
        # check needs no translation, so a parser is built without loading a catalog
        if isinstance(metavar, Message) and default_metavar is not None:
            action = copy.copy(action)
            action.metavar = self._presenter.text(metavar)
        return super()._metavar_formatter(action, default_metavar)


class Parser(argparse.ArgumentParser):
    """A parser that speaks through ``presenter``: its help, and its refusals, which
    it raises as :class:`UsageError` rather than exiting. Every parser has
    ``--locale``."""

    def __init__(self, *args: Any, presenter: Presenter | None = None, **options: Any) -> None:
        self.presenter = Presenter("en") if presenter is None else presenter
        options.setdefault(
            "formatter_class", functools.partial(HelpFormatter, presenter=self.presenter)
        )
        super().__init__(*args, **options)
        add_locale(self)

    def add_subparsers(self, **options: Any) -> Any:
        options["parser_class"] = functools.partial(Parser, presenter=self.presenter)
        return super().add_subparsers(**options)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        """An argument's value, as argparse reads it; an option of an
        :class:`~hubpartner.cli._options.InLocale` type (a number) is read in the
        presenter's locale, and a value it refuses for the library's reasons (a number
        that reads two ways, or beyond the bounds) is refused naming the option and
        the value as typed."""
        reads = action.type
        if not isinstance(reads, InLocale):
            return super()._get_value(action, arg_string)
        try:
            return reads.read(arg_string, self.presenter.locale)
        except argparse.ArgumentTypeError as exc:  # said as argparse says a type's refusal
            raise argparse.ArgumentError(action, str(exc)) from exc
        except InvalidValueError as exc:
            self.error(option_refused("/".join(action.option_strings), arg_string, exc.expected))

    def error(self, message: str) -> NoReturn:
        """Refuse the command line: ``message`` (one of the commands' own messages, or
        argparse's English, which is recognised and translated)."""
        said = message if isinstance(message, Message) else _refusal(message)
        raise UsageError(self, said)


def _refusal(text: str) -> Message:
    """argparse's refusal ``text`` as a message: an argument's refusal by its type is
    the type's own message, which argparse handles as it raises."""
    current = sys.exc_info()[1]
    if not isinstance(current, argparse.ArgumentError):
        return argparse_message(text)
    cause = current.__context__
    if (
        isinstance(cause, argparse.ArgumentTypeError)
        and cause.args
        and isinstance(cause.args[0], Message)
    ):
        problem = cause.args[0]
    else:
        problem = argparse_message(current.message)
    if current.argument_name is None:
        return problem
    return message(
        "argument {argument}: {problem}", argument=current.argument_name, problem=problem
    )
