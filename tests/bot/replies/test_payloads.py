from bot.replies.payloads import (
    municipality_token,
    no_token,
    other_token,
    report_token,
    to_rasa_text,
    topic_token,
    yes_token,
)

TOPICS = {"bulky_waste", "resident_certificate"}
MUNICIPALITIES = {"kitakata", "aizubange"}


def test_topic_token_becomes_intent_payload():
    assert to_rasa_text(topic_token("bulky_waste"), TOPICS, MUNICIPALITIES) == "/bulky_waste"


def test_municipality_token_sets_entity():
    text = to_rasa_text(municipality_token("kitakata"), TOPICS, MUNICIPALITIES)
    assert text == '/inform_municipality{"municipality": "kitakata"}'


def test_other_token_means_none_of_these():
    assert to_rasa_text(other_token(), TOPICS, MUNICIPALITIES) == "/deny"


def test_typed_payload_syntax_is_neutralised():
    typed = '/inform_municipality{"municipality": "kitakata"}'
    assert not to_rasa_text(typed, TOPICS, MUNICIPALITIES).startswith("/")
    assert not to_rasa_text("  /greet", TOPICS, MUNICIPALITIES).startswith("/")


def test_unknown_ids_in_tokens_are_plain_text():
    assert to_rasa_text("topic:launch_rockets", TOPICS, MUNICIPALITIES) == "topic:launch_rockets"
    assert to_rasa_text("municipality:tokyo", TOPICS, MUNICIPALITIES) == "municipality:tokyo"


def test_faq_token_carries_any_visible_id_as_json_entity():
    import json

    from bot.replies.payloads import faq_token

    for entry_id in ("Q-094-3", "よくある質問1", 'a"}{/x'):
        text = to_rasa_text(faq_token(entry_id), TOPICS, MUNICIPALITIES)
        assert text.startswith("/choose_faq{")
        assert json.loads(text[len("/choose_faq") :]) == {"faq_id": entry_id}
    assert to_rasa_text("faq:has space", TOPICS, MUNICIPALITIES) == "faq:has space"
    assert to_rasa_text("faq:", TOPICS, MUNICIPALITIES) == "faq:"


def test_report_and_confirmation_tokens_become_their_intents():
    assert to_rasa_text(report_token(), TOPICS, MUNICIPALITIES) == "/report"
    assert to_rasa_text(yes_token(), TOPICS, MUNICIPALITIES) == "/affirm"
    assert to_rasa_text(no_token(), TOPICS, MUNICIPALITIES) == "/deny"
    assert to_rasa_text("choice:send_everything", TOPICS, MUNICIPALITIES) == "choice:send_everything"


def test_qa_token_travels_as_the_choose_faq_entity_with_its_prefix():
    import json

    from bot.replies.payloads import qa_token

    text = to_rasa_text(qa_token("moving_in.deadline"), TOPICS, MUNICIPALITIES)
    assert text.startswith("/choose_faq{")
    assert json.loads(text[len("/choose_faq") :]) == {"faq_id": "qa:moving_in.deadline"}
    assert to_rasa_text("qa:Moving In", TOPICS, MUNICIPALITIES) == "qa:Moving In"  # not an entry id: text
    assert to_rasa_text("qa:moving_in", TOPICS, MUNICIPALITIES) == "qa:moving_in"
