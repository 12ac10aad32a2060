"""Every refusal of the survey API, and the remaining corners of its behaviour."""

import numbers
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner.errors import (
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    ResponsesFileError,
)
from hubpartner.surveys import CesTally, CsatTally, NpsTally, Scale, WeightedNpsTally


def test_scales_beyond_a_byte_are_counted_too():
    signed = Scale(-2, 2, (1, 2), name="-2..2")
    assert CesTally.from_scores([-2, 2, 2], scale=signed).mean == Fraction(2, 3)
    with pytest.raises(InvalidScoreError, match=r"scores\[1\]"):
        CesTally.from_scores([-2, 3], scale=signed)
    wide = Scale(1, 1000, (900, 1000))
    assert CsatTally.from_scores([1000, 1], scale=wide).score == 50


def test_out_of_byte_values_on_a_small_scale_are_reported_by_position():
    with pytest.raises(InvalidScoreError, match=r"scores\[2\]"):
        NpsTally.from_scores([1, 2, 300])
    with pytest.raises(InvalidScoreError, match=r"scores\[0\]"):
        NpsTally.from_scores([-5, 2])


def test_other_real_weights_are_taken_through_float():
    class Weight:
        def __init__(self, value):
            self.value = value

        def __float__(self):
            return self.value

    numbers.Real.register(Weight)
    tally = WeightedNpsTally.from_scores([10, 0], [Weight(0.5), Weight(0.25)])
    assert tally.total_weight == Fraction(3, 4)


def test_weighted_tallies_refuse_bad_fields_and_skip_excluded_answers():
    with pytest.raises(InvalidValueError):
        WeightedNpsTally(promoters=-1)
    with pytest.raises(InvalidTypeError):
        WeightedNpsTally(promoters=1.5)
    tally = WeightedNpsTally.from_scores([10, None], [1, 5], missing="exclude")
    assert (tally.n, tally.total_weight) == (1, 1)
    assert tally.__add__(1) is NotImplemented
    assert tally.margin_of_error(method="wald") == 0


def test_compare_refuses_what_is_not_an_nps_tally():
    with pytest.raises(InvalidTypeError, match="b"):
        surveys.compare(NpsTally(1), CsatTally.from_scores([5]))


def test_histogram_tallies_refuse_bad_counts_scales_and_answers():
    with pytest.raises(InvalidTypeError):
        CesTally(surveys.CES_7, "1234567")
    with pytest.raises(InvalidTypeError):
        CesTally(scale="CES")
    with pytest.raises(InvalidValueError):
        CesTally().count(8)
    assert CsatTally().__add__(NpsTally()) is NotImplemented


def test_responses_refuse_non_text_fields():
    with pytest.raises(InvalidTypeError):
        surveys.Response(date(2025, 1, 1), 9, comment=5)
    with pytest.raises(InvalidTypeError):
        surveys.Response("2025-01-01", 9)


def test_ranges_and_survey_rules_are_checked():
    with pytest.raises(InvalidValueError):
        surveys.Range(Fraction(2), Fraction(1))
    rules = surveys.survey_rules()
    with pytest.raises(InvalidValueError, match="company"):
        attrs.evolve(rules, nps_question="How likely?")
    with pytest.raises(InvalidValueError, match=r"0\.\.1"):
        attrs.evolve(rules, response_rate=surveys.Range(Fraction(0), Fraction(2)))
    assert rules.response_rate == surveys.Range(Fraction(1, 20), Fraction(3, 20))


def test_enums_repr_as_code():
    assert repr(surveys.Cadence.QUARTERLY) == "Cadence.QUARTERLY"
    assert repr(surveys.IntervalMethod.WALD) == "IntervalMethod.WALD"
    assert repr(surveys.Channel.WEB) == "Channel.WEB"
    assert repr(surveys.SurveyKind.CSAT) == "SurveyKind.CSAT"


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((datetime(2025, 1, 1), surveys.Cadence.QUARTERLY), {"count": 1}, InvalidTypeError),
        ((date(2025, 1, 1), 3), {"count": 1}, InvalidTypeError),
        ((date(2025, 1, 1), surveys.Cadence.QUARTERLY), {"until": "2026"}, InvalidTypeError),
    ],
)
def test_send_schedule_checks_its_arguments(args, kwargs, error):
    with pytest.raises(error):
        surveys.send_schedule(*args, **kwargs)


def test_a_schedule_until_a_date_includes_that_date():
    sends = surveys.send_schedule(
        date(2025, 1, 15), surveys.Cadence.SIX_MONTHS, until=date(2026, 1, 15)
    )
    assert [s.on for s in sends] == [date(2025, 1, 15), date(2025, 7, 15), date(2026, 1, 15)]
    assert sends[0].reminder is None
    assert surveys.send_schedule(
        date(2025, 1, 15),
        surveys.Cadence.TWELVE_MONTHS,
        count=1,
        reminder_after=timedelta(hours=36),
    )[0].reminder == date(2025, 1, 16)


def test_oversized_csv_fields_are_reported(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("at,score,comment\n2025-01-01,9," + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ResponsesFileError, match="not valid CSV"):
        surveys.read_responses(path)


def test_weights_in_files(tmp_path):
    path = tmp_path / "weights.csv"
    path.write_text("at,score,weight\n2025-01-01,9,1.5\n2025-01-02,0,0.5\n", encoding="utf-8")
    read = surveys.read_responses(path, weight_column="weight")
    (group,) = surveys.group(read.responses, kind="nps", by="all", weighted=True)
    assert group.tally.score == 50
    assert read.responses[0].weight == Decimal("1.5")


@st.composite
def scales_and_answers(draw):
    low = draw(st.integers(-300, 300))
    high = draw(st.integers(low + 1, low + 400))
    scale = Scale(low, high, (high, high))
    answers = draw(st.lists(st.integers(low - 3, high + 3), max_size=50))
    return scale, answers


@given(scales_and_answers())
def test_any_scale_refuses_exactly_the_answers_off_it(case):
    scale, answers = case
    outside = [i for i, a in enumerate(answers) if not scale.low <= a <= scale.high]
    if outside:
        with pytest.raises(InvalidScoreError) as caught:
            CsatTally.from_scores(answers, scale=scale)
        assert caught.value.position == outside[0]
    else:
        tally = CsatTally.from_scores(answers, scale=scale)
        for answer in range(scale.low, scale.high + 1):
            assert tally.count(answer) == answers.count(answer)
