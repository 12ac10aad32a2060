"""Reading HTML back with the standard library's parser: the tags, their
attributes and texts, and a check that every tag opened is closed in order."""

from __future__ import annotations

from html.parser import HTMLParser

#: Elements that HTML never closes.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})


class Element:
    """One tag: its name, attributes, the elements inside and its text."""

    def __init__(self, tag: str, attributes: dict[str, str | None]) -> None:
        self.tag = tag
        self.attributes = attributes
        self.children: list[Element] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        """All the text inside, as a reader sees it."""
        return "".join(self.parts)

    def find_all(self, tag: str, **attributes: str) -> list[Element]:
        """The elements inside (at any depth) with ``tag`` (``*`` for any) and these
        attributes (``data_value`` for ``data-value``)."""
        wanted = {name.replace("_", "-"): value for name, value in attributes.items()}
        found = []
        for child in self.children:
            if (tag in ("*", child.tag)) and all(
                child.attributes.get(name) == value for name, value in wanted.items()
            ):
                found.append(child)
            found.extend(child.find_all(tag, **attributes))
        return found

    def with_attribute(self, name: str) -> list[Element]:
        """The elements inside that have the attribute ``name``."""
        return [element for element in self.find_all("*") if name in element.attributes]

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attributes}>"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.open = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if len(self.open) == 1 or self.open[-1].tag != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1].tag}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.parts.append(data)


def parse(markup: str) -> Element:
    """The elements of ``markup``, after checking that every tag is closed in the
    order it was opened (an AssertionError names the first that is not)."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    assert reader.problems == [], reader.problems
    assert [element.tag for element in reader.open] == ["#root"], reader.open
    return reader.root
