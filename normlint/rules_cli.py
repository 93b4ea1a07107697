"""``normlint rules``: list, show and test rules."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .checks import Check
from .engine import make_document
from .fixes import fix_loop
from .loader import iter_packs, iter_rule_files, read_rule
from .packs import compile_rule
from .runner import RunOptions


def _checks(profile: str | None, config_file: str | None) -> tuple[Check, ...]:
    from .engine import Linter

    config = RunOptions(config_file=config_file, profile=profile).config_for(None)
    return Linter(config).all_checks


@click.group()
def rules():
    """List, show and test rules."""


@rules.command("list")
@click.option("--profile", help="House style whose rules to list.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def list_rules(profile, config_file):
    """Every rule id with its kind, level and fix safety."""
    checks = _checks(profile, config_file)
    width = max((len(c.id) for c in checks), default=10)
    for c in checks:
        click.echo(f"{c.id:<{width}}  {c.kind:<12}  {str(c.severity):<10}  fix: {c.fix_mode}")


@rules.command("show")
@click.argument("rule_id")
@click.option("--profile", help="House style to show the rule under.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def show(rule_id, profile, config_file):
    """Message, kind, fix safety and examples of one rule."""
    from .engine import Linter

    linter = Linter(RunOptions(config_file=config_file, profile=profile).config_for(None))
    match = [c for c in linter.all_checks + linter.optional_checks if c.id == rule_id]
    if not match:
        click.echo(f"error: no rule {rule_id!r} (see `normlint rules list`)", err=True)
        sys.exit(2)
    c = match[0]
    r = c.rule
    click.echo(f"{c.id}\n  file:     {r.path}\n  kind:     {c.kind}\n  level:    {c.severity}\n"
               f"  fix:      {c.fix_mode}\n  message:  {c.message}")
    for key in ("description", "link", "profile"):
        if r.get(key):
            click.echo(f"  {key + ':':<9} {r.get(key)}")
    for ex in r.get("examples") or []:
        where = f"  (profile {ex['profile']})" if ex.get("profile") else ""
        if "fixed" in ex:
            click.echo(f"  example:  {ex['text']!r} -> {ex['fixed']!r}{where}")
        elif ex.get("ok"):
            click.echo(f"  ok:       {ex['text']!r}{where}")
        else:
            click.echo(f"  flagged:  {ex['text']!r}{where}")


def run_examples(check: Check) -> list[str]:
    """Failures of one rule's examples, as messages ('' list when all pass)."""
    failures = []
    variants = {}
    for n, ex in enumerate(check.rule.get("examples") or [], 1):
        profile = ex.get("profile")
        target = check
        if profile:
            if profile not in variants:
                rule = read_rule(check.rule.path, check.rule.pack, profile)
                variants[profile] = compile_rule(rule) if rule else None
            target = variants[profile]
            if target is None:
                failures.append(f"{check.id}: example {n}: rule does not apply to profile {profile!r}")
                continue

        def lint(text, target=target):
            doc = make_document(text, "<example>")
            if _gate_shuts(target, doc):
                return []  # as the linter would: the rule is not even called
            return list(target.run(doc))

        text = ex["text"]
        found = lint(text)
        why = ""
        if not found and _gate_shuts(target, make_document(text, "<example>")):
            why = ("\n    (the rule's gate shuts this text: it holds none of the words "
                   f"{', '.join(sorted(target.letter_gate))})" if target.letter_gate is not None
                   else "\n    (the rule's kind finds none of its features in this text)")
        if "fixed" in ex:
            result = fix_loop(text, lint, unsafe=True)
            if result.text != ex["fixed"]:
                failures.append(f"{check.id}: example {n}: {text!r}\n    expected {ex['fixed']!r}\n"
                                f"    got      {result.text!r}{why}")
        elif ex.get("ok"):
            if found:
                failures.append(f"{check.id}: example {n}: {text!r} should pass but got: "
                                + "; ".join(d.message for d in found))
        elif ex.get("flagged") and not found:
            failures.append(f"{check.id}: example {n}: {text!r} should be reported but was not{why}")
    return failures


def _gate_shuts(check: Check, doc) -> bool:
    """Whether the linter would skip ``check`` for ``doc`` without calling it: its letter gate
    (a substitution rule's ``prefilter_words``, say, a promise the rule file makes) or its
    kind's feature gate.  Examples go through the same door as articles."""
    if check.letter_gate is not None and check.letter_gate.isdisjoint(doc.letter_runs):
        return True
    gate = getattr(check, "feature_gate", None)
    if gate is not None:
        from .checks import KINDS

        return gate.isdisjoint(KINDS[check.kind].doc_features(doc, gate))
    return False


def _pack_checks(folder: Path):
    """Every rule of a folder of packs, or of a single pack folder, whatever its profile."""
    packs = [folder] if any(iter_rule_files(folder)) else list(iter_packs(folder))
    return [compile_rule(read_rule(path, pack.name, None)) for pack in packs for path in iter_rule_files(pack)]


@rules.command("test")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def test_rules(folder, config_file):
    """Run every rule's examples (built-in and configured packs, or FOLDER); exit 1 on any failure."""
    config = RunOptions(config_file=config_file).config_for(None)
    if folder:
        checks = _pack_checks(folder)
    else:
        from .engine import rule_folders

        checks = [c for f in rule_folders(config) for c in _pack_checks(Path(f))]
    failures = []
    n_examples = skipped = 0
    for c in checks:
        reason = c.examples_unavailable(config)
        if reason:
            skipped += 1
            click.echo(f"SKIP {c.id}: {reason}")
            continue
        n_examples += len(c.rule.get("examples") or [])
        failures.extend(run_examples(c.bind(config)))
    for f in failures:
        click.echo(f"FAIL {f}")
    click.echo(f"{len(checks)} rules, {n_examples} examples, {len(failures)} failed"
               + (f", {skipped} rule{'' if skipped == 1 else 's'} skipped." if skipped else "."))
    sys.exit(1 if failures else 0)
