"""Known third-party warnings are hidden at start-up; every other warning still shows."""

from __future__ import annotations

import warnings

from bot.logging_setup import KNOWN_WARNINGS, is_known_warning, quiet_known_warnings

SITE = "/venv/lib/python3.10/site-packages"


def test_known_warnings_are_recognised_by_message_category_and_file():
    assert is_known_warning("pkg_resources is deprecated as an API", DeprecationWarning, f"{SITE}/apscheduler/x.py")
    assert is_known_warning("anything", DeprecationWarning, f"{SITE}/rasa/core/agent.py")
    assert is_known_warning("non-integer arguments to randrange()", DeprecationWarning, "/usr/lib/python3.10/random.py")
    assert not is_known_warning("anything", DeprecationWarning, "/work/main/bot/engine/runtime.py")
    assert not is_known_warning("anything", RuntimeWarning, f"{SITE}/rasa/core/agent.py")  # not a named category
    assert not is_known_warning("pkg_resources is deprecated", UserWarning, f"{SITE}/apscheduler/x.py")


def test_quiet_start_drops_the_known_and_shows_the_rest():
    with warnings.catch_warnings(record=True) as shown:  # showwarning appends to `shown`
        quiet_known_warnings()
        warnings.showwarning("old API", DeprecationWarning, f"{SITE}/tensorflow/lite/util.py", 52)
        warnings.showwarning("our own problem", UserWarning, "/work/main/bot/engine/runtime.py", 10)
    assert [str(w.message) for w in shown] == ["our own problem"]


def test_the_test_suite_names_the_same_known_warnings(pytestconfig):
    named = [line for line in pytestconfig.getini("filterwarnings") if line.startswith("ignore:")]
    assert named == list(KNOWN_WARNINGS)
