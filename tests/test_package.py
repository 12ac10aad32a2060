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
    # Compares the modules loaded before and after the import, so that whatever the
    # interpreter loaded first (a coverage tracer, say) does not count.
    code = (
        "import sys; before = set(sys.modules); import hubpartner; "
        "new = set(sys.modules) - before; "
        "print(sorted(m for m in new if m.split('.')[0] in ('babel', 'tomllib', 'json') "
        "or m == 'importlib.resources' or m in ('hubpartner.surveys', 'hubpartner.reviews', "
        "'hubpartner.engagement', 'hubpartner.clients', 'hubpartner.managed', "
        "'hubpartner.tiers', 'hubpartner.ledger', 'hubpartner.cli')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
