"""Managed relationships: the four conditions, immediate ends, the 60-day lapse, credit."""

import re
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, rules
from hubpartner.engagement import Action
from hubpartner.errors import InvalidTypeError, InvalidValueError
from hubpartner.managed import (
    ActivePeriod,
    Condition,
    Event,
    EventKind,
    UncountedActivity,
    active_periods,
    default_managed_rules,
    managed_credit_status,
    monthly_managed_points,
    qualifying_activities,
)
from hubpartner.messages import LANGUAGES

D = date(2025, 1, 6)


def setup(user="kim", on=D):
    return [
        Event(on, "employee-added", user=user),
        Event(on, "client-assigned", user=user),
        Event(on, "user-added-to-client", user=user),
    ]


def activity(on, user="kim", tool="blog", action="publish"):
    return Event(on, "activity", user=user, tool=tool, action=action)


# -- the four conditions --------------------------------------------------------------------


def test_all_four_conditions_and_an_activity_earn_credit():
    status = managed_credit_status([*setup(), activity(D)], as_of=D)
    assert status.receiving
    assert status.missing == ()
    assert status.active_since == D
    assert status.lapses_on == D + timedelta(days=60)


def test_nothing_set_up_misses_every_condition():
    assert managed_credit_status([], as_of=D).missing == tuple(Condition)


def test_the_reasons_say_the_lapse_period_of_the_rules_used():
    events = [*setup(), activity(D)]
    late = D + timedelta(days=45)
    assert managed_credit_status(events, as_of=late).receiving
    shorter = attrs.evolve(default_managed_rules(), lapse_days=30)
    status = managed_credit_status(events, as_of=late, rules=shorter)
    assert status.missing == (Condition.QUALIFYING_ACTIVITY,)
    assert status.reasons == ("a qualifying activity in the last 30 days",)
    assert Condition.QUALIFYING_ACTIVITY.describe() == "a qualifying activity in the last 60 days"
    assert Condition.CLIENT_ASSIGNED.describe(shorter) == "the client assigned to that user"


@pytest.mark.parametrize(
    ("skip", "missing"),
    [
        ("employee-added", Condition.USER_IN_PARTNER_ACCOUNT),
        ("client-assigned", Condition.CLIENT_ASSIGNED),
        ("user-added-to-client", Condition.USER_IN_CLIENT_ACCOUNT),
    ],
)
def test_each_missing_condition_is_named(skip, missing):
    events = [e for e in setup() if e.kind.value != skip] + [activity(D)]
    status = managed_credit_status(events, as_of=D)
    assert not status.receiving
    # the activity could not count, so the activity condition is missing too
    assert status.missing == (missing, Condition.QUALIFYING_ACTIVITY)


def test_every_missing_condition_is_returned_not_just_the_first():
    events = [Event(D, "employee-added", user="kim")]
    assert managed_credit_status(events, as_of=D).missing == (
        Condition.CLIENT_ASSIGNED,
        Condition.USER_IN_CLIENT_ACCOUNT,
        Condition.QUALIFYING_ACTIVITY,
    )


def test_an_activity_before_setup_says_why_it_did_not_count():
    early = activity(D - timedelta(days=1))
    status = managed_credit_status([early, *setup()], as_of=D)
    assert status.missing == (Condition.QUALIFYING_ACTIVITY,)
    (uncounted,) = status.uncounted
    assert uncounted.event == early
    assert uncounted.missing == (
        Condition.USER_IN_PARTNER_ACCOUNT,
        Condition.CLIENT_ASSIGNED,
        Condition.USER_IN_CLIENT_ACCOUNT,
    )
    assert status.reasons == (
        "a qualifying activity in the last 60 days",
        "an activity on 2025-01-05 did not count: kim was not yet a user in the partner "
        "account; the client was not yet assigned to kim; kim was not yet in the client's "
        "account",
    )
    # only the step that was missing is named
    partly = [
        *setup()[:2],
        activity(D),
        Event(D + timedelta(days=1), "user-added-to-client", user="kim"),
    ]
    assert managed_credit_status(partly, as_of=D + timedelta(days=1)).reasons[1:] == (
        "an activity on 2025-01-06 did not count: kim was not yet in the client's account",
    )


