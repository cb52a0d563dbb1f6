"""Builders for small data/ folders used by the staff-tool tests."""

from __future__ import annotations

from pathlib import Path

MUNICIPALITY = """\
id: {id}
code: "{code}"
name: {name}
kana: {kana}
website:
  url: https://{id}.example.jp/
  source: https://{id}.example.jp/
  seen: 2026-01-10
main_office:
  name: {name}役場
  phone: "0241-00-0000"
  address: {name}1番地
  source: https://{id}.example.jp/
  seen: 2026-01-10
"""


def write_municipality(data_dir: Path, municipality_id: str, code: str, extra: str = "") -> None:
    folder = data_dir / "municipalities"
    folder.mkdir(parents=True, exist_ok=True)
    text = MUNICIPALITY.format(id=municipality_id, code=code, name=f"{municipality_id}町", kana="ちょう")
    (folder / f"{municipality_id}.yml").write_text(text + extra, encoding="utf-8")
