"""Start-up (issue 14): what importing the package and running a command load, and
that each shortcut taken to start fast gives what the straightforward way gives — the
command line set up command by command, the catalogs read without Babel's message
tools, the rule set of a day read from its file alone."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from hypothesis import given
from hypothesis import strategies as st

import hubpartner
from hubpartner import _package, rules, surveys
from hubpartner.cli import build_parser
from hubpartner.cli._commands import COMMANDS, command_help
from hubpartner.cli._language import UsageError
from hubpartner.errors import NoRulesInForceError, RulesFileError
from hubpartner.messages import LANGUAGES, message, read_catalog

LOCALE = Path(hubpartner.__file__).parent / "locale"

# Modules no start-up may load before it formats something (Babel), reads data
# (tomllib, importlib.resources) or asks for the installed metadata.
HEAVY = ("babel", "tomllib", "importlib.resources", "importlib.metadata")


def output_of(code: str, *arguments: str) -> str:
    """What ``code`` prints in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=True
    )
    return done.stdout


def loaded_by(code: str) -> list[str]:
    """The modules ``code`` loads in a fresh interpreter, beyond what it starts with."""
    wrapper = (
        "import json, sys; before = set(sys.modules)\n"
        f"{code}\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    found: list[str] = json.loads(output_of(wrapper).splitlines()[-1])
    return found


def ours(modules: list[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] == "hubpartner"}


def heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if name.startswith(HEAVY) or name.split(".")[0] == "attr"]


def run_command(arguments: list[str]) -> list[str]:
    """The modules ``python -m hubpartner arguments`` loads."""
    return loaded_by(
        "import runpy\n"
        f"sys.argv = ['hubpartner', *{arguments!r}]\n"
        "try:\n"
        "    runpy.run_module('hubpartner', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    pass"
    )


def test_importing_the_command_line_loads_only_its_entry_point():
    found = loaded_by("import hubpartner.cli")
    assert ours(found) == {"hubpartner", "hubpartner.cli", "hubpartner.messages"}
    assert heavy(found) == []
    assert "decimal" not in found


def test_importing_surveys_loads_nothing_until_a_name_is_asked_for():
    found = loaded_by("import hubpartner.surveys")
    assert ours(found) == {"hubpartner", "hubpartner.surveys"}
    assert heavy(found) == []


def test_importing_a_tally_loads_no_file_reading_and_no_babel():
    found = loaded_by("from hubpartner.surveys import NpsTally")
    assert "hubpartner.surveys.tally" in found
    assert not ours(found) & {
        "hubpartner.surveys.responses",
        "hubpartner.surveys.lifecycle",
        "hubpartner.cli",
        "hubpartner.reviews",
        "hubpartner.tiers",
    }
    assert [name for name in found if name.startswith("babel")] == []


#: What ``hubpartner points estimate`` may load of hubpartner: the command line, the
#: points calculator and what it stands on — no survey, review, tier or portfolio.
ESTIMATE_MODULES = {
    "hubpartner",
    "hubpartner._cache",
    "hubpartner._checks",
    "hubpartner._package",
    "hubpartner._said",
    "hubpartner._toml",
    "hubpartner._version",
    "hubpartner.cli",
    "hubpartner.cli._commands",
    "hubpartner.cli._language",
    "hubpartner.cli._options",
    "hubpartner.cli._output",
    "hubpartner.cli.points",
    "hubpartner.decimals",
    "hubpartner.errors",
    "hubpartner.markets",
    "hubpartner.messages",
    "hubpartner.money",
    "hubpartner.points",
    "hubpartner.present",
    "hubpartner.rules",
    "hubpartner.__main__",
}


@functools.cache
def estimate_loads() -> list[str]:
    """The modules a points estimate in Swedish loads (run once)."""
    estimate = "points estimate --amount 1000 --currency EUR --market DE --manage"
    return run_command(["--locale", "sv", *estimate.split(), "--date", "2025-08-01"])


def test_points_estimate_loads_only_what_it_needs():
    found = estimate_loads()
    assert "hubpartner.cli.points" in found
    assert ours(found) <= ESTIMATE_MODULES, sorted(ours(found) - ESTIMATE_MODULES)
    assert "babel.messages" not in found  # the catalog is read without it
    assert "importlib.resources" not in found  # the package's files are read directly


