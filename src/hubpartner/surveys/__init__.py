"""Customer feedback surveys: NPS, CES and CSAT — exact, mergeable, honest.

Answers are first **counted** into a tally; every score and statistic is computed
from the counts. Tallies add, so segments, months or partitions of a large data set
can be counted separately (on one machine or in a map-reduce) and combined::

    >>> from hubpartner.surveys import NpsTally
    >>> march = NpsTally.from_scores([10, 9, 9, 8, 6, 3, 10])
    >>> april = NpsTally.from_counts(promoters=2, passives=1, detractors=1)
    >>> both = march + april
    >>> both
    NpsTally(promoters=6, passives=2, detractors=3)
    >>> both.score
    Fraction(300, 11)
    >>> both.rounded()
    Decimal('27')

Scores are exact (``Fraction``) and rounded only for presentation, by a named
policy. A tally with no answers has **no score**: asking for one raises
:class:`~hubpartner.errors.EmptyTallyError`, never returns 0. Statistics that need
a square root, the normal or Student's t distribution (standard errors, intervals, z,
p) are ``float``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names as type checkers and editors see them
    from .lifecycle import (
        Cadence,
        Channel,
        Range,
        Send,
        Survey,
        SurveyRules,
        accepts_responses,
        expected_responses,
        nps_question,
        response_rate,
        send_schedule,
        shows_web_survey,
        survey_rules,
        unpublish,
    )
    from .responses import (
        By as By,
    )
    from .responses import (
        Group,
        Groups,
        LatestNps,
        Period,
        Response,
        ResponsesFile,
        Trailing,
        group,
        latest_per_contact,
        read_responses,
    )
    from .scales import CES_5_EFFORT, CES_7, CSAT_5, NPS, NpsScale, Scale, SurveyKind
    from .stats import Interval, IntervalMethod, NpsComparison, compare, sample_size
    from .stats import MethodName as MethodName
    from .tally import AnyNps as AnyNps
    from .tally import AnyTally as AnyTally
    from .tally import CesTally, CsatTally, NpsTally, WeightedNpsTally
    from .tally import Missing as Missing

__all__ = [
    "CES_5_EFFORT",
    "CES_7",
    "CSAT_5",
    "NPS",
    "Cadence",
    "CesTally",
    "Channel",
    "CsatTally",
    "Group",
    "Groups",
    "Interval",
    "IntervalMethod",
    "LatestNps",
    "NpsComparison",
    "NpsScale",
    "NpsTally",
    "Period",
    "Range",
    "Response",
    "ResponsesFile",
    "Scale",
    "Send",
    "Survey",
    "SurveyKind",
    "SurveyRules",
    "Trailing",
    "WeightedNpsTally",
    "accepts_responses",
    "compare",
    "expected_responses",
    "group",
    "latest_per_contact",
    "nps_question",
    "read_responses",
    "response_rate",
    "sample_size",
    "send_schedule",
    "shows_web_survey",
    "survey_rules",
    "unpublish",
]


# Each public name with the module that defines it, imported when the name is first
# asked for: ``import hubpartner.surveys`` loads nothing else, and ``from
# hubpartner.surveys import NpsTally`` only what the tally needs.
_DEFINED_IN = MappingProxyType(
    {
        "AnyNps": "tally",
        "AnyTally": "tally",
        "By": "responses",
        "CES_5_EFFORT": "scales",
        "CES_7": "scales",
        "CSAT_5": "scales",
        "Cadence": "lifecycle",
        "CesTally": "tally",
        "Channel": "lifecycle",
        "CsatTally": "tally",
        "Group": "responses",
        "Groups": "responses",
        "Interval": "stats",
        "IntervalMethod": "stats",
        "LatestNps": "responses",
        "MethodName": "stats",
        "Missing": "tally",
        "NPS": "scales",
        "NpsComparison": "stats",
        "NpsScale": "scales",
        "NpsTally": "tally",
        "Period": "responses",
        "Range": "lifecycle",
        "Response": "responses",
        "ResponsesFile": "responses",
        "Scale": "scales",
        "Send": "lifecycle",
        "Survey": "lifecycle",
        "SurveyKind": "scales",
        "SurveyRules": "lifecycle",
        "Trailing": "responses",
        "WeightedNpsTally": "tally",
        "accepts_responses": "lifecycle",
        "compare": "stats",
        "expected_responses": "lifecycle",
        "group": "responses",
        "latest_per_contact": "responses",
        "nps_question": "lifecycle",
        "read_responses": "responses",
        "response_rate": "lifecycle",
        "sample_size": "stats",
        "send_schedule": "lifecycle",
        "shows_web_survey": "lifecycle",
        "survey_rules": "lifecycle",
        "unpublish": "lifecycle",
    }
)


# The modules of the package, which ``import hubpartner.surveys`` loaded before their
# names were looked up on first use.
_MODULES = frozenset(_DEFINED_IN.values())


def __getattr__(name: str) -> object:
    from importlib import import_module

    if name in _MODULES:
        return import_module(f".{name}", __name__)
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
