"""`build` checks while it renders: the findings are those of `check`, and errors still
stop it before anything is written."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT, run_prikaz

from generator.check import check, check_alongside


def test_the_findings_are_those_of_check(departments):
    deps = [departments[name] for name in sorted(departments)]
    assert check_alongside(deps)() == check(deps)


def test_the_findings_can_be_asked_for_twice(departments):
    deps = [departments[name] for name in sorted(departments)]
    findings = check_alongside(deps)
    assert findings() == findings()


def test_errors_stop_the_build_before_any_file(tmp_path: Path):
    # The bundled content has errors by substance (hand-typed numbers of imported plans).
    out = tmp_path / "out"
    result = run_prikaz("build", str(CONTENT), "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert "Ничего не записано" in result.stderr
    assert not out.exists() or not any(out.rglob("*.docx"))
    forced = run_prikaz("build", str(CONTENT), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert any(out.rglob("*.docx"))


def test_a_cancelled_check_leaves_no_process(departments):
    import os

    deps = [departments[name] for name in sorted(departments)]
    pending = check_alongside(deps)
    child = pending._pid
    pending.cancel()
    if child:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            pass
        else:
            raise AssertionError("the child of a cancelled check is still running")
    assert pending() == check(deps)  # asked after all: computed here
