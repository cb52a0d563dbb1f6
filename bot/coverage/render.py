"""Render the coverage grid as compact terminal text, or as HTML through the autoescaped templates in templates/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

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


@dataclass(frozen=True)
class HeadView:
    """One municipality's column heading."""

    name: str
    own: bool


@dataclass(frozen=True)
class CellView:
    """One cell: how it looks (inline style or CSS class), its tooltip, label and symbol."""

    style: str
    css: str
    title: str
    label: str
    symbol: str


@dataclass(frozen=True)
class RowView:
    """One topic's row."""

    id: str
    label: str
    cells: List[CellView]


@dataclass(frozen=True)
class TotalView:
    """One footer row: a label and (value, highlighted) per municipality."""

    label: str
    values: List[Tuple[object, bool]]


@dataclass(frozen=True)
class TableView:
    """The grid as plain values for the `coverage_table` macro (templates/coverage_table.html)."""

    heads: List[HeadView]
    rows: List[RowView]
    totals: List[TotalView]


def _cell(grid: CoverageGrid, municipality_id: str, topic_id: str, style: TableStyle) -> CellView:
    cell = grid.cell(municipality_id, topic_id)
    own = municipality_id == style.highlight
    if style.inline:
        look, css = f"background:{COLOUR[cell.status]};color:{INK[cell.status]}", "own" if own else ""
    else:
        look, css = "", CSS_CLASS[cell.status] + (" own" if own else "")
    title = f"{municipality_id} / {topic_id}: {cell.detail()}"
    return CellView(look, css, title, style.name(cell.status), SYMBOL[cell.status])


def table_view(grid: CoverageGrid, style: TableStyle = TableStyle()) -> TableView:
    """Topics down, municipalities across, status totals and the extra rows in the footer."""
    ids = [m.id for m in grid.municipalities]
    heads = [HeadView(m.name, m.id == style.highlight) for m in grid.municipalities]
    rows = [RowView(t.id, t.label, [_cell(grid, m, t.id, style) for m in ids]) for t in grid.topics]
    totals = [
        TotalView(style.name(status), [(grid.counts(m)[status], m == style.highlight) for m in ids])
        for status in Status
    ]
    totals += [
        TotalView(label, [(values.get(m, ""), m == style.highlight) for m in ids]) for label, values in style.extra_rows
    ]
    return TableView(heads, rows, totals)


TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(grid: CoverageGrid) -> str:
    """A complete HTML document with inline CSS and no external resources."""
    legend_items = [
        {"colour": COLOUR[s], "symbol": SYMBOL[s], "meaning": MEANING[s].format(months=grid.stale_months)}
        for s in Status
    ]
    page = (
        _environment()
        .get_template("coverage_page.html")
        .render(
            css=Markup(_STYLE),  # a constant of this module, no outside text
            today=str(grid.today),
            stale_months=grid.stale_months,
            legend=legend_items,
            table=table_view(grid),
        )
    )
    return page.lstrip() + ("" if page.endswith("\n") else "\n")
