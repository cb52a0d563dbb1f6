"""Compose a question-level answer: the regional Q&A entry first, then local facts and the office (pure)."""

from __future__ import annotations

from typing import Dict, List

from bot.knowledge.base import LocalAnswer
from bot.knowledge.models import QaOverride
from bot.knowledge.qa import QaEntry
from bot.replies.answers import office_lines
from bot.replies.templates import Templates


def _sourced(text: str, override: QaOverride, texts: Dict[str, str]) -> str:
    return text + texts["source"].format(url=override.source)


def first_bubble(entry: QaEntry, answer: LocalAnswer, texts: Dict[str, str]) -> str:
    """The answer to the question: the municipality's own when it has one, else the regional one."""
    override = answer.municipality.qa.get(entry.id)
    if override is not None and override.answer and not override.third_party:
        own = texts["override"].format(municipality_name=answer.municipality.name, answer=override.answer)
        return _sourced(own, override, texts)
    return texts["nationwide" if entry.local else "answer"].format(answer=entry.answer.strip())


def local_lines(entry: QaEntry, answer: LocalAnswer, texts: Dict[str, str], templates: Templates) -> List[str]:
    """The municipality's note on the entry, and its facts on the topic when the entry differs by place."""
    name = answer.municipality.name
    lines: List[str] = []
    override = answer.municipality.qa.get(entry.id)
    if override is not None and override.note and not override.third_party:
        lines.append(_sourced(texts["note"].format(municipality_name=name, note=override.note), override, texts))
    if entry.local and answer.facts:
        lines.append(templates.text("utter_answer_local_heading", municipality_name=name))
        lines += [templates.text("utter_answer_fact", text=fact.text) for fact in answer.facts]
    return lines


def compose_entry(entry: QaEntry, answer: LocalAnswer, texts: Dict[str, str], templates: Templates) -> List[str]:
    """The bubbles: the entry's answer, then local facts (if any) with the office and its page."""
    contact = office_lines(answer.office, answer.municipality.name, templates)
    contact.append(templates.text("utter_official_page", url=answer.page_url))
    local = local_lines(entry, answer, texts, templates)
    second = "\n\n".join(part for part in ("\n".join(local), "\n".join(contact)) if part)
    return [first_bubble(entry, answer, texts), second]
