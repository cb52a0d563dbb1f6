"""The page templates and the widget's text catalogue, without a server."""

from __future__ import annotations

import re

import pytest
from jinja2 import UndefinedError

from bot.coverage.render import TEMPLATES as COVERAGE_TEMPLATES
from bot.knowledge.yaml_source import read_yaml
from bot.settings import PROJECT_ROOT
from connectors.routes.widget import ASSETS, STATIC
from connectors.templating import TEMPLATES, templates

WIDGET_JS = STATIC / "widget.js"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def catalogue(name: str):
    return read_yaml(PROJECT_ROOT / "data" / "ui" / name)


def test_every_widget_text_is_in_the_catalogue_and_none_in_the_script():
    script = WIDGET_JS.read_text(encoding="utf-8")
    used = set(re.findall(r"\bUI\.([A-Za-z]+)", script))
    texts = catalogue("widget.yml")
    assert used == set(texts)  # no text missing, none left unused
    assert all(isinstance(v, str) and v for k, v in texts.items() if k != "statusNames")
    assert set(texts["statusNames"]) == set(catalogue("inbox.yml")["statuses"])
    assert not JAPANESE.search(script)


@pytest.mark.parametrize(
    "path",
    sorted(TEMPLATES.glob("*.html")) + sorted(COVERAGE_TEMPLATES.glob("*.html")) + [STATIC / "inbox.js"],
    ids=lambda path: path.name,
)
def test_every_page_takes_its_texts_from_the_catalogue(path):
    assert not JAPANESE.search(path.read_text(encoding="utf-8"))


def test_static_holds_only_the_assets():
    assert sorted(p.name for p in STATIC.iterdir()) == sorted(ASSETS)


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_compile(name):
    templates().env.get_template(name)


def test_values_are_escaped_and_a_missing_one_is_an_error():
    login = templates().env.get_template("login.html")
    page = login.render(csrf='"><x', message="<script>alert(1)</script>", text=catalogue("inbox.yml"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert 'value="&#34;&gt;&lt;x"' in page
    with pytest.raises(UndefinedError):
        login.render(csrf="token", text=catalogue("inbox.yml"))
