"""Command line: ``python -m compare`` / ``news-compare``.

Subcommands
-----------
``report [PATH ...] -o report.html``
    Write a self-contained HTML report (PATH defaults to the bundled story).
``align FILE FILE ...``
    Print the aligned groups in the terminal (or ``--csv``).

A user's mistake (missing path, empty or binary file, too few articles) prints
one line ``error: <file>: <reason>`` and exits with status 2 — never a traceback.
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

from . import __version__
from .errors import CompareError, CompareWarning, StoryError

__all__ = ["main", "bundled_story"]


def bundled_story() -> Path:
    """The folder of the bundled sample story (``seeds/kim-putin-2019``)."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "seeds" / "kim-putin-2019", here / "seeds" / "kim-putin-2019"):
        if cand.is_dir():
            return cand
    raise StoryError("seeds/kim-putin-2019", "the bundled story is not installed; pass a folder or files")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="news-compare",
        description="Line up news outlets' articles about the same event and show how each reports it.",
    )
    p.add_argument("--version", action="version", version=f"compare {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    rep = sub.add_parser("report", help="write a self-contained HTML report of a story")
    rep.add_argument("paths", nargs="*", metavar="PATH", help="a story folder or article files (default: the bundled story)")
    rep.add_argument("-o", "--output", default="report.html", help="where to write the report (default: report.html)")
    rep.add_argument("--title", help="report title (default: the story name)")
    _common(rep)

    al = sub.add_parser("align", help="print the aligned sentences of two or more articles")
    al.add_argument("paths", nargs="+", metavar="FILE", help="article files, or one story folder")
    al.add_argument("--csv", action="store_true", help="print the alignment table as CSV instead")
    al.add_argument("--width", type=int, default=0, help="wrap text at this many columns (default: terminal width)")
    _common(al)

    st = sub.add_parser("stories", help="sort a corpus of many articles into stories about one event each")
    st.add_argument("corpus", metavar="CORPUS", help="a folder of article files, or a CSV/JSONL with outlet,title,date,url,text")
    st.add_argument("-o", "--output", default="stories.csv", help="CSV with one row per article and its story (default: stories.csv)")
    st.add_argument("--window-days", type=float, default=3, help="articles further apart in time are never one story (default: 3)")
    st.add_argument("--threshold", type=float, default=0.12, help="minimum similarity to join a story (default: 0.12)")
    st.add_argument("--n-process", type=int, default=1, help="spaCy processes for parsing (default: 1)")
    st.add_argument("--reports", metavar="FOLDER", help="also write one HTML report per story of two or more articles into FOLDER")
    st.add_argument("--no-cache", action="store_true", help="parse again instead of reusing cached documents")
    st.add_argument("--no-progress", action="store_true", help="do not show progress bars")
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--score-cutoff", type=float, default=None, metavar="X", help="minimum alignment score, 0-1 (default 0.42)")
    p.add_argument("--model", help="spaCy pipeline to use (default: COMPARE_SPACY_MODEL or en_core_web_sm)")
    p.add_argument("--no-cache", action="store_true", help="parse again instead of reusing cached documents")
    p.add_argument("--no-progress", action="store_true", help="do not show progress bars")


def _load(paths: Sequence[str]):
    from .articles import load_story

    if not paths:
        return load_story(bundled_story())
    if len(paths) == 1:
        return load_story(paths[0])
    return load_story(paths, name=Path(paths[0]).parent.name or "story")


def _run_compare(args, story):
    from .comparison import compare
    from .parsing import load_nlp

    if len(story) < 2:
        where = " ".join(args.paths) if args.paths else story.name
        raise StoryError(where, f"a comparison needs at least two articles, found {len(story)}")
    options = {} if args.score_cutoff is None else {"score_cutoff": args.score_cutoff}
    if args.score_cutoff is not None and not 0 <= args.score_cutoff <= 1:
        raise StoryError("--score-cutoff", "must be between 0 and 1")
    return compare(story, nlp=load_nlp(args.model), progress=not args.no_progress, cache=not args.no_cache, **options)


def _report(args) -> int:
    story = _load(args.paths)
    c = _run_compare(args, story)
    out = Path(args.output)
    if out.parent and not out.parent.exists():
        raise StoryError(out, "the output folder does not exist")
    c.to_html(out, title=args.title)
    print(f"wrote {out} ({len(story)} articles, {len(c.alignment)} aligned groups)")
    return 0


def _align(args) -> int:
    story = _load(args.paths)
    c = _run_compare(args, story)
    if args.csv:
        c.alignment.to_csv(sys.stdout, index=False)
        return 0
    width = args.width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    groups = c.groups.set_index("group")
    labels = list(story.labels.values())
    pad = max(len(lab) for lab in labels) + 2
    for row in c.alignment.itertuples(index=False):
        info = groups.loc[row.group]
        print(f"── group {row.group} · {row.n_outlets} outlets · score {row.score:.2f} · {info['reason']}")
        for lab in labels:
            text = c.alignment.loc[c.alignment.group == row.group, lab].iloc[0]
            if isinstance(text, str):
                lines = textwrap.wrap(text, max(width - pad, 30)) or [""]
                print(f"  {lab:<{pad}}{lines[0]}")
                for line in lines[1:]:
                    print(" " * (pad + 2) + line)
            else:
                print(f"  {lab:<{pad}}—")
        print()
    single = c.sentences["group"].isna().sum()
    print(f"{len(c.alignment)} aligned groups; {single} of {len(c.sentences)} sentences appear in one outlet only.")
    return 0


def _stories(args) -> int:
    from .corpus import load_corpus, stories_command

    corpus = load_corpus(args.corpus)
    result = stories_command(
        corpus,
        args.output,
        window_days=args.window_days,
        threshold=args.threshold,
        n_process=args.n_process,
        cache=not args.no_cache,
        progress=not args.no_progress,
    )
    print(f"wrote {args.output} ({len(result)} articles in {result['story'].nunique()} stories)")
    if args.reports:
        _story_reports(args, corpus, result)
    return 0


def _story_reports(args, corpus, stories) -> None:
    """One report per story of two or more articles, named after the story id."""
    from .comparison import compare

    out = Path(args.reports)
    out.mkdir(parents=True, exist_ok=True)
    for story in corpus.stories(stories):
        if len(story) >= 2:
            path = out / f"{story.name}.html"
            compare(story, progress=False, cache=not args.no_cache).to_html(path)
    print(f"wrote reports to {out}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``news-compare`` and ``python -m compare``; returns the exit status."""
    args = _parser().parse_args(argv)
    handlers = {"report": _report, "align": _align, "stories": _stories}
    with warnings.catch_warnings():
        warnings.simplefilter("default", CompareWarning)
        warnings.formatwarning = lambda msg, cat, *a, **k: f"warning: {msg}\n"  # type: ignore[assignment]
        try:
            return handlers[args.command](args)
        except CompareError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # output piped into `head` and closed early
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            return 0
        except KeyboardInterrupt:
            print("error: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
