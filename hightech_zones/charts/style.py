"""How the book's charts look: the one place that decides it.

Chapters say what to plot; :func:`finish` adds the source note and names the data download.
The palette and the tooltip titles are here; fonts and the colours that follow the page's
theme are in ``theme.py``, whose light config is Altair's theme here. Every chart is rendered
by ``outputs.render``, registered here as Altair's renderer: what it outputs for the HTML book,
the PDF and JupyterLab is decided in ``outputs.py``.
"""
from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from hightech_zones.charts.theme import FONT, chart_config
from hightech_zones.output.bundles import render
from hightech_zones.words.labels import label, lang

WIDTH, HEIGHT = 560, 280

# One palette, the same in the light and the dark theme: the zones in blue, the nation in grey,
# derived values in orange. Chapters and builders take every colour from here.
ZONES, NATION, DERIVED, ACCENT = "#1f5fa8", "#9aa3ad", "#e07b28", "#2a9d8f"
CATEGORY = [ZONES, ACCENT, DERIVED, "#7b4ea3", "#c0392b", "#8c6d31", NATION]
REST = "#d9dde1"  # the rest of a whole, behind the zones' part
ZONES_MEDIUM, ZONES_LOW = "#6b95c9", "#b8cbe3"  # the zones' blue, paler as a source is less certain
ON_DARK, ON_PALE = "white", "#1a1a1a"  # text on a dark or a pale fill, whatever the page's theme
SEQUENTIAL = "blues"  # counts shaded from pale to dark

# One tooltip vocabulary: the same field is titled the same way in every chart, in the edition's
# language: builders call labels.label("source_sentence"), "source_words", "translation",
# "as_written", "in_english" when they build a chart, so a kernel's language is read then.


@alt.theme.register("hightech_zones", enable=True)
def theme() -> alt.theme.ThemeConfig:
    config = chart_config("light")
    return {
        "config": {
            **config,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "legend": {**config["legend"], "orient": "top", "direction": "horizontal"},
            "range": {"category": CATEGORY},
            "bar": {"color": ZONES},
            "line": {"color": ZONES, "strokeWidth": 2},
            "point": {"color": ZONES, "filled": True, "size": 60},
        }
    }


def highlight_legend(chart: alt.Chart, field: str, *, dim: float = 0.25) -> alt.Chart:
    """Click a legend entry to bring that series forward and fade the others (shift-click adds more).

    The selection is empty until the reader clicks, and an empty selection keeps every mark
    fully opaque, so the static image for print shows all series alike.
    """
    if not isinstance(chart, alt.Chart):
        raise TypeError("highlight_legend takes a single alt.Chart; add it to the layer that has the legend")
    pick = alt.selection_point(fields=[field], bind="legend")
    return chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(dim)))


def finish(chart: alt.TopLevelMixin, *, source: str, filename: str) -> alt.TopLevelMixin:
    """Add the source note under the chart and name the CSV a reader can download.

    Every chart must say what it shows in one sentence (its ``description``, made from its data
    by its builder): the SVG's text alternative for a screen reader.
    """
    if not isinstance(getattr(chart, "description", None), str):
        raise ValueError("a chart needs a description (its text alternative): set it in its builder")
    # Its colour is the theme's muted ink (config.title), so it follows the page's theme.
    colon = "：" if lang() == "zh" else ": "
    text = source_lines(f"{label('source_note')}{colon}{source}")
    note = alt.TitleParams(text=text if len(text) > 1 else text[0], orient="bottom", anchor="start",
                           fontSize=NOTE_SIZE, fontWeight="normal", font=FONT, offset=12)
    return chart.properties(title=note, usermeta={"download": filename})


# The source note's size, and the most of it one line holds: a longer note wraps, since a title's one
# long line would widen the chart past the page's column, and the page would shrink all its text.
NOTE_SIZE = 11
NOTE_LINE = {"en": 80, "zh": 40}  # characters: about 480 px at 11 px


def source_lines(note: str) -> list[str]:
    """A source note as lines of at most :data:`NOTE_LINE` characters, broken at spaces (in Chinese,
    after a full-width comma or semicolon, or anywhere if it must)."""
    width = NOTE_LINE["zh" if lang() == "zh" else "en"]
    lines, line = [], ""
    for word in re.findall(r"[^，；]*[，；]|[^，；]+$", note) if lang() == "zh" else note.split(" "):
        joined = f"{line} {word}" if line and lang() != "zh" else line + word
        if line and len(joined) > width:
            lines.append(line)
            line = word
        else:
            line = joined
        while len(line) > width and lang() == "zh":
            lines.append(line[:width])
            line = line[width:]
    return [*lines, line] if line else lines or [note]


def sentence_tooltip(*fields, zh: str = "text_zh", en: str = "text_en") -> list:
    """A tooltip: the given fields, then the sentence the figure comes from, in Chinese and English;
    in the Chinese edition the Chinese sentence (原文) alone, never a back-translation."""
    original = alt.Tooltip(f"{zh}:N", title=label("source_sentence"))
    if lang() == "zh":
        return [*fields, original]
    return [*fields, original, alt.Tooltip(f"{en}:N", title=label("translation"))]


def share_of_whole(frame: pd.DataFrame, *, label: str, share: str, tooltip: list) -> alt.Chart:
    """Shares as stacked bars against the nation's whole (0 to 100): the zones' part in blue, the rest
    in grey; the legend and axis in the edition's language.

    The legend's words come from data/labels.csv: they reach the Vega expressions as parameters,
    never as text pasted into an expression, so an apostrophe (the nation's rest) or anything else
    in a label is a value, not code. The column name is the code's own, and goes in as a JSON string."""
    from hightech_zones.words.labels import label as words  # the parameter `label` names the frame's label column

    part, rest = words("who_zones"), words("rest_of_nation")
    part_name, rest_name = alt.param(name="hz_part", value=part), alt.param(name="hz_rest", value=rest)
    return alt.Chart(frame).add_params(part_name, rest_name).transform_calculate(
        rest=f"100 - datum[{json.dumps(share)}]"
    ).transform_fold(
        [share, "rest"], as_=["part", "percent"]
    ).transform_calculate(
        order="datum.part === 'rest' ? 1 : 0"  # before `part` becomes the legend's words
    ).transform_calculate(
        part="datum.part === 'rest' ? hz_rest : hz_part"
    ).mark_bar(height=18).encode(
        x=alt.X("percent:Q", title=words("axis_percent_of_national"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y(f"{label}:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("part:N", title=None, scale=alt.Scale(domain=[part, rest], range=[ZONES, REST])),
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    )


alt.renderers.register("hightech_zones", render)
alt.renderers.enable("hightech_zones")
