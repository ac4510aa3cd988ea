"""The facts that the fact-check of issue 9 corrected, pinned so that no later edit undoes them.

Each test reads the data files (and, where the finding was about what a reader sees, the
built book) and fails if a corrected fact comes back wrong. The corrections themselves are
recorded in data/corrections.csv and shown on the Corrections page.
"""
from __future__ import annotations

import json
import re

from hightech_zones import load
from hightech_zones.data.loader import data_dir

# The corrections record quotes what the book said before, wrong wording included.
RECORD = "corrections.csv"


def _context() -> dict:
    return load("context_figures").set_index("id").to_dict("index")


def test_an_edition_is_named_by_its_title_year_and_reports_the_year_before():
    """Finding 1: the edition titled (N) reports N-1 and may be published in N or N+1."""
    rule = load("glossary").set_index("term_zh").loc["创新能力评价报告", "note"]
    assert "titled (N) reports data for year N-1" in rule and "N+1" in rule
    assert "published in year N reports" not in rule
    fields = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    context = next(r for r in fields["resources"] if r["name"] == "context_figures")
    edition = next(f for f in context["schema"]["fields"] if f["name"] == "edition")
    assert "title" in edition["description"] and "publication year" not in edition["description"]

    sources = load("sources").set_index("id")
    index = load("context_figures").query("topic == 'innovation_index'")
    assert len(index) and (index.year == index.edition - 1).all()
    for row in index.itertuples():
        published = sources.loc[row.source_id, "published"]
        if isinstance(published, str):  # reports of an edition appear in its title year or the next
            assert int(published[:4]) in (row.edition, row.edition + 1), row.Index
    # The 2024 edition, for 2023, came out in 2025: a publication-year rule would call it 2025.
    assert sources.loc["evaluation_report_2024", "published"].startswith("2025")


def test_patent_intensity_is_per_10000_employees_everywhere():
    """Finding 2: 万人授权发明专利数 counts per 10,000 employees (从业人员), not per 10,000 people."""
    figures = load("figures").set_index("id")
    for ref in ("patents_per_10k", "patents_per_10k_vs_national"):
        assert "per 10,000 employees" in figures.loc[ref, "measure_en"], ref
    sentence = load("sentences").set_index("id").loc["industrial_detail", "text_en"]
    assert "per 10,000 employees" in sentence
    root = data_dir().parent
    texts = [*(root / "data").glob("*.csv"), *(root / "chapters").glob("*.md"),
             *(root / "hightech_zones").glob("*.py")]
    for path in (p for p in texts if p.name != RECORD):
        assert "per 10,000 people" not in path.read_text(encoding="utf-8"), path.name


def test_the_zone_counts_add_up():
    """Finding 3: 26 zones were approved in 1991 (not 27, which counts Beijing's zone of 1988 again)."""
    ctx = _context()
    approved = {k: v for k, v in ctx.items() if k.startswith("zones_approved_")}
    assert ctx["zones_approved_1991"]["value"] == 26
    assert ctx["zone_count_1988"]["value"] + sum(v["value"] for v in approved.values()) \
        == ctx["zone_count_2006"]["value"] == 53
    # And the counts never fall from one date to the next.
    counts = sorted((v["as_of"] if isinstance(v["as_of"], str) else str(v["year"]), v["value"])
                    for k, v in ctx.items() if k.startswith("zone_count_"))
    assert all(a[1] <= b[1] for a, b in zip(counts, counts[1:])), counts


def test_prose_claims_no_paragraph_order_and_no_link_the_article_does_not_make():
    """Finding 4: the scraped paragraphs are shuffled, and the article only sets the measures
    beside the NPC remark; inferences about the series break are marked as inferences."""
    chapters = data_dir().parent / "chapters"
    for path in chapters.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"article (opens|closes|begins|ends)\b", text), path.name
        assert "answer a call" not in text, path.name
        assert "studios of the zone" not in text, path.name
    for name in ("index.md", "innovation_capacity.md", "audit.md"):
        text = (chapters / name).read_text(encoding="utf-8")
        assert "figures imply that" in text, name
    sources = load("sources").set_index("id")
    assert sources.loc["cns_2025_02_26", "published"] < "2025-03-05"  # measures before the remark
    assert "5 March 2025" in load("sentences").set_index("id").loc["xi_fusion", "note"]


