"""``spelling``: words missing from the English word list, with ranked suggestions.

What is checked, and why (news copy is full of names):

- lowercase words: checked.  An unknown word with a suggestion is reported;
  the fix is safe when one candidate clearly wins (see :data:`SAFE_MARGIN`),
  unsafe (suggestions only) otherwise.  Unknown words with no near neighbour
  (jargon, transliterations) are not reported: a slip is one or two edits
  from a real word.
- Capitalised words: names, so not checked, except that a slip of a common
  proper word ("Wedmesday", "Febuary", "Amercian": data/proper_en.txt) is.  A
  capitalised word opening a sentence is checked like a lowercase one, but
  only ever with an unsafe fix (it may be a name).
- ALL-CAPS words (acronyms, wire headlines such as "BAGHDAD"), words with
  digits ("F16") or mixed case ("iPhone"), and text in URLs, e-mail
  addresses, @handles, #hashtags, file names and <angle-bracket> company tags:
  never checked.
- Hyphenated words are checked part by part ("well-knwon"); a part that is a
  name stays a name ("al-Anbar").
- A word used twice or more in one article is taken as deliberate (house
  style, a term of art): reported at most with an unsafe fix.
- Closed compounds of two known words ("soymeal", "winterkill") are accepted.

British and American spellings are both accepted by default (``variant:
any``); ``variant: british`` or ``american`` reports the other form, and
``mixed: true`` reports an article that uses both forms of one word.
"""
from __future__ import annotations

import collections
import math
import unicodedata
from functools import lru_cache
from itertools import islice

import regex

from ..diagnostics import SAFE, UNSAFE
from ..document import opens_sentence, straight_apostrophes
from ..lazy_pattern import lazy, lazy_re
from ..candidates import (_VOWELS, SAFE_MARGIN, SHORT_SAFE_MARGIN, after_count, before_singular, compound_first,
                          ending_first, inflects_common, neighbour_words, plural_first, variant_first)
from ..lexicon import (IN_CONTEXT_BONUS, OFTEN_IN_CONTEXT_BONUS, OFTEN_MAX_ZIPF, RARE_ZIPF, TWO_EDIT_MIN_ZIPF,
                       _deletes, classify, damerau, data_lines, edit_bonus, edits1, english)
from ..variants import american_of_ligature, house_spelling, variant_pairs
from ..vocab import Vocab, builtin_accept, load_vocab, vocab_folders
from .base import Check, case_matcher, match_case

#: a capitalised word this common ("Pan", "Puma" are below it) is no genus before an epithet
GENUS_MAX_ZIPF = 4.0
#: ... and a word after it one typical slip from a word this common is that word's slip
EPITHET_SLIP_ZIPF = 4.5
#: safe fixes need a word at least this long; shorter ones have too many neighbours
SAFE_MIN_LENGTH = 4
#: in words up to this long, a fix by an untypical edit (a far key, an extra far letter)
#: must win by SHORT_SAFE_MARGIN to be safe
SHORT_WORD_LENGTH = 6
#: in words up to this long, a safe fix keeps the first letter or changes it by a
#: neighbouring key or a swap
FIRST_LETTER_GUARD_LENGTH = 5
#: a fix that changes the first letter (other than by a swap) needs a target this common
FIRST_LETTER_MIN_ZIPF = 3.5
#: ... the first-letter guards and the lone-candidate one (LONE_UNTYPICAL_MIN_ZIPF) hold for
#: words up to this long: a longer word has too few neighbours for a stray letter in it to
#: mislead ("faultered" is "faltered", "liquidiating" "liquidating")
GUARD_MAX_LENGTH = 8
#: a safe fix needs a target at least this common (Zipf): an unknown word whose only
#: neighbours are rare words ("twinjet" / "twinset") is more often a term of art
SAFE_MIN_ZIPF = 2.5
#: ... and a two-edit fix a common target, not the word with an affix cut off
#: ("escrowed" is not a slip of "escrow")
SAFE_MIN_ZIPF_TWO_EDITS = 3.5
#: a typical slip in a word this long is safely undone if the word meant is this common
LONG_SLIP_LENGTH = 9
LONG_SLIP_MIN_ZIPF = 1.8
#: a word this short is safely fixed two edits away only if one of them is a typical slip
#: (a neighbouring key, a swap, a doubled, undoubled or dropped letter): "shoudln" is "should", but
#: "anamoly" is no "namely", nor "poblano" "Poland" (a word of another language read as a slip)
TWO_EDIT_GUARD_LENGTH = 7
#: a lone candidate reached by an untypical edit (a far key, an extra far letter) is a
#: guess unless it is at least this common: "daraa" (a robe) is no slip of "darla", nor
#: "kurtas" of "kurtis"; typing slips hit neighbouring keys, and spelling slips common words
LONE_UNTYPICAL_MIN_ZIPF = 3.0
#: a four-letter word is safely fixed only into a word at least this common: short
#: unknown words are as often abbreviations and words of other languages ("tbal" drums)
SHORT_TARGET_MIN_ZIPF = 3.5
#: a prefixed form this long is a word even beside a common word one far key away
#: ("undocking" / "unlocking"; not one extra letter away: "producted" is "produced")
FORMED_FAR_KEY_LENGTH = 8
#: a text of LOWERCASED_MIN_LENGTH characters or more with fewer capital letters than this
#: share of its characters is lower-cased throughout (a preprocessed corpus, an all-lowercase
#: wire story): names look like words there ("opec", "citgo", "veba", "jorge marcano"), so
#: only a slip of LOWERCASED_SAFE_LENGTH letters or more of a word at least
#: LOWERCASED_SAFE_ZIPF common is safely fixed ("consuemr", "governent").  (News prose has
#: 2-4 capitals per 100 characters.)
LOWERCASED_MAX_SHARE = 0.004
LOWERCASED_MIN_LENGTH = 200
#: ... and so is one that writes this many distinct names of places, peoples, days or months
#: in lower case ("jorge marcano" and "venezuela", "citgo" and "sweden"): a wire story
#: lower-cased in part, whose names pass for words
LOWERCASED_SIGNS = 2
LOWERCASED_SAFE_LENGTH = 6
LOWERCASED_SAFE_ZIPF = 3.0
#: a known word rarer than this (Zipf) that is one keyboard slip from a word at least
#: RARE_SLIP_TARGET_ZIPF common is taken as that slip ("billon" for "billion")
RARE_WORD_ZIPF = RARE_ZIPF
RARE_SLIP_TARGET_ZIPF = 4.5
#: capitalised words opening a sentence are suggested only common targets
SENTENCE_START_MIN_ZIPF = 4.0
assert SENTENCE_START_MIN_ZIPF <= RARE_SLIP_TARGET_ZIPF  # (its near-word table serves both)
#: a plural, past or compound form the list lacks ("refinancings") is unknown when a word
#: at least this common other than its base is one edit away ("froms": "forms").  Most
#: such forms have none, which the two-edit index (words of Zipf TWO_EDIT_MIN_ZIPF or more)
#: tells with a dozen lookups, once loaded, instead of suggest()'s hundreds
NEAR_ZIPF = 3.0
assert TWO_EDIT_MIN_ZIPF <= NEAR_ZIPF

#: the per-process memo of words and surface forms starts over past this many entries
#: (corpus A's 16,473 articles hold about 48,000 distinct tokens: ~10 MB)
MAX_REMEMBERED = 150_000
#: listed words at least this common (Zipf) are sorted ahead of any text, in their
#: lowercase and capitalised forms (:func:`common_forms`): 34,000 forms, ~3 MB, covering
#: three in five of the known words corpus A uses (Zipf 3.0 would cover four in five for
#: twice the memory in every worker, saving a process only ~10 ms more)
COMMON_FORMS_ZIPF = 3.5
#: a process takes that table on once it has sorted this many tokens itself (a check of
#: one small file never loads it); bulk runs take it on before forking their workers
COMMON_FORMS_AFTER = 2000

# Regions where no word is a word of prose: URLs and <Company Inc> tags (markup).
# E-mail addresses, handles, hashtags, domains and paths are caught more cheaply
# by the characters touching each word (see _glued).
_SHELTER = lazy(r"(?:https?|ftp)://\S+|\bwww\.\S+|<[^<>\n]{1,80}>")
_GLUE_BEFORE = frozenset("@#./\\_=&~")
_GLUE_AFTER = frozenset("@/\\_")


# A word cited rather than used: alone in quotation marks after "the word", "the term",
# "called" and the like, or glossed after them (crossing the "hronrad", or whale-road).
# (Any short quotation would be too wide: wire copy quotes speech in fragments, the
# "exceptionally difficult" circumstances, whose slips are slips.)
_CITING_BEFORE = lazy(r"(?i:\b(?:word|term|name|phrase|called|dubbed|nicknamed|as|means|meaning)"
                      r",?[ \t]+[\"“]$)")
# "people call it bazball", "what fans dub it": a name given, not a word used.  ("That" only
# after a form that is no noun: "an earnings call that viewers", "a nickname that stuck".)
_CALLED_BEFORE = lazy(r"(?<![\p{L}-])(?:(?i:call|calls|dub|dubs|nickname|nicknames)[ \t]+(?i:it|them|this|him|her)"
                      r"|(?i:called|calling|dubbed|dubbing|nicknamed)[ \t]+(?i:it|them|this|that|him|her))[ \t]+$")
# "the word", "the French term" (a language's name between): not "a five-year term"
_NAMED_BEFORE = lazy(r"(?<![\p{L}-])(?i:the|a|an)(?:[ \t]+\p{Lu}\p{Ll}+)?[ \t]+"
                     r"(?i:word|term|phrase|expression)[ \t]+$")
_GLOSS_AFTER = lazy(r"[\"”],?[ \t]+(?:or|meaning|\()")
# A word glossed in an aside after it: "a local geometra, or building surveyor, who", "the
# plaza (or smuggling corridor)" -- one to four words between ", or" and the aside's end; or
# in an apposition: "his hotte, a plastic basket strapped to his back," (25 places in the
# 2.4 million words of corpus A, so a slip there seldom goes unfixed for it).
_ASIDE_GLOSS_AFTER = lazy(r"(?:,[ \t]+or|[ \t]+\(or)(?:[ \t]+\p{Ll}[\p{L}\p{M}'’-]*){1,4}[,)]"
                        r"|,[ \t]+an?(?:[ \t]+\p{Ll}[\p{L}\p{M}'’-]*){1,6}[,;)]")
# ... a noun glossed so has its determiner ("a local geometra"; not "in two mnths, or sooner,")
_DETERMINER_BEFORE = lazy(r"(?<![\p{L}\p{M}])(?i:a|an|the|its|their|his|her|our)"
                          r"(?:[ \t]+\p{Ll}+)?[ \t]+$")
# A French or Italian elided article or pronoun before a common word: "d’accord", "qu’il",
# and opening a quotation or sentence, "C’est" (English elides so only in dialect: "t'other";
# names capitalise the letter after it, or the one before it inside a sentence, and English
# copy uses them: "Alpe d’Huez", "D'Amato", "O'Neill", "Cu M’gar").
_ELISION = lazy(r"(?<![\p{L}\p{M}])(?:[cdjlmnst]|qu|(?<=(?:^|[\n\"“‘«(]|[.!?][ \t]+))(?:[CDJLMNST]|Qu))"
                r"['’]\p{Ll}")
# A quoted English gloss right after a word and up to three more: "the sensus fidei, the
# "sense of the faithful"", "Ma'a as-salama" ("Go in safety"), "hapa, or 'half'" -- the
# words glossed are another language's, and a slip of an English word is seldom glossed.
_QUOTED_GLOSS_AFTER = lazy(
    r"(?:[ \t]+[\p{L}\p{M}'’-]+){0,3}[\"”’]?[.,]?[\"”’]?[ \t]*"
    r"(?:\((?:or[ \t]+|meaning[ \t]+|literally[ \t]+)?|,[ \t]+(?:the|or|meaning|literally)[ \t]+)[\"“‘]")
# After a quotation's closing mark: a dash, and a gloss ('"Geen boeren, geen eten" — no
# farmers, no food'); or, later in its sentence, a dash and a quoted gloss ('"Us bol
# amidral," said Dorj, 61, a herder – "water is life".')
_DASH_AFTER_QUOTE = lazy(r"[.,]?(?:[ \t]*[—–][ \t]*|[ \t]+-[ \t]+)\p{L}")
# ... or a phrase that says a translation follows ('"Ní neart go cur le chéile", an Irish
# proverb meaning "there is no strength without unity"', '"Sumak kawsay" (literally ...)')
_MEANING_AFTER_QUOTE = lazy(
    r"[.,]?[\"”’]?,?[ \t]+\(?(?:(?:an?|the|its)[ \t]+(?:[\p{L}\p{M}'’-]+[ \t]+){0,2}?"
    r"(?:word|term|phrase|proverb|saying|expression|motto|slogan|greeting|chant|refrain|name)s?[ \t]+(?:meaning|for)"
    r"|meaning|literally|which[ \t]+means|(?:roughly[ \t]+)?translated[ \t]+as)[ \t]+\S")
_DASH_QUOTE = lazy(r"(?:[—–]|[ \t]-)[ \t]*[\"“]")
_SENTENCE_END = lazy(r"[.!?][\"”’]?(?:[ \t\n]|$)")
# A term introduced by the words before it, unquoted: "known collectively as sansho", "a
# dish called ...", "dubbed ..." (a slip of a common word there is still fixed: see _report).
_INTRODUCED_BEFORE = lazy(
    r"(?<![\p{L}\p{M}])(?i:(?:known|referred[ \t]+to)(?:[ \t]+\p{Ll}+ly)?(?:[ \t]+in[ \t]+\p{Lu}\p{Ll}+)?[ \t]+as"
    r"|called|termed|dubbed|nicknamed)[ \t]+$")
