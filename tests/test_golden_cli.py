"""Golden outputs of the command line: the README's estimate and a surveys table in
English, Swedish, Norwegian and Italian, as checked-in text under
``tests/golden/cli/``, so that any change to what people read is a reviewed diff.

After an intended change (a label, a translation, a format), rewrite them with
``python -m pytest tests/test_golden_cli.py --update-golden`` and review the diff.
"""

import shlex
from pathlib import Path

import pytest

from hubpartner.cli import main

from .helpers import ESTIMATE, EXAMPLES

GOLDEN = Path(__file__).parent / "golden" / "cli"
LOCALES = ["en", "sv", "nb", "it"]
COMMANDS = {
    "points-estimate": ESTIMATE,
    "surveys-nps": "surveys nps --exclude-missing --by quarter --segment region --min-count 3 "
    "docs/examples/nps-responses.csv",
    "surveys-ces": "surveys ces --by month --segment team docs/examples/ces-responses.csv",
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_command_line_matches_its_golden_output(request, capsys, monkeypatch, name, locale):
    monkeypatch.chdir(EXAMPLES.parent.parent)  # the file names shown are relative
    code = main([*shlex.split(COMMANDS[name]), "--locale", locale], environ={})
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert_golden(request, out, f"{name}.{locale}.txt")


def assert_golden(request, out, name):
    """Check ``out`` against the golden file ``name`` (rewrite it with --update-golden)."""
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
