"""Compose answer texts for a municipality × topic from knowledge and templates (pure)."""

from __future__ import annotations

import datetime as dt
from typing import List

from bot.knowledge.base import LocalAnswer, Office
from bot.knowledge.office_hours import JST, office_status
from bot.replies.templates import Templates


def format_date(day: dt.date, templates: Templates) -> str:
    """12月7日（月） — weekday names come from domain.yml."""
    weekdays = templates.text("utter_weekdays").split(",")
    return templates.text("utter_date", month=day.month, day=day.day, weekday=weekdays[day.weekday()])


def status_line(office: Office, templates: Templates, now: dt.datetime) -> str:
    """Open now / closed until …, from hours (if known), weekends, holidays and 年末年始."""
    status = office_status(now, office.hours)
    if status.hours_known:
        if status.open_now:
            return templates.text("utter_office_open_now")
        assert status.next_open is not None
        return templates.text(
            "utter_office_closed_next",
            date=format_date(status.next_open.date(), templates),
            time=status.next_open.strftime("%H:%M"),
        )
    if status.business_day_today:
        return templates.text("utter_office_business_day")
    return templates.text("utter_office_closed_day", date=format_date(status.next_business_day, templates))


def office_lines(
    office: Office, municipality_name: str, templates: Templates, now: dt.datetime | None = None
) -> List[str]:
    """Who to contact, their phone, hours and whether they are open now."""
    values = {
        "municipality_name": municipality_name,
        "office_name": office.name,
        "main_office_name": office.main_office_name,
        "phone": office.phone,
    }
    if office.name == office.main_office_name:
        lines = [templates.text("utter_office_main_only", **values)]
    elif office.via_main_office:
        lines = [templates.text("utter_office_department_via_main", **values)]
    else:
        lines = [templates.text("utter_office_direct", **values)]
    if office.hours:
        lines.append(
            templates.text(
                "utter_office_hours",
                opens=office.hours.opens.strftime("%H:%M"),
                closes=office.hours.closes.strftime("%H:%M"),
            )
        )
    else:
        lines.append(templates.text("utter_office_hours_unknown"))
    lines.append(status_line(office, templates, now or dt.datetime.now(JST)))
    return lines


def compose_answer(answer: LocalAnswer, templates: Templates) -> str:
    """The full answer: core text, what to bring, local facts, office, official page."""
    name = answer.municipality.name
    topic = answer.topic
    sections: List[str] = [templates.text("utter_answer_core", label=topic.label, answer=topic.answer.strip())]
    if topic.bring:
        separator = templates.text("utter_answer_bring_separator")
        sections.append(templates.text("utter_answer_bring", items=separator.join(topic.bring)))
    if answer.facts:
        facts = [templates.text("utter_answer_local_heading", municipality_name=name)]
        facts += [templates.text("utter_answer_fact", text=f.text) for f in answer.facts]
        sections.append("\n".join(facts))
    else:
        sections.append(templates.text("utter_answer_no_local_facts", municipality_name=name))
    contact = office_lines(answer.office, name, templates)
    contact.append(templates.text("utter_official_page", url=answer.page_url))
    sections.append("\n".join(contact))
    return "\n\n".join(sections)
