"""Reviews: eligibility, permissions, notifications, removals, corrections, summaries."""

import contextlib
import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Rounding, RoundingPolicy
from hubpartner._checks import MAX_TEXT_LENGTH
from hubpartner.errors import (
    AlreadyRespondedError,
    CorrectionRefusedError,
    DuplicateIdError,
    EmptyTallyError,
    InconsistentHistoryError,
    InvalidTypeError,
    InvalidValueError,
    MixedTimeZonesError,
    NotActiveError,
    NotPermittedError,
    OutOfOrderError,
    ReviewRefusedError,
    UnknownEntryError,
)
from hubpartner.reviews import (
    Affiliation,
    Authentication,
    Client,
    Correction,
    DirectoryProfile,
    Event,
    Notification,
    PaidService,
    PartnerMember,
    Party,
    Prospect,
    PublicResponse,
    PublicReview,
    RatingCategory,
    Ratings,
    RatingScale,
    Recipient,
    Refusal,
    Removal,
    RemovalGround,
    ReportStatus,
    Reviewer,
    ReviewRules,
    ReviewText,
    Role,
    Staff,
    TeamMember,
    correct_response,
    correct_review,
    correction_problem,
    dismiss_report,
    eligibility,
    public_view,
    remove_response,
    remove_review,
    report,
    respond,
    review_rules,
    submit_review,
    summary,
)

AT = datetime(2025, 6, 2, 10, 0)
PARTNER = "northwind"
ANN = Reviewer("ann", "Ann Lee", "ann@client.example", "Client AB", Authentication.HUBSPOT_LOGIN)
LIN = Reviewer("lin", "Lin Ma", "lin@client.example", "Client Oy", Authentication.LINKEDIN)
PROFILE = DirectoryProfile(
    PARTNER,
    team=[TeamMember("owner", True), TeamMember("intern", False), TeamMember("sales", True)],
    services=[
        PaidService("s1", PARTNER, "ann", True, "HubSpot onboarding"),
        PaidService("s2", PARTNER, "ann", False, "free audit"),
        PaidService("s3", "other-partner", "ann", True),
        PaidService("s4", PARTNER, "lin", True),
        PaidService("s5", PARTNER, "ann", True, "migration"),
    ],
)
ME = PartnerMember(PARTNER, "owner")
STAFF = Staff("hs-42")
GOOD = Ratings(5, ("Onboarding",))
TEXT = ReviewText("Great onboarding", "They set up our portal in two weeks.")


def submitted(profile=PROFILE, reviewer=ANN, service="s1", review_id="r1", stars=5):
    new, _ = submit_review(
        profile,
        Client(reviewer),
        review_id=review_id,
        service_id=service,
        ratings=Ratings(stars),
        text=TEXT,
        at=AT,
    )
    return new


def partner(event, review="r1", response=None):
    return Notification(Recipient(Role.PARTNER, PARTNER), event, review, response)


# -- eligibility ------------------------------------------------------------------------------


def test_an_eligible_reviewer_has_no_refusals():
    assert eligibility(PROFILE, ANN, PROFILE.service("s1")) == ()


def test_eligibility_lists_every_reason_not_just_the_first():
    anyone = Reviewer(
        "zed",
        "Zed",
        "z@x.example",
        "Zed Inc",
        Authentication.NONE,
        affiliations={
            Affiliation.PARTNER_EMPLOYEE_OR_CONTRACTOR,
            Affiliation.EVENT_ATTENDEE,
            Affiliation.HUBSPOT_EMPLOYEE,
            Affiliation.OTHER_PARTNER,
        },
    )
    assert eligibility(PROFILE, anyone, PaidService("x", "elsewhere", "ann", False)) == (
        Refusal.NOT_PAID,
        Refusal.NOT_THIS_PARTNER,
        Refusal.NOT_THIS_CLIENT,
        Refusal.NOT_AUTHENTICATED,
        Refusal.PARTNER_EMPLOYEE_OR_CONTRACTOR,
        Refusal.EVENT_ATTENDEE,
        Refusal.HUBSPOT_EMPLOYEE,
        Refusal.UNDISCLOSED_PARTNER,
    )


@pytest.mark.parametrize(
    ("disclosed", "contracted", "refused"),
    [(False, False, True), (True, False, True), (False, True, True), (True, True, False)],
)
def test_another_partner_may_review_only_when_disclosed_and_contracted(
    disclosed, contracted, refused
):
    other = Reviewer(
        "ann",
        "Ann",
        "a@x.example",
        "Partner Co",
        Authentication.HUBSPOT_LOGIN,
        affiliations=[Affiliation.OTHER_PARTNER],
        affiliation_disclosed=disclosed,
        work_contracted=contracted,
    )
    reasons = eligibility(PROFILE, other, PROFILE.service("s1"))
    assert (Refusal.UNDISCLOSED_PARTNER in reasons) is refused


def test_linkedin_counts_as_authenticated():
    assert eligibility(PROFILE, LIN, PROFILE.service("s4")) == ()


def test_one_review_per_paid_service_and_a_removal_frees_it():
    profile = submitted()
    assert eligibility(profile, ANN, profile.service("s1")) == (Refusal.ALREADY_REVIEWED,)
    assert eligibility(profile, ANN, profile.service("s5")) == ()
    removed, _ = remove_review(
        profile, STAFF, review_id="r1", ground=RemovalGround.PROFANITY, at=AT
    )
    assert eligibility(removed, ANN, removed.service("s1")) == ()
    again = submitted(removed, review_id="r2")
    assert [r.id for r in again.reviews] == ["r1", "r2"]


def test_a_refused_submission_says_every_reason():
    with pytest.raises(ReviewRefusedError) as caught:
        submitted(service="s2", reviewer=LIN)
    assert caught.value.reasons == (Refusal.NOT_PAID, Refusal.NOT_THIS_CLIENT)
    assert "not a paid service" in str(caught.value)
    assert "not delivered to this reviewer" in str(caught.value)


# -- permissions ----------------------------------------------------------------------------


def test_staff_cannot_submit_a_review_for_a_client():
    with pytest.raises(NotPermittedError, match="submit a review"):
        submit_review(
            PROFILE, STAFF, review_id="r1", service_id="s1", ratings=GOOD, text=TEXT, at=AT
        )
    with pytest.raises(NotPermittedError):
        submit_review(PROFILE, ME, review_id="r1", service_id="s1", ratings=GOOD, text=TEXT, at=AT)


