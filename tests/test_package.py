"""The package itself: its public names, its version, and what importing it does."""

import subprocess
import sys
from importlib.metadata import version

import pytest

import hubpartner


def test_version_comes_from_the_installed_metadata():
    assert hubpartner.__version__ == version("hubpartner")


def test_unknown_attributes_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = hubpartner.nothing


def test_surveys_load_on_first_use():
    code = (
        "import sys, hubpartner; before = 'hubpartner.surveys' in sys.modules; "
        "tally = hubpartner.surveys.NpsTally(1); print(before, tally.n)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "1"]


def test_every_public_name_exists_and_has_a_docstring():
    for name in hubpartner.__all__:
        item = getattr(hubpartner, name)
        if name != "__version__":
            assert item.__doc__, name


def test_importing_reads_no_data_and_loads_no_babel():
    code = (
        "import sys, hubpartner; "
        "print(sorted(m for m in ('babel', 'tomllib', 'json', 'importlib.resources') "
        "if m in sys.modules) + [m for m in sys.modules "
        "if m in ('hubpartner.surveys', 'hubpartner.reviews', 'hubpartner.engagement', "
        "'hubpartner.clients', 'hubpartner.managed', 'hubpartner.tiers')])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
