"""Records: the number rule, a record for every result, inputs built back exactly, and
the JSON Schema that describes them."""

from __future__ import annotations

import decimal
import enum
import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hubpartner
from hubpartner import Money, Track, records
from hubpartner.errors import (
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    RecordError,
)
from hubpartner.ledger import PointsHeld
from hubpartner.records import (
    PLACES,
    SCHEMA_VERSION,
    from_record,
    input_types,
    plain,
    record_types,
    to_record,
    to_records,
)
from hubpartner.surveys import (
    CES_7,
    CesTally,
    CsatTally,
    NpsTally,
    Response,
    WeightedNpsTally,
)
from hubpartner.tiers import EliteRequirements, Thresholds, Tier, TierRequirement

from . import contract_examples as examples
from .records_schema import SCHEMA_FILE, errors, make_schema, schema_text
from .strategies import amounts, money, nps_tallies, scale_answers, scales

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def floats_outside_companions(data: Any, key: str = "") -> list[str]:
    """The keys under which ``data`` holds a float that is not a *_float companion."""
    if isinstance(data, float):
        return [] if key.endswith("_float") else [key]
    if isinstance(data, dict):
        return [found for k, v in data.items() for found in floats_outside_companions(v, k)]
    if isinstance(data, list):
        return [found for item in data for found in floats_outside_companions(item, key)]
    return []


def through_json(record: dict[str, Any]) -> Any:
    return json.loads(json.dumps(record))


# -- MissingExtraError ------------------------------------------------------------------------


def test_a_missing_extra_is_an_import_error_that_says_what_to_install():
    error = MissingExtraError("pandas", "pandas", "hubpartner.frames.to_frame")
    assert isinstance(error, ImportError)
    assert isinstance(error, HubPartnerError)
    assert (error.extra, error.package, error.name) == ("pandas", "pandas", "pandas")
    assert str(error) == (
        "hubpartner.frames.to_frame needs pandas, which is not installed: "
        "pip install 'hubpartner[pandas]'"
    )
    bare = MissingExtraError("plot", "matplotlib")
    assert str(bare) == (
        "matplotlib is needed and is not installed: pip install 'hubpartner[plot]'"
    )
    assert "pip install 'hubpartner[plot]'" in bare.say("sv")


# -- the number rule --------------------------------------------------------------------------


@given(
    st.integers(min_value=-10, max_value=15).flatmap(
        lambda exponent: st.integers(min_value=1, max_value=9_999).map(
            lambda digits: Decimal(digits).scaleb(exponent - 3)
        )
    ),
    st.booleans(),
)
def test_a_decimal_is_a_string_in_plain_notation_from_1e_10_to_1e15(value, negative):
    value = -value if negative else value
    text = plain(value)
    assert isinstance(text, str)
    assert "E" not in text.upper()
    assert Decimal(text) == value
    # exact: the places the value has are kept (trailing zeros too)
    assert Decimal(text).as_tuple().exponent == min(value.as_tuple().exponent, 0)


def test_a_decimal_keeps_its_places_and_loses_its_exponent():
    assert plain(Decimal("62.50")) == "62.50"
    assert plain(Decimal("6.25E+1")) == "62.5"
    assert plain(Decimal("1E-10")) == "0.0000000001"
    assert plain(Decimal("1E+15")) == "1000000000000000"


@given(st.fractions(max_denominator=10**6))
def test_a_fraction_is_its_exact_string(value):
    text = plain(value)
    assert Fraction(text) == value
    assert ("/" in text) == (value.denominator != 1)


def test_a_whole_fraction_is_written_as_a_whole_number():
    assert (plain(Fraction(2, 3)), plain(Fraction(6, 2))) == ("2/3", "3")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_a_float_is_a_decimal_string_rounded_to_the_documented_places(value):
    text = plain(value)
    assert "E" not in text.upper()
    assert not text.endswith(".")
    assert "." not in text or not text.endswith("0")
    assert abs(Decimal(text) - Decimal(value)) <= Decimal(1).scaleb(-PLACES) / 2
    assert len(text.partition(".")[2]) <= PLACES


