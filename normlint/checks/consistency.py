"""``consistency``: one story, one spelling of a name (Daesh / ISIS / Islamic State).

Groups are N-way (Vale's ``either`` pairs also load).  The form to keep is
``prefer: first`` (the first used outside quotations), ``majority`` (ties go to
the first used) or a literal form.  Text inside quotation marks is exempt by
default: a speaker may say "ISIS".
"""
from __future__ import annotations

import regex

from .base import Check


class Consistency(Check):
    kind = "consistency"
    keys = frozenset({"either", "groups", "prefer"})
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
                groups.append(g)
        if not groups:
            raise self.rule.error("consistency rules need 'groups' (or Vale's 'either')")
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
            self.groups.append((g["forms"], prefer))
            for fi, form in enumerate(g["forms"]):
                alternatives.append((form, gi, fi))
        # Longest first, so "Islamic State" is not read as "Islamic" + "State".
        alternatives.sort(key=lambda a: -len(a[0]))
        self.index = {f"g{gi}_{fi}": (gi, fi) for _, gi, fi in alternatives}
        body = "|".join(f"(?P<g{gi}_{fi}>{regex.escape(form)})" for form, gi, fi in alternatives)
        self.pattern = self.compile_regex(body if self.nonword else rf"\b(?:{body})\b", "groups")

    def run(self, doc):
        hits = {}  # group -> [(start, end, form index)]
        for m in self.finditer(self.pattern, doc.text, doc):
            gi, fi = self.index[m.lastgroup]
            start, end = m.span()
            if not self.allowed(doc, start, end):
                continue
            hits.setdefault(gi, []).append((start, end, fi))
        for gi in sorted(hits):
            found = hits[gi]
            used = {fi for _, _, fi in found}
            forms, prefer = self.groups[gi]
            if prefer == "first":
                keep = found[0][2]
            elif prefer == "majority":
                counts = {}
                for _, _, fi in found:
                    counts[fi] = counts.get(fi, 0) + 1
                best = max(counts.values())
                keep = next(fi for _, _, fi in found if counts[fi] == best)
            else:
                keep = forms.index(prefer)
            if len(used) < 2 and (prefer in ("first", "majority") or used == {keep}):
                continue
            chosen = forms[keep]
            for start, end, fi in found:
                if fi == keep:
                    continue
                observed = doc.text[start:end]
                yield self.diagnostic(doc, start, end, self.format(observed, chosen), chosen,
                                      suggestions=(chosen,))
