"""Survey answer scales: only valid scales can exist."""

import pytest

from hubpartner import surveys
from hubpartner.errors import InvalidTypeError, InvalidValueError

from .refusals import refused


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"low": 5, "high": 1, "top_box": (1, 1)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": (2, 3)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": (4, 6)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": (4, 5), "higher_is_better": 1}, InvalidTypeError),
        ({"low": 1.0, "high": 5, "top_box": (4, 5)}, InvalidTypeError),
        ({"low": 1, "high": 5, "top_box": (4, True)}, InvalidTypeError),
        ({"low": 1, "high": 5, "top_box": (3, 4, 5)}, InvalidValueError),
        ({"low": 1, "high": 5, "top_box": 5}, InvalidTypeError),
    ],
)
def test_invalid_scales_cannot_exist(kwargs, error):
    with pytest.raises(error):
        surveys.Scale(**kwargs)


def test_invalid_nps_scales_cannot_exist():
    with pytest.raises(InvalidValueError):
        surveys.NpsScale(detractors_up_to=9, promoters_from=9)


# -- what each refusal names (mutation testing, docs/testing.md) ----------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "field", "value", "expected"),
    [
        ({"low": 1.0, "high": 5, "top_box": (4, 5)}, InvalidTypeError, "low", 1.0, "an int"),
        ({"low": 1, "high": "5", "top_box": (4, 5)}, InvalidTypeError, "high", "5", "an int"),
        ({"low": 1, "high": 5, "top_box": (4, 5.0)}, InvalidTypeError, "top_box", 5.0, "an int"),
        (
            {"low": 1, "high": 5, "top_box": (3, 4, 5)},
            InvalidValueError,
            "top_box",
            (3, 4, 5),
            "a (first, last) pair of answers",
        ),
        (
            {"low": 3, "high": 3, "top_box": (3, 3)},
            InvalidValueError,
            "high",
            3,
            "a number above low (3)",
        ),
        (
            {"low": 1, "high": 5, "top_box": (0, 5)},
            InvalidValueError,
            "top_box",
            (0, 5),
            "a range within 1..5",
        ),
        (
            {"low": 1, "high": 5, "top_box": (1, 2)},
            InvalidValueError,
            "top_box",
            (1, 2),
            "a range that includes the good end (5)",
        ),
        (
            {"low": 1, "high": 5, "top_box": (4, 5), "higher_is_better": False},
            InvalidValueError,
            "top_box",
            (4, 5),
            "a range that includes the good end (1)",
        ),
    ],
)
def test_a_refused_scale_names_the_field_and_the_value(kwargs, error, field, value, expected):
    with refused(error, field, value, expected):
        surveys.Scale(**kwargs)


def test_a_scale_whose_top_box_starts_or_ends_at_its_ends_exists():
    effort = surveys.Scale(1, 5, (1, 2), False, "CES 1-5 effort scale")
    assert effort == surveys.CES_5_EFFORT
    assert surveys.Scale(1, 5, (4, 5), True, "CSAT 1-5 scale") == surveys.CSAT_5
    assert surveys.Scale(0, 1, (0, 1)).size == 2


def test_nps_scales_may_put_each_category_at_an_end_of_the_scale():
    tight = surveys.NpsScale(low=0, high=2, detractors_up_to=0, promoters_from=2)
    assert (tight.low, tight.detractors_up_to, tight.promoters_from, tight.high) == (0, 0, 2, 2)
    assert surveys.NpsScale(low=0, high=1, detractors_up_to=0, promoters_from=1).high == 1


@pytest.mark.parametrize(
    ("kwargs", "field", "value"),
    [
        ({"detractors_up_to": 9, "promoters_from": 9}, "promoters_from", 9),
        ({"low": 1, "detractors_up_to": 0}, "detractors_up_to", 0),
        ({"promoters_from": 11}, "high", 10),
    ],
)
def test_a_refused_nps_scale_names_the_bound_out_of_order(kwargs, field, value):
    with refused(
        InvalidValueError, field, value, "low <= detractors_up_to < promoters_from <= high"
    ):
        surveys.NpsScale(**kwargs)


def test_a_scale_holds_at_most_a_thousand_answers():
    assert surveys.Scale(1, 1000, (999, 1000)).size == 1000
    expected = "at most 1,000: a scale has at most 1,000 answers"
    with refused(InvalidValueError, "high", 1001, expected):
        surveys.Scale(1, 1001, (1000, 1001))


def test_the_ends_of_a_scale_lie_below_10_to_the_15():
    expected = "an int below 10^15 in magnitude"
    with refused(InvalidValueError, "low", -(10**15), expected):
        surveys.Scale(-(10**15), 1, (0, 1))
    below = 10**15 - 1
    assert surveys.Scale(below - 1, below, (below, below)).high == below
