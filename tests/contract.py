"""The API contract: every public callable, called with hostile arguments (no tests here).

:func:`targets` lists every public callable named in ``__all__`` of the modules in
:data:`MODULES` — functions, the constructors of classes and enums, and the public
methods of the value classes — with their parameters. :func:`run` calls one of them
with valid arguments (from ``tests/contract_examples.py``), then with each
:data:`HOSTILE` value in place of one parameter at a time, each call under a time
limit, and returns what went wrong:

- an exception that is not a :class:`~hubpartner.errors.HubPartnerError` (or one
  that is not also a ``ValueError``, ``TypeError``, ``LookupError`` or
  ``PermissionError``, or whose message cannot be shown);
- an argument error whose ``field`` does not name the parameter (or a dotted or
  indexed path that starts with it);
- a call that runs past the time limit;
- a hostile value accepted by a parameter that must refuse it (:func:`strict`): a
  value of a kind that its valid example is not, such as a ``str`` for a date or a
  ``bool`` for a count.

``tests/test_contract.py`` runs it for every target; ``tests/benchmarks/
contract_counts.py`` prints the counts for a whole walk.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
import signal
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

import attrs

from hubpartner import Money
from hubpartner.errors import DataFileError, HubPartnerError

from .contract_examples import (
    BY_ANNOTATION,
    BY_NAME,
    DAY,
    INSTANCES,
    OVERRIDES,
)

#: The modules whose ``__all__`` the contract covers (``errors`` is a catalogue of
#: errors, and the command line is tested through its own tests).
MODULES = (
    "hubpartner",
    "hubpartner.decimals",
    "hubpartner.money",
    "hubpartner.markets",
    "hubpartner.rules",
    "hubpartner.points",
    "hubpartner.engagement",
    "hubpartner.clients",
    "hubpartner.reviews",
    "hubpartner.managed",
    "hubpartner.ledger",
    "hubpartner.tiers",
    "hubpartner.surveys",
    "hubpartner.surveys.scales",
    "hubpartner.surveys.tally",
    "hubpartner.surveys.stats",
    "hubpartner.surveys.responses",
    "hubpartner.surveys.lifecycle",
    "hubpartner.frames",
    "hubpartner.plots",
    "hubpartner.dask",
    "hubpartner._prices",
    "hubpartner.plan",
)

#: Seconds one call may take.
TIME_LIMIT = 2.0

# -- hostile values --------------------------------------------------------------------------


class Hostile(NamedTuple):
    """A hostile value, by name; ``make`` builds it from the parameter's valid example."""

    name: str
    make: Callable[[Any], Any]


def _wrong_object(valid: Any) -> Any:
    """A value object of another kind: a date where a Money is expected, else a Money."""
    return DAY if isinstance(valid, Money) else Money("1", "USD")


class Stranger(enum.Enum):
    """An enum no hubpartner function takes, whose member's value is one they do."""

    LOW = "low"


def _wrong_enum(valid: Any) -> Any:
    """A member of an enum no parameter takes (with a value some do take)."""
    return Stranger.LOW


_HUGE = 10**4999 + 1  # 5,000 digits: Python refuses to print it (more than 4,300 digits)

HOSTILE: tuple[Hostile, ...] = (
    Hostile("None", lambda valid: None),
    Hostile("empty str", lambda valid: ""),
    Hostile("str 'x'", lambda valid: "x"),
    Hostile("10,000-char str", lambda valid: "x" * 10_000),
    Hostile("float 0.5", lambda valid: 0.5),
    Hostile("float nan", lambda valid: float("nan")),
    Hostile("float inf", lambda valid: float("inf")),
    Hostile("True", lambda valid: True),
    Hostile("-1", lambda valid: -1),
    Hostile("10**100", lambda valid: 10**100),
    Hostile("5,000-digit int", lambda valid: _HUGE),
    Hostile("object()", lambda valid: object()),
    Hostile("wrong value object", _wrong_object),
    Hostile("wrong enum member", _wrong_enum),
    Hostile("a list of the valid value", lambda valid: [valid]),
    Hostile("a list of object()", lambda valid: [object()]),
    Hostile("Decimal NaN", lambda valid: Decimal("NaN")),
    Hostile("Decimal sNaN", lambda valid: Decimal("sNaN")),
    Hostile("Decimal 1e999999999", lambda valid: Decimal("1e999999999")),
    Hostile("aware datetime", lambda valid: datetime(2025, 8, 1, tzinfo=UTC)),
)

_NUMBERS = (int, float, Decimal, Fraction)
_ALWAYS_REFUSED = frozenset(
    {"object()", "wrong value object", "wrong enum member", "a list of object()"}
)

