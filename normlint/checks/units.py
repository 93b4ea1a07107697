"""``units``: number + unit expressions ("5 kms", "26,238 square km", "25°C").

Every ``units`` rule reads one shared parse of the document: a single regex
pass finds each number followed by a unit (symbol, abbreviation or spelled-out
name) and classifies it once; each rule then looks at one *aspect* of those
expressions (``aspect:`` key).  House styles differ on spacing, temperature,
percent, speed and area forms, so those aspects take a ``style`` that a rule
file sets per profile with the loader's ``profiles:`` overrides.

Fix safety follows one principle: a fix is safe only when the expression can
mean one thing and the target form is what the active style asks for.  Forms
that are house style somewhere else ("5km" under SI, "degrees C") are reported
with the fix the rule file allows (usually unsafe or none), and become safe
fixes when the same article already uses the style's form for that unit
("two forms of the same unit in one article").  Ambiguous forms ("5m": metres
or million?) are reported and never fixed.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

import regex

from ..diagnostics import NONE, SAFE, UNSAFE, Severity
from ..document import WordProbe
from ..lazy_pattern import lazy, lazy_re
from .base import Check

# -- the shared scan ------------------------------------------------------------

_SP = "[ \u00a0\u202f\u2009]"  # space, no-break space, narrow no-break space, thin space
# A figure: "12", "26,238", "1.5", ".5", a fraction "1/2" or "6-1/2" (wire style).
_NUM = (r"(?<![\p{L}\p{N}_.,/])(?P<num>[-\u2212]?(?:(?:\d+-)?\d+/\d+|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
        r"|(?<![\p{N}])\.\d+))")
_SEP = rf"(?P<sep>{_SP}|-|)"
# One alternation, longest and most specific first; the tail makes every
# alternative end on a word boundary.
_UNIT = r"""(?P<unit>
    (?P<area>(?:sq\.?{sp}?|square{sp})(?:kms?|m)|sqkm|km[2²]|m[2²])
  | (?P<temp>[°º]{sp}?(?-i:[CF])|degrees?{sp}(?-i:C|F|Celsius|Fahrenheit|centigrade)|deg\.?{sp}?(?-i:[CF])|(?-i:[CF]))
  | (?P<pct>%|pct|per{sp}?cent|percent)
  | (?P<speed>km/h(?:r|our)?|km{sp}per{sp}hour|kph|kmph|kmh|mph|m\.p\.h\.)
  | (?P<abbr>hrs?\.?|secs?\.?|mins)
  | (?P<sym>kms?|kgs?|mtrs?|cms?|mm|mgs?|[kmg]?hz|[kmg]wh|[kmg]w|(?-i:m))
  | (?P<name>kilomet(?:re|er)|centimet(?:re|er)|millimet(?:re|er)|metre|meter|mile|kilogram(?:me)?
            |tonne|foot|inch|yard|litre|liter|gallon|hectare|acre|hour|minute)
)(?![\p{L}\p{N}_²])""".replace("{sp}", _SP)
SCAN = lazy(_NUM + _SEP + _UNIT, regex.IGNORECASE | regex.VERBOSE | regex.VERSION0)
# SCAN for ASCII text (and plain text without _NON_ASCII_UNIT_CHARS: \p{L} is A-Za-z and \p{N}
# 0-9 there) on the faster ``re`` engine; the fast-path tests compare the two.
_SCAN_ASCII = lazy_re((_NUM + _SEP + _UNIT).replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9"),
                      re.IGNORECASE | re.VERBOSE)

# Pre-checks that let most texts skip SCAN (they change speed, never results:
# tests/test_fast_paths.py holds them to that).
#
# Every SCAN match is, from the last digit of its number on, a match of _LOOSE: it
# starts with a cheap digit test instead of SCAN's look-behind.  No match spans a
# line break, so SCAN runs only over the lines _LOOSE finds something in (or, in ASCII
# text, where _unit_lines finds a unit word after a digit).
_LOOSE = lazy(r"\d" + _SEP + _UNIT, regex.IGNORECASE | regex.VERBOSE | regex.VERSION0)
# _LOOSE for pure-ASCII text (\p{L} is A-Za-z, \p{N} is 0-9 there) on the faster ``re`` engine.
_LOOSE_ASCII = lazy_re((r"\d" + _SEP + _UNIT).replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9"),
                       re.IGNORECASE | re.VERBOSE)
# In ASCII text a unit other than "%" starts a word token (the number before it holds no
# letter), so its first letters-and-digits, lower-cased, are a word of the text (or the part
# of one before an apostrophe: "5 km's"; Document.lower_parts holds both).  These are all such beginnings of a _UNIT match;
# the fast-path tests derive them from _UNIT itself.
UNIT_WORDS = frozenset("""
    sq square sqkm sqkms sqm km2 m2
    degree degrees deg degc degf c f
    pct per percent
    km kph kmph kmh mph m
    hr hrs sec secs mins
    kms kg kgs mtr mtrs cm cms mm mg mgs hz khz mhz ghz kwh mwh gwh kw mw gw
    kilometre kilometer centimetre centimeter millimetre millimeter metre meter mile kilogram kilogramme
    tonne foot inch yard litre liter gallon hectare acre hour minute""".split())

_UNIT_PROBE = WordProbe(UNIT_WORDS)

# Correct symbols, by lower-case spelling.  Plural and miscased forms are
# recognised from these; "mtr(s)" is an abbreviation standing for "m".
SYMBOLS = {
    "km": "km", "kg": "kg", "cm": "cm", "mm": "mm", "mg": "mg", "m": "m", "mtr": "m",
    "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz",
    "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh",
}
# Spellings that are right for something else ("mW" milliwatt, "mHz" millihertz,
# "Mw" moment magnitude) are never rewritten; lower-case "mw"/"mwh" is read as
# mega- in news copy but could be milli-: reported with a suggestion only.
LEAVE = {"mW", "mHz", "Mw", "mWh", "MM"}
DOUBTFUL = {"mw", "mwh"}
SPEEDS = {"km/h": "km/h", "km/hr": "km/h", "km/hour": "km/h", "kph": "kph", "kmph": "km/h", "kmh": "km/h",
          "mph": "mph", "m.p.h.": "mph"}
ABBREVIATIONS = {"hr": ("h", "hour"), "hrs": ("h", "hour"), "sec": ("s", "second"), "secs": ("s", "second"),
                 "mins": ("min", "minute")}
CURRENCY_BEFORE = lazy(r"(?:[$£€¥₹]|\b(?:US|A|C|NZ|HK|S)\$|\b(?:Rs|Rs\.|USD|EUR|GBP|stg|dlrs?)\s?)$")
# "5m tonnes" (Guardian/BBC million style) and "5m dlrs" are millions, not metres.
MILLION_NOUNS = lazy(
    r"(?:{sp}|-)(?:tonnes?|tons?|barrels?|bpd|people|users|shares|dollars|dlrs|euros?|pounds|stg|yen|yuan|"
    r"rupees|visitors|viewers|voters|households|homes|jobs|customers|subscribers|copies|units|passengers|"
    r"bushels|bales|ounces|tourists|residents|children|adults|doses|votes|members|barrels|cars|vehicles|"
    r"shillings|naira|rand|rupiah|ringgit|pesos|reais|francs|won|dinars|dirhams|riyals|lira|kroner|kronor|"
    r"krona|zlotys?|baht|hryvnias?|cedis|kwacha|birr|taka|dong|renminbi|hours|years|days|litres|liters|"
    r"gallons|hectares|acres|workers|students|pupils|patients|followers|downloads|views|streams|trees|"
    r"cases|deaths|refugees|migrants|tests|"
    r"of|a|in|to|from|for|worth|and|or)\b".replace("{sp}", _SP), regex.IGNORECASE)
METRE_AFTER = lazy(r"(?:-|{sp})?(?:long|tall|high|deep|wide|thick|away|above|below|metres?|meters?)\b"
                   .replace("{sp}", _SP), regex.IGNORECASE)
TEMPERATURE_CONTEXT = lazy(
    r"\b(?:temperatures?|degrees|celsius|fahrenheit|centigrade|thermometers?|heat|heatwaves?|warm(?:er|est|ing)?|"
    r"cold(?:er|est)?|cool(?:er|est)?|freez\w*|frost\w*|chill\w*|weather|forecasts?|mercury|highs?|lows?)\b"
    r"|\(\d+(?:\.\d+)?[°º]?\s?[CF]\)", regex.IGNORECASE)
# Words after "600 kilometre" that show it is not a compound modifier.
NOT_A_NOUN = frozenset("""a an the and or but nor of to in on at by for from with per than as
    into onto off out up down over under away long wide high deep tall thick old ago later earlier
    north south east west northeast northwest southeast southwest inland offshore apart
    is are was were be been being has have had will would can could may might must shall should
    do does did not each every this that these those it its he she they we you i""".split())

CLOCK = lazy(r"[0-2]\d[0-5]\d")  # "1400 hrs": a clock time, not a duration
CLOCK_DOT = lazy(r"[0-2]?\d\.[0-5]\d")  # "15.00 hrs"
SENTENCE_END = lazy(r"[.!?](?:\s|$)|\n\n")


class Expr(NamedTuple):
    """One number + unit expression found by the scan (a tuple: thousands per corpus)."""

    start: int  # of the number
    end: int  # just past the unit
    num: str
    sep: str
    unit: str  # as written
    group: str  # which alternative matched: area, temp, pct, speed, abbr, sym, name
    unit_start: int

    @property
    def singular(self) -> bool:
        return self.num.lstrip("-\u2212") in ("1", "1.0")


def scan(doc) -> list[Expr]:
    """Every number + unit expression of ``doc``, computed once and shared by all units rules."""
    cache = doc.__dict__
    found = cache.get("_units_scan")
    if found is None:
        found = cache["_units_scan"] = _scan(doc)
    return found


def _scan(doc) -> list[Expr]:
    text = doc.text
    lines = None
    simple = text.isascii() or (doc.plain and not any(c in text for c in _NON_ASCII_UNIT_CHARS))
    if simple:
        words = doc.found(_UNIT_PROBE)
        if not words and "%" not in text:
            return []  # most articles: no unit word at all (a set test shared with the word lists)
        lines = _unit_lines(text, doc.lower_text, words)
    if lines is None:
        lines = _loose_lines(text, _LOOSE_ASCII if simple else _LOOSE)
    found = []
    finditer = (_SCAN_ASCII if simple else SCAN).finditer
    for start, end in lines:
        # SCAN over the one line: its ends are a line break or the text's ends, which
        # SCAN's look-arounds treat alike, so it finds what a whole-text pass finds there.
        for m in finditer(text, start, end):
            found.append(Expr(m.start(), m.end(), m.group("num"), m.group("sep"), m.group("unit"),
                              _group(m), m.start("unit")))
    return found


def _line_at(text: str, i: int) -> tuple[int, int]:
    end = text.find("\n", i)
    return text.rfind("\n", 0, i) + 1, end if end >= 0 else len(text)


def _loose_lines(text: str, loose):
    """The lines (start, end) in which ``loose`` matches, in order."""
    pos = 0
    while (hit := loose.search(text, pos)) is not None:
        line = _line_at(text, hit.start())
        yield line
        pos = line[1] + 1


# The non-ASCII characters SCAN gives a meaning to, other than letters and digits (which a
# plain Document has none of): a plain text without them scans as ASCII text does.
_NON_ASCII_UNIT_CHARS = "°º\u00a0\u202f\u2009\u2212"

# Above this many occurrences of the unit words, one _LOOSE_ASCII pass beats visiting each.
_MAX_VISITS = 40
_NUMBER_CHARS = frozenset("0123456789,./-")  # what SCAN's number is made of, in ASCII text
_UNIT_SPAN = 40  # longer than any unit _UNIT matches (the fast-path tests check it)


def _unit_lines(text: str, lower: str, words) -> list[tuple[int, int]] | None:
    """For ASCII text holding the unit words ``words`` (lower-case; see UNIT_WORDS): the
    lines where one of them, or "%", ends a digit, a space or hyphen perhaps between, and
    is not followed by a letter or digit (units are whole).  Found by C-level substring
    searches; None when the words occur too often for that to pay ("m", "c")."""
    needles = sorted(words)
    if "%" in text:
        needles.append("%")
    if sum(lower.count(w) for w in needles) > _MAX_VISITS:
        return None
    n = len(lower)
    spans: dict[int, list[int]] = {}  # line start -> [where its first number may start, last unit start]
    for w in needles:
        after = len(w)
        p = lower.find(w, 1)
        while p != -1:
            q = p + after
            if w == "%" or q == n or not lower[q].isalnum():
                b = p - 1
                if lower[b] in " -" and b and lower[b - 1].isdigit():
                    b -= 1
                if lower[b].isdigit():
                    line = text.rfind("\n", 0, b) + 1
                    while b > line and text[b - 1] in _NUMBER_CHARS:
                        b -= 1  # back to the start of the number (SCAN checks what precedes it)
                    span = spans.get(line)
                    if span is None:
                        spans[line] = [b, p]
                    else:
                        span[0], span[1] = min(span[0], b), max(span[1], p)
            p = lower.find(w, p + 1)
    out = []
    for line in sorted(spans):
        start, last = spans[line]
        end = text.find("\n", last)
        end = end if end >= 0 else n
        # Every match ends within _UNIT_SPAN of its unit's start; stop at a space past that
        # (SCAN's look-ahead treats a space and the end of the text alike).
        space = text.find(" ", last + _UNIT_SPAN, end)
        out.append((start, space if space >= 0 else end))
    return out


def _group(m) -> str:
    for g in ("area", "temp", "pct", "speed", "abbr", "sym", "name"):
        if m.group(g) is not None:
            return g
    return "sym"


def _norm_space(s: str) -> str:
    return s if s.isascii() else regex.sub(_SP, " ", s)  # the only ASCII one of _SP is the space


def symbol_of(token: str) -> tuple[str | None, bool]:
    """(correct symbol, written as a plural) for a symbol token, or (None, False)."""
    low = token.lower()
    if low in SYMBOLS:
        return SYMBOLS[low], False
    if low.endswith("s") and low[:-1] in SYMBOLS and low[:-1] != "m":
        return SYMBOLS[low[:-1]], True
    return None, False


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (roughly) holding [start, end): for context words."""
    lo = max(0, start - 300)
    head = text[lo:start]
    cut = [m.end() for m in SENTENCE_END.finditer(head)]
    s = lo + cut[-1] if cut else lo
    tail = text[end:end + 300]
    m = SENTENCE_END.search(tail)
    e = end + (m.start() + 1 if m else len(tail))
    return text[s:e]


