"""Hostile records and plain data: each is refused quickly, by key, or read.

A record read back may come from a file anyone can edit: a number with a hundred
million digits (``"1e99999999"``), a fraction over 0, a value nested a hundred thousand
levels deep, a key of a million characters, a computed value that cannot even be
compared (a signaling NaN). None of them may hang, exhaust Python's stack or fill a
log: each is refused with a :class:`~hubpartner.errors.RecordError` (an
:class:`~hubpartner.errors.InvalidValueError` for :func:`~hubpartner.records.plain`)
that names the key, says what is accepted and stays short. And every result the
library makes, or accepts, has a record.
"""

from __future__ import annotations

import functools
import json
import re
import time
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, records
from hubpartner.errors import InvalidTypeError, InvalidValueError, RecordError
from hubpartner.records import MAX_DEPTH, MAX_DIGITS, from_record, plain, to_record
from hubpartner.surveys import Interval, NpsTally, Response, WeightedNpsTally, compare

from . import contract_examples as examples
from .strategies import methods

#: Far more than a clear refusal takes, far less than the work a refused value drives.
QUICK = 1.0
#: Far more characters than a clear message needs, far fewer than a hostile value has.
SHORT = 2_000


def refused_quickly(call: Any, kind: type[Exception] = RecordError) -> Any:
    """The error ``call`` raises, which must be a ``kind``, come quickly and be short."""
    start = time.perf_counter()
    with pytest.raises(kind) as caught:
        call()
    assert time.perf_counter() - start < QUICK
    assert len(str(caught.value)) < SHORT
    return caught.value


def through_json(record: dict[str, Any]) -> Any:
    return json.loads(json.dumps(record))


def nested(levels: int, leaf: Any = 1, wrap: Any = lambda inner: [inner]) -> Any:
    """``leaf`` inside ``levels`` containers, each made by ``wrap``."""
    return functools.reduce(lambda inner, _: wrap(inner), range(levels), leaf)


def nps_record() -> dict[str, Any]:
    return to_record(NpsTally(1, 2, 3))


# -- exact numbers ----------------------------------------------------------------------------

WEIGHTED = to_record(WeightedNpsTally.from_scores([9, 7, 3], [Decimal("1.5"), 1, 2]))
#: A response whose weight is a Fraction (written with a float companion) ...
FRACTION_WEIGHT = to_record(Response(datetime(2025, 1, 1), 9, weight=Fraction(3, 2)))
#: ... and one whose weight is a Decimal.
DECIMAL_WEIGHT = to_record(Response(datetime(2025, 1, 1), 9, weight=Decimal("1.5")))

EXACT = (
    "an exact number as records write it, such as '2/3', '-3' or '1.5', of at most "
    "1,000 digits (on each side of a '/'), with a denominator other than 0"
)

HOSTILE_NUMBERS = [
    "1e99999999",
    "1e5000",
    "1E+3",
    "1/0",
    "-3/000",
    "many",
    "",
    " 1",
    "1\n",
    "+1",
    "1_000",
    "\u0661",
    "1.",
    ".5",
    "1/2/3",
    "1.5/2",
    "nan",
    "sNaN",
    "Infinity",
    "0x10",
    "1" * (MAX_DIGITS + 1),
    "1/" + "1" * (MAX_DIGITS + 1),
    "0." + "0" * (MAX_DIGITS - 1) + "1",
    "9" * 10**6,
]


@pytest.mark.parametrize("text", HOSTILE_NUMBERS, ids=lambda text: repr(text[:12]))
@pytest.mark.parametrize(
    ("record", "key"),
    [
        (WEIGHTED, "promoters"),
        (WEIGHTED, "sum_of_squares"),
        (FRACTION_WEIGHT, "weight"),
        (DECIMAL_WEIGHT, "weight"),
    ],
    ids=["promoters", "sum_of_squares", "fraction weight", "decimal weight"],
)
def test_an_exact_number_not_written_as_records_write_it_is_refused_at_once(record, key, text):
    error = refused_quickly(lambda: from_record({**record, key: text}))
    assert (error.key, error.value, error.expected) == (key, text, EXACT)
    assert "instance at" not in str(error)


def test_the_longest_exact_numbers_are_read():
    longest = "0" * (MAX_DIGITS - 1)
    read = from_record({**FRACTION_WEIGHT, "weight": f"{longest}3/{longest}2"})
    assert read.weight == Fraction(3, 2)
    read = from_record({**DECIMAL_WEIGHT, "weight": f"{longest[1:]}1.5"})
    assert (read.weight, type(read.weight)) == (Decimal("1.5"), Decimal)
    assert from_record({**DECIMAL_WEIGHT, "weight": "1/2"}).weight == Fraction(1, 2)


