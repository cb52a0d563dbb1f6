"""Command line for staff and scripts: ask, validate, train, evaluate."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import uuid
from pathlib import Path
from typing import List, TextIO

from bot.cli.mask import register as register_mask_command
from bot.cli.staff import register as register_staff_commands
from bot.settings import PROJECT_ROOT, get_settings


def _quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from bot.logging_setup import configure_logging

    configure_logging(get_settings().log_level if get_settings().log_level != "INFO" else "WARNING")


def _model_or_exit() -> Path:
    model = get_settings().latest_model()
    if model is None or not model.exists():
        print("No trained model found. Run `make train` first.", file=sys.stderr)
        raise SystemExit(2)
    return model


def cmd_validate(args: argparse.Namespace) -> int:
    from bot.cli.validate import validate_project

    problems = validate_project(PROJECT_ROOT, stale_months=args.stale_months)
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    print(f"{len(errors)} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def cmd_train(args: argparse.Namespace) -> int:
    from bot.engine.training import train

    finetune = get_settings().latest_model() if args.finetune else None
    model = train(PROJECT_ROOT, Path(args.out) if args.out else get_settings().models_dir, finetune)
    print(f"Model written to {model}")
    return 0


async def _ask_lines(lines: TextIO, default_municipality: str | None, default_sender: str, out: TextIO) -> None:
    from bot.cli.local_store import cli_tracker_store
    from bot.engine.runtime import Assistant

    assistant = Assistant.load(_model_or_exit(), tracker_store=cli_tracker_store())
    for line in lines:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = str(item["text"])
        except (ValueError, KeyError, TypeError):
            out.write(json.dumps({"error": "each line must be JSON with a 'text' field"}) + "\n")
            continue
        result = await assistant.handle(
            str(item.get("sender") or default_sender), text, item.get("municipality") or default_municipality
        )
        out.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        out.flush()


def cmd_ask(args: argparse.Namespace) -> int:
    _quiet_tensorflow()
    sender = args.sender or f"cli-{uuid.uuid4().hex[:12]}"
    if args.text:
        lines: List[str] = [json.dumps({"text": " ".join(args.text)})]
        asyncio.run(_ask_lines(iter(lines), args.municipality, sender, sys.stdout))  # type: ignore[arg-type]
    else:
        asyncio.run(_ask_lines(sys.stdin, args.municipality, sender, sys.stdout))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    _quiet_tensorflow()
    from bot.evaluation.commands import run_evaluate

    return run_evaluate(args, _model_or_exit)


def cmd_office_add_user(args: argparse.Namespace) -> int:
    import getpass

    from bot.escalations.accounts import AccountError
    from bot.escalations.service import get_accounts
    from bot.knowledge.cache import get_knowledge

    kb = get_knowledge()
    if args.municipality not in kb.municipalities or args.department not in kb.functions:
        print(f"unknown municipality or department; departments: {', '.join(kb.functions)}", file=sys.stderr)
        return 2
    password = os.environ.get("AIZU_NEW_PASSWORD") or getpass.getpass("password: ")
    if not os.environ.get("AIZU_NEW_PASSWORD") and getpass.getpass("again: ") != password:
        print("passwords differ", file=sys.stderr)
        return 2
    try:
        account = get_accounts().add(args.username, password, args.municipality, args.department, args.email)
    except AccountError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"account {account.username} -> {account.office_key} saved in {get_accounts().path}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """List, export or apply the review of unanswered questions (actions: bot/learning/review.py)."""
    from bot.knowledge.cache import get_knowledge
    from bot.knowledge.yaml_source import DataFileError
    from bot.learning.grouping import group_questions
    from bot.learning.review import ACTION_HELP, apply_decisions, export_csv, read_decisions
    from bot.learning.service import get_learning_store
    from bot.learning.store import down_share

    store = get_learning_store()
    if store is None:
        print("AIZU_REDIS_URL is not set: point it at the assistant's Redis", file=sys.stderr)
        return 2
    if args.apply:
        try:
            decisions = read_decisions(Path(args.apply), sorted(get_knowledge().topics))
            report = apply_decisions(decisions, get_settings().data_dir / "nlu", store)
        except DataFileError as error:
            print(error, file=sys.stderr)
            print("nothing was written; fix the file and apply it again", file=sys.stderr)
            return 1
        for note in report.not_applied:
            print(f"not applied: {note}", file=sys.stderr)
        print(
            f"added examples: {report.added or 0}; FAQ examples: {report.faq_examples or 0}; "
            f"new FAQ entries: {', '.join(report.new_entries) or 0}; dismissed groups: {report.dismissed}; "
            f"resolved questions: {report.resolved}. Run `make train` to use them."
        )
        return 0
    groups = group_questions(store.pending())
    if args.export:
        export_csv(groups, Path(args.export))
        print(
            f"{len(groups)} groups written to {args.export}; in the 'action' column {ACTION_HELP}, "
            "then run `python -m bot review --apply FILE`"
        )
        return 0
    for group in groups:
        print(f"{group.id}  x{group.count}  {group.municipalities}  guess={group.best_guess or '-'}")
        for item in group.items[:3]:
            print(f"    [{item.kind}] {item.text}")
    counts = store.feedback_counts()
    if counts:
        print("feedback (up/down, share of down):")
        for (municipality, topic), c in sorted(counts.items()):
            share = down_share(c)
            print(
                f"    {municipality:14} {topic:30} +{c['up']} -{c['down']}"
                + (f"  {share:.0%}" if share is not None else "")
            )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="会津地域 住民問い合わせアシスタント / Aizu resident inquiry assistant"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser(
        "ask",
        help="1ターン対話してJSONを表示（標準入力のJSON行も可） / "
        "run one turn (or JSON lines from stdin) and print JSON",
    )
    ask.add_argument(
        "text",
        nargs="*",
        help="住民の発言（省略時は標準入力からJSON行） / the resident's message; omit to read JSON lines",
    )
    ask.add_argument("--municipality", help="自治体ID（例: kitakata） / municipality id of the site (e.g. kitakata)")
    ask.add_argument(
        "--sender", help="会話ID（同じIDで会話を続ける） / conversation id; reuse it to continue a conversation"
    )
    ask.set_defaults(func=cmd_ask)

    validate = sub.add_parser("validate", help="data/ と domain.yml を検査 / check data/ and domain.yml")
    validate.add_argument(
        "--stale-months",
        type=int,
        default=12,
        help="この月数より古い情報を警告 / warn about facts not re-checked for this many months",
    )
    validate.set_defaults(func=cmd_validate)

    train = sub.add_parser("train", help="data/ からモデルを学習 / train a model from data/")
    train.add_argument("--out", help="モデルの出力先（既定: models/） / folder for the model (default: models/)")
    train.add_argument(
        "--finetune",
        action="store_true",
        help="既存モデルを追加学習（例文追加のみのとき速い） / fine-tune the latest model "
        "(fast; only when examples were added to existing topics)",
    )
    train.set_defaults(func=cmd_train)

    evaluate = sub.add_parser(
        "evaluate", help="精度の評価（話題・交差検証・FAQ） / evaluate topics, cross-validate, or measure an FAQ list"
    )
    from bot.evaluation.commands import add_arguments as add_evaluate_arguments

    add_evaluate_arguments(evaluate)
    evaluate.set_defaults(func=cmd_evaluate)
    register_staff_commands(sub)

    review = sub.add_parser(
        "review",
        help="答えられなかった質問の確認 / review unanswered questions",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="action 列 / the action column:\n"
        "  assign:<topic>         質問例として話題に追加 / training examples of a topic (docs/topics.txt)\n"
        "  assign:faq:<entry id>  市町村FAQの項目に言い換えとして追加 / examples of an entry of the\n"
        "                         group's municipality FAQ (data/faq/<id>.yml)\n"
        "  new                    new_question・new_answer（new_url は任意）で新しいFAQ項目を作成 /\n"
        "                         a new staff-written entry in the group's municipality FAQ\n"
        "  dismiss                対象外 / drop the questions\n"
        "空欄の行は変更しません。1行でも誤りがあれば何も書き込みません。 / Empty rows are left alone;\n"
        "one invalid row writes nothing.",
    )
    review.add_argument("--export", help="CSVに書き出す（Excel用） / write groups to CSV for Excel")
    review.add_argument("--apply", help="記入済みCSVを反映 / apply the edited CSV")
    review.set_defaults(func=cmd_review)

    office = sub.add_parser("office", help="窓口職員アカウント / office inbox accounts")
    office_sub = office.add_subparsers(dest="office_command", required=True)
    add_user = office_sub.add_parser("add-user", help="アカウントを作成 / create or reset an account")
    add_user.add_argument("username", help="ログイン名 / login name")
    add_user.add_argument(
        "--municipality", required=True, help="自治体ID（例: kitakata） / municipality id (e.g. kitakata)"
    )
    add_user.add_argument(
        "--department", required=True, help="担当（data/functions.yml のキー） / function key from data/functions.yml"
    )
    add_user.add_argument(
        "--email", help="新しい問い合わせの通知先（SMTP設定時） / notified of new escalations (with SMTP)"
    )
    add_user.set_defaults(func=cmd_office_add_user)
    register_mask_command(sub)
    return parser


def main(argv: List[str] | None = None) -> int:
    """Parse arguments and run the command."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))
