"""API schemas for capabilities (shared with the places API for declared specialisations)."""

from arvoketju.api.common import FactOut, Ref


class DeclarationOut(FactOut):
    place: Ref
    stage: Ref | None = None
    competence: Ref | None = None
    statement: str


class CapabilityOut(FactOut):
    organisation: Ref | None = None
    place: Ref | None = None
    stage: Ref | None = None
    competence: Ref | None = None
    kind: str
    status: str
    strength: int | None = None
    basis: str
    derived_from_project: Ref | None = None
    rule: str
    evidence: str


class InfrastructureOut(FactOut):
    organisation: Ref
    name: str
    kind: str
    place: Ref | None = None
    description: str
