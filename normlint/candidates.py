"""Choosing among a slip's candidates where it stands: the margins a safe fix must clear,
the words around it, and what its ending and a count before it say about number.

The spelling check ranks its own candidates with these; a substitution rule with
``choose: context`` ranks the corrections its list gives for a slip the same way
(:func:`choose_in_context`).
"""
from __future__ import annotations

from .lazy_pattern import lazy
from .lexicon import EDIT_BONUS, TWO_EDITS_PENALTY, Suggestion, classify, damerau, edit_bonus, english
from .variants import variant_pairs

#: the best suggestion must beat the next by this many Zipf points (powers of
#: ten of frequency, after slip bonuses) for the fix to be safe
SAFE_MARGIN = 0.7
#: ... and by this many where the choice is less certain (see the spelling check's _emit)
SHORT_SAFE_MARGIN = 1.5
#: a rare word is no slip if it is an ending added to a word at least this common, and
#: about as common as that slip's target ("shored": "shore", not "stored")
INFLECTED_STEM_ZIPF = 3.0
#: a count before a slip settles singular against plural only where the two readings are
#: this close: "12 firsst class" is "first" (a doubled letter, and a far commoner word),
#: not "firsts"; "72 housr" is "hours" (6.56 against "house" at 6.63)
COUNT_PLURAL_GAP = 2.0


_LEFT_WORD = lazy(r"([\p{L}]+)[ \t]+$")
_RIGHT_WORD = lazy(r"[ \t]+([\p{L}]+)")


def neighbour_words(text: str, start: int, end: int):
    """The words right before and after [start, end) in the same clause (lowercase), or None."""
    m = _LEFT_WORD.search(text, max(0, start - 40), start)
    n = _RIGHT_WORD.match(text, end, min(len(text), end + 40))
    return (m.group(1).lower() if m else None), (n.group(1).lower() if n else None)


# A count before a word: it is plural ("72 hours", "two vessels"), unless the count is a
# year or the word is a number word that stays singular ("5 million").
_COUNT_BEFORE = lazy(
    r"(?:(?<![\d,.])(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?|\b(?i:two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|dozens|hundreds|thousands|millions|several|many|few))[ \t]+$")
_COUNT_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen",
                          "mln", "bln", "trn", "pct", "dlr", "cts", "percent", "cent", "yen"})