def test_the_reviewer_cannot_respond_or_reply():
    profile = submitted()
    with pytest.raises(NotPermittedError, match="respond"):
        respond(profile, Client(ANN), response_id="p1", review_id="r1", text="Thanks!", at=AT)
    with pytest.raises(NotPermittedError):
        respond(profile, STAFF, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    with pytest.raises(NotPermittedError):
        respond(
            profile,
            PartnerMember("other-partner", "x"),
            response_id="p1",
            review_id="r1",
            text="Thanks!",
            at=AT,
        )


@pytest.mark.parametrize("actor", [ME, Client(ANN), Prospect("visitor")])
def test_only_staff_remove_dismiss_and_correct(actor):
    profile = submitted()
    profile, _ = respond(profile, ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    profile, _ = report(
        profile, Prospect("v"), report_id="k1", review_id="r1", reason="spam", at=AT
    )
    calls = [
        lambda: remove_review(profile, actor, review_id="r1", ground="offensive", at=AT),
        lambda: remove_response(profile, actor, response_id="p1", ground="offensive", at=AT),
        lambda: dismiss_report(profile, actor, report_id="k1", at=AT),
        lambda: correct_review(profile, actor, review_id="r1", text=TEXT, at=AT),
        lambda: correct_response(profile, actor, response_id="p1", text="Thanks.", at=AT),
    ]
    for call in calls:
        with pytest.raises(NotPermittedError, match="HubSpot"):
            call()


def test_a_not_permitted_error_is_a_permission_error_naming_actor_and_action():
    with pytest.raises(PermissionError) as caught:
        remove_review(submitted(), ME, review_id="r1", ground="offensive", at=AT)
    assert caught.value.actor == ME
    assert caught.value.action == "remove a review"


# -- notifications --------------------------------------------------------------------------


def test_a_new_review_notifies_the_partner_and_subscribed_team_members():
    _, notices = submit_review(
        PROFILE, Client(ANN), review_id="r1", service_id="s1", ratings=GOOD, text=TEXT, at=AT
    )
    assert notices == (
        partner(Event.NEW_REVIEW),
        Notification(Recipient(Role.TEAM_MEMBER, "owner"), Event.NEW_REVIEW, "r1"),
        Notification(Recipient(Role.TEAM_MEMBER, "sales"), Event.NEW_REVIEW, "r1"),
    )


def test_the_reviewer_is_emailed_the_response_unless_opted_out():
    _, notices = respond(submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    assert notices == (
        Notification(Recipient(Role.REVIEWER, "ann"), Event.NEW_RESPONSE, "r1", "p1"),
    )
    quiet = Reviewer("ann", "Ann", "a@x.example", "C", "hubspot-login", response_emails=False)
    _, notices = respond(
        submitted(reviewer=quiet), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT
    )
    assert notices == ()


def test_a_linkedin_reviewer_cannot_be_emailed_and_the_notice_says_so():
    profile = submitted(reviewer=LIN, service="s4")
    _, notices = respond(profile, ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    (notice,) = notices
    assert notice.to == Recipient(Role.REVIEWER, "lin")
    assert not notice.reachable
    assert "LinkedIn" in notice.note


def test_reporting_changes_nothing_visible_and_notifies_no_one():
    profile = submitted()
    reported, notices = report(
        profile,
        Prospect("visitor"),
        report_id="k1",
        review_id="r1",
        reason="fake",
        comments="never a client",
        at=AT,
    )
    assert notices == ()
    assert public_view(reported) == public_view(profile)
    assert summary(reported) == summary(profile)
    (entry,) = reported.reports
    assert (entry.status, entry.reporter, entry.reason, entry.comments) == (
        ReportStatus.OPEN,
        Recipient(Role.REPORTER, "visitor", Party.PROSPECT),
        "fake",
        "never a client",
    )


@pytest.mark.parametrize(
    ("actor", "reporter"),
    [
        (Prospect("p"), Recipient(Role.REPORTER, "p", Party.PROSPECT)),
        (Client(LIN), Recipient(Role.REPORTER, "lin", Party.CLIENT)),
        (PartnerMember("rival", "r"), Recipient(Role.REPORTER, "r", "partner member", "rival")),
        (STAFF, Recipient(Role.REPORTER, "hs-42", Party.STAFF)),
    ],
)
def test_anyone_can_report(actor, reporter):
    profile, _ = report(submitted(), actor, report_id="k1", review_id="r1", reason="x", at=AT)
    assert profile.reports[0].reporter == reporter


def test_removing_a_review_notifies_reporters_partner_and_logged_in_reviewer():
    profile = submitted()
    for number, who in enumerate([Prospect("p1"), Prospect("p2"), Prospect("p1")]):
        profile, _ = report(
            profile, who, report_id=f"k{number}", review_id="r1", reason="rude", at=AT
        )
    removed, notices = remove_review(
        profile, STAFF, review_id="r1", ground=RemovalGround.OFFENSIVE, at=AT
    )
    assert notices == (
        Notification(Recipient(Role.REPORTER, "p1", Party.PROSPECT), Event.REVIEW_REMOVED, "r1"),
        Notification(Recipient(Role.REPORTER, "p2", Party.PROSPECT), Event.REVIEW_REMOVED, "r1"),
        partner(Event.REVIEW_REMOVED),
        Notification(Recipient(Role.REVIEWER, "ann"), Event.REVIEW_REMOVED, "r1"),
    )
    assert {r.status for r in removed.reports} == {ReportStatus.UPHELD}
    review = removed.review("r1")
    assert (review.removal.by, review.removal.at, review.removal.ground) == (
        "hs-42",
        AT,
        RemovalGround.OFFENSIVE,
    )
    assert review.removal.report == "k0"


def test_removing_a_linkedin_review_cannot_reach_the_reviewer():
    profile = submitted(reviewer=LIN, service="s4")
    _, notices = remove_review(profile, STAFF, review_id="r1", ground="guideline violation", at=AT)
    assert notices[0] == partner(Event.REVIEW_REMOVED)
    assert notices[1].to == Recipient(Role.REVIEWER, "lin")
    assert notices[1].reachable is False


def test_removing_a_response_notifies_reporter_and_partner_and_allows_a_new_one():
    profile = submitted()
    profile, _ = respond(profile, ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    profile, _ = report(
        profile,
        Client(ANN),
        report_id="k1",
        review_id="r1",
        response_id="p1",
        reason="rude",
        at=AT,
    )
    removed, notices = remove_response(
        profile, STAFF, response_id="p1", ground=RemovalGround.PROFANITY, at=AT
    )
    assert notices == (
        Notification(
            Recipient(Role.REPORTER, "ann", Party.CLIENT), Event.RESPONSE_REMOVED, "r1", "p1"
        ),
        partner(Event.RESPONSE_REMOVED, response="p1"),
    )
    again, _ = respond(removed, ME, response_id="p2", review_id="r1", text="Sorry.", at=AT)
    assert [r.id for r in again.responses] == ["p1", "p2"]
    assert again.response("p1").removal.ground is RemovalGround.PROFANITY
    assert public_view(again)[0].response.id == "p2"


def test_a_dismissed_report_leaves_the_review_and_notifies_no_one():
    profile, _ = report(
        submitted(), Prospect("p"), report_id="k1", review_id="r1", reason="x", at=AT
    )
    dismissed, notices = dismiss_report(profile, STAFF, report_id="k1", at=AT)
    assert notices == ()
    assert dismissed.report_entry("k1").status is ReportStatus.DISMISSED
    assert dismissed.report_entry("k1").decided_by == "hs-42"
    assert public_view(dismissed) == public_view(profile)
    with pytest.raises(NotActiveError):
        dismiss_report(dismissed, STAFF, report_id="k1", at=AT)


# -- refusals of state ----------------------------------------------------------------------


def test_a_partner_responds_once():
    profile, _ = respond(submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    with pytest.raises(AlreadyRespondedError, match="responds once"):
        respond(profile, ME, response_id="p2", review_id="r1", text="Again", at=AT)


def test_removed_entries_cannot_be_acted_on_again():
    profile, _ = respond(submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    gone, _ = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=AT)
    with pytest.raises(NotActiveError):
        remove_review(gone, STAFF, review_id="r1", ground="offensive", at=AT)
    with pytest.raises(NotActiveError):
        respond(gone, ME, response_id="p2", review_id="r1", text="Hi", at=AT)
    with pytest.raises(NotActiveError):
        report(gone, Prospect("p"), report_id="k1", review_id="r1", reason="x", at=AT)
    no_response, _ = remove_response(profile, STAFF, response_id="p1", ground="profanity", at=AT)
    with pytest.raises(NotActiveError):
        remove_response(no_response, STAFF, response_id="p1", ground="profanity", at=AT)
    with pytest.raises(NotActiveError):
        report(
            no_response,
            Prospect("p"),
            report_id="k1",
            review_id="r1",
            response_id="p1",
            reason="x",
            at=AT,
        )


def test_only_the_allowed_grounds_remove():
    with pytest.raises(InvalidValueError, match="offensive, profanity or guideline violation"):
        remove_review(submitted(), STAFF, review_id="r1", ground="unflattering", at=AT)


def test_ids_must_be_known_and_unique():
    profile = submitted()
    with pytest.raises(UnknownEntryError, match="review"):
        respond(profile, ME, response_id="p1", review_id="r9", text="Hi", at=AT)
    with pytest.raises(UnknownEntryError, match="service"):
        submitted(service="s9", review_id="r2")
    with pytest.raises(DuplicateIdError):
        submitted(profile, service="s5", review_id="r1")
    with pytest.raises(UnknownEntryError):
        dismiss_report(profile, STAFF, report_id="k9", at=AT)
    with pytest.raises(UnknownEntryError):
        remove_response(profile, STAFF, response_id="p9", ground="offensive", at=AT)
    with pytest.raises(UnknownEntryError, match="response"):
        report(
            profile,
            Prospect("p"),
            report_id="k1",
            review_id="r1",
            response_id="p9",
            reason="x",
            at=AT,
        )


def test_a_response_reported_under_the_wrong_review_is_refused():
    profile = submitted(submitted(), service="s5", review_id="r2")
    profile, _ = respond(profile, ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    with pytest.raises(InvalidValueError, match="a response to 'r2'"):
        report(
            profile,
            Prospect("p"),
            report_id="k1",
            review_id="r2",
            response_id="p1",
            reason="x",
            at=AT,
        )


@pytest.mark.parametrize("stars", [0, 6, True, 4.5, "5"])
def test_the_overall_rating_is_an_int_on_the_scale(stars):
    with pytest.raises((InvalidValueError, InvalidTypeError)):
        submitted(stars=stars)


def test_the_rating_scale_is_configuration():
    assert RatingScale(1, 5).check(4) == 4
    for stars in (True, 4.0, "4"):
        with pytest.raises(InvalidTypeError, match="overall"):
            RatingScale(1, 5).check(stars)
    ten = DirectoryProfile(PARTNER, services=PROFILE.services, scale=RatingScale(1, 10))
    profile = submitted(ten, stars=9)
    assert summary(profile).distribution[-2] == (9, 1)
    with pytest.raises(InvalidValueError):
        RatingScale(5, 5)


def test_a_report_needs_an_actor():
    with pytest.raises(InvalidTypeError, match="actor"):
        report(submitted(), "someone", report_id="k1", review_id="r1", reason="x", at=AT)


def test_values_refuse_bad_fields():
    with pytest.raises(InvalidTypeError):
        ReviewText("", "body")
    with pytest.raises(InvalidTypeError):
        Ratings(5, "Onboarding")
    with pytest.raises(InvalidTypeError):
        Reviewer("x", "X", "x@x", "X", "hubspot-login", affiliations="event")
    with pytest.raises(InvalidValueError):
        Reviewer("x", "X", "x@x", "X", "carrier pigeon")
    with pytest.raises(InvalidTypeError):
        PaidService("s", PARTNER, "ann", "yes")
    with pytest.raises(InvalidTypeError):
        submit_review(
            PROFILE, Client(ANN), review_id="r1", service_id="s1", ratings=5, text=TEXT, at=AT
        )
    with pytest.raises(InvalidTypeError):
        submitted(
            profile=PROFILE.with_service(PaidService("s9", PARTNER, "ann", True)),
            service="s9",
            review_id=" ",
        )
    with pytest.raises(InvalidTypeError):
        report(
            submitted(), STAFF, report_id="k1", review_id="r1", reason="x", comments=None, at=AT
        )
    with pytest.raises(InvalidTypeError):
        respond(submitted(), ME, response_id="p1", review_id="r1", text="Hi", at="today")
    with pytest.raises(DuplicateIdError):
        DirectoryProfile(PARTNER, services=[PROFILE.services[0], PROFILE.services[0]])


# -- privacy --------------------------------------------------------------------------------


def test_reviewer_information_never_shows():
    profile = submitted()
    review = profile.review("r1")
    for text in (repr(review), repr(profile), repr(public_view(profile)), repr(summary(profile))):
        for private in ("Ann Lee", "ann@client.example", "Client AB"):
            assert private not in text
    assert repr(ANN) == "Reviewer(id='ann')"
    assert repr(Client(ANN)) == "Client('ann')"
    assert review.reviewer == ANN  # kept for HubSpot


# -- corrections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Thier team was grate", "Their team was great."),
        ("They was very helpfull", "They were very helpful"),
        ("The the team delivered on time", "The team delivered on time."),
        ("form the start", "From the start!"),
        ("Recieved an great service", "Received a great service"),
        ("Setup took 2 weeks", "Set-up took 2 weeks"),
        # misspelt words that start like a negating prefix can still be fixed
        ("It arrived imediately", "It arrived immediately"),
        ("They helped us inprove", "They helped us improve"),
        ("We were dissapointed", "We were disappointed"),
        ("An unforseen delay", "An unforeseen delay"),
        ("Totally irelevant", "Totally irrelevant"),
        ("Not ilegal", "Not illegal"),
    ],
)
def test_spelling_and_grammar_corrections_are_allowed(before, after):
    assert correction_problem(before, after) is None


@pytest.mark.parametrize(
    ("before", "after", "reason"),
    [
        ("Great service", "Great service", "nothing changed"),
        ("Setup took 2 weeks", "Setup took 3 weeks", "a number changed"),
        ("The team was great", "The team was not great", "negation"),
        ("They didn't answer", "They did answer", "negation"),
        ("Great service", "Terrible service", "opposite"),
        ("Great service", "Flawless service", "more than a spelling fix"),
        ("Good work", "Good work, highly recommended", "was added or removed"),
        ("Slow and expensive", "Slow", "was added or removed"),
        ("ok", "ok a an the of in", "short words"),
        # a typo fix never reverses meaning: opposites, negating prefixes, numbers
        ("Poor service, unhelpful staff", "Good service, helpful staff", "opposite"),
        ("They were dishonest", "They were honest", "negating prefix"),
        ("Unhelpfull staff", "Helpful staff", "negating prefix"),
        ("An unclear plan", "A clear plan", "negating prefix"),
        ("It was nonfunctional", "It was functional", "negating prefix"),
        ("It was non-functional", "It was functional", "negation"),
        ("Fees increase every year", "Fees decrease every year", "opposite"),
        ("The inbound campaign", "The outbound campaign", "opposite"),
        ("Five weeks late", "Fine weeks late", "a number changed"),
        ("10x faster", "100x faster", "a number changed"),
        ("They cannot help", "They can help", "negation"),
    ],
)
def test_changes_of_substance_are_refused(before, after, reason):
    problem = correction_problem(before, after)
    assert problem is not None
    assert reason in problem


def test_a_correction_keeps_the_rating_and_the_original_text():
    profile = submitted()
    fixed = ReviewText("Great onboarding", "They set up our portal in two weeks!")
    corrected, notices = correct_review(profile, STAFF, review_id="r1", text=fixed, at=AT)
    review = corrected.review("r1")
    assert notices == ()
    assert review.text == fixed
    assert review.ratings == profile.review("r1").ratings
    assert review.original_text == TEXT
    assert review.corrections[0].by == "hs-42"
    assert profile.review("r1").original_text == TEXT


def test_a_correction_of_substance_is_refused_with_the_reason():
    profile = submitted()
    with pytest.raises(CorrectionRefusedError) as caught:
        correct_review(
            profile, STAFF, review_id="r1", text=ReviewText("Poor onboarding", TEXT.body), at=AT
        )
    assert "more than a spelling fix" in caught.value.reason
    assert "locked" in str(caught.value)
    with pytest.raises(InvalidTypeError):
        correct_review(profile, STAFF, review_id="r1", text="plain text", at=AT)


def test_responses_are_corrected_the_same_way():
    profile, _ = respond(
        submitted(),
        ME,
        response_id="p1",
        review_id="r1",
        text="Thank you fro the kind words",
        at=AT,
    )
    corrected, _ = correct_response(
        profile, STAFF, response_id="p1", text="Thank you for the kind words.", at=AT
    )
    response = corrected.response("p1")
    assert response.text == "Thank you for the kind words."
    assert response.original_text == "Thank you fro the kind words"
    assert profile.response("p1").original_text == "Thank you fro the kind words"
    with pytest.raises(CorrectionRefusedError):
        correct_response(profile, STAFF, response_id="p1", text="We disagree entirely", at=AT)


# -- summary --------------------------------------------------------------------------------


def test_summary_counts_active_reviews_only():
    profile = submitted(stars=5)
    profile = submitted(profile, service="s5", review_id="r2", stars=4)
    profile = submitted(profile, reviewer=LIN, service="s4", review_id="r3", stars=2)
    both = summary(profile)
    assert (both.count, both.average, both.average_display) == (3, Fraction(11, 3), Decimal("3.7"))
    assert both.distribution == ((1, 0), (2, 1), (3, 0), (4, 1), (5, 1))
    removed, _ = remove_review(profile, STAFF, review_id="r3", ground="offensive", at=AT)
    after = summary(removed)
    assert (after.count, after.average, after.average_display) == (
        2,
        Fraction(9, 2),
        Decimal("4.5"),
    )
    assert after.distribution[1] == (2, 0)
    assert summary(removed, rounding=RoundingPolicy(0, Rounding.HALF_EVEN)).average_display == 4
    assert len(removed.reviews) == 3  # nothing is deleted


def test_no_reviews_means_no_average():
    empty = summary(PROFILE)
    assert empty.count == 0
    with pytest.raises(EmptyTallyError):
        _ = empty.average
    with pytest.raises(EmptyTallyError):
        _ = empty.average_display


def test_the_public_view_shows_ratings_text_and_active_responses():
    profile, _ = respond(submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    (shown,) = public_view(profile)
    assert (shown.id, shown.overall, shown.title, shown.body) == ("r1", 5, TEXT.title, TEXT.body)
    assert shown.response.text == "Thanks!"
    gone, _ = remove_response(profile, STAFF, response_id="p1", ground="offensive", at=AT)
    assert public_view(gone)[0].response is None


# -- values are checked when they are made ---------------------------------------------------


VISITOR = Prospect("v")


def reported(profile, report_id, *, response_id=None, by=VISITOR, at=AT):
    """``profile`` with a report of review r1, or (by its id alone) of a response."""
    target = {"review_id": "r1"} if response_id is None else {"response_id": response_id}
    new, _ = report(profile, by, report_id=report_id, reason="spam", at=at, **target)
    return new


def history():
    """A profile with a review, its response and a report of each, made by the transitions."""
    profile, _ = respond(submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    return reported(reported(profile, "k1"), "k2", response_id="p1")


def test_a_profile_refuses_a_str_where_a_list_belongs():
    for field in ("team", "services", "reviews", "responses", "reports"):
        with pytest.raises(InvalidTypeError, match=field):
            DirectoryProfile(PARTNER, **{field: "owner"})


@pytest.mark.parametrize("overall", [True, None, "5", 4.5])
def test_ratings_refuse_what_is_not_a_number_of_stars(overall):
    with pytest.raises(InvalidTypeError, match="overall"):
        Ratings(overall)


@pytest.mark.parametrize("field", ["team", "services", "reviews", "responses", "reports"])
def test_a_profile_refuses_tuples_in_place_of_its_values(field):
    with pytest.raises(InvalidTypeError, match=rf"{field}\[0\]"):
        DirectoryProfile(PARTNER, **{field: [("s1", PARTNER, "ann", True)]})


def test_the_values_of_a_history_refuse_wrong_fields():
    profile = history()
    review, response = profile.review("r1"), profile.response("p1")
    entry = profile.report_entry("k1")
    bad = [
        lambda: attrs.evolve(review, id=""),
        lambda: attrs.evolve(review, service=None),
        lambda: attrs.evolve(review, ratings=5),
        lambda: attrs.evolve(review, text="Great"),
        lambda: attrs.evolve(review, reviewer="ann"),
        lambda: attrs.evolve(review, submitted_at="2025-06-02"),
        lambda: attrs.evolve(review, removal="offensive"),
        lambda: attrs.evolve(review, corrections="none"),
        lambda: attrs.evolve(response, author=3),
        lambda: attrs.evolve(response, text=" "),
        lambda: attrs.evolve(response, corrections=[("hs", AT, "a", "b")]),
        lambda: attrs.evolve(entry, reporter="v"),
        lambda: attrs.evolve(entry, reason=""),
        lambda: attrs.evolve(entry, comments=None),
        lambda: attrs.evolve(entry, status="closed"),
        lambda: attrs.evolve(entry, response=7),
        lambda: Removal("", AT, "offensive"),
        lambda: Removal("hs", "now", "offensive"),
        lambda: Removal("hs", AT, "rude"),
        lambda: Removal("hs", AT, "offensive", report=5),
        lambda: Correction("hs", AT, "a", TEXT),
        lambda: Correction("hs", AT, 1, 2),
        lambda: Correction(None, AT, "a", "b"),
        lambda: Recipient("boss", "p"),
        lambda: Recipient(Role.PARTNER, ""),
        lambda: Notification("p", Event.NEW_REVIEW, "r1"),
        lambda: Notification(Recipient(Role.PARTNER, "p"), "new", "r1"),
        lambda: Notification(Recipient(Role.PARTNER, "p"), Event.NEW_REVIEW, "r1", reachable=1),
        lambda: Notification(Recipient(Role.PARTNER, "p"), Event.NEW_REVIEW, "r1", note=None),
        lambda: PublicResponse("p1", "Thanks", "today"),
        lambda: PublicReview("r1", "5", (), "T", "B", AT, None),
        lambda: PublicReview("r1", 5, (), "T", "B", AT, "Thanks"),
        lambda: Client("ann"),
        lambda: TeamMember("owner", "yes"),
    ]
    for make in bad:
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            make()


def test_a_summary_refuses_numbers_that_do_not_add_up():
    good = summary(submitted())
    for changes in (
        {"count": -1},
        {"count": 2},
        {"total_stars": True},
        {"distribution": ((5, 1),) * 2},
        {"distribution": "5"},
        {"distribution": [5]},
        {"distribution": [(5, True)]},
        {"rounding": "half-up"},
    ):
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            attrs.evolve(good, **changes)


def test_a_profile_refuses_duplicate_ids():
    profile = history()
    cases = {
        "team": [TeamMember("owner"), TeamMember("owner", True)],
        "reviews": profile.reviews * 2,
        "responses": profile.responses * 2,
        "reports": profile.reports * 2,
    }
    for field, entries in cases.items():
        with pytest.raises(DuplicateIdError):
            attrs.evolve(profile, **{field: entries})


def test_a_profile_refuses_references_to_what_it_does_not_hold():
    profile = history()
    review, response = profile.review("r1"), profile.response("p1")
    k1, k2 = profile.reports
    cases = [
        ("reviews[0].service", {"reviews": [attrs.evolve(review, service="s9")]}),
        ("responses[0].review", {"responses": [attrs.evolve(response, review="r9")]}),
        ("reports[0].review", {"reports": [attrs.evolve(k1, review="r9"), k2]}),
        ("reports[1].response", {"reports": [k1, attrs.evolve(k2, response="p9")]}),
    ]
    for field, changes in cases:
        with pytest.raises(InconsistentHistoryError, match=re.escape(field)):
            attrs.evolve(profile, **changes)
    two = submitted(profile, service="s5", review_id="r2")
    with pytest.raises(InconsistentHistoryError, match="a response to 'r2'"):
        attrs.evolve(two, reports=[k1, attrs.evolve(k2, review="r2")])
    removed, _ = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=AT)
    gone = removed.review("r1")
    wrong_report = attrs.evolve(gone, removal=attrs.evolve(gone.removal, report="k2"))
    with pytest.raises(InconsistentHistoryError, match=re.escape("reviews[0].removal.report")):
        attrs.evolve(removed, reviews=[wrong_report])
    unknown = attrs.evolve(gone, removal=attrs.evolve(gone.removal, report="k9"))
    with pytest.raises(InconsistentHistoryError, match="k9"):
        attrs.evolve(removed, reviews=[unknown])


def test_a_profile_refuses_a_history_that_breaks_the_directory_rules():
    profile = history()
    review, response = profile.review("r1"), profile.response("p1")
    other_partner = attrs.evolve(review, partner="other-partner")
    cases = [
        ("one active review", {"reviews": [review, attrs.evolve(review, id="r2")]}),
        ("one active response", {"responses": [response, attrs.evolve(response, id="p2")]}),
        ("partner", {"reviews": [other_partner]}),
        ("scale", {"reviews": [attrs.evolve(review, ratings=Ratings(9))]}),
    ]
    for reason, changes in cases:
        with pytest.raises(InconsistentHistoryError, match=reason):
            attrs.evolve(profile, **changes)


def test_a_report_is_decided_all_at_once_or_not_at_all():
    entry = history().report_entry("k1")
    for changes in (
        {"status": ReportStatus.UPHELD},
        {"decided_by": "hs"},
        {"decided_at": AT},
        {"status": "dismissed", "decided_by": "hs"},
    ):
        with pytest.raises(InconsistentHistoryError, match="decided"):
            attrs.evolve(entry, **changes)
    done = attrs.evolve(entry, status="dismissed", decided_by="hs", decided_at=AT)
    assert done.status is ReportStatus.DISMISSED


def test_a_locked_entry_keeps_an_unbroken_chain_of_corrections():
    profile = submitted()
    fixed = ReviewText(TEXT.title, TEXT.body + "!")
    corrected, _ = correct_review(profile, STAFF, review_id="r1", text=fixed, at=AT)
    review = corrected.review("r1")
    with pytest.raises(InconsistentHistoryError, match="text"):
        attrs.evolve(review, text=TEXT)
    stray = Correction("hs", AT, ReviewText("Other", "text"), fixed)
    with pytest.raises(InconsistentHistoryError, match=re.escape("corrections[1].before")):
        attrs.evolve(review, corrections=(*review.corrections, stray))
    with pytest.raises(InvalidTypeError, match="corrections"):
        attrs.evolve(review, corrections=(Correction("hs", AT, "a", "b"),))


# -- a removed review takes its response with it ---------------------------------------------


def test_removing_a_review_removes_its_active_response_and_closes_every_open_report():
    profile = reported(history(), "k3", response_id="p1", by=Prospect("w"))
    removed, notices = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=AT)
    response = removed.response("p1")
    assert not response.active
    assert (response.removal.by, response.removal.at, response.removal.ground) == (
        "hs-42",
        AT,
        RemovalGround.OFFENSIVE,
    )
    assert (response.removal.with_review, response.removal.report) == ("r1", "k2")
    assert removed.review("r1").removal.with_review is None
    assert removed.active_response("r1") is None
    assert [(k.status, k.decided_by, k.decided_at) for k in removed.reports] == [
        (ReportStatus.UPHELD, "hs-42", AT)
    ] * 3
    # each reporter once, the partner, the reviewer; all told which response went too
    assert [(n.to.role, n.to.id) for n in notices] == [
        (Role.REPORTER, "v"),
        (Role.REPORTER, "w"),
        (Role.PARTNER, PARTNER),
        (Role.REVIEWER, "ann"),
    ]
    assert {(n.event, n.review, n.response, n.reachable) for n in notices} == {
        (Event.REVIEW_REMOVED, "r1", "p1", True)
    }
    with pytest.raises(NotActiveError):
        remove_response(removed, STAFF, response_id="p1", ground="offensive", at=AT)
    with pytest.raises(NotActiveError):
        reported(removed, "k4", response_id="p1")


def test_a_removed_response_stays_removed_and_is_not_removed_again_with_its_review():
    profile = history()
    profile, _ = remove_response(profile, STAFF, response_id="p1", ground="profanity", at=AT)
    removed, notices = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=AT)
    assert removed.response("p1") == profile.response("p1")
    assert removed.response("p1").removal.with_review is None
    assert {n.response for n in notices} == {None}


def test_a_profile_refuses_a_response_or_an_open_report_outliving_its_review():
    profile = history()
    review = profile.review("r1")
    removed = attrs.evolve(review, removal=Removal("hs", AT, "offensive"))
    with pytest.raises(InconsistentHistoryError, match="removed review"):
        attrs.evolve(profile, reviews=[removed], reports=())
    with pytest.raises(InconsistentHistoryError, match="open report"):
        attrs.evolve(profile, reviews=[removed], responses=(), reports=profile.reports[:1])
    response = profile.response("p1")
    elsewhere = attrs.evolve(response, removal=Removal("hs", AT, "offensive", with_review="r9"))
    with pytest.raises(InconsistentHistoryError, match="with_review"):
        attrs.evolve(profile, responses=[elsewhere], reports=profile.reports[:1])
    with pytest.raises(InconsistentHistoryError, match="with_review"):
        attrs.evolve(
            profile,
            reviews=[
                attrs.evolve(review, removal=Removal("hs", AT, "offensive", with_review="r1"))
            ],
            responses=(),
            reports=(),
        )


# -- a paid service belongs to a client company ----------------------------------------------

ACME = "acme-ab"
ANNA = Reviewer("anna", "Anna", "anna@acme.example", "Acme AB", "hubspot-login", organisation=ACME)
BEA = Reviewer("bea", "Bea", "bea@acme.example", "Acme AB", "linkedin", organisation=ACME)
CARL = Reviewer(
    "carl", "Carl", "carl@else.example", "Else AB", "hubspot-login", organisation="else"
)


def test_any_person_of_the_client_company_may_review_its_service_but_once_at_a_time():
    profile = PROFILE.with_service(PaidService("acme-1", PARTNER, ACME, True))
    service = profile.service("acme-1")
    assert eligibility(profile, ANNA, service) == eligibility(profile, BEA, service) == ()
    assert eligibility(profile, CARL, service) == (Refusal.NOT_THIS_CLIENT,)
    reviewed = submitted(profile, reviewer=ANNA, service="acme-1")
    assert eligibility(reviewed, BEA, service) == (Refusal.ALREADY_REVIEWED,)
    removed, _ = remove_review(reviewed, STAFF, review_id="r1", ground="offensive", at=AT)
    again = submitted(removed, reviewer=BEA, service="acme-1", review_id="r2")
    assert [(r.id, r.reviewer.id, r.active) for r in again.reviews] == [
        ("r1", "anna", False),
        ("r2", "bea", True),
    ]


def test_a_reviewer_of_a_company_is_matched_by_the_company_not_by_their_own_id():
    # a reviewer without an organisation is their own client, as before
    assert eligibility(PROFILE, ANN, PROFILE.service("s1")) == ()
    ann_of_acme = attrs.evolve(ANN, organisation=ACME)
    assert eligibility(PROFILE, ann_of_acme, PROFILE.service("s1")) == (Refusal.NOT_THIS_CLIENT,)
    assert "organisation" not in repr(ann_of_acme)
    assert ACME not in repr(ann_of_acme)
    with pytest.raises(InvalidTypeError, match="organisation"):
        attrs.evolve(ANN, organisation="")


# -- reporting ---------------------------------------------------------------------------------


def test_a_response_is_reported_by_its_id_alone():
    profile, _ = respond(submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=AT)
    reported, _ = report(
        profile, Prospect("v"), report_id="k1", response_id="p1", reason="rude", at=AT
    )
    assert (reported.report_entry("k1").review, reported.report_entry("k1").response) == (
        "r1",
        "p1",
    )
    with pytest.raises(InvalidTypeError, match="response_id"):
        report(profile, Prospect("v"), report_id="k1", reason="rude", at=AT)


def test_reporters_are_told_apart_by_role_and_organisation():
    u1 = Reviewer("u1", "U One", "u1@acme.example", "Acme AB", "hubspot-login", organisation=ACME)
    same_ids = [
        Client(u1),
        Client(attrs.evolve(u1, organisation="else")),
        Client(attrs.evolve(u1, organisation=None)),
        PartnerMember("rival", "u1"),
        PartnerMember("other-rival", "u1"),
        Staff("u1"),
        Prospect("u1"),
    ]
    profile = submitted()
    for number, actor in enumerate(same_ids):
        profile, _ = report(
            profile, actor, report_id=f"k{number}", review_id="r1", reason="x", at=AT
        )
    assert [entry.reporter for entry in profile.reports] == [
        Recipient(Role.REPORTER, "u1", Party.CLIENT, ACME),
        Recipient(Role.REPORTER, "u1", Party.CLIENT, "else"),
        Recipient(Role.REPORTER, "u1", Party.CLIENT),
        Recipient(Role.REPORTER, "u1", Party.PARTNER_MEMBER, "rival"),
        Recipient(Role.REPORTER, "u1", Party.PARTNER_MEMBER, "other-rival"),
        Recipient(Role.REPORTER, "u1", Party.STAFF),
        Recipient(Role.REPORTER, "u1", Party.PROSPECT),
    ]
    _, notices = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=AT)
    assert [n.to for n in notices[: len(same_ids)]] == [e.reporter for e in profile.reports]
    with pytest.raises(InvalidValueError, match="party"):
        Recipient(Role.REPORTER, "u1", "visitor")


# -- time runs forwards ------------------------------------------------------------------------


def t(hours):
    """A moment ``hours`` after the review of ``submitted()`` (AT)."""
    return AT + timedelta(hours=hours)


def answered():
    profile, _ = respond(
        submitted(), ME, response_id="p1", review_id="r1", text="Thanks!", at=t(2)
    )
    return profile


def reported_twice():
    return reported(reported(answered(), "k1", at=t(3)), "k2", response_id="p1", at=t(4))


def corrected_once():
    profile, _ = correct_review(
        answered(), STAFF, review_id="r1", text=ReviewText(TEXT.title, TEXT.body + "!"), at=t(3)
    )
    profile, _ = correct_response(profile, STAFF, response_id="p1", text="Thanks!!", at=t(4))
    return profile


def removed_and_freed():
    profile, _ = remove_review(answered(), STAFF, review_id="r1", ground="offensive", at=t(5))
    return profile


OUT_OF_ORDER = {
    "a response before the review": (
        lambda: respond(submitted(), ME, response_id="p1", review_id="r1", text="Hi", at=t(-1)),
        AT,
    ),
    "a report before the review": (
        lambda: report(submitted(), STAFF, report_id="k1", review_id="r1", reason="x", at=t(-1)),
        AT,
    ),
    "a report before the response it reports": (
        lambda: report(answered(), STAFF, report_id="k1", response_id="p1", reason="x", at=t(1)),
        t(2),
    ),
    "a removal before the report it upholds": (
        lambda: remove_review(
            reported_twice(), STAFF, review_id="r1", ground="offensive", at=t(3.5)
        ),
        t(4),
    ),
    "a review's removal before its response": (
        lambda: remove_review(answered(), STAFF, review_id="r1", ground="offensive", at=t(1)),
        t(2),
    ),
    "a response's removal before its report": (
        lambda: remove_response(
            reported_twice(), STAFF, response_id="p1", ground="offensive", at=t(3)
        ),
        t(4),
    ),
    "a removal before a correction": (
        lambda: remove_response(
            corrected_once(), STAFF, response_id="p1", ground="offensive", at=t(3)
        ),
        t(4),
    ),
    "a dismissal before the report": (
        lambda: dismiss_report(reported_twice(), STAFF, report_id="k2", at=t(3)),
        t(4),
    ),
    "a correction before the review": (
        lambda: correct_review(submitted(), STAFF, review_id="r1", text=TEXT, at=t(-1)),
        AT,
    ),
    "a correction before the previous correction": (
        lambda: correct_review(corrected_once(), STAFF, review_id="r1", text=TEXT, at=t(2)),
        t(3),
    ),
    "a response's correction before the previous one": (
        lambda: correct_response(
            corrected_once(), STAFF, response_id="p1", text="Thanks!", at=t(3)
        ),
        t(4),
    ),
    "a new review before the old one was removed": (
        lambda: submit_review(
            removed_and_freed(),
            Client(ANN),
            review_id="r2",
            service_id="s1",
            ratings=GOOD,
            text=TEXT,
            at=t(4),
        ),
        t(5),
    ),
}


@pytest.mark.parametrize("case", sorted(OUT_OF_ORDER))
def test_an_event_cannot_precede_an_event_it_depends_on(case):
    action, earlier = OUT_OF_ORDER[case]
    with pytest.raises(OutOfOrderError) as caught:
        action()
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == "at"
    assert error.at < error.earlier == earlier
    assert error.at.isoformat() in str(error)
    assert earlier.isoformat() in str(error)


def test_a_second_response_cannot_precede_the_removal_of_the_first():
    profile, _ = remove_response(answered(), STAFF, response_id="p1", ground="offensive", at=t(5))
    with pytest.raises(OutOfOrderError, match="response 'p1'"):
        respond(profile, ME, response_id="p2", review_id="r1", text="Sorry", at=t(4))
    again, _ = respond(profile, ME, response_id="p2", review_id="r1", text="Sorry", at=t(5))
    assert again.active_response("r1").id == "p2"


def test_a_date_is_its_midnight_and_aware_and_naive_moments_do_not_mix():
    # a date is the midnight that starts it: on the review's own day it is before 10:00
    with pytest.raises(OutOfOrderError):
        respond(submitted(), ME, response_id="p1", review_id="r1", text="Hi", at=AT.date())
    next_day, _ = respond(
        submitted(), ME, response_id="p1", review_id="r1", text="Hi", at=date(2025, 6, 3)
    )
    assert next_day.response("p1").submitted_at == datetime(2025, 6, 3)
    aware = t(1).replace(tzinfo=UTC)
    with pytest.raises(MixedTimeZonesError) as caught:
        respond(submitted(), ME, response_id="p1", review_id="r1", text="Hi", at=aware)
    assert (caught.value.value, caught.value.other) == (aware, AT)
    assert "naive" in str(caught.value)
    utc = PROFILE.with_service(PaidService("s9", PARTNER, "ann", True))
    utc, _ = submit_review(
        utc, Client(ANN), review_id="r1", service_id="s9", ratings=GOOD, text=TEXT, at=aware
    )
    for naive in (t(2), date(2025, 6, 3)):
        with pytest.raises(MixedTimeZonesError, match="aware"):
            report(utc, STAFF, report_id="k1", review_id="r1", reason="x", at=naive)
    # the first moment of a profile sets its kind: another service's review must match
    with pytest.raises(MixedTimeZonesError):
        submit_review(
            utc, Client(ANN), review_id="r2", service_id="s1", ratings=GOOD, text=TEXT, at=t(2)
        )
    later = datetime(2025, 6, 2, 14, tzinfo=timezone(timedelta(hours=2)))  # 12:00 UTC
    answered_utc, _ = respond(utc, ME, response_id="p1", review_id="r1", text="Hi", at=later)
    assert answered_utc.response("p1").submitted_at == later


def test_a_profile_refuses_a_history_that_runs_backwards():
    profile = corrected_once()
    profile, _ = report(profile, STAFF, report_id="k1", response_id="p1", reason="x", at=t(5))
    review, response = profile.review("r1"), profile.response("p1")
    (entry,) = profile.reports
    cases = [
        (
            "responses[0].submitted_at",
            {"responses": [attrs.evolve(response, submitted_at=t(-1), corrections=())]},
        ),
        ("reports[0].at", {"reports": [attrs.evolve(entry, at=t(1))]}),
    ]
    for field, changes in cases:
        with pytest.raises(OutOfOrderError, match=re.escape(field)):
            attrs.evolve(profile, **changes)
    with pytest.raises(OutOfOrderError, match=re.escape("corrections[0].at")):
        attrs.evolve(review, submitted_at=t(3.5))
    with pytest.raises(OutOfOrderError, match=re.escape("corrections[1].at")):
        attrs.evolve(
            review,
            corrections=(
                *review.corrections,
                Correction("hs", t(2), review.text, TEXT),
            ),
            text=TEXT,
        )
    with pytest.raises(OutOfOrderError, match=re.escape("removal.at")):
        attrs.evolve(review, removal=Removal("hs", t(2), "offensive"))
    with pytest.raises(OutOfOrderError, match="decided_at"):
        attrs.evolve(entry, status="dismissed", decided_by="hs", decided_at=t(4))
    removed, _ = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=t(6))
    gone = removed.response("p1")
    early = attrs.evolve(gone, removal=attrs.evolve(gone.removal, at=t(4.5)))
    with pytest.raises(OutOfOrderError, match=re.escape("responses[0].removal.at")):
        attrs.evolve(removed, responses=[early])
    second = attrs.evolve(removed.review("r1"), id="r2", removal=None, corrections=(), text=TEXT)
    with pytest.raises(OutOfOrderError, match=re.escape("reviews[1].submitted_at")):
        attrs.evolve(removed, reviews=(*removed.reviews, second))
    aware = attrs.evolve(entry, at=t(5).replace(tzinfo=UTC))
    with pytest.raises(MixedTimeZonesError, match=re.escape("reports[0].at")):
        attrs.evolve(profile, reports=[aware])


# -- rating categories -------------------------------------------------------------------------

CATEGORIES = [RatingCategory("communication"), RatingCategory("expertise", required=False)]


def rated(profile, review_id, service, overall, categories, reviewer=ANN):
    new, _ = submit_review(
        profile,
        Client(reviewer),
        review_id=review_id,
        service_id=service,
        ratings=Ratings(overall, categories=categories),
        text=TEXT,
        at=AT,
    )
    return new


def test_the_overall_rating_alone_is_the_packaged_default():
    assert review_rules().categories == ()
    assert PROFILE.categories == ()
    assert Ratings(5).categories == ()
    with pytest.raises(InvalidValueError, match="communication") as caught:
        rated(PROFILE, "r1", "s1", 5, {"communication": 4})
    assert "only the overall rating" in str(caught.value)
    assert [c.category for c in summary(submitted()).categories] == ["overall"]


def test_rating_categories_are_configuration_and_summarised_each_on_its_own():
    profile = attrs.evolve(PROFILE, categories=CATEGORIES)
    profile = rated(profile, "r1", "s1", 5, {"communication": 4, "expertise": 5})
    profile = rated(profile, "r2", "s5", 4, {"communication": 3})
    profile = rated(profile, "r3", "s4", 2, {"communication": 1, "expertise": 2}, reviewer=LIN)
    profile, _ = remove_review(profile, STAFF, review_id="r3", ground="offensive", at=AT)
    result = summary(profile)
    assert [c.category for c in result.categories] == ["overall", "communication", "expertise"]
    overall, communication, expertise = result.categories
    assert (
        (overall.count, overall.average) == (result.count, result.average) == (2, Fraction(9, 2))
    )
    assert (communication.count, communication.average) == (2, Fraction(7, 2))
    assert communication.average_display == Decimal("3.5")
    assert communication.distribution == ((1, 0), (2, 0), (3, 1), (4, 1), (5, 0))
    assert (expertise.count, expertise.average, expertise.total_stars) == (1, 5, 5)
    assert result.category("expertise") == expertise
    assert public_view(profile)[0].categories == (("communication", 4), ("expertise", 5))
    with pytest.raises(UnknownEntryError, match="price"):
        result.category("price")


def test_a_category_nobody_rated_has_no_average():
    profile = attrs.evolve(PROFILE, categories=CATEGORIES)
    profile = rated(profile, "r1", "s1", 5, {"communication": 4})
    expertise = summary(profile).category("expertise")
    assert (expertise.count, expertise.distribution[-1]) == (0, (5, 0))
    with pytest.raises(EmptyTallyError, match="expertise"):
        _ = expertise.average


@pytest.mark.parametrize(
    ("categories", "field"),
    [
        ({"expertise": 5}, "communication"),  # a required category is missing
        ({"communication": 4, "price": 3}, "price"),  # not a category of the profile
        ({"communication": 6}, "communication"),  # off the scale
    ],
)
def test_ratings_carry_every_required_category_and_no_unknown_one(categories, field):
    profile = attrs.evolve(PROFILE, categories=CATEGORIES)
    with pytest.raises(InvalidValueError, match=field):
        rated(profile, "r1", "s1", 5, categories)


def test_categories_and_category_ratings_are_checked_when_made():
    assert Ratings(5, categories={"b": 2, "a": 1}) == Ratings(5, categories=[("a", 1), ("b", 2)])
    assert Ratings(5, categories={"a": 1}).stars("a") == 1
    assert Ratings(5).stars("overall") == 5
    assert Ratings(5).stars("a") is None
    assert DirectoryProfile(PARTNER, categories=["communication"]).categories == (
        RatingCategory("communication", required=True),
    )
    bad = [
        lambda: RatingCategory(""),
        lambda: RatingCategory("overall"),
        lambda: RatingCategory("communication", required="yes"),
        lambda: Ratings(5, categories={"communication": True}),
        lambda: Ratings(5, categories={"overall": 4}),
        lambda: Ratings(5, categories={"": 4}),
        lambda: Ratings(5, categories=[("a", 1), ("a", 2)]),
        lambda: Ratings(5, categories=["a"]),
        lambda: DirectoryProfile(PARTNER, categories=[RatingCategory("a"), RatingCategory("a")]),
        lambda: DirectoryProfile(PARTNER, categories=[3]),
        lambda: DirectoryProfile(PARTNER, categories="communication"),
    ]
    for make in bad:
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            make()


def test_a_profile_refuses_reviews_rated_in_categories_it_does_not_have():
    profile = rated(
        attrs.evolve(PROFILE, categories=CATEGORIES), "r1", "s1", 5, {"communication": 4}
    )
    with pytest.raises(InconsistentHistoryError, match="communication"):
        attrs.evolve(profile, categories=())
    # a category made required later does not void earlier reviews without it
    assert attrs.evolve(profile, categories=[*CATEGORIES, RatingCategory("value")]).reviews


@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(1, 5), st.none() | st.integers(1, 5)),
        min_size=1,
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_a_summary_does_not_depend_on_the_order_reviews_came_in(ratings, random):
    services = [PaidService(f"s{n}", PARTNER, "ann", True) for n in range(len(ratings))]
    empty = DirectoryProfile(PARTNER, services=services, categories=CATEGORIES)

    def submit_all(order):
        profile = empty
        for n in order:
            overall, communication, expertise = ratings[n]
            given = {"communication": communication}
            if expertise is not None:
                given["expertise"] = expertise
            profile = rated(profile, f"r{n}", f"s{n}", overall, given)
        return summary(profile)

    order = list(range(len(ratings)))
    shuffled = random.sample(order, len(order))
    result = submit_all(order)
    assert submit_all(shuffled) == result
    # each category's average is the mean of the stars given in it
    for position, name in enumerate(("overall", "communication", "expertise")):
        given = [r[position] for r in ratings if r[position] is not None]
        category = result.category(name)
        assert category.count == len(given)
        if given:
            assert category.average == Fraction(sum(given), len(given))


# -- a correction fixes spelling, never meaning ------------------------------------------------


def test_a_chain_of_small_fixes_cannot_rewrite_a_review():
    # each step is one or two letters from the one before: slow, flow, flaw, flat, fat, fast
    profile, _ = submit_review(
        PROFILE,
        Client(ANN),
        review_id="r1",
        service_id="s1",
        ratings=GOOD,
        text=ReviewText("Onboarding", "They were slow"),
        at=AT,
    )
    refused = []
    for number, word in enumerate(["flow", "flaw", "flat", "fat", "fast"], start=1):
        text = ReviewText("Onboarding", f"They were {word}")
        if word in ("flat", "fat", "fast"):
            with pytest.raises(CorrectionRefusedError) as caught:
                correct_review(profile, STAFF, review_id="r1", text=text, at=t(number))
            refused.append(caught.value.before)
        else:
            profile, _ = correct_review(profile, STAFF, review_id="r1", text=text, at=t(number))
    # each refusal is judged against the text as submitted
    assert refused == ["Onboarding\nThey were slow"] * 3
    assert profile.review("r1").text.body == "They were flaw"


def test_a_chain_of_small_fixes_cannot_rewrite_a_response():
    profile, _ = respond(
        submitted(), ME, response_id="p1", review_id="r1", text="Sorry, we were slow", at=AT
    )
    profile, _ = correct_response(
        profile, STAFF, response_id="p1", text="Sorry, we were flow", at=AT
    )
    with pytest.raises(CorrectionRefusedError, match="'slow' became 'flat'"):
        correct_response(profile, STAFF, response_id="p1", text="Sorry, we were flat", at=AT)


def test_the_words_a_correction_must_keep_are_data_the_user_can_extend():
    rules = review_rules().corrections
    own = ReviewRules(RatingScale(1, 10), RoundingPolicy(2, "half-even"))
    assert (own.corrections, own.categories) == (rules, ())
    assert ("fast", "slow") in rules.antonyms
    assert {"un", "dis", "non"} <= set(rules.negating_prefixes)
    assert "not" in rules.negations
    assert "five" in rules.number_words
    offshore = ("The onshore team", "The offshore team")
    assert correction_problem(*offshore) is None  # not in the default list
    extended = rules.with_antonyms(("Onshore", "OFFSHORE"))
    assert "opposite" in correction_problem(*offshore, rules=extended)
    profile, _ = respond(
        submitted(), ME, response_id="p1", review_id="r1", text=offshore[0], at=AT
    )
    with pytest.raises(CorrectionRefusedError, match="opposite"):
        correct_response(profile, STAFF, response_id="p1", text=offshore[1], at=AT, rules=extended)
    swedish = attrs.evolve(rules, negations=[*rules.negations, "inte"])
    assert "negation" in correction_problem("Det var bra", "Det var inte bra", rules=swedish)
    for bad in (
        lambda: rules.with_antonyms(("good", "Good")),
        lambda: rules.with_antonyms("good"),
        lambda: attrs.evolve(rules, negations="not"),
        lambda: attrs.evolve(rules, number_words=[""]),
    ):
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            bad()


def test_a_correction_may_go_back_to_the_original_but_must_change_something():
    profile = submitted()
    fixed = ReviewText(TEXT.title, TEXT.body + "!")
    profile, _ = correct_review(profile, STAFF, review_id="r1", text=fixed, at=AT)
    with pytest.raises(CorrectionRefusedError, match="nothing changed"):
        correct_review(profile, STAFF, review_id="r1", text=fixed, at=AT)
    back, _ = correct_review(profile, STAFF, review_id="r1", text=TEXT, at=AT)
    assert back.review("r1").text == TEXT
    assert len(back.review("r1").corrections) == 2


def test_a_removed_entry_is_not_corrected():
    profile = answered()
    gone, _ = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=t(3))
    with pytest.raises(NotActiveError):
        correct_review(gone, STAFF, review_id="r1", text=TEXT, at=t(4))
    with pytest.raises(NotActiveError):
        correct_response(gone, STAFF, response_id="p1", text="Thanks.", at=t(4))


