#!/usr/bin/env python3
"""Regenerate rules/Typos/Misspellings.yml, ProperNouns.yml, Weekdays.yml and DateAbbreviations.yml.

A development tool, not part of the installed package.  It needs, besides the
project's venv:

* ``pip install codespell wordfreq`` — codespell ships ``dictionary.txt``
  (Wikipedia's "Lists of common misspellings" in "wrong->right" form, CC BY-SA
  3.0); wordfreq gives word frequencies (used only to filter, nothing of it is
  copied into the pack).
* Debian's ``wamerican-huge wbritish-huge wcanadian-huge`` (SCOWL word lists,
  /usr/share/dict): any "wrong" form that is a real word or name there is dropped.
* optionally a news corpus in JSONL (``--corpus``): a "wrong" form that shows up
  often there, or capitalised, is a name, ticker or abbreviation and is dropped.

Why each filter: the pack runs on news copy with ``fix: safe``, so a false fix is
worse than a miss.  Everything ambiguous (several corrections) is kept as a
suggestion only, never fixed.

Usage: python tools/build_typos_pack.py [--corpus FILE.jsonl]
"""
from __future__ import annotations

import argparse
import collections
import functools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICTS = [Path("/usr/share/dict") / n for n in
         ("american-english-huge", "british-english-huge", "canadian-english-huge", "words")]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# "May" is left out: every one-key slip of a three-letter word is a word or a name.
MONTHS = ["January", "February", "March", "April", "June", "July", "August",
          "September", "October", "November", "December"]
# Human misspellings of the day and month names (dailywritingtips.com's list of
# misspelled days and months, spellchecker.net, and everyday usage).
HUMAN_DATE_SLIPS = {
    "wensday": "Wednesday", "wendsday": "Wednesday", "wednsday": "Wednesday",
    "wednessday": "Wednesday", "wednesay": "Wednesday", "wedensday": "Wednesday",
    "wednseday": "Wednesday", "wedneday": "Wednesday", "wendesday": "Wednesday",
    "wednesdy": "Wednesday", "wedsday": "Wednesday", "wenesday": "Wednesday",
    "wednsdy": "Wednesday", "wednesdey": "Wednesday", "wensdey": "Wednesday",
    "thrusday": "Thursday", "thursay": "Thursday", "thurday": "Thursday",
    "thurdsay": "Thursday", "thusday": "Thursday", "thirsday": "Thursday",
    "thurseday": "Thursday", "thursdey": "Thursday",
    "tuesdy": "Tuesday", "teusday": "Tuesday", "tusday": "Tuesday", "tuseday": "Tuesday",
    "tueday": "Tuesday", "tuesady": "Tuesday", "tuesdey": "Tuesday", "teuseday": "Tuesday",
    "mondy": "Monday", "monady": "Monday", "mondey": "Monday", "munday": "Monday",
    "fridy": "Friday", "firday": "Friday", "friady": "Friday", "fridey": "Friday",
    "friaday": "Friday", "fryday": "Friday",
    "satruday": "Saturday", "saturady": "Saturday", "saterday": "Saturday",
    "saturdy": "Saturday", "satarday": "Saturday", "saturdey": "Saturday", "satuday": "Saturday",
    "sundy": "Sunday", "snuday": "Sunday", "sundey": "Sunday", "sonday": "Sunday",
    "febuary": "February", "feburary": "February", "febraury": "February",
    "febrary": "February", "februrary": "February", "feberary": "February", "febuarary": "February",
    "janurary": "January", "januray": "January", "janaury": "January", "janury": "January",
    "janauary": "January", "jannuary": "January",
    "agust": "August", "augest": "August", "auguest": "August", "agusut": "August",
    "septmber": "September", "setpember": "September", "septemer": "September",
    "septemeber": "September", "septembre": "September", "sepember": "September",
    "ocotber": "October", "octobre": "October", "octber": "October", "otcober": "October",
    "novmber": "November", "novemeber": "November", "novembre": "November", "noveber": "November",
    "decmber": "December", "decemeber": "December", "decembre": "December", "decemer": "December",
    "apirl": "April", "aprli": "April", "arpil": "April",
    "mrach": "March", "marhc": "March",
    "jully": "July", "juyl": "July",
}

