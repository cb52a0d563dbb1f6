"""`python -m bot evaluate`: topic evaluation, --cross-validate, and --faq for an imported FAQ list.

Exit status (for CI): 0 done, 1 a data problem (each printed as file:line: message -> fix), a
failed training, or accuracy (Hit@1 with --faq) below --min-accuracy; 2 wrong options or no model.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Callable, Optional, Sequence

from bot.evaluation.html import Chart
from bot.knowledge.yaml_source import DataFileError
from bot.settings import PROJECT_ROOT

HELDOUT = PROJECT_ROOT / "data" / "eval" / "heldout.jsonl"
SAFETY_SITUATIONS = PROJECT_ROOT / "data" / "eval" / "safety_holdout.jsonl"
SAFETY_EVERYDAY = PROJECT_ROOT / "data" / "eval" / "false_alarm_holdout.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the evaluate subcommand."""
    parser.add_argument(
        "--questions",
        help="テスト質問（.csv / .jsonl: question, expected[, municipality]） / "
        "test questions (.csv or .jsonl: question, expected topic or FAQ "
        "entry id, optional municipality); default data/eval/heldout.jsonl",
    )
    parser.add_argument(
        "--qa",
        help="質問単位の評価（JSON行: text, municipality, must_contain） / question-level evaluation: "
        "share of replies containing every required fact, e.g. data/eval/qa_sample.jsonl",
    )
    parser.add_argument(
        "--out",
        help="Markdownの出力先 / Markdown report (default docs/nlu-evaluation.md, "
        "docs/nlu-cross-validation.md, docs/faq-evaluation-<id>.md)",
    )
    parser.add_argument("--html", help="HTMLの出力先（既定: --out の .html） / HTML report (default: --out as .html)")
    parser.add_argument(
        "--min-accuracy",
        type=float,
        default=0.0,
        help="CI用: 正解率（--faq では Hit@1）がこれ未満なら終了コード1 / "
        "exit 1 when accuracy (Hit@1 with --faq) is below this",
    )
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="data/nlu の交差検証 / stratified k-fold cross-validation of data/nlu",
    )
    parser.add_argument("--folds", type=int, default=5, help="分割数 / number of folds (default 5)")
    parser.add_argument(
        "--epochs", type=int, help="DIETClassifierのエポック数を上書き（試行用） / override DIET epochs (quick runs)"
    )
    parser.add_argument("--seed", type=int, default=42, help="分割の乱数シード / seed of the fold split")
    parser.add_argument(
        "--faq",
        help="自治体のFAQ CSVを取り込んで評価 / evaluate this FAQ CSV as the "
        "municipality's imported FAQ (import + train in a temporary copy)",
    )
    parser.add_argument("--municipality", help="--faq の自治体ID（例: kitakata） / municipality id for --faq")
    parser.add_argument(
        "--safety",
        action="store_true",
        help="安全（危機・虐待・危険）の評価 / safety evaluation: recall per situation and false "
        "alarms through the trained assistant -> docs/safety-evaluation.md",
    )
    parser.add_argument(
        "--situations",
        help="--safety の危機メッセージ（JSON行: text, category） / situations "
        "(default data/eval/safety_holdout.jsonl)",
    )
    parser.add_argument(
        "--everyday",
        help="--safety の日常メッセージ（JSON行: text） / everyday messages "
        "(default data/eval/false_alarm_holdout.jsonl)",
    )
    parser.add_argument("--config", help="パイプライン設定（既定: config.yml） / pipeline config (default config.yml)")
    parser.add_argument(
        "--root",
        default=str(PROJECT_ROOT),
        help="プロジェクトのフォルダ（config.yml, domain.yml, data/） / project folder",
    )


def _fail(error: DataFileError, note: str) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(note, file=sys.stderr)
    return 1


def _command() -> str:
    words = sys.argv[1:] if sys.argv[1:2] == ["evaluate"] else ["evaluate"]
    return "python -m bot " + " ".join(words)


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _write(args: argparse.Namespace, default_out: Path, markdown: str, title: str, charts: Sequence[Chart]) -> None:
    from bot.evaluation.intents import write_report

    out = Path(args.out) if args.out else default_out
    html = write_report(markdown, title, charts, out, Path(args.html) if args.html else None)
    print(f"written: {out} and {html}", file=sys.stderr)