# An appositive gloss, the house way of wire copy with a term of another language or trade:
# the term, then its gloss ("dozens of soums, or rural districts", "The akim, or head of
# the district", "succinite, the mineralogical name for Baltic amber"; not ", known in
# Catalan as", which follows the English word: "embezzlement, known in Catalan as") ...
_TERM_GLOSSED_AFTER = lazy(r",[ \t]+(?:or|meaning|literally)[ \t]+[\p{L}\p{M}]")
# ... where the gloss says the word is a word ("payas, an old word for decoration"), even a
# word one slip from an English one is the term cited
_TERM_NAMED_AFTER = lazy(
    r",[ \t]+(?:the|an?)[ \t]+(?:[\p{L}\p{M}-]+[ \t]+){0,2}?(?:word|term|name)[ \t]+for[ \t]+[\p{L}\p{M}]")
# ... or the gloss, then the term, set off as an aside ("Islamic jurisprudence, or fiqh,",
# "cork oak, or Quercus suber,", "(or sake)"); a term of another language may lead with a
# capitalised word
_TERM_GLOSSED_BEFORE = lazy(r"(?:,|\()[ \t]+or[ \t]+(?:\p{Lu}[\p{L}\p{M}]*[ \t]+)?$")
_APPOSITION = lazy(r",[ \t]+(?:an?|the|its)[ \t]+(?:\p{Ll}+[ \t]+)?")
_ASIDE_END = lazy(r"[\"”’]?[ \t]*(?:[,;:)]|[.!?](?:[ \t\n]|$)|$)")


def _vowel_for_vowel(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one vowel written for another, the commonest
    spelling slip ("recommanded"), as opposed to a far key ("retiming" / "retiring")."""
    diff = [(a, b) for a, b in zip(typed, word) if a != b]
    return len(typed) == len(word) and len(diff) == 1 and diff[0][0] in "aeiouy" and diff[0][1] in "aeiouy"


def _foreign_shaped(lower: str) -> bool:
    """Whether an unknown word may be another language's rather than English jargon: a long
    unknown word is jargon more often ("thermoset", "gasification", "corporatising") unless
    it ends as English words seldom do ("cappelletti", "buscadoras") or holds a letter no
    English keyboard types ("catégorie").  A word with no vowel is an abbreviation written in
    lower case ("a vlcc", "the ecb"), no language's word."""
    if lower.isascii() and not any(c in "aeiouy" for c in lower):
        return False
    return len(lower) <= FOREIGN_MAX_LENGTH or lower[-1] in _ROMANCE_ENDINGS or not lower.isascii() \
        or (lower[-1] == "s" and lower[-2] in "ao")


def _g_dropped(text: str, end: int, lower: str) -> bool:
    """Whether the word ending at ``end`` is written with the "g" of "-ing" dropped and an
    apostrophe in its place ("fixin'", "nothin’"; the apostrophe ends no token, so no letter
    follows it).  Such a word of a listed "-ing" form is speech, and a slip so written
    ("weddiin'") a question: its fix would leave "wedding'"."""
    return lower.endswith("in") and end < len(text) and text[end] in "'’"


def _typical_slip(lower: str, top) -> bool:
    """Whether suggestion ``top`` reads ``lower`` as one typical slip of it: a swap, a doubled,
    undoubled or dropped letter, and in a word of five letters or more a neighbouring key or
    an extra one (a short word is that far from many words)."""
    return top.distance == 1 and top.edit in (_PROPER_EDITS if len(lower) > 4 else _SHORT_SLIP_EDITS)


def _closing_quote(text: str, start: int, end: int) -> int:
    """Where the quotation mark closes round the word at [start, end) if the word stands
    alone in quotation marks (its stop or comma may sit inside: "godka."), else -1."""
    if end + 1 < len(text) and text[end] in ".," and text[end + 1] in '"”':
        end += 1
    return end if start and text[start - 1] in '"“' and end < len(text) and text[end] in '"”' else -1


def _cited(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) stands alone in quotation marks as a term cited:
    the word "wyrd", a "hronrad", or whale-road; known to its speakers as "godka." (American
    style closes the quote after the full stop); straight after "word" or "term" (the
    French word passeurs) or "call it" (people call it bazball); or glossed in an aside
    after it (a geometra, or building surveyor,; his hotte, a plastic basket,)."""
    close = _closing_quote(text, start, end)
    if close < 0:
        return (_NAMED_BEFORE.search(text, max(0, start - 40), start) is not None
                and not _slip_of_gloss_word(text[start:end].lower())) \
            or _CALLED_BEFORE.search(text, max(0, start - 30), start) is not None \
            or (_ASIDE_GLOSS_AFTER.match(text, end, min(len(text), end + 60)) is not None
                and _DETERMINER_BEFORE.search(text, max(0, start - 30), start) is not None)
    return _CITING_BEFORE.search(text, max(0, start - 20), start) is not None \
        or _GLOSS_AFTER.match(text, close, min(len(text), close + 12)) is not None


# What follows "the word", "a Hausa expression" when the term itself comes later: a slip of
# one of these is no term cited ("a Hausa expression meaing "may God grant success"")
_GLOSS_WORDS = ("meaning", "means", "for", "used", "coined", "that", "which")


def _slip_of_gloss_word(lower: str) -> bool:
    return any(damerau(lower, w, 1) == 1 for w in _GLOSS_WORDS)


_CAPITAL = lazy(r"\p{Lu}")


def _lowercased(doc) -> bool:
    """Whether ``doc`` is lower-cased throughout (see LOWERCASED_MAX_SHARE); once per text."""
    got = doc.__dict__.get("_lowercased")
    if got is None:
        text = doc.text
        got = doc.__dict__["_lowercased"] = len(text) >= LOWERCASED_MIN_LENGTH and (
            len(_CAPITAL.findall(text)) < LOWERCASED_MAX_SHARE * len(text)
            or len(lowercase_signs().intersection(doc.word_keys(False))) >= LOWERCASED_SIGNS)
    return got


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is part of an address, handle, hashtag, domain or path."""
    if start and text[start - 1] in _GLUE_BEFORE:
        return True
    if end < len(text):
        ch = text[end]
        if ch in _GLUE_AFTER:
            return True
        if ch == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return True  # "example.com", "file.txt" (not the full stop of a sentence)
    return False


_LETTERS = lazy(r"[\p{L}\p{M}]+")
_PREFIXES = ("non", "re", "un", "pre", "post", "over", "under", "co", "anti", "mid", "multi", "inter",
             "semi", "sub", "super", "counter", "cross", "out", "mis", "de", "dis", "bi", "tri", "micro",
             "macro", "mega", "mini", "ex", "self", "pro", "up")
_APOSTROPHES = "'’"
_DERIVING = ("ization", "isation", "izing", "ising", "ized", "ised", "izes", "ises", "ize", "ise",
             "ifying", "ified", "ifies", "ify",  # ("promptify")
             # and agent nouns ("encryptor", "livestreamers"; "developor" stays a slip)
             "ors", "or", "ers")
_PARTICLES = {"up", "in", "on", "out", "off", "down", "over", "back", "away"}
# Words that end compounds after a name ("Tunis-based", "Iran-backed", "Kremlin-linked"):
# after a capitalised word and a hyphen, a slip of one of these is checked, where
# any other lowercase part is taken for a part of the name ("Teng-hui").
_COMPOUND_TAILS = frozenset("""based backed owned controlled linked funded born made held style
    related allied aligned affiliated listed registered flagged speaking dominated focused
    centred centered oriented inspired sponsored supported friendly bound built produced
    educated trained armed brokered imposed leaning run led""".split())
# Slips a capitalised proper word is corrected for: the keyboard kinds, not any edit
# (a name like "Arap" or "Rudman" is one or two edits from "Arab" or "Sudan").
_PROPER_EDITS = {"swap", "near-key", "doubled", "dropped-double", "dropped", "extra-near"}
_TYPICAL_EDITS = {"swap", "near-key", "doubled", "dropped-double"}
# Function words and auxiliaries head no closed compound a list would lack: a word that opens
# with one is a slip ("hadvests": "harvests", not "had" and "vests")
_NO_COMPOUND_HEADS = frozenset({"had", "has", "was", "were", "are", "been", "did", "does", "the", "and", "but",
                                "not", "his", "her", "its", "our", "their", "they", "she", "him", "them",
                                "you", "who", "that", "this", "than", "then", "with", "would", "could",
                                "should", "will"})
_NEVER_LAST = frozenset({"the", "a", "an", "and", "nor", "than", "its", "their", "our", "my", "your"})
_CLOSES_SENTENCE = lazy(r"['’\"”)\]]*[ \t]*(?:[.!?;:](?![\p{L}\p{N}])|\n|$)")
# Letters a speller writes for each other: vowels, and consonants voiced and not, or spelling
# the same sound ("extendet", "dollar"/"doller", "pursue"/"persue")
_ALIKE = frozenset(map(frozenset, ("td", "pb", "kg", "sz", "fv", "ck", "cs", "sc", "kq", "jg")))
_SPELLER_VOWELS = frozenset("aeiouy")


def _sounds_alike(typed: str, word: str) -> bool:
    """Whether the one letter substituted in ``typed`` for ``word``'s sounds like it (see _ALIKE)."""
    a, b = next((x, y) for x, y in zip(typed, word) if x != y)
    return (a in _SPELLER_VOWELS and b in _SPELLER_VOWELS) or frozenset((a, b)) in _ALIKE
# The only slips that change a first letter often enough to fix one safely (see _emit).
_FIRST_LETTER_EDITS = ("near-key", "swap")
_SHORT_SLIP_EDITS = {"swap", "doubled", "dropped-double", "dropped"}


_NUMBER_WORD_BEFORE = lazy(r"(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"twenty|thirty|forty|fifty|hundred|thousand))$")
# What follows a name's first word: a capitalised word, a name's apostrophe ("Jama'at"), or a
# surname particle and a capitalised word ("Sanne de Graaf", "Ruud van Nistelrooy").
_SURNAME_PARTICLES = "de|van|von|der|den|da|di|du|dos|das|del|della|ter|ten|bin|binti|bint|ibn|al|el|le|la"
_NAME_GOES_ON = lazy(r"[ \t]+\p{Lu}|['’]\p{Ll}{2}|(?:[ \t]+(?:" + _SURNAME_PARTICLES + r"))+[ \t]+\p{Lu}|"
                     r"[ \t]+(?:al|el|ad|ar|as|ash|at|az)-\p{Lu}")
# A word after an elided French article or a French particle: "Muséum national d’Histoire
# naturelle", "Banque de France", "Théâtre du Soleil"; or after an article that opens a
# sentence of another language ("Le gouvernement a dit non"; no English word is capitalised so).
_FOREIGN_BEFORE = lazy(r"(?:\b[dlDL]['’]\p{L}+|\b(?:[dD](?:e|u|es|ei|ella|el|er)|[lL](?:a|e|es)|et|und|y)\b)[ \t]+$")
# A species name's genus before its epithet: "Ciconia stormi", "(Aedes aegypti)", "E. coli".
# (Not after another capitalised word: "Mr Nakamura sais" is a name and a slip.)
_GENUS_BEFORE = lazy(r"(?<!\p{Lu}[\p{L}\p{M}.]*[ \t])"
                     r"(?:(?<![\p{L}\p{M}])(\p{Lu}\p{Ll}{2,})|(?<![\p{L}\p{M}.])\p{Lu}\.) $")
# How the epithets of species names end ("aegypti", "gambiae", "porosus", "elegans",
# "javanica", "guineensis", "princeps", "simplex"), and few English slips do.
_EPITHET_ENDINGS = ("us", "um", "ae", "i", "is", "ensis", "ica", "icus", "ana", "anus", "ina", "inus",
                    "ata", "atus", "ella", "ans", "ens", "ix", "oides", "ea", "ia", "eps", "ops", "ex")
# The word before a capitalised slip, where it may be part of the same name: another
# capitalised word or an initial ("Javier Espinosa Teran", "Thomas J. Albani"), or a
# particle of a name in another language ("Banque du Liban", "El Pais", "Banco de la Republica").
_CAP_WORD_BEFORE = lazy(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}]*\.?)[ \t]+$")
# Proper words (proper_en.txt) that news also writes in lower case as often, for another
# sense or by house style: a lowercase slip of one keeps its case ("a democatic country",
# "a strong parlament", "they may polsh it"); of the others it takes the capital ("chinna").
_LOWER_CASE_TOO = frozenset({"march", "may", "polish", "parliament", "congress", "senate", "republican",
                             "republicans", "democratic"})


def _offered(word: str, proper: dict, names) -> str:
    """How a suggestion for a lowercase slip is written: a name as a name (capitalised), a
    word news also writes in lower case as typed, another proper word in its usual case."""
    if word in names:
        return proper.get(word) or word.capitalize()
    return word if word in _LOWER_CASE_TOO else proper.get(word, word)


