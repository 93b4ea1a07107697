"""JSONL in and out: records by line, one field edited, every other byte kept."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normlint.cli import main
from normlint.jsonl import FieldPath, RecordError, locate, read_field, replace_string


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


# -- the field editor ------------------------------------------------------------------

def test_locate_nested_field_and_last_duplicate_wins():
    line = '{"body": {"text": "a"}, "x": 1, "body": {"title": "t", "text": "b\\n"}}'
    start, end, value = read_field(line, FieldPath.parse("body.text"))
    assert value == "b\n"
    assert line[start:end] == '"b\\n"'


@pytest.mark.parametrize("line,message", [
    ('{"text": 3}', "field 'text' is not a string (it is int)"),
    ('{"text": null}', "field 'text' is not a string (it is null)"),
    ('{"title": "x"}', "no field 'text'"),
    ('["text"]', "record is not a JSON object"),
    ('{"text": "a",}', "invalid JSON at column 14"),
    ('{"text": "a"} x', "extra data after the JSON object"),
])
def test_unusable_records_say_why(line, message):
    with pytest.raises(RecordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_field(line, FieldPath.parse("text"))


def test_body_text_path_through_a_non_object():
    with pytest.raises(RecordError, match="field 'body' is not a JSON object"):
        locate('{"body": "plain"}', FieldPath.parse("body.text"))


def test_replace_keeps_escapes_numbers_and_spacing_outside_the_change():
    line = '{"n": 1.50, "text": "caf\\u00e9 \\/ on Wedmesday \\ud83d\\ude00",  "t": 1e3}'
    start, end, old = read_field(line, FieldPath.parse("text"))
    new = old.replace("Wedmesday", "Wednesday")
    assert replace_string(line, start, end, old, new) == \
        '{"n": 1.50, "text": "caf\\u00e9 \\/ on Wednesday \\ud83d\\ude00",  "t": 1e3}'


def test_new_non_ascii_follows_the_line_style():
    ascii_line = '{"text": "5 sq km"}'
    s, e, old = read_field(ascii_line, FieldPath.parse("text"))
    assert replace_string(ascii_line, s, e, old, "5 km²") == '{"text": "5 km\\u00b2"}'
    utf8_line = '{"text": "São 5 sq km"}'
    s, e, old = read_field(utf8_line, FieldPath.parse("text"))
    assert replace_string(utf8_line, s, e, old, "São 5 km²") == '{"text": "São 5 km²"}'


texts = st.text(alphabet=st.sampled_from(list('ab é"\\/\n\t😀\u2028\x01')), max_size=14)


@settings(max_examples=300, deadline=None)
@given(old=texts, new=texts, ascii_=st.booleans(), indent=st.booleans())
def test_replace_round_trips_and_touches_nothing_else(old, new, ascii_, indent):
    head, tail = '{"a": [1, 2.0], "text": ' if not indent else '{ "a" : [1,2.0] ,"text" :', ', "z": null}'
    line = head + json.dumps(old, ensure_ascii=ascii_) + tail
    start, end, value = read_field(line, FieldPath.parse("text"))
    assert value == old
    out = replace_string(line, start, end, old, new)
    assert json.loads(out)["text"] == new
    assert out.startswith(head) and out.endswith(tail)
    if old == new:
        assert out == line


# -- the command line ------------------------------------------------------------------

RECORDS = [
    '{"id": "a1", "meta": {"n": 1.50}, "body": {"text": "Talks resumed pm Wedmesday in Caf\\u00e9 Rio."}}',
    '{"id": "a2", "body": {"text": "Nothing to see here."}, "x": [1,2 ,3]}',
    "",
    '{"body": {"text": "Markets fell the the most since Febuary."}, "id": "a3"}',
]


def write_jsonl(path, lines, end="\n"):
    path.write_bytes(("\n".join(lines) + end).encode("utf-8"))


def test_fix_writes_every_record_in_order_with_only_the_field_changed(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, RECORDS)
    out = tmp_path / "out.jsonl"
    r = run("fix", str(src), "--field", "body.text", "-o", str(out), "-j", "2")
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").split("\n") == [
        '{"id": "a1", "meta": {"n": 1.50}, "body": {"text": "Talks resumed on Wednesday in Caf\\u00e9 Rio."}}',
        RECORDS[1],
        "",
        '{"body": {"text": "Markets fell the most since February."}, "id": "a3"}',
        "",
    ]
    assert src.read_text(encoding="utf-8") == "\n".join(RECORDS) + "\n"  # input untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temporary files
    assert "Fixed 4 problems in 2 records; 0 remaining." in r.output
    assert "Articles: 3 read, 2 changed" in r.output


def test_unchanged_corpus_is_written_byte_for_byte(tmp_path):
    src = tmp_path / "in.jsonl"
    raw = b'{"text": "All fine.", "n": 1.0}\r\n\n{"text":"Also fine \\u00e9"  }\r\n{"text": "no newline at end"}'
    src.write_bytes(raw)
    out = tmp_path / "out.jsonl"
    r = run("fix", str(src), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_bytes() == raw


def test_fix_in_place_keeps_line_endings_and_mode(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "On Wedmesday."}\r\n{"text": "Fine."}\r\n')
    src.chmod(0o640)
    r = run("fix", str(src))
    assert r.exit_code == 0, r.output
    assert src.read_bytes() == b'{"text": "On Wednesday."}\r\n{"text": "Fine."}\r\n'
    assert src.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["in.jsonl"]


def test_check_reports_by_record_with_line_and_id(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, RECORDS)
    r = run("check", str(src), "--field", "body.text", "--id-field", "id", "--format", "line")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"{src}#1[a1]:1:15:Typos.Context:Use 'on' instead of 'pm' before a day or month name.",
        f"{src}#1[a1]:1:18:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'.",
        f"{src}#4[a3]:1:14:Typos.Repeated:'the' is repeated.",
        f"{src}#4[a3]:1:33:Typos.Weekdays:Use 'February' instead of 'Febuary'.",
    ]


def test_check_text_format_shows_the_record_text(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ['{"text": "First line.\\nIt began Wedmesday."}'])
    r = run("check", str(src), "-q")
    assert r.exit_code == 1
    assert r.output == (
        f"{src}#1:2:10: Typos.Weekdays [error] Use 'Wednesday' instead of 'Wedmesday'.\n"
        "  |\n2 | It began Wedmesday.\n  |          ^^^^^^^^^\n  = fix (safe): Wednesday\n")


def test_streamed_json_format_is_one_array(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, RECORDS)
    r = run("check", str(src), "--field", "body.text", "--format", "json")
    items = json.loads(r.stdout)
    assert [(i["path"], i["rule"], i["column"]) for i in items] == [
        (f"{src}#1", "Typos.Context", 15), (f"{src}#1", "Typos.Weekdays", 18),
        (f"{src}#4", "Typos.Repeated", 14), (f"{src}#4", "Typos.Weekdays", 33)]
    assert r.stdout == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    clean = tmp_path / "clean.jsonl"
    write_jsonl(clean, ['{"text": "Fine."}'])
    assert run("check", str(clean), "--format", "json").stdout == "[]\n"


def test_bad_records_are_reported_passed_through_and_exit_2(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ['{"text": "On Wedmesday."}', '{"text": broken', '{"title": "no text"}',
                      '{"text": "Fine."}'])
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["fix", str(src), "-o", str(out)])
    assert r.exit_code == 2
    assert f"{src}:2: invalid JSON" in r.output
    assert f"{src}:3: no field 'text'" in r.output
    assert "Traceback" not in r.output
    assert out.read_text().splitlines() == ['{"text": "On Wednesday."}', '{"text": broken',
                                            '{"title": "no text"}', '{"text": "Fine."}']


def test_jsonl_from_stdin_to_stdout():
    r = CliRunner().invoke(main, ["fix", "-", "--field", "text", "-q"],
                           input='{"text": "pm Wedmesday", "k": 1}\n{"text": "ok"}\n')
    assert r.exit_code == 0
    assert r.stdout == '{"text": "on Wednesday", "k": 1}\n{"text": "ok"}\n'


def test_output_needs_one_jsonl_input(tmp_path):
    (tmp_path / "a.txt").write_text("x\n")
    r = run("fix", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"))
    assert r.exit_code == 2
    assert "-o/--output needs exactly one JSONL input" in r.output


def test_bad_field_path_is_a_usage_error(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ['{"text": "x"}'])
    r = run("check", str(src), "--field", "body..text")
    assert r.exit_code == 2
    assert "invalid field path 'body..text'" in r.output


def test_fix_in_place_with_nothing_to_fix_leaves_the_file_alone(tmp_path):
    import os

    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "All fine."}\n')
    os.utime(src, ns=(1_000_000_000, 1_000_000_000))
    r = run("fix", str(src))
    assert r.exit_code == 0, r.output
    assert src.stat().st_mtime_ns == 1_000_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["in.jsonl"]


def test_diff_on_jsonl_names_the_record(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ['{"id": "x1", "text": "It began on Wedmesday."}', '{"id": "x2", "text": "Fine."}'])
    r = run("fix", str(src), "--diff", "--id-field", "id")
    assert r.exit_code == 1
    name = str(src).lstrip("/")  # git's form: "a/tmp/...", not "a//tmp/..."
    assert r.stdout == (f"--- a/{name}#1[x1]\n+++ b/{name}#1[x1]\n@@ -1 +1 @@\n-It began on Wedmesday.\n"
                        "\\ No newline at end of file\n+It began on Wednesday.\n\\ No newline at end of file\n")
    assert src.read_text().count("Wedmesday") == 1