# -- the check --------------------------------------------------------------------

ASPECTS = ("plural", "case", "abbreviation", "area", "spacing", "temperature", "percent", "speed",
           "compound", "ambiguous")
STYLES = {
    "spacing": ("space", "closed"),
    "area": ("symbol", "sq"),
    "temperature": ("space", "closed", "letter", "words"),
    "percent": ("space", "closed"),
    "speed": ("km/h", "kph"),
    "abbreviation": ("symbol", "words"),
    "compound": ("space", "closed", "keep"),
}
PERCENT_WORDS = ("percent", "per cent", "pct")
# The scan groups (Expr.group) each aspect's handler can report on.
ASPECT_GROUPS = {
    "plural": {"sym"}, "case": {"sym"}, "abbreviation": {"abbr", "sym"}, "area": {"area"},
    "spacing": {"sym", "speed"}, "temperature": {"temp"}, "percent": {"pct"}, "speed": {"speed"},
    "compound": {"name", "sym"}, "ambiguous": {"sym"},
}
_RANK = {NONE: 0, UNSAFE: 1, SAFE: 2}


class Units(Check):
    kind = "units"
    keys = frozenset({"aspect", "style", "spacing", "rewrite", "mixed", "convert"})
    required = frozenset({"aspect"})
    can_fix = True
    default_fix = SAFE

    def compile(self):
        self.aspect = aspect = self.choice("aspect", ASPECTS)
        styles = STYLES.get(aspect)
        style = self.rule.get("style", styles[0] if styles else None)
        if styles is None and "style" in self.rule.data:
            raise self.rule.error(f"aspect {aspect!r} takes no 'style'", "style")
        if styles is not None and style not in styles:
            raise self.rule.error(f"'style' for aspect {aspect!r} must be one of {', '.join(styles)} "
                                  f"(got {style!r})", "style")
        self.style = style
        spacing = self.rule.get("spacing", "space")
        if spacing not in ("space", "closed"):
            raise self.rule.error("'spacing' must be 'space' or 'closed'", "spacing")
        self.space = " " if spacing == "space" else ""
        rewrite = self.rule.get("rewrite", [])
        if not isinstance(rewrite, list) or any(w not in PERCENT_WORDS for w in rewrite):
            raise self.rule.error(f"'rewrite' must list some of {', '.join(PERCENT_WORDS)}", "rewrite")
        self.rewrite = frozenset(rewrite)
        mixed = self.rule.get("mixed", SAFE)
        if mixed not in (SAFE, UNSAFE, NONE):
            raise self.rule.error("'mixed' must be safe, unsafe or none", "mixed")
        self.mixed = mixed
        # rewriting another house style's correct form (kph <-> km/h, km² -> sq km)
        convert = self.rule.get("convert", UNSAFE)
        if convert not in (SAFE, UNSAFE, NONE):
            raise self.rule.error("'convert' must be safe, unsafe or none", "convert")
        self.convert = convert
        self.handler = getattr(self, "_" + aspect)
        self.groups = ASPECT_GROUPS[aspect]
        self.feature_gate = frozenset(self.groups)

    @staticmethod
    def doc_features(doc, wanted=None) -> set[str]:
        """The scan groups the document's expressions fall in: a rule reports only on
        expressions of its own groups (tests/test_fast_paths.py holds the handlers to that)."""
        return {e.group for e in scan(doc)}

    def _applicability(self, wanted: str) -> str:
        """The weaker of what the finding allows and what the rule file allows."""
        return min(wanted, self.fix_mode, key=_RANK.__getitem__)

    def run(self, doc):
        exprs = scan(doc)
        if not exprs:
            return []
        found = []  # (start, end, observed, replacement|None, applicability, suggestions, key, conforms)
        groups, handler = self.groups, self.handler
        for e in exprs:
            if e.group in groups:  # the handler finds nothing in other groups: skip the call
                found.extend(handler(doc, e) or ())
        # Two forms of one unit in one article: if the style's form is already
        # used for a unit, the other forms of that unit are fixed safely.
        conforming = {f[6] for f in found if f[7]}
        out = []
        for start, end, observed, replacement, applicability, suggestions, key, conforms in found:
            if conforms or not self.allowed(doc, start, end):
                continue
            if applicability == "if-mixed":
                # a house form in its own right, reported only beside the style's form
                if key not in conforming:
                    continue
                applicability = NONE
            severity = self.severity
            message = self.format(replacement or "' or '".join(suggestions), observed)
            if applicability == "convert":
                applicability = self.convert
            applicability = self._applicability(applicability)
            if key in conforming and replacement is not None and self.fix_mode != NONE \
                    and _RANK[applicability] < _RANK[self.mixed]:
                applicability = self.mixed
                severity = max(severity, Severity.WARNING)
                message += " This article already writes it that way elsewhere."
            d = self.diagnostic(doc, start, end, message, replacement if applicability != NONE else None,
                                suggestions=suggestions or ((replacement,) if replacement else ()),
                                applicability=applicability)
            out.append(replace(d, severity=severity) if severity != self.severity else d)
        return out

    # Each handler returns findings for one expression:
    # (start, end, observed, replacement, applicability, suggestions, unit key, conforms)

    def _plural(self, doc, e):
        if e.group != "sym":
            return
        symbol, plural = symbol_of(e.unit)
        low = e.unit.lower()
        if symbol is None or not (plural or low == "mtr"):
            return
        if e.unit in LEAVE or low.rstrip("s") in DOUBTFUL:
            return
        yield (e.unit_start, e.end, e.unit, symbol, SAFE, (), symbol, False)

    def _case(self, doc, e):
        if e.group != "sym":
            return
        symbol, plural = symbol_of(e.unit)
        if symbol is None or plural or e.unit == symbol or e.unit.lower() == "mtr" or e.unit in LEAVE:
            return
        if _shouting(doc.text, e.start):
            return  # an all-capitals line ("PRICE PER 50 KG") carries no case information
        if e.unit.lower() in DOUBTFUL:
            yield (e.unit_start, e.end, e.unit, None, NONE, (symbol,), symbol, False)
            return
        yield (e.unit_start, e.end, e.unit, symbol, SAFE, (), symbol, False)

    def _abbreviation(self, doc, e):
        text = doc.text
        if e.group == "abbr":
            low = e.unit.lower().rstrip(".")
            if low not in ABBREVIATIONS:
                return
            if low.startswith("hr") and (CLOCK.fullmatch(e.num) or CLOCK_DOT.fullmatch(e.num)):
                return  # "1400 hrs", "15.00 hrs": a time of day, not a duration
            symbol, name = ABBREVIATIONS[low]
            word = name if e.singular else name + "s"
            unit_end = e.end
            if e.unit.endswith(".") and not (e.end < len(text) and text[e.end:e.end + 2].strip()[:1].islower()):
                unit_end -= 1  # "3 hrs." ending a sentence keeps its full stop
            observed = text[e.unit_start:unit_end]
            target = symbol if self.style == "symbol" else word
            yield (e.unit_start, unit_end, observed, target, UNSAFE, (target, word if target == symbol else symbol),
                   symbol, False)
            return
        # A full stop after a symbol in mid-sentence ("5 km. from the border").
        if e.group == "sym" and e.end < len(text) and text[e.end] == ".":
            symbol, _ = symbol_of(e.unit)
            if symbol is None or symbol == "m" or e.unit in LEAVE:
                return
            m = regex.match(r"\.[ \u00a0]+[a-z]", text[e.end:e.end + 4])
            if m:
                yield (e.unit_start, e.end + 1, text[e.unit_start:e.end + 1], e.unit, SAFE, (), symbol, False)

    def _area(self, doc, e):
        if e.group != "area":
            return
        base = "km" if "k" in e.unit.lower() else "m"
        if self.style == "symbol":
            unit, space = base + "²", self.space
        else:
            unit, space = "sq " + base, " "
        observed = doc.text[e.start:e.end]
        target = e.num + space + unit
        if _norm_space(observed) == target:
            return
        # km² is a correct symbol; writing it as "sq km" (or back) is style, not error
        clean = e.unit in ("km²", "m²")
        yield (e.start, e.end, observed, target, "convert" if clean else SAFE, (), "area-" + base, False)

    def _spacing(self, doc, e):
        if e.group == "sym":
            symbol, plural = symbol_of(e.unit)
            if symbol is None or plural or e.unit != symbol or symbol == "m":
                return
        elif e.group == "speed":
            symbol = e.unit
            if symbol not in ("km/h", "kph", "mph"):
                return
        else:
            return
        if e.sep == "-":
            return
        want = " " if self.style == "space" else ""
        is_space = e.sep != ""
        conforms = is_space == (want == " ")
        observed = doc.text[e.start:e.end]
        target = e.num + want + e.unit
        if conforms:
            yield (e.start, e.end, observed, None, NONE, (), "spacing-" + symbol, True)
        else:
            yield (e.start, e.end, observed, target, SAFE, (), "spacing-" + symbol, False)

    def _temperature(self, doc, e):
        if e.group != "temp":
            return
        text = doc.text
        unit = e.unit
        letter = unit[-1] if unit[-1] in "CF" else ("C" if unit.lower().endswith(("celsius", "centigrade")) else "F")
        sign_form = unit[0] in "°º"
        degrees_letter = regex.fullmatch(r"deg(?:rees?|\.)?" + _SP + r"?[CF]", unit) is not None
        bare = unit in ("C", "F")
        words = not (sign_form or degrees_letter or bare)
        if bare:
            # "25C" is a temperature only where the sentence talks about one
            # ("Apartment 25C", "Form 10F" are not).
            if e.sep == "-" or not TEMPERATURE_CONTEXT.search(sentence_around(text, e.start, e.end)):
                return
        if e.sep == "-":
            return
        style = self.style
        if style == "space":
            target = f"{e.num} °{letter}"
        elif style == "closed":
            target = f"{e.num}{letter}"
        elif style == "letter":
            target = f"{e.num} {letter}"
        else:
            target = f"{e.num} degrees {'Celsius' if letter == 'C' else 'Fahrenheit'}"
        observed = text[e.start:e.end]
        key = "temp-" + letter
        if _norm_space(observed) == target:
            yield (e.start, e.end, observed, None, NONE, (), key, True)
            return
        if words:
            return  # spelled-out "25 degrees Celsius" is right in every style
        if style == "words" and degrees_letter:
            return  # "25 degrees C" is wire style where names are spelled out
        if sign_form:
            # "25°C" is Chicago and National Geographic style; only SI spaces it,
            # so under the default profile that gap alone is advice.  "25° C",
            # "25 ° C" and "º" (the ordinal sign) are wrong in every style.
            applicability = "convert" if unit == "°" + letter and e.sep == "" and style == "space" else SAFE
        elif degrees_letter:
            applicability = UNSAFE if style == "space" else SAFE
        else:  # bare 25C / 25 C, known to be a temperature only from context
            # "25 C" -> "25C" only closes a gap; anything else reads more into it
            applicability = SAFE if style == "closed" and e.sep != "" else UNSAFE
        yield (e.start, e.end, observed, target, applicability, (), key, False)

    def _percent(self, doc, e):
        if e.group != "pct":
            return
        unit = _norm_space(e.unit).lower().rstrip(".")
        observed = doc.text[e.start:e.end]
        want = " " if self.style == "space" else ""
        if unit != "%":
            # "pct" where the style keeps it is still a second form next to "%"
            applicability = SAFE if unit in self.rewrite else "if-mixed"
            yield (e.start, e.end, observed, e.num + want + "%", applicability, (), "percent", False)
            return
        conforms = (e.sep != "") == (want == " ")
        if e.sep == "-":
            return
        if conforms:
            yield (e.start, e.end, observed, None, NONE, (), "percent", True)
        else:
            yield (e.start, e.end, observed, e.num + want + "%", SAFE, (), "percent", False)

    def _speed(self, doc, e):
        if e.group != "speed":
            return
        unit = _norm_space(e.unit)
        low = unit.lower()
        if low.startswith("km") and "per" in low:
            low = "km/h"  # "km per hour": a symbol mixed with a name
            canon, odd = "km/h", True
        else:
            canon = SPEEDS.get(low, "km/h")
            odd = unit != canon  # kmh, KPH, km/hr, MPH...
        if canon == "mph":
            if odd:
                yield (e.unit_start, e.end, e.unit, "mph", SAFE, (), "speed-mph", False)
            return
        want = self.style
        observed = e.unit
        if canon == want and not odd:
            yield (e.unit_start, e.end, observed, None, NONE, (), "speed", True)
        else:
            # kmh, km/hr, KPH are not anyone's style: safe.  kph vs km/h is a house choice.
            applicability = SAFE if odd and low not in ("kph", "km/h") else "convert"
            if low in ("kph", "km/h") and unit != low:
                applicability = SAFE  # "KPH", "KM/H": the case is wrong whatever the style
            yield (e.unit_start, e.end, observed, want, applicability, (), "speed", False)

    def _compound(self, doc, e):
        text = doc.text
        if e.group == "name":
            # "a 600 kilometre border": a singular unit name after a number > 1
            # modifies the noun that follows, and takes a hyphen.  Wire copy
            # often omits it, so the fix is only as safe as the rule file says;
            # an article that hyphenates elsewhere gets a safe fix.
            if e.sep not in (" ", "\u00a0", "-") or e.singular or e.unit != e.unit.lower():
                return
            m = regex.match(r"[ \u00a0]([a-z][a-z]+)\b(?![-'’])", text[e.end:e.end + 40])
            if not m or m.group(1) in NOT_A_NOUN:
                return
            if e.sep == "-":
                yield (e.start, e.end, None, None, NONE, (), "compound", True)
                return
            yield (e.start, e.end, text[e.start:e.end], f"{e.num}-{e.unit}", SAFE, (), "compound", False)
            return
        if e.group != "sym" or e.sep != "-" or self.style == "keep":
            return
        symbol, plural = symbol_of(e.unit)
        if symbol is None or plural or e.unit != symbol or symbol == "m":
            return
        m = regex.match(r"[ \u00a0]\(?[a-z]", text[e.end:e.end + 3])
        if not m:
            return
        target = e.num + (" " if self.style == "space" else "") + e.unit
        yield (e.start, e.end, text[e.start:e.end], target, UNSAFE, (), "compound", False)

    def _ambiguous(self, doc, e):
        if e.group != "sym" or e.unit != "m" or e.sep != "":
            return
        text = doc.text
        before = text[max(0, e.start - 5):e.start]
        if CURRENCY_BEFORE.search(before):
            return  # "£5m", "$5m": money
        after = text[e.end:e.end + 30]
        if MILLION_NOUNS.match(after) or METRE_AFTER.match(after):
            return  # "5m tonnes", "5m tall": the next word decides
        suggestions = (f"{e.num} m", f"{e.num} million")
        yield (e.start, e.end, text[e.start:e.end], None, NONE, suggestions, "ambiguous", False)


def _shouting(text: str, offset: int) -> bool:
    """Whether the line around ``offset`` has letters but no lower-case ones."""
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    line = text[s:e if e != -1 else len(text)]
    return not any(c.islower() for c in line) and any(c.isalpha() for c in line)
