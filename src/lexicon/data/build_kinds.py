#!/usr/bin/env python3
"""Writes wordnet-kinds.tsv: what a common noun of the word list
(wordfreq-en.tsv) names in its most frequent WordNet 3.0 sense, for the
nouns that tell whether a name beside them is a person or not:

    word<TAB>P   a person ("director", "pupil", "prosecutor"; noun.person)
    word<TAB>T   a body or group ("council", "committee"; noun.group)
    word<TAB>L   a thing or place, which has a length ("road", "wall",
                 "bridge"; noun.artifact, noun.location, noun.object)
    word<TAB>A   an adjective WordNet only writes with a capital: of a
                 people or a place ("british", "portuguese", "roman")

One line per word, sorted. The sense order is WordNet's index.noun order
(most frequent first). Only words WordNet writes in lower case are listed
("murdoch" is a person's name, not a noun of persons), and only single
alphabetic words.

    python3 build_kinds.py [/usr/share/wordnet] > wordnet-kinds.tsv

Input: index.noun and data.noun of the Debian package `wordnet-base`
(licence in LICENSE-wordnet.txt). Standard library only; deterministic.
"""
import os
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
HERE = os.path.dirname(os.path.abspath(__file__))

# WordNet's lexicographer file numbers.
PERSON = {18}
GROUP = {14}
PHYSICAL = {6, 15, 17}


def main():
    known = set()
    with open(os.path.join(HERE, "wordfreq-en.tsv"), encoding="utf-8") as f:
        for line in f:
            known.add(line.split("\t")[0])
    lexfile = {}
    lower = set()
    with open(os.path.join(WORDNET, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lexfile[parts[0]] = int(parts[1])
            for i in range(int(parts[3], 16)):
                word = parts[4 + 2 * i].split("(")[0]
                if word.islower():
                    lower.add(word)
    kinds = {}
    with open(os.path.join(WORDNET, "index.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            word = parts[0]
            if not word.isalpha() or word not in known or word not in lower:
                continue
            first = lexfile[parts[-int(parts[2])]]
            if first in PERSON:
                kinds[word] = "P"
            elif first in GROUP:
                kinds[word] = "T"
            elif first in PHYSICAL:
                kinds[word] = "L"
    capital, lower_adj = set(), set()
    with open(os.path.join(WORDNET, "data.adj"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            for i in range(int(parts[3], 16)):
                word = parts[4 + 2 * i].split("(")[0]
                if not word.isalpha():
                    continue
                (capital if word[0].isupper() else lower_adj).add(word.lower())
    for word in (capital - lower_adj - lower) & known:
        kinds.setdefault(word, "A")
    for word in sorted(kinds):
        print(f"{word}\t{kinds[word]}")


main()
