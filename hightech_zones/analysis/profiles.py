"""Zone profiles, in the manner of an innovation index's economy profiles, built from the data.

A profile is the same five parts for every case-study zone: who and where, its key figures,
what it is strong in, the official quoted, and the sources. Everything comes from
``case_zones``, ``figures``, ``zone_highlights``, ``sentences``, ``officials`` and ``sources``,
so a third zone is added by adding its rows there; nothing here names a zone.

Data text is set in the profile's Markdown through :func:`prose.escape`, so it shows literally.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from hightech_zones.data.loader import load
from hightech_zones.words.labels import field, gap, label, lang, own
from hightech_zones.words.prose import english_value, escape, label_text, published, quote_markdown

# The kinds of highlight, in the order a profile shows them; each is headed by its label
# highlight_<kind> in data/labels.csv.
HIGHLIGHT_KINDS = ["first_in_world", "first_in_china", "achievement", "film_studio", "cluster_segment",
                   "leading_industry", "niche_track"]


@dataclass
class ZoneProfile:
    """Everything a profile shows for one zone, as data frames a chapter can also chart or table."""

    zone: pd.Series
    official: pd.Series
    key_figures: pd.DataFrame
    highlights: pd.DataFrame
    cited: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame

    @property
    def id(self) -> str:
        return self.zone.name


def zone_ids() -> list[str]:
    return load("case_zones")["id"].tolist()


def _key_figures(zone_id: str) -> pd.DataFrame:
    figures = load("figures")
    units = load("units")
    mine = figures[figures["scope"] == zone_id].copy()
    mine["value_en"] = [english_value(row, units) for _, row in mine.iterrows()]
    mine["zone_id"] = zone_id
    return mine[["zone_id", "id", "measure_en", "measure_zh", "value_as_written", "value_en",
                 "value", "value_high", "unit", "approximation", "year", "sentence_id"]].reset_index(drop=True)


def zone_profile(zone_id: str) -> ZoneProfile:
    """Build one zone's profile from the data."""
    zone = load("case_zones").set_index("id").loc[zone_id]
    official = load("officials").set_index("id").loc[zone["official_id"]]
    key_figures = _key_figures(zone_id)
    highlights = load("zone_highlights")
    highlights = highlights[highlights["zone_id"] == zone_id].copy()
    order = {kind: i for i, kind in enumerate(HIGHLIGHT_KINDS)}
    highlights = highlights.sort_values("kind", key=lambda k: k.map(order), kind="stable").reset_index(drop=True)
    sentences = load("sentences")
    used = list(dict.fromkeys([*key_figures["sentence_id"], *highlights["sentence_id"]]))
    cited = sentences.set_index("id").loc[used].reset_index()
    quotes = cited[cited["speaker_id"].notna()].reset_index(drop=True)
    sources = load("sources")
    sources = sources[sources["id"].isin(cited["source_id"])].reset_index(drop=True)
    return ZoneProfile(zone, official, key_figures, highlights, cited, quotes, sources)


def all_profiles() -> list[ZoneProfile]:
    return [zone_profile(z) for z in zone_ids()]


def key_figures_frame(profiles: list[ZoneProfile]) -> pd.DataFrame:
    """The key figures of several zones in one table, zone by zone, as a reader sees them, headed
    in the edition's language; a Chinese reader reads the article's words, without the English."""
    frames = [p.key_figures.assign(zone=p.zone[field("name")]) for p in profiles]
    both = pd.concat(frames, ignore_index=True)
    headers = {"zone": "zone", "measure_en": "measure", "measure_zh": "col_chinese",
               "value_as_written": "as_written", "value_en": "in_english", "year": "year"}
    if lang() == "zh":
        headers = {"zone": "zone", "measure_zh": "measure", "value_as_written": "as_written", "year": "year"}
    return both[list(headers)].rename(columns={c: label(k) for c, k in headers.items()})