def _topics(args: argparse.Namespace, root: Path, model_or_exit: Callable[[], Path]) -> float:
    from bot.evaluation.intents import Report, known_topics, predict
    from bot.evaluation.questions import check_labels, check_municipalities, read_questions
    from bot.paths import municipality_ids

    path = Path(args.questions) if args.questions else HELDOUT
    questions = read_questions(path)
    check_labels(
        questions,
        known_topics(root),
        str(path),
        "topic id",
        "use a topic id (a file name in data/topics without .yml) or an intent of domain.yml",
    )
    check_municipalities(questions, municipality_ids(root / "data"), str(path))
    model = model_or_exit()

    async def run() -> Report:
        from rasa.core.agent import Agent

        return Report(await predict(Agent.load(str(model)), questions))

    report = asyncio.run(run())
    notes = [
        f"date: {dt.date.today()}",
        f"model: `{model.name}`",
        f"questions: `{_shown(path, root)}` ({len(questions)})"
        + (", written separately from the training data" if path == HELDOUT else ""),
        f"command: `{_command()}`",
    ]
    title = "NLU evaluation on held-out questions" if path == HELDOUT else "NLU evaluation on test questions"
    _write(args, root / "docs" / "nlu-evaluation.md", report.markdown(title, notes), title, report.charts())
    print(report.summary())
    return report.accuracy


def _cross_validate(args: argparse.Namespace, root: Path, config: Path) -> float:
    from bot.evaluation.cross_validation import cross_validate

    started = time.monotonic()
    result = cross_validate(root, config, args.folds, args.seed, args.epochs)
    minutes = (time.monotonic() - started) / 60
    epochs = (
        f"DIET epochs overridden to {args.epochs} (--epochs): not the production setting"
        if args.epochs is not None
        else "epochs as in the config"
    )
    notes = [
        f"date: {dt.date.today()}",
        f"config: `{_shown(config, root)}`; {epochs}",
        f"training data: `data/nlu`, {result.examples} examples, {len(result.report.per_intent())} intents, "
        f"stratified {args.folds} folds (seed {args.seed}); every example is predicted once, by the model "
        "trained without its fold",
        f"duration: {minutes:.1f} min",
        f"command: `{_command()}`",
    ]
    title = f"NLU cross-validation ({args.folds} folds)"
    report = result.report
    markdown = report.markdown(title, notes, result.sections())
    _write(args, root / "docs" / "nlu-cross-validation.md", markdown, title, report.charts())
    print(report.summary() + " fold accuracies=" + " ".join(f"{f.accuracy:.1%}" for f in result.folds))
    return report.accuracy


def _faq(args: argparse.Namespace, root: Path, config: Path) -> float:
    from bot.evaluation.faq_run import evaluate_faq

    questions = Path(args.questions) if args.questions else None
    run = evaluate_faq(root, config, Path(args.faq), args.municipality, questions)
    report = run.report
    source = (
        f"`{questions}` ({len(report.predictions)})"
        if not run.smoke
        else "none given: each entry's own question is its query — a smoke check that every entry can be "
        "found, not a measure of how residents' wordings are matched"
    )
    notes = [
        f"date: {dt.date.today()}",
        f"FAQ: `{args.faq}` imported for `{args.municipality}` "
        f"({len(report.entries)} published entries; the project's data/ was not changed)",
        f"queries: {source}",
        f"config: `{_shown(config, root)}`",
        f"command: `{_command()}`",
    ]
    title = f"FAQ evaluation: {args.municipality}"
    _write(
        args,
        root / "docs" / f"faq-evaluation-{args.municipality}.md",
        report.markdown(title, notes),
        title,
        report.charts(),
    )
    print(report.summary())
    return report.hit_at(1)


