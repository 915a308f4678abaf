"""Command line: ``python -m compare`` / ``news-compare``.

Subcommands
-----------
``report [PATH ...] -o report.html``
    Write a self-contained HTML report (PATH defaults to the bundled story).
``align FILE FILE ...``
    Print the aligned groups in the terminal (or ``--csv``).
``stories CORPUS -o stories.csv [--reports FOLDER]``
    Sort a corpus of many articles into stories about one event each.
``worksheet [PATH ...] -o sheet.html [--key key.html]``
    Write a printable classroom worksheet (and its teacher key) for any articles.

A user's mistake (missing path, empty or binary file, too few articles, an
option out of range, an output that cannot be written) prints one line
``error: <file>: <reason>`` and exits with status 2 — never a traceback.
Everything printed passes through :func:`compare.escape.terminal`, and every
CSV cell through :func:`compare.escape.csv_cell`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import __version__
from .articles import Story, load_story
from .clustering import DEFAULT_WINDOW_DAYS, STORY_THRESHOLD, check_story_options, cluster_stories
from .comparison import Comparison, compare
from .corpus import Corpus, load_corpus
from .errors import CompareError, CompareWarning, StoryError, UsageError
from .escape import csv_safe, terminal
from .parsing import DEFAULT_MODELS, load_nlp
from .render import comparison_report
from .settings import SCORE_CUTOFF, Settings
from .snippets import shorten

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["main", "bundled_story", "stories_command"]

_EXAMPLES = """\
examples:
  news-compare report -o kim-putin.html          # the bundled sample story
  news-compare report my-story/ -o my-story.html  # a folder of article files
  news-compare align wire.md courier.md --width 100
  news-compare stories archive.csv -o stories.csv --reports reports/
  news-compare worksheet my-story/ -o sheet.html --key key.html
"""


def bundled_story() -> Path:
    """The folder of the bundled sample story (``seeds/kim-putin-2019``)."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "seeds" / "kim-putin-2019", here / "seeds" / "kim-putin-2019"):
        if cand.is_dir():
            return cand
    raise StoryError("seeds/kim-putin-2019", "the bundled story is not installed; pass a folder or files")


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(
        prog="news-compare",
        description="Line up news outlets' articles about the same event and show how each reports it.",
        epilog=_EXAMPLES,
        formatter_class=fmt,
    )
    p.add_argument("--version", action="version", version=f"news-compare {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    rep = sub.add_parser("report", help="write a self-contained HTML report of a story", epilog=_EXAMPLES, formatter_class=fmt)
    rep.add_argument("paths", nargs="*", metavar="PATH", help="a story folder or article files (default: the bundled story)")
    rep.add_argument("-o", "--output", default="report.html", help="where to write the report (default: report.html)")
    rep.add_argument("--title", help="report title (default: the story name)")
    rep.add_argument(
        "--layout", choices=("columns", "cards"), help="side-by-side columns or fact cards (default: cards from 5 outlets on)"
    )
    _analysis_options(rep)
    _run_options(rep)

    al = sub.add_parser(
        "align", help="print the aligned sentences of two or more articles", epilog=_EXAMPLES, formatter_class=fmt
    )
    al.add_argument("paths", nargs="+", metavar="FILE", help="article files, or one story folder")
    al.add_argument("--csv", action="store_true", help="print the alignment table as CSV instead")
    al.add_argument("--width", type=int, default=0, help="wrap text at this many columns (default: terminal width)")
    _analysis_options(al)
    _run_options(al)

    st = sub.add_parser(
        "stories", help="sort a corpus of many articles into stories about one event each", epilog=_EXAMPLES, formatter_class=fmt
    )
    st.add_argument("corpus", metavar="CORPUS", help="a folder of article files, or a CSV/JSONL with outlet,title,date,url,text")
    st.add_argument(
        "-o", "--output", default="stories.csv", help="CSV with one row per article and its story (default: stories.csv)"
    )
    st.add_argument(
        "--window-days",
        type=float,
        default=DEFAULT_WINDOW_DAYS,
        help=f"articles further apart in time are never one story (default: {DEFAULT_WINDOW_DAYS})",
    )
    st.add_argument(
        "--threshold",
        type=float,
        default=STORY_THRESHOLD,
        help=f"minimum similarity, 0-1, to join a story (default: {STORY_THRESHOLD})",
    )
    st.add_argument("--n-process", type=int, default=1, help="spaCy processes for parsing (default: 1)")
    st.add_argument(
        "--reports", metavar="FOLDER", help="also write one HTML report per story of two or more articles into FOLDER"
    )
    _run_options(st)

    ws = sub.add_parser(
        "worksheet", help="write a printable classroom worksheet and its teacher key", epilog=_EXAMPLES, formatter_class=fmt
    )
    ws.add_argument("paths", nargs="*", metavar="PATH", help="a story folder or article files (default: the bundled story)")
    ws.add_argument("-o", "--output", default="worksheet.html", help="the student sheet (default: worksheet.html)")
    ws.add_argument("--key", metavar="FILE", help="also write the teacher key (answers citing the sentences) here")
    ws.add_argument("--title", help="worksheet title (default: the story name)")
    _analysis_options(ws)
    _run_options(ws)
    return p


def _analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--score-cutoff", type=float, default=None, metavar="X", help=f"minimum alignment score, 0-1 (default {SCORE_CUTOFF})"
    )


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        help=f"spaCy pipeline to use (default: COMPARE_SPACY_MODEL, else the first installed of {', '.join(DEFAULT_MODELS)})",
    )
    p.add_argument("--no-cache", action="store_true", help="parse again instead of reusing cached documents")
    p.add_argument("--no-progress", action="store_true", help="do not show progress bars")


