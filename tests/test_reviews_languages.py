"""Reviews in every language: a support correction keeps the meaning whatever the
language of the review, and what the reviews module says comes out translated."""

from __future__ import annotations

import re
from datetime import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import _files
from hubpartner.errors import (
    CorrectionRefusedError,
    InvalidTypeError,
    InvalidValueError,
    NotPermittedError,
    ReviewRefusedError,
    RulesFileError,
    UnknownEntryError,
    UnknownLocaleError,
)
from hubpartner.messages import LANGUAGES, translate
from hubpartner.present import SUPPORTED
from hubpartner.reviews import (
    Client,
    CorrectionRules,
    DirectoryProfile,
    PaidService,
    PartnerMember,
    Ratings,
    Refusal,
    Reviewer,
    ReviewRules,
    ReviewText,
    Staff,
    _review_rules_from,
    correct_response,
    correct_review,
    correction_problem,
    eligibility,
    respond,
    review_rules,
    submit_review,
    summary,
)

AT = datetime(2025, 6, 2, 9, 0)

#: For each language hubpartner speaks, texts a support correction might be asked to
#: make: (before, after) pairs that add a negation, remove one, put a word for its
#: opposite, change a number in digits and one in words, and a genuine misspelling
#: of the language fixed.
CASES = {
    "en": {
        "adds a negation": ("The team was great", "The team was not great"),
        "removes a negation": ("They didn't answer", "They did answer"),
        "swaps an antonym": ("Good service", "Bad service"),
        "changes digits": ("It took 2 weeks", "It took 3 weeks"),
        "changes a number word": ("It took two weeks", "It took three weeks"),
        "fixes a typo": ("Thier team was grate", "Their team was great"),
    },
    "sv": {
        "adds a negation": ("Tjänsten var bra", "Tjänsten var inte bra"),
        "removes a negation": ("Vi var aldrig nöjda", "Vi var nöjda"),
        "swaps an antonym": ("Snabb leverans", "Långsam leverans"),
        "changes digits": ("Det tog 2 veckor", "Det tog 3 veckor"),
        "changes a number word": ("Det tog två veckor", "Det tog tre veckor"),
        "fixes a typo": ("Mycket proffesionell byrå", "Mycket professionell byrå"),
    },
    "nb": {
        "adds a negation": ("Tjenesten var bra", "Tjenesten var ikke bra"),
        "removes a negation": ("Vi var ikke fornøyd", "Vi var fornøyd"),
        "swaps an antonym": ("Rask levering", "Treg levering"),
        "changes digits": ("Det tok 2 uker", "Det tok 4 uker"),
        "changes a number word": ("Det tok tre uker", "Det tok fem uker"),
        "fixes a typo": ("Veldig profesjonel hjelp", "Veldig profesjonell hjelp"),
    },
    "it": {
        "adds a negation": ("Il servizio è buono", "Il servizio non è buono"),
        "removes a negation": ("Non lo consiglio", "Lo consiglio"),
        "swaps an antonym": ("Servizio veloce", "Servizio lento"),
        "changes digits": ("Ci sono volute 2 settimane", "Ci sono volute 3 settimane"),
        "changes a number word": (
            "Ci sono volute tre settimane",
            "Ci sono volute quattro settimane",
        ),
        "fixes a typo": ("Un team molto profesionale", "Un team molto professionale"),
    },
    "de": {
        "adds a negation": ("Der Service war gut", "Der Service war nicht gut"),
        "removes a negation": ("Das Team war keine Hilfe", "Das Team war eine Hilfe"),
        "swaps an antonym": ("Schnelle Lieferung", "Langsame Lieferung"),
        "changes digits": ("Es dauerte 2 Wochen", "Es dauerte 3 Wochen"),
        "changes a number word": ("Es dauerte zwei Wochen", "Es dauerte drei Wochen"),
        "fixes a typo": ("Gute Unterstüzung", "Gute Unterstützung"),
    },
    "fr": {
        "adds a negation": ("Le service est bon", "Le service est pas bon"),
        "removes a negation": ("Ce n'est pas bon", "C'est bon"),
        "swaps an antonym": ("Le service est bon", "Le service est mauvais"),
        "changes digits": ("Cela a pris 2 semaines", "Cela a pris 3 semaines"),
        "changes a number word": ("Cela a pris deux semaines", "Cela a pris trois semaines"),
        "fixes a typo": ("Une équipe très profesionnelle", "Une équipe très professionnelle"),
    },
    "es": {
        "adds a negation": ("Hubo problemas", "No hubo problemas"),
        "removes a negation": ("Nunca lo recomiendo", "Lo recomiendo"),
        "swaps an antonym": ("Servicio bueno", "Servicio malo"),
        "changes digits": ("Tardó 2 semanas", "Tardó 3 semanas"),
        "changes a number word": ("Tardó dos semanas", "Tardó tres semanas"),
        "fixes a typo": ("Un equipo muy profesinal", "Un equipo muy profesional"),
    },
    "pt_BR": {
        "adds a negation": ("O serviço foi bom", "O serviço não foi bom"),
        "removes a negation": ("Não recomendo", "Recomendo"),
        "swaps an antonym": ("Serviço bom", "Serviço ruim"),
        "changes digits": ("Levou 2 semanas", "Levou 3 semanas"),
        "changes a number word": ("Levou duas semanas", "Levou três semanas"),
        "fixes a typo": ("Uma equipe muito profissonal", "Uma equipe muito profissional"),
    },
    "nl": {
        "adds a negation": ("De service was goed", "De service was niet goed"),
        "removes a negation": ("Geen aanrader", "Aanrader"),
        "swaps an antonym": ("Goede service", "Slechte service"),
        "changes digits": ("Het duurde 2 weken", "Het duurde 3 weken"),
        "changes a number word": ("Het duurde twee weken", "Het duurde drie weken"),
        "fixes a typo": ("Een zeer profesioneel team", "Een zeer professioneel team"),
    },
    "da": {
        "adds a negation": ("Servicen var god", "Servicen var ikke god"),
        "removes a negation": ("Vi var ikke tilfredse", "Vi var tilfredse"),
        "swaps an antonym": ("Hurtig levering", "Langsom levering"),
        "changes digits": ("Det tog 2 uger", "Det tog 5 uger"),
        "changes a number word": ("Det tog tre uger", "Det tog fem uger"),
        "fixes a typo": ("Meget profesionelt arbejde", "Meget professionelt arbejde"),
    },
    "fi": {
        "adds a negation": ("Palvelu toimii hyvin", "Palvelu ei toimi hyvin"),
        "removes a negation": ("Ohjeet eivät toimi", "Ohjeet toimi"),
        "swaps an antonym": ("Nopea toimitus", "Hidas toimitus"),
        "changes digits": ("Kesti 2 viikkoa", "Kesti 3 viikkoa"),
        "changes a number word": ("Kesti kaksi viikkoa", "Kesti kolme viikkoa"),
        "fixes a typo": ("Erittäin ammatitaitoinen tiimi", "Erittäin ammattitaitoinen tiimi"),
    },
    "ja": {
        "adds a negation": ("対応が良かったです", "対応が良くなかったです"),
        "removes a negation": ("おすすめしません", "おすすめします"),
        "swaps an antonym": ("対応が良い", "対応が悪い"),
        "changes digits": ("2週間かかりました", "3週間かかりました"),
        "changes a number word": ("二週間かかりました", "三週間かかりました"),
        "fixes a typo": (
            "とても丁寧な対応でした、感謝しています",
            "とても丁寧な対応でした。感謝しています",
        ),
    },
}
#: What the reason for each refusal says (a word of it), when the language is known.
REASONS = {
    "adds a negation": "negation",
    "removes a negation": "negation",
    "swaps an antonym": "opposite",
    "changes digits": "a number changed",
    "changes a number word": "a number changed",
}