#: Parameters that take any object and only show it in messages.
ANY_VALUE = frozenset(
    {
        "field",  # names the caller's field in an error message
    }
)

#: Parameters for which None is a valid value though their default is not None.
NONE_IS_VALID = frozenset(
    {
        "responses.Response:score",  # no answer
    }
)

#: (parameter, hostile value) pairs a parameter legitimately takes, though they look
#: hostile by their type.
ALSO_VALID = frozenset(
    {
        ("responses.Response:score", "float nan"),  # NaN is no answer, like None
        ("responses.Response:score", "Decimal NaN"),
        ("responses.Response:score", "Decimal sNaN"),
        ("responses.Response:weight", "float 0.5"),  # weights take floats, exactly
    }
)

#: Errors that may name another field than the parameter given a hostile value, when
#: the value is refused for not agreeing with another (an inconsistent combination):
#: ``"module.qualname:parameter"`` to the other field.
AGREES_WITH = {
    "lifecycle.Survey:published": "unpublished",  # both naive, or both time zone-aware
    "points.PointsEstimate:sold": "total",  # total = sold + managed
    "points.PointsEstimate:managed": "total",
    "reviews.CategorySummary:count": "distribution",  # counts add up to count …
    "reviews.CategorySummary:total_stars": "distribution",  # … and stars to total_stars
    "reviews.DirectoryProfile:partner": "reviews[0].partner",  # its reviews' partner
    "reviews.RatingScale:low": "high",  # low < high
    "reviews.Report:decided_at": "status",  # decided with both, or open with neither
    "reviews.Report:decided_by": "status",
    "reviews.Summary:count": "distribution",
    "reviews.Summary:total_stars": "distribution",
    "scales.NpsScale:low": "detractors_up_to",  # low <= detractors_up_to < promoters_from
    "scales.NpsScale:detractors_up_to": "promoters_from",  # <= high
    "scales.NpsScale:promoters_from": "high",
    "scales.Scale:low": "high",  # low < high, and the top box within them
    "scales.Scale:high": "top_box",
    "stats.Interval:low": "high",  # low <= high
    "tally.WeightedNpsTally.from_scores:scores": "weights",  # one weight per answer
    "tally.WeightedNpsTally:promoters": "sum_of_squares",  # Σw² <= (Σw)² <= answers x Σw²
    "tally.WeightedNpsTally:passives": "sum_of_squares",
    "tally.WeightedNpsTally:detractors": "sum_of_squares",
}


def strict(
    target: str, parameter: inspect.Parameter, annotation: str, valid: Any, hostile: str
) -> bool:
    """Whether ``parameter`` of ``target`` (declared ``annotation``) must refuse the
    ``hostile`` value: it is of a kind that its valid example (and default) is not."""
    key = f"{target}:{parameter.name}"
    if parameter.name in ANY_VALUE or (key, hostile) in ALSO_VALID:
        return False
    if hostile in _ALWAYS_REFUSED:
        return True
    kinds = [value for value in (valid, parameter.default) if value is not inspect.Parameter.empty]
    declared = set(re.findall(r"\w+", annotation))
    if hostile == "None":
        return (
            key not in NONE_IS_VALID
            and "None" not in declared
            and all(value is not None for value in kinds)
        )
    if hostile in ("empty str", "str 'x'", "10,000-char str"):
        return "str" not in declared and not any(isinstance(value, str) for value in kinds)
    if hostile == "True":
        return not any(isinstance(value, bool) for value in kinds)
    numbers = bool(declared & {"int", "float", "Decimal", "Fraction"}) or any(
        isinstance(value, _NUMBERS) and not isinstance(value, bool) for value in kinds
    )
    if hostile in ("float 0.5", "float nan", "float inf"):
        return not any(isinstance(value, float) for value in kinds) and not (
            numbers and hostile == "float 0.5" and _takes_float(target)
        )
    if hostile in ("-1", "10**100", "5,000-digit int", "Decimal 1e999999999"):
        return not numbers
    if hostile in ("Decimal NaN", "Decimal sNaN"):
        return True
    if hostile == "a list of the valid value":
        return not any(_is_collection(value) for value in kinds)
    if hostile == "aware datetime":
        return not any(isinstance(value, datetime) for value in kinds)
    raise AssertionError(f"no rule for the hostile value {hostile!r}")


def _takes_float(target: str) -> bool:
    """Statistics take floats wherever they take numbers."""
    return target.startswith(("stats.", "tally."))


def _is_collection(value: Any) -> bool:
    return isinstance(value, list | tuple | set | frozenset | dict) or (
        hasattr(value, "__iter__") and not isinstance(value, str | bytes | enum.Enum)
    )


# -- the public callables ----------------------------------------------------------------------


