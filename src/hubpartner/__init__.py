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
    "decimals",
    "errors",
    "markets",
    "points",
    "rules",
]


def __getattr__(name: str) -> str:
    # The installed distribution's version, read from its metadata only when asked
    # for, so that importing the package reads no files.
    if name == "__version__":
        from importlib.metadata import version

        return version("hubpartner")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
