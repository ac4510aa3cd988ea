"""Every malformed datapackage.json ends in the loader's one-line error, never a traceback (issue 22).

Hypothesis takes the real package and breaks it at one place or a few: a value of the wrong kind
(a list where an object belongs, a number for a name, null), a key deleted, a node copied from
elsewhere. Loading the data must then either succeed or raise DataError, one line, naming a file
of data/; any other exception is the traceback a reader of the build log would have seen.
"""
from __future__ import annotations

import copy
import json
import shutil

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hightech_zones import DataError, validate_all
from hightech_zones.data.loader import data_dir

PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def places(node, path=()):
    """Every place in the JSON tree, as a path of keys and indices."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from places(value, (*path, i))


PLACES = [p for p in places(PACKAGE) if p]
WRONG = [None, 0, -1, 1.5, True, "", "x", "../README.md", "[a-", [], [None], {}, {"name": 1}, ["x", "x"],
         "<b>x</b>", "{{ 7*7 }}"]


@st.composite
def broken_package(draw):
    package = copy.deepcopy(PACKAGE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PLACES))
        parent = package
        try:
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
        kind = draw(st.sampled_from(["replace", "replace", "delete", "copy"]))
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "copy":
            other = draw(st.sampled_from(PLACES))
            parent[path[-1]] = copy.deepcopy(_at(PACKAGE, other))
        else:
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(WRONG)))
    return package


def _at(node, path):
    for step in path:
        node = node[step]
    return node


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shape") / "data"
    shutil.copytree(DATA, folder)
    return folder


def load_everything(folder, text: str) -> str | None:
    """Write the package, validate the data; the error's message, or None if it loaded."""
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    try:
        validate_all(folder)
    except DataError as err:
        return str(err)
    return None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(package=broken_package())
def test_a_malformed_package_ends_in_one_line(scratch, package):
    message = load_everything(scratch, json.dumps(package, ensure_ascii=False))
    if message is not None:
        assert "\n" not in message and message.startswith("data/"), message


@pytest.mark.parametrize("text, expected", [
    ('{"resources": {}}', "data/datapackage.json, the package: resources must be a list"),
    ("[]", "data/datapackage.json, the package: must be an object"),
    ('{"resources": [1]}', "data/datapackage.json, resource 1: must be an object"),
    ("[" * 100_000, "data/datapackage.json: nested too deeply to read"),
])
def test_shapes_the_issue_names(scratch, text, expected):
    assert load_everything(scratch, text) == expected


def test_a_path_may_not_leave_the_data_folder(scratch):
    package = copy.deepcopy(PACKAGE)
    package["resources"][0]["path"] = "../README.md"
    message = load_everything(scratch, json.dumps(package))
    assert message == (f"data/datapackage.json, resource {PACKAGE['resources'][0]['name']!r}: "
                       "path must name a CSV file of data/ ([a-z0-9_]+.csv)")


def test_a_bad_pattern_is_named(scratch):
    package = copy.deepcopy(PACKAGE)
    field = package["resources"][0]["schema"]["fields"][0]
    field.setdefault("constraints", {})["pattern"] = "[a-"
    message = load_everything(scratch, json.dumps(package))
    assert message.startswith(f"data/datapackage.json, resource {PACKAGE['resources'][0]['name']!r}, "
                              f"field {field['name']!r}: constraints.pattern is not a regular expression")


def test_the_package_text_is_plain_text(scratch):
    package = copy.deepcopy(PACKAGE)
    package["resources"][1]["schema"]["fields"][1]["description_zh"] = "说明{{ lipsum.__globals__ }}"
    message = load_everything(scratch, json.dumps(package, ensure_ascii=False))
    res, field = package["resources"][1], package["resources"][1]["schema"]["fields"][1]
    assert message == (f"data/datapackage.json, resource {res['name']!r}, field {field['name']!r}: description_zh "
                       "holds a template tag ('{{ lipsum.__glob'); data text must be plain text")


def test_the_real_package_loads():
    assert validate_all(data_dir())
