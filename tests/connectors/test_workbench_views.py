"""The workbench grid's order: most asked in 30 days first, ties by 90 days, else the catalog order (pure)."""

from __future__ import annotations

import datetime as dt

from connectors.cell_views import grid_rows
from connectors.qa_views import entry_rows

TODAY = dt.date(2026, 12, 8)


def test_topics_are_ordered_by_30_days_then_90_days_and_by_id_without_any_question(knowledge):
    plain = grid_rows(knowledge, "yugawa", ({}, {}), TODAY)
    assert [r.topic for r in plain] == sorted(knowledge.topics)
    asked = ({"bulky_waste": 2, "library": 1, "elections": 1}, {"bulky_waste": 2, "library": 1, "elections": 5})
    rows = grid_rows(knowledge, "yugawa", asked, TODAY)
    assert [r.topic for r in rows[:3]] == ["bulky_waste", "elections", "library"]
    assert (rows[1].asked, rows[1].asked_long) == (1, 5)
    only_long = grid_rows(knowledge, "yugawa", ({}, {"library": 3}), TODAY)
    assert only_long[0].topic == "library"  # asked this season, not this month: still first


def test_entries_are_listed_by_demand_with_the_preview_given_and_the_own_overrides_marked(knowledge):
    seen = []

    def preview(entry_id):
        seen.append(entry_id)
        return [{"text": entry_id, "buttons": [], "phones": []}]

    rows = entry_rows(knowledge, "kitakata", ({}, {}), preview)
    assert sorted(r.id for r in rows) == sorted(knowledge.qa.entries) == sorted(seen)
    assert [r.topic for r in rows] == sorted(r.topic for r in rows)
    assert {r.id for r in rows if r.overridden} == set(knowledge.municipalities["kitakata"].qa)
    asked = ({"bulky_waste.pc": 1}, {"bulky_waste.pc": 1, "library.card": 4})
    ordered = entry_rows(knowledge, "kitakata", asked, preview)
    assert [r.id for r in ordered[:2]] == ["bulky_waste.pc", "library.card"]
    assert ordered[0].preview[0]["text"] == "bulky_waste.pc"