def test_every_language_hubpartner_speaks_has_correction_rules_and_cases():
    assert [rules.language for rules in review_rules().languages] == list(SUPPORTED)
    assert sorted(CASES) == sorted(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("change", sorted(REASONS))
def test_a_change_of_meaning_is_refused_in_every_language(language, change):
    before, after = CASES[language][change]
    assert REASONS[change] in correction_problem(before, after, language=language)
    # the language unknown, every language's lists are checked: still refused
    assert correction_problem(before, after) is not None


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_genuine_typo_fix_is_accepted_in_every_language(language):
    before, after = CASES[language]["fixes a typo"]
    assert correction_problem(before, after, language=language) is None
    assert correction_problem(before, after) is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # misspellings of real words that begin like a negating prefix are fixed
        ("En odrning", "En ordning"),  # sv o-
        ("Bra omrdåe", "Bra område"),
        ("Stor utvikilng", "Stor utvikling"),  # nb u-
        ("Stor udviklnig", "Stor udvikling"),  # da u-
        ("Die Untersützung", "Die Unterstützung"),  # de un-
        ("De ontwikeling", "De ontwikkeling"),  # nl on-
        ("Un incontor utile", "Un incontro utile"),  # it in-
        ("El desarollo", "El desarrollo"),  # es des-
        ("O desenvolvimeto", "O desenvolvimento"),  # pt des-
        ("Très importnat", "Très important"),  # fr im-
        ("Des informatoins", "Des informations"),  # fr in-
        ("Epäilemätä hyvä", "Epäilemättä hyvä"),  # fi epä-
        # a grammar fix of a form of one word
        ("Det var ett bra byrå", "Det var en bra byrå"),  # Swedish en/ett
        ("Det var en fin bok", "Det var ei fin bok"),  # Norwegian en/ei
        ("Ein gutes Team", "Eine gutes Team"),
        ("Un studio serio", "Uno studio serio"),  # Spanish uno is Italian's article
        # an everyday word of one language that is a number or negation in another
        ("We want too go", "We want to go"),  # Danish and Norwegian to = two
        ("Vivo Madrid", "Vivo en Madrid"),  # Finnish en = I do not
        ("The fir alarm", "The fire alarm"),  # Norwegian fire = four
    ],
)
def test_ordinary_words_of_every_language_are_not_taken_for_negations(before, after):
    assert correction_problem(before, after) is None


