"""Files on disk: encodings, line endings, BOM, mode, atomic writes, no stray temporaries."""
from __future__ import annotations

import os
import stat

import pytest

RULE = """\
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    case: preserve
    fix: safe
    swap: {wedmesday: Wednesday}
    examples: [{text: "Wedmesday", fixed: "Wednesday"}]
    """


@pytest.fixture
def typo(project):
    project.rule("Typo/Days.yml", RULE)
    return project


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_crlf_bom_and_mode_are_kept(typo, cli):
    f = typo.write("a.txt", b"\xef\xbb\xbfline one\r\non Wedmesday\r\n")
    os.chmod(f, 0o640)
    assert cli("fix", "a.txt").exit_code == 0
    assert f.read_bytes() == b"\xef\xbb\xbfline one\r\non Wednesday\r\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert files_in(typo.root) == ["a.txt", "normlint.toml", "styles"]


def test_crlf_positions_are_the_same_as_lf(typo, cli):
    typo.write("a.txt", b"x\r\non Wedmesday\r\n")
    assert cli("check", "--format", "line", "a.txt").stdout == \
        "a.txt:2:4:Typo.Days:Use 'Wednesday' instead of 'Wedmesday'.\n"


def test_mixed_line_endings_are_left_as_they_are(typo, cli):
    f = typo.write("a.txt", b"one\r\ntwo\non Wedmesday\r\n")
    cli("fix", "a.txt")
    assert f.read_bytes() == b"one\r\ntwo\non Wednesday\r\n"


def test_not_utf8_is_skipped_untouched_exit_2(typo, cli):
    latin = "café on Wedmesday\n".encode("latin-1")
    bad = typo.write("latin.txt", latin)
    good = typo.write("good.txt", "on Wedmesday\n")
    result = cli("fix", ".")
    assert result.exit_code == 2
    assert "latin.txt: not UTF-8 text, skipped" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == latin
    assert good.read_text() == "on Wednesday\n"  # the run went on


def test_binary_is_skipped(typo, cli):
    typo.write("blob.txt", b"\x00\x01\x02Wedmesday")
    result = cli("check", "blob.txt")
    assert result.exit_code == 2
    assert result.stderr.strip() == "blob.txt: binary file, skipped"


def test_interrupted_write_leaves_original_and_no_temp(typo, monkeypatch):
    from normlint import files

    f = typo.write("a.txt", "on Wedmesday\n")

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", boom)
    tf = files.read_text_file(f)
    with pytest.raises(KeyboardInterrupt):
        files.write_text_file(tf, "on Wednesday\n")
    assert f.read_text() == "on Wedmesday\n"
    assert files_in(typo.root) == ["a.txt", "normlint.toml", "styles"]


def test_stale_temp_files_from_a_killed_run_are_removed_by_fix(typo, cli):
    typo.write("a.txt", "on Wedmesday\n")
    typo.write(".normlint-a.txt.abc123.tmp", "half a file")
    cli("fix", ".")
    assert files_in(typo.root) == ["a.txt", "normlint.toml", "styles"]


def test_a_write_batch_replaces_its_files_at_commit_keeping_modes(tmp_path):
    from normlint.files import WriteBatch

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a\n"), b.write_text("old b\n")
    a.chmod(0o640)
    batch = WriteBatch()
    batch.add(a, b"new a\n")
    batch.add(b, b"new b\n")
    assert (a.read_text(), b.read_text()) == ("old a\n", "old b\n")  # nothing replaced before the commit
    batch.commit()
    assert (a.read_text(), b.read_text()) == ("new a\n", "new b\n")
    assert a.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    batch.add(a, b"newer a\n")
    batch.discard()  # a failed batch: the file stays as it was, no temporary file is left
    assert a.read_text() == "new a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors through /proc/self/fd")
