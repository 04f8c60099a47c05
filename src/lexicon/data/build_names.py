#!/usr/bin/env python3
"""Writes census-names.tsv: given names, and the surnames that are also
nouns of things or places, from the 1990 US Census name lists, so that
"Helen Marsh" is read as a person although a marsh is a place.

    word<TAB>G   a given name ("helen", "simon", "graham")
    word<TAB>S   a common surname whose word is also a noun of a thing,
                 place or body in WordNet ("marsh", "hall", "green"):
                 after a given name, it ends a person's name
    word<TAB>GS  both ("lane")

One line per word, sorted, lower case.

    pip install names==0.3.0
    python3 build_names.py > census-names.tsv

Input: dist.male.first, dist.female.first and dist.all.last as shipped by
the PyPI package `names` (MIT licence; the lists are public-domain data of
the US Census Bureau: LICENSE-names.txt), wordfreq-en.tsv and
wordnet-kinds.tsv beside this script. Standard library only;
deterministic.

Filters, because the census lists hold every first name anyone gave
(including "In", "So", "Season"):
- a given name must be used by at least MIN_SHARE percent of people of
  one sex, and be at least three letters long;
- and not be one of the commonest English words (zipf >= COMMON_ZIPF:
  "will", "may", "hope", "mark"), which a capital at a sentence's start
  or in a title makes look like names;
- a surname must be among the TOP_SURNAMES commonest, and be a word that
  wordnet-kinds.tsv gives as a thing, place or body (L or T).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_SHARE = 0.005
COMMON_ZIPF = 5.0
TOP_SURNAMES = 1000


def census_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    import names  # the PyPI package `names`, for its data files

    return os.path.dirname(names.__file__)


def read(path):
    """(name, share in percent, rank) per line of a census list."""
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                yield parts[0].lower(), float(parts[1]), int(parts[3])


def main():
    data = census_dir()
    zipf = {}
    with open(os.path.join(HERE, "wordfreq-en.tsv"), encoding="utf-8") as f:
        for line in f:
            word, z = line.rstrip("\n").split("\t")
            zipf[word] = int(z) / 100
    kinds = {}
    with open(os.path.join(HERE, "wordnet-kinds.tsv"), encoding="utf-8") as f:
        for line in f:
            word, kind = line.rstrip("\n").split("\t")
            kinds[word] = kind
    out = {}
    for sex in ("male", "female"):
        for name, share, _ in read(os.path.join(data, f"dist.{sex}.first")):
            if (
                share >= MIN_SHARE
                and len(name) >= 3
                and name.isalpha()
                and zipf.get(name, 0) < COMMON_ZIPF
            ):
                out[name] = "G"
    for name, _, rank in read(os.path.join(data, "dist.all.last")):
        if rank <= TOP_SURNAMES and kinds.get(name) in ("L", "T"):
            out[name] = out.get(name, "") + "S"
    for name in sorted(out):
        print(f"{name}\t{out[name]}")


main()
