"""The ``hubpartner`` command: the library's calculators on the command line.

Each command lives in a module of its own that adds its parser (``add_parser``) and
names the function that runs it (``set_defaults(run=...)``). Problems are reported on
standard error, one line each, never as a traceback, and the exit status says whose
they are: :data:`EXIT_OK` (0) when the command did what was asked,
:data:`EXIT_BAD_DATA` (1) when an input file was refused (not found, unreadable, or
with bad rows or keys), :data:`EXIT_USAGE` (2) when the command line was (an unknown
option, a missing argument, a value the option does not take, a value the library
refuses), :data:`EXIT_OUTPUT` (3) when the result could not be written whole (the
reader of a pipe went away, the disk is full, there is no standard output, or the
output's encoding cannot hold a character of it), :data:`EXIT_INTERRUPTED` (130)
after Ctrl-C. A file argument given as ``-`` is read from standard input. The
commands are the only part of hubpartner that reads the clock (the default ``--date``
and ``--as-of`` are today) and the only part that prints.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..messages import Message, message

if TYPE_CHECKING:
    from ..present import Presenter

__all__ = [
    "EXIT_BAD_DATA",
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

#: The command did what was asked.
EXIT_OK = 0
#: An input file was refused; each problem is a line on standard error.
EXIT_BAD_DATA = 1
#: The command line was refused: an unknown option, a missing argument, a bad value.
EXIT_USAGE = 2
#: The result could not be written: the pipe was closed early, the disk is full, or
#: the output's encoding cannot hold one of its characters.
EXIT_OUTPUT = 3
#: The command was interrupted (Ctrl-C): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
#: The former name of :data:`EXIT_USAGE`.
EXIT_BAD_INPUT = EXIT_USAGE

#: The longest message line repeated whole (a longer one is shortened in the middle).
_LONGEST_LINE = 400


def __getattr__(name: str) -> object:
    # The command modules, which ``import hubpartner.cli`` loaded before it loaded only
    # the chosen command's: ``hubpartner.cli.points`` works as it did.
    from importlib import import_module

    from ._commands import COMMANDS

    if name in {command.module for command in COMMANDS}:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version() -> str:
    from .. import __version__

    return str(__version__)


def build_parser(
    presenter: Presenter | None = None, *, lazy: bool = False
) -> argparse.ArgumentParser:
    """The parser of the whole command line, whose help ``presenter`` says (English
    by default); each command sets ``run``. With ``lazy``, a command's options (and
    the modules they need) are set up only when the command line names it."""
    from ._commands import LazyCommands
    from ._language import Parser

    parser = Parser(
        prog="hubpartner",
        description=message("HubSpot Solutions Partner Program calculators."),
        presenter=presenter,
    )
    parser.add_argument("--version", action="version", version=f"hubpartner {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, action=LazyCommands)
    commands.add_commands()
    if not lazy:
        for name in commands.choices:
            commands.fill(name)
    return parser


def _say(line: str) -> None:
    """Write a line to standard error, its control characters escaped (``\\x1b``,
    ``\\n``: nothing a file or an argument holds reaches the terminal as a command or
    breaks the line), shortened if it is very long, and escaped where the error
    stream's encoding cannot hold a character: a message must reach the user whatever
    went wrong. Without an error stream (closed when the command started), nothing."""
    from ._output import escaped

    stream = sys.stderr
    if stream is None:  # closed when the command started: no one to tell
        return
    line = escaped(line)
    if len(line) > _LONGEST_LINE:
        half = _LONGEST_LINE // 2
        line = f"{line[:half]} … {line[-half:]}"
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding) + "\n")
        stream.flush()
    except (OSError, ValueError):  # no error stream left to tell
        pass


def _error(presenter: Presenter, problem: str, program: str = "hubpartner") -> None:
    """Say ``problem`` as an error of ``program`` in the presenter's language."""
    _say(presenter.text(message("{program}: error: {problem}", program=program, problem=problem)))


def _usage(presenter: Presenter, parser: argparse.ArgumentParser, problem: Message) -> int:
    _error(presenter, problem, parser.prog)
    return EXIT_USAGE


def _write(output: str, presenter: Presenter) -> int:
    """Print the result (:func:`_put`); a result that cannot be written whole is said
    in one line, and is :data:`EXIT_OUTPUT`."""
    try:
        _put(output if output.endswith("\n") else output + "\n")
    except BrokenPipeError:
        _silence_stdout()
        _say(
            presenter.text(
                message("hubpartner: the output was closed before all of it was written")
            )
        )
        return EXIT_OUTPUT
    except UnicodeEncodeError as exc:
        import unicodedata

        character = exc.object[exc.start]
        name = unicodedata.name(character, "a character")
        problem = message(
            "the output's encoding ({encoding}) cannot hold {character} (U+{code} {name}); "
            "set PYTHONIOENCODING=utf-8, or use --json, whose text is ASCII",
            encoding=exc.encoding,
            character=repr(character),
            code=f"{ord(character):04X}",
            name=name,
        )
        _error(presenter, problem)
        return EXIT_OUTPUT
    except OSError as exc:
        _silence_stdout()
        _error(
            presenter,
            message("the output could not be written: {reason}", reason=exc.strerror or str(exc)),
        )
        return EXIT_OUTPUT
    return EXIT_OK


