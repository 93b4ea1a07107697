"""British and American spellings: the pairs normlint knows (data/variants_en.tsv), which
one an article leans to, and a word spelt the other way."""
from __future__ import annotations

from functools import lru_cache

from . import datafiles
from .lexicon import english


@lru_cache(maxsize=1)
def variant_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """(british -> american, american -> british), from data/variants_en.tsv."""
    gb_us, us_gb = {}, {}
    for line in datafiles.read_text("variants_en.tsv").splitlines():
        if line and not line.startswith("#"):
            gb, _, us = line.partition("\t")
            gb_us[gb] = us
            us_gb.setdefault(us, gb)
    return gb_us, us_gb


@lru_cache(maxsize=1)
def ligature_contexts() -> frozenset[str]:
    """Where the table's British spellings write "ae" or "oe" for an American "e": the
    ligature with up to three letters before it and two after ("haemo", "lycaemi", "oeso"),
    from pairs that differ there alone ("haemorrhage"/"hemorrhage", "hypoglycaemia")."""
    gb_us, _ = variant_pairs()
    out = set()
    for gb, us in gb_us.items():
        for lig in ("ae", "oe"):
            k = gb.find(lig)
            while k != -1:
                if gb[:k] + "e" + gb[k + 2:] == us:
                    out.add(gb[max(0, k - 3):k + 4])
                k = gb.find(lig, k + 1)
    return frozenset(out)


def american_of_ligature(word: str, listed) -> str | None:
    """The American form in ``listed`` of a British "ae"/"oe" spelling the table lacks, where
    the table spells its kin that way ("haemorrhagic" -> "hemorrhagic", "oesophageal",
    "haematologist"); None otherwise (a slip is no spelling: "paeople", "thaem")."""
    contexts = None
    for lig in ("ae", "oe"):
        k = word.find(lig)
        while k != -1:
            if contexts is None:
                contexts = ligature_contexts()
            if word[max(0, k - 3):k + 4] in contexts:
                us = word[:k] + "e" + word[k + 2:]
                if us in listed:
                    return us
            k = word.find(lig, k + 1)
    return None


def article_variant(doc) -> str | None:
    """"british" or "american": the spelling most of the article's words with two spellings
    take ("colour", "programme" against "color", "program"); None for a tie."""
    gb_us, us_gb = variant_pairs()
    article = set(doc.words_lower)
    british = sum(1 for w in article if w in gb_us)
    american = sum(1 for w in article if w in us_gb)
    return "british" if british > american else "american" if american > british else None


def in_variant(word: str, variant: str) -> str:
    """``word`` (lower case) spelt the British or American way, where that form is in real use
    (the table's "expertize" and "surprize" are not: "expertise" stays)."""
    gb_us, us_gb = variant_pairs()
    other = (us_gb if variant == "british" else gb_us).get(word)
    freq = english().frequency
    return other if other and freq(other) >= freq(word) - 1.0 else word


def house_spelling(doc, words: list[str], variant: str = "any") -> list[str]:
    """``words`` (lower case, a fix first) in the house's spelling, ``variant`` ("british" or
    "american"), else in the one the article's other such words take, where the fix has a
    British and an American spelling ("orginize" in a story that writes "prioritise" is
    "organise"); else as they are."""
    gb_us, us_gb = variant_pairs()
    if words[0] not in gb_us and words[0] not in us_gb:
        return words
    lean = variant if variant in ("british", "american") else article_variant(doc)
    return [in_variant(w, lean) for w in words] if lean else words
