#!/usr/bin/env python3
"""Build normlint/data/words_en.tsv.gz, the spelling check's word list, from two PyPI packages.

    pip install symspellpy pyspellchecker
    python tools/build_wordlist.py

Sources (see normlint/data/README.md for licences and the measurements behind the choice):

- symspellpy's ``frequency_dictionary_en_82_765.txt`` (MIT; Google Books Ngram counts
  intersected with SCOWL): clean words with book frequencies, but it lacks many American
  forms ("labor", "theater", "analyze").
- pyspellchecker's ``en.json.gz`` (MIT; OpenSubtitles counts, cleaned): wider and
  American-leaning ("labor"), but lacks British forms ("labour", "programme").

Their union holds both spellings of a word.  Counts are turned into Zipf values
(log10 of occurrences per billion words), each source normalised by its own total; a
word in both keeps the book figure, which suits news better than film subtitles, except
the few the books' tokeniser split ("cannot", "don't": see TOKENISER_GAP).
Stored as ``word<TAB>zipf*100``, sorted, gzipped (mtime 0) so a rebuild is byte-identical.
"""
from __future__ import annotations

import gzip
import importlib.resources
import io
import json
import math
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "normlint" / "data"
OUT = DATA / "words_en.tsv.gz"
VARIANTS = DATA / "variants_en.tsv"
BIGRAMS = DATA / "bigrams_en.tsv.gz"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
#: Zipf points by which the films list must beat the books list to replace its figure
#: (only "cannot" and contractions such as "don't" differ by that much)
TOKENISER_GAP = 2.5


def zipf_table(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {w: math.log10(c * 1e9 / total) for w, c in counts.items() if c > 0}


def symspell_counts() -> dict[str, int]:
    text = (importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text("utf-8")
    counts = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if WORD.fullmatch(word):
            counts[word] = int(count)
    return counts


def pyspellchecker_counts() -> dict[str, int]:
    raw = (importlib.resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return {w: int(c) for w, c in data.items() if WORD.fullmatch(w)}


# British -> American spelling patterns (regex on the British form, replacement).
# A pair is kept only when both forms are in the word list, and a British stem
# must be long enough not to pair "four" with "for" or "filled" with "filed".
VARIANT_RULES = [
    (r"^(\w{2,})our(s|ed|ing|ite|ites|able|ably|ful|less|less|er|ers|ism|ist|ists|y)?$", r"\1or\2"),
    (r"^(\w{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$", r"\1iz\2"),
    (r"^(\w{3,})ys(e|es|ed|ing|er|ers)$", r"\1yz\2"),
    (r"^(\w{2,}(?:t|b|g|ch|v))re(s)?$", r"\1er\2"),
    (r"^(\w{3,}[aeiou])ll(ed|ing|er|ers)$", r"\1l\2"),
    (r"^(\w{3,})ogue(s)?$", r"\1og\2"),
    (r"^(def|off|lic|pret)ence(s)?$", r"\1ense\2"),
    (r"^(\w*(?:h|p|an|f|leuk|isch|cyclop|orthop|gyn|pal|medi|prim|septic|glyc))ae(m|d|st|c|v|o)(\w*)$",
     r"\1e\2\3"),
    (r"^(\w*)oe(soph|str)(\w*)$", r"\1e\2\3"),
]
# Pairs no pattern finds, and pattern pairs that are different words.
VARIANT_EXTRA = {
    "programme": "program", "programmes": "programs", "grey": "gray", "aluminium": "aluminum",
    "sceptic": "skeptic", "sceptical": "skeptical", "scepticism": "skepticism", "mould": "mold",
    "moulded": "molded", "smoulder": "smolder", "plough": "plow", "moustache": "mustache",
    "judgement": "judgment", "judgements": "judgments", "ageing": "aging", "pyjamas": "pajamas",
    "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "instalment": "installment", "instalments": "installments", "skilful": "skillful",
    "wilful": "willful", "speciality": "specialty", "specialities": "specialties",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "cheques": "checks", "jewellery": "jewelry",
    "kerb": "curb", "tonnes": "tons", "practise": "practice", "practised": "practiced",
}
NOT_VARIANTS = {"prise", "prised", "prises", "prising", "acre", "acres", "genre", "genres", "ogre", "ogres",
                "mediocre", "nacre", "cadre", "cadres", "padre", "lucre", "massacre", "massacres",
                "cheques", "kerb", "tonnes", "practise", "practised", "timbre", "timbres", "eagre", "tigre",
                "livre", "havre", "ventre", "outre", "sevres", "chartres", "barre", "fayre", "ombre",
                "flour", "floury", "scoured", "scourer", "scourers", "scouring", "stour", "amour", "tabour",
                "tabours", "daemon", "daemons", "daemonic", "dialogue", "dialogues", "paella", "paeans"}


def variant_pairs(words) -> list[tuple[str, str]]:
    pairs = {}
    for w in words:
        if w in NOT_VARIANTS or "'" in w:
            continue
        for pattern, repl in VARIANT_RULES:
            us = re.sub(pattern, repl, w)
            if us != w and us in words and us not in NOT_VARIANTS:
                pairs.setdefault(w, us)
                break
    for gb, us in VARIANT_EXTRA.items():
        if gb not in NOT_VARIANTS and gb in words and us in words:
            pairs[gb] = us
    return sorted(pairs.items())


def bigram_lines() -> str:
    """symspellpy's bigram counts (Google Books Ngram), as ``w1 w2<TAB>round(10*log10(count))``."""
    text = (importlib.resources.files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and WORD.fullmatch(parts[0]) and WORD.fullmatch(parts[1]):
            rows.append(f"{parts[0]} {parts[1]}\t{round(10 * math.log10(int(parts[2])))}\n")
    return "".join(sorted(rows))


def write_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main() -> int:
    books = zipf_table(symspell_counts())
    films = zipf_table(pyspellchecker_counts())
    merged = dict(films)
    merged.update(books)
    # Google Books' tokeniser split "can't" and "cannot", so the book count of those
    # few words is an artefact, hundreds of times too low ("canot" then reads as
    # "cant"): where the films figure is over TOKENISER_GAP higher, it is kept.
    for w, z in books.items():
        if films.get(w, 0.0) - z > TOKENISER_GAP:
            merged[w] = films[w]
    lines = "".join(f"{w}\t{round(z * 100)}\n" for w, z in sorted(merged.items()))
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(lines.encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    write_gz(BIGRAMS, bigram_lines())
    print(f"{BIGRAMS}: {BIGRAMS.stat().st_size} bytes")
    pairs = variant_pairs(merged)
    VARIANTS.write_text("# British\tAmerican spelling of one word; derived by tools/build_wordlist.py\n"
                        + "".join(f"{gb}\t{us}\n" for gb, us in pairs), encoding="utf-8")
    print(f"{VARIANTS}: {len(pairs)} pairs")
    print(f"{OUT}: {len(merged)} words ({len(books)} from symspellpy, {len(films)} from pyspellchecker), "
          f"{OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
