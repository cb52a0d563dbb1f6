import asyncio

from bot.evaluation.qa import QaCase, contains_fact, evaluate_qa


def test_a_fact_is_found_in_any_of_its_wordings_and_widths():
    reply = "転入届は引っ越してから１４日以内に出してください。月額1万5千円です。"
    assert contains_fact(reply, "14日以内")  # full-width digits in the reply
    assert contains_fact(reply, "15,000円|1万5千円")
    assert not contains_fact(reply, "15,000円|15000円")
    assert not contains_fact(reply, " | ")


def test_the_report_lists_every_miss_with_what_was_lacking():
    cases = [
        QaCase("転入届の期限は？", "kitakata", ["14日以内"], 1),
        QaCase("児童手当はいくら？", "showa", ["1万5千円|15,000円", "こども家庭庁"], 2),
    ]
    replies = {"転入届の期限は？": "14日以内です。", "児童手当はいくら？": "月額15,000円です。"}

    async def ask(text: str, municipality: str) -> dict:
        return {"messages": [{"text": replies[text]}], "meta": {"qa_id": None}}

    report = asyncio.run(evaluate_qa(ask, cases))
    assert report.share() == 0.5
    assert [(case.line, missing) for case, _, missing, _ in report.misses] == [(2, ["こども家庭庁"])]
    page = report.markdown("test")
    assert "児童手当はいくら？" in page and "こども家庭庁" in page and "転入届の期限は？" not in page
