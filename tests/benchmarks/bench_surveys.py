"""Benchmark: survey tallies from buffers and lists, and weighted tallies (issue 14).

Run from the repository root with the package installed::

    python tests/benchmarks/bench_surveys.py [--quick]

Goal 1: ``NpsTally.from_scores`` of a NumPy integer array, ``bytes``, ``bytearray``,
``array.array`` or ``memoryview`` of 1M answers 0-10 within 1.5x ``numpy.bincount`` of
the same answers (without NumPy, the bytes path is shown against a ``bytes.count``
loop). Goal 2: ``WeightedNpsTally.from_scores`` of 1M answers within 3x the unweighted
``NpsTally.from_scores`` of the same list, for each kind of weight. The list paths are
shown against ``collections.Counter``, for information. Then the ``hubpartner surveys``
commands on a large file (``_survey_files.py``). Not collected by pytest.
"""

from __future__ import annotations

import array
import random
from collections import Counter
from decimal import Decimal
from fractions import Fraction

import _survey_files
from _bench import Row, growth, main, paired, ratio_row

from hubpartner.errors import HubPartnerError
from hubpartner.surveys import CES_7, CesTally, CsatTally, NpsTally, WeightedNpsTally

try:
    import numpy
except ImportError:  # the rows say so
    numpy = None

SEED = 20251123


def answers(n: int, low: int = 0, high: int = 10) -> list[int]:
    rng = random.Random(SEED + n)
    return [rng.randint(low, high) for _ in range(n)]


def by_bytes_count(codes: bytes) -> list[int]:
    """The reference without NumPy: one ``bytes.count`` per answer."""
    return [codes.count(answer) for answer in range(11)]


def buffer_rows(n: int, quick: bool, repeat: int) -> list[Row]:
    scores = answers(n)
    rows = []
    if numpy is None:
        codes = bytes(scores)
        took, base = paired(lambda: NpsTally.from_scores(codes), lambda: by_bytes_count(codes))
        rows.append(
            ratio_row(
                f"NpsTally.from_scores(bytes), {n:,} (NumPy not installed)",
                took,
                "bytes.count loop",
                base,
                1.5,
                quick=quick,
            )
        )
        return rows
    cases = [
        ("NumPy int64 array", numpy.array(scores, dtype=numpy.int64)),
        ("NumPy int32 array", numpy.array(scores, dtype=numpy.int32)),
        ("NumPy int16 array", numpy.array(scores, dtype=numpy.int16)),
        ("NumPy uint8 array", numpy.array(scores, dtype=numpy.uint8)),
        ("bytes", bytes(scores)),
        ("bytearray", bytearray(scores)),
        ("array.array('b')", array.array("b", scores)),
        ("array.array('q')", array.array("q", scores)),
        ("memoryview of bytes", memoryview(bytes(scores))),
    ]
    for label, buffer in cases:
        same = numpy.asarray(memoryview(buffer))
        try:
            took, base = paired(
                lambda buffer=buffer: NpsTally.from_scores(buffer),
                lambda same=same: numpy.bincount(same, minlength=11),
                repeat,
            )
        except HubPartnerError as error:  # a version that refuses this buffer
            rows.append(refused_row(f"NpsTally.from_scores({label}), {n:,}", error, quick))
            continue
        rows.append(
            ratio_row(
                f"NpsTally.from_scores({label}), {n:,}",
                took,
                f"np.bincount({same.dtype})",
                base,
                1.5,
                quick=quick,
            )
        )
    return rows


def refused_row(measure: str, error: Exception, quick: bool) -> Row:
    return Row(
        measure, f"refused ({type(error).__name__})", "", None, "<= 1.5x", None if quick else False
    )


def weight_cases(n: int) -> list[tuple[str, list[object]]]:
    rng = random.Random(SEED)
    return [
        ("int 1-3", [1 + i % 3 for i in range(n)]),
        ("int < 10^6", [rng.randrange(10**6) for _ in range(n)]),
        ("float", [0.5 + (i % 7) / 10 for i in range(n)]),
        ("Decimal", [Decimal(1 + i % 9) / 4 for i in range(n)]),
        ("Fraction", [Fraction(1, 1 + i % 4) for i in range(n)]),
    ]


def measure(quick: bool) -> list[Row]:
    sizes = (2_000, 10_000, 50_000) if quick else (10_000, 100_000, 1_000_000)
    repeat = 3 if quick else 7
    n = sizes[-1]
    rows: list[Row] = []

    # goal 1: buffers, against np.bincount
    if numpy is not None:
        grown = growth(
            "NpsTally.from_scores(NumPy int64 array)",
            sizes,
            lambda size: numpy.array(answers(size), dtype=numpy.int64),
            NpsTally.from_scores,
            repeat=repeat,
        )
        print(f"    {grown.bytes_per_item():.2f} B/answer traced at the largest size")
        try:
            growth(
                "NpsTally.from_scores(bytes)",
                sizes,
                lambda size: bytes(answers(size)),
                NpsTally.from_scores,
                repeat=repeat,
            )
        except HubPartnerError as error:  # a version that refuses bytes
            print(f"    refused: {error}")
    rows += buffer_rows(n, quick, repeat)

    # goal 2: weighted against unweighted, on the same list of answers
    scores = answers(n)
    growth(
        "WeightedNpsTally.from_scores, int weights 1-3",
        sizes,
        lambda size: (answers(size), [1 + i % 3 for i in range(size)]),
        lambda case: WeightedNpsTally.from_scores(*case),
        repeat=repeat,
    )
    for label, weights in weight_cases(n):
        slow = label in ("Decimal", "Fraction")
        took, base = paired(
            lambda weights=weights: WeightedNpsTally.from_scores(scores, weights),
            lambda: NpsTally.from_scores(scores),
            1 if slow and not quick else repeat,
        )
        rows.append(
            ratio_row(
                f"WeightedNpsTally.from_scores, {label} weights, {n:,}",
                took,
                "NpsTally.from_scores(list)",
                base,
                3,
                quick=quick,
            )
        )

    # for information: the list paths against Counter
    ces = answers(n, CES_7.low, CES_7.high)
    for label, build, data in (
        ("NpsTally.from_scores(list)", NpsTally.from_scores, scores),
        ("CesTally.from_scores(list)", CesTally.from_scores, ces),
        ("CsatTally.from_scores(list of 1-5)", CsatTally.from_scores, [1 + s % 5 for s in scores]),
        ("NpsTally.from_scores(whole floats)", NpsTally.from_scores, [float(s) for s in scores]),
    ):
        took, base = paired(
            lambda build=build, data=data: build(data), lambda data=data: Counter(data)
        )
        rows.append(
            Row(
                f"{label}, {n:,}",
                f"{took * 1e3:.1f} ms",
                f"Counter: {base * 1e3:.1f} ms",
                took / base,
                "info",
                None,
            )
        )
    # the surveys commands on a large file, as whole processes
    rows += _survey_files.measure(quick)
    return rows


if __name__ == "__main__":
    main(measure, __doc__)