def test_points_estimate_reads_its_rule_file_without_the_csv_readers():
    # the rule set is read by hubpartner._toml; _files (the CSV readers and their
    # attrs classes) is loaded by a command that reads a file the user names
    found = estimate_loads()
    assert "hubpartner._toml" in found
    assert "hubpartner._files" not in found


def test_the_toml_readers_are_still_found_where_they_were():
    from hubpartner import _files, _toml

    for name in (
        "SCHEMA_VERSION",
        "Problems",
        "number",
        "packaged_names",
        "packaged_source",
        "packaged_text",
        "packaged_toml",
        "parse_toml",
    ):
        assert getattr(_files, name) is getattr(_toml, name)


def test_points_estimate_loads_no_calendar_arithmetic():
    # dateutil's relativedelta (and the calendar and locale modules it loads) is
    # loaded by the first date that is shifted, which the estimate never does
    found = estimate_loads()
    assert "hubpartner._checks" in found
    assert "dateutil.relativedelta" not in found


def test_results_load_the_html_module_only_when_they_are_drawn():
    # the standard library's html loads its table of named characters; the modules
    # whose results a notebook can draw load it with the first escape, not on import
    found = loaded_by(
        "import hubpartner.clients, hubpartner.engagement, hubpartner.ledger\n"
        "import hubpartner.surveys.responses"
    )
    assert "hubpartner._html" in found
    assert "html" not in found
    assert "html.entities" not in found
    printed = output_of(
        "from hubpartner._html import escape\nprint(escape('<b>\"Acme\" & Co</b>'))\n"
    )
    assert printed.splitlines() == ["&lt;b&gt;&quot;Acme&quot; &amp; Co&lt;/b&gt;"]


def test_a_survey_command_loads_no_html():
    responses = Path(__file__).parents[1] / "docs" / "examples" / "nps-responses.csv"
    found = run_command(["surveys", "nps", str(responses), "--by", "month"])
    assert "hubpartner.surveys.responses" in found
    assert "html" not in found


def test_checks_shift_dates_with_relativedelta_loaded_on_first_use():
    printed = output_of(
        "import sys\n"
        "from datetime import date\n"
        "from hubpartner import _checks\n"
        "print('dateutil.relativedelta' in sys.modules)\n"
        "print(_checks.shift(date(2025, 1, 31), field='on', months=1))\n"
        "print(_checks.last_of_month(date(2024, 2, 3)))\n"
        "print(_checks.month_starts(date(2025, 11, 9), date(2026, 1, 1), field='to'))\n"
    )
    assert printed.splitlines() == [
        "False",
        "2025-02-28",
        "2024-02-29",
        "[datetime.date(2025, 11, 1), datetime.date(2025, 12, 1), datetime.date(2026, 1, 1)]",
    ]


def test_the_command_line_compiles_no_refusal_pattern_until_a_refusal_is_worded():
    # the patterns that word argparse's refusals again are compiled on first use
    printed = output_of(
        "import json, re\n"
        "compiled = []\n"
        "real = re.compile\n"
        "re.compile = lambda pattern, flags=0: compiled.append(pattern) or real(pattern, flags)\n"
        "from hubpartner.cli import _language\n"
        "print(json.dumps([str(pattern) for pattern in compiled]))\n"
        "print(_language.argparse_message('expected 3 arguments').say(None))\n"
        "print(json.dumps([str(pattern) for pattern in compiled]))\n"
    )
    before, worded, after = printed.splitlines()
    refusals = set(json.loads(after)) - set(json.loads(before))
    assert worded == "expected 3 arguments"
    assert len(refusals) == 12
    assert r"expected ([0-9]{1,6}) arguments?" in refusals


def test_help_loads_no_command():
    found = run_command(["--help"])
    commands = {f"hubpartner.cli.{command.module}" for command in COMMANDS}
    assert not ours(found) & commands
    assert not ours(found) & {"hubpartner.rules", "hubpartner.points", "hubpartner.surveys"}


# -- the command line, set up command by command ---------------------------------------