def test_an_activity_after_a_removal_or_of_the_wrong_kind_says_so():
    gone = [*setup(), Event(D + timedelta(days=1), "client-unassigned", user="kim")]
    late = activity(D + timedelta(days=2))
    status = managed_credit_status([*gone, late], as_of=late.on)
    assert status.reasons[-1] == (
        "an activity on 2025-01-08 did not count: the client was no longer assigned to kim"
    )
    login = activity(D, tool="email", action="login")
    status = managed_credit_status([*setup(), login], as_of=D)
    assert status.uncounted[0].qualifying is False
    assert status.reasons[-1] == (
        "an activity on 2025-01-06 did not count: email login is not a qualifying activity"
    )


def test_only_the_activities_of_the_lapse_period_are_explained_and_only_when_missing():
    early = activity(D - timedelta(days=1))
    events = [early, *setup(), activity(D)]
    receiving = managed_credit_status(events, as_of=D)
    assert receiving.receiving
    assert receiving.reasons == ()  # nothing is missing, so nothing is explained
    assert [item.event for item in receiving.uncounted] == [early]
    later = managed_credit_status([early, *setup()], as_of=early.on + timedelta(days=60))
    assert later.uncounted == ()


def test_an_end_at_once_is_named_among_the_reasons():
    end = Event(D + timedelta(days=5), "end-services")
    status = managed_credit_status([*setup(), activity(D), end], as_of=end.on)
    assert status.reasons[-1] == "ended at once on 2025-01-11 by end-services"


def test_logging_in_or_viewing_never_qualifies_and_blog_posts_qualify_on_publishing():
    for tool, action in [("email", "login"), ("reports", "view"), ("blog", "edit")]:
        status = managed_credit_status([*setup(), activity(D, tool=tool, action=action)], as_of=D)
        assert not status.receiving, (tool, action)
        assert status.missing == (Condition.QUALIFYING_ACTIVITY,)
    for tool, action in [("blog", "publish"), ("workflows", "create"), ("email", "edit")]:
        assert managed_credit_status(
            [*setup(), activity(D, tool=tool, action=action)], as_of=D
        ).receiving


def test_the_qualifying_table_refuses_logins():
    with pytest.raises(InvalidValueError, match="logging in"):
        attrs.evolve(default_managed_rules(), qualifying={"default": ["create", "login"]})
    with pytest.raises(InvalidTypeError):
        attrs.evolve(default_managed_rules(), qualifying={"blog": ["publish"]})


# -- ending -------------------------------------------------------------------------------------


def test_the_relationship_lapses_60_days_after_the_last_qualifying_activity():
    events = [*setup(), activity(D), activity(D + timedelta(days=10))]
    last = D + timedelta(days=10)
    assert managed_credit_status(events, as_of=last + timedelta(days=59)).receiving
    lapsed = managed_credit_status(events, as_of=last + timedelta(days=60))
    assert not lapsed.receiving
    assert lapsed.missing == (Condition.QUALIFYING_ACTIVITY,)
    assert active_periods(events, until=date(2026, 1, 1)) == (
        ActivePeriod(D, last + timedelta(days=60)),
    )


@pytest.mark.parametrize(
    "kind", ["employee-removed", "client-unassigned", "user-removed-from-client"]
)
def test_other_changes_do_not_end_the_relationship_at_once(kind):
    # lee stays in the client's account, so removing kim does not remove every
    # partner user from it
    events = [*setup(), Event(D, "user-added-to-client", user="lee"), activity(D)]
    events.append(Event(D + timedelta(days=5), kind, user="kim"))
    assert managed_credit_status(events, as_of=D + timedelta(days=30)).receiving
    assert not managed_credit_status(events, as_of=D + timedelta(days=60)).receiving
    # and activities after the change no longer count
    later = [*events, activity(D + timedelta(days=40))]
    assert not managed_credit_status(later, as_of=D + timedelta(days=70)).receiving


