"""The book's reference pages, generated from the data package and the running environment.

Nothing here is typed by hand: the file listing and the data dictionary come from
``data/datapackage.json``, the row counts and checksums from the files themselves,
the glossary from ``glossary.csv`` and the names the other files give in both
languages, and the versions from the packages installed.
"""
from __future__ import annotations

import hashlib
import platform
import re
from importlib import metadata

import pandas as pd

from hightech_zones.data.loader import data_dir, load, package, resource_names
from hightech_zones.words.labels import label, lang, own
from hightech_zones.words.prose import citation

# The packages whose versions decide what the book looks like and what it computes.
KEY_PACKAGES = ("jupyter-book", "myst-nb", "myst-parser", "sphinx", "sphinx-book-theme", "jupyter-cache",
                "pandas", "altair", "vl-convert-python", "hightech-zones")


def _constraints(field: dict) -> str:
    """A schema's constraints in the edition's words: 'required; unique; one of a, b', ...
    (labels constraint_*; the codes and patterns themselves stay as the schema writes them)."""
    c = field.get("constraints", {})
    words = [label(f"constraint_{w}") for w in ("required", "unique") if c.get(w)]
    if "enum" in c:
        words.append(label("constraint_enum", values=", ".join(map(str, c["enum"]))))
    for key, name in (("minimum", "minimum"), ("maximum", "maximum"), ("pattern", "pattern"),
                      ("minLength", "min_length")):
        if key in c:
            words.append(label(f"constraint_{name}", value=c[key]))
    return "; ".join(words)


def _links(resource: dict) -> dict[str, str]:
    """Which field points at which file: primary and foreign keys, by field name."""
    schema = resource["schema"]
    links = {name: label("constraint_primary_key") for name in schema.get("primaryKey", [])}
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"]["resource"] or resource["name"]
        links[fk["fields"]] = f"→ {target}.csv ({fk['reference']['fields']})"
    return links


def _said(entry: dict, key: str) -> str:
    """A property of datapackage.json in the edition's language: ``description``, or its Chinese
    companion ``description_zh`` in the Chinese edition (checks.untranslated_properties)."""
    return str(entry.get(key if lang() == "en" else f"{key}_zh", ""))


def data_dictionary() -> pd.DataFrame:
    """Every column of every data file: its type, what it holds, its constraints and links,
    in the edition's language (the column names and codes are the files' own)."""
    rows = []
    for res in package(data_dir())["resources"]:
        links = _links(res)
        for field in res["schema"]["fields"]:
            rows.append({"file": res["path"], "column": field["name"],
                         "type": label(f"type_{field.get('type', 'string')}"),
                         "description": _said(field, "description"), "constraints": _constraints(field),
                         "key": links.get(field["name"], "")})
    return pd.DataFrame(rows)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _source_words(source: dict) -> str:
    """A resource's source as a short citation where its (English) title names an id in sources.csv;
    else its title in the edition's language."""
    match = re.search(r"id ([a-z0-9_]+)", source["title"])
    if match:
        return citation(match[1])
    return label("context_sources") if "kind = context" in source["title"] else _said(source, "title")


