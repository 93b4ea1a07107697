"""Does a change keep normlint's output?  Compare this checkout with a git revision.

    python tools/same_output.py FOLDER [--base REV] [-- extra normlint options]

Runs ``normlint check --format json`` and ``normlint fix`` over a copy of FOLDER
(a folder of articles: corpus A written out by ``benchmarks/_corpus.py``, say) with
the code of REV (default HEAD, taken with ``git archive``) and with the working tree,
and reports whether the diagnostics and the fixed files are byte for byte the same.
Speed work is meant to change nothing a user sees; this is how it was held to that.
Exit code 0 when both match, 1 when not (the first differences are printed).
"""
from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(code: Path, args: list[str], cwd: Path) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(code), NORMLINT_NO_CACHE="1")
    done = subprocess.run([sys.executable, "-m", "normlint", *args], cwd=cwd, env=env, capture_output=True)
    if done.returncode not in (0, 1):
        sys.exit(f"normlint {' '.join(args)} with {code} exited {done.returncode}:\n{done.stderr.decode()}")
    return done.stdout


def differing(a: Path, b: Path) -> list[str]:
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, Path())]
    while stack:
        c, rel = stack.pop()
        out += [str(rel / n) for n in c.left_only + c.right_only]
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out += [str(rel / n) for n in mismatch + errors]
        stack += [(sub, rel / name) for name, sub in c.subdirs.items()]
    return sorted(out)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path)
    p.add_argument("--base", default="HEAD", help="git revision to compare with (default HEAD)")
    p.add_argument("extra", nargs="*", help="more normlint options, after --")
    a = p.parse_args()
    folder = a.folder.resolve()
    with tempfile.TemporaryDirectory(prefix="normlint-same-") as tmp:
        tmp = Path(tmp)
        base = tmp / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", a.base], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        results = {}
        for name, code in (("base", base), ("head", ROOT)):
            checked = run(code, ["check", "--format", "json", *a.extra, "."], folder)
            fixed = tmp / f"fixed-{name}"
            shutil.copytree(folder, fixed)
            run(code, ["fix", "-q", *a.extra, "."], fixed)
            results[name] = (checked, fixed)
        same_check = results["base"][0] == results["head"][0]
        changed = differing(results["base"][1], results["head"][1])
        print(f"check --format json: {'identical' if same_check else 'DIFFERENT'} "
              f"({len(results['head'][0]):,} bytes)")
        print(f"fix output: {'identical' if not changed else f'{len(changed)} files differ'}")
        for name in changed[:10]:
            print(f"  {name}")
        return 0 if same_check and not changed else 1


if __name__ == "__main__":
    sys.exit(main())
