"""``normlint learn``: propose a project vocabulary and a names rule from a corpus.

It reads articles (text files in folders, or JSONL files with one article per
line) and writes, for a person to review:

- ``accept.txt``: words the word list lacks that recur across articles (names,
  places, terms of art).  With ``vocab = ["FOLDER"]`` in the config the
  spelling check stops reporting them.
- ``typos.txt``: recurring unknown words that look like slips of a far more
  common word ("targetted" beside "targeted"), with counts; not accepted.
- ``Learned/Names.yml``: a ``consistency`` rule grouping probable variant
  spellings of one name across the corpus ("Yarallah" / "Yaralla"), each
  group with its article counts.  With ``rules = ["FOLDER"]`` it loads as the
  rule ``Learned.Names``.

Counts are of articles, not occurrences, so one long story cannot make a word
look common.  Output is sorted, so the same corpus gives the same files.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from .document import WORD_RE
from .errors import InputError
from .files import TEXT_SUFFIXES, atomic_write, walk
from .lexicon import damerau, english

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_APOSTROPHES = "'’"


def iter_articles(paths, text_field: str = "text"):
    """(source, text) for every article under ``paths``, in a stable order."""
    for path in walk(paths, suffixes=TEXT_SUFFIXES + JSONL_SUFFIXES):
        if path.suffix.lower() in JSONL_SUFFIXES:
            try:
                fh = open(path, encoding="utf-8")
            except OSError as exc:
                raise InputError(path, f"cannot read: {exc.strerror}") from None
            with fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                        raise InputError(f"{path}:{n}", f"not a JSON object: {exc}") from None
                    text = record.get(text_field) if isinstance(record, dict) else None
                    if not isinstance(text, str):
                        raise InputError(f"{path}:{n}", f"no string field '{text_field}'")
                    yield f"{path}:{n}", text
        else:
            try:
                yield str(path), path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise InputError(path, "not UTF-8 text") from None
            except OSError as exc:
                raise InputError(path, f"cannot read: {exc.strerror}") from None


def _word_of(tok: str) -> str:
    cut = next((i for i, c in enumerate(tok) if c in _APOSTROPHES), -1)
    return tok[:cut] if cut > 0 else tok


class Learner:
    """Counts, per surface form, the articles using it; then proposes lists."""

    def __init__(self, spelling_check=None):
        from .checks.spelling import Spelling  # noqa: F401  (the check decides what is known)

        self.check = spelling_check
        self.articles = 0
        self.forms: Counter = Counter()  # surface form -> articles using it
        self.lower: Counter = Counter()  # lowercase word -> articles using it (any case)

    def add(self, text: str) -> None:
        self.articles += 1
        lex = english()
        words = set()
        for m in WORD_RE.finditer(text):
            tok = m.group()
            word = _word_of(tok)
            if word != tok and tok.lower() in lex:
                continue  # a contraction the list holds whole ("doesn't")
            words.add(word)
        self.forms.update(words)
        self.lower.update({w.lower() for w in words})

    def _known(self, lower: str) -> bool:
        return self.check._known(lower) if self.check is not None else lower in english()

    @staticmethod
    def _shape(word: str) -> str | None:
        if not word.isalpha() or len(word) < 3:
            return None
        if word.islower():
            return "lower"
        if word[0].isupper() and word[1:].islower():
            return "title"
        return None  # acronyms and mixed case are never checked, so need no entry

    def unknown(self, min_articles: int):
        """(form, articles) of recurring forms the spelling check does not know."""
        for form, n in self.forms.items():
            if n >= min_articles and self._shape(form) and not self._known(form.lower()):
                yield form, n

    def _neighbours(self, names: list[str], limit_for) -> dict[str, list[str]]:
        """For each capitalised form, the others within ``limit_for`` edits (SymSpell-style index)."""
        index: dict[str, list[str]] = {}
        for f in names:
            low = f.lower()
            for key in {low} | {low[:i] + low[i + 1:] for i in range(len(low))}:
                index.setdefault(key, []).append(f)
        near: dict[str, set] = {f: set() for f in names}
        for members in index.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    la, lb = a.lower(), b.lower()
                    if la.rstrip("s") == lb.rstrip("s"):
                        continue  # plural or possessive, not a variant
                    limit = limit_for(la, lb)
                    if limit and damerau(la, lb, limit) <= limit:
                        near[a].add(b)
                        near[b].add(a)
        return {f: sorted(v) for f, v in near.items() if v}

    def _groups(self, min_articles: int):
        """Star groups of capitalised forms: each head (taken most used first) with the
        less used forms one slip from it (two for long names).  Chains are not
        followed, so "Robert" never joins "Roger" through "Rober"."""
        lex = english()
        names = sorted(f for f, n in self.forms.items()
                       if n >= min_articles and self._shape(f) == "title" and len(f) >= 5)

        def limit_for(la, lb):
            if la in lex and lb in lex:
                return 0  # two dictionary words: "Iran" and "Iraq" are different places
            return 2 if min(len(la), len(lb)) >= 9 else 1

        near = self._neighbours(names, limit_for)
        taken: set = set()
        groups = []
        for head in sorted(near, key=lambda f: (-self.forms[f], f)):
            if head in taken:
                continue
            members = [f for f in near[head] if f not in taken and self.forms[f] <= self.forms[head]]
            if not members:
                continue
            taken.add(head)
            taken.update(members)
            members.sort(key=lambda f: (-self.forms[f], f))
            groups.append([(head, self.forms[head])] + [(f, self.forms[f]) for f in members])
        return groups

    def propose(self, min_articles: int = 3):
        """(accept, typos, name groups).

        accept = [(form, n)]; typos = [(form, n, likely, likely_n)]; a name group
        is [(form, n), ...] headed by its most used form.  A capitalised form one
        slip from a much more used dictionary word ("Feburary" beside "February")
        is a typo, not a name.
        """
        lex = english()
        accept, typos, names = [], [], []
        variant_of = {}
        for g in self._groups(max(2, min_articles - 1)):
            head, head_n = g[0]
            if head.lower() in lex:
                for f, n in g[1:]:
                    if head_n >= 5 * n and not self._known(f.lower()):
                        variant_of[f] = (head, head_n)
            else:
                # a dictionary word beside a name is another word ("Libor", "Labor")
                g = [g[0]] + [(f, n) for f, n in g[1:] if f.lower() not in lex]
                if len(g) > 1:
                    names.append(g)
        for form, n in self.unknown(min_articles):
            lower = form.lower()
            if form in variant_of:
                typos.append((form, n) + variant_of[form])
                continue
            if self._shape(form) == "lower":
                best = lex.suggest(lower, limit=1)
                if best and best[0].distance == 1:
                    likely_n = self.lower.get(best[0].word, 0)
                    if likely_n >= 5 * n:
                        typos.append((form, n, best[0].word, likely_n))
                        continue
            elif lower in self.forms and self.forms[lower] >= min_articles:
                continue  # the lowercase form is listed on its own; one entry covers both
            accept.append((form, n))
        for form, n in variant_of.items():
            if self.forms[form] < min_articles:
                typos.append((form, self.forms[form]) + n)
        accept.sort(key=lambda x: x[0])
        typos.sort(key=lambda x: (-x[1], x[0]))
        return accept, typos, names


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def names_rule(groups, articles: int) -> str:
    lines = [
        f"# Proposed by `normlint learn` from {articles} articles: spellings of one name",
        "# that differ by a letter or two.  Review every group: delete the ones that are",
        "# different names, then keep fix: unsafe (normlint fix --unsafe-fixes) or make",
        "# it safe.  The numbers are articles using each form.",
        "extends: consistency",
        "message: \"'%s' is spelt '%s' elsewhere in this article.\"",
        "level: warning",
        "fix: unsafe",
        "prefer: majority",
        "groups:",
    ]
    for g in groups:
        lines.append("  # " + ", ".join(f"{f}: {n}" for f, n in g))
        lines.append("  - [" + ", ".join(_yaml_str(f) for f, _ in g) + "]")
    lines.append("examples:")
    for g in groups:
        a, b = g[0][0], g[1][0]
        lines.append(f"  - text: {_yaml_str(f'{a} spoke. {a} and {b} left.')}")
        lines.append(f"    fixed: {_yaml_str(f'{a} spoke. {a} and {a} left.')}")
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write accept.txt, typos.txt and Learned/Names.yml into.")
@click.option("--min-articles", default=3, show_default=True, type=click.IntRange(1),
              help="Articles a word must appear in to be accepted.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field holding the article text.")
@click.option("--force", is_flag=True, help="Overwrite files an earlier run wrote.")
def learn(paths, output, min_articles, text_field, force):
    """Propose a vocabulary (accept.txt) and a names rule from the articles in PATHS
    (folders of text files, or JSONL files with a text field), for a person to review."""
    from .api import get_linter
    from .config import find_config

    targets = [output / "accept.txt", output / "typos.txt", output / "Learned" / "Names.yml"]
    existing = [str(t) for t in targets if t.exists()]
    if existing and not force:
        raise click.UsageError(f"{', '.join(existing)} already exist (use --force to overwrite)")
    config = find_config()
    spelling = next((c for c in get_linter(config).all_checks if c.kind == "spelling"), None)
    if spelling is None:  # the project turned the built-in packs off; the word list still decides
        from .loader import read_rule
        from .packs import builtin_rules_dir, compile_rule

        spelling = compile_rule(read_rule(builtin_rules_dir() / "Typos" / "Spelling.yml", "Typos"))
    spelling = spelling.bind(config)
    learner = Learner(spelling)
    for _, text in iter_articles(paths, text_field):
        learner.add(text)
    accept, typos, groups = learner.propose(min_articles)
    (output / "Learned").mkdir(parents=True, exist_ok=True)
    header = (f"# Proposed by `normlint learn` from {learner.articles} articles: words the word list lacks\n"
              f"# that appear in at least {min_articles} of them.  Delete any that are typos.\n")
    atomic_write(targets[0], (header + "".join(f"{w}\n" for w, _ in accept)).encode("utf-8"))
    atomic_write(targets[1], ("# Recurring unknown words one slip from a far more common word (not accepted).\n"
                              "# word\tarticles\tlikely meant\tarticles\n"
                              + "".join(f"{w}\t{n}\t{b}\t{bn}\n" for w, n, b, bn in typos)).encode("utf-8"))
    if groups:
        atomic_write(targets[2], names_rule(groups, learner.articles).encode("utf-8"))
    else:
        targets = targets[:2]  # a consistency rule needs at least one group
    click.echo(f"Read {learner.articles} articles: {len(accept)} words to accept, {len(typos)} probable typos, "
               f"{len(groups)} name groups.")
    for t in targets:
        click.echo(f"Wrote {t}")
    click.echo(f'Review them, then add to your config:  vocab = ["{output}"]  rules = ["{output}"]')
    sys.exit(0)
