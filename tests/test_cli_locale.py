"""The command line in the user's language: how the locale is chosen, help and errors
in it, JSON the same in every locale, tables aligned with any script."""

import argparse
import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner.cli import main
from hubpartner.cli._language import argparse_message, chosen_locale
from hubpartner.cli._output import table, width
from hubpartner.errors import UnknownLocaleError
from hubpartner.present import SUPPORTED

from .helpers import ESTIMATE, EXAMPLES

NPS = f"surveys nps --exclude-missing --by quarter {EXAMPLES / 'nps-responses.csv'}"


def run(capsys, command, environ=None):
    code = main(shlex.split(command), environ={} if environ is None else environ)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv_SE"),
        ({"LANG": "sv_SE.UTF-8", "LC_MESSAGES": "it_IT.UTF-8"}, "it_IT"),
        ({"LANG": "sv_SE", "LC_MESSAGES": "it_IT", "LC_ALL": "nb_NO.UTF-8"}, "nb_NO"),
        ({"LC_ALL": "nb_NO", "HUBPARTNER_LOCALE": "de"}, "de"),
        ({"LC_ALL": "", "LANG": "fi_FI.UTF-8"}, "fi_FI"),  # empty is not set
        ({"HUBPARTNER_LOCALE": "", "LANG": "da_DK"}, "da_DK"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "sv_SE"}, "en"),  # the first set wins: English
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
    ],
)
def test_the_environment_chooses_in_posix_order(environ, expected):
    assert chosen_locale(["points", "estimate"], environ) == expected


def test_the_option_wins_over_the_environment_wherever_it_stands():
    environ = {"HUBPARTNER_LOCALE": "de", "LC_ALL": "fr_FR", "LANG": "es_ES"}
    assert chosen_locale(["--locale", "sv", "points"], environ) == "sv"
    assert chosen_locale(["points", "estimate", "--locale=it_IT"], environ) == "it_IT"
    assert chosen_locale(["points", "--", "--locale", "sv"], environ) == "de"


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("sv", "sv"),
        ("sv-SE", "sv_SE"),
        ("sv_SE.UTF-8", "sv_SE"),
        ("sv_SE.UTF-8@euro", "sv_SE"),
        ("nb", "nb"),
        ("no", "nb"),
        ("it_IT", "it_IT"),
        ("C", "en"),
        ("POSIX", "en"),
        ("ja_JP", "ja_JP"),
        ("pt-BR", "pt_BR"),
    ],
)
def test_each_spelling_of_a_locale_is_accepted(capsys, spelling, expected):
    assert chosen_locale(["--locale", spelling], {}) == expected
    code, _, err = run(capsys, f"--locale {shlex.quote(spelling)} rules show --date 2025-08-01")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("command", "environ", "named"),
    [
        ("--locale xx " + ESTIMATE, {}, "--locale: 'xx'"),
        (ESTIMATE + " --locale zh_CN", {}, "--locale: 'zh_CN'"),
        (ESTIMATE, {"HUBPARTNER_LOCALE": "klingon"}, "HUBPARTNER_LOCALE: 'klingon'"),
        ("--locale '' " + ESTIMATE, {}, "--locale: ''"),
    ],
)
def test_an_unknown_locale_asked_of_hubpartner_is_one_line_listing_the_supported(
    capsys, command, environ, named
):
    code, out, err = run(capsys, command, environ)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert named in err
    assert all(language in err for language in SUPPORTED)


def test_an_unsupported_posix_locale_means_english(capsys):
    _, english, _ = run(capsys, ESTIMATE)
    code, out, err = run(capsys, ESTIMATE, {"LANG": "zh_CN.UTF-8"})
    assert (code, out, err) == (0, english, "")


def test_the_locale_is_known_before_help_is_printed(capsys):
    for command in ("--locale sv points --help", "points estimate --help --locale sv"):
        with pytest.raises(SystemExit) as done:
            main(shlex.split(command), environ={})
        out, _ = capsys.readouterr()
        assert done.value.code == 0
        assert out.startswith("användning:"), out
        assert "--locale" in out
    with pytest.raises(SystemExit):
        main(["points", "estimate", "--help"], environ={"LANG": "sv_SE.UTF-8"})
    assert capsys.readouterr().out.startswith("användning:")


def test_the_output_speaks_the_locale(capsys):
    code, out, _ = run(capsys, f"--locale sv {ESTIMATE}")
    assert code == 0
    assert "1\xa0000,00\xa0€" in out
    assert "Tyskland" in out
    assert "62,50" in out


def test_argparse_refusals_are_said_in_the_locale(capsys):
    code, _, err = run(capsys, "--locale sv points estimate --currency EUR")
    assert code == 2
    assert err.startswith("hubpartner points estimate: fel: ")
    code, _, err = run(capsys, "--locale it rules frobnicate")
    assert code == 2
    assert "frobnicate" in err
    assert "invalid choice" not in err


