"""The index a profile carries from action to action (issue 14: reviews scale
linearly) changes nothing anyone can see.

Each action hands its profile's index on, changed only where the action changed the
history, and checks only the entries it adds or changes. These tests hold that fast
path to straightforward references: the profile rebuilt from its fields with the
whole check at every step, the same action on that rebuilt profile (same result, or
the same error with the same field and value), lookups by linear scan, the public
view computed by brute force, and the whole check of a profile with one entry more.
"""

import pickle
from datetime import datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubpartner.errors import HubPartnerError
from hubpartner.reviews import (
    Client,
    DirectoryProfile,
    PaidService,
    PartnerMember,
    Prospect,
    RatingCategory,
    Ratings,
    Recipient,
    Removal,
    Report,
    Response,
    Review,
    Reviewer,
    ReviewText,
    Staff,
    TeamMember,
    _added,
    _Map,
    _Vector,
    correct_response,
    correct_review,
    dismiss_report,
    public_view,
    remove_response,
    remove_review,
    report,
    respond,
    submit_review,
)

PARTNER = "northwind"
START = datetime(2025, 1, 1)
REVIEWERS = [
    Reviewer(
        name, name.title(), f"{name}@example.com", "Acme", "hubspot-login", organisation="acme"
    )
    for name in ("ann", "bob")
] + [Reviewer("lin", "Lin", "lin@example.com", "LinCo", "linkedin", response_emails=False)]
SERVICES = [
    PaidService("s0", PARTNER, "acme", paid=True),
    PaidService("s1", PARTNER, "acme", paid=True),
    PaidService("s2", PARTNER, "lin", paid=True),
    PaidService("s3", PARTNER, "acme", paid=False),
]
#: Services the profile may get later (s1 again: a duplicate id).
MORE_SERVICES = [
    PaidService("s4", PARTNER, "acme", paid=True),
    PaidService("s1", PARTNER, "lin", paid=True),
]
CATEGORIES = [RatingCategory("communication", required=False)]
TEAM = [TeamMember("owner", True), TeamMember("intern", False)]
ACTORS = [
    PartnerMember(PARTNER, "owner"),
    PartnerMember("rival", "owner"),
    Staff("hs"),
    Prospect("p"),
    Client(REVIEWERS[0]),
]
TEXTS = ["They were slow", "They wre slow", "They were fast", "They were slow!"]
ANSWERS = ["Thank you", "Thank yuo", "No thank you", "Thank you!"]

KINDS = [
    "submit",
    "respond",
    "report",
    "remove_review",
    "remove_response",
    "dismiss",
    "correct_review",
    "correct_response",
    "with_service",
]


def draw_action(data, profile):
    """An action on ``profile``: mostly one it accepts (ids it holds, a fresh id, the
    right actor, a moment after the last), now and then one it refuses."""

    def odd():
        return data.draw(st.integers(0, 7), label="odd?") == 0

    def held(field, unknown):
        ids = [entry.id for entry in getattr(profile, field)]
        return data.draw(st.sampled_from([*ids, unknown] if ids and not odd() else [unknown]))

    def fresh(field, prefix):
        ids = [entry.id for entry in getattr(profile, field)]
        return data.draw(st.sampled_from(ids)) if ids and odd() else f"{prefix}{len(ids)}"

    staff = data.draw(st.sampled_from(ACTORS)) if odd() else Staff("hs")
    shift = data.draw(st.integers(-90, 0)) if odd() else 0
    kind = data.draw(st.sampled_from(KINDS))
    if kind == "submit":
        service, reviewer = data.draw(st.sampled_from(PAIRS if not odd() else ODD_PAIRS))
        stars = data.draw(st.integers(1, 5) if not odd() else st.sampled_from([0, 6]))
        rated = data.draw(st.sampled_from([{}, {"communication": 4}] if not odd() else ODD_RATED))
        return (kind, fresh("reviews", "r"), (service, reviewer), stars, rated, shift)
    if kind == "respond":
        owner = data.draw(st.sampled_from(ACTORS)) if odd() else ACTORS[0]
        return (kind, fresh("responses", "p"), held("reviews", "rx"), owner, shift)
    if kind == "report":
        review = None if odd() else held("reviews", "rx")
        response = held("responses", "px") if review is None or odd() else None
        actor = data.draw(st.sampled_from(ACTORS))
        return (kind, fresh("reports", "k"), review, response, actor, shift)
    if kind in ("remove_review", "correct_review"):
        last = data.draw(GROUNDS) if kind == "remove_review" else data.draw(st.sampled_from(TEXTS))
        return (kind, held("reviews", "rx"), last, staff, shift)
    if kind in ("remove_response", "correct_response"):
        last = (
            data.draw(GROUNDS) if kind == "remove_response" else data.draw(st.sampled_from(TEXTS))
        )
        return (kind, held("responses", "px"), last, staff, shift)
    if kind == "dismiss":
        return (kind, held("reports", "kx"), staff, shift)
    return (kind, data.draw(st.sampled_from(MORE_SERVICES)))