#: An exact number as the docs say records write it (restated here, not imported).
WRITTEN = re.compile(r"-?[0-9]+(/0*[1-9][0-9]*|\.[0-9]+)?")


@given(
    st.text(max_size=12)
    | st.from_regex(r"\A-?[0-9]{1,4}(/[0-9]{1,4}|\.[0-9]{1,4})?\Z")
    | st.sampled_from(HOSTILE_NUMBERS)
)
def test_a_weight_is_read_exactly_or_refused_naming_its_key(text):
    sides = text.removeprefix("-").split("/")
    written = WRITTEN.fullmatch(text) is not None and all(
        sum(char.isdigit() for char in side) <= MAX_DIGITS for side in sides
    )
    record = {**DECIMAL_WEIGHT, "weight": text}
    if not written:
        with pytest.raises(RecordError) as caught:
            from_record(record)
        assert caught.value.key == "weight"
    elif Fraction(text) < 0:  # a number the weight itself refuses
        with pytest.raises(InvalidValueError) as caught:
            from_record(record)
        assert caught.value.field == "weight"
    else:
        assert from_record(record).weight == Fraction(text)


# -- nesting ----------------------------------------------------------------------------------

NESTED_EXPECTED = "data nested at most 100 levels deep"


def _self_containing() -> list[Any]:
    items: list[Any] = []
    items.append(items)
    return items


@pytest.mark.parametrize(
    "deep",
    [
        nested(MAX_DEPTH + 1),
        nested(10**5),
        nested(10**5, wrap=lambda inner: (inner,)),
        nested(10**5, wrap=lambda inner: {"key": inner}),
        nested(10**5, wrap=lambda inner: frozenset([inner])),
        {nested(MAX_DEPTH + 1, wrap=lambda inner: (inner,)): 1},
        nested(MAX_DEPTH, NpsTally(1, 2, 3)),
        _self_containing(),
    ],
    ids=["list past the limit", "list", "tuple", "mapping", "set", "key", "result", "cycle"],
)
def test_plain_data_nested_too_deep_is_refused_at_once(deep):
    error = refused_quickly(lambda: plain(deep), InvalidValueError)
    assert error.expected == NESTED_EXPECTED
    assert error.field.startswith("value")


def test_plain_data_nested_to_the_limit_is_written():
    assert plain(nested(MAX_DEPTH)) == nested(MAX_DEPTH)
    inside = plain(nested(MAX_DEPTH - 1, NpsTally(1, 2, 3)))
    assert nested(MAX_DEPTH - 1, nps_record()) == inside


def money_chain(levels: int) -> dict[str, Any]:
    """A money record whose amount is a money record, ``levels`` times."""
    record = {"type": "money", "schema": 1, "amount": "1", "currency": "EUR"}
    return nested(levels, record, lambda inner: {**record, "amount": inner})


@pytest.mark.parametrize(
    ("record", "key"),
    [
        (money_chain(10**5), "amount"),
        (money_chain(MAX_DEPTH), "amount"),
        ({**nps_record(), "promoters": nested(10**5)}, "promoters"),
        ({**nps_record(), "promoters": nested(MAX_DEPTH)}, "promoters"),
    ],
    ids=["money chain", "money chain past the limit", "list", "list past the limit"],
)
def test_a_record_nested_too_deep_is_refused_at_once_naming_the_key(record, key):
    error = refused_quickly(lambda: from_record(record))
    assert (error.key, error.expected) == (key, NESTED_EXPECTED)


def test_a_record_nested_to_the_limit_reaches_the_value_itself():
    # a record and MAX_DEPTH - 1 lists inside it: the tally itself refuses the tuple
    with pytest.raises(InvalidTypeError) as caught:
        from_record({**nps_record(), "promoters": nested(MAX_DEPTH - 1)})
    assert caught.value.field == "promoters"
    with pytest.raises(InvalidTypeError):  # Money refuses a Money as an amount
        from_record(money_chain(MAX_DEPTH - 1))


def depth(data: Any) -> int:
    """How many dicts and lists ``data`` nests, one inside another."""
    if isinstance(data, dict):
        return 1 + max(map(depth, data.values()), default=0)
    if isinstance(data, list):
        return 1 + max(map(depth, data), default=0)
    return 0


