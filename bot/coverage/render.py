"""Render the coverage grid as compact terminal text or a self-contained HTML page."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from bot.coverage.grid import CoverageGrid, Status

SYMBOL: Dict[Status, str] = {
    Status.VERIFIED: "#",
    Status.STALE: "~",
    Status.UNVERIFIED: "?",
    Status.CORE_ONLY: ".",
    Status.SEARCHED_NOTHING: "-",
}
COLOUR: Dict[Status, str] = {
    Status.VERIFIED: "#2e7d32",
    Status.STALE: "#f9a825",
    Status.UNVERIFIED: "#c62828",
    Status.CORE_ONLY: "#cfd8dc",
    Status.SEARCHED_NOTHING: "#eceff1",
}
INK: Dict[Status, str] = {
    Status.VERIFIED: "#fff",
    Status.STALE: "#222",
    Status.UNVERIFIED: "#fff",
    Status.CORE_ONLY: "#607d8b",
    Status.SEARCHED_NOTHING: "#90a4ae",
}
MEANING: Dict[Status, str] = {
    Status.VERIFIED: "verified: own facts or own department for the topic",
    Status.STALE: "stale: own facts, newest checked more than {months} months ago",
    Status.UNVERIFIED: "unverified: only third-party information (never shown to residents)",
    Status.CORE_ONLY: "core only: no local information, residents get the main office",
    Status.SEARCHED_NOTHING: "searched, nothing public: public pages searched (data/research), only staff can fill it",
}

# CSS class of each status for pages whose stylesheet colours the cells (no inline styles).
CSS_CLASS: Dict[Status, str] = {
    Status.VERIFIED: "cov-verified",
    Status.STALE: "cov-stale",
    Status.UNVERIFIED: "cov-unverified",
    Status.CORE_ONLY: "cov-core",
    Status.SEARCHED_NOTHING: "cov-searched",
}


def legend(grid: CoverageGrid) -> List[str]:
    """One line per status."""
    return [f"  {SYMBOL[s]}  {MEANING[s].format(months=grid.stale_months)}" for s in Status]


def render_text(grid: CoverageGrid) -> str:
    """Topics down, municipalities (numbered) across, one symbol per cell, then totals and legend."""
    width = max((len(t.id) for t in grid.topics), default=5)
    numbers = [f"{i + 1:>3}" for i in range(len(grid.municipalities))]
    lines = [
        f"coverage on {grid.today} (stale after {grid.stale_months} months)",
        "",
        " " * width + " " + "".join(numbers),
    ]
    for topic in grid.topics:
        row = "".join(f"{SYMBOL[grid.cell(m.id, topic.id).status]:>3}" for m in grid.municipalities)
        lines.append(f"{topic.id:<{width}} {row}")
    lines.append("")
    for number, municipality in zip(numbers, grid.municipalities, strict=True):
        counts = grid.counts(municipality.id)
        summary = "  ".join(f"{SYMBOL[s]} {counts[s]:>2}" for s in Status)
        lines.append(f"{number}  {municipality.id:<14} {summary}")
    lines += ["", "legend:"] + legend(grid)
    return "\n".join(lines) + "\n"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem}
table{border-collapse:collapse;font-size:.8rem}
th,td{border:1px solid #fff;padding:0}
th{background:#eceff1;padding:.25rem .4rem;font-weight:600}
thead th{writing-mode:vertical-rl;white-space:nowrap;vertical-align:bottom}
tbody th{text-align:left;white-space:nowrap}
td{width:1.6rem;height:1.4rem;text-align:center}
.legend span{display:inline-block;width:1rem;height:1rem;margin-right:.4rem;vertical-align:middle}
.legend li{list-style:none;margin:.2rem 0}
tfoot td{font-size:.7rem;background:#fafafa;color:#333}
"""


@dataclass(frozen=True)
class TableStyle:
    """How the grid table is decorated.

    `inline` colours cells with style attributes (the self-contained page); otherwise cells get the
    CSS_CLASS of their status, for pages served under a CSP that forbids inline styles.
    `highlight` marks one municipality's column; `status_names` replaces the status values in the
    cell labels and the totals; `extra_rows` are footer rows of (label, value per municipality id).
    """

    inline: bool = True
    highlight: Optional[str] = None
    status_names: Optional[Mapping[Status, str]] = None
    extra_rows: Sequence[Tuple[str, Mapping[str, object]]] = ()

    def name(self, status: Status) -> str:
        """The displayed name of a status."""
        return (self.status_names or {}).get(status, status.value)

    def own(self, municipality_id: str) -> str:
        """The class attribute marking the highlighted column ("" elsewhere)."""
        return ' class="own"' if municipality_id == self.highlight else ""


def _cell_html(grid: CoverageGrid, municipality_id: str, topic_id: str, style: TableStyle) -> str:
    cell = grid.cell(municipality_id, topic_id)
    title = html.escape(f"{municipality_id} / {topic_id}: {cell.detail()}", quote=True)
    if style.inline:
        look = f' style="background:{COLOUR[cell.status]};color:{INK[cell.status]}"{style.own(municipality_id)}'
    else:
        own = " own" if municipality_id == style.highlight else ""
        look = f' class="{CSS_CLASS[cell.status]}{own}"'
    label = html.escape(style.name(cell.status), quote=True)
    return f'<td{look} title="{title}"><span aria-label="{label}">{SYMBOL[cell.status]}</span></td>'


def table_html(grid: CoverageGrid, style: TableStyle = TableStyle()) -> str:
    """The grid as one <table> (topics down, municipalities across, status totals in the footer)."""
    head = "".join(f'<th scope="col"{style.own(m.id)}>{html.escape(m.name)}</th>' for m in grid.municipalities)
    body = []
    for topic in grid.topics:
        cells = "".join(_cell_html(grid, m.id, topic.id, style) for m in grid.municipalities)
        body.append(
            f'<tr><th scope="row">{html.escape(topic.label)} <small>({html.escape(topic.id)})</small></th>{cells}</tr>'
        )
    totals = []
    for status in Status:
        counts = "".join(f"<td{style.own(m.id)}>{grid.counts(m.id)[status]}</td>" for m in grid.municipalities)
        totals.append(f'<tr><th scope="row">{html.escape(style.name(status))}</th>{counts}</tr>')
    for label, values in style.extra_rows:
        cells = "".join(
            f"<td{style.own(m.id)}>{html.escape(str(values.get(m.id, '')))}</td>" for m in grid.municipalities
        )
        totals.append(f'<tr><th scope="row">{html.escape(label)}</th>{cells}</tr>')
    return (
        f"<table>\n<thead><tr><th></th>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n<tfoot>\n"
        + "\n".join(totals)
        + "\n</tfoot>\n</table>"
    )


def render_html(grid: CoverageGrid) -> str:
    """A complete HTML document with inline CSS and no external resources."""
    items = "".join(
        f'<li><span style="background:{COLOUR[s]}"></span>{SYMBOL[s]} '
        f"{html.escape(MEANING[s].format(months=grid.stale_months))}</li>"
        for s in Status
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Knowledge coverage</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>Knowledge coverage: municipality × topic</h1>\n"
        f"<p>Generated on {grid.today}; facts are stale after {grid.stale_months} months. "
        "Hover a cell for details.</p>\n"
        f'<ul class="legend">{items}</ul>\n' + table_html(grid) + "\n</body>\n</html>\n"
    )