WORDS = ["they", "were", "slow", "not", "helpful", "in", "2", "weeks"]
#: Edits support might try, small (typos) and not (opposites, negations, numbers).
EDITS = {
    "slow": ["slwo", "flow", "fast", "slowly"],
    "flow": ["flaw", "slow"],
    "flaw": ["flat"],
    "flat": ["fat"],
    "fat": ["fast"],
    "not": ["nto", "now", "no"],
    "nto": ["not"],
    "helpful": ["helpfull", "unhelpful", "useful"],
    "unhelpful": ["helpful"],
    "helpfull": ["helpful", "unhelpfull"],
    "2": ["3", "two"],
    "weeks": ["weks", "days"],
    "were": ["was", "wore"],
}


@given(st.lists(st.tuples(st.integers(0, len(WORDS) - 1), st.integers(0, 3)), max_size=12))
def test_no_sequence_of_corrections_drifts_from_the_submitted_text(edits):
    original = " ".join(WORDS)
    profile, _ = respond(submitted(), ME, response_id="p1", review_id="r1", text=original, at=AT)
    for position, choice in edits:
        words = profile.response("p1").text.split(" ")
        options = EDITS.get(words[position])
        if not options:
            continue
        words[position] = options[choice % len(options)]
        with contextlib.suppress(CorrectionRefusedError):
            profile, _ = correct_response(
                profile, STAFF, response_id="p1", text=" ".join(words), at=AT
            )
    text = profile.response("p1").text.split(" ")
    # stated independently of the rule: negation, numbers and opposites never move
    assert text[3] in ("not", "no")  # still a negation
    assert text[6] == "2"
    assert text[2] not in ("fast", "flat", "fat")
    assert text[4] not in ("unhelpful", "unhelpfull", "useful")
    assert correction_problem(original, " ".join(text)) in (None, "nothing changed")


