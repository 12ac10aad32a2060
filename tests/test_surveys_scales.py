"""Survey answer scales: only valid scales can exist."""

import pytest

from hubpartner import surveys
from hubpartner.errors import InvalidTypeError, InvalidValueError


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