def test_float_examples_round_half_even_and_never_write_minus_zero():
    assert plain(0.1234567891) == "0.123457"
    assert plain(2.5) == "2.5"
    assert plain(-0.0000001) == "0"
    assert plain(100.0) == "100"


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), -float("inf"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_nan_and_infinities_are_not_numbers(value):
    with pytest.raises(InvalidValueError, match=r"interval\.low"):
        plain(value, field="interval.low")


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1e999999999"),
        Decimal("0E-999999999"),
        Decimal("1").scaleb(-records.MAX_DIGITS),
        10**5000,
        -(10**records.MAX_DIGITS),
        Fraction(10**5000, 3),
        Fraction(1, 10**5000),
    ],
    ids=[
        "huge",
        "zero with places",
        "tiny",
        "long int",
        "negative int",
        "numerator",
        "denominator",
    ],
)
def test_a_number_too_long_to_write_is_refused_quickly(value):
    with pytest.raises(InvalidValueError, match="at most 1,000 digits"):
        plain(value, field="cell")


def test_the_longest_numbers_are_written():
    assert plain(Decimal("1").scaleb(-(records.MAX_DIGITS - 1))).endswith("1")
    assert plain(10**records.MAX_DIGITS - 1) == 10**records.MAX_DIGITS - 1
    assert plain(-(10**records.MAX_DIGITS) + 1) == -(10**records.MAX_DIGITS) + 1


class Colour(enum.Enum):
    RED = "red"


def test_the_other_kinds_of_value():
    assert plain(True) is True
    assert plain(False) is False
    assert plain(3) == 3
    assert type(plain(3)) is int
    assert plain(None) is None
    assert plain(Track.SOURCED) == "sourced"
    assert plain(Colour.RED) == "red"
    assert plain(date(2025, 1, 2)) == "2025-01-02"
    at = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert plain(at) == "2025-01-02T03:04:05+02:00"
    assert plain(Money("1000.00", "eur")) == {"amount": "1000.00", "currency": "EUR"}
    assert plain((1, [Decimal("1.0")])) == [1, ["1.0"]]
    assert plain({Track.SOURCED: 1, 5: Fraction(1, 2), date(2025, 1, 1): None}) == {
        "sourced": 1,
        "5": "1/2",
        "2025-01-01": None,
    }
    assert plain(frozenset({"b", "a", "c"})) == ["a", "b", "c"]
    assert plain(NpsTally(1, 0, 0))["type"] == "nps_tally"


def test_a_value_without_a_plain_form_is_refused_by_type():
    with pytest.raises(InvalidTypeError, match="object") as caught:
        plain(object(), field="cell")
    assert caught.value.field == "cell"
    with pytest.raises(InvalidTypeError, match="as a key"):
        plain({(1, 2): 3})
    with pytest.raises(InvalidTypeError, match="as a key"):
        plain({None: 3})
    with pytest.raises(InvalidTypeError, match=r"value\[1\]"):
        plain([1, object()])


# -- a record for every result ---------------------------------------------------------------