def profile_markdown(profile: ZoneProfile) -> str:
    """One zone's profile as MyST Markdown, the same structure for every zone (no headings:
    generated output may not add sections to the page), in the edition's language: a Chinese
    reader reads the data's Chinese, without the English beside it. Data text and labels are
    escaped (``prose.escape``, ``prose.label_text``); only the formatting written here is live."""
    z, off, e, says, zh = profile.zone, profile.official, escape, label_text, lang() == "zh"
    name = e(z["name_zh"]) if zh else f"{e(z['name_zh'])} {e(z['name_en'])}"
    province = e(z["province_zh"]) if zh else f"{e(z['province_zh'])} {e(z['province_en'])}"
    focus = z["focus_zh"] if zh else f"{z['focus_zh']} ({z['focus_en']})"
    out = [f"**{name}** · {province} · {says('profile_focus', focus=focus)}", ""]
    columns = ["measure", "as_written", "year"] if zh else ["measure", "as_written", "value", "year"]
    out += [f"**{says('profile_key_figures')}**", "",
            "| " + " | ".join(says(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    for _, f in profile.key_figures.iterrows():
        year = says("not_stated") if pd.isna(f["year"]) else str(int(f["year"]))
        if zh:
            out.append(f"| {e(f['measure_zh'])} | {e(f['value_as_written'])} | {year} |")
        else:
            out.append(f"| {e(f['measure_en'])} ({e(f['measure_zh'])}) | {e(f['value_as_written'])} | "
                       f"{e(f['value_en'])} | {year} |")
    out += ["", f"**{says('profile_strengths')}**", ""]
    for kind in HIGHLIGHT_KINDS:
        items = profile.highlights[profile.highlights["kind"] == kind]
        if items.empty:
            continue
        out.append(f"- *{says('highlight_' + kind)}*{'：' if zh else ': '}" + ("；" if zh else "; ").join(
            _highlight(r, zh) for _, r in items.iterrows()))
    official = (f"{e(off['name_zh'])}，{e(off['title_zh'])}" if zh else
                f"{e(off['name_zh'])} {e(off['name_en'])}, {e(off['title_en'])} ({e(off['title_zh'])})")
    out += ["", f"**{says('profile_official')}**{'：' if zh else ': '}{official}", ""]
    for sid in profile.quotes["id"]:
        out += [quote_markdown(sid), ""]
    others = profile.cited[profile.cited["speaker_id"].isna()]["id"]
    if len(others):
        out += [f":::{{admonition}} {says('profile_other_sentences')}", ":class: dropdown", ""]
        for sid in others:
            out += [quote_markdown(sid), ""]
        out += [":::", ""]
    out += [f"**{says('profile_sources')}**", ""]
    for _, s in profile.sources.iterrows():
        who = "" if pd.isna(s["authors"]) else says("profile_by", authors=s[own("authors")])
        when = "" if pd.isna(s["published"]) else f"{'，' if zh else ', '}{e(published(s))}"
        ids = profile.cited[profile.cited["source_id"] == s["id"]]["id"]
        # The Chinese edition counts the sentences (all quoted above) instead of listing their ids.
        used = says("profile_sentences_n", n=len(ids)) if zh else \
            f"{says('profile_sentences_used')}{gap()}" + ", ".join(_code(i) for i in ids)
        out.append(f"- {e(s[own('title')])}{who}{when}{'；' if zh else '; '}{used}")
    return "\n".join(out)


def _code(ident: str) -> str:
    """An id in a code span. Ids match ^[a-z0-9_]+$ in datapackage.json; that file is data too, so the
    id is checked here, where a backtick in it would end the span and start markup."""
    if not re.fullmatch(r"[a-z0-9_]+", ident):
        raise ValueError(f"{ident!r} is not an id a profile can show in a code span")
    return f"`{ident}`"


def _highlight(row: pd.Series, zh: bool) -> str:
    """A highlight as a profile lists it: the Chinese alone for a Chinese reader, else both."""
    e = escape
    if zh:
        return e(row["item_zh"]) + ("" if pd.isna(row["detail_zh"]) else f"（{e(row['detail_zh'])}）")
    return (f"{e(row['item_zh'])} ({e(row['item_en'])}"
            + ("" if pd.isna(row["detail_en"]) else f": {e(row['detail_en'])}") + ")")
