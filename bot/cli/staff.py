"""Staff subcommands for `python -m bot`: import, search, coverage.

`register(subparsers)` adds them to the main parser in bot/cli/main.py. Every command reads data from
`--data-dir` (default: the configured data/ folder) and returns a process exit code:
0 success, 1 a data problem (each printed as file:line: message -> fix).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, List, Sequence

from bot.knowledge.yaml_source import DataFileError, Problem
from bot.text import one_line


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    from bot.settings import get_settings

    return get_settings().data_dir


def _report_problems(problems: Sequence[Problem], note: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(note, file=sys.stderr)
    return 1


def _publish(municipality: str) -> None:
    """Tell the running assistant's workers to rebuild the municipality's FAQ index (no restart)."""
    from bot.faq.publication import publish_change

    version = publish_change(municipality)
    if version is None:
        print("not published (no Redis configured or reachable): residents see it after a restart", file=sys.stderr)
    else:
        print(f"published: FAQ version {version} (residents see it within seconds)")


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a FAQ CSV and merge it into data/faq/<municipality>.yml."""
    from bot.faq.importer import import_csv

    try:
        report = import_csv(Path(args.file), args.municipality, _data_dir(args), dt.date.today(), args.dry_run)
    except DataFileError as error:
        return _report_problems(error.problems, "nothing was written; fix the file and import it again")
    print("\n".join(report.lines()))
    if args.dry_run:
        print("dry run: nothing written")
    elif report.written:
        print(f"written: {report.target}")
        _publish(args.municipality)
    else:
        print("no changes: nothing written")
    return 0


def _entries_for(args: argparse.Namespace, data_dir: Path) -> List[Any]:
    from bot.faq.importer import check_municipality
    from bot.faq.open_corpus import load_corpus
    from bot.faq.store import active_entries
    from bot.paths import faq_path, open_corpus_dir

    if args.municipality is None:
        corpus = open_corpus_dir(data_dir) / "corpus.json"
        if not corpus.exists():
            raise DataFileError(
                [
                    Problem(
                        str(corpus),
                        1,
                        "the open generic FAQ is missing",
                        "pass --municipality ID to search an imported FAQ",
                    )
                ]
            )
        return list(load_corpus(corpus))
    check_municipality(args.municipality, data_dir, str(data_dir / "municipalities"))
    return active_entries(faq_path(data_dir, args.municipality))


def cmd_search(args: argparse.Namespace) -> int:
    """Rank FAQ entries for a question."""
    from bot.faq.search import FaqIndex

    data_dir = _data_dir(args)
    try:
        entries = _entries_for(args, data_dir)
    except DataFileError as error:
        return _report_problems(error.problems, "search not run")
    if not entries:
        print(
            f"no FAQ entries for '{args.municipality}'; import a CSV first: "
            f"python -m bot import --municipality {args.municipality} FILE.csv",
            file=sys.stderr,
        )
        return 1
    by_id = {entry.id: entry for entry in entries}
    query = " ".join(args.query)
    results = FaqIndex.build(entries).search(query, top_k=args.top)
    scope = args.municipality or "open generic FAQ (data/faq/open)"
    print(f"{len(results)} result(s) in {scope} for: {query}")
    for rank, (entry_id, score) in enumerate(results, start=1):
        entry = by_id[entry_id]
        print(f"{rank:>3}  {score:.3f}  [{entry_id}] {one_line(entry.question, 70)}")
        print(f"{'':>13}{one_line(entry.answer, 70)}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print the municipality × topic coverage grid (and optionally write an HTML page)."""
    from bot.coverage.grid import coverage_grid
    from bot.coverage.render import render_html, render_text
    from bot.coverage.research import load_research
    from bot.files import write_atomically
    from bot.knowledge.base import load_knowledge

    try:
        kb = load_knowledge(_data_dir(args))
        research = load_research(_data_dir(args))
    except DataFileError as error:
        return _report_problems(error.problems, "coverage not computed; run `python -m bot validate`")
    grid = coverage_grid(kb, dt.date.today(), args.stale_months, research)
    sys.stdout.write(render_text(grid))
    if args.html:
        write_atomically(Path(args.html), render_html(grid))
        print(f"written: {args.html}")
    return 0


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", help="dataフォルダ（既定: 設定のdata/） / data folder (default: the configured data/)"
    )


def register(subparsers: Any) -> None:
    """Add the import, search and coverage subcommands to `python -m bot`."""
    importer = subparsers.add_parser("import", help="FAQ CSVを取り込む / import an FAQ CSV")
    importer.add_argument("file", help="CSVファイル（UTF-8またはShift_JIS） / the CSV file (UTF-8 or Shift_JIS)")
    importer.add_argument(
        "--municipality", required=True, help="自治体ID（例: kitakata） / municipality id (e.g. kitakata)"
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="書き込まずに変更内容だけ表示 / report what would change, write nothing"
    )
    _data_dir_option(importer)
    importer.set_defaults(func=cmd_import)

    search = subparsers.add_parser("search", help="FAQを検索する / search FAQ entries")
    search.add_argument("query", nargs="+", help="質問文 / the question to look up")
    search.add_argument(
        "--municipality",
        help="この自治体のFAQだけを検索（省略時は汎用FAQ） / search only this municipality's "
        "imported FAQ (default: the open generic FAQ)",
    )
    search.add_argument("--top", type=int, default=5, help="表示件数 / how many results to show (default 5)")
    _data_dir_option(search)
    search.set_defaults(func=cmd_search)

    coverage = subparsers.add_parser(
        "coverage", help="自治体×トピックの情報充足表 / municipality × topic coverage grid"
    )
    coverage.add_argument("--html", help="HTMLファイルにも書き出す / also write a self-contained HTML page here")
    coverage.add_argument(
        "--stale-months",
        type=int,
        default=12,
        help="この月数より古い情報を要再確認とする / facts older than this many months are stale",
    )
    _data_dir_option(coverage)
    coverage.set_defaults(func=cmd_coverage)
