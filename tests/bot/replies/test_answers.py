import datetime as dt
import json

import pytest

from bot.knowledge.base import Office
from bot.knowledge.models import Hours
from bot.knowledge.office_hours import JST
from bot.knowledge.yaml_source import read_yaml
from bot.replies.answers import compose_answer, office_lines
from bot.replies.templates import Templates


@pytest.fixture(scope="module")
def templates(project_root):
    return Templates.from_domain(json.loads(json.dumps(read_yaml(project_root / "domain.yml"))))


def office(hours=None, via_main=False, name="市民課"):
    return Office(
        "aizuwakamatsu",
        "citizen",
        name,
        "0242-39-1229",
        via_main,
        "会津若松市役所",
        hours,
        "https://example.jp/",
        "https://example.jp/src",
    )


def test_open_and_closed_with_known_hours(templates):
    hours = Hours(weekdays="08:30-17:15")
    open_lines = office_lines(office(hours), "会津若松市", templates, dt.datetime(2026, 12, 1, 10, tzinfo=JST))
    assert open_lines[-1] == "ただいま受付時間内です。"
    closed = office_lines(office(hours), "会津若松市", templates, dt.datetime(2026, 12, 31, 10, tzinfo=JST))
    assert closed[-1] == "ただいま受付時間外です。次の受付開始は1月4日（月） 08:30です。"


def test_unknown_hours_still_say_closed_on_holidays(templates):
    lines = office_lines(office(), "会津若松市", templates, dt.datetime(2026, 11, 23, 10, tzinfo=JST))
    assert lines[-1] == "本日は閉庁日です。次の開庁日は11月24日（火）です。"
    assert "公式サイト" in lines[-2]


def test_department_without_phone_points_to_main_number(templates):
    lines = office_lines(office(via_main=True), "会津若松市", templates)
    assert "会津若松市役所の代表 0242-39-1229" in lines[0]


def test_compose_answer_for_every_pair_names_office_and_site(knowledge, templates):
    for municipality in knowledge.municipalities:
        for topic in knowledge.topics:
            answer = knowledge.answer(municipality, topic)
            text = compose_answer(answer, templates)
            assert answer.office.phone in text and answer.page_url in text
            assert answer.topic.label in text