def test_the_firm_rd_share_is_checked_against_business_rd():
    """Finding 5: the zones' firms hold nearly half of the nation's business R&D (科技日报, 26 April 2023);
    the audit recomputes 姚珺's share against that base and says what changed."""
    from hightech_zones.analysis import audit

    near_half = _context()["firm_rd_share_business_2022"]
    assert "近一半" in near_half["words"] and near_half["source_id"] == "stdaily_2023_04_26"
    claims = audit.claims(load("figures"), load("context_figures"), load("units")).set_index("id")
    assert not claims.loc["firm_rd_share", "agrees"]  # against total R&D it still does not follow
    assert claims.loc["firm_rd_share_business", "agrees"] and claims.loc["firm_rd_share_2023_edition", "agrees"]
    assert "no figure" not in claims.loc["firm_rd_share", "finding"]
    page = (data_dir().parent / "chapters" / "audit.md").read_text(encoding="utf-8")
    assert "What changed" in page and "{doc}`corrections`" in page


def test_translations_say_what_the_chinese_says():
    """Finding 6: 联合创业 is a joint start-up, not a joint venture (合资); one rendering of 专精特新,
    the glossary's; the small omissions restored; the zones' official English names."""
    root = data_dir()
    for path in (p for p in root.glob("*.csv") if p.name != RECORD):
        assert "joint venture" not in path.read_text(encoding="utf-8").lower(), path.name
    for path in (root.parent / "chapters").glob("*.md"):
        assert "joint venture" not in path.read_text(encoding="utf-8").lower(), path.name
    sentences = load("sentences").set_index("id")["text_en"]
    assert "joint start-ups of scientists and entrepreneurs" in sentences["models"]
    assert "two essays" not in sentences["yao_high_new"]
    rendering = load("glossary").set_index("term_zh").loc["专精特新", "term_en"].lower()
    pairs = [(load("sentences"), "text_zh", "text_en"), (load("figures"), "measure_zh", "measure_en"),
             (load("context_figures"), "measure_zh", "measure_en"),
             (load("policy_measures"), "action_zh", "action_en")]
    said = [en for frame, zh, en_col in pairs for cn, en in zip(frame[zh], frame[en_col]) if "专精特新" in cn]
    assert len(said) >= 4
    for text in said:
        assert rendering in text.lower(), text
    assert "intelligent interaction" in sentences["wu_original_tech"]  # 智能
    assert "among other things" in sentences["wu_targeted"] and "and more" in sentences["action_plan"]  # 等
    assert "in depth" in sentences["transfer_2"]  # 深入
    names = load("case_zones").set_index("id")["name_en"]
    assert names["wuhan_east_lake"] == "Wuhan East Lake High-tech Development Zone"
    assert names["chengdu"] == "Chengdu Hi-tech Industrial Development Zone"
    # 墨境天合's English name is unconfirmed: the book keeps the pinyin and says so.
    studio = load("zone_highlights").set_index("id").loc["mojing_tianhe", "item_en"]
    assert studio.startswith("Mojing Tianhe") and "unconfirmed" in studio


def test_source_records_are_corrected():
    """Finding 7: dates, outlets, coverage and grades of the context figures' sources."""
    sources, ctx = load("sources").set_index("id"), _context()
    assert sources.loc["ce_pd_2023_11", "published"] == "2023-12-13"
    assert ctx["zone_count_2023_11"]["as_of"] == "2023-11"
    assert ctx["industrial_index_2022"]["source_id"] == "stdaily_2023_04_26"
    assert "not recorded" not in ctx["industrial_index_2022"]["note"]
    assert sources.loc["yicai_global", "published"] == "2022-08-29"
    assert "156 zones" in ctx["zone_gdp_2017"]["measure_en"]
    for ref in ("national_gdp_2024", "national_gdp_growth_2024"):
        assert ctx[ref]["confidence"] == "high", ref
    # The R&D rows, graded high in the first round on NBS's preliminary release, now hold the final
    # bulletin's figures (second round, finding 2: test_national_rd_2024_is_final_in_all_three_rows).