# A name's part joined by a lower-case link to the part before it: "Te Aitanga-a-Hauiti",
# "Stratford-upon-Avon", "Saint-Germain-des-Prés".
_LINKED_NAME_PART_BEFORE = lazy(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*[-‐](?:\p{Ll}{1,5}[-‐])+$")
# A particle and a capitalised word after a capitalised one: the name goes on ("Cuan na Rón",
# "Tír na nÓg", "Casa de Campo"); Irish puts a letter or two before the capital after "na".
_PARTICLE_NAME_AFTER = lazy(r"(?:[ \t]+(?:" + _SURNAME_PARTICLES + r"|na))+[ \t]+\p{Ll}{0,2}\p{Lu}")
_NAME_PARTICLE_BEFORE = lazy(r"(?<![\p{L}\p{M}])(?i:de|du|des|da|do|dos|das|di|del|della|la|le|les|el|al|"
                             r"von|van|der|den|y)[ \t]+$")
_SURNAME_AFTER = lazy(r"[ \t]+(\p{Lu}\p{Ll}+)(?![\p{L}\p{M}])")
_WORD = lazy_re(r"[^\W\d_]+")
_LOWER_PART = lazy(r"\p{Ll}+(?![\p{L}\p{M}])")
_LOWER_PART_BEFORE = lazy(r"(?<![\p{L}\p{M}])\p{Ll}+$")
_CAP_BEFORE = lazy(r"\p{Lu}[\p{L}.]*[ \t]+$")
_CAP_AFTER = lazy(r"[ \t]+\p{Lu}")


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "&"})


def _spelled_out_before(text: str, start: int, lower: str) -> bool:
    """Whether ``lower`` abbreviates the words just before it and a comma or an opening
    bracket ("monetary compensatory amounts, mcas", "value added tax (vat"): its letters,
    less a plural "s", are their initials, small words ("of", "and") counted or not."""
    before = text[max(0, start - 120):start].rstrip(" \t")
    if not before.endswith((",", "(")):
        return False  # (most words: one test)
    words = []
    for w in reversed(before[:-1].split()):
        if not w.isalpha() and w != "&":
            break
        words.append(w.lower())
    words.reverse()
    for stem in {lower, lower[:-1]} if lower.endswith("s") else {lower}:
        if len(stem) < 2:
            continue
        for kept in (words, [w for w in words if w not in _SMALL_WORDS]):
            if len(kept) >= len(stem) and "".join(w[0] for w in kept[-len(stem):]) == stem:
                return True
    return False


def _between_names(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) stands between two capitalised words (for short
    particles: "des", "von", "fuer", which are short, unlike slips worth fixing there)."""
    return _CAP_BEFORE.search(text, max(0, start - 40), start) is not None and \
        _CAP_AFTER.match(text, end, min(len(text), end + 3)) is not None


_ONSET = lazy(r"y?[^aeiouy]*")
_LETTERS_BEFORE = lazy(r"[\p{L}\p{M}]+$")
_REDUPLICATED_ENDINGS = ("", "s", "es", "ing", "ed")


def _reduplicated(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is one half of a hyphened rhyming or vowel-changing
    pair ("helter-skelter", "willy-nilly", "argy-bargy", "criss-crossing", "wishy-washy"):
    English forms them from parts that are no words alone, and a slip seldom rhymes with
    its neighbour."""
    if end < len(text) and text[end] in "-‐":
        m = _LETTERS.match(text, end + 1)
        if m is None:
            return False
        first, second = text[start:end], m.group()
    elif start and text[start - 1] in "-‐":
        m = _LETTERS_BEFORE.search(text, max(0, start - 41), start - 1)
        if m is None:
            return False
        first, second = m.group(), text[start:end]
    else:
        return False
    return _reduplicative(first.lower(), second.lower())


def _reduplicative(first: str, second: str) -> bool:
    for ending in _REDUPLICATED_ENDINGS:  # the pair's ending goes on its second half
        if not second.endswith(ending):
            continue
        stem = second[:len(second) - len(ending)]
        if len(first) < 3 or len(stem) < 3 or first == stem:
            continue
        rime = first[_ONSET.match(first).end():]
        if len(rime) >= 2 and rime == stem[_ONSET.match(stem).end():]:
            return True  # "hurly-burly", "okey-dokey", "heebie-jeebies"
        if len(first) == len(stem):
            changed = [i for i in range(len(first)) if first[i] != stem[i]]
            if len(changed) == 1 and first[changed[0]] in _VOWELS and stem[changed[0]] in _VOWELS:
                return True  # "zig-zag", "shilly-shally", "knick-knacks"
    return False


def _species_epithet(text: str, start: int, word: str) -> bool:
    """Whether the lowercase ``word`` at ``start`` is the second word of a species name: it
    ends as epithets do, and follows a genus ("Ciconia stormi", "Aedes aegypti", "E. coli"):
    a capitalised word that is no common word (Zipf below GENUS_MAX_ZIPF) nor a proper word,
    or an initial."""
    if len(word) < 4 or not word.endswith(_EPITHET_ENDINGS):
        return False
    m = _GENUS_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    genus = m.group(1)
    if genus is None:
        return True
    # (a four-letter word after a name is a slip more often than an epithet: "Nakamura sais";
    # so is one a typical slip from a common word: "Nordic countris")
    lex = english()
    return len(word) > 4 and lex.frequency(genus.lower()) < GENUS_MAX_ZIPF and genus.lower() not in proper_words() \
        and not any(_typical_slip(word, s) and lex.frequency(s.word) >= EPITHET_SLIP_ZIPF
                    for s in lex.suggest(word, limit=3, max_distance=1))


def _quotation_bounds(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Where the quotation holding the word at [start, end) opens and closes (its marks), and
    where its paragraph ends; None where the word stands in no quotation closed in it."""
    para = text.rfind("\n", 0, start) + 1
    if not _quotation_open(text[para:start]):
        return None
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    close = min((i for i in (text.find("”", end, stop), text.find('"', end, stop)) if i >= 0), default=-1)
    if close < 0:
        return None
    return max(text.rfind("“", para, start), text.rfind('"', para, start)), close, stop


def _quoted_words(text: str, start: int, end: int) -> list[str] | None:
    """The words (lower case) of the quotation holding the word at [start, end), or None."""
    bounds = _quotation_bounds(text, start, end)
    return None if bounds is None else [w.lower() for w in _WORD.findall(text, bounds[0] + 1, bounds[1])]


def _quotation_open(before: str) -> bool:
    """Whether a quotation opened in ``before`` (a paragraph up to some point) is still open."""
    return before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1


def _glossed_quotation(text: str, start: int, end: int, foreign) -> bool:
    """Whether the word at [start, end) stands in a quotation glossed by a dash after it
    (see _DASH_AFTER_QUOTE): the quotation is another language's, translated.  Said to mean
    something instead (_MEANING_AFTER_QUOTE), it must hold another word ``foreign`` takes
    for another language's: an English gloss is quoted and explained too ('translates as
    "here, everything is done with our fingernails," meaning with the barest of means')."""
    bounds = _quotation_bounds(text, start, end)
    if bounds is None:
        return False
    opened, close, stop = bounds
    if _DASH_AFTER_QUOTE.match(text, close + 1, stop):
        return True
    if _MEANING_AFTER_QUOTE.match(text, close + 1, stop):
        word = text[start:end]
        if any(w != word and foreign(w) for w in _WORD.findall(text, opened + 1, close)):
            return True
    m = _SENTENCE_END.search(text, close + 1, stop)
    return _DASH_QUOTE.search(text, close + 1, m.start() if m else stop) is not None


def _typical_two_edits(typed: str, word: str) -> bool:
    """Whether one of two edits from ``word`` to ``typed`` can be a typical slip (a
    neighbouring key, a swap, a doubled, undoubled or dropped letter, an extra letter by its
    key), by some string one edit from both ("exchng": two letters dropped; "adequit" for
    "adequate": one dropped)."""
    for mid in edits1(typed):
        second = classify(typed, mid)
        first = classify(mid, word)
        if first is not None and second is not None and (first in _PROPER_EDITS or second in _PROPER_EDITS):
            return True
    return False


def _part_before(text: str, hyphen: int) -> str:
    """The letters right before the hyphen at ``hyphen``."""
    i = hyphen
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:hyphen]


def _name_part_before(text: str, hyphen: int) -> bool:
    """Whether the word before the hyphen at ``hyphen`` is capitalised."""
    return _part_before(text, hyphen)[:1].isupper()


def _first_apostrophe(tok: str) -> int:
    """Where the first apostrophe of ``tok`` is, or -1."""
    i = tok.find("'")
    j = tok.find("’")
    return j if i < 0 or 0 <= j < i else i


def _without_accents(word: str) -> str:
    """``word`` with its combining marks dropped ("résumé" -> "resume", "mêlée" -> "melee")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _letters_only(word: str) -> bool:
    """``_LETTERS.fullmatch(word)``: letters and marks alone (an ASCII word: A-Za-z alone)."""
    if word.isascii():
        return word.isalpha()
    return _LETTERS.fullmatch(word) is not None


def _loan_key(word: str) -> str:
    """How a word of a loan phrase is compared: lower case, no accents, straight apostrophes."""
    if word.isascii():
        return word.lower()
    return _without_accents(word.lower()).replace("’", "'")


@lru_cache(maxsize=1)
def loanwords() -> frozenset[str]:
    """data/loanwords_en.txt: words of other languages news uses as they are ("marae",
    "tehsil", "iftar"), known but never suggested."""
    return frozenset(data_lines("loanwords_en.txt"))


@lru_cache(maxsize=1)
def loan_phrases() -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Each word of data/loan_phrases_en.txt (as _loan_key has it) -> the phrases holding
    it, each with the word's place in it."""
    index: dict[str, list] = {}
    for line in data_lines("loan_phrases_en.txt"):
        words = tuple(_loan_key(w) for w in _LOAN_SEPARATOR.split(line))
        for k, w in enumerate(words):
            index.setdefault(w, []).append((words, k))
    return {w: tuple(v) for w, v in index.items()}


# A word of a loan phrase as the text has it ("d'être", "maître d'"), and what may stand
# between two of them: spaces or hyphens alone, so no punctuation falls inside a phrase.
_LOAN_WORD = lazy_re(r"[^\W\d_]+(?:['’][^\W\d_]*)*")
_LOAN_SEPARATOR = lazy_re(r"[\s\-‐\u00a0]+")


def _in_loan_phrase(text: str, start: int, key: str) -> bool:
    """Whether the word at ``start`` (``key`` as _loan_key has it) stands in one of the loan
    phrases holding it ("in situ", "laissez-faire")."""
    entries = loan_phrases().get(key)
    if not entries:
        return False
    lo = max(0, start - 60)
    window = text[lo:start + 60]
    spans = [m.span() for m in _LOAN_WORD.finditer(window)]
    here = next((i for i, (s, _) in enumerate(spans) if s == start - lo), None)
    if here is None:
        return False
    for words, k in entries:
        first = here - k
        if first < 0 or first + len(words) > len(spans):
            continue
        span = spans[first:first + len(words)]
        if all(_loan_key(window[s:e]) == w for (s, e), w in zip(span, words)) and \
                all(_LOAN_SEPARATOR.fullmatch(window[a[1]:b[0]]) for a, b in zip(span, span[1:])):
            return True
    return False


@lru_cache(maxsize=1)
def proper_words() -> dict[str, str]:
    """lowercase -> usual form of the proper words whose slips are caught."""
    return {w.lower(): w for w in data_lines("proper_en.txt")}


# Proper words that are also everyday lowercase words ("may", "china", "polish", "a party
# congress", "democratic reforms"): their lowercase use says nothing about the text's case.
_ALSO_COMMON = frozenset({"may", "march", "august", "china", "turkey", "jordan", "georgia", "polish", "english",
                          "french", "dutch", "swiss", "arctic", "congress", "parliament", "senate", "republican",
                          "republicans", "democrat", "democrats", "democratic", "christian", "christians",
                          "catholic", "easter", "chile"})


@lru_cache(maxsize=1)
def lowercase_signs() -> frozenset:
    """Proper words written lower-case only where a text lower-cases its names ("venezuela",
    "monday"): see _lowercased."""
    return frozenset(proper_words()) - _ALSO_COMMON


@lru_cache(maxsize=1)
def _language_names() -> frozenset:
    return frozenset(data_lines("languages_en.txt"))


@lru_cache(maxsize=1)
def _language_named():
    """Three patterns for a language named as one (data/languages_en.txt; see
    tools/build_languages.py): "in Sardinian we say", "known in Catalan as" -- not "in
    Spanish politics", "in Latin America" --; "the Faroese word", "an old Faroese unit"; and
    a quotation it introduces, 'a French "passeport talent"'."""
    names = "|".join(sorted(map(regex.escape, _language_names()), key=lambda n: (-len(n), n)))
    speaking = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}])(?i:in)[ \t]+(?:{names})(?:[ \t]*[,;:)\"”’]|[ \t]+(?:as|we|they|you|one|people"
        rf"|it|is|was|means|meaning|for|the[ \t]+word|that|this)(?![\p{{L}}\p{{M}}]))")
    naming = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}])(?:{names})[ \t]+(?:\p{{Ll}}+[ \t]+)?(?:word|term|name|unit|phrase|expression"
        rf"|saying|proverb|greeting)s?(?:[ \t]+for)?(?![\p{{L}}\p{{M}}])")
    quoting = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{names})[ \t]+[\"“‘]")
    return speaking, naming, quoting


@lru_cache(maxsize=1)
def names_near_proper() -> frozenset:
    """People's names one slip from a proper word ("Irfan": "Iran", "Koren": "Korean"), from
    data/names_near_proper_en.txt (see tools/build_name_collisions.py)."""
    return frozenset(data_lines("names_near_proper_en.txt"))


@lru_cache(maxsize=1)
def proper_only() -> frozenset:
    """Words of the list that English writes capitalised only ("tampa", "jackie"), from
    data/proper_only_en.txt (see tools/build_proper_only.py)."""
    return frozenset(data_lines("proper_only_en.txt"))


@lru_cache(maxsize=1)
def pack_names() -> frozenset:
    """Capitalised words of names the built-in Names packs know that the word list lacks
    (data/names_en.txt): accepted as written, never offered as suggestions."""
    return frozenset(map(straight_apostrophes, data_lines("names_en.txt")))


