"""The command line, run as a staff member or a script would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.settings import PROJECT_ROOT


def run(args, tmp_path, stdin=None, extra_env=None):
    env = {**os.environ, "AIZU_STATE_DIR": str(tmp_path), "TF_CPP_MIN_LOG_LEVEL": "3", **(extra_env or {})}
    env.pop("AIZU_REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_validate_passes_on_the_shipped_data(tmp_path):
    result = run(["validate"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert "0 error(s)" in result.stdout


def test_help_lists_commands(tmp_path):
    result = run(["--help"], tmp_path)
    for command in ("ask", "validate", "train", "evaluate", "review", "office"):
        assert command in result.stdout


@pytest.mark.slow
def test_ask_prints_one_json_object_and_continues_a_sender(tmp_path, trained_model):
    env = {"AIZU_MODEL_PATH": str(trained_model)}
    first = run(["ask", "--sender", "cli-test-1", "粗大ごみを出したい"], tmp_path, extra_env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    reply = json.loads(first.stdout)
    assert set(reply) == {"messages", "meta"}
    assert reply["meta"]["kind"] == "ask_municipality"
    second = run(["ask", "--sender", "cli-test-1", "会津坂下町"], tmp_path, extra_env=env)
    meta = json.loads(second.stdout)["meta"]
    assert (meta["kind"], meta["topic"], meta["municipality"]) == ("answer", "bulky_waste", "aizubange")


@pytest.mark.slow
def test_ask_reads_json_lines(tmp_path, trained_model):
    lines = (
        "\n".join(
            [
                json.dumps({"text": "住民票がほしい", "municipality": "showa"}, ensure_ascii=False),
                "not json",
                json.dumps({"text": "火事です", "sender": "cli-fire-1"}, ensure_ascii=False),
            ]
        )
        + "\n"
    )
    result = run(["ask"], tmp_path, stdin=lines, extra_env={"AIZU_MODEL_PATH": str(trained_model)})
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["meta"]["kind"] == "answer" and out[0]["meta"]["office"]["phone"] == "0241-57-2113"
    assert "error" in out[1]
    assert (out[2]["meta"]["kind"], out[2]["meta"]["safety"]) == ("safety", ["emergency"])


@pytest.mark.slow
def test_ask_gives_the_crisis_lines_first(tmp_path, trained_model):
    result = run(
        ["ask", "--municipality", "kaneyama", "もう消えてしまいたい"],
        tmp_path,
        extra_env={"AIZU_MODEL_PATH": str(trained_model)},
    )
    out = json.loads(result.stdout)
    assert out["meta"]["kind"] == "safety" and out["meta"]["safety"][0] == "suicide"
    assert {"number": "0120-279-226", "tel": "tel:0120279226"} in out["messages"][0]["phones"]