def test_the_record_answers_every_finding_and_names_what_exists():
    """The corrections record: a row for every finding, real pages and files, sources that exist."""
    import datetime

    from hightech_zones.analysis import reference

    record = reference.corrections()
    assert set(record.finding[record["round"] == 1]) == set(range(1, 9))
    assert set(record.finding[record["round"] == 2]) >= set(range(1, 10))  # the nine, then our own
    root = data_dir().parent
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    assert "file: chapters/corrections" in toc
    for row in record.itertuples():
        datetime.date.fromisoformat(row.date)
        for page in row.pages.split("; "):
            assert (root / "chapters" / f"{page}.md").is_file(), (row.id, page)
            assert page == "index" or f"file: chapters/{page}" in toc, (row.id, page)
        for path in row.files.split("; "):
            assert (root / path).is_file(), (row.id, path)
    assert "rejected" in set(record.decision)  # a finding not followed is recorded too
    titles = reference.page_titles()
    assert titles["corrections"] == "Corrections"
    assert record.set_index("id").loc["east_lake_revenue", "page_titles"].split("; ")[1] == "Case studies"
    landing = (root / "chapters" / "index.md").read_text(encoding="utf-8")
    assert "{doc}`corrections`" in landing


# Second round (issue 25): a fresh fact-check of both editions.

def test_national_rd_2024_is_final_in_all_three_rows():
    """Finding 2: level, growth and intensity all come from the final bulletin (NBS, MOST and MOF,
    29 September 2025), with its words; none is left preliminary beside the others."""
    ctx, sources = _context(), load("sources").set_index("id")
    final = {"national_rd_2024": 36326.8, "national_rd_growth_2024": 8.9, "national_rd_intensity_2024": 2.69}
    for ref, value in final.items():
        row = ctx[ref]
        assert row["value"] == value and row["source_id"] == "nbs_2025_09_29", ref
        assert f"{value:g}" in row["words"] and "preliminary" not in row["measure_en"].lower(), ref
        assert "初步" not in row["words"], ref
    assert len({ctx[ref]["confidence"] for ref in final}) == 1  # one status for the three
    assert sources.loc["nbs_2025_09_29", "published"] == "2025-09-29"
    # The final level and growth imply 2023's level within rounding (33357.1亿元, 经济日报).
    level, growth = ctx["national_rd_2024"]["value"], ctx["national_rd_growth_2024"]["value"]
    low, high = level / (1 + (growth + 0.05) / 100), level / (1 + (growth - 0.05) / 100)
    assert low <= ctx["national_rd_2023"]["value"] <= high


def _per_person(text: str) -> list[str]:
    """'每万人' not followed by 从业 (a count per 10,000 people, not per 10,000 employees)."""
    return re.findall(r"每万人(?!从业)", text)