class Target(NamedTuple):
    """A public callable: its name, the callable, and its parameters."""

    name: str
    call: Callable[..., Any]
    parameters: tuple[inspect.Parameter, ...]
    is_enum: bool

    def example(self, parameter: inspect.Parameter) -> Callable[[], Any] | None:
        """The factory of a valid value of ``parameter``, or None if it has none."""
        key = f"{self.name}:{parameter.name}"
        if key in OVERRIDES:
            return OVERRIDES[key]
        if inspect.isclass(self.call) and attrs.has(self.call):
            instance = INSTANCES[self.call]()
            field = {f.alias: f.name for f in attrs.fields(self.call)}[parameter.name]
            value = getattr(instance, field)
            return lambda: value
        if inspect.isclass(self.call) and hasattr(self.call, "_fields"):  # a NamedTuple
            value = getattr(INSTANCES[self.call](), parameter.name)
            return lambda: value
        owner = getattr(self.call, "__self__", None)
        if self.is_enum or (
            parameter.name == "value" and inspect.isclass(owner) and issubclass(owner, enum.Enum)
        ):
            first = next(iter(owner if owner is not None else self.call))
            return lambda: first.value
        annotation = str(parameter.annotation)
        if annotation in BY_ANNOTATION:
            return BY_ANNOTATION[annotation]
        return BY_NAME.get(parameter.name)

    def named_field(self, parameter: str) -> str | None:
        """The field an argument error about ``parameter`` must name: the parameter,
        or for the value a ``field=`` argument names, what that says (None: not
        checked, for an enum, which names the field it is usually given for, and for
        ``field`` itself)."""
        if self.is_enum or parameter in ANY_VALUE:
            return None
        for item in self.parameters:
            if item.name == "field" and parameter == self.parameters[0].name:
                given = item.default is inspect.Parameter.empty
                return str(BY_NAME["field"]() if given else item.default)
        return parameter

    def annotation(self, parameter: inspect.Parameter) -> str:
        """The type ``parameter`` is declared with (a value class's field's own)."""
        if inspect.isclass(self.call) and attrs.has(self.call):
            for field in attrs.fields(self.call):
                if field.alias == parameter.name:
                    return str(field.type)
        return str(parameter.annotation)


def _name(item: Any) -> str:
    return f"{item.__module__.rsplit('.', 1)[-1]}.{item.__qualname__}"


def _instance(kind: type) -> Any:
    if issubclass(kind, enum.Enum):
        return next(iter(kind))
    return INSTANCES[kind]()


def _public(module: str) -> Iterator[Any]:
    found = importlib.import_module(module)
    for name in found.__all__:
        item = getattr(found, name)
        if inspect.ismodule(item) or not callable(item):
            continue
        if not getattr(item, "__module__", "").startswith("hubpartner"):
            continue  # a type alias such as By
        if inspect.isclass(item) and issubclass(item, HubPartnerError):
            continue  # the errors are a catalogue of their own
        yield item