def _pack_name(word: str, tok: str) -> bool:
    names = pack_names()
    return word in names or straight_apostrophes(tok) in names


@lru_cache(maxsize=1)
def _proper_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for low in proper_words():
        for key in {low} | {low[:i] + low[i + 1:] for i in range(len(low))}:
            index.setdefault(key, []).append(low)
    return index


@lru_cache(maxsize=4096)
def proper_candidates(lower: str) -> tuple:
    """Proper words one edit from ``lower``, as suggestions (a dozen lookups, not hundreds)."""
    from ..lexicon import Suggestion, classify, edit_bonus

    index = _proper_index()
    lex = english()
    seen = set()
    out = []
    for key in {lower} | {lower[:i] + lower[i + 1:] for i in range(len(lower))}:
        for cand in index.get(key, ()):
            if cand not in seen and cand != lower:
                seen.add(cand)
                kind = classify(lower, cand)
                if kind is not None:
                    out.append(Suggestion(lex.frequency(cand) + edit_bonus(lower, cand, kind), cand, 1, kind))
    out.sort(key=lambda s: (-s.score, s.word))
    return tuple(out)


@lru_cache(maxsize=1)
def common_forms() -> tuple | None:
    """The lowercase and capitalised forms of the listed words at least
    :data:`COMMON_FORMS_ZIPF` common that :meth:`Spelling._classify` files as needing no
    look, for a check with no accept or reject list (see :meth:`Spelling.take_common_forms`).

    Derived from the word list alone, by the classifier itself, and cached on disk beside
    the lexicon's other tables, under the list's digest and the fingerprint of normlint's
    code and data files (so a new list, accept file or classifier builds it again).  None
    where no rule cache is kept: building it costs ~0.3 s, more than one run gains.
    """
    from ..rulecache import cache_dir, code_fingerprint

    if cache_dir() is None:
        return None
    forms = english().derived(f"forms_{COMMON_FORMS_ZIPF}_en", code_fingerprint().encode(), _sort_common_forms)
    # a tuple, not a set: the forms end up in each check's set of forms needing no look,
    # and a second hash table of them would cost as much memory again
    return tuple(forms.split("\n")) if forms else ()


def _sort_common_forms() -> str:
    check = object.__new__(Spelling)
    check.vocab = Vocab()
    check.lexicon = english()
    check.builtin = builtin_accept()
    check._cache = {}
    check._forget_common_forms()
    check._reset_surface()
    for word, zipf in sorted(check.lexicon.zipf.items()):
        if zipf >= COMMON_FORMS_ZIPF:
            check._classify(word)
            check._classify(word[:1].upper() + word[1:])
    return "\n".join(sorted(check._ok))


# How many words either side of a slip another unknown word makes it a question (see
# Spelling._unknown_nearby).
FOREIGN_REACH = 3
#: ...unless it is a word this long that the story uses again: a term of its subject
TERM_MIN_LENGTH = 6
#: words of another language follow a language named as one ("In Sardinian we say su
#: casu": 3 words between), or a language's word or term straight away ("the Faroese word
#: for it, skinn" is an apposition of its own)
LANGUAGE_SPOKEN_REACH = 3
LANGUAGE_NAMED_REACH = 1
#: ...unless that word is a typical slip of a word this common ("peep" for "pepe" is not one)
PLAIN_SLIP_MIN_ZIPF = 3.0
#: a quotation this short with no word this common (Zipf: "the", "we", "no", "black") and
#: a word the check does not know is another language's (see Spelling._foreign_quotation)
QUOTE_MAX_WORDS = 12
#: an article whose quotations hold this many words the check does not know quotes speech
#: written as it sounds: a slip in a quotation there is a question
DIALECT_WORDS = 8
QUOTE_ENGLISH_ZIPF = 5.5
#: ...and the unknown word is no longer than this
FOREIGN_MAX_LENGTH = 8
_ROMANCE_ENDINGS = frozenset("aio")
# How many words of another language make an article one written in two (see
# Spelling._multilingual): 5 of corpus A's 16,473 articles have as many.
MULTILINGUAL_WORDS = 5
#: ...where an untypical slip of a word this long or shorter is a question (a longer word
#: has too few neighbours for another language's word to sit one slip away: "settelement")
MULTILINGUAL_MAX_LENGTH = 7
# a slip of a word this common is fixed even where its ending looks foreign ("belowe")
ENDING_MAX_ZIPF = 5.0
# a letter before a word this common is a slip, not a prefix or a blend ("itheir" is "their")
BLEND_MAX_ZIPF = 5.0
# ... unless it is the last of the word before, split off by a space typed early, which
# makes that word this much commoner ("the ne wmodels")
SPACE_EARLY_GAIN = 1.0
# the regular endings of an inflected word, and how long and common its stem must be
_INFLECTIONS = ("ing", "ed", "ers", "er", "es", "s")
INFLECTED_MIN_STEM = 4
INFLECTED_MIN_ZIPF = 3.5
# The in-context bonus is whole for a word an article this long uses by chance this often
# or less (see _Others.bonus).
CONTEXT_CHANCE_FREE = 0.25
# English text runs about six characters a word, with its space and punctuation.
CHARS_PER_WORD = 6.0
# A pass of str.find over a text costs about a fiftieth of counting all its words.
_SCANS_BEFORE_COUNTING = 50
# A maximal run of str.isalnum characters (the stdlib's \w is exactly isalnum and '_').
_ALNUM_RUN = lazy_re(r"[^\W_]+")


class _ArticleWords:
    """How often the article uses a word, and whether it uses it at all, asked only
    for the few words that matter (counting every token of every article costs more
    than the whole dictionary lookup)."""

    def __init__(self, text: str, parts: set | None = None):
        self.lower = text.lower()
        self.size = len(text) / CHARS_PER_WORD  # (about how many words it has)
        self._counts: dict[str, int] = {}
        # Document.lower_parts of a plain text: it holds every ASCII-letters word the text
        # uses whole (a run of letters between characters that are not letters or digits
        # is a token or a part of one between apostrophes), so a word it lacks counts 0
        # without a scan (most suggestions a report weighs are not in the article).
        self._parts = parts
        # Every word asked costs a pass over the text; in a long file of many stories those
        # passes add up to more than counting every run of letters and digits once.
        self._scans = 0
        self._runs: collections.Counter | None = None

    @classmethod
    def of(cls, doc) -> "_ArticleWords":
        """The counts of ``doc``'s text, with its word set as the shortcut where it is plain."""
        return cls(doc.text, doc.lower_parts if doc.plain else None)

    def __getitem__(self, word: str) -> int:
        n = self._counts.get(word)
        if n is None:
            n = 0
            parts = self._parts
            if parts is not None and word not in parts and word.isalpha() and word.isascii():
                self._counts[word] = 0
                return 0
            text, size = self.lower, len(word)
            if word.isalnum():
                if self._runs is None and self._scans > _SCANS_BEFORE_COUNTING:
                    self._runs = collections.Counter(_ALNUM_RUN.findall(text))
                if self._runs is not None:
                    n = self._counts[word] = self._runs[word]
                    return n
            self._scans += 1
            i = text.find(word)
            while i != -1:
                j = i + size
                if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
                    n += 1
                i = text.find(word, j)
            self._counts[word] = n
        return n

    def __contains__(self, word: str) -> bool:
        return self[word] > 0


class _Others:
    """The article's words other than one (for the in-context bonus)."""

    def __init__(self, words: _ArticleWords, but: str):
        self.words, self.but = words, but

    def __contains__(self, word: str) -> bool:
        return word != self.but and word in self.words

    def bonus(self, word: str) -> float:
        if word == self.but:
            return 0.0
        n = self.words[word]
        if not n:
            return 0.0
        zipf = english().frequency(word)
        # A word any article of this length would likely use tells little by being here.
        # The chance of that: "with" in 600 words 0.9, "which" 0.5, "field" 0.07.  Past
        # CONTEXT_CHANCE_FREE, the bonus shrinks with it ("in wich" is not read as "in with"
        # for the story's five "with"s); below, it stays whole (the safe margins were set so).
        chance = 1.0 - math.exp(-self.words.size * 10.0 ** (zipf - 9.0))
        weight = min(1.0, (1.0 - chance) / (1.0 - CONTEXT_CHANCE_FREE))
        # (every article says "with" three times: that tells nothing about "wich")
        often = n >= 3 and zipf < OFTEN_MAX_ZIPF
        return IN_CONTEXT_BONUS * weight + (OFTEN_IN_CONTEXT_BONUS if often else 0.0)


class _Verdict:
    """What the per-process cache remembers about one lowercase word."""

    __slots__ = ("known", "suggestions", "near", "rare_slip")

    def __init__(self, known: bool, suggestions=None):
        self.known, self.suggestions = known, suggestions
        self.near = None  # one-edit suggestions only (all a capitalised word needs)
        self.rare_slip = None  # for a rare known word: the common word it is likely a slip of


