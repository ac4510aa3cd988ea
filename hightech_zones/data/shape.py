"""The shape of ``data/datapackage.json`` that the loader and the reference pages rely on.

:func:`shape_problem` names the first place where the package is not that shape (a list where an
object belongs, a name missing, a pattern that is no regular expression, a path that leaves
``data/``), so that a malformed package stops the build with one line, never a traceback.
"""
from __future__ import annotations

import re

NAME = re.compile(r"[a-z0-9_]+")
PATH = re.compile(r"[a-z0-9_]+\.csv")  # a file of data/ itself: a path may not reach another folder
TYPES = ("string", "number", "integer", "boolean")
TEXT_KEYS = ("title", "title_zh", "description", "description_zh", "rows_come_from_zh")


class _Wrong(Exception):
    pass


def _need(ok: bool, at: str, what: str) -> None:
    if not ok:
        raise _Wrong(f"{at}: {what}")


def _text(entry: dict, at: str, keys=TEXT_KEYS) -> None:
    for key in keys:
        _need(isinstance(entry.get(key, ""), str), at, f"{key} must be text")


def _list_of(value, kind, at: str, what: str) -> list:
    _need(isinstance(value, list) and all(isinstance(v, kind) for v in value), at, what)
    return value


def _constraints(c, at: str) -> None:
    _need(isinstance(c, dict), at, "constraints must be an object")
    for key in ("required", "unique"):
        _need(isinstance(c.get(key, False), bool), at, f"constraints.{key} must be true or false")
    for key in ("minimum", "maximum", "minLength"):
        value = c.get(key, 0)
        _need(isinstance(value, (int, float)) and not isinstance(value, bool), at, f"constraints.{key} must be a number")
    if "enum" in c:
        _list_of(c["enum"], (str, int, float), at, "constraints.enum must be a list of values")
    if "pattern" in c:
        _need(isinstance(c["pattern"], str), at, "constraints.pattern must be text")
        try:
            re.compile(c["pattern"])
        except re.error as err:
            raise _Wrong(f"{at}: constraints.pattern is not a regular expression ({err})") from None


def _schema(schema, at: str, names: set[str]) -> None:
    _need(isinstance(schema, dict), at, "schema must be an object")
    fields = _list_of(schema.get("fields"), dict, at, "schema.fields must be a list of objects")
    _need(bool(fields), at, "schema.fields is empty")
    for i, field in enumerate(fields, start=1):
        here = f"{at}, field {i}"
        _need(isinstance(field.get("name"), str) and bool(field["name"]), here, "name must be text")
        here = f"{at}, field {field['name']!r}"
        _need(field.get("type", "string") in TYPES, here, f"type must be one of {', '.join(TYPES)}")
        _text(field, here)
        _constraints(field.get("constraints", {}), here)
        _need(field.get("type", "string") in ("number", "integer") or not {"minimum", "maximum"} & set(
            field.get("constraints", {})), here, "only a number has a minimum or a maximum")
    columns = [f["name"] for f in fields]
    _need(len(set(columns)) == len(columns), at, "two fields have the same name")
    _list_of(schema.get("missingValues", []), str, at, "schema.missingValues must be a list of texts")
    key = _list_of(schema.get("primaryKey", []), str, at, "schema.primaryKey must be a list of field names")
    _need(set(key) <= set(columns), at, "schema.primaryKey names a field it does not have")
    for fk in _list_of(schema.get("foreignKeys", []), dict, at, "schema.foreignKeys must be a list of objects"):
        ref = fk.get("reference")
        _need(fk.get("fields") in columns and isinstance(ref, dict), at,
              "a foreign key needs fields (one of its field names) and a reference")
        _need(isinstance(ref.get("resource"), str) and ref["resource"] in names | {""} and isinstance(ref.get("fields"), str), at,
              "a foreign key's reference needs a resource of the package and its field")


def _resource(res, i: int, names: set[str]) -> None:
    at = f"resource {i}"
    _need(isinstance(res, dict), at, "must be an object")
    _need(isinstance(res.get("name"), str) and bool(NAME.fullmatch(res["name"])), at, "name must match [a-z0-9_]+")
    at = f"resource {res['name']!r}"
    _need(isinstance(res.get("path"), str) and bool(PATH.fullmatch(res["path"])), at,
          "path must name a CSV file of data/ ([a-z0-9_]+.csv)")
    _text(res, at)
    for j, source in enumerate(_list_of(res.get("sources", []), dict, at, "sources must be a list of objects"), 1):
        _text(source, f"{at}, source {j}", ("title", "title_zh", "path"))
    _schema(res.get("schema"), at, names)


def shape_problem(package) -> str | None:
    """The first place where ``package`` is not the shape the book reads, or None."""
    try:
        _need(isinstance(package, dict), "the package", "must be an object")
        resources = _list_of(package.get("resources"), object, "the package", "resources must be a list")
        _need(bool(resources), "the package", "resources is empty")
        names = {r.get("name") for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}
        for i, res in enumerate(resources, start=1):
            _resource(res, i, names)
        _need(len(names) == len(resources), "the package", "two resources have the same name")
        columns = {r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in resources}
        for res in resources:
            for fk in res["schema"].get("foreignKeys", []):
                target = fk["reference"]["resource"] or res["name"]
                _need(fk["reference"]["fields"] in columns[target], f"resource {res['name']!r}",
                      f"a foreign key refers to {target}.{fk['reference']['fields']}, which is no field")
        for key in ("name", "version"):
            _need(isinstance(package.get(key), str), "the package", f"{key} must be text")
        _text(package, "the package", ("title", "description"))
        licences = _list_of(package.get("licenses"), dict, "the package", "licenses must be a list of objects")
        _need(bool(licences) and all(isinstance(x.get("name"), str) for x in licences), "the package",
              "licenses must name at least one licence")
    except _Wrong as wrong:
        return str(wrong)
    return None
