"""The table of the command line's commands, and the subparsers action that builds a
command's parser only when the command is chosen.

``hubpartner --help`` needs only each command's name and one-line help, which are
here; a command's own options (and the library modules they need) are set up by its
module, imported only when the command line names it, so that a run loads only what
its command needs.
"""

from __future__ import annotations

import argparse
from importlib import import_module
from typing import Any, NamedTuple

from ..messages import Message, message


class Command(NamedTuple):
    """A command of the command line: its name, the module under ``hubpartner.cli``
    that adds its parser (``add_parser``), and its one-line help."""

    name: str
    module: str
    help: Message


#: The commands, in the order ``hubpartner --help`` lists them.
COMMANDS = (
    Command("points", "points", message("points from MRR and back")),
    Command("surveys", "surveys", message("NPS, CES and CSAT scores from a CSV")),
    Command("clients", "portfolio", message("the client table and renewal alerts")),
    Command(
        "engagement",
        "portfolio",
        message("engagement bands, median tool usage, subscriptions held and opportunities"),
    ),
    Command("tiers", "tiers", message("partner tiers: evaluation and history")),
    Command(
        "plan",
        "plan",
        message("what is at risk, what opportunities are worth, and the shortest path to a tier"),
    ),
    Command("rules", "rules", message("the rule sets")),
    Command(
        "report",
        "report",
        message(
            "the whole standing: tier and progress, points and expirations, clients, "
            "NPS trend (the bundled example without files)"
        ),
    ),
)


def command_help(name: str) -> Message:
    """The one-line help of the command ``name`` (one of :data:`COMMANDS`)."""
    for command in COMMANDS:
        if command.name == name:
            return command.help
    raise LookupError(name)


class _Existing:
    """What a command module's ``add_parser`` adds its parsers to when the commands
    are named already: each name gives back the command's parser, made then."""

    def __init__(self, commands: LazyCommands) -> None:
        self._commands = commands

    def add_parser(self, name: str, **_: Any) -> Any:
        return self._commands.parser(name)


class LazyCommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The subparsers of :data:`COMMANDS`: each command is named, with its help, and
    its parser is made and filled by its module's ``add_parser`` when the command is
    chosen (or when :meth:`fill` asks for it)."""

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)
        self._filled: set[str] = set()  # the modules whose parsers are set up

    def add_commands(self) -> None:
        """Name each command of :data:`COMMANDS`, with its help, as ``add_parser``
        would, but make no parser yet (argparse looks a choice up by its name)."""
        for command in COMMANDS:
            self._choices_actions.append(self._ChoicesPseudoAction(command.name, (), command.help))
            self._name_parser_map[command.name] = None

    def parser(self, name: str) -> Any:
        """Make the (empty) parser of the command ``name``, as ``add_parser`` makes it;
        its module's ``add_parser`` asks for it once, when the module is filled."""
        made = self._parser_class(prog=f"{self._prog_prefix} {name}")
        self._name_parser_map[name] = made
        return made

    def fill(self, name: str) -> None:
        """Set up the options of the command ``name`` (and of the other commands its
        module adds), once."""
        module = next(command.module for command in COMMANDS if command.name == name)
        if module not in self._filled:
            self._filled.add(module)
            import_module(f"{__package__}.{module}").add_parser(_Existing(self))

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.fill(values[0])
        super().__call__(parser, namespace, values, option_string)
