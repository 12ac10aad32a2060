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
_ON_FIRST_USE = frozenset({"clients", "engagement", "managed", "reviews", "surveys", "tiers"})


def __getattr__(name: str) -> object:
    # The installed distribution's version is read from its metadata only when
    # asked for, so that importing the package reads no files.
    if name == "__version__":
        from importlib.metadata import version

        return version("hubpartner")
    if name in _ON_FIRST_USE:
        from importlib import import_module

        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