@pytest.mark.parametrize(
    ("before", "after", "language"),
    [
        ("Sehr zuverlässig", "Sehr unzuverlässig", "de"),
        ("Mycket säker", "Mycket osäker", "sv"),
        ("Veldig pålitelig", "Veldig upålitelig", "nb"),
        ("Meget pålidelig", "Meget upålidelig", "da"),
        ("Erittäin luotettava", "Erittäin epäluotettava", "fi"),
        ("Zeer betrouwbaar", "Zeer onbetrouwbaar", "nl"),
        ("Muy organizado", "Muy desorganizado", "es"),
        ("Muito organizado", "Muito desorganizado", "pt_BR"),
        ("Un lavoro preciso", "Un lavoro impreciso", "it"),
        ("Très agréable", "Très désagréable", "fr"),
        ("Very reliable", "Very unreliable", "en"),
        ("とても親切", "とても不親切", "ja"),
    ],
)
def test_a_negating_prefix_is_caught_in_every_language(before, after, language):
    assert "negating prefix" in correction_problem(before, after, language=language)
    assert correction_problem(before, after) is not None
    assert correction_problem(after, before) is not None


def test_an_ambiguous_word_is_checked_when_the_language_is_known():
    # Finnish "ei" (does not) is Norwegian "a": left out when every language is checked
    finnish = ("Se toimii", "Se ei toimi")
    assert "negation" in correction_problem(*finnish, language="fi")
    assert "negation" not in correction_problem(*finnish)
    swedish = ("Det var ett bra byrå", "Det var en bra byrå")
    assert correction_problem(*swedish, language="sv") is None
    assert correction_problem(*swedish, language="sv_SE.UTF-8") is None
    # Portuguese "no" is "in the": a grammar fix there is one when the language is known
    portuguese = ("Trabalhamos na escritório", "Trabalhamos no escritório")
    assert correction_problem(*portuguese) == "a negation was added or removed"
    assert correction_problem(*portuguese, language="pt-BR") is None
    assert correction_problem(*portuguese, language="pt") is None
    # Danish "to" is two, a number word when the text is known to be Danish
    assert correction_problem("Vi har tre kunder", "Vi har to kunder", language="da")
    fi = review_rules().languages[SUPPORTED.index("fi")]
    assert {"ei", "en", "et"} <= set(fi.ambiguous)