FOREIGN = ("fr", "de", "es", "it", "pt", "nl")
# Short entries are too often abbreviations, tickers or slang; these transpositions
# of the commonest words are not, and were checked by hand ("teh" is left out:
# "Teh" is a Malay and Chinese surname that opens sentences).
SHORT_SLIPS = {"hte", "teh", "tthe", "taht", "thta", "jsut", "liek", "wiht", "whcih", "thsi"}
# French writes "décembre", so the unaccented form is an English slip, not French.
ACCENTED_ABROAD = {"decembre"}
QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours():
    pos = {ch: (r, c) for r, row in enumerate(QWERTY) for c, ch in enumerate(row)}
    near = {}
    for ch, (r, c) in pos.items():
        near[ch] = sorted(o for o, (r2, c2) in pos.items() if o != ch and abs(r - r2) <= 1 and abs(c - c2) <= 1)
    return near


NEAR = _neighbours()


def keyboard_slips(word: str) -> set[str]:
    """Every one-key slip of ``word`` (lowercase): an adjacent key struck instead
    of or beside the right one, a key dropped or doubled, two keys swapped.
    The first letter is kept: a capital slip is rare and collides with names."""
    w = word.lower()
    out = set()
    for i in range(1, len(w)):
        ch = w[i]
        for n in NEAR.get(ch, ()):
            out.add(w[:i] + n + w[i + 1:])  # substitution
            out.add(w[:i] + n + w[i:])  # extra key before
            out.add(w[:i + 1] + n + w[i + 1:])  # extra key after
        out.add(w[:i] + w[i + 1:])  # dropped
        out.add(w[:i] + ch + w[i:])  # doubled
        if i + 1 < len(w) and w[i] != w[i + 1]:
            out.add(w[:i] + w[i + 1] + w[i] + w[i + 2:])  # swapped
    out.discard(w)
    return out


def load_words() -> set[str]:
    words = set()
    for path in DICTS:
        if path.exists():
            for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
                line = line.strip()
                if line:
                    words.add(line.lower())
                    words.add(re.sub(r"['’]s$", "", line.lower()))
    if len(words) < 100_000:
        sys.exit("the SCOWL word lists are missing: apt-get install wamerican-huge wbritish-huge wcanadian-huge")
    return words


def corpus_counts(path: Path | None):
    """Token counts in a news corpus: (all occurrences lowercased, capitalised ones)."""
    total, capital = collections.Counter(), collections.Counter()
    if path is None:
        return total, capital
    tok = re.compile(r"[A-Za-z]+")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            for m in tok.finditer(json.loads(line)["text"]):
                w = m.group()
                lw = w.lower()
                total[lw] += 1
                if w != lw:
                    capital[lw] += 1
    return total, capital


def codespell_entries():
    import codespell_lib

    path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, sep, right = line.partition("->")
        if not sep:
            continue
        disabled = right.rstrip().endswith(",")  # codespell: "wrong->right," is never auto-fixed
        parts = [p.strip() for p in right.split(",") if p.strip()]
        yield wrong.strip(), parts, disabled


@functools.cache
def _spelling_only():
    sys.path.insert(0, str(ROOT))
    from normlint import fix_text
    from normlint.config import Config

    return fix_text, Config(select=("Typos.Spelling",))


def speller_fixes(wrong: str, right: str) -> bool:
    """Whether normlint's spelling check alone fixes ``wrong`` to ``right`` in a plain
    sentence (so the pack need not hold it).  Rebuild the pack when that check changes."""
    fix_text, config = _spelling_only()
    return fix_text(f"Officials said the {wrong} was noted.", config).text == f"Officials said the {right} was noted."


