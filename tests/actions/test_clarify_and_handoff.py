from rasa_sdk.executor import CollectingDispatcher

from actions.clarify import ActionClarify, candidate_topics
from actions.handoff import ActionHandoff
from bot.replies.payloads import other_token
from tests.actions.conftest import make_tracker

RANKING = [
    {"name": "nlu_fallback", "confidence": 0.45},
    {"name": "resident_certificate", "confidence": 0.4},
    {"name": "greet", "confidence": 0.3},
    {"name": "family_register", "confidence": 0.35},
    {"name": "seal_registration", "confidence": 0.1},
    {"name": "moving_in", "confidence": 0.08},
]


def test_candidates_skip_non_topics_and_keep_order(knowledge):
    assert candidate_topics(RANKING, knowledge, 3, 0.05) == [
        "resident_certificate",
        "family_register",
        "seal_registration",
    ]
    assert candidate_topics(RANKING, knowledge, 3, 0.2) == ["resident_certificate", "family_register"]


async def test_clarify_offers_labels_and_other(domain, knowledge):
    dispatcher = CollectingDispatcher()
    await ActionClarify().run(dispatcher, make_tracker("nlu_fallback", 0.45, ranking=RANKING), domain)
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["title"] for b in buttons[:3]] == [
        knowledge.label(t) for t in ("resident_certificate", "family_register", "seal_registration")
    ]
    assert buttons[-1]["payload"] == other_token()
    assert dispatcher.messages[-1]["custom"]["meta"]["kind"] == "clarify"


async def test_clarify_without_candidates_falls_back(domain):
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "greet", "confidence": 0.4}]
    await ActionClarify().run(dispatcher, make_tracker("nlu_fallback", 0.45, ranking=ranking), domain)
    assert dispatcher.messages[-1]["custom"]["meta"]["kind"] == "fallback"


async def test_handoff_gives_office_for_last_topic(domain, knowledge):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "request_human", slots={"municipality": "aizuwakamatsu", "last_topic": "national_health_insurance"}
    )
    await ActionHandoff().run(dispatcher, tracker, domain)
    office = knowledge.office_for("aizuwakamatsu", "national_health_insurance")
    assert office.phone in dispatcher.messages[0]["text"]
    meta = dispatcher.messages[-1]["custom"]["meta"]
    assert (meta["kind"], meta["office"]["name"]) == ("handoff", office.name)


async def test_handoff_asks_municipality_when_unknown(domain):
    dispatcher = CollectingDispatcher()
    await ActionHandoff().run(dispatcher, make_tracker("request_human"), domain)
    assert len(dispatcher.messages[0]["buttons"]) == 13


async def test_unsure_but_possibly_emergency_says_119_first(domain):
    dispatcher = CollectingDispatcher()
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "emergency", "confidence": 0.35},
        {"name": "sewerage", "confidence": 0.2},
    ]
    await ActionClarify().run(dispatcher, make_tracker("nlu_fallback", 0.5, ranking=ranking), domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency_unsure"
    assert dispatcher.messages[1]["response"] == "utter_clarify"


async def test_a_message_the_safety_layer_found_everyday_gets_no_119_line(domain):
    """A CPR course or paperwork after a settled matter: the choices, without the "maybe 119" line."""
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "emergency", "confidence": 0.35}]
    tracker = make_tracker("nlu_fallback", 0.5, ranking=ranking)
    tracker.latest_message["safety"] = {"categories": [], "topic": None, "quiet": True}
    await ActionClarify().run(dispatcher, tracker, domain)
    assert all(m.get("response") != "utter_emergency_unsure" for m in dispatcher.messages)


UNSURE = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "child_allowance", "confidence": 0.3},
    {"name": "after_school_club", "confidence": 0.2},
]


async def test_unsure_topic_but_a_clear_regional_entry_answers_it(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "nlu_fallback", 0.5, slots={"municipality": "kitakata"}, ranking=UNSURE, text="児童手当って月いくらもらえるの"
    )
    events = await ActionClarify().run(dispatcher, tracker, domain)
    meta = dispatcher.messages[-1]["custom"]["meta"]
    assert (meta["kind"], meta["qa_id"], meta["topic"]) == ("answer", "child_allowance.amount", "child_allowance")
    assert {"event": "slot", "name": "last_topic", "value": "child_allowance", "timestamp": None} in events


async def test_a_regional_entry_waits_for_the_municipality(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("nlu_fallback", 0.5, ranking=UNSURE, text="児童手当って月いくらもらえるの")
    events = await ActionClarify().run(dispatcher, tracker, domain)
    assert dispatcher.messages[-1]["custom"]["meta"]["kind"] == "ask_municipality"
    assert events[-1]["value"] == "qa:child_allowance.amount"


async def test_entries_that_fit_alike_are_offered_before_the_topics(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("nlu_fallback", 0.5, ranking=UNSURE, text="国民年金 払えない")
    await ActionClarify().run(dispatcher, tracker, domain)
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads[0].startswith("qa:national_pension.") and "qa:national_pension.exemption" in payloads
    assert payloads[-1] == other_token()
    assert dispatcher.messages[-1]["custom"]["meta"]["kind"] == "clarify"


async def test_possibly_an_emergency_is_never_answered_by_an_entry(domain):
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "emergency", "confidence": 0.35}]
    tracker = make_tracker(
        "nlu_fallback", 0.5, slots={"municipality": "kitakata"}, ranking=ranking, text="児童手当って月いくらもらえるの"
    )
    await ActionClarify().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_emergency_unsure"
    assert dispatcher.messages[-1]["custom"]["meta"]["qa_id"] is None


async def test_a_picked_regional_entry_is_answered(domain):
    from actions.faq import ActionAnswerFaq

    dispatcher = CollectingDispatcher()
    tracker = make_tracker("choose_faq", 1.0, slots={"municipality": "kitakata"})
    tracker.latest_message["entities"] = [{"entity": "faq_id", "value": "qa:national_pension.exemption"}]
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages[-1]["custom"]["meta"]["qa_id"] == "national_pension.exemption"
