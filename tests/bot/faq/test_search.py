"""Long-tail FAQ search: paraphrases find the right entry; one municipality never sees another's."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from bot.cli.staff import register
from bot.faq.models import FaqEntry
from bot.faq.search import FaqIndex
from bot.faq.store import save_entries

FAQ = {
    "bulky": (
        "粗大ごみの出し方を教えてください。",
        "粗大ごみは受付センターに電話で申し込み、処理券を貼って出してください。",
    ),
    "calendar": ("ごみの収集日はいつですか？", "収集日は地区ごとに異なります。ごみカレンダーをご覧ください。"),
    "dog": ("犬の登録はどこでできますか？", "生活課の窓口で登録できます。登録手数料は3,000円です。"),
    "rabies": ("狂犬病の予防注射はいつ受けられますか？", "毎年4月に集合注射を行っています。動物病院でも受けられます。"),
    "certificate": (
        "住民票の写しはどこで取れますか？",
        "市民課の窓口のほか、マイナンバーカードがあればコンビニでも取れます。",
    ),
    "seal": ("印鑑登録をしたい。", "本人確認書類と登録する印鑑を持って市民課の窓口へお越しください。"),
    "snow": ("道路の除雪はいつしてもらえますか？", "積雪が10センチを超えると除雪車が出動します。"),
    "nursery": ("保育園に入るにはどうすればいいですか？", "子育て支援課で入園の申し込みを受け付けています。"),
}


def entry(entry_id, question, answer, source="faq.csv"):
    return FaqEntry(id=entry_id, question=question, answer=answer, source_file=source, imported=dt.date(2026, 11, 1))


@pytest.fixture(scope="module")
def index():
    return FaqIndex.build([entry(key, q, a) for key, (q, a) in FAQ.items()])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("粗大ゴミを捨てたいのですが", "bulky"),  # katakana ゴミ, another verb
        ("ごみは何曜日に収集されますか", "calendar"),
        ("飼い犬の登録の窓口は", "dog"),
        ("イヌの登録料はいくら？", "dog"),  # katakana イヌ → 犬
        ("わんちゃんの注射は何月？", "rabies"),
        ("コンビニで住民票をとれる？", "certificate"),
        ("じゅうみんひょうが欲しい", "certificate"),  # typed in kana only (reading view)
        ("印かん登録に必要な持ち物", "seal"),  # mixed spelling of 印鑑 (reading view)
        ("雪かきはいつ来るの", "snow"),
        ("子どもを保育所に入れたい", "nursery"),  # 保育所/保育園 (Sudachi synonym group)
    ],
)
def test_paraphrased_questions_rank_the_right_entry_first(index, query, expected):
    results = index.search(query, top_k=3)
    assert results and results[0][0] == expected, results


def test_scores_are_ordered_and_bounded(index):
    results = index.search("犬の登録", top_k=8)
    scores = [score for _, score in results]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[-1] <= scores[0] <= 1.0
    assert index.search("", top_k=3) == []


def test_an_index_only_returns_its_own_entries():
    alpha = FaqIndex.build([entry("a-1", *FAQ["dog"])])
    beta = FaqIndex.build([entry("b-1", *FAQ["snow"]), entry("b-2", *FAQ["bulky"])])
    assert {i for i, _ in alpha.search("除雪はいつですか", top_k=10)} <= {"a-1"}
    assert {i for i, _ in beta.search("犬の登録", top_k=10)} <= {"b-1", "b-2"}


def run_cli(argv):
    parser = argparse.ArgumentParser(prog="python -m bot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_search_command_only_searches_the_given_municipality(data_dir, capsys):
    save_entries(
        data_dir / "faq" / "alpha.yml",
        [entry("alpha-dog", *FAQ["dog"]), entry("alpha-old", *FAQ["snow"]).copy(update={"retired": True})],
    )
    save_entries(data_dir / "faq" / "beta.yml", [entry("beta-snow", *FAQ["snow"]), entry("beta-dog", *FAQ["dog"])])

    assert (
        run_cli(["search", "--data-dir", str(data_dir), "--municipality", "alpha", "--top", "10", "道路の除雪はいつ"])
        == 0
    )
    out = capsys.readouterr().out
    assert "beta-" not in out and "alpha-old" not in out

    assert run_cli(["search", "--data-dir", str(data_dir), "--municipality", "beta", "犬の登録"]) == 0
    out = capsys.readouterr().out
    assert "[beta-dog]" in out.splitlines()[1] and "alpha-" not in out


def test_search_command_refuses_unknown_or_empty_municipality(data_dir, capsys):
    assert run_cli(["search", "--data-dir", str(data_dir), "--municipality", "gamma", "犬"]) == 1
    assert "unknown municipality id 'gamma'" in capsys.readouterr().err
    assert run_cli(["search", "--data-dir", str(data_dir), "--municipality", "beta", "犬"]) == 1
    assert "import a CSV first" in capsys.readouterr().err
