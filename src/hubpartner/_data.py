"""The data files that ship inside the package (private)."""

from __future__ import annotations


def packaged_text(name: str) -> str:
    """The text of ``data/<name>`` inside the package, read with importlib.resources
    so that a vendored or zipped copy works too."""
    from importlib import resources

    return resources.files(__package__).joinpath("data", name).read_text("utf-8")


def packaged_names(prefix: str, suffix: str) -> list[str]:
    """The names of the packaged data files that start with ``prefix`` and end with
    ``suffix``, sorted."""
    from importlib import resources

    folder = resources.files(__package__).joinpath("data")
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(suffix)
    )