GROUNDS = st.sampled_from(["offensive", "profanity", "guideline violation", "spam"])
#: (service, reviewer): a reviewer of the service's client, or not.
PAIRS = [("s0", REVIEWERS[0]), ("s0", REVIEWERS[1]), ("s1", REVIEWERS[1]), ("s2", REVIEWERS[2])]
ODD_PAIRS = [
    ("s4", REVIEWERS[0]),
    ("s2", REVIEWERS[0]),
    ("s3", REVIEWERS[0]),
    ("sx", REVIEWERS[0]),
]
ODD_RATED = [{"communication": 9}, {"price": 3}]


def act(profile, action, clock):
    """Do ``action`` on ``profile`` at ``clock`` (shifted as the action says)."""
    name, *args = action
    if name == "with_service":
        return profile.with_service(args[0]), ()
    *args, shift = args
    at = clock + timedelta(minutes=shift)
    if name == "submit":
        review_id, (service, reviewer), stars, categories = args
        return submit_review(
            profile,
            Client(reviewer),
            review_id=review_id,
            service_id=service,
            ratings=Ratings(stars, categories=categories),
            text=ReviewText("Title", TEXTS[0]),
            at=at,
        )
    if name == "respond":
        response_id, review_id, actor = args
        return respond(
            profile, actor, response_id=response_id, review_id=review_id, text=ANSWERS[0], at=at
        )
    if name == "report":
        report_id, review_id, response_id, actor = args
        return report(
            profile,
            actor,
            report_id=report_id,
            review_id=review_id,
            response_id=response_id,
            reason="spam",
            at=at,
        )
    if name == "remove_review":
        review_id, ground, actor = args
        return remove_review(profile, actor, review_id=review_id, ground=ground, at=at)
    if name == "remove_response":
        response_id, ground, actor = args
        return remove_response(profile, actor, response_id=response_id, ground=ground, at=at)
    if name == "dismiss":
        report_id, actor = args
        return dismiss_report(profile, actor, report_id=report_id, at=at)
    if name == "correct_review":
        review_id, body, actor = args
        return correct_review(
            profile, actor, review_id=review_id, text=ReviewText("Title", body), at=at
        )
    response_id, text, actor = args
    return correct_response(profile, actor, response_id=response_id, text=text, at=at)


def outcome(profile, action, clock):
    """The result of ``action``, or its error as class, field, value and message."""
    try:
        return act(profile, action, clock)
    except HubPartnerError as error:
        return (
            type(error),
            getattr(error, "field", None),
            repr(getattr(error, "value", None)),
            str(error),
        )


def rebuilt(profile):
    """The profile made again from its fields, checked whole, with an index of its own."""
    return DirectoryProfile(
        profile.partner,
        profile.team,
        profile.services,
        profile.scale,
        profile.reviews,
        profile.responses,
        profile.reports,
        profile.categories,
    )


def brute_public_view(profile):
    """What the public view shows, computed the slow, obvious way: for each shown
    review, its id, ratings and text, and its first shown response."""
    shown = []
    for review in profile.reviews:
        if review.removal is not None:
            continue
        answers = [r for r in profile.responses if r.review == review.id and r.removal is None]
        first = (answers[0].id, answers[0].text, answers[0].submitted_at) if answers else None
        shown.append(
            {
                "id": review.id,
                "overall": review.ratings.overall,
                "services": review.ratings.services,
                "categories": review.ratings.categories,
                "title": review.text.title,
                "body": review.text.body,
                "submitted_at": review.submitted_at,
                "response": first,
            }
        )
    return shown


def seen(view):
    """The public view as brute_public_view writes it."""
    return [
        {
            **attrs.asdict(item, recurse=False),
            "response": None if item.response is None else attrs.astuple(item.response),
        }
        for item in view
    ]


