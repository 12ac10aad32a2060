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
