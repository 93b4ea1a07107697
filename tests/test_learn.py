"""``normlint learn``: accept list, probable typos and a proposed names rule from a corpus."""
from __future__ import annotations

import json

import yaml

from normlint.loader import read_rule
from normlint.packs import compile_rule
from normlint.rules_cli import run_examples


def corpus(root):
    """Four articles naming Yarallah, two spelling him Yaralla, a JSONL file of twelve more."""
    folder = root / "corpus"
    folder.mkdir()
    for i in range(4):
        (folder / f"a{i}.txt").write_text(
            f"Abdul Amir Rasheed Yarallah said on day {i} that Daesh fled Anbar.\n", encoding="utf-8")
    for i in range(2):
        (folder / f"b{i}.txt").write_text(f"Yaralla said Daesh fighters left Anbar (report {i}).\n",
                                          encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01 ignored: not a text file")
    lines = [{"id": i, "text": f"The commercial bank lent Zorbanian firms {i} mln dlrs."} for i in range(10)]
    lines += [{"id": 10 + i, "text": "A commerical loan to Zorbanian Sukhoi makers."} for i in range(2)]
    (root / "wire.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return folder, root / "wire.jsonl"


def test_learn_writes_accept_typos_and_names(project, cli):
    folder, wire = corpus(project.root)
    result = cli("learn", folder, wire, "-o", "vocab", "--min-articles", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == \
        "Read 18 articles: 7 words to accept, 1 probable typos, 1 name groups."
    accept = (project.root / "vocab" / "accept.txt").read_text(encoding="utf-8").splitlines()
    assert [w for w in accept if not w.startswith("#")] == \
        ["Anbar", "Daesh", "Rasheed", "Sukhoi", "Yaralla", "Yarallah", "Zorbanian"]
    typos = (project.root / "vocab" / "typos.txt").read_text(encoding="utf-8").splitlines()
    assert typos[2:] == ["commerical\t2\tcommercial\t10"]
    names = (project.root / "vocab" / "Learned" / "Names.yml").read_text(encoding="utf-8")
    assert "  # Yarallah: 4, Yaralla: 2\n  - [\"Yarallah\", \"Yaralla\"]\n" in names
    data = yaml.safe_load(names)
    assert data["extends"] == "consistency" and data["groups"] == [["Yarallah", "Yaralla"]]


def test_learned_rule_loads_passes_its_examples_and_works(project, cli):
    folder, wire = corpus(project.root)
    cli("learn", folder, wire, "-o", "vocab", "--min-articles", "2")
    rule_path = project.root / "vocab" / "Learned" / "Names.yml"
    check = compile_rule(read_rule(rule_path, "Learned"))
    assert run_examples(check) == []
    # wired into a project: the names are accepted and the variant is reported
    project.write("normlint.toml", 'vocab = ["vocab"]\nrules = ["vocab"]\n')
    from normlint.api import clear_caches
    clear_caches()
    project.write("story.txt", "Yarallah spoke. Later Yaralla and Zorbanian officials met in Anbar.\n")
    result = cli("check", "--format", "json", "story.txt")
    got = [(d["rule"], d["column"], d["fix"]) for d in json.loads(result.output)]
    assert got == [("Learned.Names", 23, {"replacement": "Yarallah", "applicability": "unsafe"})]


def test_learn_refuses_to_overwrite_without_force(project, cli):
    folder, wire = corpus(project.root)
    assert cli("learn", folder, "-o", "vocab").exit_code == 0
    before = (project.root / "vocab" / "accept.txt").read_bytes()
    again = cli("learn", folder, wire, "-o", "vocab")
    assert again.exit_code == 2 and "already exist" in again.output
    assert (project.root / "vocab" / "accept.txt").read_bytes() == before
    assert cli("learn", folder, wire, "-o", "vocab", "--force").exit_code == 0


def test_bad_jsonl_is_reported_with_file_and_line_and_nothing_written(project, cli):
    bad = project.write("bad.jsonl", '{"text": "fine"}\n{"body": "no text field"}\n')
    result = cli("learn", bad, "-o", "out")
    assert result.exit_code == 2
    assert f"{bad}:2: no string field 'text'" in result.output
    assert "Traceback" not in result.output
    assert not (project.root / "out" / "accept.txt").exists()


def test_text_field_option(project, cli):
    src = project.write("wire.jsonl", "".join(json.dumps({"body": "Zorbanian envoys met."}) + "\n" for _ in range(3)))
    result = cli("learn", src, "-o", "out", "--text-field", "body")
    assert result.exit_code == 0
    assert (project.root / "out" / "accept.txt").read_text().splitlines()[-1] == "Zorbanian"
    # no variant names: no rule file (a consistency rule needs a group)
    assert not (project.root / "out" / "Learned" / "Names.yml").exists()
