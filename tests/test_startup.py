"""Start-up: what importing normlint costs and leaves behind (README, "Start-up")."""
from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

from normlint.lazy_pattern import lazy, lazy_re


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_lazy_pattern_compiles_on_first_use_once_and_answers_as_the_pattern():
    p = lazy(r"\p{Lu}\p{Ll}+")
    assert p._compiled is None
    assert p.search("in Ramadi today").group() == "Ramadi"
    compiled = p._compiled
    assert compiled is not None
    assert p.findall("Anbar and Ramadi") == ["Anbar", "Ramadi"]
    assert p._compiled is compiled  # not compiled again
    assert p.search.__self__ is compiled  # kept: the second use is a plain look-up
    assert p.pattern == r"\p{Lu}\p{Ll}+"


def test_a_pickled_lazy_pattern_comes_back_uncompiled_and_works():
    for p in (lazy(r"\p{L}+"), lazy_re(r"[a-z]+")):
        p.search("warm it up")
        back = pickle.loads(pickle.dumps(p))
        assert back._compiled is None
        assert back.findall("two words") == ["two", "words"]
        assert type(back._compiled) is type(p._compiled)  # same engine: regex or re


def test_importing_normlint_leaves_the_garbage_collector_as_the_caller_had_it():
    assert _python("""
        import gc
        gc.enable()
        import normlint.cli
        print(gc.isenabled())
    """) == "True\n"
    assert _python("""
        import gc
        gc.disable()
        import normlint
        print(gc.isenabled())
    """) == "False\n"


def test_importing_normlint_compiles_no_pattern_but_the_plain_text_tokeniser():
    # Every module-level pattern waits for its first use, except the tokeniser that every
    # run needs: compiling them all at import was ~20 ms of a one-file check.
    out = _python("""
        import re, sys
        import regex
        compiled = []
        for engine in (re, regex):
            def compile(pattern, flags=0, _compile=engine.compile, **kw):
                frame = sys._getframe(1)
                if "normlint" in frame.f_code.co_filename and frame.f_code.co_name == "<module>":
                    compiled.append(frame.f_code.co_filename.replace("\\\\", "/").split("/normlint/")[-1])
                return _compile(pattern, flags, **kw)
            engine.compile = compile
        import normlint.cli
        print(sorted(compiled))
    """)
    assert out == "['document.py']\n"
