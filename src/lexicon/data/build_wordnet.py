#!/usr/bin/env python3
"""Build the compact WordNet 3.0 lexical resource used by the lexicon module.

Inputs
------
* The Princeton WordNet 3.0 database as shipped by the Debian package
  ``wordnet-base``::

      apt-get update && apt-get install -y wordnet-base

  which puts data.{noun,verb,adj,adv}, index.{noun,verb,adj,adv} and
  {noun,verb,adj,adv}.exc under /usr/share/wordnet/ (override with
  ``--wordnet-dir DIR`` or the WORDNET_DIR environment variable).
* ``wordfreq-en.tsv`` in the same directory as this script
  (``word<TAB>centizipf``, one word a line).  It is required: the script
  stops with an error message when it is missing.

Outputs (written next to this script)
-------------------------------------
* ``wordnet-links.tsv``  one line per lemma: ``lemma<TAB>kind=w1,w2,...``...
  with kinds syn, der, hyper, hypo, sim, ant (in that order, only non-empty).
  Lemmas and targets are single words or 2-3 word collocations written with
  one space ("prisoner of war"); wordnet-morph.tsv has single words only.
* ``wordnet-morph.tsv``  irregular inflections ``inflected<TAB>base``.

Run (Python 3.11, standard library only)::

    python3 src/lexicon/data/build_wordnet.py            # build the two files
    python3 src/lexicon/data/build_wordnet.py --report   # also write REPORT-wordnet.txt

The rules are described in README-wordnet.md.  Output is deterministic: the
same WordNet files and word list always give byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDFREQ = HERE / "wordfreq-en.tsv"
LINKS_OUT = HERE / "wordnet-links.tsv"
MORPH_OUT = HERE / "wordnet-morph.tsv"
REPORT_OUT = HERE / "REPORT-wordnet.txt"

POSES = ("noun", "verb", "adj", "adv")          # also the tie-break order
POS_LETTER = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
FILE_OF_SS_TYPE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}

WORD_RE = re.compile(r"[a-z]+")
MAX_WORDS = 3           # longest collocation kept (WordNet joins words with "_")
MARKER_RE = re.compile(r"\((a|p|ip)\)$")     # adjective syntactic markers

FIRST_SENSES = 3        # senses per part of speech used by syn/hyper/sim
HYPO_CAP = 40           # most frequent hyponyms kept per lemma
KINDS = ("syn", "der", "hyper", "hypo", "sim", "ant", "dom")
# dom: the synonyms of a common word's dominant senses, which hold at least
# this share of the word's sense-tagged uses (cntlist.rev, SemCor counts):
# "usually" ~ "normally", "stop" ~ "halt", "need" ~ "require", but not
# "make" ~ "hold" or "set" ~ "cost".
DOMINANT_SHARE = 0.3
# Words used this often (centizipf) get a dom field: the engine trusts only
# these words' dominant senses (POLYSEMOUS_ZIPF in src/lexicon.rs).
DOMINANT_MIN_FREQ = 500
DER_SYMBOLS = {"+", "\\", "<"}      # derivation, pertainym/derived-from-adj, participle
HYPER_SYMBOLS = {"@", "@i"}
SIM_SYMBOLS = {"&", "^"}


def die(msg: str) -> None:
    print(f"build_wordnet.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------

def load_wordfreq(path: Path) -> dict[str, int]:
    if not path.is_file():
        die(f"word list {path} not found; it must exist (format word<TAB>centizipf) "
            "before building the WordNet files")
    freq: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                die(f"{path}:{n}: expected word<TAB>centizipf, got {line!r}")
            word, cz = parts
            try:
                freq[word] = int(cz)
            except ValueError:
                die(f"{path}:{n}: centizipf is not an integer: {cz!r}")
    if not freq:
        die(f"{path} is empty")
    return freq


def norm_word(w: str) -> str:
    """Synset word as written in data.* -> index form (lowercase, no marker)."""
    return MARKER_RE.sub("", w).lower()


class Synset:
    __slots__ = ("key", "ss_type", "words", "ptrs")

    def __init__(self, key, ss_type, words, ptrs):
        self.key = key            # (file pos, offset)
        self.ss_type = ss_type    # n v a s r
        self.words = words        # normalised words, in synset order
        self.ptrs = ptrs          # (symbol, target key, src word no, tgt word no)


def load_data(wndir: Path, pos: str) -> dict[tuple[str, int], Synset]:
    out = {}
    with (wndir / f"data.{pos}").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):          # licence header
                continue
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            ss_type = fields[2]
            w_cnt = int(fields[3], 16)
            words = [norm_word(fields[4 + 2 * k]) for k in range(w_cnt)]
            i = 4 + 2 * w_cnt
            p_cnt = int(fields[i])
            i += 1
            ptrs = []
            for _ in range(p_cnt):
                sym, toff, tpos, st = fields[i:i + 4]
                i += 4
                ptrs.append((sym, (FILE_OF_SS_TYPE[tpos], int(toff)),
                             int(st[:2], 16), int(st[2:], 16)))
            key = (pos, offset)
            out[key] = Synset(key, ss_type, words, ptrs)
    return out


def load_index(wndir: Path, pos: str) -> dict[str, list[tuple[str, int]]]:
    """lemma -> synset keys in sense order (most frequent sense first)."""
    out = {}
    with (wndir / f"index.{pos}").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0]
            synset_cnt = int(fields[2])
            p_cnt = int(fields[3])
            offs = fields[4 + p_cnt + 2:]
            assert len(offs) == synset_cnt, line
            out[lemma] = [(pos, int(o)) for o in offs]
    return out


def load_counts(wndir: Path) -> dict[tuple[str, str, int], int]:
    """(lemma, pos, sense number) -> times the sense was tagged in SemCor."""
    pos_of = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}
    out = {}
    path = wndir / "cntlist.rev"
    if not path.is_file():
        die(f"{path} not found; it ships with the Debian package wordnet-base")
    with path.open(encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) != 3 or "%" not in fields[0]:
                continue
            lemma, rest = fields[0].split("%", 1)
            out[(lemma, pos_of[rest[0]], int(fields[1]))] = int(fields[2])
    return out


def load_exc(wndir: Path, pos: str) -> list[tuple[str, str]]:
    pairs = []
    with (wndir / f"{pos}.exc").open(encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 2:
                continue
            for base in fields[1:]:
                pairs.append((fields[0], base))
    return pairs


# --------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------

class OrderedSet:
    """Insertion-ordered set of words (a dict under the hood)."""

    def __init__(self):
        self.d: dict[str, None] = {}

    def add(self, w: str) -> None:
        self.d.setdefault(w, None)

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


class WordNet:
    def __init__(self, wndir: Path):
        self.synsets: dict[tuple[str, int], Synset] = {}
        self.index: dict[str, dict[str, list]] = {}
        self.exc: dict[str, list[tuple[str, str]]] = {}
        for pos in POSES:
            self.synsets.update(load_data(wndir, pos))
            self.index[pos] = load_index(wndir, pos)
            self.exc[pos] = load_exc(wndir, pos)
        self.counts = load_counts(wndir)

    def inflects_another(self, lemma: str) -> bool:
        """Whether lemma is also an inflected form of another lemma, by the
        exception lists or morphy's suffix rules ("works" of "work")."""
        if "_" in lemma:
            return False
        for pos in POSES:
            if any(infl == lemma and base != lemma for infl, base in self.exc[pos]):
                return True
            for suffix, ending in MORPHY_RULES[pos]:
                if lemma.endswith(suffix) and len(lemma) > len(suffix):
                    base = lemma[: -len(suffix)] + ending
                    if base != lemma and base in self.index[pos]:
                        return True
        return False

    def dominant(self, lemma: str):
        """The synsets of lemma's senses that hold at least DOMINANT_SHARE
        of its tagged uses, over every part of speech."""
        tagged = []
        for pos in POSES:
            for rank, key in enumerate(self.index[pos].get(lemma, [])):
                tagged.append((self.counts.get((lemma, pos, rank + 1), 0), key))
        total = sum(c for c, _ in tagged)
        return [self.synsets[k] for c, k in tagged if total and c >= DOMINANT_SHARE * total]

    def senses(self, lemma: str, first: int | None = None):
        """(rank, pos, synset) for every sense of lemma, ordered by sense rank
        (0 = most frequent) and then by part of speech noun, verb, adj, adv.
        With `first`, only the first `first` senses of each part of speech."""
        out = []
        for p_i, pos in enumerate(POSES):
            keys = self.index[pos].get(lemma, [])
            if first is not None:
                keys = keys[:first]
            for rank, key in enumerate(keys):
                out.append((rank, p_i, self.synsets[key]))
        out.sort(key=lambda t: (t[0], t[1]))
        return [(r, POSES[p], s) for r, p, s in out]