def outcome(parser, arguments):
    """What parsing ``arguments`` does: the values parsed (functions by name), or the
    refusal said, or the help printed and the exit status."""
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            parsed = parser.parse_args(arguments)
    except UsageError as refused:
        return ("refused", refused.parser.prog, str(refused.said))
    except SystemExit as done:
        return ("exit", done.code, printed.getvalue())
    return (
        "parsed",
        {
            key: getattr(value, "__qualname__", value) if callable(value) else value
            for key, value in vars(parsed).items()
        },
    )


WORDS = [
    *(command.name for command in COMMANDS),
    *("estimate", "convert", "nps", "ces", "csat", "evaluate", "history", "check", "show"),
    *("--amount", "1000", "--currency", "EUR", "--market", "DE", "--track", "assisted"),
    *("--manage", "--other-partners", "2", "--date", "2025-08-01", "--json", "--help"),
    *("--points", "50", "--by", "month", "--as-of", "--version", "x.csv", "-", "6.5"),
]


@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_a_lazy_parser_parses_and_refuses_as_the_whole_one_does(arguments):
    assert outcome(build_parser(lazy=True), arguments) == outcome(build_parser(), arguments)


@pytest.mark.parametrize("command", [command.name for command in COMMANDS])
def test_a_commands_help_is_the_same_set_up_lazily(command):
    assert outcome(build_parser(lazy=True), [command, "--help"]) == outcome(
        build_parser(), [command, "--help"]
    )


def test_a_lazy_parser_makes_the_parsers_of_the_chosen_command_only(monkeypatch):
    from hubpartner.cli import _language

    made = []
    real = _language.Parser.__init__

    def counted(self, *args, **options):
        made.append(options.get("prog"))
        real(self, *args, **options)

    monkeypatch.setattr(_language.Parser, "__init__", counted)
    parser = build_parser(lazy=True)
    assert made == ["hubpartner"]
    parser.parse_args(
        ["points", "estimate", "--amount", "1000", "--currency", "EUR", "--market", "DE"]
    )
    assert {prog.split()[1] for prog in made[1:]} == {"points"}


def test_every_command_has_its_help_in_the_table():
    parser = build_parser()
    listed = parser._subparsers._group_actions[0]._choices_actions
    assert [(action.dest, action.help) for action in listed] == [
        (command.name, command.help) for command in COMMANDS
    ]
    with pytest.raises(LookupError):
        command_help("nothing")


# -- the catalogs, read without Babel's message tools -----------------------------------


def babel_texts(data: bytes, language: str):
    """What the catalog ``data`` translates, as Babel's ``read_po`` finds it."""
    catalog = read_po(io.BytesIO(data), locale=language)
    texts = {}
    for entry in catalog:
        if not entry.id or entry.fuzzy:
            continue
        key = str(entry.id[0] if isinstance(entry.id, tuple | list) else entry.id)
        said = entry.string
        texts[key] = tuple(said) if isinstance(said, tuple | list) else str(said or "")
    return texts, catalog.plural_expr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_packaged_catalog_reads_as_babel_reads_it(language):
    data = (LOCALE / language / "LC_MESSAGES" / "hubpartner.po").read_bytes()
    assert read_catalog(data.decode("utf-8"), language) == babel_texts(data, language)


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=90) | st.lists(
    # what a catalog's lines are made of, so that strings end and begin as its lines do
    st.sampled_from(['"', "\\", "\n", "\t", "\r", " ", "a", "#", "msgid ", "msgstr ", "fuzzy"]),
    max_size=30,
).map("".join)