def test_japanese_is_read_without_spaces():
    long = "担当者の対応はとても丁寧で、導入もスムーズに進みました"
    assert correction_problem(long, long.replace("進みました", "進みませんでした")) is not None
    assert "negation" in correction_problem(long + "。", long + "ではない。", language="ja")
    assert correction_problem(long, long.replace("丁寧", "丁寧。"), language="ja") is None
    # a misconverted kanji is a typo; a word for its opposite is not
    assert correction_problem("意外の方法", "以外の方法", language="ja") is None
    assert "opposite" in correction_problem("満足でした", "不満でした", language="ja")
    assert "number" in correction_problem("十人", "百人", language="ja")
    assert "negating prefix" in correction_problem("効率的", "非効率的", language="ja")


def test_typographic_apostrophes_negate_as_plain_ones():
    assert "negation" in correction_problem("It didn\u2019t work", "It did work")
    assert "negation" in correction_problem("Ce n\u2019est pas bon", "C\u2019est bon")


# -- laws -----------------------------------------------------------------------------------

#: Sentences in each language written with spaces, none of which has a negation.
SENTENCES = {
    "en": "the team delivered our portal on time",
    "sv": "teamet levererade vår portal i tid",
    "nb": "teamet leverte portalen vår i tide",
    "it": "il team ha consegnato il portale in tempo",
    "de": "das Team hat unser Portal pünktlich geliefert",
    "fr": "l'équipe a livré notre portail à temps",
    "es": "el equipo entregó nuestro portal a tiempo",
    "pt_BR": "a equipe entregou nosso portal no prazo",
    "nl": "het team leverde ons portaal op tijd",
    "da": "teamet leverede vores portal til tiden",
    "fi": "tiimi toimitti portaalimme ajallaan",
}
LISTS = {rules.language: rules for rules in review_rules().languages}


@st.composite
def negated(draw, languages=tuple(SENTENCES)):
    """A sentence of a language, and that sentence with one of the language's
    negations put between two of its words."""
    language = draw(st.sampled_from(languages))
    words = SENTENCES[language].split()
    negation = draw(st.sampled_from(LISTS[language].negations))
    where = draw(st.integers(0, len(words)))
    return language, " ".join(words), " ".join([*words[:where], negation, *words[where:]])


@given(negated())
def test_adding_any_negation_of_the_language_is_refused_and_so_is_taking_it_away(case):
    language, plain, negative = case
    assert correction_problem(plain, plain + "!", language=language) is None
    assert correction_problem(plain, negative, language=language) is not None
    assert correction_problem(negative, plain, language=language) is not None


@given(negated())
def test_a_negation_that_is_no_ambiguous_word_is_caught_whatever_the_language(case):
    language, plain, negative = case
    (added,) = set(negative.split()) - set(plain.split())
    if added not in LISTS[language].ambiguous:
        assert correction_problem(plain, negative) is not None
        assert correction_problem(negative, plain) is not None