def build(wn: WordNet, freq: dict[str, int]):
    # Words are handled in WordNet's form ("prisoner_of_war") and written with
    # a space ("prisoner of war").  A word is kept when it has 1..MAX_WORDS
    # parts, each [a-z]+ and in the word list.
    def ok(w: str) -> bool:
        parts = w.split("_")
        return len(parts) <= MAX_WORDS and all(
            WORD_RE.fullmatch(p) is not None and p in freq for p in parts)

    def ok1(w: str) -> bool:        # single word only (morph table)
        return WORD_RE.fullmatch(w) is not None and w in freq

    def fq(w: str) -> int:          # a collocation counts as its rarest word
        return min(freq[p] for p in w.split("_"))

    out_form = lambda w: w.replace("_", " ")  # noqa: E731

    lemmas = sorted({l for pos in POSES for l in wn.index[pos] if ok(l)})

    def words_of(syn: Synset):
        return [w for w in syn.words if ok(w)]

    def own_word_nos(syn: Synset, lemma: str):
        return {i + 1 for i, w in enumerate(syn.words) if w == lemma}

    def pointer_targets(syn: Synset, lemma: str, symbols):
        """Targets of pointers with these symbols: the target word of lexical
        pointers whose source is the lemma's own word, every word of the target
        synset for semantic pointers."""
        mine = own_word_nos(syn, lemma)
        for sym, tkey, src, tgt in syn.ptrs:
            if sym not in symbols:
                continue
            tsyn = wn.synsets[tkey]
            if src == 0:
                yield from words_of(tsyn)
            elif src in mine:
                w = tsyn.words[tgt - 1]
                if ok(w):
                    yield w

    links = {l: {k: OrderedSet() for k in KINDS} for l in lemmas}
    der_reverse: dict[str, set[str]] = defaultdict(set)
    hyper_reverse: dict[str, set[str]] = defaultdict(set)

    for lemma in lemmas:
        L = links[lemma]
        first = wn.senses(lemma, FIRST_SENSES)
        every = wn.senses(lemma)

        # syn: co-members of the first 3 senses per POS
        for _, _, syn in first:
            for w in words_of(syn):
                L["syn"].add(w)

        # der: lexical (and semantic, none in 3.0) +, \, < from any sense
        for _, _, syn in every:
            for w in pointer_targets(syn, lemma, DER_SYMBOLS):
                L["der"].add(w)
                der_reverse[w].add(lemma)

        # hyper: direct hypernyms / instance hypernyms of the first 3 senses
        for _, _, syn in first:
            for sym, tkey, _, _ in syn.ptrs:
                if sym in HYPER_SYMBOLS:
                    for w in words_of(wn.synsets[tkey]):
                        L["hyper"].add(w)
                        hyper_reverse[w].add(lemma)

        # dom: co-members of the dominant senses of a common word, unless
        # the word is also a form of another lemma, whose uses its counts
        # leave out ("works" the plant is rarer than "works" of "work")
        if fq(lemma) >= DOMINANT_MIN_FREQ and not wn.inflects_another(lemma):
            for syn in wn.dominant(lemma):
                for w in words_of(syn):
                    L["dom"].add(w)

        # sim: similar-to and also-see of the first 3 senses
        for _, _, syn in first:
            for w in pointer_targets(syn, lemma, SIM_SYMBOLS):
                L["sim"].add(w)

        # ant: direct lexical antonyms in any sense ...
        for _, _, syn in every:
            for w in pointer_targets(syn, lemma, {"!"}):
                L["ant"].add(w)
        # ... plus indirect antonyms through the adjective head synsets of the
        # first 3 adjective senses: every word of every synset that a word of
        # the head synset is an antonym of.
        for _, pos, syn in first:
            if pos != "adj":
                continue
            if syn.ss_type == "a":
                heads = [syn]
            else:
                heads = [wn.synsets[t] for sym, t, _, _ in syn.ptrs if sym == "&"]
            for head in heads:
                for sym, tkey, _, _ in head.ptrs:
                    if sym == "!":
                        for w in words_of(wn.synsets[tkey]):
                            L["ant"].add(w)

    by_freq = lambda ws: sorted(ws, key=lambda w: (-fq(w), w))  # noqa: E731
    for lemma in lemmas:
        L = links[lemma]
        # der is symmetric: words whose der points here, most frequent first
        for w in by_freq(der_reverse.get(lemma, ())):
            L["der"].add(w)
        # hypo: inverse of hyper, 40 most frequent
        for w in by_freq(hyper_reverse.get(lemma, ()))[:HYPO_CAP]:
            L["hypo"].add(w)

    lines = []
    for lemma in sorted(lemmas, key=out_form):
        cols = []
        for kind in KINDS:
            ws = [out_form(w) for w in links[lemma][kind] if w != lemma]
            if ws:
                cols.append(f"{kind}={','.join(ws)}")
        if cols:
            lines.append(out_form(lemma) + "\t" + "\t".join(cols) + "\n")

    morph = set()
    for pos in POSES:
        for infl, base in wn.exc[pos]:
            if infl != base and ok1(infl) and ok1(base):
                morph.add((infl, base))
    morph_lines = [f"{a}\t{b}\n" for a, b in sorted(morph)]
    return lines, morph_lines


