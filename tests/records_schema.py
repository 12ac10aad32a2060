"""The JSON Schema of records (docs/schema/records.schema.json), made from the types'
own annotations, and a small validator for the part of JSON Schema it uses.

``python -m tests.records_schema`` rewrites the file; ``tests/test_records.py`` checks
that the file is what this makes and that every record it sees is valid under it.
"""

from __future__ import annotations

import enum
import importlib
import json
import re
from pathlib import Path
from typing import Any, get_args

import attrs

from hubpartner import records

SCHEMA_FILE = Path(__file__).parent.parent / "docs" / "schema" / "records.schema.json"

_SCALARS: dict[str, dict[str, Any]] = {
    "None": {"type": "null"},
    "int": {"type": "integer"},
    "bool": {"type": "boolean"},
    "str": {"type": "string"},
    "Decimal": {"$ref": "#/$defs/decimal"},
    "float": {"$ref": "#/$defs/decimal"},
    "Fraction": {"$ref": "#/$defs/fraction"},
    "date": {"$ref": "#/$defs/date"},
    "datetime": {"$ref": "#/$defs/datetime"},
    "Money": {"$ref": "#/$defs/amount"},
}

_DEFS: dict[str, Any] = {
    "decimal": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"},
    "fraction": {"type": "string", "pattern": r"^-?[0-9]+(/[0-9]+)?$"},
    "date": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "datetime": {
        "type": "string",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
        r"([+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$",
    },
    "amount": {
        "type": "object",
        "properties": {
            "amount": {"$ref": "#/$defs/decimal"},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        },
        "required": ["amount", "currency"],
        "additionalProperties": False,
    },
    "tally_interval": {
        "type": "object",
        "properties": {
            "low": {"$ref": "#/$defs/decimal"},
            "high": {"$ref": "#/$defs/decimal"},
            "confidence": {"$ref": "#/$defs/decimal"},
            "method": {"enum": ["adjusted-wald", "t", "wilson"]},
        },
        "required": ["low", "high", "confidence", "method"],
        "additionalProperties": False,
    },
}


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += (char == "[") - (char == "]")
        if depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index].strip())
            start = index + len(separator)
    parts.append(text[start:].strip())
    return parts


def _one_of(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    unique = [json.loads(text) for text in dict.fromkeys(json.dumps(s) for s in schemas)]
    return unique[0] if len(unique) == 1 else {"anyOf": unique}


def _annotation(text: str, module: Any) -> dict[str, Any]:
    parts = _split(text, "|")
    if len(parts) > 1:
        return _one_of([_annotation(part, module) for part in parts])
    if text in _SCALARS:
        return _SCALARS[text]
    generic = re.fullmatch(r"(\w+)\[(.*)\]", text)
    if generic:
        _, inner = generic.groups()
        items = [item for item in _split(inner, ",") if item != "..."]
        return {"type": "array", "items": _one_of([_annotation(item, module) for item in items])}
    found = getattr(module, text)
    if isinstance(found, type) and issubclass(found, enum.Enum):
        return {"enum": sorted(str(member.value) for member in found)}
    if isinstance(found, type):
        kind = records._kind_of_type(found)
        if kind is not None:
            return {"$ref": f"#/$defs/{kind.name}"}
    # a type alias (AnyTally): a union of result types
    return _one_of([{"$ref": f"#/$defs/{records._kind_of_type(t).name}"} for t in get_args(found)])


def _record_schema(key: str, kind: Any) -> dict[str, Any]:
    module_name, name = key.rsplit(".", 1)
    module = importlib.import_module(module_name)
    cls = getattr(module, name)
    properties: dict[str, Any] = {
        "type": {"const": kind.name},
        "schema": {"const": records.SCHEMA_VERSION},
    }
    required = ["type", "schema"]
    if attrs.has(cls):
        fields = [(f.name, f.type) for f in attrs.fields(cls)]
    else:  # Interval, a named tuple of floats
        fields = [(field, "float") for field in cls._fields]
    for field, annotation in fields:
        if field.startswith("_") or field in kind.omitted:
            continue
        properties[field] = _annotation(annotation, module)
        required.append(field)
    for field in kind.computed:
        member = getattr(cls, field)
        function = member.fget if isinstance(member, property) else member
        returned = _annotation(function.__annotations__["return"], module)
        properties[field] = _one_of([returned, {"type": "null"}])
        required.append(field)
    if kind.extra is not None:
        properties["interval"] = {"anyOf": [{"$ref": "#/$defs/tally_interval"}, {"type": "null"}]}
        required.append("interval")
    for field in list(properties):
        if "fraction" in json.dumps(properties[field]):
            properties[f"{field}_float"] = {"type": "number"}
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def make_schema() -> dict[str, Any]:
    """The schema of every record :func:`hubpartner.to_record` makes."""
    defs = dict(_DEFS)
    names = []
    for key, kind in records._KINDS.items():
        defs[kind.name] = _record_schema(key, kind)
        names.append(kind.name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://hubpartner.example/schema/records.schema.json",
        "title": "hubpartner records",
        "description": (
            f"Records of schema version {records.SCHEMA_VERSION}: hubpartner.to_record(value). "
            "Exact quantities are decimal strings in plain notation, counts integers, "
            "fractions exact strings with a *_float companion, float statistics decimal "
            f"strings rounded to {records.PLACES} decimal places."
        ),
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in sorted(names)],
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    return json.dumps(make_schema(), indent=2, ensure_ascii=False) + "\n"


# -- a validator for the part of JSON Schema the file uses ------------------------------------

_JSON_TYPES = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}
KEYWORDS = frozenset(
    {
        "$schema", "$id", "title", "description", "$defs", "$ref", "anyOf", "type", "const",
        "enum", "pattern", "properties", "required", "additionalProperties", "items",
    }
)  # fmt: skip


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (empty when it is valid)."""
    unknown = set(schema) - KEYWORDS
    assert not unknown, f"the validator does not know {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, path)
    if "anyOf" in schema:
        found = [errors(value, option, root, path) for option in schema["anyOf"]]
        if all(found):
            return [f"{path}: matches none of {len(found)} options: {min(found, key=len)}"]
        return []
    problems = []
    if "type" in schema and not _JSON_TYPES[schema["type"]](value):
        return [f"{path}: {value!r} is not of type {schema['type']}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        problems.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "items" in schema:
        for index, item in enumerate(value):
            problems += errors(item, schema["items"], root, f"{path}[{index}]")
    if "required" in schema:
        problems += [
            f"{path}: {key!r} is missing" for key in schema["required"] if key not in value
        ]
    if "properties" in schema:
        for key, item in value.items():
            if key in schema["properties"]:
                problems += errors(item, schema["properties"][key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{path}: {key!r} is not expected")
    return problems


if __name__ == "__main__":
    SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