#: Every result type of the library, by the record it has (the issue's list, and the
#: parts they are made of).
RESULTS = {
    Money: "money",
    hubpartner.PointsEstimate: "points_estimate",
    hubpartner.tiers.Evaluation: "evaluation",
    hubpartner.tiers.Progress: "progress",
    hubpartner.tiers.TrackProgress: "track_progress",
    hubpartner.tiers.Decision: "decision",
    hubpartner.tiers.WhatIf: "what_if",
    hubpartner.tiers.GoldDeadline: "gold_deadline",
    hubpartner.ledger.ClientPoints: "client_points",
    hubpartner.ledger.PointChange: "point_change",
    hubpartner.ledger.Expiry: "expiry",
    hubpartner.managed.CreditStatus: "credit_status",
    hubpartner.managed.MonthlyCredit: "monthly_credit",
    hubpartner.clients.ClientRow: "client_row",
    hubpartner.clients.RenewalAlert: "renewal_alert",
    hubpartner.engagement.ClientEngagement: "client_engagement",
    hubpartner.engagement.EngagementScore: "engagement_score",
    hubpartner.engagement.HubHoldings: "hub_holdings",
    hubpartner.reviews.Summary: "review_summary",
    hubpartner.reviews.CategorySummary: "category_summary",
    hubpartner.reviews.PublicReview: "public_review",
    NpsTally: "nps_tally",
    CesTally: "ces_tally",
    CsatTally: "csat_tally",
    WeightedNpsTally: "weighted_nps_tally",
    hubpartner.surveys.Interval: "interval",
    hubpartner.surveys.Group: "survey_group",
    hubpartner.surveys.LatestNps: "latest_nps",
    hubpartner.surveys.NpsComparison: "nps_comparison",
    hubpartner.surveys.Range: "range",
}

WITH_RECORDS = [
    pytest.param(make, id=kind.__name__)
    for kind, make in examples.INSTANCES.items()
    if records._kind_of_type(kind) is not None
]


@pytest.mark.parametrize(
    ("kind", "name"), RESULTS.items(), ids=lambda x: getattr(x, "__name__", x)
)
def test_every_result_type_has_its_record(kind, name):
    value = examples.INSTANCES[kind]()
    record = to_record(value)
    assert list(record)[:2] == ["type", "schema"]
    assert (record["type"], record["schema"]) == (name, SCHEMA_VERSION)


@pytest.mark.parametrize("make", WITH_RECORDS)
def test_every_record_is_json_with_no_float_but_companions_and_valid_under_the_schema(make):
    record = to_record(make())
    text = json.dumps(record)  # no default=: every value is JSON already
    assert json.loads(text) == record
    assert floats_outside_companions(record) == []
    assert errors(record, SCHEMA, SCHEMA) == []


def test_a_record_has_its_fields_and_the_values_computed_from_them():
    record = to_record(NpsTally(6, 2, 3))
    tally = NpsTally(6, 2, 3)
    interval = tally.interval()
    assert record == {
        "type": "nps_tally",
        "schema": 1,
        "promoters": 6,
        "passives": 2,
        "detractors": 3,
        "n": 11,
        "score": "300/11",
        "score_float": 300 / 11,
        "rounded": "27",
        "promoter_share": "6/11",
        "promoter_share_float": 6 / 11,
        "detractor_share": "3/11",
        "detractor_share_float": 3 / 11,
        "interval": {
            "low": plain(interval.low),
            "high": plain(interval.high),
            "confidence": "0.95",
            "method": "adjusted-wald",
        },
    }


def test_each_tally_names_the_method_of_its_interval():
    ces = to_record(CesTally.from_scores([7, 6, 5, 2]))
    csat = to_record(CsatTally.from_scores([5, 4, 1]))
    assert (ces["interval"]["method"], csat["interval"]["method"]) == ("t", "wilson")
    assert ces["interval"]["low"] == plain(CesTally.from_scores([7, 6, 5, 2]).interval().low)
    assert csat["score"] == "200/3"
    assert csat["rounded"] == "67"


def test_an_empty_tally_has_no_score_and_no_interval():
    record = to_record(NpsTally())
    assert record["n"] == 0
    assert record["score"] is None
    assert record["interval"] is None
    assert "score_float" not in record
    assert errors(record, SCHEMA, SCHEMA) == []
    single = to_record(CesTally.from_scores([4]))
    assert single["score"] == "4"
    assert single["interval"] is None