def write(path: Path, lines: list[str]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# Report (optional): reachability checks on the written files
# --------------------------------------------------------------------------

# WordNet morphy detachment rules (suffix, ending) per part of speech
MORPHY_RULES = {
    "noun": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
             ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "verb": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"),
             ("ed", ""), ("ing", "e"), ("ing", "")],
    "adj": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "adv": [],
}

PARAPHRASES = """talks~negotiations captive~prisoner troops~soldiers largest~biggest
guarantee~ensure confirmation~confirm trade~exchange deal~agreement inundate~flood
price~cost freed~released swap~exchange returnees~released doctors~medical
shutdown~closure mood~emotional checked~assessments vote~elections
rightful~legitimacy lorries~vehicles ferry~boat repaired~repairs
reopened~reopening expensive~cost minimum~least""".split()
CONTRASTS = """poland~belarus three~four china~russia kyiv~moscow soldiers~civilians
sheffield~london monday~tuesday january~march ukraine~russia
biggest~smallest""".split()
# pairs with a multi-word side (written with spaces, so listed one per line)
MULTI_PAIRS = [
    "soldiers~military personnel", "troops~military personnel", "freed~set free",
    "released~let go", "exchange~hand over", "happen~take place",
    "occur~take place", "mediate~step in", "diplomat~foreign minister",
    "doubt~cast doubt",
]
MULTI_CONTRASTS = ["poland~belarus", "three~four", "soldier~civilian",
                   "monday~tuesday", "kyiv~moscow"]