@pytest.mark.parametrize("kind", ["end-services", "all-employees-removed"])
def test_end_services_and_removing_all_employees_end_it_at_once(kind):
    end = D + timedelta(days=5)
    events = [*setup(), activity(D), Event(end, kind)]
    status = managed_credit_status(events, as_of=end)
    assert not status.receiving
    assert status.ended_by == events[-1]
    assert managed_credit_status(events, as_of=end - timedelta(days=1)).receiving
    assert active_periods(events, until=date(2026, 1, 1)) == (ActivePeriod(D, end),)


def test_removing_the_last_partner_user_from_the_clients_account_ends_it_at_once():
    # seed 004: removing all partner employees from the client's account ends the
    # relationship immediately, however they are removed
    removed = Event(D + timedelta(days=5), "user-removed-from-client", user="kim")
    events = [*setup(), activity(D), removed]
    status = managed_credit_status(events, as_of=removed.on)
    assert not status.receiving
    assert status.ended_by == removed
    assert status.reasons[-1] == (
        "ended at once on 2025-01-11 by removing kim, the last partner user, from the "
        "client's account"
    )
    assert active_periods(events, until=date(2026, 1, 1)) == (ActivePeriod(D, removed.on),)
    # one by one: the relationship ends when the last of them leaves
    lee_added = Event(D, "user-added-to-client", user="lee")
    lee_removed = Event(D + timedelta(days=9), "user-removed-from-client", user="lee")
    both = [*setup(), lee_added, activity(D), removed, lee_removed]
    assert managed_credit_status(both, as_of=lee_removed.on - timedelta(days=1)).receiving
    assert managed_credit_status(both, as_of=lee_removed.on).ended_by == lee_removed
    # it is the rule data's "all-employees-removed" that makes it end at once
    lenient = attrs.evolve(default_managed_rules(), ends_immediately={"end-services"})
    assert managed_credit_status(events, as_of=removed.on, rules=lenient).receiving


def test_a_relationship_can_start_again_after_it_ended():
    events = [
        *setup(),
        activity(D),
        Event(D + timedelta(days=5), "end-services"),
        Event(D + timedelta(days=20), "client-assigned", user="kim"),
        activity(D + timedelta(days=21)),
    ]
    assert active_periods(events, until=D + timedelta(days=30)) == (
        ActivePeriod(D, D + timedelta(days=5)),
        ActivePeriod(D + timedelta(days=21), None),
    )


def test_which_events_end_at_once_is_rule_data():
    strict = attrs.evolve(
        default_managed_rules(),
        ends_immediately={"end-services", "all-employees-removed", "client-unassigned"},
    )
    events = [*setup(), activity(D), Event(D + timedelta(days=3), "client-unassigned", user="kim")]
    assert not managed_credit_status(events, as_of=D + timedelta(days=3), rules=strict).receiving
    assert managed_credit_status(events, as_of=D + timedelta(days=3)).receiving
    short = attrs.evolve(default_managed_rules(), lapse_days=30)
    assert not managed_credit_status(events, as_of=D + timedelta(days=30), rules=short).receiving


# -- credit per month ------------------------------------------------------------------------


