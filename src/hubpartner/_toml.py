"""TOML documents: reading one into a dict (fractions as exact ``Decimal``), the
package's own data files, and :class:`Problems`, which collects every problem of a
document under its dotted key.

Apart from :mod:`hubpartner._files` (which reads CSV files and re-exports these) so
that a rule set is read without building the classes of the CSV readers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import (
    DataFileError,
    InvalidTypeError,
    InvalidValueError,
    RulesFileError,
    UnknownCurrencyError,
    UnknownMarketError,
    as_written,
    shown,
)
from .messages import Message, message

if TYPE_CHECKING:
    from .errors import RulesProblem

T = TypeVar("T")

#: The version of the TOML formats hubpartner reads (rule sets, thresholds, scoring
#: models and the packaged data); a document that gives another ``schema`` is refused.
SCHEMA_VERSION = 1


class Problems:
    """Collects every problem of a document (a TOML file read into a dict) instead of
    stopping at the first, each under its dotted key."""

    def __init__(self) -> None:
        self.found: list[RulesProblem] = []

    def add(self, key: str, message: str) -> None:
        """Note a problem of ``key``."""
        from .errors import RulesProblem  # made when a document first has a problem

        self.found.append(RulesProblem(key, message))

    def check(self, key: str, convert: Callable[[Any], Any], raw: Any) -> Any:
        """Return ``convert(raw)``, or None (noting why) if it is refused or absent."""
        if raw is None:
            return None
        try:
            return convert(raw)
        except (
            InvalidValueError,
            InvalidTypeError,
            UnknownCurrencyError,
            UnknownMarketError,
        ) as exc:
            self.add(key, _expected(exc.expected, exc.value))
            return None

    def schema(self, data: dict[str, Any], *, version: int = SCHEMA_VERSION) -> None:
        """Note a ``schema`` the document gives that is not ``version`` (a document
        that gives none is read as the current version)."""
        if "schema" not in data:
            return
        given = data["schema"]
        if isinstance(given, bool) or not isinstance(given, int) or given != version:
            self.add(
                "schema",
                message(
                    "expected {version}, the version of the format this hubpartner reads, "
                    "got {given}",
                    version=version,
                    given=shown(given),
                ),
            )

    def keys(
        self,
        table: dict[str, Any],
        *,
        required: Iterable[str],
        optional: Iterable[str] = (),
        within: str = "",
    ) -> None:
        """Note every key of ``table`` (the table ``within``, or the document) that is
        neither ``required`` nor ``optional``, and every ``required`` key it lacks."""
        needed = list(required)
        allowed = sorted({*needed, *optional})
        prefix = f"{within}." if within else ""
        for key in table:
            if key not in allowed:
                self.add(
                    f"{prefix}{as_written(key)}",
                    message("unknown key; expected one of {keys}", keys=", ".join(allowed)),
                )
        for key in needed:
            if key not in table:
                self.add(f"{prefix}{key}", message("missing"))

    def tables(
        self, data: dict[str, Any], layout: dict[str, tuple[str, ...]]
    ) -> dict[str, dict[str, Any]]:
        """The tables of a document made of the tables of ``layout`` (each with its
        keys) and a ``schema``, noting an unknown schema, every unknown or missing
        table and key, and a table that is not one (then read as empty)."""
        self.schema(data)
        self.keys(data, required=layout, optional=("schema",))
        found = {name: self.table(data, name) for name in layout}
        for name, keys in layout.items():
            if name in data:
                self.keys(found[name], required=keys, within=name)
        return found

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        """The table ``key`` of ``data`` (empty when it is absent), or an empty one,
        noting why, when ``key`` holds something else."""
        found = data.get(key, {})
        if not isinstance(found, dict):
            self.add(
                key,
                message("expected a table [{key}], got {found}", key=key, found=shown(found)),
            )
            return {}
        return found

    def build(self, make: Callable[[], T], *, within: str = "") -> T | None:
        """Return ``make()``, or None, noting why under the field the error names (in
        the table ``within``), if the value it builds from the document is refused."""
        try:
            return make()
        except (InvalidValueError, InvalidTypeError) as exc:
            key = f"{within}.{exc.field}" if within else exc.field
            self.add(key, _expected(exc.expected, exc.value))
            return None

    def raise_found(self, source: str, error: type[DataFileError] = RulesFileError) -> None:
        """Raise ``error`` naming ``source`` with every problem noted, if any."""
        if self.found:
            raise error(source, self.found)

    def in_file_order(self, data: dict[str, Any]) -> list[RulesProblem]:
        """The problems sorted by where their key stands in ``data``; missing keys
        last."""
        top = list(data)

        def position(problem: RulesProblem) -> tuple[int, int]:
            head, _, rest = problem.key.partition(".")
            if head not in data:
                return (len(top), 0)
            table = data[head]
            inner = list(table) if isinstance(table, dict) else []
            return (top.index(head), inner.index(rest) if rest in inner else len(inner))

        return sorted(self.found, key=position)


def _expected(expected: Message, value: Any) -> Message:
    """A problem of a document's key: what it expected, and what it got."""
    return message("expected {expected}, got {value}", expected=expected, value=shown(value))


def number(value: Any, *, field: str) -> Decimal | int:
    """Return ``value`` if it is a TOML number (an integer, or a decimal read as an
    exact ``Decimal``); a string, a boolean or anything else is refused, so that
    ``total = "100"`` is an error of its key rather than a number."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidTypeError(
            field, value, message("a TOML number such as 100 or 62.50, not a string")
        )
    return value


def parse_toml(text: str, *, source: str, error: type[DataFileError]) -> dict[str, Any]:
    """Return the TOML document ``text`` (fractional numbers as exact ``Decimal``);
    TOML that does not parse raises ``error`` naming ``source``."""
    import tomllib

    if not isinstance(text, str):
        raise InvalidTypeError("text", text, message("TOML text (a str)"))
    if not isinstance(source, str):
        raise InvalidTypeError(
            "source", source, message("the name of the text in messages (a str)")
        )

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        # Translators: {reason} is the TOML reader's own words, in English
        said = message("is not valid TOML: {reason}", reason=str(exc))
    except ValueError:  # an integer too long for int(), which tomllib lets through
        said = message("holds an integer too long to read")
    except RecursionError:
        said = message("nests arrays or tables too deeply to read")
    from .errors import FileProblem  # made when a document is first refused

    raise error(source, [FileProblem(said)]) from None


def packaged_text(name: str) -> str:
    """The text of ``data/<name>`` inside the package, read with importlib.resources
    so that a vendored or zipped copy works too."""
    from importlib import resources

    return resources.files(__package__).joinpath("data", name).read_text("utf-8")


def packaged_toml(name: str) -> dict[str, Any]:
    """The TOML document ``data/<name>`` inside the package."""
    return parse_toml(packaged_text(name), source=packaged_source(name), error=RulesFileError)


def packaged_source(name: str) -> str:
    """How messages name the packaged data file ``name``."""
    return f"hubpartner/data/{name}"


def packaged_names(prefix: str, suffix: str) -> list[str]:
    """The names of the packaged data files that start with ``prefix`` and end with
    ``suffix``, sorted."""
    from importlib import resources

    folder = resources.files(__package__).joinpath("data")
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(suffix)
    )
