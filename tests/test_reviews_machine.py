"""The review lifecycle as a state machine: random submissions, responses, reports,
removals, dismissals and resubmissions, with the directory's invariants checked
after every step and each transition's notifications predicted independently.

Now and then an action is backdated to a random earlier moment: it must be refused
exactly when it would precede an event it depends on, and the history must always
run forwards."""

from datetime import datetime, timedelta
from fractions import Fraction

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from hubpartner.errors import (
    AlreadyRespondedError,
    CorrectionRefusedError,
    InvalidValueError,
    NotActiveError,
    NotPermittedError,
    OutOfOrderError,
    ReviewRefusedError,
)
from hubpartner.reviews import (
    Authentication,
    Client,
    DirectoryProfile,
    Event,
    PaidService,
    PartnerMember,
    Prospect,
    RatingCategory,
    Ratings,
    Recipient,
    RemovalGround,
    ReportStatus,
    Reviewer,
    ReviewText,
    Role,
    Staff,
    TeamMember,
    correct_response,
    correct_review,
    correction_problem,
    dismiss_report,
    public_view,
    remove_response,
    remove_review,
    report,
    respond,
    submit_review,
    summary,
)

PARTNER = "northwind"
ACME = "acme"
REVIEWERS = {
    # two people of one client company, and a reviewer who is their own client
    "ann": Reviewer(
        "ann", "Ann Private", "ann@secret.example", "AnnCo", "hubspot-login", organisation=ACME
    ),
    "bob": Reviewer(
        "bob",
        "Bob Private",
        "bob@secret.example",
        "BobCo",
        "hubspot-login",
        response_emails=False,
        organisation=ACME,
    ),
    "lin": Reviewer("lin", "Lin Private", "lin@secret.example", "LinCo", "linkedin"),
}
PRIVATE = [text for r in REVIEWERS.values() for text in (r.name, r.email, r.company)]
SERVICES = [
    PaidService(f"{client}-{n}", PARTNER, client, paid=(n != 0))
    for client in (ACME, "lin")
    for n in range(3)
]
TEAM = [TeamMember("owner", True), TeamMember("intern", False), TeamMember("sales", True)]
ME = PartnerMember(PARTNER, "owner")
STAFF = Staff("hs")
# four reporters with the same id "p1", each a different person
REPORTERS = [
    Prospect("p1"),
    Prospect("p2"),
    Client(REVIEWERS["ann"]),
    PartnerMember("rival", "p1"),
    PartnerMember("other-rival", "p1"),
    Staff("p1"),
]
#: Who each reporter is, written out by hand.
REPORTER_IDENTITIES = [
    ("p1", "prospect", None),
    ("p2", "prospect", None),
    ("ann", "client", ACME),
    ("p1", "partner member", "rival"),
    ("p1", "partner member", "other-rival"),
    ("p1", "HubSpot staff", None),
]


START = datetime(2025, 1, 1)
BODY = "They were slow and not helpful in 2 weeks"
THANKS = "Sorry we were late"
#: Edits support might try on a word: typos, and changes of meaning.
EDITS = {
    "slow": ["slwo", "flow", "fast", "slowly"],
    "slwo": ["slow"],
    "flow": ["flaw", "slow"],
    "flaw": ["flat"],
    "flat": ["fat"],
    "fat": ["fast"],
    "not": ["nto", "no"],
    "helpful": ["helpfull", "unhelpful", "useful"],
    "helpfull": ["helpful", "unhelpfull"],
    "2": ["3", "two"],
    "weeks": ["weks", "days"],
    "were": ["was", "wore"],
    "late": ["lat", "early", "later"],
    "lat": ["late"],
    "sorry": ["sory", "happy"],
}
#: Words that change the meaning of BODY or THANKS wherever they appear.
MEANING = {"fast", "flat", "fat", "nto", "unhelpful", "unhelpfull", "useful", "3", "two"}
MEANING |= {"days", "early", "happy"}
#: "communication" must be rated, "expertise" may be; "price" is no category here.
CATEGORIES = [RatingCategory("communication"), RatingCategory("expertise", required=False)]