@given(
    st.sampled_from(SUPPORTED),
    st.lists(
        st.sampled_from(sorted({w for r in LISTS.values() for w in r.negations})), max_size=3
    ),
    st.lists(
        st.sampled_from(sorted({w for r in LISTS.values() for w in r.negations})), max_size=3
    ),
    st.sampled_from(sorted(SENTENCES.values())),
)
def test_a_correction_and_its_reverse_agree_on_negations(language, first, second, sentence):
    before = " ".join([*first, sentence])
    after = " ".join([sentence, *second])
    for chosen in (None, language):
        forth = correction_problem(before, after, language=chosen) or ""
        back = correction_problem(after, before, language=chosen) or ""
        assert ("negation" in forth) == ("negation" in back)


@given(
    st.sampled_from(["ない", "ません", "なかった", "ず", "無い"]),
    st.sampled_from(["担当者の対応はとても丁寧でした", "導入はスムーズに進んだ"]),
    st.booleans(),
)
def test_a_japanese_negation_is_found_inside_the_text(negation, sentence, known):
    language = "ja" if known else None
    assert correction_problem(sentence, sentence + negation, language=language) is not None
    assert correction_problem(sentence + negation, sentence, language=language) is not None


# -- choosing and extending the lists --------------------------------------------------------


def test_the_language_names_one_of_the_rules_or_a_locale_of_it():
    with pytest.raises(UnknownLocaleError) as caught:
        correction_problem("a", "b", language="xx")
    assert caught.value.field == "language"
    own = CorrectionRules(["ne"], [], [], ["unu", "du"], language="eo")
    with pytest.raises(UnknownEntryError, match=r"'sv'.*it has eo"):
        correction_problem("a", "b", rules=[own], language="sv")
    assert correction_problem("Ĝi estas bona", "Ĝi ne estas bona", rules=[own], language="eo")
    assert correction_problem("unu tago", "du tagoj", rules=own) == "a number changed"
    both = [own, review_rules().corrections]
    assert correction_problem("The team was great", "The team was not great", rules=both)
    for bad, error in (
        ("rules", InvalidTypeError),
        ([own, own], InvalidValueError),
        ([own, "eo"], InvalidTypeError),
    ):
        with pytest.raises(error):
            correction_problem("a", "b", rules=bad)
    with pytest.raises(InvalidValueError, match="each language once"):
        ReviewRules(review_rules().scale, review_rules().display, languages=[own, own])


def test_correction_rules_are_checked_when_made():
    rules = review_rules().corrections
    for bad in (
        lambda: attrs.evolve(rules, ambiguous=["unlisted"]),
        lambda: attrs.evolve(rules, antonyms=[("good", "not bad")]),
        lambda: attrs.evolve(rules, forms=[["a"]]),
        lambda: attrs.evolve(rules, forms=["ab"]),
        lambda: attrs.evolve(rules, spaces="no"),
        lambda: attrs.evolve(rules, language=""),
    ):
        with pytest.raises((InvalidTypeError, InvalidValueError)):
            bad()
    assert attrs.evolve(rules, forms=[["An", "a", "A"]]).forms == (("a", "an"),)


