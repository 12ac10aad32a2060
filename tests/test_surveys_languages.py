"""Surveys in every language: the NPS question, refusals, notes and counts translated.

The NPS question is HubSpot's fixed question, with only the company's name filled in
(DOMAIN.md section 8, seed 002: "Kan jag anpassa NPS-frågan? Nej, NPS är en
branschstandard. Du kan endast anpassa företagsnamnet."). Seed 002 does not quote the
question itself, so the wording in each language is HubSpot's usual one, kept in the
catalogs.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import surveys
from hubpartner._checks import MAX_TEXT_LENGTH
from hubpartner.errors import (
    EmptyTallyError,
    InvalidScoreError,
    InvalidTypeError,
    InvalidValueError,
    ResponsesFileError,
    UnknownLocaleError,
)
from hubpartner.messages import LANGUAGES, Message, translate
from hubpartner.present import SUPPORTED, Presenter
from hubpartner.surveys import Channel, Survey, SurveyKind

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
ENGLISH = "How likely is it that you would recommend Acme to a friend or colleague?"
#: The question in the seeds' languages, as HubSpot's Swedish, Norwegian and Italian
#: surveys put it.
SEEDS = {
    "sv": "Hur troligt är det att du skulle rekommendera Acme till en vän eller kollega?",
    "nb": "Hvor sannsynlig er det at du vil anbefale Acme til en venn eller kollega?",
    "it": "Quanto è probabile che tu consigli Acme a un amico o a un collega?",
}


def nps_survey(language: str, company: str = "Acme", **more: object) -> Survey:
    return Survey(SurveyKind.NPS, Channel.EMAIL, language, company, date(2025, 1, 6), **more)


# -- the NPS question ---------------------------------------------------------------------


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_nps_question_is_asked_in_every_language_with_the_company_named(language):
    question = surveys.nps_question(company="Acme", language=language)
    assert "Acme" in question
    assert PLACEHOLDER.search(question) is None
    assert (question == ENGLISH) == (language == "en")
    assert surveys.nps_question(nps_survey(language)) == question


def test_each_language_asks_its_own_question():
    asked = [surveys.nps_question(company="Acme", language=lang) for lang in SUPPORTED]
    assert len(set(asked)) == len(SUPPORTED)


@pytest.mark.parametrize(("language", "question"), sorted(SEEDS.items()))
def test_the_seeds_languages_ask_hubspots_own_wording(language, question):
    assert surveys.nps_question(company="Acme", language=language) == question


@pytest.mark.parametrize(
    ("written", "language"),
    [("sv-SE", "sv"), ("sv_SE.UTF-8", "sv"), ("no", "nb"), ("nb_NO", "nb"), ("it_IT", "it")],
)
def test_the_question_takes_a_locale_as_people_write_it(written, language):
    assert surveys.nps_question(company="Acme", language=written) == SEEDS[language]
    assert surveys.nps_question(nps_survey(written)) == SEEDS[language]


def test_english_is_the_default_language():
    assert surveys.nps_question(company="Acme") == ENGLISH


def test_an_unknown_language_is_refused_listing_the_languages_spoken():
    with pytest.raises(UnknownLocaleError) as caught:
        surveys.nps_question(company="Acme", language="xx")
    assert caught.value.field == "language"
    assert caught.value.supported == SUPPORTED
    for language in SUPPORTED:
        assert language in str(caught.value)


def test_a_survey_in_a_language_not_spoken_needs_its_own_question():
    polish = nps_survey("pl")
    with pytest.raises(InvalidValueError) as caught:
        surveys.nps_question(polish)
    assert caught.value.field == "question_template"
    assert "one survey per language" in str(caught.value)
    assert "sv, nb, it" in str(caught.value)
    own = attrs.evolve(polish, question_template="Czy poleciłbyś {company} znajomemu?")
    assert surveys.nps_question(own) == "Czy poleciłbyś Acme znajomemu?"


def test_a_surveys_own_question_comes_before_the_standard_one():
    own = nps_survey("sv", question_template="Skulle du rekommendera {company}?")
    assert surveys.nps_question(own) == "Skulle du rekommendera Acme?"


def test_a_survey_brings_its_own_company_and_language():
    for name, value in (("company", "Other"), ("language", "sv")):
        with pytest.raises(InvalidValueError) as caught:
            surveys.nps_question(nps_survey("en"), **{name: value})
        assert caught.value.field == name
    with pytest.raises(InvalidTypeError) as caught:
        surveys.nps_question(language="sv")
    assert caught.value.field == "company"


@pytest.mark.parametrize("language", ["en", "sv", "ja"])
@pytest.mark.parametrize("company", ["{x}", "{company}", "Acme {company} & {0}", "}{", "%s"])
def test_a_company_name_with_braces_is_put_in_as_it_is(language, company):
    question = surveys.nps_question(company=company, language=language)
    assert question == surveys.nps_question(company="§", language=language).replace("§", company)
    assert surveys.nps_question(nps_survey(language, company)) == question


#: Names as people write them: any printable text on one line, not blank.
names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda name: name.strip() and "§" not in name)


@given(company=names, language=st.sampled_from(SUPPORTED))
def test_the_company_name_is_data_and_never_a_template(company, language):
    """The question about any name is the question about a marker, with the marker
    replaced by the name: nothing in the name is read, nothing of it is lost."""
    question = surveys.nps_question(company=company, language=language)
    assert question == surveys.nps_question(company="§", language=language).replace("§", company)


def test_a_long_company_name_is_bounded_where_it_enters():
    longest = "A" * MAX_TEXT_LENGTH
    assert longest in surveys.nps_question(company=longest, language="it")
    assert nps_survey("it", longest).company == longest
    with pytest.raises(InvalidValueError) as caught:
        surveys.nps_question(company=longest + "A", language="it")
    assert caught.value.field == "company"
    with pytest.raises(InvalidValueError) as caught:
        nps_survey("it", longest + "A")
    assert caught.value.field == "company"


@pytest.mark.parametrize("company", ["Acme\nInc", "Acme\tInc", "Acme\x00", "Acme\u2028Inc", " "])
def test_a_company_name_is_one_line_of_text(company):
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        surveys.nps_question(company=company)
    assert caught.value.field == "company"
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        nps_survey("en", company)
    assert caught.value.field == "company"


def test_rules_with_their_own_wording_are_asked_in_english_only():
    rules = attrs.evolve(
        surveys.survey_rules(), nps_question="Would you recommend {company} to a friend?"
    )
    assert (
        surveys.nps_question(company="Acme", rules=rules)
        == "Would you recommend Acme to a friend?"
    )
    with pytest.raises(InvalidValueError) as caught:
        surveys.nps_question(company="Acme", language="sv", rules=rules)
    assert caught.value.field == "language"
    with pytest.raises(InvalidValueError) as caught:
        surveys.nps_question(nps_survey("sv"), rules=rules)
    assert caught.value.field == "language"


def test_the_packaged_rules_hold_the_standard_question():
    assert surveys.survey_rules().nps_question == ENGLISH.replace("Acme", "{company}")


# -- refusals and notes, translated --------------------------------------------------------


def test_a_refused_answer_says_what_is_expected_in_the_readers_language():
    with pytest.raises(InvalidScoreError) as caught:
        surveys.NpsTally.from_scores([10, 11])
    expected = caught.value.expected
    assert isinstance(expected, Message)
    assert translate(expected, "sv") == "ett heltal från 0 till 10"
    assert translate(expected, "it") == "un numero intero da 0 a 10"
    assert translate(expected, "sv") in caught.value.say("sv")


def test_an_empty_tally_names_its_statistic_in_the_readers_language():
    with pytest.raises(EmptyTallyError) as caught:
        _ = surveys.NpsTally().promoter_share
    assert caught.value.statistic == "promoter share"
    assert translate(caught.value.statistic, "sv") == "andel promoters"
    assert translate(caught.value.statistic, "it") == "quota di promotori"


def test_the_problems_of_a_responses_file_are_said_in_the_readers_language(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("at,score\n2025-03-01,11\nyesterday,9\n2025-03-02,\n", encoding="utf-8")
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(path)
    problems = [problem.message for problem in caught.value.problems]
    assert [translate(problem, "sv") for problem in problems] == [
        "score '11' ligger utanför skalan 0..10",
        "at 'yesterday' är inte ett ISO-datum eller en ISO-tidpunkt som 2025-03-01",
        "inget 'score'; svar som saknas är ett fel om de inte utesluts",
    ]
    assert [translate(problem, "it") for problem in problems] == [
        "score '11' è fuori dalla scala 0..10",
        "at 'yesterday' non è una data o data e ora ISO come 2025-03-01",
        "nessun 'score'; le risposte mancanti sono un errore se non vengono escluse",
    ]


def test_the_built_in_scales_are_named_in_the_readers_language():
    assert translate(surveys.CES_7.name, "sv") == "CES-skala 1-7 för instämmande"
    assert translate(surveys.CSAT_5.name, "it") == "scala CSAT 1-5"
    for scale in (surveys.CES_7, surveys.CES_5_EFFORT, surveys.CSAT_5):
        for language in LANGUAGES:
            assert translate(scale.name, language) != scale.name, (scale, language)


def test_a_trailing_window_is_labelled_in_the_readers_language():
    (one, many) = [
        surveys.Trailing(days=days, ends=[date(2025, 1, 31)]).periods()[0].label
        for days in (1, 30)
    ]
    assert (one, many) == ("1 day to 2025-01-31", "30 days to 2025-01-31")
    assert Presenter("sv").text(one) == "1 dag till 31 januari 2025"
    assert Presenter("sv").text(many) == "30 dagar till 31 januari 2025"
    assert Presenter("it").text(many) == "30 giorni fino al 31 gennaio 2025"


# -- counts, in every plural form --------------------------------------------------------


def answers_said(count: int) -> Message:
    """The count of answers in the refusal of weights that do not match the answers."""
    with pytest.raises(InvalidValueError) as caught:
        surveys.WeightedNpsTally.from_scores([10] * count, [1] * (count + 1))
    answers = caught.value.expected.params["answers"]
    assert isinstance(answers, Message)
    return answers


COUNTS = (0, 1, 2, 5, 21, 1_000_000)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            ["0 answers", "1 answer", "2 answers", "5 answers", "21 answers", "1,000,000 answers"],
        ),
        ("sv", ["0 svar", "1 svar", "2 svar", "5 svar", "21 svar", "1\xa0000\xa0000 svar"]),
        ("nb", ["0 svar", "1 svar", "2 svar", "5 svar", "21 svar", "1\xa0000\xa0000 svar"]),
        (
            "it",
            [
                "0 risposte",
                "1 risposta",
                "2 risposte",
                "5 risposte",
                "21 risposte",
                "1.000.000 di risposte",
            ],
        ),
        (
            "fr",
            [
                "0 réponse",
                "1 réponse",
                "2 réponses",
                "5 réponses",
                "21 réponses",
                "1\u202f000\u202f000 de réponses",
            ],
        ),
        (
            "fi",
            [
                "0 vastausta",
                "1 vastaus",
                "2 vastausta",
                "5 vastausta",
                "21 vastausta",
                "1\xa0000\xa0000 vastausta",
            ],
        ),
        (
            "ja",
            [
                "0件の回答",
                "1件の回答",
                "2件の回答",
                "5件の回答",
                "21件の回答",
                "1,000,000件の回答",
            ],
        ),
    ],
)
def test_counts_of_answers_take_the_plural_form_of_the_language(language, said):
    shown = [Presenter(language).text(answers_said(count)) for count in COUNTS]
    assert shown == said


def test_the_count_of_answers_is_the_one_message_the_catalogs_share():
    answers = answers_said(2)
    assert (answers.template, answers.plural_template) == ("{count} answer", "{count} answers")


@pytest.mark.parametrize(
    ("count", "swedish", "italian"),
    [
        (
            1,
            "en vikt per svar (1 svar), inte 2 vikter",
            "un peso per risposta (1 risposta), non 2 pesi",
        ),
        (
            2,
            "en vikt per svar (2 svar), inte 3 vikter",
            "un peso per risposta (2 risposte), non 3 pesi",
        ),
    ],
)
def test_a_refusal_with_counts_reads_as_a_sentence(count, swedish, italian):
    with pytest.raises(InvalidValueError) as caught:
        surveys.WeightedNpsTally.from_scores([10] * count, [1] * (count + 1))
    assert translate(caught.value.expected, "sv") == swedish
    assert translate(caught.value.expected, "it") == italian


def test_one_weight_is_a_weight_and_one_answer_an_answer():
    with pytest.raises(InvalidValueError) as caught:
        surveys.WeightedNpsTally.from_scores([10], [1, 1])
    assert str(caught.value.expected) == "one weight per answer (1 answer), not 2 weights"
    with pytest.raises(InvalidValueError) as caught:
        surveys.WeightedNpsTally(Fraction(1), answers=1, sum_of_squares=Fraction(2))
    assert "the sum of the square of 1 weight that adds up to" in str(caught.value)


def test_portuguese_without_a_region_is_asked_in_brazilian_portuguese():
    assert surveys.nps_question(company="Acme", language="pt") == surveys.nps_question(
        company="Acme", language="pt_BR"
    )


def test_a_moment_with_an_offset_in_a_file_of_naive_moments_is_refused_in_words(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("at,score\n2025-03-01,9\n2025-03-02T10:00:00+01:00,7\n", encoding="utf-8")
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(path)
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert problem.message == (
        "at '2025-03-02T10:00:00+01:00' has a UTC offset, but line 2's '2025-03-01' has none; "
        "the moments of a file all have an offset or none has"
    )
    assert translate(problem.message, "sv") == (
        "at '2025-03-02T10:00:00+01:00' har en UTC-förskjutning, men '2025-03-01' på rad 2 har "
        "ingen; antingen har alla tidpunkter i en fil en förskjutning eller ingen"
    )