def test_monthly_managed_points_split_among_the_partners_of_the_month():
    program = rules.for_date(date(2025, 8, 1))
    events = [
        *setup(on=date(2025, 1, 10)),
        activity(date(2025, 1, 10)),
        activity(date(2025, 3, 1)),
        Event(date(2025, 4, 20), "end-services"),
    ]
    months = monthly_managed_points(
        events,
        mrr=Money("1000", "USD"),
        market="US",
        program=program,
        start=date(2025, 1, 1),
        end=date(2025, 5, 1),
        partners={date(2025, 2, 1): 2},
    )
    assert [(m.month.month, m.active, m.partners, m.points) for m in months] == [
        (1, True, 1, Decimal(10)),
        (2, True, 2, Decimal(5)),
        (3, True, 1, Decimal(10)),
        (4, False, 1, Decimal(0)),  # ended on April 20: not active at the month's end
        (5, False, 1, Decimal(0)),
    ]
    any_day = attrs.evolve(default_managed_rules(), monthly_credit="any-day")
    april = monthly_managed_points(
        events,
        mrr=Money("1000", "USD"),
        market="US",
        program=program,
        start=date(2025, 4, 1),
        end=date(2025, 4, 1),
        rules=any_day,
    )
    assert april[0].points == 10


def test_each_month_is_priced_by_the_rules_in_force_that_month():
    # EUR 1,320 is USD 100 x 17.6 under the rules before 2025-07-15 (EUR 75) and x 15
    # from then on (EUR 88): July is judged on its last day, under the new rules
    events = [*setup(on=date(2025, 6, 2)), activity(date(2025, 6, 2))]
    events.append(activity(date(2025, 7, 20)))
    span = {"start": date(2025, 6, 1), "end": date(2025, 8, 1)}
    months = monthly_managed_points(events, mrr=Money("1320", "EUR"), market="DE", **span)
    assert [m.points for m in months] == [Decimal("17.6"), 15, 15]
    # the old argument still means "this one rule set for every month"
    old = rules.for_date(date(2025, 6, 1))
    one = monthly_managed_points(
        events, mrr=Money("1320", "EUR"), market="DE", program=old, **span
    )
    assert [m.points for m in one] == [Decimal("17.6")] * 3
    mine = attrs.evolve(old, currencies={"EUR": 132})
    chosen = monthly_managed_points(
        events, mrr=Money("1320", "EUR"), market="DE", rules_for=lambda _: mine, **span
    )
    assert [m.points for m in chosen] == [10, 10, 10]
    with pytest.raises(InvalidValueError, match="not both"):
        monthly_managed_points(
            events,
            mrr=Money("1320", "EUR"),
            market="DE",
            program=old,
            rules_for=lambda _: mine,
            **span,
        )


@pytest.mark.parametrize(
    ("partners", "error", "match"),
    [
        ({date(2025, 2, 14): 2}, InvalidValueError, "the first day of a month"),
        ({date(2025, 7, 1): 2}, InvalidValueError, "from 2025-01-01 to 2025-05-01"),
        ({date(2024, 12, 1): 2}, InvalidValueError, "from 2025-01-01 to 2025-05-01"),
        ({date(2025, 2, 1): 0}, InvalidValueError, "at least 1"),
        ({date(2025, 2, 1): True}, InvalidTypeError, "at least 1"),
        ({"2025-02-01": 2}, InvalidTypeError, "datetime.date"),
        ([2, 2], InvalidTypeError, "a count per month"),
        (True, InvalidTypeError, "at least 1"),
    ],
)
def test_a_count_of_partners_that_names_no_month_of_the_range_is_refused(partners, error, match):
    events = [*setup(), activity(D)]
    with pytest.raises(error, match=match) as caught:
        monthly_managed_points(
            events,
            mrr=Money("1000", "USD"),
            market="US",
            start=date(2025, 1, 1),
            end=date(2025, 5, 1),
            partners=partners,
        )
    assert caught.value.field.startswith("partners")


def test_a_range_that_ends_before_it_starts_is_refused():
    events = [*setup(), activity(D)]
    with pytest.raises(InvalidValueError, match="on or after start"):
        monthly_managed_points(
            events, mrr=Money("1000", "USD"), market="US", start=D, end=D - timedelta(days=40)
        )
    with pytest.raises(InvalidValueError, match="on or after start"):
        qualifying_activities(events, start=D, end=D - timedelta(days=1))