def test_replaced_files_are_let_go_in_the_background_without_piling_up_descriptors(tmp_path, monkeypatch):
    # The old file is held open across the rename and closed by a background thread: the
    # new text is in place when commit returns, and every held descriptor is let go.
    import time

    from normlint import files

    if not files.HOLD_REPLACED:
        pytest.skip("the old file is not held on this system")
    monkeypatch.setattr(files, "MAX_HELD", 50)
    paths = [tmp_path / f"{i}.txt" for i in range(300)]
    for p in paths:
        p.write_text("old\n")
    open_now = lambda: len(os.listdir("/proc/self/fd"))  # noqa: E731
    files.atomic_write(tmp_path / "warm.txt", b"x")  # (starts the closing thread)
    before = open_now()
    held = []
    real_close_later = files._close_later

    def watch(fd):
        held.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_close_later(fd)

    monkeypatch.setattr(files, "_close_later", watch)
    batch = files.WriteBatch()
    for i, p in enumerate(paths):
        batch.add(p, f"new {i}\n".encode())
    batch.commit()
    assert [p.read_text() for p in paths] == [f"new {i}\n" for i in range(300)]
    assert len(held) == 300 and all(h.endswith(" (deleted)") for h in held)  # the replaced files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([p.name for p in paths] + ["warm.txt"])
    deadline = time.monotonic() + 10
    while open_now() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert open_now() == before


def test_a_file_system_that_will_not_replace_an_open_file_still_gets_the_fix(tmp_path, monkeypatch):
    # (SMB shares refuse to rename over a file someone holds open: the held file is let go first)
    from normlint import files

    monkeypatch.setattr(files, "HOLD_REPLACED", True)
    held = set()
    real_hold, real_replace = files._hold, files.os.replace

    def hold(path):
        fd = real_hold(path)
        held.add(fd)
        return fd

    def replace(src, dst):
        if any(fd >= 0 and _open(fd) for fd in held):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    def _open(fd):
        try:
            os.fstat(fd)
            return True
        except OSError:
            return False

    monkeypatch.setattr(files, "_hold", hold)
    monkeypatch.setattr(files.os, "replace", replace)
    a = tmp_path / "a.txt"
    a.write_text("old\n")
    files.atomic_write(a, b"new\n")
    assert a.read_text() == "new\n"
    assert held and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_that_cannot_be_written_is_reported_and_the_run_goes_on(typo, cli, monkeypatch):
    import errno

    from normlint import files

    a = typo.write("a.txt", "on Wedmesday\n")
    b = typo.write("b.txt", "on Wedmesday\n")
    real = files.os.write

    def full_for_a(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}").split("/")[-1].startswith(".normlint-a.txt."):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(files.os, "write", full_for_a)
    result = cli("fix", "--format", "line", ".")
    assert result.exit_code == 2
    assert "a.txt: cannot write: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert (a.read_text(), b.read_text()) == ("on Wedmesday\n", "on Wednesday\n")
    assert files_in(typo.root) == ["a.txt", "b.txt", "normlint.toml", "styles"]


def test_a_failed_flush_stops_the_run_leaving_files_whole(typo, cli, monkeypatch):
    import errno

    from normlint import files

    texts = {typo.write(f"{n}.txt", "on Wedmesday\n"): "on Wedmesday\n" for n in "abc"}

    def fail(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", fail)
    result = cli("fix", ".")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: a.txt: cannot write: Input/output error (2 more fixed files left as they were)"
    assert {f: f.read_text() for f in texts} == texts  # nothing replaced: none of them was flushed
    assert files_in(typo.root) == ["a.txt", "b.txt", "c.txt", "normlint.toml", "styles"]


def test_report_into_a_missing_folder_is_refused_before_the_run(typo, cli):
    a = typo.write("a.txt", "on Wedmesday\n")
    result = cli("fix", "a.txt", "--report", "no/such/folder/r.json")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no/such/folder/r.json: the report's folder does not exist"
    assert a.read_text() == "on Wedmesday\n"
