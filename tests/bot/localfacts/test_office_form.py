"""The office form: values checked with the schema, each problem named by its form field, nothing typed lost."""

from __future__ import annotations

from bot.knowledge.yaml_source import read_yaml
from bot.localfacts import document
from bot.localfacts.office_form import DEPARTMENT, MAIN, ROUTE, WEBSITE, Block, OfficeForm, apply_offices
from bot.localfacts.offices import Offices
from bot.settings import PROJECT_ROOT

FUNCTIONS = list(read_yaml(PROJECT_ROOT / "data" / "functions.yml"))
CURRENT = Offices().read(document.load((PROJECT_ROOT / "data" / "municipalities" / "kitakata.yml").read_text()))


def block(key, names, values, **how):
    return Block(key, {name: str(values.get(name, "")) for name in names}, **how)


def flat_hours(office):
    return {f"hours-{k}": v for k, v in office.get("hours", {}).items()}


def as_sent(**change):
    """The form exactly as the page shows the file, with `change` applied to the named blocks' fields."""
    main = {**CURRENT["main_office"], **flat_hours(CURRENT["main_office"])}
    departments = [
        block(f"dept-{i}", DEPARTMENT, {**d, **flat_hours(d), "function": key, **change.get(f"dept-{i}", {})}, index=i)
        for i, (key, d) in enumerate(CURRENT["departments"].items())
    ]
    return OfficeForm(
        block("website", WEBSITE, {**CURRENT["website"], **change.get("website", {})}),
        block("main", MAIN, {**main, **change.get("main", {})}),
        [*departments, block("dept-new", DEPARTMENT, change.get("dept-new", {}))],
        [block("topic-bulky_waste", ROUTE, change.get("topic-bulky_waste", {}), topic="bulky_waste")],
    )


def test_the_unchanged_form_gives_the_section_back():
    assert apply_offices(CURRENT, as_sent(), FUNCTIONS) == (CURRENT, {})


def test_a_changed_phone_and_new_hours_are_taken_and_fields_staff_do_not_edit_are_kept():
    offices, problems = apply_offices(
        CURRENT, as_sent(**{"dept-0": {"phone": " 0241-24-0000 ", "hours-weekdays": "08:30-17:15"}}), FUNCTIONS
    )
    assert problems == {}
    citizen = offices["departments"]["citizen"]
    assert citizen["phone"] == "0241-24-0000" and citizen["hours"]["weekdays"] == "08:30-17:15"
    kept = {k: v for k, v in CURRENT["departments"]["citizen"].items() if k != "phone"}
    assert {k: v for k, v in citizen.items() if k != "phone"} == kept


def test_each_problem_is_named_by_its_field():
    sent = as_sent(
        main={"phone": "24-5206", "hours-weekdays": "8:30-17", "hours-seen": "2026/12/01"},
        website={"url": "www.city.kitakata.fukushima.jp", "seen": ""},
        **{
            "dept-1": {"function": "no_such_function"},
            "dept-2": {"function": "citizen"},
            "dept-new": {"name": "消費生活センター", "function": "consumer"},
            "topic-bulky_waste": {"department": "nope", "url": "city.kitakata.jp"},
        },
    )
    _, problems = apply_offices(CURRENT, sent, FUNCTIONS)
    assert problems == {
        "main-phone": "phone",
        "main-hours-weekdays": "hours",
        "main-hours-seen": "date",
        "website-url": "url",
        "website-seen": "missing",
        "dept-1-function": "function",
        "dept-2-function": "duplicate",
        "dept-new-source": "missing",
        "dept-new-seen": "missing",
        "topic-bulky_waste-department": "function",
        "topic-bulky_waste-url": "url",
    }


def test_removing_adding_and_routing():
    sent = as_sent(
        **{
            "dept-new": {
                "function": "consumer",
                "name": "消費生活センター",
                "source": "https://a.jp/",
                "seen": "2026-12-2",
            },
            "topic-bulky_waste": {"department": "consumer", "url": "https://a.jp/bulky"},
        }
    )
    sent.departments[0] = Block("dept-0", sent.departments[0].values, remove=True, index=0)
    offices, problems = apply_offices(CURRENT, sent, FUNCTIONS)
    assert problems == {}
    assert "citizen" not in offices["departments"]
    assert offices["departments"]["consumer"]["seen"] == "2026-12-02"  # as the schema reads it
    assert offices["topics"]["bulky_waste"] == {"department": "consumer", "url": "https://a.jp/bulky"}
    assert offices["topics"]["dog_registration"] == CURRENT["topics"]["dog_registration"]  # not in the form: kept
    stray = Block("dept-9", {}, index=9)
    assert apply_offices(CURRENT, OfficeForm(sent.website, sent.main, [stray], []), FUNCTIONS)[1] == {
        "dept-9-name": "invalid"
    }
