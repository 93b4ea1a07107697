"""``consistency``: one story, one spelling of a name (Daesh / ISIS / Islamic State).

Groups are N-way (Vale's ``either`` pairs also load).  The form to keep is
``prefer: first`` (the first used outside quotations), ``majority`` (ties go to
the form the article's quotations use most, then to one written in capitals in a
dateline, then to the group's first form, then to the first used) or a literal form (a house style: every other
form is fixed).
Text inside quotation marks is exempt by default: a speaker may say "ISIS".

What keeps the check from rewriting what it should not:

* ``exceptions`` shelter collisions ("chicken Kiev", "Bombay Stock Exchange").
* A group's ``weak`` forms are ambiguous on their own ("IS", "Isis" the
  goddess): they count only in an article that also uses a strong form of the
  group, and are never the form chosen by ``first`` or ``majority``.
* An explanation is not a mix: a form right after another form of its group
  ("Myanmar (Burma)", "ISIS, ISIL or Daesh", "Islamic State, also known as
  Daesh") or after a naming cue ("formerly Bombay", "known as Daesh") is left
  alone, and an acronym defined in brackets ("Islamic State (IS)") may be used
  from then on.  ``explanations: check`` turns this off.
* A form written with a lowercase first letter ("al-Qaeda") also matches with
  a capital (sentence start), and keeps the capital when rewritten.
* ``suffixes`` (e.g. ``[s, ic]``) lets a form carry an ending: "Moslems" and
  "Koranic" are the same names as "Moslem" and "Koran"; only the stem is rewritten.
"""
from __future__ import annotations

import regex

from ..lazy_pattern import lazy
from ..document import WordProbe, opens_sentence
from .base import Check

# What may stand between two forms of a group when the second explains the first.
_CUE_WORDS = frozenset("""or aka also known as called formerly previously now then the former old name
    acronym abbreviation for its arabic spelled spelt renamed from a k in english""".split())
# ...and at least one of these, unless the gap is bare punctuation: "the Prophet
# Muhammad and the Prophet Mohammed" is a mix, "ISIS, or Daesh" an explanation.
_STRONG_CUES = frozenset("or aka also known called formerly previously renamed acronym abbreviation name spelled spelt".split())
_GAP_TOKEN = lazy(r"[\p{L}.]+")
_GAP_MAX = 40
# A naming cue just before a lone form: "formerly Bombay", "the acronym Daesh".
_CUE_BEFORE = lazy(
    r"(?:\bknown as|(?<!\bso[- ])\bcalled|\bcalls itself|\bformerly|\bpreviously|\brenamed(?: from)?|\bacronym(?: for)?"
    r"|\babbreviation(?: for)?|\bspell?ed|\bspelt|\bname for|\ba\.k\.a\.|\baka)[\s,:“\"‘']{1,4}(?:the\s+)?$",
    regex.IGNORECASE)
_APOSTROPHES = "'’"


def _defines(text: str, start: int, end: int) -> bool:
    """An acronym in brackets right after its long form defines it for the rest
    of the article: "Islamic State (IS) ... IS fighters" is the writer's choice."""
    form = text[start:end]
    return len(form) >= 2 and form.isupper() and text[start - 1:start] == "(" and text[end:end + 1] == ")"


_LETTERS = lazy(r"\p{L}+")


def _in_capitals(text: str, form: str) -> int:
    """How often ``form`` occurs in capitals as a word of its own ("KYIV, Ukraine"); 0 for a
    form already in capitals ("ISIS"), whose mentions are counted as such."""
    upper = form.upper()
    if upper == form:
        return 0
    n = 0
    i = text.find(upper)
    while i != -1:
        j = i + len(upper)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            n += 1
        i = text.find(upper, j)
    return n