def test_tier_results_carry_the_gap_the_band_and_the_state():
    progress = to_record(examples.INSTANCES[hubpartner.tiers.Progress]())
    assert progress["tier"] == "gold"
    assert progress["next"] == "platinum"
    assert progress["tracks"][0]["gap"] == "60"
    engaged = to_record(examples.ENGAGED[0])
    assert engaged["band"] == engaged["engagement"]["band"] == examples.ENGAGED[0].band.value
    deadline = to_record(examples.INSTANCES[hubpartner.tiers.GoldDeadline]())
    assert (deadline["state"], deadline["days_left"]) == ("reached", 153)


@given(nps_tallies())
def test_a_tally_record_survives_json_and_fits_the_schema(tally):
    record = to_record(tally)
    assert through_json(record) == record
    assert errors(record, SCHEMA, SCHEMA) == []
    assert floats_outside_companions(record) == []


@st.composite
def results(draw):
    """A result computed from generated inputs: a tier's evaluation, progress or
    what-if for points held; an NPS comparison; a CES or CSAT tally; an estimate."""
    held = PointsHeld(*(draw(amounts(max_value=3000, places=3)) for _ in range(3)))
    standing = {
        "thresholds": examples.THRESHOLDS,
        "certified": draw(st.booleans()),
        "rules": examples.R2025,
    }
    tiers = hubpartner.tiers
    makers = [
        lambda: held,
        lambda: tiers.evaluate(held, **standing),
        lambda: tiers.progress(held, **standing),
        lambda: tiers.what_if(held, **standing, currency="EUR", track=Track.SOURCED, market="DE"),
        lambda: hubpartner.surveys.compare(
            draw(nps_tallies(non_empty=True)), draw(nps_tallies(non_empty=True))
        ),
        lambda: CesTally.from_scores(draw(scale_answers(CES_7)), scale=CES_7),
        lambda: CsatTally.from_scores(draw(st.lists(st.integers(1, 5), max_size=50))),
        lambda: hubpartner.points.estimate(
            draw(money(["EUR", "USD"])),
            track=Track.SOURCED,
            market="DE",
            manage=True,
            other_partners=draw(st.integers(0, 3)),
            rules=examples.R2025,
        ),
    ]
    return draw(st.sampled_from(makers))()


@given(results())
def test_the_record_of_any_result_survives_json_and_fits_the_schema(value):
    record = to_record(value)
    assert through_json(record) == record
    assert floats_outside_companions(record) == []
    assert errors(record, SCHEMA, SCHEMA) == []


def test_a_type_without_a_record_is_refused_naming_the_types_that_have_one():
    with pytest.raises(InvalidTypeError) as caught:
        to_record(examples.PROFILE)
    assert caught.value.field == "value"
    assert "DirectoryProfile" in str(caught.value)
    assert "NpsTally" in str(caught.value)


def test_to_records_makes_one_record_per_value_and_names_the_one_refused():
    values = (NpsTally(1, 0, 0), Money("1", "EUR"))
    assert to_records(iter(values)) == [to_record(v) for v in values]
    assert to_records([]) == []
    with pytest.raises(InvalidTypeError, match=r"values\[1\]"):
        to_records([NpsTally(), "text"])
    with pytest.raises(InvalidTypeError, match="values"):
        to_records("nps")


def test_the_package_exports_the_record_functions():
    assert hubpartner.to_record is to_record
    assert hubpartner.to_records is to_records
    assert hubpartner.from_record is from_record
    assert {"to_record", "to_records", "from_record"} <= set(hubpartner.__all__)


# -- the schema -------------------------------------------------------------------------------


def test_the_schema_file_is_the_one_the_types_describe():
    # After changing a record, run `python -m tests.records_schema` and review the diff.
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_the_schema_lists_exactly_the_types_to_record_supports():
    listed = {option["$ref"].removeprefix("#/$defs/") for option in SCHEMA["anyOf"]}
    assert listed == set(record_types())
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name in record_types():
        assert SCHEMA["$defs"][name]["properties"]["type"] == {"const": name}
        assert SCHEMA["$defs"][name]["properties"]["schema"] == {"const": SCHEMA_VERSION}