def after_count(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a count of more than one."""
    m = _COUNT_BEFORE.search(text, max(0, start - 24), start)
    return m is not None and m.group().strip() not in ("1", "1.0")


# "a" or "an" right before a word, and after it punctuation or a word that opens a clause or
# a phrase: the word is a singular noun ("a nures he met" is "a nurse").  (Not before another
# word: "a salse tax" is a plural used as a modifier, "a sales tax".)
_ARTICLE_BEFORE = lazy(r"(?<![\p{L}\p{M}'’-])(?i:a|an)[ \t]+$")
_CLAUSE_AFTER = lazy(r"[ \t]*(?:[,.;:!?)]|(?i:he|she|it|they|we|i|you|who|whom|whose|which|that|"
                              r"was|is|and|or|but|of|in|on|at|to|for|from|with|by|as)(?![\p{L}\p{M}]))")


def before_singular(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) stands after "a" or "an" as a noun of its own."""
    return _ARTICLE_BEFORE.search(text, max(0, start - 4), start) is not None and \
        _CLAUSE_AFTER.match(text, end, min(len(text), end + 12)) is not None


def plural_first(typed: str, sugg: list, counted: bool = False, single: bool = False) -> list:
    """``sugg`` with the plural of a singular/plural pair on top when ``typed`` ends as a
    plural does ("busineses", "standars"): the writer typed the ending they meant, and the
    slip is inside the word.  Frequency alone picks the singular, the commoner form
    ("business", "standard"); so does a plural "s" swapped with the letter before it
    ("porst": "ports", not "post").  After a count ("in 72 housr"), of the two best
    candidates for a word typed without a plural ending, the one that reads as a plural goes
    first ("hours", not "house").  After "a" or "an" (``single``: see before_singular), the
    singular of the pair goes first ("a nures he met": "nurse").  The pair then counts as
    one candidate for the margin: it must clear the next word by as much as a lone winner
    would."""
    if len(sugg) < 2:
        return sugg
    a, b = sugg[0], sugg[1]
    plural = None
    if typed.endswith("s"):
        # (a word typed with a singular's "-ss", "-us" or "-is" ending is that singular:
        # "bussiness"; "purchass" is not)
        if b.word in (a.word + "s", a.word + "es"):
            singular, plural = a, b
        elif a.word in (b.word + "s", b.word + "es"):
            singular, plural = b, a
        if plural is not None and typed.endswith(("ss", "us", "is")) and singular.word.endswith(typed[-2:]):
            plural = None
        if plural is not None and single:
            return _put_first(sugg, singular, plural)  # "a nures he met": "nurse"
    swapped = typed[:-2] + typed[-1:] + "s"
    if plural is None and not single and typed[-2:-1] == "s" and typed[-3:-2] != "s" and typed[-1] != "s" \
            and swapped in (a.word, b.word) and len(b.word if a.word == swapped else a.word) < len(typed):
        # the plural's "s" swapped with the letter before it ("porst", "shovesl"), rather
        # than a stray "s" ("post", "shovel"); not a doubled "s" ("firsst" is "first"), nor
        # where the other reading keeps every letter ("sinse": "since" or "sines"?)
        plural = a if a.word == swapped else b
    if plural is None and counted and not typed.endswith("s") and not ({a.word, b.word} & _COUNT_WORDS) \
            and abs(a.score - b.score) < COUNT_PLURAL_GAP:
        ends = [w.word.endswith("s") and not w.word.endswith(("ss", "us", "is")) for w in (a, b)]
        if ends[0] != ends[1]:
            plural = a if ends[0] else b
    if plural is None:
        return sugg
    return _put_first(sugg, plural, a if plural is b else b)


def _put_first(sugg: list, chosen, other) -> list:
    """``sugg`` with ``chosen`` scored as the better of it and ``other``, and ``other`` as far
    behind as any margin asks: the choice between the two is made, and the remaining words
    decide whether it is clear."""
    top = max(chosen.score, other.score)
    out = [chosen._replace(score=top), other._replace(score=top - SHORT_SAFE_MARGIN)]
    out += [s for s in sugg if s is not chosen and s is not other]
    out.sort(key=lambda s: (-s.score, s.word))
    return out


def _adverb_forms(adjective: str) -> tuple[str, ...]:
    forms = [adjective + "ly", adjective + "ally"]
    if adjective.endswith("y"):
        forms.append(adjective[:-1] + "ily")  # temporary: temporarily
    if adjective.endswith("le"):
        forms.append(adjective[:-1] + "y")  # gentle: gently
    return tuple(forms)


def _past_forms(verb: str) -> tuple[str, ...]:
    if verb.endswith("e"):
        return (verb + "d",)  # complete: completed
    forms = [verb + "ed", verb + verb[-1:] + "ed"]  # rust: rusted; stop: stopped
    if verb.endswith("y"):
        forms.append(verb[:-1] + "ied")
    return tuple(forms)


# A typed ending and the forms a candidate takes with it: the adverb of an adjective, the
# past of a verb.  (A "d" after an "s" is a stray key: "sharesd" is "shares".)
_ENDINGS = (("ly", _adverb_forms), ("d", _past_forms))


def ending_first(typed: str, sugg: list) -> list:
    """``sugg`` with the inflected form on top when ``typed`` ends as the form does and the
    best candidate is the word it is made from: "-ly" ("conventionaly": "conventionally",
    not "conventional"; "temporarly": "temporarily"), a past's "-d" ("completd":
    "completed", "a rustd hinge": "rusted").  As with a plural's "-s", the writer typed the
    ending they meant and slipped inside the word, but frequency favours the shorter,
    commoner form.  The form is looked for among the next two candidates ("cooly": "cool",
    "Cooley", "coolly"); the pair then counts as one candidate for the margin, whichever of
    the two came first."""
    if len(sugg) < 2 or len(typed) < 5:
        return sugg
    for ending, forms_of in _ENDINGS:
        if not typed.endswith(ending) or (ending == "d" and typed.endswith("sd")):
            continue
        top = sugg[0]
        if top.word.endswith(ending):
            base = next((s for s in sugg[1:3] if top.word in forms_of(s.word)), None)
            return sugg if base is None else _put_first(sugg, top, base)
        form = next((s for s in sugg[1:3] if s.word in forms_of(top.word)), None)
        return sugg if form is None else _put_first(sugg, form, top)
    return sugg


#: a closed compound this common tells which candidate a hyphened part completes
COMPOUND_MIN_ZIPF = 2.5
_HYPHENED_AFTER = lazy(r"[-‐](\p{L}+)")
_HYPHENED_BEFORE = lazy(r"(\p{L}+)[-‐]$")


def compound_first(sugg: list, text: str, start: int, end: int) -> list:
    """``sugg`` with the one of the two best candidates that makes a word the list holds with
    the part hyphened to it on top, the pair counted as one: "wtite-downs" is "write-downs"
    ("writedowns" is listed), though "white" is commoner alone."""
    if len(sugg) < 2:
        return sugg
    after = _HYPHENED_AFTER.match(text, end, min(len(text), end + 30))
    before = _HYPHENED_BEFORE.search(text, max(0, start - 30), start)
    if after is None and before is None:
        return sugg
    lex = english()

    def joins(word: str) -> bool:
        # (a word in real use: the list's rarest closed compounds are no evidence, "nonelective"
        # for "non-exective")
        return (after is not None and lex.frequency(word + after.group(1).lower()) >= COMPOUND_MIN_ZIPF) or \
            (before is not None and lex.frequency(before.group(1).lower() + word) >= COMPOUND_MIN_ZIPF)

    a, b = sugg[0], sugg[1]
    ja, jb = joins(a.word), joins(b.word)
    if ja == jb:
        return sugg
    return _put_first(sugg, a, b) if ja else _put_first(sugg, b, a)


def variant_first(sugg: list) -> list:
    """``sugg`` with the two best candidates counted as one for the margin where they are the
    British and American spellings of one word ("favoorite": "favourite" or "favorite"): the
    house's or the article's spelling is chosen after (see variants.house_spelling); here
    the one the typed word is the more typical slip of goes first."""
    if len(sugg) < 2:
        return sugg
    a, b = sugg[0], sugg[1]
    gb_us, us_gb = variant_pairs()
    if gb_us.get(a.word) != b.word and us_gb.get(a.word) != b.word:
        return sugg
    chosen = b if a.distance == b.distance == 1 and EDIT_BONUS.get(b.edit, 0) > EDIT_BONUS.get(a.edit, 0) else a
    return _put_first(sugg, chosen, b if chosen is a else a)


INFLECTIONS = ("ing", "ers", "er", "ed", "es", "s", "d")


def inflects_common(lex, word: str, target_zipf: float) -> bool:
    """Whether a rare word is an ending added to a word about as common as the word it
    could be a slip of ("shored", "schemed", "merchandises", "molder"): a form of that
    word, not a slip.  The stem has four letters or more: "sining" and "meting" are not
    forms of "sin" and "met", but slips of "dining" and "meeting" ("sine" and "mete" are far
    rarer than those)."""
    floor = max(INFLECTED_STEM_ZIPF, target_zipf - 0.5)
    for end in INFLECTIONS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            stem = word[:-len(end)]
            if end == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
                continue  # "employes" is no form of "employ"
            # (a dropped "e" counts: "holing" is a form of "hole", as common as "holding")
            stems = (stem, stem + "e") if end in ("ing", "ed", "er", "ers") else (stem,)
            if any(len(w) >= 4 and lex.frequency(w) >= floor for w in stems):
                return True
            if end in ("ing", "ed", "er", "ers") and len(stem) >= 4 and stem[-1] == stem[-2] \
                    and stem[-1] in _DOUBLED and stem[-3] in _VOWELS and stem[-4] not in _VOWELS \
                    and lex.frequency(stem[:-1]) >= INFLECTED_STEM_ZIPF:
                # the consonant doubled after a short stressed vowel, as English spells it
                # ("snipping", "slotted", "trimmer"): a form of "snip", however rare "snip" is
                # beside "shipping" (a slip seldom lands on so regular a form)
                return True
    return False


_DOUBLED = frozenset("bdgklmnprtz")
_VOWELS = frozenset("aeiou")


def choose_in_context(doc, start: int, end: int, typed: str, options: list[str]) -> str | None:
    """The one of ``options``, the corrections a list gives for the slip ``typed`` at
    [start, end), that the text clearly favours, or None: each is weighed as the spelling
    check weighs its own candidates (how common the word is, how typical the slip, whether
    the article uses it, its neighbours), and must win by :data:`SAFE_MARGIN`.  ("troups" in
    news is "troops", not "troupes"; "mounth" beside "month-on-month" is "month".)"""
    if any("'" in o or "’" in o for o in options):
        return None  # "couldn": "could" or "couldn't"? never a guess that may drop a negation
    lex = english()
    lower = typed.lower()
    scored = []
    for option in options:
        word = option.lower()
        distance = damerau(lower, word, 3)
        if distance == 1:
            kind = classify(lower, word) or "other-key"
            bonus = edit_bonus(lower, word, kind)
        else:
            kind, bonus = "two-edits", -TWO_EDITS_PENALTY * (distance - 1)
        scored.append(Suggestion(lex.frequency(word) + bonus, word, distance, kind))
    if len(scored) < 2:
        return None
    left, right = neighbour_words(doc.text, start, end)
    ranked = ending_first(lower, plural_first(lower, lex.rerank(scored, set(doc.words_lower) - {lower}, left, right),
                                              after_count(doc.text, start), before_singular(doc.text, start, end)))
    if ranked[0].score - ranked[1].score < SAFE_MARGIN or not lex.frequency(ranked[0].word):
        return None
    # The neighbouring words must not favour another option: in "Bangladesh spects to
    # produce", "aspects" is commoner and one letter away, but "expects to" is the likelier
    # pair, so the choice is left to the writer.  (Only the pairs: that an article uses
    # "been" elsewhere says nothing against "afraid of beeing caught"; and pairs about as
    # common as each other, "which could take" and "which should take", say nothing either.)
    prior = {s.word: s.score for s in scored}
    said = {s.word: s.score - prior[s.word] for s in lex.rerank(scored, frozenset(), left, right)}
    if any(said[w] - said[ranked[0].word] >= SAFE_MARGIN / 2 for w in said):
        return None
    return next(o for o in options if o.lower() == ranked[0].word)
