"""Render a safety reply: the lead, the help lines, the resident's municipal office (pure)."""

from __future__ import annotations

from typing import List, Optional

from bot.knowledge.base import Office
from bot.replies.answers import office_lines
from bot.replies.templates import Templates
from bot.safety.catalogue import SafetyCatalogue
from bot.safety.models import HelpLine


def line_text(line: HelpLine, templates: Templates) -> str:
    """One help line: name, number (or page) and hours."""
    if line.number and line.hours:
        return templates.text("utter_safety_line_hours", line=line.name, number=line.number, hours=line.hours)
    if line.number:
        return templates.text("utter_safety_line", line=line.name, number=line.number)
    return templates.text("utter_safety_line_page", line=line.name, url=line.url)


def render(
    category: str,
    catalogue: SafetyCatalogue,
    templates: Templates,
    office: Optional[Office] = None,
    municipality_name: Optional[str] = None,
) -> str:
    """The whole reply for one category, as one message."""
    reply = catalogue.reply(category)
    parts: List[str] = [reply.lead.strip()]
    parts.append("\n".join(line_text(line, templates) for line in catalogue.lines_of(category)))
    if reply.after:
        parts.append(reply.after.strip())
    if office is not None and municipality_name is not None:
        parts.append("\n".join(office_lines(office, municipality_name, templates)))
    return "\n".join(parts)  # one bubble: "\n\n" would split it into several messages


def maybe_text(category: str, catalogue: SafetyCatalogue, templates: Templates) -> Optional[str]:
    """The one-sentence pointer said before an ordinary answer, when the category has one."""
    reply = catalogue.reply(category)
    if not reply.maybe or not reply.maybe_line:
        return None
    return reply.maybe.strip() + "\n" + line_text(catalogue.lines[reply.maybe_line], templates)
