"""`prikaz check`, and the check every writing command runs first: errors stop it unless forced."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..errors import CheckFailed, Problem


@dataclass(frozen=True)
class Checked:
    departments: tuple[m.Department, ...]
    findings: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def infos(self) -> int:
        return sum(f.severity == "info" for f in self.findings)

    @property
    def documents(self) -> int:
        return sum(len(d.documents) for d in self.departments)


def check_paths(folders: list[str]) -> Checked:
    from ..check import check
    from ..load import load

    departments = load(folders)
    return Checked(tuple(departments), tuple(check(departments)))


def check_before(departments: list[m.Department], force: bool) -> Checked:
    """The findings before a command writes anything (see `stop_on_errors`)."""
    from ..check import check

    return stop_on_errors(departments, check(departments), force)


def stop_on_errors(departments: list[m.Department], findings: list[Problem], force: bool) -> Checked:
    """Errors raise CheckFailed (only the errors are listed then), unless `force`; otherwise
    the findings are returned, for a count."""
    errors = [f for f in findings if f.severity == "error"]
    if errors and not force:
        raise CheckFailed(errors)
    return Checked(tuple(departments), tuple(findings))
