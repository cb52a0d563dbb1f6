"""The staff subcommands as registered on the main `python -m bot` parser."""

from __future__ import annotations

import argparse
import uuid

import pytest
import redis

from bot.cli.staff import register


def parser():
    main = argparse.ArgumentParser(prog="python -m bot")
    register(main.add_subparsers(dest="command", required=True))
    return main


def run(argv):
    args = parser().parse_args(argv)
    return args.func(args)


def test_register_adds_three_commands_with_bilingual_help():
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: str(choice.help) for choice in sub._choices_actions}
    assert set(helps) == {"import", "search", "coverage"}
    for text in helps.values():
        japanese, english = text.split(" / ")
        assert any(ord(ch) > 0x3000 for ch in japanese)
        assert english.split()[0].isascii() and english.split()[0].isalpha()


def test_import_command_reports_and_writes(data_dir, tmp_path, capsys):
    csv_path = tmp_path / "alpha.csv"
    csv_path.write_text("id,question,answer\n1,犬の登録は？,生活課です。\n", encoding="utf-8")
    assert run(["import", "--data-dir", str(data_dir), "--municipality", "alpha", "--dry-run", str(csv_path)]) == 0
    assert "dry run: nothing written" in capsys.readouterr().out
    assert not (data_dir / "faq" / "alpha.yml").exists()
    assert run(["import", "--data-dir", str(data_dir), "--municipality", "alpha", str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert "added        1  1" in out and "written:" in out
    assert (data_dir / "faq" / "alpha.yml").exists()


def test_import_command_exits_1_and_names_line_and_fix(data_dir, tmp_path, capsys):
    csv_path = tmp_path / "alpha.csv"
    csv_path.write_text("id,question,answer\n1,犬の登録は？,\n", encoding="utf-8")
    assert run(["import", "--data-dir", str(data_dir), "--municipality", "alpha", str(csv_path)]) == 1
    err = capsys.readouterr().err
    assert f"{csv_path}:2: error: the answer is empty -> " in err and "nothing was written" in err
    assert list((data_dir / "faq").iterdir()) == []


def test_municipality_is_required_for_import(tmp_path):
    with pytest.raises(SystemExit):
        parser().parse_args(["import", str(tmp_path / "x.csv")])


@pytest.fixture()
def configured_redis(monkeypatch, redis_server):
    """The settings point at the session's redis-server, under a prefix of this test."""
    from bot.faq.publication import get_publications
    from bot.settings import get_settings

    prefix = f"cli{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("AIZU_REDIS_URL", redis_server.url)
    monkeypatch.setenv("AIZU_REDIS_PREFIX", prefix)
    for cached in (get_settings, get_publications):
        cached.cache_clear()
    yield redis.Redis.from_url(redis_server.url), prefix
    monkeypatch.undo()
    for cached in (get_settings, get_publications):
        cached.cache_clear()


def test_an_import_that_writes_publishes_a_new_faq_version_for_the_workers(
    data_dir, tmp_path, capsys, configured_redis
):
    client, prefix = configured_redis
    csv_path = tmp_path / "alpha.csv"
    csv_path.write_text("id,question,answer\n1,犬の登録は？,生活課です。\n", encoding="utf-8")
    assert run(["import", "--data-dir", str(data_dir), "--municipality", "alpha", "--dry-run", str(csv_path)]) == 0
    assert client.hget(f"{prefix}:faq:versions", "alpha") is None  # a dry run publishes nothing
    assert run(["import", "--data-dir", str(data_dir), "--municipality", "alpha", str(csv_path)]) == 0
    assert "published: FAQ version 1" in capsys.readouterr().out
    assert client.hget(f"{prefix}:faq:versions", "alpha") == b"1"
    assert client.hexists(f"{prefix}:faq:status:alpha:1", "queued")
    assert run(["import", "--data-dir", str(data_dir), "--municipality", "alpha", str(csv_path)]) == 0
    assert client.hget(f"{prefix}:faq:versions", "alpha") == b"1"  # nothing changed, nothing published
    client.close()
