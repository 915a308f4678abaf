"""The semantic signal: loads from its wheel with the network cut, centres, finds neighbours."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np

from compare import embeddings

NO_NETWORK = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network is cut for this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


def test_model_loads_and_embeds_with_the_network_cut(tmp_path):
    script = NO_NETWORK + textwrap.dedent(
        """
        import os
        from compare import embeddings
        vectors = embeddings.embed(["Kim met Putin.", "The leaders held talks."])
        print(vectors.shape)
        """
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "0"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(2, 256)"
    assert not (tmp_path / ".cache" / "wordllama").exists(), "nothing may be written to a download cache"


def test_embed_gives_unit_rows_and_zero_rows_for_empty_text():
    vectors = embeddings.embed(["Putin welcomed Kim to Vladivostok.", ""])
    assert vectors.shape == (2, 256)
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-5
    assert float(np.linalg.norm(vectors[1])) == 0.0
    assert embeddings.embed([]).shape == (0, 256)


def test_centring_separates_a_paraphrase_from_an_unrelated_sentence():
    texts = [
        "The president refused to step down despite the protests.",
        "The leader rebuffed calls to step aside amid demonstrations.",
        "Heavy rain flooded farms in the north of the country on Tuesday.",
        "The central bank raised interest rates by half a point.",
        "Officials said the bridge would reopen next month.",
        "The team won the championship after a late goal.",
    ]
    raw = embeddings.embed(texts)
    c = embeddings.centred(raw)
    assert float(c[0] @ c[1]) > float(c[0] @ c[2]) + 0.3
    # the shared direction is gone: the centred rows' mean is much shorter than the raw rows' mean
    assert np.linalg.norm(c.mean(axis=0)) < np.linalg.norm(raw.mean(axis=0))
    assert np.allclose(np.linalg.norm(c, axis=1), 1.0, atol=1e-5)


def test_nearest_is_blocked_and_matches_the_full_product(monkeypatch):
    rng = np.random.default_rng(0)
    a = embeddings._normalised(rng.normal(size=(37, 8)).astype(np.float32))
    b = embeddings._normalised(rng.normal(size=(23, 8)).astype(np.float32))
    monkeypatch.setattr(embeddings, "BLOCK_ROWS", 5)
    index, score = embeddings.nearest(a, b, k=3)
    full = a @ b.T
    assert index.shape == (37, 3)
    assert np.array_equal(index[:, 0], full.argmax(axis=1))
    assert np.allclose(score[:, 0], full.max(axis=1), atol=1e-6)
    assert embeddings.nearest(a, b[:0], k=3)[0].shape == (37, 0)