def test_the_docs_list_every_record_type_once():
    page = (SCHEMA_FILE.parent.parent / "records.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_]+)` \| `", page, flags=re.MULTILINE)
    assert sorted(listed) == sorted(record_types())
    assert len(listed) == len(set(listed))


def test_the_schema_refuses_what_a_record_must_not_be():
    record = to_record(Money("10.50", "EUR"))
    assert errors(record, SCHEMA, SCHEMA) == []
    for broken in (
        {**record, "amount": 10.5},
        {**record, "amount": "1.05E+1"},
        {**record, "extra": 1},
        {k: v for k, v in record.items() if k != "currency"},
        {**record, "schema": 2},
    ):
        assert errors(broken, SCHEMA, SCHEMA) != []
    assert make_schema()["$defs"].keys() >= set(record_types())


# -- inputs built back ------------------------------------------------------------------------


def round_trip(value: Any) -> None:
    record = to_record(value)
    assert through_json(record) == record
    back = from_record(through_json(record))
    assert back == value
    assert type(back) is type(value)
    assert to_record(back) == record  # exactly: the same digits, not only an equal value


@given(money())
def test_money_round_trips(value):
    round_trip(value)


@given(nps_tallies())
def test_nps_tallies_round_trip(tally):
    round_trip(tally)


@given(scales().flatmap(lambda scale: st.tuples(st.just(scale), scale_answers(scale))))
def test_ces_and_csat_tallies_round_trip(drawn):
    scale, answers = drawn
    round_trip(CesTally.from_scores(answers, scale=scale))
    round_trip(CsatTally.from_scores(answers, scale=scale))


WEIGHTS = st.one_of(
    amounts(max_value=100, places=3),
    st.fractions(min_value=0, max_value=100, max_denominator=50),
    st.integers(min_value=0, max_value=100),
)


@given(st.lists(st.tuples(st.integers(0, 10), WEIGHTS), max_size=30))
def test_weighted_nps_tallies_round_trip(answers):
    scores = [score for score, _ in answers]
    weights = [weight for _, weight in answers]
    round_trip(WeightedNpsTally.from_scores(scores, weights))


@given(amounts(places=3), amounts(places=3), amounts(places=3))
def test_points_held_round_trip(sourced, assisted, managed):
    round_trip(PointsHeld(sourced, assisted, managed))


@st.composite
def thresholds(draw):
    tiers = sorted(draw(st.sets(st.sampled_from(list(Tier)), min_size=1)))
    total = sold = Decimal(0)
    requirements = []
    for tier in tiers:
        total += draw(amounts(max_value=1000, allow_zero=False))
        sold += draw(amounts(max_value=100))
        requirements.append(TierRequirement(tier, total, min(sold, total)))
    elite = draw(
        st.none()
        | st.builds(
            EliteRequirements,
            st.booleans(),
            st.none() | amounts(max_value=1),
            st.none() | amounts(max_value=1),
            st.none() | st.integers(0, 500),
        )
    )
    days = draw(st.none() | st.integers(1, 400))
    return Thresholds(requirements, elite, days)


@given(thresholds())
def test_thresholds_round_trip(value):
    round_trip(value)


def test_the_example_thresholds_round_trip():
    round_trip(examples.THRESHOLDS)


MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.none() | st.just(timezone(timedelta(hours=-5))),
)


@given(
    MOMENTS,
    st.none() | st.integers(0, 10),
    st.none() | st.text(min_size=1, max_size=5).filter(str.strip),
    st.none() | WEIGHTS,
)
def test_survey_responses_round_trip(at, score, segment, weight):
    round_trip(Response(at, score, "ann", segment, weight, "Good"))


def test_a_scale_round_trips():
    round_trip(CES_7)


def test_every_input_type_is_read_back():
    assert set(input_types()) == {
        "money",
        "points_held",
        "nps_tally",
        "weighted_nps_tally",
        "ces_tally",
        "csat_tally",
        "scale",
        "survey_response",
        "thresholds",
        "tier_requirement",
        "elite_requirements",
    }
    assert set(input_types()) <= set(record_types())


