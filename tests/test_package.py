"""The package itself: its public names, its version, and what importing it does."""

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import hubpartner


def test_the_version_the_build_wrote_matches_the_installed_metadata():
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


def test_dir_lists_the_modules_that_load_on_first_use():
    listed = dir(hubpartner)
    for name in ("clients", "engagement", "ledger", "managed", "reviews", "surveys", "tiers"):
        assert name in listed
    assert set(hubpartner.__all__) <= set(listed)


def vendored_copy(destination):
    """The package's source tree copied as ``vendor.hubpartner``, without the version
    file a build writes — as a project that vendors hubpartner holds it."""
    package = Path(hubpartner.__file__).parent
    target = destination / "vendor" / "hubpartner"
    shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__", "_version.py"))
    (destination / "vendor" / "__init__.py").write_text("", encoding="utf-8")
    return destination


def test_a_vendored_copy_knows_it_has_no_version_and_star_imports(tmp_path):
    code = (
        "import vendor.hubpartner as h; from vendor.hubpartner import *; names = dir(); "
        "print(h.__version__, all(n in names for n in h.__all__))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=vendored_copy(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["0+unknown", "True"]


def test_the_version_the_build_wrote_comes_first(tmp_path):
    root = vendored_copy(tmp_path)
    written = '"""Written by a build."""\n\n__version__ = "9.9.9"\n'
    (root / "vendor" / "hubpartner" / "_version.py").write_text(written, encoding="utf-8")
    code = "import vendor.hubpartner as h; print(h.__version__)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "9.9.9"


def test_without_a_version_file_the_version_is_unknown(monkeypatch):
    # Not the metadata of whatever ``hubpartner`` is installed: it may be another copy.
    monkeypatch.setitem(sys.modules, "hubpartner._version", None)  # as if never built
    assert hubpartner.__version__ == "0+unknown"


def test_importing_the_main_module_runs_nothing():
    import hubpartner.__main__

    assert hubpartner.__main__.main is hubpartner.cli.main


def test_the_names_users_already_call_keep_working():
    from datetime import date

    from hubpartner import engagement, reviews, surveys, tiers

    assert reviews.RatingScale() == reviews.RatingScale(1, 5) == reviews.review_rules().scale
    assert engagement.Bands() == engagement.Bands((0, 3), (4, 6), (7, 10))
    assert engagement.default_catalogue().hub(key="sales").key == "sales"
    record = tiers.MonthRecord(date(2025, 7, 1), tiers.PointsHeld(), True)
    assert record.day == date(2025, 7, 15)
    for alias in ("By", "AnyNps", "AnyTally", "MethodName", "Missing"):
        assert getattr(surveys, alias) is not None