def test_the_packaged_lists_are_checked_when_read():
    data = _files.packaged_toml("reviews.toml")

    def problems(corrections):
        with pytest.raises(RulesFileError) as caught:
            _review_rules_from({**data, "corrections": corrections}, "reviews.toml")
        return {problem.key: problem.message for problem in caught.value.problems}

    sv = data["corrections"]["sv"]
    twice = problems({**data["corrections"], "sv": {**sv, "negations": ["inte", "Inte"]}})
    assert twice == {"corrections.sv.negations": "'Inte' is listed twice"}
    pairs = [["bra", "dålig"], ["dålig", "bra"]]
    assert "corrections.sv.antonyms" in problems(
        {**data["corrections"], "sv": {**sv, "antonyms": pairs}}
    )
    without = {key: value for key, value in data["corrections"].items() if key != "ja"}
    assert problems(without) == {"corrections.ja": "missing"}
    lacking = {key: value for key, value in sv.items() if key != "forms"}
    assert problems({**data["corrections"], "sv": lacking}) == {"corrections.sv.forms": "missing"}
    found = problems({**data["corrections"], "sv": {**sv, "ambiguous": ["xyz"]}})
    assert list(found) == ["corrections.sv.ambiguous"]
    found = problems({**data["corrections"], "sv": {**sv, "spaces": "yes"}})
    assert list(found) == ["corrections.sv.spaces"]
    numbers = {
        **data,
        "corrections": {**data["corrections"], "sv": {**sv, "number_words": [1, 1]}},
    }
    with pytest.raises(RulesFileError) as caught:
        _review_rules_from(numbers, "reviews.toml")
    said = [(problem.key, problem.message) for problem in caught.value.problems]
    assert ("corrections.sv.number_words", "1 is listed twice") in said
    found = problems({**data["corrections"], "sv": "inte"})
    assert "corrections.sv" in found


# -- what the reviews module says, in every language ------------------------------------------

ANN = Reviewer("ann", "Ann Lee", "ann@example.com", "Client AB", "hubspot-login")
PROFILE = DirectoryProfile(
    "northwind", services=[PaidService("s1", "northwind", "ann", paid=True)]
)


def submitted(reviewer: Reviewer = ANN) -> DirectoryProfile:
    profile, _ = submit_review(
        PROFILE,
        Client(reviewer),
        review_id="r1",
        service_id="s1",
        ratings=Ratings(5),
        text=ReviewText("Bra", "Tjänsten var bra"),
        at=AT,
    )
    return profile


def test_a_refused_correction_says_why_in_swedish_and_italian():
    with pytest.raises(CorrectionRefusedError) as caught:
        correct_review(
            submitted(),
            Staff("hs"),
            review_id="r1",
            text=ReviewText("Bra", "Tjänsten var inte bra"),
            at=AT,
            language="sv",
        )
    assert caught.value.reason == "a negation was added or removed"
    swedish, italian = caught.value.say("sv"), caught.value.say("it")
    assert translate(caught.value.reason, "sv") in swedish
    assert translate(caught.value.reason, "sv") != caught.value.reason
    assert translate(caught.value.reason, "it") in italian
    assert "Tjänsten var inte bra" in swedish


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_refusal_of_a_correction_is_translated(language):
    reasons = [correction_problem(*CASES["en"][change]) for change in sorted(REASONS)] + [
        correction_problem("They were dishonest", "They were honest"),
        correction_problem("Smooth onboarding", "Flawless onboarding"),
        correction_problem("Good work", "Good work, highly recommended"),
        correction_problem("ok", "ok a an the of in"),
        correction_problem("効率的", "非効率的"),
        correction_problem("Great", "Great"),
    ]
    for reason in reasons:
        said = translate(reason, language)
        assert said != reason, (language, reason)
        for quoted in re.findall(r"'[^']*'", reason):
            assert quoted in said


def test_a_refused_review_and_a_refused_actor_say_why_in_the_seeds_languages():
    stranger = Reviewer("zed", "Zed", "zed@example.com", "Zed Inc", "none")
    reasons = eligibility(PROFILE, stranger, PROFILE.service("s1"))
    assert str(reasons[0]) == reasons[0].value
    with pytest.raises(ReviewRefusedError) as caught:
        submit_review(
            PROFILE,
            Client(stranger),
            review_id="r1",
            service_id="s1",
            ratings=Ratings(5),
            text=ReviewText("Hi", "Hello"),
            at=AT,
        )
    for language in ("sv", "nb", "it"):
        said = caught.value.say(language)
        for reason in caught.value.reasons:
            assert translate(reason.text, language) in said
            assert reason.value not in said
    with pytest.raises(NotPermittedError) as refused:
        respond(submitted(), Client(ANN), response_id="p1", review_id="r1", text="x", at=AT)
    assert "respond to a review" not in refused.value.say("it")


