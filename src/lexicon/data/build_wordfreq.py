#!/usr/bin/env python3
"""Rebuild ``wordfreq-en.tsv`` (English word frequencies) from the PyPI package wordfreq.

Install and run (from the repository root)::

    pip install wordfreq==3.1.1 && python3 src/lexicon/data/build_wordfreq.py

Output: ``wordfreq-en.tsv`` next to this script, one ``word<TAB>centizipf`` line per
word, no header, where ``centizipf = round(100 * zipf_frequency(word, 'en',
wordlist='best'))``. Lines are sorted by centizipf descending, then word ascending
(byte order). Only words made entirely of lowercase ASCII letters a-z are kept,
words with centizipf <= 0 are dropped, and at most 100,000 lines are written.

The whole 'best' English list (the 'large' list, about 320k entries) is read via
``top_n_list``, filtered and sorted *before* truncating to 100,000, so ties at the
cut-off are resolved alphabetically. The script is deterministic: same wordfreq
version in, byte-identical file out (LF line endings, UTF-8/ASCII).

Data licence: CC BY-SA 4.0 (wordfreq's data); see README-wordfreq.md and
LICENSE-wordfreq.txt beside this script.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import wordfreq

EXPECTED_VERSION = "3.1.1"
LANG = "en"
WORDLIST = "best"
# Larger than the whole English 'best' list (319,938 entries in 3.1.1), so nothing is cut
# before filtering.
REQUEST_N = 400_000
MAX_LINES = 100_000
WORD_RE = re.compile(r"[a-z]+")
OUT_PATH = Path(__file__).resolve().parent / "wordfreq-en.tsv"


def installed_version() -> str:
    try:
        from importlib.metadata import version

        return version("wordfreq")
    except Exception:  # pragma: no cover - metadata missing
        return getattr(wordfreq, "__version__", "unknown")


def build() -> list[tuple[str, int]]:
    words = wordfreq.top_n_list(LANG, REQUEST_N, wordlist=WORDLIST)
    if len(words) >= REQUEST_N:
        sys.exit(f"top_n_list returned {len(words)} words; raise REQUEST_N so the list is not cut")
    rows: dict[str, int] = {}
    for word in words:
        if not WORD_RE.fullmatch(word):
            continue
        cz = round(100 * wordfreq.zipf_frequency(word, LANG, wordlist=WORDLIST))
        if cz <= 0:
            continue
        rows[word] = cz
    ordered = sorted(rows.items(), key=lambda item: (-item[1], item[0]))
    return ordered[:MAX_LINES]


def main() -> None:
    version = installed_version()
    if version != EXPECTED_VERSION:
        sys.exit(f"wordfreq {EXPECTED_VERSION} required, found {version}: "
                 f"pip install wordfreq=={EXPECTED_VERSION}")
    rows = build()
    text = "".join(f"{word}\t{cz}\n" for word, cz in rows)
    OUT_PATH.write_bytes(text.encode("ascii"))
    print(f"wrote {len(rows)} lines to {OUT_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