class Spelling(Check):
    kind = "spelling"
    keys = frozenset({"variant", "mixed", "accept", "reject"})
    can_fix = True
    default_fix = SAFE
    defers = True

    def compile(self):
        self.variant = self.rule.get("variant", "any")
        if self.variant not in ("any", "british", "american"):
            raise self.rule.error("'variant' must be any, british or american", "variant")
        self.mixed = self._bool("mixed", True)
        self.vocab = Vocab()
        for key, target in (("accept", self.vocab.accept), ("reject", self.vocab.reject)):
            raw = self.rule.get(key)
            if raw is None:
                continue
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                raise self.rule.error(f"'{key}' must be a list of words or patterns", key)
            for entry in raw:
                try:
                    target.add(entry, self.rule.path)
                except Exception as exc:  # a bad regex names the rule file and key
                    raise self.rule.error(str(exc), key) from None
        self.lexicon = english()
        self.builtin = builtin_accept()
        # per-process caches: lowercase word -> verdict (each distinct word is looked up
        # once), and the surface forms that need no second look
        self._cache: dict[str, _Verdict] = {}
        self._forget_common_forms()
        self._reset_surface()

    def _forget_common_forms(self) -> None:
        # The forms of common words sorted ahead of any text (see take_common_forms): None
        # until taken on, after ``_sorted`` tokens sorted here.  They are kept in ``_ok``
        # (one set difference per article, not two), but do not count towards the memo's
        # bound, and stay when it starts over.
        self._common: tuple | None = None
        self._sorted = 0

    def prepare_bulk(self) -> None:
        """Load what a long run uses, before a bulk run forks its workers (they share it):
        the table of common words' forms, the lexicon's searches' tables and filters
        (built and cached on disk by the first such run if they are not cached yet) and the
        language-name patterns."""
        self.lexicon.load_tables()
        self.take_common_forms()
        self.lexicon.near_table(SENTENCE_START_MIN_ZIPF)
        self.lexicon.two_edit_filter(build=True)
        self.lexicon.one_edit_filter(build=True)
        _language_named()  # (a few hundred alternatives: 20 ms to compile, once, not per worker)

    def take_common_forms(self) -> None:
        """Take on :func:`common_forms`, less this check's reject list.  (Its accept list
        changes nothing there: an accepted form is filed as needing no look too.)"""
        table = common_forms() or ()
        reject = self.vocab.reject
        if reject:
            table = tuple([t for t in table if t not in reject])
        self._common = table
        self._ok.update(table)  # (in place: ``_never`` is the same set)

    def _reset_surface(self) -> None:
        # Per-process sorting of surface forms (tokens), each decided once, independent of
        # any article: ``_ok`` needs no look at all; ``_never`` could be reported in no article
        # (a name with no common neighbour, an unknown word with no suggestion);
        # ``_vok`` (token -> lowercase word) matters only as one form of a British/American
        # pair; ``_maybe`` must be examined where it stands.  An article whose tokens are
        # all ok or never (the common case) is settled by set operations alone.
        # Common words' forms sorted ahead of any text (see take_common_forms) start it off.
        self._ok: set[str] = set(self._common or ())
        # one set with ``_ok``: a run skips both alike, with one C-level difference
        self._never = self._ok
        self._vok: dict[str, str] = {}
        self._maybe: set[str] = set()

    def bind(self, config) -> "Spelling":
        """A copy bound to the project's vocab folders and [spelling] settings."""
        folders = vocab_folders(config)
        settings = config.table("spelling") or {}
        variant = settings.get("variant") if isinstance(settings, dict) else None
        if not folders and variant is None:
            return self
        from ..errors import ConfigError

        if not isinstance(settings, dict) or set(settings) - {"variant"} or \
                variant not in (None, "any", "british", "american"):
            raise ConfigError(config.path, "[spelling] takes only variant = \"any\" | \"british\" | \"american\"")
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        if variant is not None:
            clone.variant = variant
        if folders:
            project = load_vocab(folders, str(config.path or ""))
            merged = Vocab()
            for src in (self.vocab, project):
                merged.accept.update(src.accept)
                merged.reject.update(src.reject)
            clone.vocab = merged
            clone._cache = {}
            clone._forget_common_forms()
            clone._reset_surface()
        return clone

    # -- lookups ------------------------------------------------------------
    def _known(self, word: str) -> bool:
        lex = self.lexicon
        # (the set itself once built: this runs for every distinct word a run meets)
        listed = lex.members()
        if word in listed or word in self.builtin or word in loanwords():
            return True
        if not word.isascii():
            # An accent a house style may drop is no misspelling ("café", "résumé", "rosé",
            # "attaché": their ASCII forms are other words, or the same one respelt).
            plain = _without_accents(word)
            if plain != word and plain.isascii():
                return self._known(plain)
        # Forms the list lacks of words it has: the other of -ise/-ize
        # ("vitalising", "monopolises"), accepted outright as a spelling, not a
        # guess; plurals ("refinancings") and -d past forms ("collateralized"),
        # accepted unless a common word other than their base is one slip away
        # ("froms" is "forms", "warrents" is "warrants").
        for a, b in (("is", "iz"), ("iz", "is")):
            k = word.rfind(a)
            if k >= 3 and word[k + 2:] in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers") \
                    and word[:k] + b + word[k + 2:] in listed:
                return True
        # The British "ae"/"oe" of a listed American spelling ("haemorrhagic", "oesophageal").
        if ("ae" in word or "oe" in word) and american_of_ligature(word, listed) is not None:
            return True
        base = None
        n = len(word)
        if n > 4 and word.endswith("s") and word[-2] not in "sxz'" and word[:-1] in listed \
                and not (word[-2] == "y" and word[-3] not in "aeiou"):
            base = word[:-1]
        elif n > 5 and word.endswith("d") and word[-2] == "e" and word[:-1] in listed:
            base = word[:-1]
        elif n > 5 and word.endswith("oed") and word[:-2] in listed:
            base = word[:-2]  # a noun in "-o" made a verb: "frescoed", "stuccoed"
        elif n > 7 and word.endswith(("elled", "alled", "elling", "alling", "eled", "aled", "eling", "aling")):
            # a word in "-el" or "-al" inflected, its "l" doubled the British way or not:
            # "corbelled", "corbeling", "pedalled" (the list has "travelled", not every such
            # form) -- where the list has neither way: it has the one English writes of a
            # stressed "-el" ("compelled", not "compeled") and of "paralleled"
            doubled = word.endswith(("lled", "lling"))
            stem = word[:word.rindex("l") + 1 - doubled]
            other = stem + word[len(stem) + 1:] if doubled else stem + "l" + word[len(stem):]
            if stem in listed and other not in listed:
                base = stem
        # Closed compounds and prefixed forms ("soymeal", "signup", "nonbank").
        shaped = False
        prefixed = None  # the known word after a prefix
        if base is None:
            for i in range(3, n - 1):
                tail = word[i:]
                if (n - i >= 4 or (tail in _PARTICLES and i >= 4)) and tail in listed and word[:i] in listed \
                        and lex.frequency(word[:i]) >= 3.0 and lex.frequency(tail) >= 3.0 \
                        and word[:i] not in _NO_COMPOUND_HEADS:
                    shaped = True
                    break
            # (tried even where a compound is found: "upskilled" is "up" and "skilled",
            # whatever "ups" and "killed" make of it)
            if word.startswith(_PREFIXES):
                for p in _PREFIXES:
                    if not word.startswith(p) or n - len(p) < 4:
                        continue
                    rest = word[len(p):].lstrip("-")
                    if rest in listed or (n - len(p) >= 6 and self._inflected(rest) is not None):
                        # a listed word, or a common one inflected ("rewilded", "rebadging")
                        shaped = True
                        prefixed = rest
                        break
            if not shaped:
                # a verb or noun made of a common word ("dollarized", "weaponise")
                for suffix in _DERIVING:
                    if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                        stem = word[:-len(suffix)]
                        # (a noun in -y loses it: "commoditized" is "commodity" made a verb)
                        if any(s in listed and lex.frequency(s) >= 3.0
                               for s in ((stem, stem + "y") if suffix[0] == "i" else (stem,))):
                            shaped = True
                            break
            if not shaped:
                return False
        # Only a word at least NEAR_ZIPF common one edit away can make it unknown (below),
        # and not by a far key at its first letter (see _emit: "dollarized" is no slip of
        # "polarized").
        if lex.indexed_neighbours(word) == []:
            return True
        best = [s for s in lex.suggest(word, limit=3, max_distance=1)
                if s.word[:1] == word[:1] or s.edit in _FIRST_LETTER_EDITS][:1]
        if not best or best[0].word == base:
            return True
        b = best[0].word
        if base is not None and base == word[:-1] and word[-1] == "s" and best[0].edit not in _PROPER_EDITS \
                and base not in proper_only():
            # a listed noun's plural is its own, unless a typing slip makes it of a common word
            # ("froms": "forms", swapped); a stray letter does not ("winzes" is no "wines")
            return True
        if prefixed is not None and any(b.startswith(p) and b[len(p):] == prefixed for p in _PREFIXES):
            # another prefix: "delisted" beside "relisted", "destocking" beside "restocking",
            # "upskilled" beside "unskilled"
            return True
        if base is not None and base == word[:-1] and word[-1] == "s" and b[:-1] == base:
            return True  # a listed noun's plural, not a slip at its last letter ("quants": "quanta")
        # A long prefixed word is no slip of a word one far key away ("retiming": "retiring",
        # "remarket": "remarked"); typing slips hit neighbouring keys.  Not so a compound
        # (spelling slips of common words read as two words: "warrents", "banlance"), nor a
        # vowel written for another (the commonest spelling slip: "recommanded"), nor "ex"
        # or a rare word after the prefix ("exchances", "prelimitary": slips that merely
        # look prefixed).
        typical = best[0].edit != "other-key" or n < FORMED_FAR_KEY_LENGTH or prefixed is None \
            or word[:n - len(prefixed)] == "ex" or lex.frequency(prefixed) < 3.0 \
            or _vowel_for_vowel(word, b)
        return not (best[0].distance == 1 and lex.frequency(b) >= NEAR_ZIPF and typical)

    def _two_words(self, word: str) -> bool:
        """Whether ``word`` reads as two common words run together ("soyoil"): such a
        word is not offered two-edit corrections ("soil")."""
        lex = self.lexicon
        return any(word[:i] in lex and word[i:] in lex and lex.frequency(word[:i]) >= 3.0
                   and lex.frequency(word[i:]) >= 3.0 for i in range(3, len(word) - 2))

    def _verdict(self, word: str) -> _Verdict:
        v = self._cache.get(word)
        if v is None:
            v = _Verdict(self._known(word))
            lex = self.lexicon
            if not v.known and not word.isascii():
                # An unknown word with a letter an English keyboard does not type ("trên",
                # "mặt", "nổi" in a Vietnamese title) is a foreign word, not a slip of an
                # English one: no suggestion (a capitalised one may still be a proper word's)
                v.suggestions = v.near = ()
            if v.known and len(word) >= 5 and lex.rare(word) and any(
                    lex.frequency(w) >= RARE_SLIP_TARGET_ZIPF
                    for w in lex.common_neighbours(word, SENTENCE_START_MIN_ZIPF)):
                # "billon" is a word, but in news it is "billion" with a key dropped (most
                # rare words have no word that common one edit away: the search above,
                # a dozen lookups in the table of words of Zipf 4 or more, spares them
                # suggest()'s hundreds)
                for s in lex.suggest(word, limit=3, max_distance=1):
                    # (not across the first letter, where slips are rarest: "rebook" is no
                    # "ebook" with a stray "r")
                    if s.edit in _PROPER_EDITS and lex.frequency(s.word) >= RARE_SLIP_TARGET_ZIPF \
                            and (s.word[:1] == word[:1] or s.edit in _FIRST_LETTER_EDITS):
                        if not inflects_common(lex, word, lex.frequency(s.word)):
                            v.rare_slip = s
                        break
            self._cache[word] = v
        return v

    def _suggest(self, word: str, verdict: _Verdict, context, left=None, right=None, one_edit=False) -> list:
        # Only the context-free list is cached per word; the article's own words
        # and the neighbours of this occurrence re-rank it each time (cheap).
        # Capitalised words only ever take one-edit suggestions, which spares
        # the costlier two-edit search for the many names in news copy.
        if one_edit:
            if verdict.near is None:
                verdict.near = tuple(self.lexicon.suggest(word, limit=8, max_distance=1))
            found = verdict.near
        else:
            if verdict.suggestions is None:
                verdict.suggestions = tuple(self.lexicon.suggest(word, limit=8))
            found = verdict.suggestions
        return self.lexicon.rerank(found, context, left, right)

    # -- sorting surface forms --------------------------------------------------
    def _classify(self, tok: str) -> None:
        """File ``tok`` under ok, never, vok or maybe: the token loop below (:meth:`_scan`)
        with every test that depends on where the token stands taken as passed."""
        word = tok
        cut = -1
        if "'" in tok or "’" in tok:
            cut = _first_apostrophe(tok)
            if cut > 0:
                word = tok[:cut]
        if word in self.vocab.reject:
            self._maybe.add(tok)
            return
        lower = word.lower()
        gb_us, us_gb = variant_pairs()
        variant = lower in gb_us or lower in us_gb
        if cut < 0 and not variant and self._listed_not_rare(lower):
            # Every way below files such a token as harmless: whatever its shape, a listed
            # word that is not rare is known and no slip (half the tokens a worker first
            # meets are such words, outside the table of common forms).
            self._ok.add(tok)
            return
        if not _letters_only(word) or word in self.vocab.accept or tok in self.vocab.accept \
                or len(word) < 3 or (word.isupper() and len(word) > 1):
            return self._harmless(tok, lower, variant)
        if word.islower():
            title = False
        elif word[0].isupper() and word[1:].islower():
            title = True
        else:
            return self._harmless(tok, lower, variant)
        if title and not variant and _pack_name(word, tok):
            self._ok.add(tok)
            return
        if title and cut < 0 and not variant and self._filed_as_name(tok, lower):
            return
        verdict = self._verdict(lower)
        if verdict.rare_slip is not None and not title:
            self._maybe.add(tok)
        elif (cut > 0 and self._listed_whole(tok)) or verdict.known:
            if verdict.rare_slip is None or variant:
                self._harmless(tok, lower, variant)
            else:
                self._never.add(tok)  # a capitalised rare word: only lowercase ones are taken as slips
        elif variant:
            self._maybe.add(tok)
        elif title:
            # A capitalised unknown word is reported for a proper word one slip away, or,
            # opening a sentence, for a common word one edit away (see _report).
            # (Both searches start from the word and its one-letter deletions; most names
            # share none of them with any proper word's, which one C-level test tells.)
            keys = _deletes(lower)
            keys.add(lower)
            if (not _proper_index().keys().isdisjoint(keys) and proper_candidates(lower)) or \
                    self._sentence_start_candidates(lower, verdict, keys):
                self._maybe.add(tok)
            else:
                self._never.add(tok)
        elif self._no_suggestions(lower, verdict):
            self._never.add(tok)
        else:
            self._maybe.add(tok)

    def _filed_as_name(self, tok: str, lower: str) -> bool:
        """File a capitalised word (no apostrophe, no British/American form) as the branches
        of :meth:`_classify` below would, and say so.  It is examined where it stands only
        when it is unknown and a proper word, or (opening a sentence) a common word, is one
        edit away; else it needs no look, known or not.  So the neighbour search goes first:
        most names have no neighbour, and are filed without the costlier known-word analysis
        or a verdict kept for them (4,231 of 5,453 in half of corpus A)."""
        keys = _deletes(lower)
        keys.add(lower)
        if (not _proper_index().keys().isdisjoint(keys) and proper_candidates(lower)) or \
                self._sentence_start_candidates(lower, self._cache.get(lower), keys):
            (self._ok if self._verdict(lower).known else self._maybe).add(tok)
        else:
            self._never.add(tok)
        return True

    def _listed_whole(self, tok: str) -> bool:
        """Whether a token with an apostrophe is listed whole: a contraction ("won't",
        "couldn’t") in the word list."""
        return straight_apostrophes(tok.lower()) in self.lexicon

    def _listed_not_rare(self, lower: str) -> bool:
        """Whether ``lower`` is a listed word that :meth:`_verdict` could not take for a
        slip of another (those are rare words of five letters or more)."""
        lex = self.lexicon
        return lower in lex.members() and not (len(lower) >= 5 and lex.rare(lower))

    def _harmless(self, tok: str, lower: str, variant: bool) -> None:
        if variant:
            self._vok[tok] = lower
        else:
            self._ok.add(tok)

    def _sentence_start_candidates(self, lower: str, verdict: _Verdict | None, keys=None) -> bool:
        """Whether a capitalised unknown word may have a suggestion where it opens a
        sentence: a word at least SENTENCE_START_MIN_ZIPF common one edit away.  Never for a
        word with a letter outside a-z ("São", "Côte", "Çelik"): a slip on an English
        keyboard does not make one, a foreign name does."""
        if not lower.isascii():
            return False
        if verdict is None or verdict.near is None:
            # Most names have none, which a cheaper search than suggest() tells.  It
            # may find a word suggest() would not offer (past its first eight, or
            # reached with a letter outside a-z): the name is then examined where it
            # stands, as before.
            return bool(self.lexicon.common_neighbours(lower, SENTENCE_START_MIN_ZIPF, keys))
        return any(self.lexicon.frequency(s.word) >= SENTENCE_START_MIN_ZIPF for s in verdict.near)

    @staticmethod
    def _no_suggestions(lower: str, verdict: _Verdict) -> bool:
        """Whether an unknown lowercase word is known to have no suggestion at all (only
        once its suggestions were looked up: the two-edit search is not run for this)."""
        return verdict.suggestions == () or (verdict.near == () and len(lower) < 5)

    def _variants_harmless(self, vok_lowers) -> bool:
        """Whether these British/American forms, all of one article, give no report."""
        gb_us, us_gb = variant_pairs()
        if self.variant != "any":
            table = us_gb if self.variant == "british" else gb_us
            return not any(table.get(lower) for lower in vok_lowers)
        if not self.mixed:
            return True
        keys = set()
        for lower in vok_lowers:
            key = lower if lower in gb_us else us_gb[lower]
            if key in keys:
                return False
            keys.add(key)
        return True

    # -- the run -------------------------------------------------------------
    def run(self, doc):
        if max(len(self._cache), len(self._ok) - len(self._common or ()), len(self._maybe)) > MAX_REMEMBERED:
            # Bulk runs meet new names and numbers for ever: start the memo over rather
            # than let a worker grow with the corpus (results never depend on it).
            self._cache = {}
            self._reset_surface()
        ok, vok, maybe = self._ok, self._vok, self._maybe
        # The substitution check may have built the article's word set already (a
        # superset of its tokens: parts split at apostrophes too, which cost nothing here).
        words = doc.__dict__.get("_word_parts")
        rest = (set(doc.words) if words is None else words).difference(ok)
        if not rest:
            return []
        new = [t for t in rest if t not in vok and t not in maybe]
        if new:
            if self._common is None:
                self._sorted += len(new)
                if self._sorted >= COMMON_FORMS_AFTER:
                    self.take_common_forms()
            for tok in new:
                self._classify(tok)
            rest = rest.difference(ok)  # (difference_update would walk all of ``ok``)
            if not rest:
                return []
        if rest.isdisjoint(maybe) and self._variants_harmless({vok[t] for t in rest}):
            return []
        return self._scan(doc, doc.tokens_of(rest))

    def _scan(self, doc, tokens):
        """The diagnostics for ``tokens`` ((start, end, text), in order): every token of the
        article that is not ok or never, or (as tests do) all of them."""
        text = doc.text
        sheltered = [m.span() for m in _SHELTER.finditer(text)] \
            if ("://" in text or "www." in text or "<" in text) else []
        ok = self._ok  # surface forms already found fine: most tokens stop at this one lookup
        counts: _ArticleWords | None = None
        found = []
        variant_hits: list[tuple[int, int, str, str]] = []  # start, end, observed, variant key
        gb_us, us_gb = variant_pairs()
        loans = loan_phrases()
        si = 0
        joined_to = -1  # end of a word rejoined across a stray comma ("adjustm,ent")
        for start, end, tok in tokens:
            if tok in ok or start < joined_to:
                continue
            while si < len(sheltered) and sheltered[si][1] <= start:
                si += 1
            if si < len(sheltered) and sheltered[si][0] < end:
                continue
            if _glued(text, start, end):
                continue
            word, wend = tok, end
            cut = _first_apostrophe(tok)
            if cut > 0:
                word, wend = tok[:cut], start + cut
            if word in self.vocab.reject:
                found.append(self.diagnostic(doc, start, wend, f"'{word}' is on the project's reject list.",
                                             None))
                continue
            lower = word.lower()
            if lower in gb_us or lower in us_gb:
                # A capitalised form inside a sentence is a name's ("Kennedy Space Center",
                # "Australian Labor Party"): neither a mix nor the house's to respell.
                if not (word[0].isupper() and word[1:].islower()) or \
                        opens_sentence(text, start):
                    variant_hits.append((start, wend, word, lower))
                variant = True
            else:
                variant = False
            if not _letters_only(word) or word in self.vocab.accept or tok in self.vocab.accept \
                    or len(word) < 3 or (word.isupper() and len(word) > 1):
                if not variant:
                    ok.add(tok)
                continue  # digits ("F16"), the project's words, acronyms and all-caps headlines
            if word.islower():
                shape = "lower"
                if start and text[start - 1] in "-‐" and _name_part_before(text, start - 1) \
                        and not self._compound_tail_slip(lower):
                    continue  # "Teng-hui", "Abu-dhabi": a part of a name
                name = word[0].upper() + word[1:]
                if name in pack_names():
                    # a name the Names packs know, in lower case ("daesh"): not a slip of
                    # the common word one edit away ("dash"), but the name
                    if self.allowed(doc, start, wend):
                        found.append(self.diagnostic(doc, start, wend, f"'{word}' is a name; write '{name}'.",
                                                     name, suggestions=(name,)))
                    continue
            elif word[0].isupper() and word[1:].islower():
                shape = "title"
                if _pack_name(word, tok):
                    if not variant:
                        ok.add(tok)
                    continue  # (see _classify)
            else:
                if not variant:
                    ok.add(tok)
                continue  # mixed case: "iPhone", "McDonald"
            if shape == "lower" and wend == end and end + 1 < len(text) and text[end] == "," \
                    and text[end + 1].islower():
                rest = _LOWER_PART.match(text, end + 1)
                if rest is not None and self._verdict(lower + rest.group()).known:
                    # a comma typed inside a word, which splits it into two non-words
                    joined_to = rest.end()
                    whole = word + rest.group()
                    if self.allowed(doc, start, joined_to):
                        found.append(self.diagnostic(
                            doc, start, joined_to, f"'{text[start:joined_to]}' has a stray comma; write '{whole}'.",
                            whole, suggestions=(whole,)))
                    continue
            if shape == "lower" and _species_epithet(text, start, lower):
                continue  # "Ciconia stormi", "Vibrio cholerae": not "storm", "cholera"
            key = _loan_key(lower)
            if key in loans and _in_loan_phrase(text, start, key):
                continue  # a word of a phrase from another language ("in situ", "raison d'être")
            verdict = self._verdict(lower)
            if verdict.rare_slip is not None and shape == "lower" and self.allowed(doc, start, wend):
                if counts is None:
                    counts = _ArticleWords.of(doc)
                target = verdict.rare_slip.word
                found.append(self.diagnostic(
                    doc, start, wend, f"'{word}' is a rare word; '{target}' is likelier here.", target,
                    suggestions=(target,), applicability=None if counts[lower] == 1 else UNSAFE))
                continue
            if (cut > 0 and self._listed_whole(tok)) or verdict.known:
                if not variant and verdict.rare_slip is None:
                    ok.add(tok)
                continue  # known, or a contraction the list holds whole ("won't")
            if not self.allowed(doc, start, wend):
                continue
            if (wend < len(text) and text[wend] in "-‐" and (lower in _PREFIXES or lower[-1] == "o")) or \
                    (shape == "lower" and len(word) <= 4 and _between_names(text, start, wend)) or \
                    (shape == "lower" and _FOREIGN_BEFORE.search(text, max(0, start - 30), start)) or \
                    (start and text[start - 1] in "-‐" and self._compound_end(text, start, lower)) or \
                    _reduplicated(text, start, wend) or (_g_dropped(text, wend, lower) and lower + "g" in self.lexicon):
                # "pre-tax", a combining form ("opto-electronic", "agro-industrial"); a
                # particle inside a name ("Banque des Etats", "Gesellschaft fuer"); a word of a
                # French name after an elided article ("d’Histoire naturelle"); the end of a
                # compound adjective made of a known word ("long-snouted", "blue-eyed"); the
                # part after a hyphen of a word known closed up ("pre-emptive", "co-opted");
                # a noun made of a count and a known word ("51-yarder", "three-pointers"); half
                # of a rhyming pair ("helter-skelter", "criss-cross"); speech with the "g" of
                # "-ing" dropped ("fixin' to", "nothin’")
                continue
            if shape == "title" and not proper_candidates(lower) and \
                    not opens_sentence(text, start):
                continue  # a name (the common case, so decided before any counting)
            if _spelled_out_before(text, start, lower):
                continue  # an abbreviation after what it stands for ("compensatory amounts, mcas")
            if counts is None:
                counts = _ArticleWords.of(doc)
            left, right = neighbour_words(text, start, wend)
            d = self._report(doc, start, wend, word, lower, shape, verdict, counts, left, right)
            if d is not None:
                found.append(d)
            elif shape == "lower" and not variant and self._no_suggestions(lower, verdict) \
                    and tok in self._maybe and word not in self.vocab.reject:
                self._maybe.discard(tok)  # now known to have no suggestion: never reported
                self._never.add(tok)
        found.extend(self._variants(doc, variant_hits, gb_us, us_gb))
        found.sort(key=lambda d: (d.start, d.end))
        return found

    def _report(self, doc, start, end, word, lower, shape, verdict, counts, left, right):
        count = counts[lower]
        proper = proper_words()
        if shape == "title":
            if end + 1 < len(doc.text) and doc.text[end] in "-‐":
                m = _LOWER_PART.match(doc.text, end + 1)
                if m is not None and not self._known_here(m.group()):
                    return None  # a hyphenated name ("Kore-eda", "Teng-hui"), not "Korea"
            cands = proper_candidates(lower)
            after = _SURNAME_AFTER.match(doc.text, end, min(len(doc.text), end + 40)) if cands else None
            if after is not None and self._given_name(doc.text, after):
                return None  # "Kenta Morikawa", "Thao Nguyen": not "Kenya", "Thai"
            if cands:
                cands = self.lexicon.rerank(cands, _Others(counts, lower), left, right)
            if cands and cands[0].distance == 1 and cands[0].edit in _PROPER_EDITS:
                # before another capitalised word it may be a given name the word list knows
                # the surname of ("Thao Nguyen"), and after a name's part a surname or a
                # word of a foreign name ("Espinosa Teran", "du Liban"): a suggestion, not a fix
                return self._emit(doc, start, end, word, [proper[s.word] for s in cands], cands,
                                  safe_allowed=count == 1 and after is None
                                  and not _PARTICLE_NAME_AFTER.match(doc.text, end, min(len(doc.text), end + 20))
                                  and not self._after_name_part(doc.text, start, word), preserve=False)
            sentence_start = opens_sentence(doc.text, start)
            if not sentence_start or count > 1 or not lower.isascii() or \
                    _NAME_GOES_ON.match(doc.text, end, min(len(doc.text), end + 20)):
                # a name (see _sentence_start_candidates); so is a word that opens a sentence
                # followed by another capitalised word or a name's apostrophe ("Nikos
                # Andreadis said", "Jama'at Nusrat")
                return None
            sugg = self._suggest(lower, verdict, _Others(counts, lower), left, right, one_edit=True)
            cands = [s for s in sugg if self.lexicon.frequency(s.word) >= SENTENCE_START_MIN_ZIPF]
            if not cands:
                return None
            return self._emit(doc, start, end, word, list(map(case_matcher(word), [s.word for s in cands])), cands,
                              safe_allowed=False)
        # A word used again in the article is deliberate more often than not: it gets
        # one-edit suggestions at most (and never a safe fix, below).  So is one whose
        # singular or plural the article also uses, itself unknown ("seamer", "seamers").
        count += self._unknown_kin(lower, counts)
        sugg = self._suggest(lower, verdict, _Others(counts, lower), left, right,
                             one_edit=count > 1 or self._two_words(lower))
        if not sugg:
            return None
        sugg = variant_first(ending_first(lower, plural_first(lower, sugg, after_count(doc.text, start),
                                                              before_singular(doc.text, start, end))))
        sugg = compound_first(sugg, doc.text, start, end)
        # A name the list holds in lower case is offered as a name ("nasha": "Nashua"), and
        # never as a fix: a writer who means a name capitalises it ("tsampa" is no "Tampa").
        names = proper_only()
        words = house_spelling(doc, [_offered(s.word, proper, names) for s in sugg], self.variant)
        return self._emit(doc, start, end, word, words, sugg,
                          safe_allowed=count == 1 and (sugg[0].word in proper or sugg[0].word not in names)
                          and (self._long_slip(lower, sugg[0]) or not self._unknown_nearby(doc.text, start, end, counts))
                          and not self._explained(doc.text, start, end, lower)
                          and not self._joined_to_unknown(doc.text, start, end, counts)
                          and not self._in_a_named_language(doc.text, start, end, lower)
                          and not self._dialect_quoted(doc, start, end)
                          and not _g_dropped(doc.text, end, lower)
                          and (self._english_slip(lower, sugg[0]) or not self._multilingual(doc)))

    def _explained(self, text: str, start: int, end: int, lower: str) -> bool:
        """Whether the word at [start, end) is a term the text cites, glosses or introduces
        rather than a word it uses: a question, never a safe fix (see _cited,
        _QUOTED_GLOSS_AFTER, _glossed_quotation, _TERM_NAMED_AFTER, _INTRODUCED_BEFORE,
        _TERM_GLOSSED_AFTER and _TERM_GLOSSED_BEFORE; the last three only for a word no typical
        slip of a word)."""
        return _cited(text, start, end) \
            or (_closing_quote(text, start, end) >= 0 and self._foreign_word(lower)) \
            or _QUOTED_GLOSS_AFTER.match(text, end, min(len(text), end + 80)) is not None \
            or _glossed_quotation(text, start, end, self._foreign_in_quotation) \
            or _TERM_NAMED_AFTER.match(text, end, min(len(text), end + 40)) is not None \
            or ((_INTRODUCED_BEFORE.search(text, max(0, start - 40), start) is not None
                 or _TERM_GLOSSED_AFTER.match(text, end, min(len(text), end + 40)) is not None
                 or (_TERM_GLOSSED_BEFORE.search(text, max(0, start - 40), start) is not None
                     and _ASIDE_END.match(text, end, min(len(text), end + 4)) is not None))
                and self._foreign_word(lower))

    def _foreign_in_quotation(self, word: str) -> bool:
        """Whether a word of a quotation is another language's: not ASCII ("Ní", "chéile"),
        or, in lower case, a word the check does not know and no typical slip of one."""
        return not word.isascii() or (word.islower() and self._foreign_word(word))

    def _in_a_named_language(self, text: str, start: int, end: int, lower: str) -> bool:
        """Whether the word is one of a language its sentence names just before it ("In
        Sardinian we say su casu", "the Faroese word skinn") and no typical slip of a word;
        or one an apposition calls a language's ("measured in skinn, an old Faroese unit"),
        or in a quotation a language's name opens ('a French "passeport talent"'), typical
        slip or not.  The word must follow closely, with no comma between ("the
        Dutch word for nitrogen, and in particaulr" is a slip), and a language named after it
        is not its own ("embezzlemet, known in Catalan as ..." is fixed).  A typical slip is a
        question there too where a word of that language stands between ("known in Ukrainian
        as the Koordynatsiinyi shtab")."""
        lo = max(0, start - 80)
        names = _language_names()
        if names.isdisjoint(_WORD.findall(text, lo, end + 60)):
            return False  # (most sentences name no language: spare the patterns' 373 branches)
        speaking, naming, quoting = _language_named()
        after = text[end:end + 60]
        m = naming.search(after)
        if m is not None and _APPOSITION.fullmatch(after, 0, m.start()):
            return True

        def close_after(pattern, stops: str, most: int) -> list[str] | None:
            """The words between the last match of ``pattern`` before the word and it, if
            they are at most ``most``, none of ``stops`` between; else None."""
            last = None
            for last in pattern.finditer(text, lo, start):
                pass
            if last is None:
                return None
            between = text[last.end():start]
            words = _WORD.findall(between)
            return None if any(c in between for c in stops) or len(words) > most else words

        if close_after(quoting, '"”’\n', FOREIGN_REACH - 1) is not None:
            return True  # in a quotation a language's name introduces: 'a French "passeport talent"'
        between = close_after(speaking, ",;.!?\n", LANGUAGE_SPOKEN_REACH)
        if between is None:
            between = close_after(naming, ",;.!?\n", LANGUAGE_NAMED_REACH)
        # (a typical slip is that language's word too where a word of it stands between:
        # "known in Ukrainian as the Koordynatsiinyi shtab")
        return between is not None and (self._foreign_word(lower) or any(
            len(w) >= TERM_MIN_LENGTH and self._foreign_word(w.lower(), w) for w in between))

    def _joined_to_unknown(self, text: str, start: int, end: int, counts) -> bool:
        """Whether the lowercase word at [start, end) is hyphened to a word the check does not
        know, as the words of one term of another language are ("mestre-sala", where the list
        knows neither part); a slip beside a known word is still one ("long-trem"), and so
        is one beside a term the story uses on its own too ("iwi-owneed", in a story about an
        iwi); two slips in one compound are rare."""
        loans = loanwords()
        if end + 1 < len(text) and text[end] in "-‐":
            m = _LOWER_PART.match(text, end + 1)
            if m is not None and self._unknown_part(m.group(), loans, counts):
                return True
        if start >= 2 and text[start - 1] in "-‐":
            m = _LOWER_PART_BEFORE.search(text, max(0, start - 41), start - 1)
            if m is not None and self._unknown_part(m.group(), loans, counts):
                return True
        return False

    def _unknown_part(self, part: str, loans, counts) -> bool:
        return not self._known_here(part) and part not in loans and part not in self.vocab.accept \
            and counts[part] < 2

    @staticmethod
    def _long_slip(lower: str, top) -> bool:
        """Whether ``top`` reads ``lower`` as one typical slip in a word longer than
        MULTILINGUAL_MAX_LENGTH: then unknown words beside it do not make it a question
        ("gram panchayats reportdd damage"); another language's word is seldom one typical
        slip from a long English one (cognates differ by more: "gouvernement")."""
        return len(lower) > MULTILINGUAL_MAX_LENGTH and _typical_slip(lower, top)

    @staticmethod
    def _english_slip(lower: str, top) -> bool:
        """Whether ``top`` reads ``lower`` as a slip even in copy written in two languages: a
        typical one, unless it takes a foreign ending away ("familia" is no "familiar"); or
        any in a word too long for another language's word to sit one slip away
        ("settelement")."""
        if len(lower) > MULTILINGUAL_MAX_LENGTH:
            return True
        return _typical_slip(lower, top) and not (
            lower[-1] in _ROMANCE_ENDINGS and top.word[-1] != lower[-1] and top.edit != "swap")

    def _unknown_nearby(self, text: str, start: int, end: int, counts) -> bool:
        """Whether another unknown lowercase word stands within FOREIGN_REACH words of this one
        in its sentence.  Slips are sparse (one in hundreds of words); words of another
        language come in runs ("cacio e pepe", "ancho, mulato and pasilla", "ist eine"), so
        there a fix is a question for the writer, not a safe fix.  Jargon is no such run: a
        word glued to digits ("kelch13"), one standing in a listed loan phrase ("in vivo"),
        a species' epithet ("A. stephensi") or a long word the story uses again ("tokamak",
        "magnetar": ``counts``) is a term of the English text around the slip."""
        lo = max(0, start - 60)
        cut = max(text.rfind(c, lo, start) for c in ".!?;:\n")
        lo = max(lo, cut + 1)
        after = text[end:end + 60]
        stops = [i for i in (after.find(c) for c in ".!?;:\n") if i >= 0]
        hi = end + (min(stops) if stops else len(after))
        near = list(_WORD.finditer(text, lo, start))[-FOREIGN_REACH:] + \
            list(islice(_WORD.finditer(text, end, hi), FOREIGN_REACH))
        # (a long unknown word counts only if it looks foreign: "cappelletti in brodo", "hors
        # catégorie"; see _foreign_shaped) (a listed word of another language counts too:
        # "ancho, mulato and pasilla")
        loans = loanwords()
        for m in near:
            w = m.group()
            if not (3 <= len(w) and _foreign_shaped(w) and w.islower() and (w in loans or self._foreign_word(w))):
                continue
            s, e = m.span()
            if (s and text[s - 1].isdigit()) or (e < len(text) and text[e].isdigit()) \
                    or _in_loan_phrase(text, s, _loan_key(w)) or _species_epithet(text, s, w) \
                    or (len(w) >= TERM_MIN_LENGTH and w not in loans and counts[w] > 1):
                continue
            return True
        if _ELISION.search(text, lo, start) or _ELISION.search(text, end, hi):
            return True  # "C’est une belle nuit": French, with "une" and "nuit" one slip from words
        return self._foreign_quote_opening(text, lo, text[lo:start], counts) \
            or self._foreign_quotation(text, start, end)

    def _foreign_quotation(self, text: str, start: int, end: int) -> bool:
        """Whether the word stands in a short quotation (three to QUOTE_MAX_WORDS words) with no
        word as common as English's function words (QUOTE_ENGLISH_ZIPF) and another word the
        check does not know: '"Ba mu da tsaro," said Hadiza Souley' (Hausa; not "taro").
        English said in three words or more has one ("Stop the steal", "Black Lives Matter")."""
        words = _quoted_words(text, start, end)
        if words is None:
            return False
        if not 3 <= len(words) <= QUOTE_MAX_WORDS:
            return False
        lex = self.lexicon
        if any(lex.frequency(w) >= QUOTE_ENGLISH_ZIPF for w in words):
            return False
        typed = text[start:end].lower()
        return any(w != typed and not self._known_here(w) for w in words)

    def _dialect_quoted(self, doc, start: int, end: int) -> bool:
        """Whether the word stands in a quotation of an article that quotes speech written as it
        sounds: DIALECT_WORDS distinct lowercase words the check does not know in its quotations
        ("Mi cyaan believe it, fi real ... when mi was likkle", "greetin' at the telly ... sit
        doon"), where a slip is a question.  Dialect spellings come in runs; an article's
        typing slips are one or two, not all of them quoted."""
        text = doc.text
        if not _quotation_open(text[text.rfind("\n", 0, start) + 1:start]):
            return False  # (most slips stand in no quotation: spare the article's quotation spans)
        hit = doc.__dict__.get("_dialect_quoted")
        if hit is None:
            seen = set()
            for a, b in doc.quote_spans:
                for w in _WORD.findall(text, a, b):
                    if w not in seen and w.islower() and w.isalpha() and not self._known_here(w):
                        seen.add(w)
                if len(seen) >= DIALECT_WORDS:
                    break
            hit = doc.__dict__["_dialect_quoted"] = len(seen) >= DIALECT_WORDS
        return hit

    def _foreign_quote_opening(self, text: str, at: int, before: str, counts) -> bool:
        """Whether the quotation holding a slip, or its sentence in a quotation, opens within
        FOREIGN_REACH words before it with a capitalised word that is neither listed, a proper
        word nor a slip: "Eskerrik asko", "... this is sport. Felicitaciones a ellos." (a
        quotation in another language opens with a capital, which the lowercase test above
        passes over), nor a long word the story uses again, a term of its subject ("Ivermectin
        gives us", in a story about ivermectin).  ``before`` is the slip's sentence up to it,
        from ``at``."""
        q = max(before.rfind('"'), before.rfind("“"))
        if q >= 0:
            if at + q > 0 and text[at + q - 1] not in " \t\n(":
                return False  # a closing mark
            lead = before[q + 1:]
        else:
            # the sentence opens inside a quotation: an opening mark of its paragraph unclosed
            para = text[max(text.rfind("\n", 0, at) + 1, at - 1000):at]
            if not _quotation_open(para):
                return False
            lead = before.lstrip()
        opening = _WORD.findall(lead)
        if not opening or len(opening) > FOREIGN_REACH or not lead.startswith(opening[0]):
            return False
        first = opening[0]
        lower = first.lower()
        return len(first) >= 3 and first[0].isupper() and first[1:].islower() \
            and lower not in proper_words() and self._foreign_word(lower, first) \
            and not (len(lower) >= TERM_MIN_LENGTH and counts[lower] > 1)

    def _multilingual(self, doc) -> bool:
        """Whether the article uses MULTILINGUAL_WORDS or more words of another language: listed
        loanwords, or unknown lowercase words shaped like them and no typical slip of a word
        ("promotoras", "salud", "whenua", "txakoli"; not "nitrosodimethylamine").  Such copy is
        written in two languages, and there a word one untypical edit from English ("tiendas",
        "rohe", "jang") is more likely the other language's than a slip; a clean English story
        has none or one, and so does its copy with a slip in every paragraph, since slips are
        mostly typical ones."""
        hit = doc.__dict__.get("_multilingual")
        if hit is None:
            words = {w for w in doc.words if w.islower() and len(w) >= 3 and w.isalpha()}
            loans = loanwords()
            seen = len(words.intersection(loans))
            listed = self.lexicon.members()
            for w in words:
                if seen >= MULTILINGUAL_WORDS:
                    break
                # (most of an article's words are listed: that look-up first)
                if w not in listed and w not in loans and _foreign_shaped(w) and self._foreign_word(w):
                    seen += 1
            hit = doc.__dict__["_multilingual"] = seen >= MULTILINGUAL_WORDS
        return hit

    def _foreign_word(self, lower: str, written: str | None = None) -> bool:
        """Whether a word (``written`` so in the text, if not in lower case) is neither known,
        the project's, nor a typical slip of a word: a word of another language, as far as
        the spelling check can tell."""
        return not self._known_here(lower) and (written or lower) not in self.vocab.accept \
            and not self._plain_slip(lower)

    def _known_here(self, lower: str) -> bool:
        """The verdict's ``known`` without filing a verdict (the memo's bound counts the
        article's tokens, and a neighbour looked at here need not be one)."""
        v = self._cache.get(lower)
        return v.known if v is not None else self._known(lower)

    def _plain_slip(self, lower: str) -> bool:
        """Whether an unknown word is one typical slip from a word (sloppy copy has its slips
        in runs too: "the goverment targetted commerical dificulties"): a swap, a doubled or
        undoubled letter or a dropped one; in a word of five letters or more, also a
        neighbouring key or an extra letter (a short word is that far from many words:
        "eine", "wine")."""
        verdict = self._cache.get(lower)
        near = verdict.near if verdict is not None else None
        if near is None:
            near = tuple(self.lexicon.suggest(lower, limit=8, max_distance=1))
        lex = self.lexicon
        return any(_typical_slip(lower, s) and lex.frequency(s.word) >= PLAIN_SLIP_MIN_ZIPF for s in near)

    def _after_name_part(self, text: str, start: int, word: str = "") -> bool:
        """Whether the capitalised word at ``start`` (``word``) follows a part of a name: an
        initial, a capitalised word neither listed nor a proper word ("Espinosa", "Banques"),
        or a particle ("du", "El", "de la"); or any capitalised word, where ``word`` is a
        person's name one slip from a proper word ("Mohammed Irfan", "Stefan Koren")."""
        lo = max(0, start - 40)
        if _NAME_PARTICLE_BEFORE.search(text, lo, start) is not None \
                or _LINKED_NAME_PART_BEFORE.search(text, lo, start) is not None:
            return True
        m = _CAP_WORD_BEFORE.search(text, lo, start)
        if m is not None and word in names_near_proper() and not m.group(1).endswith("."):
            return True
        if m is None or opens_sentence(text, m.start(1)) and not m.group(1).endswith("."):
            return False
        before = m.group(1)
        if before.endswith("."):
            return len(before) == 2  # an initial ("J."); not the end of a sentence
        lower = before.lower()
        return lower not in self.lexicon and lower not in proper_words()

    def _given_name(self, text: str, m) -> bool:
        """Whether a capitalised word is a given name, ``m`` being the :data:`_SURNAME_AFTER`
        match of the capitalised word after it: a surname if it is neither a listed word nor
        a proper word ("Kenta Morikawa"), or one the story uses again on its own, as stories
        name people on second reference ("Thao Nguyen" ... "Nguyen said").  ("Kenya Airways"
        and "Ghana Cocoa Board" go on with listed words, and a slip there is still caught.)"""
        after = m.group(1)
        if after.lower() not in self.lexicon and after.lower() not in proper_words():
            return True
        again = regex.compile(r"(?<![\p{L}\p{M}])" + regex.escape(after) + r"(?![\p{L}\p{M}])")
        return any(other.start() != m.start(1) for other in again.finditer(text))

    def _compound_end(self, text: str, start: int, lower: str) -> bool:
        """Whether ``lower``, after a hyphen, ends a compound of known words: an adjective
        ("long-snouted", "blue-eyed"), a word known written solid ("pre-emptive": "preemptive"),
        or a count and a known word plus "-er" ("51-yarder", "two-seaters", "six-footer")."""
        if lower.endswith("ed") and len(lower) > 5 and self._verdict(lower[:-2]).known:
            return True
        if lower[-1:] == "s" and lower[:-1] in _PARTICLES:
            return True  # a noun of a verb and its particle ("add-ons", "run-ins")
        head = _part_before(text, start - 1).lower()
        if head and self._verdict(head + lower).known:
            return True
        if not ((start > 1 and text[start - 2].isdigit())
                or _NUMBER_WORD_BEFORE.search(text, max(0, start - 12), start - 1)):
            return False
        stem = lower[:-1] if lower.endswith("s") else lower
        return stem.endswith("er") and len(stem) > 4 and \
            any(self._verdict(s).known for s in (stem[:-2], stem[:-1]))

    def _inflected(self, lower: str) -> tuple[str, str] | None:
        """(ending, stem) if ``lower`` is a common word with a regular ending, or None. The
        stem may have lost its "e" or doubled its last letter ("kettling", "desking", "binned")."""
        lex = self.lexicon
        for ending in _INFLECTIONS:
            if not lower.endswith(ending):
                continue
            stem = lower[:-len(ending)]
            stems = [stem]
            if ending[0] in "ie" and len(stem) > 1 and stem[-1] not in "aeiouy":
                stems.append(stem + "e")  # "kettl-ing": "kettle"
                if stem[-1] == stem[-2]:
                    stems.append(stem[:-1])  # "binn-ed": "bin"
            for s in stems:
                if len(s) >= INFLECTED_MIN_STEM and s in lex and lex.frequency(s) >= INFLECTED_MIN_ZIPF:
                    return ending, s
        return None

    def _space_early(self, text: str, start: int, letter: str) -> bool:
        """Whether the word before ``start`` with ``letter`` added is a word far commoner
        than it ("ne w": "new"; "for e": "fore" is not)."""
        before = neighbour_words(text, start, start)[0]
        if before is None:
            return False
        freq = self.lexicon.frequency
        return freq(before + letter) >= freq(before) + SPACE_EARLY_GAIN

    def _restemmed(self, lower: str, target: str) -> bool:
        """Whether ``lower``, a common word inflected, is turned into ``target`` by a change
        inside its stem, the ending kept, and that stem is at least as common as the
        target's ("desking": not "decking"): the writer more likely made a verb of a noun
        the list has not seen so used than slipped inside a rarer word ("granged" is
        "granted", not "grange" inflected)."""
        found = self._inflected(lower)
        if found is None or len(target) != len(lower):
            return False
        ending, stem = found
        if not target.endswith(ending) or target[:-len(ending)] == lower[:-len(ending)]:
            return False
        lex = self.lexicon
        other = self._inflected(target)
        return lex.frequency(stem) >= (lex.frequency(other[1]) if other is not None else lex.frequency(target))

    def _compound_tail_slip(self, lower: str) -> bool:
        """Whether ``lower``, after a capitalised word and a hyphen, is a slip of a word
        that ends such compounds ("Tunis-besed" for "Tunis-based"), not a part of a name."""
        if len(lower) < 5 or self._verdict(lower).known:
            return False
        best = self.lexicon.suggest(lower, limit=1, max_distance=1)
        return bool(best) and best[0].word in _COMPOUND_TAILS

    def _unknown_kin(self, lower: str, counts) -> int:
        """How often the article uses the singular or plural of ``lower`` where that form
        is unknown too (a known one, "boats" beside "boatss", says nothing)."""
        if lower.endswith("es"):
            kin = (lower[:-1], lower[:-2])
        elif lower.endswith("s"):
            kin = (lower[:-1],)
        else:
            kin = (lower + "s", lower + "es")
        return sum(n for k in kin if len(k) >= 3 and (n := counts[k]) and not self._verdict(k).known)

    def _emit(self, doc, start, end, word, words, sugg, safe_allowed, preserve=True):
        if preserve:
            words = list(map(case_matcher(word), words))
        best = words[0]
        clear = len(sugg) == 1 or sugg[0].score - sugg[1].score >= SAFE_MARGIN
        top, lower = sugg[0], word.lower()
        often = self.lexicon.frequency(top.word)
        common = often >= (SAFE_MIN_ZIPF if top.distance == 1 else SAFE_MIN_ZIPF_TWO_EDITS)
        # A long word has few neighbours: one typical slip from a rarer word is that word,
        # safe to restore ("loneeliest", "disssonant", "reputchases", "recapitalizatino"); not
        # a letter dropped, which may as well be two edits from a common word ("effectiviy" is
        # "effectively", not the rarer "effectivity")
        common = common or (top.edit in _TYPICAL_EDITS and len(lower) >= LONG_SLIP_LENGTH
                            and often >= LONG_SLIP_MIN_ZIPF)
        short = len(word) <= GUARD_MAX_LENGTH
        if short and len(sugg) == 1 and top.distance == 1 and top.edit not in _PROPER_EDITS:
            common = common and often >= LONE_UNTYPICAL_MIN_ZIPF
        if len(word) <= SAFE_MIN_LENGTH:
            common = common and often >= SHORT_TARGET_MIN_ZIPF
        affix = top.distance == 2 and len(lower) - len(top.word) == 2 and \
            (lower.startswith(top.word) or lower.endswith(top.word))
        # A short word has many neighbours: a fix that is not a typical keyboard slip
        # (a letter typed for a far key, an extra far letter) is a guess there unless it
        # wins by a wide margin ("threme" is not surely "three" with a stray letter).
        if len(word) <= SHORT_WORD_LENGTH and top.edit not in _PROPER_EDITS and len(sugg) > 1:
            clear = sugg[0].score - sugg[1].score >= SHORT_SAFE_MARGIN
        # A four-letter slip may as well be a longer word with a letter dropped, the
        # commonest slip of all ("noth": "not" or "north"?, "ther": "the", "their" or
        # "there"?, "youg": "your" or "young"?): a guess wherever such a word is among the
        # next candidates, however common the best one and its neighbours, unless the best
        # is a swap or a doubled letter ("wiht", "thhe").  A three-letter reading must
        # also win by the wide margin.
        if len(word) <= SAFE_MIN_LENGTH and len(sugg) > 1 and len(top.word) <= len(word):
            if top.edit not in ("swap", "doubled") and any(len(s.word) > len(word) for s in sugg[1:3]):
                clear = False
            elif len(top.word) < len(word):
                clear = clear and sugg[0].score - sugg[1].score >= SHORT_SAFE_MARGIN
        # Slips seldom touch the first letter: in a short word, a first letter changed by
        # more than a neighbouring key or a swap is a guess ("iftar" is not "after",
        # "eport" not "report"); a longer word has too few neighbours to be one ("beficit").
        first = top.word[:1] == lower[:1] or top.edit in _FIRST_LETTER_EDITS or len(word) > FIRST_LETTER_GUARD_LENGTH
        # Two slips, one of them at the first letter, are rarer still: "ceviche" is no
        # "device" (a near key and a stray letter).  (A swap of the first two letters keeps
        # them both; a longer word has too few neighbours to be one: "trgistration".)
        if short and top.distance == 2 and top.word[:1] != lower[:1] and sorted(top.word[:2]) != sorted(lower[:2]):
            first = False
        # ... and one at the first letter of a rare word is likelier a word of its own:
        # "harissa" is no "Marissa", "pastilla" no "Castilla" ("elinquent" is "delinquent")
        if short and top.word[:1] != lower[:1] and top.edit != "swap" and often < FIRST_LETTER_MIN_ZIPF:
            first = False
        # "couldn" is "couldn't" with its apostrophe lost as often as "could" with a stray
        # letter: never safely fixed into the word that drops the negation
        negation = lower.endswith("n") and (lower + "'t") in self.lexicon
        # A last vowel written for another far from it on the keyboard is another
        # language's ending more often than a slip ("abusa", "campagna", "falso": not
        # "abuse", "campaign", "false"); a vowel inside a word is the commonest slip of all
        ending = top.distance == 1 and len(top.word) == len(lower) and lower[:-1] == top.word[:-1] \
            and lower[-1] in _VOWELS and top.word[-1] in _VOWELS and top.edit != "near-key"
        # ... and so is a vowel after the last letter ("rurale", "duchesse", "washi", "juryo":
        # not "rural", "duchess", "wash", "jury"), as an "s" there is a plural English makes
        # ("softs", the tyres); a slip there doubles the letter
        ending = ending or (lower[:-1] == top.word and (lower[-1] in _VOWELS or lower[-1] == "s")
                            and top.edit in ("extra", "extra-near"))
        # ... and so is a word two edits away, one of them that last vowel ("turismo" is no
        # "tourism", but Spanish): a slip seldom adds a vowel after the last letter
        ending = ending or (top.distance == 2 and lower[-1] in _ROMANCE_ENDINGS and top.word[-1] != lower[-1]
                            and damerau(lower[:-1], top.word, 1) == 1)
        # (a word of another language seldom lands beside the commonest English words:
        # "belowe", "behinde" are slips)
        ending = ending and often < ENDING_MAX_ZIPF
        # A known word with a regular ending is that word inflected ("graining", of
        # tyres) more likely than a slip at the first letter of another ("training")
        inflected = top.word[:1] != lower[:1] and self._inflected(lower) is not None
        # ... and so is one whose stem a slip changed, the ending kept, unless the slip is a
        # swap of letters (a verb made of a noun seldom reads as another word's swap)
        inflected = inflected or (top.distance == 1 and top.edit != "swap" and self._restemmed(lower, top.word))
        # A letter before a word, far from its first, is a prefix or a blend ("ebikes",
        # "evisas", "finfluencer") more often than a stray key: slips seldom touch the first
        # letter, and a stray one is typed beside the next ("increase edomestic"), unless the
        # word before lost it to a space typed early ("the ne wmodels")
        inflected = inflected or (top.edit == "extra" and top.word == lower[1:] and often < BLEND_MAX_ZIPF
                                  and not self._space_early(doc.text, start, lower[0]))
        untypical = top.edit == "two-edits" and len(word) <= TWO_EDIT_GUARD_LENGTH and \
            not _typical_two_edits(lower, top.word)
        # A letter typed for a far key is the least typical slip of the hand (a vowel for a
        # vowel, or a consonant for one that sounds alike, is a speller's: "doller",
        # "extendet"): the words around may rank it first, but not over a typical slip of a
        # word that frequency alone put ahead ("is alloted": "allotted", a dropped double
        # letter, not "allowed" for "is allowed")
        untypical = untypical or (top.edit == "other-key" and not _sounds_alike(lower, top.word) and any(
            s.edit in _TYPICAL_EDITS and self._prior(lower, s) >= self._prior(lower, top) for s in sugg[1:3]))
        # An article, a conjunction or a possessive cannot close a sentence: a word there that
        # reads as one is something else ("modern Nordic noir.": not "nor")
        closing = top.word in _NEVER_LAST and _CLOSES_SENTENCE.match(doc.text, end) is not None
        safe = safe_allowed and clear and common and first and not affix and not negation and not ending \
            and not inflected and not closing \
            and not untypical and len(word) >= SAFE_MIN_LENGTH \
            and (len(word) >= LOWERCASED_SAFE_LENGTH and often >= LOWERCASED_SAFE_ZIPF or not _lowercased(doc))
        shown = list(dict.fromkeys(words))[:5]
        if safe:
            message = self.format(word, best) if "%s" in self.message else self.message
            return self.diagnostic(doc, start, end, message, best, suggestions=shown)
        message = f"'{word}' may be misspelt; did you mean " + " or ".join(f"'{w}'" for w in shown[:3]) + "?"
        return self.diagnostic(doc, start, end, message, best, suggestions=shown,
                               applicability=UNSAFE if self.fix_mode == SAFE else None)

    def _prior(self, lower: str, s) -> float:
        """A one-edit suggestion's score before the article and the neighbouring words weighed it."""
        return self.lexicon.frequency(s.word) + edit_bonus(lower, s.word, s.edit)

    def _variants(self, doc, hits, gb_us, us_gb):
        """British/American forms: the profile's preference, then mixing within the article."""
        if not hits:
            return []
        out = []
        if self.variant in ("british", "american"):
            table, name = (us_gb, "British") if self.variant == "british" else (gb_us, "American")
            for start, end, observed, lower in hits:
                target = table.get(lower)
                if target and self.allowed(doc, start, end):
                    fixed = match_case(observed, target)
                    out.append(self.diagnostic(doc, start, end, f"Use the {name} spelling '{fixed}' "
                                               f"instead of '{observed}'.", fixed, suggestions=(fixed,)))
            return out
        if not self.mixed:
            return out
        first: dict[str, str] = {}  # pair key (british form) -> form used first
        for start, end, observed, lower in hits:
            if not self.allowed(doc, start, end):
                continue
            key = lower if lower in gb_us else us_gb[lower]
            used = first.setdefault(key, lower)
            if used != lower:
                fixed = match_case(observed, used)
                out.append(self.diagnostic(
                    doc, start, end, f"'{observed}' mixes spellings: this article first wrote '{used}'.",
                    fixed, suggestions=(fixed,), applicability=UNSAFE if self.fix_mode != "none" else None))
        return out
