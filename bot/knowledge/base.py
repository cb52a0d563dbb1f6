"""Load data/ into a KnowledgeBase and answer lookups (municipality × topic → office, facts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

from bot.knowledge.models import Fact, Hours, Municipality, Topic
from bot.knowledge.qa import QaBook, load_qa
from bot.knowledge.yaml_source import DataFileError, Problem, parse, read_yaml
from bot.turn import OfficeMeta


@dataclass(frozen=True)
class Office:
    """The office a resident should contact for a topic in a municipality."""

    municipality: str
    function: str
    name: str
    phone: str
    via_main_office: bool
    main_office_name: str
    hours: Hours | None
    url: str
    source: str

    def as_meta(self) -> OfficeMeta:
        """The office as the turn contract names it (API and CLI meta)."""
        return OfficeMeta(
            municipality=self.municipality,
            function=self.function,
            name=self.name,
            phone=self.phone,
            via_main_office=self.via_main_office,
            hours=self.hours.weekdays if self.hours else None,
            url=self.url,
            source=self.source,
        )


@dataclass(frozen=True)
class LocalAnswer:
    """Everything known to answer one topic for one municipality."""

    topic: Topic
    municipality: Municipality
    office: Office
    facts: List[Fact]
    page_url: str
    page_is_specific: bool


@dataclass
class KnowledgeBase:
    """Topics, municipalities and functions loaded from data/."""

    topics: Dict[str, Topic] = field(default_factory=dict)
    municipalities: Dict[str, Municipality] = field(default_factory=dict)
    functions: Dict[str, str] = field(default_factory=dict)
    qa: QaBook = field(default_factory=QaBook)

    def office_for(self, municipality_id: str, topic_id: str) -> Office:
        """Resolve the responsible office, falling back to the main office."""
        municipality = self.municipalities[municipality_id]
        topic = self.topics[topic_id]
        local = municipality.topics.get(topic_id)
        function = (local.department if local and local.department else None) or topic.function
        return self.office_for_function(municipality_id, function, local.url if local else None)

    def office_for_function(self, municipality_id: str, function: str, page_url: str | None = None) -> Office:
        """The municipality's department for a function (data/functions.yml), else its main office."""
        municipality = self.municipalities[municipality_id]
        department = municipality.departments.get(function)
        if department is not None and department.third_party:
            department = None
        main = municipality.main_office
        page = page_url or municipality.website.url
        if department is None:
            return Office(
                municipality_id, function, main.name, main.phone, True, main.name, main.hours, page, main.source
            )
        return Office(
            municipality_id,
            function,
            department.name,
            department.phone or main.phone,
            department.phone is None,
            main.name,
            department.hours or main.hours,
            page,
            department.source,
        )

    def answer(self, municipality_id: str, topic_id: str) -> LocalAnswer:
        """Collect the core answer, local facts and office for a pair."""
        municipality = self.municipalities[municipality_id]
        local = municipality.topics.get(topic_id)
        return LocalAnswer(
            topic=self.topics[topic_id],
            municipality=municipality,
            office=self.office_for(municipality_id, topic_id),
            facts=[f for f in local.facts if not f.third_party] if local else [],
            page_url=(local.url if local and local.url else None) or municipality.website.url,
            page_is_specific=bool(local and local.url),
        )

    def label(self, topic_id: str) -> str:
        """Readable label of a topic (the id if unknown)."""
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id


def _load_dir(directory: Path, model: type, problems: List[Problem]) -> Dict[str, object]:
    items: Dict[str, object] = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            node = read_yaml(path)
            item: Any = parse(path, node, model)
        except DataFileError as error:
            problems.extend(error.problems)
            continue
        if item.id != path.stem:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"id '{item.id}' differs from the file name",
                    f"rename the file to {item.id}.yml or set id: {path.stem}",
                )
            )
        items[path.stem] = item
    return items


def load_knowledge(data_dir: Path) -> KnowledgeBase:
    """Load and schema-check all knowledge files; raise DataFileError listing every problem."""
    problems: List[Problem] = []
    functions_path = data_dir / "functions.yml"
    functions = {str(k): str(v) for k, v in (read_yaml(functions_path) or {}).items()}
    topics = _load_dir(data_dir / "topics", Topic, problems)
    municipalities = _load_dir(data_dir / "municipalities", Municipality, problems)
    qa = QaBook()
    try:
        qa = load_qa(data_dir, topics)
    except DataFileError as error:
        problems.extend(error.problems)
    if problems:
        raise DataFileError(problems)
    ordered = dict(sorted(municipalities.items(), key=lambda item: item[1].code))  # type: ignore[attr-defined]
    return KnowledgeBase(
        topics=topics,  # type: ignore[arg-type]
        municipalities=ordered,  # type: ignore[arg-type]
        functions=functions,
        qa=qa,
    )
