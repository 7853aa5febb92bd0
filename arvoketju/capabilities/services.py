"""Writes for capabilities, including capabilities derived from project participation."""

from arvoketju.actors.models import OrganisationType
from arvoketju.collaboration.models import Participation, ProjectStatus
from arvoketju.provenance.services import Actor, fact_delete, fact_upsert

from .models import Capability, CapabilityBasis, CapabilityKind, CapabilityStatus

KIND_BY_ORGANISATION_TYPE = {
    OrganisationType.UNIVERSITY: CapabilityKind.RESEARCH,
    OrganisationType.RESEARCH_INSTITUTE: CapabilityKind.RESEARCH,
    OrganisationType.UAS: CapabilityKind.RESEARCH,
    OrganisationType.VOCATIONAL: CapabilityKind.EDUCATION,
    OrganisationType.COMPANY: CapabilityKind.PRODUCTION,
}
STATUS_BY_PROJECT_STATUS = {
    ProjectStatus.FUNDED: CapabilityStatus.ACTIVE,
    ProjectStatus.RUNNING: CapabilityStatus.ACTIVE,
    ProjectStatus.COMPLETED: CapabilityStatus.ACTIVE,
    ProjectStatus.SUBMITTED: CapabilityStatus.POTENTIAL,
    ProjectStatus.IN_PREPARATION: CapabilityStatus.POTENTIAL,
    ProjectStatus.IDEA: CapabilityStatus.POTENTIAL,
}
RULE = "participant in {project} ({status}) on {topic}: {kind}, {capability_status}"


def capabilities_derive_from_projects(*, actor: Actor) -> dict:
    """Derive capabilities from named participations in projects with stages or competences.

    Rule (documented in docs/decisions.md): a participant of a funded, running or completed project
    has an *active* capability in each of the project's stages and competences; of a submitted or
    planned one, a *potential* capability; rejected projects give none. The kind follows the
    organisation type (universities, UAS and research institutes: research; vocational: education;
    companies: production; others: service). Derived capabilities that no longer follow from the
    data are removed. Returns counts per outcome.
    """
    counts: dict[str, int] = {}
    wanted = set()
    participations = (
        Participation.objects.exclude(organisation=None)
        .select_related("project", "organisation", "project__source")
        .prefetch_related("project__stages", "project__competences")
    )
    for participation in participations:
        project, org = participation.project, participation.organisation
        status = STATUS_BY_PROJECT_STATUS.get(project.status)
        if status is None:
            continue
        kind = KIND_BY_ORGANISATION_TYPE.get(org.type, CapabilityKind.SERVICE)
        topics = [("stage", s) for s in project.stages.all()] + [("competence", c) for c in project.competences.all()]
        for field_name, topic in topics:
            lookup = {
                "organisation": org,
                "place": None,
                "stage": None,
                "competence": None,
                field_name: topic,
                "kind": kind,
                "basis": CapabilityBasis.DERIVED,
                "derived_from_project": project,
            }
            capability, outcome = fact_upsert(
                model=Capability,
                lookup=lookup,
                values={
                    "status": status,
                    "source": project.source,
                    "locator": f"project {project.key or project.pk}",
                    "visibility": project.visibility,
                    "valid_from": project.start,
                    "rule": RULE.format(
                        # stored text: raw values and keys, never the active language's labels
                        project=project.key or project.pk,
                        status=project.status,
                        topic=topic.key,
                        kind=kind,
                        capability_status=status,
                    ),
                },
                actor=actor,
            )
            wanted.add(capability.pk)
            counts[outcome] = counts.get(outcome, 0) + 1
    for stale in Capability.objects.filter(basis=CapabilityBasis.DERIVED).exclude(pk__in=wanted):
        fact_delete(instance=stale, actor=actor)
        counts["removed"] = counts.get("removed", 0) + 1
    return counts
