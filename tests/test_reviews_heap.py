"""What each review keeps alive, and what each action makes (issue 14, "Many reviews"):
the index holds ids and positions in maps whose cost per change stays flat, values
made from checked values share them, and who a new review notifies is found once.

The figures (seconds, bytes) are the benchmark's (tests/benchmarks/bench_reviews.py);
these tests pin the mechanisms, each of which the benchmark depends on.
"""

from __future__ import annotations

import gc
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hubpartner.reviews import (
    _LEAF,
    Client,
    DirectoryProfile,
    Event,
    Notification,
    PaidService,
    PartnerMember,
    PublicResponse,
    PublicReview,
    RatingCategory,
    Ratings,
    Recipient,
    Reviewer,
    ReviewText,
    Role,
    Staff,
    TeamMember,
    _Map,
    public_view,
    remove_review,
    respond,
    submit_review,
)

PARTNER = "northwind"
START = datetime(2025, 1, 1)
ANN = Reviewer("ann", "Ann", "ann@example.com", "Acme", "hubspot-login", organisation="acme")
LIN = Reviewer("lin", "Lin", "lin@example.com", "LinCo", "linkedin", organisation="acme")
TEAM = (TeamMember("owner", True), TeamMember("intern", False), TeamMember("lead", True))
RATINGS = Ratings(4, services=["SEO"], categories={"communication": 5})


def reviewed(n: int, reviewer: Reviewer = ANN) -> tuple[DirectoryProfile, list]:
    """A profile with ``n`` reviews, each answered, and the notifications of each action."""
    services = [PaidService(f"s{i}", PARTNER, "acme", paid=True) for i in range(n)]
    profile = DirectoryProfile(
        PARTNER,
        team=TEAM,
        services=services,
        categories=[RatingCategory("communication", required=False)],
    )
    sent = []
    for i in range(n):
        profile, notices = submit_review(
            profile,
            Client(reviewer),
            review_id=f"r{i}",
            service_id=f"s{i}",
            ratings=RATINGS,
            text=ReviewText("Great", f"Review {i}"),
            at=START + timedelta(hours=2 * i),
        )
        sent.append(notices)
        profile, notices = respond(
            profile,
            PartnerMember(PARTNER, "owner"),
            response_id=f"p{i}",
            review_id=f"r{i}",
            text=f"Thanks {i}",
            at=START + timedelta(hours=2 * i + 1),
        )
        sent.append(notices)
    return profile, sent


def leaves(node: tuple) -> list[dict]:
    """The leaves of a map's branch."""
    found = []
    for slot in node:
        if isinstance(slot, tuple):
            found += leaves(slot)
        elif slot is not None:
            found.append(slot)
    return found


class Same:
    """A key whose hash every other Same shares (the hash bits run out)."""

    def __init__(self, name: int):
        self.name = name

    def __hash__(self) -> int:
        return 7

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.name == self.name


keys = st.one_of(
    st.integers(),
    st.text(max_size=3),
    st.integers(0, 40).map(lambda k: k << 20),
    st.builds(Same, st.integers(0, 12)),
)


@given(st.lists(st.tuples(keys, st.integers()), max_size=300))
def test_a_map_leaf_splits_when_full_so_a_change_copies_little(pairs):
    mapping = _Map()
    for key, value in pairs:
        mapping = mapping.with_value(key, value)
    for made in (mapping, _Map.of(pairs)):
        for leaf in leaves(made.root):
            assert len(leaf) <= _LEAF or len({hash(key) for key in leaf}) == 1
        assert sum(len(leaf) for leaf in leaves(made.root)) == len(dict(pairs))


def test_the_index_maps_ids_to_positions_in_leaves_the_collector_skips():
    profile, _ = reviewed(40)
    index = profile._index
    for field in ("reviews", "responses"):
        found = leaves(index.positions[field].root)
        assert sum(map(len, found)) == 40
        assert all(
            isinstance(key, str) and isinstance(at, int)
            for leaf in found
            for key, at in leaf.items()
        )
        assert not any(gc.is_tracked(leaf) for leaf in found)
        grouped = leaves(index.groups[field].root)  # one entry each: a bare position
        assert sorted(at for leaf in grouped for at in leaf.values()) == list(range(40))
        assert not any(gc.is_tracked(leaf) for leaf in grouped)


def test_a_response_shares_the_id_of_its_review():
    profile, _ = reviewed(2)
    for response in profile.responses:
        assert response.review is profile.review(response.review).id


def test_the_public_view_shares_the_checked_values_of_each_review():
    profile, _ = reviewed(3)
    shown = public_view(profile)
    for item, review in zip(shown, profile.reviews, strict=True):
        assert item.services is review.ratings.services
        assert item.categories is review.ratings.categories
        response = profile.active_response(review.id)
        assert item == PublicReview(
            review.id,
            4,
            ["SEO"],
            "Great",
            review.text.body,
            review.submitted_at,
            PublicResponse(response.id, response.text, response.submitted_at),
            {"communication": 5},
        )


def test_who_a_new_review_notifies_is_found_once_per_profile_and_shared():
    _, sent = reviewed(3)
    first, later = sent[0], sent[4]
    assert first == tuple(
        Notification(Recipient(role, who), Event.NEW_REVIEW, "r0")
        for role, who in (
            (Role.PARTNER, PARTNER),
            (Role.TEAM_MEMBER, "owner"),
            (Role.TEAM_MEMBER, "lead"),
        )
    )
    assert all(a.to is b.to for a, b in zip(first, later, strict=True))


def test_the_reviewer_notices_equal_those_made_with_every_check():
    _, sent = reviewed(2)
    assert sent[1] == (Notification(Recipient("reviewer", "ann"), "new response", "r0", "p0"),)
    _, sent = reviewed(1, LIN)
    note = "authenticated with LinkedIn: HubSpot cannot email them"
    assert sent[1] == (
        Notification(
            Recipient("reviewer", "lin"), "new response", "r0", "p0", reachable=False, note=note
        ),
    )


def test_a_removal_notifies_the_partner_through_the_recipient_found_once():
    profile, sent = reviewed(1)
    profile, notices = remove_review(
        profile, Staff("hs"), review_id="r0", ground="offensive", at=START + timedelta(days=1)
    )
    assert notices[0] == Notification(Recipient("partner", PARTNER), "review removed", "r0", "p0")
    assert notices[0].to is sent[0][0].to
    assert notices[1:] == (
        Notification(Recipient("reviewer", "ann"), "review removed", "r0", "p0"),
    )
