"""The shipped content: schema, coverage of every topic × municipality, sources on every fact."""

import datetime as dt

import pytest

from bot.cli.validate import validate_project
from bot.knowledge.base import load_knowledge
from bot.knowledge.yaml_source import DataFileError

MUNICIPALITIES = {
    "aizuwakamatsu",
    "kitakata",
    "kitashiobara",
    "nishiaizu",
    "bandai",
    "inawashiro",
    "aizubange",
    "yugawa",
    "yanaizu",
    "mishima",
    "kaneyama",
    "showa",
    "aizumisato",
}


def test_validator_finds_no_errors(project_root):
    errors = [p for p in validate_project(project_root) if p.severity == "error"]
    assert errors == []


def test_all_thirteen_municipalities_and_72_topics(knowledge, project_root):
    assert set(knowledge.municipalities) == MUNICIPALITIES
    catalog = [line.split()[0] for line in (project_root / "docs/topics.txt").read_text().splitlines()]
    assert len(catalog) == 72 == len(set(catalog))
    assert set(knowledge.topics) == set(catalog)


def test_every_pair_resolves_to_an_office_and_official_site(knowledge):
    for municipality in knowledge.municipalities.values():
        for topic in knowledge.topics:
            answer = knowledge.answer(municipality.id, topic)
            assert answer.office.phone.startswith("0")
            assert answer.office.name
            assert answer.page_url.startswith("http")
            assert answer.topic.answer.strip()


def test_every_municipal_fact_has_a_source_and_date(knowledge):
    for municipality in knowledge.municipalities.values():
        sourced = [municipality.website, municipality.main_office, *municipality.departments.values()]
        sourced += [fact for local in municipality.topics.values() for fact in local.facts]
        for item in sourced:
            assert item.source.startswith("http")
            assert isinstance(item.seen, dt.date)


def test_office_falls_back_to_main_office_when_department_unknown(knowledge):
    municipality = next(m for m in knowledge.municipalities.values() if not m.departments)
    office = knowledge.office_for(municipality.id, "resident_certificate")
    assert office.via_main_office
    assert office.phone == municipality.main_office.phone


def test_schema_errors_name_file_line_and_fix(tmp_path, project_root):
    data = tmp_path / "data"
    (data / "topics").mkdir(parents=True)
    (data / "municipalities").mkdir()
    (data / "functions.yml").write_text("citizen: 住民\n", encoding="utf-8")
    (data / "topics" / "resident_certificate.yml").write_text(
        "id: resident_certificate\nlabel: 住民票\nfunction: citizen\nanswr: typo\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError) as raised:
        load_knowledge(data)
    messages = [str(p) for p in raised.value.problems]
    assert any("resident_certificate.yml:4" in m and "answr" in m and "remove or rename" in m for m in messages)
    assert any("'answer'" in m and "add the required key" in m for m in messages)


def test_fact_without_source_is_rejected(tmp_path, project_root):
    data = tmp_path / "data"
    (data / "topics").mkdir(parents=True)
    (data / "municipalities").mkdir()
    (data / "functions.yml").write_text("citizen: 住民\n", encoding="utf-8")
    (data / "municipalities" / "showa.yml").write_text(
        "id: showa\nname: 昭和村\nkana: しょうわむら\n"
        "website: {url: 'http://www.vill.showa.fukushima.jp/', source: 'http://www.fksm.jp/youran/074462.html', seen: 2026-11-28}\n"
        "main_office: {name: 昭和村役場, phone: 0241-57-2111, address: x, source: 'http://www.fksm.jp/youran/074462.html', seen: 2026-11-28}\n"
        "topics:\n  garbage_sorting:\n    facts:\n      - text: 週2回\n        seen: 2026-11-28\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as raised:
        load_knowledge(data)
    assert any("source" in str(p) and "showa.yml:9" in str(p) for p in raised.value.problems)


def test_third_party_facts_and_departments_are_never_shown(knowledge):
    for municipality in knowledge.municipalities.values():
        for topic in knowledge.topics:
            answer = knowledge.answer(municipality.id, topic)
            assert not any(f.third_party for f in answer.facts)
            department = municipality.departments.get(answer.office.function)
            if department is not None and department.third_party:
                assert answer.office.via_main_office and answer.office.name == municipality.main_office.name


def test_municipalities_in_official_code_order(knowledge):
    assert list(knowledge.municipalities)[:3] == ["aizuwakamatsu", "kitakata", "kitashiobara"]
    assert list(knowledge.municipalities)[-1] == "aizumisato"