def test_qualifying_activities_are_counted_in_a_period():
    events = [
        *setup(),
        activity(D),
        activity(D + timedelta(days=3)),
        activity(D + timedelta(days=4), action="login"),
        activity(D + timedelta(days=40)),
    ]
    assert qualifying_activities(events, start=D, end=D + timedelta(days=30)) == 2
    assert qualifying_activities(events, start=D + timedelta(days=1), end=date(2025, 12, 31)) == 2


def test_events_are_checked():
    with pytest.raises(InvalidValueError):
        Event(D, "employee-added")
    with pytest.raises(InvalidValueError):
        Event(D, "activity", user="kim")
    with pytest.raises(InvalidValueError):
        Event(D, "holiday", user="kim")
    with pytest.raises(InvalidTypeError):
        managed_credit_status(["kim"], as_of=D)


# -- laws -------------------------------------------------------------------------------------


def timelines_over(days):
    """Timelines whose events fall on ``days``."""
    user_events = st.builds(
        Event,
        days,
        st.sampled_from(
            [
                k
                for k in EventKind
                if k
                not in (
                    EventKind.ACTIVITY,
                    EventKind.END_SERVICES,
                    EventKind.ALL_EMPLOYEES_REMOVED,
                )
            ]
        ),
        user=st.sampled_from(["kim", "lee"]),
    )
    activities = st.builds(
        Event,
        days,
        st.just(EventKind.ACTIVITY),
        user=st.sampled_from(["kim", "lee"]),
        tool=st.sampled_from(["blog", "email", "workflows"]),
        action=st.sampled_from(["create", "publish", "edit", "login"]),
    )
    enders = st.builds(
        Event, days, st.sampled_from([EventKind.END_SERVICES, EventKind.ALL_EMPLOYEES_REMOVED])
    )
    return st.lists(st.one_of(user_events, activities, enders), max_size=25)


days = st.integers(0, 200).map(lambda n: D + timedelta(days=n))
timelines = timelines_over(days)
#: Few days, so that many events share one.
crowded_days = st.integers(0, 3).map(lambda n: D + timedelta(days=n * 40))
crowded = timelines_over(crowded_days)


@given(timelines, days)
def test_credit_status_agrees_with_the_active_periods(events, day):
    status = managed_credit_status(events, as_of=day)
    periods = active_periods(events, until=day)
    assert status.receiving == any(p.covers(day) for p in periods)
    assert status.receiving == (status.missing == ())


ENDERS = (EventKind.END_SERVICES, EventKind.ALL_EMPLOYEES_REMOVED)


@given(timelines)
def test_a_relationship_ended_at_once_earns_nothing_after_its_end(events):
    program = rules.for_date(date(2025, 8, 1))
    for ender in (e for e in events if e.kind in ENDERS):
        restarts = [e.on for e in events if e.kind is EventKind.ACTIVITY and e.on >= ender.on]
        next_start = min(restarts, default=ender.on + timedelta(days=400))
        for offset in (0, 1, 7, 30, 59, 60, 61, 120):
            day = ender.on + timedelta(days=offset)
            if day < next_start:
                assert not managed_credit_status(events, as_of=day).receiving
        month_end = (ender.on.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1
        )
        if month_end < next_start:
            (credit,) = monthly_managed_points(
                events,
                mrr=Money("1000", "USD"),
                market="US",
                program=program,
                start=ender.on,
                end=ender.on,
            )
            assert credit.points == 0


@given(timelines)
def test_a_relationship_not_ended_at_once_lapses_exactly_60_days_after_its_last_activity(events):
    for period in active_periods(events, until=date(2026, 6, 1)):
        if period.end is None:
            continue
        if managed_credit_status(events, as_of=period.end).ended_by is not None:
            continue  # ended at once
        last_day = period.end - timedelta(days=1)
        status = managed_credit_status(events, as_of=last_day)
        assert status.receiving
        assert status.lapses_on == period.end
        last_activity = period.end - timedelta(days=60)
        assert qualifying_activities(events, start=last_activity, end=last_activity) >= 1
        assert (
            qualifying_activities(events, start=last_activity + timedelta(days=1), end=last_day)
            == 0
        )