def test_no_per_person_patent_figure_in_either_edition_source():
    """Finding 6: the Chinese edition said 每万人12.3件; the basis is 每万名从业人员 in both editions."""
    root = data_dir().parent
    catalogues = (root / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters").glob("*.po")
    for path in [*catalogues, *(root / "chapters").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert not _per_person(text), path.name
        assert "per 10,000 people" not in text and "per 10,000 population" not in text, path.name
    catalogue = (root / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters" / "innovation_capacity.po")
    assert "每万名从业人员{glue:text}`innovation_capacity.md::patents_nat:s`件" in catalogue.read_text(encoding="utf-8")


def test_the_remark_of_5_march_is_context_not_cause():
    """Finding 5: the policy chapter's heading no longer gives the remark as the measures' cause."""
    root = data_dir().parent
    page = (root / "chapters" / "policy_measures.md").read_text(encoding="utf-8")
    assert not re.search(r"^#+ Why\b", page, flags=re.M) and "## In context:" in page
    catalogue = (root / "locale" / "zh_CN" / "LC_MESSAGES" / "chapters" / "policy_measures.po")
    assert "缘由" not in catalogue.read_text(encoding="utf-8")


def test_second_round_translations_keep_every_word():
    """Finding 9: 深入推进, 一批 and 等 are translated; 率先探索了 is 'took the lead in exploring'."""
    sentences = load("sentences").set_index("id")["text_en"]
    measures = load("policy_measures").set_index("id")["action_en"]
    assert "took the lead in exploring" in sentences["governance"] and "first to try" not in sentences["governance"]
    for text in (sentences["industry_2"], measures["chain_building"]):  # 深入推进
        assert "in depth" in text, text
    for text in (sentences["transfer_1"], sentences["wu_next_steps"], sentences["source_2"],
                 measures["core_technologies"], measures["transfer_services"]):  # 一批
        assert "a batch of" in text, text
    for text in (sentences["models"], sentences["chengdu_cluster"], sentences["transfer_1"]):  # 等
        assert text.rstrip(".").endswith(("and more", "and others")) or "and more;" in text, text


def test_chinese_numbers_have_no_thousands_separator(monkeypatch):
    """Finding 19: the Chinese edition wrote 1,070点 and 153,000家; Chinese text writes 1070点."""
    from hightech_zones.words import fmt, prose

    monkeypatch.setenv("HIGHTECH_ZONES_LANG", "zh_CN")
    assert fmt.number(153000) == "153000" and fmt.number(1069.9, 0) == "1070"
    row = load("figures").set_index("id").loc["service_institutions"]
    assert prose.english_value(row) == "7,130"  # an English rendering stays English
    monkeypatch.delenv("HIGHTECH_ZONES_LANG")
    assert fmt.number(153000) == "153,000"


def test_the_books_own_check_is_counted_apart_from_the_fact_checks():
    """Round 2's findings from 10 on are the book's own check (datapackage.json): the Corrections page
    counts them apart from the fact-checks', from the record, and says so in both counts."""
    from hightech_zones.analysis import reference

    record = load("corrections")
    findings = record[["round", "finding"]].drop_duplicates()
    by_hand = {(r, f) for r, f in zip(findings["round"], findings.finding) if r == 2 and f >= 10}
    own = findings[reference.own_check(findings)]
    assert set(zip(own["round"], own.finding)) == by_hand and len(by_hand) >= 11
    page = (data_dir().parent / "chapters" / "corrections.md").read_text(encoding="utf-8")
    assert "{glue:text}`n_own_check`" in page and "{glue:text}`n_fact_checks`" in page
    assert "Independent bilingual fact-checks of the book's data" not in page


def test_miit_growth_is_named_for_its_nine_months():
    """MIIT's 7.11% is for January–September 2023: no page or label calls it growth for 2023."""
    root = data_dir().parent
    for page in ("index", "innovation_capacity", "audit"):
        text = (root / "chapters" / f"{page}.md").read_text(encoding="utf-8")
        assert "MIIT's growth for 2023" not in text, page
    labels = (data_dir() / "labels.csv").read_text(encoding="utf-8")
    assert "full year differed from that of the first three quarters" in labels
    assert "全年增速与前三季度不同" in labels and "公布的前三季度增长" not in labels


def test_no_data_text_cites_a_table_or_figure_by_its_number():
    """Numbers of tables and figures follow the chapters and change with them; a record that cites
    one by number goes wrong (and the PDF's count of cross-references reads it as one)."""
    numbered = re.compile(r"(?:Table|Fig\.)\s*\d+\.\d+|[表图]\s*\d+\.\d+")
    found = [f"{path.name}: {m.group(0)}" for path in sorted(data_dir().glob("*.csv"))
             for m in numbered.finditer(path.read_text(encoding="utf-8"))]
    assert not found, found