def _put(output: str) -> None:
    """Write ``output`` to standard output whole, or raise: ``OSError`` when it could
    not all be written (no standard output, a closed pipe, a full disk, a file grown
    to the size limit), ``UnicodeEncodeError`` when the output's encoding cannot hold
    it.

    The process's own standard output, over a file descriptor, is written through
    the descriptor, in the stream's encoding and a piece at a time until every byte
    is written: a buffered stream would report a write that fails after part of it
    was written as done. Any other stream (one a program put in its place, such as a
    notebook's cell, whose descriptor is not where the cell's text goes), and a
    terminal (whose console on Windows takes text, not bytes), is written as a text
    stream."""
    stream = sys.stdout
    if stream is None:  # closed when the command started
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    try:
        own = not stream.isatty() and stream is sys.__stdout__
        descriptor = stream.fileno() if own else None
    except (OSError, ValueError):  # not a file: a stream in memory
        descriptor = None
    if descriptor is None:
        stream.write(output)
        stream.flush()
        return
    # the line ends the stream would write: CRLF on Windows, as csv_of expects
    text = output if os.linesep == "\n" else output.replace("\n", os.linesep)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    data = memoryview(text.encode(encoding, getattr(stream, "errors", None) or "strict"))
    stream.flush()
    while data:
        data = data[os.write(descriptor, data) :]


def _silence_stdout() -> None:
    """Point standard output at nothing, so that the interpreter's last flush of what
    could not be written does not fail again at exit."""
    if sys.stdout is None:  # none to flush
        return
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file: nothing is flushed at exit
        return
    nothing = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nothing, descriptor)
    os.close(nothing)


def main(argv: Sequence[str] | None = None, *, environ: Mapping[str, str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) in the locale it
    or ``environ`` (default: the process's environment) chooses; return the exit
    status (0 done, 1 an input file was refused, 2 the command line was, 3 the output
    could not be written, 130 interrupted)."""
    presenter: Presenter | None = None
    try:  # from the first step: an interruption while the locale is chosen is one too
        from ..errors import HubPartnerError
        from ..present import Presenter
        from ._language import chosen_locale

        arguments = sys.argv[1:] if argv is None else list(argv)
        english = Presenter("en")
        try:
            chosen = chosen_locale(arguments, os.environ if environ is None else environ)
            presenter = Presenter(chosen)
        except HubPartnerError as exc:
            _error(english, exc.message)
            return EXIT_USAGE
        return _main(arguments, presenter)
    except KeyboardInterrupt:
        interrupted = message("hubpartner: interrupted")
        _say(interrupted if presenter is None else presenter.text(interrupted))
        return EXIT_INTERRUPTED


def _reads_standard_input_twice(args: argparse.Namespace) -> bool:
    """Whether more than one of a command's files is ``-``: standard input, which
    the first to read it would read whole, leaving the others nothing."""
    stdin = sys.stdin
    if stdin is None:  # no standard input at all: no file is read from it
        return False
    given = (stdin, getattr(stdin, "buffer", stdin))
    return sum(value is given[0] or value is given[1] for value in vars(args).values()) > 1


def _main(arguments: list[str], presenter: Presenter) -> int:
    from ..errors import DataFileError, HubPartnerError, NoRulesInForceError, OutputFileError
    from ._language import UsageError
    from ._output import FileRefused

    parser = build_parser(presenter, lazy=True)
    if not arguments:
        for line in parser.format_usage().rstrip().splitlines():
            _say(line)
        return _usage(
            presenter,
            parser,
            message("choose a command; `hubpartner --help` says what each does"),
        )
    try:
        args = parser.parse_args(arguments, argparse.Namespace(locale=presenter.locale))
        if _reads_standard_input_twice(args):
            raise UsageError(
                parser,
                message(
                    "- (standard input) is given for more than one file, and it can be "
                    "read only once; give a file for each of the others"
                ),
            )
        run: Callable[[argparse.Namespace], str] = args.run
        output = run(args)
    except UsageError as exc:  # one line, naming the command it is about
        return _usage(presenter, exc.parser, exc.said)
    except FileRefused as refused:  # a check's result is printed, and fails all the same
        written = _write(refused.output, presenter)
        for line in refused.error.lines:
            _error(presenter, line)
        return written or EXIT_BAD_DATA
    except DataFileError as exc:
        for line in exc.lines:
            _error(presenter, line)
        return EXIT_BAD_DATA
    except NoRulesInForceError as exc:  # said for the command line, not for rules.load
        _error(
            presenter,
            message(
                "{day} is before {earliest}, when the first published points rules took "
                "effect; give a later day",
                day=exc.on.isoformat(),
                earliest=exc.earliest.isoformat(),
            ),
        )
        return EXIT_USAGE
    except OutputFileError as exc:
        _error(presenter, exc.message)
        return EXIT_OUTPUT
    except HubPartnerError as exc:
        _error(presenter, exc.message)
        return EXIT_USAGE
    return _write(output, presenter)