def test_rule_data_and_events_refuse_bad_values():
    rules_ = default_managed_rules()
    with pytest.raises(InvalidTypeError):
        Event(D, "activity", user="", tool="blog", action="publish")
    with pytest.raises(InvalidTypeError):
        attrs.evolve(rules_, ends_immediately="end-services")
    with pytest.raises(InvalidValueError):
        attrs.evolve(rules_, monthly_credit="weekly")


# -- the order of events on one day ------------------------------------------------------


@given(crowded, st.randoms(use_true_random=False), days)
def test_the_order_the_events_are_given_in_never_changes_the_answer(events, random, day):
    # Events of one day have a defined order (setup, activities, removals, immediate
    # ends), so any permutation of the same events gives the same status, periods and
    # monthly points.
    shuffled = list(events)
    random.shuffle(shuffled)
    assert managed_credit_status(shuffled, as_of=day) == managed_credit_status(events, as_of=day)
    assert active_periods(shuffled, until=day) == active_periods(events, until=day)
    program = rules.for_date(date(2025, 8, 1))

    def monthly(timeline):
        return monthly_managed_points(
            timeline,
            mrr=Money("1000", "USD"),
            market="US",
            program=program,
            start=D,
            end=D + timedelta(days=200),
        )

    assert monthly(shuffled) == monthly(events)


def test_setup_on_the_day_of_an_activity_counts_whatever_order_they_are_given_in():
    events = [activity(D), *reversed(setup())]
    status = managed_credit_status(events, as_of=D)
    assert status.receiving
    assert status.active_since == D


def test_an_immediate_end_on_the_day_of_an_activity_comes_last():
    events = [Event(D + timedelta(days=3), "end-services"), *setup(), activity(D)]
    events.append(activity(D + timedelta(days=3)))
    status = managed_credit_status(events, as_of=D + timedelta(days=3))
    assert not status.receiving
    assert status.ended_by == events[0]


def test_an_uncounted_activity_checks_its_values():
    with pytest.raises(InvalidTypeError, match="event"):
        UncountedActivity("kim", (), False)
    with pytest.raises(InvalidTypeError, match="missing"):
        UncountedActivity(activity(D), ("the user in the client",), True)
    with pytest.raises(InvalidTypeError, match="qualifying"):
        UncountedActivity(activity(D), (), "no")


def test_tool_names_qualify_however_they_are_written():
    custom = attrs.evolve(
        default_managed_rules(), qualifying={"default": ["create"], "Landing pages": ["publish"]}
    )
    for written in ("landing pages", "Landing-Pages", "landing_pages"):
        assert custom.qualifies(written, Action.PUBLISH)
        assert not custom.qualifies(written, Action.CREATE)
    with pytest.raises(InvalidValueError, match="each tool once"):
        attrs.evolve(
            default_managed_rules(),
            qualifying={"default": ["create"], "blog": ["publish"], "Blog": ["edit"]},
        )


# -- in other languages ----------------------------------------------------------------------


def test_a_refusal_is_said_in_swedish_and_italian():
    with pytest.raises(InvalidValueError) as caught:
        Event(D, "employee-added")
    assert caught.value.field == "user"
    assert "the user a 'employee-added' event is about" in str(caught.value)
    assert "användaren som en händelse 'employee-added' gäller" in caught.value.say("sv")
    assert "l'utente a cui si riferisce un evento 'employee-added'" in caught.value.say("it")
    with pytest.raises(InvalidValueError) as caught:
        monthly_managed_points(
            [],
            mrr=Money("1", "USD"),
            market="US",
            start=D,
            end=D,
            partners={date(2025, 2, 1): 2},
        )
    assert "months of the range, from 2025-01-01 to 2025-01-01" in str(caught.value)
    assert "månader i intervallet, från 2025-01-01 till 2025-01-01" in caught.value.say("sv")
    assert "mesi dell'intervallo, dal 2025-01-01 al 2025-01-01" in caught.value.say("it")