def build_misspellings(words, total, capital):
    from wordfreq import zipf_frequency

    keep, dropped = {}, collections.Counter()
    for wrong, rights, disabled in codespell_entries():
        if not re.fullmatch(r"[a-z]+", wrong):
            dropped["not a plain lowercase word"] += 1
            continue
        if len(wrong) < 5 and wrong not in SHORT_SLIPS:
            # four letters and fewer: too many are abbreviations, tickers, names
            # and slang ("gud", "tru"); only hand-checked transpositions stay
            dropped["shorter than 5 letters"] += 1
            continue
        if any(not re.fullmatch(r"[A-Za-z][A-Za-z'-]*", r) for r in rights):
            dropped["correction is a phrase or carries a note"] += 1
            continue
        if wrong in words:
            dropped["a word or name in SCOWL"] += 1
            continue
        if total[wrong] >= 20 or (capital[wrong] >= 2 and capital[wrong] >= 0.8 * total[wrong]):
            # "Varity", "Accuray", "Parana": names; "targetted" 32 times: house usage.
            # Rarer lowercase uses are the corpus's own typos ("goverment") and stay.
            dropped["house usage or a name in the news corpus"] += 1
            continue
        if wrong.endswith("in") and any(r == wrong + "g" for r in rights):
            # "nothin", "gettin": eye dialect, written on purpose in quotes and lyrics
            dropped["eye dialect (-in for -ing)"] += 1
            continue
        best = max(zipf_frequency(r, "en") for r in rights)
        if best < 3.0:
            dropped["correction too rare to be worth a rule"] += 1
            continue
        if zipf_frequency(wrong, "en") < 1.0:
            # never seen in wordfreq's web and news text: no word of its own, so safe to
            # keep, but a rare slip; kept only where the spelling check would not fix it
            # to the one correction by itself ("owudl", "govement": two edits, or a
            # likelier word one edit away), which keeps the pack small
            if len(rights) > 1 or disabled or speller_fixes(wrong, rights[0]):
                dropped["not seen in general English text (wordfreq), and left to the spelling check"] += 1
                continue
        en = zipf_frequency(wrong, "en")
        if any(zipf_frequency(wrong, lang) >= max(2.0, en) for lang in FOREIGN):
            # "indien", "controle", "studi": a word in a language news quotes
            dropped["a word in French, German, Spanish, Italian, Portuguese or Dutch"] += 1
            continue
        if zipf_frequency(wrong, "en") >= best - 1.5:
            # at least 3 % as frequent as its correction: a word of its own
            # somewhere (a name, a brand: "Grammer", "Varian", "Ambien"), not a slip
            dropped["too frequent in general English (wordfreq)"] += 1
            continue
        keep[wrong] = "|".join(rights) + ("|" if disabled and len(rights) == 1 else "")
    return keep, dropped


def build_date_slips(words, total, capital):
    from wordfreq import zipf_frequency

    def seen(slip, langs):
        return max(zipf_frequency(slip, lang) for lang in langs)

    out = {}
    for name in WEEKDAYS + MONTHS:
        for slip in sorted(keyboard_slips(name)):
            if slip in words or total[slip] >= 3 or len(slip) < 4:
                continue
            if seen(slip, ("en",)) >= 1.5 or seen(slip, FOREIGN) >= (1.5 if len(slip) > 4 else 1.0):
                continue  # "Frida", "Sunway", "Augst", "Junge", "Februar": names and foreign words
            out[slip] = name
    for slip, name in HUMAN_DATE_SLIPS.items():
        if slip not in words and (seen(slip, FOREIGN) < 2.0 or slip in ACCENTED_ABROAD):
            out[slip] = name
    return out


# AP and Reuters abbreviate months and days with a full point ("Sept. 3",
# "Thurs."); their slips are only caught with the point, so "Spet" alone is not.
ABBREVIATIONS = ["Sept", "Tues", "Thurs"]
VALID_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                       "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}


