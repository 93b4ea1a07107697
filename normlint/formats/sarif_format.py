"""``--format sarif``: a SARIF 2.1.0 log (OASIS standard; what GitHub code scanning uploads).

Every rule that ran is listed in ``tool.driver.rules`` with its description,
examples as help text and its default level; each result points at its rule by
``ruleId`` and ``ruleIndex``.  Columns count Unicode code points, as normlint's
do, which the run declares with ``columnKind``.  Fixes become SARIF ``fixes``.
Files that could not be read become tool execution notifications.
"""
from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from .. import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
SRCROOT = "%SRCROOT%"


def _uri(path: str) -> dict:
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": Path(path).as_uri()}
    # relative paths stay relative (GitHub resolves them against the checkout)
    return {"uri": quote(p.as_posix(), safe="/-._~"), "uriBaseId": SRCROOT}


def _help(rule) -> tuple[str, str]:
    """Plain and Markdown help: the description, the rule's examples, its fix safety, its link."""
    lead = rule.description or rule.message.replace("%s", "…").replace("%%", "%")
    text, md = [lead], [lead, ""]
    if rule.examples:
        text.append("Examples:")
        md += ["**Examples**", ""]
        for before, after in rule.examples:
            text.append(f"  fine: {before}" if after is None else f"  {before} -> {after}")
            md.append(f"- fine: `{before}`" if after is None else f"- `{before}` → `{after}`")
        md.append("")
    text.append(f"Fix: {rule.fix}.")
    md.append(f"Fix: {rule.fix}.")
    if rule.link:
        text.append(f"More: {rule.link}")
        md.append(f"\nMore: <{rule.link}>")
    return "\n".join(text), "\n".join(md)


def _descriptor(rule) -> dict:
    text, markdown = _help(rule)
    short = rule.message.replace("%s", "…").replace("%%", "%")
    out = {
        "id": rule.id,
        "name": rule.id.split(".", 1)[-1],
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.description or short},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.pack, rule.kind], "fix": rule.fix},
    }
    if rule.link.startswith(("http://", "https://")):
        out["helpUri"] = rule.link
    return out


def _region(d) -> dict:
    return {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}


def _result(d, index: dict) -> dict:
    loc = _uri(d.path)
    out = {
        "ruleId": d.rule,
        "level": LEVELS[str(d.severity)],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": loc, "region": _region(d)}}],
    }
    if d.rule in index:
        out["ruleIndex"] = index[d.rule]
    if d.fix is not None:
        shown = d.fix.replacement
        out["fixes"] = [{
            "description": {"text": f"Replace with '{shown}' ({d.fix.applicability} fix)" if shown
                            else f"Delete ({d.fix.applicability} fix)"},
            "artifactChanges": [{
                "artifactLocation": loc,
                "replacements": [{"deletedRegion": _region(d), "insertedContent": {"text": shown}}],
            }],
        }]
    return out


def write(results, *, color: bool = False, rules=()) -> str:
    rules = sorted({r.id: r for r in rules}.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    errors = [e for r in results for e in r.errors]
    run = {
        "tool": {"driver": {
            "name": "normlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_descriptor(r) for r in rules],
        }},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
        }],
        "results": [_result(d, index) for r in results for d in r.diagnostics],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


write.needs_rules = True
