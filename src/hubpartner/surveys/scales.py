"""Answer scales of the three kinds of feedback survey.

The Net Promoter scale is 0-10 (detractors 0-6, passives 7-8, promoters 9-10).
HubSpot's CES scale is 1-7, "strongly disagree" to "strongly agree" that the company
made it easy; a CSAT scale's top box holds the satisfied answers. A scale has at most
1,000 answers, each an int below 10^15 in magnitude.

    >>> NPS.promoters_from, CES_7.top_box, CSAT_5.top_box
    (9, (5, 7), (4, 5))
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from .._checks import MAX_MAGNITUDE, MAX_SCALE_SIZE, NamedChoice, instance_of, is_flag, to_tuple
from ..errors import InvalidTypeError, InvalidValueError
from ..messages import message

__all__ = ["CES_5_EFFORT", "CES_7", "CSAT_5", "NPS", "NpsScale", "Scale", "SurveyKind"]


class SurveyKind(NamedChoice):
    """The three kinds of customer feedback survey."""

    FIELD = enum.nonmember("kind")

    NPS = "nps"
    CES = "ces"
    CSAT = "csat"


def _whole(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(attribute.name, value, message("an int"))
    if abs(value) >= MAX_MAGNITUDE:
        raise InvalidValueError(attribute.name, value, message("an int below 10^15 in magnitude"))


def _size(low: int, high: int) -> None:
    """Refuse a scale ``low``..``high`` of more than
    :data:`~hubpartner._checks.MAX_SCALE_SIZE` answers."""
    if high - low + 1 > MAX_SCALE_SIZE:
        raise InvalidValueError(
            "high",
            high,
            message(
                "at most {highest}: a scale has at most {size} answers",
                highest=low + MAX_SCALE_SIZE - 1,
                size=MAX_SCALE_SIZE,
            ),
        )


def _pair(_: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if len(value) != 2:
        raise InvalidValueError(attribute.name, value, message("a (first, last) pair of answers"))
    for answer in value:
        _whole(_, attribute, answer)


@attrs.frozen
class NpsScale:
    """The Net Promoter scale: answers ``low``..``high`` split into three categories.

    The standard scale (:data:`NPS`) is 0-10 with detractors 0-6, passives 7-8 and
    promoters 9-10.
    """

    low: int = attrs.field(default=0, validator=_whole)
    high: int = attrs.field(default=10, validator=_whole)
    detractors_up_to: int = attrs.field(default=6, validator=_whole)
    promoters_from: int = attrs.field(default=9, validator=_whole)

    def __attrs_post_init__(self) -> None:
        _size(self.low, self.high)
        expected = message("low <= detractors_up_to < promoters_from <= high")
        for field, ordered in (
            ("detractors_up_to", self.low <= self.detractors_up_to),
            ("promoters_from", self.detractors_up_to < self.promoters_from),
            ("high", self.promoters_from <= self.high),
        ):
            if not ordered:
                raise InvalidValueError(field, getattr(self, field), expected)


#: The standard 0-10 Net Promoter scale.
NPS = NpsScale()


@attrs.frozen
class Scale:
    """An answer scale ``low``..``high`` with a direction and a top box.

    ``higher_is_better`` says which end is good; ``top_box`` is the inclusive range
    of good answers: "agree" on HubSpot's CES scale, "satisfied" on a CSAT scale.
    """

    low: int = attrs.field(validator=_whole)
    high: int = attrs.field(validator=_whole)
    top_box: tuple[int, int] = attrs.field(converter=to_tuple, validator=_pair)
    higher_is_better: bool = attrs.field(default=True, validator=is_flag)
    name: str = attrs.field(default="", validator=instance_of(str, message("a str")))

    def __attrs_post_init__(self) -> None:
        if not self.low < self.high:
            raise InvalidValueError(
                "high", self.high, message("a number above low ({low})", low=self.low)
            )
        _size(self.low, self.high)
        first, last = self.top_box
        if not self.low <= first <= last <= self.high:
            raise InvalidValueError(
                "top_box",
                self.top_box,
                message("a range within {low}..{high}", low=self.low, high=self.high),
            )
        good_end = self.high if self.higher_is_better else self.low
        if good_end not in (first, last):
            raise InvalidValueError(
                "top_box",
                self.top_box,
                message("a range that includes the good end ({end})", end=good_end),
            )

    @property
    def size(self) -> int:
        """How many answers the scale has."""
        return self.high - self.low + 1

    def __contains__(self, answer: object) -> bool:
        return isinstance(answer, int) and self.low <= answer <= self.high


# The names of the built-in scales are messages, said in the reader's language; a
# scale of your own has the name you give it.

#: HubSpot's CES scale: 1-7, strongly disagree to strongly agree that the company
#: made it easy; higher means less effort, and 5-7 agree.
# Translators: the name of HubSpot's 7-point Customer Effort Score
# scale, from "strongly disagree" to "strongly agree".
CES_7 = Scale(1, 7, (5, 7), True, message("CES 1-7 agree scale"))
#: A CES "effort" scale: 1 (very low effort) to 5 (very high effort); 1-2 are low.
# Translators: the name of a 5-point scale of customer effort, from
# very low to very high.
CES_5_EFFORT = Scale(1, 5, (1, 2), False, message("CES 1-5 effort scale"))
#: A CSAT scale: 1 (very unsatisfied) to 5 (very satisfied); 4-5 are satisfied.
# Translators: the name of a 5-point customer satisfaction scale.
CSAT_5 = Scale(1, 5, (4, 5), True, message("CSAT 1-5 scale"))


def scale_for(kind: SurveyKind, scale: Scale | NpsScale | None) -> Scale | NpsScale:
    """``scale``, or the default scale of ``kind`` (NPS 0-10, CES 1-7, CSAT 1-5)."""
    if scale is not None:
        return scale
    defaults: dict[SurveyKind, Scale | NpsScale] = {
        SurveyKind.NPS: NPS,
        SurveyKind.CES: CES_7,
        SurveyKind.CSAT: CSAT_5,
    }
    return defaults[kind]