@pytest.mark.parametrize(
    "text",
    [
        "the following arguments are required: --amount, --market",
        "one of the arguments --amount --points is required",
        "unrecognized arguments: --x",
        "not allowed with argument --date",
        "invalid choice: 'x' (choose from 'a', 'b')",
        "ambiguous option: --a could match --amount, --assisted",
        "invalid int value: 'x'",
        "ignored explicit argument 'x'",
        "expected one argument",
        "expected at most one argument",
        "expected at least one argument",
        "expected 2 arguments",
    ],
)
def test_argparse_refusals_are_recognised_as_messages(text):
    said = argparse_message(text)
    assert said == text
    assert said.template != "{text}"


def test_an_unknown_argparse_text_is_said_as_it_is():
    assert argparse_message("something new").template == "{text}"


JSON_COMMANDS = [
    ESTIMATE + " --json",
    "points convert --amount 880 --currency EUR --market DE --track managed "
    "--date 2025-08-01 --json",
    NPS + " --json",
    f"surveys ces --by month {EXAMPLES / 'ces-responses.csv'} --json",
    f"surveys csat {EXAMPLES / 'csat-responses.csv'} --json",
    f"clients {EXAMPLES / 'portfolio.csv'} --as-of 2025-08-01 --json",
    f"engagement {EXAMPLES / 'portfolio.csv'} --json",
    f"tiers evaluate --thresholds {EXAMPLES / 'thresholds.toml'} --sourced 300 "
    "--as-of 2025-08-01 --json",
    f"tiers history {EXAMPLES / 'tier-history.csv'} --thresholds "
    f"{EXAMPLES / 'thresholds.toml'} --json",
]


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_is_the_same_in_every_locale(capsys, command):
    code, english, _ = run(capsys, command)
    assert code == 0
    assert run(capsys, f"--locale sv {command}") == (0, english, "")
    assert run(capsys, command, {"LANG": "it_IT.UTF-8"}) == (0, english, "")
    assert run(capsys, f"{command} --locale ja", {"HUBPARTNER_LOCALE": "nb"}) == (0, english, "")


@pytest.mark.parametrize(
    ("cell", "columns"),
    [("abc", 3), ("åäö", 3), ("ポイント", 8), ("e\u0301", 1), ("\u200b", 0)],
)
def test_a_cell_is_as_wide_as_a_terminal_shows_it(cell, columns):
    assert width(cell) == columns


@given(
    st.lists(
        st.lists(st.text(alphabet="aåポ합\u0301", max_size=5), min_size=2, max_size=2),
        min_size=1,
        max_size=5,
    )
)
def test_table_columns_line_up_whatever_the_script(rows):
    # the second column starts at the same terminal column on every line
    lines = table([["x" + a, "|" + b] for a, b in rows])
    assert len({width(line[: line.index("|")]) for line in lines}) == 1


def test_every_command_has_the_locale_option():
    from hubpartner.cli import build_parser

    def leaves(parser):
        found = [a for a in parser._actions if a.dest in ("command", "action")]
        if not found:
            yield parser
        for action in found:
            for sub in action.choices.values():
                yield from leaves(sub)

    every = list(leaves(build_parser()))
    assert len(every) == 14
    assert all("--locale" in p._option_string_actions for p in every)


def test_an_unknown_locale_error_is_a_hubpartner_error():
    with pytest.raises(UnknownLocaleError):
        chosen_locale(["--locale", "../../etc"], {})


def test_an_abbreviated_locale_option_is_checked_too(capsys):
    code, out, err = run(capsys, f"{ESTIMATE} --loc xx")
    assert (code, out) == (2, "")
    assert "--locale: 'xx' is not a locale hubpartner speaks" in err
    code, out, _ = run(capsys, f"{ESTIMATE} --loc it")
    assert code == 0
    assert "62,50" in out


def test_a_refusal_of_no_argument_is_said_without_one():
    from hubpartner.cli._language import _refusal

    try:
        raise argparse.ArgumentError(None, "expected one argument")
    except argparse.ArgumentError:
        said = _refusal("expected one argument")
    assert said.template == "expected one argument"


def test_babel_and_the_catalogs_load_only_when_output_is_formatted():
    import subprocess
    import sys

    # The second figure: whether a catalog (a .po file) was opened.
    probe = (
        "import sys\n"
        "catalogs = []\n"
        "sys.addaudithook(lambda event, args: event == 'open' and isinstance(args[0], str)"
        " and args[0].endswith('.po') and catalogs.append(args[0]))\n"
        "from hubpartner.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], environ={})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('babel' in sys.modules, bool(catalogs))\n"
    )

    def loaded(*argv):
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True
        )
        return done.stdout.split()[-2:]

    assert loaded("--version") == ["False", "False"]
    assert loaded("--locale", "sv", "--version") == ["True", "False"]  # CLDR reads "sv"
    assert loaded("--locale", "sv", *ESTIMATE.split()) == ["True", "True"]


def test_the_finnish_renewal_alert_says_its_days_in_the_nominative(cli):
    # "30 päivää sisällä" wanted the genitive ("30 päivän"), which the days' own
    # message cannot give; the alert says how many days are left at most instead
    code, out, err = cli("--locale fi clients docs/examples/portfolio.csv --as-of 2025-08-01")
    assert code == 0, err
    assert out.splitlines()[0] == (
        "Hälytykset: 2 tulevaa uusimispäätöstä, jäljellä enintään 30 päivää"
    )