def readme_origins() -> dict[str, str]:
    """Where each file's rows come from, as the files table in data/README.md says."""
    path = data_dir() / "README.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    rows = re.findall(r"^\| `([^`]+)` \| .* \| ([^|]*) \|$", text, flags=re.M)
    return {name: origin.strip() for name, origin in rows}


def data_files() -> pd.DataFrame:
    """Every data file: what it holds, how many rows, where its rows come from, and its checksum."""
    folder = data_dir()
    rows = []
    for res in package(folder)["resources"]:
        sources = "; ".join(_source_words(s) for s in res.get("sources", [])) or "not given in datapackage.json"
        origin = readme_origins().get(res["path"], "") if lang() == "en" else res.get("rows_come_from_zh", "")
        rows.append({"file": res["path"], "title": _said(res, "title"), "rows": len(load(res["name"])),
                     "columns": len(res["schema"]["fields"]), "holds": _said(res, "description"),
                     "rows come from": origin, "source": sources,
                     "sha256": sha256(folder / res["path"])[:16]})
    return pd.DataFrame(rows)


def editorial_fields() -> pd.DataFrame:
    """The columns whose values are the book's judgement, not the article's: the schema's English
    description says so (and the edition's language describes them)."""
    d = data_dictionary()
    english = [f.get("description", "") for res in package(data_dir())["resources"] for f in res["schema"]["fields"]]
    said = pd.Series(english).str.contains("editorial|assigned by the book|book's own", case=False, regex=True)
    return d[said.to_numpy()][["file", "column", "description"]].reset_index(drop=True)


def sources_table() -> pd.DataFrame:
    """Every source with what the book uses it for: figures, sentences and context figures citing it."""
    sources = load("sources")
    sentences = load("sentences")
    context = load("context_figures")
    used = sentences.groupby("source_id").size().rename("sentences")
    ctx = context.groupby("source_id").size().rename("context figures")
    out = sources.set_index("id").join(used).join(ctx).reset_index()
    for col in ("sentences", "context figures"):
        out[col] = out[col].fillna(0).astype(int)
    # The edition's words: the Chinese companions of the text columns, the kinds by label; the
    # article's date as the book writes it everywhere (its month in sources.csv is an inference).
    out = out.assign(**{col: out[own(col)] for col in ("title", "outlet", "date_basis", "note")},
                     published=[label("article_date") if k == "article" else p
                                for k, p in zip(out["kind"], out["published"])],
                     kind=[label(f"source_kind_{kind}") for kind in out["kind"]])
    return out[["id", "kind", "title", "outlet", "published", "date_basis", "sentences", "context figures", "note"]]


def names_in_both_languages() -> pd.DataFrame:
    """The names the data gives in Chinese and English outside the glossary: groups, routes, headings, units;
    the kinds and the headers in the edition's language (data/labels.csv)."""
    parts = [
        ("kind_index_group", load("pillars"), "name_zh", "name_en"),
        ("kind_route", load("track_routes"), "name_zh", "name_en"),
        ("kind_policy_heading", load("policy_headings"), "name_zh", "name_en"),
        ("kind_case_zone", load("case_zones"), "name_zh", "name_en"),
        ("kind_unit", load("units"), "unit", "unit_en"),
    ]
    columns = [label("kind"), label("col_chinese"), label("col_english")]
    frames = [f[[zh, en]].set_axis(columns[1:], axis=1).assign(**{columns[0]: label(kind)})
              for kind, f, zh, en in parts]
    return pd.concat(frames, ignore_index=True)[columns]


def package_versions(names=KEY_PACKAGES) -> pd.DataFrame:
    """The version of Python and of each key package in the environment running this code."""
    rows = [{"package": "python", "version": platform.python_version()}]
    for name in names:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "not installed"
        rows.append({"package": name, "version": version})
    return pd.DataFrame(rows)


def data_package_summary() -> dict:
    """Name, version, licence and size of the data package, for prose."""
    pkg = package(data_dir())
    return {"name": pkg["name"], "version": pkg["version"], "licence": pkg["licenses"][0]["name"],
            "files": len(resource_names()), "rows": sum(len(load(n)) for n in resource_names())}


def page_titles() -> dict[str, str]:
    """Each page's title (its first '# ' heading), by chapter file name without .md; in the Chinese
    edition, the title's translation in the page's catalogue (locale/zh_CN/LC_MESSAGES/chapters)."""
    root = data_dir().parent
    titles = {}
    for path in sorted((root / "chapters").glob("*.md")):
        match = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), flags=re.M)
        titles[path.stem] = match[1].strip() if match else path.stem
        po = root / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters" / f"{path.stem}.po"
        if lang() == "zh" and po.is_file():
            from hightech_zones.data.catalogues import read

            message = read(po).get(titles[path.stem])
            titles[path.stem] = message.string if message and message.string else titles[path.stem]
    return titles


# Round 2's findings from this number on are the book's own check, not the fact-checkers'
# (datapackage.json, corrections.round).
OWN_CHECK_ROUND, OWN_CHECK_FROM = 2, 10


def own_check(record: pd.DataFrame) -> pd.Series:
    """Whether each row of the corrections record answers a finding of the book's own check."""
    return (record["round"] == OWN_CHECK_ROUND) & (record["finding"] >= OWN_CHECK_FROM)


def corrections() -> pd.DataFrame:
    """The corrections record, each changed page also named by its title, for the Corrections page;
    its text columns (topic, was, now, why, settled_by) in the edition's language, from their Chinese
    companions in the Chinese edition. Decisions stay codes (labels decision_*)."""
    record = load("corrections")
    record = record.assign(**{col: record[own(col)] for col in ("topic", "was", "now", "why", "settled_by")})
    titles = page_titles()
    sep = "; " if lang() == "en" else "；"
    record["page_titles"] = [
        sep.join(titles.get(page, page) for page in pages.split("; ")) for pages in record["pages"]]
    return record