def _safety(args: argparse.Namespace, root: Path, model_or_exit: Callable[[], Path]) -> float:
    from bot.engine.runtime import Assistant
    from bot.evaluation.safety import evaluate_safety, new_sender, read_cases
    from bot.knowledge.cache import get_knowledge
    from bot.safety.catalogue import get_catalogue

    situations_path = Path(args.situations) if args.situations else SAFETY_SITUATIONS
    everyday_path = Path(args.everyday) if args.everyday else SAFETY_EVERYDAY
    situations, everyday = read_cases(situations_path), read_cases(everyday_path)
    model = model_or_exit()
    emergency = [get_catalogue().reply("emergency").lead]

    async def run():  # type: ignore[no-untyped-def]
        assistant = Assistant.load(model)

        async def ask(text: str, municipality: str) -> dict:
            return (await assistant.handle(new_sender(), text, municipality)).as_dict()

        return await evaluate_safety(ask, situations, everyday, list(get_knowledge().municipalities), emergency)

    report = asyncio.run(run())
    notes = [
        f"date: {dt.date.today()}",
        f"model: `{model.name}`",
        f"situations: `{_shown(situations_path, root)}` ({len(situations)}), everyday: "
        f"`{_shown(everyday_path, root)}` ({len(everyday)}); written separately from the patterns and the "
        "classifier's examples (data/safety/examples), never trained on",
        "each message is a new conversation on a municipality's site (the 13 in turn), through the "
        "trained assistant; a situation counts as served when its reply is among the safety replies",
        f"command: `{_command()}`",
        "how the sets were made and used: docs/safety-evaluation-history.md",
    ]
    out = Path(args.out) if args.out else root / "docs" / "safety-evaluation.md"
    out.write_text(report.markdown("Safety evaluation", notes), encoding="utf-8")
    print(report.summary())
    print(f"report: {out}")
    hit = sum(h for h, _ in report.recall().values())
    return hit / max(len(situations), 1)


def _qa(args: argparse.Namespace, model_or_exit: Callable[[], Path]) -> float:
    from bot.engine.runtime import Assistant
    from bot.evaluation.qa import evaluate_qa, read_qa_cases
    from bot.evaluation.safety import new_sender

    cases = read_qa_cases(Path(args.qa))
    model = model_or_exit()

    async def run():  # type: ignore[no-untyped-def]
        assistant = Assistant.load(model)

        async def ask(text: str, municipality: str) -> dict:
            return (await assistant.handle(new_sender(), text, municipality)).as_dict()

        return await evaluate_qa(ask, cases)

    report = asyncio.run(run())
    print(report.summary())
    if args.out:
        Path(args.out).write_text(report.markdown(f"Question-level evaluation: {Path(args.qa).name}"), encoding="utf-8")
        print(f"report: {args.out}")
    return report.share()


def _usage_error(args: argparse.Namespace) -> Optional[str]:
    if args.faq and args.cross_validate:
        return "--faq and --cross-validate are separate evaluations: run them one at a time"
    if args.faq and not args.municipality:
        return "--faq needs --municipality ID (the municipality whose FAQ list this is)"
    if args.cross_validate and args.questions:
        return "--cross-validate uses data/nlu itself; leave out --questions"
    if args.folds < 2:
        return "--folds must be at least 2"
    return None


def run_evaluate(args: argparse.Namespace, model_or_exit: Callable[[], Path]) -> int:
    """Run the evaluation the options ask for; return the exit status."""
    problem = _usage_error(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    root = Path(args.root).resolve()
    config = Path(args.config).resolve() if args.config else root / "config.yml"
    try:
        if args.cross_validate:
            score = _cross_validate(args, root, config)
        elif args.faq:
            score = _faq(args, root, config)
        elif args.qa:
            score = _qa(args, model_or_exit)
        elif args.safety:
            score = _safety(args, root, model_or_exit)
        else:
            score = _topics(args, root, model_or_exit)
    except DataFileError as error:
        return _fail(error, "evaluation not run; fix the file(s) above and run it again")
    except RuntimeError as error:
        print(f"evaluation failed: {error}", file=sys.stderr)
        return 1
    if score < args.min_accuracy:
        print(f"score {score:.1%} is below --min-accuracy {args.min_accuracy:.1%}", file=sys.stderr)
        return 1
    return 0
