"""The survey lifecycle and HubSpot's published survey numbers.

A survey has one kind, one channel and one language; an email survey can still be
answered for 14 days after it is unpublished (rule data, ``data/surveys.toml``).

    >>> from datetime import date
    >>> survey = Survey(SurveyKind.NPS, Channel.EMAIL, "en", "Acme", date(2025, 1, 6))
    >>> accepts_responses(unpublish(survey, date(2025, 3, 1)), date(2025, 3, 14))
    True
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

import attrs

from .._checks import (
    MAX_DAYS,
    MAX_EXTRA_QUESTIONS,
    NamedChoice,
    boolean,
    calendar_date,
    cldr_locale,
    instance,
    is_day,
    is_optional_day,
    is_text,
    moment,
    months_between,
    non_empty,
    same_clock,
    shifted,
    to_fraction,
    to_moment,
    to_optional_moment,
    to_optional_text,
    whole_number,
)
from .._files import Problems, number, packaged_source, packaged_toml
from ..errors import InvalidTypeError, InvalidValueError, UnknownLocaleError, shown
from ..messages import Message, message, translation
from .scales import SurveyKind

__all__ = [
    "Cadence",
    "Channel",
    "Range",
    "Send",
    "Survey",
    "SurveyRules",
    "accepts_responses",
    "expected_responses",
    "nps_question",
    "response_rate",
    "send_schedule",
    "shows_web_survey",
    "survey_rules",
    "unpublish",
]


@attrs.frozen
class Range:
    """An inclusive range ``low``..``high`` of exact values."""

    low: Fraction = attrs.field(converter=to_fraction)
    high: Fraction = attrs.field(converter=to_fraction)

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise InvalidValueError(
                "low", self.low, message("at most high ({high})", high=self.high)
            )


# Translators: the Net Promoter question, which no one may change but
# for the company's name; {company} is the name of the company that
# sends the survey. Use the wording HubSpot's surveys use in your language.
NPS_QUESTION = message(
    "How likely is it that you would recommend {company} to a friend or colleague?"
)


@attrs.frozen
class SurveyRules:
    """The numbers HubSpot publishes about feedback surveys (see ``data/surveys.toml``),
    and the English wording of the NPS question, by default the standard
    :data:`NPS_QUESTION` that the catalogs translate into every language hubpartner
    speaks."""

    email_grace: timedelta
    response_rate: Range
    extra_question_drop: Range
    nps_question: str = attrs.field(default=NPS_QUESTION, validator=is_text)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.email_grace, timedelta) or not (
            timedelta(0) <= self.email_grace <= timedelta(days=MAX_DAYS)
        ):
            raise InvalidValueError(
                "email_grace",
                self.email_grace,
                message("a timedelta from 0 to {days} days", days=MAX_DAYS),
            )
        for name in ("response_rate", "extra_question_drop"):
            span = getattr(self, name)
            if not isinstance(span, Range) or span.low < 0 or span.high > 1:
                raise InvalidValueError(name, span, message("a Range of shares within 0..1"))
        if "{company}" not in self.nps_question:
            raise InvalidValueError("nps_question", self.nps_question, _with_company())


def _with_company() -> Message:
    return message("a text with a {company} placeholder")


@functools.cache
def _packaged_survey_rules() -> SurveyRules:
    return _survey_rules_from(packaged_toml("surveys.toml"), packaged_source("surveys.toml"))


#: The tables of ``data/surveys.toml`` and the keys of each.
_LAYOUT = {
    "email": ("answerable_days_after_unpublishing",),
    "response_rate": ("low", "high"),
    "extra_question": ("drop_low", "drop_high"),
}


def _survey_rules_from(data: dict[str, Any], source: str) -> SurveyRules:
    """The survey rules of a document written like ``data/surveys.toml``, checked
    whole: every problem is reported with its key in one
    :class:`~hubpartner.errors.RulesFileError` naming ``source``."""
    problems = Problems()
    tables = problems.tables(data, _LAYOUT)

    def share(name: str, key: str) -> Any:
        where = f"{name}.{key}"
        return problems.check(
            where, lambda v: Fraction(number(v, field=where)), tables[name].get(key)
        )

    days_key = "email.answerable_days_after_unpublishing"
    days = problems.check(
        days_key,
        lambda v: whole_number(v, field=days_key, minimum=0, maximum=MAX_DAYS),
        tables["email"].get("answerable_days_after_unpublishing"),
    )
    rate_low, rate_high = share("response_rate", "low"), share("response_rate", "high")
    drop_low, drop_high = share("extra_question", "drop_low"), share("extra_question", "drop_high")
    rules = None
    if not problems.found:
        rules = problems.build(
            lambda: SurveyRules(
                email_grace=timedelta(days=days),
                response_rate=Range(rate_low, rate_high),
                extra_question_drop=Range(drop_low, drop_high),
            )
        )
    problems.raise_found(source)
    assert rules is not None  # built, or a problem was raised
    return rules


def survey_rules() -> SurveyRules:
    """Return the packaged survey numbers (read once, on first use).

    >>> survey_rules().email_grace.days
    14
    """
    return _packaged_survey_rules()


def response_rate(extra_questions: int = 0, *, rules: SurveyRules | None = None) -> Range:
    """Return the response rate to expect (5-15 %), lowered 30-50 % per extra question
    (at most 100 of them, :data:`~hubpartner._checks.MAX_EXTRA_QUESTIONS`).

    >>> response_rate(1)
    Range(low=Fraction(1, 40), high=Fraction(21, 200))
    """
    chosen = _rules(rules)
    extra = whole_number(
        extra_questions, field="extra_questions", minimum=0, maximum=MAX_EXTRA_QUESTIONS
    )
    drop = chosen.extra_question_drop
    return Range(
        chosen.response_rate.low * (1 - drop.high) ** extra,
        chosen.response_rate.high * (1 - drop.low) ** extra,
    )


def expected_responses(
    recipients: int, *, extra_questions: int = 0, rules: SurveyRules | None = None
) -> Range:
    """Return how many of ``recipients`` (at most 10^12) to expect to answer, as an
    exact range.

    >>> expected_responses(1000)
    Range(low=Fraction(50, 1), high=Fraction(150, 1))
    """
    count = whole_number(recipients, field="recipients", minimum=0)
    rate = response_rate(extra_questions, rules=rules)
    return Range(count * rate.low, count * rate.high)


class Channel(NamedChoice):
    """How a survey reaches people."""

    EMAIL = "email"
    LINK = "link"
    WEB = "web"


def _language(value: Any) -> str:
    cldr_locale(value, field="language")
    return str(value)


def _company_name(value: Any, *, field: str = "company") -> str:
    """Return ``value`` if it can be a company's name: a non-blank ``str`` of at most
    :data:`~hubpartner._checks.MAX_TEXT_LENGTH` characters on one line, without
    control characters (a name is put into a question that is one line).

    A name is data: it is put into a question as it is, braces and all, and never
    read as a template."""
    name = non_empty(value, field=field)
    if any(unicodedata.category(character) in _NOT_IN_A_NAME for character in name):
        raise InvalidValueError(
            field, value, message("a name on one line, without control characters")
        )
    return name


#: The Unicode categories of characters a name may not hold: control characters
#: (line breaks and tabs among them) and the line and paragraph separators.
_NOT_IN_A_NAME = frozenset({"Cc", "Zl", "Zp"})


def _company(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _company_name(value, field=attribute.name)


@attrs.frozen
class Survey:
    """A feedback survey: one kind, one channel and **one language**.

    ``published`` and ``unpublished`` are moments (a ``date`` means its midnight).
    ``company`` is the name the NPS question names (one line, see
    :func:`_company_name`). The question is the standard one in the survey's
    language when hubpartner speaks it (see :func:`nps_question`); a survey in
    another language carries its own translated ``question_template`` with a
    ``{company}`` placeholder, which also replaces the standard wording.
    """

    kind: SurveyKind = attrs.field(converter=SurveyKind)
    channel: Channel = attrs.field(converter=Channel)
    language: str = attrs.field(converter=_language)
    company: str = attrs.field(validator=_company)
    published: datetime = attrs.field(converter=to_moment)
    unpublished: datetime | None = attrs.field(default=None, converter=to_optional_moment)
    question_template: str | None = attrs.field(default=None, converter=to_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.unpublished is not None and (
            same_clock(self.unpublished, self.published, field="unpublished") < self.published
        ):
            raise InvalidValueError(
                "unpublished",
                self.unpublished,
                message(
                    "a moment on or after published ({published})",
                    published=self.published.isoformat(),
                ),
            )
        if self.question_template is not None and "{company}" not in self.question_template:
            raise InvalidValueError("question_template", self.question_template, _with_company())


def _survey(value: Any) -> Survey:
    return instance(value, Survey, field="survey", expected=message("a Survey"))


def _rules(value: Any) -> SurveyRules:
    """``value``, or the packaged survey rules when None."""
    if value is None:
        return survey_rules()
    expected = message("a SurveyRules, or None for the packaged one")
    return instance(value, SurveyRules, field="rules", expected=expected)


def unpublish(survey: Survey, at: datetime | date) -> Survey:
    """Return the survey unpublished at ``at``."""
    _survey(survey)
    same_clock(moment(at, field="at"), survey.published, field="at")
    if survey.unpublished is not None:
        raise InvalidValueError("survey", survey, message("a survey that is still published"))
    return attrs.evolve(survey, unpublished=at)


def accepts_responses(
    survey: Survey, at: datetime | date, *, rules: SurveyRules | None = None
) -> bool:
    """Return whether ``survey`` accepts an answer at ``at``.

    From publication on, a survey accepts answers until it is unpublished. An
    **email** survey can still be answered for 14 days (the ``email_grace`` of the
    survey rules) after it is unpublished: at any moment before unpublished + 14
    days. Link and web surveys stop when they are unpublished.
    """
    grace = _rules(rules).email_grace
    instant = same_clock(moment(at, field="at"), _survey(survey).published, field="at")
    if instant < survey.published:
        return False
    if survey.unpublished is None or instant < survey.unpublished:
        return True
    if survey.channel is Channel.EMAIL:
        try:
            return instant < survey.unpublished + grace
        except OverflowError:  # the grace outlasts the calendar, so it is still open
            return True
    return False


def shows_web_survey(
    survey: Survey,
    *,
    at: datetime | date,
    known_contact: bool,
    matches_criteria: bool,
    single_page_app: bool = False,
) -> bool:
    """Return whether a web survey is shown to a visitor.

    Only to a **known contact** (recognised by its cookie) that matches the survey's
    segmentation criteria, while the survey accepts answers, and never in a
    single-page app, which HubSpot's feedback surveys do not support.
    """
    for name, flag in (
        ("known_contact", known_contact),
        ("matches_criteria", matches_criteria),
        ("single_page_app", single_page_app),
    ):
        boolean(flag, field=name)
    accepts = accepts_responses(survey, at)
    return (
        survey.channel is Channel.WEB
        and known_contact
        and matches_criteria
        and not single_page_app
        and accepts
    )


def nps_question(
    survey: Survey | None = None,
    *,
    company: str | None = None,
    language: str | None = None,
    rules: SurveyRules | None = None,
) -> str:
    """Return the NPS question with the company name filled in, in the survey's
    language: of ``survey``, or of a ``company`` in a ``language`` (default English).

    The question cannot be changed except for the company name. It is the standard
    question (:data:`NPS_QUESTION`), in English or in its translation in the catalogs
    for every language hubpartner speaks (:data:`hubpartner.present.SUPPORTED`), with
    the name put in as it is: a name is data, never read as a template, so braces in
    it stay braces. A survey's own ``question_template`` comes first; a survey in a
    language hubpartner does not speak needs one. The name is checked where it
    enters: a non-blank ``str`` of at most
    :data:`~hubpartner._checks.MAX_TEXT_LENGTH` characters on one line. An unknown
    ``language`` raises :class:`~hubpartner.errors.UnknownLocaleError`, which lists
    the languages hubpartner speaks.

        >>> s = Survey(SurveyKind.NPS, Channel.EMAIL, "en", "Acme", date(2025, 1, 6))
        >>> nps_question(s)
        'How likely is it that you would recommend Acme to a friend or colleague?'
        >>> nps_question(company="Acme", language="sv-SE")
        'Hur troligt är det att du skulle rekommendera Acme till en vän eller kollega?'
    """
    chosen = _rules(rules)
    if survey is None:
        if company is None:
            raise InvalidTypeError(
                "company", company, message("a company's name (a str), or a survey")
            )
        return _standard_question(
            chosen, _company_name(company), "en" if language is None else language, "language"
        )
    if _survey(survey).kind is not SurveyKind.NPS:
        raise InvalidValueError("survey", survey.kind, message("an NPS survey"))
    for name, given in (("company", company), ("language", language)):
        if given is not None:
            raise InvalidValueError(
                name, given, message("None with a survey, which has its own company and language")
            )
    if survey.question_template is not None:
        return survey.question_template.replace("{company}", survey.company)
    try:
        return _standard_question(chosen, survey.company, survey.language, "language")
    except UnknownLocaleError as exc:
        raise InvalidValueError(
            "question_template",
            None,
            message(
                "a translated question for language {language}: one survey per language, each "
                "with its own text; the standard question is translated into {languages} only",
                language=repr(survey.language),
                languages=", ".join(exc.supported),
            ),
        ) from None


def _standard_question(rules: SurveyRules, company: str, language: str, field: str) -> str:
    """The question of ``rules`` about ``company`` in ``language`` (a locale as people
    write it, which ``field`` names), or an error if the catalogs lack its wording."""
    from ..present import Presenter, resolve_locale

    presenter = Presenter(resolve_locale(language, field=field))
    said = Message(rules.nps_question, company=company)
    chosen = translation(presenter.language)
    if chosen is not None and not chosen.has(rules.nps_question):
        raise InvalidValueError(
            field,
            language,
            message(
                "English: the catalogs translate the standard NPS question, not the wording "
                "of these rules ({wording})",
                wording=shown(rules.nps_question),
            ),
        )
    return presenter.text(said)


class Cadence(NamedChoice):
    """How often a relationship survey is sent: every 3, 6 or 12 months."""

    QUARTERLY = 3
    SIX_MONTHS = 6
    TWELVE_MONTHS = 12


@attrs.frozen
class Send:
    """One send of a survey, and its reminder (``None`` when no reminder is set)."""

    on: date = attrs.field(validator=is_day)
    reminder: date | None = attrs.field(validator=is_optional_day)


def send_schedule(
    start: date,
    cadence: Cadence,
    *,
    count: int | None = None,
    until: date | None = None,
    reminder_after: timedelta | None = None,
) -> tuple[Send, ...]:
    """Return the send dates from ``start`` at ``cadence``, with their reminders.

    Give ``count`` sends or an ``until`` date (inclusive), not both. A send due on
    a day the month lacks (the 31st, say) goes out on the month's last day. Every send
    and every reminder falls on the calendar (by 9999-12-31), or an error names
    ``count`` or ``reminder_after``.

        >>> sends = send_schedule(date(2025, 1, 31), Cadence.QUARTERLY, count=3)
        >>> [send.on.isoformat() for send in sends]
        ['2025-01-31', '2025-04-30', '2025-07-31']
    """
    from dateutil.rrule import MONTHLY, rrule

    if isinstance(start, datetime) or not isinstance(start, date):
        raise InvalidTypeError("start", start, message("a date"))
    if not isinstance(cadence, Cadence):
        raise InvalidTypeError("cadence", cadence, message("a Cadence, such as Cadence.QUARTERLY"))
    if count is not None:
        left = months_between(start, date.max)
        count = whole_number(count, field="count", minimum=1, maximum=left // cadence.value + 1)
    if until is not None:
        until = calendar_date(until, field="until")
    if (count is None) == (until is None):
        raise InvalidValueError(
            "count", count, message("either count or until, not both and not neither")
        )
    if reminder_after is not None:
        if not isinstance(reminder_after, timedelta):
            raise InvalidTypeError(
                "reminder_after", reminder_after, message("a positive timedelta")
            )
        if reminder_after <= timedelta(0):
            raise InvalidValueError(
                "reminder_after", reminder_after, message("a positive timedelta")
            )
    rule = rrule(
        MONTHLY,
        interval=cadence.value,
        dtstart=datetime(start.year, start.month, start.day),
        bymonthday=(start.day, -1),
        bysetpos=1,
        count=count,
        until=None if until is None else datetime(until.year, until.month, until.day),
    )
    return tuple(Send(when.date(), _reminder(when.date(), reminder_after)) for when in rule)


def _reminder(sent: date, after: timedelta | None) -> date | None:
    """The day of the reminder of a send on ``sent``, ``after`` it (None: no reminder)."""
    if after is None:
        return None
    day = shifted(sent, days=after.days)
    if day is None:
        raise InvalidValueError(
            "reminder_after",
            after,
            message("a timedelta that puts every reminder on or before {last}", last=date.max),
        )
    return day
