"""hubpartner: the HubSpot Solutions Partner Program as values and pure functions.

>>> from datetime import date
>>> from hubpartner import Money, Track, points, rules
>>> points.sold_points(
...     Money("1000", "USD"), track=Track.SOURCED, market="US",
...     rules=rules.for_date(date(2025, 8, 1)),
... )
Decimal('50')
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names as type checkers and editors see them
    from . import decimals, errors, markets, points, rules
    from .decimals import Rounding, RoundingPolicy
    from .errors import HubPartnerError
    from .money import Money
    from .points import PointsEstimate
    from .records import from_record, to_record, to_records
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
    "from_record",
    "ledger",
    "managed",
    "markets",
    "points",
    "reviews",
    "rules",
    "surveys",
    "tiers",
    "to_record",
    "to_records",
]


# The classes and functions the package re-exports, each with the module that defines
# it, imported when first asked for.
_DEFINED_IN = (
    ("HubPartnerError", "errors"),
    ("Money", "money"),
    ("PointsEstimate", "points"),
    ("ProgramRules", "rules"),
    ("Rounding", "decimals"),
    ("RoundingPolicy", "decimals"),
    ("Track", "rules"),
    ("from_record", "records"),
    ("to_record", "records"),
    ("to_records", "records"),
)

# Modules that ``import hubpartner`` does not load until first used, to keep the
# package's import time low (``import hubpartner.cli`` or ``import hubpartner.surveys``
# loads only what they need); ``from hubpartner import reviews`` works as usual.
_ON_FIRST_USE = frozenset(__all__) - {name for name, _ in _DEFINED_IN} - {"__version__"}

# Modules that ``import hubpartner`` loaded as a side effect before it loaded its names
# on first use, so that code which used them as attributes (``hubpartner.money``) finds
# them still.
_LOADED_BEFORE = frozenset({"messages", "money", "present", "records"})

#: The version of a copy that carries no version file from a build (a vendored copy
#: of the source tree, say).
_UNKNOWN_VERSION = "0+unknown"


def _find_version() -> str:
    # Every build (wheel, sdist, editable install) writes the version into the
    # package; a copy without that file (a vendored source tree) says so rather than
    # report the version of some other installed copy.
    from importlib import import_module

    try:
        return str(import_module(f"{__name__}._version").__version__)
    except ImportError:
        return _UNKNOWN_VERSION


def __getattr__(name: str) -> object:
    # The version is looked up only when asked for, so that importing the package
    # reads no files.
    if name == "__version__":
        return _find_version()
    from importlib import import_module

    if name in _ON_FIRST_USE or name in _LOADED_BEFORE:
        return import_module(f".{name}", __name__)
    for defined, module in _DEFINED_IN:
        if name == defined:
            return getattr(import_module(f".{module}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
