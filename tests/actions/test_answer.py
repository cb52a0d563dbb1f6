from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerTopic, ActionSetMunicipality
from tests.actions.conftest import make_tracker


def meta_of(dispatcher):
    metas = [m["custom"]["meta"] for m in dispatcher.messages if m.get("custom")]
    assert len(metas) == 1
    return metas[0]


async def test_answers_with_municipality_office_and_site(domain, knowledge):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("resident_certificate", slots={"municipality": "aizuwakamatsu"})
    events = await ActionAnswerTopic().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    office = knowledge.office_for("aizuwakamatsu", "resident_certificate")
    assert office.name in text and office.phone in text
    assert knowledge.topics["resident_certificate"].label in text
    assert meta_of(dispatcher)["kind"] == "answer"
    assert meta_of(dispatcher)["office"]["phone"] == office.phone
    assert SlotSet("last_topic", "resident_certificate") in events


async def test_local_facts_are_included(domain, knowledge):
    municipality, topic, fact = next(
        (m.id, t, f.text)
        for m in knowledge.municipalities.values()
        for t, local in m.topics.items()
        for f in local.facts
        if not f.third_party
    )
    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(dispatcher, make_tracker(topic, slots={"municipality": municipality}), domain)
    assert fact in dispatcher.messages[0]["text"]


async def test_uses_the_site_from_metadata_and_remembers_it(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("bulky_waste", metadata={"municipality": "kitakata"})
    events = await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert SlotSet("municipality", "kitakata") in events
    assert meta_of(dispatcher)["municipality"] == "kitakata"


async def test_asks_for_municipality_with_13_buttons_and_keeps_the_question(domain):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerTopic().run(dispatcher, make_tracker("bulky_waste"), domain)
    assert len(dispatcher.messages[0]["buttons"]) == 13
    assert meta_of(dispatcher)["kind"] == "ask_municipality"
    assert SlotSet("pending", "topic:bulky_waste") in events


async def test_answers_the_pending_question_once_municipality_is_known(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("inform_municipality", slots={"municipality": "showa", "pending": "topic:bulky_waste"})
    events = await ActionSetMunicipality().run(dispatcher, tracker, domain)
    meta = meta_of(dispatcher)
    assert (meta["kind"], meta["topic"], meta["municipality"]) == ("answer", "bulky_waste", "showa")
    assert SlotSet("pending", None) in events


async def test_naming_a_municipality_without_pending_question_acknowledges(domain, knowledge):
    dispatcher = CollectingDispatcher()
    await ActionSetMunicipality().run(
        dispatcher, make_tracker("inform_municipality", slots={"municipality": "yugawa"}), domain
    )
    message = dispatcher.messages[0]
    assert message["response"] == "utter_municipality_set"
    assert message["municipality_name"] == knowledge.municipalities["yugawa"].name