SHOW = ["soldier", "military personnel", "release", "free", "set free",
        "hand over", "take place", "exchange", "swap", "prisoner of war",
        "foreign minister", "step in", "talk", "prisoner", "big", "confirm"]


def report(wn: WordNet) -> str:
    links: dict[str, dict[str, list[str]]] = {}
    lines_by_lemma = {}
    with LINKS_OUT.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            lemma, *cols = line.split("\t")
            lines_by_lemma[lemma] = line
            links[lemma] = {c.split("=", 1)[0]: c.split("=", 1)[1].split(",") for c in cols}
    morph = defaultdict(list)
    with MORPH_OUT.open(encoding="utf-8") as f:
        for line in f:
            a, b = line.rstrip("\n").split("\t")
            morph[a].append(b)

    def forms(w: str):
        """w normalised like WordNet's morphy: w itself if it is a WordNet
        lemma, its bases in the morph table, and every morphy suffix rule
        result that is a lemma in index.<pos> for that rule's POS."""
        out = []
        how = []
        if any(w.replace(" ", "_") in wn.index[p] for p in POSES):
            out.append(w)
        if " " in w:            # collocations: no inflection handling
            return (out or [w]), how
        for b in morph.get(w, []):
            if b not in out:
                out.append(b)
                how.append(f"{w}->{b} (morph table)")
        for pos in POSES:
            for suf, end in MORPHY_RULES[pos]:
                if w.endswith(suf) and len(w) > len(suf):
                    b = w[: -len(suf)] + end
                    if b in wn.index[pos] and b not in out:
                        out.append(b)
                        how.append(f"{w}->{b} (morphy {pos} -{suf}+{end or '0'})")
        if not out:
            out.append(w)
        return out, how

    def kinds(a: str, b: str):
        return [k for k in KINDS if b in links.get(a, {}).get(k, [])]

    def check(pair: str):
        a, b = pair.split("~")
        fa, ha = forms(a)
        fb, hb = forms(b)
        found = []
        for x in fa:
            for y in fb:
                if x == y:
                    found.append(f"{x}=={y} (same base)")
                    continue
                k = kinds(x, y)
                if k:
                    found.append(f"{x}->{y}:{'+'.join(k)}")
                k = kinds(y, x)
                if k:
                    found.append(f"{y}->{x}:{'+'.join(k)}")
        norm = "; ".join(ha + hb) or "none"
        missing = [x for x in fa + fb if x not in links]
        extra = f" [no line for: {', '.join(missing)}]" if missing else ""
        res = ", ".join(found) if found else "NOT reachable in one link"
        return f"{pair}: {res}  (forms {a}={fa}, {b}={fb}; normalisation: {norm}){extra}"

    out = []
    out.append("WordNet resource checks (generated by build_wordnet.py --report)")
    out.append("")
    out.append("== Files ==")
    for p in (LINKS_OUT, MORPH_OUT):
        n = sum(1 for _ in p.open(encoding="utf-8"))
        out.append(f"{p.name}: {p.stat().st_size} bytes, {n} lines")
    out.append("")
    out.append("Normalisation: each side is mapped to WordNet base forms like morphy: the")
    out.append("word itself if it is a WordNet lemma, its bases in wordnet-morph.tsv, and")
    out.append("every morphy detachment-rule result (noun -s,-ses,-xes,-zes,-ches,-shes,")
    out.append("-men,-ies; verb -s,-ies,-es,-ed,-ing; adj -er,-est) that is a lemma of that")
    out.append("POS. Multi-word sides (\"take place\") are looked up as written, without")
    out.append("inflection handling. A pair is reachable if any form of a links to any")
    out.append("form of b or back.")
    out.append("Notation x->y:kind means y is listed under kind in x's line.")
    out.append("")
    out.append("== Paraphrase pairs (should be reachable) ==")
    hit = 0
    for p in PARAPHRASES:
        line = check(p)
        hit += "NOT reachable" not in line
        out.append(line)
    out.append(f"-- {hit}/{len(PARAPHRASES)} paraphrase pairs reachable in one link")
    out.append("")
    out.append("== Contrast pairs (ideally NOT reachable; biggest~smallest should be ant) ==")
    for p in CONTRASTS:
        out.append(check(p))
    out.append("")
    out.append("== Multi-word pairs (2-3 word lemmas, written with spaces) ==")
    multi = sum(1 for l in lines_by_lemma if " " in l)
    out.append(f"lines with a multi-word lemma: {multi} of {len(lines_by_lemma)}")
    targets = {t for d in links.values() for ws in d.values() for t in ws}
    out.append(f"distinct multi-word targets: {sum(1 for t in targets if ' ' in t)}")
    hit = 0
    for p in MULTI_PAIRS:
        line = check(p)
        hit += "NOT reachable" not in line
        out.append(line)
    out.append(f"-- {hit}/{len(MULTI_PAIRS)} multi-word pairs reachable in one link")
    out.append("Contrast pairs (ideally NOT reachable):")
    for p in MULTI_CONTRASTS:
        out.append(check(p))
    out.append("")
    out.append("== Full lines ==")
    for w in SHOW:
        out.append(lines_by_lemma.get(w, f"{w}: (no line)"))
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet-dir", default=os.environ.get("WORDNET_DIR", "/usr/share/wordnet"))
    ap.add_argument("--report", action="store_true", help=f"also write {REPORT_OUT.name}")
    args = ap.parse_args()
    wndir = Path(args.wordnet_dir)
    if not (wndir / "data.noun").is_file():
        die(f"WordNet database not found in {wndir}; install it with "
            "'apt-get install -y wordnet-base' or pass --wordnet-dir")
    freq = load_wordfreq(WORDFREQ)
    wn = WordNet(wndir)
    lines, morph_lines = build(wn, freq)
    write(LINKS_OUT, lines)
    write(MORPH_OUT, morph_lines)
    print(f"wrote {LINKS_OUT.name} ({len(lines)} lines), {MORPH_OUT.name} ({len(morph_lines)} lines)")
    if args.report:
        text = report(wn)
        REPORT_OUT.write_text(text, encoding="utf-8")
        print(text, end="")


if __name__ == "__main__":
    main()