def test_computed_values_may_be_left_out_but_must_agree_when_given():
    stored = {"type": "nps_tally", "schema": 1, "promoters": 2, "passives": 0, "detractors": 1}
    assert from_record(stored) == NpsTally(2, 0, 1)
    with pytest.raises(RecordError) as caught:
        from_record({**stored, "score": "50"})
    assert caught.value.key == "score"
    assert "'100/3'" in str(caught.value)


def nps_record() -> dict[str, Any]:
    return to_record(NpsTally(1, 2, 3))


@pytest.mark.parametrize(
    ("change", "key", "says"),
    [
        (lambda r: r.pop("passives"), "passives", "the key is missing"),
        (lambda r: r.update(extra=1), "extra", "only the keys of a nps_tally record"),
        (lambda r: r.update(schema=2), "schema", "expected the schema version 1"),
        (lambda r: r.update(schema="1"), "schema", "expected the schema version 1"),
        (lambda r: r.update(schema=True), "schema", "expected the schema version 1"),
        (lambda r: r.pop("schema"), "schema", "the key is missing"),
        (lambda r: r.pop("type"), "type", "the key is missing"),
        (lambda r: r.update(type="progress"), "type", "one of ces_tally"),
        (lambda r: r.update(type=["nps_tally"]), "type", "one of ces_tally"),
        (lambda r: r.update(n=7), "n", "the value the record's fields give: 6"),
    ],
)
def test_a_wrong_record_is_refused_naming_the_key(change, key, says):
    record = nps_record()
    change(record)
    with pytest.raises(RecordError) as caught:
        from_record(record)
    assert caught.value.key == key
    assert f"record[{key!r}]" in str(caught.value)
    assert says in str(caught.value)


def test_a_wrong_value_is_refused_by_the_value_itself():
    record = nps_record()
    with pytest.raises(InvalidValueError, match="promoters"):
        from_record({**record, "promoters": -1})
    with pytest.raises(InvalidTypeError, match="promoters"):
        from_record({**to_record(WeightedNpsTally()), "promoters": 1.5})
    with pytest.raises(InvalidTypeError, match="at"):
        from_record({**to_record(Response(date(2025, 1, 1), 9)), "at": "yesterday"})
    with pytest.raises(InvalidTypeError, match="at"):
        from_record({**to_record(Response(date(2025, 1, 1), 9)), "at": 20250101})
    with pytest.raises(InvalidValueError, match="weight"):
        from_record({**to_record(Response(date(2025, 1, 1), 9)), "weight": "-1"})
    with pytest.raises(InvalidTypeError, match="amount"):
        from_record({"type": "money", "schema": 1, "amount": 1.5, "currency": "EUR"})


def test_a_record_that_is_not_a_mapping_is_refused():
    with pytest.raises(InvalidTypeError, match="record"):
        from_record([("type", "money")])  # type: ignore[arg-type]


def test_nested_records_are_read_back_whole():
    record = through_json(to_record(examples.THRESHOLDS))
    record["requirements"][0]["extra"] = 1
    with pytest.raises(RecordError, match="extra"):
        from_record(record)


def test_importing_records_imports_no_result_module():
    import subprocess

    code = (
        "import sys, hubpartner.records; "
        "print(sorted(m for m in ('hubpartner.tiers', 'hubpartner.surveys', "
        "'hubpartner.reviews') if m in sys.modules))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"


def test_a_float_is_written_alike_whatever_the_current_decimal_context():
    values = [0.1234567891, 2.5, -0.0000001, 1e300, 5e-324]
    expected = [plain(value) for value in values]
    with decimal.localcontext() as narrow:
        narrow.prec = 2
        narrow.traps[decimal.FloatOperation] = True
        assert [plain(value) for value in values] == expected