def stamps(item):
    """When a review or response was submitted and corrected."""
    return [item.submitted_at, *(c.at for c in item.corrections)]


def in_order(at, earlier):
    """Whether ``at`` comes after (or with) every moment of ``earlier``."""
    return all(at >= moment for moment in earlier)


def reachable(reviewer):
    return reviewer.authentication is not Authentication.LINKEDIN


class Directory(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.profile = DirectoryProfile(
            PARTNER, team=TEAM, services=SERVICES, categories=CATEGORIES
        )
        self.clock = START
        self.serial = 0
        self.submitted_ids: list[str] = []

    def open_reporters(self, *targets):
        """Who reported any of ``targets`` ((review, response) pairs) and is still waiting,
        each once, in the order they reported."""
        reporters = []
        for entry in self.profile.reports:
            target = (entry.review, entry.response)
            if (
                entry.status is ReportStatus.OPEN
                and target in targets
                and entry.reporter not in reporters
            ):
                reporters.append(entry.reporter)
        return reporters

    def tick(self, data):
        """The moment of the next action (usually an hour on; sometimes any moment
        since the start) and a fresh serial number for its id."""
        self.serial += 1
        if data.draw(st.integers(0, 3), label="backdate?") == 0:
            minutes = int((self.clock - START).total_seconds() // 60)
            return START + timedelta(minutes=data.draw(st.integers(0, minutes))), str(self.serial)
        self.clock += timedelta(hours=1)
        return self.clock, str(self.serial)

    def open_reports(self, *targets):
        return [
            entry
            for entry in self.profile.reports
            if entry.status is ReportStatus.OPEN and (entry.review, entry.response) in targets
        ]

    # -- actions ------------------------------------------------------------------

    @rule(
        data=st.data(),
        who=st.sampled_from(sorted(REVIEWERS)),
        service=st.sampled_from(SERVICES),
        stars=st.integers(1, 5),
        categories=st.dictionaries(
            st.sampled_from(["communication", "expertise", "price"]), st.integers(1, 5)
        ),
    )
    def submit(self, data, who, service, stars, categories):
        at, serial = self.tick(data)
        freed = [
            r.removal.at for r in self.profile.reviews if r.service == service.id and r.removal
        ]
        reviewer = REVIEWERS[who]
        taken = any(r.service == service.id for r in self.profile.active_reviews())
        client = reviewer.organisation or reviewer.id
        eligible = service.paid and service.client == client and not taken
        rated = "communication" in categories and "price" not in categories
        try:
            new, notices = submit_review(
                self.profile,
                Client(reviewer),
                review_id=f"r{serial}",
                service_id=service.id,
                ratings=Ratings(stars, categories=categories),
                text=ReviewText("Title", BODY),
                at=at,
            )
        except ReviewRefusedError:
            assert rated
            assert not eligible
            return
        except OutOfOrderError:
            assert rated
            assert eligible
            assert not in_order(at, freed)
            return
        except InvalidValueError:  # a required category missing, or an unknown one
            assert not rated
            return
        assert rated
        assert eligible
        assert in_order(at, freed)
        expected = [Recipient(Role.PARTNER, PARTNER)] + [
            Recipient(Role.TEAM_MEMBER, m.user) for m in TEAM if m.marketplace_notifications
        ]
        assert [n.to for n in notices] == expected
        assert all(n.event is Event.NEW_REVIEW and n.reachable for n in notices)
        self.profile = new
        self.submitted_ids.append(f"r{serial}")

    @precondition(lambda self: self.profile.reviews)
    @rule(data=st.data())
    def respond(self, data):
        review = data.draw(st.sampled_from(self.profile.reviews))
        at, serial = self.tick(data)
        earlier = [review.submitted_at] + [
            r.removal.at for r in self.profile.responses if r.review == review.id and r.removal
        ]
        try:
            new, notices = respond(
                self.profile,
                ME,
                response_id=f"p{serial}",
                review_id=review.id,
                text=THANKS,
                at=at,
            )
        except NotActiveError:
            assert not review.active
            return
        except AlreadyRespondedError:
            assert self.profile.active_response(review.id) is not None
            return
        except OutOfOrderError:
            assert not in_order(at, earlier)
            return
        assert review.active
        assert in_order(at, earlier)
        if review.reviewer.response_emails:
            (notice,) = notices
            assert notice.to == Recipient(Role.REVIEWER, review.reviewer.id)
            assert notice.event is Event.NEW_RESPONSE
            assert notice.reachable is reachable(review.reviewer)
        else:
            assert notices == ()
        self.profile = new

    @precondition(lambda self: self.profile.reviews)
    @rule(data=st.data())
    def reviewer_tries_to_reply(self, data):
        review = data.draw(st.sampled_from(self.profile.reviews))
        at, serial = self.tick(data)
        try:
            respond(
                self.profile,
                Client(review.reviewer),
                response_id=f"p{serial}",
                review_id=review.id,
                text="But!",
                at=at,
            )
        except NotPermittedError:
            return
        raise AssertionError("a reviewer replied")

    @precondition(lambda self: self.profile.reviews)
    @rule(
        data=st.data(),
        who=st.sampled_from(range(len(REPORTERS))),
        on_response=st.booleans(),
        name_the_review=st.booleans(),
    )
    def report(self, data, who, on_response, name_the_review):
        review = data.draw(st.sampled_from(self.profile.reviews))
        responses = [r for r in self.profile.responses if r.review == review.id]
        response = data.draw(st.sampled_from(responses)) if on_response and responses else None
        target = response or review
        at, serial = self.tick(data)
        before = (public_view(self.profile), summary(self.profile))
        try:
            new, notices = report(
                self.profile,
                REPORTERS[who],
                report_id=f"k{serial}",
                # a response's review is implied by the response
                review_id=review.id if name_the_review or response is None else None,
                response_id=response.id if response else None,
                reason="guidelines",
                at=at,
            )
        except NotActiveError:
            assert not target.active
            return
        except OutOfOrderError:
            assert not in_order(at, [target.submitted_at])
            return
        assert target.active
        assert in_order(at, [target.submitted_at])
        assert notices == ()
        assert (public_view(new), summary(new)) == before
        entry = new.report_entry(f"k{serial}")
        assert (entry.review, entry.response) == (review.id, response.id if response else None)
        reporter = entry.reporter
        identity = (reporter.id, reporter.party.value, reporter.organisation)
        assert (reporter.role, identity) == (Role.REPORTER, REPORTER_IDENTITIES[who])
        self.profile = new

    @precondition(lambda self: self.profile.reviews)
    @rule(data=st.data(), ground=st.sampled_from(list(RemovalGround)))
    def remove_review(self, data, ground):
        review = data.draw(st.sampled_from(self.profile.reviews))
        at, _ = self.tick(data)
        response = self.profile.active_response(review.id)
        targets = [(review.id, None)] + ([(review.id, response.id)] if response else [])
        reporters = self.open_reporters(*targets)
        earlier = stamps(review) + (stamps(response) if response else [])
        earlier += [entry.at for entry in self.open_reports(*targets)]
        try:
            new, notices = remove_review(
                self.profile, STAFF, review_id=review.id, ground=ground, at=at
            )
        except NotActiveError:
            assert not review.active
            return
        except OutOfOrderError:
            assert not in_order(at, earlier)
            return
        assert in_order(at, earlier)
        expected = [
            *reporters,
            Recipient(Role.PARTNER, PARTNER),
            Recipient(Role.REVIEWER, review.reviewer.id),
        ]
        assert [n.to for n in notices] == expected
        assert all(n.event is Event.REVIEW_REMOVED for n in notices)
        assert {n.response for n in notices} == {response.id if response else None}
        assert notices[-1].reachable is reachable(review.reviewer)
        assert all(n.reachable for n in notices[:-1])
        if response is not None:  # the response goes with its review
            gone = new.response(response.id)
            assert (gone.removal.at, gone.removal.with_review) == (at, review.id)
        assert new.active_response(review.id) is None
        self.profile = new

    @precondition(lambda self: self.profile.responses)
    @rule(data=st.data())
    def remove_response(self, data):
        response = data.draw(st.sampled_from(self.profile.responses))
        at, _ = self.tick(data)
        reporters = self.open_reporters((response.review, response.id))
        earlier = stamps(response) + [
            entry.at for entry in self.open_reports((response.review, response.id))
        ]
        try:
            new, notices = remove_response(
                self.profile, STAFF, response_id=response.id, ground="offensive", at=at
            )
        except NotActiveError:
            assert not response.active
            return
        except OutOfOrderError:
            assert not in_order(at, earlier)
            return
        assert in_order(at, earlier)
        assert [n.to for n in notices] == [*reporters, Recipient(Role.PARTNER, PARTNER)]
        assert all(n.event is Event.RESPONSE_REMOVED for n in notices)
        self.profile = new

    @precondition(lambda self: self.profile.reports)
    @rule(data=st.data())
    def dismiss(self, data):
        entry = data.draw(st.sampled_from(self.profile.reports))
        at, _ = self.tick(data)
        try:
            new, notices = dismiss_report(self.profile, STAFF, report_id=entry.id, at=at)
        except NotActiveError:
            assert entry.status is not ReportStatus.OPEN
            return
        except OutOfOrderError:
            assert at < entry.at
            return
        assert at >= entry.at
        assert notices == ()
        assert public_view(new) == public_view(self.profile)
        self.profile = new

    @precondition(lambda self: self.profile.reviews)
    @rule(data=st.data(), on_response=st.booleans())
    def correct(self, data, on_response):
        entries = self.profile.responses if on_response else ()
        item = data.draw(st.sampled_from(entries or self.profile.reviews))
        words = (item.text if isinstance(item.text, str) else item.text.body).split(" ")
        editable = [n for n, word in enumerate(words) if word.lower() in EDITS]
        if not editable:
            return
        position = data.draw(st.sampled_from(editable))
        words[position] = data.draw(st.sampled_from(EDITS[words[position].lower()]))
        at, _ = self.tick(data)
        try:
            if isinstance(item.text, str):
                text = " ".join(words)
                new, notices = correct_response(
                    self.profile, STAFF, response_id=item.id, text=text, at=at
                )
            else:
                text = ReviewText(item.text.title, " ".join(words))
                new, notices = correct_review(
                    self.profile, STAFF, review_id=item.id, text=text, at=at
                )
        except NotActiveError:
            assert not item.active
            return
        except OutOfOrderError:
            assert not in_order(at, stamps(item))
            return
        except CorrectionRefusedError:
            return
        assert item.active
        assert in_order(at, stamps(item))
        assert not MEANING & {word.lower() for word in words}
        assert notices == ()
        self.profile = new

    @precondition(lambda self: self.profile.reviews)
    @rule(data=st.data())
    def partner_tries_to_remove(self, data):
        review = data.draw(st.sampled_from(self.profile.reviews))
        try:
            remove_review(self.profile, ME, review_id=review.id, ground="offensive", at=self.clock)
        except NotPermittedError:
            return
        raise AssertionError("a partner removed a review")

    # -- invariants -----------------------------------------------------------------

    @invariant()
    def locked_text_keeps_its_meaning(self):
        for item in (*self.profile.reviews, *self.profile.responses):
            text, original = item.text, item.original_text
            if not isinstance(text, str):
                assert text.title == original.title
                text, original = text.body, original.body
            assert correction_problem(original, text) in (None, "nothing changed")
            assert not MEANING & set(text.lower().split(" "))

    @invariant()
    def history_runs_forwards(self):
        reviews = {r.id: r for r in self.profile.reviews}
        responses = {r.id: r for r in self.profile.responses}
        for item in (*self.profile.reviews, *self.profile.responses):
            moments = stamps(item) + ([item.removal.at] if item.removal else [])
            assert moments == sorted(moments)
        for response in self.profile.responses:
            assert response.submitted_at >= reviews[response.review].submitted_at
        for entry in self.profile.reports:
            target = responses[entry.response] if entry.response else reviews[entry.review]
            assert entry.at >= target.submitted_at
            assert entry.decided_at is None or entry.decided_at >= entry.at
        for kind, key in ((self.profile.reviews, "service"), (self.profile.responses, "review")):
            last = {}
            for item in kind:
                previous = last.get(getattr(item, key))
                if previous is not None:  # a new one only once the one before was removed
                    assert item.submitted_at >= previous.removal.at
                last[getattr(item, key)] = item

    @invariant()
    def one_active_review_per_paid_service(self):
        services = [r.service for r in self.profile.active_reviews()]
        assert len(services) == len(set(services))

    @invariant()
    def one_active_response_per_review(self):
        reviews = [r.review for r in self.profile.responses if r.active]
        assert len(reviews) == len(set(reviews))
        shown = {r.id for r in self.profile.active_reviews()}
        assert all(
            r.review in {x.id for x in self.profile.reviews} for r in self.profile.responses
        )
        assert {p.id for p in public_view(self.profile)} == shown

    @invariant()
    def nothing_outlives_its_review(self):
        removed = {r.id for r in self.profile.reviews if not r.active}
        assert not any(r.active and r.review in removed for r in self.profile.responses)
        gone = removed | {r.id for r in self.profile.responses if not r.active}
        for entry in self.profile.reports:
            if entry.status is ReportStatus.OPEN:
                assert entry.review not in removed
                assert entry.response not in gone

    @invariant()
    def count_and_average_match_the_history(self):
        stars = [r.ratings.overall for r in self.profile.reviews if r.removal is None]
        result = summary(self.profile)
        assert result.count == len(stars)
        if stars:
            assert result.average == Fraction(sum(stars), len(stars))
        assert sum(count for _, count in result.distribution) == len(stars)
        assert [c.category for c in result.categories] == ["overall", "communication", "expertise"]
        for category in result.categories:
            given = [
                dict(r.ratings.categories, overall=r.ratings.overall)[category.category]
                for r in self.profile.reviews
                if r.removal is None
                and (
                    category.category == "overall"
                    or category.category in dict(r.ratings.categories)
                )
            ]
            assert category.count == len(given)
            assert category.total_stars == sum(given)
            assert dict(category.distribution) == {star: given.count(star) for star in range(1, 6)}

    @invariant()
    def nothing_is_ever_deleted(self):
        assert [r.id for r in self.profile.reviews] == self.submitted_ids
        for review in self.profile.reviews:
            if review.removal is not None:
                assert review.removal.by == "hs"

    @invariant()
    def no_reviewer_information_in_the_public_view(self):
        shown = public_view(self.profile)
        text = repr(shown) + repr(self.profile) + repr(summary(self.profile))
        assert not any(private in text for private in PRIVATE)

        def walk(value):
            assert not isinstance(value, Reviewer)
            if attrs.has(type(value)):
                for field in attrs.fields(type(value)):
                    walk(getattr(value, field.name))
            elif isinstance(value, tuple):
                for item in value:
                    walk(item)

        walk(shown)


TestDirectory = Directory.TestCase