def _load(paths: Sequence[str]) -> Story:
    if not paths:
        return load_story(bundled_story())
    if len(paths) == 1:
        return load_story(paths[0])
    return load_story(paths, name=Path(paths[0]).parent.name or "story")


def _settings(args: argparse.Namespace) -> Settings:
    options = {} if args.score_cutoff is None else {"score_cutoff": args.score_cutoff}
    try:
        return Settings(**options)
    except UsageError as e:  # name the flag the user typed
        raise UsageError("--" + e.source.replace("_", "-"), e.reason) from None


def _run_compare(args: argparse.Namespace, story: Story) -> Comparison:
    settings = _settings(args)
    if len(story) < 2:
        where = " ".join(args.paths) if args.paths else story.name
        raise StoryError(where, f"a comparison needs at least two articles, found {len(story)}")
    return compare(story, nlp=load_nlp(args.model), progress=not args.no_progress, cache=not args.no_cache, settings=settings)


def _check_output_file(path: Path, flag: str) -> None:
    """Fail before the analysis, not after it, when ``path`` cannot be written."""
    if path.is_dir():
        raise UsageError(f"{flag} {path}", "is a folder; give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{flag} {path}", f"the folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"{flag} {path}", f"the folder {parent} is not writable")


def _write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(str(path), f"cannot be written ({e.strerror or e})") from None


def _report(args: argparse.Namespace) -> int:
    out = Path(args.output)
    _check_output_file(out, "-o")
    story = _load(args.paths)
    c = _run_compare(args, story)
    _write_text(out, comparison_report(c, title=args.title, layout=args.layout))
    print(terminal(f"wrote {out} ({len(story)} articles, {len(c.alignment)} aligned groups)"))
    return 0


def _worksheet(args: argparse.Namespace) -> int:
    from .worksheet import worksheet, worksheet_page

    out = Path(args.output)
    _check_output_file(out, "-o")
    key = Path(args.key) if args.key else None
    if key is not None:
        _check_output_file(key, "--key")
        if key.resolve() == out.resolve():
            raise UsageError(f"--key {key}", "is the same file as -o; give the key its own file")
    story = _load(args.paths)
    c = _run_compare(args, story)
    title = args.title or f"Worksheet: {story.name}"
    _write_text(out, worksheet_page(worksheet(c, title=title), title=title))
    if key is not None:
        _write_text(key, worksheet_page(worksheet(c, teacher=True, title=title), title=f"{title} (teacher key)"))
    print(terminal(f"wrote {out}" + (f" and {key}" if key is not None else "") + f" ({len(story)} articles)"))
    return 0


def _align(args: argparse.Namespace) -> int:
    story = _load(args.paths)
    c = _run_compare(args, story)
    if args.csv:
        csv_safe(c.alignment).to_csv(sys.stdout, index=False)
        return 0
    width = args.width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    groups = c.groups.set_index("group")
    labels = list(story.labels.values())
    shown = [terminal(lab) for lab in labels]
    pad = min(max(len(lab) for lab in shown), 30) + 2
    for row in c.alignment.itertuples(index=False):
        info = groups.loc[row.group]
        print(terminal(f"── group {row.group} · {row.n_outlets} outlets · score {row.score:.2f} · {info['reason']}"))
        members = c.group_sentences(row.group)
        for a, name in enumerate(shown):
            texts = [s.text for s in members if s.article == a]
            name = shorten(name, pad - 2)
            # one sentence per line block: a headline and the lead are two sentences, not one run of words
            lines = [line for text in texts for line in textwrap.wrap(terminal(text), max(width - pad, 30))] or ["—"]
            print(f"  {name:<{pad}}{lines[0]}")
            for line in lines[1:]:
                print(" " * (pad + 2) + line)
        print()
    single = c.sentences["group"].isna().sum()
    print(f"{len(c.alignment)} aligned groups; {single} of {len(c.sentences)} sentences appear in one outlet only.")
    return 0


def stories_command(
    path: str | os.PathLike[str] | Corpus,
    output: str | os.PathLike[str] | None = None,
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    threshold: float = STORY_THRESHOLD,
    n_process: int = 1,
    cache: bool = True,
    progress: bool = True,
    nlp: Language | None = None,
) -> pd.DataFrame:
    """``news-compare stories CORPUS -o stories.csv``: cluster a corpus, write a CSV.

    Parameters
    ----------
    path : path or Corpus
        Anything :func:`~compare.corpus.load_corpus` reads, or a corpus already loaded.
    output : path, optional
        CSV to write (columns as :func:`~compare.clustering.cluster_stories`;
        text cells made safe for spreadsheets); nothing written when omitted.
    window_days, threshold, n_process, cache, progress, nlp
        As in :func:`~compare.clustering.cluster_stories`.

    Returns
    -------
    pandas.DataFrame
        The clusters written.
    """
    corpus = load_corpus(path)
    frame = cluster_stories(
        corpus, window_days=window_days, threshold=threshold, n_process=n_process, cache=cache, progress=progress, nlp=nlp
    )
    if output is not None:
        out = frame.copy()
        out["date"] = out["date"].dt.strftime("%Y-%m-%d")
        try:
            csv_safe(out).to_csv(output, index=False)
        except OSError as e:
            raise UsageError(os.fspath(output), f"cannot be written ({e.strerror or e})") from None
    return frame


def _stories(args: argparse.Namespace) -> int:
    if args.n_process < 1:
        raise UsageError("--n-process", f"must be at least 1, not {args.n_process}")
    check_story_options(window_days=args.window_days, threshold=args.threshold, flags=True)
    out = Path(args.output)
    _check_output_file(out, "-o")
    if args.reports and Path(args.reports).exists() and not Path(args.reports).is_dir():
        raise UsageError(f"--reports {args.reports}", "is a file; give a folder")
    corpus = load_corpus(args.corpus)
    nlp = load_nlp(args.model)
    result = stories_command(
        corpus,
        out,
        window_days=args.window_days,
        threshold=args.threshold,
        n_process=args.n_process,
        cache=not args.no_cache,
        progress=not args.no_progress,
        nlp=nlp,
    )
    print(terminal(f"wrote {out} ({len(result)} articles in {result['story'].nunique()} stories)"))
    if args.reports:
        _story_reports(args, corpus, result, nlp)
    return 0


def _story_reports(args: argparse.Namespace, corpus: Corpus, stories: pd.DataFrame, nlp: Language | None) -> None:
    """One report per story of two or more articles, named after the story id."""
    out = Path(args.reports)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"--reports {out}", f"cannot be created ({e.strerror or e})") from None
    for story in corpus.stories(stories):
        if len(story) >= 2:
            c = compare(story, nlp=nlp, progress=False, cache=not args.no_cache)
            _write_text(out / f"{story.name}.html", comparison_report(c))
    print(terminal(f"wrote reports to {out}"))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``news-compare`` and ``python -m compare``; returns the exit status."""
    args = _parser().parse_args(argv)
    handlers = {"report": _report, "align": _align, "stories": _stories, "worksheet": _worksheet}
    with warnings.catch_warnings():
        warnings.simplefilter("default", CompareWarning)
        warnings.formatwarning = lambda msg, cat, *a, **k: f"warning: {terminal(msg)}\n"
        try:
            return handlers[args.command](args)
        except CompareError as e:
            print(f"error: {terminal(e)}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # output piped into `head` and closed early
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            return 0
        except KeyboardInterrupt:
            print("error: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