@st.composite
def catalogs(draw):
    """A catalog as Babel writes it: plural and single entries, fuzzy ones, obsolete
    ones, entries with a context, comments, long and escaped strings, with or without
    a plural rule."""
    language = draw(st.sampled_from(LANGUAGES))
    catalog = Catalog(locale=draw(st.sampled_from([language, None])))
    for english in draw(st.lists(text.filter(bool), unique=True, max_size=6)):
        flags = ["fuzzy"] if draw(st.booleans()) else []
        flags += draw(st.lists(st.sampled_from(["python-format", "fuzzyish"]), max_size=1))
        options = {
            "flags": flags,
            "auto_comments": [draw(text)] if draw(st.booleans()) else [],
            "user_comments": [draw(text)] if draw(st.booleans()) else [],
            "context": draw(st.none() | text),
        }
        if draw(st.booleans()):
            forms = tuple(draw(st.lists(text, min_size=1, max_size=3)))
            catalog.add((english, english + "s"), forms, **options)
        else:
            catalog.add(english, draw(text), **options)
    if draw(st.booleans()):
        catalog.obsolete["gone"] = Catalog().add(
            "gone", draw(text), flags=["fuzzy"], user_comments=["was here"]
        )
    written = io.BytesIO()
    write_po(written, catalog, width=draw(st.sampled_from([76, 0])))
    return written.getvalue(), language


@given(catalogs())
def test_any_catalog_babel_writes_reads_as_babel_reads_it(found):
    data, language = found
    assert read_catalog(data.decode("utf-8"), language) == babel_texts(data, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_is_read_without_python_work_for_each_of_its_lines(language):
    # string methods and regular expressions find the entries: fewer calls (of Python
    # functions and built-in ones) than the catalog has lines
    data = (LOCALE / language / "LC_MESSAGES" / "hubpartner.po").read_text(encoding="utf-8")
    read_catalog(data, language)  # the patterns compiled
    calls = []
    sys.setprofile(lambda frame, event, arg: event.endswith("call") and calls.append(event))
    try:
        read_catalog(data, language)
    finally:
        sys.setprofile(None)
    assert 0 < len(calls) < data.count("\n")


@pytest.mark.parametrize(
    "data", [b"", b"# nothing but a comment\n", b'msgid "a"\nmsgstr "b"\n\n#, fuzzy\n']
)
def test_a_catalog_with_no_entry_to_finish_reads_as_babel_reads_it(data):
    assert read_catalog(data.decode("utf-8"), "fi") == babel_texts(data, "fi")


@pytest.mark.parametrize(
    "data",
    [
        b'#. fuzzy, said the translator\n#, python-format\nmsgid "a"\nmsgstr "b"\n',
        b'#, python-format, fuzzy\nmsgid "a"\nmsgstr "b"\n',
        b'#, fuzzyish\nmsgid "a"\nmsgstr "b"\n',
        b'msgid "a\\\\"\nmsgstr ""\n"b\\"\\n"\n"c"\n',
    ],
)
def test_flags_and_escapes_read_as_babel_reads_them(data):
    # the reader looks at a flag line only when it says fuzzy, and undoes escapes
    # only in a string with a backslash: what it finds is still what Babel finds
    assert read_catalog(data.decode("utf-8"), "sv") == babel_texts(data, "sv")


def test_a_second_entry_with_no_english_leaves_the_header_as_babel_leaves_it():
    data = (
        b'msgid ""\nmsgstr "Plural-Forms: nplurals=3; plural=(n%3);\\n"\n\n'
        b'msgid ""\nmsgstr "x"\n\n'
        b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "0"\nmsgstr[1] "1"\nmsgstr[2] "2"\n'
    )
    assert read_catalog(data.decode("utf-8"), "sv") == babel_texts(data, "sv")
    assert read_catalog(data.decode("utf-8"), "sv")[1] == "(n%3)"


# -- the rule set of a day, read from its file alone -----------------------------------


@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_for_date_picks_what_a_look_through_every_rule_set_picks(day):
    every = rules.published()
    in_force = [rule_set for rule_set in every if rule_set.effective <= day]
    if not in_force:
        with pytest.raises(NoRulesInForceError) as refused:
            rules.for_date(day)
        assert (refused.value.on, refused.value.earliest) == (day, every[0].effective)
    else:
        assert rules.for_date(day) == in_force[-1]


def test_for_date_reads_only_the_file_in_force():
    code = (
        "from datetime import date\nfrom hubpartner import rules\n"
        "rules.for_date(date(2025, 8, 1)); print(rules._published_file.cache_info().currsize)"
    )
    assert output_of(code).strip() == "1"


def test_the_rule_files_read_are_kept_in_a_bounded_cache_keyed_by_name():
    info = rules._published_file.cache_info()
    assert info.maxsize is not None
    assert info.maxsize >= len(rules._published_names())
    name = rules._published_names()[-1][1]
    assert rules._published_file(name) is rules._published_file(str(name))


@pytest.fixture
def fresh_rule_caches():
    rules._published_names.cache_clear()
    rules._published_file.cache_clear()
    yield
    rules._published_names.cache_clear()
    rules._published_file.cache_clear()


def test_a_rule_file_whose_name_gives_no_day_is_refused(monkeypatch, fresh_rule_caches):
    monkeypatch.setattr(_package, "names", lambda *folder: ["catalogue.toml", "rules-draft.toml"])
    with pytest.raises(RulesFileError, match=r"rules-YYYY-MM-DD\.toml, got rules-draft\.toml"):
        rules.for_date(date(2025, 8, 1))


def test_a_rule_file_whose_name_is_not_its_day_is_refused(monkeypatch, fresh_rule_caches):
    monkeypatch.setattr(_package, "names", lambda *folder: ["rules-2025-07-16.toml"])
    real = _package.read_bytes
    monkeypatch.setattr(
        _package, "read_bytes", lambda *parts: real("data", "rules-2025-07-15.toml")
    )
    with pytest.raises(RulesFileError) as refused:
        rules.for_date(date(2025, 8, 1))
    assert refused.value.problems[0].key == "effective"
    assert "expected rules-2025-07-15.toml, got rules-2025-07-16.toml" in str(refused.value)


# -- the package's files, read without importlib.resources -----------------------------


@pytest.mark.parametrize("folder", [("data",), ("locale",), ("locale", "sv", "LC_MESSAGES")])
def test_the_package_files_are_those_importlib_resources_finds(folder):
    from importlib import resources

    found = resources.files("hubpartner").joinpath(*folder)
    assert _package.names(*folder) == sorted(entry.name for entry in found.iterdir())
    for name in _package.names(*folder):
        if found.joinpath(name).is_file():
            assert _package.read_bytes(*folder, name) == found.joinpath(name).read_bytes()


def test_a_package_not_in_a_folder_is_read_through_importlib_resources(monkeypatch):
    expected = (_package.names("data"), _package.read_bytes("data", "rules-2025-07-15.toml"))
    monkeypatch.setattr(_package, "_HERE", "/no/such/folder")
    assert (_package.names("data"), _package.read_bytes("data", "rules-2025-07-15.toml")) == (
        expected
    )


def test_a_zipped_copy_reads_its_rules_and_catalogs(tmp_path):
    import zipfile

    # Named vendor.hubpartner, as a project that vendors it would, so that the copy is
    # not taken for the package under test.
    package = Path(hubpartner.__file__).parent
    archive = tmp_path / "vendored.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("vendor/__init__.py", "")
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("vendor", "hubpartner", path.relative_to(package)))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from datetime import date\n"
        "import vendor.hubpartner as h\n"
        "from vendor.hubpartner import rules\n"
        "from vendor.hubpartner.messages import message, translate\n"
        "assert '.zip' in h.__file__, h.__file__\n"
        "print(rules.for_date(date(2025, 8, 1)).effective, translate(message('no tier'), 'nb'))"
    )
    assert output_of(code, str(archive)).strip() == "2025-07-15 ingen nivå"


