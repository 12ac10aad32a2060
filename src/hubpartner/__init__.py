"""hubpartner: the HubSpot Solutions Partner Program as values and pure functions.

>>> from datetime import date
>>> from hubpartner import Money, Track, points, rules
>>> points.sold_points(
...     Money("1000", "USD"), track=Track.SOURCED, market="US",
...     rules=rules.for_date(date(2025, 8, 1)),
... )
Decimal('50')
"""

from __future__ import annotations

from . import decimals, errors, markets, points, rules
from .decimals import Rounding, RoundingPolicy
from .errors import HubPartnerError
from .money import Money
from .points import PointsEstimate
from .rules import ProgramRules, Track

__all__ = [
    "HubPartnerError",
    "Money",
    "PointsEstimate",
    "ProgramRules",
    "Rounding",
    "RoundingPolicy",
    "Track",
    "__version__",
    "clients",
    "decimals",
    "engagement",
    "errors",
    "ledger",
    "managed",
    "markets",
    "points",
    "reviews",
    "rules",
    "surveys",
    "tiers",
]


# Modules that ``import hubpartner`` does not load until first used, to keep the
# package's import time low; ``from hubpartner import reviews`` works as usual.
_ON_FIRST_USE = frozenset(
    {"clients", "engagement", "ledger", "managed", "reviews", "surveys", "tiers"}
)

#: The version of a copy that carries neither a build's version file nor installed
#: metadata (a vendored copy of the source tree, say).
_UNKNOWN_VERSION = "0+unknown"


def _find_version() -> str:
    # The version the build wrote into the package, then the installed
    # distribution's metadata — trusted only when this copy is the top-level
    # ``hubpartner`` package, not a copy vendored under another name.
    from importlib import import_module

    try:
        return str(import_module(f"{__name__}._version").__version__)
    except ImportError:
        pass
    if __name__ == "hubpartner":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("hubpartner")
        except PackageNotFoundError:
            pass
    return _UNKNOWN_VERSION


def __getattr__(name: str) -> object:
    # The version is looked up only when asked for, so that importing the package
    # reads no files.
    if name == "__version__":
        return _find_version()
    if name in _ON_FIRST_USE:
        from importlib import import_module

        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