def test_the_new_values_keep_the_value_contract():
    profile = reported(answered(), "k1", at=t(3))
    removed, _ = remove_review(profile, STAFF, review_id="r1", ground="offensive", at=t(4))
    cases = [
        (RatingCategory("expertise", required=False), RatingCategory("expertise", False)),
        (review_rules().corrections, attrs.evolve(review_rules().corrections)),
        (summary(removed).category("overall"), summary(removed).categories[0]),
        (removed.response("p1").removal, Removal("hs-42", t(4), "offensive", with_review="r1")),
        (removed.report_entry("k1").reporter, Recipient("reporter", "v", "prospect")),
    ]
    for value, same in cases:
        assert value == same
        assert hash(value) == hash(same)
        assert value != object()
        assert type(value).__name__ in repr(value)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.__setattr__(attrs.fields(type(value))[0].name, None)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (" ".join(["a"] * 4999), " ".join(["a"] * 4998 + ["b"])),
        (" ".join(["the", "a"] * 1600), " ".join(["a", "the"] * 1600)),
        ("a" * 5000, "a" * 4999 + "b"),
        (" ".join(["alpha"] * 1600), " ".join(["alpah"] * 1600)),
    ],
)
def test_a_correction_of_a_hostile_text_is_judged_quickly(before, after):
    # every comparison is bounded: common ends are left out before words are aligned,
    # and a word too long to be misspelt is never measured letter by letter. The bound
    # is on this process's CPU time (other processes' load does not count) and far
    # from the minutes an unbounded alignment of these texts takes.
    start = time.process_time()
    problem = correction_problem(before, after)
    assert time.process_time() - start < 5
    assert problem is None or len(problem) < 600  # the words are shown shortened


def test_a_text_longer_than_the_bound_is_refused():
    with pytest.raises(InvalidValueError) as caught:
        ReviewText("Great", "x" * (MAX_TEXT_LENGTH + 1))
    assert caught.value.field == "body"
    assert ReviewText("Great", "x" * MAX_TEXT_LENGTH).body == "x" * MAX_TEXT_LENGTH