# -- the names the packages look up on first use ---------------------------------------


def test_the_package_gives_its_classes_and_functions_on_first_use():
    from hubpartner.money import Money
    from hubpartner.records import to_records

    assert hubpartner.Money is Money
    assert hubpartner.to_records is to_records


def test_the_modules_the_package_loaded_before_are_still_its_attributes():
    code = (
        "import hubpartner as h; "
        "print(h.money.__name__, h.records.__name__, h.messages.__name__, h.present.__name__)"
    )
    assert output_of(code).split() == [
        "hubpartner.money",
        "hubpartner.records",
        "hubpartner.messages",
        "hubpartner.present",
    ]


def test_the_command_modules_are_attributes_of_the_command_line_as_before():
    code = (
        "import hubpartner.cli as c; print(c.points.__name__, c.portfolio.__name__)\n"
        "try:\n    c.nothing\nexcept AttributeError as e:\n    print('refused')"
    )
    assert output_of(code).split() == [
        "hubpartner.cli.points",
        "hubpartner.cli.portfolio",
        "refused",
    ]


def test_surveys_give_their_modules_on_first_use():
    code = "import hubpartner.surveys as s; print(s.stats.__name__, s.scales.__name__)"
    assert output_of(code).split() == ["hubpartner.surveys.stats", "hubpartner.surveys.scales"]


