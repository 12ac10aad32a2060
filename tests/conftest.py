"""Shared test configuration: Hypothesis settings profiles and the ``cli`` fixture.

``default`` is quick for local runs; ``ci`` tries many more examples and is chosen
when ``HYPOTHESIS_PROFILE=ci`` (as ``.ci/run`` sets it) or the ``CI`` environment
variable is set.
"""

import os
import shlex

import pytest
from hypothesis import HealthCheck, settings

from hubpartner.cli import main

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden snapshots under tests/golden/ from the current rules",
    )


@pytest.fixture
def cli(capsys):
    """Run the command line: ``cli(command, *extra)`` returns ``(code, out, err)``.

    ``command`` is split as a shell would split it; ``extra`` arguments (such as
    paths) are passed as they are.
    """

    def run(command, *extra):
        code = main([*shlex.split(command), *extra])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(autouse=True)
def _no_locale_from_the_machine(monkeypatch):
    """Clear the variables that choose the command line's locale, so that no test
    depends on the machine's; a test of them sets them itself."""
    for name in ("HUBPARTNER_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
