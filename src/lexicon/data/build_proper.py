#!/usr/bin/env python3
"""Writes wordnet-proper.txt: the lowercase single words of the word list
(wordfreq-en.tsv) that WordNet 3.0 only ever writes with a capital letter,
one per line, sorted: names of places, people, peoples and organisations
("manchester", "vatican", "belarus"). A word WordNet also writes in lower
case ("bath", "china", "turkey") is not listed, nor is an abbreviation that
WordNet writes in capitals ("CEO").

    python3 build_proper.py [/usr/share/wordnet] > wordnet-proper.txt

Input: the `data.*` files of the Debian package `wordnet-base` (licence in
LICENSE-wordnet.txt). Standard library only; deterministic.
"""
import os
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
HERE = os.path.dirname(os.path.abspath(__file__))


def synset_words(path):
    """The words of every synset of a WordNet data file, as written."""
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            count = int(parts[3], 16)
            for i in range(count):
                word = parts[4 + 2 * i]
                yield word.split("(")[0]


def main():
    known = set()
    with open(os.path.join(HERE, "wordfreq-en.tsv"), encoding="utf-8") as f:
        for line in f:
            known.add(line.split("\t")[0])
    capital, lower = set(), set()
    for pos in ("noun", "verb", "adj", "adv"):
        for word in synset_words(os.path.join(WORDNET, f"data.{pos}")):
            if "_" in word or not word.isalpha() or not word.isascii():
                continue
            # An abbreviation ("CEO", "EXEC") names no one in particular.
            if len(word) > 1 and word.isupper():
                continue
            (capital if word[0].isupper() else lower).add(word.lower())
    for word in sorted((capital - lower) & known):
        print(word)


main()