def build_abbreviation_slips(words):
    from wordfreq import zipf_frequency

    out = {}
    for abbr in ABBREVIATIONS:
        for slip in sorted(keyboard_slips(abbr)):
            # Capitalised and followed by a point, an obscure word ("spet") is a
            # slip; a common one ("Thus.") is not.
            if len(slip) < 4 or slip in VALID_ABBREVIATIONS or zipf_frequency(slip, "en") >= 1.5:
                continue
            out[slip[0].upper() + slip[1:]] = abbr + "."
    return out


# Coined or foreign words of their own, not slips: "Twosday" (22 February 2022),
# "Napoleonian", French "Sioniste" without its e.
PROPER_KEEP_OUT = frozenset({"Twosday", "Napoleonian", "Sionist", "Sionists"})


def build_proper_slips(words, total, capital):
    """Capitalised entries of codespell's list ("Russion" -> "Russian", "Carribean" ->
    "Caribbean"), which the Misspellings pack leaves out: a capitalised word there is taken
    for a name.  Kept: one correction, itself a capitalised word; the slip no word or name
    in SCOWL, seen in wordfreq's English less than 3 % as often as its correction and not a
    word of the languages news quotes ("Australien"), and not a name in the news corpus
    (used capitalised twice or more)."""
    from wordfreq import zipf_frequency

    out, dropped = {}, collections.Counter()
    for wrong, rights, disabled in codespell_entries():
        if not re.fullmatch(r"[A-Z][a-z]+", wrong):
            continue
        if len(rights) != 1 or disabled or not re.fullmatch(r"[A-Z][A-Za-z]+", rights[0]):
            dropped["several corrections, or not one capitalised word"] += 1
            continue
        if wrong.lower() in words:
            dropped["a word or name in SCOWL"] += 1
            continue
        if wrong in PROPER_KEEP_OUT:
            dropped["a word of its own (hand-checked)"] += 1
            continue
        if capital[wrong.lower()] >= 2:
            dropped["a name in the news corpus"] += 1
            continue
        en, best = zipf_frequency(wrong, "en"), zipf_frequency(rights[0], "en")
        if en >= best - 1.5 or any(zipf_frequency(wrong, lang) >= max(2.0, en) for lang in FOREIGN):
            # as in the Misspellings pack: at least 3 % as common as its correction, or a
            # word in another language ("Australien")
            dropped["too frequent in wordfreq's English, or a word of another language"] += 1
            continue
        out[wrong] = rights[0]
    return out, dropped


def write_proper(slips, dropped):
    reasons = "\n".join(f"#    - {why}: {n}" for why, n in sorted(dropped.items()))
    head = f"""\
# Slips in capitalised words: demonyms, places and names news copy uses
# ("Russion", "Carribean", "Massachussets", "Phillipine").  The Misspellings pack
# leaves capitalised words alone (one after a lowercase word is a name there); these
# are matched only as written here, capitalised, so a name spelt the same way in
# lower case or in capitals is never touched.
#
# Source: the capitalised entries of codespell's dictionary.txt (the codespell package
# on PyPI), itself derived from English Wikipedia's "Lists of common misspellings";
# licence CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/).  This file is
# an adapted selection of that list and is shared under the same licence.
#
# Generated by tools/build_typos_pack.py (edit the tool, not this file).  Entries
# dropped, by reason:
{reasons}
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: false
fix: safe
swap:
"""
    body = "".join(f"  {k}: {yaml_str(v)}\n" for k, v in sorted(slips.items()))
    tail = """\
examples:
  - text: "The Russion and Europian delegations met in the Carribean."
    fixed: "The Russian and European delegations met in the Caribbean."
  - text: "RUSSION russion"
    ok: true
"""
    (ROOT / "rules" / "Typos" / "ProperNouns.yml").write_text(head + body + tail, encoding="utf-8")


