"""The package's own files (its translation catalogs and rule sets), read the way the
package was imported, without loading ``importlib.resources`` when the package is a
folder on disk: a command reads them as it starts, and that module with what it
imports (``pathlib``, ``zipfile``, ``tempfile`` …) costs more than the reading.

A package imported some other way (from a zip file, say) is read through
``importlib.resources``, which gives the same bytes and names (a test compares them).
"""

from __future__ import annotations

import os

#: The folder of the package, when it is one on disk.
_HERE = os.path.dirname(__file__)


def read_bytes(*parts: str) -> bytes:
    """The bytes of the package's file ``parts`` (such as ``"data", "rules.toml"``)."""
    if os.path.isdir(_HERE):
        with open(os.path.join(_HERE, *parts), "rb") as handle:
            return handle.read()
    from importlib import resources

    return resources.files(__package__).joinpath(*parts).read_bytes()


def names(*folder: str) -> list[str]:
    """The names of the files in the package's folder ``folder``, sorted."""
    if os.path.isdir(_HERE):
        return sorted(os.listdir(os.path.join(_HERE, *folder)))
    from importlib import resources

    return sorted(entry.name for entry in resources.files(__package__).joinpath(*folder).iterdir())
