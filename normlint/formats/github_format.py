"""``--format github``: GitHub Actions workflow commands, one annotation per diagnostic.

``::error file=a.txt,line=1,col=12,endLine=1,endColumn=14,title=Typos.Context::message``

Escaping follows the Actions toolkit (``packages/core/src/command.ts``) and the
runner that parses it: in the message ``%``, CR and LF are percent-encoded; in
property values ``:`` and ``,`` are too, since they delimit properties.
"""
from __future__ import annotations

from pathlib import Path, PurePath

# normlint's three levels onto the three annotation commands
COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    """Paths relative to the workspace, as GitHub matches annotations to files in the diff."""
    if path == "-":
        return path
    p = PurePath(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            pass
    return p.as_posix()


def annotation(d) -> str:
    path = _file(d.path)
    props = [("file", path), ("line", d.line), ("col", d.column), ("endLine", d.end_line),
             ("endColumn", d.end_column), ("title", d.rule)]
    prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{COMMANDS[str(d.severity)]} {prop_text}::{escape_data(d.message)}\n"


def write(results, *, color: bool = False) -> str:
    out = []
    for r in results:
        out.extend(annotation(d) for d in r.diagnostics)
        # a file that could not be checked is an error in the run, shown on the file
        out.extend(f"::error file={escape_property(_file(r.path))},title=normlint::{escape_data(e)}\n"
                   for e in r.errors)
    return "".join(out)
