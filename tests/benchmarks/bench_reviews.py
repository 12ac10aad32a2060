"""Benchmark: reviews scale linearly (issue 14, row 3).

N reviews submitted to a profile with N paid services, a response to each, then the
public view: the whole sequence at three sizes (1k, 10k, 100k; quick: 100, 200, 400),
with its growth exponent and peak memory. The floor it is shown against is the same
N operations on plain dicts (no validation, no history, no notifications).

Run from the repository root with the package installed::

    python tests/benchmarks/bench_reviews.py [--quick]

Not collected by pytest.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from _bench import Row, growth, main, seconds_text

from hubpartner.reviews import (
    Client,
    DirectoryProfile,
    PaidService,
    PartnerMember,
    Ratings,
    Reviewer,
    ReviewText,
    public_view,
    respond,
    submit_review,
)

PARTNER = "northwind"
START = datetime(2025, 1, 1)
REVIEWER = Reviewer("ann", "Ann", "ann@example.com", "Acme", "hubspot-login", organisation="acme")
CLIENT = Client(REVIEWER)
OWNER = PartnerMember(PARTNER, "owner")
RATINGS = Ratings(5)
TEXT = ReviewText("Great", "They delivered on time")
#: The sizes of a full run (the goal names 10k → 100k) and of a quick one.
FULL = (1_000, 10_000, 100_000)
QUICK = (100, 200, 400)
#: The goals: the growth exponent from 10k to 100k, and the seconds 100k take.
MAX_EXPONENT = 1.15
MAX_SECONDS = 10.0


def prepare(n: int) -> tuple[DirectoryProfile, list[str], list[datetime]]:
    """A profile with ``n`` paid services to the reviewer's company, their ids, and a
    moment for each action (two per review)."""
    ids = [f"s{i}" for i in range(n)]
    services = [PaidService(service, PARTNER, "acme", paid=True) for service in ids]
    moments = [START + timedelta(minutes=k) for k in range(2 * n)]
    return DirectoryProfile(PARTNER, services=services), ids, moments


def lifecycle(data: tuple[DirectoryProfile, list[str], list[datetime]]) -> object:
    """Submit a review of every service, respond to each, then show the profile."""
    profile, ids, moments = data
    for i, service in enumerate(ids):
        profile, _ = submit_review(
            profile,
            CLIENT,
            review_id=f"r{i}",
            service_id=service,
            ratings=RATINGS,
            text=TEXT,
            at=moments[2 * i],
        )
        profile, _ = respond(
            profile,
            OWNER,
            response_id=f"p{i}",
            review_id=f"r{i}",
            text="Thanks",
            at=moments[2 * i + 1],
        )
    return public_view(profile)


def floor(data: tuple[DirectoryProfile, list[str], list[datetime]]) -> object:
    """The same operations on plain dicts: a review per service, a response per review
    (each id checked fresh), then the reviews with their responses in one pass."""
    _, ids, moments = data
    reviews: dict[str, tuple[str, int, str, str, datetime]] = {}
    taken: set[str] = set()
    responses: dict[str, tuple[str, str, datetime]] = {}
    answered: dict[str, str] = {}
    for i, service in enumerate(ids):
        review_id, response_id = f"r{i}", f"p{i}"
        if review_id in reviews or service in taken:
            raise ValueError(review_id)
        reviews[review_id] = (service, RATINGS.overall, TEXT.title, TEXT.body, moments[2 * i])
        taken.add(service)
        if response_id in responses or review_id in answered:
            raise ValueError(response_id)
        responses[response_id] = (review_id, "Thanks", moments[2 * i + 1])
        answered[review_id] = response_id
    return [(key, *value, responses.get(answered.get(key, ""))) for key, value in reviews.items()]


def measure(quick: bool) -> list[Row]:
    """The growth of the lifecycle and of its floor over three sizes, and the goal rows
    (judged on a full run only)."""
    sizes = QUICK if quick else FULL
    repeat = 3 if quick else 1
    grown = growth(
        "submit + respond + public_view, N reviews", sizes, prepare, lifecycle, repeat=repeat
    )
    base = growth("the same N operations on plain dicts", sizes, prepare, floor, repeat=3)
    largest, took = sizes[-1], grown.seconds[-1]
    exponent = grown.exponent_between(sizes[1], sizes[2])
    cpu = processor_seconds(prepare(largest))
    middle = sizes[1]
    cpu_middle = processor_seconds(prepare(middle))
    return [
        Row(
            f"reviews: {largest:,} reviews (floor, for information)",
            seconds_text(took),
            f"the same N operations on plain dicts: {seconds_text(base.seconds[-1])}",
            took / base.seconds[-1],
            "(information)",
            None,
        ),
        Row(
            f"reviews: growth exponent {sizes[1]:,} -> {largest:,}",
            f"{exponent:.2f}",
            f"plain dicts: {base.exponent_between(sizes[1], sizes[2]):.2f}",
            None,
            f"<= {MAX_EXPONENT}",
            None if quick else exponent <= MAX_EXPONENT,
        ),
        Row(
            f"reviews: {largest:,} reviews submitted, answered, shown",
            seconds_text(took),
            f"peak {grown.bytes_per_item():,.0f} B/review",
            None,
            f"< {MAX_SECONDS:g} s",
            None if quick else took < MAX_SECONDS,
        ),
        Row(
            f"reviews: {largest:,} reviews, processor time (information)",
            seconds_text(cpu),
            "the time this process ran, whatever else the machine ran",
            None,
            "(information)",
            None,
        ),
        Row(
            f"reviews: processor time per review, {middle:,} -> {largest:,} (information)",
            f"{cpu / largest * 1e6:.1f} us",
            f"{cpu_middle / middle * 1e6:.1f} us at {middle:,}",
            (cpu / largest) / (cpu_middle / middle),
            "(information)",
            None,
        ),
    ]


def processor_seconds(data: tuple[DirectoryProfile, list[str], list[datetime]]) -> float:
    """The processor time of one lifecycle (the machine is shared: the wall time of a
    busy machine includes the others' work)."""
    start = time.process_time()
    lifecycle(data)
    return time.process_time() - start


if __name__ == "__main__":
    main(measure, __doc__)
