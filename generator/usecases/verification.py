"""`prikaz verify`: the state of every seal, and the orders not sealed yet."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..seals import SealState


@dataclass(frozen=True)
class OrganizationSeals:
    organization: m.Organization
    seals: tuple[SealState, ...]
    unsealed: tuple[tuple[m.Order, str], ...]  # (order, the id of what it should seal)


@dataclass(frozen=True)
class Verification:
    organizations: tuple[OrganizationSeals, ...]

    @property
    def total(self) -> int:
        return sum(len(o.seals) for o in self.organizations)

    @property
    def broken(self) -> int:
        return sum(not s.intact for o in self.organizations for s in o.seals)


def verify(folders: list[str]) -> Verification:
    """Every seal compared with the content as it is now (loaded without refusing a broken seal)."""
    from ..load import load
    from ..seals import states, unsealed

    departments = load(folders, check_seals=False)
    return Verification(
        tuple(OrganizationSeals(dep.organization, tuple(states(dep)), tuple(unsealed(dep))) for dep in departments)
    )