def assert_lookups_scan_alike(profile):
    """Every lookup by id or group gives what a linear scan of the fields gives."""
    for field, find in (
        ("services", profile.service),
        ("reviews", profile.review),
        ("responses", profile.response),
        ("reports", profile.report_entry),
    ):
        for entry in getattr(profile, field):
            assert find(entry.id) == entry
    for review in profile.reviews:
        scanned = [r for r in profile.responses if r.review == review.id and r.active]
        assert profile.active_response(review.id) == (scanned[0] if scanned else None)
    assert profile.active_reviews() == tuple(r for r in profile.reviews if r.active)
    assert seen(public_view(profile)) == brute_public_view(profile)


@settings(max_examples=150)
@given(st.data())
def test_carried_index_acts_as_a_profile_rebuilt_and_checked_whole_at_each_step(data):
    profile = DirectoryProfile(PARTNER, TEAM, SERVICES, categories=CATEGORIES)
    clock = START
    for _ in range(data.draw(st.integers(0, 30), label="steps")):
        clock += timedelta(hours=1)
        reference = rebuilt(profile)
        action = draw_action(data, reference)
        fast, slow = outcome(profile, action, clock), outcome(reference, action, clock)
        assert fast == slow
        if isinstance(fast[0], DirectoryProfile):
            profile = fast[0]
            whole = rebuilt(profile)  # the whole check accepts what the action made
            assert whole == profile
            assert hash(whole) == hash(profile)
            assert repr(whole) == repr(profile)
            assert_lookups_scan_alike(profile)


def pool_profile():
    """A profile with a history: two reviews (one removed, a second of its service),
    responses (one removed), reports (open and upheld)."""
    profile = DirectoryProfile(PARTNER, TEAM, SERVICES, categories=CATEGORIES)
    owner, staff, ann = ACTORS[0], Staff("hs"), Client(REVIEWERS[0])
    text = ReviewText("Title", "Body")
    steps = [
        lambda p, at: submit_review(
            p, ann, review_id="r0", service_id="s0", ratings=Ratings(4), text=text, at=at
        ),
        lambda p, at: respond(p, owner, response_id="p0", review_id="r0", text="Hi", at=at),
        lambda p, at: report(
            p, Prospect("x"), report_id="k0", response_id="p0", reason="r", at=at
        ),
        lambda p, at: remove_response(p, staff, response_id="p0", ground="offensive", at=at),
        lambda p, at: respond(p, owner, response_id="p1", review_id="r0", text="Hi", at=at),
        lambda p, at: report(p, Prospect("x"), report_id="k1", review_id="r0", reason="r", at=at),
        lambda p, at: remove_review(p, staff, review_id="r0", ground="profanity", at=at),
        lambda p, at: submit_review(
            p, ann, review_id="r1", service_id="s0", ratings=Ratings(2), text=text, at=at
        ),
        lambda p, at: report(p, Prospect("y"), report_id="k2", review_id="r1", reason="r", at=at),
    ]
    for hours, step in enumerate(steps, start=1):
        profile, _ = step(profile, START + timedelta(hours=hours))
    return profile


POOL = pool_profile()
BARE = DirectoryProfile(PARTNER, TEAM, SERVICES, categories=CATEGORIES)
MOMENTS = st.integers(0, 12).map(lambda hours: START + timedelta(hours=hours))
REMOVALS = st.none() | st.builds(
    Removal,
    st.just("hs"),
    st.just(START + timedelta(hours=12)),
    st.just("offensive"),
    st.none() | st.sampled_from(["k0", "k1", "k2", "kx"]),
    st.none() | st.sampled_from(["r0", "r1"]),
)
new_reviews = st.builds(
    Review,
    st.sampled_from(["rn", "r1"]),
    st.sampled_from(["s0", "s1", "sx"]),
    st.sampled_from([PARTNER, "other"]),
    st.builds(
        Ratings,
        st.integers(0, 7),
        st.just(()),
        st.dictionaries(st.sampled_from(["communication", "price"]), st.integers(0, 6)),
    ),
    st.just(ReviewText("Title", "Body")),
    st.sampled_from(REVIEWERS),
    MOMENTS,
)
new_responses = st.builds(
    Response,
    st.sampled_from(["pn", "p0"]),
    st.sampled_from(["r0", "r1", "rx"]),
    st.just("owner"),
    st.just("Thanks"),
    MOMENTS,
    REMOVALS,
)
DECISIONS = [("open", None, None)] + [
    (status, "hs", START + timedelta(hours=13)) for status in ("upheld", "dismissed")
]
new_reports = st.builds(
    lambda entry_id, review, response, at, decision: Report(
        entry_id,
        Recipient("reporter", "z", "prospect"),
        review,
        response,
        "spam",
        "",
        at,
        *decision,
    ),
    st.sampled_from(["kn", "k2"]),
    st.sampled_from(["r0", "r1", "rx"]),
    st.none() | st.sampled_from(["p0", "p1", "px"]),
    MOMENTS,
    st.sampled_from(DECISIONS),
)