@pytest.mark.parametrize("refusal", list(Refusal))
def test_every_refusal_reads_as_its_value_and_is_translated(refusal):
    assert str(refusal) == refusal.value == refusal.text
    for language in LANGUAGES:
        assert translate(refusal.text, language) != refusal.value


def test_a_linkedin_reviewer_is_told_unreachable_in_every_language():
    _, (notice,) = respond(
        submitted(attrs.evolve(ANN, authentication="linkedin")),
        PartnerMember("northwind", "me"),
        response_id="p1",
        review_id="r1",
        text="Tack!",
        at=AT,
    )
    assert not notice.reachable
    for language in LANGUAGES:
        assert translate(notice.note, language) != notice.note


def test_a_response_is_corrected_in_its_language():
    profile, _ = respond(
        submitted(),
        PartnerMember("northwind", "me"),
        response_id="p1",
        review_id="r1",
        text="Tack för era vänliga ord",
        at=AT,
    )
    fixed, _ = correct_response(
        profile,
        Staff("hs"),
        response_id="p1",
        text="Tack för era vänliga ord!",
        at=AT,
        language="sv",
    )
    assert fixed.response("p1").text == "Tack för era vänliga ord!"
    with pytest.raises(CorrectionRefusedError):
        correct_response(
            profile,
            Staff("hs"),
            response_id="p1",
            text="Tack för era ovänliga ord",
            at=AT,
            language="sv",
        )
    with pytest.raises(UnknownLocaleError):
        correct_response(
            profile, Staff("hs"), response_id="p1", text="Tack!", at=AT, language="xx"
        )


# -- a summary for people ---------------------------------------------------------------------

RULES = review_rules()


def test_a_summary_is_described_in_the_seeds_languages():
    from hubpartner.reviews import Summary, describe

    two = Summary(2, 9, [(4, 1), (5, 1)], RULES.display)
    one = Summary(1, 5, [(5, 1)], RULES.display)
    assert describe(two) == "2 reviews, 4.5 stars on average"
    assert describe(one) == "1 review, 5.0 stars on average"
    assert describe(two, locale="sv_SE") == "2 recensioner, i genomsnitt 4,5 stjärnor"
    assert describe(one, locale="sv") == "1 recension, i genomsnitt 5,0 stjärnor"
    assert describe(two, locale="nb") == "2 anmeldelser, i gjennomsnitt 4,5 stjerner"
    assert describe(one, locale="it_IT") == "1 recensione, in media 5,0 stelle"
    assert describe(two, locale="it") == "2 recensioni, in media 4,5 stelle"
    assert describe(Summary(0, 0, [], RULES.display), locale="sv") == "inga recensioner än"
    with pytest.raises(UnknownLocaleError):
        describe(two, locale="xx")
    with pytest.raises(InvalidTypeError):
        describe("2 reviews")


@given(st.integers(0, 10**6), st.sampled_from(SUPPORTED))
def test_a_summary_says_its_count_and_average_in_every_language(count, language):
    from hubpartner.present import Presenter
    from hubpartner.reviews import Summary, describe

    result = Summary(count, 4 * count, [(4, count)], RULES.display)
    said = describe(result, locale=language)
    shown = Presenter.for_locale(language)
    if count:
        assert shown.number(count) in said
        assert shown.number(result.average_display, places=1) in said
    if language != "en":
        assert said != describe(result)
    categories = summary(DirectoryProfile("p")).categories
    assert describe(categories[0], locale=language) == describe(
        Summary(0, 0, [], RULES.display), locale=language
    )
