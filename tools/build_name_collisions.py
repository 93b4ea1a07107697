#!/usr/bin/env python3
"""Regenerate normlint/data/names_near_proper_en.txt: people's names one slip from a proper word.

A development tool, not part of the installed package.  It needs ``pip install faker``
(MIT): the first and last names of all of Faker's person providers (about 29,000
names of 80 locales), of which only those one edit (Damerau) from a word of
``proper_en.txt`` are kept ("Irfan": "Iran", "Koren": "Korean", "Gorman": "German"),
less any the word list holds in lower case.  The spelling check takes such a word
after another capitalised word ("Mohammed Irfan", "Stefan Koren") for a name, not
a slip of the place or people.

Usage: python tools/build_name_collisions.py
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normlint.checks.spelling import proper_words  # noqa: E402
from normlint.lexicon import damerau, english  # noqa: E402

OUT = ROOT / "normlint" / "data" / "names_near_proper_en.txt"
NAME = re.compile(r"[A-Z][a-z]{2,}")
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
         "last_names", "last_names_male", "last_names_female")


def faker_names() -> tuple[set[str], str]:
    import faker
    import faker.providers.person as person

    names = set()
    for m in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"faker.providers.person.{m.name}"), "Provider", None)
        for attr in ATTRS:
            value = getattr(provider, attr, None)
            if isinstance(value, (dict, list, tuple)):
                names.update(n for n in value if isinstance(n, str) and NAME.fullmatch(n))
    return names, faker.VERSION


def main() -> int:
    names, version = faker_names()
    lex = english()
    proper = proper_words()
    near = sorted(n for n in names if n.lower() not in lex and n.lower() not in proper
                  and any(abs(len(p) - len(n)) <= 1 and damerau(n.lower(), p) == 1 for p in proper))
    header = (f"# People's names one slip from a proper word of proper_en.txt (\"Irfan\": \"Iran\", \"Koren\":\n"
              f"# \"Korean\"): after another capitalised word they are taken for names, not slips.\n"
              f"# Derived by tools/build_name_collisions.py from the first and last names of Faker {version}'s\n"
              f"# person providers (MIT licence, https://github.com/joke2k/faker). {len(near)} names.\n")
    OUT.write_text(header + "".join(n + "\n" for n in near), encoding="utf-8")
    print(f"{OUT}: {len(near)} names of {len(names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