def _methods(kind: type) -> Iterator[tuple[str, Any]]:
    """The public methods of ``kind`` defined in hubpartner (its own and inherited)."""
    seen: set[str] = set()
    for klass in kind.__mro__:
        if not klass.__module__.startswith("hubpartner"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            if isinstance(value, classmethod | staticmethod) or inspect.isfunction(value):
                seen.add(name)
                yield name, value


def _parameters(call: Callable[..., Any], is_enum: bool) -> tuple[inspect.Parameter, ...]:
    if is_enum:  # Track("sourced"), not the functional API of Enum
        return (inspect.Parameter("value", inspect.Parameter.POSITIONAL_ONLY),)
    return tuple(
        p
        for p in inspect.signature(call).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )


def targets() -> list[Target]:
    """Every public callable of :data:`MODULES`, each once."""
    found: list[Target] = []
    seen: set[int] = set()
    for module in MODULES:
        for item in _public(module):
            if id(item) in seen:
                continue
            seen.add(id(item))
            is_enum = inspect.isclass(item) and issubclass(item, enum.Enum)
            found.append(Target(_name(item), item, _parameters(item, is_enum), is_enum))
            if not inspect.isclass(item):
                continue
            for method, raw in _methods(item):
                name = f"{_name(item)}.{method}"
                bound = getattr(
                    item if isinstance(raw, classmethod | staticmethod) else _instance(item),
                    method,
                )
                found.append(Target(name, bound, _parameters(bound, False), False))
    return found


# -- calling ----------------------------------------------------------------------------------


class CallTimeout(BaseException):
    """Raised in a call that runs past the time limit (a BaseException, so that no
    ``except Exception`` in the library can swallow it)."""


class Report(NamedTuple):
    """What one target's calls found: how many calls, and each problem in words."""

    calls: int
    foreign: int
    hangs: int
    problems: tuple[str, ...]


_BUILTINS = (ValueError, TypeError, LookupError, PermissionError)


def _timed(call: Callable[[], Any], limit: float) -> tuple[Any, BaseException | None, float]:
    """Run ``call`` under a SIGALRM time limit: its result, its exception, its time."""

    def expire(signum: int, frame: Any) -> None:
        raise CallTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        return call(), None, time.perf_counter() - start
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return None, exc, time.perf_counter() - start
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _invoke(target: Target, arguments: dict[str, Any]) -> Any:
    positional = [
        arguments[p.name]
        for p in target.parameters
        if p.kind is p.POSITIONAL_ONLY and p.name in arguments
    ]
    named = {
        name: value
        for name, value in arguments.items()
        if name not in {p.name for p in target.parameters if p.kind is p.POSITIONAL_ONLY}
    }
    return target.call(*positional, **named)


def _factories(target: Target) -> dict[str, Callable[[], Any]]:
    """A factory of a valid value for every required parameter, and for the optional
    ones an override gives (all of a value class's fields, from its valid instance)."""
    factories = {}
    whole = inspect.isclass(target.call) and not target.is_enum
    for parameter in target.parameters:
        if (
            whole
            or parameter.default is inspect.Parameter.empty
            or f"{target.name}:{parameter.name}" in OVERRIDES
        ):
            factory = target.example(parameter)
            assert factory is not None, f"{target.name}: no example for {parameter.name!r}"
            factories[parameter.name] = factory
    return factories


def _field_named(error: HubPartnerError, expected: str) -> bool:
    field = getattr(error, "field", expected)
    return isinstance(field, str) and (
        field == expected or field.startswith((f"{expected}.", f"{expected}["))
    )


def _judge(
    target: Target,
    parameter: str,
    label: str,
    must_refuse: bool,
    outcome: tuple[Any, BaseException | None, float],
    limit: float,
) -> tuple[str | None, str]:
    """The problem with one call's outcome (or None), and its kind."""
    _, error, seconds = outcome
    where = f"{target.name}({parameter}={label})"
    if isinstance(error, CallTimeout) or seconds > limit:
        return f"{where}: ran {seconds:.1f} s, past the limit of {limit} s", "hang"
    if error is None:
        if must_refuse:
            return f"{where}: accepted", "accepted"
        return None, ""
    if not isinstance(error, HubPartnerError):
        return f"{where}: {type(error).__name__}: {_shown(error)}", "foreign"
    if not isinstance(error, _BUILTINS):
        return f"{where}: {type(error).__name__} is no ValueError, TypeError …", "foreign"
    try:
        str(error), repr(error)
    except Exception as exc:
        return f"{where}: the message of {type(error).__name__} fails: {exc!r}", "foreign"
    named = target.named_field(parameter)
    agreed = AGREES_WITH.get(f"{target.name}:{parameter}")
    if (
        named is not None
        and not isinstance(error, DataFileError)
        and not _field_named(error, named)
        and not (agreed is not None and _field_named(error, agreed))
    ):
        field = getattr(error, "field", None)
        return f"{where}: {type(error).__name__} names field {field!r}, not {named!r}", "field"
    return None, ""


def _shown(error: BaseException) -> str:
    try:
        return str(error)[:200]
    except Exception:
        return "<a message that cannot be shown>"


def run(
    target: Target, *, limit: float = TIME_LIMIT, hostile: tuple[Hostile, ...] = HOSTILE
) -> Report:
    """Call ``target`` with valid arguments, then with each ``hostile`` value in place
    of one parameter at a time; every call under ``limit`` seconds."""
    problems: list[str] = []
    foreign = hangs = calls = 0
    factories = _factories(target)

    def valid() -> dict[str, Any]:
        return {name: factory() for name, factory in factories.items()}

    arguments = valid()
    outcome = _timed(lambda: _invoke(target, arguments), limit)
    calls += 1
    if outcome[1] is not None:
        problems.append(f"{target.name}: the valid call raised {outcome[1]!r}")
    for parameter in target.parameters:
        factory = target.example(parameter)
        example = factory() if factory is not None else parameter.default
        for item in hostile:
            if item.name == "None" and parameter.default is None:
                continue  # None is the parameter's own default
            value = item.make(example)
            arguments = {**valid(), parameter.name: value}
            must_refuse = strict(
                target.name, parameter, target.annotation(parameter), example, item.name
            )
            outcome = _timed(lambda arguments=arguments: _invoke(target, arguments), limit)
            calls += 1
            problem, kind = _judge(target, parameter.name, item.name, must_refuse, outcome, limit)
            if problem is not None:
                problems.append(problem)
                foreign += kind == "foreign"
                hangs += kind == "hang"
    return Report(calls, foreign, hangs, tuple(problems))