def write_abbreviations(slips):
    head = """\
# Slips of the abbreviated month and day names AP and Reuters use with a date
# ("Setp. 3" for "Sept. 3", "Tuse." for "Tues.").  Generated by
# tools/build_typos_pack.py: every one-key slip (see Weekdays.yml) of Sept,
# Tues and Thurs that is not a common word (wordfreq) or another valid
# abbreviation, capitalised and followed by its full point.
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: false
nonword: true
fix: safe
swap:
"""
    body = "".join(f"  '\\b{k}\\.': {yaml_str(v)}\n" for k, v in sorted(slips.items()))
    tail = """\
examples:
  - text: "The vote is on Setp. 3."
    fixed: "The vote is on Sept. 3."
  - text: "Polls close Tuse. at noon."
    fixed: "Polls close Tues. at noon."
  - text: "The vote is on Sept. 3, Sep. 4 or Thurs. Sept. 5."
    ok: true
"""
    (ROOT / "rules" / "Typos" / "DateAbbreviations.yml").write_text(head + body + tail, encoding="utf-8")


def yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, help="news corpus (JSONL with a 'text' field) for the frequency filter")
    args = ap.parse_args()
    words = load_words()
    total, capital = corpus_counts(args.corpus)
    dates = build_date_slips(words, total, capital)
    missp, dropped = build_misspellings(words, total, capital)
    for k in dates:
        missp.pop(k, None)
    write_dates(dates)
    write_abbreviations(build_abbreviation_slips(words))
    write_misspellings(missp, dropped, args.corpus is not None)
    proper, proper_dropped = build_proper_slips(words, total, capital)
    for k in [k for k in proper if k.lower() in dates]:
        del proper[k]  # day and month names are Weekdays.yml's
        proper_dropped["a day or month name (Weekdays.yml has it)"] += 1
    write_proper(proper, proper_dropped)
    print(f"{len(proper)} capitalised slips; dropped: {dict(proper_dropped)}")
    print(f"{len(dates)} date slips, {len(missp)} misspellings "
          f"({sum(1 for v in missp.values() if '|' in v)} suggestion-only); dropped: {dict(dropped)}")


# A name that is also a common word, written in lower case: a slip typed in lower case is the
# word as often as the name ("troops will marhc", "in marhc"), so the fix keeps it lower case
# and only a capitalised slip becomes the name ("Marhc": "March"; see ``case: preserve``).
ALSO_A_WORD = {"March": "march"}


def write_dates(dates):
    head = """\
# Slips of the day and month names: "Wedmesday", "Febuary", "Thrusday".
# Generated by tools/build_typos_pack.py (do not edit by hand; edit the tool):
#  * every one-key slip of each name (a QWERTY neighbour struck instead of or
#    beside the right key, a key dropped, doubled or two keys swapped; the first
#    letter kept), minus any slip that is itself a word or name in the SCOWL
#    word lists (en_US, en_GB, en_CA "huge"), shorter than four letters, or
#    seen in wordfreq's English text (Zipf 1.5) or its French, German, Spanish,
#    Italian, Portuguese or Dutch (1.5; 1.0 for four-letter slips such as "Mrch");
#  * human misspellings of the names (dailywritingtips.com's list of misspelled
#    days and months, spellchecker.net, everyday usage).
# "May" has no entries: all of its slips are words or names.
# Matching ignores case and the fix keeps it: "WEDMESDAY" -> "WEDNESDAY".
# March is also a word: its slips are written "march", so a slip typed in lower case stays
# lower case ("will marhc": "will march") and a capitalised one becomes the month.
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: true
case: preserve
fix: safe
swap:
"""
    # (the key sorts by the name; what is written for a name that is also a word is the word)
    body = "".join(f"  {k}: {ALSO_A_WORD.get(v, v)}\n" for k, v in sorted(dates.items(), key=lambda kv: (kv[1], kv[0])))
    tail = """\
examples:
  - text: "The operation began on Wedmesday."
    fixed: "The operation began on Wednesday."
  - text: "WEDMESDAY"
    fixed: "WEDNESDAY"
  - text: "due on febuary 3"
    fixed: "due on February 3"
  - text: "Talks resume on Thrusday and end in Setpember."
    fixed: "Talks resume on Thursday and end in September."
  - text: "Wednesday’s vote and Tuesday's count"
    ok: true
  - text: "Wedmesday’s vote"
    fixed: "Wednesday’s vote"
  - text: "Thousands will marhc on Sunday; the vote is in Marhc."
    fixed: "Thousands will march on Sunday; the vote is in March."
  - text: "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday"
    ok: true
  - text: "January, February, March, April, May, June, July, August, September, October, November, December"
    ok: true
"""
    (ROOT / "rules" / "Typos" / "Weekdays.yml").write_text(head + body + tail, encoding="utf-8")