@pytest.mark.parametrize(
    ("field", "entries"),
    [("reviews", new_reviews), ("responses", new_responses), ("reports", new_reports)],
)
@given(data=st.data())
def test_an_entry_added_is_checked_as_the_whole_profile_checks_it(field, entries, data):
    # to a history, or as the first entry of a profile without one
    profile = data.draw(st.sampled_from([POOL, BARE]))
    entry = data.draw(entries)
    try:
        whole = attrs.evolve(profile, **{field: (*getattr(profile, field), entry)})
    except HubPartnerError as error:
        refused = (type(error), error.field, error.value, str(error))
    else:
        assert _added(profile, field, entry) == whole
        return
    with pytest.raises(HubPartnerError) as caught:
        _added(profile, field, entry)
    found = caught.value
    assert (type(found), found.field, found.value, str(found)) == refused


# -- the persistent structures ------------------------------------------------------------

edits = st.lists(st.tuples(st.booleans(), st.integers(0, 10**6), st.integers()), max_size=300)


@given(st.integers(0, 300).map(range), edits)
def test_a_vector_is_a_tuple_that_appends_and_replaces(start, changes):
    model = list(start)
    vector = _Vector.of(tuple(start))
    older = []
    for append, where, value in changes:
        older.append((vector, tuple(model)))
        if append or not model:
            vector, model = vector.appended(value), [*model, value]
        else:
            position = where % len(model)
            vector = vector.replaced(position, value)
            model[position] = value
        assert len(vector) == len(model)
        assert vector.items() == tuple(model)
        assert [vector[i] for i in range(len(model))] == model
    for old, seen in older:  # nothing that was made changed
        assert old.items() == seen


# Keys whose hashes share their low bits land in one branch and one leaf.
keys = st.one_of(st.integers(), st.text(max_size=3), st.integers(0, 20).map(lambda k: k << 12))


@given(st.lists(st.tuples(keys, st.integers()), max_size=300), st.lists(keys, max_size=50))
def test_a_map_is_a_dict_that_takes_new_keys(pairs, probes):
    model: dict = {}
    mapping = _Map()
    older = []
    for key, value in pairs:
        older.append((mapping, dict(model)))
        mapping = mapping.with_value(key, value)
        model[key] = value
    bulk = _Map.of(pairs)
    for key in [*model, *probes]:
        assert mapping.get(key) == model.get(key)
        assert bulk.get(key) == model.get(key)
    for old, seen in older:
        assert all(old.get(key) == value for key, value in seen.items())
        assert all(old.get(key) is None for key in model if key not in seen)


# -- the profile an action made is an ordinary value -----------------------------------


def test_a_profile_an_action_made_is_equal_hashable_picklable_and_evolvable():
    made = pool_profile()
    whole = rebuilt(made)
    assert made == whole
    assert hash(made) == hash(whole)
    assert repr(made) == repr(whole)
    assert pickle.loads(pickle.dumps(pool_profile())) == whole
    assert attrs.asdict(pool_profile()) == attrs.asdict(whole)
    fewer = attrs.evolve(pool_profile(), categories=[])
    assert fewer.reviews == whole.reviews
    assert fewer.categories == ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.reviews = ()  # type: ignore[misc]


def test_a_profile_has_no_attributes_but_its_own():
    made = pool_profile()
    with pytest.raises(AttributeError, match="no attribute 'reviewz'"):
        made.reviewz  # noqa: B018
    assert not hasattr(made, "reviewz")
    half = object.__new__(DirectoryProfile)  # no field set, no index
    with pytest.raises(AttributeError, match="no attribute 'reviews'"):
        half.reviews  # noqa: B018