def test_surveys_give_their_modules_and_names_on_first_use():
    from hubpartner.surveys import stats

    assert surveys.stats is stats
    assert surveys.compare is stats.compare
    assert set(surveys.__all__) <= set(dir(surveys))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = surveys.nothing


# -- the problems of a refused file, made when first asked for -------------------------


PROBLEMS = ("RulesProblem", "RowProblem", "FileProblem", "IndexProblem")


def problems_made(arguments: list[str]) -> list[str]:
    """The problem classes that ``python -m hubpartner arguments`` makes."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['hubpartner', *{arguments!r}]\n"
        "try:\n"
        "    runpy.run_module('hubpartner', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "ours = [m for n, m in list(sys.modules.items()) if n.startswith('hubpartner')]\n"
        f"print(' '.join(n for n in {PROBLEMS!r} if any(n in vars(m) for m in ours)))"
    )
    return output_of(code).splitlines()[-1].split()


def test_points_estimate_makes_no_class_of_a_refused_files_problems():
    estimate = "points estimate --amount 1000 --currency EUR --market DE --manage"
    assert problems_made(["--locale", "sv", *estimate.split(), "--date", "2025-08-01"]) == []


def test_a_survey_file_read_makes_only_the_row_problem(tmp_path):
    # a survey file's rows can be refused, so the row problem is made; the problems of
    # a rules file, of a whole file and of a DataFrame's row are not
    answers = tmp_path / "answers.csv"
    answers.write_text("at,score\n2025-01-06,10\n", encoding="utf-8")
    assert problems_made(["surveys", "nps", str(answers)]) == ["RowProblem"]


def test_a_survey_file_read_loads_no_money(tmp_path):
    # money is loaded to read a currency column or to show an amount, which a survey
    # file has not: a message's values are asked whether they are Money only once
    # hubpartner.money is loaded (before, no Money can exist)
    answers = tmp_path / "answers.csv"
    answers.write_text("at,score\n2025-01-06,10\n2025-01-09,6\n", encoding="utf-8")
    found = run_command(["--locale", "sv", "surveys", "nps", str(answers)])
    assert "hubpartner.cli.surveys" in found
    assert "hubpartner.money" not in found


def test_the_files_module_still_gives_currency_code():
    from hubpartner import _files
    from hubpartner.money import currency_code

    assert _files.currency_code is currency_code
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = _files.nothing


def test_a_message_still_shows_money_the_locales_way():
    from hubpartner.money import Money
    from hubpartner.present import Presenter

    said = message("{amount}!", amount=Money("1000", "EUR"))
    assert Presenter("sv").text(said) == "1\xa0000,00\xa0€!"


@pytest.mark.parametrize(
    "name", ["RulesProblem", "RowProblem", "FileProblem", "IndexProblem", "Problem"]
)
def test_the_problems_are_still_names_of_the_errors_module(name):
    from hubpartner import _problems, _row_problem, errors

    made = getattr(errors, name)
    assert made is getattr(_problems if name != "RowProblem" else _row_problem, name)
    assert name in errors.__all__ or name == "Problem"
    if name != "Problem":
        assert made.__module__ == "hubpartner.errors"


def test_a_problem_pickles_by_its_public_name():
    import pickle

    from hubpartner.errors import FileProblem, RowProblem, RulesProblem

    for problem in (RulesProblem("a.b", "bad"), RowProblem(3, "bad"), FileProblem("gone")):
        assert pickle.loads(pickle.dumps(problem)) == problem
        assert b"hubpartner.errors" in pickle.dumps(problem)


def test_the_errors_module_refuses_a_name_it_does_not_have():
    from hubpartner import errors

    with pytest.raises(AttributeError, match="no attribute 'NoSuchProblem'"):
        _ = errors.NoSuchProblem