@pytest.mark.parametrize(
    "make",
    [make for kind, make in examples.INSTANCES.items() if records._kind_of_type(kind)],
)
def test_the_library_s_own_records_nest_far_less_than_the_limit(make):
    assert depth(to_record(make())) <= MAX_DEPTH // 10


# -- computed values that cannot be compared --------------------------------------------------


class Uncomparable:
    def __eq__(self, other: object) -> bool:
        raise TypeError("not comparable")

    __hash__ = None  # type: ignore[assignment]


@pytest.mark.parametrize(
    "given",
    [Decimal("sNaN"), Decimal("NaN"), Decimal("-sNaN"), Uncomparable(), [6, 6]],
    ids=["sNaN", "NaN", "-sNaN", "raises", "list"],
)
def test_a_computed_value_that_cannot_be_compared_is_refused_naming_the_key(given):
    error = refused_quickly(lambda: from_record({**nps_record(), "n": given}))
    assert error.key == "n"
    assert error.value is given
    assert error.expected == "the value the record's fields give: 6"


def test_a_signaling_nan_field_is_refused_by_the_value_itself():
    with pytest.raises(InvalidTypeError) as caught:
        from_record({**nps_record(), "promoters": Decimal("sNaN")})
    assert caught.value.field == "promoters"


# -- long keys --------------------------------------------------------------------------------


def test_a_long_or_unprintable_key_of_a_record_is_shown_shortened_and_kept_whole():
    for key in ["k" * 10**6, "a\x1b[2J"]:
        error = refused_quickly(lambda key=key: from_record({**nps_record(), key: 1}))
        assert error.key == key
        assert "\x1b" not in str(error)


def test_a_long_or_unprintable_key_of_plain_data_is_named_shortened():
    error = refused_quickly(lambda: plain({"k" * 10**7: float("nan")}), InvalidValueError)
    assert len(error.field) < 300
    assert error.field.startswith("value['kkk")
    error = refused_quickly(
        lambda: plain({"k" * 10**6: {"\x1b[2J" * 10**5: {3: float("nan")}}}), InvalidValueError
    )
    assert len(error.field) < 600
    assert "\x1b" not in error.field
    assert error.field.endswith("[3]")


def test_a_short_key_is_named_as_before():
    with pytest.raises(InvalidValueError) as caught:
        plain({"low": [1, {"high": float("nan")}]})
    assert caught.value.field == "value['low'][1]['high']"


# -- every result the library makes or accepts has a record -----------------------------------


@given(st.integers(0, 10**6), st.booleans(), st.sampled_from(["EUR", "JPY", "USD"]))
def test_a_zero_amount_is_written_0_whatever_its_exponent_and_read_back(exponent, sign, code):
    value = Money(Decimal((sign, (0,), exponent)), code)
    record = to_record(value)
    assert record["amount"] in {"0", "-0"}
    back = from_record(through_json(record))
    assert back == value
    assert to_record(back) == record


def test_a_zero_with_places_keeps_them_within_the_bound():
    assert plain(Decimal("0E+1001")) == "0"
    assert plain(Decimal("0.00")) == "0.00"
    with pytest.raises(InvalidValueError):
        plain(Decimal("0E-1001"))


#: Real numbers of every type an interval takes, all within a float's range.
REALS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**300), 10**300),
    st.decimals(min_value=-(10**300), max_value=10**300, allow_nan=False, places=20),
    st.fractions(max_denominator=10**30).filter(lambda x: abs(x) < 10**300),
)


@given(REALS, REALS)
def test_every_interval_the_constructor_accepts_has_a_record(first, second):
    interval = Interval(min(first, second), max(first, second))
    record = through_json(to_record(interval))
    # each bound written to PLACES places: within half a step of the float
    for name in ("low", "high"):
        written = Decimal(record[name])
        assert abs(written - Decimal(getattr(interval, name))) <= Decimal("0.5e-6")


#: Small tallies, often all promoters, all passives or all detractors.
SMALL_TALLIES = st.builds(
    NpsTally, st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)
).filter(lambda tally: tally.n)


@given(SMALL_TALLIES, SMALL_TALLIES, methods())
def test_every_comparison_compare_makes_has_a_record(a, b, method):
    # only the Wald test of samples that do not vary and differ is refused
    if method == "wald" and a.variance == b.variance == 0 and a.score != b.score:
        with pytest.raises(InvalidValueError) as caught:
            compare(a, b, method=method)
        assert (caught.value.field, caught.value.value) == ("method", "wald")
    else:
        result = compare(a, b, method=method)
        record = through_json(to_record(result))
        assert float(record["z"]) == pytest.approx(result.z, abs=1e-6)
