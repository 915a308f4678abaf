"""Worksheet prompts generated from the analysis, each with its answer for the teacher key.

For the chosen articles of a :class:`~compare.comparison.Comparison`, in a
fixed order: which article leaves out a fact most others report
(``missing``, else the aligned groups), how two outlets word the same fact
(``wording`` and the groups), which number differs (``conflicts``), which
quotation was trimmed or reworded (``quotes``), "said" versus "claimed"
(``framing`` attribution findings, else ``wording``), and the loaded words of
the most loaded article. Answers cite sentences as numbered lines (sentence
position + 1). Tables are read by column name; a table without a column it
needs yields no prompt of that kind, never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from .render import shown_columns
from .snippets import shorten

if TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparison

__all__ = ["Cite", "Prompt", "worksheet_prompts", "PROMPT_MAKERS", "QUOTE_CHARS"]

#: Longest fact or sentence quoted in a prompt.
QUOTE_CHARS = 180


@dataclass(frozen=True)
class Cite:
    """A sentence an answer points at: outlet label, line number (1-based) and text."""

    outlet: str
    line: int
    text: str


@dataclass(frozen=True)
class Prompt:
    """One worksheet question, with its answer for the teacher key."""

    kind: str
    question: str
    answer: str
    cites: tuple[Cite, ...] = field(default=())
    lines: int = 4  #: answer lines on the student sheet


def _quoted(text: str, n: int = QUOTE_CHARS) -> str:
    """``text`` without the quotation marks around it, shortened to ``n`` characters (the prompt adds its own)."""
    return shorten(str(text).strip().strip('“”"'), n)


def _col(frame: pd.DataFrame, *names: str) -> bool:
    return frame is not None and len(frame) > 0 and all(n in frame.columns for n in names)


def _str(v: object) -> str:
    return v if isinstance(v, str) else ""


class _Lines:
    """Line numbers (sentence positions, 1-based) of the chosen articles."""

    def __init__(self, c: Comparison, shown: Sequence[int]) -> None:
        self.c = c
        self.a = c.aligned
        self.ids = {c.parsed[col].article.id: col for col in shown}
        self.labels = {c.parsed[col].article.id: self.a.labels[col] for col in shown}
        self.by_label = {v: k for k, v in self.labels.items()}

    def article(self, outlet_or_id: object) -> str | None:
        s = _str(outlet_or_id)
        return s if s in self.ids else self.by_label.get(s)

    def at(self, art: str | None, offset: object) -> Cite | None:
        if art not in self.ids:
            return None
        try:
            k = self.a.sentence_at(self.ids[art], int(offset))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return None
        return self.cite(k) if k is not None else None

    def find(self, art: str | None, text: object) -> Cite | None:
        t = " ".join(_str(text).split())
        if art not in self.ids or not t:
            return None
        for k in self.a.article_sentences(self.ids[art]):
            s = " ".join(self.a.sentences[k].text.split())
            if t in s or s in t:
                return self.cite(k)
        return None

    def cite(self, k: int) -> Cite:
        s = self.a.sentences[k]
        return Cite(self.a.labels[s.article], s.index + 1, _quoted(s.text, 400))


def _omission_by_groups(c: Comparison, L: _Lines) -> Prompt | None:
    """Without a missing-facts table: the group every chosen outlet but one reports."""
    a = c.aligned
    shown = set(L.ids.values())
    if len(shown) < 3:
        return None
    for g in a.groups:
        cols = {a.sentences[k].article for k in g.members} & shown
        if len(cols) == len(shown) - 1:
            absent = a.labels[next(iter(shown - cols))]
            k = next(k for k in g.members if a.sentences[k].article in cols)
            cite = L.cite(k)
            return Prompt(
                "omission",
                f"Most of the articles report this: “{_quoted(cite.text)}” One article does not. Which one? "
                "What does its reader miss?",
                f"{absent} does not report it; " + ", ".join(a.labels[col] for col in sorted(cols)) + " do.",
                (cite,),
            )
    return None


def _omission(c: Comparison, L: _Lines) -> Prompt | None:
    df = c.missing
    if not _col(df, "outlet", "label"):
        return _omission_by_groups(c, L)
    df = df[df["outlet"].map(lambda o: L.article(o) is not None)]
    if "kind" in df.columns and (df["kind"] == "claim").any():
        df = df[df["kind"] == "claim"]
    if not len(df):
        return _omission_by_groups(c, L)
    keys = [k for k in ("n_stated", "importance") if k in df.columns]
    if keys:
        df = df.sort_values(keys, ascending=False, kind="mergesort")
    row = df.iloc[0]
    stated = row.get("stated_by")
    stated_list = [s for s in (stated if isinstance(stated, (list, tuple)) else [stated]) if isinstance(s, str)]
    stated_list = [s for s in stated_list if L.article(s) is not None] or stated_list
    cite = L.at(_str(row.get("evidence_article")) or None, row.get("evidence_start"))
    label = _quoted(row["label"])
    return Prompt(
        "omission",
        f"Most of the articles report this: “{label}” One article does not. Which one? What does its reader miss?",
        f"{row['outlet']} does not report it" + (f"; {', '.join(stated_list)} do." if stated_list else "."),
        (cite,) if cite else (),
    )


def _wording(c: Comparison, L: _Lines) -> Prompt | None:
    a = c.aligned
    shown = set(L.ids.values())
    swaps: dict[int, list[dict]] = {}
    df = c.wording
    if _col(df, "group", "outlet_a", "word_a", "outlet_b", "word_b"):
        if "category" in df.columns:
            df = df[df["category"] != "neutral"]
        for r in df.to_dict("records"):
            art_a, art_b = L.article(r["outlet_a"]), L.article(r["outlet_b"])
            if art_a and art_b and str(r["word_a"]).lower() != str(r["word_b"]).lower():
                text = f"{r['outlet_a']} “{r['word_a']}” / {r['outlet_b']} “{r['word_b']}”"
                swaps.setdefault(int(r["group"]), []).append({"cols": (L.ids[art_a], L.ids[art_b]), "text": text})
    best = None
    for g in a.groups:
        cols = {a.sentences[k].article for k in g.members} & shown
        if len(cols) < 2:
            continue
        key = (len(swaps.get(g.number, [])), len(cols), -g.number)
        if best is None or key > best[0]:
            best = (key, g)
    if best is None:
        return None
    g = best[1]
    first: dict[int, int] = {}
    for k in g.members:
        first.setdefault(a.sentences[k].article, k)
    mine = swaps.get(g.number, [])
    pair: list[int] = list(mine[0]["cols"]) if mine else sorted(col for col in first if col in shown)[:2]
    mine = [s for s in mine if set(s["cols"]) == set(pair)]
    x, y = L.cite(first[pair[0]]), L.cite(first[pair[1]])
    answer = (
        ("Swapped words: " + "; ".join(s["text"] for s in mine[:3]) + ".") if mine else "Compare the two sentences word by word."
    )
    return Prompt(
        "wording",
        f"{x.outlet}, line {x.line}, and {y.outlet}, line {y.line}, report the same thing. "
        "Which words are different? Does the difference change how you see the people involved?",
        answer,
        (x, y),
    )


def _number(c: Comparison, L: _Lines) -> Prompt | None:
    df = c.conflicts
    if not _col(df, "outlet_a", "outlet_b"):
        return None
    if "status" in df.columns:
        df = df[df["status"] == "conflict"]
    df = df[df["outlet_a"].map(lambda o: L.article(o) is not None) & df["outlet_b"].map(lambda o: L.article(o) is not None)]
    if not len(df):
        return None
    if "group" in df.columns:  # a conflict inside one aligned group is the clearest
        df = df.assign(_g=df["group"].isna()).sort_values("_g", kind="mergesort")
    r = df.iloc[0]
    thing = _str(r.get("thing")) or "the same thing"
    cites = tuple(
        x
        for x in (L.find(L.article(r["outlet_a"]), r.get("sentence_a")), L.find(L.article(r["outlet_b"]), r.get("sentence_b")))
        if x
    )
    return Prompt(
        "number",
        f"Find a number about {thing} that is not the same in every article. How could you find out which one is right?",
        f"{r['outlet_a']} writes “{_str(r.get('text_a'))}”; {r['outlet_b']} writes “{_str(r.get('text_b'))}”.",
        cites,
    )


def _quotation(c: Comparison, L: _Lines) -> Prompt | None:
    df = c.quotes
    if not _col(df, "outlet", "text", "variant"):
        return None
    df = df[df["outlet"].map(lambda o: L.article(o) is not None)]
    changed = df[df["variant"].isin(["trimmed", "reworded", "altered"])]
    if not len(changed):
        return None
    order = {"trimmed": 0, "altered": 1, "reworded": 2}
    changed = changed.assign(_o=changed["variant"].map(order)).sort_values("_o", kind="mergesort")
    r = changed.iloc[0]
    speaker = _str(r.get("speaker"))
    speaker = speaker if speaker and speaker.lower() not in ("unknown", "nan") else "Someone"
    art = L.article(r["outlet"])
    cites = [x for x in (L.at(art, r.get("start")),) if x]
    ref_text = ""
    group_col = "statement" if "statement" in df.columns else ("quote" if "quote" in df.columns else None)
    if group_col is not None:
        same = df[(df[group_col] == r[group_col]) & (df["outlet"] != r["outlet"])]
        if len(same):
            other = same.iloc[0]
            ref_text = f" {other['outlet']} has: “{_quoted(other['text'])}”"
            cites += [x for x in (L.at(L.article(other["outlet"]), other.get("start")),) if x]
    changes = r.get("changes")
    changes = "; ".join(map(str, changes)) if isinstance(changes, (list, tuple)) else _str(changes)
    return Prompt(
        "quotation",
        f"{speaker} is quoted in more than one article. Compare the quotations: is one of them shorter or worded "
        "differently? What was left out or changed, and does it matter?",
        f"{r['outlet']}'s version is {r['variant']}: “{_quoted(r['text'])}”{ref_text}"
        + (f" Changes: {changes}" if changes else ""),
        tuple(cites),
    )


def _saying_from_wording(c: Comparison, L: _Lines) -> Prompt | None:
    """Without an attribution finding: a swap of verbs of saying between aligned sentences."""
    df = c.wording
    if not _col(df, "group", "outlet_a", "word_a", "outlet_b", "word_b", "category"):
        return None
    a = c.aligned
    for r in df[df["category"] == "attribution"].to_dict("records"):
        for mine, other in (("a", "b"), ("b", "a")):
            art, verb, plain = L.article(r[f"outlet_{mine}"]), str(r[f"word_{mine}"]), str(r[f"word_{other}"])
            if art is None or L.article(r[f"outlet_{other}"]) is None or verb.lower() == "said":
                continue
            ks = [k for k in a.group(int(r["group"])).members if a.sentences[k].article == L.ids[art]]
            cites = tuple(L.cite(k) for k in ks[:1])
            return Prompt(
                "saying",
                f"One article writes “{verb}” where another writes “{plain}”. Find it. What does the choice of verb "
                "tell the reader about the speaker?",
                f"{L.labels[art]} uses “{verb}”; {r[f'outlet_{other}']} uses “{plain}”. A neutral verb such as "
                "“said” reports; a judging verb suggests the speaker may not be telling the truth.",
                cites,
            )
    return None


def _saying(c: Comparison, L: _Lines) -> Prompt | None:
    df = c.framing
    if not _col(df, "article", "category", "text"):
        return _saying_from_wording(c, L)
    df = df[(df["category"] == "attribution") & df["article"].map(lambda a: a in L.ids)]
    if not len(df):
        return _saying_from_wording(c, L)
    r = df.iloc[0]
    cite = L.at(r["article"], r.get("start"))
    verb = _str(r["text"])
    return Prompt(
        "saying",
        f"One article writes “{verb}” where others write “said”. Find it. What does the choice of verb tell the reader "
        "about the speaker?",
        f"{L.labels[r['article']]} uses “{verb}”"
        + (f" ({_str(r.get('reason'))})." if _str(r.get("reason")) else ".")
        + " “Said” is neutral; a judging verb suggests the speaker may not be telling the truth.",
        (cite,) if cite else (),
    )


def _loaded(c: Comparison, L: _Lines) -> Prompt | None:
    df = c.framing
    if not _col(df, "article", "category", "text"):
        return None
    df = df[df["category"].isin(["loaded", "name_calling"]) & df["article"].map(lambda a: a in L.ids)]
    if "voice" in df.columns:
        df = df[df["voice"] == "editorial"]
    if not len(df):
        return None
    art = df["article"].value_counts().index[0]
    words = list(dict.fromkeys(df[df["article"] == art]["text"].astype(str)))
    starts = df[df["article"] == art]["start"] if "start" in df.columns else pd.Series(dtype=int)
    cites = tuple(dict.fromkeys(x for x in (L.at(art, s) for s in starts) if x))[:3]
    return Prompt(
        "loaded",
        f"Which words in {L.labels[art]} tell you how to feel about the people in the story? Underline them, and "
        "write a neutral word for two of them.",
        "Words in the outlet's own voice: " + ", ".join(f"“{w}”" for w in words[:12]) + ".",
        cites,
    )


PROMPT_MAKERS = (_omission, _wording, _number, _quotation, _saying, _loaded)


def worksheet_prompts(c: Comparison, ids: Sequence[str] | None = None) -> list[Prompt]:
    """The prompts the analysis supports for the chosen articles (ids or labels), in a fixed order."""
    L = _Lines(c, shown_columns(c.aligned, ids))
    out = []
    for make in PROMPT_MAKERS:
        p = make(c, L)
        if p is not None:
            out.append(p)
    return out