def test_conditions_are_described_in_the_language_asked_for():
    assert Condition.QUALIFYING_ACTIVITY.describe(locale="sv") == (
        "en kvalificerande aktivitet under de senaste 60 dagarna"
    )
    assert Condition.QUALIFYING_ACTIVITY.describe(locale="it_IT") == (
        "un'attività qualificante negli ultimi 60 giorni"
    )
    assert Condition.CLIENT_ASSIGNED.describe(locale="sv") == "kunden tilldelad den användaren"
    assert Condition.CLIENT_ASSIGNED.describe(locale="en_GB") == "the client assigned to that user"


def test_the_lapse_period_is_counted_in_the_right_plural_form():
    one = attrs.evolve(default_managed_rules(), lapse_days=1)
    assert Condition.QUALIFYING_ACTIVITY.describe(one) == "a qualifying activity in the last 1 day"
    assert Condition.QUALIFYING_ACTIVITY.describe(one, locale="sv") == (
        "en kvalificerande aktivitet under den senaste 1 dagen"
    )
    many = attrs.evolve(default_managed_rules(), lapse_days=1500)
    assert Condition.QUALIFYING_ACTIVITY.describe(many) == (
        "a qualifying activity in the last 1,500 days"
    )
    assert Condition.QUALIFYING_ACTIVITY.describe(many, locale="sv") == (
        "en kvalificerande aktivitet under de senaste 1\xa0500 dagarna"
    )


def test_what_happened_is_said_in_swedish_and_italian_with_the_dates_of_the_locale():
    early = activity(D - timedelta(days=1))
    status = managed_credit_status([early, *setup()], as_of=D)
    (uncounted,) = status.uncounted
    assert uncounted.describe(locale="sv") == (
        "en aktivitet den 5 januari 2025 räknades inte: kim var ännu inte användare i "
        "partnerkontot; kunden var ännu inte tilldelad kim; kim fanns ännu inte i kundens konto"
    )
    assert uncounted.describe(locale="it").startswith(
        "un'attività in data 5 gennaio 2025 non è stata conteggiata: kim non era ancora"
    )
    assert status.reasons_in("sv") == (
        "en kvalificerande aktivitet under de senaste 60 dagarna",
        uncounted.describe(locale="sv"),
    )
    assert status.reasons_in() == status.reasons
    end = Event(D + timedelta(days=5), "end-services")
    ended = managed_credit_status([*setup(), activity(D), end], as_of=end.on)
    assert ended.notes_in("sv") == ("avslutades direkt den 11 januari 2025 av end-services",)
    assert ended.notes_in("it") == ("terminata subito in data 11 gennaio 2025 da end-services",)
    assert ended.notes_in("en") == ended.notes == ("ended at once on 2025-01-11 by end-services",)


@given(timelines, days, st.sampled_from(LANGUAGES))
def test_every_reason_is_said_whole_in_every_language_with_the_locales_dates(
    events, day, language
):
    status = managed_credit_status(events, as_of=day)
    said = status.reasons_in(language)
    assert len(said) == len(status.reasons)
    assert status.reasons_in("en") == status.reasons
    for english, translated in zip(status.reasons, said, strict=True):
        assert translated != english  # every sentence of the module is catalogued
        assert "{" not in translated  # every placeholder filled
        assert re.search(r"\d{4}-\d{2}-\d{2}", translated) is None  # no ISO date for people


def test_every_sentence_of_the_module_is_a_message():
    from hubpartner import managed

    from .helpers import unsaid_texts

    assert unsaid_texts(managed) == []
