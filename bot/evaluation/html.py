"""Self-contained HTML pages for the evaluation reports: the Markdown tables plus inline SVG charts."""

from __future__ import annotations

import html
import io
import re
import warnings
from typing import List, Sequence, Tuple

# One chart: its heading and the inline <svg> element.
Chart = Tuple[str, str]


def bar_chart(labels: Sequence[str], values: Sequence[float], xlabel: str, xmax: float = 1.0) -> str:
    """Horizontal bars as an inline SVG (matplotlib, no network).

    Text stays text in the SVG (svg.fonttype none), so the browser draws Japanese labels with its
    own fonts even though the server has no Japanese font; matplotlib's missing-glyph warnings
    for those labels are therefore harmless and silenced.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(), matplotlib.rc_context({"svg.fonttype": "none"}):
        warnings.simplefilter("ignore")
        figure, axis = plt.subplots(figsize=(9, max(1.6, len(labels) * 0.24 + 0.8)))
        bars = axis.barh(list(labels), list(values), color="#0b57d0")
        axis.bar_label(bars, labels=[f"{v:.2f}" for v in values], padding=2, fontsize=7)
        axis.set_xlim(0, xmax * 1.08)
        axis.set_ylim(len(labels) - 0.5, -0.5)  # first label on top, no empty band
        axis.set_xlabel(xlabel)
        axis.tick_params(axis="y", labelsize=7)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


_PIPE = re.compile(r"(?<!\\)\|")


def cell(value: object) -> str:
    """A Markdown table cell: one line, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(rows: List[List[str]]) -> str:
    out = []
    for number, cells in enumerate(rows):
        tag = "th" if number == 0 else "td"
        out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def markdown_blocks(markdown: str) -> List[str]:
    """The report's Markdown (headings, bullet lines, tables) as HTML blocks."""
    blocks: List[str] = []
    rows: List[List[str]] = []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            if not set(line) <= set("|-: "):
                inner = line.strip()[1:-1]
                rows.append([c.strip().replace("\\|", "|").replace("`", "") for c in _PIPE.split(inner)])
            continue
        if rows:
            blocks.append(_table(rows))
            rows = []
        if line.startswith("## "):
            blocks.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("# "):
            blocks.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.strip():
            blocks.append(f"<p>{html.escape(line.strip(' -').replace('`', ''))}</p>")
    return blocks


_STYLE = (
    "<style>body{font-family:sans-serif;max-width:64rem;margin:auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #999;padding:2px 6px}"
    "p{margin:.2rem 0}svg{max-width:100%;height:auto}</style>"
)


def html_page(title: str, markdown: str, charts: Sequence[Chart]) -> str:
    """The page: heading and notes, the first table (the summary), the charts, then the rest."""
    blocks = markdown_blocks(markdown)
    first_table = next((i for i, block in enumerate(blocks) if block.startswith("<table>")), len(blocks) - 1)
    figures = "".join(f"<h2>{html.escape(heading)}</h2><figure>{svg}</figure>" for heading, svg in charts)
    body = "".join(blocks[: first_table + 1]) + figures + "".join(blocks[first_table + 1 :])
    return (
        f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"{_STYLE}</head><body>{body}</body></html>"
    )