def write_misspellings(missp, dropped, used_corpus):
    reasons = "\n".join(f"#    - {why}: {n}" for why, n in sorted(dropped.items()))
    head = f"""\
# Common English misspellings: "recieve", "goverment", "occured".
#
# Source: codespell's dictionary.txt (codespell_lib/data/dictionary.txt, the
# codespell package on PyPI), itself derived from English Wikipedia's "Lists of
# common misspellings"; licence CC BY-SA 3.0
# (https://creativecommons.org/licenses/by-sa/3.0/).  This file is an adapted
# selection of that list and is shared under the same licence.
#
# Generated by tools/build_typos_pack.py (edit the tool, not this file).
# Filtered for precision on news copy; entries dropped, by reason:
{reasons}
#  "Too frequent" means wordfreq puts the wrong form at 3 % or more of its
#  correction's frequency: it is a word of its own somewhere.
# A capitalised word after a lowercase word or a comma is a name far more
# often than a slip ("Senator Cleary", "Tigger"): `exceptions` shelters it.
#  The corpus filter {'was' if used_corpus else 'was NOT'} applied (Reuters-21578: 20 or
#  more uses mark house usage; mostly capitalised uses mark a name or ticker).
# An entry with several corrections ("a|b") is fixed to the one the text clearly
# favours (`choose: context`: weighed as the spelling check weighs its candidates,
# "troups" -> "troops", and no other favoured by the neighbouring words), else reported
# with suggestions; one codespell marks as not safe to fix ("right|") is only reported.
# Where the spelling check safely fixes the same word to one of the corrections, having
# weighed them all ("theri" -> "their"), its report stands instead.
# A correction with a British and an American spelling takes the one the article's
# other such words take (`variant: article`: "neigbours" in an American story is
# "neighbors").
# Slips never seen in general text are kept only where the spelling check would
# not fix them by itself ("owudl", "govement"): rebuild when that check changes.
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: true
case: preserve
fix: safe
choose: context
variant: article
exceptions:
  - '(?-i:(?<=[\\p{{Ll}},;:] )\\p{{Lu}}\\p{{Ll}}+)'
swap:
"""
    body = "".join(f"  {k}: {yaml_str(v)}\n" for k, v in sorted(missp.items()))
    tail = """\
examples:
  - text: "He signed teh deal."
    fixed: "He signed the deal."
  - text: "The govement said it owudl act."
    fixed: "The government said it would act."
  - text: "The goverment said it would recieve the report."
    fixed: "The government said it would receive the report."
  - text: "GOVERMENT"
    fixed: "GOVERNMENT"
  - text: "Acheived targets"
    fixed: "Achieved targets"
  - text: "The government will receive the report."
    ok: true
  - text: "The goverment said Tigger Cleary spoke."
    fixed: "The government said Tigger Cleary spoke."
"""
    (ROOT / "rules" / "Typos" / "Misspellings.yml").write_text(head + body + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