class Consistency(Check):
    kind = "consistency"
    keys = frozenset({"either", "groups", "prefer", "suffixes", "explanations"})
    can_fix = True
    default_quotes = "skip"

    def compile(self):
        groups = []
        either = self.rule.get("either")
        if either is not None:
            if not isinstance(either, dict):
                raise self.rule.error("'either' must map one form to another", "either")
            groups += [{"forms": [str(a), str(b)]} for a, b in either.items()]
        raw = self.rule.get("groups")
        if raw is not None:
            if not isinstance(raw, list):
                raise self.rule.error("'groups' must be a list of lists of forms", "groups")
            for g in raw:
                if isinstance(g, list):
                    g = {"forms": g}
                if not isinstance(g, dict) or not isinstance(g.get("forms"), list) or len(g["forms"]) < 2 \
                        or not all(isinstance(f, str) and f for f in g["forms"]):
                    raise self.rule.error("each group must list at least two forms", "groups")
                extra = set(g) - {"forms", "prefer", "weak"}
                if extra:
                    raise self.rule.error(f"unknown group key(s): {', '.join(sorted(extra))}", "groups")
                weak = g.get("weak", [])
                if not isinstance(weak, list) or not all(w in g["forms"] for w in weak):
                    raise self.rule.error(f"'weak' must list forms of its group {g['forms']}", "groups")
                if len(weak) >= len(g["forms"]):
                    raise self.rule.error("a group needs at least one form that is not weak", "groups")
                groups.append(g)
        if not groups:
            raise self.rule.error("consistency rules need 'groups' (or Vale's 'either')")
        suffixes = self.rule.get("suffixes", [])
        if not isinstance(suffixes, list) or not all(isinstance(s, str) and s for s in suffixes):
            raise self.rule.error("'suffixes' must be a list of word endings", "suffixes")
        explanations = self.rule.get("explanations", "skip")
        if explanations not in ("skip", "check"):
            raise self.rule.error("'explanations' must be 'skip' or 'check'", "explanations")
        self.skip_explanations = explanations == "skip"
        default_prefer = self.rule.get("prefer", "first")
        self.groups = []
        alternatives = []
        for gi, g in enumerate(groups):
            prefer = g.get("prefer", default_prefer)
            if prefer not in ("first", "majority") and prefer not in g["forms"]:
                # A rule-wide literal names a form of one group; the others keep "first".
                known = any(prefer in grp["forms"] for grp in groups)
                if "prefer" in g or not known:
                    raise self.rule.error(
                        f"prefer {prefer!r} is not 'first', 'majority' or one of the forms {g['forms']}", "prefer")
                prefer = "first"
            weak = {g["forms"].index(w) for w in g.get("weak", [])}
            self.groups.append((g["forms"], prefer, weak))
            for fi, form in enumerate(g["forms"]):
                alternatives.append((form, gi, fi))
        # Longest first, so "Islamic State" is not read as "Islamic" + "State".
        alternatives.sort(key=lambda a: -len(a[0]))
        self.index = {f"g{gi}_{fi}": (gi, fi) for _, gi, fi in alternatives}
        body = "|".join(f"(?P<g{gi}_{fi}>{self._form_pattern(form)})" for form, gi, fi in alternatives)
        if self.nonword:
            pattern = body
        else:
            ending = "|".join(regex.escape(s) for s in sorted(suffixes, key=len, reverse=True))
            after = rf"(?=(?:{ending})?\b)" if ending else r"\b"
            pattern = rf"\b(?:{body}){after}"
        self.pattern = self.compile_regex(pattern, "groups")
        # Cheap pre-test: most articles mention none of the forms, and one
        # substring search per form is far cheaper than the regex pass.
        self.needles = sorted({max(regex.split(r"[^\p{L}]+", f.lower()), key=len) for f, _, _ in alternatives})
        # Faster still, and as safe: a form that matches (on word boundaries) puts its
        # needle in the text as a whole run of letters, or with a suffix's letters
        # after it ("Qaeda" + "s").  So one set test against the article's letter runs
        # (shared by every rule) replaces the substring searches.
        self.run_needles = None
        if not self.nonword:
            leads = {""} | {m.group() for m in (_LETTERS.match(s.lower()) for s in suffixes) if m}
            self.run_needles = frozenset(n + lead for n in self.needles for lead in leads)
        self.letter_gate = self.run_needles
        self.gate_probe = WordProbe(self.run_needles) if self.run_needles is not None else None
        # Past the letter gate (lower-case, shared), a case-sensitive rule tests the forms'
        # own spelling: the lower-case "is" of the form "IS" is in most English text, "IS"
        # itself is not.  A form matches literally but for its apostrophes and the case of
        # a lower-case first letter, so its longest run of letters is in the text as written.
        self.case_needles = None if self.ignorecase else self._case_needles(f for f, _, _ in alternatives)

    @staticmethod
    def _case_needles(forms) -> tuple[str, ...] | None:
        needles = set()
        for form in forms:
            runs = [m for m in regex.finditer(r"\p{L}+", form)]
            if not runs:
                return None
            run = max(runs, key=lambda m: len(m.group()))
            word = run.group()
            needles.add(word)
            if run.start() == 0 and word[0].islower():
                if len(word[0].upper()) != 1:
                    return None
                needles.add(word[0].upper() + word[1:])  # "al-Qaeda" opens a sentence as "Al-Qaeda"
        return tuple(sorted(needles))

    @staticmethod
    def _form_pattern(form: str) -> str:
        out = []
        for i, ch in enumerate(form):
            if ch in _APOSTROPHES:
                out.append("['’]")  # straight or curly, the same name
            elif i == 0 and ch.islower():
                out.append(f"[{ch}{ch.upper()}]")  # "al-Qaeda" opens a sentence as "Al-Qaeda"
            else:
                out.append(regex.escape(ch))
        return "".join(out)

    @staticmethod
    def _same(observed: str, form: str) -> bool:
        norm = observed.replace("’", "'")
        return norm == form.replace("’", "'") or (form[:1].islower() and norm == form[:1].upper() + form[1:].replace("’", "'"))

    def _explains(self, text: str, prev_end: int | None, start: int) -> bool:
        """Whether the mention at ``start`` only explains another name."""
        if prev_end is not None and start - prev_end <= _GAP_MAX:
            gap = text[prev_end:start]
            words = [t.lower().strip(".") for t in _GAP_TOKEN.findall(gap)]
            if "\n" not in gap and not regex.search(r"[.!?;]\s", gap) and all(w in _CUE_WORDS for w in words) \
                    and (not words or any(w in _STRONG_CUES for w in words)):
                return True
        return bool(_CUE_BEFORE.search(text, max(0, start - 30), start))

    def run(self, doc):
        text = doc.text
        if self.run_needles is not None:
            if not doc.letter_runs_in(self.gate_probe):
                return
        elif not any(n in doc.lower_text for n in self.needles):
            return
        if self.case_needles is not None:
            for needle in self.case_needles:
                if needle in text:
                    break
            else:
                return
        hits = {}  # group -> [(start, end, form index)]
        last = {}  # group -> (end, form index) of the previous mention, quoted or not
        defined = {}  # group -> acronyms the article defined: "Islamic State (IS)"
        quoted = {}  # group -> [form index] of mentions left alone inside quotations
        for m in self.finditer(self.pattern, text, doc):
            gi, fi = self.index[m.lastgroup]
            start, end = m.span(m.lastgroup)
            prev = last.get(gi)
            last[gi] = (end, fi)
            if not self.allowed(doc, start, end):
                if self.quotes == "skip" and doc.in_quote(start, end) and not self.excepted(doc, start, end):
                    quoted.setdefault(gi, []).append(fi)
                continue
            if fi in defined.get(gi, ()):
                continue
            if self.skip_explanations and self._explains(
                    text, prev[0] if prev is not None and prev[1] != fi else None, start):
                if _defines(text, start, end):
                    defined.setdefault(gi, set()).add(fi)
                continue
            hits.setdefault(gi, []).append((start, end, fi))
        for gi in sorted(hits):
            forms, prefer, weak = self.groups[gi]
            found = hits[gi]
            strong = [h for h in found if h[2] not in weak]
            if not strong:
                continue  # "Isis" alone is the goddess, "IS" alone a headline's verb
            used = {fi for _, _, fi in found}
            if prefer == "first":
                keep = strong[0][2]
            elif prefer == "majority":
                counts = {}
                for _, _, fi in strong:
                    counts[fi] = counts.get(fi, 0) + 1
                best = max(counts.values())
                tied = {fi for fi in counts if counts[fi] == best}
                if len(tied) > 1 and gi in quoted:
                    # a tie: the forms the article's quotations use break it (weaker evidence
                    # than its own prose, so only then)
                    said = quoted[gi]
                    most = max(said.count(fi) for fi in tied)
                    tied = {fi for fi in tied if said.count(fi) == most}
                if len(tied) > 1:
                    # still tied: a mention in capitals (a dateline, "KYIV, Ukraine —") names
                    # the form the desk uses
                    caps = {fi: _in_capitals(text, forms[fi]) for fi in tied}
                    most = max(caps.values())
                    if most:
                        tied = {fi for fi in tied if caps[fi] == most}
                if len(tied) > 1 and 0 in tied:
                    # no evidence in the article: the group's first form, the one the
                    # style guides use (half the time, the first used is the slip)
                    tied = {0}
                keep = next(fi for _, _, fi in strong if fi in tied)
            else:
                keep = forms.index(prefer)
            if len(used) < 2 and (prefer in ("first", "majority") or used == {keep}):
                continue
            chosen = forms[keep]
            capital = None
            if chosen[:1].islower():
                # "al-Qaeda" takes a capital where a sentence opens, and elsewhere as the
                # article writes it mid-sentence ("Al-Qaeda" in some house styles); with no
                # such mention to go by, as the mention rewritten does
                inside = [text[st].isupper() for st, _, fi in found if fi == keep and not opens_sentence(text, st)]
                if inside:
                    capital = 2 * sum(inside) > len(inside)
            for start, end, fi in found:
                observed = text[start:end]
                if fi == keep or self._same(observed, chosen):
                    continue
                replacement = chosen
                if capital or (observed[:1].isupper() and (capital is None or opens_sentence(text, start))):
                    replacement = chosen[:1].upper() + chosen[1:]
                yield self.diagnostic(doc, start, end, self.format(observed, replacement), replacement,
                                      suggestions=(replacement,))
